package quota

import (
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
)

// Period is a calendar month, the unit in which a quota contract allots
// hours, is invoiced and is closed ("monatlich"). It is a small
// value: compare with Equal, Before, After or Compare; == works too.
//
// The zero Period means "no period" (a lot that never expires, an unset
// field); IsZero reports it, String renders it as "" and ParsePeriod("")
// is an error while UnmarshalText("") restores it.
type Period struct {
	n int32 // year*12 + month (1..12); 0 is the zero Period
}

// The periods a Period can hold: the months of the years 1 to 9999, the
// range of dates in the whole library.
const (
	firstPeriodN = 1*12 + 0 + 1     // January of year 1
	lastPeriodN  = 9999*12 + 11 + 1 // December of 9999
)

// NewPeriod returns the period of the given month.
//
// It returns a *ValidationError for a month outside January..December
// (it does not roll month 13 over into the next year) or a year outside
// 1 to 9999.
func NewPeriod(year int, month time.Month) (Period, error) {
	if month < time.January || month > time.December {
		return Period{}, invalid("Month", "%d is not a month from 1 to 12", int(month))
	}
	if year < 1 || year > 9999 {
		return Period{}, invalid("Year", "%d is outside the years 1-9999", year)
	}
	return periodOf(year, month), nil
}

// periodOf is NewPeriod for a year and month known to be in range.
func periodOf(year int, month time.Month) Period {
	return Period{n: int32(year*12 + int(month))}
}

// PeriodOf returns the period (month) the date lies in. The zero date
// gives January of year 1, not the zero Period; a date outside the years
// 1-9999 gives the zero Period, which every function taking a period
// refuses.
func PeriodOf(d date.Date) Period {
	y, m, _ := d.Date()
	if y < 1 || y > 9999 {
		return Period{}
	}
	return periodOf(y, m)
}

// ParsePeriod parses a period written "YYYY-MM" with a four-digit year
// from 0001 to 9999, as String writes it.
//
// It returns a *ValidationError for anything else.
func ParsePeriod(s string) (Period, error) {
	if len(s) != 7 || s[4] != '-' {
		return Period{}, invalid("Period", "%q is not a month written YYYY-MM", s)
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:])
	if !ok1 || !ok2 || y < 1 || m < 1 || m > 12 {
		return Period{}, invalid("Period", "%q is not a month written YYYY-MM", s)
	}
	return periodOf(y, time.Month(m)), nil
}

// MustParsePeriod is ParsePeriod for literals in code and tests: it panics
// on an invalid period.
func MustParsePeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// digits parses a run of ASCII digits; strconv.Atoi would also take signs.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (p Period) months() int { return int(p.n) - 1 }

// Year returns the period's year.
func (p Period) Year() int { return floorDiv(p.months(), 12) }

// Month returns the period's month.
func (p Period) Month() time.Month { return time.Month(p.months()-12*p.Year()) + 1 }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// First returns the first day of the period.
func (p Period) First() date.Date { return date.New(p.Year(), p.Month(), 1) }

// Last returns the last day of the period.
func (p Period) Last() date.Date { return date.New(p.Year(), p.Month()+1, 1) - 1 }

// Contains reports whether the date lies in the period.
func (p Period) Contains(d date.Date) bool { return PeriodOf(d) == p }

// Next returns the following month.
func (p Period) Next() Period { return p.Add(1) }

// Prev returns the preceding month.
func (p Period) Prev() Period { return p.Add(-1) }

// Add returns the period n months later (earlier for negative n). A
// result outside the years 1-9999, or any result from the zero Period, is
// the zero Period, which every function taking a period refuses; it never
// wraps around to a real month.
func (p Period) Add(n int) Period {
	if p.IsZero() || n < firstPeriodN-int(p.n) || n > lastPeriodN-int(p.n) {
		return Period{}
	}
	return Period{n: p.n + int32(n)}
}

// Sub returns the number of months from q to p: p == q.Add(p.Sub(q)).
func (p Period) Sub(q Period) int { return int(p.n - q.n) }

// Compare returns -1, 0 or +1 as p is before, equal to or after q. The
// zero Period sorts before every other.
func (p Period) Compare(q Period) int {
	switch {
	case p.n < q.n:
		return -1
	case p.n > q.n:
		return 1
	}
	return 0
}

// Before reports whether p is an earlier month than q.
func (p Period) Before(q Period) bool { return p.n < q.n }

// After reports whether p is a later month than q.
func (p Period) After(q Period) bool { return p.n > q.n }

// Equal reports whether p and q are the same month.
func (p Period) Equal(q Period) bool { return p.n == q.n }

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.n == 0 }

// String returns the period as "YYYY-MM" ("2026-01"), or "" for the zero
// Period.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return string(p.appendText(make([]byte, 0, 7)))
}

func (p Period) appendText(b []byte) []byte {
	y, m := p.Year(), int(p.Month())
	if y >= 0 && y < 10 {
		b = append(b, "000"...)
	} else if y >= 0 && y < 100 {
		b = append(b, "00"...)
	} else if y >= 0 && y < 1000 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10))
	return b
}

// MarshalText implements encoding.TextMarshaler with String's format.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: "" is the zero
// Period, anything else goes through ParsePeriod.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	return unmarshalWith(p, b, ParsePeriod)
}

// unmarshalWith is the body of every UnmarshalText here: parse, and
// change *dst only on success.
func unmarshalWith[T any](dst *T, b []byte, parse func(string) (T, error)) error {
	v, err := parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}
