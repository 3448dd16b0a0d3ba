package memstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/billingtest"
	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/quota"
)

func TestBillingStore(t *testing.T) {
	billingtest.TestWorkStore(t, func(*testing.T) billing.WorkStore { return memstore.NewBillingStore() })
}

func TestBillingRunWithQuota(t *testing.T) {
	billingtest.TestRunWithQuota(t, func(*testing.T) (billing.WorkStore, quota.Store) {
		return memstore.NewBillingStore(), memstore.NewQuotaStore()
	})
}

// BenchmarkBillingRun is billingtest.BenchmarkRun on the in-memory
// stores: 1,000,000 entries of 10,000 customers, half of them on a quota.
func BenchmarkBillingRun(b *testing.B) {
	billingtest.BenchmarkRun(b, func(testing.TB) (billing.WorkStore, quota.Store) {
		return memstore.NewBillingStore(), memstore.NewQuotaStore()
	})
}

// A billing run over the in-memory stores: a customer without contract
// is invoiced per service report; a quota customer's 130 hours are
// booked on its 100-hour quota, the month is closed, and the fixed fee
// and a correction of 30 hours at the overage rate are invoiced; a rental
// customer is billed elsewhere. Running it again bills nothing twice.
func Example_billingRun() {
	ctx := context.Background()
	ws, qs := memstore.NewBillingStore(), memstore.NewQuotaStore()
	rates := billing.RateCard{{From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}}
	ledger, err := quota.NewLedger(qs, quota.Config{})
	check(err)
	_, err = ledger.Open(ctx, quota.Contract{ID: "K-2", CustomerID: "C-2", Start: date.New(2026, 3, 1), Terms: []quota.Terms{{
		From: quota.MustParsePeriod("2026-03"), Hours: 100 * time.Hour, Price: decimal.RequireFromString("1500.00"),
		OverageRate: decimal.RequireFromString("95.00"), Overdraft: quota.UnlimitedOverdraft(),
	}}})
	check(err)
	check(ws.PutContract(ctx, billing.Contract{CustomerID: "C-1", ReportRecipient: "it@c1.example", Rates: rates}))
	check(ws.PutContract(ctx, billing.Contract{CustomerID: "C-2", Type: billing.ContractQuota, QuotaContractID: "K-2", ReportRecipient: "it@c2.example", Rates: rates}))
	check(ws.PutContract(ctx, billing.Contract{CustomerID: "C-3", Type: billing.ContractRental}))

	b, err := billing.NewBiller(ws, qs, billing.BillerConfig{})
	check(err)
	record := func(id, customer string, day int, worked time.Duration) {
		_, err := b.Record(ctx, billing.WorkEntry{
			ID: id, CustomerID: customer, TicketID: "T-" + id, Technician: "alice", Date: date.New(2026, 3, day),
			Duration: worked, Activity: billing.ActivityAdministration, OrderRef: "PO-" + id,
		})
		check(err)
		_, err = b.Release(ctx, id, "backoffice", date.New(2026, 3, 31))
		check(err)
	}
	record("E-1", "C-1", 2, 90*time.Minute)
	for i := range 13 {
		record(fmt.Sprint("Q-", i), "C-2", 2+i, 10*time.Hour)
	}

	run := billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, 4, 1)}
	for attempt := range 2 {
		fmt.Println("run", attempt+1)
		for res, err := range b.Run(ctx, run) {
			check(err)
			fmt.Printf("  %s: %s\n", res.CustomerID, strings.TrimSpace(res.Outcome.String()+" "+res.Reason))
			for _, inv := range res.Invoices {
				fmt.Printf("    %-27s %-16s %8s\n", inv.ID, inv.Kind, inv.Totals.Gross.StringFixed(2))
			}
		}
	}
	// Output:
	// run 1
	//   C-1: billed
	//     INV/2026-03/C-1             service            169.58
	//   C-2: billed
	//     INV/K-2/2026-03/fee         quota-fee         1785.00
	//     INV/K-2/2026-03/correction  quota-correction  3391.50
	//   C-3: excluded rental contracts are billed separately by the agreed direct debit, not through service reports
	// run 2
	//   C-1: nothing
	//   C-2: nothing
	//   C-3: excluded rental contracts are billed separately by the agreed direct debit, not through service reports
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
