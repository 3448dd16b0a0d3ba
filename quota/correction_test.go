package quota_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// TestCharge checks the rounding rule: hours times rate, computed exactly
// and rounded once to cents, half away from zero. Each want is worked out
// by hand in the comment.
func TestCharge(t *testing.T) {
	tests := []struct {
		name  string
		hours time.Duration
		rate  string
		want  string
	}{
		{"whole_hours", 10 * h, "95.00", "950.00"},                                  // 10 x 95
		{"twenty_minutes_round_up", 10*h + 20*time.Minute, "95.00", "981.67"},       // 31/3 x 95 = 981.666...
		{"one_minute", time.Minute, "95.00", "1.58"},                                // 95/60 = 1.58333...
		{"half_a_cent_rounds_up", time.Minute, "0.30", "0.01"},                      // 0.30/60 = 0.005 exactly
		{"just_under_half_a_cent_rounds_down", time.Minute, "0.29", "0.00"},         // 0.29/60 = 0.004833...
		{"exact_product_keeps_its_cents", 7*h + 30*time.Minute, "112.50", "843.75"}, // 7.5 x 112.5
		{"rate_with_a_tenth_of_a_cent", 3 * h, "33.335", "100.01"},                  // 100.005 rounds up
		{"a_nanosecond_costs_nothing", time.Nanosecond, "1000000", "0.00"},          // 1e6/3.6e12
		{"zero_hours", 0, "95.00", "0.00"},
		{"zero_rate", 10 * h, "0", "0.00"},
		{"negative_hours_round_away_from_zero", -time.Minute, "0.30", "-0.01"}, // -0.005
		{"the_largest_amount_is_exact", quota.MaxHours, "95.00", "9500000.00"}, // 100,000 x 95
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quota.Charge(tt.hours, eur(tt.rate))
			require.True(t, got.Equal(eur(tt.want)), "got %s, want %s", got, tt.want)
		})
	}
}

func TestCorrectionSettle(t *testing.T) {
	tests := []struct {
		name               string
		c                  quota.Correction
		debt               time.Duration
		final              bool
		corrected, carried time.Duration
	}{
		{"settle_corrects_everything", quota.SettleCorrection(), 30 * h, false, 30 * h, 0},
		{"nothing_to_settle", quota.SettleCorrection(), 0, false, 0, 0},
		{"carry_within_the_limit_corrects_nothing", quota.CarryCorrection(20 * h), 15 * h, false, 0, 15 * h},
		{"carry_corrects_beyond_the_limit", quota.CarryCorrection(20 * h), 30 * h, false, 10 * h, 20 * h},
		{"carry_at_exactly_the_limit", quota.CarryCorrection(20 * h), 20 * h, false, 0, 20 * h},
		{"final_period_corrects_everything", quota.CarryCorrection(20 * h), 15 * h, true, 15 * h, 0},
		{"final_settle", quota.SettleCorrection(), 5 * h, true, 5 * h, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			corrected, carried := tt.c.Settle(tt.debt, tt.final)
			require.Equal(t, [2]time.Duration{tt.corrected, tt.carried}, [2]time.Duration{corrected, carried})
		})
	}
}

func TestCorrectionText(t *testing.T) {
	for _, tt := range []struct {
		c    quota.Correction
		text string
	}{
		{quota.SettleCorrection(), "settle"},
		{quota.CarryCorrection(20 * h), "carry=20h"},
	} {
		require.Equal(t, tt.text, tt.c.String())
		var got quota.Correction
		require.NoError(t, got.UnmarshalText([]byte(tt.text)))
		require.Equal(t, tt.c, got)
	}
	for text, want := range map[string]quota.Correction{"Settle": quota.SettleCorrection(), "CARRY=20H": quota.CarryCorrection(20 * h)} {
		got, err := quota.ParseCorrection(text)
		require.NoError(t, err, "words are read in any letter case: %q", text)
		require.Equal(t, want, got, "%q", text)
	}
	for _, s := range []string{"", "settle ", "carry", "carry=", "carry=-2h", "carry=2", "carry=100001h"} {
		_, err := quota.ParseCorrection(s)
		require.ErrorIs(t, err, quota.ErrInvalid, "%q", s)
	}
	require.ErrorIs(t, quota.CarryCorrection(-h).Validate(), quota.ErrInvalid)
}

func FuzzParseCorrection(f *testing.F) {
	for _, s := range []string{"settle", "carry=20h", "carry=0h", "carry=1.25h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := quota.ParseCorrection(s)
		if err != nil {
			require.ErrorIs(t, err, quota.ErrInvalid)
			return
		}
		require.NoError(t, c.Validate())
		require.Equal(t, c, must(quota.ParseCorrection(c.String())))
	})
}
