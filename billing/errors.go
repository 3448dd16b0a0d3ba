package billing

import (
	"errors"
	"fmt"

	"github.com/deskcore/deskcore/validation"
)

// Sentinel errors, checked with errors.Is. Typed errors below match the
// sentinel that says what kind of failure they are.
var (
	// ErrInvalid: the input is not acceptable; nothing was changed.
	// It is validation.ErrInvalid, the same sentinel in every deskcore
	// package.
	ErrInvalid = validation.ErrInvalid
	// ErrNotFound: the entry, report or invoice does not exist.
	ErrNotFound = errors.New("billing: not found")
	// ErrConflict: the change lost a race with another writer, or repeats
	// an idempotency key with different content; reload and retry.
	ErrConflict = errors.New("billing: conflict")
	// ErrLocked: the record is released, reported or invoiced and can no
	// longer be edited; correct it with a reversal.
	ErrLocked = errors.New("billing: locked")
)

// ValidationError names the fields of an input that are wrong and why. It
// is validation.Error, the one shape of every deskcore package, and matches
// ErrInvalid with errors.Is. When several fields are wrong at once it lists
// every one, so a form can show them together.
type ValidationError = validation.Error

// Problem is one wrong field of an input: validation.Problem. Its Field is
// a path such as "Justification" or "Lines[2].VATRate".
type Problem = validation.Problem

// problems collects field problems while validating; err returns nil when
// there are none, so a validator reads as a list of checks.
type problems []Problem

func (ps *problems) add(field, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Reason: fmt.Sprintf(format, args...)})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Domain: "billing", Problems: ps}
}

// RecordConflictError refuses a work entry whose ID is stored already with
// other content: it is not a retry of the original, so nothing was
// stored. It carries both versions, so a host can show what differs. It
// matches ErrConflict with errors.Is.
type RecordConflictError struct {
	ID        string    // the entry's ID
	Existing  WorkEntry // the entry as stored
	Requested WorkEntry // the entry refused
}

// Error implements the error interface.
func (e *RecordConflictError) Error() string {
	return fmt.Sprintf("billing: work entry %q is recorded already with other content", e.ID)
}

// Unwrap lets errors.Is(err, ErrConflict) succeed.
func (e *RecordConflictError) Unwrap() error { return ErrConflict }
