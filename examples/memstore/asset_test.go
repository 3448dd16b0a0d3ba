package memstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/asset/assettest"
	"github.com/deskcore/deskcore/examples/memstore"
)

func TestAssetStore(t *testing.T) {
	assettest.TestStore(t, func(t *testing.T) asset.Store { return memstore.NewAssetStore() })
}
