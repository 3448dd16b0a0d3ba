package ticket_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

// legal is the transition table as the lifecycle is described to users,
// written out independently of the code: dispatching assigns or resolves
// a new ticket at once; the technician works, asks the customer or
// resolves; a handover goes back to assigned; the customer's answer
// resumes work; resolved is closed or reopened; closed can only be
// reopened; reopened goes back into work.
var legal = map[[2]ticket.Status]bool{
	{ticket.New, ticket.Assigned}:                 true,
	{ticket.New, ticket.Resolved}:                 true,
	{ticket.Assigned, ticket.InProgress}:          true,
	{ticket.Assigned, ticket.WaitingOnCustomer}:   true,
	{ticket.Assigned, ticket.Resolved}:            true,
	{ticket.InProgress, ticket.Assigned}:          true,
	{ticket.InProgress, ticket.WaitingOnCustomer}: true,
	{ticket.InProgress, ticket.Resolved}:          true,
	{ticket.WaitingOnCustomer, ticket.InProgress}: true,
	{ticket.WaitingOnCustomer, ticket.Resolved}:   true,
	{ticket.Resolved, ticket.Closed}:              true,
	{ticket.Resolved, ticket.Reopened}:            true,
	{ticket.Closed, ticket.Reopened}:              true,
	{ticket.Reopened, ticket.Assigned}:            true,
	{ticket.Reopened, ticket.InProgress}:          true,
	{ticket.Reopened, ticket.WaitingOnCustomer}:   true,
	{ticket.Reopened, ticket.Resolved}:            true,
}

// inStatus is an incident of anna's with technician tech-7 that stands in
// status s since t0+1h, with the instants that status implies.
func inStatus(t testing.TB, s ticket.Status) ticket.Ticket {
	tk := incident(t)
	tk.Status, tk.AssigneeID = s, "tech-7"
	tk.Audit = append(tk.Audit, ticket.AuditEntry{At: at(h), By: staff, Action: ticket.ActionStatus, From: "new", To: s.String()})
	switch s {
	case ticket.Resolved:
		tk.RespondedAt, tk.ResolvedAt = at(h), at(h)
	case ticket.Closed:
		tk.RespondedAt, tk.ResolvedAt, tk.ClosedAt = at(h), at(h), at(h)
	case ticket.InProgress, ticket.WaitingOnCustomer, ticket.Reopened:
		tk.RespondedAt = at(h)
	}
	return tk
}

// TestTransition covers every pair of statuses: the 17 legal ones change
// the status and write one audit entry, the 32 others are a
// *TransitionError that leaves the ticket as it was.
func TestTransition(t *testing.T) {
	statuses := ticket.Statuses()
	require.Len(t, statuses, 7)
	legalCount := 0
	for _, from := range statuses {
		for _, to := range statuses {
			ok := legal[[2]ticket.Status{from, to}]
			name := fmt.Sprintf("%s_to_%s_is_illegal", from, to)
			if ok {
				legalCount++
				name = fmt.Sprintf("%s_to_%s", from, to)
			}
			t.Run(name, func(t *testing.T) {
				require.Equal(t, ok, ticket.CanTransition(from, to), "CanTransition")
				tk := inStatus(t, from)
				before := tk.Clone()
				err := tk.Transition(to, staff, at(2*h), "note")
				if !ok {
					diff(t, "error", &ticket.TransitionError{Number: 4711, From: from, To: to}, asTransition(err))
					require.ErrorIs(t, err, ticket.ErrIllegalTransition)
					diff(t, "ticket after a refused transition", before, tk)
					return
				}
				require.NoError(t, err)
				require.Equal(t, to, tk.Status)
				require.Len(t, tk.Audit, len(before.Audit)+1)
				diff(t, "audit entry", ticket.AuditEntry{At: at(2 * h), By: staff, Action: ticket.ActionStatus,
					From: from.String(), To: to.String(), Note: "note"}, tk.Audit[len(tk.Audit)-1])
			})
		}
	}
	require.Equal(t, 17, legalCount)
}

// TestTransitionEffects: the instants a transition sets, derived from
// the rules: the first of in progress, waiting and resolved is the first
// response; resolved and closed stamp themselves; reopened clears both.
func TestTransitionEffects(t *testing.T) {
	zero := time.Time{}
	for _, tc := range []struct {
		name                        string
		path                        []ticket.Status
		responded, resolved, closed time.Time
	}{
		{"assigned_is_no_response", []ticket.Status{ticket.Assigned}, zero, zero, zero},
		{"in_progress_responds", []ticket.Status{ticket.Assigned, ticket.InProgress}, at(2 * h), zero, zero},
		{"waiting_responds", []ticket.Status{ticket.Assigned, ticket.WaitingOnCustomer}, at(2 * h), zero, zero},
		{"resolving_a_new_ticket_responds", []ticket.Status{ticket.Resolved}, at(h), at(h), zero},
		{"first_response_stays", []ticket.Status{ticket.Assigned, ticket.InProgress, ticket.WaitingOnCustomer, ticket.InProgress, ticket.Resolved}, at(2 * h), at(5 * h), zero},
		{"closed", []ticket.Status{ticket.Resolved, ticket.Closed}, at(h), at(h), at(2 * h)},
		{"reopened_clears_resolved_and_closed", []ticket.Status{ticket.Resolved, ticket.Closed, ticket.Reopened}, at(h), zero, zero},
		{"resolved_again", []ticket.Status{ticket.Resolved, ticket.Reopened, ticket.Resolved}, at(h), at(3 * h), zero},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tk := incident(t)
			tk.AssigneeID = "tech-7"
			for i, s := range tc.path {
				require.NoError(t, tk.Transition(s, staff, at(time.Duration(i+1)*h), ""), "step %d to %s", i, s)
			}
			diff(t, "RespondedAt", tc.responded, tk.RespondedAt)
			diff(t, "ResolvedAt", tc.resolved, tk.ResolvedAt)
			diff(t, "ClosedAt", tc.closed, tk.ClosedAt)
		})
	}
}

// TestTransitionRefusals: conditions besides the table, and bad input,
// change nothing.
func TestTransitionRefusals(t *testing.T) {
	unassigned := func(s ticket.Status) func(testing.TB) ticket.Ticket {
		return func(t testing.TB) ticket.Ticket {
			tk := inStatus(t, s)
			tk.AssigneeID = ""
			return tk
		}
	}
	inS := func(s ticket.Status) func(testing.TB) ticket.Ticket {
		return func(t testing.TB) ticket.Ticket { return inStatus(t, s) }
	}
	for _, tc := range []struct {
		name  string
		start func(testing.TB) ticket.Ticket
		to    ticket.Status
		by    ticket.Actor
		at    time.Time
		note  string
		check func(t *testing.T, err error)
	}{
		{"reopened_to_in_progress_needs_a_technician", unassigned(ticket.Reopened), ticket.InProgress, staff, at(2 * h), "",
			wantTransition(ticket.Reopened, ticket.InProgress, "no technician is assigned")},
		{"reopened_to_waiting_needs_a_technician", unassigned(ticket.Reopened), ticket.WaitingOnCustomer, staff, at(2 * h), "",
			wantTransition(ticket.Reopened, ticket.WaitingOnCustomer, "no technician is assigned")},
		{"contact_may_not_change_status", inS(ticket.Resolved), ticket.Closed, anna.Actor(), at(2 * h), "",
			wantDenied(ticket.ManageTickets)},
		{"instant_before_last_change", inS(ticket.Assigned), ticket.InProgress, staff, at(30 * m), "",
			wantInvalid("At")},
		{"zero_instant", inS(ticket.Assigned), ticket.InProgress, staff, time.Time{}, "",
			wantInvalid("At")},
		{"actor_without_kind", inS(ticket.Assigned), ticket.InProgress, ticket.Actor{ID: "x"}, at(2 * h), "",
			wantInvalid("By.Kind")},
		{"actor_without_id", inS(ticket.Assigned), ticket.InProgress, ticket.Actor{Kind: ticket.ActorStaff}, at(2 * h), "",
			wantInvalid("By.ID")},
		{"note_on_two_lines", inS(ticket.Assigned), ticket.InProgress, staff, at(2 * h), "a\nb",
			wantInvalid("Note")},
		{"invalid_target_status", inS(ticket.Assigned), ticket.Status(99), staff, at(2 * h), "",
			wantTransition(ticket.Assigned, ticket.Status(99), "")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tk := tc.start(t)
			before := tk.Clone()
			tc.check(t, tk.Transition(tc.to, tc.by, tc.at, tc.note))
			diff(t, "ticket after a refusal", before, tk)
		})
	}
}

// refused applies change to a ticket in status from, checks its error and
// that the ticket is unchanged.
func refused(t *testing.T, from ticket.Status, check func(*testing.T, error), change func(*ticket.Ticket) error) {
	t.Helper()
	tk := inStatus(t, from)
	before := tk.Clone()
	check(t, change(&tk))
	diff(t, "ticket after a refusal", before, tk)
}

func wantTransition(from, to ticket.Status, reason string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		diff(t, "error", &ticket.TransitionError{Number: 4711, From: from, To: to, Reason: reason}, asTransition(err))
	}
}

func wantDenied(p ticket.Permission) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var ad *ticket.AccessDeniedError
		require.ErrorAs(t, err, &ad)
		require.ErrorIs(t, err, ticket.ErrAccessDenied)
		require.Equal(t, p, ad.Permission)
	}
}

func wantInvalid(field string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var ve *ticket.ValidationError
		require.ErrorAs(t, err, &ve)
		require.ErrorIs(t, err, ticket.ErrInvalid)
		require.Equal(t, []string{field}, ve.Fields(), "field of %v", err)
	}
}

// TestAssign: who is assigned and what the status becomes.
func TestAssign(t *testing.T) {
	for _, tc := range []struct {
		from       ticket.Status
		assignee   string // before
		wantStatus ticket.Status
		wantAudit  []string // action from->to
	}{
		{ticket.New, "", ticket.Assigned, []string{"assigned ->tech-9", "status new->assigned"}},
		{ticket.Reopened, "tech-7", ticket.Assigned, []string{"assigned tech-7->tech-9", "status reopened->assigned"}},
		{ticket.InProgress, "tech-7", ticket.Assigned, []string{"assigned tech-7->tech-9", "status in-progress->assigned"}},
		{ticket.Assigned, "tech-7", ticket.Assigned, []string{"assigned tech-7->tech-9"}},
		{ticket.WaitingOnCustomer, "tech-7", ticket.WaitingOnCustomer, []string{"assigned tech-7->tech-9"}},
	} {
		t.Run(tc.from.String(), func(t *testing.T) {
			tk := inStatus(t, tc.from)
			tk.AssigneeID = tc.assignee
			n := len(tk.Audit)
			require.NoError(t, tk.Assign("tech-9", staff, at(2*h)))
			require.Equal(t, "tech-9", tk.AssigneeID)
			require.Equal(t, tc.wantStatus, tk.Status)
			var got []string
			for _, e := range tk.Audit[n:] {
				got = append(got, fmt.Sprintf("%s %s->%s", e.Action, e.From, e.To))
			}
			diff(t, "audit", tc.wantAudit, got)
		})
	}
	for _, tc := range []struct {
		name  string
		from  ticket.Status
		tech  string
		by    ticket.Actor
		check func(*testing.T, error)
	}{
		{"resolved", ticket.Resolved, "tech-9", staff, wantTransition(ticket.Resolved, ticket.Resolved, "a resolved ticket cannot be assigned")},
		{"closed", ticket.Closed, "tech-9", staff, wantTransition(ticket.Closed, ticket.Closed, "a closed ticket cannot be assigned")},
		{"same_technician", ticket.Assigned, "tech-7", staff, wantTransition(ticket.Assigned, ticket.Assigned, "tech-7 is already assigned")},
		{"empty_technician", ticket.New, "", staff, wantInvalid("technicianID")},
		{"contact", ticket.New, "tech-9", ben.Actor(), wantDenied(ticket.ManageTickets)},
	} {
		t.Run("refused_"+tc.name, func(t *testing.T) {
			refused(t, tc.from, tc.check, func(tk *ticket.Ticket) error { return tk.Assign(tc.tech, tc.by, at(2*h)) })
		})
	}
}

func TestEscalate(t *testing.T) {
	tk := inStatus(t, ticket.InProgress)
	require.NoError(t, tk.Escalate("Produktion steht", staff, at(2*h)))
	require.NoError(t, tk.Escalate("seit 4 Stunden", staff, at(3*h)))
	require.Equal(t, 2, tk.Escalation)
	diff(t, "audit", []ticket.AuditEntry{
		{At: at(2 * h), By: staff, Action: ticket.ActionEscalated, From: "0", To: "1", Note: "Produktion steht"},
		{At: at(3 * h), By: staff, Action: ticket.ActionEscalated, From: "1", To: "2", Note: "seit 4 Stunden"},
	}, tk.Audit[len(tk.Audit)-2:])
	require.Equal(t, ticket.InProgress, tk.Status, "escalation keeps the status")

	for _, tc := range []struct {
		name   string
		from   ticket.Status
		reason string
		by     ticket.Actor
		check  func(*testing.T, error)
	}{
		{"without_reason", ticket.New, "", staff, wantInvalid("reason")},
		{"by_a_contact", ticket.New, "dringend", anna.Actor(), wantDenied(ticket.ManageTickets)},
		{"resolved", ticket.Resolved, "dringend", staff, wantTransition(ticket.Resolved, ticket.Resolved, "a resolved ticket cannot be escalated")},
		{"closed", ticket.Closed, "dringend", staff, wantTransition(ticket.Closed, ticket.Closed, "a closed ticket cannot be escalated")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refused(t, tc.from, tc.check, func(tk *ticket.Ticket) error { return tk.Escalate(tc.reason, tc.by, at(2*h)) })
		})
	}
}

func TestSetPriority(t *testing.T) {
	tk := inStatus(t, ticket.Assigned)
	require.NoError(t, tk.SetPriority(ticket.Critical, staff, at(2*h), "Server"))
	require.Equal(t, ticket.Critical, tk.Priority)
	diff(t, "audit", ticket.AuditEntry{At: at(2 * h), By: staff, Action: ticket.ActionPriority, From: "normal", To: "critical", Note: "Server"}, tk.Audit[len(tk.Audit)-1])
	before := tk.Clone()
	wantInvalid("Priority")(t, tk.SetPriority(ticket.Critical, staff, at(3*h), ""))
	wantInvalid("Priority")(t, tk.SetPriority(ticket.Priority(0), staff, at(3*h), ""))
	wantDenied(ticket.ManageTickets)(t, tk.SetPriority(ticket.Low, ben.Actor(), at(3*h), ""))
	diff(t, "ticket after refusals", before, tk)
}

func TestAddComment(t *testing.T) {
	tk := inStatus(t, ticket.Assigned)
	tk.RespondedAt = time.Time{}
	require.NoError(t, tk.AddComment(ticket.Comment{At: at(2 * h), By: tech, Body: "intern: Toner bestellt"}))
	require.True(t, tk.RespondedAt.IsZero(), "an internal note is no response")
	require.NoError(t, tk.AddComment(ticket.Comment{At: at(3 * h), By: tech, Body: "Toner kommt morgen", Public: true}))
	diff(t, "a public staff comment is the first response", at(3*h), tk.RespondedAt)
	require.NoError(t, tk.AddComment(ticket.Comment{At: at(4 * h), By: anna.Actor(),
		Attachments: []ticket.Attachment{{Name: "fehler.png", Ref: "blob/9", ContentType: "image/png"}}}))
	require.True(t, tk.Comments[2].Public, "a contact's comment is public")
	require.Equal(t, ticket.Assigned, tk.Status, "AddComment does not move the ticket")
	diff(t, "audit", ticket.AuditEntry{At: at(4 * h), By: anna.Actor(), Action: ticket.ActionCommented, To: "3"}, tk.Audit[len(tk.Audit)-1])

	before := tk.Clone()
	wantInvalid("Body")(t, tk.AddComment(ticket.Comment{At: at(5 * h), By: tech}))
	wantInvalid("Attachments[0].Ref")(t, tk.AddComment(ticket.Comment{At: at(5 * h), By: tech, Attachments: []ticket.Attachment{{Name: "x"}}}))
	wantInvalid("At")(t, tk.AddComment(ticket.Comment{At: at(h), By: tech, Body: "late"}))
	wantInvalid("Body")(t, tk.AddComment(ticket.Comment{At: at(5 * h), By: tech, Body: "\x00"}))
	diff(t, "ticket after refusals", before, tk)
}

func TestAddParticipant(t *testing.T) {
	tk := incident(t)
	require.NoError(t, tk.AddParticipant("Lieferant <Support@Lancom.example>", staff, at(h)))
	require.Equal(t, []string{"anna@wdf.example", "support@lancom.example"}, tk.Participants)
	require.True(t, tk.HasParticipant("SUPPORT@lancom.example"))
	require.False(t, tk.HasParticipant("other@lancom.example"))
	before := tk.Clone()
	wantInvalid("address")(t, tk.AddParticipant("support@lancom.example", staff, at(2*h)))
	wantInvalid("address")(t, tk.AddParticipant("not an address", staff, at(2*h)))
	wantDenied(ticket.ManageTickets)(t, tk.AddParticipant("x@y.example", anna.Actor(), at(2*h)))
	diff(t, "ticket after refusals", before, tk)
}

// TestReply: the customer's answer per status, with the reopen window.
func TestReply(t *testing.T) {
	reply := func(at time.Time) ticket.Comment {
		return ticket.Comment{At: at, By: anna.Actor(), Body: "geht wieder nicht"}
	}
	for _, tc := range []struct {
		name       string
		from       ticket.Status
		closedAgo  time.Duration // for closed: how long before the reply it was closed
		window     time.Duration
		wantEffect ticket.ReplyEffect
		wantStatus ticket.Status
	}{
		{"new_just_comments", ticket.New, 0, 0, ticket.ReplyCommented, ticket.New},
		{"assigned_just_comments", ticket.Assigned, 0, 0, ticket.ReplyCommented, ticket.Assigned},
		{"in_progress_just_comments", ticket.InProgress, 0, 0, ticket.ReplyCommented, ticket.InProgress},
		{"reopened_just_comments", ticket.Reopened, 0, 0, ticket.ReplyCommented, ticket.Reopened},
		{"waiting_resumes", ticket.WaitingOnCustomer, 0, 0, ticket.ReplyResumed, ticket.InProgress},
		{"resolved_reopens", ticket.Resolved, 0, 0, ticket.ReplyReopened, ticket.Reopened},
		{"closed_13_days_ago_reopens_by_default", ticket.Closed, 13 * day, 0, ticket.ReplyReopened, ticket.Reopened},
		{"closed_exactly_14_days_ago_reopens", ticket.Closed, 14 * day, 0, ticket.ReplyReopened, ticket.Reopened},
		{"closed_15_days_ago_needs_a_link", ticket.Closed, 15 * day, 0, ticket.ReplyNeedsLink, ticket.Closed},
		{"closed_3_days_ago_with_2_day_window_needs_a_link", ticket.Closed, 3 * day, 2 * day, ticket.ReplyNeedsLink, ticket.Closed},
		{"closed_40_days_ago_with_60_day_window_reopens", ticket.Closed, 40 * day, 60 * day, ticket.ReplyReopened, ticket.Reopened},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tk := inStatus(t, tc.from)
			when := at(2 * h)
			if tc.from == ticket.Closed {
				when = tk.ClosedAt.Add(tc.closedAgo)
			}
			before := tk.Clone()
			effect, err := tk.Reply(reply(when), tc.window)
			require.NoError(t, err)
			require.Equal(t, tc.wantEffect, effect)
			require.Equal(t, tc.wantStatus, tk.Status)
			if effect == ticket.ReplyNeedsLink {
				diff(t, "a reply that needs a link changes nothing", before, tk)
				return
			}
			require.Len(t, tk.Comments, 1)
			last := tk.Audit[len(tk.Audit)-1]
			if tc.wantStatus != tc.from {
				diff(t, "last audit entry", ticket.AuditEntry{At: when, By: anna.Actor(), Action: ticket.ActionStatus,
					From: tc.from.String(), To: tc.wantStatus.String(), Note: "customer replied"}, last)
			} else {
				require.Equal(t, ticket.ActionCommented, last.Action)
			}
		})
	}
	t.Run("refusals", func(t *testing.T) {
		tk := inStatus(t, ticket.Resolved)
		before := tk.Clone()
		_, err := tk.Reply(ticket.Comment{At: at(2 * h), By: tech, Body: "x"}, 0)
		wantInvalid("By.Kind")(t, err)
		_, err = tk.Reply(reply(at(2*h)), -day)
		wantInvalid("window")(t, err)
		_, err = tk.Reply(reply(at(30*m)), 0)
		wantInvalid("At")(t, err)
		diff(t, "ticket after refusals", before, tk)
	})
}

// TestStatusText: text forms round-trip, and anything else is refused.
func TestStatusText(t *testing.T) {
	for _, s := range ticket.Statuses() {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back ticket.Status
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, s, back)
	}
	got := map[ticket.Status]string{}
	for _, s := range ticket.Statuses() {
		got[s] = s.String()
	}
	diff(t, "names", map[ticket.Status]string{
		ticket.New: "new", ticket.Assigned: "assigned", ticket.InProgress: "in-progress",
		ticket.WaitingOnCustomer: "waiting-on-customer", ticket.Resolved: "resolved",
		ticket.Closed: "closed", ticket.Reopened: "reopened",
	}, got)
	s, err := ticket.ParseStatus("In-Progress")
	require.NoError(t, err)
	require.Equal(t, ticket.InProgress, s)
	for _, bad := range []string{"", "open", " new", "new "} {
		_, err := ticket.ParseStatus(bad)
		require.True(t, errors.Is(err, ticket.ErrInvalid), "%q", bad)
	}
	_, err = ticket.Status(0).MarshalText()
	require.ErrorIs(t, err, ticket.ErrInvalid)
	require.Equal(t, "Status(0)", ticket.Status(0).String())
	require.False(t, ticket.Resolved.IsOpen())
	require.False(t, ticket.Closed.IsOpen())
	require.True(t, ticket.Reopened.IsOpen())
	require.False(t, ticket.Status(0).IsOpen())
}
