package dunningtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/sla"
)

// TestStore runs the conformance suite of dunning.Store.
// newStore must return a new, empty store each time it is called; it may
// register cleanups on t. Subtests run one after another, each on its own
// store.
//
// It checks the store contract itself (not found, conflicts, versions,
// rollback of a failed function, isolation of returned values, ordering,
// cancelled contexts, no lost updates under concurrency) and then what
// dunning.Service builds on it: a run is idempotent for a day, a dunning
// run and a dispute on one invoice cannot both win, concurrent runs of
// one day issue one notice, and a refused step stores nothing.
func TestStore(t *testing.T, newStore func(t *testing.T) dunning.Store) {
	t.Helper()
	conformance.Run(t, newStore,
		conformance.Group[dunning.Store]{Name: "store", Checks: dunningStoreTests},
		conformance.Group[dunning.Store]{Name: "dunning", Checks: dunningServiceTests},
	)
}

// dunningTest is one check of the suite.
type dunningTest = conformance.Check[dunning.Store]

var dunningStoreTests = []dunningTest{
	{Name: "create_then_read_back", Run: dunningTestCreate},
	{Name: "create_existing_is_a_conflict", Run: dunningTestCreateExisting},
	{Name: "unknown_invoice_is_not_found", Run: dunningTestUnknown},
	{Name: "update_stores_the_case_and_counts_versions", Run: dunningTestUpdate},
	{Name: "failed_function_leaves_nothing_behind", Run: dunningTestRollback},
	{Name: "values_share_nothing_with_the_store", Run: dunningTestIsolation},
	{Name: "concurrent_updates_lose_nothing", Run: dunningTestConcurrentUpdates},
	{Name: "cases_in_number_order", Run: dunningTestCases},
	{Name: "cancelled_context_is_an_error", Run: dunningTestCancelled},
}

var dunningServiceTests = []dunningTest{
	{Name: "run_is_idempotent_for_a_day", Run: dunningTestIdempotentRun},
	{Name: "run_stores_cases_with_notices_only", Run: dunningTestRunCreates},
	{Name: "concurrent_dispute_and_run_cannot_both_win", Run: dunningTestDisputeRace},
	{Name: "concurrent_runs_of_a_day_issue_one_notice", Run: dunningTestRunRace},
	{Name: "refused_steps_store_nothing", Run: dunningTestRefused},
	{Name: "dispute_of_unknown_or_settled_invoice_is_refused", Run: dunningTestDisputeInvoice},
	{Name: "dispute_lifecycle_is_stored", Run: dunningTestDisputeLifecycle},
}

func dunningDay(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func dunningMoney(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var dunningBerlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

func dunningAt(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, dunningBerlin)
}

// dunningPolicy: a free reminder 7 days after the due date, a first
// notice 14 days later for 5.00, 10 days to pay, on a Mon-Fri 09:00-17:00
// calendar in Berlin.
var dunningPolicy = sync.OnceValue(func() dunning.Policy {
	cal, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), FirstYear: 2020, LastYear: 2035})
	if err != nil {
		panic(err)
	}
	return dunning.Policy{
		Levels: []dunning.Level{
			{Name: "Zahlungserinnerung", Days: 7},
			{Name: "1. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: dunningMoney("5.00")},
		},
		Calendar:    cal,
		PaymentDays: 10,
		Dispute:     dunning.DisputePolicy{FallbackContact: "cs@example.com"},
	}
})

// dunningInvoice is 1,000.00 due Friday 30 May 2025: reminded 6 June.
func dunningInvoice(number string) dunning.OpenInvoice {
	return dunning.OpenInvoice{
		Number: number, CustomerID: "C-" + number, CustomerType: dunning.BusinessCustomer, AccountManager: "am-1",
		Due: dunningDay(2025, time.May, 30), Amount: dunningMoney("1000.00"),
	}
}

var dunningReminderDay = dunningDay(2025, time.June, 6)

// dunningNewCase is a case with its reminder issued.
func dunningNewCase(t testing.TB, number string) dunning.Case {
	t.Helper()
	c, err := dunning.NewCase(dunningInvoice(number))
	require.NoError(t, err)
	res, err := c.Run(dunningPolicy(), dunningReminderDay)
	require.NoError(t, err)
	require.Equal(t, dunning.Issued, res.Outcome)
	return c
}

func dunningCreate(t testing.TB, s dunning.Store, number string) dunning.Case {
	t.Helper()
	c := dunningNewCase(t, number)
	require.NoError(t, s.CreateCase(context.Background(), c))
	return c
}

func dunningGet(t testing.TB, s dunning.Store, number string) dunning.Case {
	t.Helper()
	c, err := s.Case(context.Background(), number)
	require.NoError(t, err)
	return c
}

func dunningService(t testing.TB, s dunning.Store) *dunning.Service {
	t.Helper()
	d, err := dunning.NewService(s, dunning.Config{Policy: dunningPolicy()})
	require.NoError(t, err)
	return d
}

func dunningDiff(t testing.TB, what string, want, got any) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

// dunningEvent appends a marker event, as any rule would.
func dunningEvent(c *dunning.Case, reason string) {
	c.History = append(c.History, dunning.Event{Seq: len(c.History) + 1, Kind: dunning.EventInvoice,
		On: dunningReminderDay, By: "suite", Reason: reason})
}

func dunningTestCreate(t *testing.T, s dunning.Store) {
	c := dunningCreate(t, s, "RE-1")
	want := c.Clone()
	want.Version = 1
	dunningDiff(t, "stored case", want, dunningGet(t, s, "RE-1"))
}

func dunningTestCreateExisting(t *testing.T, s dunning.Store) {
	dunningCreate(t, s, "RE-1")
	other := dunningNewCase(t, "RE-1")
	other.Invoice.Amount = dunningMoney("5.00")
	require.ErrorIs(t, s.CreateCase(context.Background(), other), dunning.ErrConflict)
	require.True(t, dunningGet(t, s, "RE-1").Invoice.Amount.Equal(dunningMoney("1000")), "the first stays")
}

func dunningTestUnknown(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	dunningCreate(t, s, "RE-1")
	_, err := s.Case(ctx, "RE-2")
	require.ErrorIs(t, err, dunning.ErrNotFound)
	called := false
	err = s.UpdateCase(ctx, "RE-2", func(*dunning.Case) error { called = true; return nil })
	require.ErrorIs(t, err, dunning.ErrNotFound)
	require.False(t, called, "fn must not run for an unknown invoice")
}

func dunningTestUpdate(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	dunningCreate(t, s, "RE-1")
	var want dunning.Case
	require.NoError(t, s.UpdateCase(ctx, "RE-1", func(c *dunning.Case) error {
		require.Equal(t, int64(1), c.Version)
		dunningEvent(c, "first")
		c.Version = 99 // the store's, not fn's
		want = c.Clone()
		return nil
	}))
	want.Version = 2
	dunningDiff(t, "updated case", want, dunningGet(t, s, "RE-1"))
}

func dunningTestRollback(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	before := dunningCreate(t, s, "RE-1")
	before.Version = 1
	refused := errors.New("dunningtest: refused")
	err := s.UpdateCase(ctx, "RE-1", func(c *dunning.Case) error {
		dunningEvent(c, "never")
		c.Notices = nil
		c.Invoice.Amount = dunningMoney("1")
		return refused
	})
	require.ErrorIs(t, err, refused, "fn's error is returned unchanged")
	dunningDiff(t, "case after a failed update", before, dunningGet(t, s, "RE-1"))
}

func dunningTestIsolation(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	c := dunningCreate(t, s, "RE-1")
	c.Notices[0].Reasons[0] = "changed after create"
	got := dunningGet(t, s, "RE-1")
	require.NotEqual(t, "changed after create", got.Notices[0].Reasons[0])
	got.Notices[0].Reasons[0] = "changed after read"
	got.History[0].Reason = "changed after read"
	var kept *dunning.Case
	require.NoError(t, s.UpdateCase(ctx, "RE-1", func(c *dunning.Case) error {
		require.NotEqual(t, "changed after read", c.Notices[0].Reasons[0])
		kept = c
		return nil
	}))
	kept.History[0].Reason = "changed after commit"
	kept.Notices = nil
	got = dunningGet(t, s, "RE-1")
	require.Len(t, got.Notices, 1)
	require.NotEqual(t, "changed after commit", got.History[0].Reason)
	require.NotEqual(t, "changed after read", got.History[0].Reason)
}

func dunningTestConcurrentUpdates(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	dunningCreate(t, s, "RE-1")
	const n = 16
	errs := make([]error, n)
	conformance.Race(n, func(i int) {
		for { // an optimistic store refuses the later commit: retry
			errs[i] = s.UpdateCase(ctx, "RE-1", func(c *dunning.Case) error {
				dunningEvent(c, fmt.Sprint(i))
				return nil
			})
			if !errors.Is(errs[i], dunning.ErrConflict) {
				return
			}
		}
	})
	require.NoError(t, errors.Join(errs...))
	c := dunningGet(t, s, "RE-1")
	require.Len(t, c.History, 1+n, "every update kept")
	require.Equal(t, int64(1+n), c.Version)
	for i, e := range c.History {
		require.Equal(t, i+1, e.Seq, "no update saw a stale history")
	}
}

func dunningTestCases(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	for _, n := range []string{"RE-3", "RE-1", "RE-10", "RE-2"} {
		dunningCreate(t, s, n)
	}
	var got []string
	for id, err := range s.Cases(ctx) {
		require.NoError(t, err)
		got = append(got, id)
	}
	dunningDiff(t, "cases", []string{"RE-1", "RE-10", "RE-2", "RE-3"}, got)
	for range s.Cases(ctx) {
		break // a consumer may stop early
	}
}

func dunningTestCancelled(t *testing.T, s dunning.Store) {
	dunningCreate(t, s, "RE-1")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, s.CreateCase(ctx, dunningNewCase(t, "RE-2")), context.Canceled)
	_, err := s.Case(ctx, "RE-1")
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, s.UpdateCase(ctx, "RE-1", func(*dunning.Case) error { return nil }), context.Canceled)
	for _, err := range s.Cases(ctx) {
		require.ErrorIs(t, err, context.Canceled)
	}
}

// dunningRunAll runs the day over the invoices and returns the outcomes
// by invoice.
func dunningRunAll(t testing.TB, d *dunning.Service, on date.Date, invs ...dunning.OpenInvoice) map[string]dunning.Result {
	t.Helper()
	out := map[string]dunning.Result{}
	seq := func(yield func(dunning.OpenInvoice) bool) {
		for _, inv := range invs {
			if !yield(inv) {
				return
			}
		}
	}
	for res, err := range d.Run(context.Background(), on, seq) {
		require.NoError(t, err, res.Invoice)
		out[res.Invoice] = res
	}
	return out
}

func dunningTestIdempotentRun(t *testing.T, s dunning.Store) {
	d := dunningService(t, s)
	a, b := dunningInvoice("RE-1"), dunningInvoice("RE-2")
	first := dunningRunAll(t, d, dunningReminderDay, a, b)
	require.Equal(t, dunning.Issued, first["RE-1"].Outcome)
	again := dunningRunAll(t, d, dunningReminderDay, a, b)
	for _, n := range []string{"RE-1", "RE-2"} {
		require.Equal(t, dunning.Repeated, again[n].Outcome, n)
		dunningDiff(t, n+" notice", first[n].Notice, again[n].Notice)
		c := dunningGet(t, s, n)
		require.Len(t, c.Notices, 1, "%s: issued once", n)
		require.Len(t, c.History, 1, "%s: recorded once", n)
		require.Equal(t, int64(1), c.Version, "%s: a repeated run writes nothing", n)
	}
	// The next day nothing is due: no write either.
	next := dunningRunAll(t, d, dunningReminderDay+1, a)
	require.Equal(t, dunning.NotDue, next["RE-1"].Outcome)
	require.Equal(t, int64(1), dunningGet(t, s, "RE-1").Version)
}

func dunningTestRunCreates(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	d := dunningService(t, s)
	notDue := dunningInvoice("RE-9")
	notDue.Due = dunningReminderDay
	res := dunningRunAll(t, d, dunningReminderDay, dunningInvoice("RE-1"), notDue)
	require.Equal(t, dunning.NotDue, res["RE-9"].Outcome)
	_, err := s.Case(ctx, "RE-9")
	require.ErrorIs(t, err, dunning.ErrNotFound, "no case for an invoice without a notice")
	// An invalid invoice is an error for it alone; the run goes on.
	bad := dunningInvoice("RE-3")
	bad.CustomerType = 0
	var seen []string
	for res, err := range d.Run(ctx, dunningReminderDay, func(yield func(dunning.OpenInvoice) bool) {
		_ = yield(bad) && yield(dunningInvoice("RE-4"))
	}) {
		seen = append(seen, res.Invoice)
		if res.Invoice == "RE-3" {
			require.ErrorIs(t, err, dunning.ErrInvalid)
		} else {
			require.NoError(t, err)
		}
	}
	dunningDiff(t, "results", []string{"RE-3", "RE-4"}, seen)
	_, err = s.Case(ctx, "RE-3")
	require.ErrorIs(t, err, dunning.ErrNotFound)
	// Track creates a case without a notice, so it can be disputed.
	c, err := d.Track(ctx, notDue, dunningReminderDay)
	require.NoError(t, err)
	require.Empty(t, c.Notices)
	require.Equal(t, int64(1), c.Version)
	require.Equal(t, int64(1), dunningGet(t, s, "RE-9").Version)
	c, err = d.Track(ctx, notDue, dunningReminderDay)
	require.NoError(t, err)
	require.Equal(t, int64(1), c.Version, "unchanged: not written")
}

// dunningTestDisputeRace: a dispute of the whole invoice and the run of
// the day its reminder falls due, at the same moment, many times. Either
// the run commits first (the reminder is issued, then the dispute holds
// what follows) or the dispute does (the run finds everything held and
// issues nothing): never a reminder issued after the dispute, never a
// lost dispute.
func dunningTestDisputeRace(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	d := dunningService(t, s)
	const n = 40
	for i := range n {
		inv := dunningInvoice(fmt.Sprintf("RE-%03d", i))
		_, err := d.Track(ctx, inv, dunningReminderDay-1)
		require.NoError(t, err)
		var res dunning.Result
		var runErr, disputeErr error
		conformance.Race(2, func(i int) {
			if i == 0 {
				res, runErr = d.RunInvoice(ctx, dunningReminderDay, inv)
				return
			}
			_, disputeErr = d.OpenDispute(ctx, dunning.DisputeRequest{Invoice: inv.Number, ReceivedAt: dunningAt(2025, time.June, 6, 10),
				By: "k", Description: "alles falsch", All: true})
		})
		require.NoError(t, runErr)
		require.NoError(t, disputeErr)

		c := dunningGet(t, s, inv.Number)
		require.Len(t, c.Disputes, 1, "the dispute is kept")
		var noticeSeq, disputeSeq int
		for _, e := range c.History {
			switch e.Kind {
			case dunning.EventNotice:
				noticeSeq = e.Seq
			case dunning.EventDisputeOpened:
				disputeSeq = e.Seq
			}
		}
		switch res.Outcome {
		case dunning.Issued:
			require.Len(t, c.Notices, 1)
			require.Less(t, noticeSeq, disputeSeq, "the run won: its notice came before the dispute")
			require.Equal(t, 1, c.Disputes[0].NoticesBefore)
		case dunning.Held:
			require.Empty(t, c.Notices, "the dispute won: nothing may be issued")
		default:
			t.Fatalf("%s: %v %v", inv.Number, res.Outcome, res.Reasons)
		}
	}
}

func dunningTestRunRace(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	d := dunningService(t, s)
	inv := dunningInvoice("RE-1")
	const n = 8
	results := make([]dunning.Result, n)
	errs := make([]error, n)
	conformance.Race(n, func(i int) { results[i], errs[i] = d.RunInvoice(ctx, dunningReminderDay, inv) })
	require.NoError(t, errors.Join(errs...))
	count := map[dunning.Outcome]int{}
	for _, res := range results {
		count[res.Outcome]++
	}
	dunningDiff(t, "outcomes", map[dunning.Outcome]int{dunning.Issued: 1, dunning.Repeated: n - 1}, count)
	require.Len(t, dunningGet(t, s, "RE-1").Notices, 1)
}

func dunningTestRefused(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	d := dunningService(t, s)
	dunningRunAll(t, d, dunningReminderDay, dunningInvoice("RE-1"))
	_, err := d.OpenDispute(ctx, dunning.DisputeRequest{Invoice: "RE-1", ReceivedAt: dunningAt(2025, time.June, 10, 10),
		By: "k", Description: "Position 2", Amount: dunningMoney("200.00")})
	require.NoError(t, err)
	before := dunningGet(t, s, "RE-1")

	// Rejected without reasons and unchecked: refused, nothing stored.
	_, err = d.DecideDispute(ctx, "RE-1", 1, dunning.DisputeDecision{Outcome: dunning.DisputeRejected, At: dunningAt(2025, time.June, 12, 10), By: "am-1"})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	_, err = d.AcknowledgeDispute(ctx, "RE-1", 2, dunning.DisputeStep{At: dunningAt(2025, time.June, 12, 10), By: "am-1"})
	require.ErrorIs(t, err, dunning.ErrNotFound)
	// Invoice data that no longer validates: the run refuses it.
	bad := dunningInvoice("RE-1")
	bad.Amount = dunningMoney("-1")
	_, err = d.RunInvoice(ctx, dunningReminderDay+14, bad)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	dunningDiff(t, "case after refused steps", before, dunningGet(t, s, "RE-1"))
}

func dunningTestDisputeInvoice(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	d := dunningService(t, s)
	req := dunning.DisputeRequest{Invoice: "RE-404", ReceivedAt: dunningAt(2025, time.June, 10, 10), By: "k", Description: "?", All: true}
	_, err := d.OpenDispute(ctx, req)
	var derr *dunning.DisputeInvoiceError
	require.ErrorAs(t, err, &derr)
	require.ErrorIs(t, err, dunning.ErrNotFound)
	require.Equal(t, "RE-404", derr.Invoice)

	paid := dunningInvoice("RE-1")
	paid.Payments = []dunning.Payment{{Date: dunningReminderDay, Amount: dunningMoney("1000.00")}}
	_, err = d.Track(ctx, paid, dunningReminderDay)
	require.NoError(t, err)
	req.Invoice = "RE-1"
	_, err = d.OpenDispute(ctx, req)
	require.ErrorIs(t, err, dunning.ErrInvoiceSettled)
	require.Empty(t, dunningGet(t, s, "RE-1").Disputes)
}

func dunningTestDisputeLifecycle(t *testing.T, s dunning.Store) {
	ctx := context.Background()
	d := dunningService(t, s)
	dunningRunAll(t, d, dunningReminderDay, dunningInvoice("RE-1"))
	x, err := d.OpenDispute(ctx, dunning.DisputeRequest{Invoice: "RE-1", ReceivedAt: dunningAt(2025, time.June, 10, 10),
		By: "k", Notice: 1, Description: "Position 2", Lines: []dunning.DisputedLine{{Line: "2", Amount: dunningMoney("200.00")}}})
	require.NoError(t, err)
	require.True(t, x.Incomplete())
	step := dunning.DisputeStep{At: dunningAt(2025, time.June, 10, 14), By: "am-1"}
	_, err = d.AcknowledgeDispute(ctx, "RE-1", 1, step)
	require.NoError(t, err)
	_, err = d.AttachToDispute(ctx, "RE-1", 1, step, dunning.DisputeAttachment{Kind: dunning.AttachOffer, Ref: "a"},
		dunning.DisputeAttachment{Kind: dunning.AttachOriginalInvoice, Ref: "b"}, dunning.DisputeAttachment{Kind: dunning.AttachNotice, Ref: "c"})
	require.NoError(t, err)
	for _, src := range []dunning.DisputeCheckSource{dunning.CheckAgainstOffer, dunning.CheckAgainstOrder} {
		_, err = d.CheckDisputeItem(ctx, "RE-1", 1, step, dunning.DisputeCheck{Item: "line 2", Against: src, Result: dunning.CheckMatches})
		require.NoError(t, err)
	}
	x, err = d.DecideDispute(ctx, "RE-1", 1, dunning.DisputeDecision{Outcome: dunning.DisputeRejected,
		At: dunningAt(2025, time.June, 11, 10), By: "am-1", Reasons: "wie angeboten"})
	require.NoError(t, err)
	_, err = d.DecideDispute(ctx, "RE-1", 1, dunning.DisputeDecision{Outcome: dunning.DisputeWithdrawn, At: dunningAt(2025, time.June, 12, 10), By: "k"})
	require.ErrorIs(t, err, dunning.ErrLocked)

	c := dunningGet(t, s, "RE-1")
	dunningDiff(t, "stored dispute", x, c.Disputes[0])
	var kinds []dunning.EventKind
	for _, e := range c.History {
		kinds = append(kinds, e.Kind)
	}
	dunningDiff(t, "history", []dunning.EventKind{dunning.EventNotice, dunning.EventDisputeOpened,
		dunning.EventDisputeAcknowledged, dunning.EventDisputeAttached, dunning.EventDisputeChecked,
		dunning.EventDisputeChecked, dunning.EventDisputeDecided}, kinds)
	require.Equal(t, int64(7), c.Version, "created with the notice, then one update a step")
}
