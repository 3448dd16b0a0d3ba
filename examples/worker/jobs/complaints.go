package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/complaint"
)

// KindComplaintReminders is the kind of ComplaintRemindersArgs jobs.
const KindComplaintReminders = "complaint_reminders"

// ComplaintRemindersArgs sends the reminders of complaint deadlines due at
// one instant, a quarter hour (ComplaintRemindersAt). Unique by it: the
// schedule enqueues it every 15 minutes, once however many processes do.
type ComplaintRemindersArgs struct {
	At string `json:"at"` // RFC 3339 in UTC: "2026-05-13T15:00:00Z"
}

// Kind implements river.JobArgs.
func (ComplaintRemindersArgs) Kind() string { return KindComplaintReminders }

// InsertOpts makes the job unique by its arguments.
func (ComplaintRemindersArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// reminderEvery is how often the complaint reminders run: leads are a
// business day or hours, so a quarter hour is soon enough.
const reminderEvery = 15 * time.Minute

// ComplaintRemindersAt returns the job of the quarter hour t falls in.
func ComplaintRemindersAt(t time.Time) ComplaintRemindersArgs {
	return ComplaintRemindersArgs{At: t.UTC().Truncate(reminderEvery).Format(time.RFC3339)}
}

type complaintRemindersWorker struct {
	river.WorkerDefaults[ComplaintRemindersArgs]
	cfg Config
}

// openStates are the states whose complaints can owe a deadline.
var openStates = []complaint.State{complaint.StateReceived, complaint.StateAcknowledged, complaint.StateInvestigating}

// Work sends every reminder the open complaints are due at the job's
// instant, and marks each sent on its complaint after it is sent: a crash
// in between sends it again (at least once; Reminder.Key identifies a
// repeat), never loses it. The mark is dated when the attempt started
// (not before the job's instant). A reminder the complaint moved past
// between the two (acknowledged, decided, extended meanwhile) is not
// marked, and is not due again either. A complaint whose reminders
// cannot be computed is logged and skipped, so that it does not hold up
// the others.
func (w *complaintRemindersWorker) Work(ctx context.Context, job *river.Job[ComplaintRemindersArgs]) error {
	store, policy := w.cfg.Complaints, w.cfg.ComplaintPolicy
	if store == nil || policy == nil {
		return river.JobCancel(errors.New("no complaint store or policy configured"))
	}
	at, err := time.Parse(time.RFC3339, job.Args.At)
	if err != nil {
		return river.JobCancel(fmt.Errorf("complaint reminders: %w", err))
	}
	marked := job.AttemptedAt.UTC()
	if marked.Before(at) {
		marked = at
	}
	log := w.cfg.Logger
	due := func(yield func(complaint.Reminder, error) bool) {
		for c, err := range store.Complaints(ctx, complaint.Filter{States: openStates}) {
			if err != nil {
				yield(complaint.Reminder{}, err)
				return
			}
			rs, err := policy.Reminders(c, at)
			if err != nil {
				log.Warn("complaint reminders skipped", "complaint", c.Ref.String(), "error", err)
				continue
			}
			for _, r := range rs {
				if !yield(r, nil) {
					return
				}
			}
		}
	}
	return sendThenMark(ctx, due, w.cfg.SendReminder, func(ctx context.Context, r complaint.Reminder) error {
		_, err := store.Update(ctx, r.Ref, func(c *complaint.Complaint) error { return policy.MarkReminded(c, r, marked) })
		if errors.Is(err, complaint.ErrNotDue) {
			log.Info("complaint reminder not marked: the complaint moved on", "reminder", r.Key(), "reason", err)
			return nil
		}
		return err
	})
}
