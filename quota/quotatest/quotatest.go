package quotatest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/conformance"
	"github.com/deskcore/deskcore/quota"
)

// TestStore runs the conformance suite. newStore must return a new, empty
// store each time it is called; it may register cleanups on t. Subtests
// run one after another, each on its own store.
func TestStore(t *testing.T, newStore func(t *testing.T) quota.Store) {
	t.Helper()
	conformance.Run(t, newStore,
		conformance.Group[quota.Store]{Name: "store", Checks: storeTests},
		conformance.Group[quota.Store]{Name: "ledger", Checks: ledgerTests},
		conformance.Group[quota.Store]{Name: "close", Checks: closeTests},
		conformance.Group[quota.Store]{Name: "batch", Checks: batchTests},
	)
}

// storeTest is one check of the suite.
type storeTest = conformance.Check[quota.Store]

const h = time.Hour

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func per(s string) quota.Period { return quota.MustParsePeriod(s) }

// all periods, for reading every entry of a contract.
var (
	firstPeriod = quota.MustParsePeriod("0001-01")
	lastPeriod  = quota.MustParsePeriod("9999-12")
)

// contract is 100h a month for 1,500.00 at 95.00 an hour overage from
// 2026-01-01, open-ended; set changes the terms.
func contract(id string, set func(*quota.Terms)) quota.Contract {
	t := quota.Terms{
		From: per("2026-01"), Hours: 100 * h,
		Price: decimal.RequireFromString("1500.00"), OverageRate: decimal.RequireFromString("95.00"),
	}
	if set != nil {
		set(&t)
	}
	return quota.Contract{ID: id, CustomerID: "C-" + id, Start: day(2026, time.January, 1), Terms: []quota.Terms{t}}
}

// create opens the contract's account in the store and returns it as it
// was before Create (with its Pending entries).
func create(t *testing.T, s quota.Store, c quota.Contract) quota.Account {
	t.Helper()
	a, err := quota.NewAccount(c)
	require.NoError(t, err)
	require.NoError(t, s.Create(context.Background(), a))
	return a
}

// entries reads every entry of a contract.
func entries(t *testing.T, s quota.Store, id string) []quota.Entry {
	t.Helper()
	var es []quota.Entry
	for e, err := range s.Entries(context.Background(), id, firstPeriod, lastPeriod) {
		require.NoError(t, err)
		es = append(es, e)
	}
	return es
}

func sum(es []quota.Entry) time.Duration {
	var s time.Duration
	for _, e := range es {
		s += e.Hours
	}
	return s
}

func account(t *testing.T, s quota.Store, id string) quota.Account {
	t.Helper()
	a, err := s.Account(context.Background(), id)
	require.NoError(t, err)
	return a
}

// update runs fn in s.Update and requires success.
func update(t *testing.T, s quota.Store, id string, fn func(*quota.Account) error) {
	t.Helper()
	require.NoError(t, s.Update(context.Background(), id, fn))
}

// consume is a consumption of hours on a day with a key made of both.
func consume(on date.Date, hours time.Duration) quota.Consumption {
	return quota.Consumption{Key: fmt.Sprintf("work-%s-%s", on, hours), Date: on, Hours: hours}
}

// checkLedger requires the ledger invariant of a contract in the store:
// the stored account's balance, the sum of its entries and the balance on
// the last entry's day agree; Seq runs 1..n with unique keys; Version is
// at least 1.
func checkLedger(t *testing.T, s quota.Store, id string) {
	t.Helper()
	a := account(t, s, id)
	es := entries(t, s, id)
	require.Equal(t, a.Balance(), sum(es), "balance = sum of entries")
	keys := map[string]bool{}
	var last date.Date
	for i, e := range es {
		require.Equal(t, int64(i+1), e.Seq, "entries in Seq order without gaps")
		require.False(t, keys[e.Key], "key %q twice", e.Key)
		keys[e.Key] = true
		last = max(last, e.Date)
	}
	require.Equal(t, a.Seq, int64(len(es)))
	b, err := s.Balance(context.Background(), id, last)
	require.NoError(t, err)
	require.Equal(t, sum(es), b, "balance on the last day = sum of entries")
	require.GreaterOrEqual(t, a.Version, int64(1))
}
