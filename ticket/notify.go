package ticket

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Event is what a notification tells its recipient.
type Event uint8

const (
	// EventCreated: a ticket was opened for the customer; told to
	// those the customer named at onboarding for new tickets.
	EventCreated Event = iota + 1
	// EventStatusChanged: a ticket's status changed; told to those
	// named for status changes.
	EventStatusChanged
	// EventConfirmation: the confirmation to the sender of a mail that
	// opened a ticket, with its number and received timestamp.
	EventConfirmation
	// EventSLAWarning: one of the ticket's SLA clocks (Notification.Clock)
	// has used its warning share of the time allowed; the deadline
	// (Notification.Due) is near.
	EventSLAWarning
	// EventSLABreach: one of the ticket's SLA clocks missed its deadline.
	EventSLABreach
)

var eventText = enum.Ints[Event]("ticket", "Event", "", "created", "status-changed", "confirmation", "sla-warning", "sla-breach")

// String returns "created", "status-changed", "confirmation",
// "sla-warning" or "sla-breach", or "Event(n)".
func (e Event) String() string { return eventText.String(e) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid event.
func (e Event) MarshalText() ([]byte, error) { return eventText.Marshal(e) }

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (e *Event) UnmarshalText(b []byte) error {
	return eventText.Unmarshal(e, b)
}

// Template returns the template key a host renders the notification
// with: "ticket." and the event's name, e.g. "ticket.status-changed".
func (e Event) Template() string { return "ticket." + e.String() }

// Notification is one mail the host is to send: the library decides who
// and what, the host renders the template and delivers it. It is
// written to the store's outbox in the same transaction as the change
// that caused it, so none is lost between the commit and the send.
type Notification struct {
	ID         uint64 // the outbox's, assigned when stored
	Event      Event  // what it tells
	Ticket     Number // the ticket it is about; set by the store
	CustomerID string // the ticket's customer
	Recipient  string // e-mail address, lower case
	Template   string // Event.Template()
	// MessageID is the Message-ID the host sends the mail with (without
	// angle brackets). It is recorded on the ticket, so that a reply to
	// the mail threads into it.
	MessageID string
	From, To  Status    // for EventStatusChanged; To is the status after the change for the others
	At        time.Time // when the change happened; for the SLA events when the clock reached the stage

	// Clock is the SLA clock of an EventSLAWarning or EventSLABreach, and
	// Due its deadline in the calendar's zone, so the host can write
	// "resolution due Fri 29 May 17:00". Zero for the other events.
	Clock ClockName
	Due   time.Time
}

// Recipients are who a customer named at onboarding to get mail on new
// tickets and on status changes, and who is told when a ticket's SLA
// clock nears or misses its deadline. The zero
// Recipients notifies nobody.
type Recipients struct {
	NewTickets    []string // e-mail addresses
	StatusChanges []string // e-mail addresses
	// ServiceLevels get EventSLAWarning and EventSLABreach: the service
	// team's mailbox, the customer's account manager.
	ServiceLevels []string
}

// notifier turns the audit entries a change appended into notifications.
type notifier struct {
	domain string // the right-hand side of minted Message-IDs
	to     Recipients
}

// notify returns the notifications for t's audit entries from index
// since on, and for a ticket opened by mail the confirmation to confirm
// (an address, or ""), minting a Message-ID for each and recording it on
// t. Addresses that are not e-mail addresses are skipped, duplicates
// merged, and the confirmed sender gets no second mail about the new
// ticket.
func (n notifier) notify(t *Ticket, since int, confirm string) []Notification {
	var out []Notification
	confirmed, _ := normalizeAddress(confirm)
	add := func(e Event, recipient string, from, to Status, at time.Time) {
		addr, ok := normalizeAddress(recipient)
		switch {
		case !ok, e == EventCreated && addr == confirmed:
			return
		case slices.ContainsFunc(out, func(o Notification) bool {
			return o.Event == e && o.Recipient == addr && o.From == from && o.To == to && o.At.Equal(at)
		}):
			return
		}
		out = append(out, Notification{
			Event: e, Ticket: t.Number, CustomerID: t.CustomerID, Recipient: addr, Template: e.Template(),
			MessageID: n.mint(t), From: from, To: to, At: at,
		})
	}
	for _, e := range t.Audit[since:] {
		switch e.Action {
		case ActionCreated:
			if confirmed != "" {
				add(EventConfirmation, confirmed, 0, New, e.At)
			}
			for _, r := range n.to.NewTickets {
				add(EventCreated, r, 0, New, e.At)
			}
		case ActionStatus:
			from, _ := ParseStatus(e.From)
			to, _ := ParseStatus(e.To)
			for _, r := range n.to.StatusChanges {
				add(EventStatusChanged, r, from, to, e.At)
			}
		}
	}
	return out
}

// mint returns a new Message-ID for a mail about t and records it on t:
// "t<number>.<k>@<domain>", k counting the ticket's mails.
func (n notifier) mint(t *Ticket) string {
	id := "t" + t.Number.String() + "." + strconv.Itoa(len(t.MessageIDs)+1) + "@" + n.domain
	t.MessageIDs = append(t.MessageIDs, id)
	return id
}

// parseOurMessageID reads a Message-ID the desk minted for domain, with or
// without angle brackets and surrounding space, and returns the ticket
// number in it; ok is false for any other Message-ID.
func parseOurMessageID(id, domain string) (n Number, ok bool) {
	id = strings.TrimSpace(id)
	id = strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	at := strings.LastIndexByte(id, '@')
	if at < 0 || !strings.EqualFold(id[at+1:], domain) || len(id) < 2 || (id[0] != 't' && id[0] != 'T') {
		return 0, false
	}
	local := id[1:at]
	dot := strings.IndexByte(local, '.')
	if dot < 0 {
		return 0, false
	}
	num, err := ParseNumber(local[:dot])
	if err != nil {
		return 0, false
	}
	if _, err := ParseNumber(local[dot+1:]); err != nil {
		return 0, false
	}
	return num, true
}

// canonicalMessageID strips angle brackets and space from a Message-ID
// and lower-cases its domain, the form kept on tickets and comments.
func canonicalMessageID(id string) string {
	id = strings.TrimSpace(id)
	id = strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	if at := strings.LastIndexByte(id, '@'); at >= 0 {
		id = id[:at+1] + strings.ToLower(id[at+1:])
	}
	return id
}
