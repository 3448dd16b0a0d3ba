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

// closeTests check the month-end close through the store.
var closeTests = []storeTest{
	{Name: "close_is_idempotent", Run: testCloseTwice},
	{Name: "concurrent_closes_book_once", Run: testConcurrentCloses},
	{Name: "close_before_the_open_period_is_refused", Run: testCloseNotOpen},
	{Name: "close_of_a_running_month_is_refused_when_today_is_known", Run: testCloseRunningMonth},
	{Name: "close_all_closes_every_contract", Run: testCloseAll},
	{Name: "close_all_reruns_after_a_crash_midway", Run: testCloseAllCrash},
	{Name: "close_all_goes_on_after_a_failing_contract", Run: testCloseAllFailure},
	{Name: "close_all_catches_up_and_skips_out_of_term", Run: testCloseAllCatchUp},
}

// overbooked opens K-1 with unlimited overdraft and books 130h in
// January: the close corrects 30h for 2,850.00.
func overbooked(t *testing.T, s quota.Store, id string) {
	create(t, s, contract(id, func(t *quota.Terms) { t.Overdraft = quota.UnlimitedOverdraft() }))
	_, err := ledger(s).Consume(context.Background(), id, consume(day(2026, time.January, 20), 130*h))
	require.NoError(t, err)
}

// sameClose compares two results of closing one period, but for Outcome.
func sameClose(t *testing.T, want, got quota.CloseResult) {
	t.Helper()
	got.Outcome = want.Outcome
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("close result (-want +got):\n%s", diff)
	}
}

func testCloseTwice(t *testing.T, s quota.Store) {
	overbooked(t, s, "K-1")
	l := ledger(s)
	first, err := l.Close(context.Background(), "K-1", per("2026-01"))
	require.NoError(t, err)
	require.Equal(t, quota.Closed, first.Outcome)
	require.Equal(t, 30*h, first.Corrected)
	require.Equal(t, "2850", first.Amount.String())
	require.Len(t, first.Entries, 2, "the correction and February's allotment")
	before := account(t, s, "K-1")
	n := len(entries(t, s, "K-1"))

	again, err := l.Close(context.Background(), "K-1", per("2026-01"))
	require.NoError(t, err)
	require.Equal(t, quota.AlreadyClosed, again.Outcome)
	sameClose(t, first, again)
	if diff := cmp.Diff(before, account(t, s, "K-1")); diff != "" {
		t.Errorf("closing again changed the account (-before +after):\n%s", diff)
	}
	require.Len(t, entries(t, s, "K-1"), n)
	checkLedger(t, s, "K-1")
}

func testConcurrentCloses(t *testing.T, s quota.Store) {
	overbooked(t, s, "K-1")
	l := ledger(s)
	results := make([]quota.CloseResult, 8)
	errs := make([]error, 8)
	conformance.Race(8, func(i int) { results[i], errs[i] = l.Close(context.Background(), "K-1", per("2026-01")) })
	closed := 0
	for i, res := range results {
		require.NoError(t, errs[i])
		if res.Outcome == quota.Closed {
			closed++
		}
		require.Equal(t, 30*h, res.Corrected)
	}
	require.Equal(t, 1, closed, "exactly one close books")
	corrections := 0
	for _, e := range entries(t, s, "K-1") {
		if e.Kind == quota.KindCorrection {
			corrections++
		}
	}
	require.Equal(t, 1, corrections)
	checkLedger(t, s, "K-1")
}

func testCloseNotOpen(t *testing.T, s quota.Store) {
	create(t, s, contract("K-1", nil))
	l := ledger(s)
	_, err := l.Close(context.Background(), "K-1", per("2026-02"))
	require.ErrorIs(t, err, quota.ErrNotOpen)
	_, err = l.Close(context.Background(), "K-2", per("2026-01"))
	require.ErrorIs(t, err, quota.ErrNotFound)
	_, err = l.Close(context.Background(), "K-1", quota.Period{})
	require.ErrorIs(t, err, quota.ErrInvalid)
	require.Equal(t, int64(1), account(t, s, "K-1").Version, "nothing was written")
}

// With Config.Today, the last day of January is still January: closing
// it then would allot February early and settle a balance that can change.
func testCloseRunningMonth(t *testing.T, s quota.Store) {
	overbooked(t, s, "K-1")
	today := day(2026, time.January, 31)
	l, err := quota.NewLedger(s, quota.Config{Today: func() date.Date { return today }})
	require.NoError(t, err)
	_, err = l.Close(context.Background(), "K-1", per("2026-01"))
	require.ErrorIs(t, err, quota.ErrPeriodRunning)
	for res, err := range l.CloseAll(context.Background(), per("2026-01")) {
		require.ErrorIs(t, err, quota.ErrPeriodRunning)
		require.Empty(t, res.ContractID, "refused once for the run, before any contract")
	}
	require.Equal(t, quota.MustParsePeriod("2026-01"), account(t, s, "K-1").Open, "nothing was closed")

	today = day(2026, time.February, 1)
	res, err := l.Close(context.Background(), "K-1", per("2026-01"))
	require.NoError(t, err)
	require.Equal(t, quota.Closed, res.Outcome)
	require.Equal(t, 30*h, res.Corrected)
}

// fleet opens 30 contracts C-00..C-29 and books i x 7h of January work on
// C-i: C-15 and up are overbooked (105h and more).
func fleet(t *testing.T, s quota.Store) []string { return fleetOf(t, s, "C", 30, 7*h) }

// fleetOf opens n contracts prefix-00, prefix-01, ... with unlimited
// overdraft; contract i books i x step in January.
func fleetOf(t *testing.T, s quota.Store, prefix string, n int, step time.Duration) []string {
	var ids []string
	l := ledger(s)
	for i := range n {
		id := fmt.Sprintf("%s-%02d", prefix, i)
		ids = append(ids, id)
		create(t, s, contract(id, func(t *quota.Terms) { t.Overdraft = quota.UnlimitedOverdraft() }))
		if i > 0 {
			_, err := l.Consume(context.Background(), id, consume(day(2026, time.January, 15), time.Duration(i)*step))
			require.NoError(t, err)
		}
	}
	return ids
}

// collect runs CloseAll and gathers its results by contract; stopAfter >
// 0 breaks off after that many results, as a crash would.
func collect(t *testing.T, l *quota.Ledger, p quota.Period, stopAfter int) (map[string]quota.CloseResult, map[string]error) {
	t.Helper()
	results, errs := map[string]quota.CloseResult{}, map[string]error{}
	n := 0
	for res, err := range l.CloseAll(context.Background(), p) {
		require.NotEmpty(t, res.ContractID, "every result names its contract (%v)", err)
		require.Equal(t, p, res.Period)
		if err != nil {
			errs[res.ContractID] = err
		} else {
			results[res.ContractID] = res
		}
		if n++; n == stopAfter {
			break
		}
	}
	return results, errs
}

func testCloseAll(t *testing.T, s quota.Store) {
	ids := fleet(t, s)
	results, errs := collect(t, ledger(s), per("2026-01"), 0)
	require.Empty(t, errs)
	require.Len(t, results, len(ids))
	for i, id := range ids {
		res := results[id]
		require.Equal(t, quota.Closed, res.Outcome, id)
		// 100h - i x 7h: a rest carries, an overbooking is corrected at 95.
		rest := 100*h - time.Duration(i)*7*h
		if rest >= 0 {
			require.Equal(t, rest, res.Closing, id)
			require.Zero(t, res.Corrected, id)
		} else {
			require.Zero(t, res.Closing, id)
			require.Equal(t, -rest, res.Corrected, id)
			require.Equal(t, quota.Charge(-rest, contract(id, nil).Terms[0].OverageRate).String(), res.Amount.String(), id)
		}
		checkLedger(t, s, id)
	}
}

func testCloseAllCrash(t *testing.T, s quota.Store) {
	ids := fleet(t, s)
	l := ledger(s)
	before, errs := collect(t, l, per("2026-01"), 11) // the job dies after 11 contracts
	require.Empty(t, errs)
	require.Len(t, before, 11)

	after, errs := collect(t, l, per("2026-01"), 0) // and is run again
	require.Empty(t, errs)
	require.Len(t, after, len(ids))
	for _, id := range ids {
		if first, ok := before[id]; ok {
			require.Equal(t, quota.AlreadyClosed, after[id].Outcome, id)
			sameClose(t, first, after[id])
		} else {
			// Closed by the rerun, or by a batch the crash interrupted
			// after its commit, before its results were read.
			require.Contains(t, []quota.Outcome{quota.Closed, quota.AlreadyClosed}, after[id].Outcome, id)
		}
	}
	third, errs := collect(t, l, per("2026-01"), 0)
	require.Empty(t, errs)
	for _, id := range ids {
		require.Equal(t, quota.AlreadyClosed, third[id].Outcome, id)
		sameClose(t, after[id], third[id])
		allotments := 0
		for _, e := range entries(t, s, id) {
			if e.Kind == quota.KindAllotment {
				allotments++
			}
		}
		require.Equal(t, 2, allotments, "%s: January's and one February allotment", id)
		checkLedger(t, s, id)
	}
}

// failing makes every Update of one contract fail, as a lost connection
// or a corrupt row would.
type failing struct {
	quota.Store
	id string
}

var errInjected = errors.New("quotatest: injected failure")

// Update fails for the one contract and passes the others through.
func (f failing) Update(ctx context.Context, id string, fn func(*quota.Account) error) error {
	if id == f.id {
		return errInjected
	}
	return f.Store.Update(ctx, id, fn)
}

func testCloseAllFailure(t *testing.T, s quota.Store) {
	ids := fleet(t, s)
	results, errs := collect(t, ledger(failing{Store: s, id: "C-17"}), per("2026-01"), 0)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs["C-17"], errInjected)
	require.Len(t, results, len(ids)-1, "the run went on after C-17")
	require.Equal(t, per("2026-01"), account(t, s, "C-17").Open)

	results, errs = collect(t, ledger(s), per("2026-01"), 0)
	require.Empty(t, errs)
	require.Equal(t, quota.Closed, results["C-17"].Outcome, "the rerun closes what failed")
	require.Equal(t, 19*h, results["C-17"].Corrected) // 17 x 7h = 119h on 100h
	for _, id := range ids {
		checkLedger(t, s, id)
	}
}

func testCloseAllCatchUp(t *testing.T, s quota.Store) {
	l := ledger(s)
	ctx := context.Background()
	create(t, s, contract("behind", nil)) // January still open
	later := contract("later", nil)
	later.Start, later.Terms[0].From = day(2026, time.April, 1), per("2026-04")
	create(t, s, later)
	ended := contract("ended", nil)
	ended.End = day(2026, time.January, 31)
	create(t, s, ended)
	_, err := l.Close(ctx, "ended", per("2026-01"))
	require.NoError(t, err)
	ending := contract("ending", nil) // ends in January, still open
	ending.End = day(2026, time.January, 31)
	create(t, s, ending)

	var got []string
	var mu sync.Mutex
	for res, err := range l.CloseAll(ctx, per("2026-02")) {
		require.NoError(t, err)
		mu.Lock()
		got = append(got, res.ContractID+" "+res.Period.String()+" "+res.Outcome.String())
		mu.Unlock()
	}
	require.Equal(t, []string{
		"behind 2026-01 closed",
		"behind 2026-02 closed",
		"ended 2026-02 out of term",
		"ending 2026-01 closed",
		"ending 2026-02 out of term",
		"later 2026-02 out of term",
	}, got)
	require.Equal(t, 300*h, account(t, s, "behind").Balance(), "three allotments, nothing used")
}
