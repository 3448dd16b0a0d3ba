package einvoice_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/quota"
)

// factTexts writes the facts each text is made of, to show which the
// invoice hands over.
type factTexts struct{}

func (factTexts) ItemName(d billing.InvoiceDraft, l billing.ChargeLine) string {
	return fmt.Sprintf("%s %s %s %s", l.Kind, d.QuotaContractID, d.Period, quota.FormatHours(l.Hours))
}
func (factTexts) TransferTerms(days int) string { return fmt.Sprintf("transfer %d", days) }
func (factTexts) DebitTerms(mandate string, due date.Date) string {
	return fmt.Sprintf("debit %s %s", mandate, due)
}
func (factTexts) CreditTerms() string { return "credit" }
func (factTexts) ReportDescription(id string, p quota.Period) string {
	return fmt.Sprintf("report %s %s", id, p)
}

func TestConfigTexts_get_the_facts_of_each_text(t *testing.T) {
	cfg := provider()
	cfg.Texts, cfg.DueDays = factTexts{}, 30
	fee := quotaDraft(billing.InvoiceQuotaFee, billing.ChargeLine{Kind: billing.LineQuotaFee,
		Description: "Quota K-1, 2026-03: 20h", Quantity: dec("1"), Unit: "MON", Price: dec("1800"), Net: dec("1800"), Hours: 20 * time.Hour})
	correction := quotaDraft(billing.InvoiceQuotaCorrection, billing.ChargeLine{Kind: billing.LineQuotaCorrection,
		Description: "Quota K-1, 2026-03: correction of 3h20m overbooked at the overage rate", Quantity: dec("3.3333"), Unit: "HUR",
		Price: dec("110"), Net: dec("366.67"), Hours: 3*time.Hour + 20*time.Minute})
	service := serviceReport("C-1", "", workLine("90", "95.50"))
	serviceDraft, _ := service.Invoice()
	debit := germanCustomer()
	debit.DirectDebit = einvoice.Mandate{Reference: "MANDATE-C-1-2024", IBAN: "DE89370400440532013000"}
	reversal := serviceReport("C-1", "", billing.ChargeLine{Description: "Reversal of E-7", Quantity: dec("-60"), Unit: "MIN",
		Price: dec("95.50"), BaseQuantity: dec("60"), VATRate: dec("19"), Net: dec("-95.50")})
	reversalDraft, _ := reversal.Invoice()

	for _, tc := range []struct {
		name                  string
		src                   einvoice.Source
		c                     einvoice.Customer
		item, terms, attached string
	}{
		{"quota_fee_by_its_contract_month_and_hours", einvoice.Source{Draft: fee}, germanCustomer(),
			"quota-fee K-1 2026-03 20h", "transfer 30", ""},
		{"quota_correction_by_the_hours_overbooked", einvoice.Source{Draft: correction}, debit,
			"quota-correction K-1 2026-03 3h20m", "debit MANDATE-C-1-2024 2026-05-01", ""},
		{"service_report_by_its_id_and_month", einvoice.Source{Draft: serviceDraft, Report: &service}, germanCustomer(),
			"other  2026-03 0h", "transfer 30", "report " + service.ID + " 2026-03"},
		{"service_report_known_by_its_id_only", einvoice.Source{Draft: serviceDraft}, germanCustomer(),
			"other  2026-03 0h", "transfer 30", "report " + service.ID + " "},
		{"credit_note", einvoice.Source{Draft: reversalDraft, Report: &reversal,
			Corrects: []einvoice.InvoiceReference{{Number: "RE-2026-0017", Issued: d(2026, 3, 1)}}}, germanCustomer(),
			"other  2026-03 0h", "credit", "report " + reversal.ID + " 2026-03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := cfg.Invoice(tc.src, tc.c)
			if err != nil {
				t.Fatal(err)
			}
			attached := ""
			if len(inv.Attachments) > 0 {
				attached = inv.Attachments[0].Description
			}
			if inv.Lines[0].Name != tc.item || inv.Payment.Terms != tc.terms || attached != tc.attached {
				t.Errorf("got item %q, terms %q, attached %q\nwant %q, %q, %q", inv.Lines[0].Name, inv.Payment.Terms, attached, tc.item, tc.terms, tc.attached)
			}
		})
	}
}

// Terms the host configured are its own: Texts writes only the default.
func TestConfigTexts_leave_the_hosts_terms_alone(t *testing.T) {
	cfg := provider()
	cfg.Texts, cfg.Terms = factTexts{}, "Zahlbar sofort."
	service := serviceReport("C-1", "", workLine("90", "95.50"))
	draft, _ := service.Invoice()
	inv, err := cfg.Invoice(einvoice.Source{Draft: draft, Report: &service}, germanCustomer())
	if err != nil {
		t.Fatal(err)
	}
	if inv.Payment.Terms != "Zahlbar sofort." {
		t.Errorf("terms %q", inv.Payment.Terms)
	}
}

// germanTexts are a host's own texts in German, as package document
// writes them: umlauts and non-breaking spaces in every text.
type germanTexts struct{}

func (germanTexts) ItemName(d billing.InvoiceDraft, l billing.ChargeLine) string {
	if l.Kind == billing.LineQuotaFee {
		return fmt.Sprintf("Kontingent %s, %s: %d\u00a0Std.", d.QuotaContractID, d.Period, int(l.Hours.Hours()))
	}
	return "Leistungsübersicht " + d.ReportID
}
func (germanTexts) TransferTerms(days int) string {
	return fmt.Sprintf("Zahlbar innerhalb von %d Tagen ab Rechnungsdatum ohne Abzug.", days)
}
func (germanTexts) DebitTerms(mandate string, due date.Date) string {
	return fmt.Sprintf("Der Betrag wird per SEPA-Lastschrift zum Mandat %s eingezogen, nicht vor dem %s.", mandate, due.Format("02.01.2006"))
}
func (germanTexts) CreditTerms() string { return "Die Gutschrift wird auf Ihr Konto erstattet." }
func (germanTexts) ReportDescription(id string, p quota.Period) string {
	return "Leistungsübersicht " + id + ", " + p.String()
}
