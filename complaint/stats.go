package complaint

import (
	"iter"
	"time"

	"github.com/deskcore/deskcore/sla"
)

// OnTime counts deadlines of one kind by how they stood: met in time, met
// late or missed, and not yet due.
type OnTime struct {
	OnTime  int // met by the deadline
	Late    int // met after it, or still open after it
	Pending int // open and not yet due, or no longer needed
}

// Due returns how many deadlines fell due: OnTime + Late.
func (o OnTime) Due() int { return o.OnTime + o.Late }

// Share returns the share met on time among those due, from 0 to 1; 0 when
// none was due.
func (o OnTime) Share() float64 {
	if o.Due() == 0 {
		return 0
	}
	return float64(o.OnTime) / float64(o.Due())
}

// count adds one deadline: met on time, late (met late, or breached while
// open or when stopped), or pending.
func (o *OnTime) count(st sla.Status, original bool) {
	d := st.Deadline
	if original {
		d = st.Original
	}
	switch {
	case st.State == sla.Met && !d.Breached:
		o.OnTime++
	case d.Breached:
		o.Late++
	default:
		o.Pending++
	}
}

// TypeOutcome is a key of Stats.Counts.
type TypeOutcome struct {
	Type    Type    // the complaints' type
	Outcome Outcome // their outcome; OutcomeNone while undecided
}

// Stats are a period's complaint statistics: the complaints received in it,
// how they were decided, and how their deadlines stood.
type Stats struct {
	From, To time.Time // the period: received at or after From, before To

	Received int                 // complaints received in the period
	Counts   map[TypeOutcome]int // by type and outcome at now (OutcomeNone: not decided)

	Acknowledged     OnTime // acknowledgements
	Updated          OnTime // progress updates, each cycle counted
	Resolved         OnTime // decisions, against the deadline in force
	ResolvedOriginal OnTime // decisions, against the original deadline
	Extended         int    // complaints whose resolution was extended

	Decided   int // complaints with a first decision
	Escalated int // of those, how many the customer escalated
}

// ByType returns how many complaints of type t were received.
func (s Stats) ByType(t Type) int { return s.count(func(k TypeOutcome) bool { return k.Type == t }) }

// ByOutcome returns how many complaints came to outcome o.
func (s Stats) ByOutcome(o Outcome) int {
	return s.count(func(k TypeOutcome) bool { return k.Outcome == o })
}

func (s Stats) count(match func(TypeOutcome) bool) int {
	n := 0
	for k, v := range s.Counts {
		if match(k) {
			n += v
		}
	}
	return n
}

// EscalationRate returns the share of decided complaints that were
// escalated, from 0 to 1; 0 when none was decided.
func (s Stats) EscalationRate() float64 {
	if s.Decided == 0 {
		return 0
	}
	return float64(s.Escalated) / float64(s.Decided)
}

// Stats computes the statistics of the complaints received from from until
// before to, as their deadlines stood at now. complaints may hold others;
// they are skipped. It reads complaints once, so a single-use sequence
// (a store's cursor) will do.
//
// It returns a *ValidationError when to is not after from, and Timeline's
// error for a complaint whose deadlines cannot be computed.
func (p *Policy) Stats(complaints iter.Seq[Complaint], from, to, now time.Time) (Stats, error) {
	if err := p.made(); err != nil {
		return Stats{}, err
	}
	if !to.After(from) {
		var ps problems
		ps.add("to", "%s is not after from, %s", to.Format(time.RFC3339), from.Format(time.RFC3339))
		return Stats{}, ps.err()
	}
	s := Stats{From: from, To: to, Counts: map[TypeOutcome]int{}}
	for c := range complaints {
		if c.ReceivedAt.Before(from) || !c.ReceivedAt.Before(to) {
			continue
		}
		tl, err := p.Timeline(c, now)
		if err != nil {
			return Stats{}, err
		}
		s.Received++
		s.Counts[TypeOutcome{c.Type, c.outcomeBy(now)}]++
		s.Acknowledged.count(tl.Acknowledgement, false)
		for _, u := range tl.Updates {
			s.Updated.count(u, false)
		}
		s.Resolved.count(tl.Resolution, false)
		s.ResolvedOriginal.count(tl.Resolution, true)
		if len(tl.Extensions) > 0 {
			s.Extended++
		}
		if tl.Resolution.State == sla.Met {
			s.Decided++
		}
		if tl.Escalation.State == sla.Met {
			s.Escalated++
		}
	}
	return s, nil
}
