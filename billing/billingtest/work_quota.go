package billingtest

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// TestRunWithQuota runs the billing flow of quota customers (Kontingent)
// on a work store and a quota store: the quota path end to end, repeated
// runs, runs resumed after a crash in the middle of the quota postings or
// between the quota close and the work store's transaction, a refused
// overdraft, and a reversal giving hours back. newStores must return new,
// empty stores each time.
func TestRunWithQuota(t *testing.T, newStores func(t *testing.T) (billing.WorkStore, quota.Store)) {
	t.Helper()
	for _, tt := range workQuotaTests {
		t.Run(tt.name, func(t *testing.T) {
			ws, qs := newStores(t)
			tt.run(t, ws, qs)
		})
	}
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
			workEntry("Q2-E1", "Q-2", func(e *billing.WorkEntry) { e.Date, e.Duration, e.OrderRef = workDay(2026, 2, 27), 5*workH, "PO" }),
			workEntry("Q2-E2", "Q-2", func(e *billing.WorkEntry) { e.Date, e.Duration, e.OrderRef = workDay(2026, 3, 3), 20*workH, "PO" }),
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
	{"overdraft_refused", func(t *testing.T, ws billing.WorkStore, qs quota.Store) {
		workQuotaWorld(t, ws, qs, func(terms *quota.Terms) { terms.Overdraft = quota.OverdraftUpTo(10 * workH) })
		_, errs := workRun(t, workQuotaBiller(t, ws, qs), workMarch)
		var oe *quota.OverdraftError
		if !errors.As(errs["Q-1"], &oe) || !errors.Is(errs["Q-1"], quota.ErrOverdraft) {
			t.Fatalf("errors %v, want Q-1's overdraft", errs)
		}
		if n := len(workCollect(t, ws.Entries(ctx, "Q-1", billing.Released, workDay(2026, 12, 31)))); n != 26 {
			t.Errorf("%d entries released still, want all 26", n)
		}
	}},
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
