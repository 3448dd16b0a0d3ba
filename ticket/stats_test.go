package ticket_test

import (
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/ticket"
)

// life is a ticket received at recv and moved through steps, the first
// step's instant also being when tech-7 was assigned.
func life(t testing.TB, dr ticket.Draft, steps ...step) ticket.Ticket {
	t.Helper()
	if dr.CustomerID == "" {
		dr.CustomerID = "wdf"
	}
	dr.Subject = "x"
	tk, err := ticket.NewTicket(dr, staff)
	require.NoError(t, err)
	if len(steps) > 0 {
		require.NoError(t, tk.Assign("tech-7", staff, dr.Received.Add(5*m)))
	}
	for _, s := range steps {
		require.NoError(t, tk.Transition(s.to, staff, s.at, ""))
	}
	return tk
}

// statsTickets are March 2026 at customer wdf, plus three the query must
// leave out. The expected figures in TestStats are worked out from the
// agreement by hand.
func statsTickets(t testing.TB) []ticket.Ticket {
	dr := func(k ticket.Kind, c ticket.Channel, p ticket.Priority, recv time.Time) ticket.Draft {
		return ticket.Draft{Kind: k, Channel: c, Priority: p, Received: recv}
	}
	return []ticket.Ticket{
		// Response 2h (on time), resolved after 8+8+3 = 19h of 16h: late.
		life(t, dr(ticket.Incident, ticket.ChannelPhone, ticket.Normal, ber(2026, 3, 2, 9, 0)),
			step{ber(2026, 3, 2, 11, 0), ticket.InProgress}, step{ber(2026, 3, 4, 12, 0), ticket.Resolved}),
		// Resolved at once after 5h: response late (4h), resolution on time.
		life(t, dr(ticket.ServiceRequest, ticket.ChannelEmail, ticket.Normal, ber(2026, 3, 3, 9, 0)),
			step{ber(2026, 3, 3, 14, 0), ticket.Resolved}, step{ber(2026, 3, 4, 9, 0), ticket.Closed}),
		// Critical, untouched for three weeks: both overdue.
		life(t, dr(ticket.Incident, ticket.ChannelPortal, ticket.Critical, ber(2026, 3, 9, 9, 0))),
		// Low: the agreement has no policy for it.
		life(t, dr(ticket.Incident, ticket.ChannelPhone, ticket.Low, ber(2026, 3, 10, 9, 0))),
		// 24/7: responded after 20 minutes, still being worked on: the
		// 4-hour resolution is overdue.
		life(t, dr(ticket.MonitoringAlert, ticket.ChannelMonitoring, ticket.High, ber(2026, 3, 7, 3, 0)),
			step{ber(2026, 3, 7, 3, 20), ticket.InProgress}),
		// Outside the query: February, another customer, April.
		life(t, dr(ticket.Incident, ticket.ChannelPhone, ticket.Normal, ber(2026, 2, 27, 9, 0))),
		life(t, ticket.Draft{CustomerID: "sgn", Kind: ticket.Incident, Channel: ticket.ChannelPhone, Priority: ticket.Normal, Received: ber(2026, 3, 2, 9, 0)}),
		life(t, dr(ticket.Incident, ticket.ChannelPhone, ticket.Normal, ber(2026, 4, 1, 0, 0))),
	}
}

func TestStats(t *testing.T) {
	q := ticket.StatsQuery{CustomerID: "wdf", From: ber(2026, 3, 1, 0, 0), To: ber(2026, 4, 1, 0, 0), Agreements: agreements(), Location: berlin}
	now := ber(2026, 3, 31, 12, 0)
	want := ticket.Stats{
		CustomerID: "wdf", From: q.From, To: q.To, Total: 5,
		ByKind:     map[ticket.Kind]int{ticket.Incident: 3, ticket.ServiceRequest: 1, ticket.MonitoringAlert: 1},
		ByChannel:  map[ticket.Channel]int{ticket.ChannelPhone: 2, ticket.ChannelEmail: 1, ticket.ChannelPortal: 1, ticket.ChannelMonitoring: 1},
		ByStatus:   map[ticket.Status]int{ticket.Resolved: 1, ticket.Closed: 1, ticket.New: 2, ticket.InProgress: 1},
		ByPriority: map[ticket.Priority]int{ticket.Normal: 2, ticket.Critical: 1, ticket.Low: 1, ticket.High: 1},
		ByMonth:    map[string]int{"2026-03": 5},
		Response: ticket.TargetStats{MetOnTime: 2, MetLate: 1, Overdue: 1,
			Total: 7*h + 20*m, Mean: (7*h + 20*m) / 3, Max: 5 * h, BreachRate: 0.5},
		Resolution: ticket.TargetStats{MetOnTime: 1, MetLate: 1, Overdue: 2,
			Total: 24 * h, Mean: 12 * h, Max: 19 * h, BreachRate: 0.75},
		Unmeasured: 1,
	}
	ts := statsTickets(t)
	got, err := ticket.ComputeStats(seq2(ts), q, now)
	require.NoError(t, err)
	diff(t, "stats from a slice", want, got)

	dk, s := newDesk(t, ticket.Config{})
	for _, tk := range ts {
		_, err := s.Create(bg, tk, nil)
		require.NoError(t, err)
	}
	got, err = dk.Stats(bg, q, now)
	require.NoError(t, err)
	diff(t, "stats from the store", want, got)

	empty, err := ticket.ComputeStats(seq2(nil), q, now)
	require.NoError(t, err)
	require.Zero(t, empty.Response.BreachRate, "no decided clock, no breach rate")
	require.Zero(t, empty.Resolution.Mean)
}

func TestStatsStreamError(t *testing.T) {
	broken := errors.New("connection lost")
	stream := func(yield func(ticket.Ticket, error) bool) {
		if yield(incident(t), nil) {
			yield(ticket.Ticket{}, broken)
		}
	}
	_, err := ticket.ComputeStats(stream, ticket.StatsQuery{}, t0)
	require.ErrorIs(t, err, broken)
}

func seq2(ts []ticket.Ticket) iter.Seq2[ticket.Ticket, error] {
	return func(yield func(ticket.Ticket, error) bool) {
		for _, t := range ts {
			if !yield(t, nil) {
				return
			}
		}
	}
}
