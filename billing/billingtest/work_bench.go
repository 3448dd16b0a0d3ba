package billingtest

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// BenchmarkCustomers and BenchmarkEntriesPerCustomer size BenchmarkRun:
// 10,000 customers with 100 entries each, 1,000,000 entries.
const (
	BenchmarkCustomers          = 10_000
	BenchmarkEntriesPerCustomer = 100
)

// BenchmarkRun bills March 2026 for BenchmarkCustomers customers with
// BenchmarkEntriesPerCustomer released entries each: every other
// customer has no contract (its work is invoiced), the others a quota
// (their hours are booked on the quota ledger, which the run then closes
// for the fee and correction invoices). One op is the whole run, one
// customer at a time (workers=1) or two at a time (workers=2); filling
// the stores happens off the clock. It reports ns/entry and the heap's
// growth during the run (heap-MB), which includes what the stores keep:
// the reports, the ledger entries. Where the system tells (Unix), it
// also reports the process's CPU time during the runs (cpu-ns/entry,
// garbage collection included): on a machine other work shares, a
// steadier figure than the wall clock.
//
// newStores must return new, empty stores each time, safe for concurrent
// use.
func BenchmarkRun(b *testing.B, newStores func(tb testing.TB) (billing.WorkStore, quota.Store)) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			benchmarkRun(b, newStores, billing.BillerConfig{Workers: workers})
		})
	}
}

func benchmarkRun(b *testing.B, newStores func(tb testing.TB) (billing.WorkStore, quota.Store), cfg billing.BillerConfig) {
	var peak uint64
	var cpu time.Duration
	cpuKnown := true
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ws, qs := newStores(b)
		FillBenchmarkStores(b, ws, qs, BenchmarkCustomers, BenchmarkEntriesPerCustomer)
		biller, err := billing.NewBiller(ws, qs, cfg)
		require.NoError(b, err)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		cpuBefore, ok := processCPU()
		cpuKnown = cpuKnown && ok
		b.StartTimer()
		billed := 0
		for res, err := range biller.Run(ctx, workMarch) {
			if err != nil {
				b.Fatal(err)
			}
			if res.Outcome == billing.RunBilled {
				billed++
			}
		}
		b.StopTimer()
		cpuAfter, _ := processCPU()
		cpu += cpuAfter - cpuBefore
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		peak = max(peak, after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))
		if billed != BenchmarkCustomers {
			b.Fatalf("%d customers billed, want %d", billed, BenchmarkCustomers)
		}
	}
	entries := BenchmarkCustomers * BenchmarkEntriesPerCustomer
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*entries), "ns/entry")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
	if cpuKnown {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*entries), "cpu-ns/entry")
	}
}

// FillBenchmarkStores stores customers × perCustomer released entries
// of March 2026 and their contracts. Customer i is "C-%06d"; odd
// customers have quota contract "K-%06d" (50h a month for 2,400.00,
// 95.00 an hour beyond, unlimited overdraft). Each customer's work is on
// 20 tickets of 5 entries, three in four with an order reference; a
// tenth of the work is a provider's defect (free), a tenth goes to zone
// Z1, a tenth is a migration; durations run from 10 to 70 minutes, so
// about one ticket in twelve is held for want of an order.
func FillBenchmarkStores(tb testing.TB, ws billing.WorkStore, qs quota.Store, customers, perCustomer int) {
	tb.Helper()
	ledger, err := quota.NewLedger(qs, quota.Config{})
	require.NoError(tb, err)
	for c := range customers {
		id := fmt.Sprintf("C-%06d", c)
		contract := workContract(id, nil)
		if c%2 == 1 {
			contract.Type, contract.QuotaContractID = billing.ContractQuota, fmt.Sprintf("K-%06d", c)
			_, err := ledger.Open(ctx, quota.Contract{ID: contract.QuotaContractID, CustomerID: id, Start: workDay(2026, 1, 1), Terms: []quota.Terms{{
				From: quota.MustParsePeriod("2026-01"), Hours: 50 * workH, Price: workDec("2400.00"), OverageRate: workDec("95.00"),
				Overdraft: quota.UnlimitedOverdraft(),
			}}})
			require.NoError(tb, err)
			// January and February are closed, March is open.
			for _, p := range []string{"2026-01", "2026-02"} {
				_, err := ledger.Close(ctx, contract.QuotaContractID, quota.MustParsePeriod(p))
				require.NoError(tb, err)
			}
		}
		require.NoError(tb, ws.PutContract(ctx, contract))
		for j := range perCustomer {
			e := billing.WorkEntry{
				ID: fmt.Sprintf("%s-%04d", id, j), CustomerID: id, TicketID: fmt.Sprintf("%s-T%02d", id, j%20),
				Technician: fmt.Sprintf("tech-%d", j%7), Date: workDay(2026, 3, 1+j%31),
				Duration: time.Duration(10+(j*37)%61) * workM, Activity: billing.ActivitySupport, Fault: billing.FaultCustomer,
				State: billing.Released, ReleasedBy: "backoffice", ReleasedOn: workDay(2026, 3, 31),
			}
			if j%20 < 15 {
				e.OrderRef = "PO-" + e.TicketID
			}
			switch j % 10 {
			case 3:
				e.Fault = billing.FaultProvider
			case 5:
				e.Travel.Zone = "Z1"
			case 7:
				e.Activity = billing.ActivityMigration
			}
			require.NoError(tb, ws.AddEntry(ctx, e))
		}
	}
}
