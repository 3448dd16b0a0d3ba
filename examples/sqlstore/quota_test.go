package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/quota/quotatest"
)

func TestQuotaStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, open func(t *testing.T) *sqlstore.DB) {
		quotatest.TestStore(t, func(t *testing.T) quota.Store { return open(t).Quota() })
	})
}
