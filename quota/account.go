package quota

import (
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// Account is one contract's hour bank as the rules need it: the contract,
// the open period, the unused hours by expiry and the hours overdrawn. It
// does not hold the history; the entries live in the Store. Its methods
// are the rules, applied to values: they need no store and no clock, they
// book what they decide as Pending entries, and they change nothing when
// they return an error.
//
// A Store hands an Account to the function given to Update and writes the
// changed fields and the Pending entries back in one transaction. The
// methods never change a Lots or Terms slice in place, so a shallow copy
// of an Account keeps its own lots and terms; Pending is appended to, so
// use Clone before posting on two copies of one Account.
type Account struct {
	// Contract is the contract with its terms.
	Contract Contract
	// Open is the earliest period not yet closed: postings dated in it are
	// booked on time, postings dated earlier are late and booked in it.
	// After the final close of an ended contract it is the period after
	// the contract's last.
	Open Period
	// Lots are the unused hours by expiry, soonest first, never-expiring
	// last. Empty while Debt is positive.
	Lots []Lot
	// Debt is how many hours the balance is below zero. Zero while Lots
	// hold hours.
	Debt time.Duration
	// Seq is the Seq of the last entry booked.
	Seq int64
	// LastDate is the latest Date of any entry booked.
	LastDate date.Date
	// Version is the Store's: 1 after Create, one more after every
	// Update that stored a change. The rules neither read nor change it.
	Version int64
	// Pending are the entries booked on this value and not stored yet, in
	// Seq order. A Store stores them and returns Accounts without them.
	Pending []Entry
}

// NewAccount validates a contract and opens its hour bank: the first
// period is open and its allotment is booked (Pending), dated on the
// contract's start. The first period is allotted in full even when the
// contract starts in the middle of the month, as the monthly invoice is
// the same every month.
//
// It returns a *ValidationError for an invalid contract.
func NewAccount(c Contract) (Account, error) {
	if err := c.Validate(); err != nil {
		return Account{}, err
	}
	a := Account{Contract: c.clone(), Open: c.FirstPeriod()}
	if _, err := a.allot(a.Open); err != nil {
		return Account{}, err
	}
	return a, nil
}

// Clone returns a copy of a that shares no slice with it.
func (a Account) Clone() Account {
	a.Contract = a.Contract.clone()
	a.Lots = slices.Clone(a.Lots)
	a.Pending = slices.Clone(a.Pending)
	return a
}

// Balance returns the hours available now: the unused hours minus the
// hours overdrawn. It equals the sum of the Hours of every entry booked.
func (a Account) Balance() time.Duration {
	b := -a.Debt
	for _, l := range a.Lots {
		b += l.Hours
	}
	return b
}

// Ended reports whether the contract's final period is closed: nothing
// can be booked any more.
func (a Account) Ended() bool {
	return a.Contract.End != 0 && a.Open.After(a.Contract.LastPeriod())
}

// Consume books billable work. The work date must lie in the
// contract's term and not after the open period; a date in a period
// already closed books a late entry in the open period. The consumption
// is refused if the contract's Overdraft policy does not allow the
// balance it would leave.
//
// It returns a *ValidationError for invalid input, an *OverdraftError,
// or an error matching ErrOutOfTerm, ErrNotOpen or ErrClosed.
func (a *Account) Consume(c Consumption) (Entry, error) {
	if a == nil {
		return Entry{}, invalid("Account", "is nil")
	}
	return a.consume(c, false)
}

// ConsumeAll books consumptions one after the other, as Consume books
// each, and returns their entries (the last len(cs) of Pending). The
// lots are copied once for all of them instead of once for each, which
// is what a host booking many postings on one account (a billing run)
// saves. On the first consumption Consume would refuse it returns that
// error, and the account is as it was: none of cs is booked. It keeps
// nothing of cs.
func (a *Account) ConsumeAll(cs []Consumption) ([]Entry, error) {
	if a == nil {
		return nil, invalid("Account", "is nil")
	}
	saved, n := *a, len(a.Pending)
	if len(cs) > 0 {
		a.Lots = slices.Clone(a.Lots) // this call's own: booked in place below
	}
	for _, c := range cs {
		if _, err := a.consume(c, true); err != nil {
			*a = saved
			return nil, err
		}
	}
	return a.Pending[n:len(a.Pending):len(a.Pending)], nil
}

// consume is Consume; ownLots says a.Lots is the caller's own copy, which
// may be changed in place.
func (a *Account) consume(c Consumption, ownLots bool) (Entry, error) {
	if err := c.Validate(); err != nil {
		return Entry{}, err
	}
	return a.post(c.Date, Entry{Key: c.Key, Kind: KindConsumption, Hours: -c.Hours, Ref: c.Ref}, func() error {
		return a.Contract.TermsFor(a.Open).Overdraft.Check(a.Balance(), c.Hours)
	}, ownLots)
}

// Reverse books the hours of a consumption back. orig is the consumption
// as stored (Store.Entry); the reversal's key is derived from orig.Key,
// so an entry can be reversed once. The date follows Consume's rules.
// A reversal is never refused for overdraft: it raises the balance.
//
// It returns a *ValidationError for invalid input or an orig that is not
// a consumption of this contract, or an error matching ErrOutOfTerm,
// ErrNotOpen or ErrClosed.
func (a *Account) Reverse(orig Entry, r Reversal) (Entry, error) {
	if a == nil {
		return Entry{}, invalid("Account", "is nil")
	}
	if err := r.Validate(); err != nil {
		return Entry{}, err
	}
	if orig.Kind != KindConsumption || orig.ContractID != a.Contract.ID || orig.Key != r.Key {
		return Entry{}, invalid("Key", "%q is not a consumption of contract %q", r.Key, a.Contract.ID)
	}
	return a.post(r.Date, Entry{Key: reversalKey(r.Key), Kind: KindReversal, Hours: -orig.Hours, Ref: r.Key, Reason: r.Reason, By: r.By}, nil, false)
}

// Adjust books a manual adjustment. The date follows Consume's rules; the
// overdraft policy does not apply (see Adjustment).
//
// It returns a *ValidationError for invalid input, or an error matching
// ErrOutOfTerm, ErrNotOpen or ErrClosed.
func (a *Account) Adjust(adj Adjustment) (Entry, error) {
	if a == nil {
		return Entry{}, invalid("Account", "is nil")
	}
	if err := adj.Validate(); err != nil {
		return Entry{}, err
	}
	return a.post(adj.Date, Entry{Key: adj.Key, Kind: KindAdjustment, Hours: adj.Hours, Reason: adj.Reason, By: adj.By}, nil, false)
}

// ChangeTerms makes t the contract's terms from t.From on, replacing any
// terms that started at or after t.From. The open period's allotment is
// booked already, so t.From must come after the open period; earlier
// terms stay as they were.
//
// It returns a *ValidationError for invalid terms or a From not after the
// open period or after the contract's end, and an error matching
// ErrClosed for an ended contract.
func (a *Account) ChangeTerms(t Terms) error {
	if a == nil {
		return invalid("Account", "is nil")
	}
	if a.Ended() {
		return fmt.Errorf("quota: contract %q ended with %s: %w", a.Contract.ID, a.Contract.LastPeriod(), ErrClosed)
	}
	if err := t.Validate(); err != nil {
		return err
	}
	if !t.From.After(a.Open) {
		return invalid("From", "%s is not after the open period %s, whose allotment is booked", t.From, a.Open)
	}
	c := a.Contract.clone()
	i := slices.IndexFunc(c.Terms, func(old Terms) bool { return !old.From.Before(t.From) })
	if i < 0 {
		i = len(c.Terms)
	}
	c.Terms = append(c.Terms[:i], t)
	if err := c.Validate(); err != nil {
		return err
	}
	a.Contract = c
	return nil
}

// SetEnd sets the contract's last day of service; the zero date makes it
// open-ended again. The end cannot fall in a closed period or before a
// booked entry's date, and no terms may start after it.
//
// It returns a *ValidationError for such an end, and an error matching
// ErrClosed for a contract that has ended already.
func (a *Account) SetEnd(end date.Date) error {
	if a == nil {
		return invalid("Account", "is nil")
	}
	if a.Ended() {
		return fmt.Errorf("quota: contract %q ended with %s: %w", a.Contract.ID, a.Contract.LastPeriod(), ErrClosed)
	}
	c := a.Contract.clone()
	c.End = end
	if end != 0 {
		if err := checkDate("End", end); err != nil {
			return err
		}
		if PeriodOf(end).Before(a.Open) {
			return invalid("End", "%s lies in a closed period; the open period is %s", end, a.Open)
		}
		if end < a.LastDate {
			return invalid("End", "%s is before the entry dated %s", end, a.LastDate)
		}
	}
	if err := c.Validate(); err != nil {
		return err
	}
	a.Contract = c
	return nil
}

// post books e for a posting made for day d: it checks the day (see
// valueDate), then check if there is one, then dates and books e.
func (a *Account) post(d date.Date, e Entry, check func() error, ownLots bool) (Entry, error) {
	on, err := a.valueDate(d)
	if err != nil {
		return Entry{}, err
	}
	if check != nil {
		if err := check(); err != nil {
			return Entry{}, err
		}
	}
	e.Date, e.WorkDate = on, d
	return a.bookLots(e, ownLots)
}

// valueDate checks a posting's date against the term and the open period
// and returns the date the entry counts from: the date itself, or the
// first day of the open period for a late posting.
func (a *Account) valueDate(d date.Date) (date.Date, error) {
	c := a.Contract
	switch {
	case a.Ended():
		return 0, fmt.Errorf("quota: contract %q ended with %s: %w", c.ID, c.LastPeriod(), ErrClosed)
	case d < c.Start:
		return 0, fmt.Errorf("quota: %s is before contract %q starts on %s: %w", d, c.ID, c.Start, ErrOutOfTerm)
	case c.End != 0 && d > c.End:
		return 0, fmt.Errorf("quota: %s is after contract %q ends on %s: %w", d, c.ID, c.End, ErrOutOfTerm)
	}
	switch p := PeriodOf(d); {
	case p.After(a.Open):
		return 0, fmt.Errorf("quota: %s lies in %s, but %s is still open: %w", d, p, a.Open, ErrNotOpen)
	case p.Before(a.Open):
		return a.Open.First(), nil
	}
	return d, nil
}

// book applies e's hours to the lots and the debt and records it. Hours
// taken come from the lots soonest-expiring first, then become debt;
// hours given pay the debt first, and the rest lapses with the hours
// allotted for the open period.
func (a *Account) book(e Entry) (Entry, error) { return a.bookLots(e, false) }

// bookLots is book; ownLots says a.Lots is the caller's own copy, changed
// in place rather than copied (see ConsumeAll).
func (a *Account) bookLots(e Entry, ownLots bool) (Entry, error) {
	if _, ok := addHours(a.Balance(), e.Hours); !ok {
		return Entry{}, invalid("Hours", "%s would take the balance of %s beyond %s", FormatHours(e.Hours), FormatHours(a.Balance()), FormatHours(MaxBalance))
	}
	lots := a.Lots
	if !ownLots {
		lots = slices.Clone(a.Lots)
	}
	if e.Hours < 0 {
		var short time.Duration
		lots, short = drawLots(lots, -e.Hours)
		a.Debt += short
	} else {
		paid := min(a.Debt, e.Hours)
		a.Debt -= paid
		if rest := e.Hours - paid; rest > 0 {
			lots = addLot(lots, a.Contract.TermsFor(a.Open).Rollover.Expires(a.Open), rest)
		}
	}
	a.Lots = lots
	return a.record(e), nil
}

// record numbers e and adds it to Pending without touching the lots.
func (a *Account) record(e Entry) Entry {
	a.Seq++
	e.ContractID, e.Seq, e.Period = a.Contract.ID, a.Seq, a.Open
	if e.Date > a.LastDate {
		a.LastDate = e.Date
	}
	a.Pending = append(a.Pending, e)
	return e
}

// allot books the allotment of period p, which must be the open period.
func (a *Account) allot(p Period) (Entry, error) {
	t := a.Contract.TermsFor(p)
	on := max(p.First(), a.Contract.Start)
	return a.book(Entry{Key: allotKey(p), Kind: KindAllotment, Hours: t.Hours, Date: on, WorkDate: on, Amount: t.Price})
}

func allotKey(p Period) string { return reservedPrefix + "allot:" + p.String() }
