package sla

import "fmt"

// HistoryError reports an event history that a clock cannot be computed
// from: events out of time order, a resume without a pause, an event before
// the start or after the target was met, a re-baseline without a reason, or
// a deadline outside the calendar's years. It names the event so that a
// host can point at the bad record.
//
// Err is ErrInvalid for an impossible history and ErrOutOfRange for a
// deadline or start outside the calendar's years; errors.Is matches it.
type HistoryError struct {
	Target string // the policy target's name; "" from Clock.Status
	Index  int    // the offending event's index; -1 for a chained target's implicit start
	Reason string // what is wrong, in plain words
	Err    error  // ErrInvalid or ErrOutOfRange
}

// Error implements the error interface.
func (e *HistoryError) Error() string {
	where := fmt.Sprintf("event %d", e.Index)
	if e.Index < 0 {
		where = "start"
	}
	if e.Target != "" {
		where = fmt.Sprintf("target %q: %s", e.Target, where)
	}
	return fmt.Sprintf("sla: history: %s: %s", where, e.Reason)
}

// Unwrap returns Err, so that errors.Is(err, ErrInvalid) or
// errors.Is(err, ErrOutOfRange) tells the two kinds apart.
func (e *HistoryError) Unwrap() error { return e.Err }

// UnknownCalendarError reports a calendar name that a policy refers to but
// the Calendars it was built with do not hold. It matches ErrInvalid with
// errors.Is.
type UnknownCalendarError struct {
	Name   string // the calendar name asked for
	Target string // the policy target that refers to it; "" from Calendars.Lookup
}

// Error implements the error interface.
func (e *UnknownCalendarError) Error() string {
	if e.Target == "" {
		return fmt.Sprintf("sla: unknown calendar %q", e.Name)
	}
	return fmt.Sprintf("sla: target %q: unknown calendar %q", e.Target, e.Name)
}

// Unwrap lets errors.Is(err, ErrInvalid) succeed.
func (e *UnknownCalendarError) Unwrap() error { return ErrInvalid }
