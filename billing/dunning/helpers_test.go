package dunning_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/sla"
)

// Helpers of the dunning tests, prefixed so they cannot clash with the
// work-billing tests in this package.

func dday(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func dmoney(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var dunBerlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

// dber is an instant as the wall clock reads it in Berlin.
func dber(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, dunBerlin)
}

// dunSupport is a support desk's calendar: Mon-Fri 09:00-17:00 in Berlin,
// with Berlin's holidays; in 2025
// Whit Monday is 9 June.
var dunSupport = sync.OnceValue(func() *sla.Calendar {
	c, err := sla.NewCalendar(sla.Config{
		Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysBE, FirstYear: 2020, LastYear: 2035,
	})
	if err != nil {
		panic(err)
	}
	return c
})

// dunRates is a host's table of German base rates around 2025: 2.27%
// from 1 January, 1.27% from 1 July (as published by the Bundesbank).
var dunRates = []dunning.BaseRate{
	{From: dday(2024, time.July, 1), Percent: dmoney("3.37")},
	{From: dday(2025, time.January, 1), Percent: dmoney("2.27")},
	{From: dday(2025, time.July, 1), Percent: dmoney("1.27")},
}

// dunPolicy is the test ladder: a free reminder 7 days after the due date,
// a first notice 14 days after it for 5.00, a second 14 days after that
// for 10.00; 10 days to pay; no interest, no flat fee.
func dunPolicy() dunning.Policy {
	return dunning.Policy{
		Levels: []dunning.Level{
			{Name: "Zahlungserinnerung", Days: 7},
			{Name: "1. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: dmoney("5.00")},
			{Name: "2. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: dmoney("10.00")},
		},
		Calendar:    dunSupport(),
		PaymentDays: 10,
		Dispute:     dunning.DisputePolicy{FallbackContact: "cs@ampere.cloud"},
	}
}

// dunInvoice is 1,000.00 owed by a business, due Friday 30 May 2025.
func dunInvoice() dunning.OpenInvoice {
	return dunning.OpenInvoice{
		Number: "RE-2025-0001", CustomerID: "C-1", CustomerType: dunning.BusinessCustomer,
		AccountManager: "am-anna", Due: dday(2025, time.May, 30), Amount: dmoney("1000.00"),
	}
}

func dunCase(t testing.TB, inv dunning.OpenInvoice) *dunning.Case {
	t.Helper()
	c, err := dunning.NewCase(inv)
	require.NoError(t, err)
	return &c
}

// dunRun runs the case on the day and requires the outcome.
func dunRun(t testing.TB, c *dunning.Case, p dunning.Policy, on date.Date, want dunning.Outcome) dunning.Result {
	t.Helper()
	res, err := c.Run(p, on)
	require.NoError(t, err)
	require.Equal(t, want, res.Outcome, "%s: %v", on, res.Reasons)
	return res
}

// dunDecimalEqual fails unless got equals want, as decimals.
func dunDecimalEqual(t testing.TB, want string, got decimal.Decimal, what string) {
	t.Helper()
	require.True(t, got.Equal(dmoney(want)), "%s = %s, want %s", what, got, want)
}

// errorsAs is errors.As for one-line conditions.
func errorsAs(err error, target any) bool { return errors.As(err, target) }
