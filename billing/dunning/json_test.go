package dunning_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/billing/dunning"
)

// TestDunningCaseJSON: a case survives a JSON round trip, so a store may
// keep it as one document.
func TestDunningCaseJSON(t *testing.T) {
	p := dunPolicy()
	p.Default = dunning.DefaultAfterDueDate
	p.Interest = dunning.Interest{BaseRates: dunRates, BusinessMargin: dmoney("9")}
	c := dunReminded(t, p)
	_, err := c.OpenDispute(p, dunLinesRequest(dber(2025, 6, 10, 10, 0)))
	require.NoError(t, err)
	dunCheckAll(t, c, p, 1, dber(2025, 6, 11, 10, 0))
	_, err = c.DecideDispute(p, 1, dunning.DisputeDecision{Outcome: dunning.DisputePartlyUpheld, Corrected: dmoney("50"),
		At: dber(2025, 6, 12, 10, 0), By: "am-anna", Reasons: "teils"})
	require.NoError(t, err)
	dunRun(t, c, p, dday(2025, 6, 23), dunning.Issued)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	require.Contains(t, string(b), `"invoice":{"number":`)
	var back dunning.Case
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(*c, back, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// Reading a case refuses money as a JSON number and Go's field names,
// naming the field.
func TestDunningCaseJSONRefusals(t *testing.T) {
	for text, field := range map[string]string{
		`{"invoice":{"number":"RE-1","amount":1000}}`:      "invoice.amount",
		`{"Invoice":{"number":"RE-1"}}`:                    "Invoice",
		`{"invoice":{"number":"RE-1","due":"2025-02-30"}}`: "invoice.due",
	} {
		var c dunning.Case
		err := json.Unmarshal([]byte(text), &c)
		var ve *dunning.ValidationError
		require.ErrorAs(t, err, &ve, text)
		require.Equal(t, []string{field}, ve.Fields(), text)
	}
}
