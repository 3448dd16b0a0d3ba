package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/billing/einvoice"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/pdf"
	"github.com/deskcore/deskcore/examples/quickstart/month"
)

// seller is the provider as its host configures it once: the Systemhaus
// in Warendorf, its bank account and who answers questions on invoices.
var seller = einvoice.Config{
	Seller: einvoice.Party{
		Name: "Systemhaus Warendorf GmbH", LegalID: "HRB 1234, Amtsgericht Münster",
		VATID: "DE123456789", TaxNumber: "337/5910/1234",
		Address:  einvoice.Address{Line1: "Hauptstraße 1", City: "Warendorf", PostCode: "48231", Country: "DE"},
		Contact:  einvoice.Contact{Name: "Innendienst", Phone: "+49 2581 0000", Email: "innendienst@systemhaus.example"},
		Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnung@systemhaus.example"},
	},
	IBAN: "DE02120300000000202051", BIC: "BYLADEM1001", AccountName: "Systemhaus Warendorf GmbH",
}

// customers is the host's customer master data, as einvoice asks for it.
type customers map[string]einvoice.Customer

func (cs customers) Customer(_ context.Context, customerID, branchID string) (einvoice.Customer, error) {
	c, ok := cs[customerID]
	if !ok || branchID != "" { // Möbel Kruse is invoiced centrally
		return einvoice.Customer{}, fmt.Errorf("customer %s, branch %q: %w", customerID, branchID, billing.ErrNotFound)
	}
	return c, nil
}

// writeEInvoices writes each invoice of the month's billing run into dir
// as XRechnung in CII and in UBL, and says where.
func writeEInvoices(ctx context.Context, out io.Writer, dir string, w *month.World) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	host := customers{w.Customer.ID: {
		Buyer: einvoice.Party{
			Name: w.Customer.Name, ID: w.Customer.ID, VATID: "DE811234567",
			Address:  einvoice.Address{Line1: "Industriestraße 12", City: "Warendorf", PostCode: "48231", Country: "DE"},
			Endpoint: einvoice.Endpoint{Scheme: "EM", ID: "rechnungseingang@kruse.example"},
		},
		BuyerReference: w.Customer.ID,
	}}
	money, err := document.NewFormat(document.English, "EUR")
	if err != nil {
		return err
	}
	// Möbel Kruse reads German: the item names, payment terms and the
	// report's description the library writes come out in German too.
	cfg := seller
	cfg.Texts = document.InvoiceTexts(document.German)
	fmt.Fprintf(out, "\n== E-invoices for June (XRechnung 3.0, CII and UBL)\nin %s\n", dir)
	for _, res := range w.Billed {
		invoices, err := cfg.Invoices(ctx, res, host)
		if err != nil {
			return err
		}
		for _, inv := range invoices {
			var names []string
			for _, f := range []einvoice.Format{einvoice.XRechnungCII, einvoice.XRechnungUBL} {
				name := fileName(inv.Number) + "-" + f.Syntax.String() + ".xml"
				if err := writeFile(filepath.Join(dir, name), inv, f); err != nil {
					return err
				}
				names = append(names, name)
			}
			// The invoice's human-readable twin, in the customer's language.
			twin, err := document.NewInvoice(inv, document.Options{Provider: month.Letterhead,
				Recipient: document.Recipient{CustomerID: w.Customer.ID, Language: document.German}})
			if err != nil {
				return err
			}
			pdfName := fileName(inv.Number) + ".pdf"
			f, err := os.Create(filepath.Join(dir, pdfName))
			if err != nil {
				return err
			}
			if err := errors.Join(pdf.Write(f, twin.Page()), f.Close()); err != nil {
				return err
			}
			names = append(names, pdfName)
			fmt.Fprintf(out, "  %-28s %s, gross %s\n    %s\n", inv.Number, inv.Type, money.Money(inv.Totals.Gross), strings.Join(names, "\n    "))
		}
	}
	return nil
}

func writeFile(name string, inv einvoice.Invoice, f einvoice.Format) error {
	file, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := einvoice.Write(file, inv, f); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// fileName turns an invoice number into a file name: "INV/2026-06/kruse"
// becomes "INV_2026-06_kruse".
func fileName(number string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, number)
}
