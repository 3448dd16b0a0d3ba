package billing

import (
	"fmt"

	"github.com/rickb777/date/v2"
)

// MissingRateError says the rate card has no price for something a run
// has to bill: no rates at all on the day, or no hourly rate, flat fee,
// travel zone, kilometre charge or pay-per-use item. Nothing of the
// customer's run is stored. It matches ErrNotFound.
type MissingRateError struct {
	CustomerID string    // set by the run
	Date       date.Date // the day the price was needed for
	What       string    // "rates", "hourly rate", "travel zone \"Z2\"", ...
}

// Error implements the error interface.
func (e *MissingRateError) Error() string {
	who := ""
	if e.CustomerID != "" {
		who = fmt.Sprintf(" of customer %q", e.CustomerID)
	}
	return fmt.Sprintf("billing: the rate card%s has no %s on %s", who, e.What, e.Date)
}

// Unwrap lets errors.Is(err, ErrNotFound) succeed.
func (e *MissingRateError) Unwrap() error { return ErrNotFound }

// StateError refuses an action the entry's state does not allow: editing
// or releasing a locked entry (it matches ErrLocked), or reversing an
// entry that was never released, or billing an entry that is no longer
// released as it was read (it matches ErrConflict). The loser of two
// concurrent releases of one entry gets it with State Released.
type StateError struct {
	EntryID string     // the entry refused
	State   EntryState // the entry's state when it was refused
	Action  string     // "edit", "release", "attach an order to", "reverse", "bill"
}

// Error implements the error interface.
func (e *StateError) Error() string {
	return fmt.Sprintf("billing: cannot %s entry %q: it is %s", e.Action, e.EntryID, e.State)
}

// Unwrap returns ErrLocked for an entry locked against the action, and
// ErrConflict otherwise.
func (e *StateError) Unwrap() error {
	if e.State.Locked() && e.Action != "reverse" && e.Action != "bill" {
		return ErrLocked
	}
	return ErrConflict
}
