package sla

import (
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// wallInstant returns, in Unix nanoseconds, the instant at which the wall
// clock in loc on day d first reads off (0 <= off <= 24h, whole seconds).
//
// DST makes the wall clock skip or repeat an hour, so a time of day can
// have no instant or two. The rules:
//   - skipped (spring forward, 02:30 in Berlin on the last Sunday of March):
//     the instant the clock jumps past it, the transition itself. An opening
//     at 02:30 that day opens at 03:00 CEST.
//   - repeated (fall back, 02:30 on the last Sunday of October): the first
//     occurrence, so an interval spanning the repeat is open throughout and
//     counts its real, longer, elapsed time.
func wallInstant(loc *time.Location, d date.Date, off time.Duration) int64 {
	// local is the wall time written as if it were UTC seconds.
	local := int64(d-date.ZeroOffset)*secondsPerDay + int64(off/time.Second)
	// The offsets a day either side bracket any single transition.
	a := local - offsetAt(loc, local-secondsPerDay)
	b := local - offsetAt(loc, local+secondsPerDay)
	if a > b {
		a, b = b, a
	}
	okA := a+offsetAt(loc, a) == local
	okB := b+offsetAt(loc, b) == local
	switch {
	case okA: // the only or the earlier of two occurrences
		return a * int64(time.Second)
	case okB:
		return b * int64(time.Second)
	}
	// Skipped by a forward jump somewhere in (a, b]: find the first instant
	// whose wall clock reads at or after off. u+offset(u) only jumps
	// forward in this window, so it is monotonic and bisection works.
	lo, hi := a, b
	for lo < hi {
		mid := lo + (hi-lo)/2
		if mid+offsetAt(loc, mid) >= local {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo * int64(time.Second)
}

const secondsPerDay = 24 * 60 * 60

func offsetAt(loc *time.Location, unix int64) int64 {
	_, off := time.Unix(unix, 0).In(loc).Zone()
	return int64(off)
}

// dateOf returns the calendar day of the instant x (Unix nanoseconds) in loc.
func dateOf(loc *time.Location, x int64) date.Date {
	return date.NewAt(time.Unix(0, x).In(loc))
}

// zoneDays speeds up wallInstant for the many days far from any DST
// change. It finds the zone's offset changes over the years once, sampling
// weekly and bisecting where a week's ends differ (two changes within one
// week do not occur in the time-zone database); on a day with no change
// within two days either side, a wall time converts by plain subtraction.
type zoneDays struct {
	loc     *time.Location
	changes []int64 // Unix seconds at which the offset changes, ascending
	offsets []int64 // the offset in force from changes[i], in seconds
	initial int64   // the offset before changes[0]
}

func newZoneDays(loc *time.Location, from, to date.Date) *zoneDays {
	const week = 7 * secondsPerDay
	lo := int64(from-3-date.ZeroOffset) * secondsPerDay
	hi := int64(to+3-date.ZeroOffset) * secondsPerDay
	z := &zoneDays{loc: loc, initial: offsetAt(loc, lo)}
	prev := z.initial
	for t := lo; t < hi; t += week {
		next := offsetAt(loc, t+week)
		if next == prev {
			continue
		}
		// The change is in (t, t+week]: find its first second.
		a, b := t, t+week
		for a+1 < b {
			m := a + (b-a)/2
			if offsetAt(loc, m) == prev {
				a = m
			} else {
				b = m
			}
		}
		z.changes = append(z.changes, b)
		z.offsets = append(z.offsets, next)
		prev = next
	}
	return z
}

// instant is wallInstant(z.loc, d, off), fast away from offset changes.
func (z *zoneDays) instant(d date.Date, off time.Duration) int64 {
	local := int64(d-date.ZeroOffset)*secondsPerDay + int64(off/time.Second)
	// The first change after local minus two days (in any zone, UTC
	// offsets are under a day, so this brackets the wall day generously).
	i, _ := slices.BinarySearch(z.changes, local-2*secondsPerDay)
	if i < len(z.changes) && z.changes[i] <= local+2*secondsPerDay {
		return wallInstant(z.loc, d, off)
	}
	o := z.initial
	if i > 0 {
		o = z.offsets[i-1]
	}
	return (local - o) * int64(time.Second)
}
