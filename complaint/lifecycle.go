package complaint

import (
	"slices"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// State is where a complaint stands. The zero State is StateReceived.
//
//	received ──acknowledge──▶ acknowledged ──start investigation──▶ investigating
//	investigating ──resolve──▶ resolved        investigating ──reject──▶ rejected
//	resolved, rejected ──escalate (within the window)──▶ escalated ──decide──▶ decided
//	resolved, rejected (after the window), decided ──close──▶ closed
//
// Contacts, progress updates and extensions do not change the state;
// feedback is asked for and given alongside the last four states.
type State uint8

const (
	// StateReceived: the complaint arrived; the acknowledgement is due.
	StateReceived State = iota
	// StateAcknowledged: the customer has the reference number and the
	// initial timeline.
	StateAcknowledged
	// StateInvestigating: someone investigates; contacts with the customer
	// and third parties are recorded.
	StateInvestigating
	// StateResolved: decided in the customer's favour, with a written
	// explanation and the actions taken.
	StateResolved
	// StateRejected: decided that it cannot be resolved, with a full
	// written explanation of the decision.
	StateRejected
	// StateEscalated: the dissatisfied customer escalated; a reviewer not
	// involved in the first investigation reviews it.
	StateEscalated
	// StateDecided: the reviewer made the final decision.
	StateDecided
	// StateClosed: nothing more happens, but feedback.
	StateClosed
)

var stateText = enum.Ints[State]("complaint", "State",
	"received", "acknowledged", "investigating", "resolved", "rejected", "escalated", "decided", "closed",
)

// String returns the state's name ("received", "acknowledged",
// "investigating", "resolved", "rejected", "escalated", "decided",
// "closed"), or "State(n)" for an invalid state.
func (s State) String() string { return stateText.String(s) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid state.
func (s State) MarshalText() ([]byte, error) { return stateText.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler, reading what String
// writes in any case. It returns a *ValidationError for any other text.
func (s *State) UnmarshalText(b []byte) error { return stateText.Unmarshal(s, b) }

// ParseState reads a state's name in any case. It returns a
// *ValidationError for any other text.
func ParseState(s string) (State, error) { return stateText.Parse(s) }

// Open reports whether the complaint awaits its first decision: received,
// acknowledged or investigating.
func (s State) Open() bool { return s <= StateInvestigating }

// EventKind is a step in a complaint's history. The zero EventKind is no
// step and invalid in a history.
type EventKind uint8

const (
	// EventReceived opens every history, at Complaint.ReceivedAt.
	EventReceived EventKind = iota + 1
	// EventAcknowledged: the customer was sent the reference number and
	// the initial timeline (Policy.Acknowledge).
	EventAcknowledged
	// EventInvestigationStarted: By investigates (Policy.StartInvestigation).
	EventInvestigationStarted
	// EventContacted: By contacted Event.Party about it, Event.Text says
	// what about (Policy.RecordContact).
	EventContacted
	// EventUpdated: the customer was told the progress, Event.Text
	// (Policy.SendUpdate).
	EventUpdated
	// EventExtended: the resolution deadline moved to Event.Due for the
	// reason Event.Text, which the customer was told (Policy.Extend).
	EventExtended
	// EventResolved: decided in the customer's favour (Policy.Resolve).
	EventResolved
	// EventRejected: decided that it cannot be resolved (Policy.Reject).
	EventRejected
	// EventEscalated: the customer escalated, for the reasons in
	// Event.Text (Policy.Escalate). By is zero: the customer did it.
	EventEscalated
	// EventReviewerAssigned: Event.Reviewer reviews the escalation; By
	// assigned them (Policy.AssignReviewer).
	EventReviewerAssigned
	// EventDecided: the reviewer's final decision (Policy.DecideFinal).
	EventDecided
	// EventClosed: the complaint was closed (Policy.Close).
	EventClosed
	// EventFeedbackRequested: the customer was asked for feedback on the
	// handling (Policy.RequestFeedback).
	EventFeedbackRequested
	// EventFeedbackGiven: the customer's answer, Event.Rating and
	// Event.Text (Policy.RecordFeedback). By is zero.
	EventFeedbackGiven
)

var eventText = enum.Ints[EventKind]("complaint", "EventKind",
	"", "received", "acknowledged", "investigation-started", "contacted", "updated", "extended",
	"resolved", "rejected", "escalated", "reviewer-assigned", "decided", "closed",
	"feedback-requested", "feedback-given",
)

// String returns the kind's name ("received", "acknowledged",
// "investigation-started", ...), or "EventKind(n)" for an invalid kind.
func (k EventKind) String() string { return eventText.String(k) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid kind.
func (k EventKind) MarshalText() ([]byte, error) { return eventText.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler, reading what String
// writes in any case. It returns a *ValidationError for any other text.
func (k *EventKind) UnmarshalText(b []byte) error { return eventText.Unmarshal(k, b) }

// ParseEventKind reads a kind's name in any case. It returns a
// *ValidationError for any other text.
func ParseEventKind(s string) (EventKind, error) { return eventText.Parse(s) }

// PartyCustomer is the Event.Party of a contact with the complainant; any
// other party is a third party named by the host's ID for it.
const PartyCustomer = "customer"

// Event is one step in a complaint's history, as a flat record a database
// stores as one row (Actions as child rows or a JSON column). Which fields
// a step sets is said on its EventKind; the others are zero.
type Event struct {
	Kind EventKind // what happened
	At   time.Time // when; a history is in time order
	By   Actor     // the member of staff; zero for the customer's own steps

	// Text is what was said: the contact's subject, the progress update,
	// the reason for an extension, the explanation of a decision, the
	// customer's reasons for escalating, the feedback comment.
	Text string

	Party    string    // EventContacted: PartyCustomer or a third party's ID
	Due      time.Time // EventExtended: the new resolution deadline
	Reviewer Actor     // EventReviewerAssigned: who reviews
	Outcome  Outcome   // EventResolved, EventRejected, EventDecided
	Actions  []string  // EventResolved, EventRejected, EventDecided: the actions taken
	Rating   int       // EventFeedbackGiven: 1 to 5, or 0 for none
}

// transitions says, for each step, the states it may be taken in and the
// state it leads to; keep means the state stays as it is.
var transitions = [...]struct {
	from []State
	to   State
	keep bool
}{
	EventAcknowledged:         {from: []State{StateReceived}, to: StateAcknowledged},
	EventInvestigationStarted: {from: []State{StateAcknowledged}, to: StateInvestigating},
	EventContacted:            {from: []State{StateInvestigating, StateEscalated}, keep: true},
	EventUpdated:              {from: []State{StateAcknowledged, StateInvestigating}, keep: true},
	EventExtended:             {from: []State{StateAcknowledged, StateInvestigating}, keep: true},
	EventResolved:             {from: []State{StateInvestigating}, to: StateResolved},
	EventRejected:             {from: []State{StateInvestigating}, to: StateRejected},
	EventEscalated:            {from: []State{StateResolved, StateRejected}, to: StateEscalated},
	EventReviewerAssigned:     {from: []State{StateEscalated}, keep: true},
	EventDecided:              {from: []State{StateEscalated}, to: StateDecided},
	EventClosed:               {from: []State{StateResolved, StateRejected, StateDecided}, to: StateClosed},
	EventFeedbackRequested:    {from: []State{StateResolved, StateRejected, StateDecided, StateClosed}, keep: true},
	EventFeedbackGiven:        {from: []State{StateResolved, StateRejected, StateEscalated, StateDecided, StateClosed}, keep: true},
}

// Allowed reports whether the step kind may be taken in state s, as far as
// the state decides it. Some steps have further rules, checked when they
// are taken: the escalation window, the reviewer's independence, a
// feedback request before the answer.
func (s State) Allowed(kind EventKind) bool {
	if kind <= EventReceived || int(kind) >= len(transitions) {
		return false
	}
	for _, f := range transitions[kind].from {
		if f == s {
			return true
		}
	}
	return false
}

// step is one step about to be taken: the event and the problems found in
// its arguments so far.
type step struct {
	Event
	problems
}

// apply takes the step on c if the state allows it, its arguments and at
// are valid, and rule (which may be nil) accepts it; otherwise it returns
// the first of a *ValidationError for a nil or unmade complaint, a
// *TransitionError, a *ValidationError for the arguments, and rule's error,
// and c is unchanged. rule sees c before the step.
func (p *Policy) apply(c *Complaint, s step, rule func() error) error {
	if c == nil || len(c.History) == 0 {
		var ps problems
		ps.add("complaint", "is nil or was not made by NewComplaint")
		return ps.err()
	}
	if !c.State.Allowed(s.Kind) {
		return &TransitionError{Ref: c.Ref, From: c.State, Step: s.Kind}
	}
	if last := c.History[len(c.History)-1].At; !s.At.IsZero() && s.At.Before(last) {
		s.add("at", "%s is before the last step at %s", s.At.Format(time.RFC3339), last.Format(time.RFC3339))
	}
	p.checkInstant(&s.problems, "at", s.At)
	if err := s.err(); err != nil {
		return err
	}
	if rule != nil {
		if err := rule(); err != nil {
			return err
		}
	}
	if t := transitions[s.Kind]; !t.keep {
		c.State = t.to
	}
	c.History = append(c.History, s.Event)
	return nil
}

// staffStep starts a step taken by a member of staff, checking by.
func staffStep(kind EventKind, by Actor, at time.Time) step {
	s := step{Event: Event{Kind: kind, At: at, By: by}}
	s.actor("by", by)
	return s
}

// Acknowledge records that the complaint was acknowledged at at by by, and
// returns what the acknowledgement tells the customer: the reference
// number and the initial timeline, computed by the policy.
//
// It returns a *TransitionError unless the complaint is received, and a
// *ValidationError for a complaint without a reference (create it in the
// store first), an invalid by, or an at that is zero, before the receipt
// or outside the policy calendar's years.
func (p *Policy) Acknowledge(c *Complaint, by Actor, at time.Time) (Acknowledgement, error) {
	if err := p.made(); err != nil {
		return Acknowledgement{}, err
	}
	s := staffStep(EventAcknowledged, by, at)
	if c != nil && !c.Ref.valid() {
		s.add("Ref", "the complaint has no reference number yet: create it in the store first")
	}
	var tl Timeline
	err := p.apply(c, s, func() (err error) {
		tl, err = p.Timeline(c.with(s.Event), at)
		return err
	})
	if err != nil {
		return Acknowledgement{}, err
	}
	return Acknowledgement{
		Ref:            c.Ref,
		ReceivedAt:     c.ReceivedAt,
		AcknowledgedAt: at,
		Due:            tl.Acknowledgement.Due,
		OnTime:         tl.Acknowledgement.MetOnTime(),
		UpdateDue:      tl.Updates[0].Due,
		ResolutionDue:  tl.Resolution.Due,
	}, nil
}

// StartInvestigation records that by investigates the complaint from at.
//
// It returns a *TransitionError unless the complaint is acknowledged, and a
// *ValidationError for an invalid by or at (zero, before the last step, or
// outside the policy calendar's years).
func (p *Policy) StartInvestigation(c *Complaint, by Actor, at time.Time) error {
	if err := p.made(); err != nil {
		return err
	}
	return p.apply(c, staffStep(EventInvestigationStarted, by, at), nil)
}

// RecordContact records that by contacted party (PartyCustomer, or a third
// party's ID) about subject, during the investigation or the review of an
// escalation (the Dutch complaints procedure: "we may contact you for additional information,
// and other parties involved").
//
// It returns a *TransitionError unless the complaint is investigating or
// escalated, and a *ValidationError for an invalid by, at, party or
// subject (required).
func (p *Policy) RecordContact(c *Complaint, by Actor, at time.Time, party, subject string) error {
	if err := p.made(); err != nil {
		return err
	}
	s := staffStep(EventContacted, by, at)
	s.Party, s.Text = party, subject
	s.id("party", party, true)
	s.text("subject", subject, maxTextLen, true, true)
	return p.apply(c, s, nil)
}

// SendUpdate records a progress update sent to the customer: the state of
// the investigation, status. The next update falls due the policy's Update
// target after this one (see Timeline).
//
// It returns a *TransitionError unless the complaint is acknowledged or
// investigating, and a *ValidationError for an invalid by, at or status
// (required).
func (p *Policy) SendUpdate(c *Complaint, by Actor, at time.Time, status string) error {
	if err := p.made(); err != nil {
		return err
	}
	s := staffStep(EventUpdated, by, at)
	s.Text = status
	s.text("status", status, maxTextLen, true, true)
	return p.apply(c, s, nil)
}

// Close closes a decided complaint. A resolved or rejected one can be
// closed only once the customer's escalation window has passed, so that
// closing never takes away the right to escalate.
//
// It returns a *TransitionError unless the complaint is decided, or is
// resolved or rejected and at is after the escalation window, and a
// *ValidationError for an invalid by or at.
func (p *Policy) Close(c *Complaint, by Actor, at time.Time) error {
	if err := p.made(); err != nil {
		return err
	}
	return p.apply(c, staffStep(EventClosed, by, at), func() error {
		if c.State == StateDecided {
			return nil
		}
		tl, err := p.Timeline(*c, at)
		if err != nil {
			return err
		}
		if !tl.Escalation.Breached {
			return &TransitionError{Ref: c.Ref, From: c.State, Step: EventClosed,
				Reason: "the customer may escalate until " + tl.Escalation.Due.Format(time.RFC3339)}
		}
		return nil
	})
}

// with returns a copy of c with e appended to its history, leaving c's
// history as it is, to compute what a step would lead to.
func (c *Complaint) with(e Event) Complaint {
	trial := *c
	trial.History = append(slices.Clip(c.History), e)
	return trial
}

// last returns the index of the last event of kind in c's history, or -1.
func (c *Complaint) last(kind EventKind) int {
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].Kind == kind {
			return i
		}
	}
	return -1
}
