package sla_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
)

func h(hours, minutes int) time.Duration {
	return time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute
}

func TestParseWeek(t *testing.T) {
	nineToFive := []sla.Interval{{h(9, 0), h(17, 0)}}
	split := []sla.Interval{{h(8, 0), h(12, 0)}, {h(13, 0), h(17, 0)}}
	tests := []struct {
		name      string
		in        string
		want      sla.Week
		canonical string
	}{
		{"seed_000_support_hours", "Mon-Fri 09:00-17:00", sla.MonFri(nineToFive...), "Mon-Fri 09:00-17:00"},
		{"seed_003_hotline", "Mon-Fri 09:00-18:00", sla.MonFri(sla.Interval{h(9, 0), h(18, 0)}), "Mon-Fri 09:00-18:00"},
		{"two_intervals_a_day", "Mon-Fri 08:00-12:00, 13:00-17:00", sla.MonFri(split...), "Mon-Fri 08:00-12:00,13:00-17:00"},
		{"intervals_sorted", "Mon-Fri 13:00-17:00,08:00-12:00", sla.MonFri(split...), "Mon-Fri 08:00-12:00,13:00-17:00"},
		{"always_open", "Mon-Sun 00:00-24:00", sla.EveryDay(sla.Interval{0, 24 * time.Hour}), "Mon-Sun 00:00-24:00"},
		{"range_wraps_over_weekend", "Fri-Mon 10:00-14:00", sla.Week{
			time.Friday: {{h(10, 0), h(14, 0)}}, time.Saturday: {{h(10, 0), h(14, 0)}},
			time.Sunday: {{h(10, 0), h(14, 0)}}, time.Monday: {{h(10, 0), h(14, 0)}},
		}, "Mon 10:00-14:00; Fri-Sun 10:00-14:00"},
		{"groups_add_up", "Mon-Fri 09:00-12:00; Mon,Wed 13:00-15:00; sat 10:00-12:00", sla.Week{
			time.Monday: {{h(9, 0), h(12, 0)}, {h(13, 0), h(15, 0)}}, time.Tuesday: {{h(9, 0), h(12, 0)}},
			time.Wednesday: {{h(9, 0), h(12, 0)}, {h(13, 0), h(15, 0)}}, time.Thursday: {{h(9, 0), h(12, 0)}},
			time.Friday: {{h(9, 0), h(12, 0)}}, time.Saturday: {{h(10, 0), h(12, 0)}},
		}, "Mon 09:00-12:00,13:00-15:00; Tue 09:00-12:00; Wed 09:00-12:00,13:00-15:00; Thu-Fri 09:00-12:00; Sat 10:00-12:00"},
		{"seconds_kept", "Mon 09:00:30-17:00", sla.Week{time.Monday: {{h(9, 0) + 30*time.Second, h(17, 0)}}}, "Mon 09:00:30-17:00"},
		{"empty_is_closed", "", sla.Week{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sla.ParseWeek(tt.in)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseWeek(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if s := got.String(); s != tt.canonical {
				t.Errorf("String() = %q, want %q", s, tt.canonical)
			}
		})
	}
}

func TestParseWeekRejects(t *testing.T) {
	for _, in := range []string{
		"Mon-Fri", "09:00-17:00", "Mo-Fr 09:00-17:00", "Mon-Fri 9:00-17:00",
		"Mon-Fri 09:00-17:00,16:00-18:00", "Mon 09:00-12:00; Mon 11:00-13:00",
		"Mon 17:00-09:00", "Mon 09:00-09:00", "Mon 24:01-24:00", "Mon 09:60-10:00",
		"Mon 09:00-25:00", "Mon +9:00-17:00", "Mon 09:00-17:00,", "Mon 09:00 17:00",
	} {
		t.Run(in, func(t *testing.T) {
			_, err := sla.ParseWeek(in)
			var verr *sla.ValidationError
			require.True(t, errors.As(err, &verr), "ParseWeek(%q) error = %v, want *ValidationError", in, err)
			require.ErrorIs(t, err, sla.ErrInvalid)
		})
	}
}

func TestWeekTextRoundTrip(t *testing.T) {
	type doc struct {
		Week     sla.Week     `json:"week"`
		Interval sla.Interval `json:"interval"`
	}
	in := doc{Week: sla.MustParseWeek("Mon-Fri 08:00-12:00,13:00-17:00; Sat 09:00-12:00"), Interval: sla.Interval{h(9, 0), h(12, 30)}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.JSONEq(t, `{"week":"Mon-Fri 08:00-12:00,13:00-17:00; Sat 09:00-12:00","interval":"09:00-12:30"}`, string(b))
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip mismatch (-in +out):\n%s", diff)
	}
	require.Error(t, json.Unmarshal([]byte(`{"week":"Mon 09:00-08:00"}`), &out))
	_, err = json.Marshal(doc{Interval: sla.Interval{h(12, 0), h(9, 0)}})
	require.ErrorIs(t, err, sla.ErrInvalid)
}

func TestWeekHours(t *testing.T) {
	require.Equal(t, 40*time.Hour, sla.MustParseWeek("Mon-Fri 08:00-12:00,13:00-17:00").Hours())
	require.Equal(t, 7*24*time.Hour, sla.MustParseWeek("Mon-Sun 00:00-24:00").Hours())
}

func TestMustParsePanicsOnlyOnBadInput(t *testing.T) {
	require.NotPanics(t, func() { sla.MustParseWeek("Mon 09:00-17:00") })
	require.Panics(t, func() { sla.MustParseWeek("Mon 17:00-09:00") })
	require.Panics(t, func() { sla.MustParseHours("nine to five") })
}
