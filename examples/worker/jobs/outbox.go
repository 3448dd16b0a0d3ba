package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/deskcore/deskcore/ticket"
)

// KindOutbox is the kind of OutboxArgs jobs.
const KindOutbox = "ticket_outbox"

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
