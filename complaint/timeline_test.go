package complaint_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

// The rule, from sla.Calendar.DueWithinDays: due at the close (17:00) of
// the N-th business day after the day of receipt; receipt outside opening
// hours counts as receipt at the next opening. The office calendar is
// Mon-Fri 09:00-17:00 in Amsterdam, closed on nl.Holidays, which in
// rickar/cal include Goede Vrijdag and Bevrijdingsdag (5 May) every year.
//
// Dates used below: 2026 has Koningsdag on Monday 27 April, Bevrijdingsdag
// on Tuesday 5 May, Hemelvaartsdag on Thursday 14 May (Easter is 5 April)
// and Tweede Pinksterdag on Monday 25 May. Christmas 2025 is Thursday 25
// and Friday 26 December, Nieuwjaarsdag 2026 a Thursday; Christmas 2026 is
// Friday 25 and Saturday 26 December, Nieuwjaarsdag 2027 a Friday.
func TestDutchProcedureTimeline(t *testing.T) {
	p := nlPolicy(t)
	tests := []ackRow{
		{
			// Friday 24 April 18:00 is after closing; Saturday, Sunday and
			// Koningsdag (Monday 27) are closed, so the receipt counts on
			// Tuesday 28 April at 09:00, day 0.
			// Acknowledgement, 7 business days: 1 Wed 29 Apr, 2 Thu 30,
			// 3 Fri 1 May, 4 Mon 4, (Tue 5 Bevrijdingsdag), 5 Wed 6,
			// 6 Thu 7, 7 Fri 8 May.
			// Update, 14 business days after the acknowledgement on Tue
			// 28 Apr 11:00 (open, so day 0 is the 28th): 1 Wed 29, 2 Thu
			// 30, 3 Fri 1 May, 4 Mon 4, 5 Wed 6, 6 Thu 7, 7 Fri 8, 8 Mon
			// 11, 9 Tue 12, 10 Wed 13, (Thu 14 Hemelvaart), 11 Fri 15,
			// 12 Mon 18, 13 Tue 19, 14 Wed 20 May.
			// Resolution, 30 business days from day 0 Tue 28 Apr: the
			// first 14 as above to Wed 20 May, 15 Thu 21, 16 Fri 22,
			// (Mon 25 Pinksteren), 17 Tue 26, 18 Wed 27, 19 Thu 28, 20 Fri
			// 29, 21 Mon 1 Jun, 22 Tue 2, 23 Wed 3, 24 Thu 4, 25 Fri 5,
			// 26 Mon 8, 27 Tue 9, 28 Wed 10, 29 Thu 11, 30 Fri 12 June.
			name:          "friday_evening_before_koningsdag",
			receivedAt:    ams(2026, time.April, 24, 18, 0),
			ackAt:         ams(2026, time.April, 28, 11, 0),
			ackDue:        ams(2026, time.May, 8, 17, 0),
			updateDue:     ams(2026, time.May, 20, 17, 0),
			resolutionDue: ams(2026, time.June, 12, 17, 0),
		},
		{
			// Monday 4 May 08:30 is before opening: day 0 is Monday 4 May.
			// Acknowledgement: 1 Wed 6 (Tue 5 Bevrijdingsdag), 2 Thu 7,
			// 3 Fri 8, 4 Mon 11, 5 Tue 12, 6 Wed 13, (Thu 14 Hemelvaart),
			// 7 Fri 15 May.
			// Update after the acknowledgement on Mon 4 May 10:00: as
			// above to 7 Fri 15, 8 Mon 18, 9 Tue 19, 10 Wed 20, 11 Thu 21,
			// 12 Fri 22, (Mon 25 Pinksteren), 13 Tue 26, 14 Wed 27 May.
			// Resolution: 15 Thu 28, 16 Fri 29, 17 Mon 1 Jun, 18 Tue 2,
			// 19 Wed 3, 20 Thu 4, 21 Fri 5, 22 Mon 8, 23 Tue 9, 24 Wed 10,
			// 25 Thu 11, 26 Fri 12, 27 Mon 15, 28 Tue 16, 29 Wed 17,
			// 30 Thu 18 June.
			name:          "monday_before_opening_in_the_may_holidays",
			receivedAt:    ams(2026, time.May, 4, 8, 30),
			ackAt:         ams(2026, time.May, 4, 10, 0),
			ackDue:        ams(2026, time.May, 15, 17, 0),
			updateDue:     ams(2026, time.May, 27, 17, 0),
			resolutionDue: ams(2026, time.June, 18, 17, 0),
		},
		{
			// Christmas Eve 2025, Wednesday 20:00, after closing; Eerste
			// and Tweede Kerstdag (Thu 25, Fri 26) and the weekend are
			// closed: day 0 is Monday 29 December.
			// Acknowledgement: 1 Tue 30, 2 Wed 31, (Thu 1 Jan
			// Nieuwjaarsdag), 3 Fri 2 Jan, 4 Mon 5, 5 Tue 6, 6 Wed 7,
			// 7 Thu 8 January 2026.
			// Update after the acknowledgement on Mon 29 Dec 10:00: as
			// above to 7 Thu 8 Jan, 8 Fri 9, 9 Mon 12, 10 Tue 13, 11 Wed
			// 14, 12 Thu 15, 13 Fri 16, 14 Mon 19 January.
			// Resolution: 15 Tue 20, 16 Wed 21, 17 Thu 22, 18 Fri 23,
			// 19 Mon 26, 20 Tue 27, 21 Wed 28, 22 Thu 29, 23 Fri 30,
			// 24 Mon 2 Feb, 25 Tue 3, 26 Wed 4, 27 Thu 5, 28 Fri 6,
			// 29 Mon 9, 30 Tue 10 February 2026.
			name:          "christmas_eve_2025_after_closing",
			receivedAt:    ams(2025, time.December, 24, 20, 0),
			ackAt:         ams(2025, time.December, 29, 10, 0),
			ackDue:        ams(2026, time.January, 8, 17, 0),
			updateDue:     ams(2026, time.January, 19, 17, 0),
			resolutionDue: ams(2026, time.February, 10, 17, 0),
		},
		{
			// Tuesday 22 December 2026 10:00, open: day 0 is the 22nd.
			// Acknowledgement: 1 Wed 23, 2 Thu 24, (Fri 25 Eerste
			// Kerstdag, Sat 26 Tweede Kerstdag, Sun 27), 3 Mon 28, 4 Tue
			// 29, 5 Wed 30, 6 Thu 31, (Fri 1 Jan Nieuwjaarsdag), 7 Mon
			// 4 January 2027.
			// Update after the acknowledgement on Wed 23 Dec 09:15: 1 Thu
			// 24, 2 Mon 28, 3 Tue 29, 4 Wed 30, 5 Thu 31, 6 Mon 4 Jan,
			// 7 Tue 5, 8 Wed 6, 9 Thu 7, 10 Fri 8, 11 Mon 11, 12 Tue 12,
			// 13 Wed 13, 14 Thu 14 January 2027.
			// Resolution from Tue 22 Dec: 7 Mon 4 Jan as above, 8 Tue 5,
			// 9 Wed 6, 10 Thu 7, 11 Fri 8, 12 Mon 11, 13 Tue 12, 14 Wed
			// 13, 15 Thu 14, 16 Fri 15, 17 Mon 18, 18 Tue 19, 19 Wed 20,
			// 20 Thu 21, 21 Fri 22, 22 Mon 25, 23 Tue 26, 24 Wed 27,
			// 25 Thu 28, 26 Fri 29, 27 Mon 1 Feb, 28 Tue 2, 29 Wed 3,
			// 30 Thu 4 February 2027.
			name:          "christmas_week_2026_during_opening_hours",
			receivedAt:    ams(2026, time.December, 22, 10, 0),
			ackAt:         ams(2026, time.December, 23, 9, 15),
			ackDue:        ams(2027, time.January, 4, 17, 0),
			updateDue:     ams(2027, time.January, 14, 17, 0),
			resolutionDue: ams(2027, time.February, 4, 17, 0),
		},
		{
			// Received as in the first row; acknowledged automatically on
			// Saturday 25 April 10:00, outside opening hours, so the
			// update counts from the next opening, Tuesday 28 April:
			// the same Wed 20 May as there.
			name:          "acknowledged_on_saturday_counts_from_the_next_opening",
			receivedAt:    ams(2026, time.April, 24, 18, 0),
			ackAt:         ams(2026, time.April, 25, 10, 0),
			ackDue:        ams(2026, time.May, 8, 17, 0),
			updateDue:     ams(2026, time.May, 20, 17, 0),
			resolutionDue: ams(2026, time.June, 12, 17, 0),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, p)

			// Acknowledged a minute after the deadline is late.
			c := received(t, p, tt.receivedAt)
			got, err := p.Acknowledge(&c, anna, tt.ackDue.Add(time.Minute))
			require.NoError(t, err)
			require.False(t, got.OnTime, "acknowledged after %s", tt.ackDue)
		})
	}
}

// ackRow is a complaint received and acknowledged, and the
// acknowledgement's timeline that the procedure prescribes.
type ackRow struct {
	name                             string
	receivedAt, ackAt                time.Time
	ackDue, updateDue, resolutionDue time.Time
	late                             bool // acknowledged after ackDue
}

func (tt ackRow) check(t *testing.T, p *complaint.Policy) {
	t.Helper()
	c := received(t, p, tt.receivedAt)
	got, err := p.Acknowledge(&c, anna, tt.ackAt)
	require.NoError(t, err)
	want := complaint.Acknowledgement{
		Ref: c.Ref, ReceivedAt: tt.receivedAt, AcknowledgedAt: tt.ackAt,
		Due: tt.ackDue, OnTime: !tt.late, UpdateDue: tt.updateDue, ResolutionDue: tt.resolutionDue,
	}
	diff(t, "acknowledgement", want, got)
}

// The 24-hour complaints procedure: acknowledgement within 24 hours on the clock, nights and
// weekends included, with the reference number and an initial timeline.
// Preset24h's other targets are the library's defaults for "a reasonable
// time": updates every 7 days (168h), resolution within 30 days (720h).
func TestTwentyFourHourTimeline(t *testing.T) {
	p := h24Policy(t)
	tests := []ackRow{
		{
			// Friday 24 April 18:00 + 24h = Saturday 25 April 18:00: the
			// weekend counts. Update: Sat 25 Apr 10:00 + 7 days = Sat 2
			// May 10:00. Resolution: + 30 days = Sunday 24 May 18:00 (no
			// clock change in between).
			name:          "over_a_weekend",
			receivedAt:    ams(2026, time.April, 24, 18, 0),
			ackAt:         ams(2026, time.April, 25, 10, 0),
			ackDue:        ams(2026, time.April, 25, 18, 0),
			updateDue:     ams(2026, time.May, 2, 10, 0),
			resolutionDue: ams(2026, time.May, 24, 18, 0),
		},
		{
			// Acknowledged on Monday morning: 63 hours after receipt, late.
			// Update: Mon 27 Apr 09:00 + 7 days = Mon 4 May 09:00.
			name:          "over_a_weekend_acknowledged_on_monday",
			receivedAt:    ams(2026, time.April, 24, 18, 0),
			ackAt:         ams(2026, time.April, 27, 9, 0),
			ackDue:        ams(2026, time.April, 25, 18, 0),
			updateDue:     ams(2026, time.May, 4, 9, 0),
			resolutionDue: ams(2026, time.May, 24, 18, 0),
			late:          true,
		},
		{
			// Saturday 28 March 2026 12:00 CET (11:00 UTC); clocks spring
			// forward on Sunday at 02:00. 24 elapsed hours later it is
			// Sunday 11:00 UTC, 13:00 CEST on the wall. Resolution: 30
			// days of 24h later is 27 April 11:00 UTC, 13:00 CEST.
			// Update: Sun 29 Mar 12:30 CEST + 168h = Sun 5 Apr 12:30.
			name:          "over_the_spring_clock_change",
			receivedAt:    ams(2026, time.March, 28, 12, 0),
			ackAt:         ams(2026, time.March, 29, 12, 30),
			ackDue:        ams(2026, time.March, 29, 13, 0),
			updateDue:     ams(2026, time.April, 5, 12, 30),
			resolutionDue: ams(2026, time.April, 27, 13, 0),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, p) })
	}
}

// Progress updates recur: each is due 14 business days after the one
// before, while the complaint is open; the decision stops the last cycle.
func TestRecurringUpdates(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, ams(2026, time.April, 24, 18, 0))
	do(t, &c,
		// Cycle 1 from the acknowledgement, Tue 28 Apr: due Wed 20 May
		// (counted in TestDutchProcedureTimeline).
		ack(p, anna, ams(2026, time.April, 28, 11, 0)),
		investigate(p, bob, ams(2026, time.April, 28, 14, 0)),
		// Met on Tue 19 May 15:00. Cycle 2 from it, day 0 Tue 19 May:
		// 1 Wed 20, 2 Thu 21, 3 Fri 22, (Mon 25 Pinksteren), 4 Tue 26,
		// 5 Wed 27, 6 Thu 28, 7 Fri 29, 8 Mon 1 Jun, 9 Tue 2, 10 Wed 3,
		// 11 Thu 4, 12 Fri 5, 13 Mon 8, 14 Tue 9 June.
		update(p, bob, ams(2026, time.May, 19, 15, 0)),
		// Met late on Wed 10 Jun 10:00. Cycle 3, day 0 Wed 10 Jun: 1 Thu
		// 11, 2 Fri 12, 3 Mon 15, 4 Tue 16, 5 Wed 17, 6 Thu 18, 7 Fri 19,
		// 8 Mon 22, 9 Tue 23, 10 Wed 24, 11 Thu 25, 12 Fri 26, 13 Mon 29,
		// 14 Tue 30 June.
		update(p, bob, ams(2026, time.June, 10, 10, 0)),
	)
	type cycle struct {
		State    sla.State
		Due      time.Time
		Breached bool
	}
	cycles := func(tl complaint.Timeline) []cycle {
		var out []cycle
		for _, s := range tl.Updates {
			out = append(out, cycle{s.State, s.Due, s.Breached})
		}
		return out
	}
	tests := []struct {
		name string
		now  time.Time
		want []cycle
	}{
		{"before_the_acknowledgement_no_cycle", ams(2026, time.April, 27, 12, 0), nil},
		{"first_cycle_running", ams(2026, time.May, 1, 12, 0), []cycle{
			{sla.Running, ams(2026, time.May, 20, 17, 0), false},
		}},
		{"second_cycle_overdue", ams(2026, time.June, 9, 17, 1), []cycle{
			{sla.Met, ams(2026, time.May, 20, 17, 0), false},
			{sla.Running, ams(2026, time.June, 9, 17, 0), true},
		}},
		{"third_cycle_running", ams(2026, time.June, 11, 9, 0), []cycle{
			{sla.Met, ams(2026, time.May, 20, 17, 0), false},
			{sla.Met, ams(2026, time.June, 9, 17, 0), true},
			{sla.Running, ams(2026, time.June, 30, 17, 0), false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diff(t, "update cycles", tt.want, cycles(timeline(t, p, c, tt.now)))
		})
	}

	t.Run("decision_stops_the_last_cycle", func(t *testing.T) {
		c := c.Clone()
		do(t, &c, resolve(p, bob, ams(2026, time.June, 12, 11, 0)))
		tl := timeline(t, p, c, ams(2026, time.July, 31, 12, 0))
		diff(t, "update cycles", []cycle{
			{sla.Met, ams(2026, time.May, 20, 17, 0), false},
			{sla.Met, ams(2026, time.June, 9, 17, 0), true},
			{sla.Stopped, ams(2026, time.June, 30, 17, 0), false},
		}, cycles(tl))
		_, ok := tl.NextUpdate()
		require.False(t, ok, "no update is due after the decision")
		require.ErrorIs(t, p.SendUpdate(&c, bob, ams(2026, time.June, 15, 9, 0), "late"), complaint.ErrIllegalTransition)
	})

	t.Run("next_update", func(t *testing.T) {
		s, ok := timeline(t, p, c, ams(2026, time.June, 11, 9, 0)).NextUpdate()
		require.True(t, ok)
		require.Equal(t, ams(2026, time.June, 30, 17, 0), s.Due)
	})
}

// Extending the resolution keeps the original deadline and every
// extension, and the decision is reported against both. The complaint is
// received on Friday 24 April 2026 18:00: resolution due Friday 12 June
// 17:00 (TestDutchProcedureTimeline).
func TestExtensions(t *testing.T) {
	p := nlPolicy(t)
	original := ams(2026, time.June, 12, 17, 0)
	type ext struct{ at, due time.Time }
	tests := []struct {
		name        string
		extensions  []ext
		resolvedAt  time.Time
		onTime      bool // against the deadline in force
		onOriginal  bool // against 12 June
		wantInForce time.Time
	}{
		{
			name:        "resolved_before_the_original_after_an_extension",
			extensions:  []ext{{ams(2026, time.June, 10, 10, 0), ams(2026, time.June, 26, 17, 0)}},
			resolvedAt:  ams(2026, time.June, 11, 12, 0),
			onTime:      true,
			onOriginal:  true,
			wantInForce: ams(2026, time.June, 26, 17, 0),
		},
		{
			name: "resolved_within_the_second_extension",
			extensions: []ext{
				{ams(2026, time.June, 10, 10, 0), ams(2026, time.June, 26, 17, 0)},
				{ams(2026, time.June, 25, 16, 0), ams(2026, time.July, 10, 17, 0)},
			},
			resolvedAt:  ams(2026, time.July, 1, 12, 0),
			onTime:      true,
			onOriginal:  false,
			wantInForce: ams(2026, time.July, 10, 17, 0),
		},
		{
			name:        "resolved_after_the_extension",
			extensions:  []ext{{ams(2026, time.June, 10, 10, 0), ams(2026, time.June, 26, 17, 0)}},
			resolvedAt:  ams(2026, time.June, 29, 10, 0),
			onTime:      false,
			onOriginal:  false,
			wantInForce: ams(2026, time.June, 26, 17, 0),
		},
		{
			name:        "extended_after_the_original_was_missed",
			extensions:  []ext{{ams(2026, time.June, 15, 9, 30), ams(2026, time.July, 3, 17, 0)}},
			resolvedAt:  ams(2026, time.June, 30, 10, 0),
			onTime:      true,
			onOriginal:  false,
			wantInForce: ams(2026, time.July, 3, 17, 0),
		},
		{
			name:        "resolved_exactly_at_the_original_deadline",
			resolvedAt:  original,
			onTime:      true,
			onOriginal:  true,
			wantInForce: original,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := received(t, p, ams(2026, time.April, 24, 18, 0))
			do(t, &c, ack(p, anna, ams(2026, time.April, 28, 11, 0)), investigate(p, bob, ams(2026, time.April, 28, 14, 0)))
			var want []complaint.Extension
			from := original
			for _, e := range tt.extensions {
				do(t, &c, extend(p, bob, e.at, e.due))
				want = append(want, complaint.Extension{At: e.at, By: bob, Reason: "waiting for the supplier's analysis", From: from, To: e.due})
				from = e.due
			}
			do(t, &c, resolve(p, bob, tt.resolvedAt))
			tl := timeline(t, p, c, ams(2026, time.December, 1, 12, 0))
			diff(t, "extensions", want, tl.Extensions)
			require.Equal(t, sla.Met, tl.Resolution.State)
			require.Equal(t, tt.wantInForce, tl.Resolution.Due, "deadline in force")
			require.Equal(t, original, tl.Resolution.Original.Due, "original deadline")
			require.Equal(t, len(tt.extensions), tl.Resolution.Rebaselines)
			require.Equal(t, tt.onTime, tl.Resolution.MetOnTime(), "on time against the deadline in force")
			require.Equal(t, tt.onOriginal, tl.Resolution.MetOriginal(), "on time against the original")
		})
	}

	t.Run("refused", func(t *testing.T) {
		c := received(t, p, ams(2026, time.April, 24, 18, 0))
		do(t, &c, ack(p, anna, ams(2026, time.April, 28, 11, 0)), investigate(p, bob, ams(2026, time.April, 28, 14, 0)))
		at := ams(2026, time.June, 10, 10, 0)
		before := c.Clone()
		for _, tt := range []struct {
			name          string
			reason        string
			due           time.Time
			missingFields []string
			fields        []string
		}{
			{"no_reason_no_date", "", time.Time{}, []string{"reason", "due"}, []string{"reason", "due"}},
			{"not_after_the_deadline_in_force", "supplier", original, nil, []string{"due"}},
			{"not_after_the_extension", "supplier", at, nil, []string{"due"}},
			{"beyond_the_calendar", "supplier", ams(2101, time.January, 3, 12, 0), nil, []string{"due"}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				err := p.Extend(&c, bob, at, tt.reason, tt.due)
				var ve *complaint.ValidationError
				require.ErrorAs(t, err, &ve)
				require.ErrorIs(t, err, complaint.ErrInvalid)
				require.Equal(t, tt.fields, ve.Fields())
				require.Equal(t, tt.missingFields, ve.Missing())
				diff(t, "complaint after a refused extension", before, c)
			})
		}
		t.Run("after_the_decision", func(t *testing.T) {
			c := c.Clone()
			do(t, &c, resolve(p, bob, at))
			require.ErrorIs(t, p.Extend(&c, bob, at, "late", ams(2026, time.July, 1, 17, 0)), complaint.ErrIllegalTransition)
		})
	})
}

// A Timeline at an earlier instant shows how things stood then.
func TestTimelineReplays(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, ams(2026, time.April, 24, 18, 0))
	do(t, &c,
		ack(p, anna, ams(2026, time.May, 11, 10, 0)), // after Fri 8 May 17:00: late
		investigate(p, bob, ams(2026, time.May, 11, 11, 0)),
		extend(p, bob, ams(2026, time.June, 1, 9, 0), ams(2026, time.June, 30, 17, 0)),
	)
	tl := timeline(t, p, c, ams(2026, time.May, 8, 16, 0))
	require.Equal(t, sla.Running, tl.Acknowledgement.State)
	require.False(t, tl.Acknowledgement.Breached)
	require.True(t, tl.Acknowledgement.Warning, "16:00 on the last day is past 80% of the budget")
	require.Empty(t, tl.Extensions)
	require.Equal(t, ams(2026, time.June, 12, 17, 0), tl.Resolution.Due)

	tl = timeline(t, p, c, ams(2026, time.June, 2, 9, 0))
	require.Equal(t, sla.Met, tl.Acknowledgement.State)
	require.True(t, tl.Acknowledgement.Breached, "acknowledged late")
	require.Len(t, tl.Extensions, 1)
	require.Equal(t, ams(2026, time.June, 30, 17, 0), tl.Resolution.Due)
	require.Equal(t, sla.Pending, tl.Escalation.State)

	_, err := p.Timeline(complaint.Complaint{}, ams(2026, time.June, 2, 9, 0))
	require.ErrorIs(t, err, complaint.ErrInvalid)

	broken := c.Clone()
	broken.History[2].At = ams(2026, time.May, 1, 0, 0) // before the acknowledgement
	_, err = p.Timeline(broken, ams(2026, time.June, 2, 9, 0))
	var ve *complaint.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"History[2]"}, ve.Fields())

	broken = c.Clone()
	broken.History[3].Text = "" // an extension without its explanation
	_, err = p.Timeline(broken, ams(2026, time.June, 2, 9, 0))
	var he *sla.HistoryError
	require.True(t, errors.As(err, &he), "an impossible clock history is the sla's HistoryError: %v", err)
}
