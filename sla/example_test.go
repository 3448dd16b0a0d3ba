package sla_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/sla"
)

// The common case: Mon-Fri 09:00-17:00 in Berlin with the public holidays
// of Nordrhein-Westfalen.
func ExampleNewCalendar() {
	office, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysNW,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Thursday before Easter, 16:00: Good Friday and Easter Monday are
	// closed, so a 4-hour response is due on Tuesday.
	received := time.Date(2026, time.April, 2, 16, 0, 0, 0, office.Location())
	due, err := office.Add(received, 4*time.Hour)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(due.Format(time.DateTime))
	// Output: 2026-04-07 12:00:00
}

// An always-open calendar counts elapsed time, so a day with a DST change
// has 23 or 25 hours.
func ExampleAlwaysOpen() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	monitoring := sla.AlwaysOpen(berlin)
	sat := time.Date(2026, time.March, 28, 0, 0, 0, 0, berlin)
	fmt.Println(monitoring.Between(sat, sat.AddDate(0, 0, 2)))
	// Output: 47h0m0s
}

func ExampleCalendar_Between() {
	office, _ := sla.NewCalendar(sla.Config{
		Zone: "Europe/Berlin",
		Week: sla.MustParseWeek("Mon-Fri 08:00-12:00,13:00-17:00"),
	})
	loc := office.Location()
	from := time.Date(2026, time.March, 20, 11, 0, 0, 0, loc) // Friday
	to := time.Date(2026, time.March, 23, 14, 0, 0, 0, loc)   // Monday
	fmt.Println(office.Between(from, to))
	fmt.Println(office.Between(to, from))
	// Output:
	// 10h0m0s
	// -10h0m0s
}

// The Dutch complaints procedure's complaint timeline on the Dutch calendar: acknowledgement
// within 7 business days, resolution within 30, both from receipt.
// Koningsdag (27 April), Bevrijdingsdag, Hemelvaart and Pinksteren fall
// inside the window.
func ExampleCalendar_DueWithinDays() {
	office, _ := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Amsterdam",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: nl.Holidays,
	})
	received := time.Date(2026, time.April, 21, 10, 0, 0, 0, office.Location())
	ack, _ := office.DueWithinDays(received, 7)
	resolve, _ := office.DueWithinDays(received, 30)
	fmt.Println("acknowledge by", ack.Format(time.DateTime))
	fmt.Println("resolve by    ", resolve.Format(time.DateTime))
	// Output:
	// acknowledge by 2026-05-01 17:00:00
	// resolve by     2026-06-08 17:00:00
}

func ExampleCalendar_AddDays() {
	office, _ := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Amsterdam",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: nl.Holidays,
	})
	friday := time.Date(2026, time.April, 24, 15, 0, 0, 0, office.Location())
	next, err := office.AddDays(friday, 1) // Monday is Koningsdag
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(next)
	// Output: 2026-04-28
}

func ExampleCalendar_NextOpen() {
	office, _ := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysNW,
	})
	friday := time.Date(2026, time.May, 1, 10, 0, 0, 0, office.Location()) // Maifeiertag
	fmt.Println(office.IsOpen(friday))
	fmt.Println(office.NextOpen(friday).Format(time.DateTime))
	fmt.Println(office.NextClose(friday).Format(time.DateTime))
	// Output:
	// false
	// 2026-05-04 09:00:00
	// 2026-05-04 17:00:00
}

// Half days every year, a special Saturday opening and the company's own
// closing day.
func ExampleConfig_exceptions() {
	office, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysNW,
		AnnualExceptions: []sla.AnnualException{
			{Month: time.December, Day: 24, Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"},
			{Month: time.December, Day: 31, Hours: sla.MustParseHours("09:00-12:00"), Name: "Silvester"},
		},
		Exceptions: append(
			[]sla.Exception{{Date: date.New(2026, time.March, 28), Hours: sla.MustParseHours("10:00-14:00"), Name: "Inventur"}},
			sla.ClosedOn("Betriebsausflug", date.New(2026, time.June, 17))...),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range []date.Date{date.New(2026, time.December, 24), date.New(2026, time.March, 28), date.New(2026, time.June, 17)} {
		start := d.MidnightIn(office.Location())
		fmt.Printf("%s open %v", d, office.Between(start, start.AddDate(0, 0, 1)))
		if name, closed := office.Closure(d); closed {
			fmt.Print(" (", name, ")")
		}
		fmt.Println()
	}
	// Output:
	// 2026-12-24 open 3h0m0s
	// 2026-03-28 open 4h0m0s
	// 2026-06-17 open 0s (Betriebsausflug)
}

func ExampleParseWeek() {
	week, err := sla.ParseWeek("Mon-Fri 08:00-12:00, 13:00-17:00; Sat 09:00-12:00")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(week)
	fmt.Println(week.Hours())
	_, err = sla.ParseWeek("Mon-Fri 09:00-13:00,12:00-17:00")
	fmt.Println(err)
	// Output:
	// Mon-Fri 08:00-12:00,13:00-17:00; Sat 09:00-12:00
	// 43h0m0s
	// sla: Mon-Fri[1]: 12:00-17:00 overlaps 09:00-13:00
}

// An annual half day in its JSON form: the day of the year as "MM-DD",
// the dated exception's date without its year.
func ExampleAnnualException_MarshalJSON() {
	b, err := json.Marshal(sla.AnnualException{Month: time.December, Day: 24, Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"})
	fmt.Println(string(b), err)
	var ex sla.AnnualException
	err = json.Unmarshal([]byte(`{"date":"02-30","hours":["09:00-12:00"]}`), &ex)
	fmt.Println(err)
	// Output:
	// {"date":"12-24","hours":["09:00-12:00"],"name":"Heiligabend"} <nil>
	// sla: date: "02-30" is not a day of the year written MM-DD that exists
}
