package sla_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickar/cal/v2/de"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
)

// complaintsPolicy is the Dutch complaints procedure: acknowledged within
// 7 business days of receipt, an update within 14 business days of the
// acknowledgement, resolved within 30 business days of receipt.
func complaintsPolicy(t testing.TB, c *sla.Calendar) *sla.Policy {
	t.Helper()
	p, err := sla.NewPolicy(sla.PolicyConfig{Name: "klachten", Targets: []sla.PolicyTarget{
		{Name: sla.Acknowledgement, Target: sla.MustParseTarget("7 business days"), Calendar: "nl"},
		{Name: sla.Update, Target: sla.MustParseTarget("14 business days"), Calendar: "nl", After: sla.Acknowledgement},
		{Name: sla.Resolution, Target: sla.MustParseTarget("30 business days"), Calendar: "nl"},
	}}, sla.Calendars{"nl": c})
	require.NoError(t, err)
	return p
}

// The Dutch complaints procedure on the Dutch calendar, received Wed 22 Apr 2026 10:00. Holidays
// in the way: Koningsdag 27 Apr, Bevrijdingsdag 5 May, Hemelvaart 14 May,
// Tweede Pinksterdag 25 May.
func TestPolicyStatusDutchProcedure(t *testing.T) {
	p := complaintsPolicy(t, officeNL())
	received, acknowledged := ams(2026, 4, 22, 10, 0), ams(2026, 4, 30, 11, 0)
	got, err := p.Status(map[string][]sla.Event{
		sla.Acknowledgement: {started(received), met(acknowledged)},
		sla.Update:          {met(ams(2026, 5, 20, 15, 0))},
		sla.Resolution:      {started(received)},
	}, ams(2026, 5, 22, 12, 0))
	require.NoError(t, err)
	want := []sla.Status{
		// Due Mon 4 May 17:00 (7 days, Koningsdag skipped); budget 7h +
		// 56h; used Wed 7h, Thu, Fri, Tue, Wed 8h each, Thu 2h.
		{Name: sla.Acknowledgement, State: sla.Met, Start: received, End: acknowledged, Elapsed: 41 * time.Hour,
			Deadline: sla.Deadline{Due: ams(2026, 5, 4, 17, 0), Budget: 63 * time.Hour, Remaining: 22 * time.Hour}},
		// Counted from the acknowledgement, Thu 30 Apr: Fri 1, Mon 4, Wed
		// 6, Thu 7, Fri 8, Mon 11, Tue 12, Wed 13, Fri 15, Mon 18, Tue 19,
		// Wed 20, Thu 21, Fri 22 May. Budget 6h + 14 x 8h; used 6h + 11
		// days + 6h on Wed 20 May.
		{Name: sla.Update, State: sla.Met, Start: acknowledged, End: ams(2026, 5, 20, 15, 0), Elapsed: 100 * time.Hour,
			Deadline: sla.Deadline{Due: ams(2026, 5, 22, 17, 0), Budget: 118 * time.Hour, Remaining: 18 * time.Hour}},
		// Counted from receipt: 30 days end Tue 9 Jun. Used 7h + 18 days
		// (Thu 23 Apr to Thu 21 May) + 3h. Warning at 80% of 247h, 197h36m,
		// 43h36m after Fri 12:00: Fri 5h, Tue 26 to Fri 29 May, Mon 1 Jun
		// 09:00 + 6h36m.
		{Name: sla.Resolution, State: sla.Running, Start: received, Elapsed: 154 * time.Hour,
			Deadline: sla.Deadline{Due: ams(2026, 6, 9, 17, 0), Budget: 247 * time.Hour, Remaining: 93 * time.Hour, WarnAt: ams(2026, 6, 1, 15, 36)}},
	}
	for i := range want {
		want[i].Original = want[i].Deadline
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Status (-want +got):\n%s", diff)
	}
}

func TestPolicyChaining(t *testing.T) {
	p := complaintsPolicy(t, officeNL())
	received, acknowledged := ams(2026, 4, 22, 10, 0), ams(2026, 4, 30, 11, 0)
	tests := []struct {
		name       string
		ack, later []sla.Event // the acknowledgement's and the update's histories
		now        time.Time
		want       sla.Status // the update's
	}{
		{"update_is_pending_until_the_acknowledgement_is_met",
			[]sla.Event{started(received)}, nil, ams(2026, 4, 29, 12, 0),
			sla.Status{Name: sla.Update}},
		{"acknowledgement_met_after_now_leaves_the_update_pending",
			[]sla.Event{started(received), met(acknowledged)}, []sla.Event{met(ams(2026, 5, 20, 15, 0))}, ams(2026, 4, 29, 12, 0),
			sla.Status{Name: sla.Update}},
		{"stopped_acknowledgement_never_starts_the_update",
			[]sla.Event{started(received), stopped(ams(2026, 4, 23, 10, 0))}, nil, ams(2026, 6, 1, 12, 0),
			sla.Status{Name: sla.Update}},
		{"update_starts_at_the_acknowledgement",
			[]sla.Event{started(received), met(acknowledged)}, nil, acknowledged,
			// Warning at 94h24m of 118h, from Thu 30 Apr 11:00: 6h, then
			// 11 business days to Tue 19 May (88h), Wed 20 May 09:24.
			sla.Status{Name: sla.Update, State: sla.Running, Start: acknowledged, Deadline: sla.Deadline{
				Due: ams(2026, 5, 22, 17, 0), Budget: 118 * time.Hour, Remaining: 118 * time.Hour, WarnAt: ams(2026, 5, 20, 9, 24)}}},
		// Waiting on the customer all of Mon 4 May (Tue 5 is a holiday):
		// 8h paused, so the due moves one business day, over Tweede
		// Pinksterdag, to Tue 26 May. Used by Wed 6 May 12:00: Thu 6h, Fri
		// 8h, Wed 3h. Warning 77h24m on: Wed 5h, 9 business days to Wed
		// 20 May (72h), Thu 21 May 09:24.
		{"update_paused_while_waiting_on_the_customer",
			[]sla.Event{started(received), met(acknowledged)},
			[]sla.Event{paused(ams(2026, 5, 4, 9, 0)), resumed(ams(2026, 5, 6, 9, 0))}, ams(2026, 5, 6, 12, 0),
			sla.Status{Name: sla.Update, State: sla.Running, Start: acknowledged, Elapsed: 17 * time.Hour, Deadline: sla.Deadline{
				Due: ams(2026, 5, 26, 17, 0), Budget: 118 * time.Hour, Remaining: 101 * time.Hour, WarnAt: ams(2026, 5, 21, 9, 24)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Status(map[string][]sla.Event{sla.Acknowledgement: tt.ack, sla.Update: tt.later}, tt.now)
			require.NoError(t, err)
			want := tt.want
			if want.State != sla.Pending {
				want.Original = want.Deadline
			}
			if diff := cmp.Diff(want, got[1]); diff != "" {
				t.Errorf("update's Status (-want +got):\n%s", diff)
			}
			require.Equal(t, sla.Status{Name: sla.Resolution}, got[2], "no history: pending")
		})
	}
}

func TestPolicyRejectsHistories(t *testing.T) {
	p := complaintsPolicy(t, officeNL())
	only2026 := newCalendar(t, sla.Config{Zone: "Europe/Amsterdam", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), FirstYear: 2026, LastYear: 2026})
	received, acknowledged := ams(2026, 4, 22, 10, 0), ams(2026, 4, 30, 11, 0)
	ack := []sla.Event{started(received), met(acknowledged)}
	tests := []struct {
		name      string
		policy    *sla.Policy
		histories map[string][]sla.Event
		want      *sla.HistoryError // Reason: a phrase it must hold
	}{
		{"chained_target_with_its_own_start", p,
			map[string][]sla.Event{sla.Acknowledgement: ack, sla.Update: {started(acknowledged)}},
			&sla.HistoryError{Target: sla.Update, Index: 0, Reason: `starts when "acknowledgement" is met`, Err: sla.ErrInvalid}},
		{"chained_event_before_its_predecessor_was_met", p,
			map[string][]sla.Event{sla.Acknowledgement: ack, sla.Update: {paused(ams(2026, 4, 29, 10, 0))}},
			&sla.HistoryError{Target: sla.Update, Index: 0, Reason: "before the clock started", Err: sla.ErrInvalid}},
		{"chained_events_while_its_predecessor_is_never_met", p,
			map[string][]sla.Event{sla.Acknowledgement: {started(received)}, sla.Update: {paused(ams(2026, 5, 4, 10, 0))}},
			&sla.HistoryError{Target: sla.Update, Index: 0, Reason: "never met", Err: sla.ErrInvalid}},
		{"impossible_history_names_its_target", p,
			map[string][]sla.Event{sla.Acknowledgement: {started(received), resumed(acknowledged)}},
			&sla.HistoryError{Target: sla.Acknowledgement, Index: 1, Reason: "resume without a pause", Err: sla.ErrInvalid}},
		// Acknowledged Mon 28 Dec 2026: 14 business days later is in 2027.
		{"chained_deadline_beyond_the_calendar_years", complaintsPolicy(t, only2026),
			map[string][]sla.Event{sla.Acknowledgement: {started(ams(2026, 12, 21, 10, 0)), met(ams(2026, 12, 28, 10, 0))}},
			&sla.HistoryError{Target: sla.Update, Index: -1, Reason: "outside the calendar's years", Err: sla.ErrOutOfRange}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.policy.Status(tt.histories, ams(2026, 12, 30, 12, 0))
			var got *sla.HistoryError
			require.ErrorAs(t, err, &got)
			require.ErrorIs(t, err, tt.want.Err)
			require.Contains(t, got.Reason, tt.want.Reason)
			require.Equal(t, tt.want.Target, got.Target)
			require.Equal(t, tt.want.Index, got.Index)
		})
	}

	_, err := p.Status(map[string][]sla.Event{sla.Acknowledgement: ack, "escalation": nil, "dunning": nil}, acknowledged)
	var verr *sla.ValidationError
	require.ErrorAs(t, err, &verr)
	require.Equal(t, []string{`histories["dunning"]`}, verr.Fields(), "the first unknown name in sorted order, whatever the map order")
}

func TestNewPolicyRejects(t *testing.T) {
	cals := sla.Calendars{"nl": officeNL(), "broken": nil}
	days := sla.MustParseTarget("7 business days")
	tests := []struct {
		name    string
		targets []sla.PolicyTarget
		warn    int
		field   string
	}{
		{"no_targets", nil, 0, "Targets"},
		{"empty_name", []sla.PolicyTarget{{Target: days, Calendar: "nl"}}, 0, "Targets[0].Name"},
		{"blank_name", []sla.PolicyTarget{{Name: " ", Target: days, Calendar: "nl"}}, 0, "Targets[0].Name"},
		{"duplicate_name", []sla.PolicyTarget{{Name: "a", Target: days, Calendar: "nl"}, {Name: "a", Target: days, Calendar: "nl"}}, 0, "Targets[1].Name"},
		{"invalid_target", []sla.PolicyTarget{{Name: "a", Calendar: "nl"}}, 0, "Targets[0].Target"},
		{"business_target_without_calendar", []sla.PolicyTarget{{Name: "a", Target: days}}, 0, "Targets[0].Calendar"},
		{"after_an_unknown_target", []sla.PolicyTarget{{Name: "a", Target: days, Calendar: "nl"}, {Name: "b", Target: days, Calendar: "nl", After: "c"}}, 0, "Targets[1].After"},
		{"after_itself", []sla.PolicyTarget{{Name: "a", Target: days, Calendar: "nl", After: "a"}}, 0, "Targets[0].After"},
		{"two_after_each_other", []sla.PolicyTarget{
			{Name: "a", Target: days, Calendar: "nl", After: "b"}, {Name: "b", Target: days, Calendar: "nl", After: "a"}}, 0, "Targets[0].After"},
		{"three_in_a_cycle_among_others", []sla.PolicyTarget{
			{Name: "root", Target: days, Calendar: "nl"}, {Name: "x", Target: days, Calendar: "nl", After: "z"},
			{Name: "y", Target: days, Calendar: "nl", After: "x"}, {Name: "z", Target: days, Calendar: "nl", After: "y"},
			{Name: "w", Target: days, Calendar: "nl", After: "root"}}, 0, "Targets[1].After"},
		{"a_target_after_a_cycle_names_the_cycle_not_itself", []sla.PolicyTarget{
			{Name: "a", Target: days, Calendar: "nl", After: "x"}, {Name: "x", Target: days, Calendar: "nl", After: "y"},
			{Name: "y", Target: days, Calendar: "nl", After: "x"}}, 0, "Targets[1].After"},
		{"warn_percent_over_100", []sla.PolicyTarget{{Name: "a", Target: days, Calendar: "nl"}}, 101, "WarnPercent"},
		{"warn_percent_below_0", []sla.PolicyTarget{{Name: "a", Target: days, Calendar: "nl"}}, -1, "WarnPercent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sla.NewPolicy(sla.PolicyConfig{Name: "p", Targets: tt.targets, WarnPercent: tt.warn}, cals)
			var verr *sla.ValidationError
			require.ErrorAs(t, err, &verr)
			require.ErrorIs(t, err, sla.ErrInvalid)
			require.Equal(t, []string{tt.field}, verr.Fields(), "error %v", err)
		})
	}

	for _, name := range []string{"nowhere", "broken"} {
		_, err := sla.NewPolicy(sla.PolicyConfig{Targets: []sla.PolicyTarget{{Name: "ack", Target: days, Calendar: name}}}, cals)
		var cerr *sla.UnknownCalendarError
		require.ErrorAs(t, err, &cerr)
		require.ErrorIs(t, err, sla.ErrInvalid)
		require.Equal(t, sla.UnknownCalendarError{Name: name, Target: "ack"}, *cerr)
		require.Equal(t, `sla: target "ack": unknown calendar "`+name+`"`, err.Error())
	}
}

// Statuses come in the order the host listed the targets, even when a
// target is listed before the one it follows, and the policy keeps its
// own copy of the list.
func TestPolicyKeepsTheOrderOfItsTargets(t *testing.T) {
	targets := []sla.PolicyTarget{
		{Name: sla.Update, Target: sla.MustParseTarget("14 business days"), Calendar: "nl", After: sla.Acknowledgement},
		{Name: sla.Resolution, Target: sla.MustParseTarget("30 business days"), Calendar: "nl"},
		{Name: sla.Acknowledgement, Target: sla.MustParseTarget("24h clock")},
	}
	p, err := sla.NewPolicy(sla.PolicyConfig{Name: "klachten", Targets: targets}, sla.Calendars{"nl": officeNL()})
	require.NoError(t, err)
	want := append([]sla.PolicyTarget(nil), targets...)
	targets[0].Name = "changed by the caller"
	require.Equal(t, want, p.Targets())
	require.Equal(t, "klachten", p.Name())

	received := ams(2026, 4, 22, 10, 0)
	got, err := p.Status(map[string][]sla.Event{
		sla.Acknowledgement: {started(received), met(ams(2026, 4, 22, 16, 0))},
	}, ams(2026, 4, 23, 10, 0))
	require.NoError(t, err)
	require.Equal(t, []string{sla.Update, sla.Resolution, sla.Acknowledgement}, []string{got[0].Name, got[1].Name, got[2].Name})
	require.Equal(t, sla.Running, got[0].State, "the update started when the acknowledgement was met")
	require.WithinDuration(t, ams(2026, 4, 22, 16, 0), got[0].Start, 0)
}

// The cooperation agreement sets response times per priority on
// the hotline's hours, Mon-Fri 09:00-18:00 in Warendorf (Nordrhein-
// Westfalen holidays), and 24/7 monitoring runs on an always-open calendar.
// Fronleichnam, Thu 4 Jun 2026, is a holiday in NW.
func TestAgreementResponseTimesPerPriority(t *testing.T) {
	hotline := newCalendar(t, sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-18:00"), Holidays: de.HolidaysNW})
	cals := sla.Calendars{"hotline": hotline, "24/7": sla.AlwaysOpen(berlin)}
	policy := func(name, response, resolution, calendar string) *sla.Policy {
		p, err := sla.NewPolicy(sla.PolicyConfig{Name: name, Targets: []sla.PolicyTarget{
			{Name: sla.FirstResponse, Target: sla.MustParseTarget(response), Calendar: calendar},
			{Name: sla.Resolution, Target: sla.MustParseTarget(resolution), Calendar: calendar},
		}}, cals)
		require.NoError(t, err)
		return p
	}
	agreement := sla.Agreement{Name: "Kooperationsvereinbarung", Policies: map[string]*sla.Policy{
		"P1":         policy("P1", "2h business", "8h business", "hotline"),
		"P2":         policy("P2", "4h business", "3 business days", "hotline"),
		"monitoring": policy("monitoring", "30m business", "4h business", "24/7"),
	}}
	wed, fri := ber(2026, 6, 3, 16, 0), ber(2026, 6, 5, 17, 0)
	tests := []struct {
		name               string
		priority           string
		received           time.Time
		response, resolved time.Time // the targets' due instants
	}{
		// Wed 16-18 is 2h; Thu is Fronleichnam; Fri from 09:00.
		{"p1_over_fronleichnam", "P1", wed, ber(2026, 6, 3, 18, 0), ber(2026, 6, 5, 15, 0)},
		// 3 business days after Wed: Fri 5, Mon 8, Tue 9 Jun, at 18:00.
		{"p2_over_fronleichnam", "P2", wed, ber(2026, 6, 5, 11, 0), ber(2026, 6, 9, 18, 0)},
		{"monitoring_runs_through_the_holiday", "monitoring", wed, ber(2026, 6, 3, 16, 30), ber(2026, 6, 3, 20, 0)},
		// Fri 17-18 is 1h; Mon from 09:00: response Mon 10:00, 8h Mon 16:00.
		{"p1_over_the_weekend", "P1", fri, ber(2026, 6, 8, 10, 0), ber(2026, 6, 8, 16, 0)},
		{"monitoring_runs_through_the_weekend", "monitoring", fri, ber(2026, 6, 5, 17, 30), ber(2026, 6, 5, 21, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := agreement.Policy(tt.priority)
			require.NoError(t, err)
			got, err := p.Status(map[string][]sla.Event{
				sla.FirstResponse: {started(tt.received)},
				sla.Resolution:    {started(tt.received)},
			}, tt.received)
			require.NoError(t, err)
			want := []time.Time{tt.response, tt.resolved}
			if diff := cmp.Diff(want, []time.Time{got[0].Due, got[1].Due}); diff != "" {
				t.Errorf("first response and resolution due (-want +got):\n%s", diff)
			}
		})
	}

	_, err := agreement.Policy("P9")
	var verr *sla.ValidationError
	require.ErrorAs(t, err, &verr)
	require.Equal(t, []string{"priority"}, verr.Fields())
}

func TestCalendarsLookup(t *testing.T) {
	nl := officeNL()
	got, err := sla.Calendars{"nl": nl}.Lookup("nl")
	require.NoError(t, err)
	require.Same(t, nl, got)

	var none sla.Calendars
	_, err = none.Lookup("nl")
	require.ErrorIs(t, err, sla.ErrInvalid)
	require.EqualError(t, err, `sla: unknown calendar "nl"`)
}

func BenchmarkPolicyStatus(b *testing.B) {
	p := complaintsPolicy(b, officeNL())
	received := ams(2026, 4, 22, 10, 0)
	histories := map[string][]sla.Event{
		sla.Acknowledgement: {started(received), met(ams(2026, 4, 30, 11, 0))},
		sla.Update:          {paused(ams(2026, 5, 4, 9, 0)), resumed(ams(2026, 5, 6, 9, 0))},
		sla.Resolution:      {started(received), paused(ams(2026, 5, 11, 13, 0)), resumed(ams(2026, 5, 13, 13, 0))},
	}
	now := ams(2026, 5, 22, 12, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Status(histories, now); err != nil {
			b.Fatal(err)
		}
	}
}

// AppendStatus reuses the caller's buffer: the statuses of many tickets
// can be computed without an allocation each.
func TestPolicyAppendStatus(t *testing.T) {
	p := complaintsPolicy(t, officeNL())
	received := ams(2026, 4, 22, 10, 0)
	histories := map[string][]sla.Event{
		sla.Acknowledgement: {started(received), met(ams(2026, 4, 30, 11, 0))},
		sla.Resolution:      {started(received)},
	}
	now := ams(2026, 5, 22, 12, 0)
	want, err := p.Status(histories, now)
	require.NoError(t, err)

	prefix := sla.Status{Name: "kept"}
	got, err := p.AppendStatus([]sla.Status{prefix}, histories, now)
	require.NoError(t, err)
	if diff := cmp.Diff(append([]sla.Status{prefix}, want...), got); diff != "" {
		t.Errorf("AppendStatus (-want +got):\n%s", diff)
	}

	buf := make([]sla.Status, 0, 8)
	if n := testing.AllocsPerRun(100, func() { buf, _ = p.AppendStatus(buf[:0], histories, now) }); n != 0 {
		t.Errorf("AppendStatus with room allocates %v times", n)
	}

	bad := map[string][]sla.Event{"no such target": nil}
	got, err = p.AppendStatus([]sla.Status{prefix}, bad, now)
	require.ErrorIs(t, err, sla.ErrInvalid)
	require.Equal(t, []sla.Status{prefix}, got, "an error leaves dst as it was")
}

// A nil policy has no name and no targets, and its status is an error.
func TestNilPolicyIsAnError(t *testing.T) {
	var p *sla.Policy
	require.Empty(t, p.Name())
	require.Empty(t, p.Targets())
	_, err := p.Status(nil, time.Date(2026, 3, 23, 10, 0, 0, 0, time.UTC))
	require.ErrorIs(t, err, sla.ErrInvalid)
}
