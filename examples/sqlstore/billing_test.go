package sqlstore_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/billingtest"
	"github.com/deskcore/deskcore/quota"
)

func TestBillingStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		billingtest.TestWorkStore(t, func(t *testing.T) billing.WorkStore { return e.open(t).Billing() })
	})
}

// TestRunWithQuota runs billing with the quota store on the same database.
func TestRunWithQuota(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		billingtest.TestRunWithQuota(t, func(t *testing.T) (billing.WorkStore, quota.Store) {
			db := e.open(t)
			return db.Billing(), db.Quota()
		})
	})
}

// TestBillingStoreKeepsScale checks that money and quantities keep their
// scale, in the document and in the NUMERIC (SQLite: text) copy.
func TestBillingStoreKeepsScale(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.fresh(t)
		s := e.reopen(t, where).Billing()
		u := billing.Usage{ID: "U-1", CustomerID: "C-1", Period: quota.MustParsePeriod("2026-03"), Item: "backup-gb",
			Quantity: decimal.RequireFromString("2.50")}
		require.NoError(t, s.AddUsage(ctx, u))
		var column string
		require.NoError(t, e.raw(t, where).QueryRowContext(ctx, "SELECT CAST(quantity AS TEXT) FROM work_usage").Scan(&column))
		require.Equal(t, "2.50", column)
		for got, err := range s.Usage(ctx, "C-1", u.Period) {
			require.NoError(t, err)
			require.Equal(t, int32(-2), got.Quantity.Exponent(), "2.50 read back as %s", got.Quantity)
		}
	})
}
