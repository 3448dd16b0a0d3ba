package sqlstore_test

import (
	"testing"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/complaint/complainttest"
)

func TestComplaintStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		complainttest.TestStore(t, func(t *testing.T) complaint.Store { return e.open(t).Complaints() })
	})
}
