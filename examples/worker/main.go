package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, time.Now); err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(1)
	}
}

// options are the command line's flags.
type options struct {
	where   string // the database, for jobs.Open
	sqlite  bool
	workers int
	rescue  time.Duration
	zone    *time.Location
	month   string
	drain   time.Duration
	// mailDomain is the right-hand side of the Message-IDs the desk mints.
	mailDomain string
	// billingDay is the day of the month from which the month before is
	// billed; 0 bills nothing.
	billingDay int
	// host is the host file's path; "" for none.
	host string
	// records is the host file read; nil without one.
	records *host
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	where := jobs.DatabaseFlags(fs)
	fs.IntVar(&o.workers, "workers", 2, "jobs this process works at once")
	fs.DurationVar(&o.rescue, "rescue", time.Hour, "how long a job may run before it is taken for stuck (its process killed) and worked again")
	zone := fs.String("zone", "Europe/Berlin", "the business's time zone: which day it is, which month ended")
	fs.StringVar(&o.month, "month", "", "also enqueue the month-end of this month, YYYY-MM, at start")
	fs.IntVar(&o.billingDay, "billing-day", 0, "bill the month before from this `day` of the month on (1-28), quota customers' month-end included; 0 bills nothing")
	fs.StringVar(&o.host, "host", "", "the host's records the jobs need beyond the stores (calendar, customers' recipients and needs analyses, dunning): a JSON file as testdata/host.json")
	fs.StringVar(&o.mailDomain, "mail-domain", "desk.example", "the domain of the ticket mails' Message-IDs")
	fs.DurationVar(&o.drain, "drain", 30*time.Second, "on SIGTERM, how long running jobs may finish before they are cancelled")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.where, o.sqlite, err = where(); err != nil {
		return o, err
	}
	if o.workers < 1 || o.rescue <= 0 || o.drain < 0 || o.billingDay < 0 || o.billingDay > 28 {
		return o, errors.New("-workers must be at least 1, -rescue positive, -drain not negative, -billing-day 0 to 28")
	}
	if o.sqlite {
		o.workers = 1 // one writer
	}
	if o.zone, err = time.LoadLocation(*zone); err != nil {
		return o, fmt.Errorf("-zone: %w", err)
	}
	if o.month != "" {
		if _, err := quota.ParsePeriod(o.month); err != nil {
			return o, fmt.Errorf("-month: %w", err)
		}
	}
	if o.host != "" {
		if o.records, err = readHost(o.host, *zone); err != nil {
			return o, fmt.Errorf("-host: %w", err)
		}
	}
	return o, nil
}

// run is the command: it works the jobs until ctx is cancelled (SIGINT,
// SIGTERM), then stops gracefully. now is the host's clock.
func run(ctx context.Context, args []string, stderr io.Writer, now func() time.Time) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	db, queue, err := jobs.Open(ctx, o.where)
	if err != nil {
		return err
	}
	defer db.Close()
	defer queue.Close()

	// The host's clock, read here and never in the library: the day in
	// the business's zone.
	today := func() date.Date { return date.NewAt(now().In(o.zone)) }
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{Today: today})
	if err != nil {
		return err
	}
	inventory, err := asset.NewInventory(db.Assets(), asset.InventoryConfig{})
	if err != nil {
		return err
	}
	// Without a host file the desk only delivers its outbox; it opens no
	// tickets, so no directory is asked.
	var dir ticket.Directory = noDirectory{}
	if o.records != nil {
		dir = o.records
	}
	desk, err := ticket.NewDesk(db.Tickets(), dir, ticket.Config{Mail: ticket.MailConfig{Domain: o.mailDomain}})
	if err != nil {
		return err
	}
	cfg := jobs.Config{
		Ledger: ledger, Quota: db.Quota(), Inventory: inventory, Desk: desk,
		Now: now, Zone: o.zone, Logger: log,
	}
	if o.billingDay > 0 {
		if cfg.Biller, err = billing.NewBiller(db.Billing(), db.Quota(), billing.BillerConfig{}); err != nil {
			return err
		}
		cfg.Work, cfg.BillingDay = db.Billing(), o.billingDay
	}
	if h := o.records; h != nil {
		cfg.Checklists, cfg.Calendar, cfg.MaintenanceAhead = h.Checklists, h.calendar, 7
		cfg.Agreements = h.Agreements
		if h.complaints != nil {
			cfg.Complaints, cfg.ComplaintPolicy = db.Complaints(), h.complaints
		}
		if h.dunning != nil {
			if cfg.Dunning, err = dunning.NewService(db.Dunning(), dunning.Config{Policy: *h.dunning}); err != nil {
				return err
			}
			cfg.OpenInvoices = h.OpenInvoices
		}
	}
	client, err := jobs.NewClient(queue, jobs.ClientConfig{
		Workers:     jobs.Workers(cfg),
		MaxWorkers:  o.workers,
		Periodic:    jobs.Periodic(cfg),
		RescueAfter: o.rescue,
		Logger:      log,
	})
	if err != nil {
		return err
	}
	// The jobs run on their own context: a signal stops the fetching,
	// then the running jobs get -drain to finish.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	if o.month != "" {
		if _, err := client.Insert(ctx, jobs.MonthEndArgs{Period: o.month}, nil); err != nil {
			return err
		}
	}
	log.Info("working", "workers", o.workers)
	<-ctx.Done()
	log.Info("stopping: running jobs finish first", "drain", o.drain)
	stopCtx, cancel := context.WithTimeout(context.Background(), o.drain)
	defer cancel()
	if err := client.Stop(stopCtx); err != nil {
		// The jobs still running are cancelled; River retries them.
		return client.StopAndCancel(context.Background())
	}
	return nil
}

// noDirectory is the contact directory of a desk that opens no tickets.
type noDirectory struct{}

func (noDirectory) ContactByEmail(context.Context, string) (ticket.Contact, error) {
	return ticket.Contact{}, ticket.ErrNotFound
}

func (noDirectory) Recipients(context.Context, string) (ticket.Recipients, error) {
	return ticket.Recipients{}, nil
}
