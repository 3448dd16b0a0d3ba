package quota

import (
	"github.com/deskcore/deskcore/internal/jsonform"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Bounds on hours. They keep every sum the package forms far from the
// range of time.Duration (about 2.5 million hours), so no arithmetic on
// hours can overflow; input beyond them is a *ValidationError.
const (
	// MaxHours bounds a single amount: an allotment, a posting, a cap or
	// a limit. A year has 8,784 hours at most.
	MaxHours = 100_000 * time.Hour
	// MaxBalance bounds a balance and every total on a statement.
	MaxBalance = 1_000_000 * time.Hour
)

// FormatHours writes hours the way a statement shows them: "50h", "7h30m",
// "45m", "-2h15m", "0h". Seconds and fractions appear only when present
// ("1h0m30s"); the output parses back with time.ParseDuration.
func FormatHours(d time.Duration) string { return jsonform.Hours(d) }

// parseHours reads an amount written as time.ParseDuration accepts it
// ("20h", "7h30m", "1.5h") and bounds it to 0..MaxHours.
func parseHours(field, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, invalid(field, "%q is not an amount of hours such as 20h or 7h30m", s)
	}
	if err := checkHours(field, d, false); err != nil {
		return 0, err
	}
	return d, nil
}

// parseNamedHours reads the text of a policy that is "name=HOURS" unless
// it is one of the policy's words, which the caller has tried. field is
// "Policy.Field"; forms lists what the text may be, for the error.
func parseNamedHours(s, name, field, forms string) (time.Duration, error) {
	value, ok := strings.CutPrefix(s, name+"=")
	if !ok {
		policy, _, _ := strings.Cut(field, ".")
		return 0, invalid(policy, "%q is not %s", s, forms)
	}
	return parseHours(field, value)
}

// firstError returns the first non-nil error: a validation in one line,
// reporting the first field in the order given.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkHours bounds an amount to 0..MaxHours, or to 1ns..MaxHours when it
// must be positive.
func checkHours(field string, d time.Duration, positive bool) error {
	switch {
	case d < 0:
		return invalid(field, "%s is negative", FormatHours(d))
	case positive && d == 0:
		return invalid(field, "must be more than 0h")
	case d > MaxHours:
		return invalid(field, "%s is more than the %s a single amount may be", FormatHours(d), FormatHours(MaxHours))
	}
	return nil
}

// addHours adds two amounts bounded by MaxBalance; ok is false when the
// sum leaves that bound (the inputs' bounds make int64 overflow impossible).
func addHours(a, b time.Duration) (sum time.Duration, ok bool) {
	sum = a + b
	return sum, sum >= -MaxBalance && sum <= MaxBalance
}

// Limits on the text fields the package stores. They are generous; their
// point is that a database column can be sized for them.
const (
	maxIDLen   = 200 // contract, customer and idempotency keys
	maxTextLen = 500 // references, reasons, names
)

// reservedPrefix starts the idempotency keys the package generates itself
// (allotments, closes, reversals); callers' keys may not start with it.
const reservedPrefix = "quota:"

// checkID accepts a non-empty identifier of printable characters.
func checkID(field, s string) error {
	if s == "" {
		return invalid(field, "is empty")
	}
	if len(s) > maxIDLen {
		return invalid(field, "is longer than %d bytes", maxIDLen)
	}
	return checkPrintable(field, s)
}

// checkKey is checkID for a caller's idempotency key.
func checkKey(field, s string) error {
	if err := checkID(field, s); err != nil {
		return err
	}
	if strings.HasPrefix(s, reservedPrefix) {
		return invalid(field, "%q starts with %q, which is reserved for keys the ledger makes itself", s, reservedPrefix)
	}
	return nil
}

// checkText accepts an optional text; required texts must not be blank.
func checkText(field, s string, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return invalid(field, "is required")
	}
	if len(s) > maxTextLen {
		return invalid(field, "is longer than %d bytes", maxTextLen)
	}
	return checkPrintable(field, s)
}

func checkPrintable(field, s string) error {
	if !utf8.ValidString(s) {
		return invalid(field, "is not valid UTF-8")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return invalid(field, "contains the control character %U", r)
		}
	}
	return nil
}
