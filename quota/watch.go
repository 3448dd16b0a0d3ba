package quota

import (
	"context"
	"fmt"
	"math/bits"
	"time"

	"github.com/deskcore/deskcore/internal/enum"
)

// Account managers watch quota contracts (the service agreement: "Unsere
// Kundenbetreuer haben Ihren Vertrag aber im Blick"): the ones too
// tightly calculated, which slide into the negative month after month and
// draw a correction invoice each time, and the ones too generously
// calculated, whose unused hours keep piling up or lapsing. Watch flags
// both from the closed periods' figures and suggests an allotment.

// WatchConfig holds the thresholds of Watch. The zero value uses the
// defaults.
type WatchConfig struct {
	// Periods is how many of the latest closed periods must all show the
	// trend. Zero means 3.
	Periods int
	// GenerousBelow is a percentage of the allotment: a period counts as
	// generous when less than this share was used. Zero means 80.
	GenerousBelow int
	// Step rounds the suggested allotment up to a multiple of it. Zero
	// means one hour.
	Step time.Duration
}

func (c WatchConfig) withDefaults() (WatchConfig, error) {
	if c.Periods == 0 {
		c.Periods = 3
	}
	if c.GenerousBelow == 0 {
		c.GenerousBelow = 80
	}
	if c.Step == 0 {
		c.Step = time.Hour
	}
	switch {
	case c.Periods < 1 || c.Periods > MaxKeep:
		return c, invalid("Periods", "%d is outside 1..%d", c.Periods, MaxKeep)
	case c.GenerousBelow < 1 || c.GenerousBelow > 100:
		return c, invalid("GenerousBelow", "%d%% is outside 1..100%%", c.GenerousBelow)
	}
	return c, checkHours("Step", c.Step, true)
}

// Usage is what one closed period of a contract shows Watch.
type Usage struct {
	Period    Period        // the closed period
	Allotted  time.Duration // the hours allotted for the period
	Used      time.Duration // the hours consumed, net of reversals
	Closing   time.Duration // the balance carried into the next period
	Corrected time.Duration // the hours a correction settled
}

// Usage returns the statement's figures for Watch.
func (s Statement) Usage() Usage {
	return Usage{Period: s.Period, Allotted: s.Allotted, Used: -(s.Consumed + s.Reversed), Closing: s.Closing, Corrected: s.Corrected}
}

// Flag is Watch's verdict on a contract.
type Flag uint8

// The flags. The zero Flag is Steady.
const (
	// Steady: neither trend shows (or there are too few periods yet).
	Steady Flag = iota
	// Sliding: the balance went below zero in each period looked at; the
	// quota is too small ("monatlich stetig ins Minus abgleitet").
	Sliding
	// Generous: each period looked at used less than the GenerousBelow
	// share of its allotment; the quota is too large ("zu großzügig
	// kalkuliert").
	Generous
)

var flagText = enum.Ints[Flag]("quota", "Flag", "steady", "sliding", "generous")

// String returns "steady", "sliding" or "generous", or "Flag(n)" for a
// value that is none of them.
func (f Flag) String() string { return flagText.String(f) }

// ParseFlag reads "steady", "sliding" or "generous" in any letter case. It
// returns a *ValidationError for any other text.
func ParseFlag(s string) (Flag, error) { return flagText.Parse(s) }

// MarshalText implements encoding.TextMarshaler with the String form; it
// refuses an undeclared value with a *ValidationError.
func (f Flag) MarshalText() ([]byte, error) { return flagText.Marshal(f) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseFlag.
func (f *Flag) UnmarshalText(b []byte) error { return flagText.Unmarshal(f, b) }

// Assessment is Watch's verdict with the numbers behind it.
type Assessment struct {
	// Flag is the verdict.
	Flag Flag
	// Usage are the periods looked at, oldest first.
	Usage []Usage
	// Allotted is the latest period's allotment.
	Allotted time.Duration
	// AverageUsed is the mean of Used over the periods looked at,
	// truncated to the nanosecond.
	AverageUsed time.Duration
	// Suggested is AverageUsed rounded up to a multiple of Step (zero if
	// nothing was used): the allotment that would have matched.
	Suggested time.Duration
}

// Watch assesses a contract from its closed periods, oldest first. It
// looks at the last cfg.Periods of them: Sliding if each ended below zero
// (corrected, or a negative balance carried), Generous if each used less
// than cfg.GenerousBelow percent of its allotment, Steady otherwise and
// when there are fewer periods. Sliding wins if both hold (possible only
// with negative adjustments). Watch is pure: the same input gives the
// same verdict.
//
// It returns a *ValidationError for an invalid config, periods that are
// not in ascending order, or figures beyond MaxBalance.
func Watch(usage []Usage, cfg WatchConfig) (Assessment, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Assessment{}, err
	}
	for i, u := range usage {
		if i > 0 && !u.Period.After(usage[i-1].Period) {
			return Assessment{}, invalid(fmt.Sprintf("usage[%d].Period", i), "%s does not come after %s", u.Period, usage[i-1].Period)
		}
		for _, v := range [...]time.Duration{u.Allotted, u.Used, u.Closing, u.Corrected} {
			if v < -MaxBalance || v > MaxBalance {
				return Assessment{}, invalid(fmt.Sprintf("usage[%d]", i), "%s is beyond the %s a balance may be", FormatHours(v), FormatHours(MaxBalance))
			}
		}
	}
	window := usage[max(0, len(usage)-cfg.Periods):]
	if len(window) == 0 {
		return Assessment{}, nil
	}
	as := Assessment{Usage: window, Allotted: window[len(window)-1].Allotted}
	as.AverageUsed = averageUsed(window)
	if as.AverageUsed > 0 {
		steps := (as.AverageUsed + cfg.Step - 1) / cfg.Step
		as.Suggested = steps * cfg.Step
	}
	if len(window) < cfg.Periods {
		return as, nil
	}
	sliding, generous := true, true
	for _, u := range window {
		sliding = sliding && (u.Corrected > 0 || u.Closing < 0)
		generous = generous && usedBelow(u.Used, u.Allotted, cfg.GenerousBelow)
	}
	switch {
	case sliding:
		as.Flag = Sliding
	case generous:
		as.Flag = Generous
	}
	return as, nil
}

// averageUsed averages without forming the sum, which could leave the
// range of time.Duration: quotients and remainders are summed apart.
func averageUsed(window []Usage) time.Duration {
	n := time.Duration(len(window))
	var q, r time.Duration
	for _, u := range window {
		q += u.Used / n
		r += u.Used % n
	}
	return q + r/n
}

// usedBelow reports used < allotted*percent/100 exactly, in 128 bits.
func usedBelow(used, allotted time.Duration, percent int) bool {
	if used < 0 {
		return allotted >= 0
	}
	if allotted <= 0 {
		return false
	}
	uh, ul := bits.Mul64(uint64(used), 100)
	ah, al := bits.Mul64(uint64(allotted), uint64(percent))
	return uh < ah || (uh == ah && ul < al)
}

// Watch assesses a contract from its closed periods up to and including
// through (see the function Watch).
//
// It returns a *ValidationError for an invalid config or a zero period,
// or an error matching ErrNotFound, ErrNotOpen (through is not closed
// yet), ErrOutOfTerm or the Store's.
func (l *Ledger) Watch(ctx context.Context, contractID string, through Period, cfg WatchConfig) (Assessment, error) {
	if err := l.ready(); err != nil {
		return Assessment{}, err
	}
	if through.IsZero() {
		return Assessment{}, invalid("Period", "is missing")
	}
	full, err := cfg.withDefaults()
	if err != nil {
		return Assessment{}, err
	}
	a, err := l.store.Account(ctx, contractID)
	if err != nil {
		return Assessment{}, err
	}
	if err := a.checkPeriod(through); err != nil {
		return Assessment{}, err
	}
	if !through.Before(a.Open) {
		return Assessment{}, fmt.Errorf("quota: %s of contract %q is not closed: %w", through, contractID, ErrNotOpen)
	}
	var usage []Usage
	from := through.Add(1 - full.Periods)
	if first := a.Contract.FirstPeriod(); from.Before(first) {
		from = first
	}
	for p := from; !p.After(through); p = p.Next() {
		s, err := l.statement(ctx, contractID, p, true)
		if err != nil {
			return Assessment{}, err
		}
		usage = append(usage, s.Usage())
	}
	return Watch(usage, cfg)
}
