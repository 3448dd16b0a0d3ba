package sla_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
)

// Events of a history, one letter of ceremony each.
func started(at time.Time) sla.Event { return sla.Event{Kind: sla.Start, At: at} }
func paused(at time.Time) sla.Event {
	return sla.Event{Kind: sla.Pause, At: at, Reason: "waiting on customer"}
}
func resumed(at time.Time) sla.Event { return sla.Event{Kind: sla.Resume, At: at} }
func met(at time.Time) sla.Event     { return sla.Event{Kind: sla.Meet, At: at} }
func stopped(at time.Time) sla.Event { return sla.Event{Kind: sla.Stop, At: at} }
func rebaselined(at, due time.Time, reason string) sla.Event {
	return sla.Event{Kind: sla.Rebaseline, At: at, Due: due, Reason: reason}
}

func businessDays(c *sla.Calendar, n int) sla.Clock {
	return sla.Clock{Target: sla.Target{Kind: sla.BusinessDays, Days: n}, Calendar: c}
}
func businessTime(c *sla.Calendar, d time.Duration) sla.Clock {
	return sla.Clock{Target: sla.Target{Kind: sla.BusinessTime, Duration: d}, Calendar: c}
}
func clockTime(c *sla.Calendar, d time.Duration) sla.Clock {
	return sla.Clock{Target: sla.Target{Kind: sla.ClockTime, Duration: d}, Calendar: c}
}

// On the Dutch complaints procedure's calendar (Mon-Fri 09:00-17:00, Dutch holidays), 2026:
// Koningsdag Mon 27 Apr, Bevrijdingsdag Tue 5 May, Hemelvaart Thu 14 May,
// Tweede Pinksterdag Mon 25 May; June has none. A business day is 8h.
// Every expected value below is counted by hand from those facts.
func TestClock(t *testing.T) {
	nl := officeNL()
	wed22Apr := ams(2026, 4, 22, 10, 0)
	fri5Jun := ams(2026, 6, 5, 15, 0) // 16h business from here: Fri 2h, Mon 8h, Tue 09:00-15:00
	mon8Jun := ams(2026, 6, 8, 9, 0)  // 8h business from here: Mon 17:00
	clock24 := clockTime(nl, 24*time.Hour)
	part := "the replacement part ships on Thursday"

	tests := []struct {
		name    string
		clock   sla.Clock
		history []sla.Event
		now     time.Time
		want    sla.Status // Original, when left zero, is expected to equal the Deadline
	}{
		// The Dutch complaints procedure: acknowledgement within 7 business days of Wed 22 Apr
		// 10:00: Thu 23, Fri 24, (Koningsdag), Tue 28, Wed 29, Thu 30,
		// Fri 1 May, Mon 4 May, due at its close. Budget 7h on the day of
		// receipt + 7 x 8h = 63h; 80% of it is 50h24m.
		{"seed_002_seven_business_days_skip_koningsdag", businessDays(nl, 7),
			[]sla.Event{started(wed22Apr)}, ams(2026, 4, 23, 10, 0),
			// Elapsed 7h + 1h. Warning after 42h24m more: Thu 7h, Fri,
			// Tue, Wed, Thu 8h each, Fri 1 May 09:00 + 3h24m.
			sla.Status{State: sla.Running, Start: wed22Apr, Elapsed: 8 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 5, 4, 17, 0), Budget: 63 * time.Hour, Remaining: 55 * time.Hour, WarnAt: ams(2026, 5, 1, 12, 24)}}},
		{"met_at_the_close_of_the_last_day_is_on_time", businessDays(nl, 7),
			[]sla.Event{started(wed22Apr), met(ams(2026, 5, 4, 17, 0))}, ams(2026, 5, 6, 12, 0),
			sla.Status{State: sla.Met, Start: wed22Apr, End: ams(2026, 5, 4, 17, 0), Elapsed: 63 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 5, 4, 17, 0), Budget: 63 * time.Hour}}},
		{"met_the_same_evening_is_late_though_no_business_time_passed", businessDays(nl, 7),
			[]sla.Event{started(wed22Apr), met(ams(2026, 5, 4, 17, 1))}, ams(2026, 5, 6, 12, 0),
			sla.Status{State: sla.Met, Start: wed22Apr, End: ams(2026, 5, 4, 17, 1), Elapsed: 63 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 5, 4, 17, 0), Budget: 63 * time.Hour, Breached: true}}},
		// Received Saturday: the day of receipt is the next business day,
		// Tue 28 Apr (Monday is Koningsdag); then Wed 29, Thu 30, Fri 1,
		// Mon 4, (Bevrijdingsdag), Wed 6, Thu 7, Fri 8 May. Budget 8 x 8h;
		// warning at 51h12m: six days to Wed 6 May, Thu 09:00 + 3h12m.
		{"receipt_on_saturday_counts_from_the_next_opening", businessDays(nl, 7),
			[]sla.Event{started(ams(2026, 4, 25, 11, 0))}, ams(2026, 4, 25, 12, 0),
			sla.Status{State: sla.Running, Start: ams(2026, 4, 25, 11, 0), Deadline: sla.Deadline{
				Due: ams(2026, 5, 8, 17, 0), Budget: 64 * time.Hour, Remaining: 64 * time.Hour, WarnAt: ams(2026, 5, 7, 12, 12)}}},
		// The Dutch complaints procedure's resolution, 30 business days: without pauses due Tue
		// 9 Jun 17:00 (holidays on 27 Apr, 5 May, 14 May, 25 May), budget
		// 7h + 30 x 8h = 247h. Paused Mon 11 May 13:00 to Wed 13 May 13:00
		// is 4h + 8h + 4h = two business days: due two closes later, Thu 11
		// Jun 17:00. Met Wed 10 Jun 16:00: Between(start, met) is
		// 7h + 240h + 7h = 254h, less 16h paused.
		{"whole_business_days_paused_keep_the_close_of_day", businessDays(nl, 30),
			[]sla.Event{started(wed22Apr), paused(ams(2026, 5, 11, 13, 0)), resumed(ams(2026, 5, 13, 13, 0)), met(ams(2026, 6, 10, 16, 0))},
			ams(2026, 6, 12, 12, 0),
			sla.Status{State: sla.Met, Start: wed22Apr, End: ams(2026, 6, 10, 16, 0), Elapsed: 238 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 11, 17, 0), Budget: 247 * time.Hour, Remaining: 9 * time.Hour}}},
		// Paused Mon 11 May 15:00 to Tue 12 May 10:00: 2h + 1h. The due
		// moves by three business hours, Tue 9 Jun 17:00 to Wed 10 Jun
		// 12:00, not by a day. Met exactly then: on time, budget used up.
		{"part_of_a_day_paused_moves_the_due_into_the_day", businessDays(nl, 30),
			[]sla.Event{started(wed22Apr), paused(ams(2026, 5, 11, 15, 0)), resumed(ams(2026, 5, 12, 10, 0)), met(ams(2026, 6, 10, 12, 0))},
			ams(2026, 6, 10, 13, 0),
			sla.Status{State: sla.Met, Start: wed22Apr, End: ams(2026, 6, 10, 12, 0), Elapsed: 247 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 10, 12, 0), Budget: 247 * time.Hour}}},

		// 16h of business time from Fri 5 Jun 15:00: due Tue 9 Jun 15:00;
		// 80% is 12h48m, reached Tue 11:48.
		{"business_time_counts_open_hours_only", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun)}, ams(2026, 6, 8, 12, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 5 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: 11 * time.Hour, WarnAt: ams(2026, 6, 9, 11, 48)}}},
		{"warning_at_80_percent", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun)}, ams(2026, 6, 9, 11, 48),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: h(12, 48), Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: h(3, 12), Warning: true}}},
		{"no_warning_a_minute_before_80_percent", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun)}, ams(2026, 6, 9, 11, 47),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: h(12, 47), Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: h(3, 13), WarnAt: ams(2026, 6, 9, 11, 48)}}},
		// At 50% the warning comes after 8h: 5h used by Mon 12:00, 3h more.
		{"warning_share_is_configurable", sla.Clock{Target: sla.MustParseTarget("16h business"), Calendar: nl, WarnPercent: 50},
			[]sla.Event{started(fri5Jun)}, ams(2026, 6, 8, 12, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 5 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: 11 * time.Hour, WarnAt: ams(2026, 6, 8, 15, 0)}}},
		{"due_instant_itself_is_not_breached", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun)}, ams(2026, 6, 9, 15, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 16 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Warning: true}}},
		{"overdue_while_running_is_breached_without_warning", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun)}, ams(2026, 6, 9, 16, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 17 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: -time.Hour, Breached: true}}},
		// Warning at 6h24m: Mon 09:00 + 6h24m.
		{"start_outside_hours_counts_from_the_next_opening", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(ams(2026, 6, 6, 10, 0))}, ams(2026, 6, 6, 12, 0),
			sla.Status{State: sla.Running, Start: ams(2026, 6, 6, 10, 0), Deadline: sla.Deadline{
				Due: ams(2026, 6, 8, 17, 0), Budget: 8 * time.Hour, Remaining: 8 * time.Hour, WarnAt: ams(2026, 6, 8, 15, 24)}}},
		// Paused Fri 16:00 to Mon 10:00 is 1h + 1h of business time: due
		// Tue 15:00 + 2h. Elapsed 1h; warning after 11h48m more: Mon 7h,
		// Tue 09:00 + 4h48m.
		{"pause_across_a_weekend_moves_due_by_the_business_time_paused", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), paused(ams(2026, 6, 5, 16, 0)), resumed(ams(2026, 6, 8, 10, 0))}, ams(2026, 6, 8, 10, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 17, 0), Budget: 16 * time.Hour, Remaining: 15 * time.Hour, WarnAt: ams(2026, 6, 9, 13, 48)}}},
		{"pause_while_closed_changes_nothing", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), paused(ams(2026, 6, 5, 17, 30)), resumed(ams(2026, 6, 8, 8, 0))}, ams(2026, 6, 8, 12, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 5 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: 11 * time.Hour, WarnAt: ams(2026, 6, 9, 11, 48)}}},
		// Still paused at Mon 11:00 after 1h + 2h of business time: were it
		// resumed now, due Tue 15:00 + 3h = Wed 10:00, warning 11h48m on:
		// Mon 6h, Tue 09:00 + 5h48m.
		{"while_paused_due_is_where_resuming_now_would_put_it", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), paused(ams(2026, 6, 5, 16, 0))}, ams(2026, 6, 8, 11, 0),
			sla.Status{State: sla.Paused, Start: fri5Jun, Elapsed: time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 10, 10, 0), Budget: 16 * time.Hour, Remaining: 15 * time.Hour, WarnAt: ams(2026, 6, 9, 14, 48)}}},
		// Paused at the due instant with nothing left, resumed before
		// opening: the pause took no business time, and the due does not
		// stay behind at Mon 17:00 but comes to the resume.
		{"leaving_a_pause_with_nothing_left_is_due_at_the_resume_not_breached", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), paused(ams(2026, 6, 8, 17, 0)), resumed(ams(2026, 6, 9, 8, 0))}, ams(2026, 6, 9, 8, 0),
			sla.Status{State: sla.Running, Start: mon8Jun, Elapsed: 8 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 8, 0), Budget: 8 * time.Hour, Warning: true}}},
		{"with_nothing_left_breached_once_past_the_resume", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), paused(ams(2026, 6, 8, 17, 0)), resumed(ams(2026, 6, 9, 8, 0))}, ams(2026, 6, 9, 8, 30),
			sla.Status{State: sla.Running, Start: mon8Jun, Elapsed: 8 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 8, 0), Budget: 8 * time.Hour, Breached: true}}},
		// Due Mon 17:00, paused Tue 10:00 when already late: the pause
		// stops Elapsed but does not move a missed deadline.
		{"pause_after_the_deadline_does_not_move_it", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), paused(ams(2026, 6, 9, 10, 0)), resumed(ams(2026, 6, 9, 12, 0))}, ams(2026, 6, 9, 13, 0),
			sla.Status{State: sla.Running, Start: mon8Jun, Elapsed: 10 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 8, 17, 0), Budget: 8 * time.Hour, Remaining: -2 * time.Hour, Breached: true}}},
		{"paused_after_the_deadline_stays_breached", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), paused(ams(2026, 6, 9, 10, 0))}, ams(2026, 6, 9, 11, 0),
			sla.Status{State: sla.Paused, Start: mon8Jun, Elapsed: 9 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 8, 17, 0), Budget: 8 * time.Hour, Remaining: -time.Hour, Breached: true}}},
		// Paused Mon 12:00, met Wed 10:00 while still paused: 5h + 8h + 1h
		// paused move the due from Mon 17:00 to Wed 15:00.
		{"met_while_paused_is_on_time", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), paused(ams(2026, 6, 8, 12, 0)), met(ams(2026, 6, 10, 10, 0))}, ams(2026, 6, 10, 12, 0),
			sla.Status{State: sla.Met, Start: mon8Jun, End: ams(2026, 6, 10, 10, 0), Elapsed: 3 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 10, 15, 0), Budget: 8 * time.Hour, Remaining: 5 * time.Hour}}},
		{"stop_ends_the_clock_unmet", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), stopped(ams(2026, 6, 8, 11, 0))}, ams(2026, 6, 12, 12, 0),
			sla.Status{State: sla.Stopped, Start: mon8Jun, End: ams(2026, 6, 8, 11, 0), Elapsed: 2 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 8, 17, 0), Budget: 8 * time.Hour, Remaining: 6 * time.Hour}}},
		{"stopped_after_the_deadline_was_breached", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), stopped(ams(2026, 6, 9, 10, 0))}, ams(2026, 6, 12, 12, 0),
			sla.Status{State: sla.Stopped, Start: mon8Jun, End: ams(2026, 6, 9, 10, 0), Elapsed: 9 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 8, 17, 0), Budget: 8 * time.Hour, Remaining: -time.Hour, Breached: true}}},
		{"events_after_now_are_not_applied", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun), met(ams(2026, 6, 8, 15, 0))}, ams(2026, 6, 8, 12, 0),
			sla.Status{State: sla.Running, Start: mon8Jun, Elapsed: 3 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 8, 17, 0), Budget: 8 * time.Hour, Remaining: 5 * time.Hour, WarnAt: ams(2026, 6, 8, 15, 24)}}},
		{"history_starting_after_now_is_pending", businessTime(nl, 8*time.Hour),
			[]sla.Event{started(mon8Jun)}, ams(2026, 6, 7, 12, 0), sla.Status{}},
		{"empty_history_is_pending", businessTime(nl, 8*time.Hour), nil, ams(2026, 6, 7, 12, 0), sla.Status{}},

		// The 24-hour complaints procedure: acknowledgement within 24 hours is 24 clock hours.
		{"seed_004_24_clock_hours_run_through_the_weekend", clock24,
			[]sla.Event{started(ams(2026, 6, 5, 16, 0))}, ams(2026, 6, 6, 12, 0),
			sla.Status{State: sla.Running, Start: ams(2026, 6, 5, 16, 0), Elapsed: 20 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 6, 16, 0), Budget: 24 * time.Hour, Remaining: 4 * time.Hour, Warning: true}}},
		// Clocks spring forward on Sun 29 Mar 2026: 12:00 CET to 12:00
		// CEST is 23 hours, and 24 hours end at 13:00.
		{"seed_004_24_clock_hours_over_spring_forward", clock24,
			[]sla.Event{started(ams(2026, 3, 28, 12, 0))}, ams(2026, 3, 29, 12, 0),
			sla.Status{State: sla.Running, Start: ams(2026, 3, 28, 12, 0), Elapsed: 23 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 3, 29, 13, 0), Budget: 24 * time.Hour, Remaining: time.Hour, Warning: true}}},
		// Clocks fall back on Sun 25 Oct 2026: 24 hours from 12:00 CEST
		// end at 11:00 CET; 19h12m (80%) from 10:00 UTC is 05:12 UTC.
		{"seed_004_24_clock_hours_over_fall_back", clock24,
			[]sla.Event{started(ams(2026, 10, 24, 12, 0))}, ams(2026, 10, 24, 13, 0),
			sla.Status{State: sla.Running, Start: ams(2026, 10, 24, 12, 0), Elapsed: time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 10, 25, 11, 0), Budget: 24 * time.Hour, Remaining: 23 * time.Hour, WarnAt: ams(2026, 10, 25, 6, 12)}}},
		// Paused Fri 18:00 to Mon 09:00, 63 hours, all of which count:
		// due Sat 16:00 + 63h = Tue 07:00. Warning 16h12m after Mon 10:00.
		{"clock_time_pause_moves_due_by_every_hour_paused", clock24,
			[]sla.Event{started(ams(2026, 6, 5, 16, 0)), paused(ams(2026, 6, 5, 18, 0)), resumed(ams(2026, 6, 8, 9, 0))}, ams(2026, 6, 8, 10, 0),
			sla.Status{State: sla.Running, Start: ams(2026, 6, 5, 16, 0), Elapsed: 3 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 9, 7, 0), Budget: 24 * time.Hour, Remaining: 21 * time.Hour, WarnAt: ams(2026, 6, 9, 2, 12)}}},
		// Paused with 1h left on Saturday, resumed on Monday, long after
		// the original Sat 16:00: due an hour after the resume.
		{"leaving_a_pause_does_not_breach", clock24,
			[]sla.Event{started(ams(2026, 6, 5, 16, 0)), paused(ams(2026, 6, 6, 15, 0)), resumed(ams(2026, 6, 8, 9, 0))}, ams(2026, 6, 8, 9, 0),
			sla.Status{State: sla.Running, Start: ams(2026, 6, 5, 16, 0), Elapsed: 23 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 6, 8, 10, 0), Budget: 24 * time.Hour, Remaining: time.Hour, Warning: true}}},

		// Re-baselining 16h from Fri 5 Jun 15:00 (due Tue 9 Jun 15:00).
		// Missed; re-baselined Wed 10:00 (19h used: Fri 2h, Mon, Tue, Wed
		// 1h) to Fri 12 Jun 17:00 (23h more): budget 42h. Met Fri 16:00
		// after 2h + 4 x 8h + 7h = 41h.
		{"rebaseline_after_a_miss_keeps_both_deadlines", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), rebaselined(ams(2026, 6, 10, 10, 0), ams(2026, 6, 12, 17, 0), part), met(ams(2026, 6, 12, 16, 0))},
			ams(2026, 6, 12, 18, 0),
			sla.Status{State: sla.Met, Start: fri5Jun, End: ams(2026, 6, 12, 16, 0), Elapsed: 41 * time.Hour,
				Deadline:    sla.Deadline{Due: ams(2026, 6, 12, 17, 0), Budget: 42 * time.Hour, Remaining: time.Hour},
				Original:    sla.Deadline{Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: -25 * time.Hour, Breached: true},
				Rebaselines: 1, Reason: part}},
		// At risk Tue 12:00 (13h used) and re-baselined to Thu 11 Jun
		// 12:00 (16h more): budget 29h, warning at 23h12m, 2h12m after
		// Wed 12:00 when 21h are used. The original is missed meanwhile.
		{"rebaseline_at_risk_before_the_deadline", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), rebaselined(ams(2026, 6, 9, 12, 0), ams(2026, 6, 11, 12, 0), part)}, ams(2026, 6, 10, 12, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 21 * time.Hour,
				Deadline:    sla.Deadline{Due: ams(2026, 6, 11, 12, 0), Budget: 29 * time.Hour, Remaining: 8 * time.Hour, WarnAt: ams(2026, 6, 10, 14, 12)},
				Original:    sla.Deadline{Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: -5 * time.Hour, Breached: true},
				Rebaselines: 1, Reason: part}},
		// Re-baselined Wed 10:00 (19h used) to Fri 12:00 (18h more): 37h.
		// Paused Thu 09:00-13:00: the new due moves 4h to Fri 16:00; the
		// missed original does not move. Used by Thu 14:00: 19h + 7h + 1h.
		{"pause_after_a_rebaseline_moves_the_new_deadline_only", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), rebaselined(ams(2026, 6, 10, 10, 0), ams(2026, 6, 12, 12, 0), part),
				paused(ams(2026, 6, 11, 9, 0)), resumed(ams(2026, 6, 11, 13, 0))}, ams(2026, 6, 11, 14, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 27 * time.Hour,
				Deadline:    sla.Deadline{Due: ams(2026, 6, 12, 16, 0), Budget: 37 * time.Hour, Remaining: 10 * time.Hour, WarnAt: ams(2026, 6, 11, 16, 36)},
				Original:    sla.Deadline{Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: -11 * time.Hour, Breached: true},
				Rebaselines: 1, Reason: part}},
		// Paused Tue 10:00 (11h used), re-baselined Tue 12:00 to Thu 12:00
		// (16h more, budget 27h), resumed Wed 12:00. The new due moves by
		// the pause after the re-baseline, Tue 12:00-Wed 12:00 = 8h, to
		// Fri 12:00; the original by the whole pause, 10h, from Tue 15:00
		// to Wed 17:00. Used by Wed 13:00: 12h, so warnings come at 21h36m
		// (Thu 14:36) and 12h48m (Wed 13:48).
		{"rebaseline_while_paused_moves_with_the_rest_of_the_pause", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), paused(ams(2026, 6, 9, 10, 0)), rebaselined(ams(2026, 6, 9, 12, 0), ams(2026, 6, 11, 12, 0), part),
				resumed(ams(2026, 6, 10, 12, 0))}, ams(2026, 6, 10, 13, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 12 * time.Hour,
				Deadline:    sla.Deadline{Due: ams(2026, 6, 12, 12, 0), Budget: 27 * time.Hour, Remaining: 15 * time.Hour, WarnAt: ams(2026, 6, 11, 14, 36)},
				Original:    sla.Deadline{Due: ams(2026, 6, 10, 17, 0), Budget: 16 * time.Hour, Remaining: 4 * time.Hour, WarnAt: ams(2026, 6, 10, 13, 48)},
				Rebaselines: 1, Reason: part}},
		// Second re-baseline Thu 16:00 (33h used) to Mon 15 Jun 17:00 (17h
		// more): 50h, warning at 40h, 6h after Fri 09:00 (34h used).
		{"second_rebaseline_keeps_the_first_original", businessTime(nl, 16*time.Hour),
			[]sla.Event{started(fri5Jun), rebaselined(ams(2026, 6, 10, 10, 0), ams(2026, 6, 11, 17, 0), "first"),
				rebaselined(ams(2026, 6, 11, 16, 0), ams(2026, 6, 15, 17, 0), "second")}, ams(2026, 6, 12, 9, 0),
			sla.Status{State: sla.Running, Start: fri5Jun, Elapsed: 34 * time.Hour,
				Deadline:    sla.Deadline{Due: ams(2026, 6, 15, 17, 0), Budget: 50 * time.Hour, Remaining: 16 * time.Hour, WarnAt: ams(2026, 6, 12, 15, 0)},
				Original:    sla.Deadline{Due: ams(2026, 6, 9, 15, 0), Budget: 16 * time.Hour, Remaining: -18 * time.Hour, Breached: true},
				Rebaselines: 2, Reason: "second"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.clock.Status(tt.history, tt.now)
			require.NoError(t, err)
			want := tt.want
			if want.Rebaselines == 0 {
				want.Original = want.Deadline
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Status (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatusMetOriginalAndMetOnTime(t *testing.T) {
	nl := officeNL()
	c := businessTime(nl, 16*time.Hour) // from Fri 5 Jun 15:00, due Tue 9 Jun 15:00
	start := started(ams(2026, 6, 5, 15, 0))
	late := rebaselined(ams(2026, 6, 10, 10, 0), ams(2026, 6, 12, 17, 0), "vendor")
	tests := []struct {
		name                  string
		history               []sla.Event
		onTime, metOriginally bool
	}{
		{"met_before_either", []sla.Event{start, met(ams(2026, 6, 9, 10, 0))}, true, true},
		{"met_the_new_deadline_only", []sla.Event{start, late, met(ams(2026, 6, 12, 16, 0))}, true, false},
		{"met_neither", []sla.Event{start, late, met(ams(2026, 6, 15, 10, 0))}, false, false},
		{"not_met_yet", []sla.Event{start}, false, false},
		{"stopped_is_not_met", []sla.Event{start, stopped(ams(2026, 6, 8, 10, 0))}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := c.Status(tt.history, ams(2026, 6, 20, 12, 0))
			require.NoError(t, err)
			require.Equal(t, tt.onTime, st.MetOnTime(), "MetOnTime")
			require.Equal(t, tt.metOriginally, st.MetOriginal(), "MetOriginal")
		})
	}
}

// Results are in the calendar's zone, or without one the start's, so a
// host shows the deadline as the customer's office reads it.
func TestClockStatusZone(t *testing.T) {
	start := time.Date(2026, 6, 5, 14, 0, 0, 0, time.UTC)
	st, err := clockTime(nil, 24*time.Hour).Status([]sla.Event{started(start)}, start)
	require.NoError(t, err)
	require.Equal(t, time.UTC, st.Due.Location())
	require.WithinDuration(t, start.Add(24*time.Hour), st.Due, 0)

	st, err = clockTime(officeNL(), 24*time.Hour).Status([]sla.Event{started(start)}, start)
	require.NoError(t, err)
	require.Equal(t, amsterdam, st.Due.Location())
	require.Equal(t, amsterdam, st.Start.Location())
	require.Equal(t, "2026-06-06 16:00", st.Due.Format("2006-01-02 15:04"))
}

func TestClockRejectsImpossibleHistories(t *testing.T) {
	nl := officeNL()
	c := businessTime(nl, 8*time.Hour)
	at := func(hour int) time.Time { return ams(2026, 6, 8, hour, 0) } // Monday
	// A calendar of one year, for deadlines that leave it.
	only2026 := newCalendar(t, sla.Config{Zone: "Europe/Amsterdam", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), FirstYear: 2026, LastYear: 2026})
	dec := func(day, hour int) time.Time { return ams(2026, 12, day, hour, 0) }

	tests := []struct {
		name    string
		clock   sla.Clock
		history []sla.Event
		now     time.Time
		index   int
		reason  string // a phrase the reason must hold
		is      error  // ErrInvalid or ErrOutOfRange
	}{
		{"resume_without_pause", c, []sla.Event{started(at(9)), resumed(at(10))}, at(12), 1, "resume without a pause", sla.ErrInvalid},
		{"resume_twice", c, []sla.Event{started(at(9)), paused(at(10)), resumed(at(11)), resumed(at(12))}, at(13), 3, "resume without a pause", sla.ErrInvalid},
		{"pause_before_start", c, []sla.Event{paused(at(9)), started(at(10))}, at(12), 0, "pause before the clock started", sla.ErrInvalid},
		{"meet_without_start", c, []sla.Event{met(at(10))}, at(12), 0, "meet before the clock started", sla.ErrInvalid},
		{"two_starts", c, []sla.Event{started(at(9)), started(at(10))}, at(12), 1, "second start", sla.ErrInvalid},
		{"pause_while_paused", c, []sla.Event{started(at(9)), paused(at(10)), paused(at(11))}, at(12), 2, "pause while paused since event 1", sla.ErrInvalid},
		{"event_after_met", c, []sla.Event{started(at(9)), met(at(10)), paused(at(11))}, at(12), 2, "after the clock ended (met at event 1)", sla.ErrInvalid},
		{"meet_after_met", c, []sla.Event{started(at(9)), met(at(10)), met(at(11))}, at(12), 2, "after the clock ended", sla.ErrInvalid},
		{"event_after_stop", c, []sla.Event{started(at(9)), stopped(at(10)), resumed(at(11))}, at(12), 2, "after the clock ended (stopped at event 1)", sla.ErrInvalid},
		{"events_out_of_time_order", c, []sla.Event{started(at(9)), paused(at(11)), resumed(at(10))}, at(12), 2, "time order", sla.ErrInvalid},
		{"rebaseline_without_reason", c, []sla.Event{started(at(9)), rebaselined(at(10), at(16), "")}, at(12), 1, "needs a reason", sla.ErrInvalid},
		{"rebaseline_with_blank_reason", c, []sla.Event{started(at(9)), rebaselined(at(10), at(16), " \t")}, at(12), 1, "needs a reason", sla.ErrInvalid},
		{"rebaseline_without_new_due", c, []sla.Event{started(at(9)), rebaselined(at(10), time.Time{}, "vendor")}, at(12), 1, "needs a new due time", sla.ErrInvalid},
		{"rebaseline_due_at_the_event", c, []sla.Event{started(at(9)), rebaselined(at(10), at(10), "vendor")}, at(12), 1, "is not after the rebaseline", sla.ErrInvalid},
		{"rebaseline_due_before_the_event", c, []sla.Event{started(at(9)), rebaselined(at(10), at(9), "vendor")}, at(12), 1, "is not after the rebaseline", sla.ErrInvalid},
		{"due_on_a_pause", c, []sla.Event{started(at(9)), {Kind: sla.Pause, At: at(10), Due: at(16)}}, at(12), 1, "only a rebaseline sets one", sla.ErrInvalid},
		{"zero_kind", c, []sla.Event{started(at(9)), {At: at(10)}}, at(12), 1, "EventKind(0) is not an event kind", sla.ErrInvalid},
		{"unknown_kind", c, []sla.Event{started(at(9)), {Kind: 7, At: at(10)}}, at(12), 1, "EventKind(7) is not an event kind", sla.ErrInvalid},
		{"event_without_time", c, []sla.Event{started(at(9)), {Kind: sla.Pause}}, at(12), 1, "pause has no time", sla.ErrInvalid},
		{"start_without_time", c, []sla.Event{{Kind: sla.Start}}, at(12), 0, "start has no time", sla.ErrInvalid},
		{"start_outside_the_calendar_years", businessTime(only2026, 8*time.Hour), []sla.Event{started(ams(2027, 1, 4, 9, 0))}, ams(2027, 1, 4, 12, 0), 0, "outside the calendar's years", sla.ErrOutOfRange},
		// Mon 28 Dec + 7 business days needs 2027.
		{"deadline_beyond_the_calendar_years", businessDays(only2026, 7), []sla.Event{started(dec(28, 10))}, dec(28, 12), 0, "the deadline falls outside the calendar's years 2026-2026", sla.ErrOutOfRange},
		{"rebaseline_due_beyond_the_calendar_years", businessTime(only2026, 8*time.Hour), []sla.Event{started(dec(28, 10)), rebaselined(dec(29, 10), ams(2027, 1, 5, 17, 0), "vendor")}, dec(29, 12), 1, "outside the calendar's years", sla.ErrOutOfRange},
		// Due Thu 31 Dec 17:00; paused at 10:00, the due moves into 2027.
		{"pause_moving_the_deadline_beyond_the_calendar_years", businessTime(only2026, 8*time.Hour), []sla.Event{started(dec(31, 9)), paused(dec(31, 10))}, dec(31, 12), 1, "moved by the pause falls outside", sla.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nows := []time.Time{tt.now}
			if tt.is == sla.ErrInvalid {
				// An impossible history is rejected whatever now is, even
				// when none of it has happened yet.
				nows = append(nows, ams(2000, 1, 1, 0, 0))
			}
			for _, now := range nows {
				_, err := tt.clock.Status(tt.history, now)
				var herr *sla.HistoryError
				require.ErrorAs(t, err, &herr)
				require.ErrorIs(t, err, tt.is)
				require.Equal(t, tt.index, herr.Index, "index; error %v", err)
				require.Contains(t, herr.Reason, tt.reason)
				require.Empty(t, herr.Target)
			}
		})
	}
}

// Absurd instants are a host's bug, never a panic: a clock-time target a
// day before year 1 has its deadline on the zero Time, and business
// targets far outside the calendar's years report ErrOutOfRange.
func TestClockAtTheEdgesOfTime(t *testing.T) {
	nl := officeNL()
	edges := []time.Time{
		time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(-292277022399, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(292277026596, 12, 4, 15, 30, 7, 0, time.UTC),
		time.Unix(1<<62, 0),
	}
	clocks := []sla.Clock{clockTime(nil, 24*time.Hour), clockTime(nl, 24*time.Hour), businessTime(nl, 8*time.Hour), businessDays(nl, 30)}
	for _, at := range edges {
		for _, c := range clocks {
			history := []sla.Event{started(at), paused(at), rebaselined(at, at.Add(time.Hour), "vendor"), resumed(at), met(at)}
			for _, now := range []time.Time{at, ams(2026, 6, 8, 12, 0)} {
				require.NotPanics(t, func() {
					if _, err := c.Status(history, now); err != nil && !errors.Is(err, sla.ErrOutOfRange) && !errors.Is(err, sla.ErrInvalid) {
						t.Errorf("%v at %v: %v", c.Target, at, err)
					}
				})
			}
		}
	}
}

func TestClockRejectsInvalidClocks(t *testing.T) {
	nl := officeNL()
	history := []sla.Event{started(ams(2026, 6, 8, 9, 0))}
	tests := []struct {
		name  string
		clock sla.Clock
		field string
	}{
		{"zero_clock", sla.Clock{}, "Target"},
		{"business_time_without_calendar", businessTime(nil, time.Hour), "Calendar"},
		{"business_days_without_calendar", businessDays(nil, 7), "Calendar"},
		{"negative_business_days", businessDays(nl, -1), "Target"},
		{"days_on_a_duration_target", sla.Clock{Target: sla.Target{Kind: sla.ClockTime, Duration: time.Hour, Days: 1}}, "Target"},
		{"warn_percent_below_0", sla.Clock{Target: sla.MustParseTarget("24h clock"), WarnPercent: -1}, "WarnPercent"},
		{"warn_percent_over_100", sla.Clock{Target: sla.MustParseTarget("24h clock"), WarnPercent: 101}, "WarnPercent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.clock.Status(history, ams(2026, 6, 8, 12, 0))
			var verr *sla.ValidationError
			require.ErrorAs(t, err, &verr)
			require.ErrorIs(t, err, sla.ErrInvalid)
			require.Equal(t, []string{tt.field}, verr.Fields())
		})
	}
}

func TestHistoryErrorMessage(t *testing.T) {
	for _, tt := range []struct {
		err  sla.HistoryError
		want string
	}{
		{sla.HistoryError{Index: 2, Reason: "resume without a pause"}, "sla: history: event 2: resume without a pause"},
		{sla.HistoryError{Target: "update", Index: 0, Reason: "x"}, `sla: history: target "update": event 0: x`},
		{sla.HistoryError{Target: "update", Index: -1, Reason: "x"}, `sla: history: target "update": start: x`},
	} {
		require.Equal(t, tt.want, tt.err.Error())
	}
}

func TestEventKindText(t *testing.T) {
	for k := sla.Start; k <= sla.Stop; k++ {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back sla.EventKind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
		require.NoError(t, back.UnmarshalText([]byte(strings.ToUpper(string(b)))), "names are read in any case")
		require.Equal(t, k, back)
	}
	require.Equal(t, "rebaseline", sla.Rebaseline.String())
	_, err := sla.EventKind(0).MarshalText()
	require.ErrorIs(t, err, sla.ErrInvalid)
	var k sla.EventKind
	require.ErrorIs(t, k.UnmarshalText([]byte("paused")), sla.ErrInvalid)
	require.Equal(t, []string{"pending", "running", "paused", "met", "stopped", "State(5)"},
		[]string{sla.Pending.String(), sla.Running.String(), sla.Paused.String(), sla.Met.String(), sla.Stopped.String(), sla.State(5).String()})
}

// A clock is evaluated for every ticket on every dashboard refresh, so a
// handful of events must not allocate.
func TestClockStatusDoesNotAllocate(t *testing.T) {
	c, history, now := benchClock()
	var sink sla.Status
	if n := testing.AllocsPerRun(100, func() { sink, _ = c.Status(history, now) }); n != 0 {
		t.Errorf("Status allocates %v times per call", n)
	}
	_ = sink
}

// benchClock is a resolution clock with a typical history: started, two
// waits on the customer, a re-baseline, running at now.
func benchClock() (sla.Clock, []sla.Event, time.Time) {
	c := sla.Clock{Target: sla.MustParseTarget("30 business days"), Calendar: officeNL()}
	history := []sla.Event{
		started(ams(2026, 4, 22, 10, 0)),
		paused(ams(2026, 5, 11, 13, 0)), resumed(ams(2026, 5, 13, 13, 0)),
		rebaselined(ams(2026, 5, 20, 10, 0), ams(2026, 6, 26, 17, 0), "vendor"),
		paused(ams(2026, 6, 1, 9, 0)), resumed(ams(2026, 6, 2, 12, 0)),
	}
	return c, history, ams(2026, 6, 10, 12, 0)
}

func BenchmarkClockStatus(b *testing.B) {
	c, history, now := benchClock()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Status(history, now); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzClockStatus evaluates random histories: every 3 bytes are an event
// (kind, minutes since the previous one, a flag for Due and Reason). It
// must never panic, must reject only with the documented errors, and what
// it accepts must add up.
func FuzzClockStatus(f *testing.F) {
	f.Add([]byte{1, 0, 0, 2, 60, 0, 3, 120, 0, 4, 30, 0}, uint8(0), int16(600))
	f.Add([]byte{1, 0, 0, 5, 10, 3, 2, 200, 0, 5, 10, 3, 3, 100, 0}, uint8(1), int16(3000))
	f.Add([]byte{1, 0, 0, 3, 10, 0, 2, 255, 0, 2, 1, 0}, uint8(2), int16(-5))
	f.Add([]byte{2, 0, 0, 1, 10, 1, 6, 10, 2}, uint8(5), int16(100))
	nl := officeNL()
	clocks := []sla.Clock{
		businessTime(nl, 8*time.Hour),
		businessDays(nl, 7),
		clockTime(nil, 24*time.Hour),
		clockTime(nl, time.Hour),
		businessDays(nl, 0),
		{Target: sla.MustParseTarget("30m business"), Calendar: sla.AlwaysOpen(amsterdam), WarnPercent: 100},
	}
	base := ams(2026, 6, 5, 15, 0)
	f.Fuzz(func(t *testing.T, data []byte, which uint8, nowMinutes int16) {
		c := clocks[int(which)%len(clocks)]
		var history []sla.Event
		at := base
		for i := 0; i+2 < len(data) && len(history) < 40; i += 3 {
			// Steps of up to about 4 days either way, mostly forward.
			at = at.Add(time.Duration(int8(data[i+1])) * 47 * time.Minute)
			e := sla.Event{Kind: sla.EventKind(data[i] % 8), At: at}
			if data[i+2]&1 != 0 {
				e.Due = at.Add(time.Duration(data[i+2]) * 31 * time.Minute)
			}
			if data[i+2]&2 != 0 {
				e.Reason = "vendor"
			}
			history = append(history, e)
		}
		now := base.Add(time.Duration(nowMinutes) * 7 * time.Minute)
		st, err := c.Status(history, now)
		if err != nil {
			var herr *sla.HistoryError
			if !errors.As(err, &herr) || !(errors.Is(err, sla.ErrInvalid) || errors.Is(err, sla.ErrOutOfRange)) {
				t.Fatalf("error %v is not a *HistoryError matching ErrInvalid or ErrOutOfRange", err)
			}
			if herr.Index < 0 || herr.Index >= len(history) {
				t.Fatalf("error %v names event %d of %d", err, herr.Index, len(history))
			}
			return
		}
		if st.State == sla.Pending {
			if st != (sla.Status{}) {
				t.Fatalf("pending status is not zero: %+v", st)
			}
			return
		}
		for _, d := range []sla.Deadline{st.Deadline, st.Original} {
			if d.Remaining != d.Budget-st.Elapsed {
				t.Fatalf("Remaining %v != Budget %v - Elapsed %v", d.Remaining, d.Budget, st.Elapsed)
			}
			if d.Breached && (d.Warning || !d.WarnAt.IsZero()) {
				t.Fatalf("breached and warning: %+v", d)
			}
			open := st.State == sla.Running || st.State == sla.Paused
			if open && !d.Breached && d.Due.Before(now) {
				t.Fatalf("due %v before now %v but not breached", d.Due, now)
			}
			if !d.WarnAt.IsZero() && (d.Warning || d.WarnAt.Before(now) || d.WarnAt.After(d.Due)) {
				t.Fatalf("WarnAt %v out of place (now %v, due %v, warning %v)", d.WarnAt, now, d.Due, d.Warning)
			}
		}
		if st.Elapsed < 0 {
			t.Fatalf("negative elapsed %v", st.Elapsed)
		}
		if st.Rebaselines == 0 && st.Original != st.Deadline {
			t.Fatalf("not re-baselined, yet Original %+v != Deadline %+v", st.Original, st.Deadline)
		}
	})
}
