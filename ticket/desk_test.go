package ticket_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

func TestNewDesk(t *testing.T) {
	s := &store{}
	for _, tc := range []struct {
		name  string
		store ticket.Store
		dir   ticket.Directory
		cfg   ticket.Config
		field string
	}{
		{"nil_store", nil, directory{}, ticket.Config{}, "store"},
		{"nil_directory", s, nil, ticket.Config{}, "dir"},
		{"domain_with_at", s, directory{}, ticket.Config{Mail: ticket.MailConfig{Domain: "a@b"}}, "Mail.Domain"},
		{"tag_prefix_with_space", s, directory{}, ticket.Config{Mail: ticket.MailConfig{TagPrefix: "Ti cket"}}, "Mail.TagPrefix"},
		{"tag_prefix_not_ascii", s, directory{}, ticket.Config{Mail: ticket.MailConfig{TagPrefix: "Störung"}}, "Mail.TagPrefix"},
		{"own_address_invalid", s, directory{}, ticket.Config{Mail: ticket.MailConfig{OwnAddresses: []string{"nope"}}}, "Mail.OwnAddresses"},
		{"negative_body_limit", s, directory{}, ticket.Config{Mail: ticket.MailConfig{MaxBodyBytes: -1}}, "Mail.MaxBodyBytes"},
		{"invalid_mail_priority", s, directory{}, ticket.Config{Mail: ticket.MailConfig{Priority: 9}}, "Mail.Priority"},
		{"invalid_monitoring_priority", s, directory{}, ticket.Config{Monitoring: ticket.MonitorPolicy{Priority: 9}}, "Monitoring.Priority"},
		{"negative_reopen_window", s, directory{}, ticket.Config{ReopenWindow: -time.Hour}, "ReopenWindow"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ticket.NewDesk(tc.store, tc.dir, tc.cfg)
			wantInvalid(tc.field)(t, err)
		})
	}
	_, err := ticket.NewDesk(s, directory{}, ticket.Config{})
	require.NoError(t, err, "the zero Config is a working desk")
}

// TestNotifications: who is told what (onboarding questions 4 and 5), each
// mail with its own Message-ID recorded on the ticket.
func TestNotifications(t *testing.T) {
	dk, s := newDesk(t, ticket.Config{})
	tk, err := dk.Open(bg, ticket.Draft{CustomerID: "wdf", ContactID: "anna", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Subject: "Telefonanlage", Received: t0}, staff)
	require.NoError(t, err)
	require.Equal(t, []string{"created chef@wdf.example"}, sent(t, s), "a phone ticket: no confirmation, the new-ticket recipient")

	_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error {
		return tk.AddComment(ticket.Comment{At: at(m), By: tech, Body: "intern"})
	})
	require.NoError(t, err)
	require.Len(t, sent(t, s), 1, "a comment notifies nobody")

	tk, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error {
		if err := tk.Assign("tech-7", staff, at(2*m)); err != nil {
			return err
		}
		return tk.Transition(ticket.InProgress, tech, at(3*m), "")
	})
	require.NoError(t, err)
	p, err := s.Pending(bg, 0)
	require.NoError(t, err)
	diff(t, "outbox", []ticket.Notification{
		{ID: 1, Event: ticket.EventCreated, Ticket: 1, CustomerID: "wdf", Recipient: "chef@wdf.example", Template: "ticket.created", MessageID: "t1.1@desk.example", To: ticket.New, At: t0},
		{ID: 2, Event: ticket.EventStatusChanged, Ticket: 1, CustomerID: "wdf", Recipient: "anna@wdf.example", Template: "ticket.status-changed", MessageID: "t1.2@desk.example", From: ticket.New, To: ticket.Assigned, At: at(2 * m)},
		{ID: 3, Event: ticket.EventStatusChanged, Ticket: 1, CustomerID: "wdf", Recipient: "chef@wdf.example", Template: "ticket.status-changed", MessageID: "t1.3@desk.example", From: ticket.New, To: ticket.Assigned, At: at(2 * m)},
		{ID: 4, Event: ticket.EventStatusChanged, Ticket: 1, CustomerID: "wdf", Recipient: "anna@wdf.example", Template: "ticket.status-changed", MessageID: "t1.4@desk.example", From: ticket.Assigned, To: ticket.InProgress, At: at(3 * m)},
		{ID: 5, Event: ticket.EventStatusChanged, Ticket: 1, CustomerID: "wdf", Recipient: "chef@wdf.example", Template: "ticket.status-changed", MessageID: "t1.5@desk.example", From: ticket.Assigned, To: ticket.InProgress, At: at(3 * m)},
	}, p)
	require.Equal(t, []string{"t1.1@desk.example", "t1.2@desk.example", "t1.3@desk.example", "t1.4@desk.example", "t1.5@desk.example"}, tk.MessageIDs)

	require.NoError(t, dk.MarkDelivered(bg, 1, 2, 3))
	left, err := dk.Pending(bg, 0)
	require.NoError(t, err)
	require.Len(t, left, 2)

	// A failing change writes neither the change nor its notifications.
	_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error {
		if err := tk.Transition(ticket.Resolved, tech, at(4*m), ""); err != nil {
			return err
		}
		return tk.Transition(ticket.New, tech, at(5*m), "")
	})
	require.Error(t, err)
	left, err = dk.Pending(bg, 0)
	require.NoError(t, err)
	require.Len(t, left, 2)

	// A customer that answered "no" to questions 4 and 5 gets no mail.
	_, err = dk.Open(bg, ticket.Draft{CustomerID: "sgn", Kind: ticket.Incident, Channel: ticket.ChannelPhone, Subject: "VPN", Received: t0}, staff)
	require.NoError(t, err)
	left, err = dk.Pending(bg, 0)
	require.NoError(t, err)
	require.Len(t, left, 2)
}

// recipients is a directory whose recipients lists are messy: case,
// display names, duplicates and entries that are no address.
type recipients struct{ directory }

func (recipients) Recipients(context.Context, string) (ticket.Recipients, error) {
	return ticket.Recipients{
		NewTickets:    []string{"Chef <CHEF@wdf.example>", "chef@wdf.example", "Anna@wdf.example", "kein mail"},
		StatusChanges: []string{"", "anna@wdf.example", "ANNA@wdf.example"},
	}, nil
}

func TestNotificationRecipientsAreCleaned(t *testing.T) {
	s := &store{}
	dk, err := ticket.NewDesk(s, recipients{}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	require.NoError(t, err)
	out, err := dk.IntakeMail(bg, ticket.Message{From: "anna@wdf.example", Subject: "x", Body: "y", Received: t0})
	require.NoError(t, err)
	require.Equal(t, ticket.MailCreated, out.Action)
	require.Equal(t, []string{"confirmation anna@wdf.example", "created chef@wdf.example"}, sent(t, s),
		"chef once, anna confirmed and so not told twice, no mail to a non-address")
	_, err = dk.Update(bg, out.Ticket.Number, func(tk *ticket.Ticket) error { return tk.Transition(ticket.Resolved, staff, at(h), "") })
	require.NoError(t, err)
	require.Equal(t, []string{"confirmation anna@wdf.example", "created chef@wdf.example", "status-changed anna@wdf.example"}, sent(t, s))
}

// TestReport: tickets a contact opens in the portal, by access level.
func TestReport(t *testing.T) {
	dr := func(k ticket.Kind) ticket.Draft {
		return ticket.Draft{CustomerID: "sgn", ContactID: "carl", Channel: ticket.ChannelPhone, Kind: k, Subject: "Neuer Benutzer", Received: t0}
	}
	dk, _ := newDesk(t, ticket.Config{})
	tk, err := dk.Report(bg, anna, dr(ticket.Incident))
	require.NoError(t, err)
	require.Equal(t, "wdf", tk.CustomerID, "the contact's customer, whatever the draft says")
	require.Equal(t, "anna", tk.ContactID)
	require.Equal(t, ticket.ChannelPortal, tk.Channel)
	require.Equal(t, []string{"anna@wdf.example"}, tk.Participants)
	require.Equal(t, anna.Actor(), tk.Audit[0].By)

	_, err = dk.Report(bg, anna, dr(ticket.ServiceRequest))
	wantDenied(ticket.RequestService)(t, err)
	_, err = dk.Report(bg, ben, dr(ticket.ServiceRequest))
	require.NoError(t, err, "extended level may request services")
	_, err = dk.Report(bg, ben, dr(ticket.Maintenance))
	wantInvalid("Kind")(t, err)
	_, err = dk.Report(bg, ticket.Contact{ID: "paul", CustomerID: "wdf"}, dr(ticket.Incident))
	wantDenied(ticket.ReportIncident)(t, err)

	lenient, _ := newDesk(t, ticket.Config{Access: ticket.AccessPolicy{ServiceRequests: ticket.LevelReport}})
	_, err = lenient.Report(bg, anna, dr(ticket.ServiceRequest))
	require.NoError(t, err, "a policy that lets the report level request services")

	_, err = dk.Open(bg, dr(ticket.Incident), anna.Actor())
	wantDenied(ticket.ManageTickets)(t, err)
}

// TestPortalReply: a contact's reply in the portal, with access checks and
// the link for a ticket closed too long ago.
func TestPortalReply(t *testing.T) {
	dk, s := newDesk(t, ticket.Config{ReopenWindow: 7 * day})
	tk, err := dk.Report(bg, anna, ticket.Draft{Kind: ticket.Incident, Subject: "Drucker", Received: t0})
	require.NoError(t, err)
	_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error {
		if err := tk.Transition(ticket.Resolved, staff, at(h), ""); err != nil {
			return err
		}
		return tk.Transition(ticket.Closed, staff, at(2*h), "")
	})
	require.NoError(t, err)

	_, err = dk.Reply(bg, tk.Number, carl, ticket.Comment{At: at(3 * h), Body: "hallo"})
	wantDenied(ticket.CommentTicket)(t, err)
	other := ticket.Contact{ID: "dora", CustomerID: "wdf", Email: "dora@wdf.example", Level: ticket.LevelReport}
	_, err = dk.Reply(bg, tk.Number, other, ticket.Comment{At: at(3 * h), Body: "hallo"})
	wantDenied(ticket.CommentTicket)(t, err)

	res, err := dk.Reply(bg, tk.Number, ben, ticket.Comment{At: at(2 * h).Add(3 * day), Body: "wieder"})
	require.NoError(t, err, "an extended contact may comment on a colleague's ticket")
	require.Equal(t, ticket.ReplyReopened, res.Effect)
	require.Equal(t, ticket.Reopened, res.Ticket.Status)
	require.Equal(t, ticket.ChannelPortal, res.Ticket.Comments[0].Channel)

	_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error {
		return tk.Transition(ticket.Resolved, staff, at(2*h).Add(3*day), "")
	})
	require.NoError(t, err)
	_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error {
		return tk.Transition(ticket.Closed, staff, at(3*h).Add(3*day), "")
	})
	require.NoError(t, err)
	// Closed 7 days and a minute ago: past the 7-day window.
	res, err = dk.Reply(bg, tk.Number, anna, ticket.Comment{At: at(3 * h).Add(10*day + m), Body: "nochmal"})
	require.NoError(t, err)
	require.Equal(t, ticket.ReplyNeedsLink, res.Effect)
	require.Equal(t, ticket.Number(2), res.Ticket.Number)
	require.Equal(t, tk.Number, res.Ticket.LinkedTo)
	require.Equal(t, "anna", res.Ticket.ContactID)
	require.Equal(t, ticket.ChannelPortal, res.Ticket.Channel)
	old, err := s.Ticket(bg, tk.Number)
	require.NoError(t, err)
	require.Equal(t, ticket.Closed, old.Status)
	require.Len(t, old.Comments, 1, "the late reply went into the new ticket only")
}

// A Desk not made by NewDesk answers with an error instead of panicking,
// and Update refuses a nil func.
func TestDeskNotMadeByNewDeskIsAnError(t *testing.T) {
	ctx := context.Background()
	for name, d := range map[string]*ticket.Desk{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			_, err := d.Update(ctx, 1, func(*ticket.Ticket) error { return nil })
			require.ErrorIs(t, err, ticket.ErrInvalid)
			_, err = d.Pending(ctx, 10)
			require.ErrorIs(t, err, ticket.ErrInvalid)
			_, err = d.IntakeMail(ctx, ticket.Message{})
			require.ErrorIs(t, err, ticket.ErrInvalid)
		})
	}
	d, err := ticket.NewDesk(&store{}, directory{}, ticket.Config{})
	require.NoError(t, err)
	_, err = d.Update(ctx, 1, nil)
	require.ErrorIs(t, err, ticket.ErrInvalid)
	_, err = ticket.ComputeStats(nil, ticket.StatsQuery{}, time.Date(2026, 3, 23, 10, 0, 0, 0, time.UTC))
	require.ErrorIs(t, err, ticket.ErrInvalid)
}
