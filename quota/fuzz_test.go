package quota_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// FuzzConsume feeds arbitrary consumptions to an account: each is booked
// or refused with a documented error, never a panic, and a refusal
// changes nothing.
func FuzzConsume(f *testing.F) {
	f.Add("w-1", int64(date.New(2026, time.January, 5)), int64(h), "T-1")
	f.Add("", int64(0), int64(0), "")
	f.Add("quota:x", int64(date.New(2025, time.December, 31)), int64(-1), "\x00")
	f.Add("w", int64(date.New(2026, time.February, 1)), int64(quota.MaxHours+1), "r")
	f.Add("w", int64(1<<62), int64(1<<62), "\xff")
	f.Fuzz(func(t *testing.T, key string, day, hours int64, ref string) {
		a := open(t, contract(terms(func(t *quota.Terms) { t.Overdraft = quota.OverdraftUpTo(10 * h) })))
		before := a.Clone()
		c := quota.Consumption{Key: key, Date: date.Date(day), Hours: time.Duration(hours), Ref: ref}
		e, err := a.Consume(c)
		if err != nil {
			var oe *quota.OverdraftError
			documented := errors.Is(err, quota.ErrInvalid) || errors.Is(err, quota.ErrOutOfTerm) || errors.Is(err, quota.ErrNotOpen) || errors.As(err, &oe)
			require.True(t, documented, "undocumented error %v", err)
			if diff := cmp.Diff(before, a); diff != "" {
				t.Fatalf("refused with %v but changed:\n%s", err, diff)
			}
			return
		}
		require.NoError(t, c.Validate())
		require.Equal(t, -c.Hours, e.Hours)
		require.Equal(t, sum(a.Pending), a.Balance())
		require.GreaterOrEqual(t, a.Balance(), -10*h)
	})
}

// FuzzAdjust does the same for adjustments.
func FuzzAdjust(f *testing.F) {
	f.Add("a-1", int64(date.New(2026, time.January, 5)), int64(-h), "goodwill", "am")
	f.Add("a-1", int64(date.New(2026, time.January, 5)), int64(-1<<63), " ", "")
	f.Add("a-1", int64(date.New(2026, time.January, 5)), int64(quota.MaxHours), "r\tx", "b")
	f.Fuzz(func(t *testing.T, key string, day, hours int64, reason, by string) {
		a := open(t, contract(terms(nil)))
		before := a.Clone()
		adj := quota.Adjustment{Key: key, Date: date.Date(day), Hours: time.Duration(hours), Reason: reason, By: by}
		if _, err := a.Adjust(adj); err != nil {
			require.True(t, errors.Is(err, quota.ErrInvalid) || errors.Is(err, quota.ErrOutOfTerm) || errors.Is(err, quota.ErrNotOpen), "%v", err)
			require.Equal(t, before, a)
			return
		}
		require.NoError(t, adj.Validate())
		require.Equal(t, sum(a.Pending), a.Balance())
	})
}

// FuzzNewAccount builds contracts from arbitrary fields: valid ones open
// with their first allotment, invalid ones are a *ValidationError.
func FuzzNewAccount(f *testing.F) {
	f.Add("K-1", "C-1", int64(date.New(2026, time.January, 1)), int64(0), "2026-01", int64(100*h), "1500.00", "95", "full", "none", "settle")
	f.Add("K-1", "C-1", int64(date.New(2026, time.January, 15)), int64(date.New(2026, time.March, 31)), "2026-01", int64(h), "0", "0", "cap=20h keep=2", "limit=5h", "carry=3h")
	f.Add("", "\x01", int64(-5), int64(1<<40), "2026-13", int64(-1), "-1", "x", "keep=999", "limit=-1h", "carry")
	f.Fuzz(func(t *testing.T, id, customer string, start, end int64, from string, hours int64, price, rate, rollover, overdraft, correction string) {
		tm := quota.Terms{Hours: time.Duration(hours)}
		tm.From, _ = quota.ParsePeriod(from)
		tm.Price, _ = decimal.NewFromString(price)
		tm.OverageRate, _ = decimal.NewFromString(rate)
		tm.Rollover, _ = quota.ParseRollover(rollover)
		tm.Overdraft, _ = quota.ParseOverdraft(overdraft)
		tm.Correction, _ = quota.ParseCorrection(correction)
		c := quota.Contract{ID: id, CustomerID: customer, Start: date.Date(start), End: date.Date(end), Terms: []quota.Terms{tm}}
		a, err := quota.NewAccount(c)
		if err != nil {
			var ve *quota.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Error(t, c.Validate())
			return
		}
		require.NoError(t, c.Validate())
		require.Len(t, a.Pending, 1)
		require.Equal(t, tm.Hours, a.Balance())
		res, err := a.Close(a.Open)
		require.NoError(t, err)
		require.Equal(t, quota.Closed, res.Outcome)
		require.Equal(t, sum(a.Pending), a.Balance())
	})
}

func FuzzParseKind(f *testing.F) {
	for _, s := range []string{"allotment", "consumption", "reversal", "correction", "expiry", "adjustment", "", "Kind(0)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := quota.ParseKind(s)
		if err != nil {
			require.ErrorIs(t, err, quota.ErrInvalid)
			return
		}
		b, err := k.MarshalText()
		require.NoError(t, err)
		require.Equal(t, strings.ToLower(s), string(b), "any letter case is read, the lowercase name is written")
	})
}

// FuzzFormatHours checks that every amount writes in a form
// time.ParseDuration reads back to the same amount.
func FuzzFormatHours(f *testing.F) {
	for _, d := range []time.Duration{0, h, 90 * time.Minute, -45 * time.Minute, time.Nanosecond, quota.MaxBalance, -1 << 63, 1<<63 - 1} {
		f.Add(int64(d))
	}
	f.Fuzz(func(t *testing.T, n int64) {
		s := quota.FormatHours(time.Duration(n))
		back, err := time.ParseDuration(s)
		require.NoError(t, err, "%q", s)
		require.Equal(t, time.Duration(n), back, "%q", s)
	})
}

func TestKindText(t *testing.T) {
	for k := quota.KindAllotment; k <= quota.KindAdjustment; k++ {
		var back quota.Kind
		b, err := k.MarshalText()
		require.NoError(t, err)
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
	}
	_, err := quota.Kind(0).MarshalText()
	require.ErrorIs(t, err, quota.ErrInvalid)
	require.Equal(t, "Kind(7)", quota.Kind(7).String())
	require.Equal(t, []string{"0h", "50h", "7h30m", "45m", "-2h15m", "1h0m30s"},
		[]string{quota.FormatHours(0), quota.FormatHours(50 * h), quota.FormatHours(7*h + 30*time.Minute), quota.FormatHours(45 * time.Minute),
			quota.FormatHours(-2*h - 15*time.Minute), quota.FormatHours(h + 30*time.Second)})
}

// FuzzReverse reverses a booked consumption with arbitrary input: a
// reversal is booked once with the consumption's hours, or refused with a
// documented error and no change.
func FuzzReverse(f *testing.F) {
	f.Add("w1", int64(date.New(2026, time.January, 9)), "booked twice", "backoffice")
	f.Add("w2", int64(date.New(2026, time.January, 9)), "r", "b")
	f.Add("w1", int64(date.New(2026, time.February, 1)), "", "b")
	f.Add("quota:allot:2026-01", int64(0), "r\x7f", "b")
	f.Fuzz(func(t *testing.T, key string, day int64, reason, by string) {
		a := open(t, contract(terms(nil)))
		work, err := a.Consume(quota.Consumption{Key: "w1", Date: d(2026, time.January, 5), Hours: 3 * h})
		require.NoError(t, err)
		before := a.Clone()
		r := quota.Reversal{Key: key, Date: date.Date(day), Reason: reason, By: by}
		e, err := a.Reverse(work, r)
		if err != nil {
			require.True(t, errors.Is(err, quota.ErrInvalid) || errors.Is(err, quota.ErrOutOfTerm) || errors.Is(err, quota.ErrNotOpen), "%v", err)
			require.Equal(t, before, a)
			return
		}
		require.NoError(t, r.Validate())
		require.Equal(t, "w1", key)
		require.Equal(t, 3*h, e.Hours)
		require.Equal(t, 100*h, a.Balance())
	})
}

// FuzzWatch feeds Watch arbitrary thresholds and figures: it answers or
// refuses with a *ValidationError, and its suggestion is a multiple of
// the step at or above the average.
func FuzzWatch(f *testing.F) {
	f.Add(0, 0, int64(0), int64(100*h), int64(130*h), int64(0), int64(30*h))
	f.Add(2, 100, int64(15*time.Minute), int64(100*h), int64(99*h), int64(h), int64(0))
	f.Add(-1, 101, int64(-1), int64(-1), int64(-1<<63), int64(-1<<63), int64(1<<62))
	f.Fuzz(func(t *testing.T, periods, below int, step, allotted, used, closing, corrected int64) {
		var us []quota.Usage
		for i := range 4 {
			us = append(us, quota.Usage{Period: per("2026-01").Add(i), Allotted: time.Duration(allotted), Used: time.Duration(used) / time.Duration(i+1),
				Closing: time.Duration(closing), Corrected: time.Duration(corrected)})
		}
		cfg := quota.WatchConfig{Periods: periods, GenerousBelow: below, Step: time.Duration(step)}
		as, err := quota.Watch(us, cfg)
		if err != nil {
			require.ErrorIs(t, err, quota.ErrInvalid)
			return
		}
		s := cfg.Step
		if s == 0 {
			s = h
		}
		require.Zero(t, as.Suggested%s)
		if as.AverageUsed > 0 {
			require.GreaterOrEqual(t, as.Suggested, as.AverageUsed)
			require.Less(t, as.Suggested-as.AverageUsed, s)
		}
	})
}
