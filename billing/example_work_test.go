package billing_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// The paid-support terms' rules decide, and each decision names the rule that made it,
// for the service report.
func ExampleBillabilityPolicy_Decide() {
	policy := billing.DefaultPolicy()
	for _, e := range []billing.WorkEntry{
		{Activity: billing.ActivitySupport, Fault: billing.FaultProvider},
		{Activity: billing.ActivitySupport, Fault: billing.FaultUndetermined},
		{Activity: billing.ActivitySupport, Fault: billing.FaultCustomer},
		{Activity: billing.ActivityMigration},
		{Activity: "network-setup"},
		{Activity: billing.ActivityMigration, Billable: billing.BillableNo, Justification: "our migration tool failed"},
	} {
		fmt.Printf("%-14s %-12s -> %s\n", e.Activity, e.Fault, policy.Decide(e))
	}
	// Output:
	// support        provider     -> free (rule provider-fault): a defect the provider is responsible for is fixed free of charge
	// support        undetermined -> free (rule covered): covered by the product description: free online support
	// support        customer     -> units (rule customer-fault): the analysis found the fault on the customer's side
	// migration      undetermined -> units (rule ordered-work): account migrations, compromise remediation, administration service and software development are billed by actual time
	// network-setup  undetermined -> units (rule default): not covered by the product description
	// migration      undetermined -> free (rule technician): our migration tool failed
}

// Work units of 15 minutes: each rounding of 40 minutes, and a minimum.
func ExampleUnitPolicy_Units() {
	worked := 40 * time.Minute // 2.67 units
	for _, p := range []billing.UnitPolicy{
		{},
		{Rounding: billing.RoundNearest},
		{Rounding: billing.RoundDown},
		{Size: time.Hour, Rounding: billing.RoundDown, Minimum: 1},
	} {
		fmt.Printf("%-28s %d units, billed %s\n", p, p.Units(worked), p.Billed(worked))
	}
	// Output:
	// 15m up min=0 per=entry       3 units, billed 45m0s
	// 15m nearest min=0 per=entry  3 units, billed 45m0s
	// 15m down min=0 per=entry     2 units, billed 30m0s
	// 1h down min=1 per=entry      1 units, billed 1h0m0s
}

// A service report of one customer's March, as the customer's report
// recipient reads it before the invoice: billed work, free work with the
// reason, goodwill, work held back for want of an order, the charges and
// the totals. The invoice shows only the report's ID and the amount.
func ExampleBillerConfig_DraftReports_serviceReport() {
	d := func(day int) date.Date { return date.New(2026, time.March, day) }
	contract := billing.Contract{
		CustomerID: "C-1", ReportRecipient: "it@customer.example",
		Rates: billing.RateCard{{
			From: date.New(2026, time.January, 1), Hourly: decimal.RequireFromString("95.00"), FlatFee: decimal.RequireFromString("45.00"),
			Travel:  []billing.TravelZone{{Zone: "Z1", Charge: decimal.RequireFromString("25.00")}},
			VATRate: decimal.RequireFromString("19"),
		}},
	}
	entries := []billing.WorkEntry{
		{ID: "E-1", CustomerID: "C-1", TicketID: "T-100", Technician: "alice", Date: d(2), Duration: 50 * time.Minute,
			Activity: billing.ActivitySupport, Fault: billing.FaultCustomer, Travel: billing.Travel{Zone: "Z1"},
			Description: "Restored the deleted share"},
		{ID: "E-2", CustomerID: "C-1", TicketID: "T-101", Technician: "bob", Date: d(3), Duration: 30 * time.Minute,
			Activity: billing.ActivitySupport, Fault: billing.FaultProvider, Description: "Mail relay fixed"},
		{ID: "E-3", CustomerID: "C-1", TicketID: "T-102", Technician: "alice", Date: d(5), Duration: 2 * time.Hour,
			Activity: billing.ActivityMigration, OrderRef: "PO-7",
			Goodwill: billing.Goodwill{Waive: 30 * time.Minute, Reason: "first migration"}},
		{ID: "E-4", CustomerID: "C-1", TicketID: "T-103", Technician: "bob", Date: d(9), Duration: 5 * time.Hour,
			Activity: billing.ActivityDevelopment},
	}
	run := billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, time.April, 1)}
	draft, err := billing.BillerConfig{}.DraftReports(contract, run, entries, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	report := draft.Reports[0]
	fmt.Printf("Service report %s for %s, %s\n", report.ID, report.CustomerID, report.Period)
	for _, e := range report.Entries {
		fmt.Printf("%s %s: %s, %d units\n", e.Entry.ID, e.Entry.TicketID, e.Decision.Charging, e.Units)
	}
	for _, e := range report.Held {
		fmt.Printf("%s %s: held back\n", e.Entry.ID, e.Entry.TicketID)
	}
	for _, l := range report.Lines {
		fmt.Printf("%s %s %s\n", l.Kind, l.Quantity, l.Net.StringFixed(2))
	}
	inv, _ := report.Invoice()
	fmt.Printf("Invoice %s: %s, %s\n", inv.ID, inv.Lines[0].Description, inv.Totals.Gross.StringFixed(2))
	// Output:
	// Service report SR/2026-03/C-1 for C-1, 2026-03
	// E-1 T-100: units, 4 units
	// E-2 T-101: free, 0 units
	// E-3 T-102: units, 6 units
	// E-4 T-103: held back
	// work 60 95.00
	// travel-zone 1 25.00
	// work 90 142.50
	// Invoice INV/2026-03/C-1: Service report SR/2026-03/C-1, 312.38
}

// Central and per-branch invoicing of the same work: one report and
// invoice for head office, or one per branch. VAT is computed per
// document, so the totals may differ by a cent.
func ExampleBillerConfig_DraftReports() {
	contract := billing.Contract{
		CustomerID: "C-1", ReportRecipient: "it@customer.example",
		Rates: billing.RateCard{{From: date.New(2026, time.January, 1), Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}},
	}
	var entries []billing.WorkEntry
	for i, w := range []struct {
		branch string
		worked time.Duration
	}{{"", time.Hour}, {"B-1", 30 * time.Minute}, {"B-2", 45 * time.Minute}} {
		entries = append(entries, billing.WorkEntry{
			ID: fmt.Sprint("E-", i), CustomerID: "C-1", BranchID: w.branch, TicketID: fmt.Sprint("T-", i), Technician: "alice",
			Date: date.New(2026, time.March, 2), Duration: w.worked, Activity: billing.ActivityAdministration,
		})
	}
	run := billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, time.April, 1)}
	for _, invoicing := range []billing.Invoicing{billing.Central, billing.PerBranch} {
		contract.Invoicing = invoicing
		draft, _ := billing.BillerConfig{}.DraftReports(contract, run, entries, nil)
		fmt.Println(invoicing)
		for _, r := range draft.Reports {
			inv, _ := r.Invoice()
			fmt.Printf("  %-22s to %-11q net %7s  VAT %6s  gross %7s\n", inv.ID, inv.BillTo, inv.Totals.Net.StringFixed(2), inv.Totals.VATTotal.StringFixed(2), inv.Totals.Gross.StringFixed(2))
		}
	}
	// Output:
	// central
	//   INV/2026-03/C-1        to ""          net  213.75  VAT  40.61  gross  254.36
	// per-branch
	//   INV/2026-03/C-1        to ""          net   95.00  VAT  18.05  gross  113.05
	//   INV/2026-03/C-1/B-1    to "B-1"       net   47.50  VAT   9.03  gross   56.53
	//   INV/2026-03/C-1/B-2    to "B-2"       net   71.25  VAT  13.54  gross   84.79
}
