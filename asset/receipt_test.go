package asset_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
)

var received = time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)

func validReceipt() asset.Receipt {
	return asset.Receipt{
		ID: "WE-2026-0042", CustomerID: "c1", SiteID: "warendorf", Supplier: "Wortmann AG", DeliveryNote: "LS 881234",
		ReceivedAt: received, ReceivedBy: "mw-schulte",
		Lines: []asset.ReceiptLine{{Description: "TERRA PC-Business 7000", Quantity: 2}, {Description: "Patchkabel Cat6 2 m", Quantity: 10}},
		Assets: []asset.Asset{
			{ID: "pc-1", Kind: asset.KindHardware, Model: "TERRA PC-Business 7000", Serial: "SN-1001", Ownership: asset.OwnedByCustomer,
				Warranty: asset.Warranty{Start: d(2026, 3, 2), End: d(2029, 3, 2)}},
			{ID: "pc-2", SiteID: "rheda", Kind: asset.KindHardware, Model: "TERRA PC-Business 7000", Serial: "SN-1002", Ownership: asset.OwnedByCustomer},
		},
	}
}

func TestReceiptNormalizeFillsWhatAGoodsReceiptImplies(t *testing.T) {
	r := validReceipt()
	n := r.Normalize()
	if r.Assets[0].CustomerID != "" {
		t.Error("Normalize changed its receiver")
	}
	for i, want := range []struct{ customer, site string }{{"c1", "warendorf"}, {"c1", "rheda"}} {
		a := n.Assets[i]
		if a.CustomerID != want.customer || a.SiteID != want.site || a.Status != asset.StatusReceived {
			t.Errorf("asset %d normalized to %s/%s/%s, want %s/%s/received", i, a.CustomerID, a.SiteID, a.Status, want.customer, want.site)
		}
	}
	require.NoError(t, n.Validate())
}

func TestReceiptValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(r *asset.Receipt)
		field  string
	}{
		{"normalized_receipt_is_valid", func(r *asset.Receipt) {}, ""},
		{"consumables_only_registers_nothing", func(r *asset.Receipt) { r.Assets = nil }, ""},
		{"id_required", func(r *asset.Receipt) { r.ID = "" }, "ID"},
		{"customer_required", func(r *asset.Receipt) { r.CustomerID = "" }, "CustomerID"},
		{"supplier_required", func(r *asset.Receipt) { r.Supplier = "" }, "Supplier"},
		{"delivery_note_single_line", func(r *asset.Receipt) { r.DeliveryNote = "LS\n1" }, "DeliveryNote"},
		{"received_at_required", func(r *asset.Receipt) { r.ReceivedAt = time.Time{} }, "ReceivedAt"},
		{"received_by_required", func(r *asset.Receipt) { r.ReceivedBy = "" }, "ReceivedBy"},
		{"at_least_one_line", func(r *asset.Receipt) { r.Lines = nil }, "Lines"},
		{"line_described", func(r *asset.Receipt) { r.Lines[1].Description = "" }, "Lines[1].Description"},
		{"line_quantity_positive", func(r *asset.Receipt) { r.Lines[0].Quantity = 0 }, "Lines[0].Quantity"},
		{"asset_valid_in_itself", func(r *asset.Receipt) { r.Assets[1].Kind = "gadget" }, "Assets[1].Kind"},
		{"asset_warranty_checked", func(r *asset.Receipt) { r.Assets[0].Warranty.End = d(2026, 3, 1) }, "Assets[0].Warranty.End"},
		{"asset_of_the_receipts_customer", func(r *asset.Receipt) { r.Assets[1].CustomerID = "c2" }, "Assets[1].CustomerID"},
		{"asset_registered_as_received", func(r *asset.Receipt) { r.Assets[0].Status = asset.StatusInUse }, "Assets[0].Status"},
		{"asset_ids_unique", func(r *asset.Receipt) { r.Assets[1].ID = "pc-1" }, "Assets[1].ID"},
		{"supplier_limited", func(r *asset.Receipt) { r.Supplier = strings.Repeat("x", 1025) }, "Supplier"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := validReceipt().Normalize()
			tc.change(&r)
			if got := fieldOf(t, r.Validate()); got != tc.field {
				t.Errorf("field %q, want %q", got, tc.field)
			}
		})
	}
}

func TestReceiptPickAndPack(t *testing.T) {
	r := validReceipt()
	ev := r.PickAndPack()
	diff(t, "event", asset.PickAndPack{
		ReceiptID: "WE-2026-0042", CustomerID: "c1", SiteID: "warendorf", Supplier: "Wortmann AG", ReceivedAt: received,
		Lines:    []asset.ReceiptLine{{Description: "TERRA PC-Business 7000", Quantity: 2}, {Description: "Patchkabel Cat6 2 m", Quantity: 10}},
		AssetIDs: []string{"pc-1", "pc-2"},
	}, ev)
	ev.Lines[0].Quantity = 99
	if r.Lines[0].Quantity != 2 {
		t.Error("the event shares lines with the receipt")
	}
}
