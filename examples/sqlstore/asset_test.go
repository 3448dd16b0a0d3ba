package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/asset/assettest"
)

func TestAssetStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		assettest.TestStore(t, func(t *testing.T) asset.Store { return e.open(t).Assets() })
	})
}
