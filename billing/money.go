package billing

import (
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Rounding of money, one rule for the whole package: every amount is
// rounded to 2 decimals, half away from zero ("kaufmännisches Runden",
// commercial rounding; shopspring's Round and DivRound). EN 16931 fixes
// the 2 decimals of amounts (BR-DEC rules) and where rounding happens,
// not the mode; half away from zero is what German commercial practice
// and DATEV/SAP expect, and it is symmetric, so a credit mirrors its
// charge to the cent. Where it happens follows EN 16931:
//
//   - each line's net amount is rounded (BT-131 = quantity × price /
//     base quantity);
//   - the document's net total is the sum of the rounded line amounts
//     (BR-CO-10, BT-106), never the rounded sum of unrounded ones;
//   - VAT is computed once per VAT rate, on the sum of that rate's line
//     amounts, and rounded (BR-CO-17, BT-117): not per line;
//   - the VAT total is the sum of those (BR-CO-14) and the gross total
//     the net total plus the VAT total (BR-CO-15).
//
// Rounding per line and summing would differ by a cent or more on a
// document of many small lines; see the tests.
const workMoneyDigits = 2

// ChargeLine is a priced line of a service report: work units, a day
// rate, a flat fee, a trip, a pay-per-use item, or a credit for a
// reversal (negative quantity). Its shape is EN 16931's invoice line, so
// an ERP can take it over.
type ChargeLine struct {
	Description string
	Date        date.Date       // the work date, or the period's first day; zero for none
	Quantity    decimal.Decimal // negative for a credit
	Unit        string          // UN/ECE Recommendation 20: "MIN", "DAY", "C62" (one), "KMT"
	Price       decimal.Decimal // net price per BaseQuantity units
	// BaseQuantity is how many units the price is for (EN 16931 BT-149):
	// work is quantified in minutes and priced per hour, so 60. Zero
	// means 1.
	BaseQuantity decimal.Decimal
	VATRate      decimal.Decimal // percent
	Net          decimal.Decimal // LineNet(Quantity, Price, BaseQuantity)
	Entries      []string        // the work entries the line bills, if any
}

// LineNet returns a line's net amount: quantity × price / base quantity
// (a zero base is 1), half away from zero to 2 decimals. It is exact
// before that one rounding: 45 minutes at 95.55 per 60 are 71.6625, which
// rounds to 71.66.
func LineNet(quantity, price, base decimal.Decimal) decimal.Decimal {
	p := quantity.Mul(price)
	if base.IsZero() || base.Equal(decimal.NewFromInt(1)) {
		return p.Round(workMoneyDigits)
	}
	return p.DivRound(base, workMoneyDigits)
}

// VATBreakdown is the VAT of one rate on a document (EN 16931 BG-23).
type VATBreakdown struct {
	Rate decimal.Decimal // percent
	Base decimal.Decimal // the sum of the rounded net amounts of the rate's lines
	Tax  decimal.Decimal // Base × Rate / 100, half away from zero to 2 decimals
}

// DocumentTotals are a document's totals as EN 16931 forms them (see the
// rounding rule above).
type DocumentTotals struct {
	Net      decimal.Decimal // sum of line net amounts (BT-106/BT-109)
	VAT      []VATBreakdown  // one per rate, ascending by rate
	VATTotal decimal.Decimal // sum of the breakdowns' Tax (BT-110)
	Gross    decimal.Decimal // Net + VATTotal (BT-112)
}

// TotalsOf returns the totals of lines whose Net is set.
func TotalsOf(lines []ChargeLine) DocumentTotals {
	t := DocumentTotals{Net: decimal.Zero, VATTotal: decimal.Zero}
	for _, l := range lines {
		t.Net = t.Net.Add(l.Net)
		i := slices.IndexFunc(t.VAT, func(b VATBreakdown) bool { return b.Rate.Equal(l.VATRate) })
		if i < 0 {
			t.VAT = append(t.VAT, VATBreakdown{Rate: l.VATRate, Base: decimal.Zero})
			i = len(t.VAT) - 1
		}
		t.VAT[i].Base = t.VAT[i].Base.Add(l.Net)
	}
	slices.SortFunc(t.VAT, func(a, b VATBreakdown) int { return a.Rate.Cmp(b.Rate) })
	for i := range t.VAT {
		t.VAT[i].Tax = t.VAT[i].Base.Mul(t.VAT[i].Rate).DivRound(workHundred, workMoneyDigits)
		t.VATTotal = t.VATTotal.Add(t.VAT[i].Tax)
	}
	t.Gross = t.Net.Add(t.VATTotal)
	return t
}

// Equal reports whether two totals are the same amounts, whatever the
// decimals' exponents (a database may give 10.5 back as 10.50).
func (t DocumentTotals) Equal(o DocumentTotals) bool {
	if !t.Net.Equal(o.Net) || !t.VATTotal.Equal(o.VATTotal) || !t.Gross.Equal(o.Gross) || len(t.VAT) != len(o.VAT) {
		return false
	}
	for i := range t.VAT {
		a, b := t.VAT[i], o.VAT[i]
		if !a.Rate.Equal(b.Rate) || !a.Base.Equal(b.Base) || !a.Tax.Equal(b.Tax) {
			return false
		}
	}
	return true
}
