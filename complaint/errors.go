package complaint

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/deskcore/deskcore/validation"
)

// ErrInvalid is the sentinel every *ValidationError matches with errors.Is:
// an input (an intake, an actor, a text, an instant, a policy) is not
// acceptable. Nothing was built or changed.
// It is validation.ErrInvalid, the same sentinel in every deskcore package.
var ErrInvalid = validation.ErrInvalid

// ErrNotFound reports that a store holds no complaint with the reference.
var ErrNotFound = errors.New("complaint: not found")

// ErrConflict reports that a write lost against the current state: the
// reference is taken, or a concurrent transaction won. Nothing was written;
// re-read and decide again.
var ErrConflict = errors.New("complaint: conflict")

// ErrIllegalTransition is the sentinel every *TransitionError matches: the
// step is not allowed in the complaint's state. Nothing was changed.
var ErrIllegalTransition = errors.New("complaint: illegal transition")

// ErrNotIndependent is the sentinel every *NotIndependentError matches: the
// proposed reviewer of an escalation took part in the first investigation,
// or their team did where the policy asks for another team. Nothing was
// changed.
var ErrNotIndependent = errors.New("complaint: reviewer not independent")

// ErrWindowClosed is the sentinel every *WindowClosedError matches: the
// customer asked to escalate after the policy's escalation window. Nothing
// was changed.
var ErrWindowClosed = errors.New("complaint: escalation window closed")

// ErrNotReviewer reports a final decision on an escalation by someone other
// than its assigned reviewer. Nothing was changed.
var ErrNotReviewer = errors.New("complaint: not the assigned reviewer")

// ErrNotDue reports a reminder that is not due (Policy.MarkReminded): its
// deadline was met or moved, its stage has not begun, or it is recorded
// as sent already. Nothing was changed; the complaint moved on, so the
// reminder need not be sent again.
var ErrNotDue = errors.New("complaint: reminder not due")

// Problem is one thing wrong with an input: validation.Problem. Its Field
// names a Details field ("TicketNumber", "Email"), an intake or policy
// field ("Type", "ReceivedAt", "Acknowledgement"), or an argument of a step
// ("at", "by", "reviewer", "reason"); Missing is true when the field is
// required and absent.
type Problem = validation.Problem

// ValidationError lists every problem found in an input at once, so that a
// host can tell the complainant everything that is missing in one reply
// (ValidationError.Missing lists the absent fields). It is
// validation.Error, the one shape of every deskcore package. It matches
// ErrInvalid with errors.Is and always holds at least one Problem.
type ValidationError = validation.Error

// TransitionError reports a step the complaint's state does not allow:
// acknowledging twice, resolving before the investigation, escalating a
// complaint still under investigation, closing while the customer may still
// escalate. It matches ErrIllegalTransition with errors.Is.
type TransitionError struct {
	Ref    Reference // the complaint; without Seq before it was stored
	From   State     // the state it is in
	Step   EventKind // the step refused
	Reason string    // why, when the state alone does not say it; else ""
}

// Error implements the error interface.
func (e *TransitionError) Error() string {
	msg := fmt.Sprintf("complaint %s: cannot %s a complaint that is %s", refText(e.Ref), verb(e.Step), e.From)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Unwrap lets errors.Is(err, ErrIllegalTransition) succeed.
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// verbs name the steps in messages, by EventKind.
var verbs = [...]string{
	EventAcknowledged:         "acknowledge",
	EventInvestigationStarted: "start investigating",
	EventContacted:            "record a contact on",
	EventUpdated:              "send an update on",
	EventExtended:             "extend",
	EventResolved:             "resolve",
	EventRejected:             "reject",
	EventEscalated:            "escalate",
	EventReviewerAssigned:     "assign a reviewer to",
	EventDecided:              "decide",
	EventClosed:               "close",
	EventFeedbackRequested:    "request feedback on",
	EventFeedbackGiven:        "record feedback on",
}

func verb(k EventKind) string {
	if int(k) < len(verbs) && verbs[k] != "" {
		return verbs[k]
	}
	return "take step " + k.String() + " on"
}

// Conflict is one recorded step of the first investigation that makes a
// proposed reviewer not independent.
type Conflict struct {
	Index      int       // the step's index in Complaint.History
	Kind       EventKind // what was done
	By         Actor     // who did it
	SamePerson bool      // By.ID is the reviewer
	SameTeam   bool      // By.Team is the reviewer's team
}

// NotIndependentError reports a proposed reviewer who took part in the
// first investigation, or whose team did under IndependentTeam, with
// every step that shows it. It matches ErrNotIndependent with errors.Is.
type NotIndependentError struct {
	Ref       Reference    // the complaint
	Reviewer  Actor        // who was proposed
	Rule      Independence // the rule the reviewer was checked by
	Conflicts []Conflict   // at least one, in history order
}

// Error implements the error interface.
func (e *NotIndependentError) Error() string {
	var person, team bool
	for _, c := range e.Conflicts {
		person = person || c.SamePerson
		team = team || c.SameTeam
	}
	var why []string
	if person {
		why = append(why, fmt.Sprintf("%s took part in the first investigation", e.Reviewer.ID))
	}
	if team && e.Rule == IndependentTeam {
		why = append(why, fmt.Sprintf("team %s took part in the first investigation and the procedure asks for another team", e.Reviewer.Team))
	}
	return fmt.Sprintf("complaint %s: reviewer %s is not independent: %s", refText(e.Ref), e.Reviewer, strings.Join(why, " and "))
}

// Unwrap lets errors.Is(err, ErrNotIndependent) succeed.
func (e *NotIndependentError) Unwrap() error { return ErrNotIndependent }

// WindowClosedError reports an escalation asked for after the window the
// policy gives the customer. It matches ErrWindowClosed with errors.Is.
type WindowClosedError struct {
	Ref     Reference // the complaint
	Decided time.Time // when the decision was made
	Closed  time.Time // when the window closed
	At      time.Time // when the escalation was asked for
}

// Error implements the error interface.
func (e *WindowClosedError) Error() string {
	return fmt.Sprintf("complaint %s: escalation at %s is after the window closed at %s",
		refText(e.Ref), e.At.Format(time.RFC3339), e.Closed.Format(time.RFC3339))
}

// Unwrap lets errors.Is(err, ErrWindowClosed) succeed.
func (e *WindowClosedError) Unwrap() error { return ErrWindowClosed }

func refText(r Reference) string {
	if !r.valid() {
		return "(not stored)"
	}
	return r.String()
}
