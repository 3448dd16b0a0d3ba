package quota_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

func TestWatch(t *testing.T) {
	// u builds the usage of consecutive months from 2026-01 at 100h each;
	// each row is {used, closing, corrected}.
	u := func(rows ...[3]time.Duration) []quota.Usage {
		var us []quota.Usage
		for i, r := range rows {
			us = append(us, quota.Usage{Period: per("2026-01").Add(i), Allotted: 100 * h, Used: r[0], Closing: r[1], Corrected: r[2]})
		}
		return us
	}
	tests := []struct {
		name      string
		usage     []quota.Usage
		cfg       quota.WatchConfig
		flag      quota.Flag
		average   time.Duration
		suggested time.Duration
	}{
		{"no_history_is_steady", nil, quota.WatchConfig{}, quota.Steady, 0, 0},
		{"too_few_periods_is_steady", u([3]time.Duration{130 * h, 0, 30 * h}, [3]time.Duration{130 * h, 0, 30 * h}), quota.WatchConfig{},
			quota.Steady, 130 * h, 130 * h},
		{"corrected_three_months_running_is_sliding", u(
			[3]time.Duration{130 * h, 0, 30 * h}, [3]time.Duration{110 * h, 0, 10 * h}, [3]time.Duration{121 * h, 0, 21 * h},
		), quota.WatchConfig{}, quota.Sliding, 120*h + 20*time.Minute, 121 * h}, // (130+110+121)/3 = 120h20m, rounded up to 121h
		{"a_carried_negative_balance_counts_as_sliding", u(
			[3]time.Duration{115 * h, -15 * h, 0}, [3]time.Duration{105 * h, -20 * h, 0}, [3]time.Duration{110 * h, -20 * h, 10 * h},
		), quota.WatchConfig{}, quota.Sliding, 110 * h, 110 * h},
		{"one_month_in_the_black_breaks_the_slide", u(
			[3]time.Duration{130 * h, 0, 30 * h}, [3]time.Duration{90 * h, 10 * h, 0}, [3]time.Duration{130 * h, 0, 20 * h},
		), quota.WatchConfig{}, quota.Steady, 350 * h / 3, 117 * h}, // 116h40m rounds up to 117h
		{"only_the_last_periods_count", u(
			[3]time.Duration{130 * h, 0, 30 * h}, [3]time.Duration{50 * h, 50 * h, 0}, [3]time.Duration{60 * h, 90 * h, 0}, [3]time.Duration{70 * h, 120 * h, 0},
		), quota.WatchConfig{}, quota.Generous, 60 * h, 60 * h},
		{"below_80_percent_three_months_is_generous", u(
			[3]time.Duration{79 * h, 21 * h, 0}, [3]time.Duration{0, 121 * h, 0}, [3]time.Duration{40 * h, 181 * h, 0},
		), quota.WatchConfig{}, quota.Generous, 119 * h / 3, 40 * h}, // 39h40m up to 40h
		{"exactly_80_percent_is_not_generous", u(
			[3]time.Duration{79 * h, 21 * h, 0}, [3]time.Duration{80 * h, 41 * h, 0}, [3]time.Duration{40 * h, 101 * h, 0},
		), quota.WatchConfig{}, quota.Steady, 199 * h / 3, 67 * h},
		{"threshold_100_flags_any_growth", u(
			[3]time.Duration{99 * h, h, 0}, [3]time.Duration{99 * h, 2 * h, 0}, [3]time.Duration{99 * h, 3 * h, 0},
		), quota.WatchConfig{GenerousBelow: 100}, quota.Generous, 99 * h, 99 * h},
		{"two_periods_configured", u(
			[3]time.Duration{130 * h, 0, 30 * h}, [3]time.Duration{101 * h, 0, h},
		), quota.WatchConfig{Periods: 2}, quota.Sliding, 115*h + 30*time.Minute, 116 * h},
		{"suggestion_in_quarter_hours", u(
			[3]time.Duration{130 * h, 0, 30 * h}, [3]time.Duration{110 * h, 0, 10 * h}, [3]time.Duration{121 * h, 0, 21 * h},
		), quota.WatchConfig{Step: 15 * time.Minute}, quota.Sliding, 120*h + 20*time.Minute, 120*h + 30*time.Minute},
		{"reversals_beyond_use_are_generous", u(
			[3]time.Duration{-h, 101 * h, 0}, [3]time.Duration{0, 201 * h, 0}, [3]time.Duration{0, 301 * h, 0},
		), quota.WatchConfig{}, quota.Generous, -20 * time.Minute, 0},
		{"average_truncates_to_the_nanosecond", u(
			[3]time.Duration{10 * h, 90 * h, 0}, [3]time.Duration{10 * h, 180 * h, 0}, [3]time.Duration{10*h + 2, 270 * h, 0},
		), quota.WatchConfig{}, quota.Generous, 10 * h, 10 * h}, // (30h + 2ns) / 3
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := quota.Watch(tt.usage, tt.cfg)
			require.NoError(t, err)
			want := quota.Assessment{Flag: tt.flag, AverageUsed: tt.average, Suggested: tt.suggested}
			if len(tt.usage) > 0 {
				n := tt.cfg.Periods
				if n == 0 {
					n = 3
				}
				want.Usage = tt.usage[max(0, len(tt.usage)-n):]
				want.Allotted = 100 * h
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWatchRefuses(t *testing.T) {
	ok := []quota.Usage{{Period: per("2026-01")}, {Period: per("2026-02")}}
	for _, tt := range []struct {
		name  string
		usage []quota.Usage
		cfg   quota.WatchConfig
		field string
	}{
		{"negative_periods", ok, quota.WatchConfig{Periods: -1}, "Periods"},
		{"too_many_periods", ok, quota.WatchConfig{Periods: quota.MaxKeep + 1}, "Periods"},
		{"percentage_above_100", ok, quota.WatchConfig{GenerousBelow: 101}, "GenerousBelow"},
		{"negative_step", ok, quota.WatchConfig{Step: -time.Minute}, "Step"},
		{"periods_out_of_order", []quota.Usage{{Period: per("2026-02")}, {Period: per("2026-01")}}, quota.WatchConfig{}, "usage[1].Period"},
		{"period_twice", []quota.Usage{{Period: per("2026-02")}, {Period: per("2026-02")}}, quota.WatchConfig{}, "usage[1].Period"},
		{"figures_beyond_max", []quota.Usage{{Period: per("2026-02"), Used: quota.MaxBalance + 1}}, quota.WatchConfig{}, "usage[0]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := quota.Watch(tt.usage, tt.cfg)
			var ve *quota.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, []string{tt.field}, ve.Fields())
		})
	}
}

// TestWatchLargeFigures checks that neither the average nor the
// percentage overflows near the bounds.
func TestWatchLargeFigures(t *testing.T) {
	var us []quota.Usage
	for i := range 3 {
		us = append(us, quota.Usage{Period: per("2026-01").Add(i), Allotted: quota.MaxHours, Used: quota.MaxBalance, Corrected: quota.MaxBalance})
	}
	got, err := quota.Watch(us, quota.WatchConfig{GenerousBelow: 100})
	require.NoError(t, err)
	require.Equal(t, quota.Sliding, got.Flag)
	require.Equal(t, quota.MaxBalance, got.AverageUsed)
	us[2].Used, us[2].Corrected = quota.MaxHours-1, 0
	for i := range us {
		us[i].Used, us[i].Corrected = quota.MaxHours-1, 0
	}
	got, err = quota.Watch(us, quota.WatchConfig{GenerousBelow: 100})
	require.NoError(t, err)
	require.Equal(t, quota.Generous, got.Flag, "1ns short of the allotment is below 100%%")
}
