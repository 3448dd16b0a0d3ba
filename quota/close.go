package quota

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
)

// Outcome says what closing a period did.
type Outcome uint8

// The outcomes of a close. The zero Outcome is none of them.
const (
	// Closed: the period was open and is closed now; the result holds
	// what the close booked.
	Closed Outcome = iota + 1
	// AlreadyClosed: the period had been closed before and nothing was
	// booked; the result repeats what the original close booked.
	AlreadyClosed
	// OutOfTerm: the period lies before the contract's first period or
	// after its last; there is nothing to close.
	OutOfTerm
)

var outcomeText = enum.Ints[Outcome]("quota", "Outcome", "", "closed", "already closed", "out of term")

// String returns "closed", "already closed" or "out of term", or
// "Outcome(n)" for a value that is none of them.
func (o Outcome) String() string { return outcomeText.String(o) }

// ParseOutcome reads "closed", "already closed" or "out of term" in any
// letter case. It returns a *ValidationError for any other text.
func ParseOutcome(s string) (Outcome, error) { return outcomeText.Parse(s) }

// MarshalText implements encoding.TextMarshaler with the String form; it
// refuses the zero Outcome and any other undeclared value with a
// *ValidationError.
func (o Outcome) MarshalText() ([]byte, error) { return outcomeText.Marshal(o) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseOutcome.
func (o *Outcome) UnmarshalText(b []byte) error { return outcomeText.Unmarshal(o, b) }

// CloseResult reports the close of one period of one contract. Hours are
// signed as on the ledger.
type CloseResult struct {
	ContractID string  // the contract
	Period     Period  // the period closed
	Outcome    Outcome // what the close did
	// Closing is the balance carried into the next period, after expiry
	// and correction: positive unused hours, or a negative balance the
	// Correction policy carries.
	Closing time.Duration
	// Expired is the unused hours that lapsed (zero or negative).
	Expired time.Duration
	// Corrected is the hours a correction settled (zero or positive).
	Corrected time.Duration
	// Amount is the correction's charge for the billing side.
	Amount decimal.Decimal
	// Final reports the close of the contract's last period.
	Final bool
	// Entries are the entries the close booked, in Seq order: the expiry,
	// the correction and the next period's allotment, each when there is
	// one.
	Entries []Entry
}

// Close closes period p, which must be the open period:
//
//  1. unused hours lapse as the Rollover policy of p's terms says, and
//     at the contract's final period all of them do (one expiry entry);
//  2. a negative balance is settled by a correction entry charged at the
//     overage rate (see Charge), except the part the Correction policy
//     carries; the final period carries nothing;
//  3. the next period opens and its allotment is booked, dated on its
//     first day; it pays a carried negative balance first.
//
// The expiry and the correction are dated on p's last day (the
// contract's end in its final period), so they show on p's statement.
// Closing a period that is closed already, or that lies before the
// contract's first period or after its last once the last is closed,
// books nothing and reports AlreadyClosed or OutOfTerm with a nil error;
// an AlreadyClosed result carries only ContractID, Period and Outcome here
// (Ledger.Close fills in the rest from the store).
//
// It returns an error matching ErrNotOpen for a period after the open one
// (after the last one too, while the last is open), and a
// *ValidationError if the next allotment would take the balance beyond
// MaxBalance.
func (a *Account) Close(p Period) (CloseResult, error) {
	if a == nil {
		return CloseResult{}, invalid("Account", "is nil")
	}
	c := a.Contract
	res := CloseResult{ContractID: c.ID, Period: p}
	switch {
	case p.Before(c.FirstPeriod()):
		res.Outcome = OutOfTerm
		return res, nil
	case p.Before(a.Open):
		res.Outcome = AlreadyClosed
		return res, nil
	case a.Ended(): // p is after the last period, which is closed
		res.Outcome = OutOfTerm
		return res, nil
	case p.After(a.Open):
		return res, fmt.Errorf("quota: cannot close %s of contract %q while %s is open: %w", p, c.ID, a.Open, ErrNotOpen)
	}
	undo := *a
	first := len(a.Pending)
	a.Pending = slices.Grow(a.Pending, 3) // expiry, correction, allotment
	terms := c.TermsFor(p)
	res.Final = p == c.LastPeriod()
	on := p.Last()
	if res.Final {
		on = min(on, c.End)
	}

	kept, lapsed := terms.Rollover.Lapse(a.Lots, p)
	if res.Final {
		for _, l := range kept {
			lapsed += l.Hours
		}
		kept = nil
	}
	a.Lots = kept
	if lapsed > 0 {
		reason := "unused hours lapsed (rollover " + terms.Rollover.String() + ")"
		if res.Final {
			reason = "unused hours lapsed: the contract ended"
		}
		a.record(Entry{Key: reservedPrefix + "expire:" + p.String(), Kind: KindExpiry, Hours: -lapsed, Date: on, WorkDate: on, Reason: reason})
	}

	corrected, carried := terms.Correction.Settle(a.Debt, res.Final)
	if corrected > 0 {
		a.Debt = carried
		a.record(Entry{
			Key: reservedPrefix + "correct:" + p.String(), Kind: KindCorrection, Hours: corrected, Date: on, WorkDate: on,
			Ref:  c.ID + "/" + p.String() + "/correction",
			Rate: terms.OverageRate, Amount: Charge(corrected, terms.OverageRate),
		})
	}
	res.Closing = a.Balance()

	a.Open = p.Next()
	if !res.Final {
		if _, err := a.allot(a.Open); err != nil {
			*a = undo
			return CloseResult{ContractID: c.ID, Period: p}, err
		}
	}
	res.Outcome = Closed
	res.Entries = a.Pending[first:len(a.Pending):len(a.Pending)]
	res.tally()
	return res, nil
}

// tally sums Expired, Corrected and Amount from the entries, so a fresh
// close and the repetition of an earlier one report alike.
func (r *CloseResult) tally() {
	r.Expired, r.Corrected, r.Amount = 0, 0, decimal.Zero
	for _, e := range r.Entries {
		switch e.Kind {
		case KindExpiry:
			r.Expired += e.Hours
		case KindCorrection:
			r.Corrected += e.Hours
			r.Amount = r.Amount.Add(e.Amount)
		}
	}
}

// Close closes period p of a contract in one transaction (see
// Account.Close). It is idempotent: closing a closed period books nothing
// and returns the original close's figures with Outcome AlreadyClosed, so
// a billing job may run it again after a crash.
//
// It returns a *ValidationError for a zero period, and errors matching
// ErrPeriodRunning (with Config.Today, for a period not yet over),
// ErrNotFound, ErrNotOpen or the Store's errors.
func (l *Ledger) Close(ctx context.Context, contractID string, p Period) (CloseResult, error) {
	if err := l.ready(); err != nil {
		return CloseResult{}, err
	}
	if p.IsZero() {
		return CloseResult{}, invalid("Period", "is missing")
	}
	if err := l.checkOver(p); err != nil {
		return CloseResult{}, err
	}
	var res CloseResult
	err := l.update(ctx, contractID, func(a *Account) error {
		var err error
		res, err = a.Close(p)
		if err == nil && res.Outcome != Closed {
			return errUnchanged
		}
		return err
	})
	if err != nil {
		return CloseResult{}, err
	}
	if res.Outcome == AlreadyClosed {
		return l.closedBefore(ctx, contractID, p)
	}
	return res, nil
}

// checkOver refuses a period that has not ended by Config.Today.
func (l *Ledger) checkOver(p Period) error {
	if l.today == nil {
		return nil
	}
	if today := l.today(); !(p.Last() < today) {
		return fmt.Errorf("%w: %s ends on %s, today is %s", ErrPeriodRunning, p, p.Last(), today)
	}
	return nil
}

// closedBefore rebuilds the result of an earlier close from the entries it
// booked, which carry keys the close derives from the period.
func (l *Ledger) closedBefore(ctx context.Context, contractID string, p Period) (CloseResult, error) {
	a, err := l.store.Account(ctx, contractID)
	if err != nil {
		return CloseResult{}, err
	}
	res := CloseResult{ContractID: contractID, Period: p, Outcome: AlreadyClosed, Final: p == a.Contract.LastPeriod()}
	for e, err := range l.store.Entries(ctx, contractID, p, p) {
		if err != nil {
			return CloseResult{}, err
		}
		if e.Kind == KindExpiry || e.Kind == KindCorrection {
			res.Entries = append(res.Entries, e)
		}
	}
	if !res.Final {
		e, err := l.store.Entry(ctx, contractID, allotKey(p.Next()))
		if err != nil {
			return CloseResult{}, fmt.Errorf("quota: the allotment that closing %s booked: %w", p, err)
		}
		res.Entries = append(res.Entries, e)
	}
	if res.Closing, err = l.store.Balance(ctx, contractID, p.Last()); err != nil {
		return CloseResult{}, err
	}
	res.tally()
	return res, nil
}

// CloseAll closes period p for every contract in the store, streaming:
// contracts come from Store.Contracts as they are closed. On a
// BatchStore a batch of Config.BatchSize contracts is closed in one
// transaction (see CloseContracts); on a plain Store each close is its
// own. A contract whose open period is earlier than p is caught up period
// by period, oldest first, one result each. A contract closed through p
// already yields its AlreadyClosed result, one outside its term
// OutOfTerm.
//
// An error on one contract is yielded with that contract's ID and Period
// in the result, and the run goes on with the next contract; an error
// listing the contracts ends the run after it is yielded. Breaking out of
// the loop stops the run; contracts of a batch that was committed but
// not yet yielded stay closed and report AlreadyClosed on a rerun. A zero
// period is refused once with a
// *ValidationError, and with Config.Today a period not yet over once
// with ErrPeriodRunning, before any contract is touched. Running it
// again (after a crash, say) is safe: closed periods are not closed
// twice. Each iteration of the returned sequence is a new run.
func (l *Ledger) CloseAll(ctx context.Context, p Period) iter.Seq2[CloseResult, error] {
	return func(yield func(CloseResult, error) bool) {
		if err := l.ready(); err != nil {
			yield(CloseResult{Period: p}, err)
			return
		}
		if err := l.checkClose(p); err != nil {
			yield(CloseResult{Period: p}, err)
			return
		}
		var listErr error
		ids := func(next func(string) bool) {
			for id, err := range l.store.Contracts(ctx) {
				if err != nil {
					listErr = err
					return
				}
				if !next(id) {
					return
				}
			}
		}
		if l.closeBatches(ctx, p, ids, yield) && listErr != nil {
			yield(CloseResult{Period: p}, listErr)
		}
	}
}

// closeThrough closes the periods of one contract up to p, yielding each
// result; it reports false when the consumer stopped. The usual case, p
// open, is one transaction; a contract behind is caught up from its open
// period.
func (l *Ledger) closeThrough(ctx context.Context, id string, p Period, yield func(CloseResult, error) bool) bool {
	res, err := l.Close(ctx, id, p)
	if !errors.Is(err, ErrNotOpen) {
		if err != nil {
			res = CloseResult{ContractID: id, Period: p}
		}
		return yield(res, err)
	}
	a, err := l.store.Account(ctx, id)
	if err != nil {
		return yield(CloseResult{ContractID: id, Period: p}, err)
	}
	last := a.Contract.LastPeriod()
	for q := a.Open; q.Before(p) && (last.IsZero() || !q.After(last)); q = q.Next() {
		res, err := l.Close(ctx, id, q)
		if err != nil {
			return yield(CloseResult{ContractID: id, Period: q}, err)
		}
		if !yield(res, nil) {
			return false
		}
	}
	res, err = l.Close(ctx, id, p)
	if err != nil {
		res = CloseResult{ContractID: id, Period: p}
	}
	return yield(res, err)
}

// errUnchanged aborts an Update whose function decided there is nothing to
// store; Ledger.update treats it as success.
var errUnchanged = errors.New("quota: nothing to store")
