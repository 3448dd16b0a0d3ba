package asset_test

import (
	"strings"
	"testing"

	"github.com/deskcore/deskcore/asset"
)

func validAsset() asset.Asset {
	return asset.Asset{
		ID: "fw-1", CustomerID: "c1", SiteID: "warendorf", Kind: asset.KindHardware,
		Name: "Firewall", Model: "LANCOM 1900EF", Serial: "4004123",
		Attributes: []asset.Attribute{{Name: "Firmware", Value: "10.80"}, {Name: "WAN", Value: ""}},
		Purchased:  d(2025, 1, 31),
		Warranty:   asset.Warranty{Start: d(2025, 2, 3), End: d(2028, 2, 3)},
		Licence:    asset.Licence{Seats: 0, Expires: d(2026, 12, 31)},
		Ownership:  asset.RentedFromProvider, ContractID: "rent-7", Status: asset.StatusInUse,
	}
}

func TestAssetValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(a *asset.Asset)
		field  string // "" means valid
	}{
		{"complete_asset_is_valid", func(a *asset.Asset) {}, ""},
		{"site_is_optional", func(a *asset.Asset) { a.SiteID = "" }, ""},
		{"model_alone_names_it", func(a *asset.Asset) { a.Name = "" }, ""},
		{"name_alone_names_it", func(a *asset.Asset) { a.Model = "" }, ""},
		{"warranty_end_alone_is_enough", func(a *asset.Asset) { a.Warranty.Start = 0 }, ""},
		{"no_dates_at_all", func(a *asset.Asset) { a.Purchased, a.Warranty, a.Licence = 0, asset.Warranty{}, asset.Licence{} }, ""},
		{"one_day_warranty", func(a *asset.Asset) { a.Warranty = asset.Warranty{Start: d(2026, 1, 1), End: d(2026, 1, 1)} }, ""},
		{"id_required", func(a *asset.Asset) { a.ID = "" }, "ID"},
		{"id_without_surrounding_space", func(a *asset.Asset) { a.ID = " fw-1" }, "ID"},
		{"id_at_most_128_bytes", func(a *asset.Asset) { a.ID = strings.Repeat("x", 129) }, "ID"},
		{"id_of_128_bytes", func(a *asset.Asset) { a.ID = strings.Repeat("x", 128) }, ""},
		{"id_without_control_characters", func(a *asset.Asset) { a.ID = "fw\n1" }, "ID"},
		{"customer_required", func(a *asset.Asset) { a.CustomerID = "" }, "CustomerID"},
		{"kind_required", func(a *asset.Asset) { a.Kind = "" }, "Kind"},
		{"kind_is_case_sensitive", func(a *asset.Asset) { a.Kind = "Hardware" }, "Kind"},
		{"ownership_required", func(a *asset.Asset) { a.Ownership = "" }, "Ownership"},
		{"ownership_known", func(a *asset.Asset) { a.Ownership = "leased" }, "Ownership"},
		{"status_required", func(a *asset.Asset) { a.Status = "" }, "Status"},
		{"status_spelled_with_hyphen", func(a *asset.Asset) { a.Status = "in use" }, "Status"},
		{"name_or_model_required", func(a *asset.Asset) { a.Name, a.Model = "", "" }, "Name"},
		{"name_valid_utf8", func(a *asset.Asset) { a.Name = "Fire\xffwall" }, "Name"},
		{"serial_single_line", func(a *asset.Asset) { a.Serial = "40\t04" }, "Serial"},
		{"contract_id_clean", func(a *asset.Asset) { a.ContractID = "rent\x007" }, "ContractID"},
		{"attribute_needs_a_name", func(a *asset.Asset) { a.Attributes[0].Name = "" }, "Attributes[0].Name"},
		{"attribute_names_unique", func(a *asset.Asset) { a.Attributes[1].Name = "Firmware" }, "Attributes[1].Name"},
		{"attribute_value_limited", func(a *asset.Asset) { a.Attributes[1].Value = strings.Repeat("x", 1025) }, "Attributes[1].Value"},
		{"purchase_year_from_1900", func(a *asset.Asset) { a.Purchased = d(1899, 12, 31) }, "Purchased"},
		{"warranty_start_needs_an_end", func(a *asset.Asset) { a.Warranty.End = 0 }, "Warranty.End"},
		{"warranty_ends_after_start", func(a *asset.Asset) { a.Warranty.End = d(2025, 2, 2) }, "Warranty.End"},
		{"warranty_end_year_up_to_9999", func(a *asset.Asset) { a.Warranty.End = d(10000, 1, 1) }, "Warranty.End"},
		{"licence_seats_not_negative", func(a *asset.Asset) { a.Licence.Seats = -1 }, "Licence.Seats"},
		{"licence_expiry_year_from_1900", func(a *asset.Asset) { a.Licence.Expires = d(1850, 1, 1) }, "Licence.Expires"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := validAsset()
			tc.change(&a)
			if got := fieldOf(t, a.Validate()); got != tc.field {
				t.Errorf("field %q, want %q", got, tc.field)
			}
		})
	}
}

func TestStatusCanBecome(t *testing.T) {
	const (
		o = asset.StatusOrdered
		r = asset.StatusReceived
		v = asset.StatusDelivered
		u = asset.StatusInUse
		x = asset.StatusRetired
	)
	for _, tc := range []struct {
		name     string
		from, to asset.Status
		ok       bool
	}{
		{"ordered_to_received", o, r, true},
		{"received_to_delivered", r, v, true},
		{"delivered_to_in_use", v, u, true},
		{"in_use_to_retired", u, x, true},
		{"ordered_service_straight_to_in_use", o, u, true},
		{"received_but_never_delivered_retired", r, x, true},
		{"staying_put", v, v, true},
		{"retired_stays_retired", x, x, true},
		{"no_way_back_from_in_use", u, v, false},
		{"no_way_back_to_ordered", r, o, false},
		{"retired_is_final", x, u, false},
		{"unknown_target", u, "lost", false},
		{"unknown_source", "", o, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.from.CanBecome(tc.to); got != tc.ok {
				t.Errorf("%q.CanBecome(%q) = %v", tc.from, tc.to, got)
			}
		})
	}
}

func TestWarrantyRiskLiesWithTheOwner(t *testing.T) {
	for _, tc := range []struct {
		o    asset.Ownership
		want asset.Party
	}{
		{asset.RentedFromProvider, asset.PartyProvider},
		{asset.OwnedByCustomer, asset.PartyCustomer},
	} {
		if got := (asset.Asset{Ownership: tc.o}).WarrantyRisk(); got != tc.want {
			t.Errorf("%s: risk with %s, want %s", tc.o, got, tc.want)
		}
	}
}

func TestCloneSharesNoMemory(t *testing.T) {
	a := validAsset()
	c := a.Clone()
	c.Attributes[0].Value = "changed"
	if a.Attributes[0].Value != "10.80" {
		t.Error("Asset.Clone shares Attributes")
	}
	r := asset.Receipt{Lines: []asset.ReceiptLine{{Description: "x", Quantity: 1}}, Assets: []asset.Asset{validAsset()}}
	rc := r.Clone()
	rc.Lines[0].Quantity = 2
	rc.Assets[0].Attributes[0].Value = "changed"
	if r.Lines[0].Quantity != 1 || r.Assets[0].Attributes[0].Value != "10.80" {
		t.Error("Receipt.Clone shares memory")
	}
	s := asset.Sealed{Data: []byte{1}}
	sc := s.Clone()
	sc.Data[0] = 2
	if s.Data[0] != 1 {
		t.Error("Sealed.Clone shares Data")
	}
	ss := asset.SealedSecret{Sealed: asset.Sealed{Data: []byte{1}}}
	ssc := ss.Clone()
	ssc.Sealed.Data[0] = 2
	if ss.Sealed.Data[0] != 1 {
		t.Error("SealedSecret.Clone shares Data")
	}
}

func TestAssetFilterMatches(t *testing.T) {
	a := validAsset() // warranty ends 2028-02-03, licence 2026-12-31, rented, in use
	for _, tc := range []struct {
		name string
		f    asset.AssetFilter
		want bool
	}{
		{"zero_filter", asset.AssetFilter{}, true},
		{"same_customer_and_site", asset.AssetFilter{CustomerID: "c1", SiteID: "warendorf"}, true},
		{"other_customer", asset.AssetFilter{CustomerID: "c2"}, false},
		{"other_kind", asset.AssetFilter{Kind: asset.KindSoftware}, false},
		{"rented", asset.AssetFilter{Ownership: asset.RentedFromProvider}, true},
		{"customer_owned", asset.AssetFilter{Ownership: asset.OwnedByCustomer}, false},
		{"other_status", asset.AssetFilter{Status: asset.StatusOrdered}, false},
		{"exclude_retired_keeps_in_use", asset.AssetFilter{ExcludeRetired: true}, true},
		{"licence_end_on_upper_bound", asset.AssetFilter{ExpiringFrom: d(2026, 12, 1), ExpiringUntil: d(2026, 12, 31)}, true},
		{"licence_end_on_lower_bound", asset.AssetFilter{ExpiringFrom: d(2026, 12, 31), ExpiringUntil: d(2027, 1, 31)}, true},
		{"window_between_licence_and_warranty", asset.AssetFilter{ExpiringFrom: d(2027, 1, 1), ExpiringUntil: d(2028, 2, 2)}, false},
		{"warranty_end_on_upper_bound", asset.AssetFilter{ExpiringFrom: d(2027, 1, 1), ExpiringUntil: d(2028, 2, 3)}, true},
		{"from_without_until_is_no_date_filter", asset.AssetFilter{ExpiringFrom: d(2030, 1, 1)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.Matches(a); got != tc.want {
				t.Errorf("Matches = %v", got)
			}
		})
	}
	retired := validAsset()
	retired.Status = asset.StatusRetired
	if (asset.AssetFilter{ExcludeRetired: true}).Matches(retired) {
		t.Error("ExcludeRetired matched a retired asset")
	}
	undated := asset.Asset{}
	if (asset.AssetFilter{ExpiringUntil: d(2030, 1, 1)}).Matches(undated) {
		t.Error("an asset without dates matched an expiry window from date.Zero")
	}
}
