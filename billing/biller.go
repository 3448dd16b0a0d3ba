package billing

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/quota"
)

// BillerConfig configures a Biller. The zero BillerConfig bills by the
// paid-support terms' DefaultPolicy in 15-minute units rounded up, per entry.
type BillerConfig struct {
	// Policy decides billability; zero means DefaultPolicy. A contract's
	// own policy overrides it.
	Policy BillabilityPolicy
	// Units turns time into work units; a contract's own overrides it.
	Units UnitPolicy
	// Workers is how many customers a run bills at a time; zero or one
	// bills them one after another. More overlap one customer's store
	// round trips with another's drafting.
	Workers int
	// Retries is how often a change a store refused with ErrConflict
	// (optimistic stores) is tried again, on the work store and on the
	// quota store. Zero means 3; a negative value means never.
	Retries int
	// Watch sets the thresholds of the watch flag QuotaStatus reports;
	// the zero value is quota.WatchConfig's defaults.
	Watch quota.WatchConfig
}

// Validate reports a *ValidationError for an invalid policy, unit policy
// or watch configuration, or Workers below zero or above 256.
func (cfg BillerConfig) Validate() error {
	var ps problems
	if cfg.Workers < 0 || cfg.Workers > 256 {
		ps.add("Workers", "%d is not between 0 and 256", cfg.Workers)
	}
	if !cfg.Policy.IsZero() {
		ps.nestWork("Policy", cfg.Policy.Validate())
	}
	ps.nestWork("Units", cfg.Units.Validate())
	if _, err := quota.Watch(nil, cfg.Watch); err != nil {
		ps.nestWork("Watch", err)
	}
	return ps.err()
}

// Biller runs the billing flow on a WorkStore: technicians record work,
// the back office releases it, the billing run reports and invoices it,
// the ERP books the invoices. Quota customers' work is booked on
// the quota Ledger. Every state change is one store transaction, so
// concurrent callers cannot both win.
//
// A Biller is safe for concurrent use if its stores are.
type Biller struct {
	store   WorkStore
	quota   quota.Store   // nil without quota customers
	ledger  *quota.Ledger // on quota
	cfg     BillerConfig
	retries int
}

// NewBiller returns a Biller on the work store. q is the quota store on
// which quota customers' work is booked, through a quota.Ledger and, for
// a run's postings, in one quota.Store.Update per customer; it may be nil
// if there are no quota customers (a quota customer's run then fails).
// It returns a *ValidationError for a nil work store or an invalid cfg.
func NewBiller(s WorkStore, q quota.Store, cfg BillerConfig) (*Biller, error) {
	if s == nil {
		var ps problems
		ps.add("WorkStore", "is required")
		return nil, ps.err()
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := cfg.Retries
	switch {
	case r == 0:
		r = 3
	case r < 0:
		r = 0
	}
	b := &Biller{store: s, quota: q, cfg: cfg, retries: r}
	if q != nil {
		l, err := quota.NewLedger(q, quota.Config{Retries: cfg.Retries})
		if err != nil {
			return nil, err
		}
		b.ledger = l
	}
	return b, nil
}

// ready refuses a Biller that NewBiller did not make (a nil pointer or a
// zero Biller has no store), so its methods return an error instead of
// panicking.
func (b *Biller) ready() error {
	if b == nil || b.store == nil {
		var ps problems
		ps.add("Biller", "has no work store; make it with NewBiller")
		return ps.err()
	}
	return nil
}

// Record stores a technician's new work entry as Recorded and returns it
// as stored. The bookkeeping fields (State, ReleasedBy, ReleasedOn,
// ReportID, Version) are set by the Biller whatever e holds; a reversal
// is made with Reverse, not recorded.
//
// Recording is safe to retry: when the ID is stored already with the same
// content (every field but the bookkeeping ones), Record returns the
// stored entry as it is now, released or reported perhaps, and stores
// nothing. An ID stored with other content is a *RecordConflictError
// carrying both versions.
//
// It returns a *ValidationError listing every wrong field or naming a
// customer without a billing contract (whose work no run would ever bill),
// a *RecordConflictError (matching ErrConflict), or the store's error.
func (b *Biller) Record(ctx context.Context, e WorkEntry) (WorkEntry, error) {
	if err := b.ready(); err != nil {
		return WorkEntry{}, err
	}
	e.State, e.ReleasedBy, e.ReleasedOn, e.ReportID, e.Version = Recorded, "", 0, "", 0
	err := e.Validate()
	if e.Reverses != "" {
		var ps problems
		if err != nil {
			ps = err.(*ValidationError).Problems
		}
		ps.add("Reverses", "a reversal is made with Reverse, not recorded")
		err = ps.err()
	}
	if err != nil {
		return WorkEntry{}, err
	}
	if err := b.hasContract(ctx, e.CustomerID); err != nil {
		return WorkEntry{}, err
	}
	err = b.store.AddEntry(ctx, e)
	if errors.Is(err, ErrConflict) {
		stored, rerr := b.store.Entry(ctx, e.ID)
		switch {
		case rerr != nil:
			return WorkEntry{}, err
		case sameRecord(stored, e):
			return stored, nil
		}
		return WorkEntry{}, &RecordConflictError{ID: e.ID, Existing: stored, Requested: e}
	}
	if err != nil {
		return WorkEntry{}, err
	}
	e.Version = 1
	return e, nil
}

// PutContract validates a customer's billing contract and stores it,
// replacing any before: the door through which a contract should enter,
// so that a run never meets a contract without, say, a report recipient.
//
// It returns a *ValidationError listing every wrong field, or the store's
// error.
func (b *Biller) PutContract(ctx context.Context, c Contract) error {
	if err := b.ready(); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return b.store.PutContract(ctx, c)
}

// hasContract refuses work of a customer the store has no billing
// contract for: a run bills the customers with a contract, so the work
// would never be billed, and no run would say so.
func (b *Biller) hasContract(ctx context.Context, customerID string) error {
	_, err := b.store.Contract(ctx, customerID)
	if errors.Is(err, ErrNotFound) {
		var ps problems
		ps.add("CustomerID", "%q has no billing contract; store one with PutContract first", workClip(customerID))
		return ps.err()
	}
	return err
}

// sameRecord reports whether two entries record the same work: every field
// but the bookkeeping ones equal, instants and decimals by value (a store
// may hand them back in another zone or scale).
func sameRecord(a, b WorkEntry) bool {
	if !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || !a.Goodwill.Percent.Equal(b.Goodwill.Percent) {
		return false
	}
	for _, e := range []*WorkEntry{&a, &b} {
		e.Start, e.End, e.Goodwill.Percent = time.Time{}, time.Time{}, decimal.Decimal{}
		e.State, e.ReleasedBy, e.ReleasedOn, e.ReportID, e.Version = 0, "", 0, "", 0
	}
	return reflect.DeepEqual(a, b)
}

// Edit changes a Recorded entry: fn gets the entry as stored and may
// change any field but ID and the bookkeeping fields. It returns the
// entry as stored.
//
// It returns a *StateError matching ErrLocked for an entry released
// already, a *ValidationError for a nil fn or if the changed entry is
// invalid, an error fn returned, or one matching ErrNotFound or the store's.
func (b *Biller) Edit(ctx context.Context, id string, fn func(*WorkEntry) error) (WorkEntry, error) {
	if fn == nil {
		var ps problems
		ps.add("fn", "is required")
		return WorkEntry{}, ps.err()
	}
	return b.update(ctx, id, func(e *WorkEntry) error {
		if e.State != Recorded {
			return &StateError{EntryID: id, State: e.State, Action: "edit"}
		}
		keep := *e
		if err := fn(e); err != nil {
			return err
		}
		e.ID, e.State, e.ReleasedBy, e.ReleasedOn, e.ReportID, e.Version, e.Reverses =
			keep.ID, keep.State, keep.ReleasedBy, keep.ReleasedOn, keep.ReportID, keep.Version, keep.Reverses
		return e.Validate()
	})
}

// Release releases a Recorded entry for billing (the back office's
// release): by whom and on which day. From now on it is locked. Of two
// concurrent releases of one entry exactly one succeeds.
//
// A quota customer's billable work is booked on the quota ledger at
// once, dated on its work date, so the balance of every day includes the
// work released up to it; the billing run finds the booking under the
// same idempotency key and books nothing twice. Work of a month after the
// quota's open period is booked by the run that closes the open one.
//
// Work held for want of the customer's order is not booked. Work once
// booked stays on the balance and is billed: when a release takes a
// ticket over the policy's order threshold, the ticket's work booked
// before stays booked and the run bills it, while the entry that takes it
// over, and the ticket's later work, are held until an order is attached
// (AttachOrder) or released with the ticket's work, which books them at
// once. So the balance and the service report always show the same work,
// whichever entry is released first.
//
// It returns a *ValidationError for a missing by or day, or an entry
// that is invalid; a *StateError matching ErrLocked for an entry released
// already; or an error matching ErrNotFound or the store's. When the
// entry is released but the quota refuses its hours (no overdraft
// agreement, say) or cannot be reached, Release returns the released
// entry together with a *QuotaPostingError: the release stands, and the
// billing run books the hours later or holds them.
func (b *Biller) Release(ctx context.Context, id, by string, on date.Date) (WorkEntry, error) {
	var ps problems
	ps.checkWorkID("By", by, true)
	ps.checkWorkDate("On", on, true)
	if err := ps.err(); err != nil {
		return WorkEntry{}, err
	}
	e, err := b.update(ctx, id, func(e *WorkEntry) error {
		if e.State != Recorded {
			return &StateError{EntryID: id, State: e.State, Action: "release"}
		}
		if err := e.Validate(); err != nil {
			return err
		}
		e.State, e.ReleasedBy, e.ReleasedOn = Released, by, on
		return nil
	})
	if err != nil {
		return WorkEntry{}, err
	}
	if e.OrderRef != "" {
		// The order may let the run bill the ticket's work held for
		// want of one: it is booked now, with this entry.
		return e, b.bookTicket(ctx, e)
	}
	return e, b.bookReleased(ctx, e)
}

// AttachOrder records the customer's order reference on an entry that is
// Recorded or Released: the one change a released entry allows, since it
// changes no amount; it lets the next run bill work that was held back
// for want of an order. For a quota customer, the released work of the
// entry's ticket that the order frees is booked on the quota ledger at
// once, dated on its work dates, as Release books it: the balance shows
// it from now on, and the run finds it booked and books nothing twice.
//
// It returns a *ValidationError for an empty or invalid reference, a
// *StateError matching ErrLocked for an entry reported already, or an
// error matching ErrNotFound or the store's. When the order is attached
// but the quota refuses the freed work's hours (no overdraft agreement,
// say) or cannot be reached, it returns the entry together with a
// *QuotaPostingError naming the entries: the order stands, and the run
// books the hours later or holds them.
func (b *Biller) AttachOrder(ctx context.Context, id, orderRef string) (WorkEntry, error) {
	var ps problems
	ps.checkWorkID("OrderRef", orderRef, true)
	if err := ps.err(); err != nil {
		return WorkEntry{}, err
	}
	e, err := b.update(ctx, id, func(e *WorkEntry) error {
		if e.State != Recorded && e.State != Released {
			return &StateError{EntryID: id, State: e.State, Action: "attach an order to"}
		}
		e.OrderRef = orderRef
		return nil
	})
	if err != nil || e.State != Released {
		return e, err
	}
	return e, b.bookTicket(ctx, e)
}

// WorkReversal says how to reverse an entry.
type WorkReversal struct {
	ID     string    // the reversal entry's ID
	On     date.Date // the day of the reversal; it is released on it
	Reason string    // why, shown on the report
	By     string    // who reverses it (the back office)
}

// Reverse corrects a locked entry: it stores a reversal entry, released
// at once, that carries the original's fields (its work date, time,
// activity, goodwill, travel) and credits on the next report what billing
// the original alone charged, or gives its hours back to the quota: at
// once, the hours the quota ledger holds for the original, so the balance
// shows the reversal from the original's work date on. An entry is
// reversed at most once, and a reversal is not reversed.
//
// It returns a *ValidationError for invalid input, a *StateError matching
// ErrConflict for an entry never released (edit it instead), an error
// matching ErrConflict if the ID is taken or the entry reversed already,
// or one matching ErrNotFound or the store's. When the reversal is stored
// but the quota ledger cannot be reached, it returns the reversal with a
// *QuotaPostingError, and the billing run gives the hours back later.
func (b *Biller) Reverse(ctx context.Context, id string, r WorkReversal) (WorkEntry, error) {
	var ps problems
	ps.checkWorkID("ID", r.ID, true)
	ps.checkWorkDate("On", r.On, true)
	ps.checkWorkText("Reason", r.Reason, true, false)
	ps.checkWorkID("By", r.By, true)
	if r.ID != "" && r.ID == id {
		ps.add("ID", "a reversal needs an ID of its own")
	}
	if err := ps.err(); err != nil {
		return WorkEntry{}, err
	}
	orig, err := b.store.Entry(ctx, id)
	if err != nil {
		return WorkEntry{}, err
	}
	switch {
	case !orig.State.Locked():
		return WorkEntry{}, &StateError{EntryID: id, State: orig.State, Action: "reverse"}
	case orig.IsReversal():
		ps.add("ID", "entry %q is a reversal itself", workClip(id))
		return WorkEntry{}, ps.err()
	}
	rev := orig
	rev.ID, rev.Reverses = r.ID, orig.ID
	rev.Description = "Reversal: " + r.Reason
	rev.State, rev.ReleasedBy, rev.ReleasedOn, rev.ReportID, rev.Version = Released, r.By, r.On, "", 0
	if err := rev.Validate(); err != nil {
		return WorkEntry{}, err
	}
	if err := b.store.AddEntry(ctx, rev); err != nil {
		return WorkEntry{}, err
	}
	rev.Version = 1
	return rev, b.bookReleased(ctx, rev)
}

// MarkInvoiced records that the host's ERP booked an invoice draft under
// its invoice number; a service invoice's entries become Invoiced.
// Marking again with the same number is a no-op.
//
// It returns a *ValidationError for an empty or invalid number, or an
// error matching ErrNotFound, ErrConflict (another number) or the
// store's.
func (b *Biller) MarkInvoiced(ctx context.Context, invoiceID, number string) error {
	if err := b.ready(); err != nil {
		return err
	}
	var ps problems
	ps.checkWorkID("InvoiceID", invoiceID, true)
	ps.checkWorkID("Number", number, true)
	if err := ps.err(); err != nil {
		return err
	}
	return b.store.MarkInvoiced(ctx, invoiceID, number)
}

// update runs fn in UpdateEntry, again on ErrConflict up to the
// configured retries, and returns the entry as stored.
func (b *Biller) update(ctx context.Context, id string, fn func(*WorkEntry) error) (WorkEntry, error) {
	if err := b.ready(); err != nil {
		return WorkEntry{}, err
	}
	var got WorkEntry
	for attempt := 0; ; attempt++ {
		err := b.store.UpdateEntry(ctx, id, func(e *WorkEntry) error {
			if err := fn(e); err != nil {
				return err
			}
			got = *e
			return nil
		})
		var se *StateError
		switch {
		case err == nil:
			got.Version++
			return got, nil
		case errors.Is(err, ErrConflict) && !errors.As(err, &se) && attempt < b.retries && ctx.Err() == nil:
			continue
		}
		return WorkEntry{}, err
	}
}

// workCustomerError wraps err with the customer for a run result.
func workCustomerError(customerID string, err error) error {
	return fmt.Errorf("billing: customer %q: %w", customerID, err)
}
