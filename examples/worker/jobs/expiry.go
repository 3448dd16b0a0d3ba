package jobs

import (
	"context"
	"errors"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/asset"
)

// KindExpiryScan is the kind of ExpiryScanArgs jobs.
const KindExpiryScan = "asset_expiry_scan"

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
