package pdf

import "github.com/deskcore/deskcore/document"

// tableLayout is a table with its column widths decided.
type tableLayout struct {
	t      document.Table
	widths []float64
}

// layout gives every column that does not wrap the width of its widest
// cell, and the wrapping column what is left of the page's width. Without
// a wrapping column, or when the others leave it too little, the columns
// share the width in proportion.
func (r *renderer) layout(t document.Table) *tableLayout {
	f := r.f
	n := len(t.Columns)
	widths := make([]float64, n)
	r.font("B", smallPt)
	for i, c := range t.Columns {
		widths[i] = f.GetStringWidth(c.Label) + cellPad
	}
	r.font("", bodyPt)
	for _, row := range t.Rows {
		for i := 0; i < n && i < len(row.Cells); i++ {
			widths[i] = max(widths[i], f.GetStringWidth(row.Cells[i])+cellPad)
		}
	}
	wrap := -1
	for i, c := range t.Columns {
		if c.Wrap {
			wrap = i
			break
		}
	}
	sum := 0.0
	for i, w := range widths {
		if i != wrap {
			sum += w
		}
	}
	switch {
	case wrap >= 0 && contentW-sum >= 25:
		widths[wrap] = contentW - sum
	default:
		total := sum
		if wrap >= 0 {
			total += widths[wrap]
		}
		for i := range widths {
			widths[i] = widths[i] * contentW / total
		}
	}
	return &tableLayout{t: t, widths: widths}
}

func (r *renderer) tableHead(tl *tableLayout) {
	f := r.f
	r.font("B", smallPt)
	r.ink(grey)
	f.SetX(marginL)
	for i, c := range tl.t.Columns {
		align := "L"
		if c.Right {
			align = "R"
		}
		f.CellFormat(tl.widths[i], 5, c.Label, "", 0, align+"B", false, 0, "")
	}
	f.Ln(5)
	y := f.GetY()
	f.SetDrawColor(r.accent.r, r.accent.g, r.accent.b)
	f.SetLineWidth(0.3)
	f.Line(marginL, y, pageW-marginR, y)
	f.SetY(y + 0.8)
	r.ink(black)
}

func (r *renderer) drawTable(t document.Table) {
	f := r.f
	tl := r.layout(t)
	r.room(5 + 3*lineH)
	r.tableHead(tl)
	r.table = tl
	defer func() { r.table = nil }()
	for _, row := range t.Rows {
		r.font("", bodyPt)
		cells := make([][]string, len(t.Columns))
		height := 1
		for i, c := range t.Columns {
			cell := ""
			if i < len(row.Cells) {
				cell = row.Cells[i]
			}
			if c.Wrap {
				cells[i] = r.wrap(cell, tl.widths[i]-cellPad)
			} else {
				cells[i] = []string{cell}
			}
			height = max(height, len(cells[i]))
		}
		r.font("", smallPt+0.5)
		var detail []string
		for _, d := range row.Detail {
			detail = append(detail, r.wrap(d, contentW-8)...)
		}
		h := float64(height)*lineH + float64(len(detail))*smallH + 1.6
		r.room(h)
		y := f.GetY() + 0.6
		style := ""
		if row.Strong {
			style = "B"
		}
		r.font(style, bodyPt)
		x := marginL
		for i, c := range t.Columns {
			align := "L"
			if c.Right {
				align = "R"
			}
			for k, l := range cells[i] {
				f.SetXY(x, y+float64(k)*lineH)
				f.CellFormat(tl.widths[i], lineH, l, "", 0, align, false, 0, "")
			}
			x += tl.widths[i]
		}
		y += float64(height) * lineH
		r.font("", smallPt+0.5)
		r.ink(grey)
		for _, d := range detail {
			f.SetXY(marginL+6, y)
			f.CellFormat(contentW-6, smallH, d, "", 0, "L", false, 0, "")
			y += smallH
		}
		r.ink(black)
		y += 0.8
		f.SetDrawColor(0xdd, 0xdd, 0xdd)
		f.SetLineWidth(0.15)
		f.Line(marginL, y, pageW-marginR, y)
		f.SetY(y)
	}
	f.SetY(f.GetY() + 2.5)
}
