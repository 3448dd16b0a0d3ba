package jobs

import (
	"context"
	"iter"
	"log/slog"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// Config is what the jobs work on. Ledger and Quota are required;
// Inventory and Notify only for the expiry scan; Biller and Work only
// for the billing run.
type Config struct {
	Ledger *quota.Ledger
	Quota  quota.Store // lists the contracts of a month-end
	// SliceSize is how many contracts one CloseSliceArgs job closes, and
	// how many customers one BillSliceArgs job bills; zero means 500.
	SliceSize int
	// Pace, for demos and tests, pauses after each contract closed, so a
	// run can be watched or killed midway.
	Pace time.Duration
	// Closed, if set, hears every result of a slice this process worked.
	Closed func(quota.CloseResult, error)

	Inventory *asset.Inventory
	// Notify sends an expiry notice (mail, ticket, ...); the scan marks
	// it as sent once Notify returns nil. Nil logs the notice.
	Notify func(context.Context, asset.Notice) error

	Desk *ticket.Desk
	// Deliver sends one ticket notification (the host's mail); the
	// outbox job marks it delivered once Deliver returns nil. Nil logs
	// it.
	Deliver func(context.Context, ticket.Notification) error
	// Agreements are a customer's service levels, from the host's
	// contracts (the zero Agreements for a customer without any): with
	// Desk, the SLA watch tells the customers' service-level recipients
	// about warnings and breaches through the outbox.
	Agreements func(ctx context.Context, customerID string) (ticket.Agreements, error)

	// Checklists are the customers' needs analyses, from the host's
	// records: with Desk and Calendar, the daily maintenance job opens
	// the tickets they call for. Each iteration reads them anew.
	Checklists func(ctx context.Context) iter.Seq2[ticket.Checklist, error]
	// Calendar is the business calendar maintenance moves onto (off
	// weekends and holidays).
	Calendar *sla.Calendar
	// MaintenanceAhead is how many days before the schedule date a
	// maintenance ticket is opened, so the week's checks can be planned;
	// zero opens it on the day. The worker command uses 7.
	MaintenanceAhead int

	Dunning *dunning.Service
	// OpenInvoices are the host's open invoices on a day, from its ERP;
	// required with Dunning.
	OpenInvoices func(ctx context.Context, day date.Date) iter.Seq2[dunning.OpenInvoice, error]
	// SendNotice sends a dunning notice the run issued (or issued
	// earlier the same day: a retried run sends it again, at least once;
	// the notice's invoice, level and date identify a repeat). Nil logs
	// it.
	SendNotice func(context.Context, dunning.Result) error

	// Complaints and ComplaintPolicy are the complaints and their
	// procedure: with both, the reminders job sends the reminders of
	// their deadlines every quarter hour.
	Complaints      complaint.Store
	ComplaintPolicy *complaint.Policy
	// SendReminder sends one complaint reminder to the member of staff
	// who is to act (Reminder.To; zero: the complaints desk); the job
	// marks it sent once SendReminder returns nil. Nil logs it.
	SendReminder func(context.Context, complaint.Reminder) error

	// Biller bills the month (BillingMonthArgs) over Work, the work
	// store it was made on, which lists the customers; the two go
	// together. With them, the quota month-end leaves the quota
	// contracts of billing's quota customers to the billing run, which
	// books their month's work on the quota before it closes the period
	// (closed first, that work would be booked late, into the next
	// month).
	Biller *billing.Biller
	Work   billing.WorkStore
	// BillingDay is the day of the month from which Periodic enqueues
	// the billing of the month before, issued on that day (on the
	// month's last day if it has fewer days); zero means the 1st.
	BillingDay int
	// Billed hears each customer a billing slice billed, with its new
	// reports and invoice drafts, which the run stored before: the host
	// mails the reports and books the invoices in its ERP. It hears a
	// customer once, from the attempt that billed it (a retried slice
	// finds it billed); a host that must not miss one reads the work
	// store's reports. Nil logs them.
	Billed func(context.Context, billing.RunResult)

	// Now is the host's clock and Zone its business's time zone: which
	// day it is, which month ended. Periodic needs both; the jobs
	// themselves read no clock but their arguments.
	Now  func() time.Time
	Zone *time.Location

	// Logger gets River's log and the jobs' own; nil discards both.
	Logger *slog.Logger
}

// Workers registers the job kinds' workers on cfg.
func Workers(cfg Config) *river.Workers {
	if cfg.SliceSize <= 0 {
		cfg.SliceSize = 500
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Notify == nil {
		cfg.Notify = func(_ context.Context, n asset.Notice) error {
			cfg.Logger.Info("expiry notice", "asset", n.AssetID, "subject", n.Subject, "expires", n.Expires.String(), "lead_days", n.LeadDays)
			return nil
		}
	}
	if cfg.Deliver == nil {
		cfg.Deliver = func(_ context.Context, n ticket.Notification) error {
			cfg.Logger.Info("ticket notification", "ticket", n.Ticket.String(), "template", n.Template, "message_id", n.MessageID)
			return nil
		}
	}
	if cfg.SendNotice == nil {
		cfg.SendNotice = func(_ context.Context, r dunning.Result) error {
			cfg.Logger.Info("dunning notice", "invoice", r.Invoice, "level", r.Notice.LevelName, "total", r.Notice.Total.StringFixed(2))
			return nil
		}
	}
	if cfg.SendReminder == nil {
		cfg.SendReminder = func(_ context.Context, r complaint.Reminder) error {
			cfg.Logger.Info("complaint reminder", "complaint", r.Ref.String(), "deadline", r.Deadline.String(), "stage", r.Stage.String(),
				"due", r.Due.Format(time.RFC3339), "to", r.To.String())
			return nil
		}
	}
	if cfg.Billed == nil {
		cfg.Billed = func(_ context.Context, r billing.RunResult) {
			for _, inv := range r.Invoices {
				cfg.Logger.Info("invoice drafted", "customer", r.CustomerID, "invoice", inv.ID, "report", inv.ReportID, "gross", inv.Totals.Gross.StringFixed(2))
			}
			cfg.Logger.Info("customer billed", "customer", r.CustomerID, "reports", len(r.Reports), "invoices", len(r.Invoices), "held", len(r.Held))
		}
	}
	ws := river.NewWorkers()
	river.AddWorker(ws, &monthEndWorker{cfg: cfg})
	river.AddWorker(ws, &closeSliceWorker{cfg: cfg})
	river.AddWorker(ws, &expiryScanWorker{cfg: cfg})
	river.AddWorker(ws, &outboxWorker{cfg: cfg})
	river.AddWorker(ws, &dunningRunWorker{cfg: cfg})
	river.AddWorker(ws, &maintenanceWorker{cfg: cfg})
	river.AddWorker(ws, &complaintRemindersWorker{cfg: cfg})
	river.AddWorker(ws, &serviceLevelsWorker{cfg: cfg})
	river.AddWorker(ws, &billingMonthWorker{cfg: cfg})
	river.AddWorker(ws, &billSliceWorker{cfg: cfg})
	return ws
}

// sendThenMark sends each item and marks it sent after: a crash in
// between sends it again on the retry (at least once), never loses it.
func sendThenMark[T any](ctx context.Context, items iter.Seq2[T, error], send, mark func(context.Context, T) error) error {
	for item, err := range items {
		if err != nil {
			return err
		}
		if err := send(ctx, item); err != nil {
			return err
		}
		if err := mark(ctx, item); err != nil {
			return err
		}
	}
	return nil
}

// Periodic are the schedules of a worker process on cfg, each job
// scheduled when cfg has what it works on: every hour (and at start) the
// month-end of the month before today (Ledger and Quota), the expiry scan
// of today (Inventory), the maintenance due around today (Desk,
// Checklists and Calendar) and the dunning run of today (Dunning and
// OpenInvoices), and from cfg.BillingDay on the billing of the month
// before (Biller and Work); every quarter hour the complaint reminders of
// that quarter hour (Complaints and ComplaintPolicy); every five minutes
// the SLA watch of the minute (Desk and Agreements); every minute the
// delivery of the ticket outbox (Desk).
// Each job is unique by its arguments, so however many processes enqueue
// it, each period and day runs once while its completed job is kept
// (ClientConfig.KeepCompleted; enqueued again after that, the month-end
// closes nothing twice and the scan sends nothing marked). "Today" is
// cfg.Now in cfg.Zone.
// A Config without Now or Zone schedules nothing.
func Periodic(cfg Config) []*river.PeriodicJob {
	if cfg.Now == nil || cfg.Zone == nil {
		return nil
	}
	today := func() date.Date { return date.NewAt(cfg.Now().In(cfg.Zone)) }
	hourly := river.PeriodicInterval(time.Hour)
	opts := &river.PeriodicJobOpts{RunOnStart: true}
	var jobs []*river.PeriodicJob
	add := func(every river.PeriodicSchedule, args func() river.JobArgs) {
		jobs = append(jobs, river.NewPeriodicJob(every, func() (river.JobArgs, *river.InsertOpts) {
			return args(), nil
		}, opts))
	}
	if cfg.Ledger != nil && cfg.Quota != nil {
		add(hourly, func() river.JobArgs { return MonthEndArgs{Period: quota.PeriodOf(today()).Prev().String()} })
	}
	if cfg.Inventory != nil {
		add(hourly, func() river.JobArgs { return ExpiryScanArgs{Day: today().String()} })
	}
	if cfg.Desk != nil && cfg.Checklists != nil && cfg.Calendar != nil {
		add(hourly, func() river.JobArgs { return MaintenanceArgs{Day: today().String()} })
	}
	if cfg.Dunning != nil && cfg.OpenInvoices != nil {
		add(hourly, func() river.JobArgs { return DunningRunArgs{Day: today().String()} })
	}
	if cfg.Complaints != nil && cfg.ComplaintPolicy != nil {
		add(river.PeriodicInterval(reminderEvery), func() river.JobArgs { return ComplaintRemindersAt(cfg.Now()) })
	}
	if cfg.Desk != nil && cfg.Agreements != nil {
		add(river.PeriodicInterval(ServiceLevelsEvery), func() river.JobArgs { return ServiceLevelsAt(cfg.Now()) })
	}
	if cfg.Biller != nil && cfg.Work != nil {
		add(hourly, func() river.JobArgs {
			if a, ok := billingDue(cfg.BillingDay, today()); ok {
				return a
			}
			return nil // before the billing day
		})
	}
	if cfg.Desk != nil {
		add(river.PeriodicInterval(time.Minute), func() river.JobArgs { return OutboxArgs{} })
	}
	return jobs
}
