package dunning

import (
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
)

// Case is the dunning of one invoice: the invoice as the host last
// reported it, the notices issued, the disputes raised and the history of
// every change. It is the unit a Store keeps and updates in one
// transaction, so a dispute and a dunning run on one invoice are
// serialised: whichever commits second sees the first.
//
// Its methods are the rules, as functions of the case and their
// arguments: Run issues the next notice, OpenDispute, AcknowledgeDispute,
// AttachToDispute, CheckDisputeItem and DecideDispute move disputes. Each
// either changes the case and appends to History, or returns an error and
// leaves it as it was.
type Case struct {
	Invoice  OpenInvoice // as the host last reported it
	Notices  []Notice    // issued, in order; Notices[i].No is i+1
	Disputes []Dispute   // raised, in order; Disputes[i].No is i+1
	History  []Event     // every change, in order; History[i].Seq is i+1

	// Version is the store's: it counts the committed updates, for
	// optimistic stores. The rules neither read nor change it.
	Version int64
}

// NewCase starts the dunning of an invoice. It returns a
// *ValidationError for an invalid invoice.
func NewCase(inv OpenInvoice) (Case, error) {
	if err := inv.Validate(); err != nil {
		return Case{}, err
	}
	return Case{Invoice: inv.clone()}, nil
}

// Refresh replaces the invoice data with the host's current data (new
// payments and credits, a corrected amount) and reports whether anything
// changed; a change is recorded in History as seen on the day by by.
//
// It returns a *ValidationError for an invalid invoice or another invoice
// number.
func (c *Case) Refresh(inv OpenInvoice, on date.Date, by string) (changed bool, err error) {
	if c == nil {
		return false, errNilCase()
	}
	var ps problems
	inv.validate(&ps)
	if inv.Number != c.Invoice.Number {
		ps.add("Number", "%q is not this case's invoice %q", inv.Number, c.Invoice.Number)
	}
	dunningDate(&ps, "on", on)
	if err := ps.err(); err != nil {
		return false, err
	}
	if c.Invoice.equal(inv) {
		return false, nil
	}
	before := c.Invoice.Open(on)
	c.Invoice = inv.clone()
	c.record(Event{Kind: EventInvoice, On: on, By: by,
		Reason: fmt.Sprintf("invoice data changed: %d payments and credits, open on %s %s (was %s)",
			len(inv.Payments), on, dunningMoney(inv.Open(on)), dunningMoney(before))})
	return true, nil
}

// Clone returns a deep copy of the case that shares nothing with it.
func (c Case) Clone() Case {
	c.Invoice = c.Invoice.clone()
	c.Notices = slices.Clone(c.Notices)
	for i := range c.Notices {
		c.Notices[i] = c.Notices[i].clone()
	}
	c.Disputes = slices.Clone(c.Disputes)
	for i := range c.Disputes {
		c.Disputes[i] = c.Disputes[i].clone()
	}
	c.History = slices.Clone(c.History)
	return c
}

// errNilCase refuses a rule on a nil *Case, which has no invoice to
// remind or dispute.
func errNilCase() error {
	var ps problems
	ps.add("Case", "is nil; make it with NewCase or read it from the store")
	return ps.err()
}

// LastNotice returns the last notice issued and whether there is one.
func (c *Case) LastNotice() (Notice, bool) {
	if c == nil || len(c.Notices) == 0 {
		return Notice{}, false
	}
	return c.Notices[len(c.Notices)-1], true
}

// Dispute returns the dispute numbered no, or an error matching
// ErrNotFound.
func (c *Case) Dispute(no int) (Dispute, error) {
	if c == nil {
		return Dispute{}, errNilCase()
	}
	x, err := c.dispute(no)
	if err != nil {
		return Dispute{}, err
	}
	return x.clone(), nil
}

func (c *Case) dispute(no int) (*Dispute, error) {
	if no < 1 || no > len(c.Disputes) {
		return nil, fmt.Errorf("dunning: invoice %s has no dispute %d: %w", c.Invoice.Number, no, ErrNotFound)
	}
	return &c.Disputes[no-1], nil
}

// Standing is how an invoice stands on a day, as far as dunning is
// concerned.
type Standing struct {
	Open decimal.Decimal // owed: the amount less payments and credits so far; negative when overpaid
	Held decimal.Decimal // of Open, held by open disputes (all of it under DisputePolicy.HoldAll)
	// Withheld is the part of Open that decided disputes keep off the
	// notices for now: corrections whose credit is not booked yet, and
	// released amounts within their new payment deadline.
	Withheld decimal.Decimal
	Dunnable decimal.Decimal // Open less Held and Withheld, at least 0: what a notice may demand
	Level    int             // the level of the last notice, 0 before the first
}

// Standing returns how the invoice stands on the day under the policy.
// The policy is not validated; only DisputePolicy.HoldAll is read. A nil
// case stands at the zero Standing.
func (c *Case) Standing(p Policy, on date.Date) Standing {
	if c == nil {
		return Standing{}
	}
	return c.standing(&p, on)
}

func (c *Case) standing(p *Policy, on date.Date) Standing {
	s := Standing{Open: c.Invoice.Open(on), Held: decimal.Zero, Withheld: decimal.Zero, Dunnable: decimal.Zero}
	if n := len(c.Notices); n > 0 {
		s.Level = c.Notices[n-1].Level
	}
	if s.Open.Sign() <= 0 {
		return s
	}
	holding := false
	for i := range c.Disputes {
		x := &c.Disputes[i]
		switch {
		case x.holdsOn(on):
			holding = true
			s.Held = s.Held.Add(x.Held)
		case x.decidedBy(on):
			s.Withheld = s.Withheld.Add(x.correctionDue(&c.Invoice, on))
			if on <= x.NewDeadline {
				s.Withheld = s.Withheld.Add(x.Released)
			}
		}
	}
	if holding && p.Dispute.HoldAll {
		s.Held = s.Open
	}
	s.Held = decimal.Min(s.Held, s.Open)
	s.Withheld = decimal.Min(s.Withheld, s.Open.Sub(s.Held))
	s.Dunnable = s.Open.Sub(s.Held).Sub(s.Withheld)
	return s
}

// defaultFrom is the first day of default (BGB § 286) as far as the
// notices issued so far tell.
func (c *Case) defaultFrom(p *Policy) date.Date {
	if p.Default == DefaultAfterDueDate {
		return c.Invoice.Due + 1
	}
	v := c.Invoice.Due + 31
	if len(c.Notices) > 0 && c.Notices[0].Date+1 < v {
		v = c.Notices[0].Date + 1
	}
	return v
}

// interest returns the default interest accrued from the first day of
// default to the day (excluded), with its spans. The amount bearing
// interest on a day is what was owed that day less, per dispute, the
// larger of the part it held that day (unless InterestWhileHeld) and the
// correction it waived (retroactively, as decided by asOf) and whose
// credit was not booked by that day.
func (c *Case) interest(p *Policy, asOf date.Date) (decimal.Decimal, []InterestSpan, error) {
	from := c.defaultFrom(p)
	if p.Interest.IsZero() || asOf <= from {
		return decimal.Zero, nil, nil
	}
	// The base changes only where a payment is booked or a dispute is
	// received or decided.
	cuts := []date.Date{from, asOf}
	for _, pay := range c.Invoice.Payments {
		cuts = append(cuts, pay.Date)
	}
	for i := range c.Disputes {
		cuts = append(cuts, c.Disputes[i].ReceivedOn, c.Disputes[i].DecidedOn)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var spans []InterestSpan
	for i, a := range cuts {
		if a < from || i+1 == len(cuts) || a >= asOf {
			continue
		}
		var err error
		spans, err = p.Interest.spans(spans, c.Invoice.CustomerType, c.interestBase(p, a, asOf), a, cuts[i+1])
		if err != nil {
			return decimal.Zero, nil, err
		}
	}
	return dunningInterestTotal(spans), spans, nil
}

// interestBase is the amount bearing interest on day d, as the disputes
// decided by asOf stand.
func (c *Case) interestBase(p *Policy, d, asOf date.Date) decimal.Decimal {
	owed := c.Invoice.Open(d)
	if owed.Sign() <= 0 {
		return decimal.Zero
	}
	excluded := decimal.Zero
	for i := range c.Disputes {
		x := &c.Disputes[i]
		decided := x.decidedBy(asOf)
		hold, waive := decimal.Zero, decimal.Zero
		if !p.Dispute.InterestWhileHeld && x.ReceivedOn <= d && (!decided || d < x.DecidedOn) {
			hold = x.Held
		}
		if decided {
			waive = x.correctionDue(&c.Invoice, d)
		}
		excluded = excluded.Add(decimal.Max(hold, waive))
	}
	return owed.Sub(decimal.Min(owed, excluded))
}

// feesDue is the fees charged on the notices so far, less those waived.
func (c *Case) feesDue() decimal.Decimal {
	sum := decimal.Zero
	for _, n := range c.Notices {
		sum = sum.Add(n.Fee).Add(n.FlatFee).Sub(n.FeeWaived)
	}
	return sum
}

// record appends an event to the history, numbering it.
func (c *Case) record(e Event) {
	e.Seq = len(c.History) + 1
	c.History = append(c.History, e)
}

// Event is one entry of a case's history: what changed, when, who
// did it and why. The history is only ever appended to.
type Event struct {
	Seq  int       // 1, 2, ... in the order of the changes
	Kind EventKind // what changed
	On   date.Date // the day: the run's date, or At's date on the support calendar
	At   time.Time // the instant of a dispute step; zero for runs and invoice changes
	By   string    // who: the user or contact, or RunActor

	Notice   int          // the notice concerned (Notice.No), or 0
	Dispute  int          // the dispute concerned (Dispute.No), or 0
	From, To DisputeState // a dispute's state before and after; equal when it did not change
	Reason   string       // why, in words: the reasoning of a notice, the written reasons of a decision
}

// RunActor is the By of the events a dunning run records when the
// caller names nobody.
const RunActor = "dunning run"

// EventKind says what an event records.
type EventKind uint8

const (
	// EventNotice: a notice was issued.
	EventNotice EventKind = iota + 1
	// EventInvoice: the host's invoice data changed (payments,
	// credits, amount).
	EventInvoice
	// EventDisputeOpened: a dispute was received and routed.
	EventDisputeOpened
	// EventDisputeAcknowledged: the dispute was acknowledged.
	EventDisputeAcknowledged
	// EventDisputeAttached: copies were added to a dispute.
	EventDisputeAttached
	// EventDisputeChecked: an item was checked against offer or
	// order.
	EventDisputeChecked
	// EventDisputeDecided: the dispute was upheld, partly upheld,
	// rejected or withdrawn.
	EventDisputeDecided
)

var dunningEventKindText = enum.Ints[EventKind]("dunning", "EventKind", "", "notice", "invoice", "dispute opened", "dispute acknowledged",
	"dispute attached", "dispute checked", "dispute decided").EmptyZero()

// String returns the kind's text, e.g. "notice" or "dispute decided".
func (k EventKind) String() string {
	return dunningEventKindText.String(k)
}

// MarshalText implements encoding.TextMarshaler.
func (k EventKind) MarshalText() ([]byte, error) {
	return dunningEventKindText.Marshal(k)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *EventKind) UnmarshalText(b []byte) error {
	return dunningEventKindText.Unmarshal(k, b)
}

// dunningDay writes a date as 2006-01-02 without fmt, which Date.String
// uses; dates outside the years 0 to 9999 as Date.String does.
func dunningDay(d date.Date) string {
	y, m, dd := d.Date()
	if y < 0 || y > 9999 {
		return d.String()
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + dd/10), byte('0' + dd%10)}
	return string(b[:])
}

// dunningMoney writes an amount with two decimals.
func dunningMoney(x decimal.Decimal) string { return x.StringFixed(2) }
