package tickettest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// deskTests run a ticket.Desk on the store: the guarantees the desk
// builds on the store's transactions and unique keys.
var deskTests = []storeTest{
	{Name: "mail_round_trip_threads_by_our_message_id", Run: testMailRoundTrip},
	{Name: "mail_delivered_twice_at_once_opens_one_ticket", Run: testMailRace},
	{Name: "racing_alerts_of_one_problem_open_one_ticket", Run: testAlertRace},
	{Name: "racing_maintenance_runs_open_each_occurrence_once", Run: testMaintenanceRace},
	{Name: "racing_sla_watchers_tell_each_stage_once", Run: testServiceLevelRace},
}

// directory is a fixed ticket.Directory: contact anna of customer c1, who
// also gets the new-ticket and status mails, boss for status mails, and
// the provider's service team for SLA warnings and breaches.
type directory struct{}

// ContactByEmail implements ticket.Directory.
func (directory) ContactByEmail(_ context.Context, addr string) (ticket.Contact, error) {
	if addr == "anna@c1.example" {
		return ticket.Contact{ID: "anna", CustomerID: "c1", Email: addr, Level: ticket.LevelReport}, nil
	}
	return ticket.Contact{}, ticket.ErrNotFound
}

// Recipients implements ticket.Directory.
func (directory) Recipients(context.Context, string) (ticket.Recipients, error) {
	return ticket.Recipients{NewTickets: []string{"anna@c1.example"}, StatusChanges: []string{"boss@c1.example"},
		ServiceLevels: []string{"team@provider.example"}}, nil
}

func desk(t testing.TB, s ticket.Store) *ticket.Desk {
	t.Helper()
	d, err := ticket.NewDesk(s, directory{}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	require.NoError(t, err)
	return d
}

func testMailRoundTrip(t *testing.T, s ticket.Store) {
	d := desk(t, s)
	out, err := d.IntakeMail(bg, ticket.Message{From: "Anna <anna@c1.example>", Subject: "Drucker", Body: "geht nicht",
		MessageID: "<m1@c1.example>", Received: t0})
	require.NoError(t, err)
	require.Equal(t, ticket.MailCreated, out.Action)
	p := pending(t, s)
	require.Len(t, p, 1, "the confirmation; anna gets no second mail about the new ticket")
	require.Equal(t, ticket.EventConfirmation, p[0].Event)
	require.Equal(t, out.Ticket.Number, p[0].Ticket)
	require.Equal(t, []string{p[0].MessageID}, out.Ticket.MessageIDs, "the confirmation's Message-ID is on the ticket")
	require.NoError(t, d.MarkDelivered(bg, p[0].ID))

	_, err = d.Update(bg, out.Ticket.Number, func(t *ticket.Ticket) error {
		return firstErr(t.Assign("tech-7", staff, at(5)), t.Transition(ticket.WaitingOnCustomer, staff, at(6), "Modell?"))
	})
	require.NoError(t, err)
	status := pending(t, s)
	require.Len(t, status, 2, "two status mails to boss: assigned, waiting")

	reply, err := d.IntakeMail(bg, ticket.Message{From: "anna@c1.example", Subject: "AW: Drucker", Body: "HP 4250",
		MessageID: "<m2@c1.example>", InReplyTo: "<" + status[1].MessageID + ">", Received: at(30)})
	require.NoError(t, err)
	require.Equal(t, ticket.MailThreaded, reply.Action)
	require.Equal(t, ticket.ReplyResumed, reply.Effect)
	require.Equal(t, ticket.InProgress, reply.Ticket.Status)
	require.Len(t, reply.Ticket.Comments, 1)
	require.Len(t, pending(t, s), 3, "and one about the resumption")
}

func testMailRace(t *testing.T, s ticket.Store) {
	d := desk(t, s)
	const n = 10
	outs := make([]ticket.MailOutcome, n)
	conformance.Race(n, func(i int) {
		var err error
		outs[i], err = d.IntakeMail(bg, ticket.Message{From: "anna@c1.example", Subject: "Server down", Body: "!",
			MessageID: "<same@c1.example>", Received: t0})
		if err != nil {
			t.Errorf("IntakeMail: %v", err)
		}
	})
	created := 0
	for _, o := range outs {
		if o.Action == ticket.MailCreated {
			created++
		} else {
			require.Equal(t, ticket.MailDuplicate, o.Action)
		}
		require.Equal(t, outs[0].Ticket.Number, o.Ticket.Number, "all name the one ticket")
	}
	require.Equal(t, 1, created)
	require.Len(t, all(t, s, ticket.Filter{}), 1)
	require.Len(t, pending(t, s), 1, "one confirmation")
}

func testAlertRace(t *testing.T, s ticket.Store) {
	d := desk(t, s)
	const n = 12
	var mu sync.Mutex
	actions := map[ticket.AlertAction]int{}
	conformance.Race(n, func(i int) {
		a := ticket.Alert{CustomerID: "c1", Sensor: "srv-dc01/disk-c", Problem: "disk-full",
			Severity: ticket.SeverityCritical, At: at(i)}
		out, err := d.Alert(bg, a, ticket.Config{}.Monitoring.Qualification(a))
		if err != nil {
			t.Errorf("Alert: %v", err)
		}
		mu.Lock()
		actions[out.Action]++
		mu.Unlock()
	})
	require.Equal(t, map[ticket.AlertAction]int{ticket.AlertOpened: 1, ticket.AlertRepeated: n - 1}, actions)
	ts := all(t, s, ticket.Filter{})
	require.Len(t, ts, 1, "one ticket for the sensor's problem")
	require.Equal(t, n, ts[0].AlertCount)
}

func testMaintenanceRace(t *testing.T, s ticket.Store) {
	d := desk(t, s)
	cal := sla.AlwaysOpen(nil)
	cl := ticket.Checklist{CustomerID: "c1", Items: []ticket.ChecklistItem{
		{ID: "backup", Title: "Backup-Kontrolle", Schedule: ticket.Schedule{Every: 1, Unit: ticket.Weeks, Start: date.New(2026, 3, 2)}},
		{ID: "av", Title: "Virenschutz", Schedule: ticket.Schedule{Every: 1, Unit: ticket.Months, Start: date.New(2026, 3, 5)}},
	}}
	from, to := date.New(2026, 3, 1), date.New(2026, 3, 31)
	const n = 6
	conformance.Race(n, func(i int) {
		if _, err := d.ScheduleMaintenance(bg, cl, cal, from, to, at(i)); err != nil {
			t.Errorf("ScheduleMaintenance: %v", err)
		}
	})
	var got []string
	for _, tk := range all(t, s, ticket.Filter{}) {
		got = append(got, fmt.Sprint(tk.Subject, " ", tk.DueDate))
	}
	// Mondays 2, 9, 16, 23, 30 March and the 5th.
	want := []string{"Backup-Kontrolle 2026-03-02", "Backup-Kontrolle 2026-03-09", "Backup-Kontrolle 2026-03-16",
		"Backup-Kontrolle 2026-03-23", "Backup-Kontrolle 2026-03-30", "Virenschutz 2026-03-05"}
	require.ElementsMatch(t, want, got)
}

// testServiceLevelRace: watchers racing over the same tickets record each
// SLA stage once, in the audit history, and write its notification once,
// with the clock and its deadline, dated when the clock reached the
// stage. Around the clock, a first response is due within 1 hour and a
// resolution within 4; 3h30m after receipt the response is breached (at
// 1h) and the resolution past its 80 % warning (at 3h12m).
func testServiceLevelRace(t *testing.T, s ticket.Store) {
	d := desk(t, s)
	policy, err := sla.NewPolicy(sla.PolicyConfig{Name: "normal", Targets: []sla.PolicyTarget{
		{Name: sla.FirstResponse, Target: sla.MustParseTarget("1h clock")},
		{Name: sla.Resolution, Target: sla.MustParseTarget("4h clock")},
	}}, sla.Calendars{})
	require.NoError(t, err)
	agreements := func(context.Context, string) (ticket.Agreements, error) {
		return ticket.Agreements{Default: sla.Agreement{Policies: map[string]*sla.Policy{"normal": policy}}}, nil
	}
	var made []ticket.Number
	for range 3 {
		made = append(made, create(t, s, draft("c1")).Number)
	}
	now := at(210)
	const n = 6
	var mu sync.Mutex
	var told []string
	conformance.Race(n, func(int) {
		for a, err := range d.WatchServiceLevels(bg, agreements, now) {
			if err != nil {
				t.Errorf("WatchServiceLevels: %v", err)
				continue
			}
			mu.Lock()
			told = append(told, fmt.Sprint(a.Ticket, " ", a.Clock, " ", a.Event))
			mu.Unlock()
		}
	})
	var want []string
	for _, num := range made {
		want = append(want, fmt.Sprint(num, " response sla-breach"), fmt.Sprint(num, " resolution sla-warning"))
	}
	require.ElementsMatch(t, want, told, "each stage once over all watchers")

	var notes []ticket.Notification
	for _, p := range pending(t, s) {
		p.ID, p.MessageID = 0, ""
		notes = append(notes, p)
	}
	var wantNotes []ticket.Notification
	for _, num := range made {
		tk := stored(t, s, num)
		var audit []ticket.AuditEntry
		for _, e := range tk.Audit {
			if e.Action == ticket.ActionServiceLevel {
				audit = append(audit, e)
			}
		}
		watcher := ticket.System("sla-watch")
		diff(t, "the stages in the audit history", []ticket.AuditEntry{
			{At: at(60), By: watcher, Action: ticket.ActionServiceLevel, From: "response", To: "sla-breach", Note: "2026-03-02T10:00:00Z"},
			{At: at(192), By: watcher, Action: ticket.ActionServiceLevel, From: "resolution", To: "sla-warning", Note: "2026-03-02T13:00:00Z"},
		}, audit)
		require.Len(t, tk.MessageIDs, 2, "one Message-ID per notification")
		for _, e := range []struct {
			event        ticket.Event
			clock        ticket.ClockName
			reached, due int
		}{{ticket.EventSLABreach, ticket.ResponseClock, 60, 60}, {ticket.EventSLAWarning, ticket.ResolutionClock, 192, 240}} {
			wantNotes = append(wantNotes, ticket.Notification{Event: e.event, Ticket: num, CustomerID: "c1",
				Recipient: "team@provider.example", Template: e.event.Template(), To: ticket.New, At: at(e.reached), Clock: e.clock, Due: at(e.due)})
		}
	}
	require.ElementsMatch(t, wantNotes, notes)
}
