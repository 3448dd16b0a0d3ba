package sla_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/internal/jsonformtest"
	"github.com/deskcore/deskcore/sla"
)

// sameInstants compares instants by the moment, whatever their zone.
var sameInstants = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

// A clock's history, a status computed from it on the office calendar, a
// calendar's dated exception and a policy's target read back as they were
// written, in the names and texts a host sees.
func TestJSONRoundTrip(t *testing.T) {
	history := []sla.Event{
		{Kind: sla.Start, At: ber(2026, time.June, 1, 10, 0)},
		{Kind: sla.Pause, At: ber(2026, time.June, 1, 12, 0), Reason: "waiting on customer"},
		{Kind: sla.Resume, At: ber(2026, time.June, 2, 9, 30)},
		{Kind: sla.Rebaseline, At: ber(2026, time.June, 2, 10, 0), Due: ber(2026, time.June, 5, 17, 0), Reason: "spare part ordered"},
	}
	clock := sla.Clock{Target: sla.MustParseTarget("8h business"), Calendar: officeNW()}
	status, err := clock.Status(history, ber(2026, time.June, 3, 11, 0))
	require.NoError(t, err)
	require.Equal(t, 1, status.Rebaselines, "the history re-baselines once")

	t.Run("history", func(t *testing.T) {
		jsonformtest.RoundTrip(t, history, `"kind":"start"`, `"kind":"pause"`, `"at":"2026-06-01T12:00:00+02:00"`,
			`"due":"2026-06-05T17:00:00+02:00"`, `"reason":"spare part ordered"`)
	})
	t.Run("status", func(t *testing.T) {
		jsonformtest.RoundTrip(t, status, `"state":"`+status.State.String()+`"`, `"elapsed":"`, `"deadline":{"due":"2026-06-05T17:00:00+02:00"`,
			`"original":{`, `"rebaselines":1`)
	})
	t.Run("exception", func(t *testing.T) {
		jsonformtest.RoundTrip(t, sla.Exception{Date: d(2026, time.December, 24), Hours: sla.MustParseHours("09:00-12:00"), Name: "Heiligabend"},
			`{"date":"2026-12-24","hours":["09:00-12:00"],"name":"Heiligabend"}`)
		jsonformtest.RoundTrip(t, sla.ClosedOn("Betriebsausflug", d(2026, time.July, 3))[0], `{"date":"2026-07-03","name":"Betriebsausflug"}`)
	})
	t.Run("policy_target", func(t *testing.T) {
		jsonformtest.RoundTrip(t, sla.PolicyTarget{Name: sla.Update, Target: sla.MustParseTarget("14 business days"), Calendar: "office", After: sla.Acknowledgement},
			`"name":"`+sla.Update+`"`, `"target":"14 business days"`, `"after":"`+sla.Acknowledgement+`"`)
	})
	t.Run("policy_config", func(t *testing.T) {
		cfg := sla.PolicyConfig{Name: "P1", WarnPercent: 75, Targets: []sla.PolicyTarget{
			{Name: sla.Acknowledgement, Target: sla.MustParseTarget("4h business"), Calendar: "hotline"},
			{Name: sla.Resolution, Target: sla.MustParseTarget("2 business days"), Calendar: "office"},
		}}
		jsonformtest.RoundTrip(t, cfg, `"name":"P1"`, `"targets":[{"name":"`+sla.Acknowledgement+`","target":"4h business","calendar":"hotline"}`, `"warnPercent":75`)
		_, err := sla.NewPolicy(cfg, sla.Calendars{"hotline": officeNW(), "office": officeNW()})
		require.NoError(t, err, "the form read back compiles")
	})
}

// Reading refuses what the form does not allow with a *ValidationError
// naming the field, and leaves the value as it was.
func TestJSONRefusals(t *testing.T) {
	good := `{"kind":"rebaseline","at":"2026-06-02T10:00:00+02:00","due":"2026-06-05T17:00:00+02:00","reason":"spare part"}`
	var ev sla.Event
	require.NoError(t, json.Unmarshal([]byte(good), &ev))
	goodStatus := `{"state":"running","elapsed":"3h30m","deadline":{"due":"2026-06-03T13:30:00+02:00","budget":"8h"}}`
	var st sla.Status
	require.NoError(t, json.Unmarshal([]byte(goodStatus), &st))
	require.Equal(t, 3*time.Hour+30*time.Minute, st.Elapsed)
	goodException := `{"date":"2026-12-24","hours":["09:00-12:00"],"name":"Heiligabend"}`
	var ex sla.Exception
	require.NoError(t, json.Unmarshal([]byte(goodException), &ex))
	goodTarget := `{"name":"resolution","target":"5 business days","calendar":"office"}`
	var pt sla.PolicyTarget
	require.NoError(t, json.Unmarshal([]byte(goodTarget), &pt))

	tests := []struct {
		name, good, from, to, field string
		into                        any
	}{
		{"unknown_event_kind", good, `"rebaseline"`, `"postpone"`, "kind", &sla.Event{}},
		{"event_kind_as_number", good, `"rebaseline"`, `5`, "kind", &sla.Event{}},
		{"instant_without_offset", good, `"2026-06-02T10:00:00+02:00"`, `"2026-06-02T10:00:00"`, "at", &sla.Event{}},
		{"go_field_name", good, `"reason"`, `"Reason"`, "Reason", &sla.Event{}},
		{"unknown_name", good, `"reason"`, `"note"`, "note", &sla.Event{}},
		{"unknown_state", goodStatus, `"running"`, `"late"`, "state", &sla.Status{}},
		{"hours_without_unit", goodStatus, `"3h30m"`, `"3.5"`, "elapsed", &sla.Status{}},
		{"elapsed_as_nanoseconds", goodStatus, `"3h30m"`, `12600000000000`, "elapsed", &sla.Status{}},
		{"deadline_instant_without_offset", goodStatus, `"2026-06-03T13:30:00+02:00"`, `"2026-06-03 13:30"`, "deadline.due", &sla.Status{}},
		{"day_that_does_not_exist", goodException, `"2026-12-24"`, `"2026-02-30"`, "date", &sla.Exception{}},
		{"interval_backwards", goodException, `"09:00-12:00"`, `"12:00-09:00"`, "hours[0]", &sla.Exception{}},
		{"target_without_unit", goodTarget, `"5 business days"`, `"5"`, "target", &sla.PolicyTarget{}},
		{"policy_target_refused_in_place", `{"name":"P2","targets":[` + goodTarget + `]}`, `"5 business days"`, `"5 days"`, "targets[0].target", &sla.PolicyConfig{}},
		{"warn_percent_as_text", `{"name":"P2","warnPercent":80}`, `80`, `"80"`, "warnPercent", &sla.PolicyConfig{}},
	}
	for _, tt := range tests {
		jsonformtest.Refuses(t, tt.name, tt.good, tt.from, tt.to, tt.field, tt.into)
	}
}

// FuzzEventJSON: any text is refused, or reads into an event and a status
// that write and read back unchanged.
func FuzzEventJSON(f *testing.F) {
	f.Add(`{"kind":"rebaseline","at":"2026-06-02T10:00:00+02:00","due":"2026-06-05T17:00:00+02:00","reason":"spare part"}`)
	f.Add(`{"state":"met","elapsed":"3h30m","deadline":{"due":"2026-06-03T13:30:00Z","budget":"8h","breached":true},"original":{"remaining":"-1h"}}`)
	f.Add(`{"date":"2026-12-24","hours":["09:00-12:00"],"name":"x"}`)
	f.Add(`{"name":"update","target":"14 business days","after":"acknowledgement"}`)
	f.Add(`{"name":"P1","targets":[{"name":"resolution","target":"24h clock"}],"warnPercent":75}`)
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRoundTrip[sla.Event](t, s)
		fuzzRoundTrip[sla.Status](t, s)
		fuzzRoundTrip[sla.Exception](t, s)
		fuzzRoundTrip[sla.PolicyTarget](t, s)
		fuzzRoundTrip[sla.PolicyConfig](t, s)
	})
}

func fuzzRoundTrip[T any](t *testing.T, s string) {
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		if !errors.Is(err, sla.ErrInvalid) {
			var se *json.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("%q refused with %T %v, not a *ValidationError", s, err, err)
			}
		}
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%q read but does not write: %v", s, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s does not read back: %v", b, err)
	}
	if diff := cmp.Diff(v, back, sameInstants); diff != "" {
		t.Fatalf("(-read +back):\n%s", diff)
	}
}
