package dunning

import (
	"fmt"
	"sort"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// BaseRate is one row of the host's table of base rates: the rate in
// force from a date until the next row's. The German base rate
// (Basiszinssatz, BGB § 247) changes on 1 January and 1 July and is
// published by the Deutsche Bundesbank; the library ships no values, so
// a host's table is never silently out of date.
type BaseRate struct {
	From    date.Date       // the first day the rate is in force
	Percent decimal.Decimal // per year, e.g. 1.27; may be negative (2013 to 2022 it was)
}

// Interest is the default interest charged on overdue invoices:
// simple interest per day on the amount owed, at the base rate in force
// that day plus a margin in percentage points by customer type.
//
// Day count: actual/365. Every day of default counts as 1/365 of the
// annual rate, leap days included. The interest for a period is the exact
// sum over its days of amount × rate / 36500, rounded once, to 2 decimal
// places, half away from zero; no interest is charged on interest (BGB
// § 289). A day whose rate (base plus margin) is below zero bears none.
//
// The zero value charges no interest.
type Interest struct {
	// BaseRates is the host's effective-dated table, From strictly
	// ascending. It must cover every day interest is computed for.
	BaseRates []BaseRate
	// Margins over the base rate in percentage points: 9 for business
	// debtors (BGB § 288 (2)), 5 for consumers (§ 288 (1)).
	BusinessMargin, ConsumerMargin decimal.Decimal
}

// IsZero reports whether no interest is charged: there are no base rates.
func (i Interest) IsZero() bool { return len(i.BaseRates) == 0 }

func (i Interest) validate(ps *problems) {
	hundred := decimal.NewFromInt(100)
	// |x| <= 100 with at most 4 decimal places; the common case without
	// decimal arithmetic (see dunningBelow).
	rate := func(x decimal.Decimal) bool {
		return (x.Exponent() >= -4 || x.Equal(x.Truncate(4))) && (dunningBelow(x, 2) || x.Abs().Cmp(hundred) <= 0)
	}
	for k, r := range i.BaseRates {
		it := dunningItem{ps, "Interest.BaseRates", k}
		it.date("From", r.From)
		if k > 0 && r.From <= i.BaseRates[k-1].From {
			it.add("From", "%s is not after %s: the table must ascend", r.From, i.BaseRates[k-1].From)
		}
		if !rate(r.Percent) {
			it.add("Percent", "%s is not a rate of -100 to 100 with at most 4 decimal places", r.Percent)
		}
	}
	for _, m := range []struct {
		field string
		v     decimal.Decimal
	}{{"Interest.BusinessMargin", i.BusinessMargin}, {"Interest.ConsumerMargin", i.ConsumerMargin}} {
		switch {
		case m.v.Sign() < 0 || !rate(m.v):
			ps.add(m.field, "%s is not 0 to 100 percentage points with at most 4 decimal places", m.v)
		case !m.v.IsZero() && i.IsZero():
			ps.add(m.field, "needs BaseRates to add to")
		}
	}
}

// BaseRateError reports a day the table of base rates does not cover. It
// matches ErrInvalid with errors.Is.
type BaseRateError struct {
	Date  date.Date // the day without a rate
	First date.Date // the table's first day (zero for an empty table)
}

// Error implements the error interface.
func (e *BaseRateError) Error() string {
	return fmt.Sprintf("dunning: no base rate for %s: the table starts on %s", e.Date, e.First)
}

// Unwrap lets errors.Is(err, ErrInvalid) succeed.
func (e *BaseRateError) Unwrap() error { return ErrInvalid }

// Rate returns the annual default interest rate in percent on the day for
// the customer type: the base rate in force plus the margin, at least 0.
// It returns a *BaseRateError when no base rate is in force that day.
func (i Interest) Rate(t CustomerType, on date.Date) (decimal.Decimal, error) {
	k, err := i.rateIndex(on)
	if err != nil {
		return decimal.Zero, err
	}
	return i.rate(t, k), nil
}

func (i Interest) rateIndex(on date.Date) (int, error) {
	k := sort.Search(len(i.BaseRates), func(k int) bool { return i.BaseRates[k].From > on }) - 1
	if k < 0 {
		e := &BaseRateError{Date: on}
		if len(i.BaseRates) > 0 {
			e.First = i.BaseRates[0].From
		}
		return 0, e
	}
	return k, nil
}

func (i Interest) rate(t CustomerType, k int) decimal.Decimal {
	m := i.ConsumerMargin
	if t == BusinessCustomer {
		m = i.BusinessMargin
	}
	r := i.BaseRates[k].Percent.Add(m)
	if r.Sign() < 0 {
		return decimal.Zero
	}
	return r
}

// InterestSpan is a run of days with one amount bearing interest at one
// rate: the lines of an interest statement.
type InterestSpan struct {
	From, To date.Date       // the days From to To, To excluded
	Base     decimal.Decimal // the amount bearing interest
	Percent  decimal.Decimal // the annual rate, base rate plus margin
}

// Days is the number of days in the span.
func (s InterestSpan) Days() int { return int(s.To - s.From) }

// Amount is the span's interest, Base × Percent / 100 × Days / 365,
// rounded to 2 decimal places half away from zero: for showing a span.
// Totals add the exact amounts and round once, so they can differ from
// the sum of the spans' rounded amounts by a cent or two.
func (s InterestSpan) Amount() decimal.Decimal {
	return s.numerator().DivRound(dunningInterestDivisor, 2)
}

// String writes the span as "2025-06-01..2025-06-30: 10000.00 × 11.27% × 30/365".
func (s InterestSpan) String() string {
	return fmt.Sprintf("%s..%s: %s × %s%% × %d/365", s.From, s.To-1, s.Base.StringFixed(2), s.Percent, s.Days())
}

// numerator is Base × Percent × Days: the span's interest times 36500.
func (s InterestSpan) numerator() decimal.Decimal {
	return s.Base.Mul(s.Percent).Mul(decimal.NewFromInt(int64(s.Days())))
}

// dunningInterestDivisor turns percent per year into a fraction per day:
// 100 × 365 (actual/365).
var dunningInterestDivisor = decimal.NewFromInt(36500)

// Accrued returns the interest on a constant amount for the days from to
// to (to excluded), split into spans where the rate changes. It returns a
// *BaseRateError if a day has no base rate, and zero when the interest is
// zero (IsZero) or to is not after from.
func (i Interest) Accrued(t CustomerType, amount decimal.Decimal, from, to date.Date) (decimal.Decimal, []InterestSpan, error) {
	spans, err := i.spans(nil, t, amount, from, to)
	if err != nil {
		return decimal.Zero, nil, err
	}
	return dunningInterestTotal(spans), spans, nil
}

// spans appends the spans of amount over [from, to), split at rate
// changes; adjacent spans of equal base and rate are merged.
func (i Interest) spans(spans []InterestSpan, t CustomerType, amount decimal.Decimal, from, to date.Date) ([]InterestSpan, error) {
	if i.IsZero() || to <= from || amount.Sign() <= 0 {
		return spans, nil
	}
	k, err := i.rateIndex(from)
	if err != nil {
		return nil, err
	}
	for a := from; a < to; k++ {
		b := to
		if k+1 < len(i.BaseRates) && i.BaseRates[k+1].From < b {
			b = i.BaseRates[k+1].From
		}
		spans = dunningAppendSpan(spans, InterestSpan{From: a, To: b, Base: amount, Percent: i.rate(t, k)})
		a = b
	}
	return spans, nil
}

func dunningAppendSpan(spans []InterestSpan, s InterestSpan) []InterestSpan {
	if n := len(spans); n > 0 {
		last := &spans[n-1]
		if last.To == s.From && last.Base.Equal(s.Base) && last.Percent.Equal(s.Percent) {
			last.To = s.To
			return spans
		}
	}
	return append(spans, s)
}

// dunningInterestTotal adds the spans' exact interest and rounds once, to
// 2 places half away from zero.
func dunningInterestTotal(spans []InterestSpan) decimal.Decimal {
	sum := decimal.Zero
	for _, s := range spans {
		sum = sum.Add(s.numerator())
	}
	return sum.DivRound(dunningInterestDivisor, 2)
}
