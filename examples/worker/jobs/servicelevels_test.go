package jobs_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// office is the business calendar of the tests' agreements: Mon-Fri
// 09:00-17:00 in Berlin, with Berlin's holidays.
var office = sync.OnceValue(func() *sla.Calendar {
	cal, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysBE})
	if err != nil {
		panic(err)
	}
	return cal
})

// ber writes an instant as the wall clock in Berlin reads it.
func ber(mon time.Month, d, h, m, sec int) time.Time {
	return time.Date(2026, mon, d, h, m, sec, 0, office().Location())
}

// serviceLevels is every customer's agreement in the tests: on the office
// calendar a first response within 4 business hours and a resolution
// within 16; warnings at 80 %.
func serviceLevels(context.Context, string) (ticket.Agreements, error) {
	normal, err := sla.NewPolicy(sla.PolicyConfig{Name: "normal", Targets: []sla.PolicyTarget{
		{Name: sla.FirstResponse, Target: sla.MustParseTarget("4h business"), Calendar: "office"},
		{Name: sla.Resolution, Target: sla.MustParseTarget("16h business"), Calendar: "office"},
	}}, sla.Calendars{"office": office()})
	return ticket.Agreements{Default: sla.Agreement{Name: "Kooperationsvereinbarung",
		Policies: map[string]*sla.Policy{"normal": normal}}}, err
}

// waitFor waits until job id is in state and returns it.
func (f *fixture) waitFor(t *testing.T, id int64, state rivertype.JobState) *rivertype.JobRow {
	t.Helper()
	var job *rivertype.JobRow
	require.Eventually(t, func() bool {
		var err error
		job, err = f.client.JobGet(context.Background(), id)
		require.NoError(t, err)
		return job.State == state
	}, 30*time.Second, 20*time.Millisecond)
	return job
}

// The SLA watch of a minute, enqueued twice, runs once; the outbox job
// then delivers its warning once. A ticket received Friday 16:00 has used
// 3h12m of its 4 business hours for a response on Monday at 11:12: the
// watch at 11:15 warns that it is due at 12:00. Watched again at the same
// instant (a new job, after the first completed) it tells nobody twice.
func TestServiceLevelsWatchWarnsOnceThroughTheOutbox(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tk, err := f.desk.Open(ctx, ticket.Draft{CustomerID: "C-1", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Subject: "Server down", Received: ber(time.June, 5, 16, 0, 0)}, ticket.Staff("anna"))
	require.NoError(t, err)

	args := jobs.ServiceLevelsAt(ber(time.June, 8, 11, 15, 42))
	require.Equal(t, time.Date(2026, 6, 8, 9, 15, 0, 0, time.UTC), args.At, "UTC, whole minutes")
	first, err := f.client.Insert(ctx, args, nil)
	require.NoError(t, err)
	second, err := f.client.Insert(ctx, jobs.ServiceLevelsAt(ber(time.June, 8, 11, 15, 5)), nil)
	require.NoError(t, err)
	require.True(t, second.UniqueSkippedAsDuplicate, "the same minute is the same job")
	require.Equal(t, first.Job.ID, second.Job.ID)
	f.waitFor(t, first.Job.ID, rivertype.JobStateCompleted)
	_, err = f.client.JobDelete(ctx, first.Job.ID)
	require.NoError(t, err)

	f.work(t, jobs.OutboxArgs{})
	f.work(t, args)
	f.work(t, jobs.OutboxArgs{})

	f.mu.Lock()
	defer f.mu.Unlock()
	var warnings []ticket.Notification
	for _, n := range f.sent {
		if n.Event == ticket.EventSLAWarning || n.Event == ticket.EventSLABreach {
			warnings = append(warnings, n)
		}
	}
	require.Len(t, warnings, 1, "one warning, delivered once")
	w := warnings[0]
	require.Equal(t, tk.Number, w.Ticket)
	require.Equal(t, ticket.EventSLAWarning, w.Event)
	require.Equal(t, "team@provider.example", w.Recipient)
	require.Equal(t, "ticket.sla-warning", w.Template)
	require.Equal(t, ticket.ResponseClock, w.Clock)
	require.True(t, w.Due.Equal(ber(time.June, 8, 12, 0, 0)), "due %s", w.Due)
	require.True(t, w.At.Equal(ber(time.June, 8, 11, 12, 0)), "the warning since %s", w.At)

	stored, err := f.desk.Update(ctx, tk.Number, func(*ticket.Ticket) error { return nil })
	require.NoError(t, err)
	var stages []string
	for _, e := range stored.Audit {
		if e.Action == ticket.ActionServiceLevel {
			stages = append(stages, e.From+" "+e.To)
		}
	}
	require.Equal(t, []string{"response sla-warning"}, stages)
}

// An error about one ticket, here a priority the agreement has no policy
// for, is kept with the job, which is cancelled rather than retried; the
// other tickets are watched all the same.
func TestServiceLevelsWatchKeepsTicketErrorsWithTheJob(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	received := ber(time.June, 5, 16, 0, 0)
	uncovered, err := f.desk.Open(ctx, ticket.Draft{CustomerID: "C-1", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Priority: ticket.Critical, Subject: "Firewall down", Received: received}, ticket.Staff("anna"))
	require.NoError(t, err)
	covered, err := f.desk.Open(ctx, ticket.Draft{CustomerID: "C-1", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
		Subject: "Printer offline", Received: received}, ticket.Staff("anna"))
	require.NoError(t, err)

	res, err := f.client.Insert(ctx, jobs.ServiceLevelsAt(ber(time.June, 8, 12, 30, 0)), nil)
	require.NoError(t, err)
	job := f.waitFor(t, res.Job.ID, rivertype.JobStateCancelled)
	require.Len(t, job.Errors, 1)
	require.Contains(t, job.Errors[0].Error, "ticket "+uncovered.Number.String())

	pending, err := f.desk.Pending(ctx, 0)
	require.NoError(t, err)
	var told []ticket.Number
	for _, n := range pending {
		if n.Event == ticket.EventSLABreach {
			told = append(told, n.Ticket)
		}
	}
	require.Equal(t, []ticket.Number{covered.Number}, told, "the covered ticket's response breach")
}

// Periodic schedules the SLA watch only when the Config has the desk and
// the agreements.
func TestPeriodicSchedulesTheWatchWithDeskAndAgreements(t *testing.T) {
	now := func() time.Time { return ber(time.June, 8, 11, 15, 0) }
	f := newFixture(t)
	with := jobs.Periodic(jobs.Config{Desk: f.desk, Agreements: serviceLevels, Now: now, Zone: office().Location()})
	without := jobs.Periodic(jobs.Config{Desk: f.desk, Now: now, Zone: office().Location()})
	require.Len(t, with, len(without)+1)
}
