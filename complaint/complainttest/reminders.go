package complainttest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
)

// testReminders records sent reminders through Update: they read back as
// recorded, beside an unchanged history; a reminder marked twice is
// refused with complaint.ErrNotDue and stores nothing; after an extension
// the new deadline's reminder is recorded beside the old one.
func testReminders(t *testing.T, s complaint.Store) {
	ctx := context.Background()
	c := create(t, s, t0)
	d, err := policy.Deadlines(t0)
	require.NoError(t, err)
	soon := d.Acknowledgement.Add(-time.Minute)
	rs, err := policy.Reminders(c, soon)
	require.NoError(t, err)
	require.Len(t, rs, 1, "the acknowledgement is due soon")
	got := update(t, s, c.Ref, func(c *complaint.Complaint) error { return policy.MarkReminded(c, rs[0], soon) })
	require.Len(t, got.Reminded, 1)
	require.Equal(t, c.History, got.History, "a reminder is no step")
	require.Equal(t, c.State, got.State)
	diff(t, "read back", got, get(t, s, c.Ref))
	stored, err := policy.Reminders(get(t, s, c.Ref), soon)
	require.NoError(t, err)
	require.Empty(t, stored, "the stored record silences the reminder")

	_, err = s.Update(ctx, c.Ref, func(c *complaint.Complaint) error { return policy.MarkReminded(c, rs[0], soon) })
	require.ErrorIs(t, err, complaint.ErrNotDue)
	diff(t, "nothing stored by the refused mark", got, get(t, s, c.Ref))

	// Acknowledged and investigated; the resolution overdue, reminded,
	// then extended: the extended deadline is a reminder of its own.
	ackAt := d.Acknowledgement.Add(-time.Hour)
	update(t, s, c.Ref, func(c *complaint.Complaint) error {
		if _, err := policy.Acknowledge(c, desk, ackAt); err != nil {
			return err
		}
		return policy.StartInvestigation(c, service, ackAt.Add(time.Minute))
	})
	late := d.Resolution.Add(time.Hour)
	var overdue complaint.Reminder
	update(t, s, c.Ref, func(c *complaint.Complaint) error {
		rs, err := policy.Reminders(*c, late)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Deadline == complaint.DeadlineResolution {
				overdue = r
			}
			if err := policy.MarkReminded(c, r, late); err != nil {
				return err
			}
		}
		return nil
	})
	require.Equal(t, complaint.StageOverdue, overdue.Stage)
	require.Equal(t, service, overdue.To, "the investigator is to act")
	newDue := late.AddDate(0, 0, 14)
	update(t, s, c.Ref, func(c *complaint.Complaint) error {
		return policy.Extend(c, manager, late.Add(time.Minute), "waiting for the supplier", newDue)
	})
	near := newDue.Add(-time.Hour)
	got = update(t, s, c.Ref, func(c *complaint.Complaint) error {
		rs, err := policy.Reminders(*c, near)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if err := policy.MarkReminded(c, r, near); err != nil {
				return err
			}
		}
		return nil
	})
	var resolution []complaint.SentReminder
	for _, r := range got.Reminded {
		if r.Deadline == complaint.DeadlineResolution {
			resolution = append(resolution, r)
		}
	}
	require.Len(t, resolution, 2, "the old deadline's and the extended one's: %v", got.Reminded)
	require.True(t, resolution[1].Due.Equal(newDue))
	diff(t, "read back with every record", got, get(t, s, c.Ref))
	diff(t, "listed as read", []complaint.Complaint{got}, all(t, s, complaint.Filter{}))
}
