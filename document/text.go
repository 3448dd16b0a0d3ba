package document

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// TextWidth is the width of the plain-text form: it fits an e-mail body.
const TextWidth = 80

// WriteText writes a Page as plain text of at most TextWidth columns (a
// character is a column; the documents use no wide characters of their
// own): the letterhead, the address, the title and fields, and every
// section with its table. Cells of a wrapping column and long
// paragraphs wrap; no other cell does, so dates and amounts stay whole.
// It returns a *ValidationError for a nil w, or w's error.
func WriteText(w io.Writer, p Page) error {
	if w == nil {
		return errNilWriter
	}
	bw := bufio.NewWriter(w)
	t := textWriter{w: bw}
	if p.Letterhead.Name != "" {
		t.wrap(p.Letterhead.Name, "")
		for _, l := range p.Letterhead.Lines {
			t.wrap(l, "")
		}
		t.line(strings.Repeat("─", TextWidth))
	}
	if len(p.Address) > 0 {
		for _, l := range p.Address {
			t.wrap(l, "")
		}
		t.line("")
	}
	t.wrap(p.Title, "")
	t.line(strings.Repeat("═", min(runes(p.Title), TextWidth)))
	t.fields(p.Fields)
	for _, s := range p.Intro {
		t.line("")
		t.wrap(s, "")
	}
	for _, s := range p.Sections {
		t.section(s)
	}
	for _, s := range p.Closing {
		t.line("")
		t.wrap(s, "")
	}
	if len(p.Letterhead.Legal) > 0 {
		t.line("")
		t.line(strings.Repeat("─", TextWidth))
		for _, l := range p.Letterhead.Legal {
			t.wrap(l, "")
		}
	}
	return bw.Flush()
}

type textWriter struct{ w *bufio.Writer }

func (t textWriter) line(s string) {
	t.w.WriteString(strings.TrimRight(s, " "))
	t.w.WriteByte('\n')
}

// wrap writes s wrapped to the width, each line after the first
// indented by indent.
func (t textWriter) wrap(s, indent string) {
	for i, l := range wrapText(s, TextWidth-runes(indent)) {
		if i > 0 || indent != "" {
			l = indent + l
		}
		t.line(l)
	}
}

func (t textWriter) fields(fs []Field) {
	wl := 0
	for _, f := range fs {
		wl = max(wl, runes(f.Label))
	}
	for _, f := range fs {
		lab := padRight(f.Label+":", wl+2)
		lines := wrapText(f.Value, TextWidth-runes(lab))
		for i, l := range lines {
			if i == 0 {
				t.line(lab + l)
			} else {
				t.line(strings.Repeat(" ", runes(lab)) + l)
			}
		}
	}
}

func (t textWriter) section(s Section) {
	if s.Heading != "" {
		t.line("")
		t.wrap(s.Heading, "")
		t.line(strings.Repeat("─", min(runes(s.Heading), TextWidth)))
	}
	for _, p := range s.Text {
		t.line("")
		t.wrap(p, "")
	}
	width := TextWidth
	if len(s.Table.Columns) > 0 {
		t.line("")
		width = t.table(s.Table)
	}
	if len(s.Totals) > 0 {
		wl, wv := 0, 0
		for _, x := range s.Totals {
			wl, wv = max(wl, runes(x.Label)), max(wv, runes(x.Value))
		}
		width = max(width, min(wl+2+wv, TextWidth))
		t.line("")
		for _, x := range s.Totals {
			if x.Strong {
				t.line(strings.Repeat(" ", width-min(wl+2+wv, width)) + strings.Repeat("─", min(wl+2+wv, width)))
			}
			l := padRight(x.Label, wl) + "  " + padLeft(x.Value, wv)
			if runes(l) > TextWidth {
				t.wrap(x.Label, "")
				t.line(padLeft(x.Value, width))
				continue
			}
			t.line(padLeft(l, width))
		}
	}
	for _, n := range s.Notes {
		t.line("")
		t.wrap(n, "")
	}
}

// table writes a table and returns its width. Columns are two spaces
// apart; the wrapping column gets what the others leave of the width.
func (t textWriter) table(tb Table) int {
	const gap = 2
	n := len(tb.Columns)
	widths := make([]int, n)
	for i, c := range tb.Columns {
		widths[i] = runes(c.Label)
	}
	for _, r := range tb.Rows {
		for i := 0; i < n && i < len(r.Cells); i++ {
			widths[i] = max(widths[i], runes(r.Cells[i]))
		}
	}
	total := gap * (n - 1)
	for _, w := range widths {
		total += w
	}
	if total > TextWidth {
		for i, c := range tb.Columns {
			if c.Wrap {
				widths[i] = max(widths[i]-(total-TextWidth), 10)
				total = TextWidth
				break
			}
		}
	}
	row := func(cells []string) {
		cols := make([][]string, n)
		height := 1
		for i := range n {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			if tb.Columns[i].Wrap {
				cols[i] = wrapText(cell, widths[i])
			} else {
				cols[i] = []string{cell}
			}
			height = max(height, len(cols[i]))
		}
		for l := range height {
			var b strings.Builder
			for i := range n {
				if i > 0 {
					b.WriteString(strings.Repeat(" ", gap))
				}
				cell := ""
				if l < len(cols[i]) {
					cell = cols[i][l]
				}
				if tb.Columns[i].Right {
					b.WriteString(padLeft(cell, widths[i]))
				} else {
					b.WriteString(padRight(cell, widths[i]))
				}
			}
			t.line(b.String())
		}
	}
	head := make([]string, n)
	for i, c := range tb.Columns {
		head[i] = c.Label
	}
	row(head)
	t.line(strings.Repeat("─", min(total, TextWidth)))
	for _, r := range tb.Rows {
		row(r.Cells)
		for _, d := range r.Detail {
			t.wrap("    "+d, "    ")
		}
	}
	return min(total, TextWidth)
}

// wrapText breaks s into lines of at most width characters at spaces,
// keeping the line breaks s has; a word longer than the width is cut.
func wrapText(s string, width int) []string {
	width = max(width, 1)
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		var cur strings.Builder
		curLen := 0
		for _, word := range strings.FieldsFunc(para, isBreak) {
			for runes(word) > width {
				if curLen > 0 {
					out = append(out, cur.String())
					cur.Reset()
					curLen = 0
				}
				cut := cutRunes(word, width)
				out = append(out, word[:cut])
				word = word[cut:]
			}
			wl := runes(word)
			switch {
			case curLen == 0:
				cur.WriteString(word)
				curLen = wl
			case curLen+1+wl <= width:
				cur.WriteByte(' ')
				cur.WriteString(word)
				curLen += 1 + wl
			default:
				out = append(out, cur.String())
				cur.Reset()
				cur.WriteString(word)
				curLen = wl
			}
		}
		out = append(out, cur.String())
	}
	return out
}

// cutRunes returns the byte offset after the first n runes of s.
func cutRunes(s string, n int) int {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

func runes(s string) int { return utf8.RuneCountInString(s) }

func padRight(s string, w int) string {
	if n := runes(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func padLeft(s string, w int) string {
	if n := runes(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// isBreak reports whether a line may break at r: a space or a tab, not
// the no-break space that holds "53,55 €" together.
func isBreak(r rune) bool { return r == ' ' || r == '\t' }
