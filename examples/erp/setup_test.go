package erp_test

import (
	"context"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/erp"
	"github.com/deskcore/deskcore/examples/memstore"
	"github.com/deskcore/deskcore/quota"
)

// d is a calendar date: d(2026, 3, 27).
func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

// dec is a decimal from its text.
var dec = decimal.RequireFromString

// march is the billing run of the scenario: March 2026, issued on 1 April.
var march = billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: d(2026, 4, 1)}

// desk is deskcore on in-memory stores with March's work released, and
// the ERP's journal with its debtors:
//
//   - C-1 (debtor 10001) pays per report, 95.00 an hour, 19 % VAT: 1h30m
//     of administration and 50m of account migration;
//   - C-2 (debtor 10002) has a quota K-2 of 100 hours for 9500.00 a
//     month: 2h of support found to be its fault, booked on the quota.
type desk struct {
	store   billing.WorkStore
	biller  *billing.Biller
	journal *erp.Journal
	sync    erp.Sync
}

func newDesk(ctx context.Context) (*desk, error) {
	return newDeskOn(ctx, memstore.NewBillingStore(), memstore.NewQuotaStore(), ":memory:")
}

// newDeskOn is newDesk on the given deskcore stores, with the journal in
// the SQLite file journalPath.
func newDeskOn(ctx context.Context, store billing.WorkStore, quotas quota.Store, journalPath string) (*desk, error) {
	rates := billing.RateCard{{From: d(2026, 1, 1), Hourly: dec("95.00"), VATRate: dec("19")}}
	for _, c := range []billing.Contract{
		{CustomerID: "C-1", ReportRecipient: "it@autohaus.example", Rates: rates},
		{CustomerID: "C-2", Type: billing.ContractQuota, QuotaContractID: "K-2", ReportRecipient: "praxis@muster.example", Rates: rates},
	} {
		if err := store.PutContract(ctx, c); err != nil {
			return nil, err
		}
	}
	ledger, err := quota.NewLedger(quotas, quota.Config{})
	if err != nil {
		return nil, err
	}
	_, err = ledger.Open(ctx, quota.Contract{
		ID: "K-2", CustomerID: "C-2", Start: d(2026, 3, 1),
		Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-03"), Hours: 100 * time.Hour,
			Price: dec("9500.00"), OverageRate: dec("95.00")}},
	})
	if err != nil {
		return nil, err
	}
	biller, err := billing.NewBiller(store, quotas, billing.BillerConfig{})
	if err != nil {
		return nil, err
	}
	work := []billing.WorkEntry{
		{ID: "W-1", CustomerID: "C-1", TicketID: "T-1", Technician: "max", Date: d(2026, 3, 10),
			Duration: 90 * time.Minute, Activity: billing.ActivityAdministration, Description: "Backup job set up"},
		{ID: "W-2", CustomerID: "C-1", TicketID: "T-2", Technician: "max", Date: d(2026, 3, 12),
			Duration: 50 * time.Minute, Activity: billing.ActivityMigration, Description: "Mailbox migrated"},
		{ID: "W-3", CustomerID: "C-2", TicketID: "T-3", Technician: "eva", Date: d(2026, 3, 20),
			Duration: 2 * time.Hour, Activity: billing.ActivitySupport, Fault: billing.FaultCustomer, Description: "Deleted share restored"},
	}
	for _, e := range work {
		if _, err := biller.Record(ctx, e); err != nil {
			return nil, err
		}
		if _, err := biller.Release(ctx, e.ID, "backoffice", d(2026, 3, 31)); err != nil {
			return nil, err
		}
	}
	journal, err := erp.OpenJournal(ctx, journalPath)
	if err != nil {
		return nil, err
	}
	for _, db := range []struct {
		customer string
		account  int64
		name     string
	}{{"C-1", 10001, "Autohaus Beispiel GmbH"}, {"C-2", 10002, "Praxis Dr. Muster"}} {
		if err := journal.AddDebtor(ctx, db.customer, "", db.account, db.name); err != nil {
			return nil, err
		}
	}
	return &desk{store: store, biller: biller, journal: journal,
		sync: erp.Sync{Journal: journal, Biller: biller, Store: store}}, nil
}
