// Package assettest is the conformance suite for implementations of the
// asset package's storage interfaces, in the spirit of testing/fstest:
// every adapter's own test calls it, so the in-memory, SQLite and
// PostgreSQL adapters are held to one behaviour.
//
//	func TestAssetStore(t *testing.T) {
//		assettest.TestStore(t, func(t *testing.T) asset.Store {
//			return memstore.NewAssetStore()
//		})
//	}
//
// newStore must return a new, empty store each time it is called; it may
// register cleanups on t. The checks run on the shared runner of every
// deskcore suite: one after another, each a subtest group/check on its own
// store, and the checks of concurrent writers start their goroutines
// together. Beyond round trips it checks the
// guarantees the domain relies on: a failing closure or transaction leaves
// nothing behind; two concurrent writers on the same state cannot both
// win; returned values are copies; the access log and the secret history
// cannot be edited through the interface; and, running the real
// asset.Inventory and asset.Vault on the store, that every refusal is
// logged, that what the store holds of a secret is sealed, and that
// nothing the package returns or logs contains a plaintext secret.
//
// Instants are compared with time.Time.Equal and are whole seconds in UTC,
// so an adapter must keep instants to the second at least; dates must
// round-trip exactly, sealed data byte for byte.
package assettest
