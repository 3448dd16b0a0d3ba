package billing

import (
	"slices"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/internal/enum"
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
	// Kind says what the line bills, so a document in the customer's
	// language can describe it anew instead of printing Description.
	Kind        LineKind
	Description string          // what the line bills, for the report
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
	// Hours are the quota hours a quota line is about: the hours a
	// month's fee includes (LineQuotaFee), or the hours overbooked
	// (LineQuotaCorrection), exact where Quantity is rounded. Zero for
	// other lines. They let a document name the line in the customer's
	// language.
	Hours time.Duration
}

// LineKind says what a charge line bills. The zero LineKind is a line
// made by hand (LineOther), described only by its Description.
type LineKind uint8

// The kinds of charge lines.
const (
	LineOther           LineKind = iota // made by hand; see Description
	LineWork                            // work units of a ticket (MIN, priced per hour)
	LineDayRate                         // a technician's day at the day rate (DAY)
	LineFlatFee                         // a technician flat fee (Technikerpauschale)
	LineTravelZone                      // a trip charged by the zone's flat charge
	LineTravelDistance                  // a trip charged per kilometre (KMT)
	LineUsage                           // a pay-per-use item (devices, mailboxes, GB)
	LineQuotaFee                        // a quota contract's monthly fee (MON)
	LineQuotaCorrection                 // overbooked quota hours at the overage rate (HUR)
)

var lineKindNames = enum.Ints[LineKind]("billing", "LineKind",
	"other", "work", "day-rate", "flat-fee", "travel-zone", "travel-distance", "usage", "quota-fee", "quota-correction")

// String returns the kind's name: "work", "flat-fee", ...
func (k LineKind) String() string { return lineKindNames.String(k) }

// ParseLineKind reads a LineKind as String writes it. It returns a
// *ValidationError for anything else.
func ParseLineKind(s string) (LineKind, error) { return lineKindNames.Parse(s) }

// MarshalText implements encoding.TextMarshaler.
func (k LineKind) MarshalText() ([]byte, error) { return lineKindNames.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseLineKind.
func (k *LineKind) UnmarshalText(b []byte) error { return lineKindNames.Unmarshal(k, b) }

// LineNet returns a line's net amount: quantity × price / base quantity
// (a zero base is 1), half away from zero to 2 decimals. It is exact
// before that one rounding: 45 minutes at 95.55 per 60 are 71.6625, which
// rounds to 71.66.
func LineNet(quantity, price, base decimal.Decimal) decimal.Decimal {
	if base.IsZero() {
		base = workOne
	}
	if cents, ok := workLineCents(quantity, price, base); ok {
		return decimal.New(cents, -workMoneyDigits)
	}
	return lineNetExact(quantity, price, base)
}

// lineNetExact is LineNet in shopspring's arbitrary precision: the
// reference the int64 path must agree with (FuzzLineNet).
func lineNetExact(quantity, price, base decimal.Decimal) decimal.Decimal {
	return quantity.Mul(price).DivRound(base, workMoneyDigits)
}

// workLineCents computes LineNet in cents with int64 arithmetic when the
// numbers are small enough that nothing can overflow, which is every
// realistic line; ok is false otherwise. Billing a million entries
// prices a million lines, and big.Int arithmetic is most of that cost.
func workLineCents(quantity, price, base decimal.Decimal) (cents int64, ok bool) {
	cq, eq, ok1 := workSmall(quantity)
	cp, ep, ok2 := workSmall(price)
	cb, eb, ok3 := workSmall(base)
	if !ok1 || !ok2 || !ok3 || cb <= 0 || quantity.NumDigits()+price.NumDigits() > 17 {
		return 0, false
	}
	// value = cq×cp×10^(eq+ep) / (cb×10^eb); in cents, times 10^2.
	n, d := cq*cp, cb
	switch s := int(eq) + int(ep) + workMoneyDigits - int(eb); {
	case s > 0:
		if s+quantity.NumDigits()+price.NumDigits() > 17 {
			return 0, false
		}
		n *= workPow10[s]
	case s < 0:
		if -s+base.NumDigits() > 17 {
			return 0, false
		}
		d *= workPow10[-s]
	}
	return workDivRound(n, d), true
}

// workSmall returns v's coefficient and exponent when the coefficient has
// at most 15 digits and the exponent is modest.
func workSmall(v decimal.Decimal) (coef int64, exp int32, ok bool) {
	if v.NumDigits() > 15 || v.Exponent() < -17 || v.Exponent() > 17 {
		return 0, 0, false
	}
	return v.CoefficientInt64(), v.Exponent(), true
}

var workPow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// workDivRound divides n by d > 0, rounding half away from zero, as
// shopspring's DivRound does.
func workDivRound(n, d int64) int64 {
	q, r := n/d, n%d
	if r < 0 {
		r = -r
	}
	if 2*r >= d {
		if n < 0 {
			q--
		} else {
			q++
		}
	}
	return q
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
func TotalsOf(lines []ChargeLine) DocumentTotals { return totalsOf(lines, nil) }

// totalsOf is TotalsOf with its amounts from the cache, which may be nil.
func totalsOf(lines []ChargeLine, c *numberCache) DocumentTotals {
	if t, ok := workTotalsInCents(lines, c); ok {
		return t
	}
	return totalsExact(lines)
}

// workTotalsInCents is TotalsOf in int64 cents, for lines whose amounts
// have at most 2 decimals and rates at most 2 (every valid line); ok is
// false if any does not, or a sum could come near overflowing.
func workTotalsInCents(lines []ChargeLine, c *numberCache) (DocumentTotals, bool) {
	type rate struct {
		rate decimal.Decimal
		base int64
	}
	// Each line below 10^13 cents and at most 100,000 lines keep every
	// sum below 10^18; a base below 10^14 cents keeps base × rate
	// coefficient (at most 10^4) below 10^18.
	if len(lines) > 100_000 {
		return DocumentTotals{}, false
	}
	var rates [4]rate // most documents have one or two rates
	byRate := rates[:0]
	var net int64
	for _, l := range lines {
		c, e, ok := workSmall(l.Net)
		if !ok || e < -workMoneyDigits || l.Net.NumDigits()+int(e)+workMoneyDigits > 13 {
			return DocumentTotals{}, false
		}
		cents := c * workPow10[int(e)+workMoneyDigits]
		net += cents
		i := 0
		for i < len(byRate) && !byRate[i].rate.Equal(l.VATRate) {
			i++
		}
		if i == len(byRate) {
			byRate = append(byRate, rate{rate: l.VATRate})
		}
		byRate[i].base += cents
	}
	slices.SortFunc(byRate, func(a, b rate) int { return a.rate.Cmp(b.rate) })
	t := DocumentTotals{Net: c.total(net), VAT: make([]VATBreakdown, len(byRate))}
	var vat int64
	for i, r := range byRate {
		cr, er, ok := workSmall(r.rate)
		if !ok || er < -workMoneyDigits || er > 0 || cr < 0 || cr > 100*workPow10[-er] || r.base >= 1e14 || r.base <= -1e14 {
			return DocumentTotals{}, false
		}
		// tax = base × rate / 100 = base × cr / (100 × 10^-er)
		tax := workDivRound(r.base*cr, 100*workPow10[-er])
		vat += tax
		t.VAT[i] = VATBreakdown{Rate: r.rate, Base: c.total(r.base), Tax: c.total(tax)}
	}
	if len(t.VAT) == 0 {
		t.VAT = nil
	}
	t.VATTotal = c.total(vat)
	t.Gross = c.total(net + vat)
	return t, true
}

// totalsExact is TotalsOf in shopspring's arbitrary precision: the
// reference the int64 path must agree with (FuzzTotals).
func totalsExact(lines []ChargeLine) DocumentTotals {
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
