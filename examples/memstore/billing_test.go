package memstore_test

import (
	"testing"

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
