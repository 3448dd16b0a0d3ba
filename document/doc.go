// Package document writes what a customer reads: the service report
// (Leistungsübersicht), the quota statement (Kontingentauszug), the
// dunning notice (Zahlungserinnerung, Mahnung) and the acknowledgement of
// a dispute, and a complaint's acknowledgement and outcome report, in
// German, Dutch or English, as plain text for an e-mail body, as HTML for
// print on A4, and (with package document/pdf) as PDF.
//
//	opts := document.Options{
//		Provider:  document.Provider{Name: "Systemhaus Emsland GmbH", VATID: "DE123456789"},
//		Recipient: document.Recipient{CustomerID: "kruse", Language: document.German},
//		Names:     directory, // the host's names for customer, branch and technician IDs
//	}
//	v, err := document.NewServiceReport(report, contract.Units, opts)
//	if err != nil { ... }
//	v.WriteText(mailBody)       // 80 columns
//	v.WriteHTML(page)           // html/template, inline CSS, A4
//	pdf.Write(file, v.Page())   // package document/pdf
//
// # View models
//
// Each document is first a view model (ServiceReport, QuotaStatement,
// DunningNotice, DisputeAcknowledgement, ComplaintAcknowledgement,
// ComplaintOutcome): exported fields of text
// already decided and formatted in the customer's language. Amounts
// carry their currency in the language's format ("1.234,56 €" in German,
// "€ 1.234,56" in Dutch, "€1,234.56" in English, from the CLDR through
// github.com/bojanz/currency), dates and hours likewise. A host with its
// own template or layout takes a view model and renders it; it never
// needs to know which entry is billed how.
//
// Every view model also lays itself out as a Page: a letterhead, the
// recipient, a title with reference fields, sections of paragraphs,
// tables and totals. WriteText, WriteHTML and pdf.Write render any Page,
// so the three forms always say the same.
//
// # Words the customer understands
//
// The documents explain instead of abbreviating: the work unit from the
// contract's unit policy ("1 AE (Arbeitseinheit) = 15 Minuten;
// angefangene Einheiten werden voll berechnet"), each billing decision
// as a sentence from the facts of the work (the provider's defect is
// free; work on the customer's order or for a fault on the customer's
// side is billed; goodwill with its share and reason). The name of the
// billing rule that decided stays in the back office. Customers,
// branches, technicians and staff are named through a Directory the host
// implements (or Names, from maps); an ID the directory does not know is
// shown as it is. What people wrote (work descriptions, justifications,
// explanations of a decision) is printed as written, never translated.
//
// Errors: constructors return a *ValidationError (matching ErrInvalid)
// for an incomplete value or an unknown language or currency.
package document
