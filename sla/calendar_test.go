package sla_test

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
)

func TestAdd(t *testing.T) {
	nw := officeNW()
	split := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 08:00-12:00,13:00-17:00")})
	always := sla.AlwaysOpen(berlin)
	tests := []struct {
		name string
		cal  *sla.Calendar
		from time.Time
		add  time.Duration
		want time.Time
	}{
		{"within_the_day", nw, ber(2026, 3, 23, 10, 0), 2 * time.Hour, ber(2026, 3, 23, 12, 0)},
		{"a_full_day_ends_at_close_not_next_opening", nw, ber(2026, 3, 23, 9, 0), 8 * time.Hour, ber(2026, 3, 23, 17, 0)},
		{"spills_into_next_morning", nw, ber(2026, 3, 23, 16, 0), 2 * time.Hour, ber(2026, 3, 24, 10, 0)},
		{"before_opening_counts_from_opening", nw, ber(2026, 3, 23, 7, 0), time.Hour, ber(2026, 3, 23, 10, 0)},
		{"after_close_counts_from_next_opening", nw, ber(2026, 3, 23, 18, 0), time.Hour, ber(2026, 3, 24, 10, 0)},
		{"friday_afternoon_to_monday", nw, ber(2026, 3, 20, 16, 30), time.Hour, ber(2026, 3, 23, 9, 30)},
		// Karfreitag 3 April and Ostermontag 6 April 2026 are NW holidays.
		{"over_easter", nw, ber(2026, 4, 2, 16, 0), 2 * time.Hour, ber(2026, 4, 7, 10, 0)},
		// Clocks spring forward on Sunday 29 March 2026; Monday opens at 09:00 CEST.
		{"over_spring_forward_weekend", nw, ber(2026, 3, 27, 16, 0), 2 * time.Hour, ber(2026, 3, 30, 10, 0)},
		{"over_fall_back_weekend", nw, ber(2026, 10, 23, 16, 0), 2 * time.Hour, ber(2026, 10, 26, 10, 0)},
		// 30 Dec 1h + 31 Dec 8h; 1 Jan 2027 (Friday) is Neujahr; weekend.
		{"over_year_end", nw, ber(2026, 12, 30, 16, 0), 10 * time.Hour, ber(2027, 1, 4, 10, 0)},
		{"into_leap_day", nw, ber(2028, 2, 28, 16, 0), 2 * time.Hour, ber(2028, 2, 29, 10, 0)},
		{"out_of_leap_day", nw, ber(2028, 2, 29, 16, 0), 2 * time.Hour, ber(2028, 3, 1, 10, 0)},
		// 30 business days from Monday 5 January 2026, no holiday in between:
		// six full weeks end on Friday 13 February at close.
		{"240h_is_six_weeks", nw, ber(2026, 1, 5, 9, 0), 240 * time.Hour, ber(2026, 2, 13, 17, 0)},
		{"zero_is_the_same_instant_even_when_closed", nw, ber(2026, 3, 22, 3, 0), 0, ber(2026, 3, 22, 3, 0)},
		{"zero_from_another_zone_is_the_same_instant", nw, ber(2026, 3, 22, 3, 0).UTC(), 0, ber(2026, 3, 22, 3, 0)},
		{"backward_within_the_day", nw, ber(2026, 3, 23, 12, 0), -2 * time.Hour, ber(2026, 3, 23, 10, 0)},
		{"backward_to_friday", nw, ber(2026, 3, 23, 10, 0), -2 * time.Hour, ber(2026, 3, 20, 16, 0)},
		{"backward_lands_on_opening_not_previous_close", nw, ber(2026, 3, 24, 10, 0), -time.Hour, ber(2026, 3, 24, 9, 0)},
		{"lunch_break_skipped", split, ber(2026, 3, 23, 11, 0), 2 * time.Hour, ber(2026, 3, 23, 14, 0)},
		{"lunch_break_from_inside", split, ber(2026, 3, 23, 12, 30), 30 * time.Minute, ber(2026, 3, 23, 13, 30)},
		{"always_open_24h_over_spring_forward_is_24_elapsed_hours", always, ber(2026, 3, 28, 12, 0), 24 * time.Hour, ber(2026, 3, 29, 13, 0)},
		{"always_open_24h_over_fall_back", always, ber(2026, 10, 24, 12, 0), 24 * time.Hour, ber(2026, 10, 25, 11, 0)},
		{"beyond_the_calendar_years_is_out_of_range", nw, ber(2100, 12, 31, 16, 0), 2 * time.Hour, time.Time{}},
		{"before_the_calendar_years_is_out_of_range", nw, ber(2000, 1, 3, 10, 0), -2 * time.Hour, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.cal.Add(tt.from, tt.add)
			if tt.want.IsZero() {
				require.ErrorIs(t, err, sla.ErrOutOfRange)
			} else {
				require.NoError(t, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("Add(%v, %v) = %v, want %v", tt.from, tt.add, got, tt.want)
			}
			if !got.IsZero() && got.Location() != tt.cal.Location() {
				t.Errorf("result in %v, want the calendar's zone %v", got.Location(), tt.cal.Location())
			}
		})
	}
}

func TestBetween(t *testing.T) {
	nw := officeNW()
	seven := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Sun 01:00-04:00")})
	gap := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Sun 02:30-05:00")})
	always := sla.AlwaysOpen(berlin)
	tests := []struct {
		name string
		cal  *sla.Calendar
		a, b time.Time
		want time.Duration
	}{
		{"same_day", nw, ber(2026, 3, 23, 10, 0), ber(2026, 3, 23, 15, 30), 5*time.Hour + 30*time.Minute},
		{"reversed_is_negative", nw, ber(2026, 3, 23, 15, 30), ber(2026, 3, 23, 10, 0), -(5*time.Hour + 30*time.Minute)},
		{"closed_stretch_is_zero", nw, ber(2026, 3, 21, 0, 0), ber(2026, 3, 23, 9, 0), 0},
		// Friday 09:00 CET to Monday 17:00 CEST: two full days, DST between.
		{"over_spring_forward_two_full_days", nw, ber(2026, 3, 27, 9, 0), ber(2026, 3, 30, 17, 0), 16 * time.Hour},
		// 2026: 261 weekdays, 8 NW holidays on weekdays (1 Jan, 3 and 6 Apr,
		// 1 and 14 May, 25 May, 4 Jun, 25 Dec): 253 days of 8 hours.
		{"year_2026", nw, ber(2026, 1, 1, 0, 0), ber(2027, 1, 1, 0, 0), 253 * 8 * time.Hour},
		// 2028 has 29 February on a Tuesday: one more working day than a
		// common year starting on the same weekday.
		{"leap_february_2028", nw, ber(2028, 2, 1, 0, 0), ber(2028, 3, 1, 0, 0), 21 * 8 * time.Hour},
		{"always_open_spring_forward_weekend_has_47h", always, ber(2026, 3, 28, 0, 0), ber(2026, 3, 30, 0, 0), 47 * time.Hour},
		{"always_open_fall_back_weekend_has_49h", always, ber(2026, 10, 24, 0, 0), ber(2026, 10, 26, 0, 0), 49 * time.Hour},
		{"interval_across_spring_forward_counts_elapsed", seven, ber(2026, 3, 29, 0, 0), ber(2026, 3, 29, 6, 0), 2 * time.Hour},
		{"interval_across_fall_back_counts_elapsed", seven, ber(2026, 10, 25, 0, 0), ber(2026, 10, 25, 6, 0), 4 * time.Hour},
		{"opening_in_skipped_hour_opens_at_the_jump", gap, ber(2026, 3, 29, 0, 0), ber(2026, 3, 29, 6, 0), 2 * time.Hour},
		{"outside_the_years_is_closed", nw, ber(1999, 6, 1, 0, 0), ber(2000, 1, 1, 0, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.Between(tt.a, tt.b); got != tt.want {
				t.Errorf("Between(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestOpenAndClose(t *testing.T) {
	nw := officeNW()
	split := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 08:00-12:00,13:00-17:00")})
	gap := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Sun 02:30-05:00")})
	always := sla.AlwaysOpen(berlin)
	tests := []struct {
		name      string
		cal       *sla.Calendar
		at        time.Time
		open      bool
		nextOpen  time.Time
		nextClose time.Time
	}{
		{"opening_instant_is_open", nw, ber(2026, 3, 23, 9, 0), true, ber(2026, 3, 23, 9, 0), ber(2026, 3, 23, 17, 0)},
		{"closing_instant_is_closed", nw, ber(2026, 3, 23, 17, 0), false, ber(2026, 3, 24, 9, 0), ber(2026, 3, 24, 17, 0)},
		{"last_nanosecond_is_open", nw, ber(2026, 3, 23, 17, 0).Add(-1), true, ber(2026, 3, 23, 17, 0).Add(-1), ber(2026, 3, 23, 17, 0)},
		{"friday_evening_waits_for_monday", nw, ber(2026, 3, 20, 17, 0), false, ber(2026, 3, 23, 9, 0), ber(2026, 3, 23, 17, 0)},
		{"good_friday_is_closed", nw, ber(2026, 4, 3, 11, 0), false, ber(2026, 4, 7, 9, 0), ber(2026, 4, 7, 17, 0)},
		{"lunch_break_is_closed", split, ber(2026, 3, 23, 12, 30), false, ber(2026, 3, 23, 13, 0), ber(2026, 3, 23, 17, 0)},
		{"morning_closes_for_lunch", split, ber(2026, 3, 23, 10, 0), true, ber(2026, 3, 23, 10, 0), ber(2026, 3, 23, 12, 0)},
		{"skipped_opening_opens_at_03_00_CEST", gap, ber(2026, 3, 29, 1, 0), false, time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), ber(2026, 3, 29, 5, 0)},
		{"always_open_never_closes", always, ber(2026, 3, 29, 2, 30), true, ber(2026, 3, 29, 2, 30), time.Time{}},
		{"after_the_years_never_opens", nw, ber(2101, 1, 5, 10, 0), false, time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.IsOpen(tt.at); got != tt.open {
				t.Errorf("IsOpen(%v) = %v, want %v", tt.at, got, tt.open)
			}
			if got := tt.cal.NextOpen(tt.at); !got.Equal(tt.nextOpen) {
				t.Errorf("NextOpen(%v) = %v, want %v", tt.at, got, tt.nextOpen)
			}
			if got := tt.cal.NextClose(tt.at); !got.Equal(tt.nextClose) {
				t.Errorf("NextClose(%v) = %v, want %v", tt.at, got, tt.nextClose)
			}
		})
	}
}

// The Dutch complaints procedure: acknowledge within 7 business days, update within 14 business
// days of the acknowledgement, resolve within 30 business days of receipt,
// on the Dutch calendar. In 2026 Koningsdag is Monday 27 April,
// Bevrijdingsdag Tuesday 5 May, Hemelvaart Thursday 14 May and Tweede
// Pinksterdag Monday 25 May. The day counts are written out per case.
func TestDueWithinDaysDutchProcedure(t *testing.T) {
	nl := officeNL()
	tests := []struct {
		name     string
		received time.Time
		days     int
		want     time.Time
	}{
		// 22, 23, 24 Apr, (27 Koningsdag), 28, 29, 30 Apr, 1 May.
		{"acknowledgement_7_days_over_koningsdag", ams(2026, 4, 21, 10, 0), 7, ams(2026, 5, 1, 17, 0)},
		// From 1 May: 4, (5 Bevrijdingsdag), 6, 7, 8, 11, 12, 13, (14
		// Hemelvaart), 15, 18, 19, 20, 21, 22, (25 Pinksteren), 26 May.
		{"update_14_days_after_acknowledgement", ams(2026, 5, 1, 16, 0), 14, ams(2026, 5, 26, 17, 0)},
		// From 21 Apr: 7 days to 1 May as above, then 4, 6, 7, 8 (11), 11,
		// 12, 13 (14), 15 (15), 18-22 (20), 26-29 (24), 1-5 Jun (29), 8 Jun.
		{"resolution_30_days_from_receipt", ams(2026, 4, 21, 10, 0), 30, ams(2026, 6, 8, 17, 0)},
		{"received_before_opening_counts_that_day", ams(2026, 4, 24, 7, 0), 7, ams(2026, 5, 7, 17, 0)},
		// After close on Friday 24 Apr: next opening is Tuesday 28 Apr.
		{"received_after_close_counts_from_next_opening", ams(2026, 4, 24, 18, 0), 7, ams(2026, 5, 8, 17, 0)},
		{"received_on_saturday_counts_from_next_opening", ams(2026, 4, 25, 11, 0), 7, ams(2026, 5, 8, 17, 0)},
		{"received_on_koningsdag_counts_from_next_day", ams(2026, 4, 27, 11, 0), 7, ams(2026, 5, 8, 17, 0)},
		// Friday 24 Apr counts as day 0 up to and including its close at
		// 17:00: 28, 29, 30 Apr, 1, 4, (5 Bevrijdingsdag), 6, 7 May.
		{"received_a_minute_before_close_counts_that_day", ams(2026, 4, 24, 16, 59), 7, ams(2026, 5, 7, 17, 0)},
		{"received_at_the_close_still_counts_that_day", ams(2026, 4, 24, 17, 0), 7, ams(2026, 5, 7, 17, 0)},
		{"received_just_after_the_close_counts_from_next_opening", ams(2026, 4, 24, 17, 0).Add(time.Nanosecond), 7, ams(2026, 5, 8, 17, 0)},
		{"zero_days_is_close_of_receipt_day", ams(2026, 4, 21, 10, 0), 0, ams(2026, 4, 21, 17, 0)},
		{"negative_days_is_invalid", ams(2026, 4, 21, 10, 0), -1, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := nl.DueWithinDays(tt.received, tt.days)
			if tt.want.IsZero() {
				require.ErrorIs(t, err, sla.ErrInvalid)
			} else {
				require.NoError(t, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("DueWithinDays(%v, %d) = %v, want %v", tt.received, tt.days, got, tt.want)
			}
		})
	}
}

func TestDueWithinDaysEndsAtTheDaysClose(t *testing.T) {
	c := newCalendar(t, sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysNW,
		AnnualExceptions: []sla.AnnualException{
			{Month: time.December, Day: 24, Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"},
			{Month: time.December, Day: 31, Hours: sla.MustParseHours("09:00-12:00"), Name: "Silvester"},
		},
	})
	// Tuesday 22 Dec 2026 + 2 business days is Thursday 24 Dec, a half day.
	if got, want := orZero(c.DueWithinDays(ber(2026, 12, 22, 10, 0), 2)), ber(2026, 12, 24, 12, 0); !got.Equal(want) {
		t.Errorf("due on a half day = %v, want %v", got, want)
	}
	// 23 Dec + 1 is 24 Dec; + 2 skips 25 Dec (holiday) and the weekend: 28 Dec.
	if got, want := orZero(c.DueWithinDays(ber(2026, 12, 23, 10, 0), 2)), ber(2026, 12, 28, 17, 0); !got.Equal(want) {
		t.Errorf("due after Christmas = %v, want %v", got, want)
	}
}

func TestAddDays(t *testing.T) {
	nl := officeNL()
	tests := []struct {
		name string
		from time.Time
		n    int
		want date.Date
	}{
		{"next_business_day_skips_koningsdag", ams(2026, 4, 24, 10, 0), 1, d(2026, 4, 28)},
		{"time_of_day_does_not_matter", ams(2026, 4, 24, 23, 0), 1, d(2026, 4, 28)},
		{"from_a_closed_day", ams(2026, 4, 25, 10, 0), 1, d(2026, 4, 28)},
		{"backward_skips_koningsdag", ams(2026, 4, 28, 10, 0), -1, d(2026, 4, 24)},
		{"backward_from_a_closed_day", ams(2026, 4, 26, 10, 0), -1, d(2026, 4, 24)},
		{"zero_is_the_same_day_even_closed", ams(2026, 4, 25, 10, 0), 0, d(2026, 4, 25)},
		{"over_year_end", ams(2026, 12, 24, 10, 0), 2, d(2026, 12, 29)},
		{"outside_the_years_is_out_of_range", ams(2100, 12, 31, 10, 0), 5, date.Zero},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := nl.AddDays(tt.from, tt.n)
			if tt.want == date.Zero {
				require.ErrorIs(t, err, sla.ErrOutOfRange)
			} else {
				require.NoError(t, err)
			}
			if got != tt.want {
				t.Errorf("AddDays(%v, %d) = %v, want %v", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestExceptions(t *testing.T) {
	c := newCalendar(t, sla.Config{
		Zone:     "Europe/Berlin",
		Week:     sla.MustParseWeek("Mon-Fri 09:00-17:00"),
		Holidays: de.HolidaysNW,
		Exceptions: append([]sla.Exception{
			{Date: d(2026, 3, 28), Hours: sla.MustParseHours("10:00-14:00"), Name: "Inventur (Saturday opening)"},
			{Date: d(2026, 6, 4), Hours: sla.MustParseHours("09:00-13:00"), Name: "Fronleichnam emergency service"},
		}, sla.ClosedOn("Betriebsausflug", d(2026, 6, 17))...),
		AnnualExceptions: []sla.AnnualException{
			{Month: time.December, Day: 24, Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"},
		},
	})
	tests := []struct {
		name     string
		day      date.Date
		business bool
		hours    time.Duration // business time that day
		closure  string
	}{
		{"special_saturday_opening", d(2026, 3, 28), true, 4 * time.Hour, ""},
		{"ordinary_saturday", d(2026, 3, 21), false, 0, ""},
		{"dated_exception_overrides_holiday", d(2026, 6, 4), true, 4 * time.Hour, ""},
		{"company_closing_day", d(2026, 6, 17), false, 0, "Betriebsausflug"},
		{"holiday_has_its_name", d(2026, 4, 3), false, 0, "Karfreitag"},
		{"annual_half_day_on_a_weekday", d(2026, 12, 24), true, 3 * time.Hour, ""},
		{"annual_half_day_does_not_open_a_saturday", d(2022, 12, 24), false, 0, ""},
		{"ordinary_day", d(2026, 6, 16), true, 8 * time.Hour, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := tt.day.MidnightIn(berlin)
			if got := c.IsBusinessDay(tt.day); got != tt.business {
				t.Errorf("IsBusinessDay(%v) = %v, want %v", tt.day, got, tt.business)
			}
			if got := c.Between(start, start.AddDate(0, 0, 1)); got != tt.hours {
				t.Errorf("business time on %v = %v, want %v", tt.day, got, tt.hours)
			}
			name, ok := c.Closure(tt.day)
			if ok != (tt.closure != "") || name != tt.closure {
				t.Errorf("Closure(%v) = %q, %v; want %q", tt.day, name, ok, tt.closure)
			}
		})
	}
}

func TestNewCalendarRejectsInvalidSpecifications(t *testing.T) {
	week := sla.MustParseWeek("Mon-Fri 09:00-17:00")
	hours := func(s string) []sla.Interval { return sla.MustParseHours(s) }
	tests := []struct {
		name  string
		cfg   sla.Config
		field string
	}{
		{"empty_zone", sla.Config{Week: week}, "Zone"},
		{"unknown_zone", sla.Config{Zone: "Mars/Olympus_Mons", Week: week}, "Zone"},
		{"implicit_local_zone", sla.Config{Zone: "Local", Week: week}, "Zone"},
		{"overlapping_intervals", sla.Config{Zone: "UTC", Week: sla.Week{time.Monday: {{9 * time.Hour, 13 * time.Hour}, {12 * time.Hour, 17 * time.Hour}}}}, "Week[Monday][1]"},
		{"reversed_interval", sla.Config{Zone: "UTC", Week: sla.Week{time.Monday: {{17 * time.Hour, 9 * time.Hour}}}}, "Week[Monday][0]"},
		{"interval_past_midnight", sla.Config{Zone: "UTC", Week: sla.Week{time.Monday: {{20 * time.Hour, 25 * time.Hour}}}}, "Week[Monday][0]"},
		{"negative_start", sla.Config{Zone: "UTC", Week: sla.Week{time.Monday: {{-time.Hour, 9 * time.Hour}}}}, "Week[Monday][0]"},
		{"sub_second_boundary", sla.Config{Zone: "UTC", Week: sla.Week{time.Monday: {{time.Millisecond, 9 * time.Hour}}}}, "Week[Monday][0]"},
		{"year_before_supported", sla.Config{Zone: "UTC", Week: week, FirstYear: 1800}, "FirstYear"},
		{"year_after_supported", sla.Config{Zone: "UTC", Week: week, LastYear: 2300}, "LastYear"},
		{"years_reversed", sla.Config{Zone: "UTC", Week: week, FirstYear: 2030, LastYear: 2020}, "LastYear"},
		{"duplicate_exception", sla.Config{Zone: "UTC", Week: week, Exceptions: sla.ClosedOn("x", d(2026, 1, 2), d(2026, 1, 2))}, "Exceptions[1]"},
		{"overlapping_exception_hours", sla.Config{Zone: "UTC", Week: week, Exceptions: []sla.Exception{{Date: d(2026, 1, 2), Hours: []sla.Interval{{9 * time.Hour, 12 * time.Hour}, {11 * time.Hour, 14 * time.Hour}}}}}, "Exceptions[0].Hours[1]"},
		{"annual_30_february", sla.Config{Zone: "UTC", Week: week, AnnualExceptions: []sla.AnnualException{{Month: time.February, Day: 30, Hours: hours("09:00-12:00")}}}, "AnnualExceptions[0]"},
		{"annual_month_13", sla.Config{Zone: "UTC", Week: week, AnnualExceptions: []sla.AnnualException{{Month: 13, Day: 1, Hours: hours("09:00-12:00")}}}, "AnnualExceptions[0]"},
		{"annual_without_hours", sla.Config{Zone: "UTC", Week: week, AnnualExceptions: []sla.AnnualException{{Month: time.December, Day: 24}}}, "AnnualExceptions[0].Hours"},
		{"annual_duplicate", sla.Config{Zone: "UTC", Week: week, AnnualExceptions: []sla.AnnualException{{Month: time.December, Day: 24, Hours: hours("09:00-12:00")}, {Month: time.December, Day: 24, Hours: hours("09:00-11:00")}}}, "AnnualExceptions[1]"},
		{"never_open", sla.Config{Zone: "UTC"}, "Week"},
		{"nil_holiday", sla.Config{Zone: "UTC", Week: week, Holidays: append(de.HolidaysNW[:1:1], nil)}, "Holidays[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := sla.NewCalendar(tt.cfg)
			require.Error(t, err)
			require.Nil(t, c)
			require.ErrorIs(t, err, sla.ErrInvalid)
			var verr *sla.ValidationError
			require.ErrorAs(t, err, &verr)
			require.Equal(t, []string{tt.field}, verr.Fields(), "error: %v", err)
		})
	}
}

func TestNewCalendarDoesNotKeepCallersSlices(t *testing.T) {
	week := sla.MustParseWeek("Mon-Fri 13:00-17:00,09:00-12:00")
	c := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: week})
	week[time.Monday][0] = sla.Interval{Start: 0, End: 24 * time.Hour}
	if got := c.Between(ber(2026, 3, 23, 0, 0), ber(2026, 3, 24, 0, 0)); got != 7*time.Hour {
		t.Errorf("Monday has %v after the caller changed its slice, want 7h", got)
	}
}

func TestCovers(t *testing.T) {
	c := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), FirstYear: 2025, LastYear: 2026})
	first, last := c.Years()
	require.Equal(t, [2]int{2025, 2026}, [2]int{first, last})
	for _, tt := range []struct {
		at   time.Time
		want bool
	}{
		{ber(2025, 1, 1, 0, 0), true},
		{ber(2025, 1, 1, 0, 0).Add(-1), false},
		{ber(2026, 12, 31, 23, 59), true},
		{ber(2027, 1, 1, 0, 0), false},
		{time.Time{}, false},
		{time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		if got := c.Covers(tt.at); got != tt.want {
			t.Errorf("Covers(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
}

// Far-off and zero instants are closed time, never a panic or overflow.
func TestExtremeInstants(t *testing.T) {
	c := officeNW()
	extremes := []time.Time{{}, time.Unix(-1<<62, 0), time.Unix(1<<62, 0), time.Date(2262, 5, 1, 0, 0, 0, 0, time.UTC)}
	for _, x := range extremes {
		require.False(t, c.IsOpen(x))
		require.Zero(t, c.Between(x, x))
		_, err := c.AddDays(x, 3)
		require.ErrorIs(t, err, sla.ErrOutOfRange, "an instant outside the calendar's years")
		_, err = c.Add(x, time.Hour)
		require.ErrorIs(t, err, sla.ErrOutOfRange, "an instant outside the calendar's years")
	}
	require.Equal(t, c.Between(ber(2000, 1, 1, 0, 0), ber(2101, 1, 1, 0, 0)), c.Between(time.Time{}, time.Unix(1<<62, 0)))
	_, err := c.Add(ber(2026, 1, 5, 9, 0), time.Duration(1<<63-1))
	require.ErrorIs(t, err, sla.ErrOutOfRange)
	for _, n := range []int{math.MaxInt, math.MinInt} {
		_, err = c.AddDays(ber(2026, 1, 5, 9, 0), n)
		require.ErrorIs(t, err, sla.ErrOutOfRange)
	}
	_, err = c.DueWithinDays(ber(2026, 1, 5, 9, 0), math.MaxInt)
	require.ErrorIs(t, err, sla.ErrOutOfRange)
	_, err = c.Add(ber(2026, 1, 5, 9, 0), time.Duration(-1<<63))
	require.ErrorIs(t, err, sla.ErrOutOfRange)
}

func TestZeroCalendarIsClosed(t *testing.T) {
	var c sla.Calendar
	now := ber(2026, 3, 23, 10, 0)
	require.False(t, c.IsOpen(now))
	require.True(t, c.NextOpen(now).IsZero())
	require.True(t, c.NextClose(now).IsZero())
	_, err := c.Add(now, time.Hour)
	require.ErrorIs(t, err, sla.ErrOutOfRange)
	require.Zero(t, c.Between(now, now.Add(time.Hour)))
	require.Equal(t, time.UTC, c.Location())
	_, err = c.DueWithinDays(now, 1)
	require.ErrorIs(t, err, sla.ErrOutOfRange)
}

// The arithmetic must not allocate: billing jobs call it millions of times.
func TestArithmeticDoesNotAllocate(t *testing.T) {
	c := officeNW()
	a, b := ber(2026, 3, 23, 10, 0), ber(2027, 3, 23, 10, 0)
	var sink time.Time
	var dsink time.Duration
	ops := map[string]func(){
		"Add":           func() { sink, _ = c.Add(a, 240*time.Hour) },
		"Between":       func() { dsink = c.Between(a, b) },
		"NextOpen":      func() { sink = c.NextOpen(b) },
		"NextClose":     func() { sink = c.NextClose(b) },
		"DueWithinDays": func() { sink, _ = c.DueWithinDays(a, 30) },
		"IsOpen":        func() { _ = c.IsOpen(a) },
	}
	for name, op := range ops {
		if n := testing.AllocsPerRun(100, op); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
	_, _ = sink, dsink
}

// A Calendar is immutable: many goroutines may share one (run with -race).
func TestConcurrentUse(t *testing.T) {
	c := officeNW()
	want := c.Between(ber(2026, 1, 1, 0, 0), ber(2027, 1, 1, 0, 0))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				if got := c.Between(ber(2026, 1, 1, 0, 0), ber(2027, 1, 1, 0, 0)); got != want {
					errs <- errors.New("concurrent Between disagrees")
					return
				}
				_, _ = c.Add(ber(2026, 6, 1, 10, 0), 100*time.Hour)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// Names of holidays and exceptions reach messages and screens: no control
// characters, valid UTF-8, bounded.
func TestCalendarRefusesUnprintableNames(t *testing.T) {
	for _, name := range []string{"Betriebsausflug\x1b[2J", "line\nbreak", "\xff", strings.Repeat("x", 257)} {
		_, err := sla.NewCalendar(sla.Config{
			Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"),
			Exceptions: sla.ClosedOn(name, d(2026, 5, 15)),
		})
		var ve *sla.ValidationError
		require.ErrorAs(t, err, &ve, "%q", name)
		require.Equal(t, []string{"Exceptions[0].Name"}, ve.Fields())
	}
}

// A nil calendar answers like the zero one, closed and covering no year,
// and its arithmetic is an error rather than a panic.
func TestNilCalendarIsClosedAndCoversNothing(t *testing.T) {
	var c *sla.Calendar
	now := ber(2026, 3, 23, 10, 0)
	require.False(t, c.IsOpen(now))
	require.False(t, c.Covers(now))
	require.True(t, c.NextOpen(now).IsZero())
	require.Zero(t, c.Between(now, now.Add(time.Hour)))
	require.Equal(t, time.UTC, c.Location())
	_, err := c.Add(now, time.Hour)
	require.ErrorIs(t, err, sla.ErrOutOfRange)
	_, err = c.DueWithinDays(now, 1)
	require.ErrorIs(t, err, sla.ErrOutOfRange)
}

// Arithmetic from an instant the calendar does not cover is refused: the
// zero Time used to count from the calendar's first opening, a date in
// 2000.
func TestArithmeticOutsideTheYearsIsAnError(t *testing.T) {
	c := officeNW()
	first, last := c.Years()
	for _, at := range []time.Time{{}, ber(first-1, 12, 31, 10, 0), ber(last+1, 1, 4, 10, 0)} {
		_, err := c.Add(at, time.Hour)
		require.ErrorIs(t, err, sla.ErrOutOfRange, "Add from %v", at)
		_, err = c.Add(at, 0)
		require.ErrorIs(t, err, sla.ErrOutOfRange, "Add 0 from %v", at)
		_, err = c.DueWithinDays(at, 1)
		require.ErrorIs(t, err, sla.ErrOutOfRange, "DueWithinDays from %v", at)
		_, err = c.AddDays(at, 1)
		require.ErrorIs(t, err, sla.ErrOutOfRange, "AddDays from %v", at)
	}
}
