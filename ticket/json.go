package ticket

import (
	"errors"

	"github.com/deskcore/deskcore/internal/jsonform"
)

// The JSON form of the ticket package's values, which a host sends over
// its API and a storage adapter stores as documents: lowerCamel names
// ("customerId", "respondedAt"), fields with their zero value left out,
// enumerations as their text ("incident", "waiting-on-customer"),
// instants in RFC 3339 with their offset, dates "YYYY-MM-DD", durations
// as hours ("2h10m"). Reading refuses unknown names, a date that does not
// exist, an instant without an offset and an enumeration's unknown text
// with a *ValidationError naming the field's path ("comments[1].at"), and
// then leaves the destination unchanged.

// jsonInvalid turns a refusal of the JSON form into a *ValidationError.
func jsonInvalid(what string, err error) error {
	var fe *jsonform.FieldError
	if errors.As(err, &fe) {
		field := fe.Path
		if field == "" {
			field = what
		}
		return invalid(field, "%s", fe.Reason)
	}
	return invalid(what, "%v", err)
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (t Ticket) MarshalJSON() ([]byte, error) { type plain Ticket; return jsonform.Marshal(plain(t)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (t *Ticket) UnmarshalJSON(b []byte) error {
	type plain Ticket
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Ticket", err)
	}
	*t = Ticket(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (d Draft) MarshalJSON() ([]byte, error) { type plain Draft; return jsonform.Marshal(plain(d)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (d *Draft) UnmarshalJSON(b []byte) error {
	type plain Draft
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Draft", err)
	}
	*d = Draft(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (c Comment) MarshalJSON() ([]byte, error) { type plain Comment; return jsonform.Marshal(plain(c)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (c *Comment) UnmarshalJSON(b []byte) error {
	type plain Comment
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Comment", err)
	}
	*c = Comment(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (a Attachment) MarshalJSON() ([]byte, error) {
	type plain Attachment
	return jsonform.Marshal(plain(a))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (a *Attachment) UnmarshalJSON(b []byte) error {
	type plain Attachment
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Attachment", err)
	}
	*a = Attachment(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (e AuditEntry) MarshalJSON() ([]byte, error) {
	type plain AuditEntry
	return jsonform.Marshal(plain(e))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (e *AuditEntry) UnmarshalJSON(b []byte) error {
	type plain AuditEntry
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("AuditEntry", err)
	}
	*e = AuditEntry(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (c Contact) MarshalJSON() ([]byte, error) { type plain Contact; return jsonform.Marshal(plain(c)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (c *Contact) UnmarshalJSON(b []byte) error {
	type plain Contact
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Contact", err)
	}
	*c = Contact(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (n Notification) MarshalJSON() ([]byte, error) {
	type plain Notification
	return jsonform.Marshal(plain(n))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (n *Notification) UnmarshalJSON(b []byte) error {
	type plain Notification
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Notification", err)
	}
	*n = Notification(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// counts keyed by the enumerations' text ("byKind":{"incident":2}), the
// targets' durations as hours.
func (s Stats) MarshalJSON() ([]byte, error) { type plain Stats; return jsonform.Marshal(plain(s)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (s *Stats) UnmarshalJSON(b []byte) error {
	type plain Stats
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Stats", err)
	}
	*s = Stats(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form: the
// severity as its text ("critical"), the instant in RFC 3339.
func (a Alert) MarshalJSON() ([]byte, error) { type plain Alert; return jsonform.Marshal(plain(a)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (a *Alert) UnmarshalJSON(b []byte) error {
	type plain Alert
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Alert", err)
	}
	*a = Alert(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// each item's schedule and priority as their text.
func (c Checklist) MarshalJSON() ([]byte, error) {
	type plain Checklist
	return jsonform.Marshal(plain(c))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (c *Checklist) UnmarshalJSON(b []byte) error {
	type plain Checklist
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Checklist", err)
	}
	*c = Checklist(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"id":"backup","title":"Backup-Kontrolle","schedule":"every week from 2026-06-01"}.
func (i ChecklistItem) MarshalJSON() ([]byte, error) {
	type plain ChecklistItem
	return jsonform.Marshal(plain(i))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (i *ChecklistItem) UnmarshalJSON(b []byte) error {
	type plain ChecklistItem
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("ChecklistItem", err)
	}
	*i = ChecklistItem(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form: the instant booked in RFC 3339, the lines as
// {"description":"LANCOM 1900EF","quantity":2}.
func (g GoodsReceipt) MarshalJSON() ([]byte, error) {
	type plain GoodsReceipt
	return jsonform.Marshal(plain(g))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (g *GoodsReceipt) UnmarshalJSON(b []byte) error {
	type plain GoodsReceipt
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("GoodsReceipt", err)
	}
	*g = GoodsReceipt(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form.
func (l ReceiptLine) MarshalJSON() ([]byte, error) {
	type plain ReceiptLine
	return jsonform.Marshal(plain(l))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (l *ReceiptLine) UnmarshalJSON(b []byte) error {
	type plain ReceiptLine
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("ReceiptLine", err)
	}
	*l = ReceiptLine(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form: the dates YYYY-MM-DD.
func (o Occurrence) MarshalJSON() ([]byte, error) {
	type plain Occurrence
	return jsonform.Marshal(plain(o))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (o *Occurrence) UnmarshalJSON(b []byte) error {
	type plain Occurrence
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Occurrence", err)
	}
	*o = Occurrence(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"newTickets":["it@kruse.example"],"statusChanges":[...],"serviceLevels":[...]}.
func (r Recipients) MarshalJSON() ([]byte, error) {
	type plain Recipients
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (r *Recipients) UnmarshalJSON(b []byte) error {
	type plain Recipients
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Recipients", err)
	}
	*r = Recipients(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form: the
// bounds in RFC 3339, the statuses as their text
// ({"customerId":"kruse","from":"2026-06-01T00:00:00+02:00","statuses":["new","assigned"]});
// an open bound is left out.
func (f Filter) MarshalJSON() ([]byte, error) { type plain Filter; return jsonform.Marshal(plain(f)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses: a status it
// does not know is refused ("statuses[1]"), not read as one that selects
// nothing.
func (f *Filter) UnmarshalJSON(b []byte) error {
	type plain Filter
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Filter", err)
	}
	*f = Filter(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"decision":"ticket","priority":"high","by":{"kind":"staff","id":"jonas"},"note":"Platte voll"};
// a priority left to the policy's default is left out.
func (q Qualification) MarshalJSON() ([]byte, error) {
	type plain Qualification
	return jsonform.Marshal(plain(q))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (q *Qualification) UnmarshalJSON(b []byte) error {
	type plain Qualification
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Qualification", err)
	}
	*q = Qualification(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form, for
// a host that queues incoming mail before intake: the headers under
// "messageId", "inReplyTo" and "references", the instant received in
// RFC 3339.
func (m Message) MarshalJSON() ([]byte, error) { type plain Message; return jsonform.Marshal(plain(m)) }

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses; what of the
// mail becomes a ticket Desk.IntakeMail decides.
func (m *Message) UnmarshalJSON(b []byte) error {
	type plain Message
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("Message", err)
	}
	*m = Message(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"action":"opened","ticket":{...}}, the ticket left out when nothing was
// stored.
func (o AlertOutcome) MarshalJSON() ([]byte, error) {
	type plain AlertOutcome
	return jsonform.Marshal(plain(o))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses
// ("ticket.status").
func (o *AlertOutcome) UnmarshalJSON(b []byte) error {
	type plain AlertOutcome
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("AlertOutcome", err)
	}
	*o = AlertOutcome(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form:
// {"effect":"commented","ticket":{...}}.
func (r ReplyResult) MarshalJSON() ([]byte, error) {
	type plain ReplyResult
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses.
func (r *ReplyResult) UnmarshalJSON(b []byte) error {
	type plain ReplyResult
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("ReplyResult", err)
	}
	*r = ReplyResult(p)
	return nil
}

// MarshalJSON implements json.Marshaler with the package's JSON form: the
// tickets opened under "created", the numbers of those an earlier run
// opened under "existing" as their text ({"existing":["4711"]}).
func (r MaintenanceRun) MarshalJSON() ([]byte, error) {
	type plain MaintenanceRun
	return jsonform.Marshal(plain(r))
}

// UnmarshalJSON implements json.Unmarshaler with the package's JSON form.
// It returns a *ValidationError naming the field it refuses
// ("existing[0]").
func (r *MaintenanceRun) UnmarshalJSON(b []byte) error {
	type plain MaintenanceRun
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		return jsonInvalid("MaintenanceRun", err)
	}
	*r = MaintenanceRun(p)
	return nil
}
