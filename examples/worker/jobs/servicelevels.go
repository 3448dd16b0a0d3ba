package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/ticket"
)

// KindServiceLevels is the kind of ServiceLevelsArgs jobs.
const KindServiceLevels = "ticket_service_levels"

// ServiceLevelsEvery is how often Periodic schedules the SLA watch: a
// warning comes at most this late after the clock reached its share.
const ServiceLevelsEvery = 5 * time.Minute

// ServiceLevelsArgs watches the tickets' SLA clocks at one instant
// (ticket.Desk.WatchServiceLevels): the warnings and breaches reached by
// then go to the ticket outbox, which the outbox job delivers. Unique by
// the instant; make it with ServiceLevelsAt, so that the same minute is
// the same job whoever enqueues it.
type ServiceLevelsArgs struct {
	At time.Time `json:"at"` // the instant watched: UTC, whole minutes
}

// ServiceLevelsAt returns the arguments of the SLA watch at t, truncated
// to the minute, in UTC.
func ServiceLevelsAt(t time.Time) ServiceLevelsArgs {
	return ServiceLevelsArgs{At: t.UTC().Truncate(time.Minute)}
}

// Kind implements river.JobArgs.
func (ServiceLevelsArgs) Kind() string { return KindServiceLevels }

// InsertOpts makes the job unique by its arguments.
func (ServiceLevelsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type serviceLevelsWorker struct {
	river.WorkerDefaults[ServiceLevelsArgs]
	cfg Config
}

// Work records every SLA warning and breach due at the job's instant and
// writes their notifications to the outbox, each once, also when two
// processes watch at once (the desk decides again inside each ticket's
// transaction). An error about single tickets (a customer's agreements
// could not be read or do not cover a ticket) is recorded with the job,
// which is then cancelled rather than retried after the others are
// watched: the next watch, minutes later, looks at every ticket again. An
// error reading the tickets fails the job, and River retries it.
func (w *serviceLevelsWorker) Work(ctx context.Context, job *river.Job[ServiceLevelsArgs]) error {
	if w.cfg.Desk == nil || w.cfg.Agreements == nil {
		return river.JobCancel(errors.New("no desk or agreements configured"))
	}
	var failed []error
	for a, err := range w.cfg.Desk.WatchServiceLevels(ctx, w.cfg.Agreements, job.Args.At) {
		var one *ticket.ServiceLevelError
		switch {
		case errors.As(err, &one):
			w.cfg.Logger.Warn("service levels", "ticket", one.Ticket.String(), "error", one.Err)
			failed = append(failed, err)
		case errors.Is(err, ticket.ErrInvalid):
			return river.JobCancel(err) // the instant: no retry makes it valid
		case err != nil:
			return err
		default:
			w.cfg.Logger.Info("service level", "ticket", a.Ticket.String(), "clock", a.Clock.String(), "event", a.Event.String(),
				"due", a.Due.Format(time.RFC3339), "recipients", len(a.Recipients))
		}
	}
	if len(failed) > 0 {
		return river.JobCancel(errors.Join(failed...))
	}
	return nil
}
