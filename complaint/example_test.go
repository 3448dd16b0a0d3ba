package complaint_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

const stamp = "Mon 2006-01-02 15:04"

// nlExample is the Dutch complaints procedure on the Dutch office calendar, as a host
// builds it once at start-up.
func nlExample() *complaint.Policy {
	office, err := complaint.NLOffice()
	if err != nil {
		panic(err)
	}
	p, err := complaint.NewPolicy(complaint.PresetNL(), sla.Calendars{complaint.OfficeCalendar: office})
	if err != nil {
		panic(err)
	}
	return p
}

// A service complaint mailed on a Friday evening before Koningsdag is
// acknowledged on Tuesday with its reference number and initial
// timeline: the counting starts at Tuesday's opening.
func ExamplePolicy_Acknowledge() {
	p := nlExample()
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	c, err := p.NewComplaint(complaint.Intake{
		Type:       complaint.TypeService,
		ReceivedAt: time.Date(2026, time.April, 24, 18, 0, 0, 0, ams),
		Details:    complaint.Details{TicketNumber: "T-4711", Description: "The technician did not come."},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	c.Ref.Seq = 42 // Store.Create numbers it

	desk := complaint.Actor{ID: "anna", Team: "desk"}
	a, err := p.Acknowledge(&c, desk, time.Date(2026, time.April, 28, 11, 0, 0, 0, ams))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("reference:     ", a.Ref)
	fmt.Println("acknowledge by:", a.Due.Format(stamp), "on time:", a.OnTime)
	fmt.Println("first update:  ", a.UpdateDue.Format(stamp))
	fmt.Println("resolution:    ", a.ResolutionDue.Format(stamp))
	// Output:
	// reference:      CMP-2026-00042
	// acknowledge by: Fri 2026-05-08 17:00 on time: true
	// first update:   Wed 2026-05-20 17:00
	// resolution:     Fri 2026-06-12 17:00
}

// Every missing detail is named at once.
func ExamplePolicy_NewComplaint() {
	p := nlExample()
	_, err := p.NewComplaint(complaint.Intake{
		Type:       complaint.TypeGeneral,
		ReceivedAt: time.Date(2026, time.April, 24, 18, 0, 0, 0, time.UTC),
		Details:    complaint.Details{Name: "Jan de Vries", Email: "Jan <jan@example.nl>"},
	})
	var ve *complaint.ValidationError
	if errors.As(err, &ve) {
		fmt.Println("missing:", ve.Missing())
		fmt.Println(err)
	}
	// Output:
	// missing: [Description OccurredAt]
	// complaint: Description: is required; Email: "Jan <jan@example.nl>" is not a bare e-mail address such as jan@example.nl; OccurredAt: is required
}

// The 24-hour complaints procedure: acknowledgement within 24 hours on the clock, so a complaint
// from Friday evening is due on Saturday evening.
func ExamplePreset24h() {
	p, err := complaint.NewPolicy(complaint.Preset24h(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	c, _ := p.NewComplaint(complaint.Intake{
		Type:       complaint.TypeGeneral,
		ReceivedAt: time.Date(2026, time.April, 24, 18, 0, 0, 0, ams),
		Details: complaint.Details{Name: "Jan de Vries", Email: "jan@example.nl",
			Description: "Charged twice", OccurredAt: time.Date(2026, time.April, 20, 9, 0, 0, 0, ams)},
	})
	tl, _ := p.Timeline(c, c.ReceivedAt)
	fmt.Println("acknowledge by:", tl.Acknowledgement.Due.Format(stamp))
	fmt.Println("resolve by:    ", tl.Resolution.Due.Format(stamp))
	// Output:
	// acknowledge by: Sat 2026-04-25 18:00
	// resolve by:     Sun 2026-05-24 18:00
}

// The resolution deadline is extended with an explanation and a new date;
// the decision is reported against the deadline in force and the
// original.
func ExamplePolicy_Extend() {
	p := nlExample()
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, ams) }
	bob := complaint.Actor{ID: "bob", Team: "service"}

	c, _ := p.NewComplaint(complaint.Intake{
		Type: complaint.TypeProduct, ReceivedAt: at(time.April, 24, 18),
		Details: complaint.Details{ProductModel: "SolarMax 5000", Description: "No output since the update."},
	})
	c.Ref.Seq = 7
	steps := []error{
		func() error { _, err := p.Acknowledge(&c, bob, at(time.April, 28, 11)); return err }(),
		p.StartInvestigation(&c, bob, at(time.April, 28, 12)),
		p.RecordContact(&c, bob, at(time.May, 4, 10), "supplier-sma", "Asked for an analysis of the firmware"),
		p.Extend(&c, bob, at(time.June, 10, 10), "The supplier's analysis takes two more weeks", at(time.June, 26, 17)),
		p.Resolve(&c, bob, at(time.June, 24, 15), complaint.Decision{
			Explanation: "A firmware fault; the supplier fixed it.",
			Actions:     []string{"Installed firmware 2.4.1", "Credited one month's monitoring fee"},
		}),
	}
	if err := errors.Join(steps...); err != nil {
		fmt.Println(err)
		return
	}
	tl, _ := p.Timeline(c, at(time.July, 1, 9))
	r := tl.Resolution
	fmt.Println("original deadline:", r.Original.Due.Format(stamp), "met:", r.MetOriginal())
	for _, e := range tl.Extensions {
		fmt.Println("extended to:      ", e.To.Format(stamp), "because", e.Reason)
	}
	fmt.Println("deadline in force:", r.Due.Format(stamp), "met:", r.MetOnTime())
	// Output:
	// original deadline: Fri 2026-06-12 17:00 met: false
	// extended to:       Fri 2026-06-26 17:00 because The supplier's analysis takes two more weeks
	// deadline in force: Fri 2026-06-26 17:00 met: true
}

// The reviewer of an escalation must not have been involved in the first
// investigation, neither in person nor through their team.
func ExamplePolicy_AssignReviewer() {
	office, _ := complaint.NLOffice()
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, ams) }
	anna := complaint.Actor{ID: "anna", Team: "desk"}
	bob := complaint.Actor{ID: "bob", Team: "service"}
	manager := complaint.Actor{ID: "gert", Team: "management"}

	// Who may review is the policy's: another person who took part in
	// nothing (the default), or another team.
	for _, rule := range []complaint.Independence{complaint.IndependentPerson, complaint.IndependentTeam} {
		cfg := complaint.PresetNL()
		cfg.Independence = rule
		p, err := complaint.NewPolicy(cfg, sla.Calendars{complaint.OfficeCalendar: office})
		if err != nil {
			fmt.Println(err)
			return
		}
		c, _ := p.NewComplaint(complaint.Intake{
			Type: complaint.TypeService, ReceivedAt: at(time.May, 4, 10),
			Details: complaint.Details{TicketNumber: "T-4711", Description: "Invoice for a free repair."},
		})
		c.Ref.Seq = 9
		_, err = p.Acknowledge(&c, anna, at(time.May, 4, 11))
		err = errors.Join(err,
			p.StartInvestigation(&c, bob, at(time.May, 4, 12)),
			p.Reject(&c, bob, at(time.June, 1, 14), complaint.Decision{Explanation: "The repair was not under warranty."}),
			p.Escalate(&c, at(time.June, 2, 10), "The device was under warranty."),
		)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("independent", rule)
		for _, reviewer := range []complaint.Actor{
			{ID: "carl", Team: "service"},
			{ID: "anna", Team: "quality"},
			{ID: "erik", Team: "quality"},
		} {
			err := p.AssignReviewer(&c, manager, at(time.June, 2, 11), reviewer)
			fmt.Printf("  %-16s %v\n", reviewer.String()+":", err)
		}
	}
	// Output:
	// independent person
	//   carl (service):  <nil>
	//   anna (quality):  complaint CMP-2026-00009: reviewer anna (quality) is not independent: anna took part in the first investigation
	//   erik (quality):  <nil>
	// independent team
	//   carl (service):  complaint CMP-2026-00009: reviewer carl (service) is not independent: team service took part in the first investigation and the procedure asks for another team
	//   anna (quality):  complaint CMP-2026-00009: reviewer anna (quality) is not independent: anna took part in the first investigation
	//   erik (quality):  <nil>
}

// The deadlines of a complaint are known the moment it arrives, before it
// is stored or numbered: the first update counts from the
// acknowledgement, so it is shown as conditional on it.
func ExamplePolicy_Deadlines() {
	p := nlExample()
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	d, err := p.Deadlines(time.Date(2026, time.April, 24, 10, 0, 0, 0, ams))
	if err != nil {
		fmt.Println(err)
		return
	}
	const layout = "Mon 2 Jan 15:04"
	fmt.Println("acknowledgement:", d.Acknowledgement.Format(layout))
	fmt.Println("first update:   ", d.Update)
	fmt.Println("resolution:     ", d.Resolution.Format(layout))
	// Output:
	// acknowledgement: Thu 7 May 17:00
	// first update:    14 business days after the acknowledgement, at the latest 2026-05-29 17:00 CEST
	// resolution:      Thu 11 Jun 17:00
}

// Acknowledging at the due instant is on time and gives the same update
// deadline as acknowledging a minute earlier: 17:00 still belongs to the
// business day it closes. A minute later is late and counts from the next
// day's opening.
func ExamplePolicy_UpdateDue() {
	p := nlExample()
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	for _, hm := range [][2]int{{16, 59}, {17, 0}, {17, 1}} {
		ackAt := time.Date(2026, time.May, 7, hm[0], hm[1], 0, 0, ams)
		due, err := p.UpdateDue(ackAt)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("acknowledged %s: update due %s\n", ackAt.Format("Mon 2 Jan 15:04"), due.Format("Mon 2 Jan 15:04"))
	}
	// Output:
	// acknowledged Thu 7 May 16:59: update due Fri 29 May 17:00
	// acknowledged Thu 7 May 17:00: update due Fri 29 May 17:00
	// acknowledged Thu 7 May 17:01: update due Mon 1 Jun 17:00
}

// A host's schedule asks every open complaint for the reminders it is
// due, sends them, then marks each inside Store.Update: a reminder is
// sent once per deadline, stage and due instant. The Dutch
// acknowledgement of a complaint received on Monday 4 May 2026 is due on
// Friday 15 May (Bevrijdingsdag and Ascension closed), due soon from the
// close of the business day before Ascension.
func ExamplePolicy_Reminders() {
	p := nlExample()
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	c, err := p.NewComplaint(complaint.Intake{
		Type:       complaint.TypeService,
		ReceivedAt: time.Date(2026, time.May, 4, 10, 0, 0, 0, ams),
		Details:    complaint.Details{TicketNumber: "T-4711", Description: "The technician did not come."},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	c.Ref.Seq = 42 // Store.Create numbers it

	for _, now := range []time.Time{
		time.Date(2026, time.May, 13, 16, 0, 0, 0, ams),
		time.Date(2026, time.May, 13, 17, 15, 0, 0, ams),
		time.Date(2026, time.May, 14, 9, 0, 0, 0, ams),
		time.Date(2026, time.May, 18, 9, 0, 0, 0, ams),
	} {
		rs, err := p.Reminders(c, now)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %d due\n", now.Format(stamp), len(rs))
		for _, r := range rs {
			fmt.Printf("  %s, from %s\n", r, r.From.Format(stamp))
			if err := p.MarkReminded(&c, r, now); err != nil { // inside Store.Update
				fmt.Println(err)
			}
		}
	}
	// Output:
	// Wed 2026-05-13 16:00: 0 due
	// Wed 2026-05-13 17:15: 1 due
	//   CMP-2026-00042: acknowledgement due 2026-05-15 17:00 CEST, from Wed 2026-05-13 17:00
	// Thu 2026-05-14 09:00: 0 due
	// Mon 2026-05-18 09:00: 1 due
	//   CMP-2026-00042: acknowledgement overdue since 2026-05-15 17:00 CEST, from Fri 2026-05-15 17:00
}
