package ticket_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

func alert(sev ticket.Severity, when time.Time) ticket.Alert {
	return ticket.Alert{CustomerID: "wdf", Sensor: "srv-dc01/disk-c", Problem: "disk-full", Severity: sev, Message: "C: 97%", At: when}
}

// TestAlert runs a sensor's life through the desk: one ticket per problem,
// repeats counted, recoveries resolving what nobody works on.
func TestAlert(t *testing.T) {
	monitoring := ticket.System("monitoring")
	policy := ticket.MonitorPolicy{}
	type result struct {
		Action   ticket.AlertAction
		Number   ticket.Number
		Status   ticket.Status
		Priority ticket.Priority
		Count    int
	}
	type event struct {
		alert ticket.Alert
		q     *ticket.Qualification // nil: the default policy's
		staff func(testing.TB, *ticket.Desk)
		want  result
	}
	work := func(path ...ticket.Status) func(testing.TB, *ticket.Desk) {
		return func(t testing.TB, dk *ticket.Desk) {
			_, err := dk.Update(bg, 1, func(tk *ticket.Ticket) error {
				if err := tk.Assign("tech-7", staff, at(10*m)); err != nil {
					return err
				}
				for i, s := range path {
					if err := tk.Transition(s, staff, at(time.Duration(11+i)*m), ""); err != nil {
						return err
					}
				}
				return nil
			})
			require.NoError(t, err)
		}
	}
	person := &ticket.Qualification{Decision: ticket.DecideTicket, Priority: ticket.Normal, By: ticket.Staff("mon-1"), Note: "Platte voll"}
	urgent := &ticket.Qualification{Decision: ticket.DecideTicket, Priority: ticket.Critical, By: ticket.Staff("mon-1")}
	ignore := &ticket.Qualification{Decision: ticket.DecideIgnore, By: ticket.Staff("mon-1")}
	for _, tc := range []struct {
		name   string
		policy ticket.MonitorPolicy
		events []event
	}{
		{"critical_opens_a_high_ticket_repeats_count", policy, []event{
			{alert: alert(ticket.SeverityCritical, t0), want: result{ticket.AlertOpened, 1, ticket.New, ticket.High, 1}},
			{alert: alert(ticket.SeverityCritical, at(5*m)), want: result{ticket.AlertRepeated, 1, ticket.New, ticket.High, 2}},
			{alert: alert(ticket.SeverityWarning, at(6*m)), q: person, want: result{ticket.AlertRepeated, 1, ticket.New, ticket.High, 3}},
		}},
		{"warning_goes_to_a_person_who_opens_it", policy, []event{
			{alert: alert(ticket.SeverityWarning, t0), want: result{Action: ticket.AlertNeedsReview}},
			{alert: alert(ticket.SeverityWarning, t0), q: person, want: result{ticket.AlertOpened, 1, ticket.New, ticket.Normal, 1}},
			{alert: alert(ticket.SeverityCritical, at(m)), q: urgent, want: result{ticket.AlertRepeated, 1, ticket.New, ticket.Critical, 2}},
		}},
		{"ignored_alert_stores_nothing", policy, []event{
			{alert: alert(ticket.SeverityCritical, t0), q: ignore, want: result{Action: ticket.AlertIgnored}},
			{alert: alert(ticket.SeverityRecovered, at(m)), want: result{Action: ticket.AlertNoTicket}},
		}},
		{"recovery_resolves_an_untouched_ticket", policy, []event{
			{alert: alert(ticket.SeverityCritical, t0), want: result{ticket.AlertOpened, 1, ticket.New, ticket.High, 1}},
			{alert: alert(ticket.SeverityRecovered, at(5*m)), want: result{ticket.AlertResolved, 1, ticket.Resolved, ticket.High, 1}},
			// Flapping: the sensor fails again before the ticket is closed.
			{alert: alert(ticket.SeverityCritical, at(20*m)), want: result{ticket.AlertRepeated, 1, ticket.Reopened, ticket.High, 2}},
		}},
		{"recovery_resolves_an_assigned_ticket", policy, []event{
			{alert: alert(ticket.SeverityCritical, t0), want: result{ticket.AlertOpened, 1, ticket.New, ticket.High, 1}},
			{alert: alert(ticket.SeverityRecovered, at(30*m)), staff: work(), want: result{ticket.AlertResolved, 1, ticket.Resolved, ticket.High, 1}},
		}},
		{"recovery_is_only_recorded_while_a_technician_works", policy, []event{
			{alert: alert(ticket.SeverityCritical, t0), want: result{ticket.AlertOpened, 1, ticket.New, ticket.High, 1}},
			{alert: alert(ticket.SeverityRecovered, at(30*m)), staff: work(ticket.InProgress), want: result{ticket.AlertRecorded, 1, ticket.InProgress, ticket.High, 1}},
		}},
		{"keep_open_on_recovery_only_records", ticket.MonitorPolicy{KeepOpenOnRecovery: true}, []event{
			{alert: alert(ticket.SeverityCritical, t0), want: result{ticket.AlertOpened, 1, ticket.New, ticket.High, 1}},
			{alert: alert(ticket.SeverityRecovered, at(5*m)), want: result{ticket.AlertRecorded, 1, ticket.New, ticket.High, 1}},
		}},
		{"after_closing_a_new_alert_opens_a_new_ticket", policy, []event{
			{alert: alert(ticket.SeverityCritical, t0), want: result{ticket.AlertOpened, 1, ticket.New, ticket.High, 1}},
			{alert: alert(ticket.SeverityCritical, at(h)), staff: work(ticket.Resolved, ticket.Closed), want: result{ticket.AlertOpened, 2, ticket.New, ticket.High, 1}},
		}},
		{"policy_with_its_own_rule_and_priority", ticket.MonitorPolicy{Priority: ticket.Critical, Qualify: func(a ticket.Alert) ticket.Qualification {
			return ticket.Qualification{Decision: ticket.DecideTicket}
		}}, []event{
			{alert: alert(ticket.SeverityWarning, t0), want: result{ticket.AlertOpened, 1, ticket.New, ticket.Critical, 1}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dk, _ := newDesk(t, ticket.Config{Monitoring: tc.policy})
			for i, e := range tc.events {
				if e.staff != nil {
					e.staff(t, dk)
				}
				q := tc.policy.Qualification(e.alert)
				if e.q != nil {
					q = *e.q
				}
				out, err := dk.Alert(bg, e.alert, q)
				require.NoError(t, err, "event %d", i)
				diff(t, "event result", e.want, result{out.Action, out.Ticket.Number, out.Ticket.Status, out.Ticket.Priority, out.Ticket.AlertCount})
			}
		})
	}

	t.Run("opened_ticket_in_full", func(t *testing.T) {
		dk, _ := newDesk(t, ticket.Config{})
		a := alert(ticket.SeverityCritical, t0)
		out, err := dk.Alert(bg, a, policy.Qualification(a))
		require.NoError(t, err)
		diff(t, "ticket", ticket.Ticket{
			Number: 1, Version: 1, CustomerID: "wdf", Kind: ticket.MonitoringAlert, Channel: ticket.ChannelMonitoring,
			Priority: ticket.High, Status: ticket.New, Subject: "srv-dc01/disk-c: disk-full", Description: "C: 97%",
			Received: t0, AlertKey: `"wdf"/"srv-dc01/disk-c"/"disk-full"`, AlertCount: 1, LastAlertAt: t0,
			MessageIDs: []string{"t1.1@desk.example"},
			Audit:      []ticket.AuditEntry{{At: t0, By: monitoring, Action: ticket.ActionCreated, To: "new", Note: "critical alert"}},
		}, out.Ticket)
	})
	t.Run("alert_older_than_the_last_change_keeps_the_history_in_order", func(t *testing.T) {
		dk, _ := newDesk(t, ticket.Config{})
		a := alert(ticket.SeverityCritical, at(10*m))
		_, err := dk.Alert(bg, a, policy.Qualification(a))
		require.NoError(t, err)
		late := alert(ticket.SeverityCritical, at(5*m))
		out, err := dk.Alert(bg, late, policy.Qualification(late))
		require.NoError(t, err)
		require.Equal(t, 2, out.Ticket.AlertCount)
		diff(t, "last alert", at(10*m), out.Ticket.LastAlertAt)
		diff(t, "audit instant", at(10*m), out.Ticket.Audit[len(out.Ticket.Audit)-1].At)
	})
	t.Run("refusals", func(t *testing.T) {
		dk, s := newDesk(t, ticket.Config{})
		q := ticket.Qualification{Decision: ticket.DecideTicket, By: monitoring}
		for _, tc := range []struct {
			field string
			a     ticket.Alert
			q     ticket.Qualification
		}{
			{"Alert.CustomerID", ticket.Alert{Sensor: "s", Problem: "p", Severity: ticket.SeverityCritical, At: t0}, q},
			{"Alert.Sensor", ticket.Alert{CustomerID: "wdf", Problem: "p", Severity: ticket.SeverityCritical, At: t0}, q},
			{"Alert.Severity", ticket.Alert{CustomerID: "wdf", Sensor: "s", Problem: "p", At: t0}, q},
			{"Alert.At", ticket.Alert{CustomerID: "wdf", Sensor: "s", Problem: "p", Severity: ticket.SeverityCritical}, q},
			{"Qualification.Decision", alert(ticket.SeverityCritical, t0), ticket.Qualification{By: monitoring}},
			{"Qualification.By.Kind", alert(ticket.SeverityCritical, t0), ticket.Qualification{Decision: ticket.DecideTicket}},
			{"Qualification.Priority", alert(ticket.SeverityCritical, t0), ticket.Qualification{Decision: ticket.DecideTicket, By: monitoring, Priority: 9}},
		} {
			_, err := dk.Alert(bg, tc.a, tc.q)
			wantInvalid(tc.field)(t, err)
		}
		require.Len(t, snapshot(t, s), 1, "nothing stored")
	})
}

func TestAlertKeyDistinguishesParts(t *testing.T) {
	a := ticket.Alert{CustomerID: "a/b", Sensor: "c", Problem: "d"}
	b := ticket.Alert{CustomerID: "a", Sensor: "b/c", Problem: "d"}
	c := ticket.Alert{CustomerID: "a", Sensor: `b"/"c`, Problem: "d"}
	require.NotEqual(t, a.Key(), b.Key())
	require.NotEqual(t, b.Key(), c.Key())
	require.NotEqual(t, a.Key(), c.Key())
}
