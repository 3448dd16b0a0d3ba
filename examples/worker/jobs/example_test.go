package jobs_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/quota"
)

// March's month-end and billing run as jobs on SQLite: the month-end
// job lists the quota contracts and enqueues their slices, the slices
// close them; the billing month lists the customers and enqueues their
// slices, the slices bill them and hand each billed customer to
// Config.Billed. Enqueued twice, each runs once.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "jobs-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	db, queue, err := jobs.Open(ctx, "sqlite:"+filepath.Join(dir, "desk.db"))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	defer queue.Close()

	ledger, err := quota.NewLedger(db.Quota(), quota.Config{})
	if err != nil {
		panic(err)
	}
	march := quota.MustParsePeriod("2026-03")
	for _, id := range []string{"K-1", "K-2", "K-3"} {
		_, err := ledger.Open(ctx, quota.Contract{ID: id, CustomerID: "C-" + id, Start: march.First(), Terms: []quota.Terms{{
			From: march, Hours: 10 * time.Hour, Price: decimal.RequireFromString("950.00"), OverageRate: decimal.RequireFromString("95.00"),
		}}})
		if err != nil {
			panic(err)
		}
	}

	biller, err := billing.NewBiller(db.Billing(), db.Quota(), billing.BillerConfig{})
	if err != nil {
		panic(err)
	}
	rates := billing.RateCard{{From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}}
	for i, customer := range []string{"C-1", "C-2", "C-3"} {
		if err := biller.PutContract(ctx, billing.Contract{CustomerID: customer, ReportRecipient: "it@example.com", Rates: rates}); err != nil {
			panic(err)
		}
		id := "E-" + customer
		if _, err := biller.Record(ctx, billing.WorkEntry{ID: id, CustomerID: customer, TicketID: "T-" + id, Technician: "alice",
			Date: date.New(2026, 3, 2), Duration: time.Duration(i+1) * time.Hour, Activity: billing.ActivityAdministration}); err != nil {
			panic(err)
		}
		if _, err := biller.Release(ctx, id, "backoffice", date.New(2026, 3, 31)); err != nil {
			panic(err)
		}
	}

	billed := make(chan billing.RunResult, 3)
	client, err := jobs.NewClient(queue, jobs.ClientConfig{
		Workers: jobs.Workers(jobs.Config{
			Ledger: ledger, Quota: db.Quota(), SliceSize: 2, Biller: biller, Work: db.Billing(),
			Billed: func(_ context.Context, r billing.RunResult) { billed <- r },
		}),
		MaxWorkers: 1,
	})
	if err != nil {
		panic(err)
	}
	if err := client.Start(ctx); err != nil {
		panic(err)
	}
	defer func() { _ = client.Stop(ctx) }()
	billingMarch := jobs.BillingMonthArgs{Period: "2026-03", Issued: "2026-04-01"}
	for range 2 {
		for _, args := range []river.JobArgs{jobs.MonthEndArgs{Period: "2026-03"}, billingMarch} {
			res, err := client.Insert(ctx, args, nil)
			if err != nil {
				panic(err)
			}
			fmt.Println(args.Kind(), "enqueued again:", res.UniqueSkippedAsDuplicate)
		}
	}
	for range 3 {
		r := <-billed
		fmt.Println(r.CustomerID, "billed:", r.Invoices[0].ID, r.Invoices[0].Totals.Gross.StringFixed(2))
	}
	for {
		closing, err := jobs.MonthEnd(ctx, client, march)
		if err != nil {
			panic(err)
		}
		bills, err := jobs.BillingMonth(ctx, client, billingMarch)
		if err != nil {
			panic(err)
		}
		if closing.Finished() && bills.Finished() {
			fmt.Printf("%d contracts closed, %d customers billed in their slices\n", closing.Done, bills.Done)
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	a, err := ledger.Account(ctx, "K-2")
	if err != nil {
		panic(err)
	}
	fmt.Println("K-2 open period:", a.Open, "balance:", quota.FormatHours(a.Balance()))
	// Output:
	// quota_month_end enqueued again: false
	// billing_month enqueued again: false
	// quota_month_end enqueued again: true
	// billing_month enqueued again: true
	// C-1 billed: INV/2026-03/C-1 113.05
	// C-2 billed: INV/2026-03/C-2 226.10
	// C-3 billed: INV/2026-03/C-3 339.15
	// 3 contracts closed, 3 customers billed in their slices
	// K-2 open period: 2026-04 balance: 20h
}
