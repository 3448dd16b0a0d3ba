package billing

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Draft is what a run bills one customer, before anything is stored or
// booked on a quota: the service reports and every held entry.
type Draft struct {
	Reports []ServiceReport // one, or one per branch with work or usage
	// Held lists every entry held back for want of an explicit order,
	// whether or not a report lists it (a branch with only held work
	// gets no report).
	Held []ReportEntry
}

// DraftReports drafts the service reports of one customer for a run: the
// pure core of Biller.Run, which needs no store, no quota ledger and no
// clock. entries are the customer's released entries and usage its
// unbilled usage; their order does not matter.
//
// In this order it
//
//  1. decides each entry by the billability policy (the contract's, else
//     cfg's, else DefaultPolicy) and applies goodwill;
//  2. holds back the billable work of a ticket beyond the policy's order
//     threshold when no entry of the ticket carries an order reference;
//  3. splits the work by branch under per-branch invoicing;
//  4. bills a technician's day at the day rate where the rates say so
//     (not for quota customers, whose time goes to the quota);
//  5. rounds the rest to work units (the contract's unit policy, else
//     cfg's), per entry or per ticket and day; a reversal is always
//     rounded on its own and credits what its original alone was billed;
//  6. prices units, day rates, flat fees, travel and usage at the rates
//     of each entry's work date (usage: its period's first day), or for
//     a quota customer turns units into quota hours;
//  7. totals each report (see TotalsOf).
//
// A report is drafted for a group with at least one entry or usage record
// that is not held. It returns a *ValidationError for an invalid contract
// or run, for an entry or usage record that is invalid (a negative
// quantity, say), belongs to another customer or is listed twice, and a
// *MissingRateError if a price is missing.
func (cfg BillerConfig) DraftReports(c Contract, run BillingRun, entries []WorkEntry, usage []Usage) (Draft, error) {
	return cfg.draftReports(c, run, entries, usage, nil, nil)
}

// draftReports is DraftReports with the IDs of entries whose hours the
// quota ledger holds already (booked when they were released): those are
// never held for want of an order, as the customer's balance shows them.
// s is the memory a run reuses from one customer to the next; nil drafts
// in memory of its own.
func (cfg BillerConfig) draftReports(c Contract, run BillingRun, entries []WorkEntry, usage []Usage, booked map[string]bool, s *draftScratch) (Draft, error) {
	if err := c.Validate(); err != nil {
		return Draft{}, err
	}
	if err := run.Validate(); err != nil {
		return Draft{}, err
	}
	if s == nil {
		s = new(draftScratch)
	}
	if err := checkDraftInput(c.CustomerID, entries, usage, s); err != nil {
		return Draft{}, err
	}
	d := drafter{contract: c, run: run, quota: c.Type == ContractQuota, booked: booked, scratch: s}
	d.policy = c.Policy
	if d.policy.IsZero() {
		d.policy = cfg.Policy
	}
	d.policy = d.policy.orDefault()
	d.units = c.Units
	if d.units.IsZero() {
		d.units = cfg.Units
	}
	d.units = d.units.withDefaults()
	d.dayRates = slices.ContainsFunc(c.Rates, func(r Rates) bool { return !r.Daily.IsZero() })
	d.sizeText = workFormatMinutes(d.units.Size)
	return d.draft(entries, usage)
}

// drafter holds one customer's drafting.
type drafter struct {
	contract Contract
	run      BillingRun
	quota    bool
	policy   BillabilityPolicy
	units    UnitPolicy
	dayRates bool   // some rates of the card have a day rate
	sizeText string // the unit size as lines show it, "15m"
	// booked names the entries on the quota ledger already, which the
	// order threshold counts but does not hold.
	booked  map[string]bool
	scratch *draftScratch
}

// draftScratch is the memory a run reuses from one customer to the next:
// the drafting's working lists, and the decimals of the amounts and
// quantities it has written before. Nothing of a draft points into it
// but those decimals, which never change (shopspring's decimals are
// immutable), so two lines of equal amount share one.
type draftScratch struct {
	items   []workItem
	seen    map[string]bool
	tickets map[string]int32 // ticket ID -> index in ticketSums
	sums    []ticketSum
	groups  []unitGroup // a report's unit and day-rate groups
	single  []int       // their members where a group is one entry
	desc    []byte      // the report's line descriptions, one after the other
	descEnd []int       // where each line's description ends in desc
	numbers numberCache
}

// ticketSum is a ticket's billable work, for the order threshold.
type ticketSum struct {
	time    time.Duration
	amount  decimal.Decimal
	ordered bool
	reason  string // why its work is held; written once per ticket
}

// numberCache keeps the decimals a run writes most: line amounts in
// cents, whole quantities, and apart from them documents' totals. A
// billing run of a million entries writes a few hundred distinct line
// amounts, each a big.Int allocation when made anew.
type numberCache struct {
	cents, counts, totals map[int64]decimal.Decimal
}

// numberCacheMax bounds each map of a numberCache.
const numberCacheMax = 1 << 12

// cached returns decimal.New(v, exp) from m, storing it if there is room.
func cached(m *map[int64]decimal.Decimal, v int64, exp int32) decimal.Decimal {
	if d, ok := (*m)[v]; ok {
		return d
	}
	d := decimal.New(v, exp)
	if *m == nil {
		*m = make(map[int64]decimal.Decimal)
	}
	if len(*m) < numberCacheMax {
		(*m)[v] = d
	}
	return d
}

// amount returns cents as a decimal of 2 decimals; a nil cache makes a
// new one.
func (c *numberCache) amount(cents int64) decimal.Decimal {
	if c == nil {
		return decimal.New(cents, -workMoneyDigits)
	}
	return cached(&c.cents, cents, -workMoneyDigits)
}

// total returns cents as a decimal of 2 decimals for a document's
// totals, which are kept apart from the line amounts: totals repeat less
// and must not crowd the amounts that do out of the cache.
func (c *numberCache) total(cents int64) decimal.Decimal {
	if c == nil {
		return decimal.New(cents, -workMoneyDigits)
	}
	return cached(&c.totals, cents, -workMoneyDigits)
}

// count returns n as a decimal without decimals; a nil cache makes a new
// one.
func (c *numberCache) count(n int64) decimal.Decimal {
	if c == nil {
		return decimal.New(n, 0)
	}
	return cached(&c.counts, n, 0)
}

// lineNet is LineNet, its result from the cache when the int64 path
// computes it.
func (c *numberCache) lineNet(quantity, price, base decimal.Decimal) decimal.Decimal {
	if base.IsZero() {
		base = workOne
	}
	if cents, ok := workLineCents(quantity, price, base); ok {
		return c.amount(cents)
	}
	return lineNetExact(quantity, price, base)
}

// workItem is an entry on its way to a report: small, so sorting and
// grouping move little; the entry itself is copied once, into the report.
type workItem struct {
	e          *WorkEntry // into the caller's slice, read only
	rates      *Rates     // into the contract's rate card; nil for free work
	decision   Billability
	time       time.Duration // billable after goodwill, before units
	units      int64
	quotaHours time.Duration
	held       string
	group      int32 // the unit or day-rate group, -1 for none
	ticket     int32 // its ticket's sums, for the order threshold
	dayRate    bool
}

// reportEntry is the item as the report lists it.
func (it *workItem) reportEntry() ReportEntry {
	var re ReportEntry
	it.fill(&re)
	return re
}

// fill writes the item into a report's entry in place: a report holds a
// copy of every entry, and copying it once is what that costs.
func (it *workItem) fill(re *ReportEntry) {
	re.Entry = *it.e
	re.Decision, re.Time, re.Units, re.DayRate, re.QuotaHours, re.Held = it.decision, it.time, it.units, it.dayRate, it.quotaHours, it.held
}

// checkDraftInput refuses what a draft must not bill: an entry or usage
// record that is invalid, of another customer, or listed twice (by ID).
// Every problem is listed, under entries[i] or usage[i].
func checkDraftInput(customerID string, entries []WorkEntry, usage []Usage, s *draftScratch) error {
	var ps problems
	if s.seen == nil {
		s.seen = make(map[string]bool, len(entries))
	}
	seen := s.seen
	clear(seen)
	for i := range entries {
		ps.checkDraftRecord(seen, "entries", i, entries[i].ID, entries[i].CustomerID, customerID, entries[i].Validate())
	}
	clear(seen)
	for i := range usage {
		ps.checkDraftRecord(seen, "usage", i, usage[i].ID, usage[i].CustomerID, customerID, usage[i].Validate())
	}
	clear(seen)
	return ps.err()
}

// checkDraftRecord adds the problems of one record of a draft under
// list[i]: its own (invalid), another customer's, or an ID seen before.
// The field's name is written only for a problem.
func (ps *problems) checkDraftRecord(seen map[string]bool, list string, i int, id, customer, want string, invalid error) {
	if invalid == nil && customer == want && !seen[id] {
		seen[id] = true
		return
	}
	field := list + "[" + strconv.Itoa(i) + "]"
	ps.nestWork(field, invalid)
	if customer != want {
		ps.add(field+".CustomerID", "%q is not the contract's customer", workClip(customer))
	}
	if seen[id] {
		ps.add(field+".ID", "%q is listed twice", workClip(id))
	}
	seen[id] = true
}

func (d *drafter) draft(entries []WorkEntry, usage []Usage) (Draft, error) {
	items := slices.Grow(d.scratch.items[:0], len(entries))[:len(entries)]
	d.scratch.items = items
	for i := range entries {
		e := &entries[i]
		it := workItem{e: e, decision: d.policy.decide(e), group: -1}
		if it.decision.Billable() {
			r := d.contract.Rates.index(e.Date)
			if r < 0 {
				return Draft{}, d.missing(&MissingRateError{Date: e.Date, What: "rates"})
			}
			it.rates = &d.contract.Rates[r]
			if it.decision.Charging == ChargeUnits {
				it.time = e.Goodwill.Apply(e.Worked())
			}
		}
		items[i] = it
	}
	// By branch, then as a store yields them (WorkStore.Entries): most
	// customers' work comes sorted already.
	order := func(a, b workItem) int {
		return cmp.Or(cmp.Compare(a.e.BranchID, b.e.BranchID), cmp.Compare(a.e.Date, b.e.Date), cmp.Compare(a.e.ID, b.e.ID))
	}
	if !slices.IsSortedFunc(items, order) {
		slices.SortFunc(items, order)
	}
	d.hold(items)

	var out Draft
	held := 0
	for i := range items {
		if items[i].held != "" {
			held++
		}
	}
	if held > 0 {
		out.Held = make([]ReportEntry, 0, held)
		for i := range items {
			if items[i].held != "" {
				out.Held = append(out.Held, items[i].reportEntry())
			}
		}
	}
	usage = slices.Clone(usage)
	slices.SortFunc(usage, func(a, b Usage) int {
		return cmp.Or(cmp.Compare(a.BranchID, b.BranchID), a.Period.Compare(b.Period), cmp.Compare(a.Item, b.Item), cmp.Compare(a.ID, b.ID))
	})
	// Items and usage are sorted by branch first, so a branch's share is
	// one run of each.
	for len(items) > 0 || len(usage) > 0 {
		n, m := len(items), len(usage)
		if d.contract.Invoicing == PerBranch {
			branch := d.nextBranch(items, usage)
			n = countWhile(items, func(it workItem) bool { return it.e.BranchID == branch })
			m = countWhile(usage, func(u Usage) bool { return u.BranchID == branch })
		}
		r, ok, err := d.report(items[:n], usage[:m])
		if err != nil {
			return Draft{}, err
		}
		if ok {
			out.Reports = append(out.Reports, r)
		}
		items, usage = items[n:], usage[m:]
	}
	return out, nil
}

func (d *drafter) nextBranch(items []workItem, usage []Usage) string {
	switch {
	case len(items) == 0:
		return usage[0].BranchID
	case len(usage) == 0:
		return items[0].e.BranchID
	}
	return min(items[0].e.BranchID, usage[0].BranchID)
}

func countWhile[T any](s []T, ok func(T) bool) int {
	n := 0
	for n < len(s) && ok(s[n]) {
		n++
	}
	return n
}

func (d *drafter) missing(err error) error {
	if m, ok := err.(*MissingRateError); ok {
		m.CustomerID = d.contract.CustomerID
	}
	return err
}

// hold marks the billable work of tickets that need an explicit order and
// have none. Reversals are credits and never held, nor is work on the
// quota ledger already: it counts towards its ticket's total, and what
// takes the ticket over the threshold is held.
func (d *drafter) hold(items []workItem) {
	limit := d.policy.Order
	if limit.Hours <= 0 && !limit.Amount.IsPositive() {
		return
	}
	s := d.scratch
	if s.tickets == nil {
		s.tickets = map[string]int32{}
	}
	clear(s.tickets)
	sums := s.sums[:0]
	defer func() { s.sums = sums[:0] }()
	for k := range items {
		it := &items[k]
		i, ok := s.tickets[it.e.TicketID]
		if !ok {
			i = int32(len(sums))
			s.tickets[it.e.TicketID] = i
			sums = append(sums, ticketSum{amount: decimal.Zero})
		}
		it.ticket = i
		t := &sums[i]
		t.ordered = t.ordered || it.e.OrderRef != ""
		if !it.decision.Billable() || it.e.IsReversal() {
			continue
		}
		t.time += it.time
		if limit.Amount.IsPositive() {
			if it.decision.Charging == ChargeFlatFee {
				t.amount = t.amount.Add(it.e.Goodwill.ApplyAmount(it.rates.FlatFee))
			} else {
				t.amount = t.amount.Add(LineNet(decimal.NewFromInt(int64(it.time/time.Second)), it.rates.Hourly, workSecondsPerHour))
			}
		}
	}
	for i := range items {
		it := &items[i]
		t := &sums[it.ticket]
		if t.ordered || !it.decision.Billable() || it.e.IsReversal() || d.booked[it.e.ID] {
			continue
		}
		if t.reason == "" {
			switch {
			case limit.Hours > 0 && t.time > limit.Hours:
				t.reason = fmt.Sprintf("ticket %s has %s of billable work, more than the %s allowed without the customer's order", it.e.TicketID, workFormatTime(t.time), workFormatTime(limit.Hours))
			case limit.Amount.IsPositive() && t.amount.GreaterThan(limit.Amount):
				t.reason = fmt.Sprintf("ticket %s comes to %s net, more than the %s allowed without the customer's order", it.e.TicketID, t.amount.StringFixed(2), limit.Amount.StringFixed(2))
			}
		}
		it.held = t.reason
	}
	clear(sums) // the reasons and amounts are the draft's now
	d.holdReversalsOfHeld(items)
}

// holdReversalsOfHeld holds a reversal whose original is held in the
// same run: both are billed, and cancel out, by the run that bills the
// original.
func (d *drafter) holdReversalsOfHeld(items []workItem) {
	var held map[string]bool
	for i := range items {
		if items[i].held != "" {
			if held == nil {
				held = map[string]bool{}
			}
			held[items[i].e.ID] = true
		}
	}
	if held == nil {
		return
	}
	for i := range items {
		if it := &items[i]; it.e.IsReversal() && held[it.e.Reverses] {
			it.held = "reverses entry " + it.e.Reverses + ", which is held back"
		}
	}
}

var (
	workSecondsPerHour = decimal.NewFromInt(3600)
	workMinutesPerHour = decimal.NewFromInt(60)
	workOne            = decimal.NewFromInt(1)
)

// workFormatTime writes a time as "4h", "7h30m", "45m", "1h0m30s".
func workFormatTime(t time.Duration) string {
	if t%time.Minute != 0 || t < 0 {
		return t.String()
	}
	return workFormatMinutes(t)
}

// unitGroup is work rounded to units together, or a technician's day at
// the day rate.
type unitGroup struct {
	members []int // indexes into the report's items
	time    time.Duration
	units   int64 // rounded; 1 for a day rate
	dayRate bool
	line    bool // its line is emitted
}

// report drafts the report of one group of items and usage; ok is false
// when there is nothing to report.
func (d *drafter) report(items []workItem, usage []Usage) (ServiceReport, bool, error) {
	branch := ""
	if d.contract.Invoicing == PerBranch {
		if len(items) > 0 {
			branch = items[0].e.BranchID
		} else {
			branch = usage[0].BranchID
		}
	}
	r := ServiceReport{
		ID: ReportID(d.run.id(), d.contract.CustomerID, branch), RunID: d.run.id(),
		CustomerID: d.contract.CustomerID, BranchID: branch, Invoicing: d.contract.Invoicing,
		Recipient: d.contract.ReportRecipient, Period: d.run.Period, Issued: d.run.Issued,
		ContractType: d.contract.Type, QuotaContractID: d.contract.QuotaContractID, Usage: usage,
	}
	groups := d.group(items)
	for i := range groups {
		d.shareUnits(items, &groups[i])
	}
	// Count first: the slices are allocated once, at their size.
	listed, lines := 0, len(usage)
	for i := range items {
		if it := &items[i]; it.held == "" {
			listed++
			if it.decision.Charging == ChargeFlatFee {
				lines++
			}
			if it.decision.Billable() && !it.e.Travel.IsZero() {
				lines++
			}
		}
	}
	if !d.quota {
		lines += len(groups)
	}
	r.Entries = make([]ReportEntry, 0, listed)
	r.Lines = make([]ChargeLine, 0, lines)
	// The lines' descriptions are written one after the other into one
	// buffer and become one string, which the lines share.
	sc := d.scratch
	sc.desc, sc.descEnd = sc.desc[:0], sc.descEnd[:0]
	ids := make([]string, len(items))
	for i := range items {
		ids[i] = items[i].e.ID
	}
	for i := range items {
		it := &items[i]
		if it.held != "" {
			r.Held = append(r.Held, it.reportEntry())
			continue
		}
		if it.group >= 0 && !groups[it.group].line {
			groups[it.group].line = true
			if !d.quota && groups[it.group].units != 0 {
				l, err := d.unitLine(items, groups[it.group], ids)
				if err != nil {
					return ServiceReport{}, false, err
				}
				r.Lines = append(r.Lines, l)
			}
		}
		if it.decision.Charging == ChargeFlatFee {
			l, err := d.flatFeeLine(it, ids[i:i+1:i+1])
			if err != nil {
				return ServiceReport{}, false, err
			}
			r.Lines = append(r.Lines, l)
		}
		if it.decision.Billable() && !it.e.Travel.IsZero() {
			l, err := d.travelLine(it, ids[i:i+1:i+1])
			if err != nil {
				return ServiceReport{}, false, err
			}
			r.Lines = append(r.Lines, l)
		}
		r.QuotaHours += it.quotaHours
		r.Entries = r.Entries[:len(r.Entries)+1]
		it.fill(&r.Entries[len(r.Entries)-1])
	}
	if len(r.Entries) == 0 && len(usage) == 0 {
		return ServiceReport{}, false, nil
	}
	for _, u := range usage {
		l, err := d.usageLine(u)
		if err != nil {
			return ServiceReport{}, false, err
		}
		r.Lines = append(r.Lines, l)
	}
	descs, start := string(sc.desc), 0
	for i, end := range sc.descEnd {
		r.Lines[i].Description, start = descs[start:end], end
	}
	r.Totals = totalsOf(r.Lines, &sc.numbers)
	return r, true, nil
}

// described ends the description of the line being written in the
// scratch buffer.
func (d *drafter) described() {
	d.scratch.descEnd = append(d.scratch.descEnd, len(d.scratch.desc))
}

// describe appends "<ticket>, 2026-03-02" to the line description being
// written.
func (d *drafter) describe(ticket string, day date.Date) {
	d.scratch.desc = append(d.scratch.desc, ticket...)
	d.scratch.desc = append(d.scratch.desc, ", "...)
	d.scratch.desc = workAppendDate(d.scratch.desc, day)
}

// reversalOf appends "Reversal of <id>: " to the line description being
// written if e is a reversal.
func (d *drafter) reversalOf(e *WorkEntry) {
	if e.IsReversal() {
		d.scratch.desc = append(d.scratch.desc, "Reversal of "...)
		d.scratch.desc = append(d.scratch.desc, e.Reverses...)
		d.scratch.desc = append(d.scratch.desc, ": "...)
	}
}

// group puts the unit-billed items into day-rate and unit groups.
func (d *drafter) group(items []workItem) []unitGroup {
	groups := slices.Grow(d.scratch.groups[:0], len(items))
	defer func() { d.scratch.groups = groups[:0] }()
	type key struct {
		who  string // technician for a day rate, ticket for units
		day  date.Date
		rate bool
	}
	var index map[key]int
	add := func(k key, i int) {
		if index == nil {
			index = map[key]int{}
		}
		g, ok := index[k]
		if !ok {
			g = len(groups)
			index[k] = g
			groups = append(groups, unitGroup{dayRate: k.rate})
		}
		groups[g].members = append(groups[g].members, i)
		groups[g].time += items[i].time
		items[i].group = int32(g)
	}
	unitBilled := func(it workItem) bool {
		return it.held == "" && it.decision.Charging == ChargeUnits && it.time > 0
	}
	if !d.quota && d.dayRates {
		// Day rates first: a technician's day that reaches the rates'
		// day-rate time is one group, priced per day.
		days := map[key]time.Duration{}
		for _, it := range items {
			if unitBilled(it) && !it.e.IsReversal() {
				days[key{it.e.Technician, it.e.Date, true}] += it.time
			}
		}
		for i, it := range items {
			k := key{it.e.Technician, it.e.Date, true}
			if unitBilled(it) && !it.e.IsReversal() && it.rates.DayRateApplies(days[k]) {
				add(k, i)
				items[i].dayRate = true
			}
		}
	}
	// A group of one entry takes its members from one shared slice.
	single := d.scratch.single[:0]
	defer func() { d.scratch.single = single[:0] }()
	for i, it := range items {
		if !unitBilled(it) || it.dayRate {
			continue
		}
		if d.units.Per == PerEntry || it.e.IsReversal() {
			if len(single) == 0 {
				single = slices.Grow(single, len(items))[:len(items)]
			}
			single[i] = i
			groups = append(groups, unitGroup{members: single[i : i+1 : i+1], time: it.time})
			items[i].group = int32(len(groups) - 1)
			continue
		}
		add(key{it.e.TicketID, it.e.Date, false}, i)
	}
	return groups
}

// shareUnits rounds a unit group and shares its units among the members.
func (d *drafter) shareUnits(items []workItem, g *unitGroup) {
	if g.dayRate {
		g.units = 1
		return
	}
	n := d.units.Units(g.time)
	g.units = n
	if len(g.members) == 1 {
		d.setUnits(&items[g.members[0]], n)
		return
	}
	times := make([]time.Duration, len(g.members))
	for j, i := range g.members {
		times[j] = items[i].time
	}
	for j, share := range workAllocateUnits(n, times) {
		d.setUnits(&items[g.members[j]], share)
	}
}

// setUnits gives an item its share of units, negative for a reversal,
// and for a quota customer the hours to book.
func (d *drafter) setUnits(it *workItem, share int64) {
	if it.e.IsReversal() {
		share = -share
	}
	it.units = share
	if d.quota {
		it.quotaHours = time.Duration(share) * d.units.Size
	}
}

// unitLine prices a unit or day-rate group. ids are the items' entry IDs:
// a line of one entry shares its Entries with them.
func (d *drafter) unitLine(items []workItem, g unitGroup, ids []string) (ChargeLine, error) {
	first := items[g.members[0]]
	lineIDs := ids[g.members[0] : g.members[0]+1 : g.members[0]+1]
	if len(g.members) > 1 {
		lineIDs = make([]string, len(g.members))
		for j, i := range g.members {
			lineIDs[j] = ids[i]
		}
	}
	l := ChargeLine{Date: first.e.Date, VATRate: first.rates.VATRate, Entries: lineIDs}
	sign := int64(1)
	if first.e.IsReversal() {
		sign = -1
	}
	if g.dayRate {
		if first.rates.Daily.IsZero() {
			return ChargeLine{}, d.missing(&MissingRateError{Date: l.Date, What: "daily rate"})
		}
		l.Kind = LineDayRate
		d.scratch.desc = fmt.Appendf(d.scratch.desc, "Day rate: %s, %s", first.e.Technician, l.Date)
		d.described()
		l.Quantity, l.Unit, l.Price = workOne, "DAY", first.rates.Daily
		l.Net = d.scratch.numbers.lineNet(l.Quantity, l.Price, l.BaseQuantity)
		return l, nil
	}
	if first.rates.Hourly.IsZero() {
		return ChargeLine{}, d.missing(&MissingRateError{Date: l.Date, What: "hourly rate"})
	}
	var units int64
	for _, i := range g.members {
		units += items[i].units
	}
	l.Kind = LineWork
	// "Work: ticket T-1, 2026-03-02, 3 × 15m", or "Reversal of E-1: ..."
	sc := d.scratch
	if first.e.IsReversal() {
		sc.desc = append(sc.desc, "Reversal of "...)
		sc.desc = append(sc.desc, first.e.Reverses...)
	} else {
		sc.desc = append(sc.desc, "Work"...)
	}
	sc.desc = append(sc.desc, ": ticket "...)
	d.describe(first.e.TicketID, l.Date)
	sc.desc = append(sc.desc, ", "...)
	sc.desc = strconv.AppendInt(sc.desc, units*sign, 10)
	sc.desc = append(sc.desc, " × "...)
	sc.desc = append(sc.desc, d.sizeText...)
	d.described()
	l.Quantity = sc.numbers.count(units * int64(d.units.Size/time.Minute))
	l.Unit, l.Price, l.BaseQuantity = "MIN", first.rates.Hourly, workMinutesPerHour
	l.Net = sc.numbers.lineNet(l.Quantity, l.Price, l.BaseQuantity)
	return l, nil
}

func (d *drafter) flatFeeLine(it *workItem, ids []string) (ChargeLine, error) {
	e := it.e
	if it.rates.FlatFee.IsZero() {
		return ChargeLine{}, d.missing(&MissingRateError{Date: e.Date, What: "technician flat fee"})
	}
	l := ChargeLine{
		Kind: LineFlatFee, Date: e.Date,
		Quantity: workOne, Unit: "C62", Price: e.Goodwill.ApplyAmount(it.rates.FlatFee), VATRate: it.rates.VATRate,
		Entries: ids,
	}
	d.reversalOf(e)
	d.scratch.desc = append(d.scratch.desc, "Technician flat fee: ticket "...)
	d.describe(e.TicketID, e.Date)
	d.described()
	if e.IsReversal() {
		l.Quantity = d.scratch.numbers.count(-1)
	}
	l.Net = d.scratch.numbers.lineNet(l.Quantity, l.Price, l.BaseQuantity)
	return l, nil
}

func (d *drafter) travelLine(it *workItem, ids []string) (ChargeLine, error) {
	e := it.e
	l := ChargeLine{Date: e.Date, VATRate: it.rates.VATRate, Entries: ids}
	if e.Travel.Zone != "" {
		z := slices.IndexFunc(it.rates.Travel, func(z TravelZone) bool { return z.Zone == e.Travel.Zone })
		if z < 0 {
			return ChargeLine{}, d.missing(&MissingRateError{Date: e.Date, What: fmt.Sprintf("travel zone %q", e.Travel.Zone)})
		}
		l.Kind = LineTravelZone
		l.Quantity, l.Unit, l.Price = workOne, "C62", it.rates.Travel[z].Charge
		if e.IsReversal() {
			l.Quantity = d.scratch.numbers.count(-1)
		}
		d.reversalOf(e)
		d.scratch.desc = append(d.scratch.desc, "Travel, zone "...)
		d.scratch.desc = append(d.scratch.desc, e.Travel.Zone...)
		d.scratch.desc = append(d.scratch.desc, ": ticket "...)
		d.describe(e.TicketID, e.Date)
	} else {
		if it.rates.PerKm.IsZero() {
			return ChargeLine{}, d.missing(&MissingRateError{Date: e.Date, What: "charge per kilometre"})
		}
		l.Kind = LineTravelDistance
		km := int64(e.Travel.Kilometres)
		if e.IsReversal() {
			km = -km
		}
		l.Quantity, l.Unit, l.Price = d.scratch.numbers.count(km), "KMT", it.rates.PerKm
		d.reversalOf(e)
		d.scratch.desc = append(d.scratch.desc, "Travel, "...)
		d.scratch.desc = strconv.AppendInt(d.scratch.desc, int64(e.Travel.Kilometres), 10)
		d.scratch.desc = append(d.scratch.desc, " km: ticket "...)
		d.describe(e.TicketID, e.Date)
	}
	d.described()
	l.Net = d.scratch.numbers.lineNet(l.Quantity, l.Price, l.BaseQuantity)
	return l, nil
}

func (d *drafter) usageLine(u Usage) (ChargeLine, error) {
	on := u.Period.First()
	r, err := d.contract.Rates.At(on)
	if err != nil {
		return ChargeLine{}, d.missing(err)
	}
	p, ok := r.UsagePriceOf(u.Item)
	if !ok {
		return ChargeLine{}, d.missing(&MissingRateError{Date: on, What: fmt.Sprintf("pay-per-use item %q", u.Item)})
	}
	l := ChargeLine{
		Kind: LineUsage, Date: on,
		Quantity: u.Quantity, Unit: p.Unit, Price: p.Price, VATRate: r.VATRate,
	}
	d.scratch.desc = fmt.Appendf(d.scratch.desc, "%s, %s", u.Item, u.Period)
	d.described()
	l.Net = d.scratch.numbers.lineNet(l.Quantity, l.Price, l.BaseQuantity)
	return l, nil
}

// workAllocateUnits shares n units among parts in proportion to their times
// (all positive), by largest remainder, ties to the earlier part: the
// shares sum to n and each is within one unit of its exact share. A
// ticket's day rounded as one is shown, and booked on a quota, entry by
// entry this way.
func workAllocateUnits(n int64, times []time.Duration) []int64 {
	shares := make([]int64, len(times))
	if len(times) == 1 {
		shares[0] = n
		return shares
	}
	var total time.Duration
	for _, t := range times {
		total += t
	}
	// Times are at most a day each (MaxWorked) and n at most a day of
	// minutes per part, so n*t stays inside int64 for any realistic
	// ticket; compute in seconds to keep the margin wide.
	secs := int64(total / time.Second)
	if secs == 0 {
		shares[0] = n
		return shares
	}
	rems := make([]int64, len(times))
	given := int64(0)
	for i, t := range times {
		q := n * int64(t/time.Second)
		shares[i], rems[i] = q/secs, q%secs
		given += shares[i]
	}
	for ; given < n; given++ {
		best := 0
		for i := range rems {
			if rems[i] > rems[best] {
				best = i
			}
		}
		shares[best]++
		rems[best] = -1
	}
	return shares
}

// workAppendDate appends a work date as "2026-03-02".
func workAppendDate(b []byte, day date.Date) []byte {
	y, m, dd := day.Date()
	b = workAppendPadded(b, y, 4)
	b = append(b, '-')
	b = workAppendPadded(b, int(m), 2)
	b = append(b, '-')
	return workAppendPadded(b, dd, 2)
}

func workAppendPadded(b []byte, v, width int) []byte {
	for w := 10; width > 1; width, w = width-1, w*10 {
		if v < w && v >= 0 {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(v), 10)
}
