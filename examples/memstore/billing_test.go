package memstore_test

import (
	"context"
	"errors"
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

// A quota customer's balance is day-current: work counts on the balance
// of every day from the day it was done, as soon as the back office
// releases it; work recorded but not released is shown beside it as
// pending; a reversal gives the hours back at once. The month-end run
// finds it all booked and books nothing twice.
func Example_quotaDayCurrent() {
	ctx := context.Background()
	// 20 hours a month for 1,900.00; no overdraft agreement.
	b := quotaCustomer(ctx, "C-7", "K-7", 20*time.Hour, "1900.00")
	for _, w := range []struct {
		id     string
		day    int
		worked time.Duration
	}{{"W-1", 5, 2 * time.Hour}, {"W-2", 9, 3*time.Hour + 10*time.Minute}, {"W-3", 12, 45 * time.Minute}} {
		_, err := b.Record(ctx, billing.WorkEntry{
			ID: w.id, CustomerID: "C-7", TicketID: "T-" + w.id, Technician: "alice", Date: date.New(2026, 3, w.day),
			Duration: w.worked, Activity: billing.ActivityAdministration,
		})
		check(err)
	}
	show := func(what string) {
		s, err := b.QuotaStatus(ctx, "C-7", date.New(2026, 3, 15))
		check(err)
		fmt.Printf("%-22s balance on 15 March %-7s pending %s\n", what, quota.FormatHours(s.Balance), quota.FormatHours(s.Pending))
	}
	show("recorded:")
	_, err := b.Release(ctx, "W-1", "backoffice", date.New(2026, 3, 10))
	check(err)
	show("W-1 released:")
	_, err = b.Release(ctx, "W-2", "backoffice", date.New(2026, 3, 16))
	check(err)
	show("W-2 released:")
	_, err = b.Reverse(ctx, "W-1", billing.WorkReversal{ID: "W-1R", On: date.New(2026, 3, 17), Reason: "recorded on the wrong customer", By: "backoffice"})
	check(err)
	show("W-1 reversed:")

	for res, err := range b.Run(ctx, billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, 4, 1)}) {
		check(err)
		fmt.Printf("month-end: %s, closing balance %s\n", res.Outcome, quota.FormatHours(res.Quota[0].Closing))
	}
	// Output:
	// recorded:              balance on 15 March 20h     pending 6h
	// W-1 released:          balance on 15 March 18h     pending 4h
	// W-2 released:          balance on 15 March 14h45m  pending 45m
	// W-1 reversed:          balance on 15 March 16h45m  pending 45m
	// month-end: billed, closing balance 16h45m
}

// Work on a ticket beyond 4 hours needs the customer's order. The 3 hours
// released first are on the balance and stay there; the 2 hours that take
// the ticket over the threshold are held, off the balance, until the
// order is attached, which books them at once. The month-end run bills
// what the balance shows and books nothing twice.
func Example_quotaOrderAttached() {
	ctx := context.Background()
	b := quotaCustomer(ctx, "C-8", "K-8", 20*time.Hour, "1900.00")
	for _, w := range []struct {
		id     string
		day    int
		worked time.Duration
	}{{"W-1", 5, 3 * time.Hour}, {"W-2", 9, 2 * time.Hour}} {
		_, err := b.Record(ctx, billing.WorkEntry{
			ID: w.id, CustomerID: "C-8", TicketID: "T-9", Technician: "alice", Date: date.New(2026, 3, w.day),
			Duration: w.worked, Activity: billing.ActivityAdministration,
		})
		check(err)
		_, err = b.Release(ctx, w.id, "backoffice", date.New(2026, 3, 10))
		check(err)
	}
	show := func(what string) {
		s, err := b.QuotaStatus(ctx, "C-8", date.New(2026, 3, 15))
		check(err)
		fmt.Printf("%-20s balance on 15 March %s\n", what, quota.FormatHours(s.Balance))
	}
	show("W-1, W-2 released:")
	_, err := b.AttachOrder(ctx, "W-2", "PO-4711")
	check(err)
	show("order attached:")

	for res, err := range b.Run(ctx, billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, 4, 1)}) {
		check(err)
		fmt.Printf("month-end: %s, %s on the report, %d held, closing balance %s\n",
			res.Outcome, quota.FormatHours(res.Reports[0].QuotaHours), len(res.Held), quota.FormatHours(res.Quota[0].Closing))
	}
	// Output:
	// W-1, W-2 released:   balance on 15 March 17h
	// order attached:      balance on 15 March 15h
	// month-end: billed, 5h on the report, 0 held, closing balance 15h
}

// The fixed monthly fee is owed whatever the work. A quota customer
// without an overdraft agreement whose work overbooks the quota gets the
// fee invoice; the work the quota cannot take is held with a typed error,
// still released, and booked against the next month's hours by April's
// run.
func Example_quotaOverbookedFeeInvoiced() {
	ctx := context.Background()
	// 10 hours a month for 950.00; no overdraft agreement: the balance
	// may not go below zero.
	b := quotaCustomer(ctx, "C-8", "K-8", 10*time.Hour, "950.00")
	for i, worked := range []time.Duration{6 * time.Hour, 3 * time.Hour, 2 * time.Hour} {
		id := fmt.Sprint("O-", i+1)
		_, err := b.Record(ctx, billing.WorkEntry{
			ID: id, CustomerID: "C-8", TicketID: "T-" + id, Technician: "alice", Date: date.New(2026, 3, 10+i),
			Duration: worked, Activity: billing.ActivityAdministration, OrderRef: "PO-" + id,
		})
		check(err)
		_, err = b.Release(ctx, id, "backoffice", date.New(2026, 3, 20))
		var refused *billing.QuotaPostingError
		if errors.As(err, &refused) {
			fmt.Println("release:", strings.Join(refused.EntryIDs, ", "), "released, its hours held:", errors.Is(err, quota.ErrOverdraft))
		}
	}
	for _, month := range []string{"2026-03", "2026-04"} {
		run := billing.BillingRun{Period: quota.MustParsePeriod(month), Issued: quota.MustParsePeriod(month).Next().First()}
		for res, err := range b.Run(ctx, run) {
			fmt.Printf("%s: %s", month, res.Outcome)
			for _, inv := range res.Invoices {
				fmt.Printf(", %s %s", inv.Kind, inv.Totals.Gross.StringFixed(2))
			}
			for _, r := range res.Reports {
				fmt.Printf(", report of %s", quota.FormatHours(r.QuotaHours))
			}
			var refused *billing.QuotaPostingError
			if errors.As(err, &refused) {
				fmt.Printf("; held: %s", strings.Join(refused.EntryIDs, ", "))
			}
			fmt.Println()
		}
	}
	// Output:
	// release: O-3 released, its hours held: true
	// 2026-03: billed, quota-fee 1130.50, report of 9h; held: O-3
	// 2026-04: billed, quota-fee 1130.50, report of 2h
}

// quotaCustomer opens a quota contract of hours a month at price from
// March 2026, overage at 105.00 an hour, for a new customer on in-memory
// stores, and returns a Biller on them.
func quotaCustomer(ctx context.Context, customerID, contractID string, hours time.Duration, price string) *billing.Biller {
	ws, qs := memstore.NewBillingStore(), memstore.NewQuotaStore()
	ledger, err := quota.NewLedger(qs, quota.Config{})
	check(err)
	_, err = ledger.Open(ctx, quota.Contract{ID: contractID, CustomerID: customerID, Start: date.New(2026, 3, 1), Terms: []quota.Terms{{
		From: quota.MustParsePeriod("2026-03"), Hours: hours, Price: decimal.RequireFromString(price),
		OverageRate: decimal.RequireFromString("105.00"),
	}}})
	check(err)
	check(ws.PutContract(ctx, billing.Contract{CustomerID: customerID, Type: billing.ContractQuota, QuotaContractID: contractID, ReportRecipient: "it@customer.example",
		Rates: billing.RateCard{{From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("105.00"), VATRate: decimal.RequireFromString("19")}}}))
	b, err := billing.NewBiller(ws, qs, billing.BillerConfig{})
	check(err)
	return b
}
