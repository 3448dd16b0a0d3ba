package tickettest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

// outboxTests check that notifications are written with the change that
// causes them, and the outbox's delivery marks.
var outboxTests = []storeTest{
	{Name: "create_writes_its_notifications", Run: testCreateNotifies},
	{Name: "update_writes_its_notifications", Run: testUpdateNotifies},
	{Name: "sla_notification_keeps_its_clock_and_deadline", Run: testServiceLevelNotification},
	{Name: "pending_is_oldest_first_with_a_limit", Run: testPendingOrder},
	{Name: "mark_delivered_is_idempotent_and_all_or_nothing", Run: testMarkDelivered},
}

func note(e ticket.Event, to string) ticket.Notification {
	return ticket.Notification{Event: e, Recipient: to, Template: e.Template(), CustomerID: "c1", At: t0}
}

func testCreateNotifies(t *testing.T, s ticket.Store) {
	tk, err := ticket.NewTicket(draft("c1"), staff)
	require.NoError(t, err)
	var seen ticket.Number
	stored, err := s.Create(bg, tk, func(t *ticket.Ticket) ([]ticket.Notification, error) {
		seen = t.Number
		t.MessageIDs = append(t.MessageIDs, "t"+t.Number.String()+".1@desk.example")
		n := note(ticket.EventConfirmation, "anna@c1.example")
		n.MessageID = t.MessageIDs[0]
		return []ticket.Notification{n, note(ticket.EventCreated, "chef@c1.example")}, nil
	})
	require.NoError(t, err)
	require.Equal(t, stored.Number, seen, "fn sees the number the ticket is stored under")
	require.Equal(t, []string{"t" + seen.String() + ".1@desk.example"}, stored.MessageIDs)
	got := pending(t, s)
	require.Len(t, got, 2)
	require.NotEqual(t, got[0].ID, got[1].ID)
	for i := range got {
		require.NotZero(t, got[i].ID)
		require.Equal(t, stored.Number, got[i].Ticket, "the store sets the ticket's number")
		got[i].ID, got[i].Ticket = 0, 0
	}
	conf := note(ticket.EventConfirmation, "anna@c1.example")
	conf.MessageID = stored.MessageIDs[0]
	diff(t, "pending", []ticket.Notification{conf, note(ticket.EventCreated, "chef@c1.example")}, got)
}

func testUpdateNotifies(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	_, err := s.Update(bg, tk.Number, func(t *ticket.Ticket) ([]ticket.Notification, error) {
		return []ticket.Notification{note(ticket.EventStatusChanged, "a@c1.example"), note(ticket.EventStatusChanged, "b@c1.example")},
			t.Transition(ticket.Resolved, staff, at(1), "")
	})
	require.NoError(t, err)
	got := pending(t, s)
	require.Len(t, got, 2)
	require.Equal(t, "a@c1.example", got[0].Recipient)
	require.Equal(t, "b@c1.example", got[1].Recipient)
	require.Less(t, got[0].ID, got[1].ID, "IDs rise in the order written")

	// A failing change writes none, even when it returned some.
	_, err = s.Update(bg, tk.Number, func(t *ticket.Ticket) ([]ticket.Notification, error) {
		return []ticket.Notification{note(ticket.EventStatusChanged, "c@c1.example")}, t.Transition(ticket.New, staff, at(2), "")
	})
	var te *ticket.TransitionError
	require.ErrorAs(t, err, &te)
	require.Len(t, pending(t, s), 2)
}

func testServiceLevelNotification(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	due := time.Date(2026, 3, 2, 13, 0, 0, 0, time.FixedZone("CET", 3600))
	warn := note(ticket.EventSLAWarning, "team@provider.example")
	warn.Clock, warn.Due, warn.To = ticket.ResolutionClock, due, ticket.New
	breach := note(ticket.EventSLABreach, "team@provider.example")
	breach.Clock, breach.Due = ticket.ResponseClock, due.Add(-3*time.Hour)
	_, err := s.Update(bg, tk.Number, func(*ticket.Ticket) ([]ticket.Notification, error) {
		return []ticket.Notification{warn, breach}, nil
	})
	require.NoError(t, err)
	got := pending(t, s)
	for i := range got {
		got[i].ID, got[i].Ticket = 0, 0
	}
	diff(t, "pending", []ticket.Notification{warn, breach}, got)
}

func testPendingOrder(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	for _, r := range []string{"a", "b", "c", "d"} {
		_, err := s.Update(bg, tk.Number, func(*ticket.Ticket) ([]ticket.Notification, error) {
			return []ticket.Notification{note(ticket.EventStatusChanged, r+"@c1.example")}, nil
		})
		require.NoError(t, err)
	}
	first, err := s.Pending(bg, 2)
	require.NoError(t, err)
	require.Len(t, first, 2)
	require.Equal(t, "a@c1.example", first[0].Recipient)
	require.Equal(t, "b@c1.example", first[1].Recipient)
	require.NoError(t, s.MarkDelivered(bg, first[0].ID))
	next, err := s.Pending(bg, 2)
	require.NoError(t, err)
	require.Equal(t, []string{"b@c1.example", "c@c1.example"}, []string{next[0].Recipient, next[1].Recipient})
	require.Len(t, pending(t, s), 3)
}

func testMarkDelivered(t *testing.T, s ticket.Store) {
	tk := create(t, s, draft("c1"))
	_, err := s.Update(bg, tk.Number, func(*ticket.Ticket) ([]ticket.Notification, error) {
		return []ticket.Notification{note(ticket.EventStatusChanged, "a@c1.example"), note(ticket.EventStatusChanged, "b@c1.example"), note(ticket.EventStatusChanged, "c@c1.example")}, nil
	})
	require.NoError(t, err)
	p := pending(t, s)
	require.Len(t, p, 3)

	require.ErrorIs(t, s.MarkDelivered(bg, p[1].ID, p[2].ID+1000), ticket.ErrNotFound)
	require.Len(t, pending(t, s), 3, "an unknown ID marks none")

	require.NoError(t, s.MarkDelivered(bg, p[1].ID))
	require.NoError(t, s.MarkDelivered(bg, p[1].ID), "marking twice is not an error")
	require.NoError(t, s.MarkDelivered(bg), "marking none is not an error")
	left := pending(t, s)
	require.Equal(t, []uint64{p[0].ID, p[2].ID}, []uint64{left[0].ID, left[1].ID})
	require.NoError(t, s.MarkDelivered(bg, p[0].ID, p[2].ID))
	require.Empty(t, pending(t, s))
}
