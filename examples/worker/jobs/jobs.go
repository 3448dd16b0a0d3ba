package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"iter"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

// The job kinds, as River stores them.
const (
	KindMonthEnd   = "quota_month_end"
	KindCloseSlice = "quota_close_slice"
	KindExpiryScan = "asset_expiry_scan"
	KindOutbox     = "ticket_outbox"
	KindDunningRun = "dunning_run"
)

// MonthEndArgs asks for the month-end of one period: the job lists the
// quota contracts and enqueues a CloseSliceArgs job per slice of them.
// It is unique by its period: enqueued twice (by two processes, by the
// periodic schedule and by hand), it runs once.
type MonthEndArgs struct {
	Period string `json:"period"` // YYYY-MM
}

// Kind implements river.JobArgs.
func (MonthEndArgs) Kind() string { return KindMonthEnd }

// InsertOpts makes the job unique by its arguments.
func (MonthEndArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// CloseSliceArgs closes one period for a slice of contracts, through
// quota.Ledger.CloseContracts: on the SQL store, one transaction for the
// slice. Unique by its arguments, so the month-end job may enqueue its
// slices again after a crash without doubling them.
type CloseSliceArgs struct {
	Period string   `json:"period"`
	IDs    []string `json:"ids"`
}

// Kind implements river.JobArgs.
func (CloseSliceArgs) Kind() string { return KindCloseSlice }

// InsertOpts makes the job unique by its arguments.
func (CloseSliceArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ExpiryScanArgs scans the inventory for the warranty and licence
// notices due on one day. Unique by the day.
type ExpiryScanArgs struct {
	Day string `json:"day"` // YYYY-MM-DD
}

// Kind implements river.JobArgs.
func (ExpiryScanArgs) Kind() string { return KindExpiryScan }

// InsertOpts makes the job unique by its arguments.
func (ExpiryScanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// OutboxArgs delivers the ticket notifications waiting in the outbox:
// confirmations, new-ticket and status-change mails, which the ticket
// desk stores with each change. Unique per minute: the schedule enqueues
// it every minute, once however many processes do.
type OutboxArgs struct{}

// Kind implements river.JobArgs.
func (OutboxArgs) Kind() string { return KindOutbox }

// InsertOpts makes the job unique per minute.
func (OutboxArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Minute}}
}

// DunningRunArgs is the dunning run of one day over the host's open
// invoices (dunning.Service.Run). Unique by the day.
type DunningRunArgs struct {
	Day string `json:"day"` // YYYY-MM-DD
}

// Kind implements river.JobArgs.
func (DunningRunArgs) Kind() string { return KindDunningRun }

// InsertOpts makes the job unique by its arguments.
func (DunningRunArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Config is what the jobs work on. Ledger and Quota are required;
// Inventory and Notify only for the expiry scan.
type Config struct {
	Ledger *quota.Ledger
	Quota  quota.Store // lists the contracts of a month-end
	// SliceSize is how many contracts one CloseSliceArgs job closes;
	// zero means 500.
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

	Dunning *dunning.Service
	// OpenInvoices are the host's open invoices on a day, from its ERP;
	// required with Dunning.
	OpenInvoices func(ctx context.Context, day date.Date) iter.Seq[dunning.OpenInvoice]
	// SendNotice sends a dunning notice the run issued (or issued
	// earlier the same day: a retried run sends it again, at least once;
	// the notice's invoice, level and date identify a repeat). Nil logs
	// it.
	SendNotice func(context.Context, dunning.Result) error

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
	ws := river.NewWorkers()
	river.AddWorker(ws, &monthEndWorker{cfg: cfg})
	river.AddWorker(ws, &closeSliceWorker{cfg: cfg})
	river.AddWorker(ws, &expiryScanWorker{cfg: cfg})
	river.AddWorker(ws, &outboxWorker{cfg: cfg})
	river.AddWorker(ws, &dunningRunWorker{cfg: cfg})
	return ws
}

type monthEndWorker struct {
	river.WorkerDefaults[MonthEndArgs]
	cfg Config
}

// Work lists the contracts and enqueues their slices in one InsertMany;
// slices enqueued by an earlier attempt are skipped as duplicates.
func (w *monthEndWorker) Work(ctx context.Context, job *river.Job[MonthEndArgs]) error {
	if _, err := quota.ParsePeriod(job.Args.Period); err != nil {
		return river.JobCancel(err) // retrying cannot mend the arguments
	}
	var ids []string
	for id, err := range w.cfg.Quota.Contracts(ctx) {
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	var params []river.InsertManyParams
	for slice := range slices.Chunk(ids, w.cfg.SliceSize) {
		params = append(params, river.InsertManyParams{Args: CloseSliceArgs{Period: job.Args.Period, IDs: slice}})
	}
	if len(params) == 0 {
		return nil
	}
	client, err := river.ClientFromContextSafely[*sql.Tx](ctx)
	if err != nil {
		return err
	}
	_, err = client.InsertMany(ctx, params)
	return err
}

type closeSliceWorker struct {
	river.WorkerDefaults[CloseSliceArgs]
	cfg Config
}

// Work closes the slice. A contract that fails fails the job, which River
// retries with backoff and records the error with; the retry books
// nothing twice (Close is idempotent: the contracts closed already report
// AlreadyClosed).
func (w *closeSliceWorker) Work(ctx context.Context, job *river.Job[CloseSliceArgs]) error {
	p, err := quota.ParsePeriod(job.Args.Period)
	if err != nil {
		return river.JobCancel(err)
	}
	var failed []error
	for res, err := range w.cfg.Ledger.CloseContracts(ctx, p, job.Args.IDs) {
		if errors.Is(err, quota.ErrPeriodRunning) || errors.Is(err, quota.ErrInvalid) && res.ContractID == "" {
			return river.JobCancel(err) // trying again changes nothing
		}
		if err != nil && res.ContractID == "" {
			return err // the run as a whole: a cancelled context
		}
		if err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", res.ContractID, err))
		}
		// A contract caught up over several periods yields several
		// results; only the period asked for counts.
		if w.cfg.Closed != nil && (err != nil || res.Period == p) {
			w.cfg.Closed(res, err)
		}
		if w.cfg.Pace > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(w.cfg.Pace):
			}
		}
	}
	return errors.Join(failed...)
}

type expiryScanWorker struct {
	river.WorkerDefaults[ExpiryScanArgs]
	cfg Config
}

// Work sends every notice due on the day and marks it sent: a crash
// between the two sends that notice again on the retry, never loses it.
func (w *expiryScanWorker) Work(ctx context.Context, job *river.Job[ExpiryScanArgs]) error {
	if w.cfg.Inventory == nil {
		return river.JobCancel(errors.New("no inventory configured"))
	}
	day, err := date.Parse(date.ISO8601, job.Args.Day)
	if err != nil {
		return river.JobCancel(err)
	}
	return sendThenMark(ctx, w.cfg.Inventory.Expiring(ctx, day), w.cfg.Notify, func(ctx context.Context, n asset.Notice) error {
		return w.cfg.Inventory.MarkNotified(ctx, n, job.AttemptedAt.UTC())
	})
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

type outboxWorker struct {
	river.WorkerDefaults[OutboxArgs]
	cfg Config
}

// Work sends what waits in the outbox, a hundred at a time, and marks
// each delivered after it is sent: a crash in between sends it again
// (at least once; its Message-ID lets mail software drop the repeat),
// never loses it.
func (w *outboxWorker) Work(ctx context.Context, job *river.Job[OutboxArgs]) error {
	if w.cfg.Desk == nil {
		return river.JobCancel(errors.New("no ticket desk configured"))
	}
	desk := w.cfg.Desk
	outbox := func(yield func(ticket.Notification, error) bool) {
		for {
			pending, err := desk.Pending(ctx, 100)
			if err != nil {
				yield(ticket.Notification{}, err)
				return
			}
			if len(pending) == 0 {
				return
			}
			for _, n := range pending {
				if !yield(n, nil) {
					return
				}
			}
		}
	}
	return sendThenMark(ctx, outbox, w.cfg.Deliver, func(ctx context.Context, n ticket.Notification) error {
		return desk.MarkDelivered(ctx, n.ID)
	})
}

type dunningRunWorker struct {
	river.WorkerDefaults[DunningRunArgs]
	cfg Config
}

// Work runs the day's dunning and sends the notices it issues. An
// invoice that fails fails the job, which River retries; the retry
// issues nothing twice (a notice issued on the day is Repeated) and
// sends every notice of the day again, so none is lost.
func (w *dunningRunWorker) Work(ctx context.Context, job *river.Job[DunningRunArgs]) error {
	if w.cfg.Dunning == nil || w.cfg.OpenInvoices == nil {
		return river.JobCancel(errors.New("no dunning service or open invoices configured"))
	}
	day, err := date.Parse(date.ISO8601, job.Args.Day)
	if err != nil {
		return river.JobCancel(err)
	}
	var failed []error
	for res, err := range w.cfg.Dunning.Run(ctx, day, w.cfg.OpenInvoices(ctx, day)) {
		switch {
		case err != nil && res.Invoice == "":
			return err // the run as a whole: a cancelled context
		case err != nil:
			failed = append(failed, fmt.Errorf("%s: %w", res.Invoice, err))
		case res.Outcome == dunning.Issued || res.Outcome == dunning.Repeated:
			if err := w.cfg.SendNotice(ctx, res); err != nil {
				return err
			}
		}
	}
	return errors.Join(failed...)
}

// Periodic are the schedules of a worker process: every hour the
// month-end of the month before today and the expiry scan of today are
// enqueued (at start too). Both are unique by their arguments, so however
// many processes enqueue them, each period and day runs once (River keeps
// a completed job for a day; enqueued again after that, the month-end
// closes nothing twice and the scan sends nothing marked). today is the
// host's clock, in its business zone.
//
// With outbox, the ticket outbox is delivered every minute too; with
// dunning, the dunning run of today is enqueued every hour as well.
func Periodic(today func() date.Date, outbox, dunning bool) []*river.PeriodicJob {
	every := river.PeriodicInterval(time.Hour)
	opts := &river.PeriodicJobOpts{RunOnStart: true}
	jobs := []*river.PeriodicJob{
		river.NewPeriodicJob(every, func() (river.JobArgs, *river.InsertOpts) {
			return MonthEndArgs{Period: quota.PeriodOf(today()).Prev().String()}, nil
		}, opts),
		river.NewPeriodicJob(every, func() (river.JobArgs, *river.InsertOpts) {
			return ExpiryScanArgs{Day: today().String()}, nil
		}, opts),
	}
	if dunning {
		jobs = append(jobs, river.NewPeriodicJob(every, func() (river.JobArgs, *river.InsertOpts) {
			return DunningRunArgs{Day: today().String()}, nil
		}, opts))
	}
	if outbox {
		jobs = append(jobs, river.NewPeriodicJob(river.PeriodicInterval(time.Minute), func() (river.JobArgs, *river.InsertOpts) {
			return OutboxArgs{}, nil
		}, opts))
	}
	return jobs
}

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
	Logger       *slog.Logger
}

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

// MonthEndState is how far the month-end of a period has got, as the job
// table says: the slices enqueued and how many of their contracts are in
// completed slices.
type MonthEndState struct {
	Enqueued  bool // the month-end job exists
	Listed    bool // it has completed: every slice is enqueued
	Contracts int  // in the enqueued slices
	Done      int  // in completed slices
	Failed    int  // in slices given up after their last attempt
}

// Finished reports that every slice completed or was given up.
func (s MonthEndState) Finished() bool { return s.Listed && s.Done+s.Failed == s.Contracts }

// MonthEnd reads the state of a period's month-end from the job table.
func MonthEnd(ctx context.Context, c *river.Client[*sql.Tx], p quota.Period) (MonthEndState, error) {
	var s MonthEndState
	params := river.NewJobListParams().Kinds(KindMonthEnd, KindCloseSlice).First(10_000)
	for {
		res, err := c.JobList(ctx, params)
		if err != nil {
			return s, err
		}
		for _, j := range res.Jobs {
			if j.Kind == KindMonthEnd {
				var a MonthEndArgs
				if err := decode(j, &a); err != nil || a.Period != p.String() {
					continue
				}
				s.Enqueued = true
				s.Listed = s.Listed || j.State == rivertype.JobStateCompleted
				continue
			}
			var a CloseSliceArgs
			if err := decode(j, &a); err != nil || a.Period != p.String() {
				continue
			}
			s.Contracts += len(a.IDs)
			switch j.State {
			case rivertype.JobStateCompleted:
				s.Done += len(a.IDs)
			case rivertype.JobStateDiscarded, rivertype.JobStateCancelled:
				s.Failed += len(a.IDs)
			}
		}
		if res.LastCursor == nil || len(res.Jobs) == 0 {
			return s, nil
		}
		params = params.After(res.LastCursor)
	}
}

func decode(j *rivertype.JobRow, v any) error { return json.Unmarshal(j.EncodedArgs, v) }
