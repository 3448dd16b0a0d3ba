package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

var march = quota.MustParsePeriod("2026-03")

// fixture is a SQLite database with the stores, River's tables and a
// client working the jobs.
type fixture struct {
	db      *sqlstore.DB
	ledger  *quota.Ledger
	inv     *asset.Inventory
	client  *river.Client[*sql.Tx]
	mu      sync.Mutex
	notices []asset.Notice
	desk    *ticket.Desk
	sent    []ticket.Notification
	dunning *dunning.Service
	dunned  []dunning.Result
	// checklists are what the host's records hold.
	checklists []ticket.Checklist
	// erpBroken, if set, breaks the list of open invoices off after
	// the first.
	erpBroken error
	support   *sla.Calendar
	// complaints are kept by the Dutch procedure; reminded hears the
	// reminders sent, and remindBroken, if set, fails the sending.
	complaints      *sqlstore.ComplaintStore
	complaintPolicy *complaint.Policy
	reminded        []complaint.Reminder
	remindBroken    error
}

// directory tells every new ticket of customer C-1 to it@c1.example, and
// SLA warnings and breaches to the provider's service team.
type directory struct{}

func (directory) ContactByEmail(context.Context, string) (ticket.Contact, error) {
	return ticket.Contact{}, ticket.ErrNotFound
}

func (directory) Recipients(context.Context, string) (ticket.Recipients, error) {
	return ticket.Recipients{NewTickets: []string{"it@c1.example"}, ServiceLevels: []string{"team@provider.example"}}, nil
}

func newFixture(t *testing.T) *fixture {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := sqlstore.OpenSQLite(ctx, path)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	queue, err := jobs.OpenSQLite(path)
	require.NoError(t, err)
	t.Cleanup(func() { _ = queue.Close() })
	require.NoError(t, queue.Migrate(ctx))
	require.NoError(t, queue.Migrate(ctx), "migrating again is a no-op")

	f := &fixture{db: db}
	f.ledger, err = quota.NewLedger(db.Quota(), quota.Config{})
	require.NoError(t, err)
	f.inv, err = asset.NewInventory(db.Assets(), asset.InventoryConfig{Expiry: asset.ExpiryPolicy{LeadDays: []int{90, 30}}})
	require.NoError(t, err)
	f.desk, err = ticket.NewDesk(db.Tickets(), directory{}, ticket.Config{Mail: ticket.MailConfig{Domain: "desk.example"}})
	require.NoError(t, err)
	support, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysBE})
	require.NoError(t, err)
	policy := dunning.GermanPolicy(support, []dunning.BaseRate{{From: date.New(2025, time.January, 1), Percent: decimal.RequireFromString("2.27")}}, "cs@example.com")
	f.support = support
	f.dunning, err = dunning.NewService(db.Dunning(), dunning.Config{Policy: policy})
	require.NoError(t, err)
	office, err := complaint.NLOffice()
	require.NoError(t, err)
	f.complaintPolicy, err = complaint.NewPolicy(complaint.PresetNL(), sla.Calendars{complaint.OfficeCalendar: office})
	require.NoError(t, err)
	f.complaints = db.Complaints()
	f.client = startClient(t, queue, jobs.ClientConfig{
		Workers: jobs.Workers(jobs.Config{
			Ledger: f.ledger, Quota: db.Quota(), SliceSize: 4, Inventory: f.inv,
			Notify: func(_ context.Context, n asset.Notice) error {
				f.mu.Lock()
				defer f.mu.Unlock()
				f.notices = append(f.notices, n)
				return nil
			},
			Desk:       f.desk,
			Agreements: serviceLevels,
			Dunning:    f.dunning,
			Checklists: func(context.Context) iter.Seq2[ticket.Checklist, error] {
				f.mu.Lock()
				defer f.mu.Unlock()
				return func(yield func(ticket.Checklist, error) bool) {
					for _, c := range slices.Clone(f.checklists) {
						if !yield(c, nil) {
							return
						}
					}
				}
			},
			Calendar:         support,
			MaintenanceAhead: 7,
			OpenInvoices: func(context.Context, date.Date) iter.Seq2[dunning.OpenInvoice, error] {
				return func(yield func(dunning.OpenInvoice, error) bool) {
					f.mu.Lock()
					broken := f.erpBroken
					f.mu.Unlock()
					if !yield(dunning.OpenInvoice{Number: "RE-2025-0001", CustomerID: "C-1", CustomerType: dunning.BusinessCustomer,
						Due: date.New(2025, time.May, 30), Amount: decimal.RequireFromString("1000.00")}, nil) {
						return
					}
					if broken != nil {
						yield(dunning.OpenInvoice{}, broken)
					}
				}
			},
			SendNotice: func(_ context.Context, r dunning.Result) error {
				f.mu.Lock()
				defer f.mu.Unlock()
				f.dunned = append(f.dunned, r)
				return nil
			},
			Deliver: func(_ context.Context, n ticket.Notification) error {
				f.mu.Lock()
				defer f.mu.Unlock()
				f.sent = append(f.sent, n)
				return nil
			},
			Complaints: f.complaints, ComplaintPolicy: f.complaintPolicy,
			SendReminder: func(_ context.Context, r complaint.Reminder) error {
				f.mu.Lock()
				defer f.mu.Unlock()
				if f.remindBroken != nil {
					return f.remindBroken
				}
				f.reminded = append(f.reminded, r)
				return nil
			},
		}),
		MaxWorkers:   1,
		PollInterval: 100 * time.Millisecond,
	})
	return f
}

// startClient starts a client on queue with cfg and stops it gracefully
// when the test ends.
func startClient(t *testing.T, queue jobs.Database, cfg jobs.ClientConfig) *river.Client[*sql.Tx] {
	client, err := jobs.NewClient(queue, cfg)
	require.NoError(t, err)
	require.NoError(t, client.Start(context.Background()))
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, client.Stop(stop), "a graceful stop")
	})
	return client
}

// open opens n contracts of 10 hours a month from March 2026; contract i
// uses i hours in March.
func (f *fixture) open(t *testing.T, n int) []string {
	ctx := context.Background()
	var ids []string
	for i := range n {
		id := fmt.Sprintf("K-%02d", i)
		ids = append(ids, id)
		openQuota(t, f.ledger, id, "C-"+id)
		if i > 0 {
			_, err := f.ledger.Consume(ctx, id, quota.Consumption{Key: "work", Date: date.New(2026, time.March, 9), Hours: time.Duration(i) * time.Hour})
			require.NoError(t, err)
		}
	}
	return ids
}

// openQuota opens a quota contract of 10 hours a month for 950.00 from
// March 2026, overage at 95.00 an hour, overdraft allowed; set changes
// the terms.
func openQuota(t *testing.T, ledger *quota.Ledger, id, customer string, set ...func(*quota.Terms)) {
	terms := quota.Terms{
		From: march, Hours: 10 * time.Hour, Price: decimal.RequireFromString("950.00"),
		OverageRate: decimal.RequireFromString("95.00"), Overdraft: quota.UnlimitedOverdraft(),
	}
	for _, f := range set {
		f(&terms)
	}
	_, err := ledger.Open(context.Background(), quota.Contract{ID: id, CustomerID: customer, Start: march.First(), Terms: []quota.Terms{terms}})
	require.NoError(t, err)
}

// work enqueues a job of args and waits until it completed, then deletes
// it, so that the same job enqueued again is a new run rather than a
// duplicate of this one (River keeps completed jobs for a day).
func (f *fixture) work(t *testing.T, args river.JobArgs) {
	ctx := context.Background()
	res, err := f.client.Insert(ctx, args, nil)
	require.NoError(t, err)
	require.False(t, res.UniqueSkippedAsDuplicate)
	f.waitFor(t, res.Job.ID, rivertype.JobStateCompleted)
	_, err = f.client.JobDelete(ctx, res.Job.ID)
	require.NoError(t, err)
}

// waitMonthEnd waits until the month-end's job table says it finished.
func (f *fixture) waitMonthEnd(t *testing.T, p quota.Period) jobs.MonthEndState {
	return waitFinished(t, func(ctx context.Context) (jobs.MonthEndState, error) { return jobs.MonthEnd(ctx, f.client, p) })
}

// waitFinished waits until the state read says the run finished.
func waitFinished(t *testing.T, read func(context.Context) (jobs.MonthEndState, error)) jobs.MonthEndState {
	var s jobs.MonthEndState
	require.Eventually(t, func() bool {
		var err error
		s, err = read(context.Background())
		require.NoError(t, err)
		return s.Finished()
	}, 60*time.Second, 20*time.Millisecond)
	return s
}

// The month-end enqueued twice runs once: the second insert is skipped
// as a duplicate of the first, and every contract is closed once, in
// slices of four: 11 hours of use on 10 are corrected by one hour.
func TestMonthEndEnqueuedTwiceClosesEachContractOnce(t *testing.T) {
	f := newFixture(t)
	ids := f.open(t, 10)
	ctx := context.Background()
	first, err := f.client.Insert(ctx, jobs.MonthEndArgs{Period: march.String()}, nil)
	require.NoError(t, err)
	second, err := f.client.Insert(ctx, jobs.MonthEndArgs{Period: march.String()}, nil)
	require.NoError(t, err)
	require.True(t, second.UniqueSkippedAsDuplicate)
	require.Equal(t, first.Job.ID, second.Job.ID)

	s := f.waitMonthEnd(t, march)
	require.Equal(t, jobs.MonthEndState{Enqueued: true, Listed: true, Contracts: 10, Done: 10}, s)
	for i, id := range ids {
		a, err := f.ledger.Account(ctx, id)
		require.NoError(t, err)
		require.Equal(t, march.Next(), a.Open, id)
		res, err := f.ledger.Close(ctx, id, march)
		require.NoError(t, err)
		require.Equal(t, quota.AlreadyClosed, res.Outcome, id)
		require.Equal(t, time.Duration(max(i-10, 0))*time.Hour, res.Corrected, id)
	}
	slices, err := f.client.JobList(ctx, river.NewJobListParams().Kinds(jobs.KindCloseSlice))
	require.NoError(t, err)
	require.Len(t, slices.Jobs, 3, "10 contracts in slices of 4")
}

// A slice that fails is retried with backoff and its error is kept with
// the job; the contracts of the slice that could be closed are closed.
func TestFailingSliceIsRetriedWithItsErrorRecorded(t *testing.T) {
	f := newFixture(t)
	f.open(t, 2)
	ctx := context.Background()
	res, err := f.client.Insert(ctx, jobs.CloseSliceArgs{Period: march.String(), IDs: []string{"K-00", "K-missing", "K-01"}}, nil)
	require.NoError(t, err)
	job := f.waitFor(t, res.Job.ID, rivertype.JobStateRetryable)
	require.NotEmpty(t, job.Errors)
	for i, e := range job.Errors {
		require.Equal(t, i+1, e.Attempt)
		require.Contains(t, e.Error, "K-missing", "each attempt's error is kept")
	}
	last := job.Errors[len(job.Errors)-1]
	require.True(t, job.ScheduledAt.After(last.At), "the retry waits its backoff")
	for _, id := range []string{"K-00", "K-01"} {
		a, err := f.ledger.Account(ctx, id)
		require.NoError(t, err)
		require.Equal(t, march.Next(), a.Open, "%s is closed despite its slice's failure", id)
	}
}

// The expiry scan sends each notice due on the day once: run again for
// the same day (a second job, after the first completed) it finds the
// notice marked.
func TestExpiryScanSendsEachNoticeOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	require.NoError(t, f.inv.Register(ctx, asset.Asset{ID: "fw-1", CustomerID: "C-1", Kind: asset.KindHardware, Name: "Firewall",
		Purchased: date.New(2023, time.July, 21), Warranty: asset.Warranty{End: date.New(2026, time.July, 20)},
		Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse}))
	f.work(t, jobs.ExpiryScanArgs{Day: "2026-06-30"})
	f.work(t, jobs.ExpiryScanArgs{Day: "2026-06-30"})
	f.mu.Lock()
	defer f.mu.Unlock()
	require.Len(t, f.notices, 1)
	require.Equal(t, "fw-1", f.notices[0].AssetID)
	require.Equal(t, 30, f.notices[0].LeadDays, "20 days before the end: the 30-day notice")
}

// The outbox job sends each waiting notification once and marks it
// delivered: the next run finds the outbox empty.
func TestOutboxDeliversEachNotificationOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, subject := range []string{"Printer offline", "VPN down"} {
		_, err := f.desk.Open(ctx, ticket.Draft{CustomerID: "C-1", Kind: ticket.Incident, Channel: ticket.ChannelPhone,
			Subject: subject, Received: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}, ticket.Staff("anna"))
		require.NoError(t, err)
	}
	f.work(t, jobs.OutboxArgs{})
	f.work(t, jobs.OutboxArgs{})
	pending, err := f.desk.Pending(ctx, 0)
	require.NoError(t, err)
	require.Empty(t, pending)
	f.mu.Lock()
	defer f.mu.Unlock()
	require.Len(t, f.sent, 2, "one new-ticket mail per ticket, each once")
	for _, n := range f.sent {
		require.Equal(t, "it@c1.example", n.Recipient)
	}
}

// The day's dunning run issues the reminder due (1,000.00 due on 30 May,
// reminded a week later) and sends it; the run retried for the same day
// issues nothing new and sends the same notice again (at least once).
func TestDunningRunIssuesOncePerDay(t *testing.T) {
	f := newFixture(t)
	f.work(t, jobs.DunningRunArgs{Day: "2025-06-06"})
	f.work(t, jobs.DunningRunArgs{Day: "2025-06-06"})
	c, err := f.dunning.Case(context.Background(), "RE-2025-0001")
	require.NoError(t, err)
	require.Len(t, c.Notices, 1, "one notice stored")
	f.mu.Lock()
	defer f.mu.Unlock()
	require.Len(t, f.dunned, 2)
	require.Equal(t, dunning.Issued, f.dunned[0].Outcome)
	require.Equal(t, dunning.Repeated, f.dunned[1].Outcome)
	for _, r := range f.dunned {
		require.Equal(t, "Zahlungserinnerung", r.Notice.LevelName)
		require.Equal(t, "1000.00", r.Notice.Total.StringFixed(2))
		require.Equal(t, c.Notices[0].No, r.Notice.No)
	}
}

// The day's maintenance job opens the tickets the checklists call for
// from a week before the day to a week after it, each once: run again
// for the same day, and for the next day (overlapping windows), it opens
// nothing twice.
func TestMaintenanceOpensEachOccurrenceOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	backup := ticket.Checklist{CustomerID: "C-1", Items: []ticket.ChecklistItem{
		{ID: "backup", Title: "Backup-Kontrolle", Schedule: mustSchedule(t, "every week from 2026-03-02")},
		{ID: "av", Title: "Virenschutz prüfen", Schedule: mustSchedule(t, "every month on the 1st friday from 2026-01-01")},
	}}
	f.checklists = []ticket.Checklist{backup}
	day := date.New(2026, time.March, 30)
	f.work(t, jobs.MaintenanceArgs{Day: day.String()})
	f.work(t, jobs.MaintenanceArgs{Day: day.String()})
	f.work(t, jobs.MaintenanceArgs{Day: day.AddDate(0, 0, 1).String()})

	// What the checklist calls for from a week before the first day to a
	// week after the second, on the support calendar (the first friday of
	// April, 3 April 2026, is Good Friday, a holiday in Berlin).
	plan, err := backup.Plan(f.support, day.AddDate(0, 0, -jobs.MaintenanceCatchUp), day.AddDate(0, 0, 1+7))
	require.NoError(t, err)
	var want, got []string
	for _, o := range plan {
		want = append(want, o.Key)
	}
	for tk, err := range f.db.Tickets().Tickets(ctx, ticket.Filter{CustomerID: "C-1"}) {
		require.NoError(t, err)
		require.Equal(t, ticket.Maintenance, tk.Kind)
		require.Equal(t, ticket.ChannelSchedule, tk.Channel)
		got = append(got, tk.IdempotencyKey)
	}
	slices.Sort(want)
	slices.Sort(got)
	require.Equal(t, want, got)
	require.Len(t, got, 4, "backups on 23 and 30 March and 6 April, the virus check of April")
}

// A checklist the desk refuses fails the job with its customer named
// and is retried, after the other customers' maintenance is opened.
func TestMaintenanceOfOneBadChecklistFailsTheJobNotTheOthers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.checklists = []ticket.Checklist{
		{CustomerID: "C-bad", Items: []ticket.ChecklistItem{{ID: "x", Title: "", Schedule: mustSchedule(t, "every day from 2026-03-01")}}},
		{CustomerID: "C-1", Items: []ticket.ChecklistItem{{ID: "backup", Title: "Backup-Kontrolle", Schedule: mustSchedule(t, "every week from 2026-03-02")}}},
	}
	res, err := f.client.Insert(ctx, jobs.MaintenanceArgs{Day: "2026-03-02"}, nil)
	require.NoError(t, err)
	job := f.waitFor(t, res.Job.ID, rivertype.JobStateRetryable)
	require.Contains(t, job.Errors[0].Error, "C-bad")
	n := 0
	for tk, err := range f.db.Tickets().Tickets(ctx, ticket.Filter{}) {
		require.NoError(t, err)
		require.Equal(t, "C-1", tk.CustomerID)
		n++
	}
	require.Equal(t, 2, n, "the backups of 2 and 9 March")
}

func mustSchedule(t *testing.T, text string) ticket.Schedule {
	t.Helper()
	s, err := ticket.ParseSchedule(text)
	require.NoError(t, err)
	return s
}

// When the ERP's list of open invoices breaks off, the invoices read
// before the break are dunned and the job fails with the listing's
// error, to be retried.
func TestDunningRunFailsWhenTheOpenInvoicesBreakOff(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.erpBroken = errors.New("ERP connection reset")
	res, err := f.client.Insert(ctx, jobs.DunningRunArgs{Day: "2025-06-06"}, nil)
	require.NoError(t, err)
	job := f.waitFor(t, res.Job.ID, rivertype.JobStateRetryable)
	require.Contains(t, job.Errors[0].Error, "ERP connection reset")
	c, err := f.dunning.Case(ctx, "RE-2025-0001")
	require.NoError(t, err)
	require.Len(t, c.Notices, 1, "the invoice read before the break is dunned")
}
