package ticket_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// A ticket's lifecycle: every change is checked against the transition
// table and recorded in the audit history.
func ExampleTicket_Transition() {
	received := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	dispatcher, technician := ticket.Staff("sabrina"), ticket.Staff("tech-7")
	tk, err := ticket.NewTicket(ticket.Draft{
		CustomerID: "wdf", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Subject: "Drucker druckt nicht", Received: received,
	}, dispatcher)
	if err != nil {
		panic(err)
	}
	_ = tk.Assign("tech-7", dispatcher, received.Add(5*time.Minute))
	_ = tk.Transition(ticket.InProgress, technician, received.Add(time.Hour), "")

	err = tk.Transition(ticket.Closed, technician, received.Add(2*time.Hour), "")
	fmt.Println(err)

	_ = tk.Transition(ticket.Resolved, technician, received.Add(2*time.Hour), "Treiber neu installiert")
	for _, e := range tk.Audit {
		line := fmt.Sprintf("%s %-8s %-9s %s -> %s %s", e.At.Format("15:04"), e.By.ID, e.Action, e.From, e.To, e.Note)
		fmt.Println(strings.TrimSpace(line))
	}
	// Output:
	// ticket: cannot go from in-progress to closed
	// 09:00 sabrina  created    -> new
	// 09:05 sabrina  assigned   -> tech-7
	// 09:05 sabrina  status    new -> assigned
	// 10:00 tech-7   status    assigned -> in-progress
	// 11:00 tech-7   status    in-progress -> resolved Treiber neu installiert
}

// The service team takes a call on the hotline and opens the ticket; a
// retry with the same idempotency key returns the same ticket.
func ExampleDesk_Open() {
	ctx := context.Background()
	desk, err := ticket.NewDesk(&store{}, directory{}, ticket.Config{})
	if err != nil {
		panic(err)
	}
	call := ticket.Draft{
		CustomerID: "wdf", ContactID: "anna", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Priority: ticket.High, Subject: "Drucker im Lager druckt nicht",
		Received: time.Date(2026, 3, 2, 9, 5, 0, 0, time.UTC), IdempotencyKey: "call-0815",
	}
	t, err := desk.Open(ctx, call, ticket.Staff("svc-lena"))
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Number, t.Kind, t.Channel, t.Priority, t.Status)
	again, _ := desk.Open(ctx, call, ticket.Staff("svc-lena"))
	fmt.Println("same ticket:", again.Number == t.Number)

	_, err = desk.Open(ctx, ticket.Draft{CustomerID: "wdf", Kind: ticket.Incident, Channel: ticket.ChannelPhone, Received: call.Received}, ticket.Staff("svc-lena"))
	var ve *ticket.ValidationError
	if errors.As(err, &ve) {
		fmt.Println("refused:", ve.Fields())
	}
	// Output:
	// 1 incident phone high new
	// same ticket: true
	// refused: [Subject]
}

// The e-mail channel: a mail opens an incident and the outbox holds the
// confirmation; a reply threads by the desk's Message-ID; a stranger's
// reply is rejected.
func ExampleDesk_IntakeMail() {
	ctx := context.Background()
	// A host passes its own Store (examples/memstore.NewTicketStore in
	// memory) and its customer directory.
	desk, err := ticket.NewDesk(&store{}, directory{}, ticket.Config{
		Mail: ticket.MailConfig{Domain: "kundensupport.example"},
	})
	if err != nil {
		panic(err)
	}
	received := time.Date(2026, 3, 2, 7, 12, 0, 0, time.UTC)
	out, _ := desk.IntakeMail(ctx, ticket.Message{
		From: "Anna <anna@wdf.example>", Subject: "Server down", Body: "Seit 7 Uhr.",
		MessageID: "<a1@wdf.example>", Received: received,
	})
	fmt.Println(out.Action, out.Ticket.Number, out.Ticket.Kind)
	pending, _ := desk.Pending(ctx, 0)
	for _, n := range pending {
		fmt.Println(n.Template, "to", n.Recipient, "as", n.MessageID)
	}

	reply := ticket.Message{From: "anna@wdf.example", Subject: "AW: Server down", Body: "Screenshot anbei",
		InReplyTo: "<" + pending[0].MessageID + ">", Received: received.Add(time.Hour)}
	out, _ = desk.IntakeMail(ctx, reply)
	fmt.Println(out.Action, out.Ticket.Number, len(out.Ticket.Comments), "comment")

	reply.From = "mallory@evil.example"
	out, _ = desk.IntakeMail(ctx, reply)
	fmt.Println(out.Action, out.Reason)
	// Output:
	// created 1 incident
	// ticket.confirmation to anna@wdf.example as t1.1@kundensupport.example
	// ticket.created to chef@wdf.example as t1.2@kundensupport.example
	// threaded 1 1 comment
	// rejected stranger
}

// Response and resolution clocks from the customer's agreement: waiting on
// the customer does not count.
func ExampleAgreements_Clocks() {
	office, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysNW})
	if err != nil {
		panic(err)
	}
	normal, err := sla.NewPolicy(sla.PolicyConfig{Name: "normal", Targets: []sla.PolicyTarget{
		{Name: sla.FirstResponse, Target: sla.MustParseTarget("4h business"), Calendar: "office"},
		{Name: sla.Resolution, Target: sla.MustParseTarget("16h business"), Calendar: "office"},
	}}, sla.Calendars{"office": office})
	if err != nil {
		panic(err)
	}
	agreements := ticket.Agreements{Default: sla.Agreement{Policies: map[string]*sla.Policy{"normal": normal}}}

	berlin := office.Location()
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, berlin) }
	tech := ticket.Staff("tech-7")
	tk, _ := ticket.NewTicket(ticket.Draft{CustomerID: "wdf", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Subject: "VPN", Received: at(2, 9)}, tech)
	_ = tk.Assign("tech-7", tech, at(2, 10))
	_ = tk.Transition(ticket.InProgress, tech, at(2, 11), "")
	_ = tk.Transition(ticket.WaitingOnCustomer, tech, at(2, 15), "Zugangsdaten?")
	_ = tk.Transition(ticket.InProgress, tech, at(3, 10), "")

	c, _ := agreements.Clocks(tk, at(3, 12))
	fmt.Println("response:", c.Response.State, c.Response.Elapsed, "of", c.Response.Budget)
	fmt.Println("resolution:", c.Resolution.State, c.Resolution.Elapsed, "used, due", c.Resolution.Due.Format("Mon 15:04"))
	// Output:
	// response: met 2h0m0s of 4h0m0s
	// resolution: running 8h0m0s used, due Wed 12:00
}

// A needs analysis yields maintenance on business days: the weekly check
// due on Easter Monday moves to Tuesday.
func ExampleChecklist_Plan() {
	office, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysNW})
	if err != nil {
		panic(err)
	}
	weekly, _ := ticket.ParseSchedule("every week from 2026-03-30")
	firewall, _ := ticket.ParseSchedule("every month on the 1st friday from 2026-04-01")
	cl := ticket.Checklist{CustomerID: "wdf", Items: []ticket.ChecklistItem{
		{ID: "backup", Title: "Backup-Kontrolle", Schedule: weekly},
		{ID: "fw", Title: "Firewall-Update", Schedule: firewall},
	}}
	plan, _ := cl.Plan(office, date.New(2026, 4, 1), date.New(2026, 4, 14))
	for _, o := range plan {
		fmt.Println(o.Subject, o.Date, "due", o.Due)
	}
	// Output:
	// Backup-Kontrolle 2026-04-06 due 2026-04-07
	// Backup-Kontrolle 2026-04-13 due 2026-04-13
	// Firewall-Update 2026-04-03 due 2026-04-07
}

// Portal access levels: a basic login reports incidents only.
func ExampleAccessPolicy_Authorize() {
	var policy ticket.AccessPolicy // the default
	basic := ticket.Contact{ID: "anna", CustomerID: "wdf", Level: ticket.LevelReport}
	extended := ticket.Contact{ID: "ben", CustomerID: "wdf", Level: ticket.LevelExtended}
	for _, p := range []ticket.Permission{ticket.ReportIncident, ticket.ViewStatistics, ticket.RequestCredentials} {
		fmt.Printf("%-20s basic: %-5t extended: %t\n", p, policy.Authorize(basic, p, "wdf") == nil, policy.Authorize(extended, p, "wdf") == nil)
	}
	fmt.Println(policy.Authorize(extended, ticket.ViewStatistics, "another-customer"))
	// Output:
	// report-incident      basic: true  extended: true
	// view-statistics      basic: false extended: true
	// request-credentials  basic: false extended: true
	// ticket: access denied: contact "ben" may not view-statistics: the data belongs to another customer
}

// Monitoring: repeated alerts of one sensor's problem count on one ticket.
func ExampleDesk_Alert() {
	ctx := context.Background()
	desk, _ := ticket.NewDesk(&store{}, directory{}, ticket.Config{})
	at := time.Date(2026, 3, 7, 3, 0, 0, 0, time.UTC)
	for i, sev := range []ticket.Severity{ticket.SeverityCritical, ticket.SeverityCritical, ticket.SeverityRecovered} {
		a := ticket.Alert{CustomerID: "wdf", Sensor: "srv-dc01/backup", Problem: "backup-failed", Severity: sev,
			At: at.Add(time.Duration(i) * 10 * time.Minute)}
		out, _ := desk.Alert(ctx, a, ticket.MonitorPolicy{}.Qualification(a))
		fmt.Println(sev, "->", out.Action, "ticket", out.Ticket.Number, out.Ticket.Status, "alerts:", out.Ticket.AlertCount)
	}
	// Output:
	// critical -> opened ticket 1 new alerts: 1
	// critical -> repeated ticket 1 new alerts: 2
	// recovered -> resolved ticket 1 resolved alerts: 2
}

// Statistics per customer and period from a stream of tickets.
func ExampleComputeStats() {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var tickets []ticket.Ticket
	for i, k := range []ticket.Kind{ticket.Incident, ticket.Incident, ticket.ServiceRequest} {
		tk, _ := ticket.NewTicket(ticket.Draft{CustomerID: "wdf", Kind: k, Channel: ticket.ChannelEmail, Subject: "x",
			Received: at.AddDate(0, 0, i)}, ticket.System("mail-intake"))
		tickets = append(tickets, tk)
	}
	stream := func(yield func(ticket.Ticket, error) bool) {
		for _, t := range tickets {
			if !yield(t, nil) {
				return
			}
		}
	}
	s, _ := ticket.ComputeStats(stream, ticket.StatsQuery{CustomerID: "wdf"}, at.AddDate(0, 1, 0))
	fmt.Println(s.Total, s.ByKind[ticket.Incident], s.ByKind[ticket.ServiceRequest], s.ByMonth)
	// Output:
	// 3 2 1 map[2026-03:3]
}

// The subject tag threads replies that lost their references.
func ExampleParseSubjectTag() {
	subject := ticket.MailConfig{}.TagSubject(4711, "AW: [Ticket#4711] Drucker")
	fmt.Println(subject)
	n, _ := ticket.ParseSubjectTag("WG: AW: "+subject, "")
	fmt.Println(n)
	_, err := ticket.ParseSubjectTag("[Ticket#1] [Ticket#2]", "")
	fmt.Println(err)
	// Output:
	// [Ticket#4711] AW: Drucker
	// 4711
	// ticket: Subject: names tickets 1 and 2
}

// A comment's JSON form: lowerCamel names, the channel as text, the
// instant with its offset, fields with their zero value left out.
func ExampleComment_MarshalJSON() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	c := ticket.Comment{At: time.Date(2026, time.June, 5, 10, 0, 0, 0, berlin), By: ticket.Staff("max"),
		Body: "Screenshot?", Public: true, Channel: ticket.ChannelPortal,
		Attachments: []ticket.Attachment{{Name: "fehler.png", Ref: "a1b2", ContentType: "image/png", Size: 2048}}}
	b, _ := json.Marshal(c)
	fmt.Println(string(b))
	// Output:
	// {"at":"2026-06-05T10:00:00+02:00","by":{"kind":"staff","id":"max"},"body":"Screenshot?","public":true,"channel":"portal","attachments":[{"name":"fehler.png","ref":"a1b2","contentType":"image/png","size":2048}]}
}

// A watcher run every few minutes tells the customer's service-level
// recipients when a ticket's SLA clock nears its deadline and when it
// misses it, once each. A P1 call taken Friday at 16:00 has 4 business
// hours for a first response on Mon-Fri 09:00-17:00: 80 % of them are
// used Monday at 11:12, all of them at 12:00.
func ExampleDesk_WatchServiceLevels() {
	ctx := context.Background()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	office, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysNW})
	if err != nil {
		panic(err)
	}
	p1, err := sla.NewPolicy(sla.PolicyConfig{Name: "P1", Targets: []sla.PolicyTarget{
		{Name: sla.FirstResponse, Target: sla.MustParseTarget("4h business"), Calendar: "office"},
		{Name: sla.Resolution, Target: sla.MustParseTarget("16h business"), Calendar: "office"},
	}}, sla.Calendars{"office": office})
	if err != nil {
		panic(err)
	}
	agreements := func(context.Context, string) (ticket.Agreements, error) {
		return ticket.Agreements{
			Default:    sla.Agreement{Name: "Kooperationsvereinbarung", Policies: map[string]*sla.Policy{"P1": p1}},
			Priorities: map[ticket.Priority]string{ticket.Critical: "P1"},
		}, nil
	}
	desk, err := ticket.NewDesk(&store{}, slaDirectory{}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	if err != nil {
		panic(err)
	}
	_, err = desk.Open(ctx, ticket.Draft{CustomerID: "wdf", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Priority: ticket.Critical, Subject: "Warenwirtschaft steht", Received: time.Date(2026, 6, 5, 16, 0, 0, 0, berlin)},
		ticket.Staff("svc-lena"))
	if err != nil {
		panic(err)
	}
	for _, now := range []time.Time{
		time.Date(2026, 6, 8, 11, 10, 0, 0, berlin),
		time.Date(2026, 6, 8, 11, 15, 0, 0, berlin),
		time.Date(2026, 6, 8, 11, 20, 0, 0, berlin),
		time.Date(2026, 6, 8, 12, 5, 0, 0, berlin),
	} {
		for a, err := range desk.WatchServiceLevels(ctx, agreements, now) {
			if err != nil {
				fmt.Println(err)
				continue
			}
			fmt.Printf("%s: ticket %s %s %s since %s, due %s, to %s\n", now.Format("15:04"), a.Ticket, a.Clock, a.Event,
				a.At.Format("15:04"), a.Due.Format("Mon 2 Jan 15:04"), strings.Join(a.Recipients, ", "))
		}
	}
	// Output:
	// 11:15: ticket 1 response sla-warning since 11:12, due Mon 8 Jun 12:00, to team@provider.example, am.wdf@provider.example
	// 12:05: ticket 1 response sla-breach since 12:00, due Mon 8 Jun 12:00, to team@provider.example, am.wdf@provider.example
}
