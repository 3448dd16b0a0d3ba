package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/complaint/complainttest"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

func TestComplaintStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, open func(t *testing.T) *sqlstore.DB) {
		complainttest.TestStore(t, func(t *testing.T) complaint.Store { return open(t).Complaints() })
	})
}
