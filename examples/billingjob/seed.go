package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/quota"
)

// contractID names the i-th demo contract; the zero padding keeps them in
// order in the store's byte order.
func contractID(i int) string { return fmt.Sprintf("K-%06d", i) }

// seedUsage is the i-th demo contract's work in its month: a third of the
// contracts use 4 of their 10 hours (6 roll over), a third use them all,
// and a third use 13 (3 are corrected at the overage rate). Three
// postings each.
func seedUsage(i int) []time.Duration {
	switch i % 3 {
	case 0:
		return []time.Duration{2 * time.Hour, time.Hour, time.Hour}
	case 1:
		return []time.Duration{2 * time.Hour, time.Hour, 7 * time.Hour}
	default:
		return []time.Duration{2 * time.Hour, time.Hour, 10 * time.Hour}
	}
}

// seed opens n demo contracts starting in period p, each with a month of
// work booked (seedUsage), using workers goroutines. It is safe to run
// again: a contract that exists is left as it is and a posting already
// booked books nothing.
func seed(ctx context.Context, l *quota.Ledger, p quota.Period, n, workers int) error {
	ids := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ids {
				if err := seedOne(ctx, l, p, i); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	go func() {
		defer close(ids)
		for i := 1; i <= n; i++ {
			select {
			case ids <- i:
			case <-ctx.Done():
				return
			case err := <-errs:
				errs <- err
				return
			}
		}
	}()
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}

func seedOne(ctx context.Context, l *quota.Ledger, p quota.Period, i int) error {
	id := contractID(i)
	_, err := l.Open(ctx, quota.Contract{
		ID: id, CustomerID: fmt.Sprintf("C-%06d", i), Start: p.First(),
		Terms: []quota.Terms{{
			From: p, Hours: 10 * time.Hour,
			Price:       decimal.New(95000, -2),
			OverageRate: decimal.New(9500, -2),
			Overdraft:   quota.UnlimitedOverdraft(),
		}},
	})
	if err != nil && !errors.Is(err, quota.ErrConflict) {
		return fmt.Errorf("seed %s: %w", id, err)
	}
	for k, h := range seedUsage(i) {
		c := quota.Consumption{Key: fmt.Sprintf("work-%d", k+1), Date: p.First().AddDate(0, 0, 4+7*k), Hours: h}
		if _, err := l.Consume(ctx, id, c); err != nil {
			return fmt.Errorf("seed %s: %w", id, err)
		}
	}
	return nil
}
