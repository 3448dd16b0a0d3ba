package quota_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/deskcore/deskcore/quota"
)

// benchAccount is an account with a year behind it under the given
// rollover rule: twelve closes with 80h of work each on 100h a month.
func benchAccount(b *testing.B, r quota.Rollover) quota.Account {
	a := open(b, contract(terms(func(t *quota.Terms) { t.Rollover, t.Overdraft = r, quota.UnlimitedOverdraft() })))
	for m := range 12 {
		p := per("2026-01").Add(m)
		if _, err := a.Consume(quota.Consumption{Key: fmt.Sprint(m), Date: p.First() + 9, Hours: 80 * h}); err != nil {
			b.Fatal(err)
		}
		if _, err := a.Close(p); err != nil {
			b.Fatal(err)
		}
	}
	a.Pending = nil
	return a
}

// BenchmarkAccountClose is the rules' share of a month-end close of one
// contract, without a store: lapse, correction and the next allotment.
func BenchmarkAccountClose(b *testing.B) {
	for _, r := range []quota.Rollover{quota.FullRollover(), quota.NoRollover(), quota.CappedRollover(20 * h), quota.ExpiringRollover(3)} {
		b.Run(r.String(), func(b *testing.B) {
			base := benchAccount(b, r)
			b.ReportAllocs()
			for b.Loop() {
				a := base
				if _, err := a.Close(a.Open); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAccountConsume is the rules' share of booking one piece of work.
func BenchmarkAccountConsume(b *testing.B) {
	base := benchAccount(b, quota.FullRollover())
	c := quota.Consumption{Key: "w", Date: base.Open.First() + 3, Hours: 90 * time.Minute}
	b.ReportAllocs()
	for b.Loop() {
		a := base
		if _, err := a.Consume(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCharge(b *testing.B) {
	rate := eur("95.00")
	b.ReportAllocs()
	for b.Loop() {
		quota.Charge(10*h+20*time.Minute, rate)
	}
}
