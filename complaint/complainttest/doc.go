// Package complainttest is the conformance suite for implementations of
// complaint.Store, in the spirit of testing/fstest.TestFS: every adapter's
// own test calls TestStore, so the in-memory, SQLite and PostgreSQL stores
// are held to one behaviour.
//
//	func TestComplaintStore(t *testing.T) {
//		complainttest.TestStore(t, func(t *testing.T) complaint.Store {
//			return memstore.NewComplaintStore()
//		})
//	}
//
// Each check runs as a subtest group/check on new stores from newStore,
// one after another; the checks of concurrent writers start their
// goroutines together.
//
// Beyond round trips it checks what the domain relies on: reference
// numbers are unique per year even when complaints arrive concurrently,
// two concurrent steps on one complaint cannot both win on the same prior
// state and no committed step is lost, a failing function leaves nothing
// behind, returned values are copies, unknown references and taken ones
// are reported with complaint.ErrNotFound and complaint.ErrConflict, and
// the reminders recorded as sent (Complaint.Reminded) are kept, so that a
// reminder marked once is not due again.
//
// Instants are whole seconds in UTC and are compared with time.Time.Equal,
// so an adapter must keep instants to the second at least, in any zone.
package complainttest
