package complaint_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
)

// The fixtures' history on the office calendar: received Monday 4 May 2026
// 08:30, decided Monday 1 June 14:00, so the escalation window of 20
// business days runs (day 0 Mon 1 Jun) 1 Tue 2, 2 Wed 3, 3 Thu 4, 4 Fri 5,
// 5 Mon 8, 6 Tue 9, 7 Wed 10, 8 Thu 11, 9 Fri 12, 10 Mon 15, 11 Tue 16,
// 12 Wed 17, 13 Thu 18, 14 Fri 19, 15 Mon 22, 16 Tue 23, 17 Wed 24, 18 Thu
// 25, 19 Fri 26, 20 Mon 29 June, until 17:00.
var (
	fxReceived  = ams(2026, time.May, 4, 8, 30)
	fxAck       = ams(2026, time.May, 4, 10, 0)
	fxStart     = ams(2026, time.May, 4, 11, 0)
	fxDecided   = ams(2026, time.June, 1, 14, 0)
	fxEscalated = ams(2026, time.June, 2, 10, 0)
	fxAssigned  = ams(2026, time.June, 2, 11, 0)
	fxFinal     = ams(2026, time.June, 3, 12, 0)
	fxClosed    = ams(2026, time.June, 3, 13, 0)
	windowEnd   = ams(2026, time.June, 29, 17, 0)
)

// inState returns a complaint brought into state s by the fixtures'
// history. The escalated one has erik (quality) assigned as reviewer.
func inState(t *testing.T, p *complaint.Policy, s complaint.State) complaint.Complaint {
	t.Helper()
	c := received(t, p, fxReceived)
	script := map[complaint.State][]func(*complaint.Complaint) error{
		complaint.StateReceived:      nil,
		complaint.StateAcknowledged:  {ack(p, anna, fxAck)},
		complaint.StateInvestigating: {ack(p, anna, fxAck), investigate(p, bob, fxStart)},
		complaint.StateResolved:      {ack(p, anna, fxAck), investigate(p, bob, fxStart), resolve(p, bob, fxDecided)},
		complaint.StateRejected:      {ack(p, anna, fxAck), investigate(p, bob, fxStart), reject(p, bob, fxDecided)},
		complaint.StateEscalated: {ack(p, anna, fxAck), investigate(p, bob, fxStart), resolve(p, bob, fxDecided),
			escalate(p, fxEscalated), assign(p, gert, fxAssigned, erik)},
		complaint.StateDecided: {ack(p, anna, fxAck), investigate(p, bob, fxStart), resolve(p, bob, fxDecided),
			escalate(p, fxEscalated), assign(p, gert, fxAssigned, erik), decide(p, erik, fxFinal)},
		complaint.StateClosed: {ack(p, anna, fxAck), investigate(p, bob, fxStart), resolve(p, bob, fxDecided),
			escalate(p, fxEscalated), assign(p, gert, fxAssigned, erik), decide(p, erik, fxFinal), closeIt(p, gert, fxClosed)},
	}
	steps, ok := script[s]
	require.True(t, ok, "no fixture for %v", s)
	do(t, &c, steps...)
	require.Equal(t, s, c.State)
	return c
}

var allStates = []complaint.State{
	complaint.StateReceived, complaint.StateAcknowledged, complaint.StateInvestigating, complaint.StateResolved,
	complaint.StateRejected, complaint.StateEscalated, complaint.StateDecided, complaint.StateClosed,
}

var allSteps = []complaint.EventKind{
	complaint.EventAcknowledged, complaint.EventInvestigationStarted, complaint.EventContacted,
	complaint.EventUpdated, complaint.EventExtended, complaint.EventResolved, complaint.EventRejected,
	complaint.EventEscalated, complaint.EventReviewerAssigned, complaint.EventDecided, complaint.EventClosed,
	complaint.EventFeedbackRequested, complaint.EventFeedbackGiven,
}

// take takes the step kind on c with valid arguments: at 3 June 14:00,
// after every fixture's last step and inside the escalation window, except
// a close at 30 June, after it. fiona is the reviewer assigned, erik the
// one who decides (the escalated fixture's reviewer).
func take(p *complaint.Policy, c *complaint.Complaint, kind complaint.EventKind) error {
	at := ams(2026, time.June, 3, 14, 0)
	by := map[complaint.EventKind]complaint.Actor{
		complaint.EventAcknowledged: anna, complaint.EventContacted: erik, complaint.EventReviewerAssigned: fiona,
		complaint.EventDecided: erik, complaint.EventClosed: gert, complaint.EventFeedbackRequested: anna,
	}[kind]
	if by.IsZero() {
		by = bob
	}
	if kind == complaint.EventClosed {
		at = ams(2026, time.June, 30, 10, 0)
	}
	return stepOf(p, c, kind, by, at)
}

// TestTransitions takes every step in every state. The table is the
// lifecycle as the issue states it; feedback can only be given after a
// request, which no fixture has (see TestFeedback).
func TestTransitions(t *testing.T) {
	p := nlPolicy(t)
	type to = complaint.State
	legal := map[complaint.State]map[complaint.EventKind]to{
		complaint.StateReceived: {
			complaint.EventAcknowledged: complaint.StateAcknowledged,
		},
		complaint.StateAcknowledged: {
			complaint.EventInvestigationStarted: complaint.StateInvestigating,
			complaint.EventUpdated:              complaint.StateAcknowledged,
			complaint.EventExtended:             complaint.StateAcknowledged,
		},
		complaint.StateInvestigating: {
			complaint.EventContacted: complaint.StateInvestigating,
			complaint.EventUpdated:   complaint.StateInvestigating,
			complaint.EventExtended:  complaint.StateInvestigating,
			complaint.EventResolved:  complaint.StateResolved,
			complaint.EventRejected:  complaint.StateRejected,
		},
		complaint.StateResolved: {
			complaint.EventEscalated:         complaint.StateEscalated,
			complaint.EventClosed:            complaint.StateClosed,
			complaint.EventFeedbackRequested: complaint.StateResolved,
		},
		complaint.StateRejected: {
			complaint.EventEscalated:         complaint.StateEscalated,
			complaint.EventClosed:            complaint.StateClosed,
			complaint.EventFeedbackRequested: complaint.StateRejected,
		},
		complaint.StateEscalated: {
			complaint.EventContacted:        complaint.StateEscalated,
			complaint.EventReviewerAssigned: complaint.StateEscalated,
			complaint.EventDecided:          complaint.StateDecided,
		},
		complaint.StateDecided: {
			complaint.EventClosed:            complaint.StateClosed,
			complaint.EventFeedbackRequested: complaint.StateDecided,
		},
		complaint.StateClosed: {
			complaint.EventFeedbackRequested: complaint.StateClosed,
		},
	}
	for _, from := range allStates {
		for _, kind := range allSteps {
			after, ok := legal[from][kind]
			verdict := "illegal"
			if ok {
				verdict = "legal"
			}
			t.Run(fmt.Sprintf("%s/%s_is_%s", from, kind, verdict), func(t *testing.T) {
				c := inState(t, p, from)
				before := c.Clone()
				err := take(p, &c, kind)
				if !ok {
					var te *complaint.TransitionError
					require.ErrorAs(t, err, &te)
					require.ErrorIs(t, err, complaint.ErrIllegalTransition)
					require.Equal(t, from, te.From)
					require.Equal(t, kind, te.Step)
					diff(t, "complaint after an illegal step", before, c)
					return
				}
				require.NoError(t, err)
				require.Equal(t, after, c.State)
				require.Len(t, c.History, len(before.History)+1)
				require.Equal(t, kind, c.History[len(c.History)-1].Kind)
				diff(t, "history before the step", before.History, c.History[:len(before.History)])
			})
		}
	}
}

// State.Allowed agrees with the steps for everything the state decides.
func TestStateAllowed(t *testing.T) {
	require.True(t, complaint.StateReceived.Allowed(complaint.EventAcknowledged))
	require.False(t, complaint.StateReceived.Allowed(complaint.EventReceived), "receipt is never a step")
	require.False(t, complaint.StateReceived.Allowed(0))
	require.False(t, complaint.StateReceived.Allowed(99))
	require.True(t, complaint.StateEscalated.Allowed(complaint.EventFeedbackGiven))
	require.False(t, complaint.State(42).Allowed(complaint.EventAcknowledged))
	for _, s := range allStates {
		require.Equal(t, s <= complaint.StateInvestigating, s.Open(), "%v", s)
	}
}

// Bad arguments are reported all at once and change nothing.
func TestStepValidation(t *testing.T) {
	p := nlPolicy(t)
	c := inState(t, p, complaint.StateInvestigating)
	before := c.Clone()
	tests := []struct {
		name    string
		take    func(*complaint.Complaint) error
		fields  []string
		missing []string
	}{
		{
			"no_one_no_time_no_text",
			func(c *complaint.Complaint) error { return p.RecordContact(c, complaint.Actor{}, time.Time{}, "", " ") },
			[]string{"by.ID", "by.Team", "party", "subject", "at"},
			[]string{"by.ID", "by.Team", "party", "subject", "at"},
		},
		{
			"before_the_last_step",
			func(c *complaint.Complaint) error { return p.SendUpdate(c, bob, fxStart.Add(-time.Minute), "x") },
			[]string{"at"}, nil,
		},
		{
			"outside_the_calendar",
			func(c *complaint.Complaint) error { return p.SendUpdate(c, bob, ams(2101, time.March, 1, 10, 0), "x") },
			[]string{"at"}, nil,
		},
		{
			"malformed_ids_and_text",
			func(c *complaint.Complaint) error {
				return p.RecordContact(c, complaint.Actor{ID: " bob", Team: "ser\x00vice"}, fxDecided, "\xff", "a\x07b")
			},
			[]string{"by.ID", "by.Team", "party", "subject"}, nil,
		},
		{
			"decision_without_explanation_and_a_blank_action",
			func(c *complaint.Complaint) error {
				return p.Resolve(c, bob, fxDecided, complaint.Decision{Actions: []string{"ok", ""}})
			},
			[]string{"Explanation", "Actions[1]"}, []string{"Explanation", "Actions[1]"},
		},
		{
			"final_decision_with_no_outcome",
			func(c *complaint.Complaint) error {
				e := inState(t, p, complaint.StateEscalated)
				*c = e
				return p.DecideFinal(c, erik, fxFinal, complaint.OutcomeNone, complaint.Decision{Explanation: "x"})
			},
			[]string{"outcome"}, nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := c.Clone()
			start := c.Clone()
			err := tt.take(&c)
			var ve *complaint.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, complaint.ErrInvalid)
			require.Equal(t, tt.fields, ve.Fields())
			require.Equal(t, tt.missing, ve.Missing())
			if tt.name != "final_decision_with_no_outcome" {
				diff(t, "complaint after bad input", start, c)
			}
		})
	}
	diff(t, "fixture", before, c)

	t.Run("nil_and_unmade_complaints", func(t *testing.T) {
		require.ErrorIs(t, p.StartInvestigation(nil, bob, fxStart), complaint.ErrInvalid)
		var zero complaint.Complaint
		_, err := p.Acknowledge(&zero, anna, fxAck)
		require.ErrorIs(t, err, complaint.ErrInvalid)
		diff(t, "zero complaint", complaint.Complaint{}, zero)
	})

	t.Run("acknowledging_an_unstored_complaint", func(t *testing.T) {
		c, err := p.NewComplaint(serviceIntake(fxReceived))
		require.NoError(t, err)
		_, err = p.Acknowledge(&c, anna, fxAck)
		var ve *complaint.ValidationError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, []string{"Ref"}, ve.Fields())
		require.Equal(t, complaint.StateReceived, c.State)
	})
}

// Closing a resolved complaint before the customer's window to escalate
// has passed would take that right away.
func TestCloseWaitsForTheEscalationWindow(t *testing.T) {
	p := nlPolicy(t)
	for _, from := range []complaint.State{complaint.StateResolved, complaint.StateRejected} {
		t.Run(from.String(), func(t *testing.T) {
			c := inState(t, p, from)
			err := p.Close(&c, gert, windowEnd)
			var te *complaint.TransitionError
			require.ErrorAs(t, err, &te, "the window's last instant is still the customer's")
			require.Contains(t, te.Reason, "2026-06-29T17:00:00+02:00")
			require.Equal(t, from, c.State)
			require.NoError(t, p.Close(&c, gert, windowEnd.Add(time.Second)))
			require.Equal(t, complaint.StateClosed, c.State)
		})
	}
	t.Run("decided_closes_at_once", func(t *testing.T) {
		c := inState(t, p, complaint.StateDecided)
		require.NoError(t, p.Close(&c, gert, fxFinal))
	})
}
