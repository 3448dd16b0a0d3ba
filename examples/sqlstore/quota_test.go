package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/quota/quotatest"
)

func TestQuotaStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		quotatest.TestStore(t, func(t *testing.T) quota.Store { return e.open(t).Quota() })
	})
}
