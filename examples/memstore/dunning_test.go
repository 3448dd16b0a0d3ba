package memstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/billing/dunning/dunningtest"
	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/sla"
)

func TestDunningStore(t *testing.T) {
	dunningtest.TestStore(t, func(*testing.T) dunning.Store { return memstore.NewDunningStore() })
}

// dunningFleet is n open invoices for the dunning benchmark: 100.00 to
// 5,099.00, due on the 120 days before start, every third a consumer, a
// tenth part-paid; and a store with their dunning so far: each invoice
// run on the days its levels fell due before start (so notices are spread
// as in real life), a twentieth disputed for 100.00 the day before. Built
// once per size; each benchmark round copies the store.
type dunningFleet struct {
	policy   dunning.Policy
	store    *memstore.DunningStore
	invoices []dunning.OpenInvoice
	start    date.Date
}

var dunningFleets = map[int]*dunningFleet{}

func newDunningFleet(tb testing.TB, n int) *dunningFleet {
	if f, ok := dunningFleets[n]; ok {
		return f
	}
	cal, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysBE})
	require.NoError(tb, err)
	p := dunning.GermanPolicy(cal, []dunning.BaseRate{
		{From: date.New(2025, time.January, 1), Percent: decimal.RequireFromString("2.27")},
		{From: date.New(2025, time.July, 1), Percent: decimal.RequireFromString("1.27")},
	}, "cs@example.com")
	f := &dunningFleet{policy: p, store: memstore.NewDunningStore(), start: date.New(2025, time.September, 1)}
	d, err := dunning.NewService(f.store, dunning.Config{Policy: p})
	require.NoError(tb, err)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(6, 0))
	for i := range n {
		inv := dunning.OpenInvoice{
			Number: fmt.Sprintf("RE-%06d", i), CustomerID: fmt.Sprintf("C-%05d", i%20_000),
			CustomerType: dunning.BusinessCustomer, AccountManager: "am-1",
			Due: f.start - date.Date(1+rng.IntN(120)), Amount: decimal.New(10_000+rng.Int64N(500_000), -2),
		}
		if i%3 == 0 {
			inv.CustomerType = dunning.ConsumerCustomer
		}
		if i%10 == 0 {
			inv.Payments = []dunning.Payment{{Date: inv.Due + 20, Amount: decimal.New(5_000, -2)}}
		}
		f.invoices = append(f.invoices, inv)
		for on := inv.Due + 1; on < f.start; { // skipping the days nothing was due
			res, err := d.RunInvoice(ctx, on, inv)
			require.NoError(tb, err)
			on = max(on+1, res.Next)
		}
		if i%20 == 0 {
			_, err := d.Track(ctx, inv, f.start-1) // not reminded yet: no case
			require.NoError(tb, err)
			_, err = d.OpenDispute(ctx, dunning.DisputeRequest{
				Invoice: inv.Number, ReceivedAt: (f.start - 1).MidnightIn(cal.Location()).Add(10 * time.Hour),
				By: "k", Description: "Position 1", Amount: decimal.New(10_000, -2),
			})
			require.NoError(tb, err)
		}
	}
	dunningFleets[n] = f
	return f
}

// round returns a service on a copy of the fleet's store, so that every
// benchmark round starts from the same state.
func (f *dunningFleet) round(tb testing.TB) *dunning.Service {
	ctx := context.Background()
	s := memstore.NewDunningStore()
	for id, err := range f.store.Cases(ctx) {
		require.NoError(tb, err)
		c, err := f.store.Case(ctx, id)
		require.NoError(tb, err)
		require.NoError(tb, s.CreateCase(ctx, c))
	}
	d, err := dunning.NewService(s, dunning.Config{Policy: f.policy})
	require.NoError(tb, err)
	return d
}

// BenchmarkDunningRun is the nightly dunning run over 100,000 open
// invoices through dunning.Service on the in-memory store: one op is the
// whole run of one day, the next day each op. Every invoice is read,
// refreshed and decided; the cases with a notice due are written.
func BenchmarkDunningRun(b *testing.B) {
	const n = 100_000
	f := newDunningFleet(b, n)
	d := f.round(b)
	ctx := context.Background()
	issued := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		on := f.start + date.Date(i)
		seen := 0
		for res, err := range d.Run(ctx, on, slices.Values(f.invoices)) {
			if err != nil {
				b.Fatalf("%s: %v", res.Invoice, err)
			}
			if res.Outcome == dunning.Issued {
				issued++
			}
			seen++
		}
		if seen != n {
			b.Fatalf("ran %d invoices", seen)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/invoice")
	b.ReportMetric(float64(issued)/float64(b.N), "notices/op")
}

// The nightly dunning run through dunning.Service on the in-memory store,
// and a dispute that holds the next notice. A run issues one level at a
// time: RE-2, first run on 30 June, gets its reminder, not its first
// notice.
func ExampleNewDunningStore() {
	cal, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysBE})
	if err != nil {
		panic(err)
	}
	d, err := dunning.NewService(memstore.NewDunningStore(), dunning.Config{Policy: dunning.Policy{
		Levels: []dunning.Level{
			{Name: "Zahlungserinnerung", Days: 7},
			{Name: "1. Mahnung", Days: 14, After: dunning.AfterPrevious, Fee: decimal.RequireFromString("5.00")},
		},
		Calendar: cal,
		Dispute:  dunning.DisputePolicy{FallbackContact: "cs@ampere.cloud"},
	}})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	open := []dunning.OpenInvoice{ // from the host's books, every night
		{Number: "RE-1", CustomerID: "C-1", CustomerType: dunning.BusinessCustomer, Due: date.New(2025, time.May, 30), Amount: decimal.RequireFromString("1000.00")},
		{Number: "RE-2", CustomerID: "C-2", CustomerType: dunning.ConsumerCustomer, Due: date.New(2025, time.June, 5), Amount: decimal.RequireFromString("80.00")},
	}
	for _, on := range []date.Date{date.New(2025, time.June, 6), date.New(2025, time.June, 6), date.New(2025, time.June, 30)} {
		for res, err := range d.Run(ctx, on, slices.Values(open)) {
			if err != nil {
				panic(err)
			}
			line := fmt.Sprint(on, " ", res.Invoice, " ", res.Outcome)
			if res.Notice.No > 0 {
				line += ": " + res.Notice.LevelName
			}
			fmt.Println(line)
		}
		if on == date.New(2025, time.June, 6) {
			_, err := d.OpenDispute(ctx, dunning.DisputeRequest{Invoice: "RE-1", ReceivedAt: time.Date(2025, time.June, 6, 15, 0, 0, 0, cal.Location()),
				By: "kunde@example.de", Notice: 1, Description: "Leistung nicht bestellt", All: true})
			if err != nil {
				panic(err)
			}
		}
	}
	// Output:
	// 2025-06-06 RE-1 issued: Zahlungserinnerung
	// 2025-06-06 RE-2 not due
	// 2025-06-06 RE-1 repeated: Zahlungserinnerung
	// 2025-06-06 RE-2 not due
	// 2025-06-30 RE-1 held
	// 2025-06-30 RE-2 issued: Zahlungserinnerung
}
