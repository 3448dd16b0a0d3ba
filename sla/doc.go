// Package sla models business calendars and the service-level clocks that
// run on them: when a response is due, how much business time a ticket has
// used, whether a complaint's deadline was met.
//
// # Calendars
//
// A Calendar is opening hours in a time zone: working intervals per weekday
// (several a day, 08:00-12:00 and 13:00-17:00), public holidays by country
// and region from github.com/rickar/cal/v2 (de.HolidaysNW for
// Nordrhein-Westfalen, nl.Holidays for the Netherlands) or the host's own
// list, and dated exceptions: closing days, half days, special openings.
// The common case is four lines:
//
//	office, err := sla.NewCalendar(sla.Config{
//		Zone:     "Europe/Berlin",
//		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
//		Holidays: de.HolidaysNW,
//	})
//
// and a 24/7 calendar for around-the-clock monitoring is one:
// sla.AlwaysOpen(loc).
//
// NewCalendar compiles the specification once into the instants at which
// the calendar opens and closes over a range of years, with a running total
// of business time. Every question after that (Add, Between, IsOpen,
// NextOpen, NextClose, AddDays, DueWithinDays) is a binary search: an hour
// and five years cost the same, nothing allocates, and a Calendar is safe
// for concurrent use without locks.
//
// Business time is elapsed time. Opening hours are wall-clock times, so on
// the day clocks spring forward a 00:00-24:00 day has 23 hours of business
// time, and an opening at a skipped wall time (02:30 in Berlin on the last
// Sunday of March) opens when the clock jumps past it. A repeated wall time
// (fall back) means its first occurrence.
//
// # Business days
//
// "Within N business days" deadlines (seed 002: acknowledgement within 7
// business days, resolution within 30) follow one stated rule, implemented
// by DueWithinDays: due at the close of the N-th business day after the day
// of receipt, where receipt outside opening hours counts as receipt at the
// next opening.
package sla
