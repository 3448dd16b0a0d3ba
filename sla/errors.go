package sla

import (
	"errors"
	"fmt"
)

// ErrInvalid is the sentinel every *ValidationError matches with errors.Is:
// the input (a calendar specification, a target, a clock history) is not
// acceptable. Nothing was built or changed.
var ErrInvalid = errors.New("sla: invalid input")

// ErrOutOfRange reports an instant or date outside the years a calendar was
// compiled for (see Config.FirstYear and Config.LastYear), or a deadline that
// does not fall inside them.
var ErrOutOfRange = errors.New("sla: outside the calendar's years")

// ValidationError says which field of an input is wrong and why. It matches
// ErrInvalid with errors.Is.
type ValidationError struct {
	Field  string // the offending field, e.g. "Week[Monday][1]" or "Zone"
	Reason string // what is wrong with it, in plain words
}

// Error implements the error interface.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("sla: %s: %s", e.Field, e.Reason)
}

// Unwrap lets errors.Is(err, ErrInvalid) succeed.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

func invalid(field, format string, args ...any) *ValidationError {
	return &ValidationError{Field: field, Reason: fmt.Sprintf(format, args...)}
}
