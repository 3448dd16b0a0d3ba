package document

import "github.com/deskcore/deskcore/validation"

// ErrInvalid is matched (errors.Is) by every *ValidationError. It is
// validation.ErrInvalid, the same sentinel in every deskcore package.
var ErrInvalid = validation.ErrInvalid

// ValidationError reports input a document cannot be made from: a
// language that is not one of the three, an unknown currency code, a
// domain value that is not complete, a nil writer. It is
// validation.Error, the one shape of every deskcore package: Has(field)
// says whether a field is named.
type ValidationError = validation.Error

// invalid is the *ValidationError of one field.
func invalid(field, reason string) *ValidationError { return validation.New("document", field, reason) }

// errNilWriter is what the writers return for a nil io.Writer.
var errNilWriter = invalid("w", "is nil")
