package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/asset/assettest"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

func TestAssetStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, open func(t *testing.T) *sqlstore.DB) {
		assettest.TestStore(t, func(t *testing.T) asset.Store { return open(t).Assets() })
	})
}
