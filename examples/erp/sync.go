package erp

import (
	"context"
	"errors"
	"fmt"

	"github.com/deskcore/deskcore/billing"
)

// Summary counts what a pass over invoice drafts did.
type Summary struct {
	Booked int // drafts booked now, each under a new document number
	Known  int // drafts the journal had booked before: nothing booked
}

// Sync books deskcore's invoice drafts into a Journal and reports the
// document numbers back to deskcore.
type Sync struct {
	Journal *Journal
	Biller  *billing.Biller   // runs the billing and takes the numbers back
	Store   billing.WorkStore // the Biller's store, read by CatchUp
}

// BookRun runs a billing run and books every invoice draft it yields
// (Post). An error for one customer, from the run or from booking, does
// not stop the others; they are returned joined at the end. Running it
// again books nothing twice.
func (s Sync) BookRun(ctx context.Context, run billing.BillingRun) (Summary, error) {
	var (
		sum  Summary
		errs []error
	)
	for res, err := range s.Biller.Run(ctx, run) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, inv := range res.Invoices {
			if err := s.Post(ctx, inv, &sum); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return sum, errors.Join(errs...)
}

// Post books one draft and tells deskcore its document number. A draft
// booked before counts as Known; its number is reported again, which
// deskcore takes as a no-op.
func (s Sync) Post(ctx context.Context, inv billing.InvoiceDraft, sum *Summary) error {
	account, err := s.Journal.Debtor(ctx, inv.CustomerID, inv.BillTo)
	if err != nil {
		return fmt.Errorf("erp: invoice %s: %w", inv.ID, err)
	}
	b, err := BookingOf(inv, account)
	if err != nil {
		return err
	}
	b, booked, err := s.Journal.Book(ctx, b)
	if err != nil {
		return fmt.Errorf("erp: invoice %s: %w", inv.ID, err)
	}
	if booked {
		sum.Booked++
	} else {
		sum.Known++
	}
	return s.confirm(ctx, b)
}

func (s Sync) confirm(ctx context.Context, b Booking) error {
	if b.Confirmed {
		return nil
	}
	if err := s.Biller.MarkInvoiced(ctx, b.SourceID, b.DocumentNo); err != nil {
		return fmt.Errorf("erp: invoice %s as %s: %w", b.SourceID, b.DocumentNo, err)
	}
	return s.Journal.markConfirmed(ctx, b.DocumentNo)
}

// CatchUp books the drafts of a run that deskcore stored but the journal
// lacks: the process died after deskcore's WorkStore.Bill and before the
// booking, and a re-run of the billing run finds those customers billed
// and yields no drafts for them. It reads every contract's reports from
// the store, takes those of the run (ID runID: the run's ID, or its
// period when the ID is empty) and their invoices, and for quota
// customers the fee and correction invoices of the run's period.
func (s Sync) CatchUp(ctx context.Context, run billing.BillingRun) (Summary, error) {
	runID := run.ID
	if runID == "" {
		runID = run.Period.String() // as billing names a run without ID
	}
	var (
		sum  Summary
		errs []error
	)
	post := func(id string) {
		inv, err := s.Store.Invoice(ctx, id)
		switch {
		case errors.Is(err, billing.ErrNotFound): // no charges, no correction
		case err != nil:
			errs = append(errs, err)
		default:
			if err := s.Post(ctx, inv, &sum); err != nil {
				errs = append(errs, err)
			}
		}
	}
	for c, err := range s.Store.Contracts(ctx) {
		if err != nil {
			return sum, errors.Join(append(errs, err)...)
		}
		for r, err := range s.Store.Reports(ctx, c.CustomerID) {
			if err != nil {
				errs = append(errs, err)
				break
			}
			if r.RunID == runID {
				post(billing.ServiceInvoiceID(r.RunID, r.CustomerID, r.BranchID))
			}
		}
		if c.Type == billing.ContractQuota {
			post(billing.QuotaFeeInvoiceID(c.QuotaContractID, run.Period))
			post(billing.QuotaCorrectionInvoiceID(c.QuotaContractID, run.Period))
		}
	}
	return sum, errors.Join(errs...)
}

// Confirm reports the document numbers of bookings deskcore has not
// confirmed yet (the process died between booking and MarkInvoiced). It
// returns how many it confirmed.
func (s Sync) Confirm(ctx context.Context) (int, error) {
	all, err := s.Journal.Bookings(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, b := range all {
		if b.Confirmed {
			continue
		}
		if err := s.confirm(ctx, b); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
