package complaint_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/sla"
)

// The first investigation: anna (desk) acknowledges, bob (service)
// investigates, carl (service) contacts the supplier, dave (desk) sends the
// progress update, bob decides. Whoever assigns the reviewer (gert,
// management) does not matter.
func TestIndependentReviewer(t *testing.T) {
	p := nlPolicy(t)
	c := received(t, p, fxReceived)
	do(t, &c,
		ack(p, anna, fxAck),          // History[1]
		investigate(p, bob, fxStart), // History[2]
		contact(p, carl, ams(2026, time.May, 6, 10, 0), "supplier"), // History[3]
		update(p, dave, ams(2026, time.May, 20, 10, 0)),             // History[4]
		resolve(p, bob, fxDecided),                                  // History[5]
		escalate(p, fxEscalated),                                    // History[6]
	)
	conflict := func(i int, kind complaint.EventKind, by complaint.Actor, person, team bool) complaint.Conflict {
		return complaint.Conflict{Index: i, Kind: kind, By: by, SamePerson: person, SameTeam: team}
	}
	// Each row says whom the reviewer conflicts with under the person
	// rule (the default: another person who was not involved) and under
	// the team rule (another team that was not involved).
	tests := []struct {
		name         string
		reviewer     complaint.Actor
		person, team []complaint.Conflict // none: accepted
	}{
		{
			name:     "same_person_who_acknowledged_in_another_team",
			reviewer: complaint.Actor{ID: "anna", Team: "quality"},
			person:   []complaint.Conflict{conflict(1, complaint.EventAcknowledged, anna, true, false)},
			team:     []complaint.Conflict{conflict(1, complaint.EventAcknowledged, anna, true, false)},
		},
		{
			name:     "same_person_who_investigated_and_decided",
			reviewer: complaint.Actor{ID: "bob", Team: "quality"},
			person: []complaint.Conflict{
				conflict(2, complaint.EventInvestigationStarted, bob, true, false),
				conflict(5, complaint.EventResolved, bob, true, false),
			},
			team: []complaint.Conflict{
				conflict(2, complaint.EventInvestigationStarted, bob, true, false),
				conflict(5, complaint.EventResolved, bob, true, false),
			},
		},
		{
			// A colleague of the investigating team who took no part is
			// "another person who was not involved": refused only when
			// the procedure asks for another team.
			name:     "uninvolved_person_of_the_investigating_team",
			reviewer: complaint.Actor{ID: "zoe", Team: "service"},
			team: []complaint.Conflict{
				conflict(2, complaint.EventInvestigationStarted, bob, false, true),
				conflict(3, complaint.EventContacted, carl, false, true),
				conflict(5, complaint.EventResolved, bob, false, true),
			},
		},
		{
			name:     "same_person_and_team_who_sent_the_update",
			reviewer: dave,
			person:   []complaint.Conflict{conflict(4, complaint.EventUpdated, dave, true, true)},
			team: []complaint.Conflict{
				conflict(1, complaint.EventAcknowledged, anna, false, true),
				conflict(4, complaint.EventUpdated, dave, true, true),
			},
		},
		{name: "different_person_and_team", reviewer: erik},
		{name: "the_assigning_manager_was_not_involved", reviewer: gert},
	}
	for _, rule := range []complaint.Independence{complaint.IndependentPerson, complaint.IndependentTeam} {
		cfg := complaint.PresetNL()
		cfg.Independence = rule
		p := policy(t, cfg)
		for _, tt := range tests {
			t.Run(rule.String()+"/"+tt.name, func(t *testing.T) {
				want := tt.person
				if rule == complaint.IndependentTeam {
					want = tt.team
				}
				c := c.Clone()
				before := c.Clone()
				err := p.AssignReviewer(&c, gert, fxAssigned, tt.reviewer)
				if want == nil {
					require.NoError(t, err)
					require.NoError(t, before.CheckReviewer(tt.reviewer, rule), "CheckReviewer agrees")
					got, ok := c.Reviewer()
					require.True(t, ok)
					require.Equal(t, tt.reviewer, got)
					return
				}
				var ne *complaint.NotIndependentError
				require.ErrorAs(t, err, &ne)
				require.ErrorIs(t, err, complaint.ErrNotIndependent)
				diff(t, "conflicts", want, ne.Conflicts)
				require.Equal(t, tt.reviewer, ne.Reviewer)
				require.Equal(t, rule, ne.Rule)
				require.Equal(t, c.Ref, ne.Ref)
				diff(t, "complaint after a refused reviewer", before, c)
				require.ErrorIs(t, c.CheckReviewer(tt.reviewer, rule), complaint.ErrNotIndependent, "CheckReviewer agrees")
			})
		}
	}

	t.Run("an_invalid_rule_is_a_validation_error", func(t *testing.T) {
		require.ErrorIs(t, c.CheckReviewer(erik, complaint.Independence(9)), complaint.ErrInvalid)
		cfg := complaint.PresetNL()
		cfg.Independence = 9
		_, err := complaint.NewPolicy(cfg, calendars())
		require.ErrorIs(t, err, complaint.ErrInvalid)
	})

	t.Run("steps_after_the_escalation_do_not_count", func(t *testing.T) {
		c := c.Clone()
		do(t, &c,
			assign(p, gert, fxAssigned, erik),
			contact(p, erik, ams(2026, time.June, 2, 12, 0), complaint.PartyCustomer),
			// erik's team now appears in the history, but in the review,
			// not the first investigation: fiona of the same team may
			// take over.
			assign(p, gert, ams(2026, time.June, 2, 13, 0), fiona),
		)
		got, _ := c.Reviewer()
		require.Equal(t, fiona, got, "the last assignment is the reviewer")
	})

	t.Run("only_the_reviewer_decides", func(t *testing.T) {
		c := c.Clone()
		err := p.DecideFinal(&c, erik, fxFinal, complaint.OutcomeResolved, complaint.Decision{Explanation: "x"})
		var te *complaint.TransitionError
		require.ErrorAs(t, err, &te, "no reviewer assigned yet")
		require.Equal(t, "no reviewer is assigned", te.Reason)

		do(t, &c, assign(p, gert, fxAssigned, erik))
		before := c.Clone()
		err = p.DecideFinal(&c, fiona, fxFinal, complaint.OutcomeResolved, complaint.Decision{Explanation: "x"})
		require.ErrorIs(t, err, complaint.ErrNotReviewer)
		err = p.DecideFinal(&c, complaint.Actor{ID: "erik", Team: "desk"}, fxFinal, complaint.OutcomeResolved, complaint.Decision{Explanation: "x"})
		require.ErrorIs(t, err, complaint.ErrNotReviewer, "the reviewer acts for the team they were assigned with")
		diff(t, "complaint after refused decisions", before, c)

		require.NoError(t, p.DecideFinal(&c, erik, fxFinal, complaint.OutcomeRejected, complaint.Decision{Explanation: "It stands."}))
		require.Equal(t, complaint.StateDecided, c.State)
		require.Equal(t, complaint.OutcomeRejected, c.Outcome(), "the final decision is the outcome")
	})
}

// The customer may escalate until the close of the 20th business day after
// the decision: Monday 29 June 2026 17:00 (counted above inState).
func TestEscalationWindow(t *testing.T) {
	p := nlPolicy(t)
	tests := []struct {
		name string
		at   time.Time
		ok   bool
	}{
		{"the_next_morning", ams(2026, time.June, 2, 9, 0), true},
		{"at_the_last_instant", windowEnd, true},
		{"a_minute_late", windowEnd.Add(time.Minute), false},
		{"on_the_next_business_day", ams(2026, time.June, 30, 9, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := inState(t, p, complaint.StateRejected)
			before := c.Clone()
			err := p.Escalate(&c, tt.at, "The explanation does not address my point.")
			if tt.ok {
				require.NoError(t, err)
				require.Equal(t, complaint.StateEscalated, c.State)
				tl := timeline(t, p, c, tt.at)
				require.True(t, tl.Escalation.MetOnTime())
				return
			}
			var we *complaint.WindowClosedError
			require.ErrorAs(t, err, &we)
			require.ErrorIs(t, err, complaint.ErrWindowClosed)
			diff(t, "window", complaint.WindowClosedError{Ref: c.Ref, Decided: fxDecided, Closed: windowEnd, At: tt.at}, *we)
			diff(t, "complaint after a late escalation", before, c)
		})
	}

	t.Run("a_window_in_clock_time", func(t *testing.T) {
		cfg := complaint.PresetNL()
		cfg.EscalationWindow = sla.MustParseTarget("72h clock")
		p := policy(t, cfg)
		c := inState(t, p, complaint.StateResolved)
		// Decided Monday 1 June 14:00: the window closes Thursday 14:00.
		require.ErrorIs(t, p.Escalate(&c, ams(2026, time.June, 4, 14, 1), "x"), complaint.ErrWindowClosed)
		require.NoError(t, p.Escalate(&c, ams(2026, time.June, 4, 14, 0), "x"))
	})

	t.Run("reasons_are_required", func(t *testing.T) {
		c := inState(t, p, complaint.StateResolved)
		err := p.Escalate(&c, fxEscalated, "  ")
		var ve *complaint.ValidationError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, []string{"reasons"}, ve.Missing())
	})
}
