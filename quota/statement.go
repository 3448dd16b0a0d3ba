package quota

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Statement is the account of one period: the opening balance, every
// movement booked in the period, the closing balance, and the totals by
// kind. Hours are signed as on the ledger, so
//
//	Closing = Opening + Allotted + Consumed + Reversed + Adjusted + Expired + Corrected
//
// Late entries (posted after the period of their work date had closed)
// appear in the period they were booked in, with their work date, and
// are counted in Late.
type Statement struct {
	ContractID string // the contract
	Period     Period // the period the statement is for
	// Closed reports whether the period is closed. An open period's
	// statement shows the movements so far.
	Closed bool
	// Opening is the balance carried in from the previous period.
	Opening time.Duration
	// Entries are the movements booked in the period, in Seq order.
	Entries []Entry
	// Totals of the entries' Hours by kind.
	Allotted, Consumed, Reversed, Adjusted, Expired, Corrected time.Duration
	// Closing is Opening plus every movement.
	Closing time.Duration
	// RolledOver is the balance carried into the next period: Closing
	// once the period is closed, zero before.
	RolledOver time.Duration
	// Late counts the late entries.
	Late int
	// Price is the period's fixed price (the allotments' amounts);
	// Charged is what corrections charged.
	Price, Charged decimal.Decimal
}

// ByDate returns the statement's entries in the order a customer reads
// them, day by day: by value date, and in booking order within a day. The
// ledger books in release order, and work is often released days after
// it was done, so Entries may list 8 June before 5 June; in ByDate's
// order, Opening plus the hours of the entries up to a day's last one is
// the balance on that day (what Ledger.Balance returns for it). It
// returns a new slice and leaves Entries as they are.
func (s Statement) ByDate() []Entry {
	entries := slices.Clone(s.Entries)
	slices.SortStableFunc(entries, func(a, b Entry) int { return cmp.Compare(a.Date, b.Date) })
	return entries
}

// add counts one entry booked in the period.
func (s *Statement) add(e Entry) error {
	var total *time.Duration
	switch e.Kind {
	case KindAllotment:
		total = &s.Allotted
		s.Price = s.Price.Add(e.Amount)
	case KindConsumption:
		total = &s.Consumed
	case KindReversal:
		total = &s.Reversed
	case KindAdjustment:
		total = &s.Adjusted
	case KindExpiry:
		total = &s.Expired
	case KindCorrection:
		total = &s.Corrected
		s.Charged = s.Charged.Add(e.Amount)
	default:
		return fmt.Errorf("quota: entry %d of contract %q has kind %s: %w", e.Seq, e.ContractID, e.Kind, ErrInvalid)
	}
	var ok1, ok2 bool
	*total, ok1 = addHours(*total, e.Hours)
	s.Closing, ok2 = addHours(s.Closing, e.Hours)
	if !ok1 || !ok2 {
		return invalid("Statement", "the totals of %s exceed %s", s.Period, FormatHours(MaxBalance))
	}
	if e.Late() {
		s.Late++
	}
	s.Entries = append(s.Entries, e)
	return nil
}

// Statement returns the statement of period p of a contract. p may be any
// period from the first to the open one; the open period's statement is
// provisional (Closed is false).
//
// It returns a *ValidationError for a zero period, or an error matching
// ErrNotFound, ErrOutOfTerm (before the first period or after the last),
// ErrNotOpen (after the open period) or the Store's.
func (l *Ledger) Statement(ctx context.Context, contractID string, p Period) (Statement, error) {
	if err := l.ready(); err != nil {
		return Statement{}, err
	}
	if p.IsZero() {
		return Statement{}, invalid("Period", "is missing")
	}
	// A close between reading the account and the entries would make
	// Closed stale: read again until the open period is the same.
	for range 3 {
		a, err := l.store.Account(ctx, contractID)
		if err != nil {
			return Statement{}, err
		}
		if err := a.checkPeriod(p); err != nil {
			return Statement{}, err
		}
		s, err := l.statement(ctx, contractID, p, p.Before(a.Open))
		if err != nil {
			return Statement{}, err
		}
		again, err := l.store.Account(ctx, contractID)
		if err != nil {
			return Statement{}, err
		}
		if again.Open == a.Open {
			return s, nil
		}
	}
	return Statement{}, fmt.Errorf("quota: statement of %s: periods of contract %q kept closing: %w", p, contractID, ErrConflict)
}

// checkPeriod accepts the periods that have a statement: the first
// through the open one, and not after the last.
func (a Account) checkPeriod(p Period) error {
	c := a.Contract
	if p.Before(c.FirstPeriod()) || (c.End != 0 && p.After(c.LastPeriod())) {
		return fmt.Errorf("quota: %s is outside the periods of contract %q: %w", p, c.ID, ErrOutOfTerm)
	}
	if p.After(a.Open) {
		return fmt.Errorf("quota: %s comes after the open period %s of contract %q: %w", p, a.Open, c.ID, ErrNotOpen)
	}
	return nil
}

// statement reads one period's statement from the store.
func (l *Ledger) statement(ctx context.Context, contractID string, p Period, closed bool) (Statement, error) {
	opening, err := l.store.Balance(ctx, contractID, p.First()-1)
	if err != nil {
		return Statement{}, err
	}
	s := Statement{ContractID: contractID, Period: p, Closed: closed, Opening: opening, Closing: opening}
	for e, err := range l.store.Entries(ctx, contractID, p, p) {
		if err != nil {
			return Statement{}, err
		}
		if err := s.add(e); err != nil {
			return Statement{}, err
		}
	}
	if closed {
		s.RolledOver = s.Closing
	}
	return s, nil
}
