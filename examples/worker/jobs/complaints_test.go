package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/examples/worker/jobs"
)

// receiveComplaint stores a service complaint received on Monday 4 May
// 2026 at 10:00 in Amsterdam and returns it with its deadlines under the
// Dutch procedure.
func (f *fixture) receiveComplaint(t *testing.T) (complaint.Complaint, complaint.Deadlines) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	c, err := f.complaintPolicy.NewComplaint(complaint.Intake{Type: complaint.TypeService, CustomerID: "C-1",
		ReceivedAt: time.Date(2026, time.May, 4, 10, 0, 0, 0, ams),
		Details:    complaint.Details{TicketNumber: "T-4711", Description: "The technician did not come.", Name: "Jan de Vries"}})
	require.NoError(t, err)
	c, err = f.complaints.Create(context.Background(), c)
	require.NoError(t, err)
	d, err := f.complaintPolicy.Deadlines(c.ReceivedAt)
	require.NoError(t, err)
	return c, d
}

// waitJob waits until the job is in state and returns it.
func (f *fixture) waitJob(t *testing.T, id int64, state rivertype.JobState) *rivertype.JobRow {
	var job *rivertype.JobRow
	require.Eventually(t, func() bool {
		var err error
		job, err = f.client.JobGet(context.Background(), id)
		require.NoError(t, err)
		return job.State == state
	}, 30*time.Second, 20*time.Millisecond)
	return job
}

func (f *fixture) remindersSent() []complaint.Reminder {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]complaint.Reminder(nil), f.reminded...)
}

// The reminders of a quarter hour, enqueued twice, run once: the
// acknowledgement due soon reaches the host once, addressed by the
// complaint's reference alone, and is marked on the complaint; run again
// for that quarter hour it sends nothing.
func TestComplaintRemindersEnqueuedTwiceSendOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, d := f.receiveComplaint(t)
	args := jobs.ComplaintRemindersAt(d.Acknowledgement.Add(-50 * time.Minute))
	require.Equal(t, d.Acknowledgement.Add(-time.Hour).UTC().Format(time.RFC3339), args.At, "the quarter hour")

	first, err := f.client.Insert(ctx, args, nil)
	require.NoError(t, err)
	second, err := f.client.Insert(ctx, args, nil)
	require.NoError(t, err)
	require.True(t, second.UniqueSkippedAsDuplicate)
	require.Equal(t, first.Job.ID, second.Job.ID)
	f.waitJob(t, first.Job.ID, rivertype.JobStateCompleted)
	_, err = f.client.JobDelete(ctx, first.Job.ID)
	require.NoError(t, err)

	sent := f.remindersSent()
	require.Len(t, sent, 1)
	r := sent[0]
	require.Equal(t, c.Ref, r.Ref)
	require.Equal(t, complaint.DeadlineAcknowledgement, r.Deadline)
	require.Equal(t, complaint.StageDueSoon, r.Stage)
	require.True(t, r.Due.Equal(d.Acknowledgement))
	require.NotContains(t, r.String(), "Jan de Vries", "no complainant's data")
	stored, err := f.complaints.Complaint(ctx, c.Ref)
	require.NoError(t, err)
	require.Len(t, stored.Reminded, 1, "marked on the complaint")
	require.Len(t, stored.History, len(c.History), "a reminder is no step")
	require.Equal(t, c.State, stored.State)

	f.work(t, args)
	require.Len(t, f.remindersSent(), 1, "marked: a second run sends nothing")
}

// Once the deadline has passed the overdue reminder is sent, once; once
// the complaint is acknowledged nothing more is sent about the
// acknowledgement.
func TestComplaintRemindersFollowTheComplaint(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, d := f.receiveComplaint(t)
	late := d.Acknowledgement.Add(30 * time.Minute)
	f.work(t, jobs.ComplaintRemindersAt(late))
	f.work(t, jobs.ComplaintRemindersAt(late.Add(15*time.Minute)))
	sent := f.remindersSent()
	require.Len(t, sent, 1)
	require.Equal(t, complaint.StageOverdue, sent[0].Stage)

	_, err := f.complaints.Update(ctx, c.Ref, func(c *complaint.Complaint) error {
		_, err := f.complaintPolicy.Acknowledge(c, complaint.Actor{ID: "anna", Team: "desk"}, late.Add(time.Hour))
		return err
	})
	require.NoError(t, err)
	f.work(t, jobs.ComplaintRemindersAt(late.Add(2*time.Hour)))
	require.Len(t, f.remindersSent(), 1, "acknowledged: nothing more")
}

// A reminder the host could not send is not marked: the job fails with
// the error recorded and is retried, and the reminder is sent on a later
// run.
func TestComplaintReminderNotSentIsNotMarked(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, d := f.receiveComplaint(t)
	f.mu.Lock()
	f.remindBroken = errors.New("mail server down")
	f.mu.Unlock()
	res, err := f.client.Insert(ctx, jobs.ComplaintRemindersAt(d.Acknowledgement.Add(-time.Hour)), nil)
	require.NoError(t, err)
	job := f.waitJob(t, res.Job.ID, rivertype.JobStateRetryable)
	require.Contains(t, job.Errors[0].Error, "mail server down")
	stored, err := f.complaints.Complaint(ctx, c.Ref)
	require.NoError(t, err)
	require.Empty(t, stored.Reminded)

	f.mu.Lock()
	f.remindBroken = nil
	f.mu.Unlock()
	f.work(t, jobs.ComplaintRemindersAt(d.Acknowledgement.Add(-30*time.Minute)))
	require.Len(t, f.remindersSent(), 1)
}

// The job's instant is a quarter hour in UTC, whatever the zone given.
func TestComplaintRemindersAtTheQuarterHour(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	for _, tt := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, time.May, 13, 17, 14, 59, 999, ams), "2026-05-13T15:00:00Z"},
		{time.Date(2026, time.May, 13, 17, 15, 0, 0, ams), "2026-05-13T15:15:00Z"},
		// 02:59 summer time in the hour the clocks go back
		{time.Date(2026, time.October, 25, 0, 59, 0, 0, time.UTC).In(ams), "2026-10-25T00:45:00Z"},
	} {
		require.Equal(t, tt.want, jobs.ComplaintRemindersAt(tt.at).At, "%v", tt.at)
	}
}

// The schedule has the reminders job only when the Config has both the
// complaints and their procedure.
func TestComplaintRemindersScheduledWithStoreAndPolicy(t *testing.T) {
	f := newFixture(t)
	base := jobs.Config{Now: time.Now, Zone: time.UTC}
	with := base
	with.Complaints, with.ComplaintPolicy = f.complaints, f.complaintPolicy
	storeOnly := base
	storeOnly.Complaints = f.complaints
	require.Len(t, jobs.Periodic(with), len(jobs.Periodic(base))+1)
	require.Len(t, jobs.Periodic(storeOnly), len(jobs.Periodic(base)))
}
