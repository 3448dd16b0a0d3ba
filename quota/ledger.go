package quota

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
)

// Config configures a Ledger. The zero Config is ready to use.
type Config struct {
	// Retries is how many times an operation is tried again when the
	// store refuses it with ErrConflict because a concurrent change won
	// (optimistic stores). Zero means 3; a negative value means never.
	Retries int

	// Today, when set, tells the ledger the current date, and Close and
	// CloseAll refuse a period that has not ended by then with
	// ErrPeriodRunning: the usual billing-job mistake of closing the
	// month on its last day. Nil means no check, for tests and for hosts
	// that guard it themselves. (The domain reads no clock of its own.)
	Today func() date.Date

	// BatchSize is how many contracts the ledger hands a BatchStore in
	// one transaction (CloseAll, CloseContracts, ConsumeMany). Zero
	// means 500. Stores without batches ignore it.
	BatchSize int
}

// Ledger runs the rules of Account against a Store: every operation is
// one Store.Update, so it is atomic and concurrent callers cannot both
// win. Postings are idempotent by key: posting a key again with the same
// content returns the entry booked the first time and books nothing,
// even when the retry races its original; the same key with other
// content is a *KeyConflictError.
//
// A Ledger is safe for concurrent use if its Store is.
type Ledger struct {
	store     Store
	retries   int
	today     func() date.Date
	batchSize int
}

// NewLedger returns a Ledger on the store.
//
// It returns a *ValidationError for a nil store.
func NewLedger(s Store, cfg Config) (*Ledger, error) {
	if s == nil {
		return nil, invalid("Store", "is required")
	}
	r := cfg.Retries
	switch {
	case r == 0:
		r = 3
	case r < 0:
		r = 0
	}
	batch := cfg.BatchSize
	if batch <= 0 {
		batch = defaultBatchSize
	}
	return &Ledger{store: s, retries: r, today: cfg.Today, batchSize: batch}, nil
}

// ready refuses a Ledger that NewLedger did not make (a nil pointer or a
// zero Ledger has no store), so its methods return an error instead of
// panicking.
func (l *Ledger) ready() error {
	if l == nil || l.store == nil {
		return invalid("Ledger", "has no store; make it with NewLedger")
	}
	return nil
}

// Open stores a new contract and books its first allotment (see
// NewAccount). It returns the account as stored.
//
// It returns a *ValidationError for an invalid contract, an error
// matching ErrConflict if the contract exists, or the Store's error.
func (l *Ledger) Open(ctx context.Context, c Contract) (Account, error) {
	if err := l.ready(); err != nil {
		return Account{}, err
	}
	a, err := NewAccount(c)
	if err != nil {
		return Account{}, err
	}
	if err := l.store.Create(ctx, a); err != nil {
		return Account{}, err
	}
	a.Version, a.Pending = 1, nil
	return a, nil
}

// Account returns a contract's account: its open period, its balance
// (Account.Balance) and its terms.
//
// It returns an error matching ErrNotFound for an unknown contract.
func (l *Ledger) Account(ctx context.Context, contractID string) (Account, error) {
	if err := l.ready(); err != nil {
		return Account{}, err
	}
	return l.store.Account(ctx, contractID)
}

// Consume books billable work (see Account.Consume), once per key.
//
// It returns a *ValidationError, an *OverdraftError, a *KeyConflictError,
// or an error matching ErrNotFound, ErrOutOfTerm, ErrNotOpen, ErrClosed
// or the Store's.
func (l *Ledger) Consume(ctx context.Context, contractID string, c Consumption) (Entry, error) {
	if err := l.ready(); err != nil {
		return Entry{}, err
	}
	if err := c.Validate(); err != nil {
		return Entry{}, err
	}
	return l.post(ctx, contractID, c.Key, c, c.matches, func(a *Account) (Entry, error) { return a.Consume(c) })
}

// Reverse books back the consumption posted under r.Key (see
// Account.Reverse). An entry is reversed once: reversing it again with
// the same content returns the first reversal, with other content it is
// a *KeyConflictError.
//
// It returns a *ValidationError, a *KeyConflictError, or an error
// matching ErrNotFound (unknown contract or key), ErrOutOfTerm,
// ErrNotOpen, ErrClosed or the Store's.
func (l *Ledger) Reverse(ctx context.Context, contractID string, r Reversal) (Entry, error) {
	if err := l.ready(); err != nil {
		return Entry{}, err
	}
	if err := r.Validate(); err != nil {
		return Entry{}, err
	}
	orig, err := l.store.Entry(ctx, contractID, r.Key)
	if err != nil {
		return Entry{}, err
	}
	return l.post(ctx, contractID, reversalKey(r.Key), r, r.matches, func(a *Account) (Entry, error) { return a.Reverse(orig, r) })
}

// Adjust books a manual adjustment (see Account.Adjust), once per key.
//
// It returns a *ValidationError, a *KeyConflictError, or an error
// matching ErrNotFound, ErrOutOfTerm, ErrNotOpen, ErrClosed or the
// Store's.
func (l *Ledger) Adjust(ctx context.Context, contractID string, adj Adjustment) (Entry, error) {
	if err := l.ready(); err != nil {
		return Entry{}, err
	}
	if err := adj.Validate(); err != nil {
		return Entry{}, err
	}
	return l.post(ctx, contractID, adj.Key, adj, adj.matches, func(a *Account) (Entry, error) { return a.Adjust(adj) })
}

// ChangeTerms changes a contract's terms from t.From on (see
// Account.ChangeTerms) and returns the contract as stored.
//
// It returns a *ValidationError, or an error matching ErrNotFound,
// ErrClosed or the Store's.
func (l *Ledger) ChangeTerms(ctx context.Context, contractID string, t Terms) (Contract, error) {
	return l.changeContract(ctx, contractID, func(a *Account) error { return a.ChangeTerms(t) })
}

// SetEnd sets a contract's last day of service (see Account.SetEnd) and
// returns the contract as stored.
//
// It returns a *ValidationError, or an error matching ErrNotFound,
// ErrClosed or the Store's.
func (l *Ledger) SetEnd(ctx context.Context, contractID string, end date.Date) (Contract, error) {
	return l.changeContract(ctx, contractID, func(a *Account) error { return a.SetEnd(end) })
}

func (l *Ledger) changeContract(ctx context.Context, contractID string, change func(*Account) error) (Contract, error) {
	if err := l.ready(); err != nil {
		return Contract{}, err
	}
	var c Contract
	err := l.update(ctx, contractID, func(a *Account) error {
		if err := change(a); err != nil {
			return err
		}
		c = a.Contract.clone()
		return nil
	})
	if err != nil {
		return Contract{}, err
	}
	return c, nil
}

// Balance returns the balance of a contract at the end of a day, as
// booked so far (day-current): the sum of all entries dated on or before
// it. Work counts from the day it was done once it is booked, which a
// billing host does when the work is released for billing; unreleased
// work is not in it (see the package documentation). Before the contract
// starts it is zero. A day of a closed period keeps its balance; a day of
// the open period can still change as work of that period is posted.
//
// It returns a *ValidationError for a zero or out-of-range day, or an
// error matching ErrNotFound or the Store's.
func (l *Ledger) Balance(ctx context.Context, contractID string, on date.Date) (time.Duration, error) {
	if err := l.ready(); err != nil {
		return 0, err
	}
	if err := checkDate("Date", on); err != nil {
		return 0, err
	}
	return l.store.Balance(ctx, contractID, on)
}

// post books one entry under key unless the key is booked already.
// same tells a retry of the request req from another use of its key.
func (l *Ledger) post(ctx context.Context, contractID, key string, req any, same func(Entry) bool, book func(*Account) (Entry, error)) (Entry, error) {
	if e, found, err := l.replay(ctx, contractID, key, req, same); found || err != nil {
		return e, err
	}
	var booked Entry
	err := l.update(ctx, contractID, func(a *Account) error {
		var err error
		booked, err = book(a)
		return err
	})
	if err == nil {
		return booked, nil
	}
	// The key may have been booked since the first look: a retry racing
	// its original. Then that booking is the answer, whatever refused
	// this one (the duplicate key, or an overdraft the original caused).
	if e, found, rerr := l.replay(ctx, contractID, key, req, same); found && rerr == nil {
		return e, nil
	} else if found {
		return Entry{}, rerr
	}
	if errors.Is(err, ErrDuplicateKey) {
		return Entry{}, fmt.Errorf("quota: key %q reported booked but not readable: %w", key, ErrConflict)
	}
	return Entry{}, err
}

// replay looks key up: found reports that it is booked, with the entry if
// the content is the same and a *KeyConflictError if not.
func (l *Ledger) replay(ctx context.Context, contractID, key string, req any, same func(Entry) bool) (e Entry, found bool, err error) {
	e, err = l.store.Entry(ctx, contractID, key)
	switch {
	case errors.Is(err, ErrNotFound):
		return Entry{}, false, nil
	case err != nil:
		return Entry{}, false, err
	case !same(e):
		return Entry{}, true, &KeyConflictError{Key: key, Existing: e, Requested: req}
	}
	return e, true, nil
}

// update runs fn in Store.Update, again on ErrConflict up to the
// configured retries; errUnchanged from fn is success without a write.
func (l *Ledger) update(ctx context.Context, contractID string, fn func(*Account) error) error {
	for attempt := 0; ; attempt++ {
		err := l.store.Update(ctx, contractID, fn)
		switch {
		case errors.Is(err, errUnchanged):
			return nil
		case errors.Is(err, ErrConflict) && attempt < l.retries && ctx.Err() == nil:
			continue
		}
		return err
	}
}
