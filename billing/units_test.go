package billing_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

// TestUnits has each rounding mode with values derived by hand: t / size,
// then up (ceil), nearest (half up) or down (floor), then the minimum.
func TestUnits(t *testing.T) {
	const s = time.Second
	up := billing.UnitPolicy{}
	nearest := billing.UnitPolicy{Rounding: billing.RoundNearest}
	down := billing.UnitPolicy{Rounding: billing.RoundDown}
	for _, tc := range []struct {
		name string
		p    billing.UnitPolicy
		t    time.Duration
		want int64
	}{
		{"up/no_time_no_units", up, 0, 0},
		{"up/negative_no_units", up, -m, 0},
		{"up/1ns_is_a_unit", up, 1, 1},
		{"up/1m_is_1", up, m, 1},
		{"up/15m_is_1", up, 15 * m, 1},
		{"up/15m1s_is_2", up, 15*m + s, 2},
		{"up/44m_is_3", up, 44 * m, 3}, // 2.93
		{"up/8h_is_32", up, 8 * h, 32},
		{"nearest/7m29s_is_0", nearest, 7*m + 29*s, 0}, // 0.498
		{"nearest/7m30s_is_1", nearest, 7*m + 30*s, 1}, // 0.5 rounds up
		{"nearest/22m29s_is_1", nearest, 22*m + 29*s, 1},
		{"nearest/22m30s_is_2", nearest, 22*m + 30*s, 2},
		{"nearest/37m_is_2", nearest, 37 * m, 2}, // 2.47
		{"nearest/44m_is_3", nearest, 44 * m, 3}, // 2.93
		{"down/14m59s_is_0", down, 14*m + 59*s, 0},
		{"down/15m_is_1", down, 15 * m, 1},
		{"down/44m_is_2", down, 44 * m, 2},
		{"up_min_2/1m_is_2", billing.UnitPolicy{Minimum: 2}, m, 2},
		{"up_min_2/44m_is_3", billing.UnitPolicy{Minimum: 2}, 44 * m, 3},
		{"up_min_2/no_time_no_minimum", billing.UnitPolicy{Minimum: 2}, 0, 0},
		{"down_min_1/10m_is_1", billing.UnitPolicy{Rounding: billing.RoundDown, Minimum: 1}, 10 * m, 1},
		{"size_10m_up/25m_is_3", billing.UnitPolicy{Size: 10 * m}, 25 * m, 3},
		{"size_1h_nearest/1h29m_is_1", billing.UnitPolicy{Size: h, Rounding: billing.RoundNearest}, h + 29*m, 1},
		{"size_1h_nearest/1h30m_is_2", billing.UnitPolicy{Size: h, Rounding: billing.RoundNearest}, h + 30*m, 2},
		{"size_7m_nearest/3m30s_is_1", billing.UnitPolicy{Size: 7 * m, Rounding: billing.RoundNearest}, 3*m + 30*s, 1},
		{"size_7m_nearest/3m29s_is_0", billing.UnitPolicy{Size: 7 * m, Rounding: billing.RoundNearest}, 3*m + 29*s, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.p.Validate())
			if got := tc.p.Units(tc.t); got != tc.want {
				t.Errorf("Units(%s) = %d, want %d", tc.t, got, tc.want)
			}
			size := tc.p.Size
			if size == 0 {
				size = 15 * m
			}
			if got := tc.p.Billed(tc.t); got != time.Duration(tc.want)*size {
				t.Errorf("Billed(%s) = %s", tc.t, got)
			}
		})
	}
}

func TestUnitPolicyText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want billing.UnitPolicy
		out  string
	}{
		{"15m up min=0 per=entry", billing.UnitPolicy{Size: 15 * m}, "15m up min=0 per=entry"},
		{"30m", billing.UnitPolicy{Size: 30 * m}, "30m up min=0 per=entry"},
		{"1h per=ticket-day nearest min=1", billing.UnitPolicy{Size: h, Rounding: billing.RoundNearest, Minimum: 1, Per: billing.PerTicketDay}, "1h nearest min=1 per=ticket-day"},
		{" 1h30m  rounding=down ", billing.UnitPolicy{Size: 90 * m, Rounding: billing.RoundDown}, "1h30m down min=0 per=entry"},
	} {
		got, err := billing.ParseUnitPolicy(tc.in)
		require.NoError(t, err, tc.in)
		diff(t, tc.in, tc.want, got)
		if s := got.String(); s != tc.out {
			t.Errorf("String() = %q, want %q", s, tc.out)
		}
		var back billing.UnitPolicy
		b, err := got.MarshalText()
		require.NoError(t, err)
		require.NoError(t, back.UnmarshalText(b))
		diff(t, "round trip", got, back)
	}
	if s := (billing.UnitPolicy{}).String(); s != "15m up min=0 per=entry" {
		t.Errorf("zero policy: %q", s)
	}
	for in, fields := range map[string][]string{
		"":                        {"UnitPolicy"},
		"15":                      {"Size"},
		"90s up":                  {"Size"},
		"15m sideways min=x":      {"UnitRounding", "Minimum"},
		"15m up up":               {"UnitPolicy"},
		"15m per=week colour=red": {"UnitGrouping", "UnitPolicy"},
		"25h min=5000":            {"Size", "Minimum"},
	} {
		_, err := billing.ParseUnitPolicy(in)
		var ve *billing.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%q: %v", in, err)
			continue
		}
		for _, f := range fields {
			if !ve.Has(f) {
				t.Errorf("%q: no problem with %s in %v", in, f, err)
			}
		}
	}
}
