package ticket_test

import (
	"sync"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// agreements is the cooperation agreement of the tests' customer: on the
// Warendorf office calendar (Mon-Fri 09:00-17:00, NRW holidays) a normal
// ticket gets a first response within 4 business hours and is resolved
// within 16 (two business days), a critical one ("P1" in the agreement's
// words) within 1 and 8; monitoring alerts run on a 24/7 calendar with a
// response within 30 minutes and resolution within 4 hours.
var agreements = sync.OnceValue(func() ticket.Agreements {
	office, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysNW})
	if err != nil {
		panic(err)
	}
	cals := sla.Calendars{"office": office, "24/7": sla.AlwaysOpen(berlin)}
	policy := func(name, cal, resp, resol string) *sla.Policy {
		p, err := sla.NewPolicy(sla.PolicyConfig{Name: name, Targets: []sla.PolicyTarget{
			{Name: sla.FirstResponse, Target: sla.MustParseTarget(resp), Calendar: cal},
			{Name: sla.Resolution, Target: sla.MustParseTarget(resol), Calendar: cal},
		}}, cals)
		if err != nil {
			panic(err)
		}
		return p
	}
	return ticket.Agreements{
		Default: sla.Agreement{Name: "Kooperationsvereinbarung", Policies: map[string]*sla.Policy{
			"normal": policy("normal", "office", "4h business", "16h business"),
			"P1":     policy("P1", "office", "1h business", "8h business"),
		}},
		ByKind: map[ticket.Kind]sla.Agreement{ticket.MonitoringAlert: {Name: "Monitoring 24/7", Policies: map[string]*sla.Policy{
			"high": policy("24/7", "24/7", "30m business", "4h business"),
		}}},
		Priorities: map[ticket.Priority]string{ticket.Critical: "P1"},
	}
})

// step is one change in a ticket's life for the clock tests.
type step struct {
	at time.Time
	to ticket.Status
}

// lived is an incident received Monday 2 March 2026 09:00, assigned at
// 09:05, then moved through steps.
func lived(t testing.TB, p ticket.Priority, steps ...step) ticket.Ticket {
	tk := incident(t, func(dr *ticket.Draft) { dr.Received = ber(2026, 3, 2, 9, 0); dr.Priority = p })
	require.NoError(t, tk.Assign("tech-7", staff, ber(2026, 3, 2, 9, 5)))
	for _, s := range steps {
		require.NoError(t, tk.Transition(s.to, staff, s.at, ""))
	}
	return tk
}

// TestClocks: response and resolution against the agreement, in business
// time, pausing while waiting on the customer and while resolved. Every
// figure is worked out by hand on the 09:00-17:00 calendar.
func TestClocks(t *testing.T) {
	mon := func(h, m int) time.Time { return ber(2026, 3, 2, h, m) }
	tue := func(h, m int) time.Time { return ber(2026, 3, 3, h, m) }
	wed := func(h, m int) time.Time { return ber(2026, 3, 4, h, m) }
	type clock struct {
		State    sla.State
		Elapsed  time.Duration
		Due      time.Time
		Breached bool
	}
	for _, tc := range []struct {
		name       string
		tk         func(t testing.TB) ticket.Ticket
		now        time.Time
		policy     string
		response   clock
		resolution clock
	}{
		{
			// Response at 11:00: 2h of 4h. Waiting Mon 15:00-Tue 10:00 is
			// 3 business hours, so the resolution deadline moves from Tue
			// 17:00 to Wed 12:00; resolved then, after 6+7+3 = 16h: on time.
			"waiting_pauses_resolution",
			func(t testing.TB) ticket.Ticket {
				return lived(t, ticket.Normal, step{mon(11, 0), ticket.InProgress}, step{mon(15, 0), ticket.WaitingOnCustomer},
					step{tue(10, 0), ticket.InProgress}, step{wed(12, 0), ticket.Resolved})
			},
			wed(16, 0), "normal",
			clock{sla.Met, 2 * h, mon(13, 0), false},
			clock{sla.Met, 16 * h, wed(12, 0), false},
		},
		{
			// Resolved Mon 13:00 (4h), reopened Tue 09:00 (the 4h of Mon
			// 13-17 do not count), resolved again Tue 15:00: 4h+6h = 10h,
			// deadline Tue 17:00 moved by 4h to Wed 13:00.
			"resolved_time_does_not_count_after_a_reopen",
			func(t testing.TB) ticket.Ticket {
				return lived(t, ticket.Normal, step{mon(10, 0), ticket.InProgress}, step{mon(13, 0), ticket.Resolved},
					step{tue(9, 0), ticket.Reopened}, step{tue(9, 0), ticket.InProgress}, step{tue(15, 0), ticket.Resolved})
			},
			wed(9, 0), "normal",
			clock{sla.Met, h, mon(13, 0), false},
			clock{sla.Met, 10 * h, wed(13, 0), false},
		},
		{
			// Closed after resolution: the clock was met when resolved.
			"closed_keeps_the_resolution",
			func(t testing.TB) ticket.Ticket {
				return lived(t, ticket.Normal, step{mon(10, 0), ticket.InProgress}, step{mon(13, 0), ticket.Resolved}, step{tue(9, 0), ticket.Closed})
			},
			wed(9, 0), "normal",
			clock{sla.Met, h, mon(13, 0), false},
			clock{sla.Met, 4 * h, tue(17, 0), false},
		},
		{
			// Nobody responded: at Wed 10:00 the response (due Mon 13:00)
			// and the resolution (due Tue 17:00, 17h used) are overdue.
			"untouched_ticket_breaches_both",
			func(t testing.TB) ticket.Ticket { return lived(t, ticket.Normal) },
			wed(10, 0), "normal",
			clock{sla.Running, 17 * h, mon(13, 0), true},
			clock{sla.Running, 17 * h, tue(17, 0), true},
		},
		{
			// Still waiting at Tue 12:00 since Mon 16:00: paused, 7h used
			// (Mon 9-16); the deadline, were it to resume now, moves by
			// the 4 business hours paused (Mon 16-17, Tue 9-12): from Tue
			// 17:00 to Wed 13:00.
			"waiting_now_is_paused",
			func(t testing.TB) ticket.Ticket {
				return lived(t, ticket.Normal, step{mon(16, 0), ticket.WaitingOnCustomer})
			},
			tue(12, 0), "normal",
			clock{sla.Met, 7 * h, mon(13, 0), true},
			clock{sla.Paused, 7 * h, wed(13, 0), false},
		},
		{
			// Critical is "P1": respond within 1h, resolve within 8h.
			"critical_uses_the_P1_policy",
			func(t testing.TB) ticket.Ticket {
				return lived(t, ticket.Critical, step{mon(9, 45), ticket.InProgress}, step{mon(18, 0), ticket.Resolved})
			},
			tue(9, 0), "P1",
			clock{sla.Met, 45 * time.Minute, mon(10, 0), false},
			clock{sla.Met, 8 * h, mon(17, 0), true},
		},
		{
			// A monitoring alert Saturday 03:00 on the 24/7 calendar: the
			// technician responded 03:40, 10 minutes late, and resolved
			// at 06:00, within 4 hours.
			"monitoring_runs_around_the_clock",
			func(t testing.TB) ticket.Ticket {
				tk := incident(t, func(dr *ticket.Draft) {
					dr.Kind, dr.Channel, dr.Priority, dr.Received = ticket.MonitoringAlert, ticket.ChannelMonitoring, ticket.High, ber(2026, 3, 7, 3, 0)
				})
				require.NoError(t, tk.Assign("tech-7", staff, ber(2026, 3, 7, 3, 10)))
				require.NoError(t, tk.Transition(ticket.InProgress, staff, ber(2026, 3, 7, 3, 40), ""))
				require.NoError(t, tk.Transition(ticket.Resolved, staff, ber(2026, 3, 7, 6, 0), ""))
				return tk
			},
			ber(2026, 3, 9, 9, 0), "24/7",
			clock{sla.Met, 40 * time.Minute, ber(2026, 3, 7, 3, 30), true},
			clock{sla.Met, 3 * h, ber(2026, 3, 7, 7, 0), false},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := agreements().Clocks(tc.tk(t), tc.now)
			require.NoError(t, err)
			require.Equal(t, tc.policy, c.Policy)
			require.True(t, c.HasResponse)
			require.True(t, c.HasResolution)
			diff(t, "response", tc.response, clock{c.Response.State, c.Response.Elapsed, c.Response.Due, c.Response.Breached})
			diff(t, "resolution", tc.resolution, clock{c.Resolution.State, c.Resolution.Elapsed, c.Resolution.Due, c.Resolution.Breached})
		})
	}
}

func TestClocksErrors(t *testing.T) {
	tk := incident(t, func(dr *ticket.Draft) { dr.Priority = ticket.Low })
	_, err := agreements().Clocks(tk, t0)
	require.ErrorIs(t, err, sla.ErrInvalid, "no policy for low")

	cals := sla.Calendars{"24/7": sla.AlwaysOpen(berlin)}
	chained, err := sla.NewPolicy(sla.PolicyConfig{Name: "chained", Targets: []sla.PolicyTarget{
		{Name: sla.FirstResponse, Target: sla.MustParseTarget("1h clock")},
		{Name: sla.Resolution, Target: sla.MustParseTarget("8h clock"), After: sla.FirstResponse},
	}}, cals)
	require.NoError(t, err)
	_, err = ticket.Agreements{Default: sla.Agreement{Policies: map[string]*sla.Policy{"low": chained}}}.Clocks(tk, t0)
	wantInvalid("Agreements")(t, err)

	onlyResolution, err := sla.NewPolicy(sla.PolicyConfig{Name: "r", Targets: []sla.PolicyTarget{
		{Name: "fix", Target: sla.MustParseTarget("8h clock")},
		{Name: sla.Acknowledgement, Target: sla.MustParseTarget("1h clock")},
	}}, cals)
	require.NoError(t, err)
	c, err := ticket.Agreements{Default: sla.Agreement{Policies: map[string]*sla.Policy{"low": onlyResolution}}, ResolutionTarget: "fix"}.Clocks(tk, t0.Add(2*h))
	require.NoError(t, err)
	require.False(t, c.HasResponse, "the policy has no first-response target")
	require.True(t, c.HasResolution)
	require.Equal(t, "fix", c.Resolution.Name)
	require.Equal(t, 2*h, c.Resolution.Elapsed)
	require.Equal(t, sla.Status{}, c.Response)
}
