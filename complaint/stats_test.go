package complaint_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
)

// statsComplaints are five complaints; the deadlines are counted in
// TestDutchProcedureTimeline and TestRecurringUpdates unless said here.
func statsComplaints(t testing.TB, p *complaint.Policy) []complaint.Complaint {
	mk := func(typ complaint.Type, at time.Time) complaint.Complaint {
		in := serviceIntake(at)
		in.Type = typ
		in.Details.ProductModel, in.Details.Name, in.Details.Email, in.Details.OccurredAt = "SolarMax", "Jan", "jan@example.nl", at
		c, err := p.NewComplaint(in)
		require.NoError(t, err)
		c.Ref.Seq = 1
		return c
	}
	// c1: acknowledged on time (due 8 May), update 1 on time (due 20 May),
	// then no update by update 2's deadline, Tue 9 June, before the
	// decision on 12 June, which is on time (due 12 June).
	c1 := mk(complaint.TypeService, ams(2026, time.April, 24, 18, 0))
	do(t, &c1,
		ack(p, anna, ams(2026, time.April, 28, 11, 0)), investigate(p, bob, ams(2026, time.April, 28, 14, 0)),
		update(p, bob, ams(2026, time.May, 19, 15, 0)), resolve(p, bob, ams(2026, time.June, 12, 11, 0)))

	// c2: received Mon 4 May 08:30, acknowledgement due Fri 15 May,
	// resolution Thu 18 June. Acknowledged late on Mon 18 May 10:00, so
	// update 1 counts from day 0 Mon 18 May: 1 Tue 19, 2 Wed 20, 3 Thu 21,
	// 4 Fri 22, (Mon 25 Pinksteren), 5 Tue 26, 6 Wed 27, 7 Thu 28, 8 Fri
	// 29, 9 Mon 1 Jun, 10 Tue 2, 11 Wed 3, 12 Thu 4, 13 Fri 5, 14 Mon 8
	// June; never sent. Resolution extended to Fri 31 July.
	c2 := mk(complaint.TypeProduct, ams(2026, time.May, 4, 8, 30))
	do(t, &c2,
		ack(p, anna, ams(2026, time.May, 18, 10, 0)), investigate(p, bob, ams(2026, time.May, 18, 11, 0)),
		extend(p, bob, ams(2026, time.June, 1, 10, 0), ams(2026, time.July, 31, 17, 0)))

	// c3: received Wed 3 June 10:00, day 0 the 3rd; acknowledgement due
	// 1 Thu 4, 2 Fri 5, 3 Mon 8, 4 Tue 9, 5 Wed 10, 6 Thu 11, 7 Fri 12 June;
	// resolution 8 Mon 15, 9 Tue 16, 10 Wed 17, 11 Thu 18, 12 Fri 19,
	// 13 Mon 22, 14 Tue 23, 15 Wed 24, 16 Thu 25, 17 Fri 26, 18 Mon 29,
	// 19 Tue 30, 20 Wed 1 Jul, 21 Thu 2, 22 Fri 3, 23 Mon 6, 24 Tue 7,
	// 25 Wed 8, 26 Thu 9, 27 Fri 10, 28 Mon 13, 29 Tue 14, 30 Wed 15 July.
	// Nothing happens.
	c3 := mk(complaint.TypeGeneral, ams(2026, time.June, 3, 10, 0))

	// c4: received in March, outside the period.
	c4 := mk(complaint.TypeService, ams(2026, time.March, 3, 10, 0))

	// c5: the fixtures' rejected and escalated complaint: acknowledged on
	// time, update 1 due Wed 27 May not sent before the rejection on Mon
	// 1 June, which is on time (due Thu 18 June).
	c5 := mk(complaint.TypeService, fxReceived)
	do(t, &c5, ack(p, anna, fxAck), investigate(p, bob, fxStart), reject(p, bob, fxDecided), escalate(p, fxEscalated))
	return []complaint.Complaint{c1, c2, c3, c4, c5}
}

func TestStats(t *testing.T) {
	p := nlPolicy(t)
	cs := statsComplaints(t, p)
	from, to := ams(2026, time.April, 1, 0, 0), ams(2026, time.July, 1, 0, 0)
	counts := map[complaint.TypeOutcome]int{
		{Type: complaint.TypeService, Outcome: complaint.OutcomeResolved}: 1,
		{Type: complaint.TypeProduct, Outcome: complaint.OutcomeNone}:     1,
		{Type: complaint.TypeGeneral, Outcome: complaint.OutcomeNone}:     1,
		{Type: complaint.TypeService, Outcome: complaint.OutcomeRejected}: 1,
	}
	tests := []struct {
		name string
		now  time.Time
		want complaint.Stats
	}{
		{
			// c2's resolution is not due against either deadline yet.
			name: "mid_june",
			now:  ams(2026, time.June, 15, 12, 0),
			want: complaint.Stats{
				From: from, To: to, Received: 4, Counts: counts,
				Acknowledged:     complaint.OnTime{OnTime: 2, Late: 2},    // c1 c5 | c2 c3
				Updated:          complaint.OnTime{OnTime: 1, Late: 3},    // c1's first | c1's second, c2, c5
				Resolved:         complaint.OnTime{OnTime: 2, Pending: 2}, // c1 c5 | c2 c3
				ResolvedOriginal: complaint.OnTime{OnTime: 2, Pending: 2}, // c1 c5 | c2 c3
				Extended:         1, Decided: 2, Escalated: 1,
			},
		},
		{
			// c2 is past its original deadline, within its extension; c3
			// is past its only one.
			name: "july_20",
			now:  ams(2026, time.July, 20, 12, 0),
			want: complaint.Stats{
				From: from, To: to, Received: 4, Counts: counts,
				Acknowledged:     complaint.OnTime{OnTime: 2, Late: 2},
				Updated:          complaint.OnTime{OnTime: 1, Late: 3},
				Resolved:         complaint.OnTime{OnTime: 2, Late: 1, Pending: 1}, // c1 c5 | c3 | c2
				ResolvedOriginal: complaint.OnTime{OnTime: 2, Late: 2},             // c1 c5 | c2 c3
				Extended:         1, Decided: 2, Escalated: 1,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Stats(slices.Values(cs), from, to, tt.now)
			require.NoError(t, err)
			diff(t, "stats", tt.want, got)
		})
	}

	got, err := p.Stats(slices.Values(cs), from, to, ams(2026, time.June, 15, 12, 0))
	require.NoError(t, err)
	require.Equal(t, 2, got.ByType(complaint.TypeService))
	require.Equal(t, 0, got.ByType(complaint.Type(9)))
	require.Equal(t, 2, got.ByOutcome(complaint.OutcomeNone))
	require.Equal(t, 0.5, got.Acknowledged.Share())
	require.Equal(t, 0.25, got.Updated.Share())
	require.Equal(t, 2, got.Resolved.Due())
	require.Equal(t, 0.5, got.EscalationRate())

	t.Run("an_empty_period", func(t *testing.T) {
		got, err := p.Stats(slices.Values(cs), ams(2027, time.January, 1, 0, 0), ams(2027, time.February, 1, 0, 0), to)
		require.NoError(t, err)
		require.Zero(t, got.Received)
		require.Zero(t, got.Acknowledged.Share())
		require.Zero(t, got.EscalationRate())
	})
	t.Run("a_reversed_period", func(t *testing.T) {
		_, err := p.Stats(slices.Values(cs), to, from, to)
		require.ErrorIs(t, err, complaint.ErrInvalid)
	})
	t.Run("a_broken_history", func(t *testing.T) {
		broken := slices.Clone(cs)
		broken[0] = cs[0].Clone()
		broken[0].History = nil
		_, err := p.Stats(slices.Values(broken), from, to, to)
		require.ErrorIs(t, err, complaint.ErrInvalid)
	})
}

// BenchmarkStats summarises a quarter of 10,000 complaints in every stage
// of the lifecycle.
func BenchmarkStats(b *testing.B) {
	p := nlPolicy(b)
	base := statsComplaints(b, p)
	cs := make([]complaint.Complaint, 10_000)
	for i := range cs {
		cs[i] = base[i%len(base)]
	}
	from, to, now := ams(2026, time.April, 1, 0, 0), ams(2026, time.July, 1, 0, 0), ams(2026, time.July, 20, 12, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Stats(slices.Values(cs), from, to, now); err != nil {
			b.Fatal(err)
		}
	}
}
