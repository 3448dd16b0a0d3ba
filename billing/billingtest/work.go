package billingtest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/quota"
)

// TestWorkStore runs the conformance suite of billing.WorkStore:
//
//	func TestBillingStore(t *testing.T) {
//		billingtest.TestWorkStore(t, func(t *testing.T) billing.WorkStore {
//			return memstore.NewBillingStore()
//		})
//	}
//
// newStore must return a new, empty store each time; it may register
// cleanups on t. The suite checks the store contract directly (not
// found, conflicts, versions, order, isolation of returned values, a
// refused Bill or a failing closure leaving nothing behind, cancelled
// contexts) and then the flow billing.Biller builds on it: entries lock
// once released, two concurrent releases or reports of one entry cannot
// both win, and billing runs (central and per-branch invoicing, held
// work, reversals, excluded contracts) are idempotent when repeated and
// when resumed after a crash midway.
//
// Decimals are compared as numbers, so an adapter may give 10.5 back as
// 10.50; dates and durations must round-trip exactly.
func TestWorkStore(t *testing.T, newStore func(t *testing.T) billing.WorkStore) {
	t.Helper()
	conformance.Run(t, newStore,
		conformance.Group[billing.WorkStore]{Name: "store", Checks: workStoreTests},
		conformance.Group[billing.WorkStore]{Name: "flow", Checks: workFlowTests},
		conformance.Group[billing.WorkStore]{Name: "run", Checks: slices.Concat(workRunTests, workRunCustomersTests())},
		conformance.Group[billing.WorkStore]{Name: "limits", Checks: workLimitTests},
	)
}

// workTest is one check of the suite.
type workTest = conformance.Check[billing.WorkStore]

const (
	workH = time.Hour
	workM = time.Minute
)

func workDay(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func workDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// workCmp compares decimals as numbers and nil slices as empty ones.
var workCmp = cmp.Options{cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }), cmpopts.EquateEmpty()}

func workDiff(t testing.TB, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, workCmp); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

// workCard is 95.00 an hour, a 45.00 flat fee, zone Z1 at 25.00, devices
// at 4.90, 19 % VAT, from 2026-01-01.
func workCard() billing.RateCard {
	return billing.RateCard{{
		From: workDay(2026, 1, 1), Hourly: workDec("95.00"), FlatFee: workDec("45.00"),
		Travel:  []billing.TravelZone{{Zone: "Z1", Charge: workDec("25.00")}},
		Usage:   []billing.UsagePrice{{Item: "device", Unit: "C62", Price: workDec("4.90")}},
		VATRate: workDec("19"),
	}}
}

func workContract(customer string, set func(*billing.Contract)) billing.Contract {
	c := billing.Contract{CustomerID: customer, ReportRecipient: "reports@" + customer + ".example", Rates: workCard()}
	if set != nil {
		set(&c)
	}
	return c
}

// workEntry is a valid customer-fault support entry of 1h on 2026-03-02,
// Recorded; set changes it.
func workEntry(id, customer string, set func(*billing.WorkEntry)) billing.WorkEntry {
	e := billing.WorkEntry{
		ID: id, CustomerID: customer, TicketID: "T-" + id, Technician: "alice", Date: workDay(2026, 3, 2),
		Duration: workH, Activity: billing.ActivitySupport, Fault: billing.FaultCustomer, State: billing.Recorded,
	}
	if set != nil {
		set(&e)
	}
	return e
}

func workMust(t testing.TB, err error) {
	t.Helper()
	require.NoError(t, err)
}

func workGet[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}

func workCollect[T any](t testing.TB, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

func workIs(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got %v, want an error matching %v", err, target)
	}
}

var ctx = context.Background()

// workAdd stores entries in the given state, as the Biller would have.
func workAdd(t testing.TB, s billing.WorkStore, state billing.EntryState, es ...billing.WorkEntry) {
	t.Helper()
	for _, e := range es {
		e.State = state
		if state >= billing.Released {
			e.ReleasedBy, e.ReleasedOn = "backoffice", workDay(2026, 3, 31)
		}
		workMust(t, s.AddEntry(ctx, e))
	}
}

var workMarch = billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: workDay(2026, 4, 1)}

// workReport drafts the report of released entries of customer C-1, as
// a run would.
func workReport(t testing.TB, s billing.WorkStore, runID string) billing.ServiceReport {
	t.Helper()
	es := workCollect(t, s.Entries(ctx, "C-1", billing.Released, workMarch.Period.Last()))
	run := workMarch
	run.ID = runID
	d, err := billing.BillerConfig{}.DraftReports(workContract("C-1", nil), run, es, nil)
	require.NoError(t, err)
	require.Len(t, d.Reports, 1)
	return d.Reports[0]
}

var workStoreTests = []workTest{
	{Name: "contracts", Run: func(t *testing.T, s billing.WorkStore) {
		_, err := s.Contract(ctx, "C-1")
		workIs(t, err, billing.ErrNotFound)
		for _, id := range []string{"C-3", "C-1", "C-2"} {
			workMust(t, s.PutContract(ctx, workContract(id, nil)))
		}
		c := workContract("C-2", func(c *billing.Contract) {
			c.Invoicing, c.Units = billing.PerBranch, billing.UnitPolicy{Size: 30 * workM}
			c.Policy = billing.DefaultPolicy()
		})
		workMust(t, s.PutContract(ctx, c))
		got := workGet[billing.Contract](t)(s.Contract(ctx, "C-2"))
		workDiff(t, "replaced contract", c, got)
		// Returned values are copies.
		got.Rates[0].Hourly, got.Policy.Rules[0].Faults[0] = workDec("1"), billing.FaultCustomer
		workDiff(t, "after changing a copy", c, workGet[billing.Contract](t)(s.Contract(ctx, "C-2")))
		var ids []string
		for c := range workSeq(t, s.Contracts(ctx)) {
			ids = append(ids, c.CustomerID)
		}
		workDiff(t, "order", []string{"C-1", "C-2", "C-3"}, ids)
	}},
	{Name: "entries", Run: func(t *testing.T, s billing.WorkStore) {
		e := workEntry("E-1", "C-1", func(e *billing.WorkEntry) {
			e.Goodwill = billing.Goodwill{Percent: workDec("12.5"), Reason: "r"}
			e.Start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			e.End = e.Start.Add(workH)
		})
		workMust(t, s.AddEntry(ctx, e))
		workIs(t, s.AddEntry(ctx, e), billing.ErrConflict)
		_, err := s.Entry(ctx, "E-9")
		workIs(t, err, billing.ErrNotFound)
		got := workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1"))
		e.Version = 1
		workDiff(t, "stored", e, workEntryForCmp(got))

		// A failing closure changes nothing and its error comes back.
		boom := errors.New("boom")
		err = s.UpdateEntry(ctx, "E-1", func(e *billing.WorkEntry) error {
			e.Duration, e.Description = 5*workH, "changed"
			return boom
		})
		if err != boom {
			t.Fatalf("UpdateEntry returned %v, not the closure's error", err)
		}
		workDiff(t, "after a failed update", e, workEntryForCmp(workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1"))))
		workMust(t, s.UpdateEntry(ctx, "E-1", func(e *billing.WorkEntry) error {
			e.Description = "changed"
			return nil
		}))
		got = workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1"))
		if got.Version != 2 || got.Description != "changed" {
			t.Errorf("after an update: version %d, %q", got.Version, got.Description)
		}
		workIs(t, s.UpdateEntry(ctx, "E-9", func(*billing.WorkEntry) error { return nil }), billing.ErrNotFound)

		// Entries: by customer, state and date, ordered by date then ID.
		workAdd(t, s, billing.Released,
			workEntry("E-4", "C-1", func(e *billing.WorkEntry) { e.Date = workDay(2026, 3, 5) }),
			workEntry("E-3", "C-1", func(e *billing.WorkEntry) { e.Date = workDay(2026, 3, 5) }),
			workEntry("E-2", "C-1", func(e *billing.WorkEntry) { e.Date = workDay(2026, 3, 1) }),
			workEntry("E-5", "C-1", func(e *billing.WorkEntry) { e.Date = workDay(2026, 4, 1) }),
			workEntry("E-6", "C-2", nil),
		)
		var ids []string
		for e := range workSeq(t, s.Entries(ctx, "C-1", billing.Released, workDay(2026, 3, 31))) {
			ids = append(ids, e.ID)
		}
		workDiff(t, "released entries of C-1 through March", []string{"E-2", "E-3", "E-4"}, ids)
		if n := len(workCollect(t, s.Entries(ctx, "C-1", billing.Recorded, workDay(2026, 12, 31)))); n != 1 {
			t.Errorf("%d recorded entries, want 1", n)
		}
		if n := len(workCollect(t, s.Entries(ctx, "C-9", billing.Released, workDay(2026, 12, 31)))); n != 0 {
			t.Errorf("%d entries of an unknown customer", n)
		}
	}},
	{Name: "reversed_once", Run: func(t *testing.T, s billing.WorkStore) {
		workAdd(t, s, billing.Reported, workEntry("E-1", "C-1", nil))
		workAdd(t, s, billing.Released, workEntry("R-1", "C-1", func(e *billing.WorkEntry) { e.Reverses = "E-1" }))
		err := s.AddEntry(ctx, workEntry("R-2", "C-1", func(e *billing.WorkEntry) { e.Reverses = "E-1" }))
		workIs(t, err, billing.ErrConflict)
		_, err = s.Entry(ctx, "R-2")
		workIs(t, err, billing.ErrNotFound)
	}},
	{Name: "usage", Run: func(t *testing.T, s billing.WorkStore) {
		u := billing.Usage{ID: "U-1", CustomerID: "C-1", Period: quota.MustParsePeriod("2026-03"), Item: "device", Quantity: workDec("12")}
		workMust(t, s.AddUsage(ctx, u))
		workIs(t, s.AddUsage(ctx, u), billing.ErrConflict)
		u2 := u
		u2.ID, u2.Period = "U-0", quota.MustParsePeriod("2026-02")
		u3 := u
		u3.ID, u3.Period = "U-2", quota.MustParsePeriod("2026-04")
		workMust(t, s.AddUsage(ctx, u2))
		workMust(t, s.AddUsage(ctx, u3))
		got := workCollect(t, s.Usage(ctx, "C-1", quota.MustParsePeriod("2026-03")))
		workDiff(t, "usage through March", []billing.Usage{u2, u}, got)
	}},
	{Name: "bill", Run: func(t *testing.T, s billing.WorkStore) {
		workAdd(t, s, billing.Released, workEntry("E-1", "C-1", nil), workEntry("E-2", "C-1", func(e *billing.WorkEntry) { e.Fault = billing.FaultProvider }))
		u := billing.Usage{ID: "U-1", CustomerID: "C-1", Period: quota.MustParsePeriod("2026-03"), Item: "device", Quantity: workDec("2")}
		workMust(t, s.AddUsage(ctx, u))
		r := workReport(t, s, "")
		r.Usage = []billing.Usage{u}
		inv, ok := r.Invoice()
		require.True(t, ok)
		workMust(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{r}, Invoices: []billing.InvoiceDraft{inv}}))

		got := workGet[billing.ServiceReport](t)(s.Report(ctx, r.ID))
		workDiff(t, "report", r, got)
		// Returned values are copies, and so are the values Bill took.
		got.Lines[0].Entries[0], got.Entries[0].Entry.ID, got.Totals.VAT[0].Tax = "changed", "changed", workDec("1")
		r.Lines[0].Entries[0], r.Entries[1].Entry.TicketID = "changed too", "changed too"
		stored := workGet[billing.ServiceReport](t)(s.Report(ctx, r.ID))
		if stored.Lines[0].Entries[0] != "E-1" || stored.Entries[0].Entry.ID != "E-1" || stored.Entries[1].Entry.TicketID != "T-E-2" || !stored.Totals.VAT[0].Tax.Equal(workDec("18.05")) {
			t.Errorf("the stored report shares memory with a caller's: %+v", stored)
		}
		r = workGet[billing.ServiceReport](t)(s.Report(ctx, r.ID))
		workDiff(t, "invoice", inv, workGet[billing.InvoiceDraft](t)(s.Invoice(ctx, inv.ID)))
		for _, id := range []string{"E-1", "E-2"} {
			e := workGet[billing.WorkEntry](t)(s.Entry(ctx, id))
			if e.State != billing.Reported || e.ReportID != r.ID || e.Version != 2 {
				t.Errorf("%s after Bill: %s, report %q, version %d", id, e.State, e.ReportID, e.Version)
			}
		}
		if n := len(workCollect(t, s.Usage(ctx, "C-1", quota.MustParsePeriod("2026-12")))); n != 0 {
			t.Errorf("%d usage records still unbilled", n)
		}
		workDiff(t, "reports of C-1", []billing.ServiceReport{r}, workCollect(t, s.Reports(ctx, "C-1")))
		_, err := s.Report(ctx, "SR/none")
		workIs(t, err, billing.ErrNotFound)
		_, err = s.Invoice(ctx, "INV/none")
		workIs(t, err, billing.ErrNotFound)

		// The same draft again is kept as stored; a different one under
		// its ID is a conflict.
		workMust(t, s.Bill(ctx, billing.Billing{Invoices: []billing.InvoiceDraft{inv}}))
		other := inv
		other.Totals.Net = workDec("1")
		workIs(t, s.Bill(ctx, billing.Billing{Invoices: []billing.InvoiceDraft{other}}), billing.ErrConflict)
	}},
	{Name: "bill_refused_stores_nothing", Run: func(t *testing.T, s billing.WorkStore) {
		workAdd(t, s, billing.Released, workEntry("E-1", "C-1", nil))
		first := workReport(t, s, "a")
		workAdd(t, s, billing.Released, workEntry("E-2", "C-1", nil))
		both := workReport(t, s, "b")
		inv, _ := both.Invoice()
		// E-1 changes after the draft was read: its version is stale.
		workMust(t, s.UpdateEntry(ctx, "E-1", func(e *billing.WorkEntry) error { e.OrderRef = "PO-1"; return nil }))
		workIs(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{both}, Invoices: []billing.InvoiceDraft{inv}}), billing.ErrConflict)
		workRequireUntouched(t, s, both, inv.ID, "E-1", "E-2")
		workIs(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{first}}), billing.ErrConflict)

		// A report ID taken: the other report of the Billing is not
		// stored either.
		r := workReport(t, s, "c")
		workMust(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{r}}))
		workAdd(t, s, billing.Released, workEntry("E-3", "C-1", nil))
		again := workReport(t, s, "c")
		fresh := workReport(t, s, "d")
		inv, _ = fresh.Invoice()
		workIs(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{fresh, again}, Invoices: []billing.InvoiceDraft{inv}}), billing.ErrConflict)
		workRequireUntouched(t, s, fresh, inv.ID, "E-3")
		// An entry that is not released any more.
		workIs(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{first}}), billing.ErrConflict)
	}},
	{Name: "mark_invoiced", Run: func(t *testing.T, s billing.WorkStore) {
		workAdd(t, s, billing.Released, workEntry("E-1", "C-1", nil))
		r := workReport(t, s, "")
		inv, _ := r.Invoice()
		workMust(t, s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{r}, Invoices: []billing.InvoiceDraft{inv}}))
		workMust(t, s.MarkInvoiced(ctx, inv.ID, "RE-2026-0001"))
		workMust(t, s.MarkInvoiced(ctx, inv.ID, "RE-2026-0001"))
		workIs(t, s.MarkInvoiced(ctx, inv.ID, "RE-2026-0002"), billing.ErrConflict)
		workIs(t, s.MarkInvoiced(ctx, "INV/none", "RE-1"), billing.ErrNotFound)
		if got := workGet[billing.InvoiceDraft](t)(s.Invoice(ctx, inv.ID)); got.Number != "RE-2026-0001" {
			t.Errorf("number %q", got.Number)
		}
		if e := workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1")); e.State != billing.Invoiced || e.Version != 3 {
			t.Errorf("E-1: %s, version %d", e.State, e.Version)
		}
	}},
	{Name: "cancelled_context", Run: func(t *testing.T, s billing.WorkStore) {
		c, cancel := context.WithCancel(ctx)
		cancel()
		workIs(t, s.AddEntry(c, workEntry("E-1", "C-1", nil)), context.Canceled)
		workIs(t, s.PutContract(c, workContract("C-1", nil)), context.Canceled)
		_, err := s.Entry(c, "E-1")
		workIs(t, err, context.Canceled)
		for _, err := range s.Entries(c, "C-1", billing.Recorded, workDay(2026, 12, 31)) {
			workIs(t, err, context.Canceled)
		}
		for _, err := range s.Contracts(c) {
			workIs(t, err, context.Canceled)
		}
		workIs(t, s.Bill(c, billing.Billing{}), context.Canceled)
	}},
	{Name: "concurrent_bills_of_one_entry", Run: func(t *testing.T, s billing.WorkStore) {
		workAdd(t, s, billing.Released, workEntry("E-1", "C-1", nil))
		reports := make([]billing.ServiceReport, 8)
		for i := range reports {
			reports[i] = workReport(t, s, fmt.Sprintf("run-%d", i))
		}
		workOneWins(t, "report of one entry", len(reports), billing.ErrConflict, func(i int) error {
			return s.Bill(ctx, billing.Billing{Reports: []billing.ServiceReport{reports[i]}})
		})
		if e := workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1")); e.Version != 2 {
			t.Errorf("E-1 changed %d times", e.Version-1)
		}
	}},
}

// workRequireUntouched requires that a refused Bill stored nothing: no
// report, no invoice, the entries still released.
func workRequireUntouched(t *testing.T, s billing.WorkStore, r billing.ServiceReport, invoiceID string, entries ...string) {
	t.Helper()
	_, err := s.Report(ctx, r.ID)
	workIs(t, err, billing.ErrNotFound)
	_, err = s.Invoice(ctx, invoiceID)
	workIs(t, err, billing.ErrNotFound)
	for _, id := range entries {
		if e := workGet[billing.WorkEntry](t)(s.Entry(ctx, id)); e.State != billing.Released || e.ReportID != "" {
			t.Errorf("%s after a refused Bill: %s, report %q", id, e.State, e.ReportID)
		}
	}
}

// workEntryForCmp drops the monotonic reading and location of Start and
// End, which a database does not keep.
func workEntryForCmp(e billing.WorkEntry) billing.WorkEntry {
	e.Start, e.End = e.Start.UTC().Round(0), e.End.UTC().Round(0)
	return e
}

// workSeq turns a store sequence into one of values, failing the test on
// an error.
func workSeq[T any](t testing.TB, seq iter.Seq2[T, error]) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v, err := range seq {
			require.NoError(t, err)
			if !yield(v) {
				return
			}
		}
	}
}
