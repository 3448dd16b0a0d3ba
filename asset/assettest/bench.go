package assettest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
)

// Inventory returns n synthetic assets for benchmarks: warranties ending
// evenly over four years from 2026-01-01, every third asset with a licence
// ending a year after its warranty, every tenth rented, every fiftieth
// retired, spread over 5000 customers. IDs sort in creation order.
func Inventory(n int) []asset.Asset {
	start := date.New(2026, 1, 1)
	out := make([]asset.Asset, n)
	for i := range out {
		a := asset.Asset{
			ID: fmt.Sprintf("a%08d", i), CustomerID: fmt.Sprintf("c%04d", i%5000), Kind: asset.KindHardware, Name: "device",
			Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse,
			Warranty: asset.Warranty{End: start + date.Date(i%1461)},
		}
		if i%3 == 0 {
			a.Licence.Expires = a.Warranty.End + 365
		}
		if i%10 == 0 {
			a.Ownership = asset.RentedFromProvider
		}
		if i%50 == 0 {
			a.Status = asset.StatusRetired
		}
		out[i] = a
	}
	return out
}

// BenchmarkDay is the day the benchmarks scan: 2027-06-01. Of
// Inventory(1_000_000)'s notices due that day the benchmarks mark every
// other one sent, leaving 40,613 per scan.
func BenchmarkDay() date.Date { return date.New(2027, 6, 1) }

// BenchmarkExpiring measures asset.Inventory.Expiring on the store
// newStore returns, filled with Inventory(n), on BenchmarkDay with lead
// times 90 and 30 days, after half of the day's notices were marked sent.
// It reports the notices yielded per scan. Filling the store is not timed.
func BenchmarkExpiring(b *testing.B, newStore func(b *testing.B) asset.InventoryStore, n int) {
	ctx := context.Background()
	store := newStore(b)
	for _, a := range Inventory(n) {
		require.NoError(b, store.CreateAsset(ctx, a))
	}
	inv, err := asset.NewInventory(store, asset.InventoryConfig{Expiry: asset.ExpiryPolicy{LeadDays: []int{90, 30}}})
	require.NoError(b, err)
	i := 0
	for n, err := range inv.Expiring(ctx, BenchmarkDay()) {
		require.NoError(b, err)
		if i%2 == 0 {
			require.NoError(b, inv.MarkNotified(ctx, n, time.Date(2027, 6, 1, 8, 0, 0, 0, time.UTC)))
		}
		i++
	}
	b.ReportAllocs()
	b.ResetTimer()
	notices := 0
	for b.Loop() {
		notices = 0
		for _, err := range inv.Expiring(ctx, BenchmarkDay()) {
			if err != nil {
				b.Fatal(err)
			}
			notices++
		}
	}
	b.ReportMetric(float64(notices), "notices/op")
}
