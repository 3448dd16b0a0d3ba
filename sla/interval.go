package sla

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// day is the length of a calendar day in wall-clock time. Opening hours are
// wall-clock offsets from local midnight, so 24h means "until midnight" even
// on a 23- or 25-hour DST day.
const day = 24 * time.Hour

// Interval is one opening interval of a day in wall-clock time: open from
// Start (inclusive) to End (exclusive), both measured from local midnight.
// End may be 24h, meaning until the end of the day. "08:00-12:00" is
// Interval{8 * time.Hour, 12 * time.Hour}.
//
// The zero Interval is empty and invalid in a specification.
type Interval struct {
	Start time.Duration // offset from local midnight, 0 <= Start < End
	End   time.Duration // offset from local midnight, End <= 24h
}

// ParseInterval parses "HH:MM-HH:MM" (seconds optional: "HH:MM:SS"), as
// written by Interval.String. It returns a *ValidationError for anything
// else, including a reversed or empty interval.
func ParseInterval(s string) (Interval, error) {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return Interval{}, invalid("interval", "%q is not of the form HH:MM-HH:MM", s)
	}
	start, err := parseClock(from)
	if err != nil {
		return Interval{}, err
	}
	end, err := parseClock(to)
	if err != nil {
		return Interval{}, err
	}
	iv := Interval{Start: start, End: end}
	if err := iv.validate("interval"); err != nil {
		return Interval{}, err
	}
	return iv, nil
}

// ParseHours parses a comma-separated list of intervals, "08:00-12:00,
// 13:00-17:00", into sorted, non-overlapping intervals. It returns a
// *ValidationError for a malformed interval or for intervals that overlap.
// An empty string is a closed day (no intervals, no error).
func ParseHours(s string) ([]Interval, error) { return parseHours("hours", s) }

// parseHours is ParseHours with the field name its errors report.
func parseHours(field, s string) ([]Interval, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	hours := make([]Interval, 0, len(parts))
	for _, p := range parts {
		iv, err := ParseInterval(p)
		if err != nil {
			return nil, err
		}
		hours = append(hours, iv)
	}
	sortIntervals(hours)
	if err := validateHours(field, hours); err != nil {
		return nil, err
	}
	return hours, nil
}

// MustParseHours is ParseHours for literal specifications in code: it
// panics on an error, like regexp.MustCompile.
func MustParseHours(s string) []Interval {
	hours, err := ParseHours(s)
	if err != nil {
		panic(err)
	}
	return hours
}

// String formats the interval as "HH:MM-HH:MM", with seconds only when
// they are not zero.
func (iv Interval) String() string {
	return formatClock(iv.Start) + "-" + formatClock(iv.End)
}

// Duration is the wall-clock length of the interval. On a DST day the
// elapsed business time may differ; the calendar always measures elapsed
// time.
func (iv Interval) Duration() time.Duration { return iv.End - iv.Start }

// MarshalText implements encoding.TextMarshaler with the String form.
func (iv Interval) MarshalText() ([]byte, error) {
	if err := iv.validate("interval"); err != nil {
		return nil, err
	}
	return []byte(iv.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseInterval.
func (iv *Interval) UnmarshalText(b []byte) error {
	parsed, err := ParseInterval(string(b))
	if err != nil {
		return err
	}
	*iv = parsed
	return nil
}

func (iv Interval) validate(field string) error {
	switch {
	case iv.Start < 0 || iv.Start > day || iv.End < 0 || iv.End > day:
		return invalid(field, "%v-%v lies outside 00:00-24:00", iv.Start, iv.End)
	case iv.Start%time.Second != 0 || iv.End%time.Second != 0:
		return invalid(field, "%v-%v is not in whole seconds", iv.Start, iv.End)
	case iv.End <= iv.Start:
		return invalid(field, "%s is empty or reversed", iv)
	}
	return nil
}

// validateHours checks a sorted list of intervals: each valid, none
// overlapping the next. Touching intervals (12:00-13:00, 13:00-17:00) are
// allowed and behave as one.
func validateHours(field string, hours []Interval) error {
	for i, iv := range hours {
		f := fmt.Sprintf("%s[%d]", field, i)
		if err := iv.validate(f); err != nil {
			return err
		}
		if i > 0 && iv.Start < hours[i-1].End {
			return invalid(f, "%s overlaps %s", iv, hours[i-1])
		}
	}
	return nil
}

func sortIntervals(hours []Interval) {
	slices.SortFunc(hours, func(a, b Interval) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(a.End, b.End)
	})
}

// parseClock parses "HH:MM" or "HH:MM:SS" with 00 <= HH <= 24 (24 only as
// 24:00 or 24:00:00).
func parseClock(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	fields := strings.Split(s, ":")
	if len(fields) != 2 && len(fields) != 3 {
		return 0, invalid("time of day", "%q is not HH:MM or HH:MM:SS", s)
	}
	limits := []int{24, 59, 59}
	var parts [3]int
	for i, f := range fields {
		if len(f) != 2 || !isDigit(f[0]) || !isDigit(f[1]) {
			return 0, invalid("time of day", "%q: each field needs two digits", s)
		}
		n, _ := strconv.Atoi(f)
		if n > limits[i] {
			return 0, invalid("time of day", "%q is not a valid time of day", s)
		}
		parts[i] = n
	}
	d := time.Duration(parts[0])*time.Hour + time.Duration(parts[1])*time.Minute + time.Duration(parts[2])*time.Second
	if d > day {
		return 0, invalid("time of day", "%q is after 24:00", s)
	}
	return d, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func formatClock(d time.Duration) string {
	h := d / time.Hour
	m := (d % time.Hour) / time.Minute
	s := (d % time.Minute) / time.Second
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}
