package complaint

import (
	"fmt"
	"slices"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
	"github.com/deskcore/deskcore/sla"
)

// DeadlineKind names one of the deadlines a complaint owes the customer,
// in a Reminder. The zero DeadlineKind is no deadline and invalid.
type DeadlineKind uint8

const (
	// DeadlineAcknowledgement: the acknowledgement with the reference
	// number and the initial timeline, due the policy's Acknowledgement
	// after receipt.
	DeadlineAcknowledgement DeadlineKind = iota + 1
	// DeadlineUpdate: the progress update of the cycle that runs, due
	// the policy's Update after the acknowledgement or the last update.
	DeadlineUpdate
	// DeadlineResolution: the decision, due the policy's Resolution after
	// receipt, or when the last extension moved it to.
	DeadlineResolution
)

var deadlineKindText = enum.Ints[DeadlineKind]("complaint", "DeadlineKind", "", "acknowledgement", "update", "resolution")

// String returns "acknowledgement", "update" or "resolution", or
// "DeadlineKind(n)" for an invalid kind.
func (k DeadlineKind) String() string { return deadlineKindText.String(k) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid kind.
func (k DeadlineKind) MarshalText() ([]byte, error) { return deadlineKindText.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler, reading what String
// writes in any case. It returns a *ValidationError for any other text.
func (k *DeadlineKind) UnmarshalText(b []byte) error { return deadlineKindText.Unmarshal(k, b) }

// ParseDeadlineKind reads "acknowledgement", "update" or "resolution" in
// any case. It returns a *ValidationError for any other text.
func ParseDeadlineKind(s string) (DeadlineKind, error) { return deadlineKindText.Parse(s) }

// ReminderStage is how a reminded deadline stands: near or passed. The
// zero ReminderStage is no stage and invalid.
type ReminderStage uint8

const (
	// StageDueSoon: the deadline is within the policy's reminder lead
	// (PolicyConfig.ReminderLead) and has not passed.
	StageDueSoon ReminderStage = iota + 1
	// StageOverdue: the deadline has passed and is still open.
	StageOverdue
)

var reminderStageText = enum.Ints[ReminderStage]("complaint", "ReminderStage", "", "due-soon", "overdue")

// String returns "due-soon" or "overdue", or "ReminderStage(n)" for an
// invalid stage.
func (s ReminderStage) String() string { return reminderStageText.String(s) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid stage.
func (s ReminderStage) MarshalText() ([]byte, error) { return reminderStageText.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler, reading what String
// writes in any case. It returns a *ValidationError for any other text.
func (s *ReminderStage) UnmarshalText(b []byte) error { return reminderStageText.Unmarshal(s, b) }

// ParseReminderStage reads "due-soon" or "overdue" in any case. It returns
// a *ValidationError for any other text.
func ParseReminderStage(s string) (ReminderStage, error) { return reminderStageText.Parse(s) }

// Reminder is a reminder a complaint is due, for the member of staff who
// is to act: which deadline, near or passed, and when it is due
// (Policy.Reminders). It carries the reference and nothing of what the
// complainant told, so it may go to a chat channel or a log.
//
// A reminder is sent once per complaint, deadline, stage and due instant
// (Key): an extension or a new update cycle gives a new due instant and
// so a new reminder.
type Reminder struct {
	Ref      Reference     // the complaint
	Deadline DeadlineKind  // which deadline
	Stage    ReminderStage // due soon or overdue
	Due      time.Time     // when the deadline falls due, in the policy's zone
	// From is when the stage began: the reminder lead before Due for
	// StageDueSoon, Due for StageOverdue.
	From time.Time
	// To is who is to act: the complaint's handler (Complaint.Handler)
	// for the update and the resolution; zero for the acknowledgement
	// and while nobody handles it, which the host sends to its
	// complaints desk.
	To Actor
}

// Key identifies the reminder for idempotence: the reference, the
// deadline, the stage and the due instant in UTC, as
// "CMP-2026-00042/acknowledgement/due-soon/2026-05-13T15:00:00Z". A host's
// outbox or queue may use it as its unique key.
func (r Reminder) Key() string {
	return fmt.Sprintf("%s/%s/%s/%s", refText(r.Ref), r.Deadline, r.Stage, r.Due.UTC().Format(time.RFC3339Nano))
}

// String writes the reminder as its recipient reads it:
// "CMP-2026-00042: acknowledgement due 2026-05-13 17:00 CEST" or
// "CMP-2026-00042: resolution overdue since 2026-06-12 17:00 CEST".
func (r Reminder) String() string {
	const layout = "2006-01-02 15:04 MST"
	if r.Stage == StageOverdue {
		return fmt.Sprintf("%s: %s overdue since %s", refText(r.Ref), r.Deadline, r.Due.Format(layout))
	}
	return fmt.Sprintf("%s: %s due %s", refText(r.Ref), r.Deadline, r.Due.Format(layout))
}

// SentReminder is a reminder recorded as sent on its complaint
// (Complaint.Reminded, Policy.MarkReminded).
type SentReminder struct {
	Deadline DeadlineKind  // which deadline
	Stage    ReminderStage // due soon or overdue
	Due      time.Time     // the due instant reminded of
	At       time.Time     // when it was recorded as sent
}

// of reports whether s records the reminder r.
func (s SentReminder) of(r Reminder) bool {
	return s.Deadline == r.Deadline && s.Stage == r.Stage && s.Due.Equal(r.Due)
}

// Handler returns the member of staff who handles the complaint: who
// started the investigation last, else who acknowledged it; false when
// neither has happened yet.
func (c Complaint) Handler() (Actor, bool) {
	for _, kind := range []EventKind{EventInvestigationStarted, EventAcknowledged} {
		if i := c.last(kind); i >= 0 {
			return c.History[i].By, true
		}
	}
	return Actor{}, false
}

// openDeadline is a deadline that runs: its kind, due instant and the
// target it was counted by.
type openDeadline struct {
	kind   DeadlineKind
	due    time.Time
	target sla.Target
}

// openDeadlines returns the deadlines of c that run: the acknowledgement
// until it is acknowledged, the running update cycle until the decision,
// and the resolution in force until the decision. It reads the complaint
// as recorded: a step after now (a host clock a little ahead of the
// caller's) still counts, so a deadline already met is not open.
func (p *Policy) openDeadlines(c Complaint, now time.Time) ([]openDeadline, error) {
	asOf := now
	if n := len(c.History); n > 0 && c.History[n-1].At.After(asOf) {
		asOf = c.History[n-1].At
	}
	tl, err := p.Timeline(c, asOf)
	if err != nil {
		return nil, err
	}
	var open []openDeadline
	if tl.Acknowledgement.State == sla.Running {
		open = append(open, openDeadline{DeadlineAcknowledgement, tl.Acknowledgement.Due, p.cfg.Acknowledgement})
	}
	if u, ok := tl.NextUpdate(); ok && u.State == sla.Running {
		open = append(open, openDeadline{DeadlineUpdate, u.Due, p.cfg.Update})
	}
	if tl.Resolution.State == sla.Running {
		open = append(open, openDeadline{DeadlineResolution, tl.Resolution.Due, p.cfg.Resolution})
	}
	return open, nil
}

// reminderLead returns the lead of a deadline counted by target: the
// policy's ReminderLead, else one business day for a deadline in business
// time or days, and a sixth of a clock-time deadline, at most a day (4
// hours of a 24-hour acknowledgement).
func (p *Policy) reminderLead(target sla.Target) sla.Target {
	switch {
	case !p.cfg.ReminderLead.IsZero():
		return p.cfg.ReminderLead
	case target.Kind == sla.ClockTime:
		return sla.Target{Kind: sla.ClockTime, Duration: min(target.Duration/6, 24*time.Hour)}
	}
	return sla.Target{Kind: sla.BusinessDays, Days: 1}
}

// dueSoonFrom returns when the due-soon reminder of a deadline due at due
// begins: lead before it. N business days before a deadline is the close
// of the N-th business day before the last business day that ends at or
// before the deadline, so a deadline at Wednesday's close is due soon from
// Tuesday's close, a whole business day ahead.
func (p *Policy) dueSoonFrom(lead sla.Target, due time.Time) (time.Time, error) {
	switch lead.Kind {
	case sla.ClockTime:
		return due.Add(-lead.Duration), nil
	case sla.BusinessTime:
		return p.calendar.Add(due, -lead.Duration)
	}
	last, err := p.calendar.Add(due, -time.Nanosecond) // the last open instant before due
	if err != nil {
		return time.Time{}, err
	}
	day, err := p.calendar.AddDays(last, -lead.Days)
	if err != nil {
		return time.Time{}, err
	}
	return p.calendar.DueWithinDays(p.calendar.NextOpen(day.MidnightIn(p.calendar.Location())), 0)
}

// reminderAt returns the reminder of the open deadline d at now, and false
// when it is not near yet.
func (p *Policy) reminderAt(c Complaint, d openDeadline, now time.Time) (Reminder, bool, error) {
	r := Reminder{Ref: c.Ref, Deadline: d.kind, Due: d.due}
	if d.kind != DeadlineAcknowledgement {
		r.To, _ = c.Handler()
	}
	if now.After(d.due) {
		r.Stage, r.From = StageOverdue, d.due
		return r, true, nil
	}
	from, err := p.dueSoonFrom(p.reminderLead(d.target), d.due)
	if err != nil {
		return Reminder{}, false, fmt.Errorf("complaint %s: the %s due %s: reminder: %w", refText(c.Ref), d.kind, d.due.Format(time.RFC3339), err)
	}
	r.Stage, r.From = StageDueSoon, from.In(d.due.Location())
	return r, !now.Before(from), nil
}

// Reminders returns the reminders the complaint is due at now and has not
// been sent (Complaint.Reminded), in the order acknowledgement, update,
// resolution: for each deadline still open, a StageDueSoon reminder
// from the policy's reminder lead before it until it falls due, and a
// StageOverdue one once it has passed (a deadline met at its due
// instant is on time). Open deadlines are the acknowledgement until it is
// acknowledged, the progress update of the running cycle until the
// decision, and the resolution in force (after an extension, the extended
// one) until the decision. Reminders is a pure function of the complaint,
// the policy and now; a step recorded after now counts, so a deadline
// met meanwhile is not reminded of.
//
// It returns a *ValidationError for a complaint without a reference
// (create it in the store first) or a now that is zero or outside the
// policy calendar's years, Timeline's errors for a history the clocks
// cannot be computed from, and an error wrapping the sla package's
// ErrOutOfRange when a reminder lead reaches before the calendar's years.
func (p *Policy) Reminders(c Complaint, now time.Time) ([]Reminder, error) {
	if err := p.made(); err != nil {
		return nil, err
	}
	var ps problems
	if !c.Ref.valid() {
		ps.add("Ref", "the complaint has no reference number yet: create it in the store first")
	}
	p.checkInstant(&ps, "now", now)
	if err := ps.err(); err != nil {
		return nil, err
	}
	open, err := p.openDeadlines(c, now)
	if err != nil {
		return nil, err
	}
	var out []Reminder
	for _, d := range open {
		r, due, err := p.reminderAt(c, d, now)
		if err != nil {
			return nil, err
		}
		if due && !c.reminded(r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// reminded reports whether r is recorded as sent on c.
func (c Complaint) reminded(r Reminder) bool {
	return slices.ContainsFunc(c.Reminded, func(s SentReminder) bool { return s.of(r) })
}

// MarkReminded records on the complaint that the reminder r was sent at
// at, so that Reminders does not return it again. A host sends a
// reminder, then marks it inside Store.Update: a crash in between sends
// it again (at least once), never loses it. The record is not a step of
// the complaint: its State and History, and so Timeline, Stats and
// OutcomeReport, stay as they were.
//
// It refuses a reminder no longer due with an error matching ErrNotDue:
// its deadline was met, extended or is no longer
// open at at (the complaint moved on meanwhile), its stage has not begun
// by at, or it is recorded already. It returns a *ValidationError for a
// nil or unmade complaint, a reminder of another complaint, an invalid
// deadline or stage, a zero due instant, and an at that is zero or
// outside the policy calendar's years. The complaint is unchanged then.
func (p *Policy) MarkReminded(c *Complaint, r Reminder, at time.Time) error {
	if err := p.made(); err != nil {
		return err
	}
	var ps problems
	if c == nil || len(c.History) == 0 {
		ps.add("complaint", "is nil or was not made by NewComplaint")
		return ps.err()
	}
	if r.Ref != c.Ref {
		ps.add("reminder.Ref", "%s is not this complaint's reference %s", refText(r.Ref), refText(c.Ref))
	}
	if !deadlineKindText.Valid(r.Deadline) {
		ps.add("reminder.Deadline", "%v is not acknowledgement, update or resolution", r.Deadline)
	}
	if !reminderStageText.Valid(r.Stage) {
		ps.add("reminder.Stage", "%v is not due-soon or overdue", r.Stage)
	}
	if r.Due.IsZero() {
		ps.missing("reminder.Due")
	}
	p.checkInstant(&ps, "at", at)
	if err := ps.err(); err != nil {
		return err
	}
	moved := func(reason string, args ...any) error {
		return fmt.Errorf("complaint %s: reminder %s: %s: %w", refText(c.Ref), r.Key(), fmt.Sprintf(reason, args...), ErrNotDue)
	}
	if i := slices.IndexFunc(c.Reminded, func(s SentReminder) bool { return s.of(r) }); i >= 0 {
		return moved("the %s reminder was recorded already at %s", r.Stage, c.Reminded[i].At.Format(time.RFC3339))
	}
	open, err := p.openDeadlines(*c, at)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(open, func(d openDeadline) bool { return d.kind == r.Deadline && d.due.Equal(r.Due) })
	if i < 0 {
		return moved("the %s due %s is no longer open", r.Deadline, r.Due.Format(time.RFC3339))
	}
	if r.Stage == StageOverdue && !at.After(r.Due) {
		return moved("the %s is not overdue before %s", r.Deadline, r.Due.Format(time.RFC3339))
	}
	if r.Stage == StageDueSoon {
		from, err := p.dueSoonFrom(p.reminderLead(open[i].target), r.Due)
		if err != nil {
			return err
		}
		if at.Before(from) {
			return moved("the %s is not due soon before %s", r.Deadline, from.Format(time.RFC3339))
		}
	}
	c.Reminded = append(c.Reminded, SentReminder{Deadline: r.Deadline, Stage: r.Stage, Due: r.Due, At: at})
	return nil
}
