package memstore

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// BillingStore is the in-memory billing.WorkStore. Mutations run one at a
// time under the store's lock, like row locks: UpdateEntry's function
// runs on a copy and is committed only if it returns nil, and Bill checks
// everything before it changes anything, so a refused Bill leaves nothing
// behind. Values go in and come out as deep copies.
//
// Besides the records it keeps the indexes a database would: entries and
// usage by customer, the reversal of each reversed entry, reports by
// customer.
//
// A stored entry's fields never change in place: an update stores a new
// copy, and the bookkeeping a Bill or MarkInvoiced changes (state, report,
// version) is kept beside it. So a report keeps the entries it lists as
// they were billed by pointing at them, as a table of reports would keep
// the entries' IDs and versions, instead of holding a copy of each.
type BillingStore struct {
	mu        sync.RWMutex
	contracts map[string]billing.Contract
	customers []string // contract keys; sorted when sorted is true
	sorted    bool

	entries    map[string]*billingEntry
	byCustomer map[string]*billingCustomer
	reversals  map[string]string // reversed entry ID -> reversal ID

	usage           map[string]*billing.Usage
	usageByCustomer map[string][]*billing.Usage

	reports           map[string]*billingReport
	reportsByCustomer map[string][]string
	invoices          map[string]billing.InvoiceDraft
	bills             uint64          // Bills checked so far, to mark the entries of one
	billed            []billingBilled // what the Bill being checked marks billed
}

// billingEntry is a stored entry: the fields written by AddEntry or
// UpdateEntry, never changed afterwards (a report may point at them; an
// update stores a new billingEntry), and the bookkeeping that Bill and
// MarkInvoiced change in place.
type billingEntry struct {
	fields   billing.WorkEntry
	state    billing.EntryState
	reportID string
	version  int64
	billMark uint64 // the Bill that last listed it, to find an entry listed twice
}

// get returns the entry as stored.
func (b *billingEntry) get() billing.WorkEntry {
	e := b.fields
	e.State, e.ReportID, e.Version = b.state, b.reportID, b.version
	return e
}

// newBillingEntry returns e as the store keeps it.
func newBillingEntry(e billing.WorkEntry) *billingEntry {
	return &billingEntry{fields: e, state: e.State, reportID: e.ReportID, version: e.Version}
}

// billingReport is a stored report: the report without its entries, and
// the entries as billingReportEntry values.
type billingReport struct {
	report  billing.ServiceReport // Entries nil
	entries []billingReportEntry
}

// billingReportEntry is a billing.ReportEntry whose entry, as billed, is
// a stored entry's fields (never changed; see BillingStore).
type billingReportEntry struct {
	entry      *billing.WorkEntry
	decision   billing.Billability
	time       time.Duration
	units      int64
	dayRate    bool
	quotaHours time.Duration
	held       string
}

// billingStoreReport returns r as the store keeps it: its entries point
// at the stored entries' fields (stored[i].entry is r.Entries[i]'s), or at
// a copy of an entry that differs from them, and its other slices are
// copies.
func billingStoreReport(r billing.ServiceReport, stored []billingBilled) *billingReport {
	out := &billingReport{}
	if r.Entries != nil {
		out.entries = make([]billingReportEntry, len(r.Entries))
	}
	for i := range r.Entries {
		re := &r.Entries[i]
		fields := &stored[i].entry.fields
		if re.Entry != *fields {
			e := re.Entry
			fields = &e
		}
		out.entries[i] = billingReportEntry{
			entry: fields, decision: re.Decision, time: re.Time, units: re.Units,
			dayRate: re.DayRate, quotaHours: re.QuotaHours, held: re.Held,
		}
	}
	r.Entries = nil
	out.report = billingCloneReport(r)
	return out
}

// get returns a copy of the report.
func (r *billingReport) get() billing.ServiceReport {
	out := billingCloneReport(r.report)
	if r.entries != nil {
		out.Entries = make([]billing.ReportEntry, len(r.entries))
	}
	for i, re := range r.entries {
		out.Entries[i] = billing.ReportEntry{
			Entry: *re.entry, Decision: re.decision, Time: re.time, Units: re.units,
			DayRate: re.dayRate, QuotaHours: re.quotaHours, Held: re.held,
		}
	}
	return out
}

// billingCustomer is a customer's entries: in (Date, ID) order, as
// Entries yields them, and by ID. A customer's own small map finds a
// report's entries faster than the store-wide one.
type billingCustomer struct {
	list []*billingEntry
	byID map[string]*billingEntry
}

func (s *BillingStore) customer(id string) *billingCustomer {
	c := s.byCustomer[id]
	if c == nil {
		c = &billingCustomer{byID: map[string]*billingEntry{}}
		s.byCustomer[id] = c
	}
	return c
}

// add puts e into the customer's order and index. Work mostly arrives in
// date order, so the search ends at the back.
func (c *billingCustomer) add(e *billingEntry) {
	i, _ := slices.BinarySearchFunc(c.list, e, billingEntryOrder)
	c.list = slices.Insert(c.list, i, e)
	c.byID[e.fields.ID] = e
}

func (c *billingCustomer) remove(e *billingEntry) {
	c.list = slices.DeleteFunc(c.list, func(p *billingEntry) bool { return p == e })
	delete(c.byID, e.fields.ID)
}

func billingEntryOrder(a, b *billingEntry) int {
	return cmp.Or(cmp.Compare(a.fields.Date, b.fields.Date), cmp.Compare(a.fields.ID, b.fields.ID))
}

var _ billing.WorkStore = (*BillingStore)(nil)

// NewBillingStore returns an empty BillingStore.
func NewBillingStore() *BillingStore {
	return &BillingStore{
		contracts: map[string]billing.Contract{}, sorted: true,
		entries: map[string]*billingEntry{}, byCustomer: map[string]*billingCustomer{}, reversals: map[string]string{},
		usage: map[string]*billing.Usage{}, usageByCustomer: map[string][]*billing.Usage{},
		reports: map[string]*billingReport{}, reportsByCustomer: map[string][]string{},
		invoices: map[string]billing.InvoiceDraft{},
	}
}

// PutContract implements billing.WorkStore.
func (s *BillingStore) PutContract(ctx context.Context, c billing.Contract) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.contracts[c.CustomerID]; !ok {
		s.sorted = s.sorted && (len(s.customers) == 0 || s.customers[len(s.customers)-1] < c.CustomerID)
		s.customers = append(s.customers, c.CustomerID)
	}
	s.contracts[c.CustomerID] = billingCloneContract(c)
	return nil
}

// Contract implements billing.WorkStore.
func (s *BillingStore) Contract(ctx context.Context, customerID string) (billing.Contract, error) {
	if err := ctx.Err(); err != nil {
		return billing.Contract{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.contracts[customerID]
	if !ok {
		return billing.Contract{}, &billingNotFound{what: "contract for customer", id: customerID}
	}
	return billingCloneContract(c), nil
}

// Contracts implements billing.WorkStore. It takes a snapshot of the
// customer IDs when the iteration starts and reads each contract as it
// goes.
func (s *BillingStore) Contracts(ctx context.Context) iter.Seq2[billing.Contract, error] {
	return func(yield func(billing.Contract, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(billing.Contract{}, err)
			return
		}
		s.mu.Lock()
		if !s.sorted {
			slices.Sort(s.customers)
			s.sorted = true
		}
		ids := slices.Clone(s.customers)
		s.mu.Unlock()
		for _, id := range ids {
			c, err := s.Contract(ctx, id)
			if err != nil {
				yield(billing.Contract{}, err)
				return
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}

// AddEntry implements billing.WorkStore.
func (s *BillingStore) AddEntry(ctx context.Context, e billing.WorkEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.entries[e.ID]; ok {
		return fmt.Errorf("memstore: entry %q exists: %w", e.ID, billing.ErrConflict)
	}
	if e.Reverses != "" {
		if rev, ok := s.reversals[e.Reverses]; ok {
			return fmt.Errorf("memstore: entry %q is reversed by %q already: %w", e.Reverses, rev, billing.ErrConflict)
		}
		s.reversals[e.Reverses] = e.ID
	}
	e.Version = 1
	stored := newBillingEntry(e)
	s.entries[e.ID] = stored
	s.customer(e.CustomerID).add(stored)
	return nil
}

// Entry implements billing.WorkStore.
func (s *BillingStore) Entry(ctx context.Context, id string) (billing.WorkEntry, error) {
	if err := ctx.Err(); err != nil {
		return billing.WorkEntry{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.entries[id]
	if !ok {
		return billing.WorkEntry{}, &billingNotFound{what: "entry", id: id}
	}
	return e.get(), nil
}

// UpdateEntry implements billing.WorkStore.
func (s *BillingStore) UpdateEntry(ctx context.Context, id string, fn func(*billing.WorkEntry) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	stored, ok := s.entries[id]
	if !ok {
		return &billingNotFound{what: "entry", id: id}
	}
	e := stored.get()
	if err := fn(&e); err != nil {
		return err
	}
	if e.ID != id || e.Reverses != stored.fields.Reverses {
		return fmt.Errorf("memstore: the update of entry %q changed its ID or Reverses: %w", id, billing.ErrInvalid)
	}
	e.Version = stored.version + 1
	// New fields in a new record: a report may point at the old ones.
	updated := newBillingEntry(e)
	updated.billMark = stored.billMark
	s.entries[id] = updated
	s.customer(stored.fields.CustomerID).remove(stored)
	s.customer(e.CustomerID).add(updated)
	return nil
}

// Entries implements billing.WorkStore. It lists the customer's entries
// under the lock and then copies them one at a time, each under the lock
// again, so it holds no copy of them all; an entry changed in between is
// yielded as it is then, and left out if it no longer matches.
func (s *BillingStore) Entries(ctx context.Context, customerID string, state billing.EntryState, through date.Date) iter.Seq2[billing.WorkEntry, error] {
	return func(yield func(billing.WorkEntry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(billing.WorkEntry{}, err)
			return
		}
		s.mu.RLock()
		var list []*billingEntry
		if c := s.byCustomer[customerID]; c != nil {
			list = c.list
		}
		n, _ := slices.BinarySearchFunc(list, through, func(e *billingEntry, d date.Date) int {
			return cmp.Or(cmp.Compare(e.fields.Date, d), -1) // past every entry of the day
		})
		matching := make([]*billingEntry, 0, n)
		for _, e := range list[:n] {
			if e.state == state {
				matching = append(matching, e)
			}
		}
		s.mu.RUnlock()
		for _, p := range matching {
			s.mu.RLock()
			e := p.get()
			s.mu.RUnlock()
			if e.State != state || e.Date > through || e.CustomerID != customerID {
				continue
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// AddUsage implements billing.WorkStore.
func (s *BillingStore) AddUsage(ctx context.Context, u billing.Usage) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.usage[u.ID]; ok {
		return fmt.Errorf("memstore: usage %q exists: %w", u.ID, billing.ErrConflict)
	}
	stored := &u
	s.usage[u.ID] = stored
	s.usageByCustomer[u.CustomerID] = append(s.usageByCustomer[u.CustomerID], stored)
	return nil
}

// Usage implements billing.WorkStore.
func (s *BillingStore) Usage(ctx context.Context, customerID string, through quota.Period) iter.Seq2[billing.Usage, error] {
	return func(yield func(billing.Usage, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(billing.Usage{}, err)
			return
		}
		s.mu.RLock()
		var found []billing.Usage
		for _, u := range s.usageByCustomer[customerID] {
			if u.ReportID == "" && !u.Period.After(through) {
				found = append(found, *u)
			}
		}
		s.mu.RUnlock()
		slices.SortFunc(found, func(a, b billing.Usage) int { return cmp.Or(a.Period.Compare(b.Period), cmp.Compare(a.ID, b.ID)) })
		for _, u := range found {
			if !yield(u, nil) {
				return
			}
		}
	}
}

// Bill implements billing.WorkStore: it checks every report, entry, usage
// record and invoice first and changes nothing unless all pass.
func (s *BillingStore) Bill(ctx context.Context, b billing.Billing) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	billed, err := s.billingCheck(b)
	if err != nil {
		return err
	}
	// The reports first: they point at the entries' fields as billed.
	n := 0
	for _, r := range b.Reports {
		s.reports[r.ID] = billingStoreReport(r, billed[n:n+len(r.Entries)])
		n += len(r.Entries) + len(r.Usage)
		s.reportsByCustomer[r.CustomerID] = append(s.reportsByCustomer[r.CustomerID], r.ID)
	}
	for _, x := range billed {
		if x.entry != nil {
			x.entry.state, x.entry.reportID = billing.Reported, x.report
			x.entry.version++
		} else {
			x.usage.ReportID = x.report
		}
	}
	for _, inv := range b.Invoices {
		if _, ok := s.invoices[inv.ID]; !ok {
			s.invoices[inv.ID] = billingCloneInvoice(inv)
		}
	}
	return nil
}

// billingNotFound is the error for a record the store does not hold,
// matching billing.ErrNotFound. Its text is written only when asked for:
// a billing run looks every invoice it drafts up first, to tell new ones
// from those an earlier attempt stored.
type billingNotFound struct{ what, id string }

func (e *billingNotFound) Error() string {
	return fmt.Sprintf("memstore: no %s %q: %v", e.what, e.id, billing.ErrNotFound)
}

func (e *billingNotFound) Unwrap() error { return billing.ErrNotFound }

// billingBilled is a stored entry or usage record a Bill marks billed.
type billingBilled struct {
	entry  *billingEntry
	usage  *billing.Usage
	report string
}

// billingCheck refuses a Billing the store cannot take as a whole, and
// returns what it would mark billed: report by report, its entries in
// their order, then its usage records.
func (s *BillingStore) billingCheck(b billing.Billing) ([]billingBilled, error) {
	n := 0
	for _, r := range b.Reports {
		n += len(r.Entries) + len(r.Usage)
	}
	// The list is the store's, reused by every Bill under the lock.
	billed := slices.Grow(s.billed[:0], n)
	defer func() { s.billed = billed[:0] }()
	var ids map[string]bool // for many reports; a few are searched
	if len(b.Reports) > 16 {
		ids = make(map[string]bool, len(b.Reports))
	}
	for i, r := range b.Reports {
		_, twice := s.reports[r.ID]
		if ids != nil {
			twice = twice || ids[r.ID]
			ids[r.ID] = true
		} else {
			twice = twice || slices.ContainsFunc(b.Reports[:i], func(o billing.ServiceReport) bool { return o.ID == r.ID })
		}
		if twice {
			return nil, fmt.Errorf("memstore: report %q exists: %w", r.ID, billing.ErrConflict)
		}
		mine := s.byCustomer[r.CustomerID]
		start := len(billed)
		for i := range r.Entries {
			var e *billingEntry
			if mine != nil {
				e = mine.byID[r.Entries[i].Entry.ID]
			}
			ok := e != nil
			if !ok {
				e, ok = s.entries[r.Entries[i].Entry.ID]
			}
			if !ok {
				return nil, fmt.Errorf("memstore: report %q lists entry %q, which is not stored: %w", r.ID, r.Entries[i].Entry.ID, billing.ErrConflict)
			}
			billed = append(billed, billingBilled{entry: e, report: r.ID})
		}
		for i, x := range billed[start:] {
			if e := x.entry; e.state != billing.Released || e.version != r.Entries[i].Entry.Version {
				return nil, &billing.StateError{EntryID: e.fields.ID, State: e.state, Action: "bill"}
			}
		}
		for _, u := range r.Usage {
			stored, ok := s.usage[u.ID]
			if !ok || stored.ReportID != "" || slices.ContainsFunc(billed, func(x billingBilled) bool { return x.usage == stored }) {
				return nil, fmt.Errorf("memstore: usage %q is unknown or billed already: %w", u.ID, billing.ErrConflict)
			}
			billed = append(billed, billingBilled{usage: stored, report: r.ID})
		}
	}
	s.bills++
	for _, x := range billed {
		if x.entry != nil {
			if x.entry.billMark == s.bills {
				return nil, fmt.Errorf("memstore: entry %q is listed twice: %w", x.entry.fields.ID, billing.ErrConflict)
			}
			x.entry.billMark = s.bills
		}
	}
	for _, inv := range b.Invoices {
		if stored, ok := s.invoices[inv.ID]; ok && !stored.Same(inv) {
			return nil, fmt.Errorf("memstore: invoice %q exists with other content: %w", inv.ID, billing.ErrConflict)
		}
	}
	return billed, nil
}

// Report implements billing.WorkStore.
func (s *BillingStore) Report(ctx context.Context, id string) (billing.ServiceReport, error) {
	if err := ctx.Err(); err != nil {
		return billing.ServiceReport{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.reports[id]
	if !ok {
		return billing.ServiceReport{}, &billingNotFound{what: "report", id: id}
	}
	return r.get(), nil
}

// Reports implements billing.WorkStore.
func (s *BillingStore) Reports(ctx context.Context, customerID string) iter.Seq2[billing.ServiceReport, error] {
	return func(yield func(billing.ServiceReport, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(billing.ServiceReport{}, err)
			return
		}
		s.mu.RLock()
		ids := slices.Clone(s.reportsByCustomer[customerID])
		s.mu.RUnlock()
		slices.Sort(ids)
		for _, id := range ids {
			r, err := s.Report(ctx, id)
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// Invoice implements billing.WorkStore.
func (s *BillingStore) Invoice(ctx context.Context, id string) (billing.InvoiceDraft, error) {
	if err := ctx.Err(); err != nil {
		return billing.InvoiceDraft{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	inv, ok := s.invoices[id]
	if !ok {
		return billing.InvoiceDraft{}, &billingNotFound{what: "invoice", id: id}
	}
	return billingCloneInvoice(inv), nil
}

// MarkInvoiced implements billing.WorkStore.
func (s *BillingStore) MarkInvoiced(ctx context.Context, invoiceID, number string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, ok := s.invoices[invoiceID]
	switch {
	case !ok:
		return &billingNotFound{what: "invoice", id: invoiceID}
	case inv.Number == number:
		return nil
	case inv.Number != "":
		return fmt.Errorf("memstore: invoice %q is booked as %q: %w", invoiceID, inv.Number, billing.ErrConflict)
	}
	inv.Number = number
	s.invoices[invoiceID] = inv
	if inv.Kind != billing.InvoiceService {
		return nil
	}
	r := s.reports[inv.ReportID]
	if r == nil {
		return nil
	}
	for _, re := range r.entries {
		if e := s.entries[re.entry.ID]; e != nil && e.state == billing.Reported && e.reportID == inv.ReportID {
			e.state = billing.Invoiced
			e.version++
		}
	}
	return nil
}

// billingCloneContract returns a copy of c that shares no slice with it.
func billingCloneContract(c billing.Contract) billing.Contract {
	c.Rates = slices.Clone(c.Rates)
	for i := range c.Rates {
		c.Rates[i].Travel = slices.Clone(c.Rates[i].Travel)
		c.Rates[i].Usage = slices.Clone(c.Rates[i].Usage)
	}
	p := &c.Policy
	p.Rules = slices.Clone(p.Rules)
	for i := range p.Rules {
		p.Rules[i].Activities = slices.Clone(p.Rules[i].Activities)
		p.Rules[i].Faults = slices.Clone(p.Rules[i].Faults)
	}
	p.Covered = slices.Clone(p.Covered)
	for i := range p.Covered {
		p.Covered[i].Activities = slices.Clone(p.Covered[i].Activities)
	}
	return c
}

// billingCloneReport returns a copy of r that shares no slice with it.
func billingCloneReport(r billing.ServiceReport) billing.ServiceReport {
	r.Entries = slices.Clone(r.Entries)
	r.Held = slices.Clone(r.Held)
	r.Usage = slices.Clone(r.Usage)
	r.Lines = billingCloneLines(r.Lines)
	r.Totals.VAT = slices.Clone(r.Totals.VAT)
	return r
}

// billingCloneInvoice returns a copy of inv that shares no slice with it.
func billingCloneInvoice(inv billing.InvoiceDraft) billing.InvoiceDraft {
	inv.Lines = billingCloneLines(inv.Lines)
	inv.Totals.VAT = slices.Clone(inv.Totals.VAT)
	return inv
}

// billingCloneLines copies lines and their entry IDs, all lines' IDs in
// one allocation.
func billingCloneLines(lines []billing.ChargeLine) []billing.ChargeLine {
	lines = slices.Clone(lines)
	n := 0
	for _, l := range lines {
		n += len(l.Entries)
	}
	ids := make([]string, 0, n)
	for i := range lines {
		start := len(ids)
		ids = append(ids, lines[i].Entries...)
		if lines[i].Entries != nil {
			lines[i].Entries = ids[start:len(ids):len(ids)]
		}
	}
	return lines
}
