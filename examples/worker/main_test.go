package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

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
	} {
		var out bytes.Buffer
		require.Error(t, run(context.Background(), args, &out, time.Now), "%q", args)
	}
}
