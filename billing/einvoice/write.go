package einvoice

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Write writes the invoice in the format to w: XML with encoding/xml,
// UTF-8, streamed through a buffer (no global state, safe for concurrent
// use with different writers). It validates the invoice for the format's
// profile first and returns the *ValidationError without writing
// anything if a business term is missing or wrong; otherwise only w's
// errors.
func Write(w io.Writer, inv Invoice, f Format) error {
	if f.Syntax != CII && f.Syntax != UBL {
		var ps problems
		ps.add("syntax", "Format.Syntax", fmt.Sprintf("%d is not a syntax (CII, UBL)", f.Syntax))
		return ps.err()
	}
	if err := inv.Validate(f.Profile); err != nil {
		return err
	}
	if w == nil {
		var ps problems
		ps.add("writer", "w", "no writer to write to")
		return ps.err()
	}
	return write(w, inv, f)
}

// write writes a valid invoice.
func write(w io.Writer, inv Invoice, f Format) error {
	// The encoder buffers what it writes (a bufio.Writer around w).
	x := &xw{enc: xml.NewEncoder(w), buf: make([]byte, 0, 64), stack: make([]string, 0, 16)}
	x.err = x.enc.EncodeToken(xml.ProcInst{Target: "xml", Inst: []byte(`version="1.0" encoding="UTF-8"`)})
	if f.Syntax == CII {
		x.cii(inv, f.Profile)
	} else {
		x.ubl(inv, f.Profile)
	}
	if x.err == nil {
		x.err = x.enc.Flush()
	}
	if x.err == nil {
		_, x.err = io.WriteString(w, "\n")
	}
	return x.err
}

// xw writes elements through an xml.Encoder, which escapes every text
// and attribute; it keeps the first error. Element names carry their
// namespace prefix ("ram:ID"), declared on the root element, as the
// official samples do.
type xw struct {
	enc   *xml.Encoder
	err   error
	attr  [2]xml.Attr
	buf   []byte // scratch for numbers and dates
	stack []string
}

func (x *xw) start(name string, attrs ...xml.Attr) {
	if x.err != nil {
		return
	}
	x.stack = append(x.stack, name)
	x.err = x.enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: name}, Attr: attrs})
}

func (x *xw) end() {
	if x.err != nil {
		return
	}
	name := x.stack[len(x.stack)-1]
	x.stack = x.stack[:len(x.stack)-1]
	x.err = x.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: name}})
}

func (x *xw) chars(b []byte) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(xml.CharData(b))
	}
}

// el writes <name>text</name>.
func (x *xw) el(name, text string) {
	x.start(name)
	x.buf = append(x.buf[:0], text...)
	x.chars(x.buf)
	x.end()
}

// opt writes <name>text</name> if text is not empty.
func (x *xw) opt(name, text string) {
	if text != "" {
		x.el(name, text)
	}
}

// wrap writes <outer><name>text</name></outer> if text is not empty.
func (x *xw) wrap(outer, name, text string) {
	if text != "" {
		x.start(outer)
		x.el(name, text)
		x.end()
	}
}

// elAttr writes <name attr="val">text</name>.
func (x *xw) elAttr(name, attr, val, text string) {
	x.attr[0] = xml.Attr{Name: xml.Name{Local: attr}, Value: val}
	x.start(name, x.attr[:1]...)
	x.buf = append(x.buf[:0], text...)
	x.chars(x.buf)
	x.end()
}

// num writes a decimal as it is ("1.5", "-60").
func (x *xw) num(name string, d decimal.Decimal) {
	x.start(name)
	x.buf = appendDecimal(x.buf[:0], d, false)
	x.chars(x.buf)
	x.end()
}

// amount writes an amount with 2 decimals ("336.90"), with a currency
// attribute if cur is not empty.
func (x *xw) amount(name string, d decimal.Decimal, cur string) {
	if cur != "" {
		x.attr[0] = xml.Attr{Name: xml.Name{Local: "currencyID"}, Value: cur}
		x.start(name, x.attr[:1]...)
	} else {
		x.start(name)
	}
	x.buf = appendDecimal(x.buf[:0], d, true)
	x.chars(x.buf)
	x.end()
}

// quantity writes <name unitCode="unit">q</name>.
func (x *xw) quantity(name string, q decimal.Decimal, unit string) {
	x.attr[0] = xml.Attr{Name: xml.Name{Local: "unitCode"}, Value: unit}
	x.start(name, x.attr[:1]...)
	x.buf = appendDecimal(x.buf[:0], q, false)
	x.chars(x.buf)
	x.end()
}

// appendDecimal writes d; with fixed, with exactly 2 decimals. Amounts
// of a valid invoice have at most 2, so fixed never rounds them.
func appendDecimal(b []byte, d decimal.Decimal, fixed bool) []byte {
	if fixed {
		if c, e, ok := smallAmount(d); ok {
			return appendCents(b, c*pow10[e+2])
		}
		return append(b, d.StringFixed(2)...)
	}
	e := d.Exponent()
	if e > 3 || e < -9 || d.NumDigits() > 15 {
		return append(b, d.String()...)
	}
	c := d.CoefficientInt64()
	if e >= 0 {
		return strconv.AppendInt(b, c*pow10[e], 10)
	}
	// c × 10^e with -e decimals, as the value has them: "95.50".
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	div := int64(1)
	for range -e {
		div *= 10
	}
	b = strconv.AppendInt(b, c/div, 10)
	b = append(b, '.')
	frac := c % div
	for div /= 10; div > frac && div > 1; div /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, frac, 10)
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000}

// smallAmount returns d's coefficient and exponent when d is a small
// amount with at most 2 decimals.
func smallAmount(d decimal.Decimal) (int64, int32, bool) {
	e := d.Exponent()
	if e < -2 || e > 3 || d.NumDigits()+int(e) > 14 {
		return 0, 0, false
	}
	return d.CoefficientInt64(), e, true
}

// appendCents writes cents as "-12.05".
func appendCents(b []byte, cents int64) []byte {
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = strconv.AppendInt(b, cents/100, 10)
	c := cents % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// appendDate writes "2026-03-31" (dash) or "20260331".
func appendDate(b []byte, d date.Date, dash bool) []byte {
	y, m, dd := d.Date()
	b = appendPadded(b, y, 4)
	if dash {
		b = append(b, '-')
	}
	b = appendPadded(b, int(m), 2)
	if dash {
		b = append(b, '-')
	}
	return appendPadded(b, dd, 2)
}

func appendPadded(b []byte, v, width int) []byte {
	for w := 10; width > 1; width, w = width-1, w*10 {
		if v < w && v >= 0 {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(v), 10)
}
