package complaint_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
)

func TestOutcomeReport(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, fxReceived)
	do(t, &c,
		ack(p, anna, fxAck),
		investigate(p, bob, fxStart),
		contact(p, bob, ams(2026, time.May, 5, 10, 0), complaint.PartyCustomer),
		contact(p, carl, ams(2026, time.May, 6, 10, 0), "supplier-sma"),
		update(p, bob, ams(2026, time.May, 20, 10, 0)),
		extend(p, bob, ams(2026, time.May, 28, 10, 0), ams(2026, time.June, 30, 17, 0)),
	)
	_, err := c.OutcomeReport()
	require.ErrorIs(t, err, complaint.ErrIllegalTransition, "nothing to report before the decision")

	do(t, &c, reject(p, bob, fxDecided))
	first := complaint.Ruling{Outcome: complaint.OutcomeRejected, Decision: decision, At: fxDecided, By: bob}
	got, err := c.OutcomeReport()
	require.NoError(t, err)
	diff(t, "report after the decision", complaint.OutcomeReport{
		Ref: c.Ref, Type: complaint.TypeService, ReceivedAt: fxReceived,
		Outcome: complaint.OutcomeRejected, Rulings: []complaint.Ruling{first},
		Actions: []string{"Credited the call-out fee"}, Contacts: 2, Updates: 1, Extensions: 1,
	}, got)

	do(t, &c, escalate(p, fxEscalated), assign(p, gert, fxAssigned, erik))
	final := complaint.Decision{Explanation: "On review we replace the inverter.", Actions: []string{"Sent a new inverter", "Refunded the shipping"}}
	require.NoError(t, p.DecideFinal(&c, erik, fxFinal, complaint.OutcomeResolved, final))
	got, err = c.OutcomeReport()
	require.NoError(t, err)
	diff(t, "report after the review", complaint.OutcomeReport{
		Ref: c.Ref, Type: complaint.TypeService, ReceivedAt: fxReceived,
		Outcome:  complaint.OutcomeResolved,
		Rulings:  []complaint.Ruling{first, {Outcome: complaint.OutcomeResolved, Decision: final, At: fxFinal, By: erik}},
		Actions:  []string{"Credited the call-out fee", "Sent a new inverter", "Refunded the shipping"},
		Contacts: 2, Updates: 1, Extensions: 1, Escalated: true,
	}, got)
	got.Rulings[1].Actions[0] = "changed"
	require.Equal(t, "Sent a new inverter", c.History[len(c.History)-1].Actions[0], "the report shares nothing")
}

func TestFeedback(t *testing.T) {
	p := nlPolicy(t)
	at := ams(2026, time.June, 4, 9, 0)
	for _, s := range []complaint.State{complaint.StateResolved, complaint.StateRejected, complaint.StateDecided} {
		t.Run("asked_when_"+s.String(), func(t *testing.T) {
			c := inState(t, p, s)
			_, ok := c.Feedback()
			require.False(t, ok)
			require.ErrorIs(t, p.RecordFeedback(&c, at, complaint.Feedback{Rating: 5}), complaint.ErrIllegalTransition, "not asked")
			require.NoError(t, p.RequestFeedback(&c, anna, at))
			require.ErrorIs(t, p.RequestFeedback(&c, anna, at), complaint.ErrIllegalTransition, "asked once")
			require.NoError(t, p.RecordFeedback(&c, at.Add(time.Hour), complaint.Feedback{Rating: 2, Comment: "took too long"}))
			require.ErrorIs(t, p.RecordFeedback(&c, at.Add(2*time.Hour), complaint.Feedback{Rating: 5}), complaint.ErrIllegalTransition, "answered once")
			f, ok := c.Feedback()
			require.True(t, ok)
			require.Equal(t, complaint.Feedback{Rating: 2, Comment: "took too long"}, f)
			require.Equal(t, s, c.State, "feedback does not change the state")
		})
	}

	t.Run("answered_after_the_close_and_during_an_escalation", func(t *testing.T) {
		c := inState(t, p, complaint.StateResolved)
		do(t, &c, func(c *complaint.Complaint) error { return p.RequestFeedback(c, anna, fxEscalated) })
		do(t, &c, escalate(p, fxEscalated))
		require.NoError(t, p.RecordFeedback(&c, fxAssigned, complaint.Feedback{Comment: "the first answer was poor"}))

		c = inState(t, p, complaint.StateClosed)
		do(t, &c, func(c *complaint.Complaint) error { return p.RequestFeedback(c, anna, at) })
		require.NoError(t, p.RecordFeedback(&c, at.Add(24*time.Hour), complaint.Feedback{Rating: 4}))
	})

	t.Run("bad_answers", func(t *testing.T) {
		c := inState(t, p, complaint.StateResolved)
		do(t, &c, func(c *complaint.Complaint) error { return p.RequestFeedback(c, anna, at) })
		before := c.Clone()
		for _, tt := range []struct {
			name   string
			f      complaint.Feedback
			fields []string
		}{
			{"empty", complaint.Feedback{}, []string{"Comment"}},
			{"rating_too_high", complaint.Feedback{Rating: 6}, []string{"Rating"}},
			{"negative_rating_and_control_characters", complaint.Feedback{Rating: -1, Comment: "\x1b[31m"}, []string{"Rating", "Comment"}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				var ve *complaint.ValidationError
				require.ErrorAs(t, p.RecordFeedback(&c, at, tt.f), &ve)
				require.Equal(t, tt.fields, ve.Fields())
				diff(t, "complaint", before, c)
			})
		}
	})
}
