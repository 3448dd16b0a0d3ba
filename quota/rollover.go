package quota

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Rollover says what happens to unused hours when a period closes. It is
// one rule with two optional limits, which together cover the variants on
// the market:
//
//   - full rollover, the zero value and the service agreement's default: the "positive
//     rest" carries into the next month, nothing is lost (FullRollover);
//   - none: unused hours lapse at the close of their own period
//     (NoRollover, which is Expiring with Keep 0);
//   - capped: at most Cap hours carry over, the rest lapses
//     (CappedRollover);
//   - expiring: the hours allotted for a period stay usable for Keep
//     further periods and lapse at the close of the last one
//     (ExpiringRollover);
//   - capped and expiring at once, by setting both.
//
// Hours are consumed earliest expiry first, so the hours about to lapse
// are the ones used. A cap removes the hours that would expire soonest.
type Rollover struct {
	// Capped limits the hours carried into the next period to Cap.
	Capped bool
	Cap    time.Duration // the most hours carried over, when Capped
	// Expiring makes the hours allotted for period p lapse at the close
	// of period p+Keep.
	Expiring bool
	Keep     int // further periods the hours stay usable, when Expiring
}

// MaxKeep bounds Rollover.Keep: ten years of periods.
const MaxKeep = 120

// FullRollover returns the service agreement's rule: every unused hour carries over.
func FullRollover() Rollover { return Rollover{} }

// NoRollover returns the rule under which unused hours lapse at the close
// of the period they were allotted for.
func NoRollover() Rollover { return Rollover{Expiring: true} }

// CappedRollover returns the rule that carries at most cap hours into the
// next period.
func CappedRollover(cap time.Duration) Rollover { return Rollover{Capped: true, Cap: cap} }

// ExpiringRollover returns the rule under which the hours allotted for a
// period stay usable for keep further periods.
func ExpiringRollover(keep int) Rollover { return Rollover{Expiring: true, Keep: keep} }

// Validate reports a *ValidationError for a negative or oversized Cap or
// Keep, or for a Cap or Keep set without its switch (a likely mistake).
func (r Rollover) Validate() error {
	if r.Capped {
		if err := checkHours("Rollover.Cap", r.Cap, false); err != nil {
			return err
		}
	} else if r.Cap != 0 {
		return invalid("Rollover.Cap", "is set but Capped is false")
	}
	if r.Expiring {
		if r.Keep < 0 || r.Keep > MaxKeep {
			return invalid("Rollover.Keep", "%d is outside 0..%d periods", r.Keep, MaxKeep)
		}
	} else if r.Keep != 0 {
		return invalid("Rollover.Keep", "is set but Expiring is false")
	}
	return nil
}

// Expires returns the period at whose close hours allotted for period p
// lapse, or the zero Period when they never do.
func (r Rollover) Expires(p Period) Period {
	if !r.Expiring {
		return Period{}
	}
	return p.Add(r.Keep)
}

// Lapse applies the rule at the close of period p to the unused hours in
// lots: lots that expire with p lapse, then whatever exceeds the cap
// lapses, soonest-expiring first. It returns the lots carried into the
// next period and the hours that lapsed (zero or positive). Lapse never
// changes lots; when nothing lapses, kept is lots itself.
func (r Rollover) Lapse(lots []Lot, p Period) (kept []Lot, lapsed time.Duration) {
	var total time.Duration
	due := false
	for _, l := range lots {
		total += l.Hours
		due = due || (!l.Expires.IsZero() && !l.Expires.After(p))
	}
	if !due && (!r.Capped || total <= r.Cap) {
		return lots, 0
	}
	kept = make([]Lot, 0, len(lots))
	total = 0
	for _, l := range lots {
		if !l.Expires.IsZero() && !l.Expires.After(p) {
			lapsed += l.Hours
			continue
		}
		kept = append(kept, l)
		total += l.Hours
	}
	if r.Capped && total > r.Cap {
		excess := total - r.Cap
		lapsed += excess
		kept, _ = drawLots(kept, excess)
	}
	return kept, lapsed
}

// String writes the rule as ParseRollover reads it: "full", "none",
// "cap=20h", "keep=3", "cap=20h keep=3".
func (r Rollover) String() string {
	switch {
	case !r.Capped && !r.Expiring:
		return "full"
	case !r.Capped && r.Keep == 0:
		return "none"
	}
	var parts []string
	if r.Capped {
		parts = append(parts, "cap="+FormatHours(r.Cap))
	}
	if r.Expiring {
		parts = append(parts, "keep="+strconv.Itoa(r.Keep))
	}
	return strings.Join(parts, " ")
}

// ParseRollover reads a rule written as String writes it, in any letter
// case: "full", "none", or one or both of "cap=HOURS" and "keep=N"
// separated by a space.
//
// It returns a *ValidationError for anything else or for a rule Validate
// refuses.
func ParseRollover(s string) (Rollover, error) {
	s = enum.Fold(s)
	switch s {
	case "full":
		return FullRollover(), nil
	case "none":
		return NoRollover(), nil
	}
	var r Rollover
	fields := strings.Split(s, " ")
	if len(fields) > 2 || s == "" {
		return Rollover{}, invalid("Rollover", "%q is not full, none, cap=HOURS, keep=N or both", s)
	}
	for _, f := range fields {
		name, value, _ := strings.Cut(f, "=")
		switch {
		case name == "cap" && !r.Capped:
			d, err := parseHours("Rollover.Cap", value)
			if err != nil {
				return Rollover{}, err
			}
			r.Capped, r.Cap = true, d
		case name == "keep" && !r.Expiring:
			n, ok := digits(value)
			if !ok || value == "" || len(value) > 4 {
				return Rollover{}, invalid("Rollover.Keep", "%q is not a number of periods", value)
			}
			r.Expiring, r.Keep = true, n
		default:
			return Rollover{}, invalid("Rollover", "%q is not full, none, cap=HOURS, keep=N or both", s)
		}
	}
	if err := r.Validate(); err != nil {
		return Rollover{}, err
	}
	return r, nil
}

// MarshalText implements encoding.TextMarshaler with String's format.
func (r Rollover) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseRollover.
func (r *Rollover) UnmarshalText(b []byte) error {
	return unmarshalWith(r, b, ParseRollover)
}

// Lot is a quantity of unused hours that lapse together.
type Lot struct {
	Expires Period        // the period at whose close the hours lapse; zero: never
	Hours   time.Duration // always positive
}

// expiresBefore orders lots by expiry, never-expiring last.
func expiresBefore(a, b Period) bool {
	switch {
	case a.IsZero():
		return false
	case b.IsZero():
		return true
	}
	return a.Before(b)
}

// drawLots takes h hours from lots, earliest expiry first. It returns the
// remaining lots (lots' backing array is reused only if it is not shared:
// callers pass slices they own) and the part of h the lots could not
// cover.
func drawLots(lots []Lot, h time.Duration) ([]Lot, time.Duration) {
	i := 0
	for i < len(lots) && h > 0 {
		if lots[i].Hours > h {
			lots[i].Hours -= h
			return lots[i:], 0
		}
		h -= lots[i].Hours
		i++
	}
	return lots[i:], h
}

// addLot adds h hours that lapse at the close of expires, keeping lots
// sorted by expiry and one lot per expiry.
func addLot(lots []Lot, expires Period, h time.Duration) []Lot {
	i, found := slices.BinarySearchFunc(lots, expires, func(l Lot, e Period) int {
		switch {
		case l.Expires == e:
			return 0
		case expiresBefore(l.Expires, e):
			return -1
		}
		return 1
	})
	if found {
		lots[i].Hours += h
		return lots
	}
	return slices.Insert(lots, i, Lot{Expires: expires, Hours: h})
}
