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
// behind. Values go in and come out as copies.
//
// Besides the records it keeps the indexes a database would: entries and
// usage by customer, the reversal of each reversed entry, reports by
// customer.
//
// # How work entries are kept
//
// A store of a million work entries is a large live heap, and the Go
// garbage collector marks all of it in every cycle while a billing run
// allocates: kept as billing.WorkEntry values, each entry's dozen strings
// and time locations are pointers the collector follows, and marking
// them took about as long as the billing itself. So the store keeps each
// customer's entries as records without pointers, which the collector
// skips: texts as offset and length in the customer's append-only byte
// arena, instants as Unix seconds and nanoseconds and an index into a
// table of the locations seen, the goodwill percentage as coefficient
// and exponent; the index by ID keeps the IDs' hashes. Reading an
// entry builds the WorkEntry, its strings pointing into the arena
// without a copy (billingString, in the source, says why that is
// sound). An adapter over a database has no such concern and should not
// copy this layout: its entries live in the database.
//
// Two consequences a host can see: Start and End come back without
// their monotonic clock reading, as from a database (their instant and
// location are kept), and every version of an entry stays in
// memory: an update appends a new record and leaves the old one as it
// was. That is what lets a report keep the entries it lists as they
// were billed by naming their records, as a table of reports would keep
// the entries' IDs and versions, instead of holding a copy of each; the
// bookkeeping a Bill or MarkInvoiced changes (state, report, version) is
// kept beside the written fields.
type BillingStore struct {
	mu        sync.RWMutex
	contracts map[string]billing.Contract
	customers []string // contract keys; sorted when sorted is true
	sorted    bool

	entries    billingIndex       // each entry's current record by ID
	entryBooks []*billingCustomer // the customers' work, by the index byCustomer gives
	byCustomer map[string]int32
	locs       []*time.Location // the locations of the entries' instants; locs[0] is unused (UTC)
	locIndex   map[*time.Location]uint32
	reversals  map[string]string // reversed entry ID -> reversal ID

	usage           map[string]*billing.Usage
	usageByCustomer map[string][]*billing.Usage

	reports           map[string]*billingReport
	reportsByCustomer map[string][]string
	invoices          map[string]billing.InvoiceDraft
	bills             uint64          // Bills checked so far, to mark the entries of one
	billed            []billingBilled // what the Bill being checked marks billed
}

// billingReport is a stored report: the report without its entries, and
// the entries as billingReportEntry values.
type billingReport struct {
	report  billing.ServiceReport // Entries nil
	entries []billingReportEntry
}

// billingReportEntry is a billing.ReportEntry whose entry, as billed, is
// a stored record (never changed; see BillingStore), or the copy in
// entry when the billed entry differs from it.
type billingReportEntry struct {
	ref        billingRef
	entry      *billing.WorkEntry
	decision   billing.Billability
	time       time.Duration
	units      int64
	dayRate    bool
	quotaHours time.Duration
	held       string
}

// storeReport returns r as the store keeps it: its entries name the
// stored records (stored[i] is r.Entries[i]'s), or hold a copy of an
// entry that differs from its record, and its other slices are copies.
func (s *BillingStore) storeReport(r billing.ServiceReport, stored []billingBilled) *billingReport {
	out := &billingReport{}
	if r.Entries != nil {
		out.entries = make([]billingReportEntry, len(r.Entries))
	}
	for i := range r.Entries {
		re := &r.Entries[i]
		x := stored[i].ref
		out.entries[i] = billingReportEntry{
			ref: x, decision: re.Decision, time: re.Time, units: re.Units,
			dayRate: re.DayRate, quotaHours: re.QuotaHours, held: re.Held,
		}
		if written := s.written(s.entryBooks[x.cust], x.rec); !billingSameEntry(&re.Entry, &written) {
			e := re.Entry
			out.entries[i].entry = &e
		}
	}
	r.Entries = nil
	out.report = billingCloneReport(r)
	return out
}

// reportEntry returns the entry of re as billed.
func (s *BillingStore) reportEntry(re *billingReportEntry) billing.WorkEntry {
	if re.entry != nil {
		return *re.entry
	}
	return s.written(s.entryBooks[re.ref.cust], re.ref.rec)
}

// report returns a copy of r.
func (s *BillingStore) report(r *billingReport) billing.ServiceReport {
	out := billingCloneReport(r.report)
	if r.entries != nil {
		out.Entries = make([]billing.ReportEntry, len(r.entries))
	}
	for i := range r.entries {
		re := &r.entries[i]
		out.Entries[i] = billing.ReportEntry{
			Entry: s.reportEntry(re), Decision: re.decision, Time: re.time, Units: re.units,
			DayRate: re.dayRate, QuotaHours: re.quotaHours, Held: re.held,
		}
	}
	return out
}

// customer returns the index of the customer's work in entryBooks,
// adding it if new.
func (s *BillingStore) customer(id string) int32 {
	i, ok := s.byCustomer[id]
	if !ok {
		i = int32(len(s.entryBooks))
		s.entryBooks = append(s.entryBooks, &billingCustomer{})
		s.byCustomer[id] = i
	}
	return i
}

// record returns the record x names.
func (s *BillingStore) record(x billingRef) *billingRecord {
	return &s.entryBooks[x.cust].records[x.rec]
}

var _ billing.WorkStore = (*BillingStore)(nil)

// NewBillingStore returns an empty BillingStore.
func NewBillingStore() *BillingStore {
	return &BillingStore{
		contracts: map[string]billing.Contract{}, sorted: true,
		entries: newBillingIndex(), byCustomer: map[string]int32{}, reversals: map[string]string{},
		locs: []*time.Location{nil}, locIndex: map[*time.Location]uint32{},
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
	if _, ok := s.entries.get(s.entryBooks, e.ID); ok {
		return fmt.Errorf("memstore: entry %q exists: %w", e.ID, billing.ErrConflict)
	}
	if e.Reverses != "" {
		if rev, ok := s.reversals[e.Reverses]; ok {
			return fmt.Errorf("memstore: entry %q is reversed by %q already: %w", e.Reverses, rev, billing.ErrConflict)
		}
		s.reversals[e.Reverses] = e.ID
	}
	e.Version = 1
	ci := s.customer(e.CustomerID)
	c := s.entryBooks[ci]
	var prev *billingRecord
	if n := len(c.records); n > 0 {
		prev = &c.records[n-1]
	}
	i := s.write(c, &e, prev)
	s.entries.set(s.entryBooks, e.ID, billingRef{ci, i})
	c.add(i)
	return nil
}

// Entry implements billing.WorkStore.
func (s *BillingStore) Entry(ctx context.Context, id string) (billing.WorkEntry, error) {
	if err := ctx.Err(); err != nil {
		return billing.WorkEntry{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	x, ok := s.entries.get(s.entryBooks, id)
	if !ok {
		return billing.WorkEntry{}, &billingNotFound{what: "entry", id: id}
	}
	return s.current(s.entryBooks[x.cust], x.rec), nil
}

// UpdateEntry implements billing.WorkStore.
func (s *BillingStore) UpdateEntry(ctx context.Context, id string, fn func(*billing.WorkEntry) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x, ok := s.entries.get(s.entryBooks, id)
	if !ok {
		return &billingNotFound{what: "entry", id: id}
	}
	old := s.entryBooks[x.cust]
	e := s.current(old, x.rec)
	reverses := e.Reverses
	if err := fn(&e); err != nil {
		return err
	}
	if e.ID != id || e.Reverses != reverses {
		return fmt.Errorf("memstore: the update of entry %q changed its ID or Reverses: %w", id, billing.ErrInvalid)
	}
	e.Version = old.records[x.rec].curVersion + 1
	// A new record: a report may name the old one. Its texts repeat the
	// old record's where they are the same and it stays with the customer.
	ci := s.customer(e.CustomerID)
	c := s.entryBooks[ci]
	prev := &old.records[x.rec]
	if c != old {
		prev = nil
		if n := len(c.records); n > 0 {
			prev = &c.records[n-1]
		}
	}
	i := s.write(c, &e, prev)
	stored := &old.records[x.rec] // after the write, which may move old.records
	stored.replaced = true
	c.records[i].billMark = stored.billMark
	s.entries.set(s.entryBooks, e.ID, billingRef{ci, i})
	old.remove(x.rec)
	c.add(i)
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
		ci, ok := s.byCustomer[customerID]
		if !ok {
			s.mu.RUnlock()
			return
		}
		c := s.entryBooks[ci]
		n, _ := slices.BinarySearchFunc(c.list, through, func(i int32, d date.Date) int {
			return cmp.Or(cmp.Compare(c.records[i].date, d), -1) // past every entry of the day
		})
		matching := make([]int32, 0, n)
		for _, i := range c.list[:n] {
			if c.records[i].curState == state {
				matching = append(matching, i)
			}
		}
		s.mu.RUnlock()
		for _, i := range matching {
			s.mu.RLock()
			x := billingRef{ci, i}
			if r := &c.records[i]; r.replaced {
				x, _ = s.entries.get(s.entryBooks, c.text(r.id))
			}
			e := s.current(s.entryBooks[x.cust], x.rec)
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
		s.reports[r.ID] = s.storeReport(r, billed[n:n+len(r.Entries)])
		n += len(r.Entries) + len(r.Usage)
		s.reportsByCustomer[r.CustomerID] = append(s.reportsByCustomer[r.CustomerID], r.ID)
	}
	// Each report's ID is written once into the arena of each customer
	// whose entries it lists.
	var text billingText
	last := billingBilled{ref: billingRef{cust: -1}}
	for _, x := range billed {
		if x.usage != nil {
			x.usage.ReportID = x.report
			continue
		}
		c := s.entryBooks[x.ref.cust]
		if x.ref.cust != last.ref.cust || x.report != last.report {
			text, last = c.putText(x.report, billingText{}), x
		}
		r := &c.records[x.ref.rec]
		r.curState, r.curReport = billing.Reported, text
		r.curVersion++
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

// billingBilled is a stored entry's current record (usage nil) or a
// usage record that a Bill marks billed.
type billingBilled struct {
	ref    billingRef
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
		mine, hasMine := s.byCustomer[r.CustomerID]
		start := len(billed)
		for i := range r.Entries {
			listed := &r.Entries[i].Entry
			x, ok := billingRef{cust: mine}, false
			if hasMine {
				x.rec, ok = s.entryBooks[mine].find(listed.Date, listed.ID)
			}
			if !ok {
				x, ok = s.entries.get(s.entryBooks, listed.ID)
			}
			if !ok {
				return nil, fmt.Errorf("memstore: report %q lists entry %q, which is not stored: %w", r.ID, listed.ID, billing.ErrConflict)
			}
			billed = append(billed, billingBilled{ref: x, report: r.ID})
		}
		for i, x := range billed[start:] {
			if e := s.record(x.ref); e.curState != billing.Released || e.curVersion != r.Entries[i].Entry.Version {
				return nil, &billing.StateError{EntryID: r.Entries[i].Entry.ID, State: e.curState, Action: "bill"}
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
		if x.usage == nil {
			e := s.record(x.ref)
			if e.billMark == s.bills {
				return nil, fmt.Errorf("memstore: entry %q is listed twice: %w", s.entryBooks[x.ref.cust].text(e.id), billing.ErrConflict)
			}
			e.billMark = s.bills
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
	return s.report(r), nil
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
	for i := range r.entries {
		x, ok := s.entries.get(s.entryBooks, s.reportEntry(&r.entries[i]).ID)
		if !ok {
			continue
		}
		c := s.entryBooks[x.cust]
		if e := &c.records[x.rec]; e.curState == billing.Reported && c.text(e.curReport) == inv.ReportID {
			e.curState = billing.Invoiced
			e.curVersion++
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
