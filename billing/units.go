package billing

import (
	"strconv"
	"strings"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// UnitPolicy says how time worked becomes work units (Arbeitseinheiten,
// AE): the size of a unit, how a part unit is rounded, the minimum
// billed, and whether each entry is rounded on its own or a ticket's work
// of a day together. A contract may override the Biller's policy.
//
// The zero UnitPolicy is 15-minute units rounded up, no minimum beyond
// that, per entry: any work bills at least one unit.
type UnitPolicy struct {
	// Size of a unit: whole minutes, 1m to 24h. Zero means 15m.
	Size time.Duration
	// Rounding of a part unit. Zero means RoundUp.
	Rounding UnitRounding
	// Minimum units billed for an entry (or a ticket's day) with any
	// billable time. Zero: no minimum beyond what the rounding gives.
	Minimum int
	// Per says what is rounded: each entry (zero) or a ticket's work of a
	// day together.
	Per UnitGrouping
}

// UnitRounding is how a part unit is rounded.
type UnitRounding uint8

// The roundings. The zero value is RoundUp.
const (
	RoundUp      UnitRounding = iota // a started unit counts in full
	RoundNearest                     // to the nearest unit; half a unit rounds up
	RoundDown                        // only full units count
)

var roundingNames = enum.Ints[UnitRounding]("billing", "UnitRounding", "up", "nearest", "down")

// String returns "up", "nearest" or "down".
func (r UnitRounding) String() string { return roundingNames.String(r) }

// ParseUnitRounding reads a rounding as String writes it. It returns a
// *ValidationError for anything else.
func ParseUnitRounding(s string) (UnitRounding, error) {
	return roundingNames.Parse(s)
}

// MarshalText implements encoding.TextMarshaler.
func (r UnitRounding) MarshalText() ([]byte, error) { return roundingNames.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseUnitRounding.
func (r *UnitRounding) UnmarshalText(b []byte) error { return roundingNames.Unmarshal(r, b) }

// UnitGrouping is what work is rounded to units together.
type UnitGrouping uint8

// The groupings. The zero value is PerEntry.
const (
	PerEntry     UnitGrouping = iota // each entry on its own
	PerTicketDay                     // a ticket's entries of one work date together
)

var groupingNames = enum.Ints[UnitGrouping]("billing", "UnitGrouping", "entry", "ticket-day")

// String returns "entry" or "ticket-day".
func (g UnitGrouping) String() string { return groupingNames.String(g) }

// ParseUnitGrouping reads a grouping as String writes it. It returns a
// *ValidationError for anything else.
func ParseUnitGrouping(s string) (UnitGrouping, error) {
	return groupingNames.Parse(s)
}

// MarshalText implements encoding.TextMarshaler.
func (g UnitGrouping) MarshalText() ([]byte, error) { return groupingNames.Marshal(g) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseUnitGrouping.
func (g *UnitGrouping) UnmarshalText(b []byte) error { return groupingNames.Unmarshal(g, b) }

// maxMinimumUnits bounds Minimum: a day of one-minute units.
const maxMinimumUnits = 1440

// IsZero reports whether p is the zero policy (the defaults).
func (p UnitPolicy) IsZero() bool { return p == UnitPolicy{} }

// withDefaults fills in the zero Size.
func (p UnitPolicy) withDefaults() UnitPolicy {
	if p.Size == 0 {
		p.Size = 15 * time.Minute
	}
	return p
}

// Validate reports a *ValidationError listing every wrong field: a Size
// that is not whole minutes from 1m to 24h, an unknown rounding or
// grouping, a Minimum below zero or above 1440.
func (p UnitPolicy) Validate() error {
	var ps problems
	if p.Size != 0 && (p.Size < time.Minute || p.Size > 24*time.Hour || p.Size%time.Minute != 0) {
		ps.add("Size", "%s is not whole minutes from 1m to 24h", p.Size)
	}
	if !roundingNames.Valid(p.Rounding) {
		ps.add("Rounding", "%d is not a rounding", p.Rounding)
	}
	if p.Minimum < 0 || p.Minimum > maxMinimumUnits {
		ps.add("Minimum", "%d is not between 0 and %d", p.Minimum, maxMinimumUnits)
	}
	if !groupingNames.Valid(p.Per) {
		ps.add("Per", "%d is not a grouping", p.Per)
	}
	return ps.err()
}

// Units returns the work units billed for time t: t divided by the unit
// size, rounded as the policy says, and at least Minimum. No time (t <= 0)
// is no units: the minimum applies only to work that was done.
//
// With 15-minute units: 1m is 1 unit up, 0 nearest, 0 down; 7m30s is 1
// nearest (half rounds up); 22m29s is 1 nearest, 22m30s is 2.
func (p UnitPolicy) Units(t time.Duration) int64 {
	if t <= 0 {
		return 0
	}
	p = p.withDefaults()
	size := p.Size
	var n int64
	switch p.Rounding {
	case RoundNearest:
		n = int64((t + size/2) / size) // size is whole minutes: size/2 is exact
	case RoundDown:
		n = int64(t / size)
	default:
		n = int64((t + size - 1) / size)
	}
	return max(n, int64(p.Minimum))
}

// Billed returns the time billed for t: Units(t) units of Size.
func (p UnitPolicy) Billed(t time.Duration) time.Duration {
	return time.Duration(p.Units(t)) * p.withDefaults().Size
}

// String writes the policy as "15m up min=1 per=entry": the size, the
// rounding, the minimum and the grouping. ParseUnitPolicy reads it.
func (p UnitPolicy) String() string {
	p = p.withDefaults()
	return strings.Join([]string{
		workFormatMinutes(p.Size), p.Rounding.String(),
		"min=" + strconv.Itoa(p.Minimum), "per=" + p.Per.String(),
	}, " ")
}

// workFormatMinutes writes whole minutes as "15m", "1h", "1h30m".
func workFormatMinutes(d time.Duration) string {
	h, m := d/time.Hour, (d%time.Hour)/time.Minute
	switch {
	case h == 0:
		return strconv.Itoa(int(m)) + "m"
	case m == 0:
		return strconv.Itoa(int(h)) + "h"
	}
	return strconv.Itoa(int(h)) + "h" + strconv.Itoa(int(m)) + "m"
}

// ParseUnitPolicy reads a policy as String writes it, its words in any
// letter case. The size comes
// first; the other parts may follow in any order and default as in the
// zero policy ("30m" is 30-minute units rounded up, per entry, no
// minimum). It returns a *ValidationError listing every wrong part.
func ParseUnitPolicy(s string) (UnitPolicy, error) {
	var p UnitPolicy
	var ps problems
	parts := strings.Fields(s)
	if len(parts) == 0 {
		ps.add("UnitPolicy", "is empty; write e.g. \"15m up min=1 per=entry\"")
		return UnitPolicy{}, ps.err()
	}
	size, err := time.ParseDuration(parts[0])
	if err != nil {
		ps.add("Size", "%q is not a duration such as 15m", workClip(parts[0]))
	}
	p.Size = size
	seen := map[string]bool{}
	for _, part := range parts[1:] {
		key, value, hasValue := strings.Cut(part, "=")
		key = enum.Fold(key)
		if !hasValue {
			key, value = "rounding", part
		}
		if seen[key] {
			ps.add("UnitPolicy", "%q is given twice", workClip(key))
			continue
		}
		seen[key] = true
		var err error
		switch key {
		case "rounding":
			p.Rounding, err = ParseUnitRounding(value)
		case "min":
			p.Minimum, err = strconv.Atoi(value)
			if err != nil {
				ps.add("Minimum", "%q is not a whole number", workClip(value))
				err = nil
			}
		case "per":
			p.Per, err = ParseUnitGrouping(value)
		default:
			ps.add("UnitPolicy", "%q is not a part of a unit policy", workClip(part))
		}
		if err != nil {
			ps = append(ps, err.(*ValidationError).Problems...)
		}
	}
	if len(ps) == 0 {
		if err := p.Validate(); err != nil {
			return UnitPolicy{}, err
		}
	}
	if err := ps.err(); err != nil {
		return UnitPolicy{}, err
	}
	return p, nil
}

// MarshalText implements encoding.TextMarshaler; it refuses an invalid
// policy with a *ValidationError.
func (p UnitPolicy) MarshalText() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseUnitPolicy.
func (p *UnitPolicy) UnmarshalText(b []byte) error {
	v, err := ParseUnitPolicy(string(b))
	if err == nil {
		*p = v
	}
	return err
}
