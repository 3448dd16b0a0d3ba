package asset

import (
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/deskcore/deskcore/validation"
)

// ErrInvalid is the sentinel every *ValidationError matches with errors.Is:
// an input (an asset, a receipt, a credential, a grant, a configuration) is
// not acceptable. Nothing was stored or changed.
// It is validation.ErrInvalid, the same sentinel in every deskcore package.
var ErrInvalid = validation.ErrInvalid

// ErrNotFound reports that an asset, receipt, credential, secret version,
// grant or access request does not exist.
var ErrNotFound = errors.New("asset: not found")

// ErrConflict reports that a write lost against the current state: the ID
// is taken, the notice was already recorded, the request was already
// decided, or a concurrent transaction won. Nothing was written; re-read
// and decide again.
var ErrConflict = errors.New("asset: conflict")

// ErrAccessDenied is the sentinel every *AccessDeniedError matches with
// errors.Is: the actor may not do what was asked. The denial itself has
// been written to the access log.
var ErrAccessDenied = errors.New("asset: access denied")

// ErrSealFailed reports that the Sealer could not seal a secret, returned
// something that is not sealed, or could not open a stored secret (wrong
// key, tampered ciphertext, ciphertext moved to another credential or
// version). A failed open is written to the access log.
var ErrSealFailed = errors.New("asset: sealing failed")

// ErrUnreadableRow reports that the store holds a credential, grant,
// access request or log entry it cannot read back (written by hand or by
// an older version, say). The vault's listings yield an error matching it
// in that row's place and go on with the others, so a caller tells it
// from an error that ends the sequence with errors.Is; access decisions
// fail with it (see VaultStore). Adapters' errors that match it name the
// row and none of its content.
var ErrUnreadableRow = errors.New("asset: a stored row cannot be read")

// ValidationError lists what is wrong with an input: each Problem names
// a field path and a reason. It is validation.Error, the one shape of
// every deskcore package, so one errors.As target catches a validation
// error from any of them. It matches ErrInvalid with errors.Is. This
// package reports the first wrong field it finds, so it holds one Problem.
type ValidationError = validation.Error

// Problem is one wrong field of an input: validation.Problem.
type Problem = validation.Problem

func invalid(field, format string, args ...any) *ValidationError {
	return validation.New("asset", field, fmt.Sprintf(format, args...))
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

// unless returns a *ValidationError for field if ok is false.
func unless(ok bool, field, format string, args ...any) error {
	if ok {
		return nil
	}
	return invalid(field, format, args...)
}

// within prefixes the field of a *ValidationError with the field that
// holds the checked value ("Assets[2]" + "Warranty.End"); other errors pass
// through.
func within(field string, err error) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Within(field)
	}
	return err
}

// AccessDeniedError says who was refused what, and why. It matches
// ErrAccessDenied with errors.Is, and also ErrNotFound when the credential
// or version asked for does not exist (CauseUnknownCredential,
// CauseUnknownVersion). The same facts are in the access log entry written
// for the denial. Its text never contains a secret.
type AccessDeniedError struct {
	ActorID      string // who asked
	Action       Action // what they tried
	CredentialID string // on which credential ("" for a grant or revoke on a whole customer)
	Cause        Cause  // why it was refused
}

// Error implements the error interface.
func (e *AccessDeniedError) Error() string {
	return fmt.Sprintf("asset: access denied: %s may not %s credential %q: %s",
		e.ActorID, e.Action, e.CredentialID, e.Cause.Describe())
}

// Unwrap lets errors.Is(err, ErrAccessDenied) succeed.
func (e *AccessDeniedError) Unwrap() error { return ErrAccessDenied }

// Is reports whether target is ErrNotFound for a denial caused by a missing
// credential or version, so hosts can tell "no such thing" from "not for
// you" without parsing the cause.
func (e *AccessDeniedError) Is(target error) bool {
	return target == ErrNotFound && (e.Cause == CauseUnknownCredential || e.Cause == CauseUnknownVersion)
}

// Limits on stored text, chosen to fit ordinary VARCHAR columns.
const (
	maxIDLen   = 128
	maxTextLen = 1024
	maxNoteLen = 8192
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

// checkOptionalInstant is checkInstant for an instant that may be zero.
func checkOptionalInstant(field string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	return checkInstant(field, t)
}

// checkID accepts an opaque identifier: 1 to 128 bytes of UTF-8 without
// control characters or surrounding spaces, so it can be a database key.
func checkID(field, s string) error {
	if s == "" {
		return invalid(field, "is required")
	}
	if len(s) > maxIDLen {
		return invalid(field, "is longer than %d bytes", maxIDLen)
	}
	if err := checkChars(field, s, false); err != nil {
		return err
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return invalid(field, "has leading or trailing spaces")
	}
	return nil
}

// checkOptionalID is checkID for an identifier that may be empty.
func checkOptionalID(field, s string) error {
	if s == "" {
		return nil
	}
	return checkID(field, s)
}

// checkText accepts free text up to max bytes; multiline allows line
// breaks and tabs (notes), otherwise no control characters at all.
func checkText(field, s string, max int, required, multiline bool) error {
	if s == "" {
		if required {
			return invalid(field, "is required")
		}
		return nil
	}
	if len(s) > max {
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

// RegisterConflictError reports that Inventory.Register was called with
// the ID of a stored asset whose content differs: both versions are
// here, so the host can show what it tried to register against what is
// stored. It matches ErrConflict with errors.Is.
type RegisterConflictError struct {
	ID        string // the asset's ID
	Existing  Asset  // the asset as stored
	Requested Asset  // the asset Register was called with
}

// Error implements the error interface; it names the ID only.
func (e *RegisterConflictError) Error() string {
	return fmt.Sprintf("asset: %q is registered already with other content", e.ID)
}

// Unwrap lets errors.Is(err, ErrConflict) succeed.
func (e *RegisterConflictError) Unwrap() error { return ErrConflict }
