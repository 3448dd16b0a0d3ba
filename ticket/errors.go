package ticket

import (
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/deskcore/deskcore/validation"
)

// ErrInvalid is the sentinel every *ValidationError matches with errors.Is:
// an input (a draft, a comment, an alert, a schedule, a configuration) is
// not acceptable. Nothing was stored or changed.
// It is validation.ErrInvalid, the same sentinel in every deskcore package.
var ErrInvalid = validation.ErrInvalid

// ErrNotFound reports that a ticket, a key or an outbox item does not
// exist.
var ErrNotFound = errors.New("ticket: not found")

// ErrConflict reports that a write lost against the current state: a key
// that must be unique is taken (*DuplicateError), or a concurrent writer
// won. Nothing was written; re-read and decide again.
var ErrConflict = errors.New("ticket: conflict")

// ErrIllegalTransition is the sentinel every *TransitionError matches: the
// ticket's status does not allow the change asked for. The ticket is
// unchanged.
var ErrIllegalTransition = errors.New("ticket: illegal transition")

// ErrAccessDenied is the sentinel every *AccessDeniedError matches: the
// actor may not do what was asked. Nothing was changed.
var ErrAccessDenied = errors.New("ticket: access denied")

// ValidationError lists what is wrong with an input: each Problem names
// a field path and a reason. It is validation.Error, the one shape of
// every deskcore package, so one errors.As target catches a validation
// error from any of them. It matches ErrInvalid with errors.Is. This
// package reports the first wrong field it finds, so it holds one Problem.
type ValidationError = validation.Error

// Problem is one wrong field of an input: validation.Problem.
type Problem = validation.Problem

func invalid(field, format string, args ...any) *ValidationError {
	return validation.New("ticket", field, fmt.Sprintf(format, args...))
}

// TransitionError reports a change the lifecycle does not allow: a status
// change that is not in the transition table, a change whose condition
// fails (no assignee, reopen window passed), or an action such as an
// escalation on a ticket whose status forbids it (then To equals From). It
// matches ErrIllegalTransition with errors.Is.
type TransitionError struct {
	Number Number // the ticket; 0 before it is stored
	From   Status // the ticket's status
	To     Status // the status asked for
	Reason string // why, when it is not simply "not in the table"
}

// Error implements the error interface.
func (e *TransitionError) Error() string {
	which := "ticket"
	if e.Number != 0 {
		which += " " + e.Number.String()
	}
	msg := fmt.Sprintf("%s: cannot go from %s to %s", which, e.From, e.To)
	if e.From == e.To {
		msg = fmt.Sprintf("%s: not allowed while %s", which, e.From)
	}
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Unwrap lets errors.Is(err, ErrIllegalTransition) succeed.
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// AccessDeniedError says who was refused which permission, and why. It
// matches ErrAccessDenied with errors.Is.
type AccessDeniedError struct {
	Actor      Actor      // who was refused
	Permission Permission // what they asked for
	Reason     string     // why it was refused
}

// Error implements the error interface.
func (e *AccessDeniedError) Error() string {
	return fmt.Sprintf("ticket: access denied: %s %q may not %s: %s", e.Actor.Kind, e.Actor.ID, e.Permission, e.Reason)
}

// Unwrap lets errors.Is(err, ErrAccessDenied) succeed.
func (e *AccessDeniedError) Unwrap() error { return ErrAccessDenied }

// DuplicateError is what a Store returns when a ticket would take a unique
// key another ticket holds: an IdempotencyKey (unique over all tickets) or
// an AlertKey (unique over the tickets that are not closed). It matches
// ErrConflict with errors.Is.
//
// When Desk.Open refuses a draft whose IdempotencyKey opened a ticket with
// other content, the error carries both versions.
type DuplicateError struct {
	Field string // "IdempotencyKey" or "AlertKey"
	Key   string // the key that is taken
	// Existing is the ticket holding the key and Requested the refused
	// draft, when Desk.Open compared them; zero from a Store.
	Existing  Ticket
	Requested Draft
}

// Error implements the error interface.
func (e *DuplicateError) Error() string {
	return fmt.Sprintf("ticket: %s %q is taken", e.Field, e.Key)
}

// Unwrap lets errors.Is(err, ErrConflict) succeed.
func (e *DuplicateError) Unwrap() error { return ErrConflict }

// Limits on stored text, chosen to fit ordinary database columns.
const (
	maxIDLen      = 128
	maxKeyLen     = 1024
	maxLineLen    = 1024
	maxTextLen    = 1 << 20
	maxListLen    = 1000
	maxSubjectLen = 255 // runes kept of a mail subject
)

// checkInstant accepts an instant the library can store and read back:
// not the zero Time, and within the library's years (see
// validation.FirstYear).
func checkInstant(field string, t time.Time) error {
	if why := validation.InstantReason(t); why != "" {
		return invalid(field, "%s", why)
	}
	return nil
}

// checkID accepts an opaque identifier owned by the host: 1 to 128 bytes of
// UTF-8 without control characters or surrounding spaces, so it can be a
// database key.
func checkID(field, s string) error {
	switch {
	case s == "":
		return invalid(field, "is required")
	case len(s) > maxIDLen:
		return invalid(field, "is longer than %d bytes", maxIDLen)
	case s[0] == ' ' || s[len(s)-1] == ' ':
		return invalid(field, "has leading or trailing spaces")
	}
	return checkChars(field, s, false)
}

// checkOptionalID is checkID for an identifier that may be empty.
func checkOptionalID(field, s string) error {
	if s == "" {
		return nil
	}
	return checkID(field, s)
}

// checkText accepts text up to max bytes; multiline allows line breaks and
// tabs, otherwise no control characters at all.
func checkText(field, s string, max int, required, multiline bool) error {
	switch {
	case s == "" && required:
		return invalid(field, "is required")
	case len(s) > max:
		return invalid(field, "is longer than %d bytes", max)
	}
	return checkChars(field, s, multiline)
}

func checkChars(field, s string, multiline bool) error {
	if !utf8.ValidString(s) {
		return invalid(field, "is not valid UTF-8")
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			return invalid(field, "contains a control character")
		}
	}
	return nil
}

// firstOf returns the first non-nil error: validation reports one field at
// a time, in the order the checks are listed.
func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
