package einvoice

import (
	"errors"
	"strconv"
	"strings"

	"github.com/deskcore/deskcore/validation"
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
// sending an invalid file. It is validation.Error, the one shape of every
// deskcore package, with Domain "einvoice"; it matches billing.ErrInvalid
// (validation.ErrInvalid) with errors.Is: bad input, nothing written.
//
// Each Problem's Field is where the term is in the Invoice value (or in
// the Config, Customer or Source it came from): "Seller.VATID",
// "Lines[2].Quantity". Its Reason starts with the EN 16931 business term
// or rule and a colon, "BT-31/BT-32: the seller needs a VAT ID or a tax
// number"; Term returns that term. Missing is set for a term that is
// required and absent.
type ValidationError = validation.Error

// Problem is one missing or wrong business term: validation.Problem.
type Problem = validation.Problem

// Term returns the business term or rule a problem names, "BT-31",
// "BG-3", "BT-31/BT-32" (one of them is needed): the start of its Reason
// up to the colon.
func Term(p Problem) string {
	term, _, ok := strings.Cut(p.Reason, ": ")
	if !ok || strings.Contains(term, " ") {
		return ""
	}
	return term
}

// problems collects problems while validating.
type problems []Problem

// add records a problem with a term; a reason that says the term is
// missing, or that a rule requires or needs it, marks it Missing.
func (ps *problems) add(term, field, reason string) {
	missing := strings.Contains(reason, "missing") || strings.Contains(reason, "requires") || strings.Contains(reason, "needs")
	*ps = append(*ps, Problem{Field: field, Reason: term + ": " + reason, Missing: missing})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Domain: "einvoice", Problems: ps}
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
