package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
)

// The benchmarks compare the quota adapter's two paths on the same data in
// the same run: one transaction per contract or posting (Ledger on a
// plain quota.Store, the path every store has) and the batches of
// quota.BatchStore.

var march = quota.MustParsePeriod("2026-03")

// plainStore hides the adapter's UpdateBatch, so a Ledger on it takes the
// one-at-a-time path.
type plainStore struct{ quota.Store }

// benchEngine is a database the benchmarks run on: where a fresh one is
// and how to open it.
type benchEngine struct {
	name  string
	fresh func(b *testing.B) string
	open  func(ctx context.Context, where string) (*sqlstore.DB, error)
}

func benchEngines(b *testing.B) []benchEngine {
	es := []benchEngine{{"sqlite", func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }, sqlstore.OpenSQLite}}
	if os.Getenv(postgresEnv) != "" {
		es = append(es, benchEngine{"postgres", func(b *testing.B) string { return freshPostgres(b) }, sqlstore.OpenPostgres})
	}
	return es
}

// benchContractID names the i-th contract; zero padding keeps the order.
func benchContractID(i int) string { return fmt.Sprintf("K-%06d", i) }

// openContracts opens n contracts from March 2026 (10 hours a month for
// 950.00, 95.00 an hour beyond, unlimited overdraft) with four
// goroutines.
func openContracts(b *testing.B, l *quota.Ledger, n int) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w + 1; i <= n; i += 4 {
				_, err := l.Open(ctx, quota.Contract{ID: benchContractID(i), CustomerID: fmt.Sprintf("C-%06d", i), Start: march.First(),
					Terms: []quota.Terms{{From: march, Hours: 10 * time.Hour, Price: decimal.New(95000, -2), OverageRate: decimal.New(9500, -2), Overdraft: quota.UnlimitedOverdraft()}}})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	require.NoError(b, <-errs)
}

// monthOfWork books three postings on each of n contracts: a third use
// 4 of their 10 hours, a third all of them, a third 13 (3 corrected at
// the overage rate).
func monthOfWork(b *testing.B, l *quota.Ledger, n int) {
	usage := [3][]time.Duration{{2 * time.Hour, time.Hour, time.Hour}, {2 * time.Hour, time.Hour, 7 * time.Hour}, {2 * time.Hour, time.Hour, 10 * time.Hour}}
	var ps []quota.Posting
	for i := 1; i <= n; i++ {
		for k, h := range usage[i%3] {
			ps = append(ps, quota.Posting{ContractID: benchContractID(i), Consumption: quota.Consumption{
				Key: "work-" + strconv.Itoa(k+1), Date: march.First().AddDate(0, 0, 4+7*k), Hours: h}})
		}
	}
	for chunk := range slices.Chunk(ps, 3000) {
		for _, r := range l.ConsumeMany(context.Background(), chunk) {
			require.NoError(b, r.Err)
		}
	}
}

// monthEndContracts is how many contracts BenchmarkMonthEnd closes:
// $DESKCORE_BENCH_CONTRACTS, or 1,000.
func monthEndContracts(b *testing.B) int {
	n := 1000
	if s := os.Getenv("DESKCORE_BENCH_CONTRACTS"); s != "" {
		var err error
		n, err = strconv.Atoi(s)
		require.NoError(b, err)
	}
	return n
}

// BenchmarkMonthEnd closes March for every contract of a database seeded
// with monthOfWork (off the clock): path=single is Ledger.CloseAll on a
// plain store, one transaction per contract; path=batch splits the
// contracts into slices of 500 that workers take turns on, each through
// Ledger.CloseContracts, one UpdateBatch per slice.
func BenchmarkMonthEnd(b *testing.B) {
	n := monthEndContracts(b)
	cases := []struct {
		path    string
		workers int
	}{{"single", 1}, {"batch", 1}, {"batch", 2}}
	for _, e := range benchEngines(b) {
		for _, c := range cases {
			if e.name == "sqlite" && c.workers > 1 {
				continue // one writer
			}
			b.Run(fmt.Sprintf("%s/path=%s/workers=%d/contracts=%d", e.name, c.path, c.workers, n), func(b *testing.B) {
				ctx := context.Background()
				for range b.N {
					b.StopTimer()
					db, err := e.open(ctx, e.fresh(b))
					require.NoError(b, err)
					seeder := newLedger(b, db.Quota(), quota.Config{})
					openContracts(b, seeder, n)
					monthOfWork(b, seeder, n)
					b.StartTimer()
					closed := 0
					if c.path == "single" {
						for res, err := range newLedger(b, plainStore{db.Quota()}, quota.Config{}).CloseAll(ctx, march) {
							require.NoError(b, err)
							if res.Outcome == quota.Closed {
								closed++
							}
						}
					} else {
						closed = closeInSlices(b, db.Quota(), n, c.workers)
					}
					b.StopTimer()
					require.Equal(b, n, closed)
					require.NoError(b, db.Close())
					b.StartTimer()
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "contracts/s")
			})
		}
	}
}

// closeInSlices has workers close March for contracts 1 to n, 500 at a
// time, and counts the contracts closed.
func closeInSlices(b *testing.B, s quota.Store, n, workers int) int {
	ctx := context.Background()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = benchContractID(i + 1)
	}
	slicesOf := make(chan []string)
	go func() {
		defer close(slicesOf)
		for chunk := range slices.Chunk(ids, 500) {
			slicesOf <- chunk
		}
	}()
	var mu sync.Mutex
	closed := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := newLedger(b, s, quota.Config{})
			for chunk := range slicesOf {
				for res, err := range l.CloseContracts(ctx, march, chunk) {
					if err != nil {
						b.Error(err)
						continue
					}
					if res.Outcome == quota.Closed {
						mu.Lock()
						closed++
						mu.Unlock()
					}
				}
			}
		}()
	}
	wg.Wait()
	return closed
}

// BenchmarkPostings books consumptions of a minute on 1,000 contracts
// over one connection's worth of work: path=single is Ledger.Consume, one
// transaction each; path=batch is Ledger.ConsumeMany with 1,000 postings
// a call, one per contract.
func BenchmarkPostings(b *testing.B) {
	const contracts, batch = 1000, 1000
	for _, e := range benchEngines(b) {
		for _, path := range []string{"single", "batch"} {
			b.Run(fmt.Sprintf("%s/path=%s", e.name, path), func(b *testing.B) {
				ctx := context.Background()
				db, err := e.open(ctx, e.fresh(b))
				require.NoError(b, err)
				defer db.Close()
				l := newLedger(b, db.Quota(), quota.Config{})
				openContracts(b, l, contracts)
				day := march.First().AddDate(0, 0, 20)
				posting := func(i int) quota.Posting {
					return quota.Posting{ContractID: benchContractID(i%contracts + 1), Consumption: quota.Consumption{Key: "bench-" + strconv.Itoa(i), Date: day, Hours: time.Minute}}
				}
				b.ReportAllocs()
				b.ResetTimer()
				if path == "single" {
					for i := range b.N {
						p := posting(i)
						if _, err := l.Consume(ctx, p.ContractID, p.Consumption); err != nil {
							b.Fatal(err)
						}
					}
				} else {
					ps := make([]quota.Posting, 0, batch)
					for i := 0; i < b.N; i += batch {
						ps = ps[:0]
						for j := i; j < min(i+batch, b.N); j++ {
							ps = append(ps, posting(j))
						}
						for _, r := range l.ConsumeMany(ctx, ps) {
							if r.Err != nil {
								b.Fatal(r.Err)
							}
						}
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "postings/s")
			})
		}
	}
}

// newLedger is a Ledger on s with cfg.
func newLedger(b *testing.B, s quota.Store, cfg quota.Config) *quota.Ledger {
	l, err := quota.NewLedger(s, cfg)
	require.NoError(b, err)
	return l
}
