package billing

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// ErrInvoiceSettled reports an invoice with nothing open: it cannot be
// disputed. *DisputeInvoiceError matches it.
var ErrInvoiceSettled = errors.New("billing: invoice settled")

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
		return fmt.Sprintf("billing: cannot dispute invoice %q: it is not known to dunning", e.Invoice)
	}
	return fmt.Sprintf("billing: cannot dispute invoice %q: nothing is open (%s)", e.Invoice, dunningMoney(e.Open))
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
	return fmt.Sprintf("billing: cannot %s dispute %s/D%d: it is %s", e.Action, e.Invoice, e.Dispute, e.State)
}

// Unwrap lets errors.Is match ErrLocked for a settled dispute and
// ErrConflict otherwise.
func (e *DisputeStateError) Unwrap() error {
	if e.State.Settled() {
		return ErrLocked
	}
	return ErrConflict
}
