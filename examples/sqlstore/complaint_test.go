package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/complaint/complainttest"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

func TestComplaintStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		complainttest.TestStore(t, func(t *testing.T) complaint.Store { return e.open(t).Complaints() })
	})
}

// A database made before complaints recorded their reminders opens with
// its complaints as they were, none reminded, and records reminders from
// then on.
func TestMigrationAddsSentRemindersToStoredComplaints(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.fresh(t)
		old, err := sqlstore.OpenAtMigration(ctx, e.postgres, where, "0011_dunning_json_form")
		require.NoError(t, err)
		p, err := complaint.NewPolicy(complaint.Preset24h(), nil)
		require.NoError(t, err)
		received := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
		c, err := p.NewComplaint(complaint.Intake{Type: complaint.TypeService, ReceivedAt: received,
			Details: complaint.Details{TicketNumber: "T-1", Description: "d"}})
		require.NoError(t, err)
		raw := e.raw(t, where)
		_, err = raw.ExecContext(ctx, `INSERT INTO complaints (ref_year, ref_seq, type, customer_id, ticket_number, product_model,
			serial_number, description, resolution_idea, name, email, files, received_at, state, version)
			VALUES (2026, 1, 'service', '', 'T-1', '', '', 'd', '', '', '', '[]', '2026-03-02T09:00:00.000000000Z', 'received', 1)`)
		require.NoError(t, err)
		_, err = raw.ExecContext(ctx, `INSERT INTO complaint_events (ref_year, ref_seq, idx, kind, at, by_person, by_team, event_text,
			party, reviewer_person, reviewer_team, outcome, actions, rating)
			VALUES (2026, 1, 0, 'received', '2026-03-02T09:00:00.000000000Z', '', '', '', '', '', '', 'none', '[]', 0)`)
		require.NoError(t, err)
		require.NoError(t, old.Close())

		s := e.reopen(t, where).Complaints()
		got, err := s.Complaint(ctx, complaint.Reference{Year: 2026, Seq: 1})
		require.NoError(t, err)
		require.Empty(t, got.Reminded)
		require.True(t, got.ReceivedAt.Equal(received))
		require.Equal(t, c.History[0].Kind, got.History[0].Kind)

		soon := received.Add(23 * time.Hour)
		rs, err := p.Reminders(got, soon)
		require.NoError(t, err)
		require.Len(t, rs, 1)
		got, err = s.Update(ctx, got.Ref, func(c *complaint.Complaint) error { return p.MarkReminded(c, rs[0], soon) })
		require.NoError(t, err)
		again, err := s.Complaint(ctx, got.Ref)
		require.NoError(t, err)
		require.Len(t, again.Reminded, 1)
		require.True(t, again.Reminded[0].Due.Equal(rs[0].Due))
	})
}
