// Billingjob runs month-end for every quota contract: it closes a period
// (quota.Ledger.Close: correction of an overbooked balance, rollover,
// the next month's allotment) on SQLite or PostgreSQL, through the
// examples/sqlstore adapter, as jobs on River. It is how a host
// outgrows one machine: several job processes against one PostgreSQL
// split the contracts between them.
//
// Usage:
//
//	billingjob -db sqlite:/var/lib/desk/desk.db -period 2026-03
//	billingjob -dsn 'postgres://desk@db/desk' -period 2026-03 -workers 4
//	billingjob -db sqlite:/tmp/demo.db -period 2026-03 -seed 10000   # demo data first
//	billingjob -dsn 'postgres://desk@db/desk' -period 2026-03 -bill   # the billing run too
//
// -seed N first opens N demo contracts starting in the period with a
// month of work: a third under their 10 hours (the rest rolls over), a
// third exactly at them, a third over (corrected at the overage rate).
// -pace slows the job down to watch it or kill it midway. The period
// defaults to last month; a month that has not ended is refused
// (quota.ErrPeriodRunning).
//
// -bill also runs the period's billing (billing.Biller.RunCustomers in
// the jobs' slices, issued today) and waits for it too. The billing run
// books its quota customers' work on their hour bank and closes their
// period itself, so the month-end leaves their quota contracts to it
// (were they closed first, work booked by the run would land in the
// next month). Every process working the database's jobs must decide
// alike: give running workers -billing-day when billingjob bills.
//
// # Progress
//
// On a terminal the job redraws a one-line bar; otherwise (a log, CI) it
// writes a plain line at each tenth of the contracts. Both end with a
// summary of what this process did: closed, already closed, out of term,
// failed.
//
// # Jobs on River
//
// The job is a thin command over examples/worker/jobs: it enqueues the
// period's month-end on River (github.com/riverqueue/river) in the same
// database, works jobs itself (-workers at once) and waits, with its
// progress, until the job table says every contract of the month is
// closed, by this process or by others. The month-end job lists the
// contracts and enqueues one job per -batch of them (500 by default);
// each closes its slice with quota.Ledger.CloseContracts, one
// transaction per slice on the SQL store. All jobs are unique by their
// arguments, so several billingjob processes, or a billingjob and a
// running worker, enqueue the month once and share its slices.
//
// # Resuming after a kill
//
// A killed process's slice job stays "running" in the job table; after
// -rescue (a minute by default) another process, or the same command run
// again, takes it for stuck and works it again. Nothing is booked twice:
// the slice's transaction either committed before the kill, and its
// contracts report "already closed" on the second run, or it rolled back
// with the kill and they are closed now.
//
// # SQLite: one worker
//
// SQLite writes one transaction at a time (sqlstore queues its writes on
// one connection, and a second process waits on the file lock), so the
// job refuses -workers above 1 on it; River keeps its tables in the same
// file, through a pool of one connection.
package main
