package quota

import (
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Overdraft says whether service continues when the quota is used up
// (the service agreement: "auf Wunsch", on request): whether a consumption may take the
// balance below zero, and how far. The zero value allows no overdraft.
type Overdraft struct {
	// Limit is how far below zero the balance may go; zero allows none.
	Limit time.Duration
	// Unlimited lets the balance go below zero without a limit; Limit
	// must then be zero.
	Unlimited bool
}

// NoOverdraft returns the zero Overdraft: a consumption beyond the balance
// is refused.
func NoOverdraft() Overdraft { return Overdraft{} }

// OverdraftUpTo returns an Overdraft that lets the balance go down to
// -limit.
func OverdraftUpTo(limit time.Duration) Overdraft { return Overdraft{Limit: limit} }

// UnlimitedOverdraft returns an Overdraft without a limit.
func UnlimitedOverdraft() Overdraft { return Overdraft{Unlimited: true} }

// Validate reports a *ValidationError for a negative or oversized Limit,
// or a Limit set together with Unlimited.
func (o Overdraft) Validate() error {
	if err := checkHours("Overdraft.Limit", o.Limit, false); err != nil {
		return err
	}
	if o.Unlimited && o.Limit != 0 {
		return invalid("Overdraft.Limit", "is set but Unlimited is true")
	}
	return nil
}

// Check decides whether a consumption of requested hours may be booked on
// a balance: it may if the balance afterwards is zero or more, or no lower
// than -Limit, or the overdraft is unlimited. Otherwise it returns an
// *OverdraftError with the numbers. Check does not validate requested;
// the caller has.
func (o Overdraft) Check(balance, requested time.Duration) error {
	after := balance - requested
	if after >= 0 || o.Unlimited || after >= -o.Limit {
		return nil
	}
	return &OverdraftError{Balance: balance, Requested: requested, Limit: o.Limit}
}

// String writes the policy as ParseOverdraft reads it: "none",
// "limit=10h" or "unlimited".
func (o Overdraft) String() string {
	switch {
	case o.Unlimited:
		return "unlimited"
	case o.Limit == 0:
		return "none"
	}
	return "limit=" + FormatHours(o.Limit)
}

// ParseOverdraft reads a policy as String writes it, in any letter case.
//
// It returns a *ValidationError for anything else.
func ParseOverdraft(s string) (Overdraft, error) {
	s = enum.Fold(s)
	switch s {
	case "none":
		return NoOverdraft(), nil
	case "unlimited":
		return UnlimitedOverdraft(), nil
	}
	d, err := parseNamedHours(s, "limit", "Overdraft.Limit", "none, limit=HOURS or unlimited")
	return Overdraft{Limit: d}, err
}

// MarshalText implements encoding.TextMarshaler with String's format.
func (o Overdraft) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseOverdraft.
func (o *Overdraft) UnmarshalText(b []byte) error {
	return unmarshalWith(o, b, ParseOverdraft)
}
