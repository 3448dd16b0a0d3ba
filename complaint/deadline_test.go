package complaint_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

// The deadlines are a function of the receipt, the procedure and its
// calendar alone: no store, no reference number. The Dutch procedure
// acknowledges within 7 business days, updates within 14 business days
// of the acknowledgement and resolves within 30 business days of
// receipt; the 24-hour one acknowledges within 24 clock hours, updates
// every 7 days and resolves within 30 days. Holidays of 2026 as in
// TestDutchProcedureTimeline.
func TestDeadlinesBeforeTheComplaintIsStored(t *testing.T) {
	days14 := sla.Target{Kind: sla.BusinessDays, Days: 14}
	week := sla.Target{Kind: sla.ClockTime, Duration: 7 * 24 * time.Hour}
	tests := []struct {
		name       string
		policy     func(testing.TB) *complaint.Policy
		receivedAt time.Time
		want       complaint.Deadlines
	}{
		{
			// Day 0 Fri 24 Apr. Acknowledgement: 1 Tue 28 (Mon 27
			// Koningsdag), 2 Wed 29, 3 Thu 30, 4 Fri 1 May, 5 Mon 4,
			// (Tue 5 Bevrijdingsdag), 6 Wed 6, 7 Thu 7 May.
			// Update, from an acknowledgement at Thu 7 May 17:00: 1 Fri 8,
			// 2 Mon 11, 3 Tue 12, 4 Wed 13, (Thu 14 Hemelvaart), 5 Fri 15,
			// 6 Mon 18, 7 Tue 19, 8 Wed 20, 9 Thu 21, 10 Fri 22, (Mon 25
			// Pinksteren), 11 Tue 26, 12 Wed 27, 13 Thu 28, 14 Fri 29 May.
			// Resolution: from 7 Thu 7 May as above, 8 Fri 8, ..., 21 Fri
			// 29 May, 22 Mon 1 Jun, ..., 26 Fri 5, 27 Mon 8, 28 Tue 9,
			// 29 Wed 10, 30 Thu 11 June.
			name: "dutch_friday_morning_before_koningsdag", policy: nlPolicy,
			receivedAt: ams(2026, time.April, 24, 10, 0),
			want: complaint.Deadlines{
				Acknowledgement: ams(2026, time.May, 7, 17, 0),
				Update:          complaint.UpdateDeadline{Target: days14, Latest: ams(2026, time.May, 29, 17, 0)},
				Resolution:      ams(2026, time.June, 11, 17, 0),
			},
		},
		{
			// After closing: day 0 is Tue 28 Apr, acknowledgement due
			// Fri 8 May. Update from Fri 8 May 17:00: 1 Mon 11, ...,
			// 13 Fri 29 May, 14 Mon 1 June. Resolution Fri 12 June.
			name: "dutch_friday_evening_before_koningsdag", policy: nlPolicy,
			receivedAt: ams(2026, time.April, 24, 18, 0),
			want: complaint.Deadlines{
				Acknowledgement: ams(2026, time.May, 8, 17, 0),
				Update:          complaint.UpdateDeadline{Target: days14, Latest: ams(2026, time.June, 1, 17, 0)},
				Resolution:      ams(2026, time.June, 12, 17, 0),
			},
		},
		{
			// Exactly at the close counts in the day that closes: as at
			// 10:00 that Friday.
			name: "dutch_received_at_the_close", policy: nlPolicy,
			receivedAt: ams(2026, time.April, 24, 17, 0),
			want: complaint.Deadlines{
				Acknowledgement: ams(2026, time.May, 7, 17, 0),
				Update:          complaint.UpdateDeadline{Target: days14, Latest: ams(2026, time.May, 29, 17, 0)},
				Resolution:      ams(2026, time.June, 11, 17, 0),
			},
		},
		{
			// Clock time, weekends included: Saturday 10:00 + 24 hours is
			// Sunday 10:00; + 7 days is Sunday 10 May; receipt + 30 days
			// is Monday 1 June.
			name: "24h_received_on_a_saturday", policy: h24Policy,
			receivedAt: ams(2026, time.May, 2, 10, 0),
			want: complaint.Deadlines{
				Acknowledgement: ams(2026, time.May, 3, 10, 0),
				Update:          complaint.UpdateDeadline{Target: week, Latest: ams(2026, time.May, 10, 10, 0)},
				Resolution:      ams(2026, time.June, 1, 10, 0),
			},
		},
		{
			// 24 clock hours over the night the clocks go forward
			// (29 March 2026, 02:00 to 03:00) end at 11:00 on the wall.
			name: "24h_over_the_change_to_summer_time", policy: h24Policy,
			receivedAt: ams(2026, time.March, 28, 10, 0),
			want: complaint.Deadlines{
				Acknowledgement: ams(2026, time.March, 29, 11, 0),
				Update:          complaint.UpdateDeadline{Target: week, Latest: ams(2026, time.April, 5, 11, 0)},
				Resolution:      ams(2026, time.April, 27, 11, 0),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.policy(t)
			got, err := p.Deadlines(tt.receivedAt)
			require.NoError(t, err)
			want := tt.want
			want.ReceivedAt = tt.receivedAt
			diff(t, "deadlines", want, got)

			// The same figures as the complaint's own timeline once
			// received, and as an acknowledgement at its deadline.
			c := received(t, p, tt.receivedAt)
			tl, err := p.Timeline(c, tt.receivedAt)
			require.NoError(t, err)
			require.True(t, tl.Acknowledgement.Due.Equal(got.Acknowledgement), "timeline acknowledgement %v", tl.Acknowledgement.Due)
			require.True(t, tl.Resolution.Due.Equal(got.Resolution), "timeline resolution %v", tl.Resolution.Due)
			require.Empty(t, tl.Updates, "no update cycle runs before the acknowledgement")
			diff(t, "the timeline's conditional update", got.Update, tl.FirstUpdate)

			ack, err := p.Acknowledge(&c, anna, got.Acknowledgement)
			require.NoError(t, err)
			require.True(t, ack.OnTime, "acknowledged at the due instant")
			require.True(t, ack.UpdateDue.Equal(got.Update.Latest), "update due %v after an acknowledgement on time", ack.UpdateDue)
			tl, err = p.Timeline(c, got.Acknowledgement)
			require.NoError(t, err)
			require.True(t, tl.FirstUpdate.Acknowledged)
			require.True(t, tl.FirstUpdate.Latest.Equal(got.Update.Latest))
		})
	}
}

func TestUpdateDeadlineText(t *testing.T) {
	d, err := nlPolicy(t).Deadlines(ams(2026, time.April, 24, 10, 0))
	require.NoError(t, err)
	require.Equal(t, "14 business days after the acknowledgement, at the latest 2026-05-29 17:00 CEST", d.Update.String())
	d.Update.Acknowledged = true
	require.Equal(t, "due 2026-05-29 17:00 CEST", d.Update.String())
}

// The rule: an acknowledgement at its due instant is on time, and since an
// instant at a close counts in the day that closes, it starts the update's
// 14 business days from the same day as one a minute earlier. A minute
// after the close is late and counts from the next opening.
func TestAcknowledgingAtTheDueInstant(t *testing.T) {
	nlReceived := ams(2026, time.April, 24, 10, 0) // acknowledgement due Thu 7 May 17:00
	h24Received := ams(2026, time.May, 2, 10, 0)   // acknowledgement due Sun 3 May 10:00
	tests := []struct {
		name       string
		policy     func(testing.TB) *complaint.Policy
		receivedAt time.Time
		ackAt      time.Time
		onTime     bool
		updateDue  time.Time
	}{
		{"dutch_a_minute_before_the_due_instant", nlPolicy, nlReceived, ams(2026, time.May, 7, 16, 59), true, ams(2026, time.May, 29, 17, 0)},
		{"dutch_at_the_due_instant", nlPolicy, nlReceived, ams(2026, time.May, 7, 17, 0), true, ams(2026, time.May, 29, 17, 0)},
		// Late: counts from Fri 8 May's opening, 14 business days to
		// Mon 1 June (see TestDeadlinesBeforeTheComplaintIsStored).
		{"dutch_a_minute_after_the_due_instant", nlPolicy, nlReceived, ams(2026, time.May, 7, 17, 1), false, ams(2026, time.June, 1, 17, 0)},
		{"dutch_a_nanosecond_after_the_due_instant", nlPolicy, nlReceived, ams(2026, time.May, 7, 17, 0).Add(time.Nanosecond), false, ams(2026, time.June, 1, 17, 0)},
		// Clock time: the update is 7 days after the acknowledgement
		// itself, so a minute earlier is a minute earlier.
		{"24h_a_minute_before_the_due_instant", h24Policy, h24Received, ams(2026, time.May, 3, 9, 59), true, ams(2026, time.May, 10, 9, 59)},
		{"24h_at_the_due_instant", h24Policy, h24Received, ams(2026, time.May, 3, 10, 0), true, ams(2026, time.May, 10, 10, 0)},
		{"24h_a_minute_after_the_due_instant", h24Policy, h24Received, ams(2026, time.May, 3, 10, 1), false, ams(2026, time.May, 10, 10, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.policy(t)
			c := received(t, p, tt.receivedAt)
			ack, err := p.Acknowledge(&c, anna, tt.ackAt)
			require.NoError(t, err)
			require.Equal(t, tt.onTime, ack.OnTime, "on time")
			require.True(t, ack.UpdateDue.Equal(tt.updateDue), "update due %v, want %v", ack.UpdateDue, tt.updateDue)
			due, err := p.UpdateDue(tt.ackAt)
			require.NoError(t, err)
			require.True(t, due.Equal(tt.updateDue), "UpdateDue %v, want %v", due, tt.updateDue)
			if tt.onTime {
				d, err := p.Deadlines(tt.receivedAt)
				require.NoError(t, err)
				require.False(t, ack.UpdateDue.After(d.Update.Latest), "an acknowledgement on time keeps the update at or before %v", d.Update.Latest)
			}
		})
	}
}

func TestDeadlinesRefuseAnInstantTheyCannotCountFrom(t *testing.T) {
	p := nlPolicy(t)
	for name, at := range map[string]time.Time{
		"zero":                      {},
		"before_the_calendar_years": ams(1990, time.January, 2, 10, 0),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := p.Deadlines(at)
			var ve *complaint.ValidationError
			require.True(t, errors.As(err, &ve), "%v", err)
			_, err = p.UpdateDue(at)
			require.ErrorIs(t, err, complaint.ErrInvalid)
		})
	}
}
