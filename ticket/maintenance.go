package ticket

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/sla"

	"github.com/deskcore/deskcore/internal/enum"
)

// Unit is the unit of a schedule's interval. The zero Unit is invalid.
type Unit uint8

const (
	// Days: every N days.
	Days Unit = iota + 1
	// Weeks: every N weeks, on Start's weekday.
	Weeks
	// Months: every N months, on Start's day of the month (the last day
	// in shorter months) or on the n-th weekday.
	Months
)

var unitText = enum.Ints[Unit]("ticket", "Unit", "", "day", "week", "month")

// String returns "day", "week" or "month", or "Unit(n)".
func (u Unit) String() string { return unitText.String(u) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid value.
func (u Unit) MarshalText() ([]byte, error) { return unitText.Marshal(u) }

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (u *Unit) UnmarshalText(b []byte) error {
	return unitText.Unmarshal(u, b)
}

// Schedule says when a recurring maintenance falls due: every N days,
// weeks or months from a first date, or every N months on the n-th (or
// last) weekday. A date that is no business day on the calendar moves to
// the next business day, or the previous one with Earlier.
//
// Its text form, written by String and read by ParseSchedule, is
//
//	every 2 weeks from 2026-01-05
//	every month from 2026-01-31
//	every 3 months on the 2nd tuesday from 2026-01-01 or earlier
//	every month on the last friday from 2026-01-01
type Schedule struct {
	Every int  // 1 to 1000
	Unit  Unit // Days, Weeks or Months
	// Start is the first date. For an n-th weekday schedule, its month is
	// the first month, and an n-th weekday before Start is skipped.
	Start date.Date
	// Nth selects the n-th weekday of the month (1 to 4, or -1 for the
	// last) in a Months schedule; 0 means Start's day of the month.
	Nth     int
	Weekday time.Weekday // with Nth
	// Earlier moves a date that is no business day to the previous
	// business day instead of the next.
	Earlier bool
}

const (
	maxEvery       = 1000
	maxPlanDays    = 3660 // a plan covers at most ten years
	maxShiftDays   = 366  // how far a date may move to find a business day
	minScheduleYr  = sla.MinYear
	maxScheduleYr  = sla.MaxYear
	scheduleLayout = "2006-01-02"
)

var nthNames = map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}

// Validate checks s. It returns a *ValidationError for an interval outside
// 1 to 1000, an invalid unit, a zero Start or one outside the years 1900
// to 2200, an Nth outside 1 to 4 and -1 or on a unit other than Months, or
// an invalid weekday.
func (s Schedule) Validate() error {
	y := s.Start.Year()
	_, nthOK := nthNames[s.Nth]
	return firstOf(
		unless(s.Every >= 1 && s.Every <= maxEvery, "Schedule.Every", "%d is not 1 to %d", s.Every, maxEvery),
		unless(s.Unit >= Days && s.Unit <= Months, "Schedule.Unit", "%s is not day, week or month", s.Unit),
		unless(s.Start != date.Zero && y >= minScheduleYr && y <= maxScheduleYr, "Schedule.Start", "must be a date in %d to %d", minScheduleYr, maxScheduleYr),
		unless(s.Nth == 0 || nthOK && s.Unit == Months, "Schedule.Nth", "%d is not 1 to 4 or -1 (last) on a monthly schedule", s.Nth),
		unless(s.Weekday >= time.Sunday && s.Weekday <= time.Saturday, "Schedule.Weekday", "%d is not a weekday", s.Weekday),
	)
}

// String returns the schedule's text form (see Schedule), or its fields
// for an invalid schedule.
func (s Schedule) String() string {
	if s.Validate() != nil {
		return fmt.Sprintf("Schedule{%d %s %s %d %s %t}", s.Every, s.Unit, s.Start, s.Nth, s.Weekday, s.Earlier)
	}
	var b strings.Builder
	b.WriteString("every ")
	if s.Every == 1 {
		b.WriteString(s.Unit.String())
	} else {
		b.WriteString(strconv.Itoa(s.Every) + " " + s.Unit.String() + "s")
	}
	if s.Nth != 0 {
		b.WriteString(" on the " + nthNames[s.Nth] + " " + strings.ToLower(s.Weekday.String()))
	}
	b.WriteString(" from " + s.Start.Format(scheduleLayout))
	if s.Earlier {
		b.WriteString(" or earlier")
	}
	return b.String()
}

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns the *ValidationError of Validate for an invalid schedule.
func (s Schedule) MarshalText() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseSchedule.
func (s *Schedule) UnmarshalText(b []byte) error {
	v, err := ParseSchedule(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSchedule reads a schedule in its text form (see Schedule): words in
// any case separated by any space, "day(s)", "week(s)" or "month(s)" with
// or without a count, weekdays in English, the date as YYYY-MM-DD, and
// "or later" (the default) or "or earlier" at the end. It returns a
// *ValidationError for any other text and for a schedule Validate
// refuses.
func ParseSchedule(text string) (Schedule, error) {
	bad := func(why string) (Schedule, error) {
		return Schedule{}, invalid("Schedule", "%q: %s; write e.g. \"every 2 weeks from 2026-01-05\"", truncate(text, 80), why)
	}
	f := strings.Fields(strings.ToLower(text))
	next := func() string {
		if len(f) == 0 {
			return ""
		}
		w := f[0]
		f = f[1:]
		return w
	}
	if next() != "every" {
		return bad("does not start with every")
	}
	s := Schedule{Every: 1}
	w := next()
	if n, err := strconv.Atoi(w); err == nil {
		if n < 1 || n > maxEvery || strconv.Itoa(n) != w {
			return bad("the interval is not 1 to 1000")
		}
		s.Every = n
		w = next()
	}
	switch strings.TrimSuffix(w, "s") {
	case "day":
		s.Unit = Days
	case "week":
		s.Unit = Weeks
	case "month":
		s.Unit = Months
	default:
		return bad("the unit is not days, weeks or months")
	}
	w = next()
	if w == "on" {
		if next() != "the" {
			return bad("on must be followed by the")
		}
		nth := next()
		for n, name := range nthNames {
			if name == nth {
				s.Nth = n
			}
		}
		if s.Nth == 0 {
			return bad("the n-th is not 1st, 2nd, 3rd, 4th or last")
		}
		wd, ok := parseWeekday(next())
		if !ok {
			return bad("the weekday is not an English weekday")
		}
		s.Weekday = wd
		w = next()
	}
	if w != "from" {
		return bad("the first date must follow from")
	}
	ds := next()
	start, err := date.Parse(scheduleLayout, ds)
	if err != nil || len(ds) != len(scheduleLayout) || start.Format(scheduleLayout) != ds {
		return bad("the first date is not YYYY-MM-DD")
	}
	s.Start = start
	switch w := next(); w {
	case "":
	case "or":
		switch next() {
		case "earlier":
			s.Earlier = true
		case "later":
		default:
			return bad("or must be followed by earlier or later")
		}
	default:
		return bad("unexpected " + truncate(w, 20))
	}
	if len(f) > 0 {
		return bad("unexpected text at the end")
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

func parseWeekday(w string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w == strings.ToLower(d.String()) {
			return d, true
		}
	}
	return 0, false
}

// Dates yields the schedule's dates in [from, to], in order, before any
// move off non-business days. It yields nothing for an invalid schedule
// or an empty range. The sequence can be iterated any number of times.
func (s Schedule) Dates(from, to date.Date) iter.Seq[date.Date] {
	return func(yield func(date.Date) bool) {
		if s.Validate() != nil || to < from {
			return
		}
		if from < s.Start {
			from = s.Start
		}
		k := 0
		// Jump close to from rather than walk from Start.
		switch s.Unit {
		case Days, Weeks:
			step := date.Date(s.Every)
			if s.Unit == Weeks {
				step *= 7
			}
			k = int((from - s.Start) / step)
		case Months:
			k = max(0, monthIndex(from)-monthIndex(s.Start))/s.Every - 1
			k = max(k, 0)
		}
		for ; ; k++ {
			d := s.nth(k)
			if d > to || d == date.Zero {
				return
			}
			if d >= from && !yield(d) {
				return
			}
		}
	}
}

func monthIndex(d date.Date) int {
	y, m, _ := d.Date()
	return y*12 + int(m) - 1
}

// nth returns the schedule's k-th date, counting from 0, or date.Zero
// past the supported years.
func (s Schedule) nth(k int) date.Date {
	switch s.Unit {
	case Days:
		return s.Start + date.Date(k*s.Every)
	case Weeks:
		return s.Start + date.Date(7*k*s.Every)
	}
	m0 := monthIndex(s.Start)
	if s.inMonth(m0) < s.Start {
		// The n-th weekday of the first month came before Start: the
		// series begins one interval later.
		k++
	}
	return s.inMonth(m0 + k*s.Every)
}

// inMonth returns the schedule's date in the month with index mi
// (year*12 + month-1), or date.Zero past the supported years.
func (s Schedule) inMonth(mi int) date.Date {
	y, m := mi/12, time.Month(mi%12+1)
	if y > maxScheduleYr {
		return date.Zero
	}
	first := date.New(y, m, 1)
	days := first.LastDayOfMonth()
	switch {
	case s.Nth == 0:
		return first + date.Date(min(s.Start.Day(), days)-1)
	case s.Nth < 0:
		last := first + date.Date(days-1)
		return last - date.Date((int(last.Weekday())-int(s.Weekday)+7)%7)
	}
	return first + date.Date((int(s.Weekday)-int(first.Weekday())+7)%7+7*(s.Nth-1))
}

// Due returns the business day d moves to on cal: d itself if it is one,
// else the next business day (the previous one with Earlier). It returns
// a *ValidationError for a nil calendar and when no business day lies
// within 366 days (outside the calendar's years).
func (s Schedule) Due(cal *sla.Calendar, d date.Date) (date.Date, error) {
	if cal == nil {
		return date.Zero, invalid("calendar", "is nil")
	}
	step := date.Date(1)
	if s.Earlier {
		step = -1
	}
	for i := 0; i <= maxShiftDays; i++ {
		if c := d + date.Date(i)*step; cal.IsBusinessDay(c) {
			return c, nil
		}
	}
	return date.Zero, invalid("calendar", "has no business day within %d days of %s", maxShiftDays, d)
}

// Checklist is a customer's needs analysis (Bedarfsanalyse): the checks
// that are "gerne vergessen" (backup, virus protection, firewall updates),
// each on its schedule.
type Checklist struct {
	CustomerID string          // whose needs analysis it is
	Items      []ChecklistItem // the recurring checks
}

// ChecklistItem is one recurring check.
type ChecklistItem struct {
	ID          string   // the host's ID, stable across edits of the checklist
	Title       string   // becomes the ticket's subject, e.g. "Backup-Kontrolle"
	Description string   // becomes the ticket's description
	Schedule    Schedule // when it falls due
	Priority    Priority // 0 means Normal
}

// Occurrence is one maintenance a checklist item is due for.
type Occurrence struct {
	ItemID  string    // the checklist item
	Date    date.Date // the schedule's date
	Due     date.Date // the business day it is due on
	Key     string    // the ticket's IdempotencyKey: customer, item and due date
	Subject string    // the item's title
}

// Plan returns the maintenance the checklist calls for at the schedule
// dates in [from, to], due on business days of cal, item by item in date
// order. Dates that move to the same business day (a daily check over a
// weekend) are one occurrence: the key is per item and due day, so a plan
// run twice, or over overlapping ranges, yields the same keys. (A holiday
// added to the calendar after tickets were opened moves a due day and so
// the key: re-plan only ranges that have no tickets yet.)
//
// It returns a *ValidationError for an invalid checklist (customer, item
// IDs unique and valid, titles, schedules), a range that is empty or
// longer than ten years, a nil calendar, or a date that finds no business
// day.
func (c Checklist) Plan(cal *sla.Calendar, from, to date.Date) ([]Occurrence, error) {
	if err := firstOf(
		checkID("Checklist.CustomerID", c.CustomerID),
		unless(len(c.Items) <= maxListLen, "Checklist.Items", "has more than %d items", maxListLen),
		unless(from <= to && to-from <= maxPlanDays, "to", "the range %s to %s is empty or longer than ten years", from, to),
		unless(cal != nil, "calendar", "is nil"),
	); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []Occurrence
	for i, it := range c.Items {
		field := fmt.Sprintf("Checklist.Items[%d]", i)
		if err := firstOf(
			checkID(field+".ID", it.ID),
			unless(!seen[it.ID], field+".ID", "%q is the ID of another item", it.ID),
			checkText(field+".Title", it.Title, maxLineLen, true, false),
			checkText(field+".Description", it.Description, maxTextLen, false, true),
			unless(it.Priority == 0 || it.Priority.IsValid(), field+".Priority", "%s is not a priority", it.Priority),
			it.Schedule.Validate(),
		); err != nil {
			return nil, err
		}
		seen[it.ID] = true
		var last date.Date
		for d := range it.Schedule.Dates(from, to) {
			due, err := it.Schedule.Due(cal, d)
			if err != nil {
				return nil, err
			}
			if due == last {
				continue
			}
			last = due
			out = append(out, Occurrence{
				ItemID: it.ID, Date: d, Due: due, Subject: it.Title,
				Key: "maintenance:" + strconv.Quote(c.CustomerID) + "/" + strconv.Quote(it.ID) + "/" + due.Format(scheduleLayout),
			})
		}
	}
	return out, nil
}

// MaintenanceRun is what ScheduleMaintenance did.
type MaintenanceRun struct {
	Created  []Ticket // tickets opened by this run
	Existing []Number // tickets an earlier run opened for the same occurrences
}

// ScheduleMaintenance opens the maintenance tickets of the checklist's
// Plan for [from, to] on cal: kind Maintenance from channel Schedule,
// received at at, due on the occurrence's business day. It is idempotent
// per item and due day: a run repeated, or over an overlapping range,
// opens no ticket twice, also when runs race. A run that fails midway
// leaves the tickets it opened; run it again.
//
// It returns the errors of Plan, a *ValidationError for a zero at, and
// the errors of the Store and the Directory.
func (d *Desk) ScheduleMaintenance(ctx context.Context, c Checklist, cal *sla.Calendar, from, to date.Date, at time.Time) (MaintenanceRun, error) {
	if err := d.ready(); err != nil {
		return MaintenanceRun{}, err
	}
	if err := checkInstant("at", at); err != nil {
		return MaintenanceRun{}, err
	}
	plan, err := c.Plan(cal, from, to)
	if err != nil {
		return MaintenanceRun{}, err
	}
	items := map[string]ChecklistItem{}
	for _, it := range c.Items {
		items[it.ID] = it
	}
	var run MaintenanceRun
	for _, o := range plan {
		it := items[o.ItemID]
		t, created, err := d.createOnce(ctx, Draft{
			CustomerID: c.CustomerID, Kind: Maintenance, Channel: ChannelSchedule, Priority: it.Priority,
			Subject: o.Subject, Description: it.Description, Received: at,
			IdempotencyKey: o.Key, DueDate: o.Due,
		}, System("schedule"), "")
		if err != nil {
			return run, err
		}
		if created {
			run.Created = append(run.Created, t)
		} else {
			run.Existing = append(run.Existing, t.Number)
		}
	}
	return run, nil
}
