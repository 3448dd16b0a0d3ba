package ticket_test

import (
	"testing"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// office is the Warendorf office calendar: Mon-Fri, NRW holidays. In 2026
// Good Friday is 3 April, Easter Monday 6 April, Labour Day Friday 1 May.
func office(t testing.TB) *sla.Calendar {
	c, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), Holidays: de.HolidaysNW})
	require.NoError(t, err)
	return c
}

func dates(ds ...date.Date) []date.Date { return ds }

// TestScheduleDates: schedule dates and the business days they are due
// on, worked out on a 2026 calendar.
func TestScheduleDates(t *testing.T) {
	cal := office(t)
	for _, tc := range []struct {
		schedule string
		from, to date.Date
		dates    []date.Date // the schedule's own
		due      []date.Date // moved off weekends and holidays
	}{
		{"every week from 2026-03-30", d(2026, 3, 30), d(2026, 4, 30),
			dates(d(2026, 3, 30), d(2026, 4, 6), d(2026, 4, 13), d(2026, 4, 20), d(2026, 4, 27)),
			dates(d(2026, 3, 30), d(2026, 4, 7), d(2026, 4, 13), d(2026, 4, 20), d(2026, 4, 27))}, // Easter Monday -> Tuesday
		{"every week from 2026-04-03 or earlier", d(2026, 4, 1), d(2026, 5, 1),
			dates(d(2026, 4, 3), d(2026, 4, 10), d(2026, 4, 17), d(2026, 4, 24), d(2026, 5, 1)),
			dates(d(2026, 4, 2), d(2026, 4, 10), d(2026, 4, 17), d(2026, 4, 24), d(2026, 4, 30))}, // Good Friday, Labour Day -> Thursdays
		{"every month from 2026-01-31", d(2026, 1, 1), d(2026, 5, 31),
			dates(d(2026, 1, 31), d(2026, 2, 28), d(2026, 3, 31), d(2026, 4, 30), d(2026, 5, 31)),
			dates(d(2026, 2, 2), d(2026, 3, 2), d(2026, 3, 31), d(2026, 4, 30), d(2026, 6, 1))}, // month ends, weekends -> Mondays
		{"every month on the 1st friday from 2026-04-01", d(2026, 4, 1), d(2026, 6, 30),
			dates(d(2026, 4, 3), d(2026, 5, 1), d(2026, 6, 5)),
			dates(d(2026, 4, 7), d(2026, 5, 4), d(2026, 6, 5))}, // Good Friday -> past Easter Monday; Labour Day -> Monday
		{"every 3 months on the last friday from 2026-01-01", d(2026, 1, 1), d(2026, 12, 31),
			dates(d(2026, 1, 30), d(2026, 4, 24), d(2026, 7, 31), d(2026, 10, 30)),
			dates(d(2026, 1, 30), d(2026, 4, 24), d(2026, 7, 31), d(2026, 10, 30))},
		{"every month on the 2nd tuesday from 2026-03-15", d(2026, 3, 1), d(2026, 6, 30),
			dates(d(2026, 4, 14), d(2026, 5, 12), d(2026, 6, 9)), // 10 March is before Start
			dates(d(2026, 4, 14), d(2026, 5, 12), d(2026, 6, 9))},
		{"every 2 days from 2026-03-02", d(2026, 3, 2), d(2026, 3, 10),
			dates(d(2026, 3, 2), d(2026, 3, 4), d(2026, 3, 6), d(2026, 3, 8), d(2026, 3, 10)),
			dates(d(2026, 3, 2), d(2026, 3, 4), d(2026, 3, 6), d(2026, 3, 9), d(2026, 3, 10))},
		{"every 2 weeks from 2026-01-05", d(2026, 3, 1), d(2026, 3, 31), // jumps ahead of Start
			dates(d(2026, 3, 2), d(2026, 3, 16), d(2026, 3, 30)),
			dates(d(2026, 3, 2), d(2026, 3, 16), d(2026, 3, 30))},
		{"every week from 2026-03-02", d(2026, 2, 1), d(2026, 2, 28), nil, nil}, // before Start
	} {
		t.Run(tc.schedule, func(t *testing.T) {
			s, err := ticket.ParseSchedule(tc.schedule)
			require.NoError(t, err)
			var got, due []date.Date
			for dd := range s.Dates(tc.from, tc.to) {
				got = append(got, dd)
				dd, err := s.Due(cal, dd)
				require.NoError(t, err)
				due = append(due, dd)
			}
			diff(t, "dates", tc.dates, got)
			diff(t, "due", tc.due, due)
		})
	}
}

func TestParseSchedule(t *testing.T) {
	for _, tc := range []struct {
		text  string
		want  ticket.Schedule
		canon string
	}{
		{"every 2 weeks from 2026-01-05", ticket.Schedule{Every: 2, Unit: ticket.Weeks, Start: d(2026, 1, 5)}, ""},
		{"Every  Week\tFROM 2026-01-05", ticket.Schedule{Every: 1, Unit: ticket.Weeks, Start: d(2026, 1, 5)}, "every week from 2026-01-05"},
		{"every 1 days from 2026-01-05 or later", ticket.Schedule{Every: 1, Unit: ticket.Days, Start: d(2026, 1, 5)}, "every day from 2026-01-05"},
		{"every 3 months on the last friday from 2026-01-01 or earlier",
			ticket.Schedule{Every: 3, Unit: ticket.Months, Start: d(2026, 1, 1), Nth: -1, Weekday: 5, Earlier: true}, ""},
		{"every month on the 2nd tuesday from 2026-03-15", ticket.Schedule{Every: 1, Unit: ticket.Months, Start: d(2026, 3, 15), Nth: 2, Weekday: 2}, ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			s, err := ticket.ParseSchedule(tc.text)
			require.NoError(t, err)
			require.Equal(t, tc.want, s)
			canon := tc.canon
			if canon == "" {
				canon = tc.text
			}
			require.Equal(t, canon, s.String())
		})
	}
	for _, bad := range []string{
		"", "weekly", "every", "every 0 days from 2026-01-01", "every 1001 days from 2026-01-01", "every -1 days from 2026-01-01",
		"every 2 fortnights from 2026-01-01", "every week", "every week from 2026-1-1", "every week from 2026-02-30",
		"every week on the 1st monday from 2026-01-01", "every month on the 5th monday from 2026-01-01",
		"every month on the 1st funday from 2026-01-01", "every month on 1st monday from 2026-01-01",
		"every week from 2026-01-01 or sooner", "every week from 2026-01-01 please", "every week from 1800-01-01",
		"every 02 days from 2026-01-01", "every week from 2026-01-01 or",
	} {
		_, err := ticket.ParseSchedule(bad)
		require.ErrorIs(t, err, ticket.ErrInvalid, "%q", bad)
	}
}

func TestScheduleValidate(t *testing.T) {
	ok := ticket.Schedule{Every: 1, Unit: ticket.Months, Start: d(2026, 1, 1)}
	require.NoError(t, ok.Validate())
	for _, tc := range []struct {
		field string
		edit  func(*ticket.Schedule)
	}{
		{"Schedule.Every", func(s *ticket.Schedule) { s.Every = 0 }},
		{"Schedule.Unit", func(s *ticket.Schedule) { s.Unit = 0 }},
		{"Schedule.Start", func(s *ticket.Schedule) { s.Start = date.Zero }},
		{"Schedule.Start", func(s *ticket.Schedule) { s.Start = d(2300, 1, 1) }},
		{"Schedule.Nth", func(s *ticket.Schedule) { s.Nth = 5 }},
		{"Schedule.Nth", func(s *ticket.Schedule) { s.Nth, s.Unit = 1, ticket.Weeks }},
		{"Schedule.Weekday", func(s *ticket.Schedule) { s.Weekday = 7 }},
	} {
		s := ok
		tc.edit(&s)
		wantInvalid(tc.field)(t, s.Validate())
		_, err := s.MarshalText()
		require.ErrorIs(t, err, ticket.ErrInvalid)
		for range s.Dates(d(2026, 1, 1), d(2026, 12, 31)) {
			t.Fatalf("an invalid schedule %+v yields dates", s)
		}
	}
}

// checklist is a needs analysis: weekly backup check on Mondays, a daily
// look at the antivirus console, the firewall's monthly update on the
// first Friday.
func checklist() ticket.Checklist {
	return ticket.Checklist{CustomerID: "wdf", Items: []ticket.ChecklistItem{
		{ID: "backup", Title: "Backup-Kontrolle", Schedule: ticket.Schedule{Every: 1, Unit: ticket.Weeks, Start: d(2026, 3, 30)}},
		{ID: "av", Title: "Virenschutz-Konsole", Priority: ticket.Low, Schedule: ticket.Schedule{Every: 1, Unit: ticket.Days, Start: d(2026, 4, 2)}},
		{ID: "fw", Title: "Firewall-Update", Schedule: ticket.Schedule{Every: 1, Unit: ticket.Months, Start: d(2026, 4, 1), Nth: 1, Weekday: 5}},
	}}
}

// TestPlan: one occurrence per item and due day; the daily check's Good
// Friday to Easter Monday all fall due on Tuesday 7 April, once.
func TestPlan(t *testing.T) {
	plan, err := checklist().Plan(office(t), d(2026, 4, 1), d(2026, 4, 8))
	require.NoError(t, err)
	var got []string
	for _, o := range plan {
		got = append(got, o.ItemID+" "+o.Date.String()+" "+o.Due.String())
	}
	diff(t, "plan", []string{
		"backup 2026-04-06 2026-04-07",
		"av 2026-04-02 2026-04-02",
		"av 2026-04-03 2026-04-07",
		"av 2026-04-08 2026-04-08",
		"fw 2026-04-03 2026-04-07",
	}, got)
	require.Equal(t, `maintenance:"wdf"/"backup"/2026-04-07`, plan[0].Key)
}

func TestPlanRefusals(t *testing.T) {
	cal := office(t)
	for _, tc := range []struct {
		name     string
		edit     func(*ticket.Checklist)
		from, to date.Date
		cal      *sla.Calendar
		field    string
	}{
		{"no_customer", func(c *ticket.Checklist) { c.CustomerID = "" }, d(2026, 4, 1), d(2026, 4, 8), cal, "Checklist.CustomerID"},
		{"duplicate_item", func(c *ticket.Checklist) { c.Items[1].ID = "backup" }, d(2026, 4, 1), d(2026, 4, 8), cal, "Checklist.Items[1].ID"},
		{"no_title", func(c *ticket.Checklist) { c.Items[2].Title = "" }, d(2026, 4, 1), d(2026, 4, 8), cal, "Checklist.Items[2].Title"},
		{"bad_schedule", func(c *ticket.Checklist) { c.Items[0].Schedule.Every = 0 }, d(2026, 4, 1), d(2026, 4, 8), cal, "Schedule.Every"},
		{"empty_range", func(*ticket.Checklist) {}, d(2026, 4, 8), d(2026, 4, 1), cal, "to"},
		{"eleven_years", func(*ticket.Checklist) {}, d(2026, 1, 1), d(2037, 1, 1), cal, "to"},
		{"no_calendar", func(*ticket.Checklist) {}, d(2026, 4, 1), d(2026, 4, 8), nil, "calendar"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := checklist()
			tc.edit(&c)
			_, err := c.Plan(tc.cal, tc.from, tc.to)
			wantInvalid(tc.field)(t, err)
		})
	}
}

// TestScheduleMaintenance: the tickets a run opens, and that runs repeated
// or overlapping open none twice.
func TestScheduleMaintenance(t *testing.T) {
	dk, s := newDesk(t, ticket.Config{})
	cal := office(t)
	cl := checklist()
	run, err := dk.ScheduleMaintenance(bg, cl, cal, d(2026, 4, 1), d(2026, 4, 8), t0)
	require.NoError(t, err)
	require.Len(t, run.Created, 5)
	require.Empty(t, run.Existing)
	first := run.Created[0]
	require.Equal(t, ticket.Maintenance, first.Kind)
	require.Equal(t, ticket.ChannelSchedule, first.Channel)
	require.Equal(t, "Backup-Kontrolle", first.Subject)
	require.Equal(t, d(2026, 4, 7), first.DueDate)
	require.Equal(t, ticket.Normal, first.Priority)
	require.Equal(t, ticket.Low, run.Created[1].Priority)
	require.Equal(t, ticket.System("schedule"), first.Audit[0].By)

	again, err := dk.ScheduleMaintenance(bg, cl, cal, d(2026, 4, 1), d(2026, 4, 8), t0.Add(h))
	require.NoError(t, err)
	require.Empty(t, again.Created, "a repeated run opens nothing")
	require.Len(t, again.Existing, 5)

	overlap, err := dk.ScheduleMaintenance(bg, cl, cal, d(2026, 4, 7), d(2026, 4, 10), t0.Add(2*h))
	require.NoError(t, err)
	var created []string
	for _, tk := range overlap.Created {
		created = append(created, tk.Subject+" "+tk.DueDate.String())
	}
	// The range selects schedule dates, 7 to 10 April: only the daily
	// check has some. New: 9 and 10 April; known: 7 and 8 April. (Backup
	// and firewall are due 7 April too, but for dates before the range.)
	diff(t, "created by the overlapping run", []string{"Virenschutz-Konsole 2026-04-09", "Virenschutz-Konsole 2026-04-10"}, created)
	require.Len(t, overlap.Existing, 2)
	require.Len(t, snapshot(t, s), 8)

	_, err = dk.ScheduleMaintenance(bg, cl, cal, d(2026, 4, 1), d(2026, 4, 8), ticket.Ticket{}.Received)
	wantInvalid("at")(t, err)
}
