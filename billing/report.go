package billing

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"text/tabwriter"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"
)

// ServiceReport (Servicebericht, Leistungsübersicht) lists the work a run
// bills a customer, or one of its branches, for a period. It has its
// own ID, goes to the customer's report recipient before the invoice,
// and the invoice shows only its ID and amount. It lists every entry:
// billable ones with their units, non-billable ones with the
// justification, goodwill with its reason, and, apart, the entries
// held back for want of an explicit order.
type ServiceReport struct {
	ID         string // ReportID(RunID, CustomerID, BranchID)
	RunID      string // the run that drafted it
	CustomerID string // the customer billed
	// BranchID is the branch the report is for; empty: the whole customer
	// (central invoicing) or head office's own work (per branch).
	BranchID        string
	Invoicing       Invoicing    // central or per branch, as the contract said
	Recipient       string       // the customer's report recipient
	Period          quota.Period // the period billed
	Issued          date.Date    // the run's day
	ContractType    ContractType // the customer's contract type
	QuotaContractID string       // a quota customer's quota contract

	Entries []ReportEntry  // billed and non-billed entries, by work date
	Held    []ReportEntry  // held back, not billed now; they stay released
	Usage   []Usage        // pay-per-use quantities billed
	Lines   []ChargeLine   // what the invoice bills, by work date
	Totals  DocumentTotals // of Lines
	// QuotaHours is the time booked on the quota (consumption less what
	// reversals gave back); quota customers only.
	QuotaHours time.Duration
}

// ReportEntry is a work entry as a report shows it.
type ReportEntry struct {
	Entry    WorkEntry   // the entry as released and billed
	Decision Billability // whether and how it is billed, and why
	// Time is the time billable after goodwill, before units; zero for
	// free work and flat fees.
	Time time.Duration
	// Units are the work units billed for the entry, negative for a
	// reversal. Where a ticket's day is rounded as a whole, the day's
	// units are shared among its entries in proportion to their time.
	Units int64
	// DayRate reports that the entry is billed within a day rate.
	DayRate bool
	// QuotaHours is the time booked on the quota for the entry: Units ×
	// unit size, negative for a reversal; quota customers only.
	QuotaHours time.Duration
	// Held says why the entry is held back; empty if it is not.
	Held string
}

// errNilWriter is what the report writers return for a nil io.Writer.
func errNilWriter() error {
	var ps problems
	ps.add("w", "is nil")
	return ps.err()
}

// WriteText writes the report as plain text for the customer's mail: a
// header, the work with each entry's decision and goodwill, the held
// entries apart, the charges and the totals. Amounts have 2 decimals.
// It returns a *ValidationError for a nil w, or w's error.
func (r ServiceReport) WriteText(w io.Writer) error {
	if w == nil {
		return errNilWriter()
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Service report %s\n", r.ID)
	fmt.Fprintf(bw, "Customer %s, %s\n", r.CustomerID, r.scope())
	fmt.Fprintf(bw, "Period %s, issued %s, for %s\n", r.Period, r.Issued, r.Recipient)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	section := func(title string) {
		tw.Flush()
		fmt.Fprintf(bw, "\n%s\n", title)
	}
	section("Work")
	if len(r.Entries) == 0 {
		fmt.Fprintln(bw, "(none)")
	}
	for _, e := range r.Entries {
		v := e.view(r.ContractType == ContractQuota)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v.Date, v.Ticket, v.Technician, v.Branch, v.Worked, v.Billed, v.Decision)
		for _, note := range v.Notes {
			fmt.Fprintf(tw, "\t\t\t\t\t\t%s\n", note)
		}
	}
	if len(r.Held) > 0 {
		section("Held back: the customer's order is needed first")
		for _, e := range r.Held {
			v := e.view(false)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", v.Date, v.Ticket, v.Technician, v.Branch, v.Worked, e.Held)
		}
	}
	if len(r.Lines) > 0 {
		section("Charges")
		for _, l := range r.Lines {
			v := l.view()
			fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s\t%s\tVAT %s%%\n", v.Date, v.Description, v.Quantity, v.Unit, v.Price, v.Net, v.VATRate)
		}
		tw.Flush()
		fmt.Fprintf(bw, "\nNet total %s\n", r.Totals.Net.StringFixed(2))
		for _, v := range r.Totals.VAT {
			fmt.Fprintf(bw, "VAT %s%% on %s: %s\n", v.Rate.String(), v.Base.StringFixed(2), v.Tax.StringFixed(2))
		}
		fmt.Fprintf(bw, "Total %s\n", r.Totals.Gross.StringFixed(2))
	}
	tw.Flush()
	if r.ContractType == ContractQuota {
		fmt.Fprintf(bw, "\nBooked on quota %s: %s\n", r.QuotaContractID, quota.FormatHours(r.QuotaHours))
	}
	return bw.Flush()
}

// WriteHTML writes the report as an HTML page (html/template, so every
// text is escaped), with the same content as WriteText; a host may turn it
// into the PDF the customer receives. It returns a *ValidationError for a
// nil w, or w's error.
func (r ServiceReport) WriteHTML(w io.Writer) error {
	if w == nil {
		return errNilWriter()
	}
	quotaCustomer := r.ContractType == ContractQuota
	data := struct {
		ServiceReport
		Scope         string
		Work, HeldOut []reportEntryView
		Charges       []chargeLineView
		Quota         bool
		QuotaBooked   string
	}{ServiceReport: r, Scope: r.scope(), Quota: quotaCustomer, QuotaBooked: quota.FormatHours(r.QuotaHours)}
	for _, e := range r.Entries {
		data.Work = append(data.Work, e.view(quotaCustomer))
	}
	for _, e := range r.Held {
		data.HeldOut = append(data.HeldOut, e.view(false))
	}
	for _, l := range r.Lines {
		data.Charges = append(data.Charges, l.view())
	}
	return workReportHTML.Execute(w, data)
}

func (r ServiceReport) scope() string {
	switch {
	case r.BranchID != "":
		return "branch " + r.BranchID
	case r.Invoicing == PerBranch:
		return "head office"
	}
	return "all branches"
}

// reportEntryView is an entry as the renderings show it.
type reportEntryView struct {
	Date, Ticket, Technician, Branch, Worked, Billed, Decision, Held string
	Notes                                                            []string
}

func (e ReportEntry) view(quotaCustomer bool) reportEntryView {
	v := reportEntryView{
		Date: e.Entry.Date.String(), Ticket: e.Entry.TicketID, Technician: e.Entry.Technician,
		Branch: e.Entry.BranchID, Worked: workFormatTime(e.Entry.Worked()), Decision: e.Decision.String(), Held: e.Held,
	}
	if v.Branch == "" {
		v.Branch = "head office"
	}
	switch {
	case e.Held != "":
		v.Billed = "held"
	case e.DayRate:
		v.Billed = "day rate"
	case e.Decision.Charging == ChargeUnits && quotaCustomer:
		v.Billed = fmt.Sprintf("%d AE, quota %s", e.Units, quota.FormatHours(e.QuotaHours))
	case e.Decision.Charging == ChargeUnits:
		v.Billed = fmt.Sprintf("%d AE", e.Units)
	case e.Decision.Charging == ChargeFlatFee:
		v.Billed = "flat fee"
	default:
		v.Billed = "not billed"
	}
	if e.Entry.Description != "" {
		v.Notes = append(v.Notes, e.Entry.Description)
	}
	if g := e.Entry.Goodwill; !g.IsZero() {
		note := "goodwill:"
		if g.Waive > 0 {
			note += " " + workFormatTime(g.Waive) + " waived"
		}
		if !g.Percent.IsZero() {
			note += " " + g.Percent.String() + "% waived"
		}
		v.Notes = append(v.Notes, note+" ("+g.Reason+")")
	}
	if e.Entry.OrderRef != "" {
		v.Notes = append(v.Notes, "order "+e.Entry.OrderRef)
	}
	return v
}

// chargeLineView is a charge line as the renderings show it.
type chargeLineView struct {
	Date, Description, Quantity, Unit, Price, Net, VATRate string
}

func (l ChargeLine) view() chargeLineView {
	price := l.Price.StringFixed(2)
	if !l.BaseQuantity.IsZero() && !l.BaseQuantity.Equal(workOne) {
		price += " / " + l.BaseQuantity.String()
	}
	date := ""
	if l.Date != 0 {
		date = l.Date.String()
	}
	return chargeLineView{
		Date: date, Description: l.Description, Quantity: l.Quantity.String(), Unit: l.Unit,
		Price: price, Net: l.Net.StringFixed(2), VATRate: l.VATRate.String(),
	}
}

var workReportHTML = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Service report {{.ID}}</title></head>
<body>
<h1>Service report {{.ID}}</h1>
<p>Customer {{.CustomerID}}, {{.Scope}}<br>Period {{.Period}}, issued {{.Issued}}, for {{.Recipient}}</p>
<h2>Work</h2>
<table>
<tr><th>Date</th><th>Ticket</th><th>Technician</th><th>Branch</th><th>Worked</th><th>Billed</th><th>Decision</th></tr>
{{range .Work}}<tr><td>{{.Date}}</td><td>{{.Ticket}}</td><td>{{.Technician}}</td><td>{{.Branch}}</td><td>{{.Worked}}</td><td>{{.Billed}}</td><td>{{.Decision}}{{range .Notes}}<br>{{.}}{{end}}</td></tr>
{{end}}</table>
{{if .HeldOut}}<h2>Held back: the customer's order is needed first</h2>
<table>
{{range .HeldOut}}<tr><td>{{.Date}}</td><td>{{.Ticket}}</td><td>{{.Technician}}</td><td>{{.Branch}}</td><td>{{.Worked}}</td><td>{{.Held}}</td></tr>
{{end}}</table>
{{end}}{{if .Charges}}<h2>Charges</h2>
<table>
<tr><th>Date</th><th>Description</th><th>Quantity</th><th>Price</th><th>Net</th><th>VAT</th></tr>
{{range .Charges}}<tr><td>{{.Date}}</td><td>{{.Description}}</td><td>{{.Quantity}} {{.Unit}}</td><td>{{.Price}}</td><td>{{.Net}}</td><td>{{.VATRate}}%</td></tr>
{{end}}</table>
<p>Net total {{.Totals.Net.StringFixed 2}}<br>
{{range .Totals.VAT}}VAT {{.Rate}}% on {{.Base.StringFixed 2}}: {{.Tax.StringFixed 2}}<br>
{{end}}Total {{.Totals.Gross.StringFixed 2}}</p>
{{end}}{{if .Quota}}<p>Booked on quota {{.QuotaContractID}}: {{.QuotaBooked}}</p>
{{end}}</body></html>
`))
