package month

import (
	"context"
	"fmt"
	"time"

	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// tickets are the month's tickets the later chapters refer to.
type tickets struct {
	desk        *ticket.Desk
	incident    ticket.Number // the e-mailed incident
	alert       ticket.Number // the monitoring alert's ticket
	maintenance ticket.Number // the backup check from the needs analysis
}

// dispatcher and technician are the provider's staff on the incident.
var (
	dispatcher = ticket.Staff("sabrina") // Leitung Dispatching
	technician = ticket.Staff("max")
)

// tickets plays June's tickets: an incident by mail, a monitoring alert
// raised three times, a maintenance check from the needs analysis, and the
// incident's SLA clocks with a pause while waiting on the customer.
func (p *provider) tickets(ctx context.Context, c *Customer) (tickets, error) {
	desk, err := ticket.NewDesk(p.db.Tickets(), c, ticket.Config{
		Mail: ticket.MailConfig{Domain: "kundensupport.meinsystemhaus.example"},
	})
	if err != nil {
		return tickets{}, err
	}
	tk := tickets{desk: desk}

	// An e-mail to kundensupport@ becomes a ticket at once, any hour; the
	// desk confirms it with the ticket number and the time of receipt.
	p.section("An e-mailed incident")
	mail, err := desk.IntakeMail(ctx, ticket.Message{
		From:    "Anna Kruse <anna.kruse@kruse.example>",
		Subject: "Warenwirtschaft startet nicht", Body: "Seit heute Mittag startet die Warenwirtschaft an keinem Arbeitsplatz.",
		MessageID: "<wawi-1@kruse.example>", Received: p.at(time.June, 3, 16, 30),
	})
	if err != nil {
		return tk, err
	}
	tk.incident = mail.Ticket.Number
	p.printf("%s: ticket %d, %s, %q, received %s", mail.Action, mail.Ticket.Number, mail.Ticket.Kind,
		mail.Ticket.Subject, mail.Ticket.Received.Format(stamp))
	if err := p.outbox(ctx, desk); err != nil {
		return tk, err
	}

	// The monitoring raises the same failed backup three times in the
	// night: one ticket counts them.
	p.section("A monitoring alert, three times")
	for i := range 3 {
		a := ticket.Alert{CustomerID: c.ID, Sensor: "srv-dc01/backup", Problem: "backup-failed",
			Severity: ticket.SeverityCritical, Message: "Veeam job Nightly failed",
			At: p.at(time.June, 6, 2, 0).Add(time.Duration(i) * time.Hour)}
		out, err := desk.Alert(ctx, a, ticket.MonitorPolicy{}.Qualification(a))
		if err != nil {
			return tk, err
		}
		tk.alert = out.Ticket.Number
		p.printf("%s %s -> %-8s ticket %d, alerts counted: %d", a.At.Format(stamp), a.Severity, out.Action,
			out.Ticket.Number, out.Ticket.AlertCount)
	}
	if err := p.outbox(ctx, desk); err != nil {
		return tk, err
	}

	// The needs analysis (Bedarfsanalyse) lists the checks that are
	// "gerne vergessen"; June's backup check falls on Fronleichnam and is
	// due the next business day.
	p.section("Maintenance from the needs analysis")
	monthly, err := ticket.ParseSchedule("every month on the 1st thursday from 2026-06-01")
	if err != nil {
		return tk, err
	}
	checklist := ticket.Checklist{CustomerID: c.ID, Items: []ticket.ChecklistItem{
		{ID: "backup", Title: "Backup-Kontrolle", Description: "Sicherungen prüfen, Rücksicherung testen", Schedule: monthly},
	}}
	mr, err := desk.ScheduleMaintenance(ctx, checklist, p.hotline, day(time.June, 1), day(time.June, 30), p.at(time.June, 1, 6, 0))
	if err != nil {
		return tk, err
	}
	for _, t := range mr.Created {
		tk.maintenance = t.Number
		p.printf("ticket %d %s %q due %s", t.Number, t.Kind, t.Subject, t.DueDate)
	}
	if err := p.outbox(ctx, desk); err != nil {
		return tk, err
	}

	if err := p.incidentClocks(ctx, desk, tk.incident); err != nil {
		return tk, err
	}
	return tk, nil
}

// outbox prints the desk's pending mails and marks them delivered, as the
// host's mailer would.
func (p *provider) outbox(ctx context.Context, desk *ticket.Desk) error {
	pending, err := desk.Pending(ctx, 0)
	if err != nil {
		return err
	}
	var ids []uint64
	var order []string
	count := map[string]int{}
	for _, n := range pending {
		line := fmt.Sprintf("%s to %s", n.Template, n.Recipient)
		if count[line] == 0 {
			order = append(order, line)
		}
		count[line]++
		ids = append(ids, n.ID)
	}
	for _, line := range order {
		p.printf("  outbox: %d× %s", count[line], line)
	}
	if len(ids) == 0 {
		return nil
	}
	return desk.MarkDelivered(ctx, ids...)
}

// incidentClocks works the incident and shows its clocks under the
// cooperation agreement: priority normal is P2, a first response within 4
// business hours and a resolution within 18 (two hotline days), on the NW
// calendar.
func (p *provider) incidentClocks(ctx context.Context, desk *ticket.Desk, n ticket.Number) error {
	p.section("SLA clocks of the incident (NW calendar, P2: respond 4h, resolve 18h business)")
	agreements := p.agreements
	steps := []struct {
		at   time.Time
		what string
		do   func(*ticket.Ticket, time.Time) error
	}{
		{p.at(time.June, 5, 9, 10), "assigned to max", func(t *ticket.Ticket, at time.Time) error { return t.Assign("max", dispatcher, at) }},
		{p.at(time.June, 5, 9, 40), "max calls back and starts", func(t *ticket.Ticket, at time.Time) error {
			return t.Transition(ticket.InProgress, technician, at, "Rückruf, Fernwartung")
		}},
		{p.at(time.June, 5, 15, 0), "waiting on the customer", func(t *ticket.Ticket, at time.Time) error {
			return t.Transition(ticket.WaitingOnCustomer, technician, at, "Lizenzschlüssel der Warenwirtschaft?")
		}},
		{p.at(time.June, 8, 10, 0), "customer sends the key", func(t *ticket.Ticket, at time.Time) error {
			return t.Transition(ticket.InProgress, technician, at, "Schlüssel erhalten")
		}},
		{p.at(time.June, 8, 15, 30), "resolved", func(t *ticket.Ticket, at time.Time) error {
			return t.Transition(ticket.Resolved, technician, at, "Lizenzdienst neu registriert")
		}},
	}
	show := func(t ticket.Ticket, now time.Time, what string) error {
		c, err := agreements.Clocks(t, now)
		if err != nil {
			return err
		}
		p.printf("%s  %-25s  %-7s %s  %-7s %s", now.In(p.hotline.Location()).Format(stamp), what,
			c.Response.State, c.Response.Due.Format(stamp), c.Resolution.State, c.Resolution.Due.Format(stamp))
		return nil
	}
	t, err := desk.Update(ctx, n, func(*ticket.Ticket) error { return nil })
	if err != nil {
		return err
	}
	p.printf("%-16s  %-25s  %-24s  %s", "", "", "response, due", "resolution, due")
	if err := show(t, t.Received, "received"); err != nil {
		return err
	}
	for _, s := range steps {
		t, err = desk.Update(ctx, n, func(t *ticket.Ticket) error { return s.do(t, s.at) })
		if err != nil {
			return fmt.Errorf("%s: %w", s.what, err)
		}
		if err := show(t, s.at, s.what); err != nil {
			return err
		}
	}
	return p.outbox(ctx, desk)
}

// ticketStats prints the customer's June in numbers, as the portal shows
// them to a login with extended rights.
func (p *provider) ticketStats(ctx context.Context, c *Customer, desk *ticket.Desk) error {
	s, err := desk.Stats(ctx, ticket.StatsQuery{CustomerID: c.ID,
		From: p.at(time.June, 1, 0, 0), To: p.at(time.July, 1, 0, 0)}, p.at(time.June, 30, 18, 0))
	if err != nil {
		return err
	}
	p.section("June's tickets")
	p.printf("%d tickets: %d incidents, %d service request, %d monitoring, %d maintenance", s.Total,
		s.ByKind[ticket.Incident], s.ByKind[ticket.ServiceRequest], s.ByKind[ticket.MonitoringAlert], s.ByKind[ticket.Maintenance])
	return nil
}

// agreements is the cooperation agreement's service levels: priority
// normal is P2, a first response within 4 business hours and a resolution
// within 18 (two hotline days), on the hotline's calendar.
func agreements(hotline *sla.Calendar) (ticket.Agreements, error) {
	p2, err := sla.NewPolicy(sla.PolicyConfig{Name: "P2", Targets: []sla.PolicyTarget{
		{Name: sla.FirstResponse, Target: sla.MustParseTarget("4h business"), Calendar: "hotline"},
		{Name: sla.Resolution, Target: sla.MustParseTarget("18h business"), Calendar: "hotline"},
	}}, sla.Calendars{"hotline": hotline})
	if err != nil {
		return ticket.Agreements{}, err
	}
	return ticket.Agreements{
		Default:    sla.Agreement{Name: "Kooperationsvereinbarung", Policies: map[string]*sla.Policy{"P2": p2}},
		Priorities: map[ticket.Priority]string{ticket.Normal: "P2"},
	}, nil
}
