package jsonform

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func TestHoursRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		text string
	}{
		{0, "0h"}, {10 * time.Hour, "10h"}, {7*time.Hour + 30*time.Minute, "7h30m"}, {45 * time.Minute, "45m"},
		{-(2*time.Hour + 15*time.Minute), "-2h15m"}, {time.Hour + 30*time.Second, "1h0m30s"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			require.Equal(t, tc.text, Hours(tc.d))
			back, err := ParseHours(tc.text)
			require.NoError(t, err)
			require.Equal(t, tc.d, back)
		})
	}
}

func TestParseHoursRefusesTextWithoutUnit(t *testing.T) {
	for _, s := range []string{"", "10", "0", "ten hours", "36000000000000", "1h 30m"} {
		_, err := ParseHours(s)
		require.Error(t, err, s)
	}
	d, err := ParseHours("1.5h")
	require.NoError(t, err)
	require.Equal(t, 90*time.Minute, d)
}

func TestParseDateRefusesDaysThatDoNotExist(t *testing.T) {
	for _, s := range []string{"2026-02-30", "2026-13-01", "2026-2-3", "03.02.2026", "2026-02-03T00:00:00Z", "2025-02-29", " 2026-02-03"} {
		_, err := ParseDate(s)
		require.Error(t, err, s)
	}
	d, err := ParseDate("2028-02-29")
	require.NoError(t, err)
	require.Equal(t, date.New(2028, time.February, 29), d)
	require.Equal(t, "2028-02-29", Date(d))
	z, err := ParseDate("")
	require.NoError(t, err)
	require.Equal(t, date.Zero, z)
	require.Equal(t, "", Date(date.Zero))
}

func TestMoneyKeepsTwoDecimalsAtLeast(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"950", "950.00"}, {"950.00", "950.00"}, {"0.125", "0.125"}, {"-12.5", "-12.50"}, {"0", "0.00"},
	} {
		d, err := ParseMoney(tc.in)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.out, Money(d))
		back, err := ParseMoney(Money(d))
		require.NoError(t, err)
		require.True(t, back.Equal(decimal.RequireFromString(tc.in)))
	}
	for _, s := range []string{"1e3", "12,50", "€12", "+1", ".5", "5.", "1.2.3", "--1", "NaN", " 1"} {
		_, err := ParseMoney(s)
		require.Error(t, err, s)
	}
}

func TestDecodeRefusesUnknownNamesAndTrailingValues(t *testing.T) {
	var v struct {
		Hours string `json:"hours"`
	}
	require.NoError(t, Decode([]byte(`{"hours":"1h"}`), &v))
	require.ErrorContains(t, Decode([]byte(`{"hours":"1h","Hourz":"2h"}`), &v), "Hourz")
	require.Error(t, Decode([]byte(`{"hours":"1h"} {}`), &v))
	require.Error(t, Decode([]byte(`{"hours":1}`), &v))
}

func FuzzParsers(f *testing.F) {
	for _, s := range []string{"7h30m", "2026-02-28", "950.00", "", "-0.5", "2026-02-30", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseHours(s); err == nil {
			back, err := ParseHours(Hours(d))
			if err != nil || back != d {
				t.Fatalf("hours %q: %v, %v", s, back, err)
			}
		}
		if d, err := ParseDate(s); err == nil {
			back, err := ParseDate(Date(d))
			if err != nil || back != d {
				t.Fatalf("date %q: %v, %v", s, back, err)
			}
		}
		if m, err := ParseMoney(s); err == nil {
			back, err := ParseMoney(Money(m))
			if err != nil || !back.Equal(m) {
				t.Fatalf("money %q: %v, %v", s, back, err)
			}
		}
	})
}
