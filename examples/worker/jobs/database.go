package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/deskcore/deskcore/examples/sqlstore"
)

// Database is where River keeps its jobs: the same database as the
// stores, through its own pool.
type Database struct {
	// Driver is River's driver on Pool: riversqlite or riverdatabasesql
	// (PostgreSQL through pgx's database/sql driver, in poll-only mode).
	Driver riverdriver.Driver[*sql.Tx]
	Pool   *sql.DB
}

// OpenSQLite opens River's pool on the SQLite file at path: one
// connection, as River's SQLite driver asks, waiting for the stores'
// writer rather than failing with SQLITE_BUSY.
func OpenSQLite(path string) (Database, error) {
	pool, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return Database{}, err
	}
	pool.SetMaxOpenConns(1)
	return Database{Driver: riversqlite.New(pool), Pool: pool}, nil
}

// OpenPostgres opens River's pool on the PostgreSQL database at dsn.
func OpenPostgres(dsn string) (Database, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return Database{}, err
	}
	pool.SetMaxOpenConns(10)
	return Database{Driver: riverdatabasesql.New(pool), Pool: pool}, nil
}

// DatabaseFlags registers the flags -db sqlite:PATH and -dsn
// postgres://URL on fs. After fs.Parse, where returns the database they
// name, as Open takes it, and whether it is SQLite; an error unless
// exactly one of them is given, well formed.
func DatabaseFlags(fs *flag.FlagSet) (where func() (string, bool, error)) {
	db := fs.String("db", "", "SQLite database as sqlite:/path/to/file.db")
	dsn := fs.String("dsn", "", "PostgreSQL database as postgres://user@host/db?...")
	return func() (string, bool, error) {
		switch {
		case (*db == "") == (*dsn == ""):
			return "", false, errors.New("give one of -db sqlite:PATH or -dsn postgres://URL")
		case *dsn != "":
			return *dsn, false, nil
		case !strings.HasPrefix(*db, "sqlite:"):
			return "", false, fmt.Errorf("-db %q: want sqlite:/path", *db)
		}
		return *db, true, nil
	}
}

// Open opens the stores and River's pool on one database, given as
// "sqlite:PATH" or a PostgreSQL DSN ("postgres://..."), and brings
// River's tables up to date. The caller closes both.
func Open(ctx context.Context, where string) (*sqlstore.DB, Database, error) {
	var (
		db    *sqlstore.DB
		queue Database
		err   error
	)
	if path, ok := strings.CutPrefix(where, "sqlite:"); ok {
		if db, err = sqlstore.OpenSQLite(ctx, path); err == nil {
			queue, err = OpenSQLite(path)
		}
	} else if db, err = sqlstore.OpenPostgres(ctx, where); err == nil {
		queue, err = OpenPostgres(where)
	}
	if err == nil {
		if err = queue.Migrate(ctx); err != nil {
			_ = queue.Close()
			err = fmt.Errorf("job tables: %w", err)
		}
	}
	if err != nil {
		if db != nil {
			_ = db.Close()
		}
		return nil, Database{}, err
	}
	return db, queue, nil
}

// Migrate brings River's tables up to date. Several processes starting
// together may all call it: River's migrations are not safe against a
// concurrent twin (both may see a version missing and the second fails
// on the catalog), so on PostgreSQL they run under an advisory lock of
// the job tables' own, and on SQLite, whose writer lock makes the twin
// wait, a migration a twin applied meanwhile is simply found done.
func (d Database) Migrate(ctx context.Context) error {
	m, err := rivermigrate.New(d.Driver, nil)
	if err != nil {
		return err
	}
	if _, ok := d.Driver.(*riverdatabasesql.Driver); ok {
		conn, err := d.Pool.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		// Any fixed key will do; this one is the job tables' own.
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7022077935848284012)`); err != nil {
			return err
		}
		defer func() {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7022077935848284012)`)
		}()
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil && strings.Contains(err.Error(), "already exists") {
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	}
	return err
}

// Close closes the pool.
func (d Database) Close() error { return d.Pool.Close() }

// ClientConfig is the River client's configuration for a worker process.
type ClientConfig struct {
	Workers *river.Workers
	// MaxWorkers is how many jobs this process works at once.
	MaxWorkers int
	// Periodic are the schedules to enqueue; nil for none.
	Periodic []*river.PeriodicJob
	// RescueAfter is how long a job may run before River takes it for
	// stuck (its worker killed) and retries it elsewhere; zero means one
	// hour, River's default. The jobs' timeout is half of it.
	RescueAfter time.Duration
	// PollInterval is how often the process looks for new jobs; zero
	// means one second.
	PollInterval time.Duration
	// KeepCompleted is how long a completed job stays in the table, and
	// so how long a job enqueued again with its arguments is a
	// duplicate rather than a new run; zero means DefaultKeepCompleted.
	KeepCompleted time.Duration
	Logger        *slog.Logger
}

// DefaultKeepCompleted keeps completed jobs for 40 days, longer than a
// month: the schedules enqueue the month-end of the month before and the
// jobs of the day every hour, and with River's own default of a day a
// job enqueued again the next day would run again. Running again books
// nothing twice, but the month-end would list and check every contract
// once a day for a month. The cost is the rows: a worker's every-minute
// outbox delivery leaves some 58,000 in 40 days, its SLA watch every
// five minutes some 11,500.
const DefaultKeepCompleted = 40 * 24 * time.Hour

// NewClient returns a River client on d with cfg: retries with River's
// exponential backoff (up to 25 attempts), each attempt's error recorded
// with the job.
func NewClient(d Database, cfg ClientConfig) (*river.Client[*sql.Tx], error) {
	c := &river.Config{
		Workers:           cfg.Workers,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: max(cfg.MaxWorkers, 1)}},
		PeriodicJobs:      cfg.Periodic,
		FetchPollInterval: cfg.PollInterval,
		Logger:            cfg.Logger,

		CompletedJobRetentionPeriod: cmp.Or(cfg.KeepCompleted, DefaultKeepCompleted),
	}
	if cfg.RescueAfter > 0 {
		c.RescueStuckJobsAfter = cfg.RescueAfter
		c.JobTimeout = cfg.RescueAfter / 2
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return river.NewClient(d.Driver, c)
}
