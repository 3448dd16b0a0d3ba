package sla

import "github.com/deskcore/deskcore/internal/jsonform"

// The JSON form of the sla package's plain values, which a host stores
// (a clock's history of events, a calendar's dated exceptions, a policy's
// targets) or sends over its API (a clock's status): lowerCamel names
// ("warnAt", "rebaselines"), fields with their zero value left out,
// enumerations as their text ("pause", "running", "business-time"),
// instants in RFC 3339 with their offset, dates "YYYY-MM-DD", durations
// as hours ("7h30m"), targets, weeks and intervals as their text ("8h
// business", "Mon-Fri 09:00-17:00", "09:00-12:00"). Reading refuses
// unknown names, a date that does not exist, an instant without an
// offset and an enumeration's unknown text with a *ValidationError naming
// the field's path ("deadline.due"), and then leaves the destination
// unchanged. Compiled values (*Calendar, *Policy and the Agreement of
// policies) have no JSON form: a host stores the PolicyConfig a policy
// is compiled from, and a calendar's Week and Exceptions; a calendar's
// Config as a whole has none, as its holiday definitions are code
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
