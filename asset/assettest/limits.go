package assettest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
)

// invLimits registers an asset with every field at its documented limit
// (IDs of 128 bytes of multi-byte UTF-8, texts of 1024 bytes, 200
// attributes, dates on 9999-12-31, a million seats): it reads back as
// registered. One step past each limit is refused with ErrInvalid and
// stores nothing, and the assets stored before stay readable.
func invLimits(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	inv := newInventory(t, s, asset.InventoryConfig{})
	before := full("a1", "c1")
	require.NoError(t, inv.Register(ctx, before))
	id := func(r string) string { return strings.Repeat(r, 64) } // 128 bytes
	text := strings.Repeat("ö", 512)                             // 1024 bytes
	last := date.New(9999, 12, 31)
	attrs := make([]asset.Attribute, 200)
	for i := range attrs {
		attrs[i] = asset.Attribute{Name: fmt.Sprintf("%03d-", i) + text[:1020], Value: text}
	}
	a := asset.Asset{
		ID: id("Ä"), CustomerID: id("ü"), SiteID: id("ß"), Kind: asset.KindLicence,
		Name: text, Model: text, Serial: text, Attributes: attrs, Purchased: last,
		Warranty: asset.Warranty{Start: last, End: last}, Licence: asset.Licence{Seats: 1_000_000, Expires: last},
		Ownership: asset.RentedFromProvider, ContractID: id("é"), Status: asset.StatusInUse,
	}
	require.NoError(t, inv.Register(ctx, a))
	diff(t, "asset at the limits", a, mustGet[asset.Asset](t)(s.Asset(ctx, a.ID)))

	past := func(set func(*asset.Asset)) asset.Asset {
		p := full("a-past", "c1")
		set(&p)
		return p
	}
	for name, p := range map[string]asset.Asset{
		"id_of_129_bytes":          past(func(p *asset.Asset) { p.ID = id("Ä") + "x" }),
		"customer_id_of_129_bytes": past(func(p *asset.Asset) { p.CustomerID = id("ü") + "x" }),
		"contract_id_of_129_bytes": past(func(p *asset.Asset) { p.ContractID = id("é") + "x" }),
		"name_of_1025_bytes":       past(func(p *asset.Asset) { p.Name = text + "x" }),
		"serial_of_1025_bytes":     past(func(p *asset.Asset) { p.Serial = text + "x" }),
		"201_attributes":           past(func(p *asset.Asset) { p.Attributes = append(attrs[:200:200], asset.Attribute{Name: "x"}) }),
		"attribute_of_1025_bytes":  past(func(p *asset.Asset) { p.Attributes = []asset.Attribute{{Name: "n", Value: text + "x"}} }),
		"purchased_in_10000":       past(func(p *asset.Asset) { p.Purchased = last + 1 }),
		"warranty_end_in_10000":    past(func(p *asset.Asset) { p.Warranty.End = last + 1 }),
		"licence_expiry_in_10000":  past(func(p *asset.Asset) { p.Licence.Expires = last + 1 }),
		"a_million_and_one_seats":  past(func(p *asset.Asset) { p.Licence.Seats = 1_000_001 }),
	} {
		wantErr(t, name, inv.Register(ctx, p), asset.ErrInvalid)
		_, err := s.Asset(ctx, p.ID)
		wantErr(t, name+": nothing was stored", err, asset.ErrNotFound)
	}
	diff(t, "the asset before", before, mustGet[asset.Asset](t)(s.Asset(ctx, before.ID)))
	diff(t, "the asset at the limits", a, mustGet[asset.Asset](t)(s.Asset(ctx, a.ID)))
}
