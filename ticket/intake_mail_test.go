package ticket_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

// mailDesk is the setting of the intake table: on a desk whose mails carry
// Message-IDs "@desk.example", anna (customer wdf) reported ticket 1 by
// mail <m1@wdf.example> at t0, and carl (customer sgn) ticket 2 at t0. The
// desk confirmed 1 to anna with Message-ID t1.1@desk.example and told
// chef@wdf about it with t1.2; it confirmed 2 to carl with t2.1 (sgn wants
// no other mail).
func mailDesk(t testing.TB, cfg ticket.Config) (*ticket.Desk, *store) {
	t.Helper()
	cfg.Mail.OwnAddresses = append(cfg.Mail.OwnAddresses, "kundensupport@desk.example")
	dk, s := newDesk(t, cfg)
	for _, m := range []ticket.Message{
		{From: "anna@wdf.example", Subject: "Drucker druckt nicht", Body: "Fehler 0x1", MessageID: "<m1@wdf.example>", Received: t0},
		{From: "carl@sgn.example", Subject: "VPN", Body: "kein Tunnel", MessageID: "<m2@sgn.example>", Received: t0},
	} {
		out, err := dk.IntakeMail(bg, m)
		require.NoError(t, err)
		require.Equal(t, ticket.MailCreated, out.Action)
	}
	one, err := s.Ticket(bg, 1)
	require.NoError(t, err)
	require.Equal(t, []string{"t1.1@desk.example", "t1.2@desk.example"}, one.MessageIDs)
	return dk, s
}

// toStatus moves ticket 1 through the statuses given, an hour apart
// from t0+1h, by the service team.
func toStatus(path ...ticket.Status) func(testing.TB, *ticket.Desk) {
	return func(t testing.TB, dk *ticket.Desk) {
		t.Helper()
		_, err := dk.Update(bg, 1, func(tk *ticket.Ticket) error {
			if err := tk.Assign("tech-7", staff, at(h)); err != nil {
				return err
			}
			for i, s := range path {
				if err := tk.Transition(s, staff, at(time.Duration(i+2)*h), ""); err != nil {
					return err
				}
			}
			return nil
		})
		require.NoError(t, err)
	}
}

// replyTo returns a reply by from to the Message-ID id, received at when.
func replyTo(from, id string, when time.Time) ticket.Message {
	return ticket.Message{From: from, Subject: "AW: Drucker", Body: "immer noch", MessageID: "<r-" + from + "@mail.example>",
		InReplyTo: "<" + id + ">", Received: when}
}

func TestIntakeMail(t *testing.T) {
	classify := func(m ticket.Message) ticket.Kind {
		if strings.Contains(m.Subject, "Angebot") {
			return ticket.ServiceRequest
		}
		return ticket.Incident
	}
	type want struct {
		Action ticket.MailAction
		Reason ticket.RejectReason
		Number ticket.Number
		Effect ticket.ReplyEffect
		Status ticket.Status
	}
	rejected := func(r ticket.RejectReason) want { return want{Action: ticket.MailRejected, Reason: r} }
	threaded := func(e ticket.ReplyEffect, s ticket.Status) want {
		return want{Action: ticket.MailThreaded, Number: 1, Effect: e, Status: s}
	}
	later := at(3 * h)
	for _, tc := range []struct {
		name string
		prep func(testing.TB, *ticket.Desk)
		msg  ticket.Message
		want want
	}{
		// New mail.
		{"new_mail_from_a_contact_opens_an_incident", nil,
			ticket.Message{From: "ben@wdf.example", Subject: "Mail geht nicht", Body: "Outlook", MessageID: "<n1@wdf.example>", Received: later},
			want{Action: ticket.MailCreated, Number: 3, Status: ticket.New}},
		{"new_mail_from_an_unknown_address_is_rejected", nil,
			ticket.Message{From: "someone@elsewhere.example", Subject: "Hilfe", Body: "x", Received: later},
			rejected(ticket.RejectUnknownSender)},
		{"new_mail_that_is_no_incident_is_rejected", nil,
			ticket.Message{From: "ben@wdf.example", Subject: "Angebot für Notebooks?", Body: "x", Received: later},
			rejected(ticket.RejectNotIncident)},
		{"foreign_message_ids_do_not_thread", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "Scanner", Body: "x", InReplyTo: "<abc@gmail.example>", References: []string{"<t1.1@other.example>"}, Received: later},
			want{Action: ticket.MailCreated, Number: 3, Status: ticket.New}},
		{"a_tag_with_another_prefix_is_no_tag", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "[Case#1] Scanner", Body: "x", Received: later},
			want{Action: ticket.MailCreated, Number: 3, Status: ticket.New}},
		{"the_same_new_mail_again_is_a_duplicate", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "Drucker druckt nicht", Body: "Fehler 0x1", MessageID: "<m1@wdf.example>", Received: later},
			want{Action: ticket.MailDuplicate, Number: 1, Status: ticket.New}},

		// Replies that thread.
		{"reply_to_the_confirmation_threads", nil, replyTo("anna@wdf.example", "t1.1@desk.example", later),
			threaded(ticket.ReplyCommented, ticket.New)},
		{"reply_by_the_subject_tag_threads", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "AW: [Ticket#1] Drucker", Body: "x", Received: later},
			threaded(ticket.ReplyCommented, ticket.New)},
		{"the_tag_twice_threads", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "[ticket#1] AW: [TICKET#0001] Drucker", Body: "x", Received: later},
			threaded(ticket.ReplyCommented, ticket.New)},
		{"reply_by_references_threads", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "x", Body: "x", References: []string{"<a@b.example>", " <t1.2@desk.example> "}, Received: later},
			threaded(ticket.ReplyCommented, ticket.New)},
		{"a_colleague_of_the_customer_may_reply", nil, replyTo("ben@wdf.example", "t1.2@desk.example", later),
			threaded(ticket.ReplyCommented, ticket.New)},
		{"address_and_domain_in_any_case_thread", nil, replyTo("Anna Beispiel <ANNA@WDF.example>", "t1.1@DESK.Example", later),
			threaded(ticket.ReplyCommented, ticket.New)},
		{"reply_while_waiting_resumes", toStatus(ticket.WaitingOnCustomer), replyTo("anna@wdf.example", "t1.1@desk.example", later),
			threaded(ticket.ReplyResumed, ticket.InProgress)},
		{"reply_to_a_resolved_ticket_reopens_it", toStatus(ticket.InProgress, ticket.Resolved), replyTo("anna@wdf.example", "t1.1@desk.example", later.Add(day)),
			threaded(ticket.ReplyReopened, ticket.Reopened)},
		{"reply_10_days_after_closing_reopens", toStatus(ticket.Resolved, ticket.Closed), replyTo("anna@wdf.example", "t1.1@desk.example", at(3*h).Add(10*day)),
			threaded(ticket.ReplyReopened, ticket.Reopened)},
		{"reply_20_days_after_closing_opens_a_linked_ticket", toStatus(ticket.Resolved, ticket.Closed), replyTo("anna@wdf.example", "t1.1@desk.example", at(3*h).Add(20*day)),
			want{Action: ticket.MailLinked, Number: 3, Status: ticket.New}},

		// Hostile and unwanted mail.
		{"stranger_replying_to_a_ticket_is_rejected", nil, replyTo("mallory@evil.example", "t1.1@desk.example", later),
			rejected(ticket.RejectStranger)},
		{"another_customers_contact_forging_the_number_in_the_subject_is_rejected", nil,
			ticket.Message{From: "carl@sgn.example", Subject: "Re: [Ticket#1] Drucker", Body: "ich auch", Received: later},
			rejected(ticket.RejectStranger)},
		{"stranger_forging_the_number_in_the_subject_is_rejected", nil,
			ticket.Message{From: "mallory@evil.example", Subject: "[Ticket#1] Rechnung anbei", Body: "klick", Received: later},
			rejected(ticket.RejectStranger)},
		{"a_number_that_does_not_exist_is_rejected", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "AW: [Ticket#999] Drucker", Body: "x", Received: later},
			rejected(ticket.RejectUnknownTicket)},
		{"a_message_id_in_our_form_never_sent_is_rejected", nil, replyTo("anna@wdf.example", "t1.9@desk.example", later),
			rejected(ticket.RejectForgedReference)},
		{"a_message_id_with_a_leading_zero_is_forged", nil, replyTo("anna@wdf.example", "t01.1@desk.example", later),
			rejected(ticket.RejectForgedReference)},
		{"the_message_id_of_another_ticket_with_its_number_in_the_subject_conflicts", nil,
			ticket.Message{From: "carl@sgn.example", Subject: "[Ticket#2] VPN", Body: "x", InReplyTo: "<t1.1@desk.example>", Received: later},
			rejected(ticket.RejectConflictingReferences)},
		{"references_to_two_tickets_conflict", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "x", Body: "x", InReplyTo: "<t1.1@desk.example>", References: []string{"<t2.1@desk.example>"}, Received: later},
			rejected(ticket.RejectConflictingReferences)},
		{"subject_and_references_naming_different_tickets_conflict", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "[Ticket#2] x", Body: "x", InReplyTo: "<t1.1@desk.example>", Received: later},
			rejected(ticket.RejectConflictingReferences)},
		{"two_tags_naming_different_tickets_conflict", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "[Ticket#1] [Ticket#2]", Body: "x", Received: later},
			rejected(ticket.RejectConflictingReferences)},
		{"an_out_of_office_reply_is_rejected", nil,
			func() ticket.Message {
				m := replyTo("anna@wdf.example", "t1.1@desk.example", later)
				m.AutoSubmitted = true
				return m
			}(),
			rejected(ticket.RejectAutoReply)},
		{"mail_from_our_own_address_is_a_loop", nil,
			ticket.Message{From: "Kundensupport <KundenSupport@desk.example>", Subject: "[Ticket#1] Bestätigung", Body: "x", Received: later},
			rejected(ticket.RejectLoop)},
		{"a_sender_that_is_no_address_is_rejected", nil,
			ticket.Message{From: "anna at wdf", Subject: "[Ticket#1]", Body: "x", Received: later},
			rejected(ticket.RejectMalformed)},
		{"a_quoted_sender_that_is_no_address_unquoted_is_rejected", nil,
			ticket.Message{From: `"anna wdf"@wdf.example`, Subject: "[Ticket#1]", Body: "x", Received: later},
			rejected(ticket.RejectMalformed)},
		{"a_body_over_the_limit_is_rejected", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "x", Body: strings.Repeat("A", 2001), Received: later},
			rejected(ticket.RejectTooLarge)},
		{"more_than_1000_attachments_are_rejected", nil,
			ticket.Message{From: "anna@wdf.example", Subject: "x", Body: "x", Attachments: make([]ticket.Attachment, 1001), Received: later},
			rejected(ticket.RejectTooLarge)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dk, s := mailDesk(t, ticket.Config{Mail: ticket.MailConfig{Classify: classify, MaxBodyBytes: 2000}})
			if tc.prep != nil {
				tc.prep(t, dk)
			}
			before := snapshot(t, s)
			out, err := dk.IntakeMail(bg, tc.msg)
			require.NoError(t, err)
			got := want{Action: out.Action, Reason: out.Reason, Number: out.Ticket.Number, Effect: out.Effect, Status: out.Ticket.Status}
			diff(t, "outcome", tc.want, got)
			after := snapshot(t, s)
			switch tc.want.Action {
			case ticket.MailRejected, ticket.MailDuplicate:
				diff(t, "the store after a rejected or duplicate mail", before, after)
			case ticket.MailThreaded:
				c := out.Ticket.Comments[len(out.Ticket.Comments)-1]
				require.Equal(t, tc.msg.Body, c.Body)
				require.Equal(t, ticket.ActorContact, c.By.Kind)
				require.Equal(t, ticket.ChannelEmail, c.Channel)
			case ticket.MailLinked:
				require.Equal(t, ticket.Number(1), out.LinkedFrom)
				require.Equal(t, ticket.Number(1), out.Ticket.LinkedTo)
				old, err := s.Ticket(bg, 1)
				require.NoError(t, err)
				require.Equal(t, ticket.Closed, old.Status, "the old ticket stays closed")
			}
		})
	}
}

// snapshot is the whole store: its tickets and its outbox.
func snapshot(t testing.TB, s *store) []any {
	t.Helper()
	var all []any
	for tk, err := range s.Tickets(bg, ticket.Filter{}) {
		require.NoError(t, err)
		all = append(all, tk)
	}
	p, err := s.Pending(bg, 0)
	require.NoError(t, err)
	return append(all, p)
}

// TestIntakeMailCreates checks the new incident and its notifications in
// full: the hostile bits of subject, body and file names are cleaned, the
// confirmation goes to the sender, the new-ticket mail to the customer's
// recipient, each with a Message-ID recorded on the ticket.
func TestIntakeMailCreates(t *testing.T) {
	dk, s := newDesk(t, ticket.Config{Mail: ticket.MailConfig{Priority: ticket.High}})
	out, err := dk.IntakeMail(bg, ticket.Message{
		From: "Anna <anna@wdf.example>", Subject: "Server\x00 down \t now ", Body: "seit 8 Uhr\n\x07",
		MessageID: "<M1@WDF.example>", Received: t0,
		Attachments: []ticket.Attachment{{Name: "screen\nshot.png", Ref: "blob/1", ContentType: "image/png", Size: 10}},
	})
	require.NoError(t, err)
	mailIntake := ticket.System("mail-intake")
	diff(t, "outcome", ticket.MailOutcome{Action: ticket.MailCreated, Ticket: ticket.Ticket{
		Number: 1, Version: 1, CustomerID: "wdf", ContactID: "anna",
		Kind: ticket.Incident, Channel: ticket.ChannelEmail, Priority: ticket.High, Status: ticket.New,
		Subject: "Server down now", Description: "seit 8 Uhr\n",
		Attachments: []ticket.Attachment{{Name: "screen shot.png", Ref: "blob/1", ContentType: "image/png", Size: 10, SentName: `screen\nshot.png`}},
		Received:    t0, Participants: []string{"anna@wdf.example"},
		MessageIDs:     []string{"t1.1@desk.example", "t1.2@desk.example"},
		IdempotencyKey: mailKeyOf(t, out.Ticket),
		Audit:          []ticket.AuditEntry{{At: t0, By: mailIntake, Action: ticket.ActionCreated, To: "new"}},
	}}, out)
	p, err := s.Pending(bg, 0)
	require.NoError(t, err)
	diff(t, "outbox", []ticket.Notification{
		{ID: 1, Event: ticket.EventConfirmation, Ticket: 1, CustomerID: "wdf", Recipient: "anna@wdf.example",
			Template: "ticket.confirmation", MessageID: "t1.1@desk.example", To: ticket.New, At: t0},
		{ID: 2, Event: ticket.EventCreated, Ticket: 1, CustomerID: "wdf", Recipient: "chef@wdf.example",
			Template: "ticket.created", MessageID: "t1.2@desk.example", To: ticket.New, At: t0},
	}, p)
}

func TestIntakeMailErrors(t *testing.T) {
	dk, _ := newDesk(t, ticket.Config{})
	_, err := dk.IntakeMail(bg, ticket.Message{From: "anna@wdf.example", Subject: "x"})
	wantInvalid("Message.Received")(t, err)

	broken := errors.New("directory down")
	s := &store{}
	dk, err = ticket.NewDesk(s, directory{fail: broken}, ticket.Config{})
	require.NoError(t, err)
	_, err = dk.IntakeMail(bg, ticket.Message{From: "anna@wdf.example", Subject: "x", Received: t0})
	require.ErrorIs(t, err, broken, "a directory failure is an error, not a rejection")
	diff(t, "store", []any{[]ticket.Notification{}}, snapshot(t, s))
}

// TestIntakeMailTwice: a reply delivered twice is one comment; a linked
// ticket opened by a reply is opened once.
func TestIntakeMailTwice(t *testing.T) {
	dk, s := mailDesk(t, ticket.Config{})
	r := replyTo("anna@wdf.example", "t1.1@desk.example", at(h))
	first, err := dk.IntakeMail(bg, r)
	require.NoError(t, err)
	require.Equal(t, ticket.MailThreaded, first.Action)
	again, err := dk.IntakeMail(bg, r)
	require.NoError(t, err)
	require.Equal(t, ticket.MailDuplicate, again.Action)
	require.Len(t, again.Ticket.Comments, 1)

	toStatus(ticket.Resolved, ticket.Closed)(t, dk)
	late := replyTo("ben@wdf.example", "t1.2@desk.example", at(3*h).Add(30*day))
	linked, err := dk.IntakeMail(bg, late)
	require.NoError(t, err)
	require.Equal(t, ticket.MailLinked, linked.Action)
	dup, err := dk.IntakeMail(bg, late)
	require.NoError(t, err)
	require.Equal(t, ticket.MailDuplicate, dup.Action)
	require.Equal(t, linked.Ticket.Number, dup.Ticket.Number)
	require.Len(t, snapshot(t, s), 4, "tickets 1, 2, the linked one, and the outbox")
}

// TestIntakeMailLinked checks the linked ticket in full: the old ticket's
// customer, kind, priority, subject and participants, the sender added,
// the reply as description, and the link in the audit history.
func TestIntakeMailLinked(t *testing.T) {
	dk, _ := mailDesk(t, ticket.Config{})
	toStatus(ticket.Resolved, ticket.Closed)(t, dk)
	when := at(3 * h).Add(15*day + time.Second)
	out, err := dk.IntakeMail(bg, ticket.Message{From: "ben@wdf.example", Subject: "AW: [Ticket#1] Drucker", Body: "wieder kaputt",
		MessageID: "<late@wdf.example>", Received: when, Attachments: []ticket.Attachment{{Name: "foto.jpg", Ref: "blob/5"}}})
	require.NoError(t, err)
	mailIntake := ticket.System("mail-intake")
	diff(t, "linked ticket", ticket.MailOutcome{Action: ticket.MailLinked, LinkedFrom: 1, Ticket: ticket.Ticket{
		Number: 3, Version: 1, CustomerID: "wdf", ContactID: "ben",
		Kind: ticket.Incident, Channel: ticket.ChannelEmail, Priority: ticket.Normal, Status: ticket.New,
		Subject: "Drucker druckt nicht", Description: "wieder kaputt",
		Attachments: []ticket.Attachment{{Name: "foto.jpg", Ref: "blob/5"}},
		Received:    when, LinkedTo: 1,
		Participants:   []string{"anna@wdf.example", "ben@wdf.example"},
		MessageIDs:     []string{"t3.1@desk.example", "t3.2@desk.example"},
		IdempotencyKey: mailKeyOf(t, out.Ticket),
		Audit: []ticket.AuditEntry{
			{At: when, By: mailIntake, Action: ticket.ActionCreated, To: "new"},
			{At: when, By: mailIntake, Action: ticket.ActionLinked, To: "1", Note: "continues a closed ticket"},
		},
	}}, out)
}

// staleStore answers Ticket with an old copy, as a read that raced with a
// change would, so that IntakeMail decides on stale facts and must decide
// again inside the transaction.
type staleStore struct {
	*store
	stale ticket.Ticket
}

func (s staleStore) Ticket(_ context.Context, n ticket.Number) (ticket.Ticket, error) {
	if n == s.stale.Number {
		return s.stale.Clone(), nil
	}
	return s.store.Ticket(bg, n)
}

// TestIntakeMailDecidesOnTheCurrentTicket: the ticket read before the
// transaction was resolved, but by the time of the update it was closed
// long ago: the reply opens a linked ticket, not a reopen.
func TestIntakeMailDecidesOnTheCurrentTicket(t *testing.T) {
	dk, s := mailDesk(t, ticket.Config{})
	stale, err := s.Ticket(bg, 1)
	require.NoError(t, err)
	toStatus(ticket.Resolved, ticket.Closed)(t, dk)
	stale.Status = ticket.Resolved
	dk2, err := ticket.NewDesk(staleStore{store: s, stale: stale}, directory{}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	require.NoError(t, err)
	out, err := dk2.IntakeMail(bg, replyTo("anna@wdf.example", "t1.1@desk.example", at(3*h).Add(30*day)))
	require.NoError(t, err)
	require.Equal(t, ticket.MailLinked, out.Action)
	old, err := s.Ticket(bg, 1)
	require.NoError(t, err)
	require.Equal(t, ticket.Closed, old.Status)
}

// TestTagSubject: the desk's tag goes in front, old tags go, and what is
// left cannot join into a tag.
func TestTagSubject(t *testing.T) {
	for in, want := range map[string]string{
		"Drucker":                       "[Ticket#7] Drucker",
		"AW: [Ticket#4711] Drucker":     "[Ticket#7] AW: Drucker",
		"[ticket#1][TICKET#2] x":        "[Ticket#7] x",
		"[TiCk[TiCket#]et#1] x":         "[Ticket#7] (TiCket#1] x", // the inner tag goes, the joined rest is defused
		"[Ticket#1 ohne Klammer":        "[Ticket#7] (Ticket#1 ohne Klammer",
		"":                              "[Ticket#7]",
		"[Case#3] bleibt, [Ticket#3] x": "[Ticket#7] [Case#3] bleibt, x",
	} {
		got := ticket.MailConfig{}.TagSubject(7, in)
		require.Equal(t, want, got, "TagSubject(%q)", in)
		n, err := ticket.ParseSubjectTag(got, "")
		require.NoError(t, err)
		require.Equal(t, ticket.Number(7), n)
	}
	require.Equal(t, "[Fall#7] x", ticket.MailConfig{TagPrefix: "Fall"}.TagSubject(7, "[Fall#2] x"))
}

// mailKeyOf is the idempotency key the mail intake gave t, after checking
// its form: "mail:" and a SHA-256 in hex, so that a Message-ID of any
// length or content fits.
func mailKeyOf(t *testing.T, tk ticket.Ticket) string {
	t.Helper()
	require.Regexp(t, `^mail:[0-9a-f]{64}$`, tk.IdempotencyKey)
	return tk.IdempotencyKey
}

// A Message-ID is the sender's, not a secret: a mail of customer sgn that
// reuses the Message-ID of wdf's ticket 1 is a mail of its own. It used to
// be taken for a duplicate and hand sgn's sender wdf's ticket.
func TestIntakeMailNeverHandsOutAnotherCustomersTicket(t *testing.T) {
	dk, _ := mailDesk(t, ticket.Config{})
	out, err := dk.IntakeMail(bg, ticket.Message{From: "carl@sgn.example", Subject: "Frage", Body: "x", MessageID: "<m1@wdf.example>", Received: at(h)})
	require.NoError(t, err)
	require.Equal(t, ticket.MailCreated, out.Action)
	require.Equal(t, "sgn", out.Ticket.CustomerID)
	require.NotEqual(t, ticket.Number(1), out.Ticket.Number)
	// The same sender delivering it again is a duplicate of its own ticket.
	again, err := dk.IntakeMail(bg, ticket.Message{From: "carl@sgn.example", Subject: "Frage", Body: "x", MessageID: "<m1@wdf.example>", Received: at(2 * h)})
	require.NoError(t, err)
	require.Equal(t, ticket.MailDuplicate, again.Action)
	require.Equal(t, out.Ticket.Number, again.Ticket.Number)
}

// Two deliveries of one mail make one ticket, and one comment, whatever
// its Message-ID holds: over a kilobyte, a tab, a space.
func TestIntakeMailDeduplicatesAnyMessageID(t *testing.T) {
	for name, id := range map[string]string{
		"over_a_kilobyte": "<" + strings.Repeat("x", 1100) + "@wdf.example>",
		"with_a_tab":      "<a\tb@wdf.example>",
		"with_a_space":    "<a b@wdf.example>",
		"with_a_nul":      "<a\x00b@wdf.example>",
	} {
		t.Run(name, func(t *testing.T) {
			dk, s := mailDesk(t, ticket.Config{})
			deliverTwice(t, dk, ticket.Message{From: "anna@wdf.example", Subject: "Neu", Body: "x", MessageID: id, Received: at(h)}, ticket.MailCreated)
			reply := replyTo("anna@wdf.example", "t1.1@desk.example", at(2*h))
			reply.MessageID = id
			deliverTwice(t, dk, reply, ticket.MailThreaded)
			one, err := s.Ticket(bg, 1)
			require.NoError(t, err)
			require.Len(t, one.Comments, 1)
		})
	}
}

// deliverTwice delivers m twice and checks that the first delivery did
// what and the second is a duplicate of the same ticket.
func deliverTwice(t *testing.T, dk *ticket.Desk, m ticket.Message, what ticket.MailAction) {
	t.Helper()
	first, err := dk.IntakeMail(bg, m)
	require.NoError(t, err)
	require.Equal(t, what, first.Action)
	second, err := dk.IntakeMail(bg, m)
	require.NoError(t, err)
	require.Equal(t, ticket.MailDuplicate, second.Action)
	require.Equal(t, first.Ticket.Number, second.Ticket.Number)
}

// What a mail says of its attachments is made safe, never an error that
// would keep the mail from ever being processed: a path becomes its base
// name (the name as sent stays, escaped, for display), a content type
// with a line break or of more than a kilobyte becomes
// application/octet-stream; for new mails and replies alike.
func TestIntakeMailCleansHostileAttachments(t *testing.T) {
	hostile := []ticket.Attachment{
		{Name: "../../etc/passwd\r\n", Ref: "blob/1", ContentType: "text/plain\r\nX-Injected: 1"},
		{Name: "..", Ref: "blob/2", ContentType: "image/png; x=" + strings.Repeat("a", 1100)},
		{Name: `C:\Users\anna\bild.png`, Ref: "blob/3", ContentType: "IMAGE/PNG"},
	}
	want := []ticket.Attachment{
		{Name: "passwd", Ref: "blob/1", ContentType: "application/octet-stream", SentName: `../../etc/passwd\r\n`},
		{Name: "attachment", Ref: "blob/2", ContentType: "application/octet-stream", SentName: ".."},
		{Name: "bild.png", Ref: "blob/3", ContentType: "image/png", SentName: `C:\\Users\\anna\\bild.png`},
	}
	dk, s := mailDesk(t, ticket.Config{})
	out, err := dk.IntakeMail(bg, ticket.Message{From: "anna@wdf.example", Subject: "Neu", MessageID: "<n@wdf.example>", Received: at(h), Attachments: hostile})
	require.NoError(t, err)
	require.Equal(t, ticket.MailCreated, out.Action)
	diff(t, "new mail's attachments", want, out.Ticket.Attachments)

	reply := replyTo("anna@wdf.example", "t1.1@desk.example", at(2*h))
	reply.Attachments = hostile
	out, err = dk.IntakeMail(bg, reply)
	require.NoError(t, err)
	require.Equal(t, ticket.MailThreaded, out.Action)
	one, err := s.Ticket(bg, 1)
	require.NoError(t, err)
	diff(t, "reply's attachments", want, one.Comments[len(one.Comments)-1].Attachments)
}

// Nothing that can reach a mail header or a terminal keeps a control
// character: a subject tagged for an outgoing mail is one line, and a
// description loses ESC and C1 controls, and a lone CR becomes a line feed.
func TestIntakeMailAndTagSubjectDropControlCharacters(t *testing.T) {
	tagged := ticket.MailConfig{}.TagSubject(7, "Drucker\r\nBcc: all@example.com\x1b[2J")
	require.NotContains(t, tagged, "\r")
	require.NotContains(t, tagged, "\n")
	require.NotContains(t, tagged, "\x1b")
	require.Equal(t, "[Ticket#7] Drucker Bcc: all@example.com [2J", tagged)

	dk, _ := mailDesk(t, ticket.Config{})
	out, err := dk.IntakeMail(bg, ticket.Message{From: "anna@wdf.example", Subject: "Neu", Body: "a\x1b[2Jb\u009b31mc\rd\r\ne\x1b]0;title\x07",
		MessageID: "<esc@wdf.example>", Received: at(h)})
	require.NoError(t, err)
	require.Equal(t, "a[2Jb31mc\nd\ne]0;title", out.Ticket.Description)
}
