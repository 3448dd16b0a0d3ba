package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// BenchmarkPostings measures consumptions booked per second through
// quota.Ledger into the SQL quota adapter, one at a time, each its own
// transaction, spread over 100 contracts.
func BenchmarkPostings(b *testing.B) {
	for name, db := range map[string]func(testing.TB) database{"sqlite": sqliteDB, "postgres": postgresDB} {
		b.Run(name, func(b *testing.B) {
			d := db(b)
			seedDB(b, d, 100)
			ctx := context.Background()
			sdb, err := d.open(ctx)
			require.NoError(b, err)
			defer sdb.Close()
			l, err := quota.NewLedger(sdb.Quota(), quota.Config{})
			require.NoError(b, err)
			day := march.First().AddDate(0, 0, 20)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				c := quota.Consumption{Key: "bench-" + strconv.Itoa(i), Date: day, Hours: time.Minute}
				if _, err := l.Consume(ctx, contractID(i%100+1), c); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "postings/s")
		})
	}
}

// benchContracts is how many contracts BenchmarkMonthEnd closes:
// $BILLINGJOB_BENCH_CONTRACTS, or 1,000.
func benchContracts(b *testing.B) int {
	n := 1000
	if s := os.Getenv("BILLINGJOB_BENCH_CONTRACTS"); s != "" {
		var err error
		n, err = strconv.Atoi(s)
		require.NoError(b, err)
	}
	return n
}

// BenchmarkMonthEnd measures the job closing March for every contract of
// a freshly seeded database (the seeding is not timed): on SQLite with its
// one worker, on PostgreSQL with one and with four.
func BenchmarkMonthEnd(b *testing.B) {
	n := benchContracts(b)
	cases := []struct {
		name    string
		db      func(testing.TB) database
		workers int
	}{
		{"sqlite/workers=1", sqliteDB, 1},
		{"postgres/workers=1", postgresDB, 1},
		{"postgres/workers=4", postgresDB, 4},
	}
	for _, c := range cases {
		b.Run(fmt.Sprintf("%s/contracts=%d", c.name, n), func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				d := c.db(b)
				seedDB(b, d, n)
				sdb, err := d.open(ctx)
				require.NoError(b, err)
				ledger, err := quota.NewLedger(sdb.Quota(), quota.Config{Today: date.Today})
				require.NoError(b, err)
				j := &job{
					ledger: ledger,
					store:  sdb.Quota(), period: march, workers: c.workers, batch: 50, worker: "bench",
				}
				if d.flag == "-dsn" {
					j.claims, err = d.raw()
					require.NoError(b, err)
				}
				b.StartTimer()
				t, err := j.run(ctx)
				b.StopTimer()
				require.NoError(b, err)
				require.Equal(b, n, t.Closed)
				if j.claims != nil {
					_ = j.claims.Close()
				}
				_ = sdb.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "contracts/s")
		})
	}
}
