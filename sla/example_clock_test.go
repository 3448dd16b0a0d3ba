package sla_test

import (
	"fmt"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/nl"

	"github.com/deskcore/deskcore/sla"
)

// Targets are written the way agreements state them; each says what it
// counts.
func ExampleParseTarget() {
	for _, s := range []string{"4h business", "24h clock", "7 business days", "90m business"} {
		t, err := sla.ParseTarget(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-16s %-14s %s\n", s, t.Kind, t)
	}
	_, err := sla.ParseTarget("soon")
	fmt.Println(err)
	// Output:
	// 4h business      business       4h business
	// 24h clock        clock          24h clock
	// 7 business days  business days  7 business days
	// 90m business     business       1h30m business
	// sla: target: "soon" is not a target such as "8h business", "24h clock" or "7 business days"
}

// A reply is due within 16 business hours. The ticket waits on the
// customer from Friday 16:00 to Monday 10:00; only the two business hours
// of that wait move the deadline, and the clock warns at 80%.
func ExampleClock_Status() {
	office, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Amsterdam",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: nl.Holidays,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(day, hour, min int) time.Time {
		return time.Date(2026, time.June, day, hour, min, 0, 0, office.Location())
	}
	clock := sla.Clock{Target: sla.MustParseTarget("16h business"), Calendar: office}
	history := []sla.Event{
		{Kind: sla.Start, At: at(5, 15, 0)}, // Friday
		{Kind: sla.Pause, At: at(5, 16, 0), Reason: "waiting on customer"},
		{Kind: sla.Resume, At: at(8, 10, 0)}, // Monday
	}
	for _, now := range []time.Time{at(5, 15, 0), at(8, 9, 30), at(9, 14, 0), at(9, 17, 30)} {
		st, err := clock.Status(history, now)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s  %-7s due %s  left %-6v warning %-5v breached %v\n", now.Format("Mon 15:04"),
			st.State, st.Due.Format("Mon 15:04"), st.Remaining, st.Warning, st.Breached)
	}
	// Output:
	// Fri 15:00  running due Tue 15:00  left 16h0m0s warning false breached false
	// Mon 09:30  paused  due Tue 16:30  left 15h0m0s warning false breached false
	// Tue 14:00  running due Tue 17:00  left 3h0m0s warning true  breached false
	// Tue 17:30  running due Tue 17:00  left 0s     warning false breached true
}

// The Dutch complaints procedure: when the resolution cannot be reached within 30 business days,
// the customer gets an explanation and a new timeline. The history keeps
// both deadlines.
func ExampleClock_Status_rebaseline() {
	office, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Amsterdam",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: nl.Holidays,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(month time.Month, day, hour int) time.Time {
		return time.Date(2026, month, day, hour, 0, 0, 0, office.Location())
	}
	clock := sla.Clock{Target: sla.MustParseTarget("30 business days"), Calendar: office}
	history := []sla.Event{
		{Kind: sla.Start, At: at(time.April, 22, 10)},
		{Kind: sla.Rebaseline, At: at(time.June, 1, 10), Due: at(time.June, 26, 17),
			Reason: "the inverter goes back to the manufacturer"},
		{Kind: sla.Meet, At: at(time.June, 25, 14)},
	}
	st, err := clock.Status(history, at(time.June, 26, 12))
	if err != nil {
		fmt.Println(err)
		return
	}
	const layout = "Mon 2 Jan 15:04"
	fmt.Println("original due", st.Original.Due.Format(layout), "met:", st.MetOriginal())
	fmt.Println("new due     ", st.Due.Format(layout), "met:", st.MetOnTime())
	fmt.Println("because", st.Reason)
	// Output:
	// original due Tue 9 Jun 17:00 met: false
	// new due      Fri 26 Jun 17:00 met: true
	// because the inverter goes back to the manufacturer
}

// The Dutch complaints procedure as a policy: the update is due 14
// business days after the acknowledgement, so its clock starts when the
// acknowledgement is met.
func ExamplePolicy_Status() {
	office, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Amsterdam",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: nl.Holidays,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	policy, err := sla.NewPolicy(sla.PolicyConfig{Name: "klachten", Targets: []sla.PolicyTarget{
		{Name: sla.Acknowledgement, Target: sla.MustParseTarget("7 business days"), Calendar: "nl"},
		{Name: sla.Update, Target: sla.MustParseTarget("14 business days"), Calendar: "nl", After: sla.Acknowledgement},
		{Name: sla.Resolution, Target: sla.MustParseTarget("30 business days"), Calendar: "nl"},
	}}, sla.Calendars{"nl": office})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(month time.Month, day, hour int) time.Time {
		return time.Date(2026, month, day, hour, 0, 0, 0, office.Location())
	}
	received := at(time.April, 22, 10)
	statuses, err := policy.Status(map[string][]sla.Event{
		sla.Acknowledgement: {{Kind: sla.Start, At: received}, {Kind: sla.Meet, At: at(time.April, 30, 11)}},
		sla.Resolution:      {{Kind: sla.Start, At: received}},
	}, at(time.May, 1, 12))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range statuses {
		fmt.Printf("%-15s %-7s due %s\n", st.Name, st.State, st.Due.Format("Mon 2 Jan 15:04"))
	}
	// Output:
	// acknowledgement met     due Mon 4 May 17:00
	// update          running due Fri 22 May 17:00
	// resolution      running due Tue 9 Jun 17:00
}

// The cooperation agreement sets response times per priority on
// the hotline's hours (Mon-Fri 09:00-18:00, Nordrhein-Westfalen), and 24/7
// monitoring runs on an always-open calendar. A ticket arrives the day
// before Fronleichnam.
func ExampleAgreement_Policy() {
	hotline, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-18:00"),
		Holidays: de.HolidaysNW,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	calendars := sla.Calendars{"hotline": hotline, "24/7": sla.AlwaysOpen(hotline.Location())}
	agreement := sla.Agreement{Name: "Kooperationsvereinbarung", Policies: map[string]*sla.Policy{}}
	for _, p := range []struct{ priority, response, calendar string }{
		{"P1", "2h business", "hotline"},
		{"P2", "4h business", "hotline"},
		{"monitoring", "30m business", "24/7"},
	} {
		policy, err := sla.NewPolicy(sla.PolicyConfig{Name: p.priority, Targets: []sla.PolicyTarget{
			{Name: sla.FirstResponse, Target: sla.MustParseTarget(p.response), Calendar: p.calendar},
		}}, calendars)
		if err != nil {
			fmt.Println(err)
			return
		}
		agreement.Policies[p.priority] = policy
	}

	received := time.Date(2026, time.June, 3, 16, 0, 0, 0, hotline.Location())
	for _, priority := range []string{"P1", "P2", "monitoring", "P9"} {
		policy, err := agreement.Policy(priority)
		if err != nil {
			fmt.Println(err)
			continue
		}
		st, err := policy.Status(map[string][]sla.Event{sla.FirstResponse: {{Kind: sla.Start, At: received}}}, received)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-10s respond by %s\n", priority, st[0].Due.Format("Mon 2 Jan 15:04"))
	}
	// Output:
	// P1         respond by Wed 3 Jun 18:00
	// P2         respond by Fri 5 Jun 11:00
	// monitoring respond by Wed 3 Jun 16:30
	// sla: priority: agreement "Kooperationsvereinbarung" has no policy for priority "P9"
}
