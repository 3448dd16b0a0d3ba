package memstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/quota"
)

// A billing run in slices of customers, as a job queue splits it: each
// slice bills its customers as Run would, a customer without a contract
// is named with its error while the others are billed, and a slice
// worked again (a retried job) bills nothing twice.
func ExampleBillingStore_runCustomers() {
	ctx := context.Background()
	ws := memstore.NewBillingStore()
	rates := billing.RateCard{{From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}}
	b, err := billing.NewBiller(ws, nil, billing.BillerConfig{})
	check(err)
	for i, customer := range []string{"C-1", "C-2"} {
		check(ws.PutContract(ctx, billing.Contract{CustomerID: customer, ReportRecipient: "it@" + customer + ".example", Rates: rates}))
		id := "E-" + customer
		_, err := b.Record(ctx, billing.WorkEntry{
			ID: id, CustomerID: customer, TicketID: "T-" + id, Technician: "alice", Date: date.New(2026, 3, 2),
			Duration: time.Duration(i+1) * time.Hour, Activity: billing.ActivityAdministration,
		})
		check(err)
		_, err = b.Release(ctx, id, "backoffice", date.New(2026, 3, 31))
		check(err)
	}
	check(ws.PutContract(ctx, billing.Contract{CustomerID: "C-3", Type: billing.ContractRental}))

	run := billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, 4, 1)}
	for _, slice := range [][]string{{"C-1", "C-9"}, {"C-3", "C-2"}, {"C-2", "C-1"}} {
		fmt.Println("slice", slice)
		for res, err := range b.RunCustomers(ctx, run, slice) {
			if err != nil {
				fmt.Printf("  %s: %v\n", res.CustomerID, err)
				continue
			}
			fmt.Printf("  %s: %s\n", res.CustomerID, res.Outcome)
			for _, inv := range res.Invoices {
				fmt.Printf("    %s %s\n", inv.ID, inv.Totals.Gross.StringFixed(2))
			}
		}
	}
	// Output:
	// slice [C-1 C-9]
	//   C-1: billed
	//     INV/2026-03/C-1 113.05
	//   C-9: billing: customer "C-9": memstore: no contract for customer "C-9": billing: not found
	// slice [C-3 C-2]
	//   C-2: billed
	//     INV/2026-03/C-2 226.10
	//   C-3: excluded
	// slice [C-2 C-1]
	//   C-1: nothing
	//   C-2: nothing
}
