package einvoice_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/einvoice"
)

var firstLineAmount = regexp.MustCompile(`<ram:LineTotalAmount>[0-9.]+<`)

func written(t testing.TB, inv einvoice.Invoice, f einvoice.Format) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, einvoice.Write(&buf, inv, f))
	return buf.String()
}

// Malformed documents are a *ParseError naming what could not be read,
// never a panic or a half-read invoice.
func TestRead_malformed_documents_say_what_is_wrong(t *testing.T) {
	inv := invoiceKinds(t)[0].inv
	cii := written(t, inv, einvoice.XRechnungCII)
	ubl := written(t, inv, einvoice.XRechnungUBL)
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"empty", "", "ends before its root"},
		{"not_XML", "Rechnung 42: 100 EUR", "ends before its root"},
		{"unclosed_element", `<rsm:CrossIndustryInvoice xmlns:rsm="x"><a>`, "not well-formed XML"},
		{"another_root", `<Order><ID>1</ID></Order>`, "neither a CII CrossIndustryInvoice nor a UBL"},
		{"line_amount_no_number", firstLineAmount.ReplaceAllString(cii, "<ram:LineTotalAmount>zwei<"), "BT-131"},
		{"issue_date_no_date", strings.Replace(ubl, "<cbc:IssueDate>2026-04-01</cbc:IssueDate>", "<cbc:IssueDate>2026-02-30</cbc:IssueDate>", 1), "BT-2"},
		{"quantity_missing", strings.Replace(ubl, `<cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>`, "", 1), "BT-129"},
		{"amount_in_exponent_notation", strings.Replace(cii, "<ram:GrandTotalAmount>", "<ram:GrandTotalAmount>1e3", 1), "BT-112"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := einvoice.Read(strings.NewReader(tc.doc))
			var pe *einvoice.ParseError
			require.ErrorAs(t, err, &pe)
			require.True(t, errors.Is(err, einvoice.ErrMalformed))
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

// A document over the size limit is refused with ErrTooLarge, after
// reading no more than the limit.
func TestRead_refuses_a_document_over_the_limit(t *testing.T) {
	doc := written(t, invoiceKinds(t)[0].inv, einvoice.XRechnungCII)
	_, _, err := einvoice.ReadLimit(strings.NewReader(doc), int64(len(doc)/2))
	require.ErrorIs(t, err, einvoice.ErrTooLarge)
	_, _, err = einvoice.ReadLimit(strings.NewReader(doc), int64(len(doc)))
	require.NoError(t, err, "a document of exactly the limit is read")
}

// A host receiving e-invoices reads the EN 16931 core of invoices it did
// not write: the official XRechnung test invoice beside the validation
// script, in CII and in UBL, gives the same invoice either way.
func TestRead_reads_the_official_test_invoice_in_both_syntaxes(t *testing.T) {
	script := os.Getenv(validatorEnv)
	if script == "" {
		t.Skipf("%s is not set: the official test invoices beside the validation script are not read", validatorEnv)
	}
	read := func(name string) (einvoice.Invoice, einvoice.Format) {
		f, err := os.Open(filepath.Join(filepath.Dir(script), "samples", name))
		require.NoError(t, err)
		defer f.Close()
		inv, format, err := einvoice.Read(f)
		require.NoError(t, err)
		return inv, format
	}
	cii, ciiFormat := read("xrechnung-01.01a-cii.xml")
	ubl, ublFormat := read("xrechnung-01.01a-ubl.xml")
	require.Equal(t, einvoice.XRechnungCII, ciiFormat)
	require.Equal(t, einvoice.XRechnungUBL, ublFormat)
	require.Equal(t, "123456XX", cii.Number)
	require.Equal(t, "04011000-12345-03", cii.BuyerReference)
	require.Len(t, cii.Lines, 2)
	require.True(t, cii.Totals.Due.Equal(dec("336.9")), "amount due %s", cii.Totals.Due)
	require.True(t, cii.Totals.VAT.Equal(dec("22.04")))
	vat, totals := cii.Sums()
	require.True(t, totals.Gross.Equal(cii.Totals.Gross), "the totals add up as EN 16931 says")
	require.Len(t, vat, 1)
	// The syntaxes carry some terms differently (the UBL sample names the
	// seller by its trading name); the core of the invoice is the same.
	for _, inv := range []*einvoice.Invoice{&cii, &ubl} {
		inv.Seller, inv.Buyer = einvoice.Party{}, einvoice.Party{}
		inv.Notes = nil
	}
	if diff := cmp.Diff(cii, ubl, decimalEqual, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("CII and UBL (-cii +ubl):\n%s", diff)
	}
}

// Read never panics; what it reads and validates writes and reads back
// the same. Its starting corpus is large (embedded reports): run it with
// a short -fuzzminimizetime, e.g. go test -fuzz FuzzRead -fuzztime 30s
// -fuzzminimizetime 2s ./billing/einvoice.
func FuzzRead(f *testing.F) {
	for _, k := range invoiceKinds(f) {
		f.Add(written(f, k.inv, einvoice.Format{Syntax: einvoice.CII, Profile: k.profile}))
		f.Add(written(f, k.inv, einvoice.Format{Syntax: einvoice.UBL, Profile: k.profile}))
	}
	f.Add(`<Invoice><ID>1</ID><InvoiceLine><InvoicedQuantity>x</InvoicedQuantity></InvoiceLine></Invoice>`)
	f.Add(`<CrossIndustryInvoice><ExchangedDocument><IssueDateTime><DateTimeString>2026</DateTimeString></IssueDateTime></ExchangedDocument></CrossIndustryInvoice>`)
	f.Fuzz(func(t *testing.T, doc string) {
		inv, format, err := einvoice.ReadLimit(strings.NewReader(doc), 1<<20)
		if err != nil {
			if !errors.Is(err, einvoice.ErrMalformed) && !errors.Is(err, einvoice.ErrTooLarge) {
				t.Fatalf("an error that is neither ErrMalformed nor ErrTooLarge: %v", err)
			}
			return
		}
		if inv.Validate(format.Profile) != nil {
			return
		}
		var buf bytes.Buffer
		if err := einvoice.Write(&buf, inv, format); err != nil {
			t.Fatalf("a valid invoice does not write: %v", err)
		}
		again, againFormat, err := einvoice.Read(&buf)
		if err != nil {
			t.Fatalf("what Write wrote does not read: %v\n%s", err, buf.String())
		}
		if againFormat != format {
			t.Fatalf("format %v read back as %v", format, againFormat)
		}
		if diff := cmp.Diff(inv, again, decimalEqual, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}
