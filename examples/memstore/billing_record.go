package memstore

import (
	"cmp"
	"hash/maphash"
	"math"
	"slices"
	"time"
	"unsafe"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
)

// This file keeps the BillingStore's work entries in a layout the
// garbage collector need not look into; see BillingStore for why.

// billingCustomer is the work stored under one customer: every version
// of every entry ever written there (records, appended to, never
// removed), the texts of those records (arena, appended to, never
// changed), and the current records in (Date, ID) order, as Entries
// yields them.
type billingCustomer struct {
	records []billingRecord
	arena   []byte
	list    []int32 // indexes into records

	// Side tables for what does not fit a record: texts past
	// billingArenaMax, decimals whose coefficient is not a non-zero int64.
	long     []string
	decimals []decimal.Decimal
}

// billingRecord is one version of a work entry without a pointer in it:
// texts as billingText, instants as billingInstant, the goodwill
// percentage as billingDecimal. The fields up to the bookkeeping are
// written once and never changed (a report lists them as billed).
type billingRecord struct {
	id, customerID, branchID, ticketID, technician, activity, product billingText
	travelZone, orderRef, justification, goodwillReason, description  billingText
	reverses, releasedBy, reportID                                    billingText
	date, releasedOn                                                  date.Date
	start, end                                                        billingInstant
	duration, waive                                                   time.Duration
	kilometres                                                        int
	percent                                                           billingDecimal
	version                                                           int64
	fault                                                             billing.Fault
	billable                                                          billing.Billable
	state                                                             billing.EntryState

	// The bookkeeping Bill and MarkInvoiced change in place; replaced is
	// set when an update stores a newer record of the entry.
	curState   billing.EntryState
	replaced   bool
	curReport  billingText
	curVersion int64
	billMark   uint64 // the Bill that last listed it, to find an entry listed twice
}

// billingRef names a record: the customer's index in the store's
// entryBooks and the record's index in that customer's records.
type billingRef struct{ cust, rec int32 }

// billingText is n bytes at off in a customer's arena, or, when n is
// billingLong, the string at off in its long side table.
type billingText struct{ off, n uint32 }

const billingLong = math.MaxUint32

// billingArenaMax bounds a customer's arena (billingText's offsets are
// 32 bits; MaxInt32 is an int on every platform); texts past it go to
// the side table. A variable for tests.
var billingArenaMax = math.MaxInt32

// billingString returns the n bytes at off in arena as a string,
// without copying them. It is the store's only use of package unsafe,
// and sound because of how the store uses its arenas: bytes are only
// ever appended after len(arena), under the store's lock, and bytes
// once written never change. So a string handed out stays as it was
// however the customer's entries change later, and when an append
// moves the arena, the old array stays alive for as long as a string
// points into it.
func billingString(arena []byte, off, n uint32) string {
	b := arena[off : off+n]
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// text returns the text t.
func (c *billingCustomer) text(t billingText) string {
	if t.n == billingLong {
		return c.long[t.off]
	}
	if t.n == 0 {
		return ""
	}
	return billingString(c.arena, t.off, t.n)
}

// putText stores s and returns its billingText: prev (a text of the
// same customer) if that is s already, so the texts that repeat from
// record to record (the customer, the technician, an updated entry's
// unchanged fields) are kept once.
func (c *billingCustomer) putText(s string, prev billingText) billingText {
	switch {
	case s == "":
		return billingText{}
	case c.text(prev) == s:
		return prev
	case len(s) > billingArenaMax-len(c.arena):
		c.long = append(c.long, s)
		return billingText{off: uint32(len(c.long) - 1), n: billingLong}
	}
	off := len(c.arena)
	c.arena = append(c.arena, s...)
	return billingText{off: uint32(off), n: uint32(len(s))}
}

// billingInstant is a time.Time without its monotonic reading: the
// Unix seconds and nanoseconds, and the index of its location in the
// store's table of locations (0: UTC).
type billingInstant struct {
	sec  int64
	nsec int32
	loc  uint32
}

// putInstant returns t as a billingInstant, adding its location to the
// store's table if it is new there.
func (s *BillingStore) putInstant(t time.Time) billingInstant {
	var loc uint32
	if l := t.Location(); l != time.UTC {
		i, ok := s.locIndex[l]
		if !ok {
			i = uint32(len(s.locs))
			s.locs = append(s.locs, l)
			s.locIndex[l] = i
		}
		loc = i
	}
	return billingInstant{sec: t.Unix(), nsec: int32(t.Nanosecond()), loc: loc}
}

// instant returns the time.Time that putInstant stored: equal (==) to
// the time put, less its monotonic reading.
func (s *BillingStore) instant(b billingInstant) time.Time {
	t := time.Unix(b.sec, int64(b.nsec))
	if b.loc == 0 {
		return t.UTC()
	}
	return t.In(s.locs[b.loc])
}

// billingDecimal is a decimal: the zero value (kind 0), coefficient
// and exponent (kind 1), or the index coef in the customer's decimals
// side table (kind 2).
type billingDecimal struct {
	coef int64
	exp  int32
	kind uint8
}

func (c *billingCustomer) putDecimal(d decimal.Decimal) billingDecimal {
	if d == (decimal.Decimal{}) {
		return billingDecimal{}
	}
	if coef := d.Coefficient(); coef.IsInt64() && coef.Sign() != 0 {
		return billingDecimal{coef: coef.Int64(), exp: d.Exponent(), kind: 1}
	}
	c.decimals = append(c.decimals, d)
	return billingDecimal{coef: int64(len(c.decimals) - 1), kind: 2}
}

func (c *billingCustomer) decimal(b billingDecimal) decimal.Decimal {
	switch b.kind {
	case 1:
		return decimal.New(b.coef, b.exp)
	case 2:
		return c.decimals[b.coef]
	}
	return decimal.Decimal{}
}

// write appends e to c's records and returns its index. prev is a
// record of c whose texts e may repeat, or nil.
func (s *BillingStore) write(c *billingCustomer, e *billing.WorkEntry, prev *billingRecord) int32 {
	var p billingRecord
	if prev != nil {
		p = *prev // a copy: the append below may move c.records
	}
	r := billingRecord{
		id: c.putText(e.ID, p.id), customerID: c.putText(e.CustomerID, p.customerID),
		branchID: c.putText(e.BranchID, p.branchID), ticketID: c.putText(e.TicketID, p.ticketID),
		technician: c.putText(e.Technician, p.technician), activity: c.putText(string(e.Activity), p.activity),
		product: c.putText(e.Product, p.product), travelZone: c.putText(e.Travel.Zone, p.travelZone),
		orderRef: c.putText(e.OrderRef, p.orderRef), justification: c.putText(e.Justification, p.justification),
		goodwillReason: c.putText(e.Goodwill.Reason, p.goodwillReason), description: c.putText(e.Description, p.description),
		reverses: c.putText(e.Reverses, p.reverses), releasedBy: c.putText(e.ReleasedBy, p.releasedBy),
		reportID: c.putText(e.ReportID, p.reportID),
		date:     e.Date, releasedOn: e.ReleasedOn,
		start: s.putInstant(e.Start), end: s.putInstant(e.End),
		duration: e.Duration, waive: e.Goodwill.Waive, kilometres: e.Travel.Kilometres,
		percent: c.putDecimal(e.Goodwill.Percent), version: e.Version,
		fault: e.Fault, billable: e.Billable, state: e.State,
	}
	r.curState, r.curReport, r.curVersion = r.state, r.reportID, r.version
	c.records = append(c.records, r)
	return int32(len(c.records) - 1)
}

// written returns record i of c as it was written.
func (s *BillingStore) written(c *billingCustomer, i int32) billing.WorkEntry {
	r := &c.records[i]
	return billing.WorkEntry{
		ID: c.text(r.id), CustomerID: c.text(r.customerID), BranchID: c.text(r.branchID),
		TicketID: c.text(r.ticketID), Technician: c.text(r.technician), Date: r.date,
		Start: s.instant(r.start), End: s.instant(r.end), Duration: r.duration,
		Activity: billing.Activity(c.text(r.activity)), Product: c.text(r.product), Fault: r.fault,
		Travel:   billing.Travel{Zone: c.text(r.travelZone), Kilometres: r.kilometres},
		OrderRef: c.text(r.orderRef), Billable: r.billable, Justification: c.text(r.justification),
		Goodwill:    billing.Goodwill{Waive: r.waive, Percent: c.decimal(r.percent), Reason: c.text(r.goodwillReason)},
		Description: c.text(r.description), Reverses: c.text(r.reverses),
		State: r.state, ReleasedBy: c.text(r.releasedBy), ReleasedOn: r.releasedOn,
		ReportID: c.text(r.reportID), Version: r.version,
	}
}

// current returns record i of c with its bookkeeping: the entry as it
// is now, if the record is the entry's current one.
func (s *BillingStore) current(c *billingCustomer, i int32) billing.WorkEntry {
	e := s.written(c, i)
	r := &c.records[i]
	e.State, e.ReportID, e.Version = r.curState, c.text(r.curReport), r.curVersion
	return e
}

// billingSameEntry reports whether a and b are the same entry, field
// for field; decimals are the same when their coefficients and
// exponents are.
func billingSameEntry(a, b *billing.WorkEntry) bool {
	pa, pb := a.Goodwill.Percent, b.Goodwill.Percent
	if pa == pb { // most entries: no goodwill percentage
		return *a == *b
	}
	zero := decimal.Decimal{}
	if (pa == zero) != (pb == zero) || pa.Exponent() != pb.Exponent() || pa.Coefficient().Cmp(pb.Coefficient()) != 0 {
		return false
	}
	c, d := *a, *b
	c.Goodwill.Percent, d.Goodwill.Percent = zero, zero
	return c == d
}

// order compares records i and j of c by Date, then ID.
func (c *billingCustomer) order(i, j int32) int {
	a, b := &c.records[i], &c.records[j]
	if a.date != b.date {
		return cmp.Compare(a.date, b.date)
	}
	return cmp.Compare(c.text(a.id), c.text(b.id))
}

// add puts record i into the customer's order. Work mostly arrives in
// date order, so the search ends at the back.
func (c *billingCustomer) add(i int32) {
	k, _ := slices.BinarySearchFunc(c.list, i, c.order)
	c.list = slices.Insert(c.list, k, i)
}

func (c *billingCustomer) remove(i int32) {
	c.list = slices.DeleteFunc(c.list, func(j int32) bool { return j == i })
}

// find returns the current record of the entry id of day d, if c holds
// one.
func (c *billingCustomer) find(d date.Date, id string) (int32, bool) {
	k, ok := slices.BinarySearchFunc(c.list, id, func(i int32, id string) int {
		r := &c.records[i]
		if r.date != d {
			return cmp.Compare(r.date, d)
		}
		return cmp.Compare(c.text(r.id), id)
	})
	if !ok {
		return 0, false
	}
	return c.list[k], true
}

// billingIndex finds an entry's current record by the entry's ID
// without keeping the ID, which would be a pointer for the collector to
// follow: a map from the ID's hash to the record, whose own ID is
// compared, and, for the rare ID whose hash another ID has taken, a map
// by ID.
type billingIndex struct {
	seed   maphash.Seed
	hash   func(string) uint64 // nil: maphash with seed; tests make IDs collide
	byHash map[uint64]billingRef
	byID   map[string]billingRef
}

func newBillingIndex() billingIndex {
	return billingIndex{seed: maphash.MakeSeed(), byHash: map[uint64]billingRef{}, byID: map[string]billingRef{}}
}

func (x *billingIndex) sum(id string) uint64 {
	if x.hash != nil {
		return x.hash(id)
	}
	return maphash.String(x.seed, id)
}

// get returns the current record of the entry id.
func (x *billingIndex) get(books []*billingCustomer, id string) (billingRef, bool) {
	if r, ok := x.byHash[x.sum(id)]; ok && books[r.cust].recordID(r.rec) == id {
		return r, true
	}
	r, ok := x.byID[id]
	return r, ok
}

// set makes r the current record of the entry id.
func (x *billingIndex) set(books []*billingCustomer, id string, r billingRef) {
	h := x.sum(id)
	if old, ok := x.byHash[h]; ok && books[old.cust].recordID(old.rec) != id {
		x.byID[id] = r
		return
	}
	x.byHash[h] = r
}

// recordID returns the ID of record i.
func (c *billingCustomer) recordID(i int32) string { return c.text(c.records[i].id) }
