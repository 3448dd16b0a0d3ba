package billing

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/validation"
)

// Limits on the text fields the work side stores. They are generous; their
// point is that a database column can be sized for them.
const (
	workMaxID   = 200  // entry, customer, branch, ticket and contract IDs
	workMaxText = 2000 // descriptions, justifications, reasons
)

// workLastDate is 9999-12-31: dates stay within the years 1-9999, which
// every database and text form can hold (date.Date counts days from
// 0001-01-01, the zero Date).
const workLastDate date.Date = 3652058

// workClip shortens s for an error message, so a megabyte of garbage does
// not come back in the error.
func workClip(s string) string {
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// checkWorkID checks an identifier: printable, at most workMaxID bytes,
// and present when required.
func (ps *problems) checkWorkID(field, s string, required bool) {
	switch {
	case s == "":
		if required {
			ps.add(field, "is required")
		}
	case len(s) > workMaxID:
		ps.add(field, "is longer than %d bytes", workMaxID)
	default:
		ps.checkWorkPrintable(field, s, false)
	}
}

// checkWorkText checks a free text: at most workMaxText bytes, printable
// (multiline allows line breaks and tabs), and not blank when required.
func (ps *problems) checkWorkText(field, s string, required, multiline bool) {
	switch {
	case strings.TrimSpace(s) == "":
		if required {
			ps.add(field, "is required")
		} else if s != "" {
			ps.add(field, "is blank")
		}
	case len(s) > workMaxText:
		ps.add(field, "is longer than %d bytes", workMaxText)
	default:
		ps.checkWorkPrintable(field, s, multiline)
	}
}

func (ps *problems) checkWorkPrintable(field, s string, multiline bool) {
	if workPrintableASCII(s) {
		return // the usual ID or text: no need to decode runes
	}
	if !utf8.ValidString(s) {
		ps.add(field, "is not valid UTF-8")
		return
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t' || r == '\r')) {
			ps.add(field, "contains the control character %U", r)
			return
		}
	}
}

// workPrintableASCII reports whether s is printable ASCII only (space
// to tilde), which checkWorkPrintable accepts in any field.
func workPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return false
		}
	}
	return true
}

// checkWorkDate keeps a date within the years 1-9999; the zero date is
// missing. It compares day numbers: converting a far-off date to a year
// would overflow.
func (ps *problems) checkWorkDate(field string, d date.Date, required bool) {
	switch {
	case d == 0:
		if required {
			ps.add(field, "is missing")
		}
	case d < 0 || d > workLastDate:
		ps.add(field, "%d days from 0001-01-01 is outside the years 1-9999", int64(d))
	}
}

// checkWorkInstant keeps an instant within the library's years (see
// validation.FirstYear).
func (ps *problems) checkWorkInstant(field string, t time.Time) {
	if why := validation.InstantReason(t); why != "" {
		ps.add(field, "%s", why)
	}
}

// checkWorkMoney checks an amount, price or quantity against the
// library's one bound (see validation.MaxDecimal): zero or more, below a
// trillion, with at most digits decimals.
func (ps *problems) checkWorkMoney(field string, v decimal.Decimal, digits int32) {
	if workSmallMoney(v, digits) {
		return
	}
	if why := validation.DecimalReason(v, digits); why != "" {
		ps.add(field, "%s", why)
	}
}

// workSmallMoney reports, without arithmetic, that v is an amount
// validation.DecimalReason accepts: zero or more, at most digits
// decimals, and fewer integer digits than MaxDecimal's 10^12 (every price
// of a rate card is). false says nothing: DecimalReason decides.
func workSmallMoney(v decimal.Decimal, digits int32) bool {
	e := v.Exponent()
	return e <= 0 && e >= -digits && v.Sign() >= 0 &&
		v.NumDigits()+int(e) <= 12 && validation.MaxDecimal.Cmp(workTenToThe12) == 0
}

// workTenToThe12 is validation.MaxDecimal as the library sets it.
var workTenToThe12 = decimal.New(1, 12)

// checkWorkPercent checks a percentage: 0 to 100 with at most 2 decimals.
func (ps *problems) checkWorkPercent(field string, v decimal.Decimal) {
	n := len(*ps)
	ps.checkWorkMoney(field, v, 2)
	if len(*ps) == n && v.GreaterThan(workHundred) {
		ps.add(field, "%s is more than 100", v)
	}
}

// checkWorkNames checks that the names of a list (zones, items) are
// present, valid and unique: field[i].name.
func checkWorkNames[T any](ps *problems, field, name string, list []T, nameOf func(T) string) {
	var seen map[string]bool // for long lists; short ones are searched
	if len(list) > 16 {
		seen = make(map[string]bool, len(list))
	}
	for i, v := range list {
		n := nameOf(v)
		m := len(*ps)
		ps.checkWorkID(name, n, true)
		twice := seen[n]
		if seen != nil {
			seen[n] = true
		} else {
			twice = slices.ContainsFunc(list[:i], func(before T) bool { return nameOf(before) == n })
		}
		if twice {
			ps.add(name, "%q is listed twice", workClip(n))
		}
		ps.prefix(m, field, i)
	}
}

// prefix writes "<list>[i]." before the fields of the problems from
// index from on: the problems of a list's element, checked with field
// names relative to it.
func (ps problems) prefix(from int, list string, i int) {
	if from == len(ps) {
		return
	}
	p := list + "[" + strconv.Itoa(i) + "]."
	for k := from; k < len(ps); k++ {
		ps[k].Field = p + ps[k].Field
	}
}
