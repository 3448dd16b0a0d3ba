package document

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
)

// ServiceReport is the view model of a service report
// (Leistungsübersicht): every text decided and formatted in the
// customer's language. The work is grouped by branch; each group prints
// on its own page.
type ServiceReport struct {
	Lang       string     // "de"
	Letterhead Letterhead // the provider
	Address    []string   // customer name, attention, address
	Title      string     // "Leistungsübersicht"
	ID         string     // the report's ID, which the invoice names
	Customer   string     // the customer's name
	Scope      string     // "alle Niederlassungen", "Niederlassung Siegen", "Zentrale"
	Period     string     // "Juni 2026"
	Issued     string     // "01.07.2026"
	// UnitNote explains the work unit from the contract's unit policy:
	// "1 AE (Arbeitseinheit) = 15 Minuten; angefangene Einheiten werden
	// voll berechnet". Empty when no work is billed in units.
	UnitNote string
	Branches []ReportBranch // the work, one group per branch
	Held     []ReportLine   // work held back until the customer orders it
	Charges  []ReportCharge // what the invoice bills
	Totals   []Total        // net, VAT by rate, total due
	// Quota is the time booked on a quota customer's hour bank; empty
	// for others.
	Quota string
	// InvoiceNote says that the invoice follows; empty when nothing is
	// billed.
	InvoiceNote string

	labels *labels
}

// ReportBranch is the work of one branch, or of head office.
type ReportBranch struct {
	Name    string       // "Zentrale", "Niederlassung Siegen"
	Entries []ReportLine // by work date
	Worked  string       // the branch's time worked
}

// ReportLine is a work entry as the customer reads it.
type ReportLine struct {
	Date       string // "08.06.2026"
	Ticket     string // the ticket number the customer knows
	Technician string // the technician's name
	Worked     string // time worked: "1:20 Std."
	Billed     string // "6 AE", "kostenfrei", "Tagessatz", "3 AE = 0:45 Std."
	// Description is what was done, as the technician wrote it.
	Description string
	// Decision says in a sentence whether and why the work is billed:
	// "Kostenfrei: Die Ursache lag in unserem Verantwortungsbereich."
	Decision string
	// Goodwill says what goodwill waived, and why; empty if none.
	Goodwill string
	Billable bool // the work is charged (or booked on the quota)
}

// ReportCharge is a priced line of the report.
type ReportCharge struct {
	Date        string // the work date; empty for none
	Description string // "Anfahrt Zone Z2, Ticket T-5"
	Quantity    string // "1:30 Std.", "42 km", "1"
	Price       string // "95,00 €/Std."
	VAT         string // "19 %"
	Net         string // "45,00 €"
}

// NewServiceReport makes the view model of a billing run's service
// report in the recipient's language. units is the customer's unit
// policy (the contract's, else the Biller's), from which the work unit
// is explained.
//
// It returns a *ValidationError for a report without an ID or customer,
// an invalid unit policy, or options whose language or currency is not
// one the package knows.
func NewServiceReport(r billing.ServiceReport, units billing.UnitPolicy, o Options) (ServiceReport, error) {
	switch {
	case r.ID == "":
		return ServiceReport{}, invalid("ServiceReport.ID", "is missing")
	case r.CustomerID == "":
		return ServiceReport{}, invalid("ServiceReport.CustomerID", "is missing")
	}
	if err := units.Validate(); err != nil {
		return ServiceReport{}, invalid("UnitPolicy", err.Error())
	}
	f, err := o.format()
	if err != nil {
		return ServiceReport{}, err
	}
	l := &allLabels[f.lang]
	n := names{o.Names}
	v := ServiceReport{
		Lang: f.lang.String(), Letterhead: o.Provider.letterhead(), Title: l.ReportTitle, ID: r.ID,
		Customer: n.customer(r.CustomerID), Period: f.Month(r.Period.Year(), r.Period.Month()), Issued: f.Date(r.Issued),
		labels: l,
	}
	v.Address = address(v.Customer, o.Recipient, l)
	switch {
	case r.BranchID != "":
		v.Scope = l.Branch + " " + n.branch(r.CustomerID, r.BranchID)
	case r.Invoicing == billing.PerBranch:
		v.Scope = l.HeadOffice
	default:
		v.Scope = l.AllBranches
	}
	quotaCustomer := r.ContractType == billing.ContractQuota
	unit := l.Unit

	// The work, by branch: head office first, then the branches by name.
	type group struct {
		id, name string
		lines    []ReportLine
		worked   time.Duration
	}
	var groups []*group
	for _, e := range r.Entries {
		i := slices.IndexFunc(groups, func(g *group) bool { return g.id == e.Entry.BranchID })
		if i < 0 {
			name := l.HeadOffice
			if e.Entry.BranchID != "" {
				name = l.Branch + " " + n.branch(r.CustomerID, e.Entry.BranchID)
			}
			groups = append(groups, &group{id: e.Entry.BranchID, name: name})
			i = len(groups) - 1
		}
		g := groups[i]
		g.lines = append(g.lines, reportLine(e, f, l, n, unit, quotaCustomer))
		g.worked += e.Entry.Worked()
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		if (a.id == "") != (b.id == "") {
			if a.id == "" {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.name, b.name)
	})
	for _, g := range groups {
		v.Branches = append(v.Branches, ReportBranch{Name: g.name, Entries: g.lines, Worked: f.Hours(g.worked)})
	}
	for _, e := range r.Held {
		line := reportLine(e, f, l, n, unit, false)
		line.Billed = "–"
		v.Held = append(v.Held, line)
	}

	byID := make(map[string]billing.ReportEntry, len(r.Entries))
	for _, e := range r.Entries {
		byID[e.Entry.ID] = e
	}
	anyUnits := false
	for _, e := range r.Entries {
		anyUnits = anyUnits || (e.Decision.Charging == billing.ChargeUnits && !e.DayRate)
	}
	for _, c := range r.Lines {
		v.Charges = append(v.Charges, reportCharge(c, byID, f, l, n, unit, units))
	}
	if len(r.Lines) > 0 {
		v.Totals = totals(r.Totals, f, l)
		v.InvoiceNote = fmt.Sprintf(l.InvoiceFollows, f.Money(r.Totals.Gross))
	}
	if quotaCustomer {
		v.Quota = fmt.Sprintf(l.QuotaBooked, r.QuotaContractID, f.Hours(r.QuotaHours))
	}
	if anyUnits {
		v.UnitNote = unitNote(units, f, l)
	}
	return v, nil
}

// address is the recipient block: the customer, the attention line and
// the postal address.
func address(customer string, r Recipient, l *labels) []string {
	out := []string{customer}
	if r.Attention != "" {
		out = append(out, l.Attention+" "+r.Attention)
	}
	return append(out, r.Address...)
}

func reportLine(e billing.ReportEntry, f *Format, l *labels, n names, unit string, quotaCustomer bool) ReportLine {
	line := ReportLine{
		Date: f.Date(e.Entry.Date), Ticket: e.Entry.TicketID, Technician: n.person(e.Entry.Technician),
		Worked: f.Hours(e.Entry.Worked()), Description: e.Entry.Description,
		Decision: decision(e, l), Billable: e.Decision.Billable(),
	}
	switch {
	case e.DayRate:
		line.Billed = l.DayRate
	case e.Decision.Charging == billing.ChargeUnits && quotaCustomer:
		line.Billed = f.Int(e.Units) + "\u00a0" + unit + " = " + f.Hours(e.QuotaHours)
	case e.Decision.Charging == billing.ChargeUnits:
		line.Billed = f.Int(e.Units) + "\u00a0" + unit
	case e.Decision.Charging == billing.ChargeFlatFee:
		line.Billed = l.FlatFee
	default:
		line.Billed = l.NotBilled
	}
	if g := e.Entry.Goodwill; !g.IsZero() {
		switch {
		case !g.Percent.IsZero():
			line.Goodwill = fmt.Sprintf(l.GoodwillPercent, f.Percent(g.Percent), g.Reason)
		default:
			line.Goodwill = fmt.Sprintf(l.GoodwillTime, f.Hours(g.Waive), g.Reason)
		}
	}
	return line
}

// decision says in a sentence whether and why work is billed, from what
// the policy decided and the facts of the entry: whose fault, whose
// order, what kind of work. The rule's name stays in the back office.
func decision(e billing.ReportEntry, l *labels) string {
	w := e.Entry
	if w.IsReversal() {
		return l.Reversal
	}
	switch e.Decision.Charging {
	case billing.ChargeFree:
		switch {
		case w.Billable == billing.BillableNo:
			return fmt.Sprintf(l.FreeJustified, w.Justification)
		case w.Fault == billing.FaultProvider:
			return l.FreeProvider
		case e.Decision.Rule == billing.RuleDefault:
			return l.FreeDefault
		}
		return l.FreeCovered
	case billing.ChargeFlatFee:
		if w.Fault == billing.FaultCustomer {
			return l.BilledCustomer + " " + l.BilledFlatFee
		}
		return l.BilledFlatFee
	}
	switch {
	case w.OrderRef != "":
		return fmt.Sprintf(l.BilledOrder, w.OrderRef)
	case w.Fault == billing.FaultCustomer:
		return l.BilledCustomer
	}
	if a, ok := l.Activities[string(w.Activity)]; ok && w.Activity != billing.ActivitySupport {
		return fmt.Sprintf(l.BilledActivity, a)
	}
	return l.BilledDefault
}

func reportCharge(c billing.ChargeLine, byID map[string]billing.ReportEntry, f *Format, l *labels, n names, unit string, units billing.UnitPolicy) ReportCharge {
	out := ReportCharge{Date: f.Date(c.Date), VAT: f.Percent(c.VATRate), Net: f.Money(c.Net)}
	var e billing.ReportEntry
	if len(c.Entries) > 0 {
		e = byID[c.Entries[0]]
	}
	ticket := e.Entry.TicketID
	unitCode := l.UnitCodes[c.Unit]
	if unitCode == "" {
		unitCode = c.Unit
	}
	out.Quantity = f.Number(c.Quantity) + "\u00a0" + unitCode
	out.Price = f.Money(c.Price)
	if !c.BaseQuantity.IsZero() && !c.BaseQuantity.Equal(decimal.NewFromInt(1)) {
		out.Price += "/" + f.Number(c.BaseQuantity) + "\u00a0" + unitCode
	} else if c.Unit != "C62" && c.Unit != "" {
		out.Price += "/" + unitCode
	}
	switch c.Kind {
	case billing.LineWork:
		size := units.Size
		if size == 0 {
			size = 15 * time.Minute
		}
		minutes := c.Quantity.IntPart()
		count := minutes / max(int64(size/time.Minute), 1)
		out.Description = fmt.Sprintf(l.LineWork, ticket, f.Int(count)+"\u00a0"+unit)
		out.Quantity = f.Hours(time.Duration(minutes) * time.Minute)
		if c.BaseQuantity.Equal(decimal.NewFromInt(60)) {
			out.Price = f.Money(c.Price) + "/" + l.PerHour
		}
	case billing.LineDayRate:
		out.Description = fmt.Sprintf(l.LineDayRate, n.person(e.Entry.Technician))
	case billing.LineFlatFee:
		out.Description = fmt.Sprintf(l.LineFlatFee, ticket)
		out.Quantity = f.Number(c.Quantity)
	case billing.LineTravelZone:
		out.Description = fmt.Sprintf(l.LineTravelZone, e.Entry.Travel.Zone, ticket)
		out.Quantity = f.Number(c.Quantity)
	case billing.LineTravelDistance:
		out.Description = fmt.Sprintf(l.LineTravelKm, ticket)
	default:
		out.Description = c.Description
		if c.Unit == "C62" {
			out.Quantity = f.Number(c.Quantity)
		}
	}
	if c.Quantity.IsNegative() && c.Kind != billing.LineOther {
		out.Description = fmt.Sprintf(l.Credit, out.Description)
	}
	return out
}

// totals are the lines under the charges: net, VAT per rate, total.
func totals(t billing.DocumentTotals, f *Format, l *labels) []Total {
	out := []Total{{Label: l.Net2, Value: f.Money(t.Net)}}
	for _, v := range t.VAT {
		out = append(out, Total{Label: fmt.Sprintf(l.VATOn, f.Percent(v.Rate), f.Money(v.Base)), Value: f.Money(v.Tax)})
	}
	return append(out, Total{Label: l.Total, Value: f.Money(t.Gross), Strong: true})
}

// unitNote explains the work unit from the unit policy.
func unitNote(p billing.UnitPolicy, f *Format, l *labels) string {
	size := p.Size
	if size == 0 {
		size = 15 * time.Minute
	}
	s := fmt.Sprintf(l.UnitSize, l.Unit, l.UnitName, f.Minutes(size))
	switch p.Rounding {
	case billing.RoundNearest:
		s += "; " + l.RoundNearest
	case billing.RoundDown:
		s += "; " + l.RoundDown
	default:
		s += "; " + l.RoundUp
	}
	if p.Minimum > 0 {
		s += "; " + fmt.Sprintf(l.Minimum, p.Minimum, l.Unit)
	}
	if p.Per == billing.PerTicketDay {
		s += "; " + l.PerTicketDay
	}
	return s + "."
}

// Page lays the report out: the fields beside the title, one section per
// branch (each after the first on a new page), the held work, the
// charges with their totals, and the notes.
func (r ServiceReport) Page() Page {
	l := r.labels
	if l == nil {
		l = &allLabels[German]
	}
	p := Page{
		Lang: r.Lang, Letterhead: r.Letterhead, Address: r.Address, Title: r.Title,
		Fields: []Field{{l.ReportNo, r.ID}, {l.Customer, r.Customer}, {l.ScopeLabel, r.Scope}, {l.Period, r.Period}, {l.Issued, r.Issued}},
		PageOf: l.Page + " %d " + l.Of + " %d",
	}
	workCols := []Column{{Label: l.Date}, {Label: l.Ticket}, {Label: l.Technician, Wrap: true}, {Label: l.Time, Right: true}, {Label: l.Billed, Right: true}}
	rows := func(lines []ReportLine) []Row {
		out := make([]Row, 0, len(lines))
		for _, e := range lines {
			row := Row{Cells: []string{e.Date, e.Ticket, e.Technician, e.Worked, e.Billed}}
			if e.Description != "" {
				row.Detail = append(row.Detail, e.Description)
			}
			row.Detail = append(row.Detail, e.Decision)
			if e.Goodwill != "" {
				row.Detail = append(row.Detail, e.Goodwill)
			}
			out = append(out, row)
		}
		return out
	}
	if len(r.Branches) == 0 {
		p.Sections = append(p.Sections, Section{Heading: l.Work, Text: []string{l.NoWork}})
	}
	for i, b := range r.Branches {
		heading := l.Work
		if len(r.Branches) > 1 || b.Name != l.HeadOffice {
			heading += " – " + b.Name
		}
		s := Section{Heading: heading, NewPage: i > 0, Table: Table{Columns: workCols, Rows: rows(b.Entries)}}
		s.Totals = []Total{{Label: l.TimeTotal, Value: b.Worked}}
		p.Sections = append(p.Sections, s)
	}
	if len(r.Held) > 0 {
		p.Sections = append(p.Sections, Section{Heading: l.Held, Text: []string{l.HeldText}, Table: Table{Columns: workCols, Rows: rows(r.Held)}})
	}
	last := Section{}
	if len(r.Charges) > 0 {
		last.Heading = l.Charges
		last.Table.Columns = []Column{{Label: l.Date}, {Label: l.Description, Wrap: true}, {Label: l.Quantity, Right: true},
			{Label: l.Price, Right: true}, {Label: l.VAT, Right: true}, {Label: l.Net, Right: true}}
		for _, c := range r.Charges {
			last.Table.Rows = append(last.Table.Rows, Row{Cells: []string{c.Date, c.Description, c.Quantity, c.Price, c.VAT, c.Net}})
		}
		last.Totals = r.Totals
	}
	if last.Heading != "" {
		p.Sections = append(p.Sections, last)
	}
	// The quota booking, that the invoice follows, and what a unit is.
	notes := Section{}
	for _, s := range []string{r.Quota, r.InvoiceNote} {
		if s != "" {
			notes.Text = append(notes.Text, s)
		}
	}
	if r.UnitNote != "" {
		notes.Notes = append(notes.Notes, r.UnitNote)
	}
	if len(notes.Text) > 0 || len(notes.Notes) > 0 {
		p.Sections = append(p.Sections, notes)
	}
	return p
}

// WriteText writes the report as plain text within 80 columns.
func (r ServiceReport) WriteText(w io.Writer) error { return WriteText(w, r.Page()) }

// WriteHTML writes the report as an HTML page for print on A4.
func (r ServiceReport) WriteHTML(w io.Writer) error { return WriteHTML(w, r.Page()) }
