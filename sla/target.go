package sla

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// TargetKind says what a target's amount measures. The zero TargetKind is
// no kind, and a Target with it is invalid.
type TargetKind uint8

const (
	// BusinessTime targets are a duration of open time on a calendar:
	// "respond within 4 business hours".
	BusinessTime TargetKind = iota + 1
	// ClockTime targets are elapsed time, open or not: "acknowledge within
	// 24 hours" is 24 hours on the clock, weekends included.
	ClockTime
	// BusinessDays targets are "within N business days": due at
	// the close of the N-th business day after the day of receipt, by
	// Calendar.DueWithinDays.
	BusinessDays
)

var targetKindText = enum.Ints[TargetKind]("sla", "TargetKind", "", "business", "clock", "business days")

// String returns "business", "clock" or "business days", the words
// ParseTarget reads, or "TargetKind(n)" for an invalid kind.
func (k TargetKind) String() string { return targetKindText.String(k) }

// ParseTargetKind reads "business", "clock" or "business days" in any
// letter case. It returns a *ValidationError for any other text.
func ParseTargetKind(s string) (TargetKind, error) { return targetKindText.Parse(s) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for the zero kind and any other undeclared
// one.
func (k TargetKind) MarshalText() ([]byte, error) { return targetKindText.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseTargetKind.
func (k *TargetKind) UnmarshalText(b []byte) error { return targetKindText.Unmarshal(k, b) }

// Limits on a target's amount, about a century either way. They keep
// deadlines inside time.Duration and the calendar's arithmetic, whose
// DueWithinDays overflows an int for an absurd day count.
const (
	maxTargetDuration = 100 * 365 * 24 * time.Hour
	maxTargetDays     = 100 * 365
)

// Target is how long something may take: a duration of business time, a
// duration of clock time, or a number of business days. It does not name
// its calendar: a Clock or a PolicyTarget binds it to one, so the same
// target text serves any office.
//
// Targets are comparable with ==. The zero Target has no kind and is
// invalid; IsZero reports it. Its text form, written by String and read by
// ParseTarget, is "8h business", "24h clock" or "7 business days".
type Target struct {
	Kind     TargetKind
	Duration time.Duration // BusinessTime and ClockTime: more than 0, at most 100 years; else 0
	Days     int           // BusinessDays: 0 (the close of the day of receipt) to 36500; else 0
}

// Conventional names of the targets in a policy; hosts may use their own.
const (
	Acknowledgement = "acknowledgement"
	FirstResponse   = "first response"
	Update          = "update"
	Resolution      = "resolution"
)

// ParseTarget reads a target written as
//
//	<duration> business        "8h business", "1h30m business"
//	<duration> clock           "24h clock"
//	<n> business day[s]        "7 business days", "1 business day"
//
// where a duration is in time.ParseDuration's form. Words are matched in
// any case and separated by any white space. It returns a
// *ValidationError for any other text and for an amount out of range (a
// duration of at most 0 or over 100 years, more than 36500 days).
func ParseTarget(s string) (Target, error) {
	fields := strings.Fields(s)
	bad := func() (Target, error) {
		return Target{}, invalid("target", "%q is not a target such as \"8h business\", \"24h clock\" or \"7 business days\"", s)
	}
	var t Target
	switch {
	case len(fields) == 2 && strings.EqualFold(fields[1], "business"):
		t.Kind = BusinessTime
	case len(fields) == 2 && strings.EqualFold(fields[1], "clock"):
		t.Kind = ClockTime
	case len(fields) == 3 && strings.EqualFold(fields[1], "business") &&
		(strings.EqualFold(fields[2], "days") || strings.EqualFold(fields[2], "day")):
		t.Kind = BusinessDays
	default:
		return bad()
	}
	if t.Kind == BusinessDays {
		n, err := strconv.Atoi(fields[0])
		if err != nil {
			return bad()
		}
		t.Days = n
	} else {
		d, err := time.ParseDuration(fields[0])
		if err != nil {
			return bad()
		}
		t.Duration = d
	}
	if err := t.validate("target"); err != nil {
		return Target{}, err
	}
	return t, nil
}

// MustParseTarget is ParseTarget for literal targets in code: it panics on
// an error, like regexp.MustCompile.
func MustParseTarget(s string) Target {
	t, err := ParseTarget(s)
	if err != nil {
		panic(err)
	}
	return t
}

// IsZero reports whether t is the zero Target.
func (t Target) IsZero() bool { return t == Target{} }

// String writes t in the form ParseTarget reads: "8h business",
// "1h30m clock", "1 business day", "7 business days". The zero Target is
// "", an invalid one its fields.
func (t Target) String() string {
	switch {
	case t.IsZero():
		return ""
	case t.validate("target") != nil:
		return fmt.Sprintf("Target{%v %v %d}", t.Kind, t.Duration, t.Days)
	case t.Kind == BusinessDays && t.Days == 1:
		return "1 business day"
	case t.Kind == BusinessDays:
		return strconv.Itoa(t.Days) + " business days"
	}
	return shortDuration(t.Duration) + " " + t.Kind.String()
}

// shortDuration is time.Duration.String without the trailing zero units
// people do not write: "8h" rather than "8h0m0s". ParseDuration reads it
// back to the same value.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid Target, the zero one included.
func (t Target) MarshalText() ([]byte, error) {
	if err := t.validate("target"); err != nil {
		return nil, err
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseTarget.
func (t *Target) UnmarshalText(b []byte) error {
	parsed, err := ParseTarget(string(b))
	if err != nil {
		return err
	}
	*t = parsed
	return nil
}

// Validate reports whether t is a usable target: a known kind with only
// its own amount set, in range. It returns a *ValidationError (matching
// ErrInvalid) whose Field is "target".
func (t Target) Validate() error { return t.validate("target") }

// validate checks that the kind is known and only its own amount is set,
// so that a Days on a business-time target is caught, not ignored.
func (t Target) validate(field string) error {
	switch t.Kind {
	case BusinessTime, ClockTime:
		if t.Days != 0 {
			return invalid(field, "a %s target has a Duration, not Days", t.Kind)
		}
		if t.Duration <= 0 || t.Duration > maxTargetDuration {
			return invalid(field, "duration %v is not more than 0 and at most 100 years", t.Duration)
		}
	case BusinessDays:
		if t.Duration != 0 {
			return invalid(field, "a business-days target has Days, not a Duration")
		}
		if t.Days < 0 || t.Days > maxTargetDays {
			return invalid(field, "%d business days is not 0 to %d", t.Days, maxTargetDays)
		}
	default:
		return invalid(field, "has no kind (BusinessTime, ClockTime or BusinessDays)")
	}
	return nil
}
