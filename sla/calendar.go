package sla

import (
	"fmt"
	"slices"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickb777/date/v2"
)

// The years a calendar can be compiled for. Instants are held as int64 Unix
// nanoseconds, which reach to 2262.
const (
	MinYear = 1900
	MaxYear = 2200

	defaultFirstYear = 2000
	defaultLastYear  = 2100
)

// Config specifies a business calendar. The zero value of every field but
// Zone and Week has a sensible meaning: no holidays, no exceptions, the
// years 2000 to 2100.
//
// For one date, the first of these that applies decides the opening hours:
// a dated Exception, a Holiday (closed), an AnnualException (only on a day
// that would otherwise be open), the Week.
type Config struct {
	// Zone is the IANA time-zone name the opening hours are read in,
	// e.g. "Europe/Berlin". Required: there is no implicit local zone.
	// Use "UTC" for UTC.
	Zone string

	// Week holds the regular opening hours per weekday.
	Week Week

	// Holidays are holiday definitions from github.com/rickar/cal/v2,
	// e.g. de.HolidaysNW or nl.Holidays. The calendar is closed on each
	// holiday's observed date. Append lists to combine them.
	Holidays []*cal.Holiday

	// Exceptions are dated deviations: company closing days and the host's
	// own holiday list (no Hours: closed), or different hours on one date
	// (a special opening on a Saturday, a short day). They override
	// everything else. Dates outside the calendar's years are ignored.
	Exceptions []Exception

	// AnnualExceptions replace the hours on a month and day every year,
	// but only where that day would otherwise be open: "24 and 31 December
	// 09:00-12:00" shortens those days when they are working days and
	// leaves them closed at weekends.
	AnnualExceptions []AnnualException

	// FirstYear and LastYear bound the years the calendar is compiled for
	// (defaults 2000 and 2100, limits MinYear and MaxYear). Outside them
	// the calendar is closed: see Calendar.Covers.
	FirstYear, LastYear int
}

// Exception sets the opening hours of one date.
type Exception struct {
	Date  date.Date  // the day it applies to, in the calendar's zone
	Hours []Interval // opening hours that day; none means closed all day
	Name  string     // why, e.g. "Betriebsausflug"; shown by Calendar.Closure
}

// ClosedOn returns exceptions that close the calendar all day on each of
// the dates, for a host's own holiday or closing-day list.
func ClosedOn(name string, dates ...date.Date) []Exception {
	ex := make([]Exception, len(dates))
	for i, d := range dates {
		ex[i] = Exception{Date: d, Name: name}
	}
	return ex
}

// AnnualException sets the opening hours on a month and day every year,
// where that day would otherwise be open. A 29 February exception applies
// in leap years only.
type AnnualException struct {
	Month time.Month
	Day   int
	Hours []Interval // must not be empty; close a day with a holiday instead
	Name  string     // e.g. "Heiligabend"
}

// Calendar is a compiled business calendar: opening hours in a time zone,
// with holidays and exceptions, over a range of years.
//
// All the arithmetic is a binary search over precomputed instants: the cost
// of Add and Between does not depend on the durations involved, and no call
// allocates. A Calendar is immutable, so one value is safe for concurrent
// use by any number of goroutines without locking.
//
// Opening intervals are half-open: open at 09:00:00, closed at 17:00:00.
// Business time is elapsed time, so on a DST day an interval across the
// change counts its real length (see wallInstant's rules for a wall time
// that is skipped or repeated). Outside its years (Covers) a calendar is
// closed. The zero Calendar is closed everywhere, in UTC; build calendars
// with NewCalendar or AlwaysOpen.
type Calendar struct {
	loc         *time.Location
	spec        string // a readable summary, for String
	first, last int
	lo, hi      int64 // the covered instants [lo, hi), Unix ns
	loSec       int64 // lo and hi in whole seconds, for clamping
	hiSec       int64

	// The open intervals [start[i], end[i]) in Unix ns, sorted, merged
	// where they touch; cum[i] is the business time before interval i, and
	// cum[len(start)] the total.
	start, end, cum []int64

	// slot[b] is the number of intervals that start before lo + b*24h: a
	// jump table that turns the search for an instant into a short scan.
	slot []int32

	// cumSlot[b] is the first interval whose cumulative end reaches
	// b*cumWidth of business time: the same trick for Add's target.
	cumSlot  []int32
	cumWidth int64

	// Business days (dates with some opening) and when each closes.
	days   []date.Date
	closes []int64

	closures map[date.Date]string // named closed dates: holidays, exceptions
}

// NewCalendar validates cfg and compiles it. It returns a *ValidationError
// (matching ErrInvalid) for an unknown or empty zone, invalid or
// overlapping intervals, an invalid date or duplicate exception, a year
// range outside MinYear..MaxYear, or a calendar that is never open.
func NewCalendar(cfg Config) (*Calendar, error) {
	if cfg.Zone == "" {
		return nil, invalid("Zone", "is required (an IANA name such as \"Europe/Berlin\", or \"UTC\")")
	}
	loc, err := time.LoadLocation(cfg.Zone)
	if err != nil || cfg.Zone == "Local" {
		return nil, invalid("Zone", "%q is not a known IANA time zone", cfg.Zone)
	}
	first, last := cfg.FirstYear, cfg.LastYear
	if first == 0 {
		first = defaultFirstYear
	}
	if last == 0 {
		last = defaultLastYear
	}
	switch {
	case first < MinYear || first > MaxYear:
		return nil, invalid("FirstYear", "%d is outside %d..%d", first, MinYear, MaxYear)
	case last < MinYear || last > MaxYear:
		return nil, invalid("LastYear", "%d is outside %d..%d", last, MinYear, MaxYear)
	case last < first:
		return nil, invalid("LastYear", "%d is before FirstYear %d", last, first)
	}
	week, err := cfg.Week.normalized()
	if err != nil {
		return nil, err
	}
	r := resolver{week: week, closures: map[date.Date]string{}}
	if err := r.addExceptions(cfg.Exceptions); err != nil {
		return nil, err
	}
	if err := r.addAnnual(cfg.AnnualExceptions); err != nil {
		return nil, err
	}
	for i, h := range cfg.Holidays {
		if h == nil {
			return nil, invalid(fmt.Sprintf("Holidays[%d]", i), "is nil")
		}
		// An observed date can fall in the neighbouring year (1 January
		// observed on 31 December), so look one year further each way.
		for y := first - 1; y <= last+1; y++ {
			if _, obs := h.Calc(y); !obs.IsZero() {
				r.setHoliday(date.New(obs.Year(), obs.Month(), obs.Day()), h.Name)
			}
		}
	}
	if week.Hours() == 0 && !r.anyExceptionOpens() {
		return nil, invalid("Week", "the calendar is never open")
	}
	c := compile(loc, first, last, &r)
	c.spec = fmt.Sprintf("%s %s, %d holiday rules, %d exceptions, %d annual exceptions, %d-%d",
		cfg.Zone, week, len(cfg.Holidays), len(cfg.Exceptions), len(cfg.AnnualExceptions), first, last)
	return c, nil
}

// AlwaysOpen returns a 24/7 calendar in loc (nil means UTC) over the
// default years, for around-the-clock monitoring and for targets in clock
// time.
func AlwaysOpen(loc *time.Location) *Calendar {
	if loc == nil {
		loc = time.UTC
	}
	r := resolver{week: EveryDay(Interval{0, day})}
	c := compile(loc, defaultFirstYear, defaultLastYear, &r)
	c.spec = fmt.Sprintf("%s always open, %d-%d", loc, defaultFirstYear, defaultLastYear)
	return c
}

// resolver answers "what are the opening hours on date d" from the
// specification, before any instant is computed.
type resolver struct {
	week       Week
	exceptions map[date.Date][]Interval
	annual     map[[2]int][]Interval
	holidays   map[date.Date]bool
	closures   map[date.Date]string
}

func (r *resolver) addExceptions(ex []Exception) error {
	r.exceptions = make(map[date.Date][]Interval, len(ex))
	for i, e := range ex {
		field := fmt.Sprintf("Exceptions[%d]", i)
		if err := checkName(field+".Name", e.Name); err != nil {
			return err
		}
		if _, dup := r.exceptions[e.Date]; dup {
			return invalid(field, "%s has more than one exception", e.Date)
		}
		hours := slices.Clone(e.Hours)
		sortIntervals(hours)
		if err := validateHours(field+".Hours", hours); err != nil {
			return err
		}
		r.exceptions[e.Date] = hours
		if len(hours) == 0 {
			r.closures[e.Date] = e.Name
		}
	}
	return nil
}

func (r *resolver) addAnnual(ex []AnnualException) error {
	r.annual = make(map[[2]int][]Interval, len(ex))
	for i, e := range ex {
		field := fmt.Sprintf("AnnualExceptions[%d]", i)
		if err := checkName(field+".Name", e.Name); err != nil {
			return err
		}
		if !isDayOfYear(e.Month, e.Day) {
			return invalid(field, "month %d day %d is not a date", e.Month, e.Day)
		}
		key := [2]int{int(e.Month), e.Day}
		if _, dup := r.annual[key]; dup {
			return invalid(field, "%s %d has more than one annual exception", e.Month, e.Day)
		}
		if len(e.Hours) == 0 {
			return invalid(field+".Hours", "is empty; close a day with a holiday or exception")
		}
		hours := slices.Clone(e.Hours)
		sortIntervals(hours)
		if err := validateHours(field+".Hours", hours); err != nil {
			return err
		}
		r.annual[key] = hours
	}
	return nil
}

// setHoliday closes d; the first name given for a date is the one shown.
func (r *resolver) setHoliday(d date.Date, name string) {
	if r.holidays == nil {
		r.holidays = map[date.Date]bool{}
	}
	r.holidays[d] = true
	if _, named := r.closures[d]; !named {
		r.closures[d] = name
	}
}

func (r *resolver) anyExceptionOpens() bool {
	for _, hours := range r.exceptions {
		if len(hours) > 0 {
			return true
		}
	}
	return false
}

// hours returns the opening hours of d, by the precedence documented on
// Config.
func (r *resolver) hours(d date.Date) []Interval {
	if len(r.exceptions) > 0 {
		if hours, ok := r.exceptions[d]; ok {
			return hours
		}
	}
	if r.holidays[d] {
		return nil
	}
	regular := r.week[d.Weekday()]
	if len(regular) == 0 {
		return nil
	}
	if len(r.annual) > 0 {
		if hours, ok := r.annual[[2]int{int(d.Month()), d.Day()}]; ok {
			return hours
		}
	}
	return regular
}

func compile(loc *time.Location, first, last int, r *resolver) *Calendar {
	c := &Calendar{loc: loc, first: first, last: last}
	from, to := date.New(first, time.January, 1), date.New(last+1, time.January, 1)
	zone := newZoneDays(loc, from, to)
	c.lo, c.hi = zone.instant(from, 0), zone.instant(to, 0)
	c.loSec, c.hiSec = c.lo/int64(time.Second), c.hi/int64(time.Second)
	// Room for every day open as in the busiest weekday; exceptions may
	// append beyond it.
	perDay := 0
	for _, hours := range r.week {
		perDay = max(perDay, len(hours))
	}
	days := int(to - from)
	c.start = make([]int64, 0, days*perDay)
	c.end = make([]int64, 0, days*perDay)
	c.days = make([]date.Date, 0, days)
	c.closes = make([]int64, 0, days)
	for d := from; d < to; d++ {
		closed := true
		for _, iv := range r.hours(d) {
			s, e := zone.instant(d, iv.Start), zone.instant(d, iv.End)
			if e <= s { // wholly inside a skipped DST hour
				continue
			}
			closed = false
			if n := len(c.start); n > 0 && s <= c.end[n-1] {
				c.end[n-1] = max(c.end[n-1], e)
			} else {
				c.start = append(c.start, s)
				c.end = append(c.end, e)
			}
		}
		if !closed {
			c.days = append(c.days, d)
			c.closes = append(c.closes, c.end[len(c.end)-1])
		}
	}
	c.cum = make([]int64, len(c.start)+1)
	for i := range c.start {
		c.cum[i+1] = c.cum[i] + c.end[i] - c.start[i]
	}
	c.slot = make([]int32, (c.hi-c.lo)/slotWidth+1)
	i := 0
	for b := range c.slot {
		for i < len(c.start) && c.start[i] < c.lo+int64(b)*slotWidth {
			i++
		}
		c.slot[b] = int32(i)
	}
	// About one interval per slot, so the scan after the jump is short.
	c.cumWidth = max(1, c.total()/int64(max(len(c.start), 1)))
	c.cumSlot = make([]int32, c.total()/c.cumWidth+1)
	k := 0
	for b := range c.cumSlot {
		for k < len(c.start) && c.cum[k+1] < int64(b)*c.cumWidth {
			k++
		}
		c.cumSlot[b] = int32(k)
	}
	c.closures = make(map[date.Date]string)
	for d, name := range r.closures {
		if from <= d && d < to && len(r.hours(d)) == 0 {
			c.closures[d] = name
		}
	}
	return c
}

// closedCalendar stands in for a nil *Calendar: a zero Calendar is closed
// at all times and covers no year, so a nil calendar answers like one
// instead of panicking.
var closedCalendar Calendar

// orClosed returns c, or the closed calendar for a nil c.
func (c *Calendar) orClosed() *Calendar {
	if c == nil {
		return &closedCalendar
	}
	return c
}

// outOfRange reports an instant, or a result, that lies outside the
// calendar's years. It matches ErrOutOfRange.
func (c *Calendar) outOfRange(what string, t time.Time) error {
	return fmt.Errorf("sla: %s %s is outside the calendar's years %d-%d: %w", what, t.UTC().Format(time.RFC3339), c.first, c.last, ErrOutOfRange)
}

// Location returns the calendar's time zone. Results of Add, NextOpen,
// NextClose and DueWithinDays are in it.
func (c *Calendar) Location() *time.Location {
	c = c.orClosed()
	if c.loc == nil {
		return time.UTC
	}
	return c.loc
}

// Years returns the first and last year the calendar covers.
func (c *Calendar) Years() (first, last int) {
	c = c.orClosed()
	return c.first, c.last
}

// Covers reports whether t lies within the calendar's years. Outside them
// the calendar is closed, so arithmetic that needs those years answers
// with zero values; a caller that must tell "closed" from "not covered"
// checks Covers first.
func (c *Calendar) Covers(t time.Time) bool {
	c = c.orClosed()
	x, ok := c.instant(t)
	return ok && c.lo <= x && x < c.hi
}

// String summarizes the specification the calendar was compiled from.
func (c *Calendar) String() string {
	c = c.orClosed()
	return c.spec
}

// instant converts t to Unix ns, clamped just outside the covered range
// (where the calendar is closed) so that far-off times cannot overflow.
func (c *Calendar) instant(t time.Time) (int64, bool) {
	s := t.Unix()
	switch {
	case s < c.loSec-1:
		return c.lo - 1, false
	case s > c.hiSec+1:
		return c.hi + 1, false
	}
	return t.UnixNano(), true
}

func (c *Calendar) at(x int64) time.Time {
	// Division truncates toward zero, so before 1970 the remainder is
	// negative; time.Unix normalizes it.
	return time.Unix(x/int64(time.Second), x%int64(time.Second)).In(c.Location())
}

// slotWidth is the span of one jump-table slot. A day keeps the scan
// after the jump to the few intervals of one day.
const slotWidth = int64(24 * time.Hour)

// after returns the number of intervals that start at or before x.
func (c *Calendar) after(x int64) int {
	switch {
	case len(c.slot) == 0 || x < c.lo:
		return 0
	case x >= c.hi:
		return len(c.start)
	}
	i := int(c.slot[(x-c.lo)/slotWidth])
	for i < len(c.start) && c.start[i] <= x {
		i++
	}
	return i
}

// position is the business time from the start of the calendar to x.
func (c *Calendar) position(x int64) int64 {
	i := c.after(x)
	if i == 0 {
		return 0
	}
	return c.cum[i-1] + min(x, c.end[i-1]) - c.start[i-1]
}

func (c *Calendar) total() int64 {
	if len(c.cum) == 0 {
		return 0
	}
	return c.cum[len(c.cum)-1]
}

// IsOpen reports whether the calendar is open at t.
func (c *Calendar) IsOpen(t time.Time) bool {
	c = c.orClosed()
	x, _ := c.instant(t)
	i := c.after(x)
	return i > 0 && x < c.end[i-1]
}

// NextOpen returns t if the calendar is open at t, else the next instant it
// opens. It returns the zero Time if it does not open again within its
// years.
func (c *Calendar) NextOpen(t time.Time) time.Time {
	c = c.orClosed()
	x, _ := c.instant(t)
	i := c.after(x)
	switch {
	case i > 0 && x < c.end[i-1]:
		return t
	case i < len(c.start):
		return c.at(c.start[i])
	}
	return time.Time{}
}

// NextClose returns the end of the opening period that contains t or, when
// closed at t, the end of the next one. Periods that touch (12:00-13:00 and
// 13:00-17:00, or 22:00-24:00 and 00:00-06:00 the next day) are one period.
// It returns the zero Time if the calendar does not close again within its
// years, as for an always-open calendar.
func (c *Calendar) NextClose(t time.Time) time.Time {
	c = c.orClosed()
	x, _ := c.instant(t)
	i := c.after(x)
	if i > 0 && x < c.end[i-1] {
		i--
	}
	if i >= len(c.start) || c.end[i] >= c.hi {
		return time.Time{}
	}
	return c.at(c.end[i])
}

// Between returns the business time from a to b: the open time in [a, b),
// or the negated open time in [b, a) when b is before a.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	c = c.orClosed()
	x, _ := c.instant(a)
	y, _ := c.instant(b)
	return time.Duration(c.position(y) - c.position(x))
}

// Add returns the instant at which d of business time has elapsed after t
// (before t when d is negative): the instant nearest t with exactly |d| of
// open time between them. So 8h after Monday 09:00 on a 09:00-17:00
// calendar is Monday 17:00, not Tuesday 09:00, and 1h after Friday 16:30
// is Monday 09:30. From a closed instant the count starts at the next
// opening. Add(t, 0) is t (in the calendar's zone, like every result).
//
// It returns an error matching ErrOutOfRange if t or the result lies
// outside the calendar's years (a nil calendar covers none); the zero
// Time is never a result.
func (c *Calendar) Add(t time.Time, d time.Duration) (time.Time, error) {
	c = c.orClosed()
	x, ok := c.instant(t)
	if !ok || x < c.lo || x >= c.hi {
		return time.Time{}, c.outOfRange("the instant", t)
	}
	if d == 0 {
		return t.In(c.Location()), nil
	}
	p := c.position(x)
	if d > 0 {
		if int64(d) > c.total()-p {
			return time.Time{}, c.outOfRange("the instant "+d.String()+" after", t)
		}
		target := p + int64(d)
		// Forward, the earliest instant at target: the first interval
		// that ends at or after it, so 8h from 09:00 ends at 17:00.
		j := c.firstEnding(target, true)
		return c.at(c.start[j] + target - c.cum[j]), nil
	}
	if int64(d) < -p {
		return time.Time{}, c.outOfRange("the instant "+(-d).String()+" before", t)
	}
	target := p + int64(d)
	// Backward, the latest instant at target: the first interval that
	// ends after it.
	j := c.firstEnding(target, false)
	return c.at(c.start[j] + target - c.cum[j]), nil
}

// firstEnding returns the first interval whose cumulative end reaches
// target (atOrAfter) or passes it: a jump through cumSlot, then a short
// scan.
func (c *Calendar) firstEnding(target int64, atOrAfter bool) int {
	k := int(c.cumSlot[target/c.cumWidth])
	for k < len(c.start) && !c.reaches(k, target, atOrAfter) {
		k++
	}
	return k
}

func (c *Calendar) reaches(k int, target int64, atOrAfter bool) bool {
	e := c.cum[k+1]
	return e > target || (atOrAfter && e == target)
}

// IsBusinessDay reports whether the calendar is open at some time on d.
func (c *Calendar) IsBusinessDay(d date.Date) bool {
	c = c.orClosed()
	_, found := slices.BinarySearch(c.days, d)
	return found
}

// Closure reports the name of the holiday or exception that closes the
// calendar on d (for example "Fronleichnam"), and false when d is not
// closed by one (it may still be closed by the Week).
func (c *Calendar) Closure(d date.Date) (name string, ok bool) {
	c = c.orClosed()
	name, ok = c.closures[d]
	return name, ok
}

// AddDays returns the n-th business day after the day of t (in the
// calendar's zone), or before it when n is negative; AddDays(t, 0) is t's
// day. The count does not depend on the time of day; for deadlines use
// DueWithinDays. It returns an error matching ErrOutOfRange if t or the
// result lies outside the calendar's years (a nil calendar covers none);
// the zero Date is never a result.
func (c *Calendar) AddDays(t time.Time, n int) (date.Date, error) {
	c = c.orClosed()
	x, ok := c.instant(t)
	if !ok || x < c.lo || x >= c.hi {
		return date.Zero, c.outOfRange("the instant", t)
	}
	d := dateOf(c.Location(), x)
	if n == 0 {
		return d, nil
	}
	// Compare counts rather than add them: n may be near math.MaxInt.
	if n > 0 {
		i, found := slices.BinarySearch(c.days, d)
		if found {
			i++
		}
		if n > len(c.days)-i {
			return date.Zero, c.outOfRange(fmt.Sprintf("the day %d business days after", n), t)
		}
		return c.days[i+n-1], nil
	}
	i, _ := slices.BinarySearch(c.days, d)
	if n < -i {
		return date.Zero, c.outOfRange(fmt.Sprintf("the day %d business days before", -n), t)
	}
	return c.days[i+n], nil
}

// DueWithinDays returns the deadline for something that must happen
// "within n business days" of receipt at t:
//
//	the close of the n-th business day after the day of receipt,
//	where receipt outside opening hours counts as receipt at the next
//	opening, and receipt at the very instant of a close counts in the
//	day that closes.
//
// So on a Mon-Fri 09:00-17:00 calendar, mail received on Monday at 10:00,
// or before opening at 07:00, is due within 7 business days at 17:00 on
// Wednesday of the next week; mail received Monday at 18:00 or on Saturday
// counts from Tuesday or Monday. Receiving earlier never makes the
// deadline later. "Close" is the end of the day's last opening interval,
// 12:00 on a half day. n = 0 means the close of the day of receipt.
//
// The last part makes a deadline met at its due instant, 17:00, start
// the next count from the same day as one met at 16:59: acknowledging a
// complaint on time never moves the update due after it.
//
// It returns a *ValidationError for a negative n, and an error matching
// ErrOutOfRange if t or the deadline lies outside the calendar's years (a
// nil calendar covers none); the zero Time is never a result.
func (c *Calendar) DueWithinDays(t time.Time, n int) (time.Time, error) {
	c = c.orClosed()
	if n < 0 {
		return time.Time{}, invalid("n", "%d business days is negative", n)
	}
	x, ok := c.instant(t)
	if !ok || x < c.lo || x >= c.hi {
		return time.Time{}, c.outOfRange("the instant", t)
	}
	i := c.after(x)
	switch {
	case i > 0 && x < c.end[i-1]: // open: received now
	case i > 0 && x == c.end[i-1]: // at the close: still that day
		x--
	case i < len(c.start):
		x = c.start[i]
	default:
		return time.Time{}, c.outOfRange(fmt.Sprintf("the deadline %d business days after", n), t)
	}
	k, found := slices.BinarySearch(c.days, dateOf(c.Location(), x))
	if !found || n >= len(c.days)-k {
		return time.Time{}, c.outOfRange(fmt.Sprintf("the deadline %d business days after", n), t)
	}
	return c.at(c.closes[k+n]), nil
}
