package complaint_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

// want is one reminder a row expects: which deadline, at which stage, for
// whom. Its due instant comes from the policy (Deadlines, Timeline).
type want struct {
	deadline complaint.DeadlineKind
	stage    complaint.ReminderStage
	to       complaint.Actor
}

// dueOf returns the due instant of the deadline kind in the complaint's
// timeline at now, as the policy computes it.
func dueOf(t *testing.T, p *complaint.Policy, c complaint.Complaint, kind complaint.DeadlineKind, now time.Time) time.Time {
	t.Helper()
	tl := timeline(t, p, c, now)
	switch kind {
	case complaint.DeadlineAcknowledgement:
		return tl.Acknowledgement.Due
	case complaint.DeadlineUpdate:
		u, ok := tl.NextUpdate()
		require.True(t, ok, "an update cycle runs")
		return u.Due
	}
	return tl.Resolution.Due
}

// closeABusinessDayBefore requires from to be the close of the business
// day before the one the deadline due closes: a close, with one business
// day (8 open hours) between it and due.
func closeABusinessDayBefore(t *testing.T, from, due time.Time) {
	t.Helper()
	cal := office()
	require.True(t, cal.IsOpen(from.Add(-time.Nanosecond)) && !cal.IsOpen(from), "due soon from %v, a close", from)
	require.Equal(t, 8*time.Hour, cal.Between(from, due), "one business day from %v to %v", from, due)
}

// The Dutch procedure on the office calendar: a complaint received on
// Monday 4 May 2026 at 10:00 is due its acknowledgement on Friday 15 May
// (7 business days: Tuesday 5 May is Bevrijdingsdag, Thursday 14 May
// Hemelvaartsdag), and its resolution on Thursday 18 June (30 business
// days, Monday 25 May is Tweede Pinksterdag). Acknowledged on Tuesday 12
// May, its first update is due on Wednesday 3 June (14 business days).
// Each reminder is due soon from the close of the business day before,
// and overdue once the deadline has passed: the acknowledgement is due
// soon from Wednesday 13 May 17:00, the business day before Ascension.
func TestRemindersDutchProcedure(t *testing.T) {
	p := nlPolicy(t)
	receivedAt := ams(2026, time.May, 4, 10, 0)
	acked := []func(*complaint.Complaint) error{ack(p, anna, ams(2026, time.May, 12, 11, 0)), investigate(p, bob, ams(2026, time.May, 13, 9, 30))}
	tests := []struct {
		name  string
		steps []func(*complaint.Complaint) error
		now   time.Time
		want  []want
	}{
		{name: "nothing_is_near_at_receipt", now: receivedAt},
		{name: "acknowledgement_not_yet_due_soon_a_minute_before_the_close_before_ascension", now: ams(2026, time.May, 13, 16, 59)},
		{name: "acknowledgement_due_soon_from_the_close_before_ascension", now: ams(2026, time.May, 13, 17, 0),
			want: []want{{deadline: complaint.DeadlineAcknowledgement, stage: complaint.StageDueSoon}}},
		{name: "acknowledgement_due_soon_over_the_holiday", now: ams(2026, time.May, 14, 12, 0),
			want: []want{{deadline: complaint.DeadlineAcknowledgement, stage: complaint.StageDueSoon}}},
		{name: "acknowledgement_at_its_due_instant_is_still_due_soon", now: ams(2026, time.May, 15, 17, 0),
			want: []want{{deadline: complaint.DeadlineAcknowledgement, stage: complaint.StageDueSoon}}},
		{name: "acknowledgement_overdue_after_its_close", now: ams(2026, time.May, 15, 17, 1),
			want: []want{{deadline: complaint.DeadlineAcknowledgement, stage: complaint.StageOverdue}}},
		{name: "acknowledged_nothing_near", steps: acked, now: ams(2026, time.May, 15, 17, 1)},
		{name: "update_due_soon_to_the_investigator_a_business_day_before", steps: acked, now: ams(2026, time.June, 2, 17, 0),
			want: []want{{deadline: complaint.DeadlineUpdate, stage: complaint.StageDueSoon, to: bob}}},
		{name: "update_due_soon_to_the_acknowledger_before_an_investigation", steps: acked[:1], now: ams(2026, time.June, 3, 9, 0),
			want: []want{{deadline: complaint.DeadlineUpdate, stage: complaint.StageDueSoon, to: anna}}},
		{name: "update_overdue_and_resolution_due_soon", steps: acked, now: ams(2026, time.June, 17, 17, 0),
			want: []want{
				{deadline: complaint.DeadlineUpdate, stage: complaint.StageOverdue, to: bob},
				{deadline: complaint.DeadlineResolution, stage: complaint.StageDueSoon, to: bob},
			}},
		{name: "after_an_update_the_next_cycle_counts_from_it", steps: append(slices.Clip(acked), update(p, bob, ams(2026, time.June, 3, 10, 0))),
			now: ams(2026, time.June, 4, 10, 0)},
		{name: "resolution_overdue_after_its_close", steps: append(slices.Clip(acked), update(p, bob, ams(2026, time.June, 3, 10, 0))),
			now:  ams(2026, time.June, 18, 17, 1),
			want: []want{{deadline: complaint.DeadlineResolution, stage: complaint.StageOverdue, to: bob}}},
		{name: "decided_nothing_is_due", steps: append(slices.Clip(acked), resolve(p, bob, ams(2026, time.June, 1, 10, 0))),
			now: ams(2026, time.August, 3, 10, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := received(t, p, receivedAt)
			do(t, &c, tt.steps...)
			got, err := p.Reminders(c, tt.now)
			require.NoError(t, err)
			require.Len(t, got, len(tt.want), "%v", got)
			for i, w := range tt.want {
				r := got[i]
				due := dueOf(t, p, c, w.deadline, tt.now)
				diff(t, "reminder", complaint.Reminder{Ref: c.Ref, Deadline: w.deadline, Stage: w.stage, Due: due, From: r.From, To: w.to}, r)
				if w.stage == complaint.StageOverdue {
					require.True(t, r.From.Equal(due), "overdue from the due instant")
					continue
				}
				closeABusinessDayBefore(t, r.From, due)
			}
		})
	}
}

// Over the year end: received Tuesday 22 December 2026, the
// acknowledgement is due on Monday 4 January 2027 (Christmas on Friday 25
// and Nieuwjaarsdag on Friday 1 January are closed), and due soon from
// the close of Thursday 31 December.
func TestRemindersOverTheYearEnd(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, ams(2026, time.December, 22, 10, 0))
	d, err := p.Deadlines(c.ReceivedAt)
	require.NoError(t, err)
	require.Equal(t, 2027, d.Acknowledgement.Year(), "the acknowledgement falls in the new year")

	got, err := p.Reminders(c, ams(2026, time.December, 31, 16, 59))
	require.NoError(t, err)
	require.Empty(t, got, "not yet due soon on the last afternoon of the year")

	got, err = p.Reminders(c, ams(2027, time.January, 1, 12, 0))
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, complaint.StageDueSoon, got[0].Stage)
	require.True(t, got[0].Due.Equal(d.Acknowledgement))
	require.Equal(t, 2026, got[0].From.Year(), "due soon from the close of 31 December")
	closeABusinessDayBefore(t, got[0].From, d.Acknowledgement)
}

// The 24-hour procedure counts clock hours, weekends and nights included,
// and its acknowledgement is due soon a sixth of its 24 hours (4 clock
// hours) before, or the policy's own lead. Over the night the clocks go
// back (25 October 2026, 03:00 CEST to 02:00 CET) 24 hours after Saturday
// 12:00 is Sunday 11:00 on the wall, and 4 hours before that is 07:00.
func TestReminders24HoursOverTheChangeOfTime(t *testing.T) {
	receivedAt := ams(2026, time.October, 24, 12, 0)
	twoHours := complaint.Preset24h()
	twoHours.ReminderLead = sla.MustParseTarget("2h clock")
	tests := []struct {
		name string
		cfg  complaint.PolicyConfig
		lead time.Duration // from the policy's numbers
	}{
		{"default_lead_a_sixth_of_24_hours", complaint.Preset24h(), complaint.Preset24h().Acknowledgement.Duration / 6},
		{"lead_of_2_hours", twoHours, twoHours.ReminderLead.Duration},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := policy(t, tt.cfg)
			c := received(t, p, receivedAt)
			d, err := p.Deadlines(receivedAt)
			require.NoError(t, err)
			require.True(t, d.Acknowledgement.Equal(receivedAt.Add(24*time.Hour)))
			require.Equal(t, 11, d.Acknowledgement.In(amsterdam).Hour(), "24 clock hours over the hour repeated")
			from := d.Acknowledgement.Add(-tt.lead)
			for _, row := range []struct {
				now   time.Time
				stage complaint.ReminderStage // 0: none
			}{
				{from.Add(-time.Minute), 0},
				{from, complaint.StageDueSoon},
				{ams(2026, time.October, 25, 2, 30), stageIf(from.Before(ams(2026, time.October, 25, 2, 30)))},
				{d.Acknowledgement, complaint.StageDueSoon},
				{d.Acknowledgement.Add(time.Minute), complaint.StageOverdue},
			} {
				got, err := p.Reminders(c, row.now)
				require.NoError(t, err)
				if row.stage == 0 {
					require.Empty(t, got, "at %v", row.now)
					continue
				}
				require.Len(t, got, 1, "at %v", row.now)
				require.Equal(t, row.stage, got[0].Stage, "at %v", row.now)
				require.Equal(t, complaint.DeadlineAcknowledgement, got[0].Deadline)
				if row.stage == complaint.StageDueSoon {
					require.True(t, got[0].From.Equal(from), "due soon from %v, want %v", got[0].From, from)
				}
			}
		})
	}
}

func stageIf(dueSoon bool) complaint.ReminderStage {
	if dueSoon {
		return complaint.StageDueSoon
	}
	return 0
}

// A business lead of its own: 2 business days before the Dutch
// acknowledgement on Friday 15 May 2026 is the close of Tuesday 12 May,
// Ascension not counting.
func TestRemindersWithALeadOfTwoBusinessDays(t *testing.T) {
	cfg := complaint.PresetNL()
	cfg.ReminderLead = sla.MustParseTarget("2 business days")
	p := policy(t, cfg)
	c := received(t, p, ams(2026, time.May, 4, 10, 0))
	d, err := p.Deadlines(c.ReceivedAt)
	require.NoError(t, err)
	got, err := p.Reminders(c, ams(2026, time.May, 12, 17, 0))
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, 16*time.Hour, office().Between(got[0].From, d.Acknowledgement), "two business days ahead")
	got, err = p.Reminders(c, got[0].From.Add(-time.Minute))
	require.NoError(t, err)
	require.Empty(t, got)
}

// A reminder is sent once: marked, it is not due again at that stage;
// marking it twice is refused; the next stage is a reminder of its own.
func TestRemindersAreSentOnce(t *testing.T) {
	for _, p := range []*complaint.Policy{nlPolicy(t), h24Policy(t)} {
		t.Run(p.Name(), func(t *testing.T) {
			c := received(t, p, ams(2026, time.May, 4, 10, 0))
			d, err := p.Deadlines(c.ReceivedAt)
			require.NoError(t, err)
			soon := d.Acknowledgement.Add(-time.Minute)
			rs, err := p.Reminders(c, soon)
			require.NoError(t, err)
			require.Len(t, rs, 1)
			require.NoError(t, p.MarkReminded(&c, rs[0], soon.Add(time.Second)))
			require.Equal(t, []complaint.SentReminder{{Deadline: complaint.DeadlineAcknowledgement, Stage: complaint.StageDueSoon,
				Due: rs[0].Due, At: soon.Add(time.Second)}}, c.Reminded)

			again, err := p.Reminders(c, soon.Add(30*time.Second))
			require.NoError(t, err)
			require.Empty(t, again, "marked: not due again")
			before := c.Clone()
			require.ErrorIs(t, p.MarkReminded(&c, rs[0], soon.Add(time.Minute)), complaint.ErrNotDue)
			diff(t, "unchanged by a second mark", before, c)

			late := d.Acknowledgement.Add(time.Hour)
			rs, err = p.Reminders(c, late)
			require.NoError(t, err)
			require.Len(t, rs, 1, "overdue is a reminder of its own")
			require.Equal(t, complaint.StageOverdue, rs[0].Stage)
			require.NoError(t, p.MarkReminded(&c, rs[0], late))
			rs, err = p.Reminders(c, late.AddDate(0, 0, 1))
			require.NoError(t, err)
			require.Empty(t, rs)
		})
	}
}

// An extension gives the resolution a new due instant, so a new reminder:
// the overdue reminder of the old deadline does not silence the new one,
// and can no longer be marked.
func TestExtensionGivesANewReminder(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, ams(2026, time.May, 4, 10, 0))
	do(t, &c, ack(p, anna, ams(2026, time.May, 6, 10, 0)), investigate(p, bob, ams(2026, time.May, 6, 11, 0)),
		update(p, bob, ams(2026, time.May, 20, 10, 0)), update(p, bob, ams(2026, time.June, 3, 10, 0)))
	original := dueOf(t, p, c, complaint.DeadlineResolution, ams(2026, time.June, 3, 10, 0))
	late := original.Add(time.Hour)
	rs, err := p.Reminders(c, late)
	require.NoError(t, err)
	i := slices.IndexFunc(rs, func(r complaint.Reminder) bool { return r.Deadline == complaint.DeadlineResolution })
	require.GreaterOrEqual(t, i, 0, "%v", rs)
	overdue := rs[i]
	require.Equal(t, complaint.StageOverdue, overdue.Stage)
	require.NoError(t, p.MarkReminded(&c, overdue, late))

	newDue := ams(2026, time.July, 3, 17, 0)
	do(t, &c, extend(p, gert, late.Add(time.Hour), newDue))
	before := c.Clone()
	require.ErrorIs(t, p.MarkReminded(&c, overdue, late.Add(2*time.Hour)), complaint.ErrNotDue, "the old deadline is no longer in force")
	diff(t, "unchanged", before, c)

	near := ams(2026, time.July, 2, 17, 0)
	rs, err = p.Reminders(c, near)
	require.NoError(t, err)
	i = slices.IndexFunc(rs, func(r complaint.Reminder) bool { return r.Deadline == complaint.DeadlineResolution })
	require.GreaterOrEqual(t, i, 0, "%v", rs)
	require.Equal(t, complaint.StageDueSoon, rs[i].Stage)
	require.True(t, rs[i].Due.Equal(newDue), "the extended deadline: %v", rs[i].Due)
	require.NotEqual(t, overdue.Key(), rs[i].Key())
	closeABusinessDayBefore(t, rs[i].From, newDue)
	require.NoError(t, p.MarkReminded(&c, rs[i], near))
}

// MarkReminded refuses a reminder that is not due, or not this
// complaint's, and leaves the complaint as it was.
func TestMarkRemindedRefusesWhatIsNotDue(t *testing.T) {
	p := nlPolicy(t)
	receivedAt := ams(2026, time.May, 4, 10, 0)
	base := received(t, p, receivedAt)
	d, err := p.Deadlines(receivedAt)
	require.NoError(t, err)
	soon := complaint.Reminder{Ref: base.Ref, Deadline: complaint.DeadlineAcknowledgement, Stage: complaint.StageDueSoon, Due: d.Acknowledgement}
	overdue := soon
	overdue.Stage = complaint.StageOverdue
	other := soon
	other.Ref.Seq++
	inDueSoon := ams(2026, time.May, 15, 12, 0)
	tests := []struct {
		name  string
		steps []func(*complaint.Complaint) error
		c     func(complaint.Complaint) *complaint.Complaint
		r     complaint.Reminder
		at    time.Time
		is    error
	}{
		{name: "acknowledged_meanwhile", steps: []func(*complaint.Complaint) error{ack(p, anna, inDueSoon.Add(-time.Hour))}, r: soon, at: inDueSoon, is: complaint.ErrNotDue},
		{name: "due_soon_before_its_lead", r: soon, at: ams(2026, time.May, 13, 16, 0), is: complaint.ErrNotDue},
		{name: "overdue_at_the_due_instant", r: overdue, at: d.Acknowledgement, is: complaint.ErrNotDue},
		{name: "another_due_instant", r: func() complaint.Reminder { r := soon; r.Due = r.Due.Add(time.Hour); return r }(), at: inDueSoon, is: complaint.ErrNotDue},
		{name: "another_deadline", r: func() complaint.Reminder { r := soon; r.Deadline = complaint.DeadlineUpdate; return r }(), at: inDueSoon, is: complaint.ErrNotDue},
		{name: "another_complaint", r: other, at: inDueSoon, is: complaint.ErrInvalid},
		{name: "no_stage", r: func() complaint.Reminder { r := soon; r.Stage = 0; return r }(), at: inDueSoon, is: complaint.ErrInvalid},
		{name: "no_deadline", r: func() complaint.Reminder { r := soon; r.Deadline = 9; return r }(), at: inDueSoon, is: complaint.ErrInvalid},
		{name: "no_due_instant", r: func() complaint.Reminder { r := soon; r.Due = time.Time{}; return r }(), at: inDueSoon, is: complaint.ErrInvalid},
		{name: "zero_at", r: soon, is: complaint.ErrInvalid},
		{name: "at_outside_the_calendar", r: soon, at: time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), is: complaint.ErrInvalid},
		{name: "nil_complaint", c: func(complaint.Complaint) *complaint.Complaint { return nil }, r: soon, at: inDueSoon, is: complaint.ErrInvalid},
		{name: "unmade_complaint", c: func(complaint.Complaint) *complaint.Complaint { return &complaint.Complaint{} }, r: soon, at: inDueSoon, is: complaint.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base.Clone()
			do(t, &c, tt.steps...)
			target := &c
			if tt.c != nil {
				target = tt.c(c)
			}
			before := c.Clone()
			require.ErrorIs(t, p.MarkReminded(target, tt.r, tt.at), tt.is)
			diff(t, "unchanged", before, c)
		})
	}
	var unmade *complaint.Policy
	_, err = unmade.Reminders(base, inDueSoon)
	require.ErrorIs(t, err, complaint.ErrInvalid)
	require.ErrorIs(t, unmade.MarkReminded(&base, soon, inDueSoon), complaint.ErrInvalid)
	unstored := base.Clone()
	unstored.Ref.Seq = 0
	_, err = p.Reminders(unstored, inDueSoon)
	require.ErrorIs(t, err, complaint.ErrInvalid, "a complaint without its reference")
}

// A step recorded after the instant asked about (a host's clock a little
// ahead) still counts: the acknowledgement met meanwhile is not reminded.
func TestRemindersReadTheComplaintAsRecorded(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, ams(2026, time.May, 4, 10, 0))
	do(t, &c, ack(p, anna, ams(2026, time.May, 15, 12, 5)))
	rs, err := p.Reminders(c, ams(2026, time.May, 15, 12, 0))
	require.NoError(t, err)
	require.Empty(t, rs)
}

// Reminders are a record beside the history: a reminded complaint's
// timeline, statistics, outcome report and reviewer check are those of
// the same complaint never reminded.
func TestRemindingChangesNoTimelineNorStats(t *testing.T) {
	for _, p := range []*complaint.Policy{nlPolicy(t), h24Policy(t)} {
		t.Run(p.Name(), func(t *testing.T) {
			receivedAt := ams(2026, time.May, 4, 10, 0)
			plain := received(t, p, receivedAt)
			reminded := plain.Clone()
			steps := []struct {
				at   time.Time
				step func(*complaint.Complaint) error
			}{
				{ams(2026, time.May, 18, 10, 0), func(c *complaint.Complaint) error {
					_, err := p.Acknowledge(c, anna, ams(2026, time.May, 18, 10, 0))
					return err
				}},
				{ams(2026, time.May, 19, 9, 0), investigate(p, bob, ams(2026, time.May, 19, 9, 0))},
				{ams(2026, time.June, 15, 10, 0), update(p, bob, ams(2026, time.June, 15, 10, 0))},
				{ams(2026, time.June, 22, 10, 0), extend(p, bob, ams(2026, time.June, 22, 10, 0), ams(2026, time.July, 10, 17, 0))},
				{ams(2026, time.July, 13, 10, 0), resolve(p, bob, ams(2026, time.July, 13, 10, 0))},
			}
			marked := 0
			for _, s := range steps {
				// Every reminder due on each day before the step, marked.
				for now := reminded.History[len(reminded.History)-1].At; now.Before(s.at); now = now.Add(6 * time.Hour) {
					rs, err := p.Reminders(reminded, now)
					require.NoError(t, err)
					for _, r := range rs {
						require.NoError(t, p.MarkReminded(&reminded, r, now))
						marked++
					}
				}
				do(t, &plain, s.step)
				do(t, &reminded, s.step)
			}
			require.GreaterOrEqual(t, marked, 4, "due soon and overdue reminders were marked: %v", reminded.Reminded)
			diff(t, "history", plain.History, reminded.History)
			require.Equal(t, plain.State, reminded.State)
			for now := receivedAt; now.Before(ams(2026, time.August, 1, 0, 0)); now = now.AddDate(0, 0, 3) {
				diff(t, "timeline at "+now.String(), timeline(t, p, plain, now), timeline(t, p, reminded, now))
			}
			from, to, at := ams(2026, time.May, 1, 0, 0), ams(2026, time.June, 1, 0, 0), ams(2026, time.August, 1, 0, 0)
			want, err := p.Stats(slices.Values([]complaint.Complaint{plain}), from, to, at)
			require.NoError(t, err)
			got, err := p.Stats(slices.Values([]complaint.Complaint{reminded}), from, to, at)
			require.NoError(t, err)
			diff(t, "stats", want, got)
			wantReport, err := plain.OutcomeReport()
			require.NoError(t, err)
			gotReport, err := reminded.OutcomeReport()
			require.NoError(t, err)
			diff(t, "outcome report", wantReport, gotReport)
			require.Equal(t, plain.CheckReviewer(erik, complaint.IndependentTeam), reminded.CheckReviewer(erik, complaint.IndependentTeam))
		})
	}
}

// The handler is who investigates, else who acknowledged.
func TestHandler(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, ams(2026, time.May, 4, 10, 0))
	_, ok := c.Handler()
	require.False(t, ok, "nobody before the acknowledgement")
	do(t, &c, ack(p, anna, ams(2026, time.May, 5, 10, 0)))
	h, ok := c.Handler()
	require.True(t, ok)
	require.Equal(t, anna, h)
	do(t, &c, investigate(p, bob, ams(2026, time.May, 6, 10, 0)))
	h, _ = c.Handler()
	require.Equal(t, bob, h)
}

// Reminders and the record of sent ones have the package's JSON form and
// read back as they were; a complaint with its record too.
func TestReminderJSON(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, ams(2026, time.May, 4, 10, 0))
	do(t, &c, ack(p, anna, ams(2026, time.May, 6, 10, 0)))
	now := dueOf(t, p, c, complaint.DeadlineUpdate, ams(2026, time.May, 6, 10, 0)).Add(-time.Minute)
	rs, err := p.Reminders(c, now)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	b, err := json.Marshal(rs[0])
	require.NoError(t, err)
	require.JSONEq(t, `{"ref":"CMP-2026-00001","deadline":"update","stage":"due-soon","due":"`+rs[0].Due.Format(time.RFC3339)+
		`","from":"`+rs[0].From.Format(time.RFC3339)+`","to":{"id":"anna","team":"desk"}}`, string(b))
	var back complaint.Reminder
	require.NoError(t, json.Unmarshal(b, &back))
	diff(t, "reminder read back", rs[0], back)

	require.NoError(t, p.MarkReminded(&c, rs[0], now))
	b, err = json.Marshal(c)
	require.NoError(t, err)
	require.Contains(t, string(b), `"reminded":[{"deadline":"update","stage":"due-soon","due":"`)
	var cback complaint.Complaint
	require.NoError(t, json.Unmarshal(b, &cback))
	diff(t, "complaint read back", c, cback)

	var sent complaint.SentReminder
	err = json.Unmarshal([]byte(`{"deadline":"later","stage":"overdue"}`), &sent)
	var ve *complaint.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"deadline"}, ve.Fields())
}
