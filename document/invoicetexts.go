package document

import (
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/quota"
)

// InvoiceTexts are the words the library writes into an e-invoice, in
// lang, for einvoice.Config.Texts: the item names of a billing run's
// quota and service invoice lines, the default payment terms, the
// description of the attached service report and the exemption reasons
// of reverse-charge and intra-community supplies. The reasons are the
// notes the law asks for: in German "Steuerschuldnerschaft des
// Leistungsempfängers" (§ 14a Abs. 5 UStG) and "Steuerfreie
// innergemeinschaftliche Lieferung" (§ 4 Nr. 1 Buchst. b UStG), in Dutch
// "Btw verlegd" and "Intracommunautaire levering" (Wet OB 1968), in
// English "Reverse charge" and "Intra-community supply". The
// human-readable
// invoice (NewInvoice) prints the e-invoice's texts, so both then speak
// the customer's language:
//
//	cfg := einvoice.Config{Seller: seller, IBAN: iban, Texts: document.InvoiceTexts(document.German)}
//
// A line made by hand (billing.LineOther) and the lines a service report
// prices keep their Description. A language the package does not know
// gets the English texts.
func InvoiceTexts(lang Language) einvoice.Texts {
	if !lang.valid() {
		lang = English
	}
	f, err := NewFormat(lang, "")
	if err != nil { // unreachable: the language is valid and EUR is known
		return einvoice.EnglishTexts{}
	}
	return invoiceTexts{f: f, l: &allLabels[lang]}
}

type invoiceTexts struct {
	f *Format
	l *labels
}

func (t invoiceTexts) ItemName(d billing.InvoiceDraft, l billing.ChargeLine) string {
	switch l.Kind {
	case billing.LineQuotaFee:
		return fmt.Sprintf(t.l.LineQuotaFee, d.QuotaContractID, t.month(d.Period), t.f.Hours(l.Hours))
	case billing.LineQuotaCorrection:
		return fmt.Sprintf(t.l.LineQuotaCorrection, d.QuotaContractID, t.month(d.Period), t.f.Hours(l.Hours))
	case billing.LineOther:
		// A service invoice's line per VAT rate, as ServiceReport.Invoice
		// writes it; any other text is the host's and stays as it is.
		if d.Kind == billing.InvoiceService && d.ReportID != "" && l.Description == "Service report "+d.ReportID {
			return t.l.ReportTitle + " " + d.ReportID
		}
	}
	return l.Description
}

func (t invoiceTexts) TransferTerms(days int) string { return fmt.Sprintf(t.l.TermsTransfer, days) }

func (t invoiceTexts) DebitTerms(mandate string, due date.Date) string {
	return fmt.Sprintf(t.l.TermsDebit, mandate, t.f.Date(due))
}

func (t invoiceTexts) CreditTerms() string { return t.l.TermsCredit }

func (t invoiceTexts) ReportDescription(id string, period quota.Period) string {
	if period.IsZero() {
		return t.l.ReportTitle + " " + id
	}
	return t.l.ReportTitle + " " + id + ", " + t.month(period)
}

func (t invoiceTexts) ReverseChargeReason() string { return t.l.ReasonReverse }

func (t invoiceTexts) IntraCommunityReason() string { return t.l.ReasonIntra }

func (t invoiceTexts) month(p quota.Period) string {
	if p.IsZero() {
		return ""
	}
	return t.f.Month(p.Year(), p.Month())
}
