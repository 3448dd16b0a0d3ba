package asset

import (
	"time"

	"github.com/rickb777/date/v2"
)

// Warranty is the manufacturer's or supplier's cover of a device: the first
// and the last day covered, both inclusive. The zero value is "no warranty
// recorded". Start may differ from the purchase date (cover from delivery,
// from registration, or an extension bought later).
type Warranty struct {
	Start date.Date // first day covered; date.Zero if unknown
	End   date.Date // last day covered
}

// WarrantyFor returns the warranty of the given number of months from
// start. It ends, as a period of months does under §§187(1), 188(2) and
// 188(3) BGB, on the day of the last month that has start's day number, or
// on that month's last day if it has no such day: 24 months from 15 March
// 2026 end on 15 March 2028, one month from 31 January 2026 ends on
// 28 February 2026. It returns a *ValidationError for a zero or
// out-of-range start or months outside 1 to 1200.
func WarrantyFor(start date.Date, months int) (Warranty, error) {
	if err := checkDate("Start", start, true); err != nil {
		return Warranty{}, err
	}
	if months < 1 || months > 1200 {
		return Warranty{}, invalid("Months", "must be 1 to 1200, not %d", months)
	}
	return Warranty{Start: start, End: addMonths(start, months)}, nil
}

// IsZero reports whether no warranty is recorded.
func (w Warranty) IsZero() bool { return w == Warranty{} }

// Covers reports whether day d is inside the warranty.
func (w Warranty) Covers(d date.Date) bool {
	return !w.IsZero() && (w.Start == date.Zero || w.Start <= d) && d <= w.End
}

func (w Warranty) validate(field string) error {
	if w.IsZero() {
		return nil
	}
	if err := checkDate(field+".Start", w.Start, false); err != nil {
		return err
	}
	if err := checkDate(field+".End", w.End, true); err != nil {
		return err
	}
	if w.Start != date.Zero && w.End < w.Start {
		return invalid(field+".End", "%s is before the start %s", w.End, w.Start)
	}
	return nil
}

// addMonths adds n months to d, clamping the day to the last day of the
// target month.
func addMonths(d date.Date, n int) date.Date {
	y, m, day := d.Date()
	first := date.New(y, m+time.Month(n), 1)
	if last := first.LastDayOfMonth(); day > last {
		day = last
	}
	return first + date.Date(day-1)
}

// Dates outside these years are typing errors, and keeping them out keeps
// date arithmetic far from overflow.
const (
	minYear = 1900
	maxYear = 9999
)

func checkDate(field string, d date.Date, required bool) error {
	if d == date.Zero {
		if required {
			return invalid(field, "is required")
		}
		return nil
	}
	if y := d.Year(); y < minYear || y > maxYear {
		return invalid(field, "year %d is outside %d to %d", y, minYear, maxYear)
	}
	return nil
}
