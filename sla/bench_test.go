package sla_test

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"

	"github.com/deskcore/deskcore/sla"
)

// The peer: rickar/cal's BusinessCalendar on the same calendar, the one
// shape it supports (one work interval per day): Mon-Fri 09:00-17:00,
// Europe/Berlin, Nordrhein-Westfalen holidays. It gets its holiday cache,
// its fastest setting.
func rickarNW() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(de.HolidaysNW...)
	c.SetWorkHours(9*time.Hour, 17*time.Hour)
	c.Cacheable = true
	return c
}

var (
	sinkTime     time.Time
	sinkDuration time.Duration
)

// compare runs deskcore and the peer on the same work as sub-benchmarks
// and logs how many times faster deskcore is.
func compare(b *testing.B, ours, peer func(b *testing.B)) {
	var nsOurs, nsPeer float64
	b.Run("deskcore", func(b *testing.B) {
		ours(b)
		nsOurs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("rickar-cal", func(b *testing.B) {
		peer(b)
		nsPeer = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	if nsOurs > 0 {
		b.Logf("deskcore %.0f ns/op, rickar/cal %.0f ns/op: %.0fx faster", nsOurs, nsPeer, nsPeer/nsOurs)
	}
}

// BenchmarkAdd240h: the deadline 240 business hours (30 business days)
// after a Monday-morning ticket.
func BenchmarkAdd240h(b *testing.B) {
	ours, peer := officeNW(), rickarNW()
	start := ber(2026, 3, 2, 10, 0)
	if got, want := orZero(ours.Add(start, 240*time.Hour)), peer.AddWorkHours(start, 240*time.Hour); !got.Equal(want) {
		b.Fatalf("not the same work: deskcore %v, rickar/cal %v", got, want)
	}
	compare(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkTime, _ = ours.Add(start, 240*time.Hour)
		}
	}, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkTime = peer.AddWorkHours(start, 240*time.Hour)
		}
	})
}

// BenchmarkBetween1y: business time in one year, as a yearly SLA report
// needs it.
func BenchmarkBetween1y(b *testing.B) {
	ours, peer := officeNW(), rickarNW()
	from, to := ber(2026, 1, 5, 10, 0), ber(2027, 1, 5, 10, 0)
	if got, want := ours.Between(from, to), peer.WorkHoursInRange(from, to); got != want {
		b.Fatalf("not the same work: deskcore %v, rickar/cal %v", got, want)
	}
	compare(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkDuration = ours.Between(from, to)
		}
	}, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkDuration = peer.WorkHoursInRange(from, to)
		}
	})
}

// BenchmarkAdd1h shows that an hour costs what 240 hours cost.
func BenchmarkAdd1h(b *testing.B) {
	c := officeNW()
	start := ber(2026, 3, 2, 10, 0)
	b.ReportAllocs()
	for b.Loop() {
		sinkTime, _ = c.Add(start, time.Hour)
	}
}

// BenchmarkBetween5y: five years cost what one does.
func BenchmarkBetween5y(b *testing.B) {
	c := officeNW()
	from, to := ber(2026, 1, 5, 10, 0), ber(2031, 1, 5, 10, 0)
	b.ReportAllocs()
	for b.Loop() {
		sinkDuration = c.Between(from, to)
	}
}

func BenchmarkDueWithinDays30(b *testing.B) {
	c := officeNL()
	at := ams(2026, 4, 21, 10, 0)
	b.ReportAllocs()
	for b.Loop() {
		sinkTime, _ = c.DueWithinDays(at, 30)
	}
}

// BenchmarkNewCalendar is the one-off cost of compiling a century.
func BenchmarkNewCalendar(b *testing.B) {
	cfg := sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysNW}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sla.NewCalendar(cfg); err != nil {
			b.Fatal(err)
		}
	}
}
