package sla_test

import (
	"errors"
	"testing"
	"time"

	"github.com/deskcore/deskcore/sla"
)

// FuzzParseWeek: any text either parses into a week whose canonical form
// parses back to the same week, or fails with a *ValidationError.
func FuzzParseWeek(f *testing.F) {
	for _, s := range []string{
		"Mon-Fri 09:00-17:00", "Mon-Fri 08:00-12:00,13:00-17:00; Sat 09:00-12:00",
		"Fri-Mon 00:00-24:00", "mon,wed 09:00:30-10:00", "", ";;", "Sun 23:59-24:00",
		"Mon 09:00-12:00; Mon 11:00-13:00", "Mon-Fri 9-5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := sla.ParseWeek(s)
		if err != nil {
			var verr *sla.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("ParseWeek(%q) error %v is not a *ValidationError", s, err)
			}
			return
		}
		again, err := sla.ParseWeek(w.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", w.String(), s, err)
		}
		if again.String() != w.String() {
			t.Fatalf("round trip changed %q to %q", w.String(), again.String())
		}
		if w.Hours() < 0 || w.Hours() > 7*24*time.Hour {
			t.Fatalf("week %q has %v of opening", w, w.Hours())
		}
	})
}

// FuzzParseHours: parsed intervals are sorted, disjoint and within the day.
func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"09:00-17:00", "08:00-12:00,13:00-17:00", "00:00-24:00", "24:00-24:00", "12:00-11:00", "1:00-2:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hours, err := sla.ParseHours(s)
		if err != nil {
			if !errors.Is(err, sla.ErrInvalid) {
				t.Fatalf("ParseHours(%q) error %v does not match ErrInvalid", s, err)
			}
			return
		}
		for i, iv := range hours {
			if iv.Start < 0 || iv.End > 24*time.Hour || iv.End <= iv.Start {
				t.Fatalf("ParseHours(%q)[%d] = %v is not within one day", s, i, iv)
			}
			if i > 0 && iv.Start < hours[i-1].End {
				t.Fatalf("ParseHours(%q) intervals overlap: %v", s, hours)
			}
			back, err := sla.ParseInterval(iv.String())
			if err != nil || back != iv {
				t.Fatalf("interval %v does not round-trip: %v, %v", iv, back, err)
			}
		}
	})
}

// FuzzCalendar: a calendar from fuzzed hours answers every question about
// any instant without panicking, and Add and Between agree.
func FuzzCalendar(f *testing.F) {
	f.Add("Mon-Fri 09:00-17:00", int64(1774256400), int64(8*time.Hour))
	f.Add("Mon-Sun 01:00-04:00", int64(1774742400), int64(-3*time.Hour))
	f.Add("Sun 02:30-05:00", int64(-1<<62), int64(1<<62))
	f.Fuzz(func(t *testing.T, spec string, unix int64, d int64) {
		week, err := sla.ParseWeek(spec)
		if err != nil {
			return
		}
		c, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: week, FirstYear: 2025, LastYear: 2027})
		if err != nil {
			if !errors.Is(err, sla.ErrInvalid) {
				t.Fatalf("NewCalendar error %v does not match ErrInvalid", err)
			}
			return
		}
		at := time.Unix(unix, 0)
		_ = c.IsOpen(at)
		_ = c.NextOpen(at)
		_ = c.NextClose(at)
		if day, err := c.AddDays(at, int(d)); err == nil && day == 0 {
			t.Fatalf("AddDays(%v, %d) = the zero Date without an error", at, d)
		}
		if due, err := c.DueWithinDays(at, int(d)); err == nil && !c.Covers(due) {
			t.Fatalf("DueWithinDays(%v, %d) = %v, outside the calendar's years", at, d, due)
		} else if err != nil && !errors.Is(err, sla.ErrOutOfRange) && !errors.Is(err, sla.ErrInvalid) {
			t.Fatalf("DueWithinDays error %v is neither ErrOutOfRange nor ErrInvalid", err)
		}
		if got, err := c.Add(at, time.Duration(d)); err == nil {
			if back := c.Between(at, got); back != time.Duration(d) {
				t.Fatalf("Between(%v, Add(%v, %v) = %v) = %v", at, at, time.Duration(d), got, back)
			}
		}
	})
}
