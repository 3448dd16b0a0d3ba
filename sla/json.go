package sla

import (
	"fmt"
	"strconv"
	"time"

	"github.com/rickb777/date/v2/gregorian"

	"github.com/deskcore/deskcore/internal/jsonform"
)

// The JSON form of the sla package's plain values, which a host stores
// (a clock's history of events, a calendar's dated exceptions, a policy's
// targets) or sends over its API (a clock's status): lowerCamel names
// ("warnAt", "rebaselines"), fields with their zero value left out,
// enumerations as their text ("pause", "running", "business-time"),
// instants in RFC 3339 with their offset, dates "YYYY-MM-DD", durations
// as hours ("7h30m"), targets, weeks and intervals as their text ("8h
// business", "Mon-Fri 09:00-17:00", "09:00-12:00"), an annual
// exception's day of the year as "MM-DD" ("12-24"). Reading refuses
// unknown names, a date that does not exist, an instant without an
// offset and an enumeration's unknown text with a *ValidationError naming
// the field's path ("deadline.due"), and then leaves the destination
// unchanged. Compiled values (*Calendar, *Policy and the Agreement of
// policies) have no JSON form: a host stores the PolicyConfig a policy
// is compiled from, and a calendar's Week, Exceptions and
// AnnualExceptions; a calendar's Config as a whole has none, as its holiday definitions are code
// (github.com/rickar/cal/v2).

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (e Event) MarshalJSON() ([]byte, error) { type plain Event; return jsonform.Marshal(plain(e)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("sla", "Event", err)
	}
	*e = Event(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form: the
// deadline in force under "deadline", the one before any re-baseline
// under "original".
func (s Status) MarshalJSON() ([]byte, error) { type plain Status; return jsonform.Marshal(plain(s)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (s *Status) UnmarshalJSON(b []byte) error {
	type plain Status
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("sla", "Status", err)
	}
	*s = Status(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (d Deadline) MarshalJSON() ([]byte, error) {
	type plain Deadline
	return jsonform.Marshal(plain(d))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (d *Deadline) UnmarshalJSON(b []byte) error {
	type plain Deadline
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("sla", "Deadline", err)
	}
	*d = Deadline(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"date":"2026-12-24","hours":["09:00-12:00"],"name":"Heiligabend"}.
func (x Exception) MarshalJSON() ([]byte, error) {
	type plain Exception
	return jsonform.Marshal(plain(x))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (x *Exception) UnmarshalJSON(b []byte) error {
	type plain Exception
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("sla", "Exception", err)
	}
	*x = Exception(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"name":"update","target":"14 business days","calendar":"office","after":"acknowledgement"}.
func (t PolicyTarget) MarshalJSON() ([]byte, error) {
	type plain PolicyTarget
	return jsonform.Marshal(plain(t))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (t *PolicyTarget) UnmarshalJSON(b []byte) error {
	type plain PolicyTarget
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("sla", "PolicyTarget", err)
	}
	*t = PolicyTarget(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"name":"P1","targets":[{"name":"acknowledgement","target":"4h business","calendar":"hotline"}],"warnPercent":75}.
func (c PolicyConfig) MarshalJSON() ([]byte, error) {
	type plain PolicyConfig
	return jsonform.Marshal(plain(c))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses; whether the
// targets make a policy NewPolicy decides.
func (c *PolicyConfig) UnmarshalJSON(b []byte) error {
	type plain PolicyConfig
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("sla", "PolicyConfig", err)
	}
	*c = PolicyConfig(p)
	return nil
}

// annualForm is an AnnualException as its JSON form writes it, with the
// month and day as one text "MM-DD".
type annualForm struct {
	Date  string
	Hours []Interval
	Name  string
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"date":"12-24","hours":["09:00-12:00"],"name":"Heiligabend"}.
//
// The month and day are one text "MM-DD" under "date", not "month":12
// and "day":24: it is the dated Exception's "date":"2026-12-24" without
// its year, so the two lists read alike and an entry moves from one to
// the other by adding or removing the year; and month and day are read
// and refused as one date, so that 30 February is a day that does not
// exist rather than a day number wrong for its month. The month is a
// number, as in every date of the form, not time.Month's English name.
// A zero month and day is left out; any other month and day that is not
// a day of a leap year is a *ValidationError, as it has no text.
func (a AnnualException) MarshalJSON() ([]byte, error) {
	md, err := formatMonthDay(a.Month, a.Day)
	if err != nil {
		return nil, err
	}
	return jsonform.Marshal(annualForm{Date: md, Hours: a.Hours, Name: a.Name})
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses ("date" for
// "02-30" or "2026-12-24"); whether the exception makes a calendar
// NewCalendar decides.
func (a *AnnualException) UnmarshalJSON(b []byte) error {
	var p annualForm
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("sla", "AnnualException", err)
	}
	m, day, err := parseMonthDay(p.Date)
	if err != nil {
		return err
	}
	*a = AnnualException{Month: m, Day: day, Hours: p.Hours, Name: p.Name}
	return nil
}

// formatMonthDay writes a day of the year as "MM-DD", and no day as "".
func formatMonthDay(m time.Month, day int) (string, error) {
	if m == 0 && day == 0 {
		return "", nil
	}
	if !isDayOfYear(m, day) {
		return "", invalid("date", "month %d day %d is not a day of the year", m, day)
	}
	return fmt.Sprintf("%02d-%02d", int(m), day), nil
}

// parseMonthDay reads "MM-DD", a day that exists in a leap year ("02-29"
// is one), and "" as no day.
func parseMonthDay(s string) (time.Month, int, error) {
	if s == "" {
		return 0, 0, nil
	}
	refuse := func() (time.Month, int, error) {
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return 0, 0, invalid("date", "%q is not a day of the year written MM-DD that exists", s)
	}
	if len(s) != len("12-24") || s[2] != '-' {
		return refuse()
	}
	m, err1 := strconv.ParseUint(s[:2], 10, 8)
	day, err2 := strconv.ParseUint(s[3:], 10, 8)
	if err1 != nil || err2 != nil || !isDayOfYear(time.Month(m), int(day)) {
		return refuse()
	}
	return time.Month(m), int(day), nil
}

// isDayOfYear says whether month m has a day d in a leap year.
func isDayOfYear(m time.Month, d int) bool {
	return m >= time.January && m <= time.December && d >= 1 && d <= gregorian.DaysIn(2024, m)
}
