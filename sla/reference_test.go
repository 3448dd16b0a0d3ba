package sla_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
)

// reference is a deliberately simple model of a calendar, one minute at a
// time: it walks every minute of the year, reads the wall clock, and marks
// a minute open when it lies between the first minute whose (date, wall
// clock) reaches an interval's start and the first that reaches its end.
// It shares no code with the compiled calendar; the property test below
// holds the two to the same answers.
type reference struct {
	lo       time.Time // first minute of the year
	open     []bool    // per minute
	prefix   []int     // prefix[k] = open minutes before minute k
	bdays    []date.Date
	closeIdx []int // per business day: minute index of its close
	last     int   // minute index where the year ends
	loc      *time.Location
}

func newReference(cfg sla.Config) *reference {
	loc, err := time.LoadLocation(cfg.Zone)
	if err != nil {
		panic(err)
	}
	y := cfg.FirstYear
	lo := time.Date(y, 1, 1, 0, 0, 0, 0, loc)
	hi := time.Date(y+1, 1, 1, 0, 0, 0, 0, loc)
	// time.Date may pick either side of a skipped midnight; the reference
	// wants the first minute whose wall clock reaches it, found by the scan.
	lo, hi = lo.Add(-3*time.Hour), hi.Add(3*time.Hour)
	n := int(hi.Sub(lo) / time.Minute)
	keys := make([]int64, n) // date*1440 + wall minute, in scan order
	for k := range keys {
		t := lo.Add(time.Duration(k) * time.Minute).In(loc)
		h, m, _ := t.Clock()
		keys[k] = int64(date.NewAt(t))*1440 + int64(h*60+m)
	}
	// reach(key) is the first minute whose key, or any before it, reaches
	// key: a running maximum makes "first occurrence" a binary search.
	runMax := make([]int64, n)
	for k := range keys {
		runMax[k] = keys[k]
		if k > 0 && runMax[k-1] > runMax[k] {
			runMax[k] = runMax[k-1]
		}
	}
	reach := func(key int64) int {
		return sort.Search(n, func(k int) bool { return runMax[k] >= key })
	}
	first := reach(int64(date.New(y, 1, 1)) * 1440)
	last := reach(int64(date.New(y+1, 1, 1)) * 1440)

	r := &reference{lo: lo, open: make([]bool, n), loc: loc, last: last}
	for d := date.New(y, 1, 1); d < date.New(y+1, 1, 1); d++ {
		closeAt := -1
		for _, iv := range refHours(cfg, d) {
			s := reach(int64(d)*1440 + int64(iv.Start/time.Minute))
			e := reach(int64(d)*1440 + int64(iv.End/time.Minute))
			for k := s; k < e; k++ {
				r.open[k] = true
			}
			if e > s {
				closeAt = max(closeAt, e)
			}
		}
		if closeAt >= 0 {
			r.bdays = append(r.bdays, d)
			r.closeIdx = append(r.closeIdx, closeAt)
		}
	}
	// Outside the year the calendar is closed.
	for k := range r.open {
		if k < first || k >= last {
			r.open[k] = false
		}
	}
	r.prefix = make([]int, n+1)
	for k, o := range r.open {
		r.prefix[k+1] = r.prefix[k]
		if o {
			r.prefix[k+1]++
		}
	}
	return r
}

// refHours resolves a date's hours by the documented precedence, written
// out independently of the resolver in calendar.go.
func refHours(cfg sla.Config, d date.Date) []sla.Interval {
	for _, e := range cfg.Exceptions {
		if e.Date == d {
			return e.Hours
		}
	}
	for _, h := range cfg.Holidays {
		for y := d.Year() - 1; y <= d.Year()+1; y++ {
			if _, obs := h.Calc(y); !obs.IsZero() && date.New(obs.Year(), obs.Month(), obs.Day()) == d {
				return nil
			}
		}
	}
	regular := cfg.Week[d.Weekday()]
	if len(regular) == 0 {
		return nil
	}
	for _, a := range cfg.AnnualExceptions {
		if a.Month == d.Month() && a.Day == d.Day() {
			return a.Hours
		}
	}
	return regular
}

func (r *reference) at(k int) time.Time { return r.lo.Add(time.Duration(k) * time.Minute) }
func (r *reference) index(t time.Time) int {
	return int(t.Sub(r.lo) / time.Minute)
}

func (r *reference) between(a, b time.Time) time.Duration {
	return time.Duration(r.prefix[r.index(b)]-r.prefix[r.index(a)]) * time.Minute
}

// add finds the nearest minute with exactly d of open minutes between it
// and t: the earliest going forward, the latest going backward.
func (r *reference) add(t time.Time, d time.Duration) time.Time {
	if d == 0 {
		return t
	}
	target := r.prefix[r.index(t)] + int(d/time.Minute)
	if d > 0 {
		k := sort.SearchInts(r.prefix, target)
		if k == len(r.prefix) {
			return time.Time{}
		}
		return r.at(k)
	}
	k := sort.SearchInts(r.prefix, target+1) - 1
	if k < 0 {
		return time.Time{}
	}
	return r.at(k)
}

func (r *reference) nextOpen(t time.Time) time.Time {
	for k := r.index(t); k < len(r.open); k++ {
		if r.open[k] {
			return r.at(k)
		}
	}
	return time.Time{}
}

// nextClose: the end of the open run at or after t; zero when that run
// lasts to the end of the year, where the calendar's knowledge ends.
func (r *reference) nextClose(t time.Time) time.Time {
	k := r.index(t)
	for k < len(r.open) && !r.open[k] {
		k++
	}
	if k >= r.last {
		return time.Time{}
	}
	for k < len(r.open) && r.open[k] {
		k++
	}
	if k >= r.last {
		return time.Time{}
	}
	return r.at(k)
}

// addDays counts business days from t's date.
func (r *reference) addDays(t time.Time, n int) date.Date {
	d := date.NewAt(t.In(r.loc))
	if d.Year() != r.bdays[0].Year() {
		return date.Zero
	}
	if n == 0 {
		return d
	}
	var after []date.Date // business days after d, or before it going back
	if n > 0 {
		for _, b := range r.bdays {
			if b > d {
				after = append(after, b)
			}
		}
		if n > len(after) {
			return date.Zero
		}
		return after[n-1]
	}
	for _, b := range slices.Backward(r.bdays) {
		if b < d {
			after = append(after, b)
		}
	}
	if -n > len(after) {
		return date.Zero
	}
	return after[-n-1]
}

func (r *reference) dueWithinDays(t time.Time, n int) time.Time {
	eff := r.nextOpen(t)
	// At the close, the instant counts in the day of the minute before.
	if k := r.index(t); k > 0 && k < len(r.open) && !r.open[k] && r.open[k-1] && r.at(k).Equal(t) {
		eff = r.at(k - 1)
	}
	if eff.IsZero() {
		return time.Time{}
	}
	i := slices.Index(r.bdays, date.NewAt(eff.In(r.loc)))
	if i < 0 || i+n >= len(r.bdays) {
		return time.Time{}
	}
	return r.at(r.closeIdx[i+n])
}

// propertySeed is fixed so that a failure reproduces; change it locally to
// explore more calendars.
var propertySeed uint64 = 2026

var propertyZones = []string{
	"Europe/Berlin", "Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe",
	"America/Sao_Paulo", "Asia/Kathmandu", "UTC", "Pacific/Chatham", "America/Santiago",
}

// randomConfig builds a calendar for one year with 1-3 intervals on random
// days, biased towards the small hours and full days so that DST
// transitions fall inside working time.
func randomConfig(rng *rand.Rand) sla.Config {
	cfg := sla.Config{
		Zone: propertyZones[rng.IntN(len(propertyZones))],
		// Sao Paulo dropped DST in 2019; its clocks jumped at midnight.
		// 1969 has negative Unix instants.
		FirstYear: []int{1969, 2016, 2018, 2020, 2023, 2024, 2026, 2028}[rng.IntN(8)],
	}
	cfg.LastYear = cfg.FirstYear
	randomHours := func() []sla.Interval {
		if rng.IntN(5) == 0 {
			return []sla.Interval{{Start: 0, End: 24 * time.Hour}}
		}
		var hours []sla.Interval
		cursor := time.Duration(rng.IntN(4*60)) * time.Minute
		if rng.IntN(2) == 0 {
			// Start or end in the small hours, where DST changes the clock.
			small := time.Duration(rng.IntN(3*60)) * time.Minute
			if rng.IntN(2) == 0 {
				return []sla.Interval{{Start: small, End: small + time.Duration(30+rng.IntN(6*60))*time.Minute}}
			}
			return []sla.Interval{{Start: 0, End: 30*time.Minute + small}, {Start: 3*time.Hour + small, End: 24 * time.Hour}}
		}
		for range 1 + rng.IntN(3) {
			start := cursor + time.Duration(rng.IntN(6*60))*time.Minute
			end := start + time.Duration(1+rng.IntN(8*60))*time.Minute
			if end > 24*time.Hour {
				break
			}
			hours = append(hours, sla.Interval{Start: start, End: end})
			cursor = end
		}
		return hours
	}
	for d := range cfg.Week {
		if rng.IntN(4) != 0 {
			cfg.Week[d] = randomHours()
		}
	}
	if len(cfg.Week[time.Wednesday]) == 0 {
		cfg.Week[time.Wednesday] = []sla.Interval{{Start: 9 * time.Hour, End: 17 * time.Hour}}
	}
	if rng.IntN(2) == 0 {
		cfg.Holidays = de.HolidaysNW
	}
	used := map[date.Date]bool{}
	for range rng.IntN(6) {
		d := date.New(cfg.FirstYear, time.January, 1) + date.Date(rng.IntN(365))
		if used[d] {
			continue
		}
		used[d] = true
		var hours []sla.Interval
		if rng.IntN(2) == 0 {
			hours = randomHours()
		}
		cfg.Exceptions = append(cfg.Exceptions, sla.Exception{Date: d, Hours: hours})
	}
	if rng.IntN(2) == 0 {
		cfg.AnnualExceptions = []sla.AnnualException{
			{Month: time.December, Day: 24, Hours: []sla.Interval{{Start: 9 * time.Hour, End: 12 * time.Hour}}},
		}
	}
	return cfg
}

func TestCalendarAgreesWithMinuteByMinuteReference(t *testing.T) {
	calendars, queries := 40, 500
	if testing.Short() {
		calendars = 6
	}
	rng := rand.New(rand.NewPCG(propertySeed, 11))
	for i := range calendars {
		cfg := randomConfig(rng)
		t.Run(fmt.Sprintf("%d_%s_%d", i, cfg.Zone, cfg.FirstYear), func(t *testing.T) {
			c, err := sla.NewCalendar(cfg)
			require.NoError(t, err, "week %s", cfg.Week)
			ref := newReference(cfg)
			minutes := len(ref.open)
			transitions := offsetChanges(ref)
			randomMinute := func() time.Time {
				if len(transitions) > 0 && rng.IntN(2) == 0 {
					// Within two days of a DST change.
					k := transitions[rng.IntN(len(transitions))] + rng.IntN(4*24*60) - 2*24*60
					return ref.at(min(max(k, 0), minutes-1))
				}
				return ref.at(rng.IntN(minutes))
			}
			for range queries {
				a, b := randomMinute(), randomMinute()
				if got, want := c.Between(a, b), ref.between(a, b); got != want {
					t.Fatalf("Between(%v, %v) = %v, reference %v (week %s)", a, b, got, want, cfg.Week)
				}
				d := time.Duration(rng.IntN(40*24*60)-10*24*60) * time.Minute
				// Before the calendar's years nothing is known of them:
				// Add and DueWithinDays refuse such an instant.
				if _, err := c.Add(a, d); !c.Covers(a) && !errors.Is(err, sla.ErrOutOfRange) {
					t.Fatalf("Add(%v, %v) outside the calendar's years: error %v, want ErrOutOfRange", a, d, err)
				}
				if _, err := c.DueWithinDays(a, 1); !c.Covers(a) && !errors.Is(err, sla.ErrOutOfRange) {
					t.Fatalf("DueWithinDays(%v, 1) outside the calendar's years: error %v, want ErrOutOfRange", a, err)
				}
				if got, want := orZero(c.Add(a, d)), ref.add(a, d); c.Covers(a) && !got.Equal(want) {
					t.Fatalf("Add(%v, %v) = %v, reference %v (week %s)", a, d, got, want, cfg.Week)
				}
				if got, want := c.IsOpen(a), ref.open[ref.index(a)]; got != want {
					t.Fatalf("IsOpen(%v) = %v, reference %v (week %s)", a, got, want, cfg.Week)
				}
				if got, want := c.NextOpen(a), ref.nextOpen(a); !got.Equal(want) {
					t.Fatalf("NextOpen(%v) = %v, reference %v (week %s)", a, got, want, cfg.Week)
				}
				if got, want := c.NextClose(a), ref.nextClose(a); !got.Equal(want) {
					t.Fatalf("NextClose(%v) = %v, reference %v (week %s)", a, got, want, cfg.Week)
				}
				n := rng.IntN(25)
				if got, want := orZeroDate(c.AddDays(a, n-12)), ref.addDays(a, n-12); c.Covers(a) && got != want {
					t.Fatalf("AddDays(%v, %d) = %v, reference %v (week %s)", a, n-12, got, want, cfg.Week)
				}
				if got, want := orZero(c.DueWithinDays(a, n)), ref.dueWithinDays(a, n); c.Covers(a) && !got.Equal(want) {
					t.Fatalf("DueWithinDays(%v, %d) = %v, reference %v (week %s)", a, n, got, want, cfg.Week)
				}
			}
		})
	}
}

// offsetChanges lists the minutes at which the zone's UTC offset changes.
func offsetChanges(r *reference) []int {
	var changes []int
	_, prev := r.at(0).In(r.loc).Zone()
	for k := 1; k < len(r.open); k++ {
		if _, off := r.at(k).In(r.loc).Zone(); off != prev {
			changes = append(changes, k)
			prev = off
		}
	}
	return changes
}

// Add and Between are inverses at any nanosecond, not only on minutes.
func TestAddThenBetweenRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		cfg := randomConfig(rng)
		c, err := sla.NewCalendar(cfg)
		require.NoError(t, err)
		loc := c.Location()
		start := time.Date(cfg.FirstYear, 1, 1, 0, 0, 0, 0, loc)
		for range 500 {
			a := start.Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour))))
			d := time.Duration(rng.Int64N(int64(60*24*time.Hour))) - 20*24*time.Hour
			got, err := c.Add(a, d)
			if err != nil {
				continue
			}
			if back := c.Between(a, got); back != d {
				t.Fatalf("%s: Between(%v, Add(%v, %v) = %v) = %v", cfg.Week, a, a, d, got, back)
			}
		}
	}
}
