package billing

import (
	"context"
	"iter"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"
)

// WorkStore keeps the work side of billing: contracts, work entries,
// usage, service reports and invoice drafts. The host implements it on
// its database; examples/memstore has an in-memory one, and
// billing/billingtest.TestWorkStore checks any implementation against
// this contract, concurrency and rollback included.
//
// It maps onto tables and transactions: contracts (key CustomerID; the
// rate card and policies as child rows or JSON), entries (key ID, unique
// on Reverses where set, indexed on (CustomerID, State, Date)), usage
// (key ID, indexed on (CustomerID, ReportID, Period)), reports (key ID,
// entries and lines as child rows or JSON) and invoices (key ID).
//
// Every method takes the context first and honours its cancellation.
// Errors other than the sentinels named below are the store's own and
// are passed on unchanged. Values passed in and returned share nothing
// with the stored state.
type WorkStore interface {
	// PutContract stores a customer's contract, replacing any before. It
	// refuses a contract that Contract.Validate refuses with that error,
	// storing nothing, so that every stored contract can be read back.
	PutContract(ctx context.Context, c Contract) error
	// Contract returns a customer's contract, or an error matching
	// ErrNotFound.
	Contract(ctx context.Context, customerID string) (Contract, error)
	// Contracts yields every contract in ascending byte order of
	// CustomerID. A contract stored during the iteration may or may not
	// be yielded. An error is yielded once, with a zero Contract, and
	// ends the sequence.
	Contracts(ctx context.Context) iter.Seq2[Contract, error]

	// AddEntry stores a new entry as given, with Version 1. It returns an
	// error matching ErrConflict if an entry with the ID exists, or if
	// e.Reverses names an entry that another entry reverses already
	// (an entry is reversed once).
	AddEntry(ctx context.Context, e WorkEntry) error
	// Entry returns an entry, or an error matching ErrNotFound.
	Entry(ctx context.Context, id string) (WorkEntry, error)
	// UpdateEntry runs fn on the stored entry inside one transaction. If
	// fn returns nil the store writes the entry back with Version + 1;
	// if it returns an error nothing is stored and UpdateEntry returns
	// that error unchanged. fn must not change ID or Version nor call
	// the store, and it may run more than once. Concurrent updates of an
	// entry must not both win: the store serialises them (a row lock) or
	// refuses the later with an error matching ErrConflict (optimistic
	// versions). It returns an error matching ErrNotFound for an unknown
	// entry.
	UpdateEntry(ctx context.Context, id string, fn func(*WorkEntry) error) error
	// Entries yields the customer's entries in the state whose Date is on
	// or before through, ordered by Date, then ID. It streams: a database
	// adapter reads rows as the caller consumes them. An error is yielded
	// once and ends the sequence.
	Entries(ctx context.Context, customerID string, state EntryState, through date.Date) iter.Seq2[WorkEntry, error]

	// AddUsage stores a new usage record. It refuses one that Validate
	// refuses with that *ValidationError (matching ErrInvalid), storing
	// nothing, and returns an error matching ErrConflict if one with the
	// ID exists.
	AddUsage(ctx context.Context, u Usage) error
	// Usage yields the customer's usage records not billed yet (empty
	// ReportID) of periods up to through, ordered by Period, then ID. An
	// error is yielded once and ends the sequence.
	Usage(ctx context.Context, customerID string, through quota.Period) iter.Seq2[Usage, error]

	// Bill stores what a run bills a customer, in one transaction:
	//
	//   - each report, whose ID must be new;
	//   - for each of a report's Entries (not its Held ones): the stored
	//     entry must be Released and at the Version the report carries;
	//     it becomes Reported with the report's ID, Version + 1;
	//   - for each of a report's Usage records: the stored one must be
	//     unbilled; it gets the report's ID;
	//   - each invoice draft: stored if its ID is new; kept as stored if
	//     a draft with the ID exists and is Same.
	//
	// Anything else (a report ID taken, an entry changed or billed since
	// it was read, a usage record billed, a different draft under an
	// existing ID) returns an error matching ErrConflict and stores
	// nothing. Of two concurrent Bills listing one entry, one fails.
	Bill(ctx context.Context, b Billing) error
	// Report returns a stored report, or an error matching ErrNotFound.
	Report(ctx context.Context, id string) (ServiceReport, error)
	// Reports yields the customer's reports by ID (the portal's report
	// history). An error is yielded once and ends the sequence.
	Reports(ctx context.Context, customerID string) iter.Seq2[ServiceReport, error]
	// Invoice returns a stored invoice draft, or an error matching
	// ErrNotFound.
	Invoice(ctx context.Context, id string) (InvoiceDraft, error)
	// MarkInvoiced records that the ERP booked an invoice under number,
	// in one transaction: the draft's Number is set, and for a service
	// invoice the entries its report lists (not held ones) go from
	// Reported to Invoiced, Version + 1. Marking again with the same
	// number changes nothing; with another number it returns an error
	// matching ErrConflict. It returns an error matching ErrNotFound for
	// an unknown invoice.
	MarkInvoiced(ctx context.Context, invoiceID, number string) error
}

// Billing is what one Bill stores: a customer's reports of a run and its
// invoice drafts.
type Billing struct {
	Reports  []ServiceReport // new reports, with the entries and usage they bill
	Invoices []InvoiceDraft  // drafts, new or Same as stored
}
