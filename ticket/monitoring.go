package ticket

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Severity is how bad a sensor's reading is. The zero Severity is
// invalid.
type Severity uint8

const (
	// SeverityWarning: the sensor leaves its normal range (a disk fills).
	SeverityWarning Severity = iota + 1
	// SeverityCritical: the sensor reports a failure (the backup failed,
	// the virtual server is down).
	SeverityCritical
	// SeverityRecovered: the sensor is back in its normal range.
	SeverityRecovered
)

var severityText = enum.Ints[Severity]("ticket", "Severity", "", "warning", "critical", "recovered")

// String returns "warning", "critical" or "recovered", or "Severity(n)".
func (s Severity) String() string { return severityText.String(s) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid severity.
func (s Severity) MarshalText() ([]byte, error) {
	return severityText.Marshal(s)
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (s *Severity) UnmarshalText(b []byte) error {
	return severityText.Unmarshal(s, b)
}

// Alert is one message of the 24/7 monitoring: a sensor of a
// customer's server or infrastructure deviates from its normal range, or
// recovers.
type Alert struct {
	CustomerID string    // whose sensor it is
	Sensor     string    // the sensor's ID in the monitoring tool, e.g. "srv-dc01/disk-c"
	Problem    string    // what is wrong, e.g. "disk-full", "backup-failed"
	Severity   Severity  // warning, critical or recovered
	Message    string    // the tool's text
	At         time.Time // when the tool raised it
}

func (a Alert) validate() error {
	return firstOf(
		checkID("Alert.CustomerID", a.CustomerID),
		checkText("Alert.Sensor", a.Sensor, maxLineLen, true, false),
		checkText("Alert.Problem", a.Problem, maxLineLen, true, false),
		unless(a.Severity >= SeverityWarning && a.Severity <= SeverityRecovered, "Alert.Severity", "%s is not a severity", a.Severity),
		checkText("Alert.Message", a.Message, maxTextLen, false, true),
		checkInstant("Alert.At", a.At),
	)
}

// Key is the alert's AlertKey: customer, sensor and problem, so that one
// problem of one sensor has one open ticket. The parts are quoted, so
// that no two different alerts share a key.
func (a Alert) Key() string {
	return strconv.Quote(a.CustomerID) + "/" + strconv.Quote(a.Sensor) + "/" + strconv.Quote(a.Problem)
}

// Decision is what qualifying an alert decided.
type Decision uint8

const (
	// DecideTicket: the alert needs a technician; it becomes a ticket, or
	// updates the one its sensor's problem has open.
	DecideTicket Decision = iota + 1
	// DecideIgnore: not worth a ticket (a known, harmless deviation).
	DecideIgnore
	// DecideReview: a person of the monitoring team must qualify it
	// (the service agreement: "durch unser Monitoring-Team qualifiziert"). Nothing is
	// stored; the host queues the alert and calls Desk.Alert again with
	// the person's decision.
	DecideReview
)

var decisionText = enum.Ints[Decision]("ticket", "Decision", "", "ticket", "ignore", "review")

// String returns "ticket", "ignore" or "review", or "Decision(n)".
func (d Decision) String() string { return decisionText.String(d) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid value.
func (d Decision) MarshalText() ([]byte, error) {
	return decisionText.Marshal(d)
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (d *Decision) UnmarshalText(b []byte) error {
	return decisionText.Unmarshal(d, b)
}

// Qualification is the decision on an alert, by the policy or a person.
type Qualification struct {
	Decision Decision // ticket, ignore or review
	Priority Priority // of the ticket; 0 means the policy's default
	By       Actor    // the monitoring team member, or System("monitoring") for the policy
	Note     string   // why; goes into the audit history
}

// MonitorPolicy qualifies alerts automatically. Its zero value: critical
// alerts open tickets at priority High, warnings go to a person, and a
// recovery resolves a ticket no technician has started on.
type MonitorPolicy struct {
	// Qualify decides on a warning or critical alert; nil means the
	// default above. A Qualification without By is the policy's:
	// System("monitoring").
	Qualify func(Alert) Qualification

	// Priority of tickets the default policy opens; 0 means High.
	Priority Priority

	// KeepOpenOnRecovery leaves tickets open when their sensor recovers;
	// the recovery is only recorded. By default a recovery resolves a
	// ticket that is new, assigned or reopened, and only records itself
	// on one a technician works on or waits with.
	KeepOpenOnRecovery bool
}

func (p MonitorPolicy) normalized() (MonitorPolicy, error) {
	if p.Priority == 0 {
		p.Priority = High
	}
	if !p.Priority.IsValid() {
		return p, invalid("Monitoring.Priority", "%s is not a priority", p.Priority)
	}
	return p, nil
}

// Qualification returns the policy's decision on a: Qualify's, or the
// default.
func (p MonitorPolicy) Qualification(a Alert) Qualification {
	var q Qualification
	switch {
	case p.Qualify != nil:
		q = p.Qualify(a)
	case a.Severity == SeverityCritical:
		q = Qualification{Decision: DecideTicket, Note: "critical alert"}
	default:
		q = Qualification{Decision: DecideReview}
	}
	if q.By.IsZero() {
		q.By = System("monitoring")
	}
	if q.Priority == 0 {
		q.Priority = p.Priority
		if q.Priority == 0 {
			q.Priority = High
		}
	}
	return q
}

// AlertAction is what Desk.Alert did.
type AlertAction uint8

const (
	// AlertOpened: a new ticket for the sensor's problem.
	AlertOpened AlertAction = iota + 1
	// AlertRepeated: the problem's open ticket counted the alert again
	// (and was reopened if it was resolved).
	AlertRepeated
	// AlertResolved: the recovery resolved the problem's ticket.
	AlertResolved
	// AlertRecorded: the recovery was recorded on a ticket kept open.
	AlertRecorded
	// AlertIgnored: qualified as not worth a ticket; nothing stored.
	AlertIgnored
	// AlertNeedsReview: a person must qualify it; nothing stored.
	AlertNeedsReview
	// AlertNoTicket: a recovery for a problem without an open ticket;
	// nothing stored.
	AlertNoTicket
)

var alertActionText = enum.Ints[AlertAction]("ticket", "AlertAction", "", "opened", "repeated", "resolved", "recorded", "ignored", "needs-review", "no-ticket")

// String returns the action's name, such as "repeated", or
// "AlertAction(n)".
func (a AlertAction) String() string { return alertActionText.String(a) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid value.
func (a AlertAction) MarshalText() ([]byte, error) {
	return alertActionText.Marshal(a)
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (a *AlertAction) UnmarshalText(b []byte) error {
	return alertActionText.Unmarshal(a, b)
}

// AlertOutcome is what Desk.Alert did with an alert.
type AlertOutcome struct {
	Action AlertAction // what was done
	Ticket Ticket      // the ticket opened or updated; zero when nothing was stored
}

// Alert processes a monitoring alert qualified by q (from
// Config.Monitoring.Qualification or a person): one ticket
// per sensor and problem, of kind MonitoringAlert from channel
// Monitoring. A repeated alert counts on the problem's open ticket
// (reopening it if resolved) and never opens a duplicate, also when alerts
// race; its priority rises to q's if q's is higher. A recovery resolves
// the ticket or records itself (see MonitorPolicy.KeepOpenOnRecovery),
// whatever q says.
//
// It returns a *ValidationError for an invalid alert or qualification,
// and the errors of the Store and the Directory.
func (d *Desk) Alert(ctx context.Context, a Alert, q Qualification) (AlertOutcome, error) {
	if err := d.ready(); err != nil {
		return AlertOutcome{}, err
	}
	if err := a.validate(); err != nil {
		return AlertOutcome{}, err
	}
	if a.Severity == SeverityRecovered {
		return d.recover(ctx, a)
	}
	if q.Priority == 0 {
		q.Priority = d.cfg.Monitoring.Priority
	}
	if err := firstOf(
		unless(q.Decision >= DecideTicket && q.Decision <= DecideReview, "Qualification.Decision", "%s is not a decision", q.Decision),
		unless(q.Priority.IsValid(), "Qualification.Priority", "%s is not a priority", q.Priority),
		validateActor("Qualification.By", q.By),
		checkText("Qualification.Note", q.Note, maxLineLen, false, false),
	); err != nil {
		return AlertOutcome{}, err
	}
	switch q.Decision {
	case DecideIgnore:
		return AlertOutcome{Action: AlertIgnored}, nil
	case DecideReview:
		return AlertOutcome{Action: AlertNeedsReview}, nil
	}
	key := a.Key()
	// A race with another alert of the same problem ends in a
	// *DuplicateError for one of them, which then finds the other's
	// ticket; a ticket closed in between lets it open anew.
	for attempt := 0; ; attempt++ {
		open, err := d.store.OpenByAlertKey(ctx, key)
		switch {
		case err == nil:
			t, err := d.Update(ctx, open.Number, func(t *Ticket) error { return repeatAlert(t, a, q) })
			if errors.Is(err, errAlertKeyMoved) && attempt < 3 {
				continue
			}
			return AlertOutcome{Action: AlertRepeated, Ticket: t}, err
		case !errors.Is(err, ErrNotFound):
			return AlertOutcome{}, err
		}
		t, err := NewTicket(Draft{
			CustomerID: a.CustomerID, Kind: MonitoringAlert, Channel: ChannelMonitoring, Priority: q.Priority,
			Subject: oneLine(a.Sensor+": "+a.Problem, maxSubjectLen), Description: a.Message,
			Received: a.At, AlertKey: key,
		}, q.By)
		if err != nil {
			return AlertOutcome{}, err
		}
		t.AlertCount, t.LastAlertAt = 1, a.At
		if q.Note != "" {
			t.Audit[0].Note = q.Note
		}
		t, err = d.create(ctx, t, "")
		var dup *DuplicateError
		if errors.As(err, &dup) && dup.Field == "AlertKey" && attempt < 3 {
			continue
		}
		return AlertOutcome{Action: AlertOpened, Ticket: t}, err
	}
}

// errAlertKeyMoved reports that the ticket found open for an alert key
// was closed before the update reached it.
var errAlertKeyMoved = fmt.Errorf("ticket: the alert's ticket was closed meanwhile: %w", ErrConflict)

// repeatAlert counts alert a on the open ticket t of its problem.
func repeatAlert(t *Ticket, a Alert, q Qualification) error {
	if t.Status == Closed || t.AlertKey != a.Key() {
		return errAlertKeyMoved
	}
	at := a.At
	if last := t.lastChange(); at.Before(last) {
		at = last // alerts may arrive out of order; the history may not
	}
	if err := t.checkChange(q.By, at); err != nil {
		return err
	}
	t.AlertCount++
	if t.LastAlertAt.Before(a.At) {
		t.LastAlertAt = a.At
	}
	t.record(at, q.By, ActionAlert, strconv.Itoa(t.AlertCount-1), strconv.Itoa(t.AlertCount), strings.TrimSpace(a.Severity.String()+" "+q.Note))
	if q.Priority > t.Priority {
		from := t.Priority
		t.Priority = q.Priority
		t.record(at, q.By, ActionPriority, from.String(), q.Priority.String(), "alert qualified "+q.Priority.String())
	}
	if t.Status == Resolved {
		return t.transition(Reopened, q.By, at, "the sensor alerted again")
	}
	return nil
}

// recover applies a recovery alert to its problem's open ticket.
func (d *Desk) recover(ctx context.Context, a Alert) (AlertOutcome, error) {
	open, err := d.store.OpenByAlertKey(ctx, a.Key())
	switch {
	case errors.Is(err, ErrNotFound):
		return AlertOutcome{Action: AlertNoTicket}, nil
	case err != nil:
		return AlertOutcome{}, err
	}
	by := System("monitoring")
	action := AlertRecorded
	t, err := d.Update(ctx, open.Number, func(t *Ticket) error {
		if t.Status == Closed || t.AlertKey != a.Key() {
			return errAlertKeyMoved
		}
		at := a.At
		if last := t.lastChange(); at.Before(last) {
			at = last
		}
		t.record(at, by, ActionAlert, "", "recovered", oneLine(a.Message, maxLineLen))
		action = AlertRecorded
		if !d.cfg.Monitoring.KeepOpenOnRecovery && (t.Status == New || t.Status == Assigned || t.Status == Reopened) {
			action = AlertResolved
			return t.transition(Resolved, by, at, "the sensor recovered")
		}
		return nil
	})
	if errors.Is(err, errAlertKeyMoved) {
		return AlertOutcome{Action: AlertNoTicket}, nil
	}
	if err != nil {
		return AlertOutcome{}, err
	}
	return AlertOutcome{Action: action, Ticket: t}, nil
}
