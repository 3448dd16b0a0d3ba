package validation_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/validation"
)

func TestInstantReasonKeepsTheYearsOneTo9999InUTC(t *testing.T) {
	east := time.FixedZone("UTC+1", 3600)
	tests := []struct {
		name string
		t    time.Time
		ok   bool
	}{
		{"zero_is_missing", time.Time{}, false},
		{"first_instant_of_year_1", time.Date(validation.FirstYear, 1, 1, 0, 0, 0, 1, time.UTC), true},
		{"last_instant_of_9999", time.Date(validation.LastYear, 12, 31, 23, 59, 59, 999999999, time.UTC), true},
		{"year_10000", time.Date(validation.LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"year_12026", time.Date(12026, 3, 1, 0, 0, 0, 0, time.UTC), false},
		{"year_0", time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC), false},
		{"year_1_east_of_utc_is_year_0_in_utc", time.Date(1, 1, 1, 0, 30, 0, 0, east), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if why := validation.InstantReason(tt.t); (why == "") != tt.ok {
				t.Errorf("InstantReason(%v) = %q, want accepted %v", tt.t, why, tt.ok)
			}
		})
	}
}

func TestDecimalReasonBoundsScaleAndMagnitude(t *testing.T) {
	tests := []struct {
		name   string
		v      decimal.Decimal
		digits int32
		ok     bool
	}{
		{"cents", decimal.RequireFromString("95.10"), validation.MoneyDigits, true},
		{"trailing_zeros_beyond_cents", decimal.RequireFromString("95.1000"), validation.MoneyDigits, true},
		{"fraction_of_a_cent", decimal.RequireFromString("95.105"), validation.MoneyDigits, false},
		{"rate_with_4_decimals", decimal.RequireFromString("0.0825"), validation.RateDigits, true},
		{"rate_with_5_decimals", decimal.RequireFromString("0.08251"), validation.RateDigits, false},
		{"just_below_the_maximum", validation.MaxDecimal.Sub(decimal.New(1, -2)), validation.MoneyDigits, true},
		{"the_maximum", validation.MaxDecimal, validation.MoneyDigits, false},
		{"negative", decimal.RequireFromString("-12"), validation.RateDigits, false},
		{"absurd_small_exponent", decimal.New(1, -17000), validation.RateDigits, false},
		{"absurd_large_exponent", decimal.New(1, 40000), validation.RateDigits, false},
		{"zero", decimal.Zero, validation.MoneyDigits, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if why := validation.DecimalReason(tt.v, tt.digits); (why == "") != tt.ok {
				t.Errorf("DecimalReason(%s, %d) = %q, want accepted %v", tt.v, tt.digits, why, tt.ok)
			}
		})
	}
}
