// Package jobs runs deskcore's time-driven rules as jobs on River
// (github.com/riverqueue/river), on the same database as the SQL stores:
// SQLite through River's riversqlite driver, PostgreSQL through
// riverdatabasesql on pgx's database/sql driver. It is what the worker
// and billingjob commands share.
//
//	db, _ := jobs.OpenPostgres(dsn)
//	_ = db.Migrate(ctx)
//	client, _ := jobs.NewClient(db, jobs.ClientConfig{
//		Workers:    jobs.Workers(jobs.Config{Ledger: ledger, Quota: store}),
//		MaxWorkers: 2,
//		Periodic:   jobs.Periodic(jobs.Config{Ledger: ledger, Quota: store, Now: time.Now, Zone: berlin}),
//	})
//	_ = client.Start(ctx)
//	_, _ = client.Insert(ctx, jobs.MonthEndArgs{Period: "2026-03"}, nil)
//
// Every job is unique by its arguments, which are the domain's own keys:
// the period of a month-end, the period and contracts of a slice, the
// run of a billing month and the customers of its slices, the day of an
// expiry scan, a maintenance planning or a dunning run, the quarter hour
// of the complaint reminders, the minute of an SLA watch or an outbox
// delivery. Enqueued twice, by two processes or by the periodic schedule
// and a person, a job runs once. Under that, the domain is
// idempotent itself: closing a closed period books nothing, a notice
// marked sent is not scanned again, a maintenance ticket is opened once
// per checklist item and due day, a complaint reminder marked sent is
// not due again, an SLA warning or breach is told once per ticket, clock
// and stage, a dunning notice issued on a day is
// repeated, not issued again, by a second run of that day. So a job that
// runs again, because its worker was killed after its commit and before
// River heard of it, books nothing twice either.
//
// A failing job is retried with River's exponential backoff (up to 25
// attempts) and each attempt's error is kept with the job (river_job's
// errors column). A killed worker's running jobs are taken for stuck
// after ClientConfig.RescueAfter and worked again by another process.
// Client.Stop finishes the running jobs before the process exits.
//
// The month-end is two kinds of job: MonthEndArgs lists the quota
// contracts and enqueues CloseSliceArgs jobs of 500 contracts, which any
// process may work; each closes its slice with
// quota.Ledger.CloseContracts, on the SQL store one transaction per
// slice.
//
// MaintenanceArgs opens the maintenance tickets of the customers' needs
// analyses (Config.Checklists, on Config.Calendar) for the schedule dates
// from MaintenanceCatchUp days before its day to Config.MaintenanceAhead
// days after it, with ticket.Desk.ScheduleMaintenance, which opens each
// once per item and due day: the days' overlapping windows catch up
// a week without a worker and open nothing twice. DunningRunArgs runs
// the day's dunning over Config.OpenInvoices, the host's open items; a
// list that breaks off fails the job after the invoices read before it
// are dunned.
//
// ComplaintRemindersArgs, every quarter hour, asks every open complaint
// for the reminders of its deadlines it is due (complaint's
// Policy.Reminders: the acknowledgement, the progress update and the
// resolution, each due soon and then overdue), hands each to
// Config.SendReminder for the member of staff who is to act, then
// records it on the complaint (Policy.MarkReminded), so each is sent once
// per deadline, stage and due instant; a complaint extended meanwhile is
// reminded of its new deadline.
//
// The SLA watch (ServiceLevelsArgs, every five minutes with
// Config.Desk and Config.Agreements) runs ticket.Desk.WatchServiceLevels
// at its minute: each ticket whose response or resolution clock reached
// its warning share or its deadline gets the stage in its history and
// the notifications to the customer's service-level recipients in its
// outbox, in one transaction; the outbox job (OutboxArgs, every minute)
// then delivers them. An error about one ticket is kept with the job,
// which is cancelled rather than retried, since the next watch looks at
// every unresolved ticket again.
//
// The monthly billing run is two kinds of job the same way, on a Config
// with a Biller and its work store: BillingMonthArgs (the run's ID,
// period and issue date) lists the customers and enqueues BillSliceArgs
// jobs of 500 customers, each billed with billing.Biller.RunCustomers
// and handed to Config.Billed. A customer that fails fails its slice,
// which River retries; the retry bills nothing twice. The billing run
// books a quota customer's work on its hour bank and then closes the
// quota period itself, so with a Biller the month-end leaves those quota
// contracts to it and closes the others: the month-end cannot close a
// period before its work is booked, in whatever order the two run.
// BillingMonth reads the run's progress as MonthEnd reads the
// month-end's; Periodic enqueues the billing of the month before from
// Config.BillingDay on.
package jobs
