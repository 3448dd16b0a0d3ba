package memstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/complaint/complainttest"
	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/sla"
)

func TestComplaintStore(t *testing.T) {
	complainttest.TestStore(t, func(*testing.T) complaint.Store { return memstore.NewComplaintStore() })
}

// A host receives a complaint, stores it to get its reference number, and
// takes every step inside Update, so that the rules are checked against
// the committed state.
func ExampleComplaintStore() {
	ctx := context.Background()
	office, _ := complaint.NLOffice()
	policy, _ := complaint.NewPolicy(complaint.PresetNL(), sla.Calendars{complaint.OfficeCalendar: office})
	store := memstore.NewComplaintStore()
	ams := office.Location()

	c, err := policy.NewComplaint(complaint.Intake{
		Type:       complaint.TypeProduct,
		ReceivedAt: time.Date(2026, time.December, 22, 10, 0, 0, 0, ams),
		Details:    complaint.Details{ProductModel: "SolarMax 5000", Description: "No output since the update."},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if c, err = store.Create(ctx, c); err != nil {
		fmt.Println(err)
		return
	}

	var ack complaint.Acknowledgement
	desk := complaint.Actor{ID: "anna", Team: "desk"}
	_, err = store.Update(ctx, c.Ref, func(c *complaint.Complaint) (err error) {
		ack, err = policy.Acknowledge(c, desk, time.Date(2026, time.December, 23, 9, 15, 0, 0, ams))
		return err
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ack.Ref, "update by", ack.UpdateDue.Format(time.DateTime), "resolve by", ack.ResolutionDue.Format(time.DateTime))

	// Acknowledging twice is refused, and nothing is stored.
	_, err = store.Update(ctx, c.Ref, func(c *complaint.Complaint) error {
		_, err := policy.Acknowledge(c, desk, time.Date(2026, time.December, 23, 10, 0, 0, 0, ams))
		return err
	})
	fmt.Println(err)
	// Output:
	// CMP-2026-00001 update by 2027-01-14 17:00:00 resolve by 2027-02-04 17:00:00
	// complaint CMP-2026-00001: cannot acknowledge a complaint that is acknowledged
}
