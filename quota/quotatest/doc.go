// Package quotatest is the conformance suite for implementations of
// quota.Store, in the spirit of testing/fstest.TestFS: an adapter's own
// test calls TestStore, so the in-memory, SQLite and PostgreSQL stores are
// held to one behaviour:
//
//	func TestQuotaStore(t *testing.T) {
//		quotatest.TestStore(t, func(t *testing.T) quota.Store {
//			return mystore.NewQuotaStore(openTestDB(t)) // t.Cleanup closes it
//		})
//	}
//
// Each check runs as a subtest group/check on new stores from newStore,
// one after another; the checks of concurrent writers start their
// goroutines together.
//
// The suite checks the Store contract directly (not found, conflicts,
// duplicate keys, rollback of a failed function, versions, ordering,
// balances on every day, isolation of returned values, cancelled
// contexts) and then the guarantees quota.Ledger builds on it: concurrent
// consumers cannot overdraw a contract that forbids overdraft, retried
// postings with the same key book once, a failed function leaves nothing
// behind, closing a period is idempotent and a month-end run can be
// repeated after a crash midway. For a quota.BatchStore it checks
// UpdateBatch too (refused and unknown accounts left alone, a booked key
// refusing only its account, concurrent batches losing nothing), and on
// every store that the Ledger's batch paths (ConsumeMany,
// CloseContracts) give what the one-at-a-time path gives.
package quotatest
