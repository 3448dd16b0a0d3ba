package billing

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/validation"
)

// FuzzLineNet holds the int64 path of LineNet to shopspring's arbitrary
// precision: the same amount for every input, or no int64 answer.
func FuzzLineNet(f *testing.F) {
	for _, c := range [][3]string{{"45", "95.55", "60"}, {"-1", "0.30", "60"}, {"250.5", "0.0825", "1"}, {"1e15", "1e15", "7"}, {"0.001", "-3", "0.7"}, {"99999999999999999", "1", "1"}} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, q, p, b string) {
		quantity, err1 := decimal.NewFromString(q)
		price, err2 := decimal.NewFromString(p)
		base, err3 := decimal.NewFromString(b)
		if err1 != nil || err2 != nil || err3 != nil || !base.IsPositive() ||
			quantity.NumDigits() > 30 || price.NumDigits() > 30 || base.NumDigits() > 30 ||
			max(quantity.Exponent(), price.Exponent(), base.Exponent()) > 30 || min(quantity.Exponent(), price.Exponent(), base.Exponent()) < -30 {
			return
		}
		cents, ok := workLineCents(quantity, price, base)
		if !ok {
			return
		}
		if want := lineNetExact(quantity, price, base); !decimal.New(cents, -2).Equal(want) {
			t.Fatalf("%s × %s / %s: int64 path %d cents, exact %s", q, p, b, cents, want)
		}
	})
}

// FuzzTotals holds the int64 path of TotalsOf to the exact one, with
// its amounts made anew and from a run's cache of amounts.
func FuzzTotals(f *testing.F) {
	f.Add("0.13", "19", "0.13", "19", "5.05", "7", 3)
	f.Add("-95.00", "19", "47.50", "19.5", "99999999999.99", "0", 1)
	var cache numberCache
	f.Fuzz(func(t *testing.T, n1, r1, n2, r2, n3, r3 string, repeat int) {
		var lines []ChargeLine
		for _, nr := range [][2]string{{n1, r1}, {n2, r2}, {n3, r3}} {
			net, err1 := decimal.NewFromString(nr[0])
			rate, err2 := decimal.NewFromString(nr[1])
			if err1 != nil || err2 != nil || net.NumDigits() > 30 || rate.NumDigits() > 10 ||
				net.Exponent() < -10 || net.Exponent() > 10 || rate.Exponent() < -5 || rate.Exponent() > 5 {
				return
			}
			for range max(1, repeat%5) {
				lines = append(lines, ChargeLine{Net: net, VATRate: rate})
			}
		}
		got, ok := workTotalsInCents(lines, nil)
		if !ok {
			return
		}
		want := totalsExact(lines)
		if !got.Equal(want) {
			t.Fatalf("int64 path %+v, exact %+v", got, want)
		}
		if cached, _ := workTotalsInCents(lines, &cache); !cached.Equal(want) {
			t.Fatalf("int64 path with cached amounts %+v, exact %+v", cached, want)
		}
	})
}

// FuzzAllocateUnits: the shares sum to the units and each is within one
// unit of its exact share.
func FuzzAllocateUnits(f *testing.F) {
	f.Add(int64(2), int64(600), int64(600), int64(600))
	f.Add(int64(7), int64(1), int64(86400), int64(3))
	f.Fuzz(func(t *testing.T, n, a, b, c int64) {
		if n < 0 || n > 10_000 {
			return
		}
		var times []time.Duration
		for _, s := range []int64{a, b, c} {
			if s <= 0 || s > 86400 {
				return
			}
			times = append(times, time.Duration(s)*time.Second)
		}
		shares := workAllocateUnits(n, times)
		var sum int64
		total := a + b + c
		for i, s := range shares {
			sum += s
			exact := float64(n) * float64([]int64{a, b, c}[i]) / float64(total)
			if float64(s) < exact-1 || float64(s) > exact+1 {
				t.Fatalf("share %d of %d units by %v: %d, exact %.2f", i, n, times, s, exact)
			}
		}
		if sum != n {
			t.Fatalf("%d units shared as %v", n, shares)
		}
	})
}

// FuzzSmallMoney holds the quick check of a price to
// validation.DecimalReason: what it accepts, the full check accepts.
func FuzzSmallMoney(f *testing.F) {
	f.Add(int64(9500), int32(-2), int32(4))
	f.Add(int64(999_999_999_999), int32(0), int32(2))
	f.Add(int64(1), int32(12), int32(4))
	f.Add(int64(-1), int32(0), int32(0))
	f.Fuzz(func(t *testing.T, coef int64, exp, digits int32) {
		if digits < 0 || digits > 8 {
			return
		}
		v := decimal.New(coef, exp)
		if workSmallMoney(v, digits) {
			if why := validation.DecimalReason(v, digits); why != "" {
				t.Fatalf("%s with %d decimals passed the quick check: %s", v, digits, why)
			}
		}
	})
}
