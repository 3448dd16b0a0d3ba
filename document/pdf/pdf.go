package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/validation"
)

// A4 in millimetres, and the margins of every page.
const (
	pageW, pageH               = 210.0, 297.0
	marginL, marginR, marginT  = 20.0, 16.0, 16.0
	footerH                    = 18.0
	contentW                   = pageW - marginL - marginR
	bodyPt, smallPt, headingPt = 9.5, 8.0, 11.5
	lineH                      = 4.6
	smallH                     = 3.8
	cellPad                    = 4.0
)

// created is the creation date written into every PDF: a fixed date, so
// the same document gives the same bytes (the documents carry their own
// dates in their text).
var created = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Write writes a Page as an A4 PDF: the Go fonts embedded (regular and
// bold), the letterhead and the legal lines on every page with the page
// number, tables whose header repeats after a page break, and a new page
// for every section that asks for one.
//
// It returns a *document.ValidationError for a nil w, the error of
// writing to w, or an error of the PDF library.
func Write(w io.Writer, p document.Page) error {
	if w == nil {
		return validation.New("document", "w", "is nil")
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.AddUTF8FontFromBytes("go", "", goregular.TTF)
	f.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	f.SetTitle(p.Title, true)
	f.SetLang(p.Lang)
	f.SetCreator("deskcore", true)
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(false, footerH)
	f.AliasNbPages("{nb}")
	r := &renderer{f: f, p: p, accent: colour(p.Letterhead.Accent)}
	f.SetHeaderFunc(r.header)
	f.SetFooterFunc(r.footer)
	f.AddPage()
	r.top()
	for _, s := range p.Intro {
		r.paragraph(s, bodyPt, false)
	}
	for _, s := range p.Sections {
		r.section(s)
	}
	for _, s := range p.Closing {
		r.paragraph(s, bodyPt, false)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Bytes is Write into a byte slice.
func Bytes(p document.Page) ([]byte, error) {
	var b bytes.Buffer
	err := Write(&b, p)
	return b.Bytes(), err
}

type rgb struct{ r, g, b int }

func colour(hex string) rgb {
	if len(hex) == 7 && hex[0] == '#' {
		if v, err := strconv.ParseUint(hex[1:], 16, 32); err == nil {
			return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
		}
	}
	return rgb{0x1f, 0x3a, 0x5f}
}

type renderer struct {
	f      *fpdf.Fpdf
	p      document.Page
	accent rgb
	// table is the table being drawn, so a page break can repeat its
	// header.
	table *tableLayout
}

func (r *renderer) font(style string, pt float64) { r.f.SetFont("go", style, pt) }

func (r *renderer) ink(c rgb) { r.f.SetTextColor(c.r, c.g, c.b) }

var (
	black = rgb{0x1a, 0x1a, 0x1a}
	grey  = rgb{0x55, 0x55, 0x55}
	light = rgb{0xcc, 0xcc, 0xcc}
)

// header draws the letterhead on every page: the provider's name in its
// colour, the address and contact lines, a rule.
func (r *renderer) header() {
	f, h := r.f, r.p.Letterhead
	f.SetXY(marginL, marginT)
	r.font("B", 15)
	r.ink(r.accent)
	f.CellFormat(contentW, 7, h.Name, "", 1, "L", false, 0, "")
	r.font("", smallPt)
	r.ink(grey)
	for _, l := range h.Lines {
		f.CellFormat(contentW, smallH, l, "", 1, "L", false, 0, "")
	}
	y := f.GetY() + 1.5
	f.SetDrawColor(r.accent.r, r.accent.g, r.accent.b)
	f.SetLineWidth(0.5)
	f.Line(marginL, y, pageW-marginR, y)
	f.SetY(y + 6)
	r.ink(black)
	if r.table != nil && f.PageNo() > 1 {
		r.tableHead(r.table)
	}
}

// footer draws the legal lines and the page number.
func (r *renderer) footer() {
	f := r.f
	f.SetDrawColor(light.r, light.g, light.b)
	f.SetLineWidth(0.2)
	y := pageH - footerH + 2
	f.Line(marginL, y, pageW-marginR, y)
	f.SetXY(marginL, y+1.5)
	r.font("", 7.5)
	r.ink(grey)
	page := r.p.PageOf
	if page == "" {
		page = "%d / %d"
	}
	page = strings.Replace(strings.Replace(page, "%d", strconv.Itoa(f.PageNo()), 1), "%d", "{nb}", 1)
	pw := f.GetStringWidth(page) + 2
	for i, l := range r.joinLines(r.p.Letterhead.Legal, " · ", contentW-pw-4) {
		f.SetXY(marginL, y+1.5+float64(i)*3.4)
		f.CellFormat(contentW-pw, 3.4, l, "", 0, "L", false, 0, "")
	}
	f.SetXY(pageW-marginR-pw, y+1.5)
	f.CellFormat(pw, 3.4, page, "", 0, "R", false, 0, "")
	r.ink(black)
}

// top draws the address block, the fields beside it and the title.
func (r *renderer) top() {
	f := r.f
	y0 := f.GetY()
	r.font("", bodyPt)
	for _, l := range r.p.Address {
		f.SetX(marginL)
		f.CellFormat(95, lineH, l, "", 1, "L", false, 0, "")
	}
	yAddr := f.GetY()
	// The fields, right: labels grey, values beside them.
	lw, vw := 0.0, 0.0
	for _, fl := range r.p.Fields {
		lw = max(lw, f.GetStringWidth(fl.Label))
		vw = max(vw, f.GetStringWidth(fl.Value))
	}
	// CellFormat sets text a cell margin in from the cell's edge: room
	// for it on both sides, so the longest value ends at the margin.
	lw, vw = lw+4, min(vw+2*f.GetCellMargin()+0.5, 80)
	x := pageW - marginR - lw - vw
	y := y0
	for _, fl := range r.p.Fields {
		f.SetXY(x, y)
		r.ink(grey)
		f.CellFormat(lw, lineH, fl.Label, "", 0, "L", false, 0, "")
		r.ink(black)
		f.CellFormat(vw, lineH, fl.Value, "", 0, "L", false, 0, "")
		y += lineH
	}
	f.SetXY(marginL, max(yAddr, y, y0+22)+6)
	r.font("B", 15)
	r.ink(r.accent)
	f.MultiCell(contentW, 7, r.p.Title, "", "L", false)
	r.ink(black)
	f.SetY(f.GetY() + 2)
}

// room breaks the page unless h millimetres fit above the footer.
func (r *renderer) room(h float64) {
	if r.f.GetY()+h > pageH-footerH-2 {
		r.f.AddPage()
	}
}

func (r *renderer) paragraph(s string, pt float64, small bool) {
	f := r.f
	r.font("", pt)
	h := lineH
	if small {
		h = smallH
		r.ink(grey)
	}
	lines := r.wrap(s, contentW)
	r.room(h * float64(min(len(lines), 3)))
	for _, l := range lines {
		r.room(h)
		f.SetX(marginL)
		f.CellFormat(contentW, h, l, "", 1, "L", false, 0, "")
	}
	f.SetY(f.GetY() + 1.5)
	r.ink(black)
}

func (r *renderer) section(s document.Section) {
	f := r.f
	if s.NewPage && f.GetY() > r.bodyTop()+1 {
		f.AddPage()
	}
	if s.Heading != "" {
		r.room(8 + 3*lineH)
		f.SetY(f.GetY() + 3)
		r.font("B", headingPt)
		r.ink(r.accent)
		for _, l := range r.wrap(s.Heading, contentW) {
			f.SetX(marginL)
			f.CellFormat(contentW, 6, l, "", 1, "L", false, 0, "")
		}
		r.ink(black)
		f.SetY(f.GetY() + 1)
	}
	for _, t := range s.Text {
		r.paragraph(t, bodyPt, false)
	}
	if len(s.Table.Columns) > 0 {
		r.drawTable(s.Table)
	}
	if len(s.Totals) > 0 {
		r.totals(s.Totals)
	}
	for _, n := range s.Notes {
		r.paragraph(n, smallPt, true)
	}
}

// bodyTop is where the body starts under the letterhead.
func (r *renderer) bodyTop() float64 {
	return marginT + 7 + smallH*float64(len(r.p.Letterhead.Lines)) + 7.5
}

func (r *renderer) totals(ts []document.Total) {
	f := r.f
	r.font("B", bodyPt)
	lw, vw := 0.0, 0.0
	for _, t := range ts {
		lw = max(lw, f.GetStringWidth(t.Label))
		vw = max(vw, f.GetStringWidth(t.Value))
	}
	lw, vw = min(lw+6, contentW-vw-4), vw+2
	r.room(lineH*float64(len(ts)) + 3)
	f.SetY(f.GetY() + 1.5)
	x := pageW - marginR - lw - vw
	for _, t := range ts {
		style := ""
		if t.Strong {
			style = "B"
			f.SetDrawColor(black.r, black.g, black.b)
			f.SetLineWidth(0.3)
			f.Line(x, f.GetY()+0.3, pageW-marginR, f.GetY()+0.3)
			f.SetY(f.GetY() + 0.8)
		}
		r.font(style, bodyPt)
		f.SetX(x)
		f.CellFormat(lw, lineH+0.4, t.Label, "", 0, "L", false, 0, "")
		f.CellFormat(vw, lineH+0.4, t.Value, "", 1, "R", false, 0, "")
	}
	f.SetY(f.GetY() + 2)
}

// wrap breaks s into lines no wider than w in the current font, at
// spaces only (a no-break space holds an amount together), keeping s's
// line breaks; a word wider than w is cut.
func (r *renderer) wrap(s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		cur := ""
		for _, word := range strings.FieldsFunc(para, func(c rune) bool { return c == ' ' || c == '\t' }) {
			for r.f.GetStringWidth(word) > w {
				if cur != "" {
					out = append(out, cur)
					cur = ""
				}
				rs := []rune(word)
				n := len(rs) - 1
				for n > 1 && r.f.GetStringWidth(string(rs[:n])) > w {
					n--
				}
				out = append(out, string(rs[:n]))
				word = string(rs[n:])
			}
			switch {
			case cur == "":
				cur = word
			case r.f.GetStringWidth(cur+" "+word) <= w:
				cur += " " + word
			default:
				out = append(out, cur)
				cur = word
			}
		}
		out = append(out, cur)
	}
	return out
}

// joinLines joins items with sep into lines no wider than w, breaking
// between items where it can.
func (r *renderer) joinLines(items []string, sep string, w float64) []string {
	var out []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case r.f.GetStringWidth(cur+sep+it) <= w:
			cur += sep + it
		default:
			out = append(out, cur)
			cur = it
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	var lines []string
	for _, l := range out {
		lines = append(lines, r.wrap(l, w)...)
	}
	return lines
}
