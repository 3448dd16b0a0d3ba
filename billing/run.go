package billing

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/quota"

	"github.com/deskcore/deskcore/internal/enum"
)

// BillingRun names a billing run: the period it bills and the day it
// runs. Work released up to the period's last day is billed.
type BillingRun struct {
	// ID names the run in report and invoice IDs; zero means the
	// period ("2026-03"). Re-running a run under its ID finishes it; a
	// second run for the same period (work released after the first)
	// needs an ID of its own ("2026-03-b").
	ID     string
	Period quota.Period // the month billed
	Issued date.Date    // the reports' and invoices' date
}

func (r BillingRun) id() string {
	if r.ID == "" {
		return r.Period.String()
	}
	return r.ID
}

// Validate reports a *ValidationError listing every wrong field: a
// missing period or issue date, an invalid ID.
func (r BillingRun) Validate() error {
	var ps problems
	ps.checkWorkID("ID", r.ID, false)
	if r.Period.IsZero() {
		ps.add("Period", "is missing")
	}
	ps.checkWorkDate("Issued", r.Issued, true)
	return ps.err()
}

// RunOutcome says what a run did for a customer.
type RunOutcome uint8

// The outcomes of a run for a customer. The zero value is none of them.
const (
	RunBilled   RunOutcome = iota + 1 // reports or invoice drafts were stored
	RunNothing                        // nothing new to bill
	RunExcluded                       // the contract is billed outside this flow (Reason)
)

var runOutcomeNames = enum.Ints[RunOutcome]("billing", "RunOutcome", "", "billed", "nothing", "excluded")

// String returns "billed", "nothing" or "excluded", or "RunOutcome(n)"
// for a value that is none of them.
func (o RunOutcome) String() string { return runOutcomeNames.String(o) }

// ParseRunOutcome reads "billed", "nothing" or "excluded" in any letter
// case. It returns a *ValidationError for any other text.
func ParseRunOutcome(s string) (RunOutcome, error) { return runOutcomeNames.Parse(s) }

// MarshalText implements encoding.TextMarshaler with the String form; it
// refuses the zero value and any other undeclared one with a
// *ValidationError.
func (o RunOutcome) MarshalText() ([]byte, error) { return runOutcomeNames.Marshal(o) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseRunOutcome.
func (o *RunOutcome) UnmarshalText(b []byte) error { return runOutcomeNames.Unmarshal(o, b) }

// RunResult is what a run did for one customer.
type RunResult struct {
	CustomerID string          // the customer
	Outcome    RunOutcome      // what the run did for it
	Reason     string          // why an excluded customer was excluded
	Reports    []ServiceReport // the reports stored
	Invoices   []InvoiceDraft  // the invoice drafts stored
	// Held lists the entries held back for want of an explicit order
	// (flagged for the back office, billed by a later run once an order
	// reference is attached) and those the quota refused for overdraft
	// (billed by a later run when the quota takes them).
	Held []ReportEntry
	// Quota lists the quota periods the run closed (or found closed), for
	// a quota customer.
	Quota []quota.CloseResult
}

// Run bills a period: it streams the customers from the store and yields
// one result per customer, in ascending order of customer ID. For each
// customer it reads the released entries and unbilled usage, drafts the
// reports (DraftReports), books quota customers' work on the quota and
// closes their quota period, drafts the invoices, and stores all of it
// with one WorkStore.Bill. Memory holds one customer's work at a time,
// never the whole run.
//
// For a quota customer the run books each entry's hours as a
// consumption (a reversal as an adjustment giving them back) under a key
// derived from the entry's ID, all in one quota.Store.Update (entry by
// entry through the quota.Ledger when work lies in a period after the
// open one, or when keys are booked already by an earlier attempt), then
// closes the quota periods up to the run's period (quota.Ledger.Close,
// earlier open periods first), and drafts each closed period's fixed fee
// and, if the quota was overbooked, its correction at the overage rate.
// Work booked when it was released (Biller.Release) is found booked and
// is not booked again, nor held for want of an order: what the balance
// shows, the report bills (the order threshold holds the ticket's work
// not booked yet). Run billing for a period before closing it on the
// quota ledger by other means, or the period's work is booked late into
// the next one.
//
// The fixed monthly fee is owed whatever the work: when the quota refuses
// some of the work for overdraft (no overdraft agreement, or beyond its
// limit), that work is held, never billed silently and never lost (it
// stays released, and a later run books it against the next month's
// hours), and the rest of the customer is billed, the fee invoice
// included. The result then lists the work in Held and comes with a
// *QuotaPostingError naming the entries, which matches
// quota.ErrOverdraft.
//
// A run is idempotent: a customer's reports, the state changes of its
// entries and its invoices are one transaction; quota postings carry
// idempotency keys; fee and correction invoices have IDs of contract and
// period. Re-running a finished or half-finished run bills nothing twice.
//
// Any other error for one customer (a missing rate, a conflict with a
// concurrent change) is yielded with that customer's ID; nothing of that
// customer is stored, quota postings made
// stand and are found again by the next attempt, and the run goes on. An
// error listing the customers ends the run after it is yielded, as does
// an invalid run. Breaking out of the loop stops the run; each iteration
// of the returned sequence is a new run.
//
// With BillerConfig.Workers above 1, that many customers are billed at a
// time (their stores must be safe for concurrent use, as the memory and
// database stores are); results still come in customer order. Breaking
// out of the loop then cancels the customers in progress, whose
// half-done work a later run finishes like any interrupted one.
func (b *Biller) Run(ctx context.Context, run BillingRun) iter.Seq2[RunResult, error] {
	return b.runOver(ctx, run, run.Validate, func(ctx context.Context) iter.Seq2[Contract, error] {
		return b.store.Contracts(ctx)
	})
}

// RunCustomers bills a period for the customers named, as Run bills
// each of them: the same results and errors per customer, the same
// quota booking and close, held work and idempotency, BillerConfig.Workers
// customers at a time. It is for a host (a job queue) that splits a run
// into slices of customers: billing every customer of the store in
// slices, each slice run once or more, bills what Run bills, and nothing
// twice. Slices may run one after the other or at the same time.
//
// It yields one result per customer, in ascending order of customer ID,
// each customer once however often it is named. A customer without a
// contract is yielded with an error naming it that matches ErrNotFound,
// and the run goes on with the others. An empty or malformed ID, like an
// invalid run, is a *ValidationError listing every wrong field before
// anything is billed; a cancelled context ends the run.
func (b *Biller) RunCustomers(ctx context.Context, run BillingRun, customerIDs []string) iter.Seq2[RunResult, error] {
	ids := slices.Clone(customerIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	validate := func() error {
		var ps problems
		ps.nestWork("", run.Validate())
		for i, id := range customerIDs {
			ps.checkWorkID(fmt.Sprintf("CustomerIDs[%d]", i), id, true)
		}
		return ps.err()
	}
	return b.runOver(ctx, run, validate, func(ctx context.Context) iter.Seq2[Contract, error] {
		return func(yield func(Contract, error) bool) {
			for _, id := range ids {
				if err := ctx.Err(); err != nil {
					yield(Contract{}, err)
					return
				}
				c, err := b.store.Contract(ctx, id)
				if err != nil {
					c, err = Contract{CustomerID: id}, workCustomerError(id, err)
				}
				if !yield(c, err) {
					return
				}
			}
		}
	})
}

// runOver bills the customers of the contracts sequence, Run's way. The
// sequence's error for a contract with a CustomerID is that customer's,
// and the run goes on; any other error ends the run.
func (b *Biller) runOver(ctx context.Context, run BillingRun, validate func() error, contracts func(context.Context) iter.Seq2[Contract, error]) iter.Seq2[RunResult, error] {
	return func(yield func(RunResult, error) bool) {
		if err := b.ready(); err != nil {
			yield(RunResult{}, err)
			return
		}
		if err := validate(); err != nil {
			yield(RunResult{}, err)
			return
		}
		if b.cfg.Workers > 1 {
			b.runParallel(ctx, run, contracts, yield)
			return
		}
		// One scratch for each customer in turn: the reports copy what
		// they keep.
		var s runScratch
		for c, err := range contracts(ctx) {
			if err != nil && c.CustomerID == "" {
				yield(RunResult{}, err)
				return
			}
			res, err := RunResult{CustomerID: c.CustomerID}, err
			if err == nil {
				res, err = b.billOne(ctx, run, c, &s)
			}
			if !yield(res, err) {
				return
			}
		}
	}
}

// runScratch is the memory a run, or one of its workers, reuses from one
// customer to the next.
type runScratch struct {
	entries workCollector[WorkEntry] // the customer's released entries
	usage   workCollector[Usage]     // and its unbilled usage
	draft   draftScratch
	// postings are a quota customer's postings, keys and keyEnds their
	// keys one after the other.
	postings []quotaPosting
	keys     []byte
	keyEnds  []int
	// consumptions are the quota postings booked together.
	consumptions []quota.Consumption
}

// billOne bills a customer and names it in an error.
func (b *Biller) billOne(ctx context.Context, run BillingRun, c Contract, s *runScratch) (RunResult, error) {
	res, err := b.billCustomer(ctx, run, c, s)
	var refused *QuotaPostingError
	if errors.As(err, &refused) {
		return res, err // billed without the refused work, which it names
	}
	if err != nil {
		return RunResult{CustomerID: c.CustomerID, Held: res.Held}, workCustomerError(c.CustomerID, err)
	}
	return res, nil
}

// workOutcome is one customer's result on its way to the consumer.
type workOutcome struct {
	res RunResult
	err error
}

// runParallel bills Workers customers at a time and yields the results in
// the order of the customers: a reader goroutine streams the contracts,
// each customer gets a slot in a queue as long as the workers are many,
// and the consumer takes the slots in order. Memory holds at most twice
// Workers customers' work.
func (b *Biller) runParallel(ctx context.Context, run BillingRun, contracts func(context.Context) iter.Seq2[Contract, error], yield func(RunResult, error) bool) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel() // the goroutines see it and end
		wg.Wait()
	}()
	type job struct {
		c    Contract
		slot chan workOutcome
	}
	jobs := make(chan job)
	slots := make(chan chan workOutcome, b.cfg.Workers)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		defer close(slots)
		for c, err := range contracts(ctx) {
			slot := make(chan workOutcome, 1)
			if err != nil {
				slot <- workOutcome{RunResult{CustomerID: c.CustomerID}, err}
			}
			select {
			case slots <- slot:
			case <-ctx.Done():
				return
			}
			if err != nil && c.CustomerID == "" {
				return
			}
			if err != nil {
				continue // the customer's own error, in its slot
			}
			select {
			case jobs <- job{c, slot}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range b.cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s runScratch
			for j := range jobs {
				res, err := b.billOne(ctx, run, j.c, &s)
				j.slot <- workOutcome{res, err}
			}
		}()
	}
	for slot := range slots {
		var o workOutcome
		select {
		case o = <-slot:
		case <-ctx.Done():
			// The caller's context ended: the slot's customer may never be
			// billed; say so and stop.
			yield(RunResult{}, ctx.Err())
			return
		}
		if !yield(o.res, o.err) || (o.err != nil && o.res.CustomerID == "") {
			return
		}
	}
}

func (b *Biller) billCustomer(ctx context.Context, run BillingRun, c Contract, s *runScratch) (RunResult, error) {
	res := RunResult{CustomerID: c.CustomerID}
	if reason, ok := c.Type.Excluded(); ok {
		res.Outcome, res.Reason = RunExcluded, reason
		return res, nil
	}
	entries, err := s.entries.collect(b.store.Entries(ctx, c.CustomerID, Released, run.Period.Last()))
	if err != nil {
		return res, err
	}
	usage, err := s.usage.collect(b.store.Usage(ctx, c.CustomerID, run.Period))
	if len(usage) == 0 {
		usage = nil // as a customer without usage always drafted
	}
	if err != nil {
		return res, err
	}
	draft, err := b.draftBooked(ctx, c, run, entries, usage, &s.draft)
	if err != nil {
		return res, err
	}
	res.Held = draft.Held
	var invoices []InvoiceDraft
	var refused *QuotaPostingError
	if c.Type == ContractQuota {
		invoices, res.Quota, refused, err = b.bookQuota(ctx, run, c, draft.Reports, s)
		if err != nil {
			return res, err
		}
		if refused != nil {
			// The refused work is held; what is left of a report, and the
			// fee, are billed.
			draft.Reports = slices.DeleteFunc(draft.Reports, func(r ServiceReport) bool { return len(r.Entries) == 0 && len(r.Usage) == 0 })
			for _, r := range draft.Reports {
				res.Held = append(res.Held, r.Held...)
			}
		}
	}
	for _, r := range draft.Reports {
		if inv, ok := r.invoice(&s.draft.numbers); ok {
			invoices = append(invoices, inv)
		}
	}
	// Drafts stored by an earlier attempt are not new; Bill would keep
	// them, but the result should say what this run added.
	invoices, err = b.newInvoices(ctx, invoices)
	if err != nil {
		return res, err
	}
	if len(draft.Reports) == 0 && len(invoices) == 0 {
		res.Outcome = RunNothing
	} else {
		if err := b.store.Bill(ctx, Billing{Reports: draft.Reports, Invoices: invoices}); err != nil {
			return res, err
		}
		res.Outcome, res.Reports, res.Invoices = RunBilled, draft.Reports, invoices
	}
	if refused != nil {
		return res, refused
	}
	return res, nil
}

func (b *Biller) newInvoices(ctx context.Context, drafts []InvoiceDraft) ([]InvoiceDraft, error) {
	fresh := drafts[:0]
	for _, d := range drafts {
		stored, err := b.store.Invoice(ctx, d.ID)
		switch {
		case errors.Is(err, ErrNotFound):
			fresh = append(fresh, d)
		case err != nil:
			return nil, err
		case !stored.Same(d):
			return nil, fmt.Errorf("billing: invoice %s is stored with other content than this run drafts: %w", d.ID, ErrConflict)
		}
	}
	return fresh, nil
}

// workCollector collects a store's sequence into a slice it reuses: a run
// reads every customer's entries and usage with one.
type workCollector[T any] struct {
	out  []T
	err  error
	push func(T, error) bool // add, bound once
}

// collect returns the values of seq, in the collector's slice, which the
// next collect overwrites, or seq's error.
func (c *workCollector[T]) collect(seq iter.Seq2[T, error]) ([]T, error) {
	if c.push == nil {
		c.push = c.add
	}
	c.out, c.err = c.out[:0], nil
	seq(c.push)
	return c.out, c.err
}

func (c *workCollector[T]) add(v T, err error) bool {
	switch {
	case c.err != nil:
		return false
	case err != nil:
		c.err = err
		return false
	}
	c.out = append(c.out, v)
	return true
}

// workCollect appends the values of seq to out.
func workCollect[T any](out []T, seq iter.Seq2[T, error]) ([]T, error) {
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// quotaPosting is one entry's booking on the quota.
type quotaPosting struct {
	report, entry int
	date          date.Date
	key           string // quotaKey of the entry's ID
}

// quotaKeys sets the postings' keys, written one after the other into
// one string (the ledger keeps them all), in s's scratch.
func quotaKeys(reports []ServiceReport, postings []quotaPosting, s *runScratch) {
	b, ends := s.keys[:0], s.keyEnds[:0]
	for _, p := range postings {
		b = appendQuotaKey(b, reports[p.report].Entries[p.entry].Entry.ID)
		ends = append(ends, len(b))
	}
	keys, start := string(b), 0
	for i, end := range ends {
		postings[i].key, start = keys[start:end], end
	}
	s.keys, s.keyEnds = b, ends
}

// bookQuota books the reports' quota hours, closes the quota periods up
// to the run's and drafts their fee and correction invoices. It sets the
// hours booked on the reports' entries to what the ledger holds. Work the
// quota refuses for overdraft moves to its report's Held, and refused
// names it; the rest is booked and the periods closed all the same, as
// the fixed fee is owed whatever the work.
func (b *Biller) bookQuota(ctx context.Context, run BillingRun, c Contract, reports []ServiceReport, s *runScratch) (invoices []InvoiceDraft, closes []quota.CloseResult, refused *QuotaPostingError, err error) {
	if b.quota == nil {
		return nil, nil, nil, fmt.Errorf("billing: %s is a quota customer but the Biller has no quota store: %w", c.CustomerID, ErrInvalid)
	}
	acct, err := b.ledger.Account(ctx, c.QuotaContractID)
	if err != nil {
		return nil, nil, nil, err
	}
	if acct.Contract.CustomerID != c.CustomerID {
		var ps problems
		ps.add("QuotaContractID", "quota contract %q belongs to customer %q", workClip(c.QuotaContractID), workClip(acct.Contract.CustomerID))
		return nil, nil, nil, ps.err()
	}
	units := c.Units
	if units.IsZero() {
		units = b.cfg.Units
	}
	if units.Per == PerTicketDay {
		if err := b.settleTicketDays(ctx, c.QuotaContractID, reports); err != nil {
			return nil, nil, nil, err
		}
	}
	postings := s.postings[:0]
	defer func() { s.postings = postings[:0] }()
	for i := range reports {
		for j := range reports[i].Entries {
			if e := &reports[i].Entries[j]; e.QuotaHours != 0 {
				postings = append(postings, quotaPosting{report: i, entry: j, date: e.Entry.Date})
			}
		}
	}
	slices.SortStableFunc(postings, func(a, b quotaPosting) int { return cmp.Compare(a.date, b.date) })
	quotaKeys(reports, postings, s)

	cl := quotaCloser{ledger: b.ledger, id: c.QuotaContractID, open: acct.Open}
	booked, err := b.bookAll(ctx, c.QuotaContractID, reports, postings, &s.consumptions)
	if err != nil {
		return nil, nil, nil, err
	}
	if !booked {
		// Work booked when it was released is found in one read of the
		// ledger rather than one per entry; the rest is booked together
		// if it can be.
		if postings, err = b.takeBooked(ctx, c.QuotaContractID, acct.Open, reports, postings); err != nil {
			return nil, nil, nil, err
		}
		if booked, err = b.bookAll(ctx, c.QuotaContractID, reports, postings, &s.consumptions); err != nil {
			return nil, nil, nil, err
		}
	}
	held := map[*ServiceReport]map[int]bool{}
	for _, p := range postings {
		if booked {
			break
		}
		// One by one: work of a period after the open one closes the
		// periods before it first, so each period's correction sees its
		// own work; a key booked already is found again.
		if err := cl.closeBefore(ctx, quota.PeriodOf(p.date)); err != nil {
			return nil, nil, nil, err
		}
		r := &reports[p.report]
		e := &r.Entries[p.entry]
		hours, err := b.bookEntry(ctx, c.QuotaContractID, e, p.key)
		if errors.Is(err, quota.ErrOverdraft) {
			if refused == nil {
				refused = &QuotaPostingError{CustomerID: c.CustomerID, QuotaContractID: c.QuotaContractID, Err: err}
			}
			refused.EntryIDs = append(refused.EntryIDs, e.Entry.ID)
			if held[r] == nil {
				held[r] = map[int]bool{}
			}
			held[r][p.entry] = true
			continue
		}
		if err != nil {
			return nil, nil, nil, err
		}
		r.QuotaHours += hours - e.QuotaHours
		e.QuotaHours = hours
	}
	for r, entries := range held {
		r.holdRefused(entries, c.QuotaContractID)
	}
	if err := cl.closeThrough(ctx, run.Period); err != nil {
		return nil, nil, nil, err
	}
	for _, res := range cl.results {
		more, err := quotaInvoices(run, c, acct.Contract, res)
		if err != nil {
			return nil, nil, nil, err
		}
		invoices = append(invoices, more...)
	}
	return invoices, cl.results, refused, nil
}

// errWorkSlowPath aborts the one-transaction booking of a customer's
// postings when they need the entry-by-entry path.
var errWorkSlowPath = errors.New("billing: book entry by entry")

// bookAll books all postings of a customer in one quota.Store.Update:
// the usual case, where every entry lies in the open quota period or
// before it and none is booked yet. It reports false, having booked
// nothing, when the postings need the entry-by-entry path: work of a
// period after the open one, a key booked already (a repeated run, or
// work booked when it was released), or a refused overdraft, after which
// the entries that fit are booked one by one.
//
// consumptions is scratch for the consumptions booked together.
func (b *Biller) bookAll(ctx context.Context, contractID string, reports []ServiceReport, postings []quotaPosting, consumptions *[]quota.Consumption) (bool, error) {
	if len(postings) == 0 {
		return true, nil
	}
	for attempt := 0; ; attempt++ {
		err := b.quota.Update(ctx, contractID, func(a *quota.Account) error {
			a.Pending = slices.Grow(a.Pending, len(postings))
			// Consumptions in a row are booked together (one copy of the
			// lots for them all); a reversal's adjustment on its own.
			batch := (*consumptions)[:0]
			flush := func() error {
				_, err := a.ConsumeAll(batch)
				batch = batch[:0]
				return err
			}
			for _, p := range postings {
				e := &reports[p.report].Entries[p.entry]
				if quota.PeriodOf(e.Entry.Date).After(a.Open) {
					if err := flush(); err != nil {
						return err
					}
					return errWorkSlowPath
				}
				if e.QuotaHours > 0 {
					batch = append(batch, quotaConsumption(e, p.key))
					continue
				}
				if err := flush(); err != nil {
					return err
				}
				if _, err := a.Adjust(quotaAdjustment(e, p.key)); err != nil {
					return err
				}
			}
			err := flush()
			*consumptions = batch[:0]
			return err
		})
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, errWorkSlowPath) || errors.Is(err, quota.ErrDuplicateKey) || errors.Is(err, quota.ErrOverdraft):
			return false, nil
		case errors.Is(err, quota.ErrConflict) && attempt < b.retries && ctx.Err() == nil:
			continue
		}
		return false, err
	}
}

// bookEntry books one entry's quota hours through the Ledger, which finds
// a key booked already, and returns the hours the ledger holds for it
// (negative: given back).
func (b *Biller) bookEntry(ctx context.Context, contractID string, e *ReportEntry, key string) (time.Duration, error) {
	var err error
	want := quota.KindConsumption
	if e.QuotaHours > 0 {
		_, err = b.ledger.Consume(ctx, contractID, quotaConsumption(e, key))
	} else {
		want = quota.KindAdjustment
		_, err = b.ledger.Adjust(ctx, contractID, quotaAdjustment(e, key))
	}
	var kc *quota.KeyConflictError
	if errors.As(err, &kc) && kc.Existing.Kind == want {
		// An earlier attempt of the run booked the entry with other
		// hours (its ticket's day has gained entries since): the ledger
		// is the record of what was booked.
		return -kc.Existing.Hours, nil
	}
	return e.QuotaHours, err
}

// quotaConsumption is the booking of an entry's work on the quota under
// key, the entry's quotaKey.
func quotaConsumption(e *ReportEntry, key string) quota.Consumption {
	return quota.Consumption{Key: key, Date: e.Entry.Date, Hours: e.QuotaHours, Ref: e.Entry.TicketID}
}

// quotaAdjustment is the booking of a reversal under key, the entry's
// quotaKey: the hours given back.
func quotaAdjustment(e *ReportEntry, key string) quota.Adjustment {
	return quota.Adjustment{
		Key: key, Date: e.Entry.Date, Hours: -e.QuotaHours,
		Reason: "reversal of work entry " + workClip(e.Entry.Reverses) + " (" + workClip(e.Entry.Description) + ")",
		By:     e.Entry.ReleasedBy,
	}
}

// quotaKey is the idempotency key of an entry's booking: "billing/<id>",
// or a digest of a long ID, as quota keys have at most 200 bytes.
func quotaKey(entryID string) string {
	if len(entryID) <= 180 {
		return "billing/" + entryID
	}
	return string(appendQuotaKey(nil, entryID))
}

// appendQuotaKey appends quotaKey(entryID) to b.
func appendQuotaKey(b []byte, entryID string) []byte {
	b = append(b, "billing/"...)
	if len(entryID) <= 180 {
		return append(b, entryID...)
	}
	sum := sha256.Sum256([]byte(entryID))
	b = append(b, "sha256:"...)
	return hex.AppendEncode(b, sum[:])
}

// quotaCloser closes a quota contract's periods in order and keeps the
// results.
type quotaCloser struct {
	ledger  *quota.Ledger
	id      string
	open    quota.Period
	results []quota.CloseResult
}

// closeBefore closes the open periods before p.
func (cl *quotaCloser) closeBefore(ctx context.Context, p quota.Period) error {
	if cl.open.Before(p) {
		return cl.closeThrough(ctx, p.Prev())
	}
	return nil
}

// closeThrough closes the open periods up to p; if p was closed before,
// it asks the ledger for that close again (idempotent), so a repeated run
// drafts the same invoices.
func (cl *quotaCloser) closeThrough(ctx context.Context, p quota.Period) error {
	from := cl.open
	if from.After(p) {
		from = p
	}
	for q := from; !q.After(p); q = q.Next() {
		res, err := cl.ledger.Close(ctx, cl.id, q)
		if err != nil {
			return err
		}
		if res.Outcome != quota.OutOfTerm {
			cl.results = append(cl.results, res)
		}
		if !cl.open.After(q) {
			cl.open = q.Next()
		}
		if res.Final {
			break
		}
	}
	return nil
}

// quotaInvoices drafts the fee and correction invoices of a closed quota
// period.
func quotaInvoices(run BillingRun, c Contract, qc quota.Contract, res quota.CloseResult) ([]InvoiceDraft, error) {
	on := res.Period.First()
	rates, err := c.Rates.At(on)
	if err != nil {
		err.(*MissingRateError).CustomerID = c.CustomerID
		return nil, err
	}
	var out []InvoiceDraft
	draft := func(id string, kind InvoiceKind, l ChargeLine) {
		l.Date, l.VATRate = on, rates.VATRate
		lines := []ChargeLine{l}
		out = append(out, InvoiceDraft{
			ID: id, Kind: kind, CustomerID: c.CustomerID, QuotaContractID: qc.ID,
			Period: res.Period, Issued: run.Issued, Lines: lines, Totals: TotalsOf(lines),
		})
	}
	terms := qc.TermsFor(res.Period)
	if terms.Price.IsPositive() {
		draft(QuotaFeeInvoiceID(qc.ID, res.Period), InvoiceQuotaFee, ChargeLine{
			Kind:        LineQuotaFee,
			Description: fmt.Sprintf("Quota %s, %s: %s", qc.ID, res.Period, quota.FormatHours(terms.Hours)),
			Quantity:    workOne, Unit: "MON", Price: terms.Price, Net: terms.Price, Hours: terms.Hours,
		})
	}
	for _, e := range res.Entries {
		if e.Kind != quota.KindCorrection || !e.Amount.IsPositive() {
			continue
		}
		hours := decimal.NewFromInt(int64(e.Hours)).DivRound(decimal.NewFromInt(int64(time.Hour)), 4)
		draft(QuotaCorrectionInvoiceID(qc.ID, res.Period), InvoiceQuotaCorrection, ChargeLine{
			Kind:        LineQuotaCorrection,
			Description: fmt.Sprintf("Quota %s, %s: correction of %s overbooked at the overage rate", qc.ID, res.Period, quota.FormatHours(e.Hours)),
			Quantity:    hours, Unit: "HUR", Price: e.Rate, Hours: e.Hours,
			Net: e.Amount, // quota.Charge: hours × rate, half away from zero to 2 decimals
		})
	}
	return out, nil
}
