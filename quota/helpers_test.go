package quota_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/quota"
)

// Tiny helpers that keep table rows dense.

func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

func per(s string) quota.Period { return quota.MustParsePeriod(s) }

func eur(s string) decimal.Decimal { return decimal.RequireFromString(s) }

const h = time.Hour

// terms returns 100h for 1,500.00 a month at 95.00 an hour overage from
// 2026-01, the contract most tests start from; policies come from set.
func terms(set func(*quota.Terms)) quota.Terms {
	t := quota.Terms{From: per("2026-01"), Hours: 100 * h, Price: eur("1500.00"), OverageRate: eur("95.00")}
	if set != nil {
		set(&t)
	}
	return t
}

// contract is K-1 of customer C-1 from 2026-01-01, open-ended.
func contract(t quota.Terms) quota.Contract {
	return quota.Contract{ID: "K-1", CustomerID: "C-1", Start: d(2026, time.January, 1), Terms: []quota.Terms{t}}
}

func open(t testing.TB, c quota.Contract) quota.Account {
	t.Helper()
	a, err := quota.NewAccount(c)
	require.NoError(t, err)
	return a
}

// sum adds the hours of entries: the ledger's side of the invariant.
func sum(entries []quota.Entry) time.Duration {
	var s time.Duration
	for _, e := range entries {
		s += e.Hours
	}
	return s
}
