package complaint

import (
	"fmt"
	"time"
)

// Escalate records that the dissatisfied customer escalated the decision,
// for reasons (seed 004: "give the reasons for your dissatisfaction").
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

// CheckReviewer reports whether reviewer may review the complaint's
// escalation: neither they nor their team may have taken part in the first
// investigation (seeds 002 and 004). Taking part is read from the history:
// every step a member of staff recorded before the escalation, that is
// acknowledging, investigating, contacting, updating, extending, deciding.
// Hosts can call it to offer only eligible reviewers.
//
// It returns a *NotIndependentError (matching ErrNotIndependent) listing
// every step that involves the reviewer's person or team, and nil when
// there is none.
func (c Complaint) CheckReviewer(reviewer Actor) error {
	var conflicts []Conflict
	for i, e := range c.History {
		if e.Kind == EventEscalated {
			break
		}
		if e.By.IsZero() {
			continue
		}
		person, team := e.By.Person == reviewer.Person, e.By.Team == reviewer.Team
		if person || team {
			conflicts = append(conflicts, Conflict{Index: i, Kind: e.Kind, By: e.By, SamePerson: person, SameTeam: team})
		}
	}
	if len(conflicts) > 0 {
		return &NotIndependentError{Ref: c.Ref, Reviewer: reviewer, Conflicts: conflicts}
	}
	return nil
}

// AssignReviewer records that by assigned reviewer to review the
// escalation. Assigning another replaces the one before, until the final
// decision.
//
// It returns a *TransitionError unless the complaint is escalated, a
// *ValidationError for an invalid by, at or reviewer, and a
// *NotIndependentError (matching ErrNotIndependent) when the reviewer or
// their team took part in the first investigation (see CheckReviewer).
func (p *Policy) AssignReviewer(c *Complaint, by Actor, at time.Time, reviewer Actor) error {
	if err := p.made(); err != nil {
		return err
	}
	s := staffStep(EventReviewerAssigned, by, at)
	s.Reviewer = reviewer
	s.actor("reviewer", reviewer)
	return p.apply(c, s, func() error { return c.CheckReviewer(reviewer) })
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
		if by != reviewer {
			return fmt.Errorf("complaint %s: %s decided, but the reviewer is %s: %w", refText(c.Ref), by, reviewer, ErrNotReviewer)
		}
		return nil
	})
}
