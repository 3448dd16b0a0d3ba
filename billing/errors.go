package billing

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, checked with errors.Is. Typed errors below match the
// sentinel that says what kind of failure they are.
var (
	// ErrInvalid: the input is not acceptable; nothing was changed.
	ErrInvalid = errors.New("billing: invalid input")
	// ErrNotFound: the entry, report, invoice or dispute does not exist.
	ErrNotFound = errors.New("billing: not found")
	// ErrConflict: the change lost a race with another writer, or repeats
	// an idempotency key with different content; reload and retry.
	ErrConflict = errors.New("billing: conflict")
	// ErrLocked: the record is released, reported or invoiced and can no
	// longer be edited; correct it with a reversal.
	ErrLocked = errors.New("billing: locked")
)

// ValidationError names the fields of an input that are wrong and why. It
// matches ErrInvalid with errors.Is. When several fields are wrong at once
// it lists every one, so a form can show them together.
type ValidationError struct {
	Problems []FieldProblem
}

// FieldProblem is one wrong field of an input.
type FieldProblem struct {
	Field  string // the offending field, e.g. "Justification" or "Lines[2].VATRate"
	Reason string // what is wrong with it, in plain words
}

// Error implements the error interface.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Reason
	}
	return "billing: " + strings.Join(parts, "; ")
}

// Unwrap lets errors.Is(err, ErrInvalid) succeed.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Has reports whether field is among the problems.
func (e *ValidationError) Has(field string) bool {
	for _, p := range e.Problems {
		if p.Field == field {
			return true
		}
	}
	return false
}

// problems collects field problems while validating; err returns nil when
// there are none, so a validator reads as a list of checks.
type problems []FieldProblem

func (ps *problems) add(field, format string, args ...any) {
	*ps = append(*ps, FieldProblem{Field: field, Reason: fmt.Sprintf(format, args...)})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}
