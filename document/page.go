package document

// Page is a document laid out for rendering, in words already chosen and
// numbers already formatted: a letterhead, the recipient, a title with
// its reference fields, sections of text, tables and totals, and the
// legal lines at the foot. Every view model of the package makes its
// Page; WriteText, WriteHTML and the pdf package render any Page, so a
// host with its own layout may render a view model itself or a Page.
type Page struct {
	Lang       string     // BCP 47 tag of the text: "de"
	Letterhead Letterhead // the provider
	Address    []string   // the recipient's block: name, attention, address
	Title      string     // "Leistungsübersicht"
	Fields     []Field    // reference fields beside the title: number, date, period
	Intro      []string   // paragraphs before the sections
	Sections   []Section
	Closing    []string // paragraphs after the sections
	// PageOf is the page number's text with two %d: "Seite %d von %d".
	PageOf string
}

// Letterhead is the provider's head and foot of every page.
type Letterhead struct {
	Name   string   // the provider's name
	Lines  []string // address and contact, one line each
	Legal  []string // register, VAT ID, bank, for the foot
	Accent string   // "#rrggbb"
}

// Field is a labelled value: "Zeitraum: Juni 2026".
type Field struct {
	Label, Value string
}

// Section is a part of a page: a heading, paragraphs, a table, totals
// and notes, each optional, in that order.
type Section struct {
	Heading string
	// NewPage starts the section on a new page in print (HTML and PDF):
	// each branch of a service report has its own page.
	NewPage bool
	Text    []string
	Table   Table
	Totals  []Total
	Notes   []string // small print under the table
}

// Table is a table of text cells. A table without columns is none.
type Table struct {
	Columns []Column
	Rows    []Row
}

// Column is a table column's head and how its cells are set.
type Column struct {
	Label string
	// Right aligns the column right: amounts, hours, quantities.
	Right bool
	// Wrap lets the column's text wrap; the others never wrap, so a date
	// or an amount stays on one line. At most one column of a table
	// wraps.
	Wrap bool
}

// Row is a table row: one cell per column, and lines of detail set
// under the row across the whole table (descriptions, decisions).
type Row struct {
	Cells  []string
	Detail []string
	Strong bool // a row that sums up: opening and closing balances
}

// Total is a line of the totals under a table: "Gesamtbetrag 53,55 €".
type Total struct {
	Label, Value string
	Strong       bool // the amount due
}

// letterhead makes the Letterhead of a provider.
func (p Provider) letterhead() Letterhead {
	h := Letterhead{Name: p.Name, Accent: p.Accent}
	if h.Accent == "" || !validColour(h.Accent) {
		h.Accent = "#1f3a5f"
	}
	if len(p.Address) > 0 {
		h.Lines = append(h.Lines, joinNonEmpty(" · ", p.Address...))
	}
	if c := joinNonEmpty(" · ", p.Phone, p.Email, p.Web); c != "" {
		h.Lines = append(h.Lines, c)
	}
	for _, l := range []string{p.Register, p.VATID, p.Bank} {
		if l != "" {
			h.Legal = append(h.Legal, l)
		}
	}
	return h
}

func validColour(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
