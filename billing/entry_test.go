package billing_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

func problemFields(t *testing.T, err error) []string {
	t.Helper()
	var ve *billing.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("not a *ValidationError: %v", err)
	}
	require.ErrorIs(t, err, billing.ErrInvalid)
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	return fields
}

func TestWorkEntryValidate(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		set  func(*billing.WorkEntry)
		want []string
	}{
		{"valid", func(*billing.WorkEntry) {}, nil},
		{"valid_start_end", func(e *billing.WorkEntry) { e.Duration, e.Start, e.End = 0, start, start.Add(90*m) }, nil},
		{"valid_all_three_agree", func(e *billing.WorkEntry) { e.Duration, e.Start, e.End = 90*m, start, start.Add(90*m) }, nil},
		{"every_problem_at_once", func(e *billing.WorkEntry) {
			*e = billing.WorkEntry{Activity: "Bad!", Fault: 7, Billable: billing.BillableNo, Travel: billing.Travel{Zone: "Z1", Kilometres: 3}}
		}, []string{"ID", "CustomerID", "TicketID", "Technician", "Date", "Duration", "Activity", "Fault", "Travel", "Justification"}},
		// non-billable work needs a justification.
		{"non_billable_without_justification", func(e *billing.WorkEntry) { e.Billable = billing.BillableNo }, []string{"Justification"}},
		{"blank_justification", func(e *billing.WorkEntry) { e.Billable, e.Justification = billing.BillableNo, " \n " }, []string{"Justification"}},
		{"justification_on_billable_work", func(e *billing.WorkEntry) { e.Justification = "why" }, []string{"Justification"}},
		{"end_without_start", func(e *billing.WorkEntry) { e.End = start }, []string{"End"}},
		{"end_before_start", func(e *billing.WorkEntry) { e.Start, e.End = start, start.Add(-m) }, []string{"End"}},
		{"duration_disagrees", func(e *billing.WorkEntry) { e.Start, e.End = start, start.Add(30*m) }, []string{"Duration"}},
		{"more_than_a_day", func(e *billing.WorkEntry) { e.Duration = 25 * h }, []string{"Duration"}},
		{"goodwill_without_reason", func(e *billing.WorkEntry) { e.Goodwill.Waive = 10 * m }, []string{"Goodwill.Reason"}},
		{"goodwill_waives_nothing", func(e *billing.WorkEntry) { e.Goodwill.Reason = "nice" }, []string{"Goodwill"}},
		{"goodwill_over_the_time", func(e *billing.WorkEntry) {
			e.Goodwill = billing.Goodwill{Waive: 2 * h, Percent: dec("100.5"), Reason: "x"}
		}, []string{"Goodwill.Waive", "Goodwill.Percent"}},
		{"goodwill_three_decimals", func(e *billing.WorkEntry) { e.Goodwill = billing.Goodwill{Percent: dec("12.345"), Reason: "x"} }, []string{"Goodwill.Percent"}},
		{"goodwill_on_free_work", func(e *billing.WorkEntry) {
			e.Billable, e.Justification, e.Goodwill = billing.BillableNo, "ours", billing.Goodwill{Waive: m, Reason: "x"}
		}, []string{"Goodwill"}},
		{"control_characters", func(e *billing.WorkEntry) { e.TicketID, e.Description = "T\x00", "ok\nline\x07" }, []string{"TicketID", "Description"}},
		{"too_long", func(e *billing.WorkEntry) { e.ID = strings.Repeat("x", 201) }, []string{"ID"}},
		{"kilometres_out_of_range", func(e *billing.WorkEntry) { e.Travel.Kilometres = 10_001 }, []string{"Travel.Kilometres"}},
		{"reverses_itself", func(e *billing.WorkEntry) { e.Reverses = e.ID }, []string{"Reverses"}},
		{"date_out_of_range", func(e *billing.WorkEntry) { e.Date = -5 }, []string{"Date"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := work("E-1", tc.set).Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			diff(t, "problems", tc.want, problemFields(t, err))
		})
	}
}

func TestGoodwill(t *testing.T) {
	for _, tc := range []struct {
		g      billing.Goodwill
		worked time.Duration
		want   time.Duration
	}{
		{billing.Goodwill{}, 2 * h, 2 * h},
		{billing.Goodwill{Waive: 30 * m}, 2 * h, 90 * m},
		{billing.Goodwill{Percent: dec("50")}, 2 * h, h},
		{billing.Goodwill{Waive: 30 * m, Percent: dec("50")}, 2 * h, 45 * m}, // (2h - 30m) / 2
		{billing.Goodwill{Percent: dec("33.33")}, h, 2400 * time.Second},     // 3600 s × 66.67 % = 2400.12 s -> 2400 s
		{billing.Goodwill{Percent: dec("100")}, h, 0},
		{billing.Goodwill{Waive: 2 * h}, h, 0},
	} {
		if got := tc.g.Apply(tc.worked); got != tc.want {
			t.Errorf("%+v on %s: %s, want %s", tc.g, tc.worked, got, tc.want)
		}
	}
	// Amounts: 45.00 less 33.33 % = 30.0015 -> 30.00; less 12.5 % is
	// 39.375 -> 39.38.
	for pct, want := range map[string]string{"33.33": "30.00", "12.5": "39.38", "0": "45.00"} {
		if got := (billing.Goodwill{Percent: dec(pct)}).ApplyAmount(dec("45.00")); !got.Equal(dec(want)) {
			t.Errorf("45.00 less %s %%: %s, want %s", pct, got, want)
		}
	}
}

func TestEnumText(t *testing.T) {
	type textual interface {
		String() string
		MarshalText() ([]byte, error)
	}
	for _, tc := range []struct {
		v    textual
		want string
	}{
		{billing.Recorded, "recorded"}, {billing.Invoiced, "invoiced"},
		{billing.FaultUndetermined, "undetermined"}, {billing.FaultCustomer, "customer"},
		{billing.BillableByPolicy, "policy"}, {billing.BillableNo, "no"},
		{billing.ChargeFlatFee, "flat-fee"}, {billing.OnlyUncovered, "uncovered"},
		{billing.RoundNearest, "nearest"}, {billing.PerTicketDay, "ticket-day"},
		{billing.ContractDataCentre, "data-centre"}, {billing.PerBranch, "per-branch"},
	} {
		b, err := tc.v.MarshalText()
		require.NoError(t, err)
		if tc.v.String() != tc.want || string(b) != tc.want {
			t.Errorf("%T: %q %q, want %q", tc.v, tc.v.String(), b, tc.want)
		}
	}
	if s := billing.EntryState(0).String(); s != "EntryState(0)" {
		t.Errorf("zero state: %q", s)
	}
	if _, err := billing.EntryState(9).MarshalText(); !errors.Is(err, billing.ErrInvalid) {
		t.Errorf("state 9 marshals: %v", err)
	}
	var s billing.EntryState
	require.NoError(t, s.UnmarshalText([]byte("reported")))
	if s != billing.Reported {
		t.Errorf("unmarshal: %v", s)
	}
	if err := s.UnmarshalText([]byte("lost")); !errors.Is(err, billing.ErrInvalid) || s != billing.Reported {
		t.Errorf("bad text: %v, %v", err, s)
	}
}

// Rates and quota periods follow the work date, so the span worked must
// start on it; and instants stay within the years 1-9999 (UTC), which
// every store can hold.
func TestWorkEntrySpanMustStartOnTheWorkDateWithinTheYears(t *testing.T) {
	at := func(y int, m time.Month, day, hour int) time.Time {
		return time.Date(y, m, day, hour, 0, 0, 0, time.UTC)
	}
	tests := []struct {
		name       string
		date       date.Date
		start, end time.Time
		field      string
	}{
		{"dated_2_april_worked_2_may", d(2026, 4, 2), at(2026, 5, 2, 9), at(2026, 5, 2, 10), "Start"},
		{"dated_the_day_after_the_start", d(2026, 4, 3), at(2026, 4, 2, 23), at(2026, 4, 3, 1), "Start"},
		{"start_in_year_12026", d(2026, 4, 2), at(12026, 4, 2, 9), at(12026, 4, 2, 10), "Start"},
		{"end_in_year_10000", d(9999, 12, 31), at(9999, 12, 31, 23), at(10000, 1, 1, 1), "End"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := work("W-1", func(e *billing.WorkEntry) { e.Date, e.Start, e.End, e.Duration = tt.date, tt.start, tt.end, 0 })
			require.Contains(t, problemFields(t, e.Validate()), tt.field)
		})
	}
	overnight := work("W-1", func(e *billing.WorkEntry) {
		e.Date, e.Start, e.End, e.Duration = d(2026, 4, 2), at(2026, 4, 2, 23), at(2026, 4, 3, 1), 0
	})
	require.NoError(t, overnight.Validate(), "work that starts on its date may run past midnight")
}
