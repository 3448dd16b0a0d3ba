// Billingjob runs month-end for every quota contract: it closes a period
// (quota.Ledger.Close: correction of an overbooked balance, rollover,
// the next month's allotment) on SQLite or PostgreSQL, through the
// examples/sqlstore adapter. It is how a host outgrows one machine:
// several job processes against one PostgreSQL split the contracts
// between them.
//
// Usage:
//
//	billingjob -db sqlite:/var/lib/desk/desk.db -period 2026-03
//	billingjob -dsn 'postgres://desk@db/desk' -period 2026-03 -workers 4
//	billingjob -db sqlite:/tmp/demo.db -period 2026-03 -seed 10000   # demo data first
//
// -seed N first opens N demo contracts starting in the period with a
// month of work: a third under their 10 hours (the rest rolls over), a
// third exactly at them, a third over (corrected at the overage rate).
// -pace slows the job down to watch it or kill it midway. The period
// defaults to last month; a month that has not ended is refused
// (quota.ErrPeriodRunning).
//
// # Progress
//
// On a terminal the job redraws a one-line bar; otherwise (a log, CI) it
// writes a plain line at each tenth of the contracts. Both end with a
// summary: closed, already closed, out of term, failed.
//
// # Resuming after a kill
//
// Rerunning the same command after a crash or a kill finishes the job
// without booking anything twice. Ledger.Close is idempotent per
// contract and crash-safe (one transaction each): a contract closed
// before the kill reports "already closed" on the rerun and books
// nothing.
//
// # SQLite: one worker
//
// SQLite writes one transaction at a time (sqlstore queues its writes on
// one connection, and a second process waits on the file lock), so
// parallel workers would only wait for each other; the job walks the
// contracts once with Ledger.CloseAll and refuses -workers above 1. It
// keeps no state of its own: a rerun goes through every contract again,
// and the closed ones cost a read each.
//
// # PostgreSQL: workers that claim contracts
//
// On PostgreSQL the job keeps a claim table of its own,
// billingjob_claims (period, contract_id, state, worker, finished_at,
// outcome, error), created on first use and filled with the period's
// contracts by every run (a contract already listed is not listed again;
// a failed one is set to be tried again). Each worker, in this process
// (-workers) or in another process on another machine, claims a batch
// (-batch) in a transaction with
//
//	SELECT contract_id FROM billingjob_claims
//	WHERE period = $1 AND state = 'todo'
//	ORDER BY contract_id LIMIT $2 FOR UPDATE SKIP LOCKED
//
// closes each contract, marks it done with its outcome and commits. The
// row locks are the claim: other workers skip the locked rows, and once
// the batch commits they find them done, so no contract is closed by two
// workers. The claim transaction stays open while the batch is closed,
// rather than marking the rows claimed in a short transaction of its
// own, so a killed worker's claims need no lease: its connection drops,
// the server rolls back, and the rows are to do again at once. The price
// is one open transaction per worker while a batch is closed (a small
// batch keeps it short). Done contracts are skipped on a rerun without
// touching the ledger; one closed just before a kill, whose batch had not
// committed, is closed again, which books nothing and reports already
// closed.
package main
