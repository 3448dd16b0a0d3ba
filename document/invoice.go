package document

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing/einvoice"
)

// Invoice is the view model of an invoice's human-readable form: the
// visual twin of the e-invoice (package billing/einvoice), showing the
// same number, lines, VAT breakdown and totals, in the customer's
// language. Line names and notes are the e-invoice's own text, so the
// two say the same.
type Invoice struct {
	Lang       string
	Letterhead Letterhead
	Address    []string // the buyer's name and postal address
	Title      string   // "Rechnung", "Gutschrift", "Rechnungskorrektur"
	Fields     []Field  // number, date, period, due date, customer number, references
	Preceding  string   // the invoice a credit note or correction corrects; empty if none
	Lines      []InvoiceLine
	Totals     []Total // net, VAT per category and rate, total, prepaid, due
	Payment    string  // how to pay: the account, the reference, the terms
	Notes      []string
}

// InvoiceLine is a line of the invoice.
type InvoiceLine struct {
	Position    string // the line's ID
	Description string // the e-invoice's item name, with its note
	Quantity    string
	Price       string
	VAT         string // "19 %", or the category for reverse charge or exemption
	Net         string
}

// NewInvoice makes the human-readable form of an e-invoice. The
// letterhead is the Provider's; where Options.Provider leaves the name,
// address or VAT ID empty, the e-invoice's seller fills them in.
//
// It returns a *ValidationError for an invoice without a number or lines,
// or options whose language the package does not know. The currency is
// the invoice's own.
func NewInvoice(inv einvoice.Invoice, o Options) (Invoice, error) {
	switch {
	case inv.Number == "":
		return Invoice{}, invalid("Invoice.Number", "is missing")
	case len(inv.Lines) == 0:
		return Invoice{}, invalid("Invoice.Lines", "an invoice has at least one line")
	}
	if inv.Currency != "" {
		o.Provider.Currency = inv.Currency
	}
	f, err := o.format()
	if err != nil {
		return Invoice{}, err
	}
	l := &allLabels[f.lang]
	pr := o.Provider
	if pr.Name == "" {
		pr.Name = inv.Seller.Name
	}
	if len(pr.Address) == 0 && !inv.Seller.Address.IsZero() {
		pr.Address = postal(inv.Seller.Address)
	}
	if pr.VATID == "" && inv.Seller.VATID != "" {
		pr.VATID = l.InvVATID + " " + inv.Seller.VATID
	}
	v := Invoice{Lang: f.lang.String(), Letterhead: pr.letterhead(), Notes: inv.Notes}
	v.Address = append([]string{inv.Buyer.Name}, postal(inv.Buyer.Address)...)
	switch inv.Type {
	case einvoice.CreditNote:
		v.Title = l.InvCredit
	case einvoice.CorrectedInvoice:
		v.Title = l.InvCorrected
	default:
		v.Title = l.InvTitle
	}
	add := func(label, value string) {
		if value != "" {
			v.Fields = append(v.Fields, Field{label, value})
		}
	}
	add(l.InvNumber, inv.Number)
	add(l.InvDate, f.Date(inv.Issued))
	if !inv.Period.IsZero() {
		add(l.InvPeriod, f.Date(inv.Period.Start)+"–"+f.Date(inv.Period.End))
	}
	add(l.InvDue, f.Date(inv.Due))
	add(l.CustomerNo, inv.Buyer.ID)
	add(l.YourReference, inv.BuyerReference)
	add(l.InvOrder, inv.OrderReference)
	for _, b := range inv.VAT {
		if b.Category == einvoice.ReverseCharge || b.Category == einvoice.IntraCommunity {
			// The customer owes the VAT or the supply is free of it
			// because of the customer's VAT ID: § 14a UStG asks for it on
			// the invoice.
			add(l.InvYourVATID, inv.Buyer.VATID)
			break
		}
	}
	for _, a := range inv.Attachments {
		add(l.ReportTitle, a.ID)
	}
	for _, p := range inv.Preceding {
		v.Preceding = joinNonEmpty("; ", v.Preceding, fmt.Sprintf(l.InvPreceding, p.Number, f.Date(p.Issued)))
	}
	for _, ln := range inv.Lines {
		unit := l.UnitCodes[ln.Unit]
		if unit == "" {
			unit = ln.Unit
		}
		price := f.Money(ln.Price)
		if !ln.BaseQuantity.IsZero() && !ln.BaseQuantity.Equal(decimal.NewFromInt(1)) {
			price += "/" + f.Number(ln.BaseQuantity) + "\u00a0" + unit
		}
		desc := ln.Name
		for _, a := range inv.Attachments {
			// The line billing drafts for a service report names it in
			// English; the twin names it in the customer's language.
			if ln.Name == "Service report "+a.ID {
				desc = l.ReportTitle + " " + a.ID
			}
		}
		if ln.Note != "" {
			desc += " – " + ln.Note
		}
		v.Lines = append(v.Lines, InvoiceLine{
			Position: ln.ID, Description: desc, Quantity: f.Number(ln.Quantity) + "\u00a0" + unit, Price: price,
			VAT: f.Percent(ln.VAT.Rate), Net: f.Money(ln.Net),
		})
	}
	v.Totals = append(v.Totals, Total{Label: l.Net2, Value: f.Money(inv.Totals.TaxBasis)})
	for _, b := range inv.VAT {
		label := fmt.Sprintf(l.VATOn, f.Percent(b.Rate), f.Money(b.Base))
		if why := vatExemption(b.Category, l); why != "" {
			// No VAT is charged: the line says why, as § 14a UStG asks
			// of a reverse charge or an intra-community supply, in the
			// customer's language. The reason InvoiceTexts wrote into
			// the e-invoice is that name, so it is said once.
			label = fmt.Sprintf(l.VATNone, upperFirst(why), f.Money(b.Base))
			if b.ExemptionReason != "" && !strings.EqualFold(b.ExemptionReason, why) {
				label += " (" + b.ExemptionReason + ")"
			}
		}
		v.Totals = append(v.Totals, Total{Label: label, Value: f.Money(b.Tax)})
	}
	v.Totals = append(v.Totals, Total{Label: l.Total, Value: f.Money(inv.Totals.Gross), Strong: inv.Totals.Prepaid.IsZero()})
	if !inv.Totals.Prepaid.IsZero() {
		v.Totals = append(v.Totals, Total{Label: l.InvPrepaid, Value: f.Money(inv.Totals.Prepaid.Neg())},
			Total{Label: l.InvDueAmount, Value: f.Money(inv.Totals.Due), Strong: true})
	}
	switch p := inv.Payment; p.Means {
	case einvoice.SEPADirectDebit:
		v.Payment = fmt.Sprintf(l.InvDebit, f.Money(inv.Totals.Due), p.DebitedIBAN, p.Mandate, p.CreditorID)
	case einvoice.SEPACreditTransfer:
		v.Payment = fmt.Sprintf(l.InvTransfer, f.Money(inv.Totals.Due), joinNonEmpty(", ", "IBAN "+p.IBAN, bic(p.BIC)), p.Reference)
		if inv.Due != 0 {
			v.Payment = fmt.Sprintf(l.InvTransferBy, f.Money(inv.Totals.Due), f.Date(inv.Due), joinNonEmpty(", ", "IBAN "+p.IBAN, bic(p.BIC)), p.Reference)
		}
	}
	if p := inv.Payment.Terms; p != "" {
		v.Payment = joinNonEmpty(" ", v.Payment, p)
	}
	return v, nil
}

func bic(s string) string {
	if s == "" {
		return ""
	}
	return "BIC " + s
}

// postal is an address as lines: street, postcode and town, country.
func postal(a einvoice.Address) []string {
	var out []string
	for _, s := range []string{a.Line1, a.Line2, joinNonEmpty(" ", a.PostCode, a.City)} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// vatExemption names why no VAT is charged in category c, or returns ""
// for a category that charges VAT at its rate (zero-rated included).
func vatExemption(c einvoice.Category, l *labels) string {
	switch c {
	case einvoice.ReverseCharge:
		return l.InvReverse
	case einvoice.IntraCommunity:
		return l.InvIntra
	case einvoice.Exempt:
		return l.InvExempt
	}
	return ""
}

// upperFirst returns s with its first letter in upper case, for a
// label that begins a line.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Page lays the invoice out: the fields, the lines, the totals and how
// to pay.
func (v Invoice) Page() Page {
	l := labelsOf(v.Lang)
	p := Page{
		Lang: v.Lang, Letterhead: v.Letterhead, Address: v.Address, Title: v.Title, Fields: v.Fields,
		PageOf: l.Page + " %d " + l.Of + " %d",
	}
	if v.Preceding != "" {
		p.Intro = []string{v.Preceding}
	}
	s := Section{Table: Table{Columns: []Column{{Label: l.InvPos}, {Label: l.Description, Wrap: true}, {Label: l.Quantity, Right: true},
		{Label: l.Price, Right: true}, {Label: l.VAT, Right: true}, {Label: l.Net, Right: true}}}, Totals: v.Totals}
	for _, ln := range v.Lines {
		s.Table.Rows = append(s.Table.Rows, Row{Cells: []string{ln.Position, ln.Description, ln.Quantity, ln.Price, ln.VAT, ln.Net}})
	}
	p.Sections = []Section{s}
	if v.Payment != "" {
		p.Closing = append(p.Closing, v.Payment)
	}
	p.Closing = append(p.Closing, v.Notes...)
	return p
}

// WriteText writes the invoice as plain text within 80 columns.
func (v Invoice) WriteText(w io.Writer) error { return WriteText(w, v.Page()) }

// WriteHTML writes the invoice as an HTML page for print on A4.
func (v Invoice) WriteHTML(w io.Writer) error { return WriteHTML(w, v.Page()) }
