package quota_test

import (
	"encoding"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

var (
	_ encoding.TextMarshaler   = quota.Period{}
	_ encoding.TextUnmarshaler = (*quota.Period)(nil)
)

func TestPeriod(t *testing.T) {
	tests := []struct {
		name        string
		p           quota.Period
		want        string
		first, last string
	}{
		{"january", newPeriod(t, 2026, time.January), "2026-01", "2026-01-01", "2026-01-31"},
		{"december", newPeriod(t, 2026, time.December), "2026-12", "2026-12-01", "2026-12-31"},
		{"february_of_a_leap_year_has_29_days", newPeriod(t, 2028, time.February), "2028-02", "2028-02-01", "2028-02-29"},
		{"february_of_2100_has_28_days", newPeriod(t, 2100, time.February), "2100-02", "2100-02-01", "2100-02-28"},
		{"february_of_2000_has_29_days", newPeriod(t, 2000, time.February), "2000-02", "2000-02-01", "2000-02-29"},
		{"year_1_pads_to_four_digits", newPeriod(t, 1, time.March), "0001-03", "0001-03-01", "0001-03-31"},
		{"period_of_a_date", quota.PeriodOf(d(2026, time.April, 30)), "2026-04", "2026-04-01", "2026-04-30"},
		{"next_crosses_the_year", per("2026-12").Next(), "2027-01", "2027-01-01", "2027-01-31"},
		{"prev_crosses_the_year", per("2027-01").Prev(), "2026-12", "2026-12-01", "2026-12-31"},
		{"add_25_months", per("2026-01").Add(25), "2028-02", "2028-02-01", "2028-02-29"},
		{"add_negative", per("2026-01").Add(-13), "2024-12", "2024-12-01", "2024-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.p.String())
			require.Equal(t, tt.first, tt.p.First().String())
			require.Equal(t, tt.last, tt.p.Last().String())
			require.True(t, tt.p.Contains(tt.p.First()) && tt.p.Contains(tt.p.Last()))
			require.False(t, tt.p.Contains(tt.p.First()-1) || tt.p.Contains(tt.p.Last()+1))
			require.Equal(t, tt.p, quota.PeriodOf(tt.p.Last()))
		})
	}
}

// newPeriod is quota.NewPeriod for a month that must be valid.
func newPeriod(t *testing.T, year int, month time.Month) quota.Period {
	t.Helper()
	p, err := quota.NewPeriod(year, month)
	require.NoError(t, err)
	return p
}

// NewPeriod refuses a month outside 1-12 (it used to roll 2026-13 over to
// 2027-01) and a year outside 1-9999, whose month count would overflow
// and land on a real month.
func TestNewPeriodRefusesAMonthOrYearOutOfRange(t *testing.T) {
	tests := []struct {
		name  string
		year  int
		month time.Month
		field string
	}{
		{"month_13", 2026, 13, "Month"},
		{"month_0", 2026, 0, "Month"},
		{"negative_month", 2026, -1, "Month"},
		{"year_0", 0, time.January, "Year"},
		{"year_10000", 10000, time.January, "Year"},
		{"year_that_overflows_to_2026", 1073743850, time.January, "Year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := quota.NewPeriod(tt.year, tt.month)
			var ve *quota.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, []string{tt.field}, ve.Fields())
			require.True(t, p.IsZero())
		})
	}
}

// Add never wraps around into a real month: beyond the years 1-9999 it
// is the zero Period, which the ledger refuses.
func TestPeriodAddBeyondTheYearsIsZero(t *testing.T) {
	require.True(t, per("9999-12").Next().IsZero())
	require.True(t, per("0001-01").Prev().IsZero())
	require.True(t, per("2026-01").Add(1<<40).IsZero())
	require.True(t, per("2026-01").Add(12*1073741824).IsZero())
	require.True(t, quota.Period{}.Add(1).IsZero())
	require.True(t, quota.PeriodOf(-1).IsZero())
}

func TestPeriodOrder(t *testing.T) {
	jan, feb := per("2026-01"), per("2026-02")
	require.True(t, jan.Before(feb) && feb.After(jan) && !jan.After(feb) && !jan.Before(jan))
	require.Equal(t, []int{-1, 0, 1}, []int{jan.Compare(feb), jan.Compare(jan), feb.Compare(jan)})
	require.True(t, jan.Equal(newPeriod(t, 2026, time.January)))
	require.Equal(t, 14, per("2027-03").Sub(jan))
	require.Equal(t, -14, jan.Sub(per("2027-03")))
	require.Equal(t, per("2027-03"), jan.Add(per("2027-03").Sub(jan)))
	require.Equal(t, 2026, jan.Year())
	require.Equal(t, time.December, per("2026-12").Month())
}

func TestPeriodZero(t *testing.T) {
	var z quota.Period
	require.True(t, z.IsZero())
	require.False(t, per("0001-01").IsZero())
	require.Equal(t, "", z.String())
	require.True(t, z.Before(per("0001-01")))
	b, err := z.MarshalText()
	require.NoError(t, err)
	require.Empty(t, b)
	p := per("2026-05")
	require.NoError(t, p.UnmarshalText(nil))
	require.True(t, p.IsZero())
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want quota.Period
		ok   bool
	}{
		{"2026-01", newPeriod(t, 2026, time.January), true},
		{"9999-12", newPeriod(t, 9999, time.December), true},
		{"0001-01", newPeriod(t, 1, time.January), true},
		{"0000-01", quota.Period{}, false},
		{"2026-00", quota.Period{}, false},
		{"2026-13", quota.Period{}, false},
		{"2026-1", quota.Period{}, false},
		{"26-01", quota.Period{}, false},
		{"2026/01", quota.Period{}, false},
		{"+026-01", quota.Period{}, false},
		{"2026-+1", quota.Period{}, false},
		{"2026-01-01", quota.Period{}, false},
		{" 2026-01", quota.Period{}, false},
		{"", quota.Period{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := quota.ParsePeriod(tt.in)
			if !tt.ok {
				var ve *quota.ValidationError
				require.ErrorAs(t, err, &ve)
				require.True(t, errors.Is(err, quota.ErrInvalid))
				require.Equal(t, []string{"Period"}, ve.Fields())
				if tt.in != "" { // UnmarshalText reads "" as the zero Period
					p := per("2026-05")
					require.Error(t, p.UnmarshalText([]byte(tt.in)), "UnmarshalText(%q)", tt.in)
					require.Equal(t, per("2026-05"), p, "a failed UnmarshalText changes nothing")
				}
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
	require.Panics(t, func() { quota.MustParsePeriod("2026-13") })
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026-01", "9999-12", "0001-01", "0000-00", "2026-13", "", "abcd-ef", "2026-1x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := quota.ParsePeriod(s)
		if err != nil {
			require.ErrorIs(t, err, quota.ErrInvalid)
			return
		}
		require.Equal(t, s, p.String(), "a parsed period writes back as it was read")
		require.Equal(t, p, quota.PeriodOf(p.First()))
		require.Equal(t, p, quota.PeriodOf(p.Last()))
		if next := p.Next(); !next.IsZero() {
			require.Equal(t, 1, next.Sub(p))
		}
		var q quota.Period
		b, _ := p.MarshalText()
		require.NoError(t, q.UnmarshalText(b))
		require.Equal(t, p, q)
	})
}
