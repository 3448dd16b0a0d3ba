package document

import "errors"

// ErrInvalid is matched (errors.Is) by every *ValidationError.
var ErrInvalid = errors.New("document: invalid input")

// ValidationError reports input a document cannot be made from: a
// language that is not one of the three, an unknown currency code, a
// domain value that is not complete. Field names the input.
type ValidationError struct {
	Field  string
	Reason string
}

// Error returns "document: Field: Reason".
func (e *ValidationError) Error() string { return "document: " + e.Field + ": " + e.Reason }

// Is reports whether target is ErrInvalid.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// errNilWriter is what the writers return for a nil io.Writer.
var errNilWriter = &ValidationError{Field: "w", Reason: "is nil"}
