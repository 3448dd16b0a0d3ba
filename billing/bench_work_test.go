package billing_test

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// BenchmarkRunStreaming runs a billing run of 10,000 customers (every
// other one on a quota) over stores that make the work up as it is read
// and drop what is billed, so the heap holds only what the run itself
// keeps. With 10 and with 100 entries per customer its peak heap
// (peak-MB) must be about the same: the run streams, memory does not grow
// with the number of entries. The store adapters' benchmark is
// billingtest.BenchmarkRun, run by examples/memstore.
func BenchmarkRunStreaming(b *testing.B) {
	for _, perCustomer := range []int{10, 100} {
		b.Run(fmt.Sprintf("entries=%d", 10_000*perCustomer), func(b *testing.B) {
			const customers = 10_000
			var peak uint64
			for b.Loop() {
				ws := &streamStore{customers: customers, perCustomer: perCustomer}
				qs := &streamQuota{accounts: map[string]quota.Account{}}
				biller, err := billing.NewBiller(ws, qs, billing.BillerConfig{})
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				base := m.HeapAlloc
				n := 0
				for res, err := range biller.Run(context.Background(), billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, 4, 1)}) {
					if err != nil || res.Outcome != billing.RunBilled {
						b.Fatalf("%s: %s %v", res.CustomerID, res.Outcome, err)
					}
					if n++; n%1000 == 0 {
						runtime.ReadMemStats(&m)
						peak = max(peak, m.HeapAlloc-min(m.HeapAlloc, base))
					}
				}
				if ws.billed != customers*perCustomer {
					b.Fatalf("%d entries billed", ws.billed)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*customers*perCustomer), "ns/entry")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}

var streamRates = billing.RateCard{{
	From: date.New(2026, 1, 1), Hourly: decimal.RequireFromString("95.00"),
	Travel: []billing.TravelZone{{Zone: "Z1", Charge: decimal.RequireFromString("25.00")}}, VATRate: decimal.RequireFromString("19"),
}}

// streamStore is a billing.WorkStore that makes customers and their
// released work up as they are read and counts what Bill bills; the
// methods a run does not call are left to the nil interface.
type streamStore struct {
	billing.WorkStore
	customers, perCustomer int
	billed                 int
}

func (s *streamStore) Contracts(context.Context) iter.Seq2[billing.Contract, error] {
	return func(yield func(billing.Contract, error) bool) {
		for i := range s.customers {
			c := billing.Contract{CustomerID: fmt.Sprintf("C-%06d", i), ReportRecipient: "r", Rates: streamRates}
			if i%2 == 1 {
				c.Type, c.QuotaContractID = billing.ContractQuota, "K-"+c.CustomerID
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}

func (s *streamStore) Entries(_ context.Context, customer string, _ billing.EntryState, _ date.Date) iter.Seq2[billing.WorkEntry, error] {
	return func(yield func(billing.WorkEntry, error) bool) {
		for j := range s.perCustomer {
			e := billing.WorkEntry{
				ID: fmt.Sprintf("%s-%04d", customer, j), CustomerID: customer, TicketID: fmt.Sprintf("T%02d", j%20), Technician: "alice",
				Date: date.New(2026, 3, 1+j%31), Duration: time.Duration(10+(j*37)%61) * time.Minute,
				Activity: billing.ActivitySupport, Fault: billing.FaultCustomer, OrderRef: "PO",
				State: billing.Released, ReleasedBy: "backoffice", Version: 1,
			}
			if j%10 == 5 {
				e.Travel.Zone = "Z1"
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

func (s *streamStore) Usage(context.Context, string, quota.Period) iter.Seq2[billing.Usage, error] {
	return func(func(billing.Usage, error) bool) {}
}

func (s *streamStore) Invoice(_ context.Context, id string) (billing.InvoiceDraft, error) {
	return billing.InvoiceDraft{}, fmt.Errorf("%s: %w", id, billing.ErrNotFound)
}

func (s *streamStore) Bill(_ context.Context, b billing.Billing) error {
	for _, r := range b.Reports {
		s.billed += len(r.Entries)
	}
	return nil
}

// streamQuota is a quota.Store that opens every contract it is asked for
// (100h a month from March 2026 at 1,500.00, unlimited overdraft) and
// keeps the accounts, not the entries.
type streamQuota struct {
	quota.Store
	mu       sync.Mutex
	accounts map[string]quota.Account
}

func (q *streamQuota) Account(_ context.Context, id string) (quota.Account, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.account(id)
}

func (q *streamQuota) account(id string) (quota.Account, error) {
	if a, ok := q.accounts[id]; ok {
		return a.Clone(), nil
	}
	a, err := quota.NewAccount(quota.Contract{ID: id, CustomerID: id[2:], Start: date.New(2026, 3, 1), Terms: []quota.Terms{{
		From: quota.MustParsePeriod("2026-03"), Hours: 100 * time.Hour, Price: decimal.RequireFromString("1500.00"),
		OverageRate: decimal.RequireFromString("95.00"), Overdraft: quota.UnlimitedOverdraft(),
	}}})
	a.Pending = nil
	return a, err
}

func (q *streamQuota) Update(_ context.Context, id string, fn func(*quota.Account) error) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	a, err := q.account(id)
	if err != nil {
		return err
	}
	if err := fn(&a); err != nil {
		return err
	}
	a.Pending = nil
	q.accounts[id] = a
	return nil
}
