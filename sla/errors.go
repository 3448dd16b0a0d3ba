package sla

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

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

// maxNameLen bounds the names a calendar or policy keeps (of a target, a
// policy, a holiday or an exception): they reach messages and screens.
const maxNameLen = 256

// checkName accepts a name of at most maxNameLen bytes of valid UTF-8
// without control characters, which could forge lines or terminal
// escapes where the name is shown.
func checkName(field, s string) error {
	if len(s) > maxNameLen {
		return invalid(field, "is longer than %d bytes", maxNameLen)
	}
	if !utf8.ValidString(s) {
		return invalid(field, "is not valid UTF-8")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return invalid(field, "contains a control character")
		}
	}
	return nil
}

func invalid(field, format string, args ...any) *ValidationError {
	return validation.New("sla", field, fmt.Sprintf(format, args...))
}
