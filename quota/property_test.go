package quota_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// TestLedgerInvariant books random work, reversals, adjustments, late
// entries, term changes and closes under random policies, and checks
// after every step that
//
//   - the balance is the sum of all entries booked (nothing lost or doubled),
//   - entries are numbered 1, 2, 3, ... with unique keys,
//   - lots are positive, ordered by expiry, and never coexist with debt,
//   - a refused step changed nothing,
//   - each close's closing balance is the sum of the entries dated up to
//     the period's end, so the day-by-day balance of a closed period is
//     final.
//
// The seed is fixed, so a failure repeats.
func TestLedgerInvariant(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 3))
	for run := range 60 {
		t.Run(fmt.Sprint(run), func(t *testing.T) { invariantRun(t, rng) })
	}
}

func randomTerms(rng *rand.Rand, from quota.Period) quota.Terms {
	t := quota.Terms{From: from, Hours: time.Duration(1+rng.IntN(100)) * h, Price: eur("1000.00"), OverageRate: eur("90.00")}
	switch rng.IntN(4) {
	case 1:
		t.Rollover = quota.NoRollover()
	case 2:
		t.Rollover = quota.CappedRollover(time.Duration(rng.IntN(50)) * h)
	case 3:
		t.Rollover = quota.Rollover{Expiring: true, Keep: rng.IntN(4), Capped: rng.IntN(2) == 0, Cap: 0}
		if t.Rollover.Capped {
			t.Rollover.Cap = time.Duration(rng.IntN(200)) * h
		}
	}
	switch rng.IntN(3) {
	case 1:
		t.Overdraft = quota.OverdraftUpTo(time.Duration(rng.IntN(30)) * h)
	case 2:
		t.Overdraft = quota.UnlimitedOverdraft()
	}
	if rng.IntN(2) == 0 {
		t.Correction = quota.CarryCorrection(time.Duration(rng.IntN(30)) * h)
	}
	return t
}

func invariantRun(t *testing.T, rng *rand.Rand) {
	c := quota.Contract{ID: "K-P", CustomerID: "C", Start: d(2026, time.January, 1+rng.IntN(28)), Terms: []quota.Terms{randomTerms(rng, per("2026-01"))}}
	if rng.IntN(3) == 0 {
		c.End = per("2026-01").Add(6 + rng.IntN(12)).Last()
	}
	a := open(t, c)
	var consumptions []quota.Entry
	reversed := map[string]bool{}
	closings := map[quota.Period]time.Duration{}
	for step := range 400 {
		before := a.Clone()
		p := a.Open
		day := p.First() + date.Date(rng.IntN(28))
		if day < c.Start {
			day = c.Start
		}
		var err error
		switch op := rng.IntN(20); {
		case op < 10:
			var e quota.Entry
			e, err = a.Consume(quota.Consumption{Key: fmt.Sprint("w", step), Date: day, Hours: time.Duration(1+rng.IntN(40*60)) * time.Minute})
			if err == nil {
				consumptions = append(consumptions, e)
			}
		case op < 12 && len(consumptions) > 0: // late or on-time reversal of a random consumption
			orig := consumptions[rng.IntN(len(consumptions))]
			if reversed[orig.Key] {
				continue
			}
			_, err = a.Reverse(orig, quota.Reversal{Key: orig.Key, Date: day, Reason: "mistake", By: "bo"})
			if err == nil {
				reversed[orig.Key] = true
			}
		case op < 14:
			_, err = a.Adjust(quota.Adjustment{Key: fmt.Sprint("a", step), Date: day, Hours: time.Duration(rng.IntN(40)-20)*h + time.Minute, Reason: "r", By: "am"})
		case op < 15 && p.After(c.Terms[0].From): // late work for the closed period before
			var e quota.Entry
			e, err = a.Consume(quota.Consumption{Key: fmt.Sprint("late", step), Date: p.Prev().Last(), Hours: 30 * time.Minute})
			if err == nil {
				require.True(t, e.Late())
				consumptions = append(consumptions, e)
			}
		case op < 16:
			err = a.ChangeTerms(randomTerms(rng, p.Add(1+rng.IntN(3))))
		default:
			var res quota.CloseResult
			res, err = a.Close(p)
			if err == nil && res.Outcome == quota.Closed {
				closings[p] = res.Closing
				require.Equal(t, res.Closing, sumDated(a.Pending, p.Last()), "closing of %s = entries dated up to its end", p)
			}
		}
		if err != nil {
			var oe *quota.OverdraftError
			if !errors.As(err, &oe) && !errors.Is(err, quota.ErrClosed) && !errors.Is(err, quota.ErrInvalid) && !errors.Is(err, quota.ErrOutOfTerm) {
				t.Fatalf("step %d: unexpected error %v", step, err)
			}
			// Pending is compared by length: entries are only ever appended.
			same := a.Seq == before.Seq && a.Debt == before.Debt && a.Open == before.Open && a.LastDate == before.LastDate &&
				slices.Equal(a.Lots, before.Lots) && len(a.Pending) == len(before.Pending)
			if diff := cmp.Diff(before.Contract, a.Contract); !same || diff != "" {
				t.Fatalf("step %d: refused with %v but changed the account:\n%s", step, err, diff)
			}
		}
		checkAccount(t, a)
	}
	for p, closing := range closings {
		require.Equal(t, closing, sumDated(a.Pending, p.Last()), "closed %s stays as it was closed", p)
	}
}

func sumDated(entries []quota.Entry, through date.Date) time.Duration {
	var s time.Duration
	for _, e := range entries {
		if e.Date <= through {
			s += e.Hours
		}
	}
	return s
}

func checkAccount(t *testing.T, a quota.Account) {
	t.Helper()
	if got, want := a.Balance(), sum(a.Pending); got != want {
		t.Fatalf("balance %s, sum of entries %s", got, want)
	}
	keys := make(map[string]bool, len(a.Pending))
	for i, e := range a.Pending {
		switch {
		case e.Seq != int64(i+1):
			t.Fatalf("entry %d has Seq %d", i+1, e.Seq)
		case keys[e.Key]:
			t.Fatalf("key %q booked twice", e.Key)
		case !e.Period.Contains(e.Date):
			t.Fatalf("entry %d dated %s in %s", e.Seq, e.Date, e.Period)
		case i > 0 && e.Period.Before(a.Pending[i-1].Period):
			t.Fatalf("entry %d goes back to %s", e.Seq, e.Period)
		}
		keys[e.Key] = true
	}
	if a.Seq != int64(len(a.Pending)) {
		t.Fatalf("Seq %d, %d entries", a.Seq, len(a.Pending))
	}
	if a.Debt < 0 || (a.Debt > 0 && len(a.Lots) > 0) {
		t.Fatalf("lots %v and debt %s", a.Lots, a.Debt)
	}
	sorted := slices.IsSortedFunc(a.Lots, func(x, y quota.Lot) int {
		switch {
		case x.Expires.IsZero() && y.Expires.IsZero():
			return 0
		case x.Expires.IsZero():
			return 1
		case y.Expires.IsZero():
			return -1
		}
		return x.Expires.Compare(y.Expires)
	})
	if !sorted {
		t.Fatalf("lots not by expiry: %v", a.Lots)
	}
	for _, l := range a.Lots {
		if l.Hours <= 0 {
			t.Fatalf("empty lot in %v", a.Lots)
		}
	}
}
