package sqlstore_test

import (
	"testing"

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
