package ticket

import (
	"strconv"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Status is where a ticket stands in its lifecycle. The zero Status
// is no status, and invalid on a ticket.
type Status uint8

const (
	// New: received, not yet dispatched to a technician.
	New Status = iota + 1
	// Assigned: dispatching has assigned a technician.
	Assigned
	// InProgress: the technician works on it.
	InProgress
	// WaitingOnCustomer: the technician needs the customer; the SLA
	// clocks pause.
	WaitingOnCustomer
	// Resolved: solved; the customer can still object by replying.
	Resolved
	// Closed: done. A customer reply within the reopen window reopens
	// it, a later one opens a new, linked ticket.
	Closed
	// Reopened: resolved or closed, then found not solved.
	Reopened
)

var statusText = enum.Ints[Status]("ticket", "Status", "", "new", "assigned", "in-progress", "waiting-on-customer", "resolved", "closed", "reopened")

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{New, Assigned, InProgress, WaitingOnCustomer, Resolved, Closed, Reopened}
}

// Unresolved lists the statuses of the tickets still being worked on,
// neither resolved nor closed, in lifecycle order: the tickets whose SLA
// clocks still run (Filter.Statuses).
func Unresolved() []Status {
	return []Status{New, Assigned, InProgress, WaitingOnCustomer, Reopened}
}

// String returns the status's text form ("new", "assigned",
// "in-progress", "waiting-on-customer", "resolved", "closed", "reopened"),
// or "Status(n)" for an invalid status.
func (s Status) String() string { return statusText.String(s) }

// IsValid reports whether s is one of the declared statuses.
func (s Status) IsValid() bool { return statusText.Valid(s) }

// IsOpen reports whether work on the ticket is outstanding: any valid
// status but Resolved and Closed.
func (s Status) IsOpen() bool { return s.IsValid() && s != Resolved && s != Closed }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid status.
func (s Status) MarshalText() ([]byte, error) { return statusText.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseStatus.
func (s *Status) UnmarshalText(b []byte) error {
	return statusText.Unmarshal(s, b)
}

// ParseStatus reads a status's text form in any case. It returns a
// *ValidationError for any other text.
func ParseStatus(s string) (Status, error) {
	return statusText.Parse(s)
}

// CanTransition reports whether the transition table allows a ticket to
// go from one status to another. It is the whole table:
//
//	new                 -> assigned, resolved
//	assigned            -> in-progress, waiting-on-customer, resolved
//	in-progress         -> assigned, waiting-on-customer, resolved
//	waiting-on-customer -> in-progress, resolved
//	resolved            -> closed, reopened
//	closed              -> reopened
//	reopened            -> assigned, in-progress, waiting-on-customer, resolved
//
// No status goes to itself or back to new. Some allowed transitions have
// conditions besides the table, which Ticket.Transition checks: assigned,
// in-progress and waiting-on-customer need an assigned technician.
func CanTransition(from, to Status) bool {
	switch from {
	case New:
		return to == Assigned || to == Resolved
	case Assigned:
		return to == InProgress || to == WaitingOnCustomer || to == Resolved
	case InProgress:
		return to == Assigned || to == WaitingOnCustomer || to == Resolved
	case WaitingOnCustomer:
		return to == InProgress || to == Resolved
	case Resolved:
		return to == Closed || to == Reopened
	case Closed:
		return to == Reopened
	case Reopened:
		return to == Assigned || to == InProgress || to == WaitingOnCustomer || to == Resolved
	}
	return false
}

// needsAssignee reports the statuses in which a technician must be
// assigned.
func needsAssignee(s Status) bool { return s == Assigned || s == InProgress || s == WaitingOnCustomer }

// Transition moves the ticket to status to, for the staff member or
// system by, at the instant at, with an optional note (recorded in the
// audit history). A transition to in-progress, waiting-on-customer or
// resolved is the provider's first response if none came before
// (RespondedAt); resolved sets ResolvedAt, closed ClosedAt, and reopened
// clears both.
//
// Staff may reopen a closed ticket however long ago it was closed; the
// reopen window only limits what a customer's reply does (Reply).
//
// It returns a *ValidationError for an invalid actor, a zero at or one
// before the ticket's last change, or a note that is too long; an
// *AccessDeniedError (ManageTickets) when by is a contact; and a
// *TransitionError when the table does not allow the transition or its
// condition fails. On error the ticket is unchanged.
func (t *Ticket) Transition(to Status, by Actor, at time.Time, note string) error {
	if err := firstOf(
		t.checkChange(by, at),
		checkText("Note", note, maxLineLen, false, false),
		requireStaff(by, "change a ticket's status"),
	); err != nil {
		return err
	}
	return t.transition(to, by, at, note)
}

// transition checks the table and the conditions and applies the change;
// the caller has checked actor and instant.
func (t *Ticket) transition(to Status, by Actor, at time.Time, note string) error {
	from := t.Status
	if !CanTransition(from, to) {
		return &TransitionError{Number: t.Number, From: from, To: to}
	}
	if needsAssignee(to) && t.AssigneeID == "" {
		return &TransitionError{Number: t.Number, From: from, To: to, Reason: "no technician is assigned"}
	}
	t.Status = to
	switch to {
	case InProgress, WaitingOnCustomer:
		t.markResponded(at)
	case Resolved:
		t.markResponded(at)
		t.ResolvedAt = at
	case Closed:
		t.ClosedAt = at
	case Reopened:
		t.ResolvedAt, t.ClosedAt = time.Time{}, time.Time{}
	}
	t.record(at, by, ActionStatus, from.String(), to.String(), note)
	return nil
}

func (t *Ticket) markResponded(at time.Time) {
	if t.RespondedAt.IsZero() {
		t.RespondedAt = at
	}
}

// Assign makes technicianID (the host's ID) the ticket's technician. A new,
// reopened or in-progress ticket becomes assigned (in progress: handed
// over to another technician); an assigned or waiting ticket keeps its
// status and changes hands.
//
// It returns a *ValidationError for an invalid actor, instant or
// technician ID, an *AccessDeniedError (ManageTickets) when by is a
// contact, and a *TransitionError for a resolved or closed ticket or when
// technicianID is already assigned. On error the ticket is unchanged.
func (t *Ticket) Assign(technicianID string, by Actor, at time.Time) error {
	if err := firstOf(
		t.checkChange(by, at),
		checkID("technicianID", technicianID),
		requireStaff(by, "assign technicians"),
	); err != nil {
		return err
	}
	switch {
	case !t.Status.IsOpen():
		return &TransitionError{Number: t.Number, From: t.Status, To: t.Status, Reason: "a " + t.Status.String() + " ticket cannot be assigned"}
	case t.AssigneeID == technicianID:
		return &TransitionError{Number: t.Number, From: t.Status, To: t.Status, Reason: technicianID + " is already assigned"}
	}
	before := *t
	previous := t.AssigneeID
	t.AssigneeID = technicianID
	t.record(at, by, ActionAssigned, previous, technicianID, "")
	if t.Status == New || t.Status == Reopened || t.Status == InProgress {
		if err := t.transition(Assigned, by, at, ""); err != nil {
			*t = before
			return err
		}
	}
	return nil
}

// Escalate records an escalation by the service team: the level goes
// up by one, with the reason in the audit history. Escalation does not
// change the status.
//
// It returns a *ValidationError for an invalid actor or instant or an
// empty reason, an *AccessDeniedError (ManageTickets) when by is a
// contact, and a *TransitionError for a resolved or closed ticket. On
// error the ticket is unchanged.
func (t *Ticket) Escalate(reason string, by Actor, at time.Time) error {
	if err := firstOf(
		t.checkChange(by, at),
		checkText("reason", reason, maxLineLen, true, false),
		requireStaff(by, "escalate"),
	); err != nil {
		return err
	}
	if !t.Status.IsOpen() {
		return &TransitionError{Number: t.Number, From: t.Status, To: t.Status, Reason: "a " + t.Status.String() + " ticket cannot be escalated"}
	}
	t.Escalation++
	t.record(at, by, ActionEscalated, strconv.Itoa(t.Escalation-1), strconv.Itoa(t.Escalation), reason)
	return nil
}

// SetPriority changes the ticket's priority, with an optional reason. The
// SLA clocks follow the policy of the new priority from then on, over the
// whole history.
//
// It returns a *ValidationError for an invalid actor, instant or
// priority, or the priority the ticket already has, and an
// *AccessDeniedError (ManageTickets) when by is a contact. On error the
// ticket is unchanged.
func (t *Ticket) SetPriority(p Priority, by Actor, at time.Time, reason string) error {
	if err := firstOf(
		t.checkChange(by, at),
		checkText("reason", reason, maxLineLen, false, false),
		requireStaff(by, "change priorities"),
	); err != nil {
		return err
	}
	if !p.IsValid() {
		return invalid("Priority", "%s is not a priority", p)
	}
	if p == t.Priority {
		return invalid("Priority", "is %s already", p)
	}
	from := t.Priority
	t.Priority = p
	t.record(at, by, ActionPriority, from.String(), p.String(), reason)
	return nil
}

// AddParticipant lets address write to the ticket by mail: a colleague of
// the reporter, an external supplier in copy. Replies from an address that
// is neither a participant nor a contact of the ticket's customer are
// rejected (see Desk.IntakeMail).
//
// It returns a *ValidationError for an invalid actor or instant or an
// address that is not a bare e-mail address, or one that is a
// participant already, and an *AccessDeniedError (ManageTickets) when by
// is a contact. On error the ticket is unchanged.
func (t *Ticket) AddParticipant(address string, by Actor, at time.Time) error {
	if err := firstOf(t.checkChange(by, at), requireStaff(by, "add participants")); err != nil {
		return err
	}
	addr, ok := normalizeAddress(address)
	if !ok {
		return invalid("address", "is not an e-mail address")
	}
	if t.HasParticipant(addr) {
		return invalid("address", "%s is a participant already", addr)
	}
	if len(t.Participants) >= maxListLen {
		return invalid("Participants", "has %d addresses already", maxListLen)
	}
	t.Participants = append(t.Participants, addr)
	t.record(at, by, ActionParticipant, "", addr, "")
	return nil
}

// HasParticipant reports whether address (any case, with or without a
// display name) may write to the ticket by mail.
func (t *Ticket) HasParticipant(address string) bool {
	addr, ok := normalizeAddress(address)
	if !ok {
		return false
	}
	for _, p := range t.Participants {
		if p == addr {
			return true
		}
	}
	return false
}

// AddComment adds a comment by staff or a contact. A public comment by
// staff is the provider's first response if none came before. A
// contact's comment is always public and does not move the ticket; use
// Reply for the customer's answer, which does.
//
// It returns a *ValidationError for an invalid comment (see Comment) or
// one dated before the ticket's last change. On error the ticket is
// unchanged.
func (t *Ticket) AddComment(c Comment) error {
	if err := firstOf(t.checkChange(c.By, c.At), c.validate()); err != nil {
		return err
	}
	if c.By.Kind == ActorContact {
		c.Public = true
	}
	if len(t.Comments) >= maxListLen {
		return invalid("Comments", "has %d comments already", maxListLen)
	}
	c = c.clone()
	t.Comments = append(t.Comments, c)
	if c.Public && c.By.Kind == ActorStaff {
		t.markResponded(c.At)
	}
	t.record(c.At, c.By, ActionCommented, "", strconv.Itoa(len(t.Comments)), "")
	return nil
}

// ReplyEffect is what a customer's reply did to a ticket.
type ReplyEffect uint8

const (
	// ReplyCommented: the reply was added as a comment; the status
	// stays.
	ReplyCommented ReplyEffect = iota + 1
	// ReplyResumed: the ticket was waiting on the customer and is in
	// progress again; the SLA clocks run on.
	ReplyResumed
	// ReplyReopened: the ticket was resolved, or closed within the reopen
	// window, and is reopened.
	ReplyReopened
	// ReplyNeedsLink: the ticket was closed longer ago than the reopen
	// window. Nothing was changed; the reply belongs in a new ticket
	// linked to this one.
	ReplyNeedsLink
)

var replyEffectText = enum.Ints[ReplyEffect]("ticket", "ReplyEffect", "", "commented", "resumed", "reopened", "needs-link")

// String returns "commented", "resumed", "reopened" or "needs-link", or
// "ReplyEffect(n)".
func (e ReplyEffect) String() string { return replyEffectText.String(e) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid value.
func (e ReplyEffect) MarshalText() ([]byte, error) {
	return replyEffectText.Marshal(e)
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (e *ReplyEffect) UnmarshalText(b []byte) error {
	return replyEffectText.Unmarshal(e, b)
}

// DefaultReopenWindow is how long after closing a customer's reply still
// reopens a ticket, when the configuration says nothing: 14 days.
const DefaultReopenWindow = 14 * 24 * time.Hour

// Reply applies the customer's answer c, by a contact, to the ticket, with
// the reopen rules:
//
//   - waiting on the customer: the comment is added and the ticket goes
//     back in progress (ReplyResumed);
//   - resolved: the comment is added and the ticket is reopened;
//   - closed at most window ago (0 means DefaultReopenWindow): the same;
//   - closed longer ago: nothing changes and Reply returns ReplyNeedsLink, so
//     that the caller opens a new ticket linked to this one;
//   - otherwise the comment is added (ReplyCommented).
//
// It returns a *ValidationError for an invalid comment, one not by a
// contact, one dated before the ticket's last change, or a negative
// window. On error the ticket is unchanged.
func (t *Ticket) Reply(c Comment, window time.Duration) (ReplyEffect, error) {
	if err := firstOf(t.checkChange(c.By, c.At), c.validate()); err != nil {
		return 0, err
	}
	switch {
	case c.By.Kind != ActorContact:
		return 0, invalid("By.Kind", "a reply is the customer's; staff add comments")
	case window < 0:
		return 0, invalid("window", "is negative")
	case window == 0:
		window = DefaultReopenWindow
	}
	if t.Status == Closed && c.At.Sub(t.ClosedAt) > window {
		return ReplyNeedsLink, nil
	}
	before := *t
	if err := t.AddComment(c); err != nil {
		return 0, err
	}
	effect, next := ReplyCommented, Status(0)
	switch t.Status {
	case WaitingOnCustomer:
		effect, next = ReplyResumed, InProgress
	case Resolved, Closed:
		effect, next = ReplyReopened, Reopened
	}
	if next != 0 {
		if err := t.transition(next, c.By, c.At, "customer replied"); err != nil {
			*t = before
			return 0, err
		}
	}
	return effect, nil
}
