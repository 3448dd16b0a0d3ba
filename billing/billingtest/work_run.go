package billingtest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// workRun runs a billing run to the end and returns the results by
// customer, and the errors by customer.
func workRun(t testing.TB, b *billing.Biller, run billing.BillingRun) (map[string]billing.RunResult, map[string]error) {
	t.Helper()
	results, errs := map[string]billing.RunResult{}, map[string]error{}
	for res, err := range b.Run(ctx, run) {
		if err != nil {
			require.NotEmpty(t, res.CustomerID, "an error without a customer ends the run: %v", err)
			errs[res.CustomerID] = err
			if res.Outcome == 0 { // nothing billed; a customer billed in part has both
				continue
			}
		}
		results[res.CustomerID] = res
	}
	return results, errs
}

// workBranches stores four released entries of a customer in March 2026:
// head office 1h, branch B-1 30m and a free provider defect of 20m,
// branch B-2 45m.
func workBranches(t testing.TB, s billing.WorkStore, customer string) {
	t.Helper()
	workAdd(t, s, billing.Released,
		workEntry(customer+"-E1", customer, nil),
		workEntry(customer+"-E2", customer, func(e *billing.WorkEntry) { e.BranchID, e.Duration = "B-1", 30*workM }),
		workEntry(customer+"-E3", customer, func(e *billing.WorkEntry) { e.BranchID, e.Duration = "B-2", 45*workM }),
		workEntry(customer+"-E4", customer, func(e *billing.WorkEntry) {
			e.BranchID, e.Duration, e.Fault = "B-1", 20*workM, billing.FaultProvider
		}),
	)
}

// workFleet is four customers: C-1 invoiced centrally, C-2 per branch,
// C-3 on a rental contract, C-4 without work.
func workFleet(t testing.TB, s billing.WorkStore) {
	t.Helper()
	workMust(t, s.PutContract(ctx, workContract("C-1", nil)))
	workMust(t, s.PutContract(ctx, workContract("C-2", func(c *billing.Contract) { c.Invoicing = billing.PerBranch })))
	workMust(t, s.PutContract(ctx, billing.Contract{CustomerID: "C-3", Type: billing.ContractRental}))
	workMust(t, s.PutContract(ctx, workContract("C-4", nil)))
	workBranches(t, s, "C-1")
	workBranches(t, s, "C-2")
	workAdd(t, s, billing.Released, workEntry("C-3-E1", "C-3", nil))
}

// invoiceSum is an invoice as the run tests compare it.
type invoiceSum struct {
	ID, ReportID, BillTo string
	Net, VAT, Gross      string
}

func workInvoices(rs ...billing.RunResult) []invoiceSum {
	var out []invoiceSum
	for _, r := range rs {
		for _, inv := range r.Invoices {
			out = append(out, invoiceSum{inv.ID, inv.ReportID, inv.BillTo, inv.Totals.Net.StringFixed(2), inv.Totals.VATTotal.StringFixed(2), inv.Totals.Gross.StringFixed(2)})
		}
	}
	return out
}

// workFleetInvoices are the invoices of workFleet's March: 60, 30 and 45
// minutes at 95.00 per 60 are 95.00, 47.50 and 71.25.
var workFleetInvoices = []invoiceSum{
	// Central: 213.75 net, VAT 19 % 40.6125 -> 40.61.
	{"INV/2026-03/C-1", "SR/2026-03/C-1", "", "213.75", "40.61", "254.36"},
	// Per branch: 95.00 + 18.05; 47.50 + 9.025 -> 9.03; 71.25 + 13.5375 -> 13.54.
	{"INV/2026-03/C-2", "SR/2026-03/C-2", "", "95.00", "18.05", "113.05"},
	{"INV/2026-03/C-2/B-1", "SR/2026-03/C-2/B-1", "B-1", "47.50", "9.03", "56.53"},
	{"INV/2026-03/C-2/B-2", "SR/2026-03/C-2/B-2", "B-2", "71.25", "13.54", "84.79"},
}

// workRequireFleetBilled requires the store to hold workFleet's March
// billing exactly once.
func workRequireFleetBilled(t *testing.T, s billing.WorkStore) {
	t.Helper()
	var got []invoiceSum
	for _, c := range []string{"C-1", "C-2"} {
		for _, r := range workCollect(t, s.Reports(ctx, c)) {
			inv := workGet[billing.InvoiceDraft](t)(s.Invoice(ctx, "INV"+r.ID[2:]))
			got = append(got, invoiceSum{inv.ID, inv.ReportID, inv.BillTo, inv.Totals.Net.StringFixed(2), inv.Totals.VATTotal.StringFixed(2), inv.Totals.Gross.StringFixed(2)})
		}
		for _, e := range workCollect(t, s.Entries(ctx, c, billing.Released, workDay(2026, 12, 31))) {
			t.Errorf("%s is still released", e.ID)
		}
	}
	workDiff(t, "stored invoices", workFleetInvoices, got)
	if e := workGet[billing.WorkEntry](t)(s.Entry(ctx, "C-3-E1")); e.State != billing.Released {
		t.Errorf("the rental customer's entry is %s", e.State)
	}
}

// workFlakyStore fails Bill for one customer while fails is positive,
// as a crash between two customers' transactions would.
type workFlakyStore struct {
	billing.WorkStore
	customer string
	fails    int
}

var errWorkCrash = errors.New("billingtest: simulated crash")

// Bill fails for the customer while fails is positive.
func (s *workFlakyStore) Bill(ctx context.Context, b billing.Billing) error {
	for _, r := range b.Reports {
		if r.CustomerID == s.customer && s.fails > 0 {
			s.fails--
			return errWorkCrash
		}
	}
	return s.WorkStore.Bill(ctx, b)
}

var workRunTests = []workTest{
	{Name: "parallel_workers", Run: func(t *testing.T, s billing.WorkStore) {
		var want []string
		for i := range 24 {
			id := fmt.Sprintf("P-%02d", i)
			workMust(t, s.PutContract(ctx, workContract(id, func(c *billing.Contract) {
				if i%3 == 1 {
					c.Invoicing = billing.PerBranch
				}
			})))
			if i%4 != 3 {
				workBranches(t, s, id)
			}
			want = append(want, id)
		}
		b, err := billing.NewBiller(s, nil, billing.BillerConfig{Workers: 4})
		require.NoError(t, err)
		// Breaking out early stops the run; customers in progress are
		// billed whole or not at all.
		n := 0
		for _, err := range b.Run(ctx, workMarch) {
			require.NoError(t, err)
			if n++; n == 3 {
				break
			}
		}
		var got []string
		billed := 0
		for res, err := range b.Run(ctx, workMarch) {
			require.NoError(t, err)
			got = append(got, res.CustomerID)
			if res.Outcome == billing.RunBilled {
				billed++
			}
		}
		workDiff(t, "results in customer order", want, got)
		if billed > 18-3 {
			t.Errorf("the second run billed %d customers", billed)
		}
		for _, id := range want {
			if n := len(workCollect(t, s.Entries(ctx, id, billing.Released, workDay(2026, 12, 31)))); n != 0 {
				t.Errorf("%s has %d entries released after two runs", id, n)
			}
		}
		for _, id := range want[:4] {
			reports := workCollect(t, s.Reports(ctx, id))
			switch {
			case id == "P-03" && len(reports) != 0:
				t.Errorf("P-03 has no work but %d reports", len(reports))
			case id == "P-01" && len(reports) != 3, id != "P-01" && id != "P-03" && len(reports) != 1:
				t.Errorf("%s has %d reports", id, len(reports))
			}
		}
	}},
	{Name: "central_and_per_branch", Run: func(t *testing.T, s billing.WorkStore) {
		workFleet(t, s)
		results, errs := workRun(t, workBiller(t, s), workMarch)
		require.Empty(t, errs)
		workDiff(t, "invoices", workFleetInvoices, workInvoices(results["C-1"], results["C-2"]))
		for c, want := range map[string]billing.RunOutcome{"C-1": billing.RunBilled, "C-2": billing.RunBilled, "C-3": billing.RunExcluded, "C-4": billing.RunNothing} {
			if results[c].Outcome != want {
				t.Errorf("%s: %s, want %s", c, results[c].Outcome, want)
			}
		}
		if r := results["C-3"].Reason; r == "" {
			t.Error("the rental customer's exclusion gives no reason")
		}
		if n := len(results["C-2"].Reports); n != 3 {
			t.Errorf("C-2 has %d reports, want one per branch and head office", n)
		}
		r := workGet[billing.ServiceReport](t)(s.Report(ctx, "SR/2026-03/C-2/B-1"))
		if r.Recipient != "reports@C-2.example" || len(r.Entries) != 2 || r.Entries[1].Decision.Rule != billing.RuleProviderFault {
			t.Errorf("branch report: %+v", r)
		}
		workRequireFleetBilled(t, s)
	}},
	{Name: "double_run", Run: func(t *testing.T, s billing.WorkStore) {
		workFleet(t, s)
		b := workBiller(t, s)
		_, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		results, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		for c, res := range results {
			if res.Outcome == billing.RunBilled {
				t.Errorf("the second run billed %s again", c)
			}
		}
		workRequireFleetBilled(t, s)
	}},
	{Name: "crash_midway", Run: func(t *testing.T, s billing.WorkStore) {
		workFleet(t, s)
		flaky := &workFlakyStore{WorkStore: s, customer: "C-2", fails: 1}
		b := workBiller(t, flaky)
		results, errs := workRun(t, b, workMarch)
		if !errors.Is(errs["C-2"], errWorkCrash) || len(errs) != 1 {
			t.Fatalf("errors %v, want C-2's crash only", errs)
		}
		if results["C-1"].Outcome != billing.RunBilled || results["C-4"].Outcome != billing.RunNothing {
			t.Errorf("the run did not go on past C-2: %v", results)
		}
		// C-2 has nothing stored: its entries are released still.
		if n := len(workCollect(t, s.Reports(ctx, "C-2"))); n != 0 {
			t.Errorf("C-2 has %d reports after its crash", n)
		}
		results, errs = workRun(t, b, workMarch)
		require.Empty(t, errs)
		if results["C-1"].Outcome != billing.RunNothing || results["C-2"].Outcome != billing.RunBilled {
			t.Errorf("resumed run: C-1 %s, C-2 %s", results["C-1"].Outcome, results["C-2"].Outcome)
		}
		workRequireFleetBilled(t, s)
	}},
	{Name: "held_until_ordered", Run: func(t *testing.T, s billing.WorkStore) {
		workMust(t, s.PutContract(ctx, workContract("C-1", nil)))
		workAdd(t, s, billing.Released, workEntry("E-1", "C-1", func(e *billing.WorkEntry) { e.Duration = 5 * workH }))
		b := workBiller(t, s)
		results, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		res := results["C-1"]
		if res.Outcome != billing.RunNothing || len(res.Held) != 1 || res.Held[0].Held == "" {
			t.Fatalf("5h without an order: %s, held %v", res.Outcome, res.Held)
		}
		_, err := b.AttachOrder(ctx, "E-1", "PO-4711")
		require.NoError(t, err)
		results, errs = workRun(t, b, workMarch)
		require.Empty(t, errs)
		// 5h = 300 min at 95.00 = 475.00; VAT 90.25.
		workDiff(t, "invoice", []invoiceSum{{"INV/2026-03/C-1", "SR/2026-03/C-1", "", "475.00", "90.25", "565.25"}}, workInvoices(results["C-1"]))
	}},
	{Name: "reversal_and_usage", Run: func(t *testing.T, s billing.WorkStore) {
		workMust(t, s.PutContract(ctx, workContract("C-1", func(c *billing.Contract) { c.Type = billing.ContractPayPerUse })))
		workAdd(t, s, billing.Released, workEntry("E-1", "C-1", nil))
		workMust(t, s.AddUsage(ctx, billing.Usage{ID: "U-1", CustomerID: "C-1", Period: quota.MustParsePeriod("2026-03"), Item: "device", Quantity: workDec("10")}))
		b := workBiller(t, s)
		results, errs := workRun(t, b, workMarch)
		require.Empty(t, errs)
		// 95.00 + 10 × 4.90 = 144.00; VAT 27.36.
		workDiff(t, "March", []invoiceSum{{"INV/2026-03/C-1", "SR/2026-03/C-1", "", "144.00", "27.36", "171.36"}}, workInvoices(results["C-1"]))
		require.NoError(t, b.MarkInvoiced(ctx, "INV/2026-03/C-1", "RE-1"))
		if e := workGet[billing.WorkEntry](t)(s.Entry(ctx, "E-1")); e.State != billing.Invoiced {
			t.Errorf("E-1 is %s after its invoice was booked", e.State)
		}
		_, err := b.Reverse(ctx, "E-1", billing.WorkReversal{ID: "R-1", On: workDay(2026, 4, 2), Reason: "duplicate booking", By: "backoffice"})
		require.NoError(t, err)
		april := billing.BillingRun{Period: quota.MustParsePeriod("2026-04"), Issued: workDay(2026, 5, 4)}
		results, errs = workRun(t, b, april)
		require.Empty(t, errs)
		// The credit: -95.00, VAT -18.05; the usage is not billed twice.
		workDiff(t, "April", []invoiceSum{{"INV/2026-04/C-1", "SR/2026-04/C-1", "", "-95.00", "-18.05", "-113.05"}}, workInvoices(results["C-1"]))
	}},
}
