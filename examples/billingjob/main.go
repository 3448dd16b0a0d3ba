package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/examples/sqlstore"
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
	db, dsn string
	period  quota.Period
	workers int
	batch   int
	seed    int
	pace    time.Duration
	worker  string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("billingjob", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.db, "db", "", "SQLite database as sqlite:/path/to/file.db")
	fs.StringVar(&o.dsn, "dsn", "", "PostgreSQL database as postgres://user@host/db?...")
	period := fs.String("period", "", "the month to close, YYYY-MM (default: last month)")
	fs.IntVar(&o.workers, "workers", 1, "workers in this process (PostgreSQL only; SQLite has one)")
	fs.IntVar(&o.batch, "batch", 50, "contracts closed per transaction; on PostgreSQL also claimed at a time")
	fs.IntVar(&o.seed, "seed", 0, "first open `N` demo contracts starting in the period, with a month of work")
	fs.DurationVar(&o.pace, "pace", 0, "pause after each contract, to watch the progress or kill the job midway in a demo")
	host, _ := os.Hostname()
	fs.StringVar(&o.worker, "worker", fmt.Sprintf("%s:%d", host, os.Getpid()), "this process's name in the claim table")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if (o.db == "") == (o.dsn == "") {
		return o, errors.New("give one of -db sqlite:PATH or -dsn postgres://URL")
	}
	if o.db != "" && !strings.HasPrefix(o.db, "sqlite:") {
		return o, fmt.Errorf("-db %q: want sqlite:/path", o.db)
	}
	if o.workers < 1 || o.batch < 1 || o.seed < 0 {
		return o, errors.New("-workers and -batch must be at least 1, -seed not negative")
	}
	if o.db != "" && o.workers > 1 {
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

// run is the command: it parses args, seeds if asked, closes the period
// and prints a summary to stdout. Progress goes to stdout too.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	var (
		db     *sqlstore.DB
		claims *sql.DB
	)
	if o.dsn != "" {
		if db, err = sqlstore.OpenPostgres(ctx, o.dsn); err != nil {
			return err
		}
		// The claim table needs plain SQL, which sqlstore does not hand
		// out; a pool of its own on the same database does it.
		if claims, err = sql.Open("pgx", o.dsn); err != nil {
			return err
		}
		defer claims.Close()
		claims.SetMaxOpenConns(o.workers + 1)
	} else if db, err = sqlstore.OpenSQLite(ctx, strings.TrimPrefix(o.db, "sqlite:")); err != nil {
		return err
	}
	defer db.Close()

	// Seeding books work in the period, which the close's date check would
	// not let happen in a month that has not ended; the close itself
	// refuses such a month.
	if o.seed > 0 {
		began := time.Now()
		seedWorkers := 1
		if claims != nil {
			seedWorkers = 8
		}
		seeder, err := quota.NewLedger(db.Quota(), quota.Config{})
		if err != nil {
			return err
		}
		if err := seed(ctx, seeder, o.period, o.seed, seedWorkers); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "seeded %d contracts in %s in %s\n", o.seed, o.period, time.Since(began).Round(time.Millisecond))
	}
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{Today: date.Today, BatchSize: o.batch})
	if err != nil {
		return err
	}
	j := &job{
		ledger:   ledger,
		store:    db.Quota(),
		claims:   claims,
		period:   o.period,
		workers:  o.workers,
		batch:    o.batch,
		worker:   o.worker,
		pace:     o.pace,
		progress: newProgress(stdout),
	}
	began := time.Now()
	t, err := j.run(ctx)
	j.progress.finish()
	fmt.Fprintf(stdout, "%s: closed %d, already closed %d, out of term %d, failed %d in %s\n",
		o.period, t.Closed, t.AlreadyClosed, t.OutOfTerm, t.Failed, time.Since(began).Round(time.Millisecond))
	return err
}
