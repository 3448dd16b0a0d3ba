package complaint

import (
	"fmt"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Escalate records that the dissatisfied customer escalated the decision,
// for reasons (the 24-hour complaints procedure: "give the reasons for your dissatisfaction").
// The customer may escalate until the policy's EscalationWindow after the
// decision has passed; at its very end is still in time.
//
// It returns a *TransitionError unless the complaint is resolved or
// rejected, a *ValidationError for an invalid at or missing reasons, and a
// *WindowClosedError (matching ErrWindowClosed) when the window has
// closed.
func (p *Policy) Escalate(c *Complaint, at time.Time, reasons string) error {
	if err := p.made(); err != nil {
		return err
	}
	s := step{Event: Event{Kind: EventEscalated, At: at, Text: reasons}}
	s.text("reasons", reasons, maxTextLen, true, true)
	return p.apply(c, s, func() error {
		tl, err := p.Timeline(*c, at)
		if err != nil {
			return err
		}
		if tl.Escalation.Breached {
			return &WindowClosedError{Ref: c.Ref, Decided: tl.Escalation.Start, Closed: tl.Escalation.Due, At: at}
		}
		return nil
	})
}

// Independence is the rule an escalation's reviewer is checked by: who
// counts as involved in the first investigation. The 24-hour procedure
// (Preset24h) has the escalation reviewed by "another team or another
// person who was not involved in the first investigation", so a person
// who took no part is independent even if their team investigated; a
// procedure may ask for a team of its own instead. The zero value is
// IndependentPerson.
type Independence uint8

const (
	// IndependentPerson: the reviewer must not have taken part in the
	// first investigation; a colleague from the investigating team who
	// took no part may review. The default.
	IndependentPerson Independence = iota
	// IndependentTeam: neither the reviewer nor anyone of the reviewer's
	// team may have taken part.
	IndependentTeam
)

var independenceText = enum.Ints[Independence]("complaint", "Independence", "person", "team")

// String returns "person" or "team", or "Independence(n)" for an invalid
// value.
func (r Independence) String() string { return independenceText.String(r) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid value.
func (r Independence) MarshalText() ([]byte, error) { return independenceText.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler, reading what String
// writes in any case. It returns a *ValidationError for any other text.
func (r *Independence) UnmarshalText(b []byte) error { return independenceText.Unmarshal(r, b) }

// ParseIndependence reads "person" or "team" in any case. It returns a
// *ValidationError for any other text.
func ParseIndependence(s string) (Independence, error) { return independenceText.Parse(s) }

// CheckReviewer reports whether reviewer may review the complaint's
// escalation under rule: under IndependentPerson the reviewer must not
// have taken part in the first investigation; under IndependentTeam
// neither may anyone of the reviewer's team. Taking part is read from the
// history: every step a member of staff recorded before the escalation,
// that is acknowledging, investigating, contacting, updating, extending,
// deciding. Hosts can call it to offer only eligible reviewers;
// AssignReviewer checks it with the policy's rule.
//
// It returns a *NotIndependentError (matching ErrNotIndependent) listing
// every step that involves the reviewer under the rule, nil when there is
// none, and a *ValidationError for a rule that is neither.
func (c Complaint) CheckReviewer(reviewer Actor, rule Independence) error {
	if !independenceText.Valid(rule) {
		var ps problems
		ps.add("rule", "%v is not person or team", rule)
		return ps.err()
	}
	var conflicts []Conflict
	for i, e := range c.History {
		if e.Kind == EventEscalated {
			break
		}
		if e.By.IsZero() {
			continue
		}
		person, team := e.By.ID == reviewer.ID, e.By.Team == reviewer.Team
		if person || (team && rule == IndependentTeam) {
			conflicts = append(conflicts, Conflict{Index: i, Kind: e.Kind, By: e.By, SamePerson: person, SameTeam: team})
		}
	}
	if len(conflicts) > 0 {
		return &NotIndependentError{Ref: c.Ref, Reviewer: reviewer, Rule: rule, Conflicts: conflicts}
	}
	return nil
}

// AssignReviewer records that by assigned reviewer to review the
// escalation. Assigning another replaces the one before, until the final
// decision.
//
// It returns a *TransitionError unless the complaint is escalated, a
// *ValidationError for an invalid by, at or reviewer, and a
// *NotIndependentError (matching ErrNotIndependent) when the reviewer, or
// under IndependentTeam their team, took part in the first investigation
// (see CheckReviewer and PolicyConfig.Independence).
func (p *Policy) AssignReviewer(c *Complaint, by Actor, at time.Time, reviewer Actor) error {
	if err := p.made(); err != nil {
		return err
	}
	s := staffStep(EventReviewerAssigned, by, at)
	s.Reviewer = reviewer
	s.actor("reviewer", reviewer)
	return p.apply(c, s, func() error { return c.CheckReviewer(reviewer, p.cfg.Independence) })
}

// Reviewer returns the escalation's assigned reviewer, and false when none
// is assigned.
func (c Complaint) Reviewer() (Actor, bool) {
	if i := c.last(EventReviewerAssigned); i >= 0 {
		return c.History[i].Reviewer, true
	}
	return Actor{}, false
}

// DecideFinal records the reviewer's final decision on the escalation:
// outcome (OutcomeResolved or OutcomeRejected, whatever the first decision
// was) with its written explanation and the actions taken. by must be the
// assigned reviewer.
//
// It returns a *TransitionError unless the complaint is escalated with a
// reviewer assigned, a *ValidationError for an invalid by, at, outcome or
// decision (an explanation is required), and an error matching
// ErrNotReviewer when by is not the assigned reviewer.
func (p *Policy) DecideFinal(c *Complaint, by Actor, at time.Time, outcome Outcome, d Decision) error {
	if err := p.made(); err != nil {
		return err
	}
	s := decisionStep(EventDecided, by, at, d)
	s.Outcome = outcome
	if outcome != OutcomeResolved && outcome != OutcomeRejected {
		s.add("outcome", "%v is not resolved or rejected", outcome)
	}
	return p.apply(c, s, func() error {
		reviewer, ok := c.Reviewer()
		if !ok {
			return &TransitionError{Ref: c.Ref, From: c.State, Step: EventDecided, Reason: "no reviewer is assigned"}
		}
		if by.ID != reviewer.ID || by.Team != reviewer.Team {
			return fmt.Errorf("complaint %s: %s decided, but the reviewer is %s: %w", refText(c.Ref), by, reviewer, ErrNotReviewer)
		}
		return nil
	})
}
