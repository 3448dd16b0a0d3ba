package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/quota/quotatest"
)

func TestQuotaStore(t *testing.T) {
	quotatest.TestStore(t, func(*testing.T) quota.Store { return memstore.NewQuotaStore() })
}

// quotaFleet is a store of n contracts with a year of closed history
// (2025) and January 2026 booked and open, built once per size: the
// month-end close benchmark's starting point.
type quotaFleet struct {
	store *memstore.QuotaStore
	ids   []string
	rng   *rand.Rand
	open  quota.Period // the period to book and close next
}

var quotaFleets = map[int]*quotaFleet{}

// quotaTermsFor varies the policies over the fleet so every close path
// runs: four rollover rules, three overdraft rules, two correction rules,
// 10h to 100h a month.
func quotaTermsFor(i int) quota.Terms {
	return quota.Terms{
		From:        quota.MustParsePeriod("2025-01"),
		Hours:       time.Duration(10+10*(i%10)) * time.Hour,
		Price:       decimal.NewFromInt(int64(1000 + i%10*100)),
		OverageRate: decimal.RequireFromString("95.00"),
		Rollover:    []quota.Rollover{quota.FullRollover(), quota.NoRollover(), quota.CappedRollover(20 * time.Hour), quota.ExpiringRollover(2)}[i%4],
		Overdraft:   []quota.Overdraft{quota.NoOverdraft(), quota.OverdraftUpTo(20 * time.Hour), quota.UnlimitedOverdraft()}[i%3],
		Correction:  []quota.Correction{quota.SettleCorrection(), quota.CarryCorrection(10 * time.Hour)}[i%2],
	}
}

func newQuotaFleet(tb testing.TB, n int) *quotaFleet {
	if f, ok := quotaFleets[n]; ok {
		return f
	}
	ctx := context.Background()
	f := &quotaFleet{store: memstore.NewQuotaStore(), rng: rand.New(rand.NewPCG(1, 2)), open: quota.MustParsePeriod("2025-01")}
	for i := range n {
		id := fmt.Sprintf("K-%06d", i)
		a, err := quota.NewAccount(quota.Contract{ID: id, CustomerID: "C", Start: date.New(2025, time.January, 1), Terms: []quota.Terms{quotaTermsFor(i)}})
		require.NoError(tb, err)
		require.NoError(tb, f.store.Create(ctx, a))
		f.ids = append(f.ids, id)
	}
	for range 12 {
		f.bookMonth(tb)
		for _, id := range f.ids {
			require.NoError(tb, f.store.Update(ctx, id, func(a *quota.Account) error {
				_, err := a.Close(f.open)
				return err
			}))
		}
		f.open = f.open.Next()
	}
	f.bookMonth(tb)
	quotaFleets[n] = f
	return f
}

// bookMonth books three pieces of work on every contract in the open
// period, together about the allotment, give or take 40%; work the
// overdraft policy refuses is left out.
func (f *quotaFleet) bookMonth(tb testing.TB) {
	for i, id := range f.ids {
		allot := quotaTermsFor(i).Hours
		err := f.store.Update(context.Background(), id, func(a *quota.Account) error {
			for j := range 3 {
				c := quota.Consumption{
					Key:   fmt.Sprintf("%s-%d", f.open, j),
					Date:  f.open.First() + date.Date(f.rng.IntN(28)),
					Hours: allot*time.Duration(60+f.rng.IntN(80))/300 + time.Minute,
				}
				var oe *quota.OverdraftError
				if _, err := a.Consume(c); err != nil && !errors.As(err, &oe) {
					return err
				}
			}
			return nil
		})
		require.NoError(tb, err)
	}
}

// BenchmarkQuotaCloseAll closes a month for 100,000 contracts with a year
// of history each: one op is the whole month-end run through
// Ledger.CloseAll, one transaction per contract. Each op closes the next
// month, booked beforehand off the clock.
func BenchmarkQuotaCloseAll(b *testing.B) {
	const n = 100_000
	f := newQuotaFleet(b, n)
	l, err := quota.NewLedger(f.store, quota.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Off the clock: book the month (after the first) and collect the
		// garbage the building left, so the op does not pay for a mark
		// phase of the ~3 GB fleet that building it started.
		b.StopTimer()
		if i > 0 {
			f.bookMonth(b)
		}
		runtime.GC()
		b.StartTimer()
		closed := 0
		for res, err := range l.CloseAll(context.Background(), f.open) {
			if err != nil || res.Outcome != quota.Closed {
				b.Fatalf("%s: %v %v", res.ContractID, res.Outcome, err)
			}
			closed++
		}
		if closed != n {
			b.Fatalf("closed %d contracts", closed)
		}
		f.open = f.open.Next()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/contract")
}

// BenchmarkQuotaBalance asks Ledger.Balance for the balance on a day of a
// contract whose history has the given number of entries: the cost must
// not grow with the history.
func BenchmarkQuotaBalance(b *testing.B) {
	for _, entries := range []int{12, 120, 1_200, 12_000, 120_000} {
		b.Run(fmt.Sprintf("entries=%d", entries), func(b *testing.B) {
			s := memstore.NewQuotaStore()
			ctx := context.Background()
			a, err := quota.NewAccount(quota.Contract{ID: "K", CustomerID: "C", Start: date.New(2000, time.January, 1), Terms: []quota.Terms{{
				From: quota.MustParsePeriod("2000-01"), Hours: 100 * time.Hour, Overdraft: quota.UnlimitedOverdraft(),
			}}})
			require.NoError(b, err)
			require.NoError(b, s.Create(ctx, a))
			// Ten entries a month: the allotment and nine pieces of work.
			var days []date.Date
			for booked := 1; booked < entries; {
				require.NoError(b, s.Update(ctx, "K", func(a *quota.Account) error {
					for j := 0; j < 9 && booked < entries; j++ {
						on := a.Open.First() + date.Date(j*3)
						if _, err := a.Consume(quota.Consumption{Key: fmt.Sprint(booked), Date: on, Hours: 10 * time.Hour}); err != nil {
							return err
						}
						days = append(days, on)
						booked++
					}
					if booked < entries {
						booked++
						_, err := a.Close(a.Open)
						return err
					}
					return nil
				}))
			}
			l, err := quota.NewLedger(s, quota.Config{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := l.Balance(ctx, "K", days[i%len(days)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A quota.Ledger on a QuotaStore: a month of a 100-hour Kontingent from
// opening to the month-end run, with a retried posting and a late one.
func ExampleQuotaStore() {
	ctx := context.Background()
	l, err := quota.NewLedger(memstore.NewQuotaStore(), quota.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = l.Open(ctx, quota.Contract{
		ID: "K-1001", CustomerID: "C-17", Start: date.New(2026, time.January, 1),
		Terms: []quota.Terms{{
			From: quota.MustParsePeriod("2026-01"), Hours: 100 * time.Hour,
			Price: decimal.RequireFromString("8500.00"), OverageRate: decimal.RequireFromString("95.00"),
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	work := quota.Consumption{Key: "work-4711", Date: date.New(2026, time.January, 14), Hours: 50 * time.Hour, Ref: "T-2026-0815"}
	first, _ := l.Consume(ctx, "K-1001", work)
	retry, _ := l.Consume(ctx, "K-1001", work) // the billing job retries after a timeout
	fmt.Println("booked once:", first.Seq == retry.Seq)

	for res, err := range l.CloseAll(ctx, quota.MustParsePeriod("2026-01")) {
		fmt.Println(res.ContractID, res.Period, res.Outcome, "carried", quota.FormatHours(res.Closing), err)
	}
	_, _ = l.Consume(ctx, "K-1001", quota.Consumption{Key: "work-4712", Date: date.New(2026, time.January, 30), Hours: 2 * time.Hour})

	st, _ := l.Statement(ctx, "K-1001", quota.MustParsePeriod("2026-02"))
	fmt.Println("February: opening", quota.FormatHours(st.Opening), "closing", quota.FormatHours(st.Closing), "late entries", st.Late)
	jan31, _ := l.Balance(ctx, "K-1001", date.New(2026, time.January, 31))
	fmt.Println("balance on 31 January:", quota.FormatHours(jan31))
	// Output:
	// booked once: true
	// K-1001 2026-01 closed carried 50h <nil>
	// February: opening 50h closing 148h late entries 1
	// balance on 31 January: 50h
}

// A day's postings of two contracts booked in one call: the store takes
// them as one batch. The second contract's 12 hours exceed its 10 and it
// has no overdraft, so that posting alone is refused; a posting sent
// twice is booked once.
func ExampleQuotaStore_consumeMany() {
	ctx := context.Background()
	l, err := quota.NewLedger(memstore.NewQuotaStore(), quota.Config{})
	check(err)
	for id, hours := range map[string]time.Duration{"K-1": 100 * time.Hour, "K-2": 10 * time.Hour} {
		_, err := l.Open(ctx, quota.Contract{ID: id, CustomerID: "C-" + id, Start: date.New(2026, time.January, 1),
			Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-01"), Hours: hours,
				Price: decimal.RequireFromString("950.00"), OverageRate: decimal.RequireFromString("95.00")}}})
		check(err)
	}
	work := func(contract, key string, hours time.Duration) quota.Posting {
		return quota.Posting{ContractID: contract, Consumption: quota.Consumption{Key: key, Date: date.New(2026, time.January, 14), Hours: hours}}
	}
	results := l.ConsumeMany(ctx, []quota.Posting{
		work("K-1", "T-1/1", 3*time.Hour),
		work("K-2", "T-2/1", 12*time.Hour),
		work("K-1", "T-1/2", 2*time.Hour),
		work("K-1", "T-1/1", 3*time.Hour), // sent twice
	})
	for _, r := range results {
		if r.Err != nil {
			fmt.Println("refused:", errors.Is(r.Err, quota.ErrOverdraft))
			continue
		}
		fmt.Println(r.Entry.ContractID, r.Entry.Key, "seq", r.Entry.Seq)
	}
	a, _ := l.Account(ctx, "K-1")
	fmt.Println("K-1 left:", quota.FormatHours(a.Balance()))
	// Output:
	// K-1 T-1/1 seq 2
	// refused: true
	// K-1 T-1/2 seq 3
	// K-1 T-1/1 seq 2
	// K-1 left: 95h
}
