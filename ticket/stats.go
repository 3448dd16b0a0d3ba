package ticket

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/deskcore/deskcore/sla"
)

// StatsQuery selects the tickets of a service statistic and says how
// to measure them.
type StatsQuery struct {
	CustomerID string    // "" for all customers (then Agreements should fit all)
	From, To   time.Time // tickets received in [From, To); a zero bound is open

	// Agreements measure response and resolution against the customer's
	// targets. A ticket whose clocks cannot be computed (no policy for
	// its priority) counts in Stats.Unmeasured.
	Agreements Agreements

	// Location is the zone whose calendar months ByMonth counts in; nil
	// means UTC.
	Location *time.Location
}

// Stats is a customer's service statistic over a period: how many tickets
// of which kind, channel, status and priority, per month, and how
// response and resolution went against their targets, in the business
// time of the agreement's calendars.
type Stats struct {
	CustomerID string    // as queried
	From, To   time.Time // as queried

	Total      int              // tickets selected
	ByKind     map[Kind]int     // tickets per kind
	ByChannel  map[Channel]int  // tickets per channel
	ByStatus   map[Status]int   // tickets per status now
	ByPriority map[Priority]int // tickets per priority now
	ByMonth    map[string]int   // "2026-03": tickets received in that month

	Response   TargetStats // first response against its target
	Resolution TargetStats // resolution against its target
	Unmeasured int         // tickets whose clocks could not be computed
}

// TargetStats is how one target went over the tickets of a statistic.
// Times are the clocks' Elapsed: business time on the target's calendar,
// pauses excluded.
type TargetStats struct {
	MetOnTime int // met by the deadline
	MetLate   int // met after it
	Running   int // not met yet, within the deadline
	Overdue   int // not met yet, past the deadline

	Total time.Duration // of the met clocks
	Mean  time.Duration // Total over the met clocks; 0 when none
	Max   time.Duration // the longest met clock

	// BreachRate is the share of decided clocks that missed their
	// deadline: (MetLate + Overdue) / (MetOnTime + MetLate + Overdue); 0
	// when none is decided. Running clocks are undecided.
	BreachRate float64
}

func (ts *TargetStats) add(st sla.Status) {
	switch {
	case st.State == sla.Met && st.Breached:
		ts.MetLate++
	case st.State == sla.Met:
		ts.MetOnTime++
	case st.State == sla.Pending || st.State == sla.Stopped:
		return
	case st.Breached:
		ts.Overdue++
		return
	default:
		ts.Running++
		return
	}
	ts.Total += st.Elapsed
	ts.Max = max(ts.Max, st.Elapsed)
}

func (ts *TargetStats) finish() {
	if met := ts.MetOnTime + ts.MetLate; met > 0 {
		ts.Mean = ts.Total / time.Duration(met)
	}
	if decided := ts.MetOnTime + ts.MetLate + ts.Overdue; decided > 0 {
		ts.BreachRate = float64(ts.MetLate+ts.Overdue) / float64(decided)
	}
}

// ComputeStats computes the statistic of q at now over a stream of
// tickets, such as Store.Tickets yields, in one pass and in memory that
// does not grow with the number of tickets. Tickets q does not select are
// skipped, so the stream may hold more.
//
// It returns a *ValidationError for a nil stream, and the first error the
// stream yields, wrapped.
func ComputeStats(tickets iter.Seq2[Ticket, error], q StatsQuery, now time.Time) (Stats, error) {
	if tickets == nil {
		return Stats{}, invalid("tickets", "is nil")
	}
	f := Filter{CustomerID: q.CustomerID, From: q.From, To: q.To}
	loc := q.Location
	if loc == nil {
		loc = time.UTC
	}
	var (
		byKind     [MonitoringAlert + 1]int
		byChannel  [ChannelGoodsReceipt + 1]int
		byStatus   [Reopened + 1]int
		byPriority [Critical + 1]int
		byMonth    = map[int]int{}
		clocks     clockBuilder
	)
	s := Stats{CustomerID: q.CustomerID, From: q.From, To: q.To}
	for t, err := range tickets {
		if err != nil {
			return Stats{}, fmt.Errorf("ticket: statistics: %w", err)
		}
		if !f.Match(&t) {
			continue
		}
		s.Total++
		byKind[slot(uint8(t.Kind), len(byKind))]++
		byChannel[slot(uint8(t.Channel), len(byChannel))]++
		byStatus[slot(uint8(t.Status), len(byStatus))]++
		byPriority[slot(uint8(t.Priority), len(byPriority))]++
		y, m, _ := t.Received.In(loc).Date()
		byMonth[y*12+int(m)-1]++
		c, err := clocks.clocks(&q.Agreements, &t, now)
		if err != nil {
			s.Unmeasured++
			continue
		}
		if c.HasResponse {
			s.Response.add(c.Response)
		}
		if c.HasResolution {
			s.Resolution.add(c.Resolution)
		}
	}
	s.ByKind = countMap[Kind](byKind[1:], 1)
	s.ByChannel = countMap[Channel](byChannel[1:], 1)
	s.ByStatus = countMap[Status](byStatus[1:], 1)
	s.ByPriority = countMap[Priority](byPriority[1:], 1)
	s.ByMonth = make(map[string]int, len(byMonth))
	for mi, n := range byMonth {
		s.ByMonth[fmt.Sprintf("%04d-%02d", mi/12, mi%12+1)] = n
	}
	s.Response.finish()
	s.Resolution.finish()
	return s, nil
}

// slot is v's index in a count array of n, or 0, the slot left out of the
// maps, for an invalid value.
func slot(v uint8, n int) int {
	if int(v) < n {
		return int(v)
	}
	return 0
}

// countMap turns counts indexed from first into a map of the non-zero
// ones.
func countMap[K ~uint8](counts []int, first int) map[K]int {
	m := map[K]int{}
	for i, n := range counts {
		if n > 0 {
			m[K(i+first)] = n
		}
	}
	return m
}

// Stats computes the statistic of q at now over the store's tickets (see
// ComputeStats). It returns the Store's errors, wrapped.
func (d *Desk) Stats(ctx context.Context, q StatsQuery, now time.Time) (Stats, error) {
	if err := d.ready(); err != nil {
		return Stats{}, err
	}
	return ComputeStats(d.store.Tickets(ctx, Filter{CustomerID: q.CustomerID, From: q.From, To: q.To}), q, now)
}
