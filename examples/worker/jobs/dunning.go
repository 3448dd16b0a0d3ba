package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/billing/dunning"
)

// KindDunningRun is the kind of DunningRunArgs jobs.
const KindDunningRun = "dunning_run"

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

type dunningRunWorker struct {
	river.WorkerDefaults[DunningRunArgs]
	cfg Config
}

// Work runs the day's dunning and sends the notices it issues. An
// invoice that fails fails the job, which River retries; the retry
// issues nothing twice (a notice issued on the day is Repeated) and
// sends every notice of the day again, so none is lost. When the host's
// list of open invoices breaks off with an error, the invoices read
// before it are dunned and the job fails with that error, to be retried.
func (w *dunningRunWorker) Work(ctx context.Context, job *river.Job[DunningRunArgs]) error {
	if w.cfg.Dunning == nil || w.cfg.OpenInvoices == nil {
		return river.JobCancel(errors.New("no dunning service or open invoices configured"))
	}
	day, err := date.Parse(date.ISO8601, job.Args.Day)
	if err != nil {
		return river.JobCancel(err)
	}
	var failed []error
	var listing error
	invoices := func(yield func(dunning.OpenInvoice) bool) {
		for inv, err := range w.cfg.OpenInvoices(ctx, day) {
			if err != nil {
				listing = fmt.Errorf("open invoices: %w", err)
				return
			}
			if !yield(inv) {
				return
			}
		}
	}
	for res, err := range w.cfg.Dunning.Run(ctx, day, invoices) {
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
	return errors.Join(append(failed, listing)...)
}
