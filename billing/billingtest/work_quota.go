package billingtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/quota"
)

// TestRunWithQuota runs the billing flow of quota customers (Kontingent)
// on a work store and a quota store: the quota path end to end, repeated
// runs, runs resumed after a crash in the middle of the quota postings or
// between the quota close and the work store's transaction, work the
// quota refuses for overdraft held while the fee is invoiced, work booked
// on the quota as it is released, and a reversal giving hours back.
// newStores must return new, empty stores each time.
func TestRunWithQuota(t *testing.T, newStores func(t *testing.T) (billing.WorkStore, quota.Store)) {
	t.Helper()
	tests := slices.Concat(workQuotaTests, workQuotaCustomersTests)
	checks := make([]conformance.Check[workQuotaStores], len(tests))
	for i, tt := range tests {
		checks[i] = conformance.Check[workQuotaStores]{Name: tt.name, Run: func(t *testing.T, s workQuotaStores) { tt.run(t, s.work, s.quota) }}
	}
	conformance.Run(t, func(t *testing.T) workQuotaStores {
		ws, qs := newStores(t)
		return workQuotaStores{ws, qs}
	}, conformance.Group[workQuotaStores]{Name: "quota", Checks: checks})
}

// workQuotaStores are the two stores a check of TestRunWithQuota runs on.
type workQuotaStores struct {
	work  billing.WorkStore
	quota quota.Store
}

type workQuotaTest struct {
	name string
	run  func(t *testing.T, ws billing.WorkStore, qs quota.Store)
}

// workQuotaWorld is customer Q-1 with quota contract K-1 from 2026-03-01:
// 100h a month for 1,500.00, overage at 95.00 an hour, overdraft allowed
// (set changes the terms), and 130h of work in March: 26 entries of 5h,
// ordered, the first with a trip to zone Z1.
func workQuotaWorld(t testing.TB, ws billing.WorkStore, qs quota.Store, set func(*quota.Terms)) {
	t.Helper()
	terms := quota.Terms{
		From: quota.MustParsePeriod("2026-03"), Hours: 100 * workH,
		Price: workDec("1500.00"), OverageRate: workDec("95.00"), Overdraft: quota.UnlimitedOverdraft(),
	}
	if set != nil {
		set(&terms)
	}
	_, err := workLedger(t, qs).Open(ctx, quota.Contract{ID: "K-1", CustomerID: "Q-1", Start: workDay(2026, 3, 1), Terms: []quota.Terms{terms}})
	require.NoError(t, err)
	workMust(t, ws.PutContract(ctx, workContract("Q-1", func(c *billing.Contract) {
		c.Type, c.QuotaContractID = billing.ContractQuota, "K-1"
	})))
	for i := range 26 {
		workAdd(t, ws, billing.Released, workEntry(fmt.Sprintf("Q-E%02d", i+1), "Q-1", func(e *billing.WorkEntry) {
			e.Date, e.Duration, e.OrderRef = workDay(2026, 3, 2+i), 5*workH, "PO-Q"
			if i == 0 {
				e.Travel.Zone = "Z1"
			}
		}))
	}
}

func workQuotaBiller(t testing.TB, ws billing.WorkStore, qs quota.Store) *billing.Biller {
	t.Helper()
	b, err := billing.NewBiller(ws, qs, billing.BillerConfig{})
	require.NoError(t, err)
	return b
}

// workQuotaInvoices are Q-1's March invoices: the fee, 1,500.00 + 19 %
// 285.00; the correction of 130h - 100h = 30h at 95.00 = 2,850.00 + 19 %
// 541.50; the trip, 25.00 + 4.75, on the service report's invoice.
var workQuotaInvoices = []invoiceSum{
	{"INV/K-1/2026-03/fee", "", "", "1500.00", "285.00", "1785.00"},
	{"INV/K-1/2026-03/correction", "", "", "2850.00", "541.50", "3391.50"},
	{"INV/2026-03/Q-1", "SR/2026-03/Q-1", "", "25.00", "4.75", "29.75"},
}

// workRequireQuotaBilled requires March to be billed exactly once: the
// invoices, the report with 130h booked, and on the ledger 130h consumed
// once, 30h corrected once, the balance 0 at the end of March and the
// next allotment on 1 April.
func workRequireQuotaBilled(t *testing.T, ws billing.WorkStore, qs quota.Store) {
	t.Helper()
	var got []invoiceSum
	for _, id := range []string{"INV/K-1/2026-03/fee", "INV/K-1/2026-03/correction", "INV/2026-03/Q-1"} {
		inv := workGet[billing.InvoiceDraft](t)(ws.Invoice(ctx, id))
		got = append(got, invoiceSum{inv.ID, inv.ReportID, inv.BillTo, inv.Totals.Net.StringFixed(2), inv.Totals.VATTotal.StringFixed(2), inv.Totals.Gross.StringFixed(2)})
	}
	workDiff(t, "invoices", workQuotaInvoices, got)
	// The quota lines carry their hours through the store, so a document
	// can name them in the customer's language: the 100h the fee
	// includes, the 30h overbooked.
	for id, want := range map[string]time.Duration{"INV/K-1/2026-03/fee": 100 * workH, "INV/K-1/2026-03/correction": 30 * workH} {
		inv := workGet[billing.InvoiceDraft](t)(ws.Invoice(ctx, id))
		if len(inv.Lines) != 1 || inv.Lines[0].Hours != want {
			t.Errorf("%s: lines %+v, want one of %s", id, inv.Lines, quota.FormatHours(want))
		}
	}
	reports := workCollect(t, ws.Reports(ctx, "Q-1"))
	require.Len(t, reports, 1)
	if r := reports[0]; r.QuotaHours != 130*workH || len(r.Entries) != 26 {
		t.Errorf("report: %s booked, %d entries", quota.FormatHours(r.QuotaHours), len(r.Entries))
	}
	var consumed, corrected time.Duration
	var corrections int
	for e, err := range qs.Entries(ctx, "K-1", quota.MustParsePeriod("2026-01"), quota.MustParsePeriod("2026-12")) {
		require.NoError(t, err)
		switch e.Kind {
		case quota.KindConsumption:
			consumed -= e.Hours
		case quota.KindCorrection:
			corrected += e.Hours
			corrections++
			if !e.Amount.Equal(workDec("2850.00")) {
				t.Errorf("correction charged %s", e.Amount)
			}
		}
	}
	if consumed != 130*workH || corrected != 30*workH || corrections != 1 {
		t.Errorf("ledger: %s consumed, %s corrected in %d entries; want 130h, 30h, 1", quota.FormatHours(consumed), quota.FormatHours(corrected), corrections)
	}
	for day, want := range map[time.Month]time.Duration{time.March: 0, time.April: 100 * workH} {
		on := workDay(2026, day, 1)
		if day == time.March {
			on = workDay(2026, 3, 31)
		}
		if b := workGet[time.Duration](t)(qs.Balance(ctx, "K-1", on)); b != want {
			t.Errorf("balance on %s: %s, want %s", on, quota.FormatHours(b), quota.FormatHours(want))
		}
	}
}

// workFlakyQuota fails the n-th Update (counting from 1) once, as a
// crash in the middle of a run's postings would.
type workFlakyQuota struct {
	quota.Store
	failAt int64
	calls  atomic.Int64
}

// Update fails the failAt-th call and passes the others on.
func (s *workFlakyQuota) Update(ctx context.Context, id string, fn func(*quota.Account) error) error {
	if s.calls.Add(1) == s.failAt {
		return errWorkCrash
	}
	return s.Store.Update(ctx, id, fn)
}

// workQuotaCrash runs March with the quota store failing its n-th
// update, then again, and requires March billed once.
func workQuotaCrash(t *testing.T, ws billing.WorkStore, qs quota.Store, n int64) {
	workQuotaWorld(t, ws, qs, nil)
	b := workQuotaBiller(t, ws, &workFlakyQuota{Store: qs, failAt: n})
	_, errs := workRun(t, b, workMarch)
	if !errors.Is(errs["Q-1"], errWorkCrash) {
		t.Fatalf("errors %v, want Q-1's crash", errs)
	}
	if n := len(workCollect(t, ws.Reports(ctx, "Q-1"))); n != 0 {
		t.Fatalf("%d reports stored by the crashed run", n)
	}
	_, errs = workRun(t, b, workMarch)
	require.Empty(t, errs)
	workRequireQuotaBilled(t, ws, qs)
}

var workQuotaTests = []workQuotaTest{
	{"end_to_end", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaWorld(t, ws, qs, nil)
		results, errs := workRun(t, workQuotaBiller(t, ws, qs), workMarch)
		require.Empty(t, errs)
		res := results["Q-1"]
		workDiff(t, "invoices", workQuotaInvoices, workInvoices(res))
		if len(res.Quota) != 1 || res.Quota[0].Outcome != quota.Closed || res.Quota[0].Corrected != 30*workH {
			t.Errorf("quota close: %+v", res.Quota)
		}
		workRequireQuotaBilled(t, ws, qs)
	}},
	{"double_run", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaWorld(t, ws, qs, nil)
		b := workQuotaBiller(t, ws, qs)
		_, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		results, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		if res := results["Q-1"]; res.Outcome != billing.RunNothing || len(res.Invoices) != 0 || res.Quota[0].Outcome != quota.AlreadyClosed {
			t.Errorf("second run: %s, %d invoices, quota %v", res.Outcome, len(res.Invoices), res.Quota)
		}
		workRequireQuotaBilled(t, ws, qs)
	}},
	{"crash_booking_the_work", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaCrash(t, ws, qs, 1)
	}},
	{"crash_closing_the_period", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaCrash(t, ws, qs, 2)
	}},
	{"crash_after_the_quota_close", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaWorld(t, ws, qs, nil)
		flaky := &workFlakyStore{WorkStore: ws, customer: "Q-1", fails: 1}
		b := workQuotaBiller(t, flaky, qs)
		_, errs := workRun(t, b, workMarch)
		if !errors.Is(errs["Q-1"], errWorkCrash) {
			t.Fatalf("errors %v, want Q-1's crash", errs)
		}
		// March is closed on the ledger; the rerun finds the close and
		// drafts its invoices from it.
		results, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		if res := results["Q-1"]; res.Quota[0].Outcome != quota.AlreadyClosed {
			t.Errorf("rerun closed March again: %v", res.Quota)
		}
		workRequireQuotaBilled(t, ws, qs)
	}},
	{"catch_up_an_open_period", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		// K-2 starts in February and February is still open: 5h of
		// February work, 20h of March work.
		_, err := workLedger(t, qs).Open(ctx, quota.Contract{ID: "K-2", CustomerID: "Q-2", Start: workDay(2026, 2, 1), Terms: []quota.Terms{{
			From: quota.MustParsePeriod("2026-02"), Hours: 100 * workH, Price: workDec("1500.00"), OverageRate: workDec("95.00"),
		}}})
		require.NoError(t, err)
		workMust(t, ws.PutContract(ctx, workContract("Q-2", func(c *billing.Contract) { c.Type, c.QuotaContractID = billing.ContractQuota, "K-2" })))
		workAdd(t, ws, billing.Released,
			workEntry("Q-2-E1", "Q-2", func(e *billing.WorkEntry) { e.Date, e.Duration, e.OrderRef = workDay(2026, 2, 27), 5*workH, "PO" }),
			workEntry("Q-2-E2", "Q-2", func(e *billing.WorkEntry) { e.Date, e.Duration, e.OrderRef = workDay(2026, 3, 3), 20*workH, "PO" }),
		)
		results, errs := workRun(t, workQuotaBiller(t, ws, qs), workMarch)
		require.Empty(t, errs)
		res := results["Q-2"]
		// February closes with 95h unused, rolled over; March has 195h
		// and uses 20h: no correction, 175h at the end of March.
		if len(res.Quota) != 2 || res.Quota[0].Period.String() != "2026-02" || res.Quota[1].Closing != 175*workH {
			t.Errorf("closes: %+v", res.Quota)
		}
		workDiff(t, "invoices", []invoiceSum{
			{"INV/K-2/2026-02/fee", "", "", "1500.00", "285.00", "1785.00"},
			{"INV/K-2/2026-03/fee", "", "", "1500.00", "285.00", "1785.00"},
		}, workInvoices(res))
		if bal := workGet[time.Duration](t)(qs.Balance(ctx, "K-2", workDay(2026, 2, 28))); bal != 95*workH {
			t.Errorf("balance at the end of February: %s, want 95h", quota.FormatHours(bal))
		}
	}},
	{"overdraft_limit_holds_the_rest_and_invoices_the_fee", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		// 100h plus 10h of overdraft take 22 entries of 5h; the
		// correction settles the 10h at 95.00.
		workQuotaOverdraft(t, ws, qs, quota.OverdraftUpTo(10*workH), 22, []invoiceSum{
			{"INV/K-1/2026-03/fee", "", "", "1500.00", "285.00", "1785.00"},
			{"INV/K-1/2026-03/correction", "", "", "950.00", "180.50", "1130.50"},
			{"INV/2026-03/Q-1", "SR/2026-03/Q-1", "", "25.00", "4.75", "29.75"},
		})
	}},
	{"no_overdraft_holds_the_rest_and_invoices_the_fee", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		// Without an overdraft agreement the 100h take 20 entries; no
		// correction, as the quota is not overbooked.
		workQuotaOverdraft(t, ws, qs, quota.Overdraft{}, 20, []invoiceSum{
			{"INV/K-1/2026-03/fee", "", "", "1500.00", "285.00", "1785.00"},
			{"INV/2026-03/Q-1", "SR/2026-03/Q-1", "", "25.00", "4.75", "29.75"},
		})
	}},
	{"released_work_counts_on_the_balance_at_once", workQuotaReleased},
	{"order_threshold_and_the_balance_show_the_same_work", workQuotaOrder},
	{"a_tickets_day_rounded_as_one_is_booked_once", workQuotaTicketDay},
	{"reversal_gives_hours_back", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaWorld(t, ws, qs, nil)
		b := workQuotaBiller(t, ws, qs)
		_, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		_, err := b.Reverse(ctx, "Q-E02", billing.WorkReversal{ID: "Q-R02", On: workDay(2026, 4, 2), Reason: "booked twice", By: "backoffice"})
		require.NoError(t, err)
		april := billing.BillingRun{Period: quota.MustParsePeriod("2026-04"), Issued: workDay(2026, 5, 4)}
		results, errs := workRun(t, b, april)
		require.Empty(t, errs)
		res := results["Q-1"]
		require.Len(t, res.Reports, 1)
		if h := res.Reports[0].QuotaHours; h != -5*workH {
			t.Errorf("April's report books %s, want -5h", quota.FormatHours(h))
		}
		// Work dated in closed March is booked late into April: 100h + 5h.
		e := workGet[quota.Entry](t)(qs.Entry(ctx, "K-1", "billing/Q-R02"))
		if e.Kind != quota.KindAdjustment || e.Hours != 5*workH || !e.Late() {
			t.Errorf("the reversal's posting: %+v", e)
		}
		// March closed at 0; April: 100h allotted + 5h given back, none
		// used, rolled over in full when the run closes April.
		if bal := workGet[time.Duration](t)(qs.Balance(ctx, "K-1", workDay(2026, 4, 30))); bal != 105*workH {
			t.Errorf("balance at the end of April: %s, want 105h", quota.FormatHours(bal))
		}
		workDiff(t, "April's invoices", []invoiceSum{{"INV/K-1/2026-04/fee", "", "", "1500.00", "285.00", "1785.00"}}, workInvoices(res))
	}},
}

// workLedger is a quota ledger on qs.
func workLedger(t testing.TB, qs quota.Store) *quota.Ledger {
	t.Helper()
	l, err := quota.NewLedger(qs, quota.Config{})
	require.NoError(t, err)
	return l
}

// workQuotaOverdraft runs March for Q-1's 130h of work under the
// overdraft policy o, which lets the quota take the first booked entries
// of 5h: the rest is held with a *billing.QuotaPostingError naming it,
// still released, while the fixed fee (and the correction of what was
// overdrawn) is invoiced all the same. April's run books the held work
// late, against April's 100h.
func workQuotaOverdraft(t *testing.T, ws billing.WorkStore, qs quota.Store, o quota.Overdraft, booked int, want []invoiceSum) {
	workQuotaWorld(t, ws, qs, func(terms *quota.Terms) { terms.Overdraft = o })
	b := workQuotaBiller(t, ws, qs)
	results, errs := workRun(t, b, workMarch)
	var pe *billing.QuotaPostingError
	require.ErrorAs(t, errs["Q-1"], &pe)
	require.ErrorIs(t, errs["Q-1"], quota.ErrOverdraft)
	var oe *quota.OverdraftError
	require.ErrorAs(t, errs["Q-1"], &oe)
	var held []string
	for i := booked; i < 26; i++ {
		held = append(held, fmt.Sprintf("Q-E%02d", i+1))
	}
	workDiff(t, "held entries", held, pe.EntryIDs)
	res := results["Q-1"]
	workDiff(t, "invoices", want, workInvoices(res))
	require.Len(t, res.Reports, 1)
	if r := res.Reports[0]; len(r.Entries) != booked || r.QuotaHours != time.Duration(booked)*5*workH || len(r.Held) != 26-booked {
		t.Errorf("report: %d entries, %s booked, %d held", len(r.Entries), quota.FormatHours(r.QuotaHours), len(r.Held))
	}
	if n := len(workCollect(t, ws.Entries(ctx, "Q-1", billing.Released, workDay(2026, 12, 31)))); n != 26-booked {
		t.Errorf("%d entries released still, want the %d held", n, 26-booked)
	}
	if bal := workGet[time.Duration](t)(qs.Balance(ctx, "K-1", workDay(2026, 3, 31))); bal != 0 {
		t.Errorf("balance at the end of March: %s, want 0", quota.FormatHours(bal))
	}

	// Without a billing run, in April: the watch flag from March (one
	// period looked at) says the quota is too tight when March had to be
	// corrected, and the open statement shows April so far.
	watcher, err := billing.NewBiller(ws, qs, billing.BillerConfig{Watch: quota.WatchConfig{Periods: 1}})
	require.NoError(t, err)
	st := workGet[billing.QuotaStatus](t)(watcher.QuotaStatus(ctx, "Q-1", workDay(2026, 4, 10)))
	wantFlag := quota.Steady
	if booked*5 > 100 {
		wantFlag = quota.Sliding
	}
	if st.Watch.Flag != wantFlag || st.Balance != 100*workH || st.Statement.Period.String() != "2026-04" || st.Statement.Closed {
		t.Errorf("status on 10 April: flag %s, balance %s, statement %s closed %v", st.Watch.Flag, quota.FormatHours(st.Balance), st.Statement.Period, st.Statement.Closed)
	}

	april := billing.BillingRun{Period: quota.MustParsePeriod("2026-04"), Issued: workDay(2026, 5, 4)}
	results, errs = workRun(t, b, april)
	require.Empty(t, errs)
	late := time.Duration(26-booked) * 5 * workH
	if r := results["Q-1"].Reports; len(r) != 1 || r[0].QuotaHours != late {
		t.Errorf("April's reports: %+v", r)
	}
	if bal := workGet[time.Duration](t)(qs.Balance(ctx, "K-1", workDay(2026, 4, 30))); bal != 100*workH-late {
		t.Errorf("balance at the end of April: %s, want %s", quota.FormatHours(bal), quota.FormatHours(100*workH-late))
	}
}

// workQuotaReleased: Q-1 (100h a month) records three entries in March
// and the back office releases them one by one. Each release shows on
// the balance from the work date on, the unreleased work is pending, a
// reversal gives the hours back at once, and the month-end run books
// nothing twice.
func workQuotaReleased(t *testing.T, ws billing.WorkStore, qs quota.Store) {
	_, err := workLedger(t, qs).Open(ctx, quota.Contract{ID: "K-1", CustomerID: "Q-1", Start: workDay(2026, 3, 1), Terms: []quota.Terms{{
		From: quota.MustParsePeriod("2026-03"), Hours: 100 * workH, Price: workDec("1500.00"), OverageRate: workDec("95.00"),
	}}})
	require.NoError(t, err)
	workMust(t, ws.PutContract(ctx, workContract("Q-1", func(c *billing.Contract) { c.Type, c.QuotaContractID = billing.ContractQuota, "K-1" })))
	b := workQuotaBiller(t, ws, qs)
	for _, e := range []billing.WorkEntry{
		workEntry("E1", "Q-1", func(e *billing.WorkEntry) { e.Date, e.Duration = workDay(2026, 3, 5), 2*workH }),
		workEntry("E2", "Q-1", func(e *billing.WorkEntry) { e.Date, e.Duration = workDay(2026, 3, 12), 3*workH }),
		workEntry("E3", "Q-1", func(e *billing.WorkEntry) { e.Date, e.Duration = workDay(2026, 3, 20), 90*time.Minute }),
	} {
		_, err := b.Record(ctx, e)
		require.NoError(t, err)
	}
	status := func(on date.Date) billing.QuotaStatus {
		t.Helper()
		return workGet[billing.QuotaStatus](t)(b.QuotaStatus(ctx, "Q-1", on))
	}
	balance := func(on date.Date) time.Duration {
		t.Helper()
		return workGet[time.Duration](t)(qs.Balance(ctx, "K-1", on))
	}
	mid := workDay(2026, 3, 15)
	if s := status(mid); s.Balance != 100*workH || s.Pending != 5*workH || s.PendingEntries != 2 {
		t.Errorf("before any release, on the 15th: balance %s, pending %s in %d", quota.FormatHours(s.Balance), quota.FormatHours(s.Pending), s.PendingEntries)
	}

	_, err = b.Release(ctx, "E1", "backoffice", workDay(2026, 3, 6))
	require.NoError(t, err)
	_, err = b.Release(ctx, "E2", "backoffice", workDay(2026, 3, 13))
	require.NoError(t, err)
	for on, want := range map[date.Date]time.Duration{
		workDay(2026, 3, 4): 100 * workH, workDay(2026, 3, 5): 98 * workH,
		workDay(2026, 3, 11): 98 * workH, workDay(2026, 3, 12): 95 * workH, workDay(2026, 3, 31): 95 * workH,
	} {
		if got := balance(on); got != want {
			t.Errorf("balance on %s after the releases: %s, want %s", on, quota.FormatHours(got), quota.FormatHours(want))
		}
	}
	s := status(mid)
	if s.Balance != 95*workH || s.Pending != 0 || s.PendingEntries != 0 || s.Statement.Consumed != -5*workH || s.Statement.Closed {
		t.Errorf("after the releases, on the 15th: balance %s, pending %s, statement consumed %s", quota.FormatHours(s.Balance), quota.FormatHours(s.Pending), quota.FormatHours(s.Statement.Consumed))
	}
	if s := status(workDay(2026, 3, 20)); s.Pending != 90*time.Minute || s.PendingEntries != 1 {
		t.Errorf("on the 20th E3 is pending: %s in %d", quota.FormatHours(s.Pending), s.PendingEntries)
	}

	_, err = b.Reverse(ctx, "E1", billing.WorkReversal{ID: "E1-R", On: workDay(2026, 3, 16), Reason: "booked twice", By: "backoffice"})
	require.NoError(t, err)
	if got := balance(workDay(2026, 3, 10)); got != 100*workH {
		t.Errorf("balance on the 10th after the reversal: %s, want 100h", quota.FormatHours(got))
	}

	results, errs := workRun(t, b, workMarch)
	require.Empty(t, errs)
	workDiff(t, "invoices", []invoiceSum{{"INV/K-1/2026-03/fee", "", "", "1500.00", "285.00", "1785.00"}}, workInvoices(results["Q-1"]))
	var kinds []string
	for e, err := range qs.Entries(ctx, "K-1", quota.MustParsePeriod("2026-03"), quota.MustParsePeriod("2026-03")) {
		require.NoError(t, err)
		kinds = append(kinds, fmt.Sprintf("%s %s %s", e.Kind, quota.FormatHours(e.Hours), e.Key))
	}
	workDiff(t, "March on the ledger, each posting once", []string{
		"allotment 100h quota:allot:2026-03",
		"consumption -2h billing/E1",
		"consumption -3h billing/E2",
		"adjustment 2h billing/E1-R",
	}, kinds)
	if got := balance(workDay(2026, 3, 31)); got != 97*workH {
		t.Errorf("balance at the end of March: %s, want 97h", quota.FormatHours(got))
	}
	results, errs = workRun(t, b, workMarch)
	require.Empty(t, errs)
	if res := results["Q-1"]; res.Outcome != billing.RunNothing {
		t.Errorf("second run: %s", res.Outcome)
	}
}

// workQuotaTicketDay: where a ticket's day is rounded as a whole (15
// minute units, rounded up), 5 minutes released first book a unit, 20
// minutes more on the same ticket and day book what they add to the
// day's two units, and the run books the day's 30 minutes once.
func workQuotaTicketDay(t *testing.T, ws billing.WorkStore, qs quota.Store) {
	_, err := workLedger(t, qs).Open(ctx, quota.Contract{ID: "K-1", CustomerID: "Q-1", Start: workDay(2026, 3, 1), Terms: []quota.Terms{{
		From: quota.MustParsePeriod("2026-03"), Hours: 10 * workH, Price: workDec("150.00"), OverageRate: workDec("95.00"),
	}}})
	require.NoError(t, err)
	workMust(t, ws.PutContract(ctx, workContract("Q-1", func(c *billing.Contract) {
		c.Type, c.QuotaContractID, c.Units = billing.ContractQuota, "K-1", billing.UnitPolicy{Per: billing.PerTicketDay}
	})))
	b := workQuotaBiller(t, ws, qs)
	for id, d := range map[string]time.Duration{"D1": 5 * time.Minute, "D2": 20 * time.Minute} {
		_, err := b.Record(ctx, workEntry(id, "Q-1", func(e *billing.WorkEntry) { e.TicketID, e.Date, e.Duration = "T-9", workDay(2026, 3, 9), d }))
		require.NoError(t, err)
	}
	for _, step := range []struct {
		id      string
		balance time.Duration
	}{{"D1", 10*workH - 15*time.Minute}, {"D2", 10*workH - 30*time.Minute}} {
		_, err := b.Release(ctx, step.id, "backoffice", workDay(2026, 3, 10))
		require.NoError(t, err)
		if got := workGet[time.Duration](t)(qs.Balance(ctx, "K-1", workDay(2026, 3, 9))); got != step.balance {
			t.Errorf("after releasing %s: %s, want %s", step.id, quota.FormatHours(got), quota.FormatHours(step.balance))
		}
	}
	results, errs := workRun(t, b, workMarch)
	require.Empty(t, errs)
	if r := results["Q-1"].Reports; len(r) != 1 || r[0].QuotaHours != 30*time.Minute {
		t.Errorf("the report books %+v", r)
	}
	if got := workGet[time.Duration](t)(qs.Balance(ctx, "K-1", workDay(2026, 3, 31))); got != 10*workH-30*time.Minute {
		t.Errorf("balance at the end of March: %s, want 9h30m", quota.FormatHours(got))
	}
}

// workQuotaOrderStep is one thing the back office does to ticket T-1 of
// Q-1 (100h a month, the default policy: more than 4h on a ticket need
// the customer's order), and the balance at the end of March after it.
type workQuotaOrderStep struct {
	release, order string        // the entry released, or given an order
	threshold      time.Duration // a new order threshold in the contract's policy
	balance        time.Duration
}

// workQuotaOrder: whichever entry of a ticket is released first, the
// quota balance and the month-end run's service report show the same
// work. Work booked at its release stays booked and is billed; what takes
// the ticket over the order threshold is held and not booked until an
// order is attached or released with the ticket, which books it at once;
// the run books nothing twice.
func workQuotaOrder(t *testing.T, ws billing.WorkStore, qs quota.Store) {
	entries := map[string]struct {
		worked time.Duration
		day    int
		order  string
	}{
		"E3h": {3 * workH, 2, ""}, "E2h": {2 * workH, 3, ""}, "E5h": {5 * workH, 4, ""}, "E1h-PO": {workH, 5, "PO-7"},
	}
	for _, tt := range []struct {
		name   string
		steps  []workQuotaOrderStep
		billed time.Duration // on March's report, and on the ledger
		held   []string
	}{
		{"3h_then_2h_over_4h_keeps_the_3h_booked_and_holds_the_2h", []workQuotaOrderStep{
			{release: "E3h", balance: 97 * workH}, {release: "E2h", balance: 97 * workH},
		}, 3 * workH, []string{"E2h"}},
		{"2h_then_3h_over_4h_keeps_the_2h_booked_and_holds_the_3h", []workQuotaOrderStep{
			{release: "E2h", balance: 98 * workH}, {release: "E3h", balance: 98 * workH},
		}, 2 * workH, []string{"E3h"}},
		{"5h_alone_is_held_and_never_booked", []workQuotaOrderStep{
			{release: "E5h", balance: 100 * workH},
		}, 0, []string{"E5h"}},
		{"order_attached_to_the_held_entry_books_it_at_once", []workQuotaOrderStep{
			{release: "E3h", balance: 97 * workH}, {release: "E2h", balance: 97 * workH}, {order: "E2h", balance: 95 * workH},
		}, 5 * workH, nil},
		{"order_attached_to_the_booked_entry_frees_the_ticket", []workQuotaOrderStep{
			{release: "E3h", balance: 97 * workH}, {release: "E2h", balance: 97 * workH}, {order: "E3h", balance: 95 * workH},
		}, 5 * workH, nil},
		{"order_on_5h_alone_books_it_at_once", []workQuotaOrderStep{
			{release: "E5h", balance: 100 * workH}, {order: "E5h", balance: 95 * workH},
		}, 5 * workH, nil},
		{"ordered_work_released_books_the_tickets_held_work", []workQuotaOrderStep{
			{release: "E3h", balance: 97 * workH}, {release: "E2h", balance: 97 * workH}, {release: "E1h-PO", balance: 94 * workH},
		}, 6 * workH, nil},
		{"threshold_lowered_after_booking_bills_what_the_balance_holds", []workQuotaOrderStep{
			{release: "E3h", balance: 97 * workH}, {threshold: 2 * workH, balance: 97 * workH},
		}, 3 * workH, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			contract := "K-" + tt.name[:24]
			customer := "Q-" + tt.name[:24]
			_, err := workLedger(t, qs).Open(ctx, quota.Contract{ID: contract, CustomerID: customer, Start: workDay(2026, 3, 1), Terms: []quota.Terms{{
				From: quota.MustParsePeriod("2026-03"), Hours: 100 * workH, Price: workDec("1500.00"), OverageRate: workDec("95.00"),
			}}})
			require.NoError(t, err)
			bc := workContract(customer, func(c *billing.Contract) { c.Type, c.QuotaContractID = billing.ContractQuota, contract })
			b := workQuotaBiller(t, ws, qs)
			workMust(t, b.PutContract(ctx, bc))
			for id, e := range entries {
				_, err := b.Record(ctx, workEntry(customer+"/"+id, customer, func(w *billing.WorkEntry) {
					w.TicketID, w.Date, w.Duration, w.OrderRef = "T-1", workDay(2026, 3, e.day), e.worked, e.order
					w.Activity, w.Fault = billing.ActivityAdministration, billing.FaultUndetermined
				}))
				require.NoError(t, err)
			}
			for i, step := range tt.steps {
				switch {
				case step.release != "":
					_, err = b.Release(ctx, customer+"/"+step.release, "backoffice", workDay(2026, 3, 10+i))
				case step.order != "":
					_, err = b.AttachOrder(ctx, customer+"/"+step.order, "PO-8")
				default:
					bc.Policy = billing.DefaultPolicy()
					bc.Policy.Order.Hours = step.threshold
					err = b.PutContract(ctx, bc)
				}
				require.NoError(t, err, "step %d", i+1)
				if got := workGet[time.Duration](t)(qs.Balance(ctx, contract, workDay(2026, 3, 31))); got != step.balance {
					t.Errorf("after step %d (%+v): balance %s, want %s", i+1, step, quota.FormatHours(got), quota.FormatHours(step.balance))
				}
			}
			var res billing.RunResult
			for r, err := range b.Run(ctx, workMarch) {
				if r.CustomerID == customer {
					require.NoError(t, err)
					res = r
				}
			}
			var billed time.Duration
			for _, r := range res.Reports {
				billed += r.QuotaHours
			}
			var held []string
			for _, h := range res.Held {
				held = append(held, h.Entry.ID[len(customer)+1:])
			}
			var consumed time.Duration
			for e, err := range qs.Entries(ctx, contract, quota.MustParsePeriod("2026-03"), quota.MustParsePeriod("2026-03")) {
				require.NoError(t, err)
				if e.Kind == quota.KindConsumption {
					consumed -= e.Hours
				}
			}
			if billed != tt.billed || consumed != tt.billed {
				t.Errorf("March: the report bills %s, the ledger holds %s; want %s on both", quota.FormatHours(billed), quota.FormatHours(consumed), quota.FormatHours(tt.billed))
			}
			workDiff(t, "held", tt.held, held)
		})
	}
}
