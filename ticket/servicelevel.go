package ticket

import (
	"context"
	"errors"
	"iter"
	"slices"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
	"github.com/deskcore/deskcore/sla"
)

// ClockName names one of a ticket's two SLA clocks (Clocks).
type ClockName uint8

const (
	// ResponseClock runs from receipt to the provider's first response.
	ResponseClock ClockName = iota + 1
	// ResolutionClock runs from receipt to resolution, paused while the
	// ticket waits on the customer.
	ResolutionClock
)

var clockText = enum.Ints[ClockName]("ticket", "ClockName", "", "response", "resolution")

// String returns "response" or "resolution", or "ClockName(n)".
func (c ClockName) String() string { return clockText.String(c) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid clock.
func (c ClockName) MarshalText() ([]byte, error) { return clockText.Marshal(c) }

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (c *ClockName) UnmarshalText(b []byte) error { return clockText.Unmarshal(c, b) }

// ServiceLevelAlert is one SLA clock of one ticket that reached a stage,
// its warning share or its breach, as Desk.WatchServiceLevels recorded
// it on the ticket.
type ServiceLevelAlert struct {
	Ticket Number
	Clock  ClockName
	Event  Event     // EventSLAWarning or EventSLABreach
	Due    time.Time // the clock's deadline, in its calendar's zone
	// At is when the clock reached the stage, and the instant of its
	// audit entry: the deadline for a breach, the moment the warning
	// share was used for a warning; never before the ticket's change
	// before it, so that the history stays in time order, and never
	// later than the watch's instant.
	At time.Time
	// Recipients are the addresses told, the customer's
	// Recipients.ServiceLevels; none when the customer named nobody.
	Recipients []string
}

// ServiceLevelError is Desk.WatchServiceLevels' error about one ticket:
// its customer's agreements could not be read or do not cover it, or its
// update failed. Err says why; other tickets are watched on.
type ServiceLevelError struct {
	Ticket Number
	Err    error
}

// Error implements the error interface.
func (e *ServiceLevelError) Error() string {
	msg := "ticket " + e.Ticket.String() + ": service levels"
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns Err.
func (e *ServiceLevelError) Unwrap() error { return e.Err }

// watcher is the actor of the audit entries the SLA watch records.
var watcher = System("sla-watch")

// errNothingDue ends a store transaction in which the stored ticket has
// no SLA stage left to record: another watcher recorded it, or the ticket
// changed since it was read.
var errNothingDue = errors.New("ticket: no service-level stage due")

// WatchServiceLevels finds the SLA clocks that reached their warning share
// or their deadline by now and tells the customer's Recipients.ServiceLevels
// (EventSLAWarning, EventSLABreach). Run it on a schedule, every few
// minutes; it reads no clock.
//
// It reads the unresolved tickets (Filter.Statuses with Unresolved), and
// for each computes its clocks at now under its customer's agreements,
// which agreements returns (called once per customer and run). A clock
// that runs or is paused, warns or is breached, and whose stage is not
// yet on the ticket, gets the stage recorded in the ticket's audit
// history (ActionServiceLevel, by System("sla-watch")) and its
// notifications written to the outbox, in one Store.Update. The stages
// are decided again on the stored ticket inside the transaction, so
// watchers racing each other tell everyone once. A stage is dated when
// the clock reached it (ServiceLevelAlert.At), not when the watch saw it,
// so that a reply received in between still fits into the history after
// it.
//
// Each clock warns once and breaches once per ticket; a clock already
// breached when first seen gets the breach only, not a late warning. A
// clock met or stopped is not reported. A customer for whom agreements
// returns the zero Agreements has no service levels and is skipped; a
// ticket changed after now is left to a later run.
//
// It yields each stage recorded, in ticket order. An error about one
// ticket (its agreements could not be read or do not cover its kind and
// priority, its update failed) is yielded as a *ServiceLevelError with the
// ticket's number, and the watch goes on with the next ticket. A
// *ValidationError for a nil agreements or an invalid now, the Store's
// error while reading the tickets and the context's error end the
// sequence. Ranging over the sequence again runs the watch again.
func (d *Desk) WatchServiceLevels(ctx context.Context, agreements func(ctx context.Context, customerID string) (Agreements, error), now time.Time) iter.Seq2[ServiceLevelAlert, error] {
	return func(yield func(ServiceLevelAlert, error) bool) {
		err := d.ready()
		if err == nil && agreements == nil {
			err = invalid("agreements", "is nil")
		}
		if err == nil {
			err = checkInstant("now", now)
		}
		if err != nil {
			yield(ServiceLevelAlert{}, err)
			return
		}
		type lookup struct {
			a   Agreements
			err error
		}
		known := map[string]lookup{}
		for t, err := range d.store.Tickets(ctx, Filter{Statuses: Unresolved()}) {
			if err == nil {
				err = ctx.Err()
			}
			if err != nil {
				yield(ServiceLevelAlert{}, err)
				return
			}
			if t.lastChange().After(now) {
				continue
			}
			found, ok := known[t.CustomerID]
			if !ok {
				found.a, found.err = agreements(ctx, t.CustomerID)
				known[t.CustomerID] = found
			}
			var alerts []ServiceLevelAlert
			err := found.err
			if err == nil && !found.a.isZero() {
				alerts, err = d.recordServiceLevels(ctx, &t, &found.a, now)
			}
			if err != nil {
				if ctx.Err() != nil {
					yield(ServiceLevelAlert{}, ctx.Err())
					return
				}
				if !yield(ServiceLevelAlert{}, &ServiceLevelError{Ticket: t.Number, Err: err}) {
					return
				}
				continue
			}
			for _, a := range alerts {
				if !yield(a, nil) {
					return
				}
			}
		}
	}
}

// isZero reports whether a is the zero Agreements: no policy at all.
func (a *Agreements) isZero() bool { return len(a.Default.Policies) == 0 && len(a.ByKind) == 0 }

// recordServiceLevels records the stages due on ticket t, as read, and
// again inside the store's transaction on the stored ticket, with their
// notifications.
func (d *Desk) recordServiceLevels(ctx context.Context, read *Ticket, a *Agreements, now time.Time) ([]ServiceLevelAlert, error) {
	due, err := dueStages(a, read, now)
	if err != nil || len(due) == 0 {
		return nil, err
	}
	var out []ServiceLevelAlert
	_, err = d.store.Update(ctx, read.Number, func(t *Ticket) ([]Notification, error) {
		out = out[:0] // fn may run again
		if t.CustomerID != read.CustomerID || !slices.Contains(Unresolved(), t.Status) || t.lastChange().After(now) {
			return nil, errNothingDue // changed since it was read: the next run looks again
		}
		due, err := dueStages(a, t, now)
		if err != nil {
			return nil, err
		}
		if len(due) == 0 {
			return nil, errNothingDue
		}
		to, err := d.dir.Recipients(ctx, t.CustomerID)
		if err != nil {
			return nil, err
		}
		n := notifier{domain: d.cfg.Mail.Domain, to: to}
		var notes []Notification
		for _, s := range due {
			t.record(s.At, watcher, ActionServiceLevel, s.Clock.String(), s.Event.String(), s.Due.Format(time.RFC3339))
			sent := n.serviceLevel(t, s)
			for _, note := range sent {
				s.Recipients = append(s.Recipients, note.Recipient)
			}
			notes = append(notes, sent...)
			out = append(out, s)
		}
		return notes, nil
	})
	if errors.Is(err, errNothingDue) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// dueStages returns the stages of t's clocks at now that t's audit does
// not record yet: a breach, else a warning, of each clock that runs or is
// paused, each with the instant the clock reached it.
func dueStages(a *Agreements, t *Ticket, now time.Time) ([]ServiceLevelAlert, error) {
	c, err := a.Clocks(*t, now)
	if err != nil {
		return nil, err
	}
	last := t.lastChange()
	var before *Clocks // at the last change, for the instant of a warning
	var out []ServiceLevelAlert
	for _, k := range [...]struct {
		name ClockName
		has  bool
		st   *sla.Status
	}{{ResponseClock, c.HasResponse, &c.Response}, {ResolutionClock, c.HasResolution, &c.Resolution}} {
		if !k.has || (k.st.State != sla.Running && k.st.State != sla.Paused) {
			continue
		}
		var e Event
		switch {
		case k.st.Breached:
			e = EventSLABreach
		case k.st.Warning:
			e = EventSLAWarning
		default:
			continue
		}
		if t.recordedServiceLevel(k.name, e) {
			continue
		}
		at := k.st.Due
		if e == EventSLAWarning {
			if before == nil {
				b, err := a.Clocks(*t, last)
				if err != nil {
					return nil, err
				}
				before = &b
			}
			// Nothing that moves a clock happened since the last change,
			// so the clock then says when the warning turned on after it;
			// one in warning then turned it on before.
			at = before.Response.WarnAt
			if k.name == ResolutionClock {
				at = before.Resolution.WarnAt
			}
		}
		if at.Before(last) {
			at = last
		}
		if at.After(now) {
			at = now
		}
		out = append(out, ServiceLevelAlert{Ticket: t.Number, Clock: k.name, Event: e, Due: k.st.Due, At: at})
	}
	return out, nil
}

// recordedServiceLevel reports whether t's audit records event e of clock
// c.
func (t *Ticket) recordedServiceLevel(c ClockName, e Event) bool {
	clock, event := c.String(), e.String()
	return slices.ContainsFunc(t.Audit, func(a AuditEntry) bool {
		return a.Action == ActionServiceLevel && a.From == clock && a.To == event
	})
}

// serviceLevel returns the notifications of stage s of one of t's clocks
// to the customer's service-level recipients, minting a Message-ID for
// each. Addresses that are not e-mail addresses are skipped and
// duplicates merged.
func (n notifier) serviceLevel(t *Ticket, s ServiceLevelAlert) []Notification {
	var out []Notification
	for _, r := range n.to.ServiceLevels {
		addr, ok := normalizeAddress(r)
		if !ok || slices.ContainsFunc(out, func(o Notification) bool { return o.Recipient == addr }) {
			continue
		}
		out = append(out, Notification{
			Event: s.Event, Ticket: t.Number, CustomerID: t.CustomerID, Recipient: addr, Template: s.Event.Template(),
			MessageID: n.mint(t), To: t.Status, At: s.At, Clock: s.Clock, Due: s.Due,
		})
	}
	return out
}
