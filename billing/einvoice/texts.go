package einvoice

import (
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

// Texts writes the words the library itself puts into an invoice, in the
// language the customer reads: the item names of the lines a billing run
// drafted (BT-153), the payment terms when Config.Terms is empty (BT-20),
// the description of the attached service report (BT-123) and the
// exemption reasons of reverse-charge and intra-community supplies
// (BT-120). The
// package knows no language but English (EnglishTexts, the default); package
// document provides German, Dutch and English from its labels:
//
//	cfg.Texts = document.InvoiceTexts(document.German)
//
// Texts never touch amounts, dates or codes: only the words beside them
// (an exemption reason's VATEX code stays as it is). Text the customer
// or the host wrote (a work description, a line made by hand, the
// exemption reason of a customer's Treatment) is for the implementation
// to keep as it is. A host's own Texts may embed EnglishTexts and
// write only the texts it changes.
type Texts interface {
	// ItemName names a line of the draft d (BT-153), from what the line
	// bills (l.Kind) and its facts: the quota contract and period of a
	// quota invoice (d.QuotaContractID, d.Period), its hours (l.Hours),
	// the service report of a service invoice (d.ReportID). For a line
	// made by hand (billing.LineOther) it returns l.Description.
	ItemName(d billing.InvoiceDraft, l billing.ChargeLine) string
	// TransferTerms are the terms of an invoice paid by credit transfer
	// within days of the invoice date.
	TransferTerms(days int) string
	// DebitTerms are the terms of an invoice collected by SEPA direct
	// debit under the mandate, not before the due date.
	DebitTerms(mandate string, due date.Date) string
	// CreditTerms are the terms of a credit note: how the credit is
	// refunded.
	CreditTerms() string
	// ReportDescription describes the service report attached to a
	// service invoice (BT-123). period is zero when only the report's ID
	// is known.
	ReportDescription(id string, period quota.Period) string
	// ReverseChargeReason is the exemption reason (BT-120) of a
	// reverse-charge supply (category AE, code VATEX-EU-AE): the note
	// that the buyer owes the VAT, which § 14a Abs. 5 UStG and Article
	// 226(11a) of Directive 2006/112/EC require on the invoice.
	ReverseChargeReason() string
	// IntraCommunityReason is the exemption reason (BT-120) of an
	// intra-community supply of goods (category K, code VATEX-EU-IC),
	// exempt under § 4 Nr. 1 Buchst. b UStG and Article 138 of Directive
	// 2006/112/EC.
	IntraCommunityReason() string
}

// EnglishTexts are the Texts the package writes when Config.Texts is
// nil: each line's Description as the billing run wrote it ("Quota K-1,
// 2026-03: 20h"), "Payable within 14 days of the invoice date without
// deduction.", "Service report SR/2026-03/C-1, 2026-03", "Reverse
// charge" and "Intra-community supply".
type EnglishTexts struct{}

// ItemName returns l.Description.
func (EnglishTexts) ItemName(_ billing.InvoiceDraft, l billing.ChargeLine) string {
	return l.Description
}

// TransferTerms returns "Payable within N days of the invoice date
// without deduction."
func (EnglishTexts) TransferTerms(days int) string {
	return fmt.Sprintf("Payable within %d days of the invoice date without deduction.", days)
}

// DebitTerms names the mandate and the earliest day of collection.
func (EnglishTexts) DebitTerms(mandate string, due date.Date) string {
	return fmt.Sprintf("The amount is collected by SEPA direct debit under mandate %s, not before %s.", mandate, due)
}

// CreditTerms says the credit is refunded to the customer's account.
func (EnglishTexts) CreditTerms() string {
	return "The credit is refunded to the account the customer pays from."
}

// ReportDescription returns "Service report <ID>, <period>", or
// "Service report <ID>" without a period.
func (EnglishTexts) ReportDescription(id string, period quota.Period) string {
	if period.IsZero() {
		return "Service report " + id
	}
	return "Service report " + id + ", " + period.String()
}

// ReverseChargeReason returns "Reverse charge".
func (EnglishTexts) ReverseChargeReason() string { return "Reverse charge" }

// IntraCommunityReason returns "Intra-community supply".
func (EnglishTexts) IntraCommunityReason() string { return "Intra-community supply" }
