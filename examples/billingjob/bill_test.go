package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// With -bill the command runs March's billing beside its month-end: the
// quota customer's March work is booked in March by the billing run,
// which closes its period, and a quota contract without a billing
// customer is closed by the month-end; each contract is closed once.
func TestBillRunsTheBillingBesideTheMonthEnd(t *testing.T) {
	ctx := context.Background()
	d := sqliteDB(t)
	db, err := d.open(ctx)
	require.NoError(t, err)
	defer db.Close()
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{})
	require.NoError(t, err)
	for _, id := range []string{"K-billed", "K-plain"} {
		_, err := ledger.Open(ctx, quota.Contract{ID: id, CustomerID: "C-" + id, Start: march.First(), Terms: []quota.Terms{{
			From: march, Hours: 10 * time.Hour, Price: decimal.RequireFromString("950.00"),
			OverageRate: decimal.RequireFromString("95.00"), Overdraft: quota.UnlimitedOverdraft(),
		}}})
		require.NoError(t, err)
	}
	rates := billing.RateCard{{From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}}
	require.NoError(t, db.Billing().PutContract(ctx, billing.Contract{CustomerID: "C-K-billed", Type: billing.ContractQuota,
		QuotaContractID: "K-billed", ReportRecipient: "it@billed.example", Rates: rates}))
	b, err := billing.NewBiller(db.Billing(), db.Quota(), billing.BillerConfig{})
	require.NoError(t, err)
	_, err = b.Record(ctx, billing.WorkEntry{ID: "E-1", CustomerID: "C-K-billed", TicketID: "T-1", Technician: "alice",
		Date: date.New(2026, 3, 30), Duration: 12 * time.Hour, Activity: billing.ActivityAdministration, OrderRef: "PO-1"})
	require.NoError(t, err)
	_, err = b.Release(ctx, "E-1", "backoffice", date.New(2026, 3, 31))
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, run(ctx, d.args("-period", "2026-03", "-bill"), &out, &out), out.String())
	require.Contains(t, out.String(), "billed 1 customers")

	// Closing March again reports what the first close did: 12 hours of
	// work on 10 corrected by 2 for the billed customer, nothing for the
	// other.
	for id, corrected := range map[string]time.Duration{"K-billed": 2 * time.Hour, "K-plain": 0} {
		res, err := ledger.Close(ctx, id, march)
		require.NoError(t, err)
		require.Equal(t, quota.AlreadyClosed, res.Outcome, id)
		require.Equal(t, corrected, res.Corrected, id)
	}
	n := 0
	for _, err := range db.Billing().Reports(ctx, "C-K-billed") {
		require.NoError(t, err)
		n++
	}
	require.Equal(t, 1, n, "the billed customer's service report")
}
