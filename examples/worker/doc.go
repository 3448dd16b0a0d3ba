// Worker runs deskcore's time-driven rules as jobs on River, one process
// or several against one database: SQLite (one process, one writer) or
// PostgreSQL (any number of processes; the jobs spread over them).
//
// Usage:
//
//	worker -db sqlite:/var/lib/desk/desk.db
//	worker -dsn 'postgres://desk@db/desk' -workers 4
//	worker -dsn 'postgres://desk@db/desk' -month 2026-03   # also enqueue March's month-end now
//	worker -db sqlite:/var/lib/desk/desk.db -host /etc/desk/host.json
//	worker -dsn 'postgres://desk@db/desk' -billing-day 3      # bill last month from the 3rd on
//
// Every hour (and at start) it enqueues the month-end of the month before
// today and the expiry scan of today, and every minute the delivery of
// the ticket outbox; "today" is the host's clock in the
// business's zone (-zone, default Europe/Berlin), read here and never in
// the library. With -host, the host's records the stores do not keep
// (testdata/host.json is an example: the business calendar with its
// public holidays and closing days; per customer who is told about
// tickets and their service levels, the response and resolution times by
// priority, and the needs analysis; the complaints procedure; the dunning
// settings with the path of the ERP's daily export of open items), it
// also enqueues each hour the maintenance due around today and today's
// dunning run, every quarter hour the complaint reminders and every five
// minutes the SLA watch. The host file is read once, at start, and
// refused with the mistake named; the export of open items is read
// afresh at each run. The jobs are those of package examples/worker/jobs:
//
//   - with -billing-day, billing_month bills the month before from that
//     day of the month on (issued on it): it lists the customers and
//     enqueues billing_slice jobs billed with billing.Biller.RunCustomers, each
//     customer's reports and invoices stored in one transaction; the
//     quota month-end then leaves the billed customers' quota contracts to
//     the run, which books their month's work before it closes the
//     period;
//   - quota_month_end lists the quota contracts and enqueues a
//     quota_close_slice job per 500 of them; each closes its slice with
//     quota.Ledger.CloseContracts, on the SQL store one transaction per
//     slice;
//   - asset_expiry_scan sends the warranty and licence notices due on the
//     day (asset.Inventory.Expiring) and marks each sent;
//   - ticket_outbox, every minute, delivers the ticket notifications the
//     desk stored with each change (confirmations, new tickets, status
//     changes: ticket.Desk.Pending) and marks each delivered;
//   - ticket_maintenance opens the maintenance tickets of the needs
//     analyses (ticket.Desk.ScheduleMaintenance) for the schedule dates
//     from a week before today to a week after it, each once per item
//     and due day, so a week without a worker is caught up;
//   - dunning_run, the day's dunning run over the open invoices of the
//     ERP's export (dunning.Service.Run), sending (here: logging) each
//     notice issued;
//   - ticket_service_levels tells the customer's service-level recipients,
//     through the outbox, when an open ticket's response or resolution
//     clock reaches its warning share or its deadline
//     (ticket.Desk.WatchServiceLevels), once per ticket, clock and stage;
//   - complaint_reminders reminds the handler (or the complaints desk)
//     of a complaint's acknowledgement, update and resolution deadlines
//     a business day ahead and once passed (complaint.Policy.Reminders),
//     and marks each reminder sent on the complaint.
//
// Each job is unique by its arguments, the domain's own keys (the period,
// the slice's contracts, the day): however many processes enqueue it, it
// runs once. A failing job is retried with exponential backoff and each
// attempt's error is kept in the job's row (river_job.errors). A process
// killed mid-job leaves its job running in the table; after -rescue
// another process takes it for stuck and works it again, which books
// nothing twice: closing a closed period reports it closed already, a
// notice marked sent is not scanned again, a notification marked
// delivered is not sent again.
//
// On SIGINT or SIGTERM the worker stops fetching, lets running jobs
// finish for up to -drain, then cancels the rest (River retries them)
// and exits.
package main
