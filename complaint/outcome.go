package complaint

import (
	"fmt"
	"slices"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Outcome is what a complaint came to. The zero Outcome is OutcomeNone: not
// decided yet.
type Outcome uint8

const (
	// OutcomeNone: no decision yet.
	OutcomeNone Outcome = iota
	// OutcomeResolved: decided in the customer's favour.
	OutcomeResolved
	// OutcomeRejected: decided that it cannot be resolved, with a full
	// written explanation.
	OutcomeRejected
)

var outcomeText = enum.Ints[Outcome]("complaint", "Outcome", "none", "resolved", "rejected")

// String returns "none", "resolved" or "rejected", or "Outcome(n)" for an
// invalid outcome.
func (o Outcome) String() string { return outcomeText.String(o) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid outcome.
func (o Outcome) MarshalText() ([]byte, error) { return outcomeText.Marshal(o) }

// UnmarshalText implements encoding.TextUnmarshaler, reading what String
// writes in any case. It returns a *ValidationError for any other text.
func (o *Outcome) UnmarshalText(b []byte) error { return outcomeText.Unmarshal(o, b) }

// ParseOutcome reads "none", "resolved" or "rejected" in any case. It
// returns a *ValidationError for any other text.
func ParseOutcome(s string) (Outcome, error) { return outcomeText.Parse(s) }

// Outcome returns what the complaint came to: the reviewer's final
// decision once made, else the first decision, else OutcomeNone.
func (c Complaint) Outcome() Outcome { return c.outcomeBy(time.Time{}) }

// outcomeBy is Outcome as it stood at now; the zero now means at the end.
func (c Complaint) outcomeBy(now time.Time) Outcome {
	o := OutcomeNone
	for _, e := range c.History {
		if !now.IsZero() && e.At.After(now) {
			break
		}
		switch e.Kind {
		case EventDecided, EventResolved, EventRejected:
			o = e.Outcome
		}
	}
	return o
}

// Decision is a decision as the customer is told it: a written explanation
// (the Dutch complaints procedure: "if a complaint cannot be resolved, we explain our decision
// in full in writing") and the actions taken (the 24-hour complaints procedure: "detailed feedback
// on the outcome, including all actions taken").
type Decision struct {
	Explanation string   // required; several lines
	Actions     []string // what was done, one line each; up to 100
}

// decisionStep starts a step that records a decision, checking it.
func decisionStep(kind EventKind, by Actor, at time.Time, d Decision) step {
	s := staffStep(kind, by, at)
	s.Text, s.Actions = d.Explanation, slices.Clone(d.Actions)
	s.text("Explanation", d.Explanation, maxTextLen, true, true)
	if len(d.Actions) > maxItems {
		s.add("Actions", "has more than %d actions", maxItems)
	}
	for i, a := range d.Actions {
		s.text(fmt.Sprintf("Actions[%d]", i), a, maxLineLen, true, false)
	}
	return s
}

// Resolve records the decision in the customer's favour, which meets the
// resolution deadline and stops the progress updates; the customer's
// escalation window starts.
//
// It returns a *TransitionError unless the complaint is investigating, and
// a *ValidationError for an invalid by or at or an invalid decision (an
// explanation is required, each action is one line).
func (p *Policy) Resolve(c *Complaint, by Actor, at time.Time, d Decision) error {
	if err := p.made(); err != nil {
		return err
	}
	s := decisionStep(EventResolved, by, at, d)
	s.Outcome = OutcomeResolved
	return p.apply(c, s, nil)
}

// Reject records that the complaint cannot be resolved, with the full
// written explanation of the decision the customer is owed. Like Resolve,
// it meets the resolution deadline, stops the progress updates and starts
// the escalation window.
//
// It returns a *TransitionError unless the complaint is investigating, and
// a *ValidationError for an invalid by, at or decision.
func (p *Policy) Reject(c *Complaint, by Actor, at time.Time, d Decision) error {
	if err := p.made(); err != nil {
		return err
	}
	s := decisionStep(EventRejected, by, at, d)
	s.Outcome = OutcomeRejected
	return p.apply(c, s, nil)
}

// Ruling is one decision on a complaint as it was recorded.
type Ruling struct {
	Outcome  Outcome   // resolved or rejected
	Decision           // the explanation and the actions taken
	At       time.Time // when it was decided
	By       Actor     // who decided
}

// OutcomeReport is the report the customer receives after the
// decision: the outcome and every action taken, with what the
// investigation did.
type OutcomeReport struct {
	Ref        Reference // the reference number the customer knows
	Type       Type      // service, product or general
	ReceivedAt time.Time // when the complaint arrived

	// Outcome is the final word: the review's once decided, else the
	// first decision's.
	Outcome Outcome

	// Rulings are the first decision and, after an escalation, the
	// reviewer's final decision.
	Rulings []Ruling

	// Actions are the actions of all rulings, in order.
	Actions []string

	Contacts   int  // contacts with the customer and third parties
	Updates    int  // progress updates sent
	Extensions int  // times the resolution deadline was extended
	Escalated  bool // the customer escalated
}

// OutcomeReport returns the report of the outcome for the customer.
//
// It returns an error matching ErrIllegalTransition while the complaint is
// undecided (received, acknowledged or investigating).
func (c Complaint) OutcomeReport() (OutcomeReport, error) {
	if c.State.Open() {
		return OutcomeReport{}, fmt.Errorf("complaint %s: no decision to report while %s: %w", refText(c.Ref), c.State, ErrIllegalTransition)
	}
	r := OutcomeReport{Ref: c.Ref, Type: c.Type, ReceivedAt: c.ReceivedAt}
	for _, e := range c.History {
		switch e.Kind {
		case EventResolved, EventRejected, EventDecided:
			r.Rulings = append(r.Rulings, Ruling{Outcome: e.Outcome, At: e.At, By: e.By,
				Decision: Decision{Explanation: e.Text, Actions: slices.Clone(e.Actions)}})
			r.Actions = append(r.Actions, e.Actions...)
			r.Outcome = e.Outcome
		case EventContacted:
			r.Contacts++
		case EventUpdated:
			r.Updates++
		case EventExtended:
			r.Extensions++
		case EventEscalated:
			r.Escalated = true
		}
	}
	return r, nil
}

// Feedback is the customer's answer to a feedback request (the 24-hour complaints procedure: "we
// may ask for your feedback on the resolution process").
type Feedback struct {
	Rating  int    // 1 (poor) to 5 (excellent), or 0 for none
	Comment string // optional
}

// RequestFeedback records that by asked the customer for feedback on the
// handling. It may be asked once, after the decision.
//
// It returns a *TransitionError unless the complaint is resolved,
// rejected, decided or closed, or when feedback was requested before, and
// a *ValidationError for an invalid by or at.
func (p *Policy) RequestFeedback(c *Complaint, by Actor, at time.Time) error {
	if err := p.made(); err != nil {
		return err
	}
	return p.apply(c, staffStep(EventFeedbackRequested, by, at), func() error {
		if c.last(EventFeedbackRequested) >= 0 {
			return &TransitionError{Ref: c.Ref, From: c.State, Step: EventFeedbackRequested, Reason: "feedback was requested before"}
		}
		return nil
	})
}

// RecordFeedback stores the customer's answer to the feedback request.
//
// It returns a *TransitionError when no feedback was requested or the
// answer is stored already, and a *ValidationError for an invalid at, a
// rating outside 0..5, or feedback with neither rating nor comment.
func (p *Policy) RecordFeedback(c *Complaint, at time.Time, f Feedback) error {
	if err := p.made(); err != nil {
		return err
	}
	s := step{Event: Event{Kind: EventFeedbackGiven, At: at, Rating: f.Rating, Text: f.Comment}}
	if f.Rating < 0 || f.Rating > 5 {
		s.add("Rating", "%d is not 1 to 5, or 0 for none", f.Rating)
	}
	s.text("Comment", f.Comment, maxTextLen, f.Rating == 0, true)
	return p.apply(c, s, func() error {
		switch {
		case c.last(EventFeedbackRequested) < 0:
			return &TransitionError{Ref: c.Ref, From: c.State, Step: EventFeedbackGiven, Reason: "no feedback was requested"}
		case c.last(EventFeedbackGiven) >= 0:
			return &TransitionError{Ref: c.Ref, From: c.State, Step: EventFeedbackGiven, Reason: "the feedback is recorded already"}
		}
		return nil
	})
}

// Feedback returns the customer's feedback, and false when none is
// recorded.
func (c Complaint) Feedback() (Feedback, bool) {
	if i := c.last(EventFeedbackGiven); i >= 0 {
		return Feedback{Rating: c.History[i].Rating, Comment: c.History[i].Text}, true
	}
	return Feedback{}, false
}
