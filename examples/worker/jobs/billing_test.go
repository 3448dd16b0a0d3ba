package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/examples/worker/jobs"
	"github.com/deskcore/deskcore/quota"
)

// marchBilling is the billing run of March 2026, issued on 1 April.
var marchBilling = jobs.BillingMonthArgs{Period: "2026-03", Issued: "2026-04-01"}

// billFixture is a SQLite database with the quota ledger, a Biller on
// the work store (whose Bill fails for a customer while fails is
// positive, as a store that is down would) and a client working the
// month-end and billing jobs in slices of two.
type billFixture struct {
	db     *sqlstore.DB
	ledger *quota.Ledger
	work   *failingBills
	client *river.Client[*sql.Tx]
	mu     sync.Mutex
	billed map[string]int // how often Billed heard each customer
	held   []string       // the held entries Billed heard of
}

// failingBills fails Bill for customer while fails is positive.
type failingBills struct {
	billing.WorkStore
	mu       sync.Mutex
	customer string
	fails    int
}

var errStoreDown = errors.New("store down")

func (s *failingBills) Bill(ctx context.Context, b billing.Billing) error {
	s.mu.Lock()
	fail := len(b.Reports) > 0 && b.Reports[0].CustomerID == s.customer && s.fails > 0
	if fail {
		s.fails--
	}
	s.mu.Unlock()
	if fail {
		return errStoreDown
	}
	return s.WorkStore.Bill(ctx, b)
}

func newBillFixture(t *testing.T, failing string, fails int) *billFixture {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	db, queue, err := jobs.Open(ctx, "sqlite:"+path)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close(); _ = queue.Close() })
	f := &billFixture{db: db, billed: map[string]int{}, work: &failingBills{WorkStore: db.Billing(), customer: failing, fails: fails}}
	f.ledger, err = quota.NewLedger(db.Quota(), quota.Config{})
	require.NoError(t, err)
	biller, err := billing.NewBiller(f.work, db.Quota(), billing.BillerConfig{})
	require.NoError(t, err)
	f.client = startClient(t, queue, jobs.ClientConfig{
		Workers: jobs.Workers(jobs.Config{
			Ledger: f.ledger, Quota: db.Quota(), SliceSize: 2, Biller: biller, Work: f.work,
			Billed: func(_ context.Context, r billing.RunResult) {
				f.mu.Lock()
				defer f.mu.Unlock()
				f.billed[r.CustomerID]++
				for _, e := range r.Held {
					f.held = append(f.held, e.Entry.ID)
				}
			},
		}),
		MaxWorkers:   1,
		PollInterval: 100 * time.Millisecond,
	})
	return f
}

var rates = billing.RateCard{{From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}}

// customers stores n customers C-0..., each with i+1 hours of released
// work on 2 March, invoiced per service report.
func (f *billFixture) customers(t *testing.T, n int) {
	ctx := context.Background()
	for i := range n {
		id := fmt.Sprintf("C-%d", i)
		require.NoError(t, f.work.PutContract(ctx, billing.Contract{CustomerID: id, ReportRecipient: "it@" + id + ".example", Rates: rates}))
		f.released(t, id, fmt.Sprintf("E-%d", i), 2, time.Duration(i+1)*time.Hour)
	}
}

// released stores a released entry of a customer's work on a day of
// March, as stored by a release whose quota booking failed (the ledger
// was down): the billing run books it.
func (f *billFixture) released(t *testing.T, customer, id string, day int, worked time.Duration) {
	require.NoError(t, f.work.AddEntry(context.Background(), billing.WorkEntry{
		ID: id, CustomerID: customer, TicketID: "T-" + id, Technician: "alice", Date: date.New(2026, time.March, day),
		Duration: worked, Activity: billing.ActivityAdministration, OrderRef: "PO-" + id,
		State: billing.Released, ReleasedBy: "backoffice", ReleasedOn: date.New(2026, time.March, 31),
	}))
}

// waitBilled waits until the billing month's job table says it finished.
func (f *billFixture) waitBilled(t *testing.T, a jobs.BillingMonthArgs) jobs.MonthEndState {
	return waitFinished(t, func(ctx context.Context) (jobs.MonthEndState, error) { return jobs.BillingMonth(ctx, f.client, a) })
}

// invoiceOnce requires the customer's March service invoice, of hours at
// 95.00 plus 19 % VAT, and one report.
func (f *billFixture) invoiceOnce(t *testing.T, customer string, hours int64) {
	ctx := context.Background()
	inv, err := f.work.Invoice(ctx, billing.ServiceInvoiceID(march.String(), customer, ""))
	require.NoError(t, err, customer)
	want := decimal.RequireFromString("95.00").Mul(decimal.NewFromInt(hours)).Mul(decimal.RequireFromString("1.19")).StringFixed(2)
	require.Equal(t, want, inv.Totals.Gross.StringFixed(2), customer)
	n := 0
	for _, err := range f.work.Reports(ctx, customer) {
		require.NoError(t, err)
		n++
	}
	require.Equal(t, 1, n, "%s has one report", customer)
}

// The billing month enqueued twice runs once: the second insert is a
// duplicate, the month job lists the five customers and enqueues three
// slices of two, and each customer is billed and handed to the host
// once.
func TestBillingMonthEnqueuedTwiceBillsEachCustomerOnce(t *testing.T) {
	f := newBillFixture(t, "", 0)
	f.customers(t, 5)
	ctx := context.Background()
	first, err := f.client.Insert(ctx, marchBilling, nil)
	require.NoError(t, err)
	second, err := f.client.Insert(ctx, marchBilling, nil)
	require.NoError(t, err)
	require.True(t, second.UniqueSkippedAsDuplicate)
	require.Equal(t, first.Job.ID, second.Job.ID)

	s := f.waitBilled(t, marchBilling)
	require.Equal(t, jobs.MonthEndState{Enqueued: true, Listed: true, Contracts: 5, Done: 5}, s)
	for i := range 5 {
		f.invoiceOnce(t, fmt.Sprintf("C-%d", i), int64(i+1))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	require.Equal(t, map[string]int{"C-0": 1, "C-1": 1, "C-2": 1, "C-3": 1, "C-4": 1}, f.billed)
	slices, err := f.client.JobList(ctx, river.NewJobListParams().Kinds(jobs.KindBillSlice))
	require.NoError(t, err)
	require.Len(t, slices.Jobs, 3, "5 customers in slices of 2")
}

// A customer whose billing fails fails its slice: River records the
// error, naming the customer, and retries the slice with backoff; the
// retry bills it, and its slice partner, billed by the first attempt, is
// not billed twice.
func TestFailingCustomerIsRetriedAndBilledOnce(t *testing.T) {
	f := newBillFixture(t, "C-1", 1)
	f.customers(t, 2)
	ctx := context.Background()
	res, err := f.client.Insert(ctx, jobs.BillSliceArgs{Period: "2026-03", Issued: "2026-04-01", CustomerIDs: []string{"C-0", "C-1"}}, nil)
	require.NoError(t, err)
	var job *rivertype.JobRow
	require.Eventually(t, func() bool {
		job, err = f.client.JobGet(ctx, res.Job.ID)
		require.NoError(t, err)
		return job.State == rivertype.JobStateCompleted
	}, 60*time.Second, 20*time.Millisecond)
	require.Len(t, job.Errors, 1, "one failed attempt")
	require.Contains(t, job.Errors[0].Error, `"C-1"`)
	require.Contains(t, job.Errors[0].Error, errStoreDown.Error())
	require.NotContains(t, job.Errors[0].Error, `"C-0"`, "the other customer's billing is no error")
	f.invoiceOnce(t, "C-0", 1)
	f.invoiceOnce(t, "C-1", 2)
	f.mu.Lock()
	defer f.mu.Unlock()
	require.Equal(t, map[string]int{"C-0": 1, "C-1": 1}, f.billed)
}

// The month-end and the billing of March enqueued at once, the month-end
// first: the quota contract of a billing customer is left to the billing
// run, which books its 12 hours of March work in March and then closes
// March (2 hours over the 10, corrected at 95.00), rather than the
// month-end closing March first and the work landing late in April;
// the contracts without a billing customer are closed by the month-end.
func TestMonthEndLeavesTheBilledQuotaToTheBillingRun(t *testing.T) {
	f := newBillFixture(t, "", 0)
	ctx := context.Background()
	for _, id := range []string{"K-1", "K-2", "K-3"} {
		openQuota(t, f.ledger, id, "X-"+id) // no billing customer
	}
	openQuota(t, f.ledger, "K-Q", "Q-1")
	require.NoError(t, f.work.PutContract(ctx, billing.Contract{
		CustomerID: "Q-1", Type: billing.ContractQuota, QuotaContractID: "K-Q", ReportRecipient: "it@q1.example", Rates: rates,
	}))
	f.released(t, "Q-1", "Q-E1", 3, 5*time.Hour)
	f.released(t, "Q-1", "Q-E2", 20, 7*time.Hour)

	_, err := f.client.InsertMany(ctx, []river.InsertManyParams{{Args: jobs.MonthEndArgs{Period: march.String()}}, {Args: marchBilling}})
	require.NoError(t, err)
	s := waitFinished(t, func(ctx context.Context) (jobs.MonthEndState, error) { return jobs.MonthEnd(ctx, f.client, march) })
	f.waitBilled(t, marchBilling)
	require.Equal(t, 3, s.Contracts, "the month-end closes the contracts without a billing customer")
	for _, id := range []string{"K-1", "K-2", "K-3", "K-Q"} {
		a, err := f.ledger.Account(ctx, id)
		require.NoError(t, err)
		require.Equal(t, march.Next(), a.Open, "%s: March is closed", id)
	}
	for e, err := range f.db.Quota().Entries(ctx, "K-Q", march, march.Next()) {
		require.NoError(t, err)
		if e.Kind == quota.KindConsumption {
			require.Equal(t, march, quota.PeriodOf(e.Date), "%s is booked in the month of its work", e.Key)
			require.False(t, e.Late(), e.Key)
		}
	}
	closed, err := f.ledger.Close(ctx, "K-Q", march)
	require.NoError(t, err)
	require.Equal(t, quota.AlreadyClosed, closed.Outcome)
	require.Equal(t, 2*time.Hour, closed.Corrected, "12h of March work on 10h")
	for _, id := range []string{billing.QuotaFeeInvoiceID("K-Q", march), billing.QuotaCorrectionInvoiceID("K-Q", march)} {
		_, err := f.work.Invoice(ctx, id)
		require.NoError(t, err, id)
	}
}

// Work the quota refuses for overdraft is held, not a failure: on a
// quota of 10 hours without overdraft, 5 hours of March work are booked
// and the 7 hours after them are held, still released, for a later
// run; the fee is invoiced, the customer is handed on with the held work
// and the slice completes at its first attempt, as retrying would not
// change the quota's answer.
func TestWorkHeldForOverdraftDoesNotFailTheSlice(t *testing.T) {
	f := newBillFixture(t, "", 0)
	ctx := context.Background()
	openQuota(t, f.ledger, "K-N", "N-1", func(terms *quota.Terms) { terms.Overdraft = quota.Overdraft{} })
	require.NoError(t, f.work.PutContract(ctx, billing.Contract{
		CustomerID: "N-1", Type: billing.ContractQuota, QuotaContractID: "K-N", ReportRecipient: "it@n1.example", Rates: rates,
	}))
	f.released(t, "N-1", "N-E1", 3, 5*time.Hour)
	f.released(t, "N-1", "N-E2", 20, 7*time.Hour)
	res, err := f.client.Insert(ctx, jobs.BillSliceArgs{Period: "2026-03", Issued: "2026-04-01", CustomerIDs: []string{"N-1"}}, nil)
	require.NoError(t, err)
	var job *rivertype.JobRow
	require.Eventually(t, func() bool {
		job, err = f.client.JobGet(ctx, res.Job.ID)
		require.NoError(t, err)
		return job.State == rivertype.JobStateCompleted || len(job.Errors) > 0
	}, 60*time.Second, 20*time.Millisecond)
	require.Equal(t, rivertype.JobStateCompleted, job.State)
	require.Empty(t, job.Errors)
	_, err = f.work.Invoice(ctx, billing.QuotaFeeInvoiceID("K-N", march))
	require.NoError(t, err, "the fee is owed whatever the work")
	held, err := f.work.Entry(ctx, "N-E2")
	require.NoError(t, err)
	require.Equal(t, billing.Released, held.State, "the refused work waits for a later run")
	booked, err := f.work.Entry(ctx, "N-E1")
	require.NoError(t, err)
	require.Equal(t, billing.Reported, booked.State)
	f.mu.Lock()
	defer f.mu.Unlock()
	require.Equal(t, map[string]int{"N-1": 1}, f.billed)
	require.Equal(t, []string{"N-E2"}, f.held, "the host hears of the held work")
}
