package einvoice_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/quota"
)

// factTexts writes the facts each text is made of, to show which the
// invoice hands over; the exemption reasons are English.
type factTexts struct{ einvoice.EnglishTexts }

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
func (germanTexts) ReverseChargeReason() string {
	return "Steuerschuldnerschaft des Leistungsempfängers"
}
func (germanTexts) IntraCommunityReason() string {
	return "Steuerfreie innergemeinschaftliche Lieferung"
}

// dutchTexts are a host's texts that change only the exemption reasons
// and keep the package's English for the rest.
type dutchTexts struct{ einvoice.EnglishTexts }

func (dutchTexts) ReverseChargeReason() string  { return "Btw verlegd" }
func (dutchTexts) IntraCommunityReason() string { return "Intracommunautaire levering" }

// hardwareCustomer is the Dutch business customer receiving goods from
// Germany: an intra-community supply.
func hardwareCustomer() einvoice.Customer {
	c := dutchCustomer()
	c.VAT = einvoice.Treatment{Category: einvoice.IntraCommunity}
	c.DeliverTo = einvoice.Address{Line1: "Dorpsstraat 12", City: "Enschede", PostCode: "7511 AB", Country: "NL"}
	return c
}

// hardwareReport bills goods delivered: two firewall appliances.
func hardwareReport() billing.ServiceReport {
	return serviceReport("C-NL", "", billing.ChargeLine{Description: "Firewall appliance", Date: d(2026, 3, 9),
		Quantity: dec("2"), Unit: "H87", Price: dec("640"), VATRate: dec("19"), Net: dec("1280")})
}

// The exemption reason the package writes for a reverse-charge or an
// intra-community supply is the texts' words, in both syntaxes; its
// VATEX code is the same in every language. A reason the host gave the
// customer, an exempt supply's law and a zero rate's lack of a reason
// are left as they are.
func TestConfigTexts_write_the_exemption_reason_in_the_texts_language(t *testing.T) {
	own := dutchCustomer()
	own.VAT.ExemptionReason = "Verlegging art. 12 lid 3 Wet OB"
	exempt := germanCustomer()
	exempt.VAT = einvoice.Treatment{Category: einvoice.Exempt, ExemptionReason: "Steuerfreie Leistung nach § 4 Nr. 14 UStG", ExemptionCode: "VATEX-EU-132-1C"}
	zero := germanCustomer()
	zero.VAT = einvoice.Treatment{Category: einvoice.ZeroRated}
	for _, tc := range []struct {
		name         string
		texts        einvoice.Texts
		c            einvoice.Customer
		reason, code string
	}{
		{"reverse_charge_in_English_without_texts", nil, dutchCustomer(), "Reverse charge", "VATEX-EU-AE"},
		{"reverse_charge_in_German", germanTexts{}, dutchCustomer(), "Steuerschuldnerschaft des Leistungsempfängers", "VATEX-EU-AE"},
		{"reverse_charge_in_Dutch", dutchTexts{}, dutchCustomer(), "Btw verlegd", "VATEX-EU-AE"},
		{"intra_community_supply_in_English_without_texts", nil, hardwareCustomer(), "Intra-community supply", "VATEX-EU-IC"},
		{"intra_community_supply_in_German", germanTexts{}, hardwareCustomer(), "Steuerfreie innergemeinschaftliche Lieferung", "VATEX-EU-IC"},
		{"intra_community_supply_in_Dutch", dutchTexts{}, hardwareCustomer(), "Intracommunautaire levering", "VATEX-EU-IC"},
		{"reverse_charge_keeps_the_hosts_own_reason", germanTexts{}, own, "Verlegging art. 12 lid 3 Wet OB", ""},
		{"exempt_keeps_the_law_the_host_names", germanTexts{}, exempt, "Steuerfreie Leistung nach § 4 Nr. 14 UStG", "VATEX-EU-132-1C"},
		{"zero_rated_has_no_reason", germanTexts{}, zero, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := provider()
			cfg.Texts = tc.texts
			r := hardwareReport()
			draft, _ := r.Invoice()
			inv, err := cfg.Invoice(einvoice.Source{Draft: draft, Report: &r}, tc.c)
			require.NoError(t, err)
			for _, f := range []struct {
				syntax       einvoice.Syntax
				reason, code string
			}{
				{einvoice.CII, "<ram:ExemptionReason>%s</ram:ExemptionReason>", "<ram:ExemptionReasonCode>%s</ram:ExemptionReasonCode>"},
				{einvoice.UBL, "<cbc:TaxExemptionReason>%s</cbc:TaxExemptionReason>", "<cbc:TaxExemptionReasonCode>%s</cbc:TaxExemptionReasonCode>"},
			} {
				var buf bytes.Buffer
				require.NoError(t, einvoice.Write(&buf, inv, einvoice.Format{Syntax: f.syntax, Profile: tc.c.Profile}))
				xml := buf.String()
				for _, el := range []struct{ format, want string }{{f.reason, tc.reason}, {f.code, tc.code}} {
					open := el.format[:strings.Index(el.format, ">")+1]
					switch got := strings.Count(xml, open); {
					case el.want == "" && got != 0:
						t.Errorf("%s writes %s: %s", f.syntax, open, xml)
					case el.want != "" && !strings.Contains(xml, fmt.Sprintf(el.format, el.want)):
						t.Errorf("%s lacks %s:\n%s", f.syntax, fmt.Sprintf(el.format, el.want), xml)
					}
				}
			}
		})
	}
}
