package pdf_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/internal/scenario"
	"github.com/deskcore/deskcore/document/pdf"
)

// pdfText renders a page to PDF and reads it back with pdftotext
// (Debian's poppler-utils), with no-break spaces as spaces.
func pdfText(t *testing.T, p document.Page) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils): the PDF is not read back")
	}
	b, err := pdf.Bytes(p)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

// The German service report's PDF says what the customer must read:
// German labels, the report's ID, every entry with its ticket and
// description, amounts in German format with the euro sign, and a total
// equal to the invoice's.
func TestServiceReportPDFReadsBack(t *testing.T) {
	r := scenario.Report(6)
	v, err := document.NewServiceReport(r, scenario.Contract.Units, scenario.Options(document.German))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, v.Page())
	inv, ok := r.Invoice()
	if !ok {
		t.Fatal("the report has no invoice")
	}
	gross := strings.ReplaceAll(inv.Totals.Gross.StringFixed(2), ".", ",") + " €" // 620,53 €
	want := []string{
		"Leistungsübersicht", "Erbrachte Leistungen", "Niederlassung Siegen", "Berechnung", "Nettobetrag", "Gesamtbetrag",
		"Kostenfrei: Die Ursache lag in unserem Verantwortungsbereich.", "1 AE (Arbeitseinheit) = 15 Minuten",
		r.ID, "Möbel Kruse GmbH", "Juni 2026", "Amtsgericht Münster HRB 4711", "Seite 1 von 3",
		"95,00 €/Std.", gross,
	}
	for _, e := range r.Entries {
		want = append(want, e.Entry.TicketID, e.Entry.Description)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}
	// The total due is the last amount of the totals, and equals the
	// invoice's gross amount.
	i := strings.LastIndex(text, "Gesamtbetrag")
	if i < 0 || !strings.HasPrefix(strings.TrimSpace(text[i+len("Gesamtbetrag"):]), gross) {
		t.Errorf("the total due is not the invoice's %s", gross)
	}
	for _, internal := range []string{"rule", "ordered-work", "customer-fault", "provider-fault", "MIN"} {
		if strings.Contains(text, internal) {
			t.Errorf("the PDF shows the internal %q", internal)
		}
	}
}

// Every document of the scenario renders in every language, and its PDF
// reads back with its title and its umlauts and accents intact.
func TestEveryDocumentPDF(t *testing.T) {
	for _, lang := range []document.Language{document.German, document.Dutch, document.English} {
		docs, err := scenario.Documents(lang)
		if err != nil {
			t.Fatal(err)
		}
		for name, doc := range docs {
			t.Run(name+"."+lang.String(), func(t *testing.T) {
				p := doc.Page()
				text := pdfText(t, p)
				for _, w := range []string{p.Title, "Möbel Kruse GmbH", "Hauptstraße 12"} {
					if !strings.Contains(text, w) {
						t.Errorf("the PDF lacks %q:\n%s", w, text)
					}
				}
			})
		}
	}
}

// The same page gives the same bytes: a document can be archived and
// compared.
func TestPDFIsDeterministic(t *testing.T) {
	v, err := document.NewServiceReport(scenario.Report(20), scenario.Contract.Units, scenario.Options(document.Dutch))
	if err != nil {
		t.Fatal(err)
	}
	a, err := pdf.Bytes(v.Page())
	if err != nil {
		t.Fatal(err)
	}
	b, err := pdf.Bytes(v.Page())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renderings of one page differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Errorf("not a PDF: %q", a[:min(len(a), 16)])
	}
}

// A report of 200 entries runs over pages; every entry is on one of
// them and the pages are numbered.
func TestLongReportPDF(t *testing.T) {
	r := scenario.Report(200)
	v, err := document.NewServiceReport(r, scenario.Contract.Units, scenario.Options(document.German))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, v.Page())
	for _, e := range r.Entries {
		if !strings.Contains(text, e.Entry.TicketID+" ") {
			t.Errorf("the PDF lacks ticket %s", e.Entry.TicketID)
		}
	}
	if !strings.Contains(text, "Seite 2 von") {
		t.Error("no second page")
	}
}

// Write refuses a nil writer instead of panicking.
func TestWriteRefusesANilWriter(t *testing.T) {
	if err := pdf.Write(nil, document.Page{}); !errors.Is(err, document.ErrInvalid) {
		t.Errorf("Write(nil) = %v, want ErrInvalid", err)
	}
}

// The invoice's PDF is the e-invoice's twin: its number, the service
// report it bills, and the amount due equal to the e-invoice's, in German
// format.
func TestInvoicePDFMatchesTheEInvoice(t *testing.T) {
	inv, r := scenario.EInvoice()
	v, err := document.NewInvoice(inv, scenario.Options(document.German))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, v.Page())
	due := strings.ReplaceAll(inv.Totals.Due.StringFixed(2), ".", ",") + " €"
	for _, w := range []string{"Rechnung", "Rechnungsnr.", inv.Number, "Leistungsübersicht " + r.ID, "Gesamtbetrag", due,
		"Bitte überweisen Sie " + due + " bis zum 15.07.2026"} {
		if !strings.Contains(text, w) {
			t.Errorf("the invoice PDF lacks %q:\n%s", w, text)
		}
	}
	if !inv.Totals.Due.Equal(r.Totals.Gross) {
		t.Errorf("the e-invoice is due %s, the report's total is %s", inv.Totals.Due, r.Totals.Gross)
	}
}
