package einvoice

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// Config is the provider's side of every invoice, configured once: the
// seller, where the buyer pays, the currency and the payment terms. The
// zero values of Currency, DueDays and Terms have defaults.
type Config struct {
	// Seller is the provider (BG-4): name, address, VAT ID and/or tax
	// number, contact and electronic address.
	Seller Party
	// IBAN, BIC and AccountName are the account buyers pay into by SEPA
	// credit transfer (BT-84 to BT-86).
	IBAN, BIC, AccountName string
	// CreditorID is the seller's SEPA creditor identifier (BT-90), needed
	// for customers who pay by direct debit.
	CreditorID string
	Currency   string // BT-5, ISO 4217; empty: "EUR"
	DueDays    int    // days from issue to the due date (BT-9); 0: 14
	// Terms is the payment terms text (BT-20); empty: Texts writes them
	// ("Payable within N days of the invoice date without deduction.",
	// or, for direct debit, the date the amount is collected).
	Terms string
	// Texts writes the words the library puts into the invoice: the
	// lines' item names, the payment terms when Terms is empty, the
	// service report's description, the exemption reason of reverse
	// charge and intra-community supplies. Nil: EnglishTexts. A host
	// invoicing a German customer sets
	// document.InvoiceTexts(document.German).
	Texts Texts
	// ReportLines lists a service invoice's charges as the service report
	// prices them (work, travel, flat fees, pay-per-use items, each with
	// quantity, UN/ECE unit code and net price) instead of one line
	// "Service report <ID>" per VAT rate. The totals are the same: each
	// rate's report lines sum to its one line.
	ReportLines bool
}

// Customer is what the host knows about a customer that an invoice needs:
// the buyer, its references and how it is taxed and pays. The host owns
// customer master data; the library only asks for it.
type Customer struct {
	Buyer Party // BG-7
	// BuyerReference is BT-10: a public buyer's Leitweg-ID, or the
	// reference the customer asked invoices to carry. XRechnung requires
	// one.
	BuyerReference string
	OrderReference string // BT-13 the customer's purchase order; optional
	// VAT is how the customer's invoices are taxed: the zero value is
	// domestic VAT at the rates of the rate card (category S, or Z where
	// the rate is 0). ReverseCharge for a business customer in another
	// EU member state; Exempt with the reason.
	VAT Treatment
	// DeliverTo is where the goods go (BG-15), which an intra-community
	// supply of goods (category K) must name; zero for services.
	DeliverTo Address
	// DirectDebit is the customer's SEPA mandate; zero: the customer pays
	// by credit transfer.
	DirectDebit Mandate
	// Profile is the profile the customer receives: XRechnung (the zero
	// value) for German buyers, EN16931 for others.
	Profile Profile
}

// Treatment is the VAT treatment of a customer's invoices.
type Treatment struct {
	// Category is the VAT category of every line; empty: S for a
	// positive rate, Z for a zero rate, the rates of the rate card.
	// For E, AE and K the rate is 0, whatever the rate card says.
	Category Category
	// ExemptionReason (BT-120) and ExemptionCode (BT-121) say why no VAT
	// is charged; empty for AE and K: Config.Texts writes the reason
	// ("Reverse charge", "Intra-community supply" in English) with
	// VATEX-EU-AE or VATEX-EU-IC. E needs one of them: only the host
	// knows the law that exempts its supplies. S and Z have none.
	ExemptionReason string
	ExemptionCode   string
}

// Mandate is a customer's SEPA direct debit mandate.
type Mandate struct {
	Reference string // BT-89 the mandate reference
	IBAN      string // BT-91 the account debited
}

// IsZero reports whether there is no mandate.
func (m Mandate) IsZero() bool { return m == Mandate{} }

// Customers is how the library asks the host for a customer's data: the
// customer, or the branch of it that is invoiced on its own (branchID
// empty: head office). It returns an error the host chooses for an
// unknown customer; Config.Invoices passes it on.
//
// A host with customers in several countries decides each one's VAT
// treatment here: a German business customer of a German provider gets
// the zero Treatment (19 % or 7 % as the rate card says), a Dutch
// business customer with a valid VAT ID gets ReverseCharge and the
// EN16931 profile.
type Customers interface {
	Customer(ctx context.Context, customerID, branchID string) (Customer, error)
}

// Corrections is what a host implements beside Customers to name the
// invoices a credit note corrects (BG-3): the invoices that billed the
// entries the draft's reversals reverse (each reversed entry's ReportID
// leads to its report's invoice). Without it, a draft whose total is
// negative is refused with a *ValidationError naming BG-3.
type Corrections interface {
	Corrected(ctx context.Context, draft billing.InvoiceDraft, report *billing.ServiceReport) ([]InvoiceReference, error)
}

// Invoices makes the e-invoices of one customer's result of a billing
// run (billing.Biller.Run yields one per customer): one per invoice
// draft, in the drafts' order, each with its service report from the
// result, the customer (or the branch invoiced) from customers, and, for
// a credit note, the invoices it corrects if customers implements
// Corrections. It stops at the first error, which names the draft and
// wraps the host's error or the *ValidationError of Config.Invoice.
func (cfg Config) Invoices(ctx context.Context, res billing.RunResult, customers Customers) ([]Invoice, error) {
	out := make([]Invoice, 0, len(res.Invoices))
	if customers == nil && len(res.Invoices) > 0 {
		var ps problems
		ps.add("BG-7", "customers", "no Customers to ask for the buyer")
		return out, ps.err()
	}
	for _, d := range res.Invoices {
		src := Source{Draft: d}
		for i := range res.Reports {
			if d.ReportID != "" && res.Reports[i].ID == d.ReportID {
				src.Report = &res.Reports[i]
			}
		}
		c, err := customers.Customer(ctx, d.CustomerID, d.BillTo)
		if err != nil {
			return out, fmt.Errorf("einvoice: customer of invoice %s: %w", d.ID, err)
		}
		if corr, ok := customers.(Corrections); ok && d.Totals.Gross.IsNegative() {
			if src.Corrects, err = corr.Corrected(ctx, d, src.Report); err != nil {
				return out, fmt.Errorf("einvoice: invoices corrected by %s: %w", d.ID, err)
			}
		}
		inv, err := cfg.Invoice(src, c)
		if err != nil {
			return out, fmt.Errorf("einvoice: invoice %s: %w", d.ID, err)
		}
		out = append(out, inv)
	}
	return out, nil
}

// Source is what one e-invoice is made of: a billing run's draft and,
// for a service invoice, its service report.
type Source struct {
	Draft billing.InvoiceDraft
	// Report is the draft's service report, for a service invoice; it is
	// attached (BG-24) unless ReportDocument is set. Optional.
	Report *billing.ServiceReport
	// ReportDocument is the service report as the customer received it
	// (a PDF), attached instead of the CSV made from Report. Optional.
	ReportDocument *Attachment
	// Corrects names the invoices a draft whose total is negative
	// corrects: it becomes a credit note (381), which must name them
	// (BG-3). The host finds them from the reversed entries' reports.
	Corrects []InvoiceReference
	// Replaces names the invoice this one replaces, when the host
	// re-issues a wrong invoice (after a dispute found an error, say) in
	// full: the invoice becomes a corrected invoice (384) naming it
	// (BG-3). Not for a credit; a draft whose total is negative is a
	// credit note whatever Replaces says.
	Replaces []InvoiceReference
}

// Invoice makes the e-invoice of a billing run's draft for a customer:
// the draft's number (the ERP's, else its ID), dates, period and lines,
// the seller from cfg, the buyer, references, delivery address, VAT
// treatment and payment means from the customer, the VAT breakdown and
// totals, and the service report attached. A draft whose total is
// negative becomes a credit note (381) with the amounts as positive
// credits, naming the invoices in src.Corrects; it is never netted into
// another invoice. A line whose
// amount is a credit keeps a positive price and a negative quantity
// (BR-27); a quota correction's hours, rounded to 4 decimals in the
// draft, are stated in minutes at the price per 60, so that quantity ×
// price gives the line's amount (BT-131).
//
// It returns a *ValidationError naming the business term for anything
// the invoice cannot be made or sent with: a seller without VAT ID and
// tax number, an unknown currency, reverse charge without the buyer's VAT
// ID, a credit note without the invoice it corrects, a draft that nets a
// charge into a credit note, and everything Validate checks for the
// customer's profile.
func (cfg Config) Invoice(src Source, c Customer) (Invoice, error) {
	d := src.Draft
	inv := Invoice{
		Number: d.Number, Type: CommercialInvoice, Issued: d.Issued, Currency: cfg.Currency,
		BuyerReference: c.BuyerReference, OrderReference: c.OrderReference,
		Seller: cfg.Seller, Buyer: c.Buyer, DeliverTo: c.DeliverTo,
	}
	if inv.Number == "" {
		inv.Number = d.ID
	}
	if inv.Currency == "" {
		inv.Currency = "EUR"
	}
	if !d.Period.IsZero() {
		inv.Period = Period{Start: d.Period.First(), End: d.Period.Last()}
	}
	var ps problems
	credit := d.Totals.Gross.IsNegative()
	if len(src.Replaces) > 0 && !credit {
		inv.Type, inv.Preceding = CorrectedInvoice, src.Replaces
	}
	if credit {
		inv.Type = CreditNote
		inv.Preceding = src.Corrects
		if len(src.Corrects) == 0 {
			ps.add("BG-3", "Source.Corrects", "the draft's total is negative: its credit note must name the invoice it corrects")
		}
	}
	texts := cfg.Texts
	if texts == nil {
		texts = EnglishTexts{}
	}
	vat, err := c.VAT.resolve(texts)
	if err != nil {
		return Invoice{}, err
	}
	lines := d.Lines
	if cfg.ReportLines && src.Report != nil && d.Kind == billing.InvoiceService {
		if src.Report.ID != d.ReportID {
			ps.add("BG-24", "Source.Report", "the report is not the draft's")
		}
		lines = src.Report.Lines
	}
	inv.Lines = make([]Line, len(lines))
	for i, dl := range lines {
		l := Line{
			ID: itoa(i + 1), Name: texts.ItemName(d, dl), Quantity: dl.Quantity, Unit: dl.Unit,
			Price: dl.Price, BaseQuantity: dl.BaseQuantity, Net: dl.Net, VAT: vat.of(dl.VATRate),
		}
		inMinutes(&l)
		if l.Price.IsNegative() {
			// A service invoice's line of a VAT rate whose reversals
			// outweigh its charges: the price is never negative (BR-27),
			// the quantity is.
			l.Quantity, l.Price = l.Quantity.Neg(), l.Price.Neg()
		}
		if credit {
			l.Quantity, l.Net = l.Quantity.Neg(), l.Net.Neg()
			if l.Quantity.IsNegative() {
				ps.add("BT-129", fmt.Sprintf("Source.Draft.Lines[%d]", i), "the draft nets a charge into a credit: invoice it apart")
			}
		}
		inv.Lines[i] = l
	}
	inv.VAT, inv.Totals = inv.Sums()
	days := cfg.DueDays
	if days <= 0 {
		days = 14
	}
	if inv.Issued != 0 && !credit {
		inv.Due = inv.Issued + date.Date(days)
	}
	inv.Payment = Payment{Means: SEPACreditTransfer, Reference: inv.Number, IBAN: cfg.IBAN, AccountName: cfg.AccountName, BIC: cfg.BIC, Terms: cfg.Terms}
	if !c.DirectDebit.IsZero() {
		inv.Payment = Payment{Means: SEPADirectDebit, Reference: inv.Number, Mandate: c.DirectDebit.Reference,
			CreditorID: cfg.CreditorID, DebitedIBAN: c.DirectDebit.IBAN, Terms: cfg.Terms}
	}
	if inv.Payment.Terms == "" {
		switch {
		case credit:
			inv.Payment.Terms = texts.CreditTerms()
		case inv.Payment.Means == SEPADirectDebit:
			inv.Payment.Terms = texts.DebitTerms(c.DirectDebit.Reference, inv.Due)
		default:
			inv.Payment.Terms = texts.TransferTerms(days)
		}
	}
	if d.ReportID != "" {
		switch {
		case src.ReportDocument != nil:
			inv.Attachments = []Attachment{*src.ReportDocument}
		case src.Report != nil:
			a, err := ReportCSV(*src.Report)
			if err != nil {
				return Invoice{}, err
			}
			a.Description = texts.ReportDescription(src.Report.ID, src.Report.Period)
			inv.Attachments = []Attachment{a}
		default:
			inv.Attachments = []Attachment{{ID: d.ReportID, Description: texts.ReportDescription(d.ReportID, quota.Period{})}}
		}
	}
	if err := inv.Validate(c.Profile); err != nil {
		ps = append(ps, err.(*ValidationError).Problems...)
	}
	if err := ps.err(); err != nil {
		return Invoice{}, err
	}
	return inv, nil
}

// inMinutes states a line of hours in minutes when its hours are rounded
// (a quota correction bills 3h20m as 3.3333 hours, at the amount of the
// exact hours): in minutes at the price per 60, quantity × price gives
// the line's amount, as EN 16931 has it (BT-131).
func inMinutes(l *Line) {
	if l.Unit != "HUR" || !l.BaseQuantity.IsZero() || l.Net.Equal(billing.LineNet(l.Quantity, l.Price, l.BaseQuantity)) {
		return
	}
	minutes := l.Quantity.Mul(sixty).Round(0)
	if l.Net.Equal(billing.LineNet(minutes, l.Price, sixty)) {
		l.Quantity, l.Unit, l.BaseQuantity = minutes, "MIN", sixty
	}
}

var sixty = decimal.NewFromInt(60)

// resolved is a customer's treatment with its defaults.
type resolved struct{ t Treatment }

// resolve checks the treatment and gives reverse-charge and
// intra-community supplies without a reason of the host's the reason in
// texts, with its VATEX code.
func (t Treatment) resolve(texts Texts) (resolved, error) {
	var ps problems
	switch t.Category {
	case "", Standard, ZeroRated:
		if t.ExemptionReason != "" || t.ExemptionCode != "" {
			ps.add("BT-120", "Customer.VAT.ExemptionReason", "only exempt, reverse-charge and intra-community supplies have an exemption reason")
		}
	case ReverseCharge:
		if t.ExemptionReason == "" && t.ExemptionCode == "" {
			t.ExemptionReason, t.ExemptionCode = texts.ReverseChargeReason(), "VATEX-EU-AE"
		}
	case IntraCommunity:
		if t.ExemptionReason == "" && t.ExemptionCode == "" {
			t.ExemptionReason, t.ExemptionCode = texts.IntraCommunityReason(), "VATEX-EU-IC"
		}
	case Exempt:
		if strings.TrimSpace(t.ExemptionReason) == "" && t.ExemptionCode == "" {
			ps.add("BT-120", "Customer.VAT.ExemptionReason", "exempt supplies state why (the law that exempts them)")
		}
	default:
		ps.add("BT-151", "Customer.VAT.Category", fmt.Sprintf("%q is not a VAT category this package writes (S, Z, E, AE, K)", clip(string(t.Category))))
	}
	return resolved{t}, ps.err()
}

// of returns a line's VAT at the rate card's rate.
func (r resolved) of(rate decimal.Decimal) VAT {
	switch r.t.Category {
	case "":
		if rate.IsZero() {
			return VAT{Category: ZeroRated, Rate: decimal.Zero}
		}
		return VAT{Category: Standard, Rate: rate}
	case Standard:
		return VAT{Category: Standard, Rate: rate}
	case ZeroRated:
		return VAT{Category: ZeroRated, Rate: decimal.Zero}
	}
	return VAT{Category: r.t.Category, Rate: decimal.Zero, ExemptionReason: r.t.ExemptionReason, ExemptionCode: r.t.ExemptionCode}
}

// ReportCSV is a service report as a supporting document (BG-24): a CSV
// file (one of the MIME types EN 16931 allows) with the report's work,
// each entry's decision, and its charges, so the buyer's system holds
// the detail beside the invoice that shows only the report's ID.
func ReportCSV(r billing.ServiceReport) (Attachment, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"record", "date", "ticket", "technician", "branch", "description", "quantity", "unit", "price", "net", "vat_rate", "decision"})
	for _, e := range r.Entries {
		w.Write([]string{"work", e.Entry.Date.String(), e.Entry.TicketID, e.Entry.Technician, e.Entry.BranchID,
			e.Entry.Description, e.Time.String(), "", "", "", "", e.Decision.String()})
	}
	for _, l := range r.Lines {
		day := ""
		if l.Date != 0 {
			day = l.Date.String()
		}
		w.Write([]string{"charge", day, "", "", "", l.Description, l.Quantity.String(), l.Unit, l.Price.String(),
			l.Net.StringFixed(2), l.VATRate.String(), ""})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return Attachment{}, err
	}
	return Attachment{
		ID: r.ID, Description: "Service report " + r.ID + ", " + r.Period.String(),
		MIMEType: "text/csv", Filename: fileName(r.ID) + ".csv", Content: buf.Bytes(),
	}, nil
}

// fileName turns an ID into a file name: "SR/2026-03/C-1" becomes
// "SR_2026-03_C-1".
func fileName(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, id)
}
