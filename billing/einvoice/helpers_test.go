package einvoice_test

import (
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/quota"
)

func d(y, m, dd int) date.Date     { return date.New(y, time.Month(m), dd) }
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func period(s string) quota.Period { return quota.MustParsePeriod(s) }
func lineNet(q, p, b string) decimal.Decimal {
	bq := decimal.Zero
	if b != "" {
		bq = dec(b)
	}
	return billing.LineNet(dec(q), dec(p), bq)
}

// provider is a German service provider, as a host configures it once.
func provider() einvoice.Config {
	return einvoice.Config{
		Seller: einvoice.Party{
			Name: "Systemhaus Warendorf GmbH", LegalID: "HRB 1234, Amtsgericht Münster",
			VATID: "DE123456789", TaxNumber: "337/5910/1234",
			Address:  einvoice.Address{Line1: "Hauptstraße 1", City: "Warendorf", PostCode: "48231", Country: "DE"},
			Contact:  einvoice.Contact{Name: "Back office", Phone: "+49 2581 0000", Email: "billing@systemhaus.example"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnung@systemhaus.example"},
		},
		IBAN: "DE02120300000000202051", BIC: "BYLADEM1001", AccountName: "Systemhaus Warendorf GmbH",
		CreditorID: "DE98ZZZ09999999999",
	}
}

// germanCustomer is a German business customer paying by transfer.
func germanCustomer() einvoice.Customer {
	return einvoice.Customer{
		Buyer: einvoice.Party{
			Name: "Praxis Dr. Meyer", ID: "C-1", VATID: "DE987654321",
			Address:  einvoice.Address{Line1: "Marktplatz 5", City: "Münster", PostCode: "48143", Country: "DE"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "buchhaltung@praxis-meyer.example"},
		},
		BuyerReference: "C-1",
	}
}

// dutchCustomer is a Dutch business customer: reverse charge, EN 16931.
func dutchCustomer() einvoice.Customer {
	return einvoice.Customer{
		Buyer: einvoice.Party{
			Name: "Bakkerij Jansen B.V.", ID: "C-NL", VATID: "NL123456789B01",
			Address:  einvoice.Address{Line1: "Dorpsstraat 12", City: "Enschede", PostCode: "7511 AB", Country: "NL"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "administratie@bakkerij-jansen.example"},
		},
		BuyerReference: "C-NL",
		VAT:            einvoice.Treatment{Category: einvoice.ReverseCharge},
		Profile:        einvoice.EN16931,
	}
}

// serviceReport is a report of a run with work at 19 % and usage.
func serviceReport(customer, branch string, lines ...billing.ChargeLine) billing.ServiceReport {
	r := billing.ServiceReport{
		ID: billing.ReportID("2026-03", customer, branch), RunID: "2026-03", CustomerID: customer, BranchID: branch,
		Period: period("2026-03"), Issued: d(2026, 4, 1), Lines: lines, Totals: billing.TotalsOf(lines),
	}
	return r
}

func workLine(minutes, hourly string) billing.ChargeLine {
	return billing.ChargeLine{Description: "Work: ticket T-1, 2026-03-02", Date: d(2026, 3, 2), Quantity: dec(minutes), Unit: "MIN",
		Price: dec(hourly), BaseQuantity: dec("60"), VATRate: dec("19"), Net: lineNet(minutes, hourly, "60")}
}

// hasTerm reports whether a problem names the business term.
func hasTerm(ve *einvoice.ValidationError, term string) bool {
	for _, p := range ve.Problems {
		if einvoice.Term(p) == term {
			return true
		}
	}
	return false
}
