package dunning

import (
	"context"
	"errors"
	"iter"

	"github.com/rickb777/date/v2"
)

// Config configures a Service. Only Policy is required.
type Config struct {
	// Policy is validated once, by NewService.
	Policy Policy
	// Retries is how many times an operation is tried again when an
	// optimistic store refuses it with ErrConflict because a concurrent
	// change won. Zero means 3; a negative value means never.
	Retries int
	// RunBy is the By of the events dunning runs record; "" means
	// RunActor.
	RunBy string
}

// Service runs the rules of Case against a Store: each
// operation on an invoice is one Store.UpdateCase, so a dunning
// run and a dispute on the same invoice are serialised and cannot both
// win: a notice is never issued for an amount a dispute committed first
// holds, and a dispute committed second sees the notice.
//
// Each method returns the errors of the rule it runs (see the Case
// method of the same name), an error matching ErrNotFound for an invoice
// without a case, and the store's own errors unchanged. A rule's refusal
// is never retried; a commit an optimistic store refuses with ErrConflict
// is, up to Config.Retries times.
//
// A Service is safe for concurrent use if its store is. One that
// NewService did not make (nil or zero) refuses every method with a
// *ValidationError.
type Service struct {
	store   Store
	policy  Policy
	retries int
	by      string
}

// NewService returns a Service on the store. It returns a
// *ValidationError for an invalid policy or a nil store.
func NewService(s Store, cfg Config) (*Service, error) {
	err := cfg.Policy.Validate()
	if s == nil {
		var ps problems
		var verr *ValidationError
		if errors.As(err, &verr) {
			ps = verr.Problems
		}
		ps.add("store", "is nil")
		err = ps.err()
	}
	if err != nil {
		return nil, err
	}
	d := &Service{store: s, policy: cfg.Policy, retries: cfg.Retries, by: cfg.RunBy}
	switch {
	case d.retries == 0:
		d.retries = 3
	case d.retries < 0:
		d.retries = 0
	}
	if d.by == "" {
		d.by = RunActor
	}
	return d, nil
}

// Policy returns the policy the service runs; the zero Policy for a
// Service NewService did not make.
func (d *Service) Policy() Policy {
	if d == nil {
		return Policy{}
	}
	return d.policy
}

// ready refuses a Service that NewService did not make (a nil pointer or
// a zero Service has no store), so its methods return an error instead of
// panicking.
func (d *Service) ready() error {
	if d == nil || d.store == nil {
		var ps problems
		ps.add("Service", "has no store; make it with NewService")
		return ps.err()
	}
	return nil
}

// Case returns the dunning case of an invoice, or an error matching
// ErrNotFound.
func (d *Service) Case(ctx context.Context, invoice string) (Case, error) {
	if err := d.ready(); err != nil {
		return Case{}, err
	}
	return d.store.Case(ctx, invoice)
}

// Track stores the host's current data of an invoice, creating its case
// if it has none, so that it can be disputed before any notice. It
// returns the case as stored.
//
// It returns a *ValidationError for an invalid invoice or day, or the
// store's error.
func (d *Service) Track(ctx context.Context, inv OpenInvoice, on date.Date) (Case, error) {
	var out Case
	err := d.upsert(ctx, inv, on, func(c *Case, changed bool) (bool, error) {
		write := changed || c.Version == 0
		out = c.Clone()
		if write {
			out.Version++ // as the store will have it
		}
		return write, nil
	})
	return out, err
}

// Run is the dunning run of the day over the host's open invoices (see
// Case.Run for the rules): for each invoice it stores the host's
// current data and the notice issued, if any, in one update, and yields
// the result. Invoices without a case get one only when a notice is
// issued, so the many that are not overdue cost no write.
//
// Running it again for the same day issues nothing twice: invoices
// reminded on the day yield Repeated with the same notice.
//
// An invoice's error (a *ValidationError for its data, a *BaseRateError,
// the store's error) is yielded with a result naming the invoice, and the
// run goes on with the next; stop it by breaking the loop. A cancelled
// context is yielded once and ends it. The sequence reads invoices
// afresh each time it is ranged over.
func (d *Service) Run(ctx context.Context, on date.Date, invoices iter.Seq[OpenInvoice]) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		if err := d.ready(); err != nil {
			yield(Result{On: on}, err)
			return
		}
		if invoices == nil {
			var ps problems
			ps.add("invoices", "is nil")
			yield(Result{On: on}, ps.err())
			return
		}
		for inv := range invoices {
			if err := ctx.Err(); err != nil {
				yield(Result{Invoice: inv.Number, On: on}, err)
				return
			}
			if !yield(d.RunInvoice(ctx, on, inv)) {
				return
			}
		}
	}
}

// RunInvoice is Run for one invoice.
func (d *Service) RunInvoice(ctx context.Context, on date.Date, inv OpenInvoice) (Result, error) {
	res := Result{Invoice: inv.Number, Customer: inv.CustomerID, On: on}
	err := d.upsert(ctx, inv, on, func(c *Case, changed bool) (bool, error) {
		var err error
		res, err = c.run(&d.policy, on, d.by)
		return changed || res.Outcome == Issued, err
	})
	return res, err
}

// upsert applies fn to the invoice's case, refreshed with inv, in one
// update; fn says whether the case is to be written. Without a case, fn
// runs on a new one (Version 0, changed false), which is created if fn
// says so.
func (d *Service) upsert(ctx context.Context, inv OpenInvoice, on date.Date, fn func(c *Case, changed bool) (bool, error)) error {
	for try := 0; ; try++ {
		err := d.update(ctx, inv.Number, func(c *Case) error {
			changed, err := c.Refresh(inv, on, d.by)
			if err != nil {
				return err
			}
			write, err := fn(c, changed)
			if err == nil && !write {
				return errDunningUnchanged
			}
			return err
		})
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		c, err := NewCase(inv)
		if err != nil {
			return err
		}
		var ps problems
		if dunningDate(&ps, "on", on); len(ps) > 0 {
			return ps.err()
		}
		if write, err := fn(&c, false); err != nil || !write {
			return err
		}
		err = d.store.CreateCase(ctx, c)
		if errors.Is(err, ErrConflict) && try < d.retries {
			continue // created concurrently: update that one
		}
		return err
	}
}

// errDunningUnchanged is returned by update functions that have nothing
// to write; the store discards the update and update reports success.
var errDunningUnchanged = errors.New("dunning: unchanged")

// update runs fn in the store's UpdateCase, again when an optimistic store
// refuses the commit with ErrConflict. Errors of fn are returned as they
// are, and never retried.
func (d *Service) update(ctx context.Context, invoice string, fn func(*Case) error) error {
	if err := d.ready(); err != nil {
		return err
	}
	for try := 0; ; try++ {
		var fnErr error
		err := d.store.UpdateCase(ctx, invoice, func(c *Case) error {
			fnErr = fn(c)
			return fnErr
		})
		switch {
		case err == nil || errors.Is(err, errDunningUnchanged):
			return nil
		case fnErr != nil && errors.Is(err, fnErr):
			return fnErr // the rule's verdict: retrying would not change it
		case errors.Is(err, ErrConflict) && try < d.retries:
			continue
		}
		return err
	}
}

// OpenDispute records a customer's dispute on the invoice's case (see
// Case.OpenDispute) and returns it.
//
// It returns a *ValidationError for an invalid request, a
// *DisputeInvoiceError matching ErrNotFound for an invoice without a
// case (Track it first, or it was never reminded) or matching
// ErrInvoiceSettled when nothing is open, or the store's error.
func (d *Service) OpenDispute(ctx context.Context, r DisputeRequest) (Dispute, error) {
	if err := r.Validate(); err != nil {
		return Dispute{}, err
	}
	x, err := d.disputeStep(ctx, r.Invoice, func(c *Case) (Dispute, error) { return c.OpenDispute(d.policy, r) })
	if errors.Is(err, ErrNotFound) {
		return Dispute{}, &DisputeInvoiceError{Invoice: r.Invoice, Err: err}
	}
	return x, err
}

// AcknowledgeDispute records the acknowledgement of dispute no of the
// invoice (see Case.AcknowledgeDispute).
func (d *Service) AcknowledgeDispute(ctx context.Context, invoice string, no int, s DisputeStep) (Dispute, error) {
	return d.disputeStep(ctx, invoice, func(c *Case) (Dispute, error) { return c.AcknowledgeDispute(d.policy, no, s) })
}

// AttachToDispute adds copies to dispute no of the invoice (see
// Case.AttachToDispute).
func (d *Service) AttachToDispute(ctx context.Context, invoice string, no int, s DisputeStep, atts ...DisputeAttachment) (Dispute, error) {
	return d.disputeStep(ctx, invoice, func(c *Case) (Dispute, error) { return c.AttachToDispute(d.policy, no, s, atts...) })
}

// CheckDisputeItem records an item of dispute no of the invoice compared
// against offer or order (see Case.CheckDisputeItem).
func (d *Service) CheckDisputeItem(ctx context.Context, invoice string, no int, s DisputeStep, chk DisputeCheck) (Dispute, error) {
	return d.disputeStep(ctx, invoice, func(c *Case) (Dispute, error) { return c.CheckDisputeItem(d.policy, no, s, chk) })
}

// DecideDispute settles dispute no of the invoice (see
// Case.DecideDispute).
func (d *Service) DecideDispute(ctx context.Context, invoice string, no int, dec DisputeDecision) (Dispute, error) {
	return d.disputeStep(ctx, invoice, func(c *Case) (Dispute, error) { return c.DecideDispute(d.policy, no, dec) })
}

// disputeStep runs one dispute rule in one update of the invoice's case.
// Besides the rule's errors it returns an error matching ErrNotFound for
// an invoice without a case, or the store's error.
func (d *Service) disputeStep(ctx context.Context, invoice string, step func(*Case) (Dispute, error)) (Dispute, error) {
	var x Dispute
	err := d.update(ctx, invoice, func(c *Case) error {
		var err error
		x, err = step(c)
		return err
	})
	if err != nil {
		return Dispute{}, err
	}
	return x, nil
}
