package billing

import (
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"
)

// ServiceReport (Servicebericht, Leistungsübersicht) lists the work a run
// bills a customer, or one of its branches, for a period. It has its
// own ID, goes to the customer's report recipient before the invoice,
// and the invoice shows only its ID and amount. It lists every entry:
// billable ones with their units, non-billable ones with the
// justification, goodwill with its reason, and, apart, the entries
// held back for want of an explicit order.
//
// It is the report's data; package document renders it for the customer
// (plain text, HTML and PDF, in German, Dutch or English).
type ServiceReport struct {
	ID         string // ReportID(RunID, CustomerID, BranchID)
	RunID      string // the run that drafted it
	CustomerID string // the customer billed
	// BranchID is the branch the report is for; empty: the whole customer
	// (central invoicing) or head office's own work (per branch).
	BranchID        string
	Invoicing       Invoicing    // central or per branch, as the contract said
	Recipient       string       // the customer's report recipient
	Period          quota.Period // the period billed
	Issued          date.Date    // the run's day
	ContractType    ContractType // the customer's contract type
	QuotaContractID string       // a quota customer's quota contract

	Entries []ReportEntry  // billed and non-billed entries, by work date
	Held    []ReportEntry  // held back, not billed now; they stay released
	Usage   []Usage        // pay-per-use quantities billed
	Lines   []ChargeLine   // what the invoice bills, by work date
	Totals  DocumentTotals // of Lines
	// QuotaHours is the time booked on the quota (consumption less what
	// reversals gave back); quota customers only.
	QuotaHours time.Duration
}

// ReportEntry is a work entry as a report shows it.
type ReportEntry struct {
	Entry    WorkEntry   // the entry as released and billed
	Decision Billability // whether and how it is billed, and why
	// Time is the time billable after goodwill, before units; zero for
	// free work and flat fees.
	Time time.Duration
	// Units are the work units billed for the entry, negative for a
	// reversal. Where a ticket's day is rounded as a whole, the day's
	// units are shared among its entries in proportion to their time.
	Units int64
	// DayRate reports that the entry is billed within a day rate.
	DayRate bool
	// QuotaHours is the time booked on the quota for the entry: Units ×
	// unit size, negative for a reversal; quota customers only.
	QuotaHours time.Duration
	// Held says why the entry is held back; empty if it is not.
	Held string
}
