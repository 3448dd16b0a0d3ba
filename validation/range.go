package validation

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// The one range of instants and dates for the whole library: every
// deskcore package refuses an instant outside the years FirstYear to
// LastYear in UTC, and a date outside 0001-01-01 to 9999-12-31, where the
// domain takes it. Every database column, JSON and RFC 3339 text can hold
// these years, so a store can always read back what was accepted.
const (
	FirstYear = 1
	LastYear  = 9999
)

// The one bound on decimals for the whole library: every amount, rate and
// quantity is zero or more and below MaxDecimal, with at most MoneyDigits
// decimals for money (whole cents) and RateDigits for rates, unit prices
// and quantities. Every product and sum the library forms from them is
// exact and fits a NUMERIC(18, 4) column.
const (
	MoneyDigits = 2
	RateDigits  = 4
)

// MaxDecimal is 10^12: every amount, rate and quantity is below it.
var MaxDecimal = decimal.New(1, 12)

// InstantReason says why t is not an instant the library accepts (the
// zero Time, or outside the years FirstYear-LastYear in UTC), in words
// for a Problem's Reason; "" when it is one.
func InstantReason(t time.Time) string {
	if t.IsZero() {
		return "is required"
	}
	if y := t.UTC().Year(); y < FirstYear || y > LastYear {
		return fmt.Sprintf("is in the year %d, outside the years %d-%d (UTC)", y, FirstYear, LastYear)
	}
	return ""
}

// DecimalReason says why v is not an amount, rate or quantity the library
// accepts with at most digits decimals (negative, MaxDecimal or more, or
// more decimals), in words for a Problem's Reason; "" when it is one. The
// exponent is checked first, so an absurd one (1e-17000) costs nothing to
// refuse.
func DecimalReason(v decimal.Decimal, digits int32) string {
	switch {
	case v.Exponent() > 12 || v.Exponent() < -64:
		return fmt.Sprintf("has the exponent %d, out of range", v.Exponent())
	case v.IsNegative():
		return fmt.Sprintf("%s is negative", v)
	case v.GreaterThanOrEqual(MaxDecimal):
		return fmt.Sprintf("%s is not below %s", v, MaxDecimal)
	case v.Exponent() < -digits && !v.Equal(v.Truncate(digits)):
		return fmt.Sprintf("%s has more than %d decimals", v, digits)
	}
	return ""
}
