package einvoice_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
)

// kind is an invoice the billing run produces, as an e-invoice.
type kind struct {
	name    string
	inv     einvoice.Invoice
	profile einvoice.Profile
}

// quotaDraft is a quota fee or correction draft as the billing run drafts
// it from a quota close.
func quotaDraft(kind billing.InvoiceKind, l billing.ChargeLine) billing.InvoiceDraft {
	p := period("2026-03")
	l.Date, l.VATRate = p.First(), dec("19")
	id := billing.QuotaFeeInvoiceID("K-1", p)
	if kind == billing.InvoiceQuotaCorrection {
		id = billing.QuotaCorrectionInvoiceID("K-1", p)
	}
	lines := []billing.ChargeLine{l}
	return billing.InvoiceDraft{ID: id, Kind: kind, CustomerID: "C-1", QuotaContractID: "K-1", Period: p,
		Issued: d(2026, 4, 1), Lines: lines, Totals: billing.TotalsOf(lines)}
}

// invoiceKinds builds every kind of invoice a billing run produces, for a
// German and a Dutch business customer.
func invoiceKinds(t testing.TB) []kind {
	t.Helper()
	cfg := provider()
	build := func(src einvoice.Source, c einvoice.Customer) einvoice.Invoice {
		t.Helper()
		inv, err := cfg.Invoice(src, c)
		require.NoError(t, err)
		return inv
	}
	var out []kind
	add := func(name string, src einvoice.Source, c einvoice.Customer) {
		out = append(out, kind{name, build(src, c), c.Profile})
	}

	service := serviceReport("C-1", "", workLine("90", "95.50"), workLine("45", "95.55"),
		billing.ChargeLine{Description: "Travel, zone Z1: ticket T-1, 2026-03-02", Quantity: dec("1"), Unit: "C62", Price: dec("45"), VATRate: dec("19"), Net: dec("45")},
		billing.ChargeLine{Description: "Technician flat fee: ticket T-2, 2026-03-05", Quantity: dec("1"), Unit: "C62", Price: dec("89"), VATRate: dec("19"), Net: dec("89")},
		billing.ChargeLine{Description: "Software licence handbook", Quantity: dec("1"), Unit: "C62", Price: dec("20"), VATRate: dec("7"), Net: dec("20")})
	draft, _ := service.Invoice()
	add("service_invoice_19_and_7_percent", einvoice.Source{Draft: draft, Report: &service}, germanCustomer())

	add("quota_fee", einvoice.Source{Draft: quotaDraft(billing.InvoiceQuotaFee, billing.ChargeLine{
		Description: "Quota K-1, 2026-03: 20h", Quantity: dec("1"), Unit: "MON", Price: dec("1800"), Net: dec("1800")})}, germanCustomer())
	add("quota_correction", einvoice.Source{Draft: quotaDraft(billing.InvoiceQuotaCorrection, billing.ChargeLine{
		Description: "Quota K-1, 2026-03: correction of 3h20m overbooked at the overage rate", Quantity: dec("3.3333"), Unit: "HUR",
		Price: dec("110"), Net: dec("366.67")})}, germanCustomer())

	reversal := serviceReport("C-1", "", billing.ChargeLine{Description: "Reversal of E-7: Work: ticket T-1, 2026-02-20, -4 × 15m",
		Quantity: dec("-60"), Unit: "MIN", Price: dec("95.50"), BaseQuantity: dec("60"), VATRate: dec("19"), Net: dec("-95.50")})
	reversalDraft, _ := reversal.Invoice()
	add("credit_note_after_a_reversal", einvoice.Source{Draft: reversalDraft, Report: &reversal,
		Corrects: []einvoice.InvoiceReference{{Number: "RE-2026-0017", Issued: d(2026, 3, 1)}}}, germanCustomer())

	add("corrected_invoice_replacing_a_wrong_one", einvoice.Source{Draft: draft, Report: &service,
		Replaces: []einvoice.InvoiceReference{{Number: "RE-2026-0031", Issued: d(2026, 4, 1)}}}, germanCustomer())

	usage := serviceReport("C-1", "", billing.ChargeLine{Description: "managed-device, 2026-03", Quantity: dec("12"), Unit: "C62", Price: dec("9.90"), VATRate: dec("19"), Net: lineNet("12", "9.90", "")},
		billing.ChargeLine{Description: "mailbox, 2026-03", Quantity: dec("25"), Unit: "C62", Price: dec("4.50"), VATRate: dec("19"), Net: lineNet("25", "4.50", "")},
		billing.ChargeLine{Description: "backup storage, 2026-03", Quantity: dec("512.5"), Unit: "E34", Price: dec("0.08"), VATRate: dec("19"), Net: lineNet("512.5", "0.08", "")})
	usageDraft, _ := usage.Invoice()
	detailed := cfg
	detailed.ReportLines = true
	inv, err := detailed.Invoice(einvoice.Source{Draft: usageDraft, Report: &usage}, germanCustomer())
	require.NoError(t, err)
	out = append(out, kind{"pay_per_use_with_unit_codes", inv, einvoice.XRechnung})

	branch := serviceReport("C-1", "B-2", workLine("30", "95.50"))
	branchDraft, _ := branch.Invoice()
	bc := germanCustomer()
	bc.Buyer.Name, bc.Buyer.ID = "Praxis Dr. Meyer, Filiale Telgte", "C-1/B-2"
	bc.Buyer.Address = einvoice.Address{Line1: "Steinstraße 3", City: "Telgte", PostCode: "48291", Country: "DE"}
	bc.BuyerReference = "C-1/B-2"
	add("branch_invoiced_on_its_own", einvoice.Source{Draft: branchDraft, Report: &branch}, bc)

	nl := serviceReport("C-NL", "", workLine("120", "95.50"))
	nlDraft, _ := nl.Invoice()
	add("reverse_charge_to_a_Dutch_business", einvoice.Source{Draft: nlDraft, Report: &nl}, dutchCustomer())

	dd := germanCustomer()
	dd.DirectDebit = einvoice.Mandate{Reference: "MANDATE-C-1-2024", IBAN: "DE89370400440532013000"}
	add("direct_debit_customer", einvoice.Source{Draft: draft, Report: &service}, dd)

	ex := germanCustomer()
	ex.VAT = einvoice.Treatment{Category: einvoice.Exempt, ExemptionReason: "Steuerfreie Leistung nach § 4 Nr. 14 UStG", ExemptionCode: "VATEX-EU-132-1C"}
	add("exempt_with_reason", einvoice.Source{Draft: draft, Report: &service}, ex)

	// An intra-community supply of goods (hardware delivered to the Dutch
	// customer) is not a billing run's, but a host may send one.
	k := out[len(out)-3].inv // the Dutch invoice as a base
	k.Number = "HW-2026-0001"
	k.DeliverTo = einvoice.Address{Line1: "Dorpsstraat 12", City: "Enschede", PostCode: "7511 AB", Country: "NL"}
	k.Lines = []einvoice.Line{{ID: "1", Name: "Firewall appliance", Quantity: dec("2"), Unit: "H87", Price: dec("640"), Net: dec("1280"),
		VAT: einvoice.VAT{Category: einvoice.IntraCommunity, Rate: dec("0"), ExemptionReason: "Intra-community supply", ExemptionCode: "VATEX-EU-IC"}}}
	k.Attachments = nil
	k.VAT, k.Totals = k.Sums()
	require.NoError(t, k.Validate(einvoice.EN16931))
	out = append(out, kind{"intra_community_supply_of_goods", k, einvoice.EN16931})

	// The library's words in the customer's language (Config.Texts).
	german := cfg
	german.Texts = germanTexts{}
	add = func(name string, src einvoice.Source, c einvoice.Customer) {
		t.Helper()
		inv, err := german.Invoice(src, c)
		require.NoError(t, err)
		out = append(out, kind{name, inv, c.Profile})
	}
	add("quota_fee_in_German", einvoice.Source{Draft: quotaDraft(billing.InvoiceQuotaFee, billing.ChargeLine{Kind: billing.LineQuotaFee,
		Description: "Quota K-1, 2026-03: 20h", Quantity: dec("1"), Unit: "MON", Price: dec("1800"), Net: dec("1800"), Hours: 20 * time.Hour})}, germanCustomer())
	add("service_invoice_in_German_by_direct_debit", einvoice.Source{Draft: draft, Report: &service}, dd)

	// The exemption reasons the package writes, in each language: the
	// reverse charge and an intra-community supply of goods.
	hw := hardwareReport()
	hwDraft, _ := hw.Invoice()
	for _, lang := range []struct {
		name  string
		texts einvoice.Texts
	}{{"English", nil}, {"German", germanTexts{}}, {"Dutch", dutchTexts{}}} {
		texts := cfg
		texts.Texts = lang.texts
		add = func(name string, src einvoice.Source, c einvoice.Customer) {
			t.Helper()
			inv, err := texts.Invoice(src, c)
			require.NoError(t, err)
			out = append(out, kind{name, inv, c.Profile})
		}
		add("reverse_charge_reason_in_"+lang.name, einvoice.Source{Draft: nlDraft, Report: &nl}, dutchCustomer())
		add("intra_community_supply_reason_in_"+lang.name, einvoice.Source{Draft: hwDraft, Report: &hw}, hardwareCustomer())
	}
	return out
}
