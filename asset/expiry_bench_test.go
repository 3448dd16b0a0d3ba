package asset_test

import (
	"testing"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/asset/assettest"
)

// BenchmarkExpiryScan runs the pure expiry scan (lead times 90 and 30)
// over 1,000,000 assets held in a slice, with half of the day's notices
// already sent and looked up in a map. The figures are in doc.go; the scan
// through a store is assettest.BenchmarkExpiring, run by
// examples/memstore.
func BenchmarkExpiryScan(b *testing.B) {
	assets := assettest.Inventory(1_000_000)
	policy := asset.ExpiryPolicy{LeadDays: []int{90, 30}}
	sent := map[asset.NoticeKey]bool{}
	i := 0
	for n := range policy.Scan(seqOf(assets...), assettest.BenchmarkDay(), nil) {
		if i%2 == 0 {
			sent[n.Key()] = true
		}
		i++
	}
	notified := func(k asset.NoticeKey) (bool, error) { return sent[k], nil }
	b.ReportAllocs()
	b.ResetTimer()
	notices := 0
	for b.Loop() {
		notices = 0
		for _, err := range policy.Scan(seqOf(assets...), assettest.BenchmarkDay(), notified) {
			if err != nil {
				b.Fatal(err)
			}
			notices++
		}
	}
	b.ReportMetric(float64(notices), "notices/op")
}
