package dunning

import (
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// DisputeDecision settles a dispute.
//
// A partly upheld or rejected decision requires the finished checklist:
// every disputed item compared against the offer and against the order
// (Case.CheckDisputeItem), and written Reasons. Deciding either while a
// line of the checklist is pending is refused with a *ValidationError on
// the field "Checklist" that lists the pending lines. Upholding in full
// and a withdrawal need neither.
type DisputeDecision struct {
	// Outcome is DisputeUpheld, DisputePartlyUpheld, DisputeRejected or
	// DisputeWithdrawn. Partly upheld and rejected require the finished
	// checklist.
	Outcome DisputeState
	At      time.Time // required, not before the dispute was received
	By      string    // the account manager, or the customer who withdrew; required
	// Reasons are the written reasons: required when rejecting or partly
	// upholding, since the customer is owed an explanation.
	Reasons string
	// Corrected is the amount corrected or credited: for a partly upheld
	// dispute more than 0 and less than the disputed amount. Upheld
	// corrects the whole disputed amount (leave it zero or give exactly
	// that); rejected and withdrawn correct nothing (leave it zero).
	Corrected decimal.Decimal
}

// DecideDispute settles the dispute with its outcome and returns it.
//
//   - The corrected part is waived: from now on it is withheld from the
//     notices until the host books its credit (a Payment with
//     Credit set and Dispute linking this dispute), it bears no default
//     interest for any day, and the fees of the notices issued before the
//     dispute are waived in proportion to it (fee × corrected / amount
//     demanded, to the cent, half away from zero).
//   - The rest of what the dispute held is released back to dunning with
//     a new payment deadline (DisputePolicy.PaymentDays after the
//     decision). The next notice is the next level, never more: the hold
//     does not count as time in which levels advanced.
//
// Rejecting or partly upholding needs written reasons and the finished
// checklist: every item compared against offer and order (see
// DisputeDecision).
//
// It returns an error matching ErrNotFound for an unknown dispute, a
// *ValidationError for an invalid decision (every problem at once; a
// partly upheld or rejected decision while checklist lines are pending
// names the field "Checklist" and the lines), a
// *DisputeStateError matching ErrLocked for a settled dispute, a
// *BaseRateError if the waived interest needs a missing base rate, and an
// error matching sla.ErrOutOfRange if the new deadline falls outside the
// calendar's years.
func (c *Case) DecideDispute(p Policy, no int, d DisputeDecision) (Dispute, error) {
	if c == nil {
		return Dispute{}, errNilCase()
	}
	var ps problems
	x, err := c.dispute(no)
	if err != nil {
		return Dispute{}, err
	}
	if x.State.Settled() {
		return Dispute{}, &DisputeStateError{Invoice: c.Invoice.Number, Dispute: no, State: x.State, Action: "decide"}
	}
	DisputeStep{At: d.At, By: d.By}.validate(&ps, x)
	c.checkStepOrder(&ps, no, d.At)
	dunningText(&ps, "Reasons", d.Reasons, d.Outcome == DisputeRejected || d.Outcome == DisputePartlyUpheld)
	corrected := decimal.Zero
	switch d.Outcome {
	case DisputeUpheld:
		if !d.Corrected.IsZero() && !d.Corrected.Equal(x.Disputed) {
			ps.add("Corrected", "%s is not the disputed %s: decide partly upheld for less", d.Corrected, dunningMoney(x.Disputed))
		}
		corrected = x.Disputed
	case DisputePartlyUpheld:
		dunningAmount(&ps, "Corrected", d.Corrected, true)
		if d.Corrected.Cmp(x.Disputed) >= 0 {
			ps.add("Corrected", "%s is not less than the disputed %s: decide upheld for all of it", d.Corrected, dunningMoney(x.Disputed))
		}
		corrected = d.Corrected
	case DisputeRejected, DisputeWithdrawn:
		if !d.Corrected.IsZero() {
			ps.add("Corrected", "a %s dispute corrects nothing", d.Outcome)
		}
	default:
		ps.add("Outcome", "%v is not upheld, partly upheld, rejected or withdrawn", d.Outcome)
	}
	if d.Outcome == DisputeRejected || d.Outcome == DisputePartlyUpheld {
		if pending := x.pendingChecks(); len(pending) > 0 {
			ps.add("Checklist", "a %s decision requires the finished checklist, every item compared against offer and order: %s pending", d.Outcome, strings.Join(pending, ", "))
		}
	}
	if err := ps.err(); err != nil {
		return Dispute{}, err
	}

	on := date.NewAt(d.At.In(p.disputeCalendar().Location()))
	before, _, err := c.interest(&p, on)
	if err != nil {
		return Dispute{}, err
	}
	released := decimal.Max(decimal.Zero, x.Held.Sub(corrected))
	var deadline date.Date
	if released.Sign() > 0 {
		if deadline, err = p.deadline(on, p.disputePaymentDays()); err != nil {
			return Dispute{}, err
		}
	}

	// Everything that can fail has; now change the case.
	from := x.State
	if x.AcknowledgedAt.IsZero() {
		x.AcknowledgedAt = d.At
	}
	x.State, x.DecidedAt, x.DecidedOn, x.DecidedBy, x.Reasons = d.Outcome, d.At, on, d.By, d.Reasons
	x.Corrected, x.Released, x.NewDeadline = corrected, released, deadline
	x.WaivedFees = c.waiveFees(x)
	after, _, err := c.interest(&p, on)
	if err != nil {
		return Dispute{}, err // cannot happen: the same days as before
	}
	x.WaivedInterest = decimal.Max(decimal.Zero, before.Sub(after))

	why := []string{d.Outcome.String()}
	if d.Reasons != "" {
		why[0] += ": " + d.Reasons
	}
	if corrected.Sign() > 0 {
		why = append(why, fmt.Sprintf("%s corrected; fees %s and interest %s on it waived", dunningMoney(corrected), dunningMoney(x.WaivedFees), dunningMoney(x.WaivedInterest)))
	}
	if released.Sign() > 0 {
		why = append(why, fmt.Sprintf("%s released to dunning, payable by %s", dunningMoney(released), deadline))
	}
	c.record(Event{Kind: EventDisputeDecided, On: on, At: d.At, By: d.By, Dispute: no,
		From: from, To: x.State, Reason: strings.Join(why, "; ")})
	return x.clone(), nil
}

// waiveFees waives, on each notice issued before the dispute, the share
// of its fees that the correction is of the amount it demanded, and
// returns the sum.
func (c *Case) waiveFees(x *Dispute) decimal.Decimal {
	sum := decimal.Zero
	for i := range c.Notices[:x.NoticesBefore] {
		n := &c.Notices[i]
		left := n.Fee.Add(n.FlatFee).Sub(n.FeeWaived)
		if left.Sign() <= 0 || n.Dunned.Sign() <= 0 {
			continue
		}
		share := decimal.Min(x.Corrected, n.Dunned)
		w := decimal.Min(left, left.Mul(share).DivRound(n.Dunned, 2))
		n.FeeWaived = n.FeeWaived.Add(w)
		sum = sum.Add(w)
	}
	return sum
}
