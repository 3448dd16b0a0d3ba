package validation

import (
	"errors"
	"strings"
)

// ErrInvalid is the sentinel every *Error matches with errors.Is: an input
// was not acceptable and nothing was built, stored or changed. Each domain
// package exports it again as its own ErrInvalid.
var ErrInvalid = errors.New("invalid input")

// Problem is one thing wrong with an input.
type Problem struct {
	// Field is the path of the offending field from the input's root, in
	// Go syntax: "Hours", "Terms[1].From", "Lines[2].VATRate", or the name
	// of an argument ("at", "reviewer") or of a type being parsed ("Kind").
	Field string
	// Reason says what is wrong, in plain words, without the value when
	// the value may be a secret.
	Reason string
	// Missing is true when the field is required and absent; Reason then
	// says so too.
	Missing bool
}

// Error lists what is wrong with an input. A package that stops at the
// first wrong field returns one Problem; one that checks a whole form
// returns every wrong field at once, in the order found, so a host can show
// them together. An Error from a deskcore package always holds at least
// one Problem. It matches ErrInvalid with errors.Is.
type Error struct {
	// Domain is the package that refused the input ("quota", "ticket");
	// it prefixes the message. Empty is allowed.
	Domain string
	// Problems are the wrong fields, in the order found.
	Problems []Problem
}

// New returns an Error of domain with one problem.
func New(domain, field, reason string) *Error {
	return &Error{Domain: domain, Problems: []Problem{{Field: field, Reason: reason}}}
}

// Error implements the error interface: the domain, then every problem as
// "field: reason", separated by "; ".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Domain != "" {
		b.WriteString(e.Domain)
		b.WriteString(": ")
	}
	if len(e.Problems) == 0 {
		b.WriteString(ErrInvalid.Error())
	}
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		if p.Field != "" {
			b.WriteString(p.Field)
			b.WriteString(": ")
		}
		b.WriteString(p.Reason)
	}
	return b.String()
}

// Unwrap lets errors.Is(err, ErrInvalid) succeed.
func (e *Error) Unwrap() error { return ErrInvalid }

// Fields returns the field of every problem, in the order found.
func (e *Error) Fields() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.Field
	}
	return out
}

// Missing returns the fields that are required and absent, in the order
// found.
func (e *Error) Missing() []string {
	var out []string
	for _, p := range e.Problems {
		if p.Missing {
			out = append(out, p.Field)
		}
	}
	return out
}

// Has reports whether field is among the problems.
func (e *Error) Has(field string) bool {
	for _, p := range e.Problems {
		if p.Field == field {
			return true
		}
	}
	return false
}

// Within returns a copy of e whose field paths start at the value that
// holds the checked one: Within("Terms[1]") turns "From" into
// "Terms[1].From". An empty field becomes the prefix itself.
func (e *Error) Within(prefix string) *Error {
	out := &Error{Domain: e.Domain, Problems: make([]Problem, len(e.Problems))}
	for i, p := range e.Problems {
		switch {
		case p.Field == "":
			p.Field = prefix
		case strings.HasPrefix(p.Field, "["):
			p.Field = prefix + p.Field
		default:
			p.Field = prefix + "." + p.Field
		}
		out.Problems[i] = p
	}
	return out
}
