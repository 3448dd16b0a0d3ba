package quota

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
	"github.com/deskcore/deskcore/validation"
)

// Correction says how a negative balance is settled when a period closes.
// The service agreement bills a correction ("Korrektur-Abrechnung") only when the
// quota is overbooked: the overbooked hours are charged at the contract's
// overage rate and the balance returns to zero. The zero value does that
// every period.
//
// With CarryLimit set, a negative balance down to -CarryLimit carries into
// the next period instead (the next allotment pays it back) and only the
// part beyond it is corrected. The close of a contract's final period
// corrects everything.
type Correction struct {
	CarryLimit time.Duration // the negative balance carried; zero: none
}

// SettleCorrection returns the zero Correction: every negative balance is
// corrected at the close.
func SettleCorrection() Correction { return Correction{} }

// CarryCorrection returns a Correction that carries a negative balance of
// up to limit hours into the next period.
func CarryCorrection(limit time.Duration) Correction { return Correction{CarryLimit: limit} }

// AmountDigits is the number of decimal places of every amount of money
// the package computes or accepts: cents.
const AmountDigits = 2

// RateDigits is the most decimal places a rate (the price of an hour) may
// have: validation.RateDigits, as in the billing package's rate card.
const RateDigits = validation.RateDigits

// checkDecimal accepts an amount or rate against the library's one bound
// (see validation.MaxDecimal): zero or more, below a trillion, with at
// most digits decimals, so an absurd exponent (1e-17000) is never stored.
func checkDecimal(field string, v decimal.Decimal, digits int32) error {
	if why := validation.DecimalReason(v, digits); why != "" {
		return invalid(field, "%s", why)
	}
	return nil
}

// Charge returns the price of hours at rate per hour, rounded to
// AmountDigits (cents) half away from zero, the commercial rounding used
// on German invoices ("kaufmännisch"). The product is computed exactly
// (rate times nanoseconds) and rounded once, so 10h20m at 95.00 is
// 981.67 (981.666... rounded up), never a sum of rounded parts.
func Charge(hours time.Duration, rate decimal.Decimal) decimal.Decimal {
	if hours == 0 {
		return decimal.Zero
	}
	return rate.Mul(decimal.NewFromInt(int64(hours))).DivRound(decimal.NewFromInt(int64(time.Hour)), AmountDigits)
}

// Validate reports a *ValidationError for a negative or oversized
// CarryLimit.
func (c Correction) Validate() error {
	return checkHours("Correction.CarryLimit", c.CarryLimit, false)
}

// Settle splits a debt (the hours the balance is below zero, zero or
// positive) at the close of a period into the hours corrected and the
// hours carried into the next period. On the final period nothing is
// carried.
func (c Correction) Settle(debt time.Duration, final bool) (corrected, carried time.Duration) {
	if debt <= 0 {
		return 0, 0
	}
	carried = min(debt, c.CarryLimit)
	if final {
		carried = 0
	}
	return debt - carried, carried
}

// String writes the policy as ParseCorrection reads it: "settle" or
// "carry=10h".
func (c Correction) String() string {
	if c.CarryLimit == 0 {
		return "settle"
	}
	return "carry=" + FormatHours(c.CarryLimit)
}

// ParseCorrection reads a policy as String writes it, in any letter case.
//
// It returns a *ValidationError for anything else.
func ParseCorrection(s string) (Correction, error) {
	s = enum.Fold(s)
	if s == "settle" {
		return SettleCorrection(), nil
	}
	d, err := parseNamedHours(s, "carry", "Correction.CarryLimit", "settle or carry=HOURS")
	return Correction{CarryLimit: d}, err
}

// MarshalText implements encoding.TextMarshaler with String's format.
func (c Correction) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseCorrection.
func (c *Correction) UnmarshalText(b []byte) error {
	return unmarshalWith(c, b, ParseCorrection)
}
