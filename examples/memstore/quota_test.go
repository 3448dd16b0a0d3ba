package memstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/quota/quotatest"
)

func TestQuotaStore(t *testing.T) {
	quotatest.TestStore(t, func(*testing.T) quota.Store { return memstore.NewQuotaStore() })
}
