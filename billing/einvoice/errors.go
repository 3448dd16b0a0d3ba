package einvoice

import (
	"errors"
	"strconv"
	"strings"

	"github.com/deskcore/deskcore/billing"
)

// Sentinel errors, checked with errors.Is.
var (
	// ErrMalformed: a document to read is not well-formed XML, not an
	// invoice of a known syntax, or has a business term this package
	// cannot read (a number that is no number, a date that is no date).
	// *ParseError matches it.
	ErrMalformed = errors.New("einvoice: malformed document")
	// ErrTooLarge: a document to read is larger than the reader's limit
	// (MaxDocumentSize unless Reader says otherwise).
	ErrTooLarge = errors.New("einvoice: document too large")
)

// ValidationError lists every business term of an invoice that is
// missing or wrong, so a host can fix its master data at once instead of
// sending an invalid file. It matches billing.ErrInvalid with errors.Is:
// bad input, nothing written.
type ValidationError struct {
	Problems []Problem
}

// Problem is one missing or wrong business term.
type Problem struct {
	// Term is the EN 16931 business term or rule, "BT-31", "BG-3",
	// "BT-31/BT-32" (one of them is needed), "BR-DE-15".
	Term string
	// Field is where it is in the Invoice value (or, for a Config or
	// Customer, in that value): "Seller.VATID", "Lines[2].Quantity".
	Field  string
	Reason string // what is wrong, in plain words
}

// Error implements the error interface.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("einvoice: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Term)
		b.WriteString(" ")
		b.WriteString(p.Field)
		b.WriteString(": ")
		b.WriteString(p.Reason)
	}
	return b.String()
}

// Unwrap lets errors.Is(err, billing.ErrInvalid) succeed.
func (e *ValidationError) Unwrap() error { return billing.ErrInvalid }

// Has reports whether a problem names the business term, e.g. "BT-5".
func (e *ValidationError) Has(term string) bool {
	for _, p := range e.Problems {
		if p.Term == term {
			return true
		}
	}
	return false
}

// problems collects problems while validating.
type problems []Problem

func (ps *problems) add(term, field, reason string) {
	*ps = append(*ps, Problem{Term: term, Field: field, Reason: reason})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// ParseError says why a document could not be read: which business term
// or element, and what was wrong. It matches ErrMalformed.
type ParseError struct {
	Term    string // the business term, "BT-131"; empty for XML syntax
	Element string // the element or attribute, "LineTotalAmount"
	Reason  string
}

// Error implements the error interface.
func (e *ParseError) Error() string {
	s := "einvoice: cannot read the document"
	if e.Term != "" {
		s += ": " + e.Term
	}
	if e.Element != "" {
		s += " (" + e.Element + ")"
	}
	return s + ": " + e.Reason
}

// Unwrap lets errors.Is(err, ErrMalformed) succeed.
func (e *ParseError) Unwrap() error { return ErrMalformed }

func itoa(n int) string { return strconv.Itoa(n) }
