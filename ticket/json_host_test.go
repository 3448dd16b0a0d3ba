package ticket_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/jsonformtest"
	"github.com/deskcore/deskcore/ticket"
)

// quoted writes texts as the items of a JSON array.
func quoted[T interface{ String() string }](vs ...T) string {
	var b strings.Builder
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + v.String() + `"`)
	}
	return b.String()
}

// The values a host passes to the desk and gets back from it read back as
// they were written, in the names and texts of the form.
func TestArgumentsAndResultsJSONRoundTrip(t *testing.T) {
	t.Run("recipients", func(t *testing.T) {
		jsonformtest.RoundTrip(t, ticket.Recipients{NewTickets: []string{"chef@wdf.example"}, StatusChanges: []string{"anna@wdf.example", "chef@wdf.example"},
			ServiceLevels: []string{"team@provider.example"}},
			`{"newTickets":["chef@wdf.example"],"statusChanges":["anna@wdf.example","chef@wdf.example"],"serviceLevels":["team@provider.example"]}`)
		jsonformtest.RoundTrip(t, ticket.Recipients{}, `{}`)
	})
	t.Run("filter_selects_the_same_tickets", func(t *testing.T) {
		f := ticket.Filter{CustomerID: "wdf", From: ber(2026, time.March, 1, 0, 0), Statuses: ticket.Unresolved()}
		b := jsonformtest.RoundTrip(t, f, `"customerId":"wdf"`, `"from":"2026-03-01T00:00:00+01:00"`, `"statuses":[`+quoted(ticket.Unresolved()...)+`]`)
		require.NotContains(t, string(b), `"to"`, "an open bound is left out")
		var back ticket.Filter
		require.NoError(t, json.Unmarshal(b, &back))
		open, closed := incident(t), incident(t)
		closed.Status = ticket.Closed
		for _, tk := range []ticket.Ticket{open, closed} {
			require.Equal(t, f.Match(&tk), back.Match(&tk), "ticket in status %s", tk.Status)
		}
		require.True(t, back.Match(&open))
		require.False(t, back.Match(&closed))
	})
	t.Run("qualification", func(t *testing.T) {
		q := ticket.MonitorPolicy{}.Qualification(alert(ticket.SeverityCritical, t0))
		jsonformtest.RoundTrip(t, q, `"decision":"`+q.Decision.String()+`"`, `"by":{"kind":"system","id":"monitoring"}`)
		jsonformtest.RoundTrip(t, ticket.Qualification{Decision: ticket.DecideTicket, Priority: ticket.Critical, By: tech, Note: "Platte voll"},
			`{"decision":"`+ticket.DecideTicket.String()+`","priority":"`+ticket.Critical.String()+`","by":{"kind":"staff","id":"tech-7"},"note":"Platte voll"}`)
	})
	t.Run("message", func(t *testing.T) {
		b := jsonformtest.RoundTrip(t, ticket.Message{From: "Anna Kruse <anna@wdf.example>", Subject: "AW: Drucker", Body: "immer noch",
			MessageID: "<r1@mail.example>", InReplyTo: "<t4711.2@desk.example>", References: []string{"<t4711.1@desk.example>", "<t4711.2@desk.example>"},
			Attachments:   []ticket.Attachment{{Name: "fehler.png", Ref: "a1b2", ContentType: "image/png", Size: 2048}},
			AutoSubmitted: true, Received: ber(2026, time.June, 3, 16, 30)},
			`"autoSubmitted":true`, `"received":"2026-06-03T16:30:00+02:00"`)
		// encoding/json writes < and > as \u003c and \u003e; the headers
		// are under these names whatever the escaping.
		var names map[string]any
		require.NoError(t, json.Unmarshal(b, &names))
		require.Equal(t, "<r1@mail.example>", names["messageId"])
		require.Equal(t, "<t4711.2@desk.example>", names["inReplyTo"])
		require.Equal(t, []any{"<t4711.1@desk.example>", "<t4711.2@desk.example>"}, names["references"])
	})
	t.Run("alert_outcomes", func(t *testing.T) {
		dk, _ := newDesk(t, ticket.Config{})
		a := alert(ticket.SeverityCritical, t0)
		opened, err := dk.Alert(bg, a, ticket.MonitorPolicy{}.Qualification(a))
		require.NoError(t, err)
		jsonformtest.RoundTrip(t, opened, `{"action":"`+ticket.AlertOpened.String()+`","ticket":{"number":"1"`, `"kind":"`+ticket.MonitoringAlert.String()+`"`)
		ignored, err := dk.Alert(bg, alert(ticket.SeverityWarning, at(m)), ticket.Qualification{Decision: ticket.DecideIgnore, By: tech})
		require.NoError(t, err)
		require.Equal(t, ticket.AlertIgnored, ignored.Action)
		jsonformtest.RoundTrip(t, ignored, `{"action":"`+ticket.AlertIgnored.String()+`"}`)
	})
	t.Run("reply_result", func(t *testing.T) {
		dk, _ := newDesk(t, ticket.Config{})
		tk, err := dk.Report(bg, anna, ticket.Draft{Kind: ticket.Incident, Subject: "Drucker", Received: t0})
		require.NoError(t, err)
		_, err = dk.Update(bg, tk.Number, func(tk *ticket.Ticket) error { return tk.Transition(ticket.Resolved, staff, at(h), "") })
		require.NoError(t, err)
		res, err := dk.Reply(bg, tk.Number, anna, ticket.Comment{At: at(2 * h), Body: "geht wieder nicht"})
		require.NoError(t, err)
		jsonformtest.RoundTrip(t, res, `{"effect":"`+ticket.ReplyReopened.String()+`","ticket":{"number":"1"`, `"body":"geht wieder nicht"`)
	})
	t.Run("maintenance_runs", func(t *testing.T) {
		dk, _ := newDesk(t, ticket.Config{})
		first, err := dk.ScheduleMaintenance(bg, checklist(), office(t), d(2026, 4, 1), d(2026, 4, 8), t0)
		require.NoError(t, err)
		b := jsonformtest.RoundTrip(t, first, `{"created":[{"number":"1"`, `"dueDate":"2026-04-07"`)
		require.NotContains(t, string(b), `"existing"`)
		again, err := dk.ScheduleMaintenance(bg, checklist(), office(t), d(2026, 4, 1), d(2026, 4, 8), t0.Add(h))
		require.NoError(t, err)
		require.NotEmpty(t, again.Existing)
		jsonformtest.RoundTrip(t, again, `{"existing":[`+quoted(again.Existing...)+`]}`)
	})
}

// Reading refuses what the form does not allow, naming the field, and
// leaves the value as it was.
func TestArgumentsAndResultsJSONRefusals(t *testing.T) {
	recipients := `{"newTickets":["chef@wdf.example"],"serviceLevels":["team@provider.example"]}`
	filter := `{"customerId":"wdf","from":"2026-03-01T00:00:00+01:00","statuses":["new","in-progress"]}`
	qualification := `{"decision":"ticket","priority":"high","by":{"kind":"staff","id":"tech-7"},"note":"x"}`
	message := `{"from":"anna@wdf.example","references":["<a@b>"],"attachments":[{"name":"a.png","size":3}],"autoSubmitted":true,"received":"2026-06-03T16:30:00+02:00"}`
	outcome := `{"action":"opened","ticket":{"number":"1","kind":"monitoring-alert","status":"new","received":"2026-03-02T09:00:00+01:00"}}`
	reply := `{"effect":"reopened","ticket":{"number":"1","status":"reopened","received":"2026-03-02T09:00:00+01:00"}}`
	run := `{"created":[{"number":"3","kind":"maintenance","dueDate":"2026-04-07"}],"existing":["1","2"]}`
	tests := []struct {
		name, good, from, to, field string
		into                        any
	}{
		{"recipients_as_one_address", recipients, `["chef@wdf.example"]`, `"chef@wdf.example"`, "newTickets", &ticket.Recipients{}},
		{"recipients_go_field_name", recipients, `"newTickets"`, `"NewTickets"`, "NewTickets", &ticket.Recipients{}},
		{"recipients_unknown_name", recipients, `"serviceLevels"`, `"slaWarnings"`, "slaWarnings", &ticket.Recipients{}},
		{"filter_unknown_status", filter, `"in-progress"`, `"pending"`, "statuses[1]", &ticket.Filter{}},
		{"filter_status_as_number", filter, `"new"`, `1`, "statuses[0]", &ticket.Filter{}},
		{"filter_bound_without_offset", filter, `"2026-03-01T00:00:00+01:00"`, `"2026-03-01T00:00:00"`, "from", &ticket.Filter{}},
		{"filter_bound_as_a_date", filter, `"2026-03-01T00:00:00+01:00"`, `"2026-03-01"`, "from", &ticket.Filter{}},
		{"filter_name_in_another_case", filter, `"customerId"`, `"customerID"`, "customerID", &ticket.Filter{}},
		{"qualification_unknown_decision", qualification, `"ticket"`, `"escalate"`, "decision", &ticket.Qualification{}},
		{"qualification_unknown_priority", qualification, `"high"`, `"urgent"`, "priority", &ticket.Qualification{}},
		{"qualification_unknown_actor_kind", qualification, `"kind":"staff"`, `"kind":"robot"`, "by.kind", &ticket.Qualification{}},
		{"message_received_without_offset", message, `"2026-06-03T16:30:00+02:00"`, `"2026-06-03T16:30:00"`, "received", &ticket.Message{}},
		{"message_references_as_one_text", message, `["<a@b>"]`, `"<a@b>"`, "references", &ticket.Message{}},
		{"message_attachment_size_as_text", message, `"size":3`, `"size":"3"`, "attachments[0].size", &ticket.Message{}},
		{"message_auto_submitted_as_text", message, `true`, `"yes"`, "autoSubmitted", &ticket.Message{}},
		{"message_header_name", message, `"from"`, `"From"`, "From", &ticket.Message{}},
		{"outcome_unknown_action", outcome, `"opened"`, `"created"`, "action", &ticket.AlertOutcome{}},
		{"outcome_ticket_unknown_status", outcome, `"status":"new"`, `"status":"open"`, "ticket.status", &ticket.AlertOutcome{}},
		{"reply_unknown_effect", reply, `"reopened"`, `"answered"`, "effect", &ticket.ReplyResult{}},
		{"reply_ticket_received_without_offset", reply, `"2026-03-02T09:00:00+01:00"`, `"2026-03-02T09:00:00"`, "ticket.received", &ticket.ReplyResult{}},
		{"run_existing_number_zero", run, `"1"`, `"0"`, "existing[0]", &ticket.MaintenanceRun{}},
		{"run_existing_number_as_json_number", run, `"2"]`, `2]`, "existing[1]", &ticket.MaintenanceRun{}},
		{"run_due_that_does_not_exist", run, `"2026-04-07"`, `"2026-04-31"`, "created[0].dueDate", &ticket.MaintenanceRun{}},
	}
	for _, tt := range tests {
		jsonformtest.Refuses(t, tt.name, tt.good, tt.from, tt.to, tt.field, tt.into)
	}
}

// refusedOrRoundTrips checks that s is refused as JSON that is not JSON
// or with a *ValidationError, or reads into a T that writes and reads
// back the same.
func refusedOrRoundTrips[T any](t *testing.T, s string) {
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		if json.Valid([]byte(s)) && !errors.Is(err, ticket.ErrInvalid) {
			t.Fatalf("%q refused with %T %v, not a *ValidationError", s, err, err)
		}
		return
	}
	readWriteRead[T](t, s)
}

// FuzzRecipientsJSON: any text is refused, or reads into recipients that
// write and read back the same.
func FuzzRecipientsJSON(f *testing.F) {
	f.Add(`{"newTickets":["chef@wdf.example"],"statusChanges":["anna@wdf.example"],"serviceLevels":["team@provider.example"]}`)
	f.Add(`{"newTickets":null}`)
	f.Fuzz(func(t *testing.T, s string) { refusedOrRoundTrips[ticket.Recipients](t, s) })
}

// FuzzFilterJSON: any text is refused, or reads into a filter that
// writes and reads back the same.
func FuzzFilterJSON(f *testing.F) {
	f.Add(`{"customerId":"wdf","from":"2026-03-01T00:00:00+01:00","to":"2026-04-01T00:00:00Z","statuses":["new","in-progress"]}`)
	f.Add(`{"statuses":["NEW","Closed"]}`)
	f.Fuzz(func(t *testing.T, s string) { refusedOrRoundTrips[ticket.Filter](t, s) })
}

// FuzzQualificationJSON: any text is refused, or reads into a qualification that
// writes and reads back the same.
func FuzzQualificationJSON(f *testing.F) {
	f.Add(`{"decision":"ticket","priority":"high","by":{"kind":"staff","id":"tech-7"},"note":"x"}`)
	f.Add(`{"decision":"review","by":{"kind":"system","id":"monitoring"}}`)
	f.Fuzz(func(t *testing.T, s string) { refusedOrRoundTrips[ticket.Qualification](t, s) })
}

// FuzzMessageJSON: any text is refused, or reads into a mail message that
// writes and reads back the same.
func FuzzMessageJSON(f *testing.F) {
	f.Add(`{"from":"Anna <anna@wdf.example>","subject":"AW: [#4711]","messageId":"<a@b>","inReplyTo":"<t@desk>","references":["<a@b>"],` +
		`"attachments":[{"name":"a.png","ref":"r","contentType":"image/png","size":3}],"autoSubmitted":true,"received":"2026-06-03T16:30:00+02:00"}`)
	f.Fuzz(func(t *testing.T, s string) { refusedOrRoundTrips[ticket.Message](t, s) })
}

// FuzzAlertOutcomeJSON: any text is refused, or reads into an alert's outcome that
// writes and reads back the same.
func FuzzAlertOutcomeJSON(f *testing.F) {
	f.Add(`{"action":"opened","ticket":{"number":"1","kind":"monitoring-alert","status":"new","received":"2026-03-02T09:00:00+01:00","alertCount":1}}`)
	f.Add(`{"action":"ignored"}`)
	f.Fuzz(func(t *testing.T, s string) { refusedOrRoundTrips[ticket.AlertOutcome](t, s) })
}

// FuzzReplyResultJSON: any text is refused, or reads into a reply's result that
// writes and reads back the same.
func FuzzReplyResultJSON(f *testing.F) {
	f.Add(`{"effect":"needs-link","ticket":{"number":"2","linkedTo":"1","status":"new","comments":[{"at":"2026-03-02T11:00:00+01:00","body":"x"}]}}`)
	f.Fuzz(func(t *testing.T, s string) { refusedOrRoundTrips[ticket.ReplyResult](t, s) })
}

// FuzzMaintenanceRunJSON: any text is refused, or reads into a maintenance run that
// writes and reads back the same.
func FuzzMaintenanceRunJSON(f *testing.F) {
	f.Add(`{"created":[{"number":"3","kind":"maintenance","channel":"schedule","dueDate":"2026-04-07"}],"existing":["1","2"]}`)
	f.Fuzz(func(t *testing.T, s string) { refusedOrRoundTrips[ticket.MaintenanceRun](t, s) })
}
