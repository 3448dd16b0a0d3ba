package quotatest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/quota"
)

// batchTests check quota.BatchStore's UpdateBatch, where the store has
// it, and the Ledger's batch paths (ConsumeMany, CloseContracts) on every
// store: with a BatchStore they must give what the one-at-a-time path
// gives.
var batchTests = []storeTest{
	{Name: "batch_writes_the_accepted_accounts_and_leaves_the_refused", Run: testBatchRefusals},
	{Name: "batch_with_a_booked_key_leaves_that_account_alone", Run: testBatchDuplicateKey},
	{Name: "batch_naming_an_id_no_contract_can_have_updates_the_others", Run: testBatchUnstorableID},
	{Name: "concurrent_batches_and_updates_lose_nothing", Run: testConcurrentBatches},
	{Name: "consume_many_gives_what_consume_gives", Run: testConsumeMany},
	{Name: "close_contracts_gives_what_close_gives", Run: testCloseContracts},
}

// batchStore returns s as a BatchStore, or skips the test.
func batchStore(t *testing.T, s quota.Store) quota.BatchStore {
	t.Helper()
	bs, ok := s.(quota.BatchStore)
	if !ok {
		t.Skip("the store has no UpdateBatch")
	}
	return bs
}

// plain hides a store's UpdateBatch: a Ledger on it takes the
// one-at-a-time path.
type plain struct{ quota.Store }

// adjust books one adjustment of hours under key on the account.
func adjust(key string, hours time.Duration) func(*quota.Account) error {
	return func(a *quota.Account) error {
		_, err := a.Adjust(quota.Adjustment{Key: key, Date: day(2026, time.January, 10), Hours: hours, Reason: "batch", By: "quotatest"})
		return err
	}
}

var errRefused = errors.New("quotatest: refused by the function")

func testBatchRefusals(t *testing.T, s quota.Store) {
	bs := batchStore(t, s)
	for _, id := range []string{"K-1", "K-2", "K-3"} {
		create(t, s, contract(id, nil))
	}
	errs, err := bs.UpdateBatch(context.Background(), []string{"K-1", "K-2", "nobody", "K-3"}, func(a *quota.Account) error {
		if a.Contract.ID == "K-2" {
			return errRefused
		}
		return adjust("extra", 5*h)(a)
	})
	require.NoError(t, err)
	require.Len(t, errs, 4)
	require.NoError(t, errs[0])
	require.ErrorIs(t, errs[1], errRefused, "fn's error comes back unchanged")
	require.ErrorIs(t, errs[2], quota.ErrNotFound)
	require.NoError(t, errs[3])
	for id, want := range map[string]struct {
		version int64
		balance time.Duration
	}{"K-1": {2, 105 * h}, "K-2": {1, 100 * h}, "K-3": {2, 105 * h}} {
		a := account(t, s, id)
		require.Equal(t, want.version, a.Version, id)
		require.Equal(t, want.balance, a.Balance(), id)
		checkLedger(t, s, id)
	}
}

// testBatchUnstorableID: an ID that is not valid UTF-8 or holds a NUL
// byte names no contract (no store keeps such an ID); in a batch it is
// ErrNotFound for its place only, and the other accounts are updated.
func testBatchUnstorableID(t *testing.T, s quota.Store) {
	bs := batchStore(t, s)
	for _, id := range []string{"K-1", "K-2"} {
		create(t, s, contract(id, nil))
	}
	errs, err := bs.UpdateBatch(context.Background(), []string{"K-1", "K-\xff", "K-\x00", "K-2"}, adjust("extra", 5*h))
	require.NoError(t, err)
	require.Len(t, errs, 4)
	require.NoError(t, errs[0])
	require.ErrorIs(t, errs[1], quota.ErrNotFound, "an ID that is not UTF-8")
	require.ErrorIs(t, errs[2], quota.ErrNotFound, "an ID with a NUL byte")
	require.NoError(t, errs[3])
	for _, id := range []string{"K-1", "K-2"} {
		a := account(t, s, id)
		require.Equal(t, int64(2), a.Version, id)
		require.Equal(t, 105*h, a.Balance(), id)
		checkLedger(t, s, id)
	}
}

func testBatchDuplicateKey(t *testing.T, s quota.Store) {
	bs := batchStore(t, s)
	for _, id := range []string{"K-1", "K-2", "K-3"} {
		create(t, s, contract(id, nil))
	}
	update(t, s, "K-1", adjust("booked", time.Hour))
	before := map[string][]quota.Entry{"K-1": entries(t, s, "K-1"), "K-3": entries(t, s, "K-3")}
	errs, err := bs.UpdateBatch(context.Background(), []string{"K-1", "K-2", "K-3"}, func(a *quota.Account) error {
		// Two entries each, so a refused account must drop both.
		if err := adjust("fresh", 2*h)(a); err != nil {
			return err
		}
		key := "booked" // on K-1 already
		if a.Contract.ID == "K-3" {
			key = "fresh" // twice on K-3
		}
		if a.Contract.ID == "K-2" {
			key = "other"
		}
		return adjust(key, 3*h)(a)
	})
	require.NoError(t, err)
	require.ErrorIs(t, errs[0], quota.ErrDuplicateKey, "K-1 booked the key before")
	require.NoError(t, errs[1])
	require.ErrorIs(t, errs[2], quota.ErrDuplicateKey, "K-3 books a key twice")
	for id, es := range before {
		require.Equal(t, es, entries(t, s, id), "%s: nothing of the refused account is stored", id)
		checkLedger(t, s, id)
	}
	require.Equal(t, 105*h, account(t, s, "K-2").Balance())
	checkLedger(t, s, "K-2")
}

func testConcurrentBatches(t *testing.T, s quota.Store) {
	bs := batchStore(t, s)
	ids := []string{"K-1", "K-2", "K-3", "K-4", "K-5"}
	for _, id := range ids {
		create(t, s, contract(id, nil))
	}
	const writers = 8
	conformance.Race(writers, func(i int) {
		key := fmt.Sprintf("writer-%d", i)
		if i%2 == 0 { // single updates race with the batches
			for _, id := range ids {
				update(t, s, id, adjust(key, time.Hour))
			}
			return
		}
		// Ledger retries a batch an optimistic store refused as a
		// whole; the test does the same.
		for {
			errs, err := bs.UpdateBatch(context.Background(), ids, adjust(key, time.Hour))
			if errors.Is(err, quota.ErrConflict) {
				continue
			}
			require.NoError(t, err)
			for _, err := range errs {
				require.NoError(t, err)
			}
			return
		}
	})
	for _, id := range ids {
		require.Equal(t, 100*h+writers*h, account(t, s, id).Balance(), "%s: every writer's hour is booked", id)
		checkLedger(t, s, id)
	}
}

// postings are a day of work on A-1 to A-3 (prefix "A") or their twins:
// a contract with 10h and no overdraft, one with unlimited overdraft,
// one that ends in January; a retry, a key reused with other content, a
// key twice in the call, an unknown contract and an invalid posting.
func postings(prefix string) []quota.Posting {
	p := func(n int, key string, d int, hours time.Duration) quota.Posting {
		return quota.Posting{ContractID: fmt.Sprintf("%s-%d", prefix, n), Consumption: quota.Consumption{Key: key, Date: day(2026, time.February, d), Hours: hours}}
	}
	return []quota.Posting{
		p(1, "a", 2, 4*h),
		p(1, "b", 3, 4*h),
		p(1, "c", 4, 4*h), // 12h of 10h: overdraft refused
		p(2, "a", 2, 30*h),
		p(2, "early", 1, h), // booked before the call: a retry
		p(2, "reused", 1, h),
		p(1, "d", 5, 2*h),
		p(2, "a", 2, 30*h), // twice in the call
		p(3, "a", 2, h),    // after the contract ended
		p(9, "a", 2, h),    // no such contract
		p(1, "", 2, h),     // no key
		p(2, "b", 3, 200*h),
	}
}

func openTwins(t *testing.T, s quota.Store, prefix string) {
	ctx := context.Background()
	l := ledger(s)
	for n, set := range map[int]func(*quota.Terms){
		1: func(t *quota.Terms) { t.Hours = 10 * h },
		2: func(t *quota.Terms) { t.Overdraft = quota.UnlimitedOverdraft() },
		3: nil,
	} {
		c := contract(fmt.Sprintf("%s-%d", prefix, n), set)
		c.Start, c.Terms[0].From = day(2026, time.February, 1), per("2026-02")
		if n == 3 {
			c.End = day(2026, time.February, 1)
		}
		_, err := l.Open(ctx, c)
		require.NoError(t, err)
	}
	id := prefix + "-2"
	_, err := l.Consume(ctx, id, quota.Consumption{Key: "early", Date: day(2026, time.February, 1), Hours: h})
	require.NoError(t, err)
	_, err = l.Consume(ctx, id, quota.Consumption{Key: "reused", Date: day(2026, time.February, 1), Hours: 2 * h})
	require.NoError(t, err)
}

// sameOutcome compares the results of the twins: entries alike but for
// the contract's name, errors of the same kinds.
func sameOutcome(t *testing.T, what string, want, got quota.PostResult, wantPrefix, gotPrefix string) {
	t.Helper()
	if (want.Err == nil) != (got.Err == nil) {
		t.Fatalf("%s: want error %v, got %v", what, want.Err, got.Err)
	}
	for _, kind := range []error{quota.ErrInvalid, quota.ErrNotFound, quota.ErrOverdraft, quota.ErrConflict, quota.ErrClosed, quota.ErrOutOfTerm} {
		require.Equal(t, errors.Is(want.Err, kind), errors.Is(got.Err, kind), "%s: %v vs %v", what, want.Err, got.Err)
	}
	got.Entry.ContractID = strings.Replace(got.Entry.ContractID, gotPrefix, wantPrefix, 1)
	if diff := cmp.Diff(want.Entry, got.Entry); diff != "" {
		t.Errorf("%s (-one at a time +many):\n%s", what, diff)
	}
}

func testConsumeMany(t *testing.T, s quota.Store) {
	ctx := context.Background()
	openTwins(t, s, "A")
	openTwins(t, s, "B")
	one := ledger(s)
	var want []quota.PostResult
	for _, p := range postings("A") {
		e, err := one.Consume(ctx, p.ContractID, p.Consumption)
		want = append(want, quota.PostResult{Entry: e, Err: err})
	}
	got := ledgerWith(s, quota.Config{Retries: 100, BatchSize: 2}).ConsumeMany(ctx, postings("B"))
	require.Len(t, got, len(want))
	for i := range want {
		sameOutcome(t, fmt.Sprintf("posting %d", i), want[i], got[i], "A-", "B-")
	}
	// The rules' own numbers: 8h of A-1's 10h taken, then c refused.
	require.ErrorIs(t, got[2].Err, quota.ErrOverdraft)
	require.NoError(t, got[6].Err, "d still fits after c was refused")
	require.Equal(t, got[3].Entry, got[7].Entry, "the key twice in the call books once")
	var conflict *quota.KeyConflictError
	require.ErrorAs(t, got[5].Err, &conflict)
	for _, n := range []int{1, 2, 3} {
		a, b := entries(t, s, fmt.Sprintf("A-%d", n)), entries(t, s, fmt.Sprintf("B-%d", n))
		require.Len(t, b, len(a), "B-%d books what A-%d books", n, n)
		checkLedger(t, s, fmt.Sprintf("B-%d", n))
	}
}

func testCloseContracts(t *testing.T, s quota.Store) {
	ctx := context.Background()
	var ids [2][]string
	for i, prefix := range []string{"A", "B"} {
		ids[i] = fleetOf(t, s, prefix, 10, 25*h) // from the fifth on, January's close corrects
	}
	// A-00 has closed February before, A-02 has February open, the others
	// are behind with January open; so are their B twins.
	l := ledger(s)
	for _, prefix := range []string{"A", "B"} {
		_, err := l.Close(ctx, prefix+"-00", per("2026-01"))
		require.NoError(t, err)
		_, err = l.Close(ctx, prefix+"-00", per("2026-02"))
		require.NoError(t, err)
		_, err = l.Close(ctx, prefix+"-02", per("2026-01"))
		require.NoError(t, err)
	}
	var want []quota.CloseResult
	for res, err := range ledger(plain{s}).CloseContracts(ctx, per("2026-02"), ids[0]) {
		require.NoError(t, err)
		want = append(want, res)
	}
	batched := ledgerWith(s, quota.Config{Retries: 100, BatchSize: 4})
	var got []quota.CloseResult
	for res, err := range batched.CloseContracts(ctx, per("2026-02"), ids[1]) {
		require.NoError(t, err)
		got = append(got, res)
	}
	rename := cmp.Transformer("rename", func(s string) string { return strings.Replace(s, "B-", "A-", 1) })
	if diff := cmp.Diff(want, got, rename); diff != "" {
		t.Errorf("close results (-one at a time +batched):\n%s", diff)
	}
	for _, id := range ids[1] {
		checkLedger(t, s, id)
	}
}
