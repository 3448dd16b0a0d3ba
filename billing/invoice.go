package billing

import (
	"net/url"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"

	"github.com/deskcore/deskcore/internal/enum"
)

// InvoiceDraft is an invoice as the billing run drafts it for the host's
// ERP (SAP, for example) to book. A service invoice shows only the service
// report's ID and the amount, one line per VAT rate (the service agreement: "In dieser
// Rechnung werden allerdings nur die ID der Serviceabrechnung und der
// Rechnungs-Betrag ausgewiesen"); the detail stays on the report. A quota
// customer's fixed monthly fee and its correction are invoices of their
// own.
//
// Drafts have deterministic IDs (see the ID functions below), so a
// repeated run drafts the same invoice again and the store keeps it once.
type InvoiceDraft struct {
	ID              string         // deterministic, see ServiceInvoiceID and the quota IDs
	Kind            InvoiceKind    // what the invoice bills
	CustomerID      string         // the customer invoiced
	BillTo          string         // the branch invoiced; empty: head office
	ReportID        string         // the service report; service invoices only
	QuotaContractID string         // quota invoices only
	Period          quota.Period   // the period billed
	Issued          date.Date      // the run's day; not part of Same
	Lines           []ChargeLine   // one per VAT rate for a service invoice; one for a quota invoice
	Totals          DocumentTotals // net, VAT by rate, gross
	// Number is the ERP's invoice number, set by Biller.MarkInvoiced once
	// the ERP has booked the draft. Empty: a draft.
	Number string
}

// InvoiceKind is what an invoice draft bills.
type InvoiceKind uint8

// The kinds of invoice drafts. The zero InvoiceKind is none of them.
const (
	// InvoiceService bills a service report: work, travel, flat fees and
	// pay-per-use items. A negative total is a credit (reversals).
	InvoiceService InvoiceKind = iota + 1
	// InvoiceQuotaFee is a quota contract's fixed monthly fee.
	InvoiceQuotaFee
	// InvoiceQuotaCorrection bills the overbooked hours of a quota period
	// at the overage rate ("Korrektur-Abrechnung").
	InvoiceQuotaCorrection
)

var invoiceKindNames = enum.Ints[InvoiceKind]("billing", "InvoiceKind", "", "service", "quota-fee", "quota-correction")

// String returns "service", "quota-fee" or "quota-correction".
func (k InvoiceKind) String() string { return invoiceKindNames.String(k) }

// ParseInvoiceKind reads a kind as String writes it. It returns a
// *ValidationError for anything else.
func ParseInvoiceKind(s string) (InvoiceKind, error) {
	return invoiceKindNames.Parse(s)
}

// MarshalText implements encoding.TextMarshaler.
func (k InvoiceKind) MarshalText() ([]byte, error) { return invoiceKindNames.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseInvoiceKind.
func (k *InvoiceKind) UnmarshalText(b []byte) error { return invoiceKindNames.Unmarshal(k, b) }

// Same reports whether two drafts bill the same: equal in everything but
// Issued and Number, amounts compared as numbers. A store keeps the first
// of two Same drafts and refuses a different one under the same ID.
func (d InvoiceDraft) Same(o InvoiceDraft) bool {
	if d.ID != o.ID || d.Kind != o.Kind || d.CustomerID != o.CustomerID || d.BillTo != o.BillTo ||
		d.ReportID != o.ReportID || d.QuotaContractID != o.QuotaContractID || d.Period != o.Period ||
		!d.Totals.Equal(o.Totals) || len(d.Lines) != len(o.Lines) {
		return false
	}
	for i, l := range d.Lines {
		m := o.Lines[i]
		if l.Description != m.Description || l.Unit != m.Unit || !l.Quantity.Equal(m.Quantity) ||
			!l.Price.Equal(m.Price) || !l.Net.Equal(m.Net) || !l.VATRate.Equal(m.VATRate) {
			return false
		}
	}
	return true
}

// ReportID returns the ID of the service report of a run for a customer,
// or for one of its branches (an empty branch is the whole customer under
// central invoicing, or head office's own work under per-branch
// invoicing): "SR/2026-03/C-1" or "SR/2026-03/C-1/B-2". The parts are
// path-escaped, so a "/" in a host's ID cannot make two IDs collide.
func ReportID(runID, customerID, branchID string) string {
	return "SR/" + workIDPath(runID, customerID, branchID)
}

// ServiceInvoiceID returns the ID of the invoice of the report with the
// same arguments: "INV/2026-03/C-1/B-2".
func ServiceInvoiceID(runID, customerID, branchID string) string {
	return "INV/" + workIDPath(runID, customerID, branchID)
}

// QuotaFeeInvoiceID returns the ID of a quota contract's fee invoice for
// a period: "INV/K-1/2026-03/fee". It does not depend on the run, so a
// second run for a period drafts no second fee.
func QuotaFeeInvoiceID(quotaContractID string, p quota.Period) string {
	return "INV/" + url.PathEscape(quotaContractID) + "/" + p.String() + "/fee"
}

// QuotaCorrectionInvoiceID returns the ID of a quota contract's
// correction invoice for a period: "INV/K-1/2026-03/correction".
func QuotaCorrectionInvoiceID(quotaContractID string, p quota.Period) string {
	return "INV/" + url.PathEscape(quotaContractID) + "/" + p.String() + "/correction"
}

func workIDPath(runID, customerID, branchID string) string {
	s := url.PathEscape(runID) + "/" + url.PathEscape(customerID)
	if branchID != "" {
		s += "/" + url.PathEscape(branchID)
	}
	return s
}

// Invoice drafts the invoice of a report that has charges: one line per
// VAT rate, "Service report <ID>", the rate's base as the amount, billed
// to the report's branch (or head office). ok is false for a report
// without charges (all work free, or booked on a quota): it gets no
// invoice.
func (r ServiceReport) Invoice() (inv InvoiceDraft, ok bool) { return r.invoice(nil) }

// invoice is Invoice with its amounts from the cache, which may be nil.
func (r *ServiceReport) invoice(c *numberCache) (inv InvoiceDraft, ok bool) {
	if len(r.Lines) == 0 {
		return InvoiceDraft{}, false
	}
	inv = InvoiceDraft{
		ID: ServiceInvoiceID(r.RunID, r.CustomerID, r.BranchID), Kind: InvoiceService,
		CustomerID: r.CustomerID, BillTo: r.BranchID, ReportID: r.ID, Period: r.Period, Issued: r.Issued,
	}
	if len(r.Totals.VAT) > 0 {
		inv.Lines = make([]ChargeLine, 0, len(r.Totals.VAT))
	}
	description := "Service report " + r.ID
	for _, v := range r.Totals.VAT {
		inv.Lines = append(inv.Lines, ChargeLine{
			Description: description, Quantity: c.count(1), Unit: "C62",
			Price: v.Base, VATRate: v.Rate, Net: v.Base,
		})
	}
	inv.Totals = totalsOf(inv.Lines, c)
	return inv, true
}
