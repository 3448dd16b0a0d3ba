package sla_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/jsonformtest"
	"github.com/deskcore/deskcore/sla"
)

// A calendar's annual half days read back as they were written, with the
// day of the year as "MM-DD", and the list read back compiles into the
// same calendar: 24 December 2026 is open three hours.
func TestAnnualExceptionJSONRoundTrip(t *testing.T) {
	t.Run("half_days", func(t *testing.T) {
		jsonformtest.RoundTrip(t, sla.AnnualException{Month: time.December, Day: 24, Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"},
			`{"date":"12-24","hours":["09:00-12:00"],"name":"Heiligabend"}`)
		jsonformtest.RoundTrip(t, sla.AnnualException{Month: time.January, Day: 2, Hours: sla.MustParseHours("10:00-12:00,13:00-15:00")},
			`{"date":"01-02","hours":["10:00-12:00","13:00-15:00"]}`)
	})
	t.Run("29_february_is_a_day_of_the_year", func(t *testing.T) {
		jsonformtest.RoundTrip(t, sla.AnnualException{Month: time.February, Day: 29, Hours: sla.MustParseHours("09:00-12:00")}, `"date":"02-29"`)
	})
	t.Run("zero_value_is_empty", func(t *testing.T) {
		jsonformtest.RoundTrip(t, sla.AnnualException{}, `{}`)
	})
	t.Run("list_compiles_to_the_same_calendar", func(t *testing.T) {
		annual := []sla.AnnualException{
			{Month: time.December, Day: 24, Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"},
			{Month: time.December, Day: 31, Hours: sla.MustParseHours("09:00-12:00"), Name: "Silvester"},
		}
		b, err := json.Marshal(annual)
		require.NoError(t, err)
		var back []sla.AnnualException
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, annual, back)
		cal, err := sla.NewCalendar(sla.Config{Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-17:00"), AnnualExceptions: back})
		require.NoError(t, err)
		start := ber(2026, time.December, 24, 0, 0)
		require.Equal(t, 3*time.Hour, cal.Between(start, start.AddDate(0, 0, 1)))
	})
}

// Writing refuses a month and day that is no day of the year, which has
// no "MM-DD" text to write.
func TestAnnualExceptionJSONRefusesToWriteNoDay(t *testing.T) {
	for _, tc := range []struct {
		name  string
		month time.Month
		day   int
	}{
		{"30_february", time.February, 30}, {"31_april", time.April, 31}, {"month_13", 13, 1},
		{"day_0", time.December, 0}, {"month_0", 0, 24}, {"negative_day", time.May, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := json.Marshal(sla.AnnualException{Month: tc.month, Day: tc.day, Hours: sla.MustParseHours("09:00-12:00")})
			require.ErrorIs(t, err, sla.ErrInvalid)
		})
	}
}

// Reading refuses what is not a day of the year written MM-DD, and the
// form's other refusals, with a *ValidationError naming the field, and
// leaves the exception as it was.
func TestAnnualExceptionJSONRefusals(t *testing.T) {
	good := `{"date":"12-24","hours":["09:00-12:00"],"name":"Heiligabend"}`
	tests := []struct{ name, from, to, field string }{
		{"30_february", `"12-24"`, `"02-30"`, "date"},
		{"31_april", `"12-24"`, `"04-31"`, "date"},
		{"month_13", `"12-24"`, `"13-01"`, "date"},
		{"month_00", `"12-24"`, `"00-10"`, "date"},
		{"day_00", `"12-24"`, `"12-00"`, "date"},
		{"with_a_year", `"12-24"`, `"2026-12-24"`, "date"},
		{"one_digit_month", `"12-24"`, `"1-24"`, "date"},
		{"signed_month", `"12-24"`, `"+1-24"`, "date"},
		{"day_first", `"12-24"`, `"24.12"`, "date"},
		{"slash", `"12-24"`, `"12/24"`, "date"},
		{"as_a_number", `"12-24"`, `1224`, "date"},
		{"month_as_a_field_of_its_own", `"date":"12-24"`, `"month":12`, "month"},
		{"go_field_name", `"name"`, `"Name"`, "Name"},
		{"name_in_another_case", `"date"`, `"Date"`, "Date"},
		{"interval_backwards", `"09:00-12:00"`, `"12:00-09:00"`, "hours[0]"},
		{"hours_as_text", `["09:00-12:00"]`, `"09:00-12:00"`, "hours"},
	}
	for _, tt := range tests {
		jsonformtest.Refuses(t, tt.name, good, tt.from, tt.to, tt.field, &sla.AnnualException{})
	}
}

// FuzzAnnualExceptionJSON: any text is refused with a *ValidationError or
// a syntax error, or reads into an annual exception that writes and reads
// back unchanged.
func FuzzAnnualExceptionJSON(f *testing.F) {
	f.Add(`{"date":"12-24","hours":["09:00-12:00"],"name":"Heiligabend"}`)
	f.Add(`{"date":"02-29","hours":["08:00-12:00","13:00-17:00"]}`)
	f.Add(`{"date":"02-30"}`)
	f.Add(`{}`)
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRoundTrip[sla.AnnualException](t, s)
	})
}
