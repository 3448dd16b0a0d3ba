package sla

import (
	"fmt"
	"strings"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// EventKind is what happened to a target's clock. The zero EventKind is
// no event, and invalid in a history.
type EventKind uint8

const (
	// Start starts the clock: the ticket or complaint was received.
	Start EventKind = iota + 1
	// Pause stops time counting, typically while waiting on the customer.
	Pause
	// Resume ends a pause.
	Resume
	// Meet records that the target was met: acknowledged, updated,
	// resolved. The clock ends.
	Meet
	// Rebaseline replaces the deadline with Event.Due, for Event.Reason.
	Rebaseline
	// Stop ends the clock without meeting the target, when it no longer
	// applies: the ticket was cancelled or merged.
	Stop
)

var eventText = enum.Ints[EventKind]("sla", "EventKind", "", "start", "pause", "resume", "meet", "rebaseline", "stop")

// String returns the kind's name ("start", "pause", "resume", "meet",
// "rebaseline", "stop"), or "EventKind(n)" for an invalid kind.
func (k EventKind) String() string { return eventText.String(k) }

// ParseEventKind reads the names String writes, in any letter case. It
// returns a *ValidationError for any other text.
func ParseEventKind(s string) (EventKind, error) { return eventText.Parse(s) }

// MarshalText implements encoding.TextMarshaler with the String form, for
// hosts that store histories. It returns a *ValidationError for an invalid
// kind.
func (k EventKind) MarshalText() ([]byte, error) { return eventText.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseEventKind.
func (k *EventKind) UnmarshalText(b []byte) error { return eventText.Unmarshal(k, b) }

// Event is one entry in a clock's history. Hosts store histories as they
// happen and never rewrite them: a re-baseline is a new event, so the
// original deadline, the reason and the new deadline all stay on record.
// The zero Event is invalid in a history.
type Event struct {
	Kind EventKind
	At   time.Time // when it happened; events are in time order (equal times allowed)

	// Due is the new deadline of a Rebaseline, after At. Other kinds leave
	// it zero.
	Due time.Time

	// Reason says why: required for a Rebaseline (the explanation owed to
	// the customer, the Dutch complaints procedure), an optional note for the others
	// ("waiting on customer" on a Pause).
	Reason string
}

// State is where a clock stands. Whether a deadline was missed is not a
// state but Deadline.Breached, because a clock can be overdue while
// running, while paused, and after it was met late. The zero State is
// Pending.
type State uint8

const (
	// Pending: not started by now, or a chained target whose predecessor
	// is not met yet.
	Pending State = iota
	// Running: started, time counts.
	Running
	// Paused: started, time does not count.
	Paused
	// Met: the target was met; the clock has ended.
	Met
	// Stopped: the target no longer applies; the clock has ended unmet.
	Stopped
)

var stateText = enum.Ints[State]("sla", "State", "pending", "running", "paused", "met", "stopped")

// String returns "pending", "running", "paused", "met" or "stopped", or
// "State(n)" for an invalid state.
func (s State) String() string { return stateText.String(s) }

// ParseState reads the names String writes, in any letter case. It returns
// a *ValidationError for any other text.
func ParseState(s string) (State, error) { return stateText.Parse(s) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid state.
func (s State) MarshalText() ([]byte, error) { return stateText.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseState.
func (s *State) UnmarshalText(b []byte) error { return stateText.Unmarshal(s, b) }

// Deadline is one deadline of a clock and how the clock stands against it.
// All durations are in the target's measure: business time on its
// calendar, or clock time. The zero Deadline belongs to a Pending clock.
type Deadline struct {
	// Due is when the target falls due. While paused it is the deadline
	// if the clock resumed at now, so it moves later as the pause goes on.
	Due time.Time

	// Budget is the time allowed: from the start to the first deadline,
	// or, after a re-baseline, the time already used plus the time from
	// the re-baseline to its new deadline.
	Budget time.Duration

	// Remaining is Budget less the clock's Elapsed time; negative when
	// overdue. It does not change while paused.
	Remaining time.Duration

	// Breached: the deadline passed before now, or before the target was
	// met or stopped. Being met at the Due instant is on time.
	Breached bool

	// Warning: the clock is running or paused, not breached, and has used
	// at least the warning share (Clock.WarnPercent) of its Budget.
	Warning bool

	// WarnAt is when Warning turns on if the clock keeps running (for a
	// paused clock: if it resumed at now), for a host that schedules its
	// notifications. Zero when Warning is already on, after a breach and
	// once the clock has ended.
	WarnAt time.Time
}

// Status is a clock's standing at an instant, computed by Clock.Status or
// Policy.Status. Instants are in the clock's zone: its calendar's, or for
// a clock-time target without a calendar, its start's. The zero Status is
// a Pending clock.
type Status struct {
	Name  string // the policy target's name; "" from Clock.Status
	State State

	Start time.Time // when the clock started; zero while Pending
	End   time.Time // when it was met or stopped; zero while it runs

	// Elapsed is the time the clock has run: pauses do not count.
	Elapsed time.Duration

	// Deadline is the deadline in force: the last re-baseline's, else the
	// target's own.
	Deadline

	// Original is the deadline as if the clock had never been
	// re-baselined, so "was the original deadline met?" stays answerable.
	// Equal to Deadline when Rebaselines is 0.
	Original Deadline

	Rebaselines int    // how many Rebaseline events took effect
	Reason      string // the last re-baseline's reason
}

// MetOnTime reports whether the target was met by the deadline in force.
func (s Status) MetOnTime() bool { return s.State == Met && !s.Breached }

// MetOriginal reports whether the target was met by its original
// deadline, re-baselines aside.
func (s Status) MetOriginal() bool { return s.State == Met && !s.Original.Breached }

// defaultWarnPercent is the warning share when none is configured: four
// fifths of the budget is the common "at risk" line in service desks.
const defaultWarnPercent = 80

// Clock is one target measured on one calendar: everything Status needs
// besides the history. The zero Clock is invalid (it has no target).
//
// A clock's budget is the time from its start to the target's first
// deadline, measured in business time on Calendar (or in clock time for a
// ClockTime target). Paused time does not count: a pause moves the
// deadline later by the business time it lasted, and never to before the
// moment the clock resumes, so leaving a pause cannot breach at once. A
// pause that begins after the deadline does not move it: a missed deadline
// stays missed.
//
// A BusinessDays target is turned into such a budget when it starts: the
// business time from receipt to the close of the N-th business day
// (Calendar.DueWithinDays). Without pauses its deadline is exactly that
// close. A pause moves it by the business time paused, not by whole days:
// paused from 15:00 to 10:00 the next day on a 09:00-17:00 calendar (three
// business hours), a 17:00 deadline moves to 12:00 of the following
// business day; a pause of whole business days keeps the 17:00 close.
type Clock struct {
	Target Target

	// Calendar measures business time. Required for BusinessTime and
	// BusinessDays targets; for a ClockTime target it only sets the zone
	// that results are given in.
	Calendar *Calendar

	// WarnPercent is the share of the budget, in percent, at which
	// Deadline.Warning turns on. 0 means 80; at most 100.
	WarnPercent int
}

// Status computes the clock's standing at now from its history, a pure
// function of its arguments. The history starts with a Start event; events
// after now are checked but not applied, so evaluating a history at an
// earlier now replays it. An empty history, or one that starts after now,
// is a Pending clock.
//
// It returns a *ValidationError for an invalid Clock, and a *HistoryError
// naming the event for an impossible history (matching ErrInvalid: events
// out of time order, an event before the start, a second start, a pause
// while paused, a resume without a pause, an event after the target was
// met or stopped, a re-baseline without a reason or with a new deadline
// not after it) or for a start or deadline outside the calendar's years
// (matching ErrOutOfRange).
func (c Clock) Status(history []Event, now time.Time) (Status, error) {
	if err := c.validate(); err != nil {
		return Status{}, err
	}
	st, _, err := c.evaluate(chain{}, history, now)
	return st, err
}

func (c Clock) validate() error {
	if err := c.Target.validate("Target"); err != nil {
		return err
	}
	if c.Target.Kind != ClockTime && c.Calendar == nil {
		return invalid("Calendar", "a %s target needs a calendar", c.Target.Kind)
	}
	if c.WarnPercent < 0 || c.WarnPercent > 100 {
		return invalid("WarnPercent", "%d is not 0 (meaning %d) to 100", c.WarnPercent, defaultWarnPercent)
	}
	return nil
}

// chain says how a clock starts: with its own Start event (the zero
// chain), or when the target named after was met.
type chain struct {
	name  string    // the target's own name, for errors
	after string    // the target it follows; "" when it starts itself
	start time.Time // when that one was met, in the whole history
}

// evaluate checks the whole history, then applies the events up to now.
// It also returns when the target was met in the whole history (zero if
// never), which is where the targets chained after it start.
func (c Clock) evaluate(ch chain, history []Event, now time.Time) (Status, time.Time, error) {
	met, err := c.check(ch, history)
	if err != nil {
		return Status{}, time.Time{}, err
	}
	r := run{Clock: c, name: ch.name}
	if ch.after != "" && !ch.start.After(now) {
		if err := r.begin(ch.start, -1); err != nil {
			return Status{}, time.Time{}, err
		}
	}
	for i, e := range history {
		if e.At.After(now) {
			break
		}
		switch e.Kind {
		case Start:
			err = r.begin(e.At, i)
		case Pause:
			r.pause(e.At, i)
		case Resume:
			err = r.resume(e.At)
		case Rebaseline:
			r.rebaseline(e)
		case Meet:
			err = r.finish(e.At, Met)
		case Stop:
			err = r.finish(e.At, Stopped)
		}
		if err != nil {
			return Status{}, time.Time{}, err
		}
	}
	st, err := r.status(now)
	st.Name = ch.name
	return st, met, err
}

// check validates the whole history as a sequence, before any arithmetic,
// so that the same history is rejected whatever now is.
func (c Clock) check(ch chain, history []Event) (met time.Time, err error) {
	state, pausedAt, endedAt := Pending, -1, -1
	if ch.after != "" {
		state = Running
	}
	fail := func(i int, format string, args ...any) error {
		return &HistoryError{Target: ch.name, Index: i, Reason: fmt.Sprintf(format, args...), Err: ErrInvalid}
	}
	for i, e := range history {
		switch {
		case e.Kind < Start || e.Kind > Stop:
			return met, fail(i, "%v is not an event kind", e.Kind)
		case e.At.IsZero():
			return met, fail(i, "%s has no time", e.Kind)
		case i == 0 && ch.after != "" && e.At.Before(ch.start):
			return met, fail(i, "%s at %s is before the clock started at %s, when %q was met", e.Kind, e.At, ch.start, ch.after)
		case i > 0 && e.At.Before(history[i-1].At):
			return met, fail(i, "%s at %s is before event %d at %s: events must be in time order", e.Kind, e.At, i-1, history[i-1].At)
		case e.Kind != Rebaseline && !e.Due.IsZero():
			return met, fail(i, "a %s has no Due; only a rebaseline sets one", e.Kind)
		}
		switch {
		case e.Kind == Start && ch.after != "":
			return met, fail(i, "the target starts when %q is met, not with a start event", ch.after)
		case e.Kind == Start && state != Pending:
			return met, fail(i, "a second start")
		case e.Kind == Start:
			if c.Target.Kind != ClockTime && !c.Calendar.Covers(e.At) {
				return met, &HistoryError{Target: ch.name, Index: i, Reason: fmt.Sprintf("start %s is outside the calendar's years", e.At), Err: ErrOutOfRange}
			}
			state = Running
			continue
		case state == Pending:
			return met, fail(i, "%s before the clock started", e.Kind)
		case state == Met || state == Stopped:
			return met, fail(i, "%s after the clock ended (%s at event %d)", e.Kind, state, endedAt)
		}
		switch e.Kind {
		case Pause:
			if state == Paused {
				return met, fail(i, "pause while paused since event %d", pausedAt)
			}
			state, pausedAt = Paused, i
		case Resume:
			if state != Paused {
				return met, fail(i, "resume without a pause")
			}
			state = Running
		case Rebaseline:
			switch {
			case strings.TrimSpace(e.Reason) == "":
				return met, fail(i, "a rebaseline needs a reason")
			case e.Due.IsZero():
				return met, fail(i, "a rebaseline needs a new due time")
			case !e.Due.After(e.At):
				return met, fail(i, "the new due time %s is not after the rebaseline at %s", e.Due, e.At)
			case c.Target.Kind != ClockTime && !c.Calendar.Covers(e.Due):
				return met, &HistoryError{Target: ch.name, Index: i, Reason: fmt.Sprintf("the new due time %s is outside the calendar's years", e.Due), Err: ErrOutOfRange}
			}
		case Meet:
			state, endedAt, met = Met, i, e.At
		case Stop:
			state, endedAt = Stopped, i
		}
	}
	return met, nil
}

// track is one deadline as events move it: the one in force, and the
// original, which ignores re-baselines.
type track struct {
	budget time.Duration
	due    time.Time
	// While paused: since when the pause moves the deadline (the pause
	// or the re-baseline, whichever came later), and whether it does at
	// all, which it does not if the pause began after the deadline.
	since  time.Time
	moving bool
}

// run applies a checked history to a clock, event by event.
type run struct {
	Clock
	name        string
	state       State
	start, end  time.Time
	seg         time.Time // start of the running segment
	elapsed     time.Duration
	cur, orig   track // orig is only kept once there is a re-baseline
	rebaselines int
	reason      string
	pausedAt    int // index of the pause event, for errors
}

// between and add measure in the target's kind: business time on the
// calendar, or elapsed time.
func (r *run) between(a, b time.Time) time.Duration {
	if r.Target.Kind == ClockTime {
		return b.Sub(a)
	}
	return r.Calendar.Between(a, b)
}

func (r *run) add(t time.Time, d time.Duration) (time.Time, bool) {
	if r.Target.Kind == ClockTime {
		return t.Add(d), true
	}
	u, err := r.Calendar.Add(t, d)
	return u, err == nil
}

// outOfRange reports a deadline the calendar cannot place; only business
// targets have a calendar to leave.
func (r *run) outOfRange(i int, what string) error {
	first, last := r.Calendar.Years()
	return &HistoryError{Target: r.name, Index: i, Err: ErrOutOfRange,
		Reason: fmt.Sprintf("%s falls outside the calendar's years %d-%d", what, first, last)}
}

func (r *run) begin(s time.Time, i int) error {
	t := r.Target
	var due time.Time
	var err error
	switch t.Kind {
	case ClockTime:
		due = s.Add(t.Duration)
	case BusinessTime:
		due, err = r.Calendar.Add(s, t.Duration)
	case BusinessDays:
		due, err = r.Calendar.DueWithinDays(s, t.Days)
	}
	// Clock time has no years to leave, though s.Add lands on the zero
	// Time from a day before year 1.
	if err != nil {
		return r.outOfRange(i, "the deadline")
	}
	r.state, r.start, r.seg = Running, s, s
	r.cur = track{budget: r.between(s, due), due: due}
	return nil
}

// checkpoint counts the running segment up to t and starts a new one
// there, so that a re-baseline can read the elapsed time.
func (r *run) checkpoint(t time.Time) {
	r.elapsed += r.between(r.seg, t)
	r.seg = t
}

func (r *run) pause(p time.Time, i int) {
	r.checkpoint(p)
	r.state, r.pausedAt = Paused, i
	r.cur.since, r.cur.moving = p, !p.After(r.cur.due)
	if r.rebaselines > 0 {
		r.orig.since, r.orig.moving = p, !p.After(r.orig.due)
	}
}

// unpause moves tr's deadline for a pause that ends at q.
func (r *run) unpause(tr *track, q time.Time) error {
	if !tr.moving {
		return nil
	}
	due, ok := r.add(tr.due, r.between(tr.since, q))
	if !ok {
		return r.outOfRange(r.pausedAt, "the deadline moved by the pause")
	}
	// With nothing left at the pause, the deadline would stay behind q
	// when the pause took no business time: due at q, not breached by it.
	if due.Before(q) {
		due = q
	}
	tr.due, tr.moving = due, false
	return nil
}

func (r *run) resume(q time.Time) error {
	if err := r.unpause(&r.cur, q); err != nil {
		return err
	}
	if r.rebaselines > 0 {
		if err := r.unpause(&r.orig, q); err != nil {
			return err
		}
	}
	r.state, r.seg = Running, q
	return nil
}

func (r *run) rebaseline(e Event) {
	if r.rebaselines == 0 {
		r.orig = r.cur
	}
	r.rebaselines++
	r.reason = e.Reason
	if r.state == Running {
		r.checkpoint(e.At)
	}
	r.cur.budget = r.elapsed + r.between(e.At, e.Due)
	r.cur.due = e.Due
	// Paused, the new deadline moves with the rest of the pause.
	r.cur.since, r.cur.moving = e.At, r.state == Paused
}

func (r *run) finish(t time.Time, state State) error {
	if r.state == Running {
		r.checkpoint(t)
	} else if err := r.resume(t); err != nil {
		return err
	}
	r.state, r.end = state, t
	return nil
}

func (r *run) status(now time.Time) (Status, error) {
	if r.state == Pending {
		return Status{}, nil
	}
	loc := r.start.Location()
	if r.Calendar != nil {
		loc = r.Calendar.Location()
	}
	st := Status{State: r.state, Start: r.start.In(loc), Rebaselines: r.rebaselines, Reason: r.reason}
	at, elapsed := now, r.elapsed
	switch r.state {
	case Running:
		elapsed += r.between(r.seg, now)
	case Paused:
		// Report the deadlines as if the clock resumed now; r is done with
		// after this.
		if err := r.resume(now); err != nil {
			return Status{}, err
		}
	default:
		at = r.end
		st.End = r.end.In(loc)
	}
	st.Elapsed = elapsed
	open := r.state == Running || r.state == Paused
	st.Deadline = r.deadline(r.cur, elapsed, at, open, loc)
	st.Original = st.Deadline
	if r.rebaselines > 0 {
		st.Original = r.deadline(r.orig, elapsed, at, open, loc)
	}
	return st, nil
}

func (r *run) deadline(tr track, elapsed time.Duration, at time.Time, open bool, loc *time.Location) Deadline {
	d := Deadline{
		Due:       tr.due.In(loc),
		Budget:    tr.budget,
		Remaining: tr.budget - elapsed,
		Breached:  at.After(tr.due),
	}
	if !open || d.Breached {
		return d
	}
	pct := time.Duration(r.WarnPercent)
	if pct == 0 {
		pct = defaultWarnPercent
	}
	// In two parts, because a budget of years times 100 overflows.
	threshold := tr.budget/100*pct + tr.budget%100*pct/100
	if elapsed >= threshold {
		d.Warning = true
	} else if w, ok := r.add(at, threshold-elapsed); ok {
		d.WarnAt = w.In(loc)
	}
	return d
}
