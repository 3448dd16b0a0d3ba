package ticket

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
)

// Number is a ticket's human-readable number, unique per provider, drawn
// from the store's sequence when the ticket is created. The zero Number
// is no number: a ticket not yet stored. Its text form is the decimal
// number, "4711".
type Number uint64

// maxNumberDigits keeps every Number's text form inside a uint64.
const maxNumberDigits = 18

// ParseNumber reads a ticket number: 1 to 18 ASCII digits (leading zeros
// allowed, as people type them) with a value above 0. It returns a
// *ValidationError for anything else, signs and spaces included.
func ParseNumber(s string) (Number, error) {
	if len(s) == 0 || len(s) > maxNumberDigits {
		return 0, invalid("Number", "must be 1 to %d digits", maxNumberDigits)
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, invalid("Number", "must be digits only")
		}
		n = n*10 + uint64(c-'0')
	}
	if n == 0 {
		return 0, invalid("Number", "must be above 0")
	}
	return Number(n), nil
}

// String returns the decimal number, "0" for the zero Number.
func (n Number) String() string { return strconv.FormatUint(uint64(n), 10) }

// IsZero reports whether n is the zero Number.
func (n Number) IsZero() bool { return n == 0 }

// MarshalText implements encoding.TextMarshaler with the String form.
func (n Number) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseNumber.
func (n *Number) UnmarshalText(b []byte) error {
	v, err := ParseNumber(string(b))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// Ticket is one piece of work for a customer: what it is, how it came in,
// where it stands, who works on it, and everything that happened to it.
//
// Change a ticket through its methods (Transition, Assign, Escalate,
// SetPriority, AddComment, Reply, AddParticipant): each checks the rules,
// appends to Audit, and on error leaves the ticket unchanged. The store
// owns Number and Version. A Ticket holds slices; Clone makes an
// independent copy.
type Ticket struct {
	Number  Number // from the store's sequence
	Version int64  // the store's, one more with every committed change

	CustomerID string   // the host's customer ID
	ContactID  string   // the reporting contact, "" for monitoring, schedule and goods receipt
	Kind       Kind     // what it is about
	Channel    Channel  // how it came in
	Priority   Priority // how urgent; selects the SLA policy
	Status     Status   // where it stands in the lifecycle

	Subject     string       // one line
	Description string       // the report's text
	Attachments []Attachment // sent with the report: screenshots and the like

	// Received is when the report reached the desk: the mail arrived, the
	// call was taken, the alert was raised. The SLA clocks start here.
	Received time.Time

	AssigneeID  string    // the technician, a host ID; "" while unassigned
	Escalation  int       // escalation level, 0 when never escalated
	RespondedAt time.Time // the provider's first response; zero before it
	ResolvedAt  time.Time // when last resolved; zero unless resolved or closed
	ClosedAt    time.Time // when closed; zero unless closed

	// LinkedTo is the ticket this one continues: a customer replied to it
	// after it had been closed longer than the reopen window.
	LinkedTo Number

	// Participants are the e-mail addresses, lower case, besides the
	// customer's contacts, from which replies are accepted: the reporter
	// and anyone staff added.
	Participants []string

	// MessageIDs are the Message-IDs of the mails the desk sent about the
	// ticket (confirmation, notifications), without angle brackets. A
	// reply threads by them only if they are here.
	MessageIDs []string

	// IdempotencyKey identifies the event that created the ticket, so that
	// it creates one ticket however often it is delivered: "mail:<id>",
	// "maintenance:...", "receipt:<id>". Unique over all tickets; "" for
	// none.
	IdempotencyKey string

	// AlertKey identifies a monitored sensor's problem (see Alert.Key).
	// Unique over the tickets that are not closed, so that repeated
	// alerts update the open ticket instead of opening another.
	AlertKey    string
	AlertCount  int       // alerts of the sensor counted on this ticket
	LastAlertAt time.Time // the latest of them

	// DueDate is the business day a maintenance ticket is due on; zero
	// for other kinds.
	DueDate date.Date

	Comments []Comment    // replies and notes, oldest first
	Audit    []AuditEntry // every change, oldest first
}

// Clone returns a copy of t that shares no memory with it.
func (t Ticket) Clone() Ticket {
	t.Attachments = slices.Clone(t.Attachments)
	t.Participants = slices.Clone(t.Participants)
	t.MessageIDs = slices.Clone(t.MessageIDs)
	t.Comments = slices.Clone(t.Comments)
	for i := range t.Comments {
		t.Comments[i] = t.Comments[i].clone()
	}
	t.Audit = slices.Clone(t.Audit)
	return t
}

// Attachment refers to a file the host stored, such as a screenshot. The
// library keeps only the reference.
type Attachment struct {
	// Name is the file name, e.g. "fehler.png". The mail intake stores a
	// safe base name: no directories, no control characters, never "."
	// or "..", so a host may use it to name a file.
	Name        string
	Ref         string // the host's storage reference
	ContentType string // e.g. "image/png"; optional
	Size        int64  // bytes; 0 when unknown
	// SentName is the name as a mail gave it, when that was not a safe
	// base name ("../../etc/passwd\r\n"), with control characters and
	// invalid UTF-8 escaped as in a Go string: for display only, never
	// for naming a file. Empty when Name is the name as sent.
	SentName string
}

func (a Attachment) validate(field string) error {
	return firstOf(
		checkText(field+".Name", a.Name, maxLineLen, true, false),
		checkText(field+".Ref", a.Ref, maxKeyLen, true, false),
		checkText(field+".ContentType", a.ContentType, maxLineLen, false, false),
		checkText(field+".SentName", a.SentName, maxLineLen, false, false),
		unless(a.Size >= 0, field+".Size", "is negative"),
	)
}

func validateAttachments(field string, as []Attachment) error {
	if len(as) > maxListLen {
		return invalid(field, "has more than %d attachments", maxListLen)
	}
	for i, a := range as {
		if err := a.validate(fmt.Sprintf("%s[%d]", field, i)); err != nil {
			return err
		}
	}
	return nil
}

// unless returns a *ValidationError for field if ok is false.
func unless(ok bool, field, format string, args ...any) error {
	if ok {
		return nil
	}
	return invalid(field, format, args...)
}

// Comment is a message on a ticket: the customer's reply, a technician's
// note, a screenshot.
type Comment struct {
	At          time.Time    // when it was written or received
	By          Actor        // who wrote it
	Body        string       // may be empty when there are attachments
	Public      bool         // visible to the customer; always true for a contact's comment
	Channel     Channel      // how it arrived (Email, Portal, Phone); 0 when not said
	Attachments []Attachment // screenshots and other files, by reference

	// MessageID is the Message-ID of the mail that brought the comment,
	// without angle brackets, so that a mail delivered twice is threaded
	// once.
	MessageID string
}

// validate checks a comment: a valid actor and instant, a body or at
// least one file, valid attachments and channel.
func (c Comment) validate() error {
	return firstOf(
		validateActor("By", c.By),
		checkInstant("At", c.At),
		checkText("Body", c.Body, maxTextLen, len(c.Attachments) == 0, true),
		unless(c.Channel == 0 || c.Channel.IsValid(), "Channel", "%s is not a channel", c.Channel),
		checkText("MessageID", c.MessageID, maxKeyLen, false, false),
		validateAttachments("Attachments", c.Attachments),
	)
}

func (c Comment) clone() Comment {
	c.Attachments = slices.Clone(c.Attachments)
	return c
}

// Draft is a ticket before it is stored: what the intake knows. NewTicket
// checks it and turns it into a Ticket in status New.
type Draft struct {
	CustomerID  string       // required
	ContactID   string       // the reporting contact, if any
	Kind        Kind         // required
	Channel     Channel      // required
	Priority    Priority     // 0 means Normal
	Subject     string       // required: one line
	Description string       // the report's text; may span lines
	Attachments []Attachment // files sent with the report
	Received    time.Time    // required

	Participants   []string  // e-mail addresses that may reply, e.g. the reporter's
	IdempotencyKey string    // see Ticket.IdempotencyKey
	AlertKey       string    // see Ticket.AlertKey
	LinkedTo       Number    // the closed ticket this one continues, if any
	DueDate        date.Date // for maintenance: the business day it is due
}

// NewTicket checks d and returns the ticket it describes, in status New,
// with its creation (and link, if any) in the audit history, by the
// actor by at d.Received. It has no Number yet: the store assigns it.
//
// It returns a *ValidationError for a missing or invalid field: customer,
// kind, channel, subject, receipt instant, an invalid priority,
// attachment, participant address or key, or an invalid actor.
func NewTicket(d Draft, by Actor) (Ticket, error) {
	if d.Priority == 0 {
		d.Priority = Normal
	}
	if err := firstOf(
		validateActor("By", by),
		checkID("CustomerID", d.CustomerID),
		checkOptionalID("ContactID", d.ContactID),
		unless(d.Kind.IsValid(), "Kind", "%s is not a kind", d.Kind),
		unless(d.Channel.IsValid(), "Channel", "%s is not a channel", d.Channel),
		unless(d.Priority.IsValid(), "Priority", "%s is not a priority", d.Priority),
		checkText("Subject", d.Subject, maxLineLen, true, false),
		checkText("Description", d.Description, maxTextLen, false, true),
		validateAttachments("Attachments", d.Attachments),
		checkInstant("Received", d.Received),
		checkText("IdempotencyKey", d.IdempotencyKey, maxKeyLen, false, false),
		checkText("AlertKey", d.AlertKey, maxKeyLen, false, false),
		unless(len(d.Participants) <= maxListLen, "Participants", "has more than %d addresses", maxListLen),
	); err != nil {
		return Ticket{}, err
	}
	t := Ticket{
		CustomerID: d.CustomerID, ContactID: d.ContactID,
		Kind: d.Kind, Channel: d.Channel, Priority: d.Priority, Status: New,
		Subject: d.Subject, Description: d.Description, Attachments: slices.Clone(d.Attachments),
		Received: d.Received, LinkedTo: d.LinkedTo,
		IdempotencyKey: d.IdempotencyKey, AlertKey: d.AlertKey, DueDate: d.DueDate,
	}
	for i, p := range d.Participants {
		addr, ok := normalizeAddress(p)
		if !ok {
			return Ticket{}, invalid(fmt.Sprintf("Participants[%d]", i), "is not an e-mail address")
		}
		if !slices.Contains(t.Participants, addr) {
			t.Participants = append(t.Participants, addr)
		}
	}
	t.record(d.Received, by, ActionCreated, "", New.String(), "")
	if d.LinkedTo != 0 {
		t.record(d.Received, by, ActionLinked, "", d.LinkedTo.String(), "continues a closed ticket")
	}
	return t, nil
}
