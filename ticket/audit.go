package ticket

import (
	"net/mail"
	"strings"
	"time"

	"github.com/deskcore/deskcore/internal/enum"

	"github.com/deskcore/deskcore/actor"
)

// ActorKind says on which side someone acts: actor.Kind. A ticket's
// actors always have one.
type ActorKind = actor.Kind

// The kinds of actor.
const (
	// ActorStaff is the provider's staff: service team, dispatching,
	// technicians, monitoring team, materials management.
	ActorStaff = actor.Staff
	// ActorContact is a customer's employee, in the portal or by mail,
	// or a mail participant the ticket knows only by address.
	ActorContact = actor.Contact
	// ActorSystem is automation: mail intake, monitoring rules, the
	// maintenance schedule. Actor.ID names the subsystem.
	ActorSystem = actor.System
)

// Actor is who does something: actor.Actor, the one actor type of every
// deskcore package. A ticket's actor has a Kind and an ID, the host's ID
// of the staff member or contact or the name of a subsystem
// ("mail-intake"); the ID may be empty only for a contact known by
// Address alone (lower case): a mail participant who is not in the host's
// directory.
type Actor = actor.Actor

// System returns the actor for automation named name, such as
// "mail-intake" or "monitoring".
func System(name string) Actor { return Actor{Kind: ActorSystem, ID: name} }

// Staff returns the actor for the staff member with the host's ID id.
func Staff(id string) Actor { return Actor{Kind: ActorStaff, ID: id} }

func validateActor(field string, a Actor) error {
	if a.Kind < ActorStaff || a.Kind > ActorSystem {
		return invalid(field+".Kind", "must be staff, contact or system")
	}
	if a.Address != "" {
		if err := checkAddress(field+".Address", a.Address); err != nil {
			return err
		}
	}
	if a.ID == "" && a.Kind == ActorContact && a.Address != "" {
		return nil
	}
	return checkID(field+".ID", a.ID)
}

// checkAddress accepts a bare e-mail address in lower case, as
// normalizeAddress returns it.
func checkAddress(field, s string) error {
	n, ok := normalizeAddress(s)
	if !ok || n != s {
		return invalid(field, "is not a bare lower-case e-mail address")
	}
	return nil
}

// normalizeAddress reads an address as a host may pass it ("a@b.de",
// "Anna <A@B.de>") and returns the bare address in lower case. Case is
// folded in the local part too: mailbox providers treat it so, and a
// stranger must not pass as another sender by case alone.
func normalizeAddress(s string) (string, bool) {
	if len(s) > 320 {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", false
	}
	addr := strings.ToLower(a.Address)
	if checkChars("", addr, false) != nil || strings.ContainsAny(addr, " <>\"") {
		return "", false
	}
	if addr == s {
		return addr, true // bare and lower case already: the common case
	}
	// A quoted local part ("a b"@x) comes back unquoted, and is then no
	// address: keep only results that stand as an address themselves.
	if b, err := mail.ParseAddress(addr); err != nil || b.Address != addr || b.Name != "" {
		return "", false
	}
	return addr, true
}

// Action names what an audit entry records.
type Action uint8

const (
	// ActionCreated: the ticket was opened. To is its status.
	ActionCreated Action = iota + 1
	// ActionStatus: the status changed, From -> To.
	ActionStatus
	// ActionAssigned: the technician changed, From -> To (host IDs).
	ActionAssigned
	// ActionEscalated: the service team escalated; To is the new level,
	// Note the reason.
	ActionEscalated
	// ActionPriority: the priority changed, From -> To.
	ActionPriority
	// ActionCommented: a comment was added; To is its position ("3").
	ActionCommented
	// ActionParticipant: an address may now write to the ticket (To).
	ActionParticipant
	// ActionLinked: the ticket continues another one (To is its number).
	ActionLinked
	// ActionAlert: the sensor alerted again or recovered; To is the alert
	// count or "recovered".
	ActionAlert
	// ActionServiceLevel: an SLA clock reached its warning share or
	// missed its deadline, and the desk told the customer's recipients
	// (Desk.WatchServiceLevels). From is the clock ("response",
	// "resolution"), To the event ("sla-warning", "sla-breach"), Note the
	// deadline in RFC 3339.
	ActionServiceLevel
)

var actionText = enum.Ints[Action]("ticket", "Action", "", "created", "status", "assigned", "escalated", "priority", "commented", "participant", "linked", "alert", "service-level")

// String returns the action's name ("created", "status", "assigned",
// "escalated", "priority", "commented", "participant", "linked",
// "alert", "service-level"), or "Action(n)".
func (a Action) String() string { return actionText.String(a) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid action.
func (a Action) MarshalText() ([]byte, error) { return actionText.Marshal(a) }

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (a *Action) UnmarshalText(b []byte) error {
	return actionText.Unmarshal(a, b)
}

// AuditEntry is one change of a ticket: who, when, what, from what to
// what. Entries are appended by the Ticket's methods, never edited,
// and in time order (equal instants allowed). From and To are text forms:
// Status.String, Priority.String, host IDs.
type AuditEntry struct {
	At     time.Time // when the change happened
	By     Actor     // who made it
	Action Action    // what kind of change
	From   string    // the value before, as text; "" when there was none
	To     string    // the value after, as text
	Note   string    // the reason or remark given with the change
}

// lastChange is the instant of the ticket's latest audit entry, or its
// receipt when it has none.
func (t *Ticket) lastChange() time.Time {
	if n := len(t.Audit); n > 0 {
		return t.Audit[n-1].At
	}
	return t.Received
}

// record appends an audit entry.
func (t *Ticket) record(at time.Time, by Actor, action Action, from, to, note string) {
	t.Audit = append(t.Audit, AuditEntry{At: at, By: by, Action: action, From: from, To: to, Note: note})
}

// checkChange is what every change requires: a valid actor and an instant
// that does not go back before the ticket's last change, because the SLA
// clocks read the history in time order.
func (t *Ticket) checkChange(by Actor, at time.Time) error {
	if err := validateActor("By", by); err != nil {
		return err
	}
	if err := checkInstant("At", at); err != nil {
		return err
	}
	if last := t.lastChange(); at.Before(last) {
		return invalid("At", "%s is before the ticket's last change at %s", at.Format(time.RFC3339), last.Format(time.RFC3339))
	}
	return nil
}

// requireStaff refuses contacts the actions that belong to the provider.
func requireStaff(by Actor, what string) error {
	if by.Kind == ActorContact {
		return &AccessDeniedError{Actor: by, Permission: ManageTickets, Reason: "only the provider's staff " + what}
	}
	return nil
}
