package dunning_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing/dunning"
)

// BenchmarkCaseRun is the rules alone: the German policy decides
// the day for 100,000 cases held in memory, no store. One op is the run of
// one day over all of them, the next day each op. Due dates are spread
// over the 120 days before the first day, a third are consumers, a tenth
// part-paid; each case has been run on the days its levels fell due
// before (so notices are spread as in real life), and a twentieth hold a
// dispute of 100.00 from the day before. (The run through dunning.Service
// and a store is examples/memstore's BenchmarkDunningRun.)
func BenchmarkCaseRun(b *testing.B) {
	const n = 100_000
	p := dunning.GermanPolicy(dunSupport(), dunRates, "cs@example.com")
	start := dday(2025, 9, 1)
	rng := rand.New(rand.NewPCG(6, 0))
	cases := make([]dunning.Case, n)
	for i := range cases {
		inv := dunning.OpenInvoice{
			Number: fmt.Sprintf("RE-%06d", i), CustomerID: "C", CustomerType: dunning.BusinessCustomer,
			Due: start - date.Date(1+rng.IntN(120)), Amount: decimal.New(10_000+rng.Int64N(500_000), -2),
		}
		if i%3 == 0 {
			inv.CustomerType = dunning.ConsumerCustomer
		}
		if i%10 == 0 {
			inv.Payments = []dunning.Payment{{Date: inv.Due + 20, Amount: decimal.New(5_000, -2)}}
		}
		c, err := dunning.NewCase(inv)
		if err != nil {
			b.Fatal(err)
		}
		// The runs of the days before, skipping the days nothing was due.
		for on := inv.Due + 1; on < start; {
			res, err := c.Run(p, on)
			if err != nil {
				b.Fatal(err)
			}
			on = max(on+1, res.Next)
		}
		if i%20 == 0 {
			at := (start - 1).MidnightIn(dunBerlin).Add(10 * time.Hour)
			if _, err := c.OpenDispute(p, dunning.DisputeRequest{Invoice: inv.Number, ReceivedAt: at, By: "k", Description: "?", Amount: dmoney("100")}); err != nil {
				b.Fatal(err)
			}
		}
		cases[i] = c
	}
	issued := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		on := start + date.Date(i)
		for k := range cases {
			res, err := cases[k].Run(p, on)
			if err != nil {
				b.Fatal(err)
			}
			if res.Outcome == dunning.Issued {
				issued++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/invoice")
	b.ReportMetric(float64(issued)/float64(b.N), "notices/op")
}
