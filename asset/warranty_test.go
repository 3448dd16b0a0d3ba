package asset_test

import (
	"testing"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
)

func TestWarrantyFor(t *testing.T) {
	for _, tc := range []struct {
		name   string
		start  date.Date
		months int
		end    date.Date
		field  string
	}{
		{"two_years_end_on_the_same_day_number", d(2026, 3, 15), 24, d(2028, 3, 15), ""},
		{"a_year_from_new_year", d(2026, 1, 1), 12, d(2027, 1, 1), ""},
		{"one_month_from_31_january_ends_28_february", d(2026, 1, 31), 1, d(2026, 2, 28), ""},
		{"one_month_from_31_january_in_a_leap_year_ends_29_february", d(2024, 1, 31), 1, d(2024, 2, 29), ""},
		{"a_year_from_29_february_ends_28_february", d(2024, 2, 29), 12, d(2025, 2, 28), ""},
		{"four_years_from_29_february_end_29_february", d(2024, 2, 29), 48, d(2028, 2, 29), ""},
		{"across_the_year_end_clamped", d(2025, 12, 31), 2, d(2026, 2, 28), ""},
		{"31_august_plus_one_month_is_30_september", d(2026, 8, 31), 1, d(2026, 9, 30), ""},
		{"hundred_years_is_the_limit", d(2026, 1, 1), 1200, d(2126, 1, 1), ""},
		{"zero_months_refused", d(2026, 1, 1), 0, 0, "Months"},
		{"negative_months_refused", d(2026, 1, 1), -12, 0, "Months"},
		{"more_than_hundred_years_refused", d(2026, 1, 1), 1201, 0, "Months"},
		{"start_required", date.Zero, 12, 0, "Start"},
		{"start_year_from_1900", d(1800, 1, 1), 12, 0, "Start"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := asset.WarrantyFor(tc.start, tc.months)
			if got := fieldOf(t, err); got != tc.field {
				t.Fatalf("field %q, want %q", got, tc.field)
			}
			if err == nil {
				diff(t, "warranty", asset.Warranty{Start: tc.start, End: tc.end}, w)
			}
		})
	}
}

func TestWarrantyCovers(t *testing.T) {
	year := asset.Warranty{Start: d(2026, 1, 1), End: d(2026, 12, 31)}
	endOnly := asset.Warranty{End: d(2026, 12, 31)}
	for _, tc := range []struct {
		name string
		w    asset.Warranty
		day  date.Date
		want bool
	}{
		{"day_before_start", year, d(2025, 12, 31), false},
		{"first_day", year, d(2026, 1, 1), true},
		{"last_day", year, d(2026, 12, 31), true},
		{"day_after_end", year, d(2027, 1, 1), false},
		{"unknown_start_covers_everything_before_the_end", endOnly, d(1990, 6, 1), true},
		{"unknown_start_ends_all_the_same", endOnly, d(2027, 1, 1), false},
		{"no_warranty_covers_nothing", asset.Warranty{}, d(2026, 6, 1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.w.Covers(tc.day); got != tc.want {
				t.Errorf("Covers(%s) = %v", tc.day, got)
			}
		})
	}
}

func TestLicenceValidOn(t *testing.T) {
	term := asset.Licence{Seats: 25, Expires: d(2026, 12, 31)}
	perpetual := asset.Licence{Seats: 5}
	for _, tc := range []struct {
		name string
		l    asset.Licence
		day  date.Date
		want bool
	}{
		{"before_expiry", term, d(2026, 6, 1), true},
		{"on_the_last_day", term, d(2026, 12, 31), true},
		{"after_the_last_day", term, d(2027, 1, 1), false},
		{"perpetual_never_ends", perpetual, d(2099, 1, 1), true},
		{"none_recorded", asset.Licence{}, d(2026, 6, 1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.l.ValidOn(tc.day); got != tc.want {
				t.Errorf("ValidOn(%s) = %v", tc.day, got)
			}
		})
	}
	if !perpetual.Perpetual() || term.Perpetual() || !(asset.Licence{}).IsZero() || term.IsZero() {
		t.Error("Perpetual or IsZero wrong")
	}
}
