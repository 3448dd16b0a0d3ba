package dunning

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
)

// Notice is a reminder or dunning notice as issued: what it
// demands, what it charges, until when, and why. Amounts are in the
// invoice's currency, in cents.
type Notice struct {
	No        int       // 1, 2, ... per invoice
	Invoice   string    // the invoice number
	Customer  string    // the host's customer ID
	Level     int       // 1-based index into Policy.Levels
	LevelName string    // that level's Name, e.g. "1. Mahnung"
	Date      date.Date // the day it was issued: the run's day
	Deadline  date.Date // the new payment deadline it sets

	Open   decimal.Decimal // owed on Date
	Held   decimal.Decimal // of Open, not demanded: held by disputes or withheld after a decision
	Dunned decimal.Decimal // Open less Held: the principal demanded

	Fee     decimal.Decimal // the level's fee charged (after crediting it to the flat fee)
	FlatFee decimal.Decimal // the flat fee of BGB § 288 (5), on the first notice in default
	// FeeWaived is the part of Fee and FlatFee a decision waived later
	// (see DecideDispute): the one field that changes after issue.
	FeeWaived decimal.Decimal
	FeesDue   decimal.Decimal // every fee charged on the invoice so far, this one's included, less those waived

	// Interest is the default interest accrued from DefaultFrom to Date
	// (excluded), on the amounts that bore interest (InterestSpans).
	Interest      decimal.Decimal
	DefaultFrom   date.Date      // the first day of default; zero if not in default on Date
	InterestSpans []InterestSpan // the interest statement: amounts and rates by days

	Total decimal.Decimal // Dunned + FeesDue + Interest

	Reasons []string // the reasoning, one sentence each
}

// ID returns the notice's reference, "<invoice>/<no>", e.g. "RE-7/2".
func (n Notice) ID() string { return n.Invoice + "/" + strconv.Itoa(n.No) }

func (n Notice) clone() Notice {
	n.InterestSpans = slices.Clone(n.InterestSpans)
	n.Reasons = slices.Clone(n.Reasons)
	return n
}

// Outcome is what a dunning run did with an invoice.
type Outcome uint8

const (
	// Issued: a notice was issued.
	Issued Outcome = iota + 1
	// Repeated: a run for this date issued a notice already; it is
	// returned again and nothing new is issued.
	Repeated
	// NotDue: the next level is not due yet (see Result.Next).
	NotDue
	// PaymentReceived: the next level was due, but a payment or
	// credit since the last notice restarted the wait.
	PaymentReceived
	// Held: nothing may be demanded: open disputes hold it, or
	// decided ones withhold it for now.
	Held
	// BelowMinimum: what may be demanded is below the policy's
	// MinimumOpen.
	BelowMinimum
	// Settled: nothing is owed.
	Settled
	// Final: the last level was issued; nothing follows.
	Final
)

var dunningOutcomeText = enum.Ints[Outcome]("dunning", "Outcome", "", "issued", "repeated", "not due", "payment received", "held",
	"below minimum", "settled", "final").EmptyZero()

// String returns the outcome's text, e.g. "issued" or "held".
func (o Outcome) String() string {
	return dunningOutcomeText.String(o)
}

// MarshalText implements encoding.TextMarshaler.
func (o Outcome) MarshalText() ([]byte, error) {
	return dunningOutcomeText.Marshal(o)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *Outcome) UnmarshalText(b []byte) error {
	return dunningOutcomeText.Unmarshal(o, b)
}

// Result is what a dunning run decided for one invoice, and why.
type Result struct {
	Invoice  string    // the invoice number
	Customer string    // the host's customer ID
	On       date.Date // the run's day
	Outcome  Outcome   // what the run did
	Notice   Notice    // the notice, when Issued or Repeated
	Standing Standing  // how the invoice stood on the day
	// Next is the earliest day the next level can fall due as things
	// stand, when one follows; zero when settled, final or held.
	Next    date.Date
	Reasons []string // the reasoning, one sentence each
}

// Run is the dunning run for this invoice on the day under the policy.
// If the next level is due it issues the notice: it appends it to
// Notices, records it in History and returns it with Outcome
// Issued. Otherwise it changes nothing and says why.
//
// The rules, in the order they apply:
//
//   - at most one notice a day: if a notice was issued on the day, Run
//     returns it again (Repeated), so running twice issues nothing
//     twice and a level never advances twice in one run;
//   - nothing owed: Settled; the last level issued: Final;
//   - nothing to demand, because open disputes hold it or decided ones
//     withhold it: Held;
//   - the next level falls due its Days after its anchor, not on or
//     before Due + GraceDays, and not before the previous notice's
//     deadline has passed; before that, NotDue. A hold never
//     advances a level: the next notice after a hold is the next level;
//   - a payment or credit after the last notice stops the escalation
//     until PaymentDays after it (unless KeepScheduleOnPayment):
//     PaymentReceived;
//   - less to demand than MinimumOpen: BelowMinimum.
//
// It returns a *ValidationError for an invalid policy or a zero day, a
// *BaseRateError if interest is due on a day without a base rate, and an
// error matching sla.ErrOutOfRange for business days outside the
// calendar's years.
func (c *Case) Run(p Policy, on date.Date) (Result, error) {
	if c == nil {
		return Result{On: on}, errNilCase()
	}
	if err := p.Validate(); err != nil {
		return Result{}, err
	}
	return c.run(&p, on, RunActor)
}

func (c *Case) run(p *Policy, on date.Date, by string) (Result, error) {
	inv := &c.Invoice
	res := Result{Invoice: inv.Number, Customer: inv.CustomerID, On: on}
	var ps problems
	if dunningDate(&ps, "on", on); len(ps) > 0 {
		return res, ps.err()
	}
	res.Standing = c.standing(p, on)
	last, hasLast := c.LastNotice()
	switch {
	case hasLast && last.Date == on:
		res.Outcome, res.Notice = Repeated, last.clone()
		res.Reasons = []string{"notice " + last.ID() + " (" + last.LevelName + ") was issued on " + dunningDay(on) + " already"}
		return res, nil
	case hasLast && last.Date > on:
		res.Outcome = NotDue
		res.Reasons = []string{"notice " + last.ID() + " was issued on " + dunningDay(last.Date) + ", after " + dunningDay(on)}
		return res, nil
	case res.Standing.Open.Sign() <= 0:
		res.Outcome = Settled
		res.Reasons = []string{"nothing is owed on " + dunningDay(on) + ": open " + dunningMoney(res.Standing.Open)}
		return res, nil
	case len(c.Notices) >= len(p.Levels):
		res.Outcome = Final
		res.Reasons = []string{"the last level, " + last.LevelName + ", was issued on " + dunningDay(last.Date)}
		return res, nil
	case res.Standing.Dunnable.Sign() <= 0:
		res.Outcome = Held
		res.Reasons = c.holdReasons(on)
		return res, nil
	}

	k := len(c.Notices) // the next level's index
	lvl := p.Levels[k]
	next, why, err := c.nextDate(p, k)
	if err != nil {
		return res, err
	}
	res.Next = next
	res.Reasons = why
	if !p.KeepScheduleOnPayment {
		after := inv.Due
		if hasLast {
			after = last.Date
		}
		if paid := inv.lastPayment(after, on); paid != date.Zero && paid+date.Date(p.paymentDays()) >= next {
			res.Next = paid + date.Date(p.paymentDays()) + 1
			res.Reasons = append(res.Reasons, "a payment or credit was booked on "+dunningDay(paid)+": "+lvl.Name+" waits until "+dunningDay(res.Next))
			if on < res.Next && on >= next {
				res.Outcome = PaymentReceived
				return res, nil
			}
		}
	}
	if on < res.Next {
		res.Outcome = NotDue
		return res, nil
	}
	if res.Standing.Dunnable.Cmp(p.MinimumOpen) < 0 {
		res.Outcome = BelowMinimum
		res.Reasons = append(res.Reasons, dunningMoney(res.Standing.Dunnable)+" may be demanded, less than the minimum "+dunningMoney(p.MinimumOpen))
		return res, nil
	}
	n, err := c.issue(p, k, on, res.Standing, res.Reasons)
	if err != nil {
		return res, err
	}
	c.Notices = append(c.Notices, n)
	c.record(Event{Kind: EventNotice, On: on, By: by, Notice: n.No, Reason: strings.Join(n.Reasons, "; ")})
	res.Outcome, res.Notice = Issued, n.clone()
	res.Reasons = res.Notice.Reasons // shared with the result's notice, not with the case
	return res, nil
}

// nextDate is the earliest day level k may be issued, with the reasoning.
func (c *Case) nextDate(p *Policy, k int) (date.Date, []string, error) {
	inv := &c.Invoice
	lvl := p.Levels[k]
	anchor, from := inv.Due, "the due date "+dunningDay(inv.Due)
	if k > 0 && lvl.After == AfterPrevious {
		prev := c.Notices[k-1]
		anchor, from = prev.Date, "notice "+prev.ID()+" of "+dunningDay(prev.Date)
	}
	next, err := p.levelDate(lvl, anchor)
	if err != nil {
		return 0, nil, err
	}
	unit := " days after "
	if lvl.BusinessDays {
		unit = " business days after "
	}
	// The run explains every invoice it passes over, so this is built
	// without fmt: it is most of a run's work.
	why := make([]string, 1, 3)
	why[0] = "level " + strconv.Itoa(k+1) + ", " + lvl.Name + ", falls due " + strconv.Itoa(lvl.Days) + unit + from + ": on " + dunningDay(next)
	if overdue := inv.Due + date.Date(p.GraceDays) + 1; next < overdue {
		next = overdue
		why = append(why, "invoice "+inv.Number+" is overdue from "+dunningDay(overdue)+" (due "+dunningDay(inv.Due)+", "+strconv.Itoa(p.GraceDays)+" grace days)")
	}
	if k > 0 {
		prev := c.Notices[k-1]
		if next <= prev.Deadline {
			next = prev.Deadline + 1
			why = append(why, "not before the deadline of notice "+prev.ID()+", "+dunningDay(prev.Deadline)+", has passed: from "+dunningDay(next))
		}
	}
	return next, why, nil
}

// holdReasons says what holds or withholds the invoice on the day.
func (c *Case) holdReasons(on date.Date) []string {
	var why []string
	for i := range c.Disputes {
		x := &c.Disputes[i]
		switch {
		case x.holdsOn(on):
			why = append(why, "dispute "+strconv.Itoa(x.No)+", received "+dunningDay(x.ReceivedOn)+", holds "+dunningMoney(x.Held))
		case x.decidedBy(on) && on <= x.NewDeadline && x.Released.Sign() > 0:
			why = append(why, fmt.Sprintf("dispute %d was %s on %s: %s released, payable by %s", x.No, x.State, x.DecidedOn, dunningMoney(x.Released), x.NewDeadline))
		case x.decidedBy(on) && x.correctionDue(&c.Invoice, on).Sign() > 0:
			why = append(why, fmt.Sprintf("dispute %d was %s on %s: correction of %s awaits its credit", x.No, x.State, x.DecidedOn, dunningMoney(x.correctionDue(&c.Invoice, on))))
		}
	}
	return why
}

// issue computes notice k on the day: deadline, fees and interest.
func (c *Case) issue(p *Policy, k int, on date.Date, s Standing, why []string) (Notice, error) {
	inv := &c.Invoice
	lvl := p.Levels[k]
	n := Notice{
		No: k + 1, Invoice: inv.Number, Customer: inv.CustomerID, Level: k + 1, LevelName: lvl.Name, Date: on,
		Open: s.Open, Held: s.Held.Add(s.Withheld), Dunned: s.Dunnable,
		Fee: decimal.Zero, FlatFee: decimal.Zero, FeeWaived: decimal.Zero,
	}
	why = slices.Clone(why)
	why = append(why, fmt.Sprintf("open %s, %s demanded", dunningMoney(n.Open), dunningMoney(n.Dunned)))
	if n.Held.Sign() > 0 {
		why = append(why, c.holdReasons(on)...)
	}
	var err error
	if n.Deadline, err = p.deadline(on, p.paymentDays()); err != nil {
		return n, err
	}
	why = append(why, fmt.Sprintf("payment deadline %s", n.Deadline))

	// Fees. The case's notices do not include n yet, so defaultFrom is
	// as of before it: the first notice starts default only the day after.
	if v := c.defaultFrom(p); v <= on {
		n.DefaultFrom = v
	}
	inDefault := n.DefaultFrom != date.Zero
	c.fees(p, &n, lvl.Fee, inDefault, &why)
	n.FeesDue = c.feesDue().Add(n.Fee).Add(n.FlatFee)

	// Interest from the first day of default to the day.
	if inDefault {
		if n.Interest, n.InterestSpans, err = c.interest(p, on); err != nil {
			return n, err
		}
		if n.Interest.Sign() > 0 {
			why = append(why, fmt.Sprintf("default interest %s from %s (BGB § 288)", dunningMoney(n.Interest), n.DefaultFrom))
		}
	}
	n.Total = n.Dunned.Add(n.FeesDue).Add(n.Interest)
	n.Reasons = why
	return n, nil
}

// fees sets the notice's level fee and flat fee. A business debtor in
// default owes the flat fee once per invoice; with CreditFeesToFlatFee
// the level fees are credited against it, so the fees charged in all are
// the larger of the flat fee and the sum of the level fees.
func (c *Case) fees(p *Policy, n *Notice, levelFee decimal.Decimal, inDefault bool, why *[]string) {
	nominalBefore, flatBefore := decimal.Zero, decimal.Zero
	for _, prev := range c.Notices {
		nominalBefore = nominalBefore.Add(p.Levels[prev.Level-1].Fee)
		flatBefore = flatBefore.Add(prev.FlatFee)
	}
	owesFlat := p.FlatFee.Sign() > 0 && c.Invoice.CustomerType == BusinessCustomer
	flatNow := owesFlat && inDefault && flatBefore.IsZero()
	if !p.CreditFeesToFlatFee || !owesFlat || (!flatNow && flatBefore.IsZero()) {
		n.Fee = levelFee
		if flatNow {
			n.FlatFee = p.FlatFee
		}
	} else {
		// Charged in all after this notice: max(flat fee, level fees);
		// before it: what the earlier notices charged.
		chargedBefore := decimal.Zero
		for _, prev := range c.Notices {
			chargedBefore = chargedBefore.Add(prev.Fee).Add(prev.FlatFee)
		}
		total := decimal.Max(p.FlatFee, nominalBefore.Add(levelFee))
		now := decimal.Max(decimal.Zero, total.Sub(chargedBefore))
		if flatNow {
			n.FlatFee = decimal.Min(now, p.FlatFee)
			now = now.Sub(n.FlatFee)
		}
		n.Fee = now
		if credited := levelFee.Sub(n.Fee); credited.Sign() > 0 {
			*why = append(*why, fmt.Sprintf("level fee %s credited against the flat fee (BGB § 288 (5) sentence 3)", dunningMoney(credited)))
		}
	}
	if n.Fee.Sign() > 0 {
		*why = append(*why, fmt.Sprintf("fee %s", dunningMoney(n.Fee)))
	}
	if n.FlatFee.Sign() > 0 {
		*why = append(*why, fmt.Sprintf("flat fee %s: a business debtor in default since %s (BGB § 288 (5))", dunningMoney(n.FlatFee), n.DefaultFrom))
		if less := p.FlatFee.Sub(n.FlatFee); less.Sign() > 0 {
			*why = append(*why, fmt.Sprintf("the flat fee of %s less %s of level fees charged before (BGB § 288 (5) sentence 3)", dunningMoney(p.FlatFee), dunningMoney(less)))
		}
	}
}
