package sla_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want sla.Target
		text string // String of the result, when it differs from in
	}{
		{"business_hours", "8h business", sla.Target{Kind: sla.BusinessTime, Duration: 8 * time.Hour}, ""},
		{"business_hours_and_minutes", "1h30m business", sla.Target{Kind: sla.BusinessTime, Duration: 90 * time.Minute}, ""},
		{"minutes_are_written_as_hours_and_minutes", "90m business", sla.Target{Kind: sla.BusinessTime, Duration: 90 * time.Minute}, "1h30m business"},
		{"fractional_hours", "1.5h business", sla.Target{Kind: sla.BusinessTime, Duration: 90 * time.Minute}, "1h30m business"},
		{"seed_004_24_clock_hours", "24h clock", sla.Target{Kind: sla.ClockTime, Duration: 24 * time.Hour}, ""},
		{"seconds_kept", "1h0m30s clock", sla.Target{Kind: sla.ClockTime, Duration: time.Hour + 30*time.Second}, ""},
		{"seed_002_7_business_days", "7 business days", sla.Target{Kind: sla.BusinessDays, Days: 7}, ""},
		{"one_business_day_singular", "1 business day", sla.Target{Kind: sla.BusinessDays, Days: 1}, ""},
		{"day_or_days_either_way", "1 business days", sla.Target{Kind: sla.BusinessDays, Days: 1}, "1 business day"},
		{"zero_days_is_close_of_receipt_day", "0 business days", sla.Target{Kind: sla.BusinessDays}, ""},
		{"any_case_and_spacing", "  30  Business\tDAYS ", sla.Target{Kind: sla.BusinessDays, Days: 30}, "30 business days"},
		{"largest_day_count", "36500 business days", sla.Target{Kind: sla.BusinessDays, Days: 36500}, ""},
		{"largest_duration", "876000h clock", sla.Target{Kind: sla.ClockTime, Duration: 876000 * time.Hour}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sla.ParseTarget(tt.in)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("ParseTarget(%q) (-want +got):\n%s", tt.in, diff)
			}
			text := tt.text
			if text == "" {
				text = tt.in
			}
			if got.String() != text {
				t.Errorf("String() = %q, want %q", got.String(), text)
			}
		})
	}
}

func TestParseTargetRejects(t *testing.T) {
	for _, in := range []string{
		"", "8h", "business", "8h business hours", "8 business", "8h busy",
		"8h clock time", "-1h business", "0h clock", "0s business",
		"876001h clock", "7 business", "7 days", "7.5 business days",
		"-1 business days", "36501 business days", "seven business days",
		"7 business weeks", "99999999999999999999 business days",
	} {
		t.Run(in, func(t *testing.T) {
			_, err := sla.ParseTarget(in)
			var verr *sla.ValidationError
			require.ErrorAs(t, err, &verr)
			require.ErrorIs(t, err, sla.ErrInvalid)
		})
	}
}

func TestTargetText(t *testing.T) {
	var zero sla.Target
	require.True(t, zero.IsZero())
	require.Equal(t, "", zero.String())
	_, err := zero.MarshalText()
	require.ErrorIs(t, err, sla.ErrInvalid, "the zero Target is no target to store")

	// A Target built in code with a field of the wrong kind is caught, not
	// written as if the stray field were not there.
	mixed := sla.Target{Kind: sla.BusinessDays, Days: 3, Duration: time.Hour}
	_, err = mixed.MarshalText()
	require.ErrorIs(t, err, sla.ErrInvalid)
	require.Equal(t, "Target{business days 1h0m0s 3}", mixed.String())

	var got sla.Target
	require.NoError(t, got.UnmarshalText([]byte("24h clock")))
	b, err := got.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "24h clock", string(b))
	require.Error(t, got.UnmarshalText([]byte("soon")))
	require.Equal(t, sla.MustParseTarget("24h clock"), got, "a failed UnmarshalText leaves the target alone")

	require.Panics(t, func() { sla.MustParseTarget("soon") })
	require.Equal(t, "TargetKind(9)", sla.TargetKind(9).String())
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{
		"8h business", "24h clock", "7 business days", "1 business day",
		"0 business days", "1h0m0.000000001s clock", "1.5h business",
		"-1h business", "9223372036854775807 business days", "8h", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := sla.ParseTarget(s)
		if err != nil {
			var verr *sla.ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, sla.ErrInvalid) {
				t.Fatalf("ParseTarget(%q) error %v is not a *ValidationError", s, err)
			}
			return
		}
		// Whatever was accepted writes back to text that reads as the
		// same target.
		text, err := got.MarshalText()
		if err != nil {
			t.Fatalf("ParseTarget(%q) = %#v, which does not marshal: %v", s, got, err)
		}
		again, err := sla.ParseTarget(string(text))
		if err != nil || again != got {
			t.Fatalf("ParseTarget(%q) = %#v, written %q, read back %#v, %v", s, got, text, again, err)
		}
	})
}

func TestTargetValidate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		target sla.Target
		ok     bool
	}{
		{"business_hours", sla.Target{Kind: sla.BusinessTime, Duration: 4 * time.Hour}, true},
		{"zero_business_days_is_close_of_receipt_day", sla.Target{Kind: sla.BusinessDays}, true},
		{"zero_target", sla.Target{}, false},
		{"days_on_a_clock_target", sla.Target{Kind: sla.ClockTime, Duration: time.Hour, Days: 2}, false},
		{"negative_duration", sla.Target{Kind: sla.ClockTime, Duration: -time.Hour}, false},
		{"unknown_kind", sla.Target{Kind: 9, Duration: time.Hour}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.target.Validate()
			if tt.ok != (err == nil) {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, sla.ErrInvalid) {
				t.Fatalf("%v does not match ErrInvalid", err)
			}
		})
	}
}
