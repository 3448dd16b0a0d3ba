package main

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/quota"
)

// job is one month-end run of this process: it enqueues the period's
// month-end and works jobs until the job table says every contract of it
// is closed, by this process or by others.
type job struct {
	period quota.Period
	// progress receives every contract's outcome; it may be nil.
	progress *progress
	// billing, if set, is the period's billing run, enqueued and waited
	// for beside the month-end.
	billing *jobs.BillingMonthArgs
	// billed is how many customers the billing run billed, once done.
	billed int

	mu    sync.Mutex
	tally tally
}

// tally counts what this process did to the contracts.
type tally struct {
	Closed, AlreadyClosed, OutOfTerm, Failed int
}

func (t *tally) add(o quota.Outcome, err error) {
	switch {
	case err != nil:
		t.Failed++
	case o == quota.Closed:
		t.Closed++
	case o == quota.AlreadyClosed:
		t.AlreadyClosed++
	default:
		t.OutOfTerm++
	}
}

// done counts every contract the run got through, failed or not.
func (t tally) done() int { return t.Closed + t.AlreadyClosed + t.OutOfTerm + t.Failed }

// closed hears the results of the slices this process works.
func (j *job) closed(res quota.CloseResult, err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.tally.add(res.Outcome, err)
	j.progress.update(j.tally)
}

func (j *job) counts() tally {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.tally
}

// run starts the client, enqueues the month-end (once: the job is unique
// by its period, so a rerun or a second process adds nothing) and waits
// until every slice of it has completed or been given up, then stops the
// client gracefully: running jobs finish first. Cancelling ctx stops
// the wait; what was closed stays closed, and jobs this process was
// working are worked again by another process or a rerun.
func (j *job) run(ctx context.Context, client *river.Client[*sql.Tx]) (tally, error) {
	if err := client.Start(ctx); err != nil {
		return tally{}, err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = client.Stop(stopCtx)
	}()
	if _, err := client.Insert(ctx, jobs.MonthEndArgs{Period: j.period.String()}, nil); err != nil {
		return tally{}, fmt.Errorf("billingjob: enqueue the month-end: %w", err)
	}
	if j.billing != nil {
		if _, err := client.Insert(ctx, *j.billing, nil); err != nil {
			return tally{}, fmt.Errorf("billingjob: enqueue the billing run: %w", err)
		}
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		s, err := jobs.MonthEnd(ctx, client, j.period)
		if err != nil {
			return j.counts(), err
		}
		b := jobs.MonthEndState{Listed: true}
		if j.billing != nil {
			if b, err = jobs.BillingMonth(ctx, client, *j.billing); err != nil {
				return j.counts(), err
			}
		}
		if s.Finished() && b.Finished() {
			if s.Failed+b.Failed > 0 {
				return j.counts(), fmt.Errorf("billingjob: %d contracts and %d customers in jobs given up after their last attempt; their errors are in the job table", s.Failed, b.Failed)
			}
			j.billed = b.Done
			return j.counts(), nil
		}
		select {
		case <-ctx.Done():
			return j.counts(), ctx.Err()
		case <-tick.C:
		}
	}
}
