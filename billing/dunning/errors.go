package dunning

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/validation"
)

// Sentinel errors, checked with errors.Is. Typed errors below match the
// sentinel that says what kind of failure they are.
var (
	// ErrInvalid: the input is not acceptable; nothing was changed.
	// It is validation.ErrInvalid, the same sentinel in every deskcore
	// package.
	ErrInvalid = validation.ErrInvalid
	// ErrNotFound: the case, dispute or invoice does not exist.
	ErrNotFound = errors.New("dunning: not found")
	// ErrConflict: the change lost a race with another writer, or the
	// case exists already; reload and retry.
	ErrConflict = errors.New("dunning: conflict")
	// ErrLocked: the dispute is settled and its outcome final.
	ErrLocked = errors.New("dunning: locked")
	// ErrInvoiceSettled reports an invoice with nothing open: it cannot
	// be disputed. *DisputeInvoiceError matches it.
	ErrInvoiceSettled = errors.New("dunning: invoice settled")
)

// ValidationError names the fields of an input that are wrong and why,
// every one of them, so a form can show them together. It is
// validation.Error, the one shape of every deskcore package, and matches
// ErrInvalid with errors.Is.
type ValidationError = validation.Error

// Problem is one wrong field of an input: validation.Problem. Its Field is
// a path such as "Levels[1].Days" or "Lines[0].Amount".
type Problem = validation.Problem

// problems collects field problems while validating; err returns nil when
// there are none, so a validator reads as a list of checks.
type problems []Problem

func (ps *problems) add(field, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Reason: fmt.Sprintf(format, args...)})
}

func (ps problems) err() error {
	if len(ps) > 0 {
		return &ValidationError{Domain: "dunning", Problems: ps}
	}
	return nil
}

// DisputeInvoiceError refuses a dispute of an invoice that is unknown to
// the dunning store (Err is ErrNotFound) or has nothing open on the day
// the dispute was received (Err is ErrInvoiceSettled). errors.Is matches
// Err.
type DisputeInvoiceError struct {
	Invoice string          // the invoice number disputed
	Open    decimal.Decimal // what was open; zero when unknown
	Err     error           // ErrNotFound or ErrInvoiceSettled
}

// Error implements the error interface.
func (e *DisputeInvoiceError) Error() string {
	if errors.Is(e.Err, ErrNotFound) {
		return fmt.Sprintf("dunning: cannot dispute invoice %q: it is not known to dunning", e.Invoice)
	}
	return fmt.Sprintf("dunning: cannot dispute invoice %q: nothing is open (%s)", e.Invoice, dunningMoney(e.Open))
}

// Unwrap returns Err.
func (e *DisputeInvoiceError) Unwrap() error { return e.Err }

// DisputeStateError refuses a step the dispute's state does not allow:
// acknowledging twice (matching ErrConflict), or any step on a settled
// dispute (matching ErrLocked: its outcome is final).
type DisputeStateError struct {
	Invoice string       // the invoice number
	Dispute int          // the dispute's No
	State   DisputeState // the state it is in
	Action  string       // what was refused, e.g. "acknowledge"
}

// Error implements the error interface.
func (e *DisputeStateError) Error() string {
	return fmt.Sprintf("dunning: cannot %s dispute %s/D%d: it is %s", e.Action, e.Invoice, e.Dispute, e.State)
}

// Unwrap lets errors.Is match ErrLocked for a settled dispute and
// ErrConflict otherwise.
func (e *DisputeStateError) Unwrap() error {
	if e.State.Settled() {
		return ErrLocked
	}
	return ErrConflict
}
