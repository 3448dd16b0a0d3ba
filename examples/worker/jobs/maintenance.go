package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"
)

// KindMaintenance is the kind of MaintenanceArgs jobs.
const KindMaintenance = "ticket_maintenance"

// MaintenanceCatchUp is how many days back the maintenance job of a day
// plans too, so that the maintenance of days no worker ran (a week's
// outage) is opened late rather than lost. Opening is idempotent per
// checklist item and due day, so the overlap of the days' plans opens
// nothing twice.
const MaintenanceCatchUp = 7

// MaintenanceArgs opens the maintenance tickets of the customers' needs
// analyses (ticket.Checklist) that fall due around one day: the schedule
// dates from MaintenanceCatchUp days before the day to
// Config.MaintenanceAhead days after it. Unique by the day.
type MaintenanceArgs struct {
	Day string `json:"day"` // YYYY-MM-DD
}

// Kind implements river.JobArgs.
func (MaintenanceArgs) Kind() string { return KindMaintenance }

// InsertOpts makes the job unique by its arguments.
func (MaintenanceArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type maintenanceWorker struct {
	river.WorkerDefaults[MaintenanceArgs]
	cfg Config
}

// Work plans every checklist with ticket.Desk.ScheduleMaintenance, which
// opens each item's ticket once per due day, also when two runs race. A
// checklist that fails (an invalid schedule, a store error) fails the
// job after the others are planned; River retries it, and the retry opens
// only what is missing. The tickets are received at the attempt's start.
func (w *maintenanceWorker) Work(ctx context.Context, job *river.Job[MaintenanceArgs]) error {
	if w.cfg.Desk == nil || w.cfg.Checklists == nil || w.cfg.Calendar == nil {
		return river.JobCancel(errors.New("no desk, checklists or calendar configured"))
	}
	day, err := date.Parse(date.ISO8601, job.Args.Day)
	if err != nil {
		return river.JobCancel(err)
	}
	from, to := day.AddDate(0, 0, -MaintenanceCatchUp), day.AddDate(0, 0, max(w.cfg.MaintenanceAhead, 0))
	var failed []error
	for c, err := range w.cfg.Checklists(ctx) {
		if err != nil {
			return err // the host's records could not be read: try again later
		}
		run, err := w.cfg.Desk.ScheduleMaintenance(ctx, c, w.cfg.Calendar, from, to, job.AttemptedAt.UTC())
		if err != nil {
			failed = append(failed, fmt.Errorf("checklist of %s: %w", c.CustomerID, err))
		}
		for _, t := range run.Created {
			w.cfg.Logger.Info("maintenance opened", "ticket", t.Number.String(), "customer", t.CustomerID, "due", t.DueDate.String())
		}
	}
	return errors.Join(failed...)
}
