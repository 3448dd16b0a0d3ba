package quotatest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/quota"
)

// storeTests check the Store contract itself.
var storeTests = []storeTest{
	{Name: "create_then_read_back", Run: testCreate},
	{Name: "create_existing_is_a_conflict", Run: testCreateExisting},
	{Name: "create_with_a_repeated_key_stores_nothing", Run: testCreateRepeatedKey},
	{Name: "unknown_contract_is_not_found", Run: testUnknownContract},
	{Name: "unknown_key_is_not_found", Run: testUnknownKey},
	{Name: "update_stores_account_and_entries", Run: testUpdate},
	{Name: "failed_function_leaves_nothing_behind", Run: testFailedFunction},
	{Name: "duplicate_key_stores_nothing", Run: testDuplicateKey},
	{Name: "values_share_nothing_with_the_store", Run: testIsolation},
	{Name: "entries_by_period_in_seq_order", Run: testEntriesByPeriod},
	{Name: "entries_stop_when_the_consumer_does", Run: testEntriesBreak},
	{Name: "balance_on_every_day", Run: testBalanceEveryDay},
	{Name: "contracts_in_id_order", Run: testContracts},
	{Name: "concurrent_updates_lose_nothing", Run: testConcurrentUpdates},
	{Name: "cancelled_context_is_an_error", Run: testCancelled},
}

func testCreate(t *testing.T, s quota.Store) {
	a := create(t, s, contract("K-1", nil))
	want := a.Clone()
	want.Pending, want.Version = nil, 1
	if diff := cmp.Diff(want, account(t, s, "K-1")); diff != "" {
		t.Errorf("stored account (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(a.Pending, entries(t, s, "K-1")); diff != "" {
		t.Errorf("stored entries (-want +got):\n%s", diff)
	}
	e, err := s.Entry(context.Background(), "K-1", a.Pending[0].Key)
	require.NoError(t, err)
	if diff := cmp.Diff(a.Pending[0], e); diff != "" {
		t.Errorf("Entry (-want +got):\n%s", diff)
	}
	checkLedger(t, s, "K-1")
}

func testCreateExisting(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	other, err := quota.NewAccount(contract("K-1", func(t *quota.Terms) { t.Hours = 5 * h }))
	require.NoError(t, err)
	require.ErrorIs(t, s.Create(context.Background(), other), quota.ErrConflict)
	require.Equal(t, 100*h, account(t, s, "K-1").Balance(), "the first stays")
	require.Len(t, entries(t, s, "K-1"), 1)
}

func testCreateRepeatedKey(t *testing.T, s quota.Store) {
	a, err := quota.NewAccount(contract("K-1", nil))
	require.NoError(t, err)
	_, err = a.Consume(quota.Consumption{Key: "w", Date: day(2026, time.January, 2), Hours: h})
	require.NoError(t, err)
	a.Pending[1].Key = a.Pending[0].Key // as a buggy caller might
	require.ErrorIs(t, s.Create(context.Background(), a), quota.ErrDuplicateKey)
	_, err = s.Account(context.Background(), "K-1")
	require.ErrorIs(t, err, quota.ErrNotFound, "nothing was stored")
}

// testUnknownContract asks for contracts that do not exist, among them IDs
// no store can hold (a NUL byte, invalid UTF-8): every store answers
// ErrNotFound for them alike, where PostgreSQL used to return its
// driver's error.
func testUnknownContract(t *testing.T, s quota.Store) {
	ctx := context.Background()
	create(t, s, contract("K-1", nil))
	for _, id := range []string{"K-2", "K-1\x00", "\xff\xfe"} {
		_, err := s.Account(ctx, id)
		require.ErrorIs(t, err, quota.ErrNotFound, "%q", id)
		called := false
		err = s.Update(ctx, id, func(*quota.Account) error { called = true; return nil })
		require.ErrorIs(t, err, quota.ErrNotFound, "%q", id)
		require.False(t, called, "fn does not run for an unknown contract")
		_, err = s.Entry(ctx, id, "quota:allot:2026-01")
		require.ErrorIs(t, err, quota.ErrNotFound, "%q", id)
		_, err = s.Balance(ctx, id, day(2026, time.January, 1))
		require.ErrorIs(t, err, quota.ErrNotFound, "%q", id)
		n := 0
		for e, err := range s.Entries(ctx, id, firstPeriod, lastPeriod) {
			n++
			require.ErrorIs(t, err, quota.ErrNotFound, "%q", id)
			require.Equal(t, quota.Entry{}, e)
		}
		require.Equal(t, 1, n, "the error is yielded once")
	}
}

func testUnknownKey(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	create(t, s, contract("K-2", nil))
	update(t, s, "K-2", func(a *quota.Account) error {
		_, err := a.Consume(quota.Consumption{Key: "only-on-K-2", Date: day(2026, time.January, 3), Hours: h})
		return err
	})
	_, err := s.Entry(context.Background(), "K-1", "only-on-K-2")
	require.ErrorIs(t, err, quota.ErrNotFound, "keys are per contract")
	_, err = s.Entry(context.Background(), "K-1", "")
	require.ErrorIs(t, err, quota.ErrNotFound)
}

func testUpdate(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	var want quota.Account
	update(t, s, "K-1", func(a *quota.Account) error {
		require.Equal(t, int64(1), a.Version, "fn sees the stored version")
		require.Empty(t, a.Pending, "fn starts without pending entries")
		if _, err := a.Consume(quota.Consumption{Key: "w1", Date: day(2026, time.January, 5), Hours: 30 * h, Ref: "T-1"}); err != nil {
			return err
		}
		if _, err := a.Close(per("2026-01")); err != nil {
			return err
		}
		want = a.Clone()
		return nil
	})
	got := account(t, s, "K-1")
	require.Equal(t, int64(2), got.Version, "one more per stored update")
	pending := want.Pending
	want.Pending, want.Version = nil, 2
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored account (-want +got):\n%s", diff)
	}
	es := entries(t, s, "K-1")
	if diff := cmp.Diff(pending, es[1:]); diff != "" {
		t.Errorf("stored entries (-want +got):\n%s", diff)
	}
	checkLedger(t, s, "K-1")
}

var errBoom = errors.New("quotatest: the function failed")

func testFailedFunction(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	before := account(t, s, "K-1")
	beforeEntries := entries(t, s, "K-1")
	err := s.Update(context.Background(), "K-1", func(a *quota.Account) error {
		if _, err := a.Consume(quota.Consumption{Key: "w1", Date: day(2026, time.January, 5), Hours: 30 * h}); err != nil {
			return err
		}
		if _, err := a.Close(per("2026-01")); err != nil {
			return err
		}
		a.Lots[0].Hours = time.Minute // in place, as careless code would
		a.Contract.Terms[0].Hours = time.Minute
		a.Contract.CustomerID = "changed"
		return fmt.Errorf("wrapped: %w", errBoom)
	})
	require.ErrorIs(t, err, errBoom, "Update returns fn's error")
	if diff := cmp.Diff(before, account(t, s, "K-1")); diff != "" {
		t.Errorf("account changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(beforeEntries, entries(t, s, "K-1")); diff != "" {
		t.Errorf("entries changed (-before +after):\n%s", diff)
	}
	_, err = s.Entry(context.Background(), "K-1", "w1")
	require.ErrorIs(t, err, quota.ErrNotFound, "the key is not taken")
	b, err := s.Balance(context.Background(), "K-1", day(2026, time.February, 1))
	require.NoError(t, err)
	require.Equal(t, 100*h, b)

	// The key and the period are still free.
	update(t, s, "K-1", func(a *quota.Account) error {
		_, err := a.Consume(quota.Consumption{Key: "w1", Date: day(2026, time.January, 5), Hours: 30 * h})
		return err
	})
	require.Equal(t, int64(2), account(t, s, "K-1").Version)
	checkLedger(t, s, "K-1")
}

func testDuplicateKey(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	update(t, s, "K-1", func(a *quota.Account) error {
		_, err := a.Consume(quota.Consumption{Key: "w1", Date: day(2026, time.January, 5), Hours: h})
		return err
	})
	before := account(t, s, "K-1")
	err := s.Update(context.Background(), "K-1", func(a *quota.Account) error {
		if _, err := a.Consume(quota.Consumption{Key: "w2", Date: day(2026, time.January, 6), Hours: h}); err != nil {
			return err
		}
		_, err := a.Consume(quota.Consumption{Key: "w1", Date: day(2026, time.January, 6), Hours: 2 * h})
		return err
	})
	require.ErrorIs(t, err, quota.ErrDuplicateKey, "a key booked before")
	err = s.Update(context.Background(), "K-1", func(a *quota.Account) error {
		for range 2 {
			if _, err := a.Adjust(quota.Adjustment{Key: "a1", Date: day(2026, time.January, 6), Hours: h, Reason: "r", By: "b"}); err != nil {
				return err
			}
		}
		return nil
	})
	require.ErrorIs(t, err, quota.ErrDuplicateKey, "a key twice among the pending entries")
	if diff := cmp.Diff(before, account(t, s, "K-1")); diff != "" {
		t.Errorf("account changed (-before +after):\n%s", diff)
	}
	_, err = s.Entry(context.Background(), "K-1", "w2")
	require.ErrorIs(t, err, quota.ErrNotFound, "the other pending entry was not stored either")
	require.Len(t, entries(t, s, "K-1"), 2)
	checkLedger(t, s, "K-1")
}

func testIsolation(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	got := account(t, s, "K-1")
	got.Lots[0].Hours = time.Minute
	got.Contract.Terms[0].Hours = time.Minute
	require.Equal(t, 100*h, account(t, s, "K-1").Balance(), "changing a returned account changes nothing stored")
	require.Equal(t, 100*h, account(t, s, "K-1").Contract.Terms[0].Hours)

	var kept *quota.Account
	update(t, s, "K-1", func(a *quota.Account) error { kept = a; return nil })
	kept.Lots[0].Hours = time.Minute
	kept.Contract.Terms[0].Hours = time.Minute
	require.Equal(t, 100*h, account(t, s, "K-1").Balance(), "changing fn's account after Update changes nothing stored")
	require.Equal(t, 100*h, account(t, s, "K-1").Contract.Terms[0].Hours)

	es := entries(t, s, "K-1")
	es[0].Hours = time.Minute
	require.Equal(t, 100*h, entries(t, s, "K-1")[0].Hours)
}

// history books three months on K-1 with entries out of date order in the
// open period and a late entry, and returns every entry.
func history(t *testing.T, s quota.Store) []quota.Entry {
	create(t, s, contract("K-1", func(t *quota.Terms) { t.Overdraft = quota.OverdraftUpTo(50 * h) }))
	steps := []func(a *quota.Account) error{
		func(a *quota.Account) error {
			_, err := a.Consume(consume(day(2026, time.January, 20), 30*h))
			return err
		},
		func(a *quota.Account) error {
			_, err := a.Consume(consume(day(2026, time.January, 5), 10*h))
			return err
		},
		func(a *quota.Account) error {
			_, err := a.Consume(consume(day(2026, time.January, 31), 5*h))
			return err
		},
		func(a *quota.Account) error { _, err := a.Close(per("2026-01")); return err },
		func(a *quota.Account) error {
			_, err := a.Consume(consume(day(2026, time.January, 28), 2*h))
			return err
		}, // late
		func(a *quota.Account) error {
			_, err := a.Consume(consume(day(2026, time.February, 27), 150*h))
			return err
		},
		func(a *quota.Account) error {
			_, err := a.Consume(consume(day(2026, time.February, 3), 10*h))
			return err
		},
		func(a *quota.Account) error { _, err := a.Close(per("2026-02")); return err },
		func(a *quota.Account) error {
			_, err := a.Adjust(quota.Adjustment{Key: "adj", Date: day(2026, time.March, 9), Hours: -3 * h, Reason: "r", By: "am"})
			return err
		},
	}
	for _, step := range steps {
		update(t, s, "K-1", step)
	}
	return entries(t, s, "K-1")
}

func testEntriesByPeriod(t *testing.T, s quota.Store) {
	all := history(t, s)
	require.Len(t, all, 11) // 3 allotments, 6 consumptions, 1 correction, 1 adjustment
	for _, tt := range []struct{ from, to string }{
		{"2026-01", "2026-01"}, {"2026-02", "2026-03"}, {"2026-01", "2026-03"}, {"2026-03", "2026-03"},
		{"2025-01", "2025-12"}, {"2026-04", "2027-01"}, {"2026-03", "2026-01"},
	} {
		t.Run(tt.from+"_"+tt.to, func(t *testing.T) {
			var want, got []quota.Entry
			for _, e := range all {
				if !e.Period.Before(per(tt.from)) && !e.Period.After(per(tt.to)) {
					want = append(want, e)
				}
			}
			for e, err := range s.Entries(context.Background(), "K-1", per(tt.from), per(tt.to)) {
				require.NoError(t, err)
				got = append(got, e)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for i, e := range all {
		require.Equal(t, int64(i+1), e.Seq)
	}
	checkLedger(t, s, "K-1")
}

func testEntriesBreak(t *testing.T, s quota.Store) {
	history(t, s)
	n := 0
	for _, err := range s.Entries(context.Background(), "K-1", firstPeriod, lastPeriod) {
		require.NoError(t, err)
		n++
		if n == 3 {
			break
		}
	}
	require.Equal(t, 3, n)
	// The store is usable afterwards (no lock left held).
	update(t, s, "K-1", func(*quota.Account) error { return nil })
}

func testBalanceEveryDay(t *testing.T, s quota.Store) {
	all := history(t, s)
	for on := day(2025, time.December, 30); on <= day(2026, time.April, 2); on++ {
		var want time.Duration
		for _, e := range all {
			if e.Date <= on {
				want += e.Hours
			}
		}
		got, err := s.Balance(context.Background(), "K-1", on)
		require.NoError(t, err)
		require.Equal(t, want, got, "balance on %s", on)
	}
	// Spot checks by hand: January 100 - 30 - 10 - 5 = 55 from the 31st;
	// February opens with 100 more and the late 2h on the 1st.
	for _, tt := range []struct {
		on   date.Date
		want time.Duration
	}{
		{day(2025, time.December, 31), 0},
		{day(2026, time.January, 1), 100 * h},
		{day(2026, time.January, 5), 90 * h},
		{day(2026, time.January, 31), 55 * h},
		{day(2026, time.February, 1), 153 * h},
		{day(2026, time.February, 27), -7 * h},
		{day(2026, time.February, 28), 0},  // 7h corrected at the close
		{day(2026, time.March, 9), 97 * h}, // 100 - 3
		{day(9999, time.December, 31), 97 * h},
	} {
		got, err := s.Balance(context.Background(), "K-1", tt.on)
		require.NoError(t, err)
		require.Equal(t, tt.want, got, "balance on %s", tt.on)
	}
}

func testContracts(t *testing.T, s quota.Store) {
	for _, id := range []string{"K-3", "K-10", "K-1", "A", "K-2"} {
		create(t, s, contract(id, nil))
	}
	var got []string
	for id, err := range s.Contracts(context.Background()) {
		require.NoError(t, err)
		got = append(got, id)
	}
	require.Equal(t, []string{"A", "K-1", "K-10", "K-2", "K-3"}, got, "ascending byte order")
	n := 0
	for range s.Contracts(context.Background()) {
		n++
		break
	}
	require.Equal(t, 1, n)
	create(t, s, contract("B", nil)) // not blocked by the broken-off iteration
}

// testConcurrentUpdates has writers race on one contract; each stored
// update adds one minute. Whatever the store's locking, no update may be
// lost: the balance, Seq and Version count exactly the successes.
func testConcurrentUpdates(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	const writers, each = 8, 25
	var (
		mu                sync.Mutex
		stored, conflicts int
		unexpected        []error
	)
	conformance.Race(writers, func(w int) {
		for i := range each {
			err := s.Update(context.Background(), "K-1", func(a *quota.Account) error {
				_, err := a.Adjust(quota.Adjustment{Key: fmt.Sprintf("w%d-%d", w, i), Date: day(2026, time.January, 2), Hours: time.Minute, Reason: "r", By: "b"})
				return err
			})
			mu.Lock()
			switch {
			case err == nil:
				stored++
			case errors.Is(err, quota.ErrConflict):
				conflicts++
			default:
				unexpected = append(unexpected, err)
			}
			mu.Unlock()
		}
	})
	require.Empty(t, unexpected)
	require.Equal(t, writers*each, stored+conflicts)
	require.Positive(t, stored)
	a := account(t, s, "K-1")
	require.Equal(t, 100*h+time.Duration(stored)*time.Minute, a.Balance())
	require.Equal(t, int64(1+stored), a.Seq)
	require.Equal(t, int64(1+stored), a.Version)
	checkLedger(t, s, "K-1")
}

func testCancelled(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Account(ctx, "K-1")
	require.ErrorIs(t, err, context.Canceled)
	called := false
	err = s.Update(ctx, "K-1", func(*quota.Account) error { called = true; return nil })
	require.ErrorIs(t, err, context.Canceled)
	require.False(t, called)
	a, err := quota.NewAccount(contract("K-2", nil))
	require.NoError(t, err)
	require.ErrorIs(t, s.Create(ctx, a), context.Canceled)
	_, err = s.Balance(ctx, "K-1", day(2026, time.January, 1))
	require.ErrorIs(t, err, context.Canceled)
	for _, err := range s.Entries(ctx, "K-1", firstPeriod, lastPeriod) {
		require.ErrorIs(t, err, context.Canceled)
	}
	for _, err := range s.Contracts(ctx) {
		require.ErrorIs(t, err, context.Canceled)
	}
	_, err = s.Account(context.Background(), "K-2")
	require.ErrorIs(t, err, quota.ErrNotFound)
	require.Equal(t, int64(1), account(t, s, "K-1").Version)
}
