package billing_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
)

func TestLineNet(t *testing.T) {
	for _, tc := range []struct {
		qty, price, base, want string
	}{
		{"45", "95.55", "60", "71.66"},   // 71.6625
		{"10", "100", "60", "16.67"},     // 16.666...
		{"1", "0.30", "60", "0.01"},      // 0.005: half away from zero
		{"-1", "0.30", "60", "-0.01"},    // and the credit mirrors it
		{"3", "0.125", "0", "0.38"},      // base 0 is 1: 0.375
		{"3", "0.125", "1", "0.38"},      // 0.375
		{"-45", "95.55", "60", "-71.66"}, // -71.6625
		{"250.5", "0.0825", "1", "20.67"},
		{"0", "95", "60", "0.00"},
	} {
		got := billing.LineNet(dec(tc.qty), dec(tc.price), dec(tc.base))
		if !got.Equal(dec(tc.want)) {
			t.Errorf("%s × %s / %s = %s, want %s", tc.qty, tc.price, tc.base, got, tc.want)
		}
	}
}

func line(net, rate string) billing.ChargeLine {
	return billing.ChargeLine{Net: dec(net), VATRate: dec(rate)}
}

// TestTotals: VAT per rate on the sum of rounded line amounts (EN 16931
// BR-CO-17), in the cases where rounding VAT per line and adding up
// would give another total.
func TestTotals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []billing.ChargeLine
		want  billing.DocumentTotals
	}{
		{
			// Per line: 0.13 × 19 % = 0.0247 -> 0.02, three times 0.06.
			// Per document: 0.39 × 19 % = 0.0741 -> 0.07.
			name:  "three_small_lines",
			lines: []billing.ChargeLine{line("0.13", "19"), line("0.13", "19"), line("0.13", "19")},
			want: billing.DocumentTotals{Net: dec("0.39"), VATTotal: dec("0.07"), Gross: dec("0.46"),
				VAT: []billing.VATBreakdown{{Rate: dec("19"), Base: dec("0.39"), Tax: dec("0.07")}}},
		},
		{
			// 7 %: per line 5.05 × 7 % = 0.3535 -> 0.35, twice 0.70; per
			// document 10.10 × 7 % = 0.707 -> 0.71. 19 %: 10.00 -> 1.90.
			name:  "two_rates",
			lines: []billing.ChargeLine{line("10.00", "19"), line("5.05", "7"), line("5.05", "7")},
			want: billing.DocumentTotals{Net: dec("20.10"), VATTotal: dec("2.61"), Gross: dec("22.71"),
				VAT: []billing.VATBreakdown{{Rate: dec("7"), Base: dec("10.10"), Tax: dec("0.71")}, {Rate: dec("19"), Base: dec("10.00"), Tax: dec("1.90")}}},
		},
		{
			// A credit: -95.00 + 47.50 = -47.50; -47.50 × 19 % = -9.025
			// -> -9.03 (away from zero); -56.53.
			name:  "credit",
			lines: []billing.ChargeLine{line("-95.00", "19"), line("47.50", "19")},
			want: billing.DocumentTotals{Net: dec("-47.50"), VATTotal: dec("-9.03"), Gross: dec("-56.53"),
				VAT: []billing.VATBreakdown{{Rate: dec("19"), Base: dec("-47.50"), Tax: dec("-9.03")}}},
		},
		{
			// Zero-rated lines get their own breakdown.
			name:  "zero_rate",
			lines: []billing.ChargeLine{line("12.34", "0"), line("1.00", "19")},
			want: billing.DocumentTotals{Net: dec("13.34"), VATTotal: dec("0.19"), Gross: dec("13.53"),
				VAT: []billing.VATBreakdown{{Rate: dec("0"), Base: dec("12.34"), Tax: dec("0")}, {Rate: dec("19"), Base: dec("1.00"), Tax: dec("0.19")}}},
		},
		{
			name: "empty",
			want: billing.DocumentTotals{Net: decimal.Zero, VATTotal: decimal.Zero, Gross: decimal.Zero},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := billing.TotalsOf(tc.lines)
			diff(t, "totals", tc.want, got)
			if !got.Equal(tc.want) {
				t.Error("Equal disagrees with cmp")
			}
		})
	}
}
