package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

const (
	// KindMonthEnd is the kind of MonthEndArgs jobs.
	KindMonthEnd = "quota_month_end"
	// KindCloseSlice is the kind of CloseSliceArgs jobs.
	KindCloseSlice = "quota_close_slice"
)

// MonthEndArgs asks for the month-end of one period: the job lists the
// quota contracts and enqueues a CloseSliceArgs job per slice of them
// (with a Config.Biller, those of billing's quota customers are left to
// the billing run, BillingMonthArgs).
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

type monthEndWorker struct {
	river.WorkerDefaults[MonthEndArgs]
	cfg Config
}

// Work lists the contracts and enqueues their slices in one InsertMany;
// slices enqueued by an earlier attempt are skipped as duplicates. With
// a Biller, the contracts of billing's quota customers are left to the
// billing run, which closes them after booking their month's work.
func (w *monthEndWorker) Work(ctx context.Context, job *river.Job[MonthEndArgs]) error {
	if _, err := quota.ParsePeriod(job.Args.Period); err != nil {
		return river.JobCancel(err) // retrying cannot mend the arguments
	}
	ids, err := MonthEndContracts(ctx, w.cfg)
	if err != nil {
		return err
	}
	return insertSlices(ctx, ids, w.cfg.SliceSize, func(slice []string) river.JobArgs {
		return CloseSliceArgs{Period: job.Args.Period, IDs: slice}
	})
}

// MonthEndContracts lists the quota contracts a month-end on cfg closes:
// every contract of cfg.Quota, but with a Biller not those of billing's
// quota customers, which the billing run closes itself after booking
// their month's work (a month-end closing them first would book that
// work late, into the next month).
func MonthEndContracts(ctx context.Context, cfg Config) ([]string, error) {
	billed := map[string]bool{}
	if cfg.Biller != nil && cfg.Work != nil {
		for c, err := range cfg.Work.Contracts(ctx) {
			if err != nil {
				return nil, err
			}
			if c.Type == billing.ContractQuota {
				billed[c.QuotaContractID] = true
			}
		}
	}
	var ids []string
	for id, err := range cfg.Quota.Contracts(ctx) {
		if err != nil {
			return nil, err
		}
		if !billed[id] {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// insertSlices enqueues a job per slice of ids, in one InsertMany.
func insertSlices(ctx context.Context, ids []string, size int, args func(slice []string) river.JobArgs) error {
	var params []river.InsertManyParams
	for slice := range slices.Chunk(ids, size) {
		params = append(params, river.InsertManyParams{Args: args(slice)})
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
// With a Biller, the contracts the billing run closes are not the
// month-end's (BillingMonth follows them).
func MonthEnd(ctx context.Context, c *river.Client[*sql.Tx], p quota.Period) (MonthEndState, error) {
	return jobProgress(ctx, c, func(a MonthEndArgs) bool { return a.Period == p.String() }, func(a CloseSliceArgs) (int, bool) {
		return len(a.IDs), a.Period == p.String()
	})
}

// jobProgress reads from the job table the state of a listing job of
// kind L that isRun picks and of its slices of kind S, each of which
// sliceOf sizes and says whether it belongs to the run.
func jobProgress[L, S river.JobArgs](ctx context.Context, c *river.Client[*sql.Tx], isRun func(L) bool, sliceOf func(S) (int, bool)) (MonthEndState, error) {
	var (
		s     MonthEndState
		list  L
		slice S
	)
	params := river.NewJobListParams().Kinds(list.Kind(), slice.Kind()).First(10_000)
	for {
		res, err := c.JobList(ctx, params)
		if err != nil {
			return s, err
		}
		for _, j := range res.Jobs {
			if j.Kind == list.Kind() {
				var a L
				if err := decode(j, &a); err != nil || !isRun(a) {
					continue
				}
				s.Enqueued = true
				s.Listed = s.Listed || j.State == rivertype.JobStateCompleted
				continue
			}
			var a S
			n, ok := 0, false
			if err := decode(j, &a); err == nil {
				n, ok = sliceOf(a)
			}
			if !ok {
				continue
			}
			s.Contracts += n
			switch j.State {
			case rivertype.JobStateCompleted:
				s.Done += n
			case rivertype.JobStateDiscarded, rivertype.JobStateCancelled:
				s.Failed += n
			}
		}
		if res.LastCursor == nil || len(res.Jobs) == 0 {
			return s, nil
		}
		params = params.After(res.LastCursor)
	}
}

func decode(j *rivertype.JobRow, v any) error { return json.Unmarshal(j.EncodedArgs, v) }
