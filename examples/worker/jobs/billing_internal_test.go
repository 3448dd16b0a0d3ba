package jobs

import (
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

// Periodic enqueues the billing of the month before from the billing
// day to the month's end, issued on the billing day; a billing day the
// month does not have is its last day; zero or less is the 1st.
func TestBillingDue(t *testing.T) {
	d := func(s string) date.Date { return date.MustParseISO(s) }
	for _, tt := range []struct {
		name       string
		billingDay int
		day        string
		want       BillingMonthArgs // zero: nothing due
	}{
		{"default_is_the_1st", 0, "2026-04-01", BillingMonthArgs{Period: "2026-03", Issued: "2026-04-01"}},
		{"default_still_on_the_30th", 0, "2026-04-30", BillingMonthArgs{Period: "2026-03", Issued: "2026-04-01"}},
		{"negative_is_the_1st", -3, "2026-04-01", BillingMonthArgs{Period: "2026-03", Issued: "2026-04-01"}},
		{"day_5_not_on_the_4th", 5, "2026-04-04", BillingMonthArgs{}},
		{"day_5_on_the_5th", 5, "2026-04-05", BillingMonthArgs{Period: "2026-03", Issued: "2026-04-05"}},
		{"day_5_still_on_the_6th", 5, "2026-04-06", BillingMonthArgs{Period: "2026-03", Issued: "2026-04-05"}},
		{"day_5_next_month_bills_that_month", 5, "2026-05-05", BillingMonthArgs{Period: "2026-04", Issued: "2026-05-05"}},
		{"day_5_next_month_not_before_the_5th", 5, "2026-05-04", BillingMonthArgs{}},
		{"january_bills_december", 1, "2026-01-01", BillingMonthArgs{Period: "2025-12", Issued: "2026-01-01"}},
		{"day_31_in_february_is_the_28th", 31, "2026-02-28", BillingMonthArgs{Period: "2026-01", Issued: "2026-02-28"}},
		{"day_30_in_a_leap_february_is_the_29th", 30, "2028-02-29", BillingMonthArgs{Period: "2028-01", Issued: "2028-02-29"}},
		{"day_31_in_february_not_on_the_27th", 31, "2026-02-27", BillingMonthArgs{}},
		{"day_31_in_march_is_the_31st", 31, "2026-03-31", BillingMonthArgs{Period: "2026-02", Issued: "2026-03-31"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := billingDue(tt.billingDay, d(tt.day))
			require.Equal(t, tt.want != BillingMonthArgs{}, ok)
			require.Equal(t, tt.want, got)
		})
	}
}

// A billing job's arguments are read into a run or refused with an
// error, never a panic; what is read is a valid run of the period and
// day given.
func FuzzBillingRun(f *testing.F) {
	f.Add("", "2026-03", "2026-04-01")
	f.Add("2026-03-b", "2026-03", "2026-04-15")
	f.Add("", "2026-13", "2026-04-01")
	f.Add("", "2026-03", "2026-02-30")
	f.Add("x\x00", "", "")
	f.Fuzz(func(t *testing.T, id, period, issued string) {
		run, err := billingRun(id, period, issued)
		if err != nil {
			return
		}
		require.NoError(t, run.Validate())
		require.Equal(t, id, run.ID)
		require.Equal(t, period, run.Period.String())
		require.Equal(t, issued, run.Issued.String())
	})
}
