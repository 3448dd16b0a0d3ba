package sla

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Week is the regular opening hours of each weekday, indexed by
// time.Weekday (Sunday is 0). A day without intervals is closed. The zero
// Week is closed all week, which NewCalendar rejects unless exceptions open
// some days.
//
// Build one with ParseWeek ("Mon-Fri 09:00-17:00") or, for the most common
// shapes, MonFri and EveryDay.
type Week [7][]Interval

// MonFri returns a Week open Monday to Friday with the given hours and
// closed at weekends.
func MonFri(hours ...Interval) Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = slices.Clone(hours)
	}
	return w
}

// EveryDay returns a Week with the same hours on all seven days.
func EveryDay(hours ...Interval) Week {
	var w Week
	for d := range w {
		w[d] = slices.Clone(hours)
	}
	return w
}

var dayNames = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// isoOrder lists weekdays Monday first, the order people write them in.
var isoOrder = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// ParseWeek parses opening hours written as groups separated by ";": each
// group is a day list and a list of intervals, "Mon-Fri 08:00-12:00,
// 13:00-17:00; Sat 09:00-12:00". Days are English three-letter names
// (any case); a day list is comma-separated days or ranges ("Mon,Wed,Fri",
// "Mon-Fri", "Fri-Mon" wraps over the weekend). A day named in several
// groups gets all their intervals. "Mon-Sun 00:00-24:00" is always open.
// An empty string is a closed week.
//
// It returns a *ValidationError on malformed text or overlapping intervals.
func ParseWeek(s string) (Week, error) {
	var w Week
	for _, group := range strings.Split(s, ";") {
		group = strings.TrimSpace(group)
		if group == "" {
			continue
		}
		// The day list ends where the first time of day begins.
		split := strings.IndexAny(group, "0123456789")
		if split <= 0 {
			return Week{}, invalid("week", "%q needs days and hours, e.g. \"Mon-Fri 09:00-17:00\"", group)
		}
		days, hours := group[:split], group[split:]
		set, err := parseDays(days)
		if err != nil {
			return Week{}, err
		}
		ivs, err := parseHours(strings.TrimSpace(days), hours)
		if err != nil {
			return Week{}, err
		}
		if len(ivs) == 0 {
			return Week{}, invalid("week", "%q has no hours", group)
		}
		for d := range w {
			if set[d] {
				w[d] = append(w[d], ivs...)
			}
		}
	}
	for d := range w {
		sortIntervals(w[d])
		if err := validateHours("week["+time.Weekday(d).String()+"]", w[d]); err != nil {
			return Week{}, err
		}
	}
	return w, nil
}

// MustParseWeek is ParseWeek for literal specifications in code: it panics
// on an error, like regexp.MustCompile.
func MustParseWeek(s string) Week {
	w, err := ParseWeek(s)
	if err != nil {
		panic(err)
	}
	return w
}

func parseDays(s string) ([7]bool, error) {
	var set [7]bool
	for _, item := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(item, "-")
		a, err := parseDay(from)
		if err != nil {
			return set, err
		}
		b := a
		if isRange {
			if b, err = parseDay(to); err != nil {
				return set, err
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			set[d] = true
			if d == b {
				break
			}
		}
	}
	return set, nil
}

func parseDay(s string) (time.Weekday, error) {
	s = strings.TrimSpace(s)
	for d, name := range dayNames {
		if strings.EqualFold(s, name) {
			return time.Weekday(d), nil
		}
	}
	return 0, invalid("week", "%q is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)", s)
}

// String writes the week in the form ParseWeek reads, Monday first, with
// consecutive days of equal hours joined into ranges: "Mon-Fri 09:00-17:00;
// Sat 10:00-12:00". A closed week is "".
func (w Week) String() string {
	var groups []string
	for i := 0; i < 7; {
		hours := w[isoOrder[i]]
		j := i + 1
		for j < 7 && slices.Equal(w[isoOrder[j]], hours) {
			j++
		}
		if len(hours) > 0 {
			days := dayNames[isoOrder[i]]
			if j-i > 1 {
				days += "-" + dayNames[isoOrder[j-1]]
			}
			ivs := make([]string, len(hours))
			for k, iv := range hours {
				ivs[k] = iv.String()
			}
			groups = append(groups, days+" "+strings.Join(ivs, ","))
		}
		i = j
	}
	return strings.Join(groups, "; ")
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (w Week) MarshalText() ([]byte, error) {
	if err := w.validate(); err != nil {
		return nil, err
	}
	return []byte(w.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseWeek.
func (w *Week) UnmarshalText(b []byte) error {
	parsed, err := ParseWeek(string(b))
	if err != nil {
		return err
	}
	*w = parsed
	return nil
}

// Hours returns the total wall-clock opening time of the week.
func (w Week) Hours() time.Duration {
	var total time.Duration
	for _, hours := range w {
		for _, iv := range hours {
			total += iv.Duration()
		}
	}
	return total
}

// normalized returns a sorted copy of the week, validated.
func (w Week) normalized() (Week, error) {
	var n Week
	for d := range w {
		n[d] = slices.Clone(w[d])
		sortIntervals(n[d])
		if err := validateHours(fmt.Sprintf("Week[%s]", time.Weekday(d)), n[d]); err != nil {
			return Week{}, err
		}
	}
	return n, nil
}

func (w Week) validate() error {
	_, err := w.normalized()
	return err
}
