package billing

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"
)

// QuotaPostingError reports released work whose hours are not on the
// quota ledger: the quota refused them (an *quota.OverdraftError for a
// contract without overdraft or beyond its limit) or the ledger could not
// be reached. The work itself is released, or billed without them, and
// nothing is lost: a later billing run books the hours, once the quota
// allows it, or holds them again with this error. It unwraps to the
// quota's error, so errors.Is(err, quota.ErrOverdraft) and errors.As with
// a *quota.OverdraftError work.
type QuotaPostingError struct {
	CustomerID      string   // the quota customer
	QuotaContractID string   // the quota contract
	EntryIDs        []string // the entries whose hours are not booked
	Err             error    // why: the quota's error, or the store's
}

// Error implements the error interface.
func (e *QuotaPostingError) Error() string {
	return fmt.Sprintf("billing: customer %q: the hours of %s are not booked on quota contract %q and are held: %v",
		e.CustomerID, workList(e.EntryIDs), e.QuotaContractID, e.Err)
}

// Unwrap returns the quota's error.
func (e *QuotaPostingError) Unwrap() error { return e.Err }

// workList writes entry IDs as "entry A" or "entries A, B and C".
func workList(ids []string) string {
	clipped := make([]string, len(ids))
	for i, id := range ids {
		clipped[i] = workClip(id)
	}
	if len(clipped) == 1 {
		return "entry " + clipped[0]
	}
	if len(clipped) == 0 {
		return "no entries"
	}
	return "entries " + strings.Join(clipped[:len(clipped)-1], ", ") + " and " + clipped[len(clipped)-1]
}

// bookReleased books a quota customer's released entry on the quota
// ledger at once, so the balance of every day shows the work released up
// to it. It books what the month-end run would book under the same
// idempotency key, so the run finds it booked and books nothing twice:
//
//   - billable work: its hours as the run drafts them from the ticket's
//     released work. Where a ticket's day is rounded as a whole, the
//     entry books what it adds to the day's rounded total, so the day's
//     bookings always sum to its units;
//   - a reversal: the hours the ledger holds for the reversed entry, given
//     back.
//
// Nothing is booked for work that is free, held for want of an order,
// dated after the quota's open period (the run books it once it has
// closed the periods before), or reverses work that is not on the ledger.
// It returns a *QuotaPostingError when the quota refuses the hours or
// cannot be read.
func (b *Biller) bookReleased(ctx context.Context, e WorkEntry) error {
	c, err := b.store.Contract(ctx, e.CustomerID)
	if errors.Is(err, ErrNotFound) {
		return nil // no contract yet: the run bills it, or says it cannot
	}
	if err != nil || c.Type != ContractQuota {
		return err
	}
	held := func(err error) error {
		return &QuotaPostingError{CustomerID: c.CustomerID, QuotaContractID: c.QuotaContractID, EntryIDs: []string{e.ID}, Err: err}
	}
	if b.ledger == nil {
		var ps problems
		ps.add("quota", "the Biller has no quota store for quota customer %q", workClip(c.CustomerID))
		return held(ps.err())
	}
	acct, err := b.ledger.Account(ctx, c.QuotaContractID)
	if err != nil {
		return held(err)
	}
	if quota.PeriodOf(e.Date).After(acct.Open) || acct.Contract.CustomerID != c.CustomerID {
		return nil
	}
	if e.IsReversal() {
		orig, err := b.quota.Entry(ctx, c.QuotaContractID, quotaKey(e.Reverses))
		if errors.Is(err, quota.ErrNotFound) || (err == nil && orig.Kind != quota.KindConsumption) {
			return nil
		}
		if err != nil {
			return held(err)
		}
		re := ReportEntry{Entry: e, QuotaHours: orig.Hours} // negative: given back
		if _, err := b.ledger.Adjust(ctx, c.QuotaContractID, quotaAdjustment(&re, quotaKey(re.Entry.ID))); err != nil {
			return held(err)
		}
		return nil
	}
	hours, err := b.releasedHours(ctx, c, acct.Open, e)
	if err != nil || hours <= 0 {
		return err
	}
	re := ReportEntry{Entry: e, QuotaHours: hours}
	_, err = b.ledger.Consume(ctx, c.QuotaContractID, quotaConsumption(&re, quotaKey(re.Entry.ID)))
	var kc *quota.KeyConflictError
	if errors.As(err, &kc) && kc.Existing.Kind == quota.KindConsumption {
		return nil // booked before: the ledger is the record
	}
	if err != nil {
		return held(err)
	}
	return nil
}

// releasedHours drafts the ticket's released work as the run that bills
// e would, and returns the hours e adds to its ticket's day: the day's
// rounded total less what the day's other entries have booked (or will
// book, as drafted). Zero when e is not billed on the quota.
func (b *Biller) releasedHours(ctx context.Context, c Contract, open quota.Period, e WorkEntry) (time.Duration, error) {
	period := quota.PeriodOf(e.Date)
	if period.Before(open) {
		period = open // late work is billed by the open period's run
	}
	var ticket []WorkEntry
	for w, err := range b.store.Entries(ctx, c.CustomerID, Released, period.Last()) {
		if err != nil {
			return 0, err
		}
		if w.TicketID == e.TicketID {
			ticket = append(ticket, w)
		}
	}
	draft, err := b.draftBooked(ctx, c, BillingRun{Period: period, Issued: max(e.ReleasedOn, e.Date)}, ticket, nil, nil)
	if err != nil {
		return 0, err
	}
	var day, others time.Duration
	found := false
	for _, r := range draft.Reports {
		for _, re := range r.Entries {
			if re.Entry.IsReversal() || re.Entry.Date != e.Date {
				continue
			}
			day += re.QuotaHours
			if re.Entry.ID == e.ID {
				found = true
				continue
			}
			booked, err := b.quota.Entry(ctx, c.QuotaContractID, quotaKey(re.Entry.ID))
			switch {
			case err == nil:
				others -= booked.Hours
			case errors.Is(err, quota.ErrNotFound):
				others += re.QuotaHours
			default:
				return 0, err
			}
		}
	}
	if !found {
		return 0, nil
	}
	return day - others, nil
}

// draftBooked drafts a customer's reports as DraftReports does, except
// that for a quota customer work whose hours the quota ledger holds
// already is not held for want of an order: the balance shows it, so the
// service report bills it, and the order threshold holds only the work
// not booked yet. The ledger is read only when the draft holds work, for
// the held entries' keys.
// s is the run's memory for drafting, nil outside a run.
func (b *Biller) draftBooked(ctx context.Context, c Contract, run BillingRun, entries []WorkEntry, usage []Usage, s *draftScratch) (Draft, error) {
	draft, err := b.cfg.draftReports(c, run, entries, usage, nil, s)
	if err != nil || c.Type != ContractQuota || len(draft.Held) == 0 || b.quota == nil {
		return draft, err
	}
	var booked map[string]bool
	for _, h := range draft.Held {
		if h.Entry.IsReversal() {
			continue
		}
		e, err := b.quota.Entry(ctx, c.QuotaContractID, quotaKey(h.Entry.ID))
		switch {
		case err == nil && e.Kind == quota.KindConsumption:
			if booked == nil {
				booked = map[string]bool{}
			}
			booked[h.Entry.ID] = true
		case err == nil || errors.Is(err, quota.ErrNotFound):
		default:
			return Draft{}, err
		}
	}
	if booked == nil {
		return draft, nil
	}
	return b.cfg.draftReports(c, run, entries, usage, booked, s)
}

// bookTicket books every released entry of e's ticket that the quota
// ledger does not hold yet and no run would hold any more (an order was
// attached, or released with the ticket's work), as Release books one
// entry, reversals after the work they reverse. It returns a
// *QuotaPostingError naming the entries whose hours the quota refused or
// could not book.
func (b *Biller) bookTicket(ctx context.Context, e WorkEntry) error {
	c, err := b.store.Contract(ctx, e.CustomerID)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil || c.Type != ContractQuota {
		return err
	}
	var ticket []WorkEntry
	for w, err := range b.store.Entries(ctx, e.CustomerID, Released, date.New(9999, time.December, 31)) {
		if err != nil {
			return err
		}
		if w.TicketID == e.TicketID {
			ticket = append(ticket, w)
		}
	}
	slices.SortStableFunc(ticket, func(x, y WorkEntry) int {
		return cmp.Or(cmpBool(x.IsReversal(), y.IsReversal()), cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID))
	})
	var refused *QuotaPostingError
	for _, w := range ticket {
		if b.quota != nil && c.QuotaContractID != "" {
			// Booked already: one look-up instead of drafting the ticket.
			_, err := b.quota.Entry(ctx, c.QuotaContractID, quotaKey(w.ID))
			if err == nil {
				continue
			}
			if !errors.Is(err, quota.ErrNotFound) {
				return &QuotaPostingError{CustomerID: c.CustomerID, QuotaContractID: c.QuotaContractID, EntryIDs: []string{w.ID}, Err: err}
			}
		}
		err := b.bookReleased(ctx, w)
		var pe *QuotaPostingError
		switch {
		case errors.As(err, &pe) && refused == nil:
			refused = pe
		case errors.As(err, &pe):
			refused.EntryIDs = append(refused.EntryIDs, pe.EntryIDs...)
		case err != nil:
			return err
		}
	}
	if refused != nil {
		return refused
	}
	return nil
}

// cmpBool orders false before true.
func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case y:
		return -1
	}
	return 1
}

// QuotaStatus is where a quota customer's hour bank stands on a day, as
// the customer portal and the account manager show it, computed from the
// ledger and the recorded work without a billing run.
type QuotaStatus struct {
	CustomerID      string    // the customer
	QuotaContractID string    // its quota contract
	On              date.Date // the day
	// Balance is the balance at the end of the day: the hours allotted,
	// less the work released for billing up to the day (the back office
	// released it, so it is booked on the ledger at once) but for work
	// held for want of the customer's order or refused for overdraft,
	// plus reversals, corrections, expiries and adjustments up to the day.
	Balance time.Duration
	// Pending is the billable work recorded up to the day and not yet
	// released, in the hours the quota would be charged for it: it is not
	// on the balance until the back office releases it.
	Pending time.Duration
	// PendingEntries counts the entries behind Pending.
	PendingEntries int
	// Statement is the statement of the day's period, provisional while
	// the period is open (the open period's for a day after it).
	Statement quota.Statement
	// Watch is the watch flag (too tight, too generous, steady) from the
	// closed periods before the statement's, with the figures behind it;
	// Steady with no figures while there are none.
	Watch quota.Assessment
}

// QuotaStatus returns where a quota customer's hour bank stands at the end
// of a day (see QuotaStatus), with the watch flag by cfg.Watch. It reads
// the stores and runs no billing: a portal may call it at any time.
//
// It returns a *ValidationError for an invalid customer ID, a zero day, a
// customer that is not a quota customer, or a Biller without a quota
// store; an error matching ErrNotFound for an unknown customer, or
// quota.ErrNotFound for an unknown quota contract; quota.ErrOutOfTerm for
// a day before the contract's first period; or the stores' errors.
func (b *Biller) QuotaStatus(ctx context.Context, customerID string, on date.Date) (QuotaStatus, error) {
	if err := b.ready(); err != nil {
		return QuotaStatus{}, err
	}
	var ps problems
	ps.checkWorkID("CustomerID", customerID, true)
	ps.checkWorkDate("On", on, true)
	if err := ps.err(); err != nil {
		return QuotaStatus{}, err
	}
	c, err := b.store.Contract(ctx, customerID)
	if err != nil {
		return QuotaStatus{}, err
	}
	switch {
	case c.Type != ContractQuota:
		ps.add("CustomerID", "customer %q has no quota contract", workClip(customerID))
	case b.ledger == nil:
		ps.add("quota", "the Biller has no quota store")
	}
	if err := ps.err(); err != nil {
		return QuotaStatus{}, err
	}
	st := QuotaStatus{CustomerID: customerID, QuotaContractID: c.QuotaContractID, On: on}
	acct, err := b.ledger.Account(ctx, c.QuotaContractID)
	if err != nil {
		return QuotaStatus{}, err
	}
	if acct.Contract.CustomerID != customerID {
		ps.add("QuotaContractID", "quota contract %q belongs to another customer", workClip(c.QuotaContractID))
		return QuotaStatus{}, ps.err()
	}
	if st.Balance, err = b.ledger.Balance(ctx, c.QuotaContractID, on); err != nil {
		return QuotaStatus{}, err
	}
	// The statement of the day's period: at most the open one, and at
	// most the last of an ended contract.
	period := quota.PeriodOf(on)
	if period.After(acct.Open) {
		period = acct.Open
	}
	if last := acct.Contract.LastPeriod(); acct.Contract.End != 0 && period.After(last) {
		period = last
	}
	if st.Statement, err = b.ledger.Statement(ctx, c.QuotaContractID, period); err != nil {
		return QuotaStatus{}, err
	}
	if through := period.Prev(); !through.Before(acct.Contract.FirstPeriod()) {
		if st.Watch, err = b.ledger.Watch(ctx, c.QuotaContractID, through, b.cfg.Watch); err != nil {
			return QuotaStatus{}, err
		}
	}
	recorded, err := workCollect(nil, b.store.Entries(ctx, customerID, Recorded, on))
	if err != nil || len(recorded) == 0 {
		return st, err
	}
	draft, err := b.cfg.DraftReports(c, BillingRun{Period: quota.PeriodOf(on), Issued: on}, recorded, nil)
	if err != nil {
		return QuotaStatus{}, err
	}
	for _, r := range draft.Reports {
		for _, re := range r.Entries {
			if re.QuotaHours != 0 {
				st.Pending += re.QuotaHours
				st.PendingEntries++
			}
		}
	}
	return st, nil
}

// holdRefused moves the entries at the indexes given, whose hours the
// quota refused, to the report's Held, drops the charge lines that bill
// only them (a trip to a held entry is held with it), and totals the
// report again. Held entries stay released, and a later run bills them.
func (r *ServiceReport) holdRefused(refused map[int]bool, quotaContractID string) {
	ids := map[string]bool{}
	kept := make([]ReportEntry, 0, len(r.Entries)-len(refused))
	for i, re := range r.Entries {
		if !refused[i] {
			kept = append(kept, re)
			continue
		}
		re.Held = "its hours would overdraw quota contract " + workClip(quotaContractID) + " beyond what the contract allows"
		r.QuotaHours -= re.QuotaHours
		r.Held = append(r.Held, re)
		ids[re.Entry.ID] = true
	}
	r.Entries = kept
	lines := make([]ChargeLine, 0, len(r.Lines))
	for _, l := range r.Lines {
		if len(l.Entries) > 0 && !slices.ContainsFunc(l.Entries, func(id string) bool { return !ids[id] }) {
			continue
		}
		lines = append(lines, l)
	}
	r.Lines = lines
	r.Totals = TotalsOf(lines)
}

// settleTicketDays makes the reports' quota hours agree with what was
// booked when the work was released, where a ticket's day is rounded as
// a whole. Release books each entry's addition to its day's total, which
// may share the day's units otherwise than the draft does: a booked entry
// keeps what the ledger holds, and the day's other entries share what is
// left of the day's total (the last of them on the report takes it), so the day
// is booked once, in full.
func (b *Biller) settleTicketDays(ctx context.Context, contractID string, reports []ServiceReport) error {
	type day struct {
		ticket string
		date   date.Date
	}
	for i := range reports {
		r := &reports[i]
		groups := map[day][]int{}
		for j, re := range r.Entries {
			if !re.Entry.IsReversal() && re.Decision.Charging == ChargeUnits && re.Time > 0 && !re.DayRate {
				k := day{re.Entry.TicketID, re.Entry.Date}
				groups[k] = append(groups[k], j)
			}
		}
		for _, members := range groups {
			if len(members) < 2 {
				continue
			}
			var total, booked time.Duration
			var open []int
			for _, j := range members {
				re := &r.Entries[j]
				total += re.QuotaHours
				e, err := b.quota.Entry(ctx, contractID, quotaKey(re.Entry.ID))
				switch {
				case err == nil && e.Kind == quota.KindConsumption:
					booked -= e.Hours
					r.QuotaHours += -e.Hours - re.QuotaHours
					re.QuotaHours = -e.Hours
				case err == nil || errors.Is(err, quota.ErrNotFound):
					open = append(open, j)
				default:
					return err
				}
			}
			if len(open) == len(members) {
				continue
			}
			rest := max(total-booked, 0)
			for n, j := range open {
				re := &r.Entries[j]
				share := time.Duration(0)
				if n == len(open)-1 {
					share = rest
				}
				r.QuotaHours += share - re.QuotaHours
				re.QuotaHours = share
			}
		}
	}
	return nil
}

// takeBooked reads the entries booked on the contract from the period of
// the earliest posting through the open one, gives each posting whose key
// is booked there with its kind the hours the ledger holds (as a repeated
// booking would), and returns the postings left to book.
func (b *Biller) takeBooked(ctx context.Context, contractID string, open quota.Period, reports []ServiceReport, postings []quotaPosting) ([]quotaPosting, error) {
	if len(postings) == 0 {
		return postings, nil
	}
	from := quota.PeriodOf(postings[0].date) // sorted by date
	if from.After(open) {
		return postings, nil
	}
	keys := make(map[string]int, len(postings))
	for i, p := range postings {
		keys[p.key] = i
	}
	found := make([]bool, len(postings))
	for e, err := range b.quota.Entries(ctx, contractID, from, open) {
		if err != nil {
			return nil, err
		}
		i, ok := keys[e.Key]
		if !ok {
			continue
		}
		p := postings[i]
		r := &reports[p.report]
		re := &r.Entries[p.entry]
		want := quota.KindConsumption
		if re.QuotaHours < 0 {
			want = quota.KindAdjustment
		}
		if e.Kind != want {
			continue // booked otherwise: the entry-by-entry path says so
		}
		r.QuotaHours += -e.Hours - re.QuotaHours
		re.QuotaHours = -e.Hours
		found[i] = true
	}
	rest := postings[:0:0]
	for i, p := range postings {
		if !found[i] {
			rest = append(rest, p)
		}
	}
	return rest, nil
}
