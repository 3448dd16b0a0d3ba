package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/deskcore/deskcore/quota"
)

// job is one month-end run: closing period for every contract.
type job struct {
	ledger *quota.Ledger
	store  quota.Store
	// claims is the PostgreSQL pool that holds billingjob_claims; nil on
	// SQLite, where one worker walks the contracts with Ledger.CloseAll.
	claims  *sql.DB
	period  quota.Period
	workers int           // PostgreSQL: concurrent workers in this process
	batch   int           // PostgreSQL: contracts claimed per transaction
	worker  string        // PostgreSQL: this process's name in the claim table
	pace    time.Duration // a pause after each contract, for demos
	// progress receives every contract's outcome; it may be nil.
	progress *progress
}

// tally counts what a run did to the contracts.
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

// run closes the period for every contract and returns what it did. A
// failed contract is counted and reported through errs; the run goes on.
// Cancelling ctx stops it; what was closed stays closed, and a rerun
// finishes the rest.
func (j *job) run(ctx context.Context) (tally, error) {
	if j.claims == nil {
		return j.runOne(ctx)
	}
	return j.runClaims(ctx)
}

// runOne is the SQLite run: one worker through Ledger.CloseAll. SQLite
// has one writer at a time (sqlstore queues writes on one connection), so
// more workers would only wait for each other. Resuming needs no state of
// its own: Close is idempotent, and a contract closed before a kill
// reports AlreadyClosed without booking anything.
func (j *job) runOne(ctx context.Context) (tally, error) {
	var t tally
	total := 0
	for _, err := range j.store.Contracts(ctx) {
		if err != nil {
			return t, err
		}
		total++
	}
	j.progress.start(total, t)
	var failed []error
	for res, err := range j.ledger.CloseAll(ctx, j.period) {
		if ctx.Err() != nil {
			return t, ctx.Err()
		}
		if err != nil && res.ContractID == "" {
			return t, err // the run as a whole failed
		}
		if err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", res.ContractID, err))
		}
		// A contract caught up over several periods yields several
		// results; only the period asked for counts as its outcome.
		if err != nil || res.Period == j.period {
			t.add(res.Outcome, err)
			j.progress.update(t)
		}
		j.sleep(ctx)
	}
	return t, errors.Join(failed...)
}

func (j *job) sleep(ctx context.Context) {
	if j.pace <= 0 {
		return
	}
	select {
	case <-ctx.Done():
	case <-time.After(j.pace):
	}
}

// claimsSchema is the claim table: one row per contract and period, made
// by the job, not by sqlstore's migrations, since it is the job's own
// bookkeeping and not deskcore's data.
const claimsSchema = `CREATE TABLE IF NOT EXISTS billingjob_claims (
	period      TEXT NOT NULL,
	contract_id TEXT NOT NULL,
	state       TEXT NOT NULL DEFAULT 'todo', -- todo, done or failed
	worker      TEXT,                         -- who finished it
	finished_at TIMESTAMPTZ,                  -- when it was marked done or failed
	outcome     TEXT,                         -- closed, already closed, out of term
	error       TEXT,                         -- why it failed
	PRIMARY KEY (period, contract_id)
)`

// createClaims makes the claim table once, however many job processes
// start together: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe
// against a concurrent twin (both may pass the check, and the second
// fails on the catalog's unique index), so the creation takes a
// transaction-scoped advisory lock first.
func (j *job) createClaims(ctx context.Context) error {
	tx, err := j.claims.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	// Any fixed key will do; this one is the job's own.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7022077935848284011)`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, claimsSchema); err != nil {
		return err
	}
	return tx.Commit()
}

// runClaims is the PostgreSQL run: fill the claim table with the period's
// contracts (a rerun or a second process adds nothing twice), then let
// the workers claim batches until none is left.
func (j *job) runClaims(ctx context.Context) (tally, error) {
	var t tally
	if err := j.createClaims(ctx); err != nil {
		return t, fmt.Errorf("billingjob: create claim table: %w", err)
	}
	p := j.period.String()
	// Failed contracts of an earlier run are tried again.
	if _, err := j.claims.ExecContext(ctx, `INSERT INTO billingjob_claims (period, contract_id)
		SELECT $1, contract_id FROM quota_accounts
		ON CONFLICT (period, contract_id) DO UPDATE SET state = 'todo', error = NULL
		WHERE billingjob_claims.state = 'failed'`, p); err != nil {
		return t, fmt.Errorf("billingjob: fill claim table: %w", err)
	}
	var total, finished int
	if err := j.claims.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE state = 'done')
		FROM billingjob_claims WHERE period = $1`, p).Scan(&total, &finished); err != nil {
		return t, err
	}
	// Contracts an earlier run finished count as already closed: they
	// are skipped without touching the ledger.
	t.AlreadyClosed = finished
	j.progress.start(total, t)

	var (
		mu     sync.Mutex
		failed []error
		wg     sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	report := func(id string, o quota.Outcome, err error) {
		mu.Lock()
		defer mu.Unlock()
		t.add(o, err)
		if err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", id, err))
		}
		j.progress.update(t)
	}
	var fatal error
	for w := range max(j.workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("%s/%d", j.worker, w)
			for {
				n, err := j.closeBatch(ctx, name, report)
				if err != nil {
					mu.Lock()
					if fatal == nil {
						fatal = err
					}
					mu.Unlock()
					cancel()
					return
				}
				if n == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	if fatal != nil {
		return t, fatal
	}
	return t, errors.Join(failed...)
}

// closeBatch claims up to j.batch contracts still to do and closes them.
//
// The claim is the row lock: SELECT ... FOR UPDATE SKIP LOCKED takes rows
// no other worker holds, and the transaction keeps them until the batch
// is marked done and commits. Another worker, in this process or another
// one, skips them meanwhile and, once the commit is in, finds them done,
// so no contract is closed by two workers. A worker that is killed holds
// nothing: its connection drops, the server rolls its transaction back
// and the rows are to do again, with no lease to wait out or tune. A
// contract closed just before such a kill is closed again on the rerun,
// which books nothing (Ledger.Close is idempotent) and counts it as
// already closed.
//
// It returns how many contracts it claimed; zero means none is left.
// Errors closing one contract go to report; an error of the claim table
// or a cancelled ctx is returned and the batch is left to do.
func (j *job) closeBatch(ctx context.Context, worker string, report func(string, quota.Outcome, error)) (int, error) {
	tx, err := j.claims.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }()
	p := j.period.String()
	rows, err := tx.QueryContext(ctx, `SELECT contract_id FROM billingjob_claims
		WHERE period = $1 AND state = 'todo'
		ORDER BY contract_id LIMIT $2 FOR UPDATE SKIP LOCKED`, p, j.batch)
	if err != nil {
		return 0, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			_ = rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	type result struct {
		id      string
		outcome quota.Outcome
		err     error
	}
	results := make([]result, 0, len(ids))
	for _, id := range ids {
		res, err := j.ledger.Close(ctx, id, j.period)
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		results = append(results, result{id, res.Outcome, err})
		j.sleep(ctx)
	}
	for _, r := range results {
		state, outcome, msg := "done", r.outcome.String(), sql.NullString{}
		if r.err != nil {
			state, outcome, msg = "failed", "", sql.NullString{String: r.err.Error(), Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE billingjob_claims
			SET state = $3, worker = $4, finished_at = now(), outcome = $5, error = $6
			WHERE period = $1 AND contract_id = $2`, p, r.id, state, worker, outcome, msg); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	// Counted once committed, so the tally matches the claim table.
	for _, r := range results {
		report(r.id, r.outcome, r.err)
	}
	return len(ids), nil
}
