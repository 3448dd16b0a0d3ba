package asset_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
)

// A firewall with its warranty and security licence, received on a goods
// receipt, reads back as written: dates as YYYY-MM-DD, kinds as text.
func TestJSONRoundTrip(t *testing.T) {
	fw := asset.Asset{ID: "fw-wdf", CustomerID: "kruse", SiteID: "wdf", Kind: asset.KindHardware, Name: "Firewall Warendorf",
		Model: "LANCOM 1900EF", Serial: "4003421", Attributes: []asset.Attribute{{Name: "firmware", Value: "10.80"}},
		Purchased: date.New(2023, time.July, 21), Warranty: asset.Warranty{Start: date.New(2023, time.July, 21), End: date.New(2026, time.July, 20)},
		Licence: asset.Licence{Seats: 1, Expires: date.New(2027, time.January, 31)}, Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse}
	b, err := json.Marshal(fw)
	require.NoError(t, err)
	for _, part := range []string{`"customerId":"kruse"`, `"warranty":{"start":"2023-07-21","end":"2026-07-20"}`, `"kind":"hardware"`,
		`"attributes":[{"name":"firmware","value":"10.80"}]`} {
		require.Contains(t, string(b), part)
	}
	var back asset.Asset
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, fw, back)

	r := asset.Receipt{ID: "WE-1", CustomerID: "kruse", Supplier: "Bechtle", ReceivedAt: time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC),
		Lines: []asset.ReceiptLine{{Description: "LANCOM 1900EF", Quantity: 1}}, Assets: []asset.Asset{fw}}
	b, err = json.Marshal(r)
	require.NoError(t, err)
	var rb asset.Receipt
	require.NoError(t, json.Unmarshal(b, &rb))
	if d := cmp.Diff(r, rb); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}

	req := asset.AccessRequest{ID: "AR-1", CredentialID: "C-1", CustomerID: "kruse", ContactID: "anna", Reason: "VPN",
		RequestedAt: time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC), Status: asset.RequestApproved, DecidedBy: "sabrina",
		DecidedAt: time.Date(2026, 6, 2, 9, 5, 0, 0, time.UTC), Expires: time.Date(2026, 6, 2, 13, 5, 0, 0, time.UTC)}
	b, err = json.Marshal(req)
	require.NoError(t, err)
	require.Contains(t, string(b), `"status":"approved"`)
	var reqb asset.AccessRequest
	require.NoError(t, json.Unmarshal(b, &reqb))
	require.Equal(t, req, reqb)
}

// Reading refuses what the form does not allow, naming the field.
func TestJSONRefusals(t *testing.T) {
	good := `{"id":"fw","customerId":"kruse","kind":"hardware","name":"FW","warranty":{"end":"2026-07-20"},"ownership":"customer","status":"in-use"}`
	var ok asset.Asset
	require.NoError(t, json.Unmarshal([]byte(good), &ok))
	for _, tt := range []struct{ name, from, to, field string }{
		{"warranty_end_that_does_not_exist", `"2026-07-20"`, `"2026-02-30"`, "warranty.end"},
		{"unknown_kind", `"hardware"`, `"spaceship"`, "kind"},
		{"go_field_name", `"customerId"`, `"CustomerID"`, "CustomerID"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			err := json.Unmarshal([]byte(strings.Replace(good, tt.from, tt.to, 1)), &a)
			var ve *asset.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, errors.Is(err, asset.ErrInvalid))
			require.Equal(t, []string{tt.field}, ve.Fields(), "%v", err)
			require.Equal(t, ok, a)
		})
	}
}
