package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/quota"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "billingjob:", err)
		os.Exit(1)
	}
}

// options are the command line's flags.
type options struct {
	where   string // the database, for jobs.Open
	sqlite  bool
	period  quota.Period
	workers int
	batch   int
	seed    int
	pace    time.Duration
	rescue  time.Duration
	// bill also runs the period's billing, issued today.
	bill bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("billingjob", flag.ContinueOnError)
	fs.SetOutput(stderr)
	where := jobs.DatabaseFlags(fs)
	period := fs.String("period", "", "the month to close, YYYY-MM (default: last month)")
	fs.IntVar(&o.workers, "workers", 1, "jobs this process works at once (PostgreSQL only; SQLite has one writer)")
	fs.IntVar(&o.batch, "batch", 500, "contracts per job, closed in one transaction")
	fs.IntVar(&o.seed, "seed", 0, "first open `N` demo contracts starting in the period, with a month of work")
	fs.DurationVar(&o.pace, "pace", 0, "pause after each contract, to watch the progress or kill the job midway in a demo")
	fs.BoolVar(&o.bill, "bill", false, "also bill the period (the billing run, issued today), which books and closes its quota customers' hours itself; every worker against the database must bill too (worker -billing-day)")
	fs.DurationVar(&o.rescue, "rescue", time.Minute, "how long a job may run before it is taken for stuck (its process killed) and worked again")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.where, o.sqlite, err = where(); err != nil {
		return o, err
	}
	if o.workers < 1 || o.batch < 1 || o.seed < 0 || o.rescue <= 0 {
		return o, errors.New("-workers and -batch must be at least 1, -seed not negative, -rescue positive")
	}
	if o.sqlite && o.workers > 1 {
		return o, errors.New("-workers: SQLite writes one transaction at a time, so the job runs one worker on it")
	}
	if *period == "" {
		o.period = quota.PeriodOf(date.Today()).Prev()
	} else {
		var err error
		if o.period, err = quota.ParsePeriod(*period); err != nil {
			return o, fmt.Errorf("-period: %w", err)
		}
	}
	return o, nil
}

// run is the command: it parses args, seeds if asked, enqueues the
// period's month-end on River, works jobs until every contract of the
// month is closed (by this process or others) and prints a summary of
// what this process did to stdout. Progress goes to stdout too.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	seeder := 8
	if o.sqlite {
		seeder = 1
	}
	db, queue, err := jobs.Open(ctx, o.where)
	if err != nil {
		return fmt.Errorf("billingjob: %w", err)
	}
	defer db.Close()
	defer queue.Close()

	// Seeding books work in the period, which the close's date check would
	// not let happen in a month that has not ended; the close itself
	// refuses such a month.
	if o.seed > 0 {
		began := time.Now()
		l, err := quota.NewLedger(db.Quota(), quota.Config{})
		if err != nil {
			return err
		}
		if err := seed(ctx, l, o.period, o.seed, seeder); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "seeded %d contracts in %s in %s\n", o.seed, o.period, time.Since(began).Round(time.Millisecond))
	}
	if today := date.Today(); !(o.period.Last() < today) {
		return fmt.Errorf("billingjob: %w: %s ends on %s, today is %s", quota.ErrPeriodRunning, o.period, o.period.Last(), today)
	}
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{Today: date.Today, BatchSize: o.batch})
	if err != nil {
		return err
	}
	cfg := jobs.Config{Ledger: ledger, Quota: db.Quota(), SliceSize: o.batch, Pace: o.pace}
	j := &job{period: o.period, progress: newProgress(stdout)}
	if o.bill {
		if cfg.Biller, err = billing.NewBiller(db.Billing(), db.Quota(), billing.BillerConfig{}); err != nil {
			return err
		}
		cfg.Work = db.Billing()
		j.billing = &jobs.BillingMonthArgs{Period: o.period.String(), Issued: date.Today().String()}
	}
	ids, err := jobs.MonthEndContracts(ctx, cfg)
	if err != nil {
		return err
	}
	j.progress.start(len(ids), tally{})
	cfg.Closed = j.closed
	client, err := jobs.NewClient(queue, jobs.ClientConfig{
		Workers:      jobs.Workers(cfg),
		MaxWorkers:   o.workers,
		RescueAfter:  o.rescue,
		PollInterval: 200 * time.Millisecond,
	})
	if err != nil {
		return err
	}
	t, err := j.run(ctx, client)
	j.progress.finish()
	fmt.Fprintf(stdout, "%s: closed %d, already closed %d, out of term %d, failed %d\n",
		o.period, t.Closed, t.AlreadyClosed, t.OutOfTerm, t.Failed)
	if j.billing != nil && err == nil {
		fmt.Fprintf(stdout, "%s: billed %d customers, their quota periods closed by the billing run\n", o.period, j.billed)
	}
	return err
}
