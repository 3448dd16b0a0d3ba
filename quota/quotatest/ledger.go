package quotatest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/quota"
)

// ledgerTests check what quota.Ledger guarantees on top of the store.
var ledgerTests = []storeTest{
	{Name: "fields_at_their_limits_round_trip_and_past_them_nothing_is_stored", Run: testLimits},
	{Name: "concurrent_consumers_cannot_overdraw", Run: testNoOverdraw},
	{Name: "concurrent_consumers_stop_at_the_overdraft_limit", Run: testOverdrawLimit},
	{Name: "retried_posting_books_once", Run: testRetry},
	{Name: "concurrent_retries_book_once", Run: testConcurrentRetries},
	{Name: "retry_after_the_balance_ran_out_replays", Run: testRetryAfterOverdraft},
	{Name: "key_reused_with_other_content_is_a_conflict", Run: testKeyReuse},
	{Name: "reversal_books_once", Run: testReversalOnce},
	{Name: "refused_posting_leaves_nothing_behind", Run: testRefusedPosting},
	{Name: "late_entry_is_booked_in_the_open_period", Run: testLateEntry},
	{Name: "statement_adds_up", Run: testStatement},
	{Name: "terms_change_from_a_period_on", Run: testChangeTerms},
	{Name: "end_and_final_close", Run: testEnd},
	{Name: "watch_flags_a_sliding_contract", Run: testWatch},
	{Name: "invariant_under_random_operations", Run: testRandomOperations},
}

// ledger is a Ledger on the store under test. An optimistic store lets
// one of the racing writers win each round, so with 40 racers 100 retries
// always suffice: refusals the tests see come from the rules, not from
// giving up.
func ledger(s quota.Store) *quota.Ledger { return ledgerWith(s, quota.Config{Retries: 100}) }

// ledgerWith is a Ledger on the store under test with cfg.
func ledgerWith(s quota.Store, cfg quota.Config) *quota.Ledger {
	l, err := quota.NewLedger(s, cfg)
	if err != nil {
		panic(err) // s is a store the suite was given, never nil
	}
	return l
}

// consumeRace has 40 consumers of 3h each race on one contract of 100h
// and reports how many were booked and how many refused for overdraft.
func consumeRace(t *testing.T, s quota.Store, o quota.Overdraft) (booked, refused int) {
	l := ledger(s)
	create(t, s, contract("K-1", func(t *quota.Terms) { t.Overdraft = o }))
	var mu sync.Mutex
	var unexpected []error
	conformance.Race(40, func(i int) {
		_, err := l.Consume(context.Background(), "K-1", quota.Consumption{Key: fmt.Sprint("w", i), Date: day(2026, time.January, 10), Hours: 3 * h})
		var oe *quota.OverdraftError
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err == nil:
			booked++
		case errors.As(err, &oe):
			refused++
		default:
			unexpected = append(unexpected, err)
		}
	})
	require.Empty(t, unexpected)
	checkLedger(t, s, "K-1")
	return booked, refused
}

func testNoOverdraw(t *testing.T, s quota.Store) {
	booked, refused := consumeRace(t, s, quota.NoOverdraft())
	// 100h hold 33 consumptions of 3h (99h); the other 7 must be refused.
	require.Equal(t, [2]int{33, 7}, [2]int{booked, refused})
	require.Equal(t, h, account(t, s, "K-1").Balance())
}

func testOverdrawLimit(t *testing.T, s quota.Store) {
	booked, refused := consumeRace(t, s, quota.OverdraftUpTo(10*h))
	// Down to -10h: 110h hold 36 consumptions (108h).
	require.Equal(t, [2]int{36, 4}, [2]int{booked, refused})
	require.Equal(t, -8*h, account(t, s, "K-1").Balance())
}

func testRetry(t *testing.T, s quota.Store) {
	l := ledger(s)
	create(t, s, contract("K-1", nil))
	c := quota.Consumption{Key: "work-7", Date: day(2026, time.January, 10), Hours: 90 * time.Minute, Ref: "T-7"}
	first, err := l.Consume(context.Background(), "K-1", c)
	require.NoError(t, err)
	again, err := l.Consume(context.Background(), "K-1", c)
	require.NoError(t, err)
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("a retry returns the original entry (-first +again):\n%s", diff)
	}
	adj := quota.Adjustment{Key: "adj-1", Date: day(2026, time.January, 11), Hours: 2 * h, Reason: "goodwill", By: "am"}
	a1, err := l.Adjust(context.Background(), "K-1", adj)
	require.NoError(t, err)
	a2, err := l.Adjust(context.Background(), "K-1", adj)
	require.NoError(t, err)
	require.Equal(t, a1, a2)
	require.Len(t, entries(t, s, "K-1"), 3, "allotment, one consumption, one adjustment")
	require.Equal(t, 100*h-90*time.Minute+2*h, account(t, s, "K-1").Balance())
	checkLedger(t, s, "K-1")
}

func testConcurrentRetries(t *testing.T, s quota.Store) {
	l := ledger(s)
	create(t, s, contract("K-1", nil))
	c := quota.Consumption{Key: "work-7", Date: day(2026, time.January, 10), Hours: 60 * h}
	got := make([]quota.Entry, 16)
	errs := make([]error, 16)
	conformance.Race(16, func(i int) { got[i], errs[i] = l.Consume(context.Background(), "K-1", c) })
	for i := range got {
		require.NoError(t, errs[i], "retry %d: a retry racing its original is answered with the original", i)
		require.Equal(t, got[0], got[i])
	}
	require.Len(t, entries(t, s, "K-1"), 2)
	require.Equal(t, 40*h, account(t, s, "K-1").Balance())
}

func testRetryAfterOverdraft(t *testing.T, s quota.Store) {
	l := ledger(s)
	create(t, s, contract("K-1", nil))
	c := quota.Consumption{Key: "all", Date: day(2026, time.January, 10), Hours: 100 * h}
	first, err := l.Consume(context.Background(), "K-1", c)
	require.NoError(t, err)
	again, err := l.Consume(context.Background(), "K-1", c)
	require.NoError(t, err, "the retry is not a new consumption the balance must cover")
	require.Equal(t, first, again)
}

func testKeyReuse(t *testing.T, s quota.Store) {
	l := ledger(s)
	create(t, s, contract("K-1", nil))
	c := quota.Consumption{Key: "work-7", Date: day(2026, time.January, 10), Hours: h}
	orig, err := l.Consume(context.Background(), "K-1", c)
	require.NoError(t, err)
	for _, other := range []quota.Consumption{
		{Key: "work-7", Date: day(2026, time.January, 10), Hours: 2 * h},
		{Key: "work-7", Date: day(2026, time.January, 11), Hours: h},
		{Key: "work-7", Date: day(2026, time.January, 10), Hours: h, Ref: "T-1"},
	} {
		_, err := l.Consume(context.Background(), "K-1", other)
		var ke *quota.KeyConflictError
		require.ErrorAs(t, err, &ke, "%+v", other)
		require.ErrorIs(t, err, quota.ErrConflict)
		require.Equal(t, "work-7", ke.Key)
		require.Equal(t, orig, ke.Existing)
		require.Equal(t, other, ke.Requested, "the error carries the refused request beside the booked entry")
	}
	_, err = l.Adjust(context.Background(), "K-1", quota.Adjustment{Key: "work-7", Date: day(2026, time.January, 10), Hours: -h, Reason: "r", By: "b"})
	require.ErrorIs(t, err, quota.ErrConflict, "a key is one posting, whatever its kind")
	require.Len(t, entries(t, s, "K-1"), 2)
	require.Equal(t, 99*h, account(t, s, "K-1").Balance())
}

func testReversalOnce(t *testing.T, s quota.Store) {
	l := ledger(s)
	create(t, s, contract("K-1", nil))
	_, err := l.Consume(context.Background(), "K-1", quota.Consumption{Key: "w1", Date: day(2026, time.January, 10), Hours: 8 * h})
	require.NoError(t, err)
	r := quota.Reversal{Key: "w1", Date: day(2026, time.January, 12), Reason: "booked on the wrong contract", By: "backoffice"}
	first, err := l.Reverse(context.Background(), "K-1", r)
	require.NoError(t, err)
	again, err := l.Reverse(context.Background(), "K-1", r)
	require.NoError(t, err)
	require.Equal(t, first, again, "reversing again returns the first reversal")
	r.Reason = "another reason"
	_, err = l.Reverse(context.Background(), "K-1", r)
	require.ErrorIs(t, err, quota.ErrConflict)
	_, err = l.Reverse(context.Background(), "K-1", quota.Reversal{Key: "nope", Date: day(2026, time.January, 12), Reason: "r", By: "b"})
	require.ErrorIs(t, err, quota.ErrNotFound)
	_, err = l.Reverse(context.Background(), "K-1", quota.Reversal{Key: "quota:allot:2026-01", Date: day(2026, time.January, 12), Reason: "r", By: "b"})
	require.ErrorIs(t, err, quota.ErrInvalid, "keys the ledger made are not the caller's")
	require.Equal(t, 100*h, account(t, s, "K-1").Balance())
	require.Len(t, entries(t, s, "K-1"), 3)
	checkLedger(t, s, "K-1")
}

func testRefusedPosting(t *testing.T, s quota.Store) {
	l := ledger(s)
	create(t, s, contract("K-1", nil))
	before := account(t, s, "K-1")
	for _, c := range []quota.Consumption{
		{Key: "too-much", Date: day(2026, time.January, 10), Hours: 101 * h},
		{Key: "too-early", Date: day(2025, time.December, 31), Hours: h},
		{Key: "not-open", Date: day(2026, time.February, 1), Hours: h},
		{Key: "", Date: day(2026, time.January, 10), Hours: h},
	} {
		_, err := l.Consume(context.Background(), "K-1", c)
		require.Error(t, err, c.Key)
	}
	_, err := l.Consume(context.Background(), "K-9", quota.Consumption{Key: "w", Date: day(2026, time.January, 10), Hours: h})
	require.ErrorIs(t, err, quota.ErrNotFound)
	if diff := cmp.Diff(before, account(t, s, "K-1")); diff != "" {
		t.Errorf("(-before +after):\n%s", diff)
	}
	require.Len(t, entries(t, s, "K-1"), 1)
	_, err = s.Entry(context.Background(), "K-1", "too-much")
	require.ErrorIs(t, err, quota.ErrNotFound)
}

func testLateEntry(t *testing.T, s quota.Store) {
	l := ledger(s)
	ctx := context.Background()
	create(t, s, contract("K-1", nil))
	_, err := l.Consume(ctx, "K-1", consume(day(2026, time.January, 12), 20*h))
	require.NoError(t, err)
	_, err = l.Close(ctx, "K-1", per("2026-01"))
	require.NoError(t, err)
	janEnd, err := l.Balance(ctx, "K-1", day(2026, time.January, 31))
	require.NoError(t, err)

	late, err := l.Consume(ctx, "K-1", quota.Consumption{Key: "late", Date: day(2026, time.January, 30), Hours: 4 * h, Ref: "T-9"})
	require.NoError(t, err)
	require.True(t, late.Late())
	require.Equal(t, per("2026-02"), late.Period)
	require.Equal(t, day(2026, time.January, 30), late.WorkDate)

	after, err := l.Balance(ctx, "K-1", day(2026, time.January, 31))
	require.NoError(t, err)
	require.Equal(t, janEnd, after, "a closed period's balance does not change")
	feb, err := l.Statement(ctx, "K-1", per("2026-02"))
	require.NoError(t, err)
	require.Equal(t, 1, feb.Late)
	require.Equal(t, 80*h, feb.Opening)
	require.Equal(t, 176*h, feb.Closing)
}

func testStatement(t *testing.T, s quota.Store) {
	history(t, s) // K-1: Jan and Feb closed, Mar open
	l := ledger(s)
	ctx := context.Background()
	type figures struct {
		Closed                                                                bool
		Opening, Allotted, Consumed, Adjusted, Corrected, Closing, RolledOver time.Duration
		Late, Entries                                                         int
		Price, Charged                                                        string
	}
	for _, tt := range []struct {
		p    string
		want figures
	}{
		// January: 100 - 30 - 10 - 5 = 55, carried.
		{"2026-01", figures{true, 0, 100 * h, -45 * h, 0, 0, 55 * h, 55 * h, 0, 4, "1500", "0"}},
		// February: 55 + 100 - 2 (late) - 150 - 10 = -7, corrected at 95.
		{"2026-02", figures{true, 55 * h, 100 * h, -162 * h, 0, 7 * h, 0, 0, 1, 5, "1500", "665"}},
		// March, open: 100 - 3.
		{"2026-03", figures{false, 0, 100 * h, 0, -3 * h, 0, 97 * h, 0, 0, 2, "1500", "0"}},
	} {
		t.Run(tt.p, func(t *testing.T) {
			st, err := l.Statement(ctx, "K-1", per(tt.p))
			require.NoError(t, err)
			got := figures{st.Closed, st.Opening, st.Allotted, st.Consumed, st.Adjusted, st.Corrected, st.Closing, st.RolledOver,
				st.Late, len(st.Entries), st.Price.String(), st.Charged.String()}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			end, err := l.Balance(ctx, "K-1", per(tt.p).Last())
			require.NoError(t, err)
			require.Equal(t, st.Closing, end, "closing = balance on the last day")
		})
	}
	_, err := l.Statement(ctx, "K-1", per("2026-04"))
	require.ErrorIs(t, err, quota.ErrNotOpen)
	_, err = l.Statement(ctx, "K-1", per("2025-12"))
	require.ErrorIs(t, err, quota.ErrOutOfTerm)
	_, err = l.Statement(ctx, "K-1", quota.Period{})
	require.ErrorIs(t, err, quota.ErrInvalid)
}

func testChangeTerms(t *testing.T, s quota.Store) {
	l := ledger(s)
	ctx := context.Background()
	create(t, s, contract("K-1", nil))
	next := contract("K-1", func(t *quota.Terms) { t.From, t.Hours = per("2026-02"), 120*h }).Terms[0]
	c, err := l.ChangeTerms(ctx, "K-1", next)
	require.NoError(t, err)
	require.Len(t, c.Terms, 2)
	if diff := cmp.Diff(c, account(t, s, "K-1").Contract); diff != "" {
		t.Errorf("stored contract (-returned +stored):\n%s", diff)
	}
	res, err := l.Close(ctx, "K-1", per("2026-01"))
	require.NoError(t, err)
	require.Equal(t, 120*h, res.Entries[len(res.Entries)-1].Hours, "February allots the new hours")
	_, err = l.ChangeTerms(ctx, "K-1", next)
	require.ErrorIs(t, err, quota.ErrInvalid, "February is open now")
	require.Len(t, account(t, s, "K-1").Contract.Terms, 2)
}

func testEnd(t *testing.T, s quota.Store) {
	l := ledger(s)
	ctx := context.Background()
	create(t, s, contract("K-1", nil))
	_, err := l.Consume(ctx, "K-1", consume(day(2026, time.January, 12), 30*h))
	require.NoError(t, err)
	c, err := l.SetEnd(ctx, "K-1", day(2026, time.January, 20))
	require.NoError(t, err)
	require.Equal(t, day(2026, time.January, 20), c.End)
	res, err := l.Close(ctx, "K-1", per("2026-01"))
	require.NoError(t, err)
	require.True(t, res.Final)
	require.Equal(t, -70*h, res.Expired, "the unused 70h lapse at the end")
	require.Equal(t, time.Duration(0), res.Closing)
	_, err = l.Consume(ctx, "K-1", consume(day(2026, time.January, 15), h))
	require.ErrorIs(t, err, quota.ErrClosed)
	again, err := l.Close(ctx, "K-1", per("2026-01"))
	require.NoError(t, err)
	require.Equal(t, quota.AlreadyClosed, again.Outcome)
	require.True(t, again.Final)
	if diff := cmp.Diff(res.Entries, again.Entries); diff != "" {
		t.Errorf("closing again reports other entries (-first +again):\n%s", diff)
	}
	_, err = l.SetEnd(ctx, "K-1", 0)
	require.ErrorIs(t, err, quota.ErrClosed)
}

func testWatch(t *testing.T, s quota.Store) {
	l := ledger(s)
	ctx := context.Background()
	create(t, s, contract("K-1", func(t *quota.Terms) { t.Overdraft = quota.UnlimitedOverdraft() }))
	// 120h, 130h, 110h used on 100h a month: corrected each month.
	for i, used := range []time.Duration{120 * h, 130 * h, 110 * h} {
		p := per("2026-01").Add(i)
		_, err := l.Consume(ctx, "K-1", consume(p.First()+9, used))
		require.NoError(t, err)
		_, err = l.Close(ctx, "K-1", p)
		require.NoError(t, err)
	}
	as, err := l.Watch(ctx, "K-1", per("2026-03"), quota.WatchConfig{})
	require.NoError(t, err)
	require.Equal(t, quota.Sliding, as.Flag)
	require.Equal(t, 120*h, as.AverageUsed)
	require.Equal(t, 120*h, as.Suggested)
	require.Len(t, as.Usage, 3)
	require.Equal(t, 30*h, as.Usage[1].Corrected)

	short, err := l.Watch(ctx, "K-1", per("2026-02"), quota.WatchConfig{})
	require.NoError(t, err)
	require.Equal(t, quota.Steady, short.Flag, "two periods are too few for three")
	_, err = l.Watch(ctx, "K-1", per("2026-04"), quota.WatchConfig{})
	require.ErrorIs(t, err, quota.ErrNotOpen)
}

// testRandomOperations posts random work, retries, key reuses,
// reversals, adjustments and closes on five contracts from four
// goroutines, with a fixed seed per goroutine, and checks that every
// contract's ledger adds up and that each key was booked exactly once.
func testRandomOperations(t *testing.T, s quota.Store) {
	l := ledger(s)
	ctx := context.Background()
	ids := []string{"R-1", "R-2", "R-3", "R-4", "R-5"}
	for i, id := range ids {
		create(t, s, contract(id, func(t *quota.Terms) {
			t.Hours = time.Duration(20+i*20) * h
			t.Overdraft = []quota.Overdraft{quota.NoOverdraft(), quota.OverdraftUpTo(5 * h), quota.UnlimitedOverdraft()}[i%3]
			t.Rollover = []quota.Rollover{quota.FullRollover(), quota.NoRollover(), quota.CappedRollover(10 * h), quota.ExpiringRollover(1)}[i%4]
		}))
	}
	var mu sync.Mutex
	booked := map[string]quota.Entry{} // contract/key -> the entry every post of it returned
	var unexpected []error
	conformance.Race(4, func(g int) {
		rng := rand.New(rand.NewPCG(uint64(g), 2026))
		var mine []quota.Consumption
		for step := range 150 {
			id := ids[rng.IntN(len(ids))]
			a, err := l.Account(ctx, id)
			if err != nil {
				mu.Lock()
				unexpected = append(unexpected, err)
				mu.Unlock()
				return
			}
			on := a.Open.First() + date.Date(rng.IntN(28))
			var e quota.Entry
			var key string
			switch op := rng.IntN(10); {
			case op < 5:
				c := quota.Consumption{Key: fmt.Sprintf("g%d-%d", g, step), Date: on, Hours: time.Duration(1+rng.IntN(600)) * time.Minute}
				mine = append(mine, c)
				key = c.Key
				e, err = l.Consume(ctx, id, c)
			case op < 7 && len(mine) > 0: // retry an earlier posting, maybe on another contract
				c := mine[rng.IntN(len(mine))]
				key = c.Key
				e, err = l.Consume(ctx, id, c)
			case op < 8:
				adj := quota.Adjustment{Key: fmt.Sprintf("g%d-a%d", g, step), Date: on, Hours: time.Duration(rng.IntN(120)-60)*time.Minute + time.Second, Reason: "r", By: "b"}
				key = adj.Key
				e, err = l.Adjust(ctx, id, adj)
			default:
				_, err = l.Close(ctx, id, a.Open)
			}
			var oe *quota.OverdraftError
			var ke *quota.KeyConflictError
			mu.Lock()
			switch {
			case err == nil && key != "":
				k := id + "/" + key
				// cmp, not ==: a decimal read back from a database holds
				// its own big.Int and is Equal, never ==, to a computed one.
				if prev, ok := booked[k]; ok && !cmp.Equal(prev, e) {
					unexpected = append(unexpected, fmt.Errorf("%s answered %+v, before %+v", k, e, prev))
				}
				booked[k] = e
			case err == nil, errors.As(err, &oe), errors.As(err, &ke), errors.Is(err, quota.ErrNotOpen):
				// ErrNotOpen: a close by another goroutine moved the open period.
			default:
				unexpected = append(unexpected, err)
			}
			mu.Unlock()
		}
	})
	require.Empty(t, unexpected)
	for _, id := range ids {
		checkLedger(t, s, id)
		n := 0
		for _, e := range entries(t, s, id) {
			if e.Kind == quota.KindConsumption || e.Kind == quota.KindAdjustment {
				n++
				if diff := cmp.Diff(booked[id+"/"+e.Key], e); diff != "" {
					t.Errorf("the stored entry is not the one the posts returned (-posted +stored):\n%s", diff)
				}
			}
		}
		m := 0
		for k := range booked {
			if len(k) > len(id) && k[:len(id)+1] == id+"/" {
				m++
			}
		}
		require.Equal(t, m, n, "%s: one entry per key booked, none lost", id)
	}
}

// testLimits opens a contract with every field at its documented limit
// (IDs of 200 bytes of multi-byte UTF-8, a start in the last month of the
// year 9999, MaxHours a month, the largest price and rate below 10^12
// with the most decimals) and books on it with a key and a reference at
// their limits: everything reads back as booked. One step past each
// limit is refused with ErrInvalid before the store is touched, and the
// contracts stored before stay readable.
func testLimits(t *testing.T, s quota.Store) {
	ctx := context.Background()
	l := ledger(s)
	create(t, s, contract("K-1", nil))
	id := strings.Repeat("Ä", 100) // 200 bytes
	atLimit := quota.Contract{ID: id, CustomerID: strings.Repeat("ö", 100), Start: day(9999, time.December, 1), Terms: []quota.Terms{{
		From: per("9999-12"), Hours: quota.MaxHours,
		Price: decimal.RequireFromString("999999999999.99"), OverageRate: decimal.RequireFromString("999999999999.9999"),
	}}}
	_, err := l.Open(ctx, atLimit)
	require.NoError(t, err)
	consumption := quota.Consumption{Key: strings.Repeat("ü", 100), Date: day(9999, time.December, 31), Hours: time.Hour, Ref: strings.Repeat("ß", 250)}
	_, err = l.Consume(ctx, id, consumption)
	require.NoError(t, err)
	got, err := l.Account(ctx, id)
	require.NoError(t, err)
	require.Equal(t, atLimit.CustomerID, got.Contract.CustomerID)
	require.Equal(t, atLimit.Start, got.Contract.Start)
	require.True(t, got.Contract.Terms[0].Price.Equal(atLimit.Terms[0].Price), "price %s", got.Contract.Terms[0].Price)
	require.True(t, got.Contract.Terms[0].OverageRate.Equal(atLimit.Terms[0].OverageRate), "rate %s", got.Contract.Terms[0].OverageRate)
	require.Equal(t, quota.MaxHours-time.Hour, got.Balance())
	e, err := s.Entry(ctx, id, consumption.Key)
	require.NoError(t, err)
	require.Equal(t, consumption.Ref, e.Ref)

	past := func(set func(c *quota.Contract)) quota.Contract {
		c := contract("K-past", nil)
		set(&c)
		return c
	}
	for name, c := range map[string]quota.Contract{
		"id_of_201_bytes":     past(func(c *quota.Contract) { c.ID = id + "x" }),
		"start_in_10000":      past(func(c *quota.Contract) { c.Start = day(9999, time.December, 31) + 1 }),
		"price_of_a_trillion": past(func(c *quota.Contract) { c.Terms[0].Price = decimal.New(1, 12) }),
		"rate_with_5_decimals": past(func(c *quota.Contract) {
			c.Terms[0].OverageRate = decimal.RequireFromString("95.00001")
		}),
		"rate_of_1e-17000": past(func(c *quota.Contract) { c.Terms[0].OverageRate = decimal.New(1, -17000) }),
	} {
		_, err := l.Open(ctx, c)
		require.ErrorIs(t, err, quota.ErrInvalid, name)
		_, err = s.Account(ctx, c.ID)
		require.ErrorIs(t, err, quota.ErrNotFound, "%s: nothing was stored", name)
	}
	_, err = l.Consume(ctx, id, quota.Consumption{Key: "k", Date: day(9999, time.December, 31), Hours: time.Hour, Ref: strings.Repeat("x", 501)})
	require.ErrorIs(t, err, quota.ErrInvalid)
	for _, c := range []string{"K-1", id} {
		_, err := l.Account(ctx, c)
		require.NoError(t, err, "contract %q stays readable", c)
	}
}
