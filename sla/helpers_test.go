package sla_test

import (
	"sync"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
)

var (
	berlin    = mustLoad("Europe/Berlin")
	amsterdam = mustLoad("Europe/Amsterdam")
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// ber and ams write an instant as the wall clock reads it there.
func ber(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, berlin)
}
func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, amsterdam)
}
func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

// orZeroDate is orZero for AddDays.
func orZeroDate(d date.Date, err error) date.Date {
	if err != nil {
		return date.Zero
	}
	return d
}

// orZero is the zero Time where a calendar operation returned an error
// (the result lies outside the calendar's years), for comparisons with a
// reference that answers zero there.
func orZero(t time.Time, err error) time.Time {
	if err != nil {
		return time.Time{}
	}
	return t
}

// officeNW is the acceptance calendar: Mon-Fri 09:00-17:00, Europe/Berlin,
// Nordrhein-Westfalen holidays (Warendorf).
var officeNW = sync.OnceValue(func() *sla.Calendar {
	c, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysNW,
	})
	if err != nil {
		panic(err)
	}
	return c
})

// officeNL is the Dutch complaints procedure's calendar: Dutch working days and holidays.
var officeNL = sync.OnceValue(func() *sla.Calendar {
	c, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Amsterdam",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: nl.Holidays,
	})
	if err != nil {
		panic(err)
	}
	return c
})

func newCalendar(t testing.TB, cfg sla.Config) *sla.Calendar {
	t.Helper()
	c, err := sla.NewCalendar(cfg)
	require.NoError(t, err)
	return c
}
