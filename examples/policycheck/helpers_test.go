package policycheck_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

// d is a calendar date: d(2026, 3, 27).
func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

// h is a number of hours: h(50).
func h(n int) time.Duration { return time.Duration(n) * time.Hour }

// amsterdam is the zone of the Dutch complaints procedure's office.
var amsterdam = mustZone("Europe/Amsterdam")

// at is an instant on the Amsterdam wall clock: at(2026, 4, 24, 18, 0).
func at(y int, m time.Month, day, hour, minute int) time.Time {
	return time.Date(y, m, day, hour, minute, 0, 0, amsterdam)
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// noErr is require.NoError for one-line setup steps.
func noErr(t *testing.T, err error) {
	t.Helper()
	require.NoError(t, err)
}
