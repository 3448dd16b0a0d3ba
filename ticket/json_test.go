package ticket_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/jsonformtest"
	"github.com/deskcore/deskcore/ticket"
)

// sameInstants compares instants by the moment, whatever their zone.
var sameInstants = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

// A ticket that went through intake, dispatch, work, comments with a
// screenshot and a wait on the customer reads back as it was written.
func TestTicketJSONRoundTrip(t *testing.T) {
	tk, err := ticket.NewTicket(ticket.Draft{CustomerID: "kruse", ContactID: "anna", Kind: ticket.Incident,
		Channel: ticket.ChannelEmail, Subject: "Warenwirtschaft startet nicht", Description: "seit Mittag",
		Received: ber(2026, time.June, 3, 16, 30), Participants: []string{"anna.kruse@kruse.example"},
		IdempotencyKey: "mail:<wawi-1@kruse.example>"}, ticket.System("mail-intake"))
	require.NoError(t, err)
	tk.Number, tk.Version = 1, 4
	require.NoError(t, tk.Assign("max", ticket.Staff("sabrina"), ber(2026, time.June, 5, 9, 10)))
	require.NoError(t, tk.Transition(ticket.InProgress, ticket.Staff("max"), ber(2026, time.June, 5, 9, 40), "Rückruf"))
	require.NoError(t, tk.AddComment(ticket.Comment{At: ber(2026, time.June, 5, 10, 0), By: ticket.Staff("max"), Body: "Screenshot?",
		Public: true, Channel: ticket.ChannelPortal,
		Attachments: []ticket.Attachment{{Name: "fehler.png", Ref: "a1b2", ContentType: "image/png", Size: 2048}}}))
	require.NoError(t, tk.Transition(ticket.WaitingOnCustomer, ticket.Staff("max"), ber(2026, time.June, 5, 15, 0), "Lizenzschlüssel?"))

	b, err := json.Marshal(tk)
	require.NoError(t, err)
	for _, part := range []string{`"number":"1"`, `"customerId":"kruse"`, `"kind":"incident"`, `"status":"waiting-on-customer"`,
		`"received":"2026-06-03T16:30:00+02:00"`, `"assigneeId":"max"`, `"contentType":"image/png"`, `"by":{"kind":"staff","id":"max"}`} {
		require.Contains(t, string(b), part)
	}
	require.NotContains(t, string(b), `"closedAt"`, "zero instants are left out")
	var back ticket.Ticket
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(tk, back, sameInstants); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	var stats ticket.Stats
	in := ticket.Stats{CustomerID: "kruse", Total: 3, ByKind: map[ticket.Kind]int{ticket.Incident: 2, ticket.Maintenance: 1},
		ByMonth:  map[string]int{"2026-06": 3},
		Response: ticket.TargetStats{MetOnTime: 1, Total: 2*time.Hour + 10*time.Minute, Mean: 2*time.Hour + 10*time.Minute, BreachRate: 0.5}}
	b, err = json.Marshal(in)
	require.NoError(t, err)
	require.Contains(t, string(b), `"byKind":{"incident":2,"maintenance":1}`)
	require.Contains(t, string(b), `"mean":"2h10m"`)
	require.NoError(t, json.Unmarshal(b, &stats))
	require.Equal(t, in, stats)
}

// Reading refuses what the form does not allow, naming the field, and
// leaves the ticket as it was.
func TestTicketJSONRefusals(t *testing.T) {
	good := `{"number":"7","customerId":"kruse","kind":"maintenance","channel":"schedule","priority":"normal","status":"new",` +
		`"subject":"Backup","received":"2026-06-01T06:00:00+02:00","dueDate":"2026-06-05"}`
	var ok ticket.Ticket
	require.NoError(t, json.Unmarshal([]byte(good), &ok))
	require.Equal(t, d(2026, time.June, 5), ok.DueDate)
	tests := []struct{ name, from, to, field string }{
		{"day_that_does_not_exist", `"2026-06-05"`, `"2026-02-30"`, "dueDate"},
		{"go_field_name", `"customerId"`, `"CustomerID"`, "CustomerID"},
		{"name_in_another_case", `"subject"`, `"Subject"`, "Subject"},
		{"instant_without_offset", `"2026-06-01T06:00:00+02:00"`, `"2026-06-01T06:00:00"`, "received"},
		{"unknown_kind", `"maintenance"`, `"emergency"`, "kind"},
		{"kind_as_number", `"maintenance"`, `3`, "kind"},
		{"comment_without_offset", `"dueDate"`, `"comments":[{"at":"2026-06-01 06:00","body":"x"}],"dueDate"`, "comments[0].at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := ok
			err := json.Unmarshal([]byte(strings.Replace(good, tt.from, tt.to, 1)), &tk)
			var ve *ticket.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, errors.Is(err, ticket.ErrInvalid))
			require.Equal(t, []string{tt.field}, ve.Fields(), "%v", err)
			require.Equal(t, ok, tk)
		})
	}
}

func FuzzTicketJSON(f *testing.F) {
	f.Add(`{"number":"7","customerId":"kruse","kind":"maintenance","channel":"schedule","status":"new","received":"2026-06-01T06:00:00+02:00","dueDate":"2026-06-05"}`)
	f.Add(`{"comments":[{"at":"2026-06-01T06:00:00Z","by":{"kind":"contact","id":"anna"},"attachments":[{"name":"a.png","size":3}]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		var tk ticket.Ticket
		if err := json.Unmarshal([]byte(s), &tk); err != nil {
			return
		}
		b, err := json.Marshal(tk)
		if err != nil {
			// A value read may still have no text form to write (an
			// undeclared priority is refused on reading, so this is a bug).
			t.Fatalf("%q read but does not write: %v", s, err)
		}
		var back ticket.Ticket
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s does not read back: %v", b, err)
		}
		if diff := cmp.Diff(tk, back, sameInstants); diff != "" {
			t.Fatalf("(-read +back):\n%s", diff)
		}
	})
}

// FuzzNotificationJSON: whatever notification reads, an SLA warning's
// clock and deadline included, writes and reads back the same.
func FuzzNotificationJSON(f *testing.F) {
	f.Add(`{"id":"7","event":"sla-warning","ticket":"4711","customerId":"kruse","recipient":"team@provider.example","template":"ticket.sla-warning","to":"in-progress","at":"2026-05-29T12:50:00+02:00","clock":"resolution","due":"2026-05-29T17:00:00+02:00"}`)
	f.Add(`{"event":"status-changed","from":"new","to":"assigned","clock":"RESPONSE","due":"2026-05-29T17:00:00Z"}`)
	f.Add(`{"event":"sla-breach","clock":"reaction"}`)
	f.Fuzz(func(t *testing.T, s string) {
		var n ticket.Notification
		if err := json.Unmarshal([]byte(s), &n); err != nil {
			if json.Valid([]byte(s)) && !errors.Is(err, ticket.ErrInvalid) {
				t.Fatalf("%q: %v does not match ErrInvalid", s, err)
			}
			return
		}
		b, err := json.Marshal(n)
		if err != nil {
			t.Fatalf("%q read but does not write: %v", s, err)
		}
		var back ticket.Notification
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s does not read back: %v", b, err)
		}
		if diff := cmp.Diff(n, back, sameInstants); diff != "" {
			t.Fatalf("(-read +back):\n%s", diff)
		}
	})
}

// A monitoring alert and a maintenance checklist read back as they were
// written: the severity, schedule and priority as their text.
func TestAlertAndChecklistJSONRoundTrip(t *testing.T) {
	alert := ticket.Alert{CustomerID: "kruse", Sensor: "srv-dc01/disk-c", Problem: "disk-full",
		Severity: ticket.SeverityCritical, Message: "C: 97 % belegt", At: ber(2026, time.June, 3, 2, 15)}
	b, err := json.Marshal(alert)
	require.NoError(t, err)
	for _, part := range []string{`"customerId":"kruse"`, `"severity":"` + ticket.SeverityCritical.String() + `"`, `"at":"2026-06-03T02:15:00+02:00"`} {
		require.Contains(t, string(b), part)
	}
	var backAlert ticket.Alert
	require.NoError(t, json.Unmarshal(b, &backAlert))
	if diff := cmp.Diff(alert, backAlert, sameInstants); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	weekly, err := ticket.ParseSchedule("every week from 2026-03-30")
	require.NoError(t, err)
	monthly, err := ticket.ParseSchedule("every month on the 1st friday from 2026-04-01")
	require.NoError(t, err)
	list := ticket.Checklist{CustomerID: "kruse", Items: []ticket.ChecklistItem{
		{ID: "backup", Title: "Backup-Kontrolle", Schedule: weekly},
		{ID: "firewall", Title: "Firewall-Updates", Description: "Firmware prüfen", Schedule: monthly, Priority: ticket.High},
	}}
	b, err = json.Marshal(list)
	require.NoError(t, err)
	for _, part := range []string{`"items":[{"id":"backup"`, `"schedule":"` + weekly.String() + `"`,
		`"schedule":"` + monthly.String() + `"`, `"priority":"` + ticket.High.String() + `"`} {
		require.Contains(t, string(b), part)
	}
	var backList ticket.Checklist
	require.NoError(t, json.Unmarshal(b, &backList))
	require.Equal(t, list, backList)
}

// Reading an alert or a checklist refuses what the form does not allow,
// naming the field, and leaves the value as it was.
func TestAlertAndChecklistJSONRefusals(t *testing.T) {
	goodAlert := `{"customerId":"kruse","sensor":"srv-dc01/disk-c","problem":"disk-full","severity":"warning","at":"2026-06-03T02:15:00+02:00"}`
	goodList := `{"customerId":"kruse","items":[{"id":"backup","title":"Backup","schedule":"every week from 2026-03-30","priority":"high"}]}`
	tests := []struct {
		name, good, from, to, field string
		into                        any
	}{
		{"unknown_severity", goodAlert, `"warning"`, `"fatal"`, "severity", &ticket.Alert{}},
		{"severity_as_number", goodAlert, `"warning"`, `2`, "severity", &ticket.Alert{}},
		{"alert_instant_without_offset", goodAlert, `"2026-06-03T02:15:00+02:00"`, `"2026-06-03T02:15:00"`, "at", &ticket.Alert{}},
		{"alert_go_field_name", goodAlert, `"customerId"`, `"CustomerID"`, "CustomerID", &ticket.Alert{}},
		{"schedule_from_a_day_that_does_not_exist", goodList, `2026-03-30`, `2026-02-30`, "items[0].schedule", &ticket.Checklist{}},
		{"unknown_priority", goodList, `"high"`, `"urgent"`, "items[0].priority", &ticket.Checklist{}},
		{"unknown_item_name", goodList, `"title"`, `"subject"`, "items[0].subject", &ticket.Checklist{}},
	}
	for _, tt := range tests {
		jsonformtest.Refuses(t, tt.name, tt.good, tt.from, tt.to, tt.field, tt.into)
	}
}

// FuzzAlertAndChecklistJSON: any text is refused, or reads into an alert,
// a checklist, a goods receipt and an occurrence that write and read back
// unchanged.
func FuzzAlertAndChecklistJSON(f *testing.F) {
	f.Add(`{"customerId":"kruse","sensor":"srv-dc01/disk-c","problem":"disk-full","severity":"warning","at":"2026-06-03T02:15:00+02:00"}`)
	f.Add(`{"receiptId":"WE-1","receivedAt":"2026-06-04T11:05:00Z","lines":[{"description":"x","quantity":2}]}`)
	f.Add(`{"itemId":"backup","date":"2026-04-05","due":"2026-04-07"}`)
	f.Add(`{"customerId":"kruse","items":[{"id":"backup","title":"Backup","schedule":"every week from 2026-03-30","priority":"high"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		readWriteRead[ticket.Alert](t, s)
		readWriteRead[ticket.Checklist](t, s)
		readWriteRead[ticket.GoodsReceipt](t, s)
		readWriteRead[ticket.Occurrence](t, s)
	})
}

// readWriteRead checks that s, when it reads into a T, writes and reads
// back to the same value.
func readWriteRead[T any](t *testing.T, s string) {
	var v T
	if json.Unmarshal([]byte(s), &v) != nil {
		return
	}
	b, err := json.Marshal(v)
	require.NoError(t, err, "%q read but does not write", s)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%s does not read back", b)
	if diff := cmp.Diff(v, back, sameInstants); diff != "" {
		t.Fatalf("(-read +back):\n%s", diff)
	}
}

// A goods receipt from the host's merchandise system and a maintenance
// occurrence read back as they were written.
func TestReceiptAndOccurrenceJSONRoundTrip(t *testing.T) {
	receipt := ticket.GoodsReceipt{ReceiptID: "WE-4711", CustomerID: "kruse", Supplier: "Wortmann AG",
		ReceivedAt: ber(2026, time.June, 4, 11, 5), Lines: []ticket.ReceiptLine{{Description: "LANCOM 1900EF", Quantity: 2}},
		AssetIDs: []string{"fw-01", "fw-02"}}
	b, err := json.Marshal(receipt)
	require.NoError(t, err)
	require.Contains(t, string(b), `"receivedAt":"2026-06-04T11:05:00+02:00","lines":[{"description":"LANCOM 1900EF","quantity":2}],"assetIds":["fw-01","fw-02"]`)
	var backReceipt ticket.GoodsReceipt
	require.NoError(t, json.Unmarshal(b, &backReceipt))
	if diff := cmp.Diff(receipt, backReceipt, sameInstants); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	occ := ticket.Occurrence{ItemID: "backup", Date: d(2026, time.April, 5), Due: d(2026, time.April, 7), Key: "maint:kruse:backup:2026-04-07", Subject: "Backup"}
	b, err = json.Marshal(occ)
	require.NoError(t, err)
	require.Contains(t, string(b), `"date":"2026-04-05","due":"2026-04-07"`)
	var backOcc ticket.Occurrence
	require.NoError(t, json.Unmarshal(b, &backOcc))
	require.Equal(t, occ, backOcc)

	for _, bad := range []struct{ name, text, field string }{
		{"quantity_as_text", `{"receiptId":"WE-1","lines":[{"description":"x","quantity":"2"}]}`, "lines[0].quantity"},
		{"received_without_offset", `{"receiptId":"WE-1","receivedAt":"2026-06-04T11:05:00"}`, "receivedAt"},
		{"due_that_does_not_exist", `{"itemId":"backup","due":"2026-04-31"}`, "due"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			var into any = &ticket.GoodsReceipt{}
			if strings.Contains(bad.text, "itemId") {
				into = &ticket.Occurrence{}
			}
			err := json.Unmarshal([]byte(bad.text), into)
			var ve *ticket.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, []string{bad.field}, ve.Fields(), "%v", err)
		})
	}
}

// An SLA warning's notification carries its clock by name and its
// deadline with its offset, reads back as written, and refuses a clock it
// does not know, naming the field.
func TestServiceLevelNotificationJSON(t *testing.T) {
	n := ticket.Notification{ID: 7, Event: ticket.EventSLAWarning, Ticket: 4711, CustomerID: "kruse",
		Recipient: "team@provider.example", Template: "ticket.sla-warning", MessageID: "t4711.3@desk.example",
		To: ticket.InProgress, At: ber(2026, time.May, 29, 12, 50), Clock: ticket.ResolutionClock, Due: ber(2026, time.May, 29, 17, 0)}
	b, err := json.Marshal(n)
	require.NoError(t, err)
	for _, part := range []string{`"event":"sla-warning"`, `"clock":"resolution"`, `"due":"2026-05-29T17:00:00+02:00"`} {
		require.Contains(t, string(b), part)
	}
	var back ticket.Notification
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(n, back, sameInstants); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	status, err := json.Marshal(ticket.Notification{Event: ticket.EventStatusChanged, Ticket: 1, From: ticket.New, To: ticket.Assigned})
	require.NoError(t, err)
	require.NotContains(t, string(status), `"clock"`, "other events have no clock")
	require.NotContains(t, string(status), `"due"`)

	bad := strings.Replace(string(b), `"clock":"resolution"`, `"clock":"reaction"`, 1)
	err = json.Unmarshal([]byte(bad), &back)
	wantInvalid("clock")(t, err)
}
