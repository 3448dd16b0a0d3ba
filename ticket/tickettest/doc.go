// Package tickettest is the conformance suite for implementations of
// ticket.Store, in the spirit of testing/fstest.TestFS: an adapter's own
// test calls TestStore, so the in-memory, SQLite and PostgreSQL stores are
// held to one behaviour.
//
//	func TestTicketStore(t *testing.T) {
//		tickettest.TestStore(t, func(*testing.T) ticket.Store { return memstore.NewTicketStore() })
//	}
//
// Each check runs as a subtest group/check on new stores from newStore,
// one after another; the checks of concurrent writers start their
// goroutines together.
//
// The suite checks the Store contract directly: round trips of every
// field, not found and conflict sentinels, unique idempotency keys and
// alert keys unique among open tickets, rollback of a failing function
// (nothing stored, no notification), notifications written in the same
// transaction as the change, the outbox's order and delivery marks,
// isolation of returned values, filters (by status too, which the SLA
// watch reads the unresolved tickets with), an SLA notification's clock
// and deadline, and cancelled contexts. Under
// concurrency: no lost update on one ticket, one winner of a status
// change raced from many goroutines, unique numbers, one ticket per
// idempotency key, no lost or duplicated notification. Then, running a
// ticket.Desk on the store, what the desk builds on it: a mail delivered
// twice at once opens one ticket, alerts of one sensor racing open one
// ticket, maintenance runs racing open each occurrence once, SLA watchers
// racing record and tell each stage once.
//
// Instants are whole seconds in UTC and are compared with Equal, so an
// adapter must keep instants to the second at least; dates must
// round-trip exactly. A store may answer a lost optimistic race with an
// error matching ticket.ErrConflict: the suite then retries, as a host
// would.
package tickettest
