package einvoice_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
)

var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func TestInvoice_service_invoice_shows_the_report_and_its_amount(t *testing.T) {
	r := serviceReport("C-1", "", workLine("90", "95.50"), workLine("45", "95.55"))
	draft, ok := r.Invoice()
	require.True(t, ok)
	inv, err := provider().Invoice(einvoice.Source{Draft: draft, Report: &r}, germanCustomer())
	require.NoError(t, err)

	net := lineNet("90", "95.50", "60").Add(lineNet("45", "95.55", "60")) // 143.25 + 71.66
	tax := net.Mul(dec("19")).DivRound(dec("100"), 2)
	if diff := cmp.Diff([]einvoice.Line{{
		ID: "1", Name: "Service report " + r.ID, Quantity: dec("1"), Unit: "C62", Price: net, Net: net,
		VAT: einvoice.VAT{Category: einvoice.Standard, Rate: dec("19")},
	}}, inv.Lines, decimalEqual); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	want := einvoice.Totals{LineNet: net, TaxBasis: net, VAT: tax, Gross: net.Add(tax), Due: net.Add(tax)}
	if diff := cmp.Diff(want, inv.Totals, decimalEqual); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	require.Equal(t, einvoice.CommercialInvoice, inv.Type)
	require.Equal(t, draft.ID, inv.Number, "without the ERP's number the draft's ID numbers the invoice")
	require.Equal(t, einvoice.Period{Start: d(2026, 3, 1), End: d(2026, 3, 31)}, inv.Period, "the billed month is the invoicing period")
	require.Equal(t, d(2026, 4, 15), inv.Due, "due 14 days after issue by default")
	require.Len(t, inv.Attachments, 1)
	require.Equal(t, r.ID, inv.Attachments[0].ID, "the report is attached under its ID")
	require.Equal(t, "text/csv", inv.Attachments[0].MIMEType)
	require.Contains(t, string(inv.Attachments[0].Content), "Work: ticket T-1")
}

func TestInvoice_uses_the_ERPs_number_once_booked(t *testing.T) {
	r := serviceReport("C-1", "", workLine("60", "100"))
	draft, _ := r.Invoice()
	draft.Number = "RE-2026-0042"
	inv, err := provider().Invoice(einvoice.Source{Draft: draft}, germanCustomer())
	require.NoError(t, err)
	require.Equal(t, "RE-2026-0042", inv.Number)
	require.Equal(t, "RE-2026-0042", inv.Payment.Reference)
}

// Bad input is a typed error naming the business term, never an invalid
// file.
func TestInvoice_bad_input_names_the_business_term(t *testing.T) {
	r := serviceReport("C-1", "", workLine("60", "100"))
	draft, _ := r.Invoice()
	credit := serviceReport("C-1", "", billing.ChargeLine{Description: "Reversal", Quantity: dec("-60"), Unit: "MIN",
		Price: dec("100"), BaseQuantity: dec("60"), VATRate: dec("19"), Net: dec("-100")})
	creditDraft, _ := credit.Invoice()
	mixed := serviceReport("C-1", "", workLine("60", "100"), billing.ChargeLine{Description: "Reversal", Quantity: dec("-120"), Unit: "MIN",
		Price: dec("100"), BaseQuantity: dec("60"), VATRate: dec("7"), Net: dec("-200")})
	mixedDraft, _ := mixed.Invoice()
	corrects := []einvoice.InvoiceReference{{Number: "RE-2026-0001", Issued: d(2026, 3, 1)}}
	for _, tc := range []struct {
		name string
		cfg  func(*einvoice.Config)
		cust func(*einvoice.Customer)
		src  einvoice.Source
		term string
	}{
		{"seller_without_VAT_ID_and_tax_number", func(c *einvoice.Config) { c.Seller.VATID, c.Seller.TaxNumber = "", "" }, nil, einvoice.Source{Draft: draft}, "BT-31/BT-32"},
		{"unknown_currency", func(c *einvoice.Config) { c.Currency = "EUX" }, nil, einvoice.Source{Draft: draft}, "BT-5"},
		{"lower_case_currency", func(c *einvoice.Config) { c.Currency = "eur" }, nil, einvoice.Source{Draft: draft}, "BT-5"},
		{"reverse_charge_without_buyer_VAT_ID", nil, func(c *einvoice.Customer) {
			*c = dutchCustomer()
			c.Buyer.VATID = ""
		}, einvoice.Source{Draft: draft}, "BT-48"},
		{"XRechnung_without_buyer_reference", nil, func(c *einvoice.Customer) { c.BuyerReference = "" }, einvoice.Source{Draft: draft}, "BT-10"},
		{"XRechnung_without_seller_phone", func(c *einvoice.Config) { c.Seller.Contact.Phone = "" }, nil, einvoice.Source{Draft: draft}, "BT-42"},
		{"credit_transfer_without_IBAN", func(c *einvoice.Config) { c.IBAN = "" }, nil, einvoice.Source{Draft: draft}, "BT-84"},
		{"IBAN_with_a_wrong_check_sum", func(c *einvoice.Config) { c.IBAN = "DE03120300000000202051" }, nil, einvoice.Source{Draft: draft}, "BT-84"},
		{"IBAN_with_spaces", func(c *einvoice.Config) { c.IBAN = "DE02 1203 0000 0000 2020 51" }, nil, einvoice.Source{Draft: draft}, "BT-84"},
		{"direct_debit_without_creditor_ID", func(c *einvoice.Config) { c.CreditorID = "" }, func(c *einvoice.Customer) {
			c.DirectDebit = einvoice.Mandate{Reference: "M-1", IBAN: "DE89370400440532013000"}
		}, einvoice.Source{Draft: draft}, "BT-90"},
		{"exempt_without_reason", nil, func(c *einvoice.Customer) { c.VAT = einvoice.Treatment{Category: einvoice.Exempt} }, einvoice.Source{Draft: draft}, "BT-120"},
		{"unknown_VAT_category", nil, func(c *einvoice.Customer) { c.VAT = einvoice.Treatment{Category: "X"} }, einvoice.Source{Draft: draft}, "BT-151"},
		{"credit_note_without_the_invoice_it_corrects", nil, nil, einvoice.Source{Draft: creditDraft}, "BG-3"},
		{"negative_quantity_on_a_credit_note", nil, nil, einvoice.Source{Draft: mixedDraft, Corrects: corrects}, "BT-129"},
		{"unknown_seller_country", func(c *einvoice.Config) { c.Seller.Address.Country = "XX" }, nil, einvoice.Source{Draft: draft}, "BT-40"},
		{"control_character_in_the_buyer_name", nil, func(c *einvoice.Customer) { c.Buyer.Name = "Praxis\x00Meyer" }, einvoice.Source{Draft: draft}, "BG-7"},
		{"invalid_UTF8_in_the_order_reference", nil, func(c *einvoice.Customer) { c.OrderReference = "PO-\xff" }, einvoice.Source{Draft: draft}, "BT-13"},
		{"VAT_ID_without_country_prefix", func(c *einvoice.Config) { c.Seller.VATID = "123456789" }, nil, einvoice.Source{Draft: draft}, "BT-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, cust := provider(), germanCustomer()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			if tc.cust != nil {
				tc.cust(&cust)
			}
			_, err := cfg.Invoice(tc.src, cust)
			var ve *einvoice.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, errors.Is(err, billing.ErrInvalid))
			require.True(t, hasTerm(ve, tc.term), "want a problem with %s, got %v", tc.term, err)
		})
	}
}

// A term that is absent is marked Missing, so a form can show "required";
// a term that is there but wrong is not.
func TestInvoice_missing_terms_are_marked_missing(t *testing.T) {
	r := serviceReport("C-1", "", workLine("60", "100"))
	draft, _ := r.Invoice()
	cfg := provider()
	cfg.Seller.VATID, cfg.Seller.TaxNumber = "", ""
	cfg.IBAN = "DE03120300000000202051" // wrong check digits
	_, err := cfg.Invoice(einvoice.Source{Draft: draft}, germanCustomer())
	var ve *einvoice.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"Seller.VATID"}, ve.Missing())
	require.True(t, ve.Has("Payment.IBAN"))
}
