package einvoice

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// MaxDocumentSize is the size Read accepts at most: 32 MiB, room for an
// invoice with embedded supporting documents.
const MaxDocumentSize = 32 << 20

// Read reads an e-invoice in CII (CrossIndustryInvoice) or UBL (Invoice
// or CreditNote) and returns its EN 16931 core as an Invoice and the
// format it found. Reading what Write wrote gives the same invoice back.
// It reads at most MaxDocumentSize bytes (ReadLimit for another limit).
//
// It does not validate: a received invoice may use parts of EN 16931 this
// package does not model (document allowances and charges, a payee, a tax
// representative), which it skips; call Validate to check what was read.
// It returns a *ParseError (ErrMalformed) for XML that is not well-formed,
// a root that is not an invoice, or a business term that does not read
// (a number, a date, a code), and ErrTooLarge for a larger document.
func Read(r io.Reader) (Invoice, Format, error) { return ReadLimit(r, MaxDocumentSize) }

// ReadLimit is Read with a size limit of max bytes.
func ReadLimit(r io.Reader, max int64) (Invoice, Format, error) {
	if max < 0 {
		max = 0
	}
	if r == nil {
		return Invoice{}, Format{}, &ParseError{Reason: "no reader to read from"}
	}
	lr := &limitReader{r: r, left: max}
	dec := xml.NewDecoder(lr)
	for {
		tok, err := dec.Token()
		if err != nil {
			return Invoice{}, Format{}, readErr(err, lr)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var (
			inv Invoice
			f   Format
		)
		switch start.Name.Local {
		case "CrossIndustryInvoice":
			var doc ciiDoc
			if err := dec.DecodeElement(&doc, &start); err != nil {
				return Invoice{}, Format{}, readErr(err, lr)
			}
			inv, f.Profile, err = doc.invoice()
			f.Syntax = CII
		case "Invoice", "CreditNote":
			var doc ublDoc
			if err := dec.DecodeElement(&doc, &start); err != nil {
				return Invoice{}, Format{}, readErr(err, lr)
			}
			inv, f.Profile, err = doc.invoice(start.Name.Local == "CreditNote")
			f.Syntax = UBL
		default:
			return Invoice{}, Format{}, &ParseError{Element: clip(start.Name.Local), Reason: "the root element is neither a CII CrossIndustryInvoice nor a UBL Invoice or CreditNote"}
		}
		if err != nil {
			return Invoice{}, Format{}, err
		}
		return inv, f, nil
	}
}

var errLimit = errors.New("limit")

// limitReader fails with errLimit once more than left bytes are read.
type limitReader struct {
	r    io.Reader
	left int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, errLimit
	}
	// Read one byte past the limit, to tell a document of exactly the
	// limit from a longer one.
	if allowed := l.left; allowed < math.MaxInt64 && int64(len(p)) > allowed+1 {
		p = p[:allowed+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, errLimit
	}
	return n, err
}

func readErr(err error, lr *limitReader) error {
	if lr.left < 0 || errors.Is(err, errLimit) {
		return ErrTooLarge
	}
	if errors.Is(err, io.EOF) {
		return &ParseError{Reason: "the document ends before its root element"}
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &ParseError{Reason: fmt.Sprintf("not well-formed XML at line %d: %s", se.Line, clip(se.Msg))}
	}
	return &ParseError{Reason: clip(err.Error())}
}

// fields converts the texts of a document, keeping the first error.
type fields struct{ err error }

func (f *fields) fail(term, elem, reason string) {
	if f.err == nil {
		f.err = &ParseError{Term: term, Element: elem, Reason: reason}
	}
}

// num reads a decimal; empty is zero unless required.
func (f *fields) num(term, elem, s string, required bool) decimal.Decimal {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			f.fail(term, elem, "is missing")
		}
		return decimal.Zero
	}
	if len(s) > 40 {
		f.fail(term, elem, "is too long for a number")
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eE") {
		f.fail(term, elem, fmt.Sprintf("%q is not a decimal number", clip(s)))
		return decimal.Zero
	}
	return d
}

// day reads "20260331" (CII format 102) or "2026-03-31" (UBL); empty is
// the zero date.
func (f *fields) day(term, elem, s string) date.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	digits := strings.ReplaceAll(s, "-", "")
	if len(digits) != 8 || (len(s) != 8 && (len(s) != 10 || s[4] != '-' || s[7] != '-')) {
		f.fail(term, elem, fmt.Sprintf("%q is not a date", clip(s)))
		return 0
	}
	y, err1 := strconv.Atoi(digits[:4])
	m, err2 := strconv.Atoi(digits[4:6])
	dd, err3 := strconv.Atoi(digits[6:])
	if err1 != nil || err2 != nil || err3 != nil || y < 1 || m < 1 || m > 12 || dd < 1 || dd > 31 {
		f.fail(term, elem, fmt.Sprintf("%q is not a date", clip(s)))
		return 0
	}
	out := date.New(y, time.Month(m), dd)
	if _, mm, d2 := out.Date(); int(mm) != m || d2 != dd {
		f.fail(term, elem, fmt.Sprintf("%q is not a date", clip(s)))
		return 0
	}
	return out
}

// code reads a type or payment means code.
func (f *fields) code(term, elem, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 999 {
		f.fail(term, elem, fmt.Sprintf("%q is not a code", clip(s)))
		return 0
	}
	return n
}

// content decodes an embedded document.
func (f *fields) content(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		f.fail("BT-125", "AttachmentBinaryObject", "is not base64")
	}
	return b
}

func profileOf(id string) Profile {
	if strings.Contains(id, "xrechnung") {
		return XRechnung
	}
	return EN16931
}

// lineVAT gives each line the exemption reason of its category's
// breakdown, which is where the formats carry it.
func lineVAT(inv *Invoice) {
	for i := range inv.Lines {
		v := &inv.Lines[i].VAT
		for _, b := range inv.VAT {
			if b.Category == v.Category && b.Rate.Equal(v.Rate) {
				v.ExemptionReason, v.ExemptionCode = b.ExemptionReason, b.ExemptionCode
				break
			}
		}
	}
}

// lineText is a line's texts as a syntax carries them.
type lineText struct {
	id, note, name, quantity, unit, price, base, net, category, rate string
}

// line converts a line.
func (f *fields) line(t lineText, p Period) Line {
	return Line{
		ID: t.id, Note: t.note, Name: t.name,
		Quantity: f.num("BT-129", "quantity", t.quantity, true), Unit: t.unit,
		Price: f.num("BT-146", "price", t.price, true), BaseQuantity: f.num("BT-149", "base quantity", t.base, false),
		Net:    f.num("BT-131", "line amount", t.net, true),
		VAT:    VAT{Category: Category(t.category), Rate: f.num("BT-152", "VAT rate", t.rate, false)},
		Period: p,
	}
}

// breakdown converts a VAT breakdown.
func (f *fields) breakdown(category, rate, base, tax, reason, code string) VATBreakdown {
	return VATBreakdown{
		Category: Category(category), Rate: f.num("BT-119", "VAT rate", rate, false),
		Base: f.num("BT-116", "taxable amount", base, true), Tax: f.num("BT-117", "VAT amount", tax, true),
		ExemptionReason: reason, ExemptionCode: code,
	}
}

// totals converts the document totals.
func (f *fields) totals(lineNet, taxBasis, vat, gross, prepaid, due string) Totals {
	return Totals{
		LineNet: f.num("BT-106", "sum of line amounts", lineNet, true), TaxBasis: f.num("BT-109", "total without VAT", taxBasis, true),
		VAT: f.num("BT-110", "VAT total", vat, false), Gross: f.num("BT-112", "total with VAT", gross, true),
		Prepaid: f.num("BT-113", "paid amount", prepaid, false), Due: f.num("BT-115", "amount due", due, true),
	}
}
