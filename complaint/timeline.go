package complaint

import (
	"fmt"
	"time"

	"github.com/deskcore/deskcore/sla"
)

// Timeline is where a complaint's deadlines stand at an instant, computed
// by Policy.Timeline from its history with the sla package's clocks. Every
// deadline is an sla.Status: its State (pending, running, met, stopped),
// Due, and whether it is Breached or in Warning.
type Timeline struct {
	// Acknowledgement runs from receipt until the acknowledgement.
	Acknowledgement sla.Status

	// Updates are the progress-update cycles started by the instant, oldest
	// first: the first runs from the acknowledgement, each later one from
	// the update before, each until the next update; the decision stops
	// the last. Empty before the acknowledgement.
	Updates []sla.Status

	// FirstUpdate is the first progress update's deadline, shown also
	// before the acknowledgement: then it is conditional ("14 business
	// days after the acknowledgement, at the latest ..." for an
	// acknowledgement on time); once acknowledged it is the first
	// cycle's due instant. Zero when there is no acknowledgement
	// deadline to count from.
	FirstUpdate UpdateDeadline

	// Resolution runs from receipt until the decision (resolved or
	// rejected). Its Deadline is the one in force after any extension;
	// Original is the first, so MetOnTime and MetOriginal report the
	// decision against both.
	Resolution sla.Status

	// Extensions are the resolution's extensions so far, oldest first.
	Extensions []Extension

	// Escalation is the customer's window to escalate: pending until the
	// decision, met when the customer escalated, stopped at the close.
	Escalation sla.Status
}

// NextUpdate returns the update cycle that is running (or paused), and
// false when none is: before the acknowledgement and after the decision.
func (t Timeline) NextUpdate() (sla.Status, bool) {
	if n := len(t.Updates); n > 0 {
		if s := t.Updates[n-1]; s.State == sla.Running || s.State == sla.Paused {
			return s, true
		}
	}
	return sla.Status{}, false
}

// Extension is one move of the resolution deadline.
type Extension struct {
	At     time.Time // when it was decided and the customer told
	By     Actor     // who decided it
	Reason string    // the explanation the customer was given
	From   time.Time // the deadline in force before
	To     time.Time // the new deadline
}

// Acknowledgement is what the acknowledgement tells the customer (the 24-hour complaints procedure:
// a reference number and an initial timeline), with how it stood against
// its own deadline.
type Acknowledgement struct {
	Ref            Reference // the reference number, for all further mail
	ReceivedAt     time.Time // when the complaint arrived
	AcknowledgedAt time.Time // when it was acknowledged
	Due            time.Time // when the acknowledgement was due
	OnTime         bool      // acknowledged by Due
	UpdateDue      time.Time // the first progress update
	ResolutionDue  time.Time // the decision
}

// Timeline computes the complaint's deadlines at now from its history: a
// pure function, so a Timeline at an earlier now shows how things stood
// then. Steps after now are left out.
//
// It returns a *ValidationError for a history that does not start with the
// receipt or is out of time order, and an error wrapping the sla package's
// *sla.HistoryError for one the clocks cannot be computed from (an
// extension without a reason, a deadline outside the calendar's years).
// A complaint changed only through the Policy's steps has neither.
func (p *Policy) Timeline(c Complaint, now time.Time) (Timeline, error) {
	if err := p.made(); err != nil {
		return Timeline{}, err
	}
	if err := checkHistory(c); err != nil {
		return Timeline{}, err
	}
	start := []sla.Event{{Kind: sla.Start, At: c.ReceivedAt}}
	h := map[string][]sla.Event{
		sla.Acknowledgement: start,
		sla.Resolution:      start[:1:1],
	}
	var (
		tl              Timeline
		acked, decided  time.Time
		updates         []time.Time
		escalated, shut time.Time
		previous        time.Time // the resolution deadline before the next extension
	)
	for _, e := range c.History {
		if e.At.After(now) {
			break
		}
		switch e.Kind {
		case EventAcknowledged:
			acked = e.At
			h[sla.Acknowledgement] = append(h[sla.Acknowledgement], sla.Event{Kind: sla.Meet, At: e.At})
		case EventUpdated:
			updates = append(updates, e.At)
		case EventExtended:
			h[sla.Resolution] = append(h[sla.Resolution], sla.Event{Kind: sla.Rebaseline, At: e.At, Due: e.Due, Reason: e.Text})
			tl.Extensions = append(tl.Extensions, Extension{At: e.At, By: e.By, Reason: e.Text, To: e.Due})
		case EventResolved, EventRejected:
			decided = e.At
			h[sla.Resolution] = append(h[sla.Resolution], sla.Event{Kind: sla.Meet, At: e.At})
		case EventEscalated:
			escalated = e.At
		case EventClosed:
			shut = e.At
		}
	}
	// The first update cycle follows the acknowledgement in the sla
	// policy; it ends with the first update or, failing one, the decision.
	h[sla.Update] = cycleEnd(nil, updates, 0, decided)
	if !decided.IsZero() {
		end := sla.Event{Kind: sla.Stop, At: shut}
		if !escalated.IsZero() {
			end = sla.Event{Kind: sla.Meet, At: escalated}
		}
		h[escalationTarget] = []sla.Event{{Kind: sla.Start, At: decided}}
		if !end.At.IsZero() {
			h[escalationTarget] = append(h[escalationTarget], end)
		}
	}
	st, err := p.deadline.Status(h, now)
	if err != nil {
		return Timeline{}, fmt.Errorf("complaint %s: %w", refText(c.Ref), err)
	}
	tl.Acknowledgement, tl.Resolution, tl.Escalation = st[0], st[2], st[3]
	if !acked.IsZero() {
		tl.Updates = append(tl.Updates, st[1])
	}
	for i, u := range updates {
		s, err := p.update.Status(cycleEnd([]sla.Event{{Kind: sla.Start, At: u}}, updates, i+1, decided), now)
		if err != nil {
			return Timeline{}, fmt.Errorf("complaint %s: update cycle %d: %w", refText(c.Ref), i+2, err)
		}
		tl.Updates = append(tl.Updates, s)
	}
	switch {
	case !acked.IsZero():
		tl.FirstUpdate = UpdateDeadline{Target: p.cfg.Update, Latest: tl.Updates[0].Due, Acknowledged: true}
	case !tl.Acknowledgement.Due.IsZero():
		if tl.FirstUpdate, err = p.updateAfter(tl.Acknowledgement.Due, false); err != nil {
			return Timeline{}, fmt.Errorf("complaint %s: %w", refText(c.Ref), err)
		}
	}
	previous = tl.Resolution.Original.Due
	for i := range tl.Extensions {
		tl.Extensions[i].From = previous
		previous = tl.Extensions[i].To
	}
	return tl, nil
}

// checkHistory checks what the clocks do not: the history starts with the
// receipt and is in time order.
func checkHistory(c Complaint) error {
	var ps problems
	switch {
	case len(c.History) == 0:
		ps.add("History", "is empty: make complaints with NewComplaint")
	case c.History[0].Kind != EventReceived || !c.History[0].At.Equal(c.ReceivedAt):
		ps.add("History[0]", "is not the receipt at ReceivedAt")
	}
	for i := 1; i < len(c.History); i++ {
		if c.History[i].At.Before(c.History[i-1].At) {
			ps.add(fmt.Sprintf("History[%d]", i), "is before the step before it")
		}
	}
	return ps.err()
}

// cycleEnd appends to history the end of the update cycle that ends with
// updates[next]: met by that update, else stopped by the decision, else
// still running.
func cycleEnd(history []sla.Event, updates []time.Time, next int, decided time.Time) []sla.Event {
	switch {
	case next < len(updates):
		return append(history, sla.Event{Kind: sla.Meet, At: updates[next]})
	case !decided.IsZero():
		return append(history, sla.Event{Kind: sla.Stop, At: decided})
	}
	return history
}

// Extend moves the resolution deadline to due, for reason, which the
// customer is told (the Dutch complaints procedure: "if we cannot meet this timeline, we give an
// explanation and a new resolution timeline"). The original deadline and
// every extension stay in the history; Timeline reports the decision
// against the deadline in force and against the original.
//
// It returns a *TransitionError unless the complaint is acknowledged or
// investigating, and a *ValidationError for an invalid by or at, a missing
// reason, or a due that is zero, not after at, outside the policy
// calendar's years, or not after the deadline in force.
func (p *Policy) Extend(c *Complaint, by Actor, at time.Time, reason string, due time.Time) error {
	if err := p.made(); err != nil {
		return err
	}
	s := staffStep(EventExtended, by, at)
	s.Text, s.Due = reason, due
	s.text("reason", reason, maxTextLen, true, true)
	p.checkInstant(&s.problems, "due", due)
	if !due.IsZero() && !at.IsZero() && !due.After(at) {
		s.add("due", "%s is not after the extension at %s", due.Format(time.RFC3339), at.Format(time.RFC3339))
	}
	return p.apply(c, s, func() error {
		tl, err := p.Timeline(*c, at)
		if err != nil {
			return err
		}
		if cur := tl.Resolution.Due; !due.After(cur) {
			var ps problems
			ps.add("due", "%s is not after the deadline in force, %s", due.Format(time.RFC3339), cur.Format(time.RFC3339))
			return ps.err()
		}
		return nil
	})
}
