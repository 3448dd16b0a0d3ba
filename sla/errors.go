package sla

import (
	"errors"
	"fmt"

	"github.com/deskcore/deskcore/validation"
)

// ErrInvalid is the sentinel every *ValidationError matches with errors.Is:
// the input (a calendar specification, a target, a clock history) is not
// acceptable. Nothing was built or changed.
// It is validation.ErrInvalid, the same sentinel in every deskcore package.
var ErrInvalid = validation.ErrInvalid

// ErrOutOfRange reports an instant or date outside the years a calendar was
// compiled for (see Config.FirstYear and Config.LastYear), or a deadline that
// does not fall inside them.
var ErrOutOfRange = errors.New("sla: outside the calendar's years")

// ValidationError lists what is wrong with an input: each Problem names
// a field path and a reason. It is validation.Error, the one shape of
// every deskcore package, so one errors.As target catches a validation
// error from any of them. It matches ErrInvalid with errors.Is. This
// package reports the first wrong field it finds, so it holds one Problem.
type ValidationError = validation.Error

// Problem is one wrong field of an input: validation.Problem.
type Problem = validation.Problem

func invalid(field, format string, args ...any) *ValidationError {
	return validation.New("sla", field, fmt.Sprintf(format, args...))
}
