// Package billingtest is the conformance suite for billing's storage
// interface, billing.WorkStore. Every adapter's own test calls it, so the
// in-memory, SQLite and PostgreSQL adapters are held to one behaviour,
// concurrency and rollback included, in the spirit of testing/fstest.TestFS:
//
//	func TestBillingStore(t *testing.T) {
//		billingtest.TestWorkStore(t, func(t *testing.T) billing.WorkStore {
//			return mystore.NewBillingStore(openTestDB(t)) // t.Cleanup closes it
//		})
//	}
//
// An adapter whose database also holds the quota ledger runs the billing
// of quota customers over both stores with TestRunWithQuota, whose
// newStores returns a work store and a quota store on one new database.
//
// TestWorkStore checks the store contract (contracts, entries reversed
// once, usage, bills that store everything or nothing, invoices marked
// once, cancelled contexts, one winner of two concurrent bills of an
// entry), then the flow a Biller runs on it (record, edit, release and
// lock; concurrent releases; reversal) and billing runs (parallel workers,
// central and per-branch invoicing, a run repeated or resumed after a
// crash, work held until ordered, reversals and usage).
// Each check runs as a subtest group/check on new stores from newStore,
// one after another; the checks of concurrent writers start their
// goroutines together.
package billingtest
