// Command quickstart plays through what deskcore can do so far: the
// business calendar of a service provider in Warendorf (Mon-Fri
// 09:00-17:00, Europe/Berlin, Nordrhein-Westfalen holidays) answering the
// deadline questions a service desk asks every day.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/rickar/cal/v2/de"

	"github.com/deskcore/deskcore/sla"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	office, err := sla.NewCalendar(sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysNW,
	})
	if err != nil {
		return err
	}
	berlin := office.Location()
	received := time.Date(2026, time.April, 1, 16, 0, 0, 0, berlin) // Wednesday before Easter

	fmt.Println("Service desk calendar:", office)
	fmt.Println("Incident received:    ", received.Format(time.DateTime))
	fmt.Println("4h response due:      ", office.Add(received, 4*time.Hour).Format(time.DateTime))
	fmt.Println("7 business days due:  ", office.DueWithinDays(received, 7).Format(time.DateTime))
	fmt.Println("Open on Good Friday:  ", office.IsOpen(received.AddDate(0, 0, 2).Add(-5*time.Hour)))
	fmt.Println("Business time to Tue: ", office.Between(received, time.Date(2026, time.April, 7, 12, 0, 0, 0, berlin)))
	return nil
}
