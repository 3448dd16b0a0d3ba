package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
)

// The worker closes the month it is asked for and, on a stop signal,
// stops gracefully: run returns nil.
func TestWorkerClosesTheMonthAndStopsGracefully(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := sqlstore.OpenSQLite(ctx, path)
	require.NoError(t, err)
	l, err := quota.NewLedger(db.Quota(), quota.Config{})
	require.NoError(t, err)
	march := quota.MustParsePeriod("2026-03")
	for _, id := range []string{"K-1", "K-2", "K-3"} {
		_, err := l.Open(ctx, quota.Contract{ID: id, CustomerID: "C-" + id, Start: march.First(), Terms: []quota.Terms{{
			From: march, Hours: 10 * time.Hour, Price: decimal.RequireFromString("950.00"), OverageRate: decimal.RequireFromString("95.00"),
		}}})
		require.NoError(t, err)
	}

	sig, stop := context.WithCancel(ctx)
	var log bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(sig, []string{"-db", "sqlite:" + path, "-month", "2026-03"}, &log, time.Now) }()
	require.Eventually(t, func() bool {
		for _, id := range []string{"K-1", "K-2", "K-3"} {
			a, err := l.Account(ctx, id)
			require.NoError(t, err)
			if a.Open != march.Next() {
				return false
			}
		}
		return true
	}, 30*time.Second, 50*time.Millisecond)
	stop()
	select {
	case err := <-done:
		require.NoError(t, err, log.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the worker did not stop")
	}
	require.Contains(t, log.String(), "River client stopped")
	require.NoError(t, db.Close())
}

// Bad flags are an error, never a panic.
func TestWorkerRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-db", "sqlite:/tmp/x.db", "-dsn", "postgres://x"},
		{"-db", "/tmp/x.db"},
		{"-db", "sqlite:/tmp/x.db", "-month", "2026-13"},
		{"-db", "sqlite:/tmp/x.db", "-zone", "Mars/Olympus"},
		{"-db", "sqlite:/tmp/x.db", "-workers", "0"},
		{"-db", "sqlite:/tmp/x.db", "-billing-day", "29"},
	} {
		var out bytes.Buffer
		require.Error(t, run(context.Background(), args, &out, time.Now), "%q", args)
	}
}

// With -billing-day the worker bills the month before from that day on:
// on 7 December, with the 3rd as billing day, November's released work
// is billed once, the report and invoice issued on 3 December, and the
// log names the customer billed.
func TestWorkerBillsTheMonthBeforeFromTheBillingDay(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := sqlstore.OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	b, err := billing.NewBiller(db.Billing(), db.Quota(), billing.BillerConfig{})
	require.NoError(t, err)
	rates := billing.RateCard{{From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}}
	require.NoError(t, db.Billing().PutContract(ctx, billing.Contract{CustomerID: "C-1", ReportRecipient: "it@c1.example", Rates: rates}))
	_, err = b.Record(ctx, billing.WorkEntry{ID: "E-1", CustomerID: "C-1", TicketID: "T-1", Technician: "alice", Date: date.New(2026, 11, 12),
		Duration: 90 * time.Minute, Activity: billing.ActivityAdministration, OrderRef: "PO-1"})
	require.NoError(t, err)
	_, err = b.Release(ctx, "E-1", "backoffice", date.New(2026, 11, 30))
	require.NoError(t, err)

	now := time.Date(2026, time.December, 7, 10, 0, 0, 0, time.UTC)
	sig, stop := context.WithCancel(ctx)
	var log syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(sig, []string{"-db", "sqlite:" + path, "-billing-day", "3"}, &log, func() time.Time { return now })
	}()
	var reports []billing.ServiceReport
	require.Eventually(t, func() bool {
		reports = reports[:0]
		for r, err := range db.Billing().Reports(ctx, "C-1") {
			require.NoError(t, err)
			reports = append(reports, r)
		}
		return len(reports) == 1
	}, 30*time.Second, 50*time.Millisecond, "%s", &log)
	stop()
	require.NoError(t, <-done, log.String())
	require.Equal(t, date.New(2026, 12, 3), reports[0].Issued)
	require.Equal(t, quota.MustParsePeriod("2026-11"), reports[0].Period)
}
