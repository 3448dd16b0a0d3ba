package document_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/quota"
)

// A German provider invoices a German customer's quota fee: with
// InvoiceTexts the e-invoice's item name and payment terms are German,
// and so is the human-readable invoice that prints them. (The hours are
// written with a non-breaking space, as in every document.)
func ExampleInvoiceTexts() {
	june := quota.MustParsePeriod("2026-06")
	fee := billing.ChargeLine{Kind: billing.LineQuotaFee, Description: "Quota K-2026-017, 2026-06: 10h", Date: june.First(),
		Quantity: decimal.NewFromInt(1), Unit: "MON", Price: decimal.NewFromInt(950), Net: decimal.NewFromInt(950),
		VATRate: decimal.NewFromInt(19), Hours: 10 * time.Hour}
	draft := billing.InvoiceDraft{ID: "INV/K-2026-017/2026-06/fee", Kind: billing.InvoiceQuotaFee, CustomerID: "kruse",
		QuotaContractID: "K-2026-017", Period: june, Issued: june.Next().First(),
		Lines: []billing.ChargeLine{fee}, Totals: billing.TotalsOf([]billing.ChargeLine{fee})}

	cfg := einvoice.Config{
		Seller: einvoice.Party{Name: "Systemhaus Warendorf GmbH", VATID: "DE123456789",
			Address:  einvoice.Address{Line1: "Hauptstraße 1", City: "Warendorf", PostCode: "48231", Country: "DE"},
			Contact:  einvoice.Contact{Name: "Innendienst", Phone: "+49 2581 0000", Email: "innendienst@systemhaus.example"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnung@systemhaus.example"}},
		IBAN:  "DE02120300000000202051",
		Texts: document.InvoiceTexts(document.German),
	}
	inv, err := cfg.Invoice(einvoice.Source{Draft: draft}, einvoice.Customer{
		Buyer: einvoice.Party{Name: "Möbel Kruse GmbH", VATID: "DE811234567",
			Address:  einvoice.Address{Line1: "Industriestraße 12", City: "Warendorf", PostCode: "48231", Country: "DE"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnungseingang@kruse.example"}},
		BuyerReference: "kruse",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.Lines[0].Name)
	fmt.Println(inv.Payment.Terms)
	// Output:
	// Kontingent K-2026-017, Juni 2026: 10:00 Std.
	// Zahlbar innerhalb von 14 Tagen ab Rechnungsdatum ohne Abzug.
}

// The exemption reason an e-invoice carries for a reverse-charge supply
// and for an intra-community supply of goods, in each language; the
// VATEX code beside it (VATEX-EU-AE, VATEX-EU-IC) is the same in all.
func ExampleInvoiceTexts_exemptionReasons() {
	for _, lang := range []document.Language{document.German, document.Dutch, document.English} {
		texts := document.InvoiceTexts(lang)
		fmt.Printf("%s: %s; %s\n", lang, texts.ReverseChargeReason(), texts.IntraCommunityReason())
	}
	// Output:
	// de: Steuerschuldnerschaft des Leistungsempfängers; Steuerfreie innergemeinschaftliche Lieferung
	// nl: Btw verlegd; Intracommunautaire levering
	// en: Reverse charge; Intra-community supply
}
