// Package sla models business calendars and the service-level clocks that
// run on them: when a response is due, how much business time a ticket has
// used, whether a complaint's deadline was met.
//
// A host compiles the calendar of an office once and asks it for
// deadlines:
//
//	office, err := sla.NewCalendar(sla.Config{
//		Zone:     "Europe/Berlin",
//		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
//		Holidays: de.HolidaysNW, // github.com/rickar/cal/v2/de
//	})
//	if err != nil {
//		return err
//	}
//	due, err := office.Add(received, 8*time.Hour)  // 8 business hours
//	ack, err := office.DueWithinDays(received, 7)  // within 7 business days
//	used := office.Between(received, now)          // business time so far
//
// Clocks then follow one target of one ticket or complaint through its
// events (start, pause, resume, meet), and Policy and Agreement bundle the
// targets of a service agreement per priority.
//
// # Calendars
//
// A Calendar is opening hours in a time zone: working intervals per weekday
// (several a day, 08:00-12:00 and 13:00-17:00), public holidays by country
// and region from github.com/rickar/cal/v2 (de.HolidaysNW for
// Nordrhein-Westfalen, nl.Holidays for the Netherlands) or the host's own
// list, and dated exceptions: closing days, half days, special openings.
// The common case is the four lines above, and a 24/7 calendar for around-the-clock monitoring is one:
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
// "Within N business days" deadlines (the Dutch complaints procedure: acknowledgement within 7
// business days, resolution within 30) follow one stated rule, implemented
// by DueWithinDays: due at the close of the N-th business day after the day
// of receipt, where receipt outside opening hours counts as receipt at the
// next opening and receipt at the instant of a close counts in the day
// that closes (so a step taken at its 17:00 deadline, on time, starts the
// next count from that day, as one taken at 16:59 does).
//
// # Clocks
//
// A Target says how long something may take, in one of three measures, and
// is written as agreements state it: "4h business" (business time on a
// calendar), "24h clock" (elapsed time, weekends and nights included, as
// the 24-hour complaints procedure's "within 24 hours") or "7 business days" (DueWithinDays). A
// Clock binds a target to a calendar, and Clock.Status computes, from the
// history of Events a host has stored (Start, Pause, Resume, Meet,
// Rebaseline, Stop) and an instant now, where the clock stands: its State
// (Pending, Running, Paused, Met, Stopped), the Due instant, the time
// Elapsed and Remaining, and whether it is Breached. Status is a pure
// function: no clock is read, nothing is stored, and replaying a history
// at an earlier now shows how it stood then. An impossible history (a
// resume without a pause, events out of order, anything after the target
// was met) is a *HistoryError naming the event.
//
// Every target becomes, when its clock starts, a budget: the time from the
// start to its first deadline. Time spent paused, typically waiting on the
// customer, does not count: a pause moves the deadline later by the
// business time it lasted, so a wait from Friday 16:00 to Monday 10:00 on
// a 09:00-17:00 calendar moves it by two hours, and the same wait moves a
// clock-time deadline by 66 hours. A business-days deadline without pauses
// is exactly DueWithinDays; a pause of whole business days keeps it at a
// day's close, part of a day moves it into the day. Leaving a pause never
// breaches at once: the deadline is never before the resume. A pause that
// starts after the deadline does not move it; missed stays missed. While
// paused, Due is where the deadline would be if the clock resumed now.
//
// Deadline.Warning turns on when a share of the budget is used (80% unless
// Clock.WarnPercent or PolicyConfig.WarnPercent says otherwise), and
// Deadline.WarnAt says when it will, so a host can schedule its reminder
// rather than poll. Breached is not a state but a flag, because a clock can
// be late while running, while paused and when met.
//
// A missed or endangered target can be re-baselined: a Rebaseline event
// carries the explanation owed to the customer and the new deadline. Pauses after it move the new deadline like any other. The history
// keeps everything, and Status answers both questions: Status.Deadline is
// the deadline in force, Status.Original the one the target had before any
// re-baselining, with MetOnTime and MetOriginal to match.
//
// A Policy groups named targets (Acknowledgement, Update, Resolution or the
// host's own) that apply together, each on a calendar named in a Calendars
// map, so stored policies refer to "hotline" or "24/7" rather than embed
// calendars. A target can follow another: the Dutch complaints procedure's update is due 14
// business days after the acknowledgement, so its clock starts when the
// acknowledgement is met; unknown names and cycles are rejected by
// NewPolicy. An Agreement picks a policy per priority, as the service agreement's
// cooperation agreement sets response times per priority, with 24/7
// monitoring on an AlwaysOpen calendar.
//
// # JSON
//
// Event, Status, Deadline, Exception, AnnualException, PolicyTarget and
// PolicyConfig have a JSON form for a host's API and for the documents a
// store keeps: lowerCamel names, fields with their zero value left out,
// enumerations, targets, weeks and intervals as their text, instants in
// RFC 3339 with their offset, dates "YYYY-MM-DD", an annual exception's
// day of the year "MM-DD" ({"date":"12-24","hours":["09:00-12:00"]}),
// durations as hours ("7h30m"). Reading refuses unknown names (in any
// letter case), days that do not exist, instants without an offset and
// unknown enumeration texts with a *ValidationError naming the path
// ("deadline.due"). Compiled calendars and policies have none: a host
// stores what they are compiled from.
//
// # Performance
//
// None of the calendar arithmetic allocates (TestArithmeticDoesNotAllocate
// holds it to that); figures and how they were measured are in
// BENCHMARKS.md at the repository's root.
//
// # Correctness
//
// Beyond the table tests of the rules, a property test compiles random
// calendars (one to three intervals a day, seven-day weeks whose hours
// straddle DST changes, exceptions, holidays, nine zones including Lord
// Howe's half-hour DST, Chatham's +12:45 and Sao Paulo's midnight
// changes) and checks every operation against a deliberately simple
// reference that walks the year minute by minute.
package sla
