package complaint_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/complaint"
)

// Reading a complaint refuses what the form does not allow, naming the
// field, and leaves the destination as it was.
func TestJSONRefusals(t *testing.T) {
	c := inState(t, nlPolicy(t), complaint.StateClosed)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	good := string(b)
	for _, tt := range []struct{ name, from, to, field string }{
		{"instant_without_offset", `"receivedAt":"2026-05-04T08:30:00+02:00"`, `"receivedAt":"2026-05-04T08:30:00"`, "receivedAt"},
		{"unknown_step", `"kind":"acknowledged"`, `"kind":"forgotten"`, "history[1].kind"},
		{"go_field_name", `"receivedAt"`, `"ReceivedAt"`, "ReceivedAt"},
		{"reference_in_another_form", `"CMP-2026-00001"`, `"2026/1"`, "ref"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(good, tt.from, tt.to, 1)
			require.NotEqual(t, good, text, "the case changes the document")
			got := c.Clone()
			err := json.Unmarshal([]byte(text), &got)
			var ve *complaint.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, errors.Is(err, complaint.ErrInvalid))
			require.Equal(t, []string{tt.field}, ve.Fields(), "%v", err)
			diff(t, "unchanged", c, got)
		})
	}
}
