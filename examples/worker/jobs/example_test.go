package jobs_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/quota"
)

// March's month-end as jobs on SQLite: the month-end job lists the
// contracts and enqueues their slices, the slices close them; enqueued
// twice, the month-end runs once.
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

	client, err := jobs.NewClient(queue, jobs.ClientConfig{
		Workers:    jobs.Workers(jobs.Config{Ledger: ledger, Quota: db.Quota(), SliceSize: 2}),
		MaxWorkers: 1,
	})
	if err != nil {
		panic(err)
	}
	if err := client.Start(ctx); err != nil {
		panic(err)
	}
	defer func() { _ = client.Stop(ctx) }()
	for range 2 {
		res, err := client.Insert(ctx, jobs.MonthEndArgs{Period: "2026-03"}, nil)
		if err != nil {
			panic(err)
		}
		fmt.Println("enqueued again:", res.UniqueSkippedAsDuplicate)
	}
	for {
		s, err := jobs.MonthEnd(ctx, client, march)
		if err != nil {
			panic(err)
		}
		if s.Finished() {
			fmt.Printf("%d contracts closed in their slices\n", s.Done)
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
	// enqueued again: false
	// enqueued again: true
	// 3 contracts closed in their slices
	// K-2 open period: 2026-04 balance: 20h
}
