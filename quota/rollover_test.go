package quota_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// TestRolloverLapse applies each rule to the lots at one close. Lots are
// soonest-expiring first, never-expiring (zero Period) last, as Account
// keeps them.
func TestRolloverLapse(t *testing.T) {
	never := quota.Period{}
	jan, feb, mar := per("2026-01"), per("2026-02"), per("2026-03")
	lot := func(p quota.Period, hours time.Duration) quota.Lot { return quota.Lot{Expires: p, Hours: hours} }
	tests := []struct {
		name   string
		r      quota.Rollover
		lots   []quota.Lot
		kept   []quota.Lot
		lapsed time.Duration
	}{
		{"full_keeps_everything", quota.FullRollover(), []quota.Lot{lot(never, 50*h)}, []quota.Lot{lot(never, 50*h)}, 0},
		{"full_keeps_nothing_when_nothing_is_left", quota.FullRollover(), nil, nil, 0},
		{"none_lapses_the_period's_hours", quota.NoRollover(), []quota.Lot{lot(jan, 50*h)}, []quota.Lot{}, 50 * h},
		{"capped_at_20h_keeps_20h", quota.CappedRollover(20 * h), []quota.Lot{lot(never, 50*h)}, []quota.Lot{lot(never, 20*h)}, 30 * h},
		{"capped_at_20h_keeps_less_untouched", quota.CappedRollover(20 * h), []quota.Lot{lot(never, 15*h)}, []quota.Lot{lot(never, 15*h)}, 0},
		{"capped_at_exactly_the_cap_lapses_nothing", quota.CappedRollover(20 * h), []quota.Lot{lot(never, 20*h)}, []quota.Lot{lot(never, 20*h)}, 0},
		{"capped_at_0h_is_no_rollover", quota.CappedRollover(0), []quota.Lot{lot(never, 7*h)}, []quota.Lot{}, 7 * h},
		{"expiring_lapses_only_the_lot_due", quota.ExpiringRollover(1), []quota.Lot{lot(jan, 10*h), lot(feb, 100*h)}, []quota.Lot{lot(feb, 100*h)}, 10 * h},
		{"expiring_keeps_lots_due_later", quota.ExpiringRollover(2), []quota.Lot{lot(feb, 10*h), lot(mar, 100*h)}, []quota.Lot{lot(feb, 10*h), lot(mar, 100*h)}, 0},
		{"overdue_lot_lapses_too", quota.ExpiringRollover(1), []quota.Lot{lot(per("2025-12"), 5*h)}, []quota.Lot{}, 5 * h},
		// 10h lapse with January; of the 200h left the cap keeps 120h, so
		// 80h lapse taken from February's lot, the sooner one.
		{"capped_and_expiring_lapses_soonest_first", quota.Rollover{Capped: true, Cap: 120 * h, Expiring: true, Keep: 2},
			[]quota.Lot{lot(jan, 10*h), lot(feb, 100*h), lot(mar, 100*h)}, []quota.Lot{lot(feb, 20*h), lot(mar, 100*h)}, 90 * h},
		{"cap_spans_several_lots", quota.CappedRollover(30 * h),
			[]quota.Lot{lot(feb, 20*h), lot(mar, 25*h), lot(never, 40*h)}, []quota.Lot{lot(never, 30*h)}, 55 * h},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := append([]quota.Lot(nil), tt.lots...)
			kept, lapsed := tt.r.Lapse(tt.lots, jan)
			if diff := cmp.Diff(tt.kept, kept); diff != "" {
				t.Errorf("kept (-want +got):\n%s", diff)
			}
			require.Equal(t, tt.lapsed, lapsed)
			require.Equal(t, before, tt.lots, "Lapse must not change its input")
		})
	}
}

func TestRolloverExpires(t *testing.T) {
	require.True(t, quota.FullRollover().Expires(per("2026-01")).IsZero())
	require.True(t, quota.CappedRollover(5*h).Expires(per("2026-01")).IsZero())
	require.Equal(t, per("2026-01"), quota.NoRollover().Expires(per("2026-01")))
	require.Equal(t, per("2026-04"), quota.ExpiringRollover(3).Expires(per("2026-01")))
}

func TestRolloverText(t *testing.T) {
	tests := []struct {
		r    quota.Rollover
		text string
	}{
		{quota.FullRollover(), "full"},
		{quota.NoRollover(), "none"},
		{quota.CappedRollover(20 * h), "cap=20h"},
		{quota.CappedRollover(7*h + 30*time.Minute), "cap=7h30m"},
		{quota.CappedRollover(0), "cap=0h"},
		{quota.ExpiringRollover(3), "keep=3"},
		{quota.Rollover{Capped: true, Cap: 20 * h, Expiring: true, Keep: 3}, "cap=20h keep=3"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			require.Equal(t, tt.text, tt.r.String())
			got, err := quota.ParseRollover(tt.text)
			require.NoError(t, err)
			require.Equal(t, tt.r, got)
			var u quota.Rollover
			require.NoError(t, u.UnmarshalText([]byte(tt.text)))
			require.Equal(t, tt.r, u)
		})
	}
}

func TestParseRolloverReadsWordsInAnyLetterCase(t *testing.T) {
	for text, want := range map[string]quota.Rollover{
		"Full": quota.FullRollover(), "NONE": quota.NoRollover(),
		"Cap=20H Keep=3": {Capped: true, Cap: 20 * h, Expiring: true, Keep: 3},
	} {
		got, err := quota.ParseRollover(text)
		require.NoError(t, err, "%q", text)
		require.Equal(t, want, got, "%q", text)
	}
}

func TestParseRolloverRefuses(t *testing.T) {
	for _, s := range []string{"", "full ", "cap", "cap=", "cap=-1h", "cap=20", "cap=200000h", "keep=", "keep=-1", "keep=121",
		"keep=x", "cap=1h cap=2h", "keep=1 keep=2", "cap=1h keep=1 full", "cap=1h  keep=1", "keep=00001", "none keep=1"} {
		t.Run(s, func(t *testing.T) {
			_, err := quota.ParseRollover(s)
			require.ErrorIs(t, err, quota.ErrInvalid)
			r := quota.CappedRollover(h)
			require.Error(t, r.UnmarshalText([]byte(s)))
			require.Equal(t, quota.CappedRollover(h), r)
		})
	}
	require.Equal(t, quota.Rollover{Expiring: true, Keep: 3, Capped: true, Cap: h}, must(quota.ParseRollover("keep=3 cap=1h")), "either order")
}

func TestRolloverValidate(t *testing.T) {
	tests := []struct {
		name  string
		r     quota.Rollover
		field string
	}{
		{"cap_without_capped", quota.Rollover{Cap: h}, "Rollover.Cap"},
		{"keep_without_expiring", quota.Rollover{Keep: 1}, "Rollover.Keep"},
		{"negative_cap", quota.CappedRollover(-h), "Rollover.Cap"},
		{"cap_beyond_max", quota.CappedRollover(quota.MaxHours + 1), "Rollover.Cap"},
		{"negative_keep", quota.ExpiringRollover(-1), "Rollover.Keep"},
		{"keep_beyond_max", quota.ExpiringRollover(quota.MaxKeep + 1), "Rollover.Keep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ve *quota.ValidationError
			require.ErrorAs(t, tt.r.Validate(), &ve)
			require.Equal(t, []string{tt.field}, ve.Fields())
		})
	}
	require.NoError(t, quota.ExpiringRollover(quota.MaxKeep).Validate())
}

func FuzzParseRollover(f *testing.F) {
	for _, s := range []string{"full", "none", "cap=20h", "keep=3", "cap=20h keep=3", "cap=1.5h", "keep=0", "cap=0h keep=0", "cap=1h1ns"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := quota.ParseRollover(s)
		if err != nil {
			require.ErrorIs(t, err, quota.ErrInvalid)
			return
		}
		require.NoError(t, r.Validate())
		again, err := quota.ParseRollover(r.String())
		require.NoError(t, err, "String of a parsed rule must parse: %q", r.String())
		require.Equal(t, r, again)
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
