package complaint

import (
	"fmt"
	"time"

	"github.com/deskcore/deskcore/sla"
)

// Deadlines are what a complaint owes the customer, computed from the
// instant it was received, the policy and the policy's calendar alone:
// no store, no reference number, no clock. A host can show them in the
// confirmation mail before the complaint is stored, and a tester can
// check a procedure row by row (Policy.Deadlines).
type Deadlines struct {
	// ReceivedAt is the receipt the deadlines count from.
	ReceivedAt time.Time
	// Acknowledgement is when the acknowledgement is due.
	Acknowledgement time.Time
	// Update is the first progress update: it counts from the
	// acknowledgement, so before the acknowledgement only its latest
	// due instant for an acknowledgement on time is known.
	Update UpdateDeadline
	// Resolution is when the decision is due, unless it is extended.
	Resolution time.Time
}

// UpdateDeadline is the first progress update's deadline, which depends
// on when the complaint is acknowledged: Target after the
// acknowledgement. Latest is the due instant for an acknowledgement at
// its own deadline, the last instant that is on time. An acknowledgement
// at or before that deadline, to the instant, makes the update due no
// later than Latest (the sla package counts an instant at a close in the
// day that closes); a late acknowledgement moves it later.
type UpdateDeadline struct {
	// Target is how long after the acknowledgement the update is due,
	// "14 business days" in the Dutch procedure.
	Target sla.Target
	// Latest is the update's due instant for an acknowledgement on time.
	// Once the complaint is acknowledged (Acknowledged), it is the due
	// instant of the actual acknowledgement.
	Latest time.Time
	// Acknowledged reports that Latest counts from the actual
	// acknowledgement rather than its deadline.
	Acknowledged bool
}

// String writes the deadline as a customer reads it: "14 business days
// after the acknowledgement, at the latest 2026-05-29 17:00 CEST", or
// "due 2026-05-29 17:00 CEST" once acknowledged.
func (u UpdateDeadline) String() string {
	const layout = "2006-01-02 15:04 MST"
	if u.Acknowledged {
		return "due " + u.Latest.Format(layout)
	}
	return u.Target.String() + " after the acknowledgement, at the latest " + u.Latest.Format(layout)
}

// Deadlines returns the deadlines of a complaint received at receivedAt,
// as the policy's procedure sets them (see Deadlines): a pure function of
// the receipt, the policy and its calendar. It equals what Timeline
// reports for the complaint once received, and Acknowledge for an
// acknowledgement at its deadline.
//
// It returns a *ValidationError for a policy not made by NewPolicy or a
// receivedAt that is zero or outside the policy calendar's years, and an error wrapping the sla package's
// *sla.HistoryError when a deadline falls beyond the calendar's years.
func (p *Policy) Deadlines(receivedAt time.Time) (Deadlines, error) {
	if err := p.made(); err != nil {
		return Deadlines{}, err
	}
	var ps problems
	p.checkInstant(&ps, "receivedAt", receivedAt)
	if err := ps.err(); err != nil {
		return Deadlines{}, err
	}
	start := []sla.Event{{Kind: sla.Start, At: receivedAt}}
	st, err := p.deadline.Status(map[string][]sla.Event{
		sla.Acknowledgement: start,
		sla.Resolution:      start,
	}, receivedAt)
	if err != nil {
		return Deadlines{}, fmt.Errorf("complaint received %s: %w", receivedAt.Format(time.RFC3339), err)
	}
	d := Deadlines{ReceivedAt: receivedAt, Acknowledgement: st[0].Due, Resolution: st[2].Due}
	if d.Update, err = p.updateAfter(d.Acknowledgement, false); err != nil {
		return Deadlines{}, err
	}
	return d, nil
}

// UpdateDue returns when the first progress update is due for a complaint
// acknowledged at ackAt: the policy's Update target counted from the
// acknowledgement. An acknowledgement at its due instant and one a minute
// earlier give the same update deadline.
//
// It returns a *ValidationError for a policy not made by NewPolicy or an
// ackAt that is zero or outside the policy calendar's years, and an error wrapping the sla package's
// *sla.HistoryError when the deadline falls beyond them.
func (p *Policy) UpdateDue(ackAt time.Time) (time.Time, error) {
	if err := p.made(); err != nil {
		return time.Time{}, err
	}
	var ps problems
	p.checkInstant(&ps, "ackAt", ackAt)
	if err := ps.err(); err != nil {
		return time.Time{}, err
	}
	u, err := p.updateAfter(ackAt, true)
	return u.Latest, err
}

// updateAfter is the update deadline counted from an acknowledgement at
// at, on the clock the Timeline's later update cycles run on.
func (p *Policy) updateAfter(at time.Time, acknowledged bool) (UpdateDeadline, error) {
	s, err := p.update.Status([]sla.Event{{Kind: sla.Start, At: at}}, at)
	if err != nil {
		return UpdateDeadline{}, fmt.Errorf("complaint acknowledged %s: update: %w", at.Format(time.RFC3339), err)
	}
	return UpdateDeadline{Target: p.cfg.Update, Latest: s.Due, Acknowledged: acknowledged}, nil
}
