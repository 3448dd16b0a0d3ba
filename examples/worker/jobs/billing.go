package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

const (
	// KindBillingMonth is the kind of BillingMonthArgs jobs.
	KindBillingMonth = "billing_month"
	// KindBillSlice is the kind of BillSliceArgs jobs.
	KindBillSlice = "billing_slice"
)

// BillingMonthArgs asks for the billing run of one month
// (billing.Biller.Run): the job lists the customers of the work store
// and enqueues a BillSliceArgs job per slice of them. Unique by its
// arguments: enqueued twice, it runs once. A run that finished is not
// worked again under its ID to bill work released since, as its reports
// are stored under their IDs: the next month's run bills that work, or
// a run with an ID of its own. So a ClientConfig.KeepCompleted shorter
// than a month, which lets Periodic enqueue the month again, is no
// setting for a worker with a Biller.
type BillingMonthArgs struct {
	// RunID names the run in report and invoice IDs; empty means the
	// period (billing.BillingRun.ID).
	RunID  string `json:"run_id,omitempty"`
	Period string `json:"period"` // YYYY-MM, the month billed
	Issued string `json:"issued"` // YYYY-MM-DD, the reports' and invoices' date
}

// Kind implements river.JobArgs.
func (BillingMonthArgs) Kind() string { return KindBillingMonth }

// InsertOpts makes the job unique by its arguments.
func (BillingMonthArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// BillSliceArgs bills one slice of a month's customers with
// billing.Biller.RunCustomers. Unique by its arguments, so the month job
// may enqueue its slices again after a crash without doubling them.
type BillSliceArgs struct {
	RunID       string   `json:"run_id,omitempty"`
	Period      string   `json:"period"`
	Issued      string   `json:"issued"`
	CustomerIDs []string `json:"customer_ids"`
}

// Kind implements river.JobArgs.
func (BillSliceArgs) Kind() string { return KindBillSlice }

// InsertOpts makes the job unique by its arguments.
func (BillSliceArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// billingRun reads a job's run; an error means the arguments cannot be
// billed, however often they are tried.
func billingRun(id, period, issued string) (billing.BillingRun, error) {
	p, err := quota.ParsePeriod(period)
	if err != nil {
		return billing.BillingRun{}, err
	}
	on, err := date.Parse(date.ISO8601, issued)
	if err != nil {
		return billing.BillingRun{}, fmt.Errorf("issue date %q: want YYYY-MM-DD", issued)
	}
	run := billing.BillingRun{ID: id, Period: p, Issued: on}
	return run, run.Validate()
}

// billingReady refuses a billing job on a Config without a Biller or a
// work store: trying again changes nothing.
func (cfg Config) billingReady() error {
	if cfg.Biller == nil || cfg.Work == nil {
		return river.JobCancel(errors.New("no biller or work store configured"))
	}
	return nil
}

type billingMonthWorker struct {
	river.WorkerDefaults[BillingMonthArgs]
	cfg Config
}

// Work lists the customers and enqueues their slices in one InsertMany;
// slices enqueued by an earlier attempt are skipped as duplicates.
func (w *billingMonthWorker) Work(ctx context.Context, job *river.Job[BillingMonthArgs]) error {
	if err := w.cfg.billingReady(); err != nil {
		return err
	}
	a := job.Args
	if _, err := billingRun(a.RunID, a.Period, a.Issued); err != nil {
		return river.JobCancel(err)
	}
	var ids []string
	for c, err := range w.cfg.Work.Contracts(ctx) {
		if err != nil {
			return err
		}
		ids = append(ids, c.CustomerID)
	}
	return insertSlices(ctx, ids, w.cfg.SliceSize, func(slice []string) river.JobArgs {
		return BillSliceArgs{RunID: a.RunID, Period: a.Period, Issued: a.Issued, CustomerIDs: slice}
	})
}

type billSliceWorker struct {
	river.WorkerDefaults[BillSliceArgs]
	cfg Config
}

// Work bills the slice's customers and hands each billed one to
// Config.Billed. A customer that fails (a missing rate, a conflict, a
// store down) fails the job, which River retries with backoff and
// records the error with; the others are billed all the same, and the
// retry bills nothing twice (the run is idempotent: it finds the billed
// customers billed). Work the quota refuses for overdraft is held, as
// work without an order is: the rest of its customer, the quota fee
// included, is billed and handed on with the work in Held, and a later
// month's run books it; retrying the slice would not change the quota's
// answer, so it does not fail the job.
func (w *billSliceWorker) Work(ctx context.Context, job *river.Job[BillSliceArgs]) error {
	if err := w.cfg.billingReady(); err != nil {
		return err
	}
	a := job.Args
	run, err := billingRun(a.RunID, a.Period, a.Issued)
	if err != nil {
		return river.JobCancel(err)
	}
	var failed []error
	for res, err := range w.cfg.Biller.RunCustomers(ctx, run, a.CustomerIDs) {
		var held *billing.QuotaPostingError
		switch {
		case err != nil && res.CustomerID == "" && errors.Is(err, billing.ErrInvalid):
			return river.JobCancel(err) // malformed customer IDs
		case err != nil && res.CustomerID == "":
			return err // the run as a whole: a cancelled context
		case errors.As(err, &held) && errors.Is(err, quota.ErrOverdraft):
			w.cfg.Logger.Warn("billing: work held for the quota's overdraft", "customer", res.CustomerID, "entries", len(held.EntryIDs))
		case err != nil:
			failed = append(failed, err) // names its customer
			continue
		}
		if res.Outcome == billing.RunBilled {
			w.cfg.Billed(ctx, res)
		}
	}
	return errors.Join(failed...)
}

// BillingMonth reads the state of a month's billing from the job table:
// the slices enqueued, and how many of their customers are in completed
// slices (Contracts counts the customers, each with its billing
// contract).
func BillingMonth(ctx context.Context, c *river.Client[*sql.Tx], a BillingMonthArgs) (MonthEndState, error) {
	return jobProgress(ctx, c, func(m BillingMonthArgs) bool { return m == a }, func(s BillSliceArgs) (int, bool) {
		return len(s.CustomerIDs), s.RunID == a.RunID && s.Period == a.Period && s.Issued == a.Issued
	})
}

// billingDue is the billing month Periodic enqueues on day: the month
// before, issued on the billing day of day's month (its last day for a
// billing day it does not have), from that day to the month's end, so a
// worker down on the billing day bills when it comes back. The job is
// unique by its arguments while its completed job is kept
// (ClientConfig.KeepCompleted, longer than a month by default): however
// often it is enqueued within the month, it runs once.
func billingDue(billingDay int, day date.Date) (BillingMonthArgs, bool) {
	this := quota.PeriodOf(day)
	issued := min(this.First()+date.Date(max(billingDay, 1)-1), this.Last())
	if day < issued {
		return BillingMonthArgs{}, false
	}
	return BillingMonthArgs{Period: this.Prev().String(), Issued: issued.String()}, true
}
