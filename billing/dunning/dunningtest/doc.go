// Package dunningtest is the conformance suite for dunning.Store. Every
// adapter's own test calls TestStore with a function that returns a new,
// empty store, so the in-memory, SQLite and PostgreSQL adapters are held
// to one behaviour, concurrency and rollback included, in the spirit of
// testing/fstest.TestFS:
//
//	func TestDunningStore(t *testing.T) {
//		dunningtest.TestStore(t, func(t *testing.T) dunning.Store {
//			db := openTestDB(t) // the adapter's own setup; t.Cleanup closes it
//			return mystore.NewDunningStore(db)
//		})
//	}
//
// Each check runs as a subtest on its own store, one after another; the
// checks of concurrent writers start their goroutines together.
package dunningtest
