package complaint

import "github.com/deskcore/deskcore/internal/jsonform"

// The JSON form of the complaint package's values, which a host sends over
// its API or keeps as documents: lowerCamel names ("receivedAt"), fields
// with their zero value left out, the reference as its text
// ("CMP-2026-00001"), enumerations as their text, instants in RFC 3339
// with their offset, durations as hours. Reading refuses unknown names (in
// any letter case), instants without an offset and unknown enumeration
// texts with a *ValidationError naming the field's path
// ("history[2].at"), and then leaves the destination unchanged.

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a complaint with its whole history.
func (c Complaint) MarshalJSON() ([]byte, error) {
	type plain Complaint
	return jsonform.Marshal(plain(c))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (c *Complaint) UnmarshalJSON(b []byte) error {
	type plain Complaint
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "Complaint", err)
	}
	*c = Complaint(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// one step of a complaint's history.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return jsonform.Marshal(plain(e))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "Event", err)
	}
	*e = Event(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// what the complainant told.
func (d Details) MarshalJSON() ([]byte, error) {
	type plain Details
	return jsonform.Marshal(plain(d))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (d *Details) UnmarshalJSON(b []byte) error {
	type plain Details
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "Details", err)
	}
	*d = Details(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a complaint as it arrives.
func (i Intake) MarshalJSON() ([]byte, error) {
	type plain Intake
	return jsonform.Marshal(plain(i))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (i *Intake) UnmarshalJSON(b []byte) error {
	type plain Intake
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "Intake", err)
	}
	*i = Intake(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a complaint's deadlines and where each stands.
func (t Timeline) MarshalJSON() ([]byte, error) {
	type plain Timeline
	return jsonform.Marshal(plain(t))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (t *Timeline) UnmarshalJSON(b []byte) error {
	type plain Timeline
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "Timeline", err)
	}
	*t = Timeline(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// the report of a complaint's outcome.
func (r OutcomeReport) MarshalJSON() ([]byte, error) {
	type plain OutcomeReport
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (r *OutcomeReport) UnmarshalJSON(b []byte) error {
	type plain OutcomeReport
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "OutcomeReport", err)
	}
	*r = OutcomeReport(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// complaint statistics.
func (s Stats) MarshalJSON() ([]byte, error) {
	type plain Stats
	return jsonform.Marshal(plain(s))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (s *Stats) UnmarshalJSON(b []byte) error {
	type plain Stats
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "Stats", err)
	}
	*s = Stats(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a reminder due.
func (r Reminder) MarshalJSON() ([]byte, error) {
	type plain Reminder
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (r *Reminder) UnmarshalJSON(b []byte) error {
	type plain Reminder
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "Reminder", err)
	}
	*r = Reminder(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form of
// a reminder recorded as sent.
func (s SentReminder) MarshalJSON() ([]byte, error) {
	type plain SentReminder
	return jsonform.Marshal(plain(s))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (s *SentReminder) UnmarshalJSON(b []byte) error {
	type plain SentReminder
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonform.Refusal("complaint", "SentReminder", err)
	}
	*s = SentReminder(p)
	return nil
}
