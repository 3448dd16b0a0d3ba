// Package einvoice turns a billing run's invoice drafts into invoices a
// German or Dutch service provider can legally send: EN 16931 e-invoices
// in XRechnung 3.0 (UN/CEFACT CII D16B or UBL 2.1 Invoice and CreditNote)
// or in the plain EN 16931 profile, and reads them back.
//
//	cfg := einvoice.Config{Seller: provider, IBAN: "DE02120300000000202051"}
//	inv, err := cfg.Invoice(einvoice.Source{Draft: draft, Report: &report}, customer)
//	if err != nil {
//		return err // *einvoice.ValidationError naming the business terms
//	}
//	err = einvoice.Write(w, inv, einvoice.XRechnungCII)
//
// # The invoice
//
// Invoice is EN 16931's semantic model, each field named after its
// business term (BT-1 invoice number, BG-14 invoicing period, ...). The
// seller, its bank account and its payment terms are configured once
// (Config); the buyer comes from the host, which owns customer master
// data, as a Customer value or through the Customers interface: name,
// address, VAT ID, electronic address, buyer reference (the Leitweg-ID of
// a public buyer, BT-10), the VAT treatment and a SEPA mandate for
// customers who pay by direct debit.
//
// Config.Invoice makes the invoice of one draft; Config.Invoices those of
// a customer's billing run result, asking the host (Customers) for the
// customer or the branch invoiced. It handles every draft a billing run
// produces:
// a service invoice (one line per VAT rate, "Service report <ID>", with
// the report attached as a supporting document, BG-24), a quota
// contract's monthly fee and its correction, pay-per-use, a branch
// invoiced on its own. The billed month is the invoicing period (BG-14).
// With Config.ReportLines the service invoice lists the report's priced
// lines (work in minutes, travel, flat fees, pay-per-use items with
// their UN/ECE unit codes) instead of one line per VAT rate; the totals
// are the same.
// A draft whose reversals outweigh its charges becomes a credit note
// (381) that names the invoice it corrects (BG-3): corrections never net
// silently into an unrelated invoice. An invoice re-issued in full to
// replace a wrong one is a corrected invoice (384) naming it.
//
// The package writes a few words itself: the item names of the lines a
// billing run drafted ("Quota K-1, 2026-03: 20h"), the payment terms
// ("Payable within 14 days of the invoice date without deduction."), the
// attached report's description and the exemption reason of a
// reverse-charge or intra-community supply ("Reverse charge", beside its
// code VATEX-EU-AE, which no language changes). They are English unless
// Config.Texts writes them in the customer's language; package document
// provides German, Dutch and English (document.InvoiceTexts), and its
// human-readable invoice prints what the e-invoice says.
//
// # VAT
//
// Each line has a VAT category and rate, and the invoice a breakdown per
// category and rate (BG-23), rounded as EN 16931 rounds: the line amounts
// to 2 decimals, the tax once per category and rate on the sum of its
// lines, half away from zero (Sums). Domestic customers are taxed at the
// rate card's rates (S, or Z at 0 %). A business customer in another EU
// member state is invoiced under the reverse charge (AE, VATEX-EU-AE,
// with the reason in the customer's language: "Reverse charge",
// "Steuerschuldnerschaft des Leistungsempfängers", "Btw verlegd"): a
// Dutch business customer of a German provider pays no German VAT and
// accounts for Dutch VAT itself (§ 3a Abs. 2 and § 13b UStG; Article 196
// of Directive 2006/112/EC); both VAT IDs are required. Exempt supplies (E) state their reason, the law that
// exempts them, which only the host knows; zero-rated ones (Z) state
// none. Intra-community supplies of goods (K, VATEX-EU-IC) need the
// country they go to (Customer.DeliverTo).
//
// # Formats and validation
//
// Write writes an invoice in a Format (XRechnungCII, XRechnungUBL,
// EN16931CII, EN16931UBL) to an io.Writer with encoding/xml's Encoder,
// compact, with no state shared between calls; it checks the invoice
// first (Invoice.Validate) and writes nothing when a business term is
// missing or wrong. A credit note is a UBL CreditNote. Read reads a CII or UBL document
// back into an Invoice, with a size limit and a *ParseError naming the
// business term it could not read. The tests check every kind of invoice
// with the official rules (the CII schema, the CEN EN 16931 Schematron
// and the KoSIT XRechnung Schematron) when DESKCORE_EINVOICE_VALIDATOR
// names the validation script.
//
// The package imports billing; billing does not import it.
package einvoice
