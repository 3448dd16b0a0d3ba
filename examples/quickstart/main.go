// Command quickstart plays through what deskcore can do so far, with the
// service provider of seed 003 in Warendorf: its business calendar (Mon-Fri
// 09:00-18:00 for the hotline, Europe/Berlin, Nordrhein-Westfalen
// holidays), the response times of a cooperation agreement by priority, an
// incident that waits on the customer, and the complaint timeline of seed
// 002 on the Dutch calendar with a re-baselined resolution.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/nl"

	"github.com/deskcore/deskcore/sla"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(out io.Writer) error {
	hotline, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-18:00"),
		Holidays: de.HolidaysNW,
		AnnualExceptions: []sla.AnnualException{
			{Month: time.December, Day: 24, Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"},
			{Month: time.December, Day: 31, Hours: sla.MustParseHours("09:00-12:00"), Name: "Silvester"},
		},
	})
	if err != nil {
		return err
	}
	berlin := hotline.Location()
	calendars := sla.Calendars{"hotline": hotline, "24/7": sla.AlwaysOpen(berlin)}

	fmt.Fprintln(out, "== The hotline calendar")
	fmt.Fprintln(out, hotline)
	for _, day := range []time.Time{
		time.Date(2026, time.June, 4, 10, 0, 0, 0, berlin),      // Fronleichnam
		time.Date(2026, time.June, 5, 10, 0, 0, 0, berlin),      // an ordinary Friday
		time.Date(2026, time.December, 24, 13, 0, 0, 0, berlin), // Heiligabend afternoon
	} {
		fmt.Fprintf(out, "%s open: %-5v next opening %s\n", day.Format("Mon 02 Jan 15:04"), hotline.IsOpen(day),
			hotline.NextOpen(day).Format("Mon 02 Jan 15:04"))
	}

	// Response and resolution times per priority, as a cooperation
	// agreement states them; monitoring alerts run around the clock.
	policy := func(name, response, resolution, cal string) (*sla.Policy, error) {
		return sla.NewPolicy(sla.PolicyConfig{Name: name, Targets: []sla.PolicyTarget{
			{Name: sla.FirstResponse, Target: sla.MustParseTarget(response), Calendar: cal},
			{Name: sla.Resolution, Target: sla.MustParseTarget(resolution), Calendar: cal},
		}}, calendars)
	}
	agreement := sla.Agreement{Name: "Kooperationsvereinbarung", Policies: map[string]*sla.Policy{}}
	for _, p := range []struct{ prio, response, resolution, cal string }{
		{"P1", "2h business", "8h business", "hotline"},
		{"P2", "4h business", "3 business days", "hotline"},
		{"monitoring", "30m clock", "4h clock", "24/7"},
	} {
		pol, err := policy(p.prio, p.response, p.resolution, p.cal)
		if err != nil {
			return err
		}
		agreement.Policies[p.prio] = pol
	}

	fmt.Fprintln(out, "\n== A P2 incident on the Wednesday before Fronleichnam")
	p2, err := agreement.Policy("P2")
	if err != nil {
		return err
	}
	at := func(month time.Month, day, hour, min int) time.Time {
		return time.Date(2026, month, day, hour, min, 0, 0, berlin)
	}
	received := at(time.June, 3, 16, 30)
	histories := map[string][]sla.Event{
		sla.FirstResponse: {{Kind: sla.Start, At: received}, {Kind: sla.Meet, At: at(time.June, 5, 9, 40)}},
		sla.Resolution: {
			{Kind: sla.Start, At: received},
			{Kind: sla.Pause, At: at(time.June, 5, 11, 0), Reason: "waiting on customer: admin password"},
			{Kind: sla.Resume, At: at(time.June, 8, 14, 0)},
		},
	}
	for _, now := range []time.Time{at(time.June, 5, 10, 0), at(time.June, 8, 12, 0), at(time.June, 9, 17, 0)} {
		statuses, err := p2.Status(histories, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "at %s\n", now.Format("Mon 02 Jan 15:04"))
		for _, st := range statuses {
			fmt.Fprintf(out, "  %-15s %-8s due %s  remaining %-8v warning %-5v breached %v\n", st.Name, st.State,
				st.Due.Format("Mon 02 Jan 15:04"), st.Remaining, st.Warning, st.Breached)
		}
	}

	fmt.Fprintln(out, "\n== A complaint under seed 002, on the Dutch calendar")
	dutch, err := sla.NewCalendar(sla.Config{Zone: "Europe/Amsterdam", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: nl.Holidays})
	if err != nil {
		return err
	}
	complaints, err := sla.NewPolicy(sla.PolicyConfig{Name: "klachten", Targets: []sla.PolicyTarget{
		{Name: sla.Acknowledgement, Target: sla.MustParseTarget("7 business days"), Calendar: "nl"},
		{Name: sla.Update, Target: sla.MustParseTarget("14 business days"), Calendar: "nl", After: sla.Acknowledgement},
		{Name: sla.Resolution, Target: sla.MustParseTarget("30 business days"), Calendar: "nl"},
	}}, sla.Calendars{"nl": dutch})
	if err != nil {
		return err
	}
	ams := func(month time.Month, day, hour, min int) time.Time {
		return time.Date(2026, month, day, hour, min, 0, 0, dutch.Location())
	}
	// Received on the Friday evening before Koningsdag: counts from Tuesday.
	got := ams(time.April, 24, 18, 30)
	steps := map[string][]sla.Event{
		sla.Acknowledgement: {{Kind: sla.Start, At: got}, {Kind: sla.Meet, At: ams(time.April, 29, 11, 0)}},
		sla.Update:          {{Kind: sla.Meet, At: ams(time.May, 15, 15, 0)}},
		sla.Resolution: {
			{Kind: sla.Start, At: got},
			{Kind: sla.Rebaseline, At: ams(time.June, 3, 10, 0), Due: ams(time.June, 26, 17, 0),
				Reason: "replacement inverter delivered late by the manufacturer"},
			{Kind: sla.Meet, At: ams(time.June, 24, 12, 0)},
		},
	}
	statuses, err := complaints.Status(steps, ams(time.July, 1, 9, 0))
	if err != nil {
		return err
	}
	for _, st := range statuses {
		fmt.Fprintf(out, "  %-15s %-6s due %s  met on time %-5v original due %s met original %v\n", st.Name, st.State,
			st.Due.Format("02 Jan 15:04"), st.MetOnTime(), st.Original.Due.Format("02 Jan 15:04"), st.MetOriginal())
	}
	return nil
}
