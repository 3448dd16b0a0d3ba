package billing_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing"
)

// jsonRoundTrip writes v, reads it back into a new value of its type and
// compares.
func jsonRoundTrip[T any](t *testing.T, v T) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), string(b))
	instants := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
	if d := cmp.Diff(v, back, decimalEqual, instants); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	return string(b)
}

// A month's work drafted into a service report and its invoice reads back
// as it was written, hours as text and money as decimal strings.
func TestJSONRoundTrip(t *testing.T) {
	c := contract(nil)
	es := []billing.WorkEntry{
		work("W-1", func(e *billing.WorkEntry) { e.Duration = 80 * time.Minute }),
		work("W-2", func(e *billing.WorkEntry) {
			e.Fault, e.Billable, e.Justification = billing.FaultProvider, billing.BillableNo, "our mistake"
		}),
		work("W-3", func(e *billing.WorkEntry) { e.Travel = billing.Travel{Zone: "Z2"}; e.Date = d(2026, 3, 5) }),
	}
	text := jsonRoundTrip(t, c)
	require.Contains(t, text, `"hourly":"95.00"`)
	require.Contains(t, text, `"vatRate":"19.00"`)
	text = jsonRoundTrip(t, es[0])
	require.Contains(t, text, `"duration":"1h20m"`)
	require.Contains(t, text, `"date":"2026-03-02"`)
	require.Contains(t, text, `"state":"released"`)

	dr, err := billing.BillerConfig{}.DraftReports(c, march, es, nil)
	require.NoError(t, err)
	require.NotEmpty(t, dr.Reports)
	for _, r := range dr.Reports {
		jsonRoundTrip(t, r)
		if inv, ok := r.Invoice(); ok {
			text := jsonRoundTrip(t, inv)
			require.Contains(t, text, `"gross":"`)
		}
	}
}

// Reading refuses what the form does not allow, naming the field.
func TestJSONRefusals(t *testing.T) {
	good, err := json.Marshal(work("W-1", nil))
	require.NoError(t, err)
	for _, tt := range []struct{ name, from, to, field string }{
		{"work_date_that_does_not_exist", `"date":"2026-03-02"`, `"date":"2026-02-30"`, "date"},
		{"duration_in_nanoseconds_as_before", `"duration":"1h"`, `"duration":3600000000000`, "duration"},
		{"go_field_name", `"customerId"`, `"CustomerID"`, "CustomerID"},
		{"unknown_fault", `"fault":"customer"`, `"fault":"nobody"`, "fault"},
		{"state_as_number", `"state":"released"`, `"state":2`, "state"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(good), tt.from, tt.to, 1)
			require.NotEqual(t, string(good), text, "the case changes the document")
			e := work("before", nil)
			err := json.Unmarshal([]byte(text), &e)
			var ve *billing.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, errors.Is(err, billing.ErrInvalid))
			require.Equal(t, []string{tt.field}, ve.Fields(), "%v", err)
			require.Equal(t, "before", e.ID)
		})
	}
	var r billing.ServiceReport
	err = json.Unmarshal([]byte(`{"id":"SR/1","totals":{"net":12.5}}`), &r)
	var ve *billing.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"totals.net"}, ve.Fields(), "money as a JSON number")
}
