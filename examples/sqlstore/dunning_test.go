package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/billingtest"
)

func TestDunningStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		billingtest.TestDunningStore(t, func(t *testing.T) billing.DunningStore { return e.open(t).Dunning() })
	})
}
