package einvoice_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/quota"
)

// A billing run's service invoice as XRechnung CII: the provider is
// configured once, the customer comes from the host, and the totals are
// EN 16931's (19 % VAT on the sum of the lines, rounded once).
func Example() {
	cfg := einvoice.Config{
		Seller: einvoice.Party{
			Name: "Systemhaus Warendorf GmbH", VATID: "DE123456789",
			Address:  einvoice.Address{Line1: "Hauptstraße 1", City: "Warendorf", PostCode: "48231", Country: "DE"},
			Contact:  einvoice.Contact{Name: "Back office", Phone: "+49 2581 0000", Email: "billing@systemhaus.example"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnung@systemhaus.example"},
		},
		IBAN: "DE02120300000000202051",
	}
	customer := einvoice.Customer{
		Buyer: einvoice.Party{
			Name:     "Praxis Dr. Meyer",
			Address:  einvoice.Address{Line1: "Marktplatz 5", City: "Münster", PostCode: "48143", Country: "DE"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "buchhaltung@praxis-meyer.example"},
		},
		BuyerReference: "C-1",
	}
	// 90 minutes at 95.50 per hour, as the billing run prices them.
	work := billing.ChargeLine{
		Description: "Work: ticket T-1, 2026-03-02", Quantity: decimal.NewFromInt(90), Unit: "MIN",
		Price: decimal.RequireFromString("95.50"), BaseQuantity: decimal.NewFromInt(60), VATRate: decimal.NewFromInt(19),
	}
	work.Net = billing.LineNet(work.Quantity, work.Price, work.BaseQuantity)
	report := billing.ServiceReport{
		ID: "SR/2026-03/C-1", RunID: "2026-03", CustomerID: "C-1", Period: quota.MustParsePeriod("2026-03"),
		Issued: date.New(2026, 4, 1), Lines: []billing.ChargeLine{work}, Totals: billing.TotalsOf([]billing.ChargeLine{work}),
	}
	draft, _ := report.Invoice()

	inv, err := cfg.Invoice(einvoice.Source{Draft: draft, Report: &report}, customer)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := einvoice.Write(&buf, inv, einvoice.XRechnungCII); err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"ram:TypeCode", "ram:BillingSpecifiedPeriod", "ram:TaxTotalAmount", "ram:GrandTotalAmount"} {
		fmt.Println(excerpt(buf.String(), name))
	}
	// Output:
	// <ram:TypeCode>380</ram:TypeCode>
	// <ram:BillingSpecifiedPeriod><ram:StartDateTime><udt:DateTimeString format="102">20260301</udt:DateTimeString></ram:StartDateTime><ram:EndDateTime><udt:DateTimeString format="102">20260331</udt:DateTimeString></ram:EndDateTime></ram:BillingSpecifiedPeriod>
	// <ram:TaxTotalAmount currencyID="EUR">27.22</ram:TaxTotalAmount>
	// <ram:GrandTotalAmount>170.47</ram:GrandTotalAmount>
}

// A missing business term is an error naming it, before anything is
// written.
func ExampleInvoice_Validate() {
	inv := einvoice.Invoice{Number: "RE-1", Type: einvoice.CommercialInvoice, Issued: date.New(2026, 4, 1), Currency: "EUR",
		Seller: einvoice.Party{Name: "Systemhaus Warendorf GmbH", Address: einvoice.Address{Country: "DE"}},
		Buyer:  einvoice.Party{Name: "Praxis Dr. Meyer", Address: einvoice.Address{Country: "DE"}},
		Lines: []einvoice.Line{{ID: "1", Name: "Service report SR/2026-03/C-1", Quantity: decimal.NewFromInt(1), Unit: "C62",
			Price: decimal.NewFromInt(100), Net: decimal.NewFromInt(100), VAT: einvoice.VAT{Category: einvoice.Standard, Rate: decimal.NewFromInt(19)}}},
		Payment: einvoice.Payment{Terms: "Payable within 14 days."},
	}
	inv.VAT, inv.Totals = inv.Sums()
	err := inv.Validate(einvoice.EN16931)
	var ve *einvoice.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Printf("%s %s\n", einvoice.Term(p), p.Field)
		}
	}
	// Output:
	// BT-31/BT-32 Seller.VATID
}

// excerpt returns the first element name of an XML document, as
// written.
func excerpt(doc, name string) string {
	i := strings.Index(doc, "<"+name+">")
	if i < 0 {
		i = strings.Index(doc, "<"+name+" ")
	}
	j := strings.Index(doc, "</"+name+">")
	if i < 0 || j < i {
		return ""
	}
	return doc[i : j+len(name)+3]
}
