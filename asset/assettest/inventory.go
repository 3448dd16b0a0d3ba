package assettest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/internal/conformance"
)

// TestInventoryStore checks an asset.InventoryStore: assets, goods
// receipts and expiry notices (group "store"), and asset.Inventory
// running on it (group "inventory"). Each check runs on a new store.
func TestInventoryStore(t *testing.T, newStore func(t *testing.T) asset.InventoryStore) {
	t.Helper()
	conformance.Run(t, newStore,
		conformance.Group[asset.InventoryStore]{Name: "store", Checks: inventoryStoreChecks},
		conformance.Group[asset.InventoryStore]{Name: "inventory", Checks: inventoryChecks},
	)
}

type inventoryCheck = conformance.Check[asset.InventoryStore]

var inventoryStoreChecks = []inventoryCheck{
	{Name: "create_then_get_returns_every_field", Run: invCreateGet},
	{Name: "create_with_taken_id_is_conflict_and_keeps_first", Run: invCreateConflict},
	{Name: "get_missing_is_not_found", Run: invGetMissing},
	{Name: "values_in_and_out_are_copies", Run: invCopies},
	{Name: "update_commits_what_fn_made", Run: invUpdateCommits},
	{Name: "update_with_failing_fn_stores_nothing", Run: invUpdateRollback},
	{Name: "update_missing_is_not_found_without_calling_fn", Run: invUpdateMissing},
	{Name: "update_cannot_change_id", Run: invUpdateID},
	{Name: "concurrent_updates_lose_nothing", Run: invUpdateConcurrent},
	{Name: "assets_filters_and_orders_by_id", Run: invFilter},
	{Name: "assets_loop_may_break_and_call_the_store", Run: invBreak},
	{Name: "cancelled_context_is_an_error", Run: invCancelled},
	{Name: "receipt_is_all_or_nothing", Run: invReceipt},
	{Name: "notice_is_recorded_once", Run: invNotice},
	{Name: "concurrent_notice_records_one_winner", Run: invNoticeConcurrent},
}

var inventoryChecks = []inventoryCheck{
	{Name: "receive_registers_before_delivery", Run: invReceive},
	{Name: "expiry_scan_notifies_once_per_lead", Run: invExpiryOnce},
	{Name: "extended_warranty_is_announced_again", Run: invExpiryExtended},
	{Name: "status_moves_forward_only", Run: invStatus},
	{Name: "register_again_with_same_content_is_a_retry", Run: invRegisterRetry},
	{Name: "fields_at_their_limits_round_trip_and_past_them_nothing_is_stored", Run: invLimits},
}

// full is an asset with every field set.
func full(id, customer string) asset.Asset {
	return asset.Asset{
		ID: id, CustomerID: customer, SiteID: "warendorf", Kind: asset.KindHardware,
		Name: "Firewall Warendorf", Model: "LANCOM 1900EF", Serial: "4004" + id,
		Attributes: []asset.Attribute{{Name: "Firmware", Value: "10.80"}, {Name: "WAN", Value: "VDSL 250"}, {Name: "Ports", Value: "4"}},
		Purchased:  d(2025, 1, 31),
		Warranty:   asset.Warranty{Start: d(2025, 2, 3), End: d(2028, 2, 3)},
		Licence:    asset.Licence{Seats: 25, Expires: d(2026, 12, 31)},
		Ownership:  asset.RentedFromProvider, ContractID: "rent-7", Status: asset.StatusInUse,
	}
}

func invCreateGet(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	bare := asset.Asset{ID: "bare", CustomerID: "c1", Kind: asset.KindService, Name: "Mailbox", Ownership: asset.OwnedByCustomer, Status: asset.StatusOrdered}
	for _, a := range []asset.Asset{full("a1", "c1"), bare} {
		require.NoError(t, s.CreateAsset(ctx, a))
		got, err := s.Asset(ctx, a.ID)
		require.NoError(t, err)
		diff(t, "stored asset", a, got)
	}
}

func invCreateConflict(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	first := full("a1", "c1")
	require.NoError(t, s.CreateAsset(ctx, first))
	second := full("a1", "c2")
	wantErr(t, "second create", s.CreateAsset(ctx, second), asset.ErrConflict)
	diff(t, "stored asset", first, mustGet[asset.Asset](t)(s.Asset(ctx, "a1")))
}

func invGetMissing(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	_, err := s.Asset(ctx, "nope")
	wantErr(t, "Asset", err, asset.ErrNotFound)
	_, err = s.Receipt(ctx, "nope")
	wantErr(t, "Receipt", err, asset.ErrNotFound)
}

func invCopies(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	in := full("a1", "c1")
	require.NoError(t, s.CreateAsset(ctx, in))
	in.Attributes[0].Value = "changed by caller after create"
	got := mustGet[asset.Asset](t)(s.Asset(ctx, "a1"))
	got.Attributes[1].Value = "changed by caller after get"
	for a, err := range s.Assets(ctx, asset.AssetFilter{}) {
		require.NoError(t, err)
		a.Attributes[2].Value = "changed by caller in loop"
	}
	diff(t, "stored asset", full("a1", "c1"), mustGet[asset.Asset](t)(s.Asset(ctx, "a1")))
}

func invUpdateCommits(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	require.NoError(t, s.CreateAsset(ctx, full("a1", "c1")))
	want := full("a1", "c1")
	want.Status = asset.StatusRetired
	want.Attributes = append(want.Attributes, asset.Attribute{Name: "Retired because", Value: "replaced"})
	got, err := s.UpdateAsset(ctx, "a1", func(a *asset.Asset) error {
		a.Status = asset.StatusRetired
		a.Attributes = append(a.Attributes, asset.Attribute{Name: "Retired because", Value: "replaced"})
		return nil
	})
	require.NoError(t, err)
	diff(t, "returned asset", want, got)
	diff(t, "stored asset", want, mustGet[asset.Asset](t)(s.Asset(ctx, "a1")))
}

func invUpdateRollback(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	require.NoError(t, s.CreateAsset(ctx, full("a1", "c1")))
	_, err := s.UpdateAsset(ctx, "a1", func(a *asset.Asset) error {
		a.Name = "half-done change"
		a.Attributes[0].Value = "half-done change"
		return errBoom
	})
	wantErr(t, "UpdateAsset", err, errBoom)
	diff(t, "stored asset", full("a1", "c1"), mustGet[asset.Asset](t)(s.Asset(ctx, "a1")))
}

func invUpdateMissing(t *testing.T, s asset.InventoryStore) {
	called := false
	_, err := s.UpdateAsset(context.Background(), "nope", func(*asset.Asset) error { called = true; return nil })
	wantErr(t, "UpdateAsset", err, asset.ErrNotFound)
	if called {
		t.Error("fn was called for a missing asset")
	}
}

func invUpdateID(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	require.NoError(t, s.CreateAsset(ctx, full("a1", "c1")))
	_, err := s.UpdateAsset(ctx, "a1", func(a *asset.Asset) error { a.ID = "a2"; return nil })
	var ve *asset.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("changing the ID: error %v, want *asset.ValidationError", err)
	}
	diff(t, "stored asset", full("a1", "c1"), mustGet[asset.Asset](t)(s.Asset(ctx, "a1")))
	_, err = s.Asset(ctx, "a2")
	wantErr(t, "Asset(a2)", err, asset.ErrNotFound)
}

// invUpdateConcurrent increments a counter attribute from several
// goroutines: every success must be counted, every failure a conflict.
func invUpdateConcurrent(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	a := full("a1", "c1")
	a.Attributes = []asset.Attribute{{Name: "n", Value: "0"}}
	require.NoError(t, s.CreateAsset(ctx, a))
	wins := wins(t, "concurrent update", race(200, func(int) error {
		_, err := s.UpdateAsset(ctx, "a1", func(a *asset.Asset) error {
			n, err := strconv.Atoi(a.Attributes[0].Value)
			if err != nil {
				return err
			}
			a.Attributes[0].Value = strconv.Itoa(n + 1)
			return nil
		})
		return err
	}))
	got := mustGet[asset.Asset](t)(s.Asset(ctx, "a1")).Attributes[0].Value
	if got != strconv.Itoa(wins) || wins == 0 {
		t.Errorf("counter is %s after %d successful increments", got, wins)
	}
}

// filterAssets are five assets whose dates and fields the filter table
// below selects by hand.
func filterAssets() []asset.Asset {
	mk := func(id, cust, site string, k asset.Kind, o asset.Ownership, st asset.Status, wEnd, lExp date.Date) asset.Asset {
		a := asset.Asset{ID: id, CustomerID: cust, SiteID: site, Kind: k, Name: id, Ownership: o, Status: st}
		if wEnd != date.Zero {
			a.Warranty = asset.Warranty{End: wEnd}
		}
		a.Licence.Expires = lExp
		return a
	}
	return []asset.Asset{
		mk("a4", "c2", "", asset.KindService, asset.OwnedByCustomer, asset.StatusRetired, 0, d(2026, 3, 20)),
		mk("a1", "c1", "s1", asset.KindHardware, asset.OwnedByCustomer, asset.StatusInUse, d(2026, 4, 1), 0),
		mk("a3", "c1", "s1", asset.KindHardware, asset.RentedFromProvider, asset.StatusDelivered, d(2026, 6, 30), d(2026, 4, 15)),
		mk("a5", "c2", "s9", asset.KindHardware, asset.RentedFromProvider, asset.StatusReceived, 0, 0),
		mk("a2", "c1", "s2", asset.KindSoftware, asset.OwnedByCustomer, asset.StatusInUse, 0, d(2026, 3, 31)),
	}
}

func invFilter(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	for _, a := range filterAssets() {
		require.NoError(t, s.CreateAsset(ctx, a))
	}
	for _, tc := range []struct {
		name string
		f    asset.AssetFilter
		want []string
	}{
		{"zero_filter_selects_all_in_id_order", asset.AssetFilter{}, []string{"a1", "a2", "a3", "a4", "a5"}},
		{"customer", asset.AssetFilter{CustomerID: "c1"}, []string{"a1", "a2", "a3"}},
		{"site", asset.AssetFilter{SiteID: "s1"}, []string{"a1", "a3"}},
		{"kind", asset.AssetFilter{Kind: asset.KindHardware}, []string{"a1", "a3", "a5"}},
		{"rented_is_provider_risk", asset.AssetFilter{Ownership: asset.RentedFromProvider}, []string{"a3", "a5"}},
		{"status", asset.AssetFilter{Status: asset.StatusInUse}, []string{"a1", "a2"}},
		{"exclude_retired", asset.AssetFilter{ExcludeRetired: true}, []string{"a1", "a2", "a3", "a5"}},
		{"customer_and_ownership", asset.AssetFilter{CustomerID: "c2", Ownership: asset.RentedFromProvider}, []string{"a5"}},
		{"expiring_bounds_are_inclusive", asset.AssetFilter{ExpiringFrom: d(2026, 3, 20), ExpiringUntil: d(2026, 4, 1)}, []string{"a1", "a2", "a4"}},
		{"expiring_one_day_inside_each_bound", asset.AssetFilter{ExpiringFrom: d(2026, 3, 21), ExpiringUntil: d(2026, 3, 31)}, []string{"a2"}},
		{"expiring_by_licence_when_warranty_is_later", asset.AssetFilter{ExpiringFrom: d(2026, 4, 2), ExpiringUntil: d(2026, 4, 15)}, []string{"a3"}},
		{"expiring_without_retired", asset.AssetFilter{ExcludeRetired: true, ExpiringFrom: d(2026, 3, 20), ExpiringUntil: d(2026, 4, 1)}, []string{"a1", "a2"}},
		{"expiring_from_zero_is_open_below_and_skips_missing_dates", asset.AssetFilter{ExpiringUntil: d(2026, 12, 31)}, []string{"a1", "a2", "a3", "a4"}},
		{"expiring_window_with_nothing", asset.AssetFilter{ExpiringFrom: d(2026, 7, 1), ExpiringUntil: d(2026, 9, 30)}, nil},
	} {
		var got []string
		for _, a := range collect(t, s.Assets(ctx, tc.f)) {
			got = append(got, a.ID)
		}
		diff(t, tc.name, tc.want, got)
	}
}

func invBreak(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	for _, a := range filterAssets() {
		require.NoError(t, s.CreateAsset(ctx, a))
	}
	for a, err := range s.Assets(ctx, asset.AssetFilter{}) {
		require.NoError(t, err)
		// The store must not hold a lock a write needs while yielding.
		_, err = s.UpdateAsset(ctx, a.ID, func(a *asset.Asset) error { a.Serial = "seen"; return nil })
		require.NoError(t, err)
		require.NoError(t, s.CreateAsset(ctx, full("new", "c1")))
		break
	}
	if got := mustGet[asset.Asset](t)(s.Asset(ctx, "a1")).Serial; got != "seen" {
		t.Errorf("serial %q after update inside the loop", got)
	}
}

func invCancelled(t *testing.T, s asset.InventoryStore) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	wantErr(t, "CreateAsset", s.CreateAsset(ctx, full("a1", "c1")), context.Canceled)
	_, err := s.Asset(ctx, "a1")
	wantErr(t, "Asset", err, context.Canceled)
	for _, err := range s.Assets(ctx, asset.AssetFilter{}) {
		wantErr(t, "Assets", err, context.Canceled)
	}
	_, err = s.Asset(context.Background(), "a1")
	wantErr(t, "Asset after cancelled create", err, asset.ErrNotFound)
}

func receipt(id string, assetIDs ...string) asset.Receipt {
	r := asset.Receipt{
		ID: id, CustomerID: "c1", SiteID: "warendorf", Supplier: "Wortmann AG", DeliveryNote: "LS-" + id,
		ReceivedAt: t0, ReceivedBy: "mw-schulte",
		Lines: []asset.ReceiptLine{{Description: "TERRA PC-Business 7000", Quantity: len(assetIDs)}, {Description: "Patchkabel Cat6 2 m", Quantity: 10}},
	}
	for _, aid := range assetIDs {
		a := full(aid, "c1")
		a.Status, a.Ownership = asset.StatusReceived, asset.OwnedByCustomer
		r.Assets = append(r.Assets, a)
	}
	return r
}

func invReceipt(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	r := receipt("WE-1", "pc-1", "pc-2")
	require.NoError(t, s.AddReceipt(ctx, r))
	diff(t, "stored receipt", r, mustGet[asset.Receipt](t)(s.Receipt(ctx, "WE-1")))
	diff(t, "asset of receipt", r.Assets[1], mustGet[asset.Asset](t)(s.Asset(ctx, "pc-2")))

	wantErr(t, "same receipt again", s.AddReceipt(ctx, receipt("WE-1", "pc-9")), asset.ErrConflict)
	wantErr(t, "receipt with a taken asset", s.AddReceipt(ctx, receipt("WE-2", "pc-3", "pc-1")), asset.ErrConflict)
	for _, id := range []string{"pc-9", "pc-3"} {
		_, err := s.Asset(ctx, id)
		wantErr(t, "asset "+id+" of a refused receipt", err, asset.ErrNotFound)
	}
	_, err := s.Receipt(ctx, "WE-2")
	wantErr(t, "refused receipt", err, asset.ErrNotFound)
	diff(t, "first receipt after refusals", r, mustGet[asset.Receipt](t)(s.Receipt(ctx, "WE-1")))
}

func invNotice(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	k := asset.NoticeKey{AssetID: "a1", Subject: asset.SubjectWarranty, Expires: d(2026, 4, 30), LeadDays: 90}
	others := []asset.NoticeKey{
		{AssetID: "a2", Subject: asset.SubjectWarranty, Expires: d(2026, 4, 30), LeadDays: 90},
		{AssetID: "a1", Subject: asset.SubjectLicence, Expires: d(2026, 4, 30), LeadDays: 90},
		{AssetID: "a1", Subject: asset.SubjectWarranty, Expires: d(2027, 4, 30), LeadDays: 90},
		{AssetID: "a1", Subject: asset.SubjectWarranty, Expires: d(2026, 4, 30), LeadDays: 30},
	}
	if got := mustGet[bool](t)(s.Notified(ctx, k)); got {
		t.Error("Notified before RecordNotice")
	}
	require.NoError(t, s.RecordNotice(ctx, k, t0))
	wantErr(t, "second RecordNotice", s.RecordNotice(ctx, k, t0.Add(time.Hour)), asset.ErrConflict)
	if got := mustGet[bool](t)(s.Notified(ctx, k)); !got {
		t.Error("not Notified after RecordNotice")
	}
	for _, o := range others {
		if got := mustGet[bool](t)(s.Notified(ctx, o)); got {
			t.Errorf("%+v counts as notified after recording %+v", o, k)
		}
	}
}

func invNoticeConcurrent(t *testing.T, s asset.InventoryStore) {
	k := asset.NoticeKey{AssetID: "a1", Subject: asset.SubjectLicence, Expires: d(2026, 4, 30), LeadDays: 30}
	wins := wins(t, "concurrent RecordNotice", race(8, func(int) error {
		return s.RecordNotice(context.Background(), k, t0)
	}))
	if wins != 1 {
		t.Errorf("%d concurrent RecordNotice calls succeeded, want 1", wins)
	}
}

func newInventory(t *testing.T, s asset.InventoryStore, cfg asset.InventoryConfig) *asset.Inventory {
	inv, err := asset.NewInventory(s, cfg)
	require.NoError(t, err)
	return inv
}

func invReceive(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	inv := newInventory(t, s, asset.InventoryConfig{})
	r := receipt("WE-7", "fw-1")
	r.Assets[0].CustomerID, r.Assets[0].SiteID, r.Assets[0].Status = "", "", ""
	ev, err := inv.Receive(ctx, r)
	require.NoError(t, err)
	diff(t, "pick-and-pack event", asset.PickAndPack{
		ReceiptID: "WE-7", CustomerID: "c1", SiteID: "warendorf", Supplier: "Wortmann AG", ReceivedAt: t0,
		Lines: r.Lines, AssetIDs: []string{"fw-1"},
	}, ev)
	got := mustGet[asset.Asset](t)(inv.Asset(ctx, "fw-1"))
	if got.CustomerID != "c1" || got.SiteID != "warendorf" || got.Status != asset.StatusReceived {
		t.Errorf("received asset is %s/%s/%s, want c1/warendorf/received", got.CustomerID, got.SiteID, got.Status)
	}
	_, err = inv.Receive(ctx, r)
	wantErr(t, "receiving again", err, asset.ErrConflict)
	stored := mustGet[asset.Receipt](t)(inv.Receipt(ctx, "WE-7"))
	diff(t, "event rebuilt from the stored receipt", ev, stored.PickAndPack())
}

type sent struct {
	Day    date.Date
	Notice asset.Notice
}

// invExpiryOnce runs the scan every day for four months, marking what it
// yields, and checks each notice came exactly once, on the day worked out
// by hand.
func invExpiryOnce(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	inv := newInventory(t, s, asset.InventoryConfig{})
	mk := func(id string, o asset.Ownership, st asset.Status, wEnd, lExp date.Date) {
		a := asset.Asset{ID: id, CustomerID: "c1", SiteID: "s1", Kind: asset.KindHardware, Name: id, Ownership: o, Status: st,
			Licence: asset.Licence{Expires: lExp}}
		if wEnd != date.Zero {
			a.Warranty.End = wEnd
		}
		require.NoError(t, inv.Register(ctx, a))
	}
	mk("w1", asset.OwnedByCustomer, asset.StatusInUse, d(2026, 4, 30), 0)
	mk("r1", asset.RentedFromProvider, asset.StatusInUse, d(2026, 3, 20), d(2027, 1, 1))
	mk("l1", asset.OwnedByCustomer, asset.StatusInUse, 0, d(2026, 6, 15))
	mk("old", asset.OwnedByCustomer, asset.StatusInUse, d(2026, 2, 1), 0)
	mk("ret", asset.OwnedByCustomer, asset.StatusRetired, d(2026, 3, 10), 0)

	var rented []string
	for _, a := range collect(t, inv.Assets(ctx, asset.AssetFilter{Ownership: asset.RentedFromProvider})) {
		rented = append(rented, a.ID)
	}
	diff(t, "assets whose warranty risk the provider bears", []string{"r1"}, rented)

	// A crashed run (nothing marked) is repeated in full next time.
	first := collect(t, inv.Expiring(ctx, d(2026, 3, 2)))
	again := collect(t, inv.Expiring(ctx, d(2026, 3, 2)))
	diff(t, "unmarked notices on a second run", first, again)

	var got []sent
	for day := d(2026, 3, 2); day <= d(2026, 7, 1); day++ {
		for n, err := range inv.Expiring(ctx, day) {
			require.NoError(t, err)
			got = append(got, sent{day, n})
			require.NoError(t, inv.MarkNotified(ctx, n, day.MidnightUTC().Add(8*time.Hour)))
			require.NoError(t, inv.MarkNotified(ctx, n, day.MidnightUTC().Add(9*time.Hour))) // marking twice is fine
		}
	}
	notice := func(id string, sub asset.Subject, exp date.Date, lead, left int, o asset.Ownership, p asset.Party) asset.Notice {
		return asset.Notice{AssetID: id, CustomerID: "c1", SiteID: "s1", Subject: sub, Expires: exp, LeadDays: lead, DaysLeft: left, Ownership: o, Responsible: p}
	}
	want := []sent{
		{d(2026, 3, 2), notice("r1", asset.SubjectWarranty, d(2026, 3, 20), 30, 18, asset.RentedFromProvider, asset.PartyProvider)},
		{d(2026, 3, 2), notice("w1", asset.SubjectWarranty, d(2026, 4, 30), 90, 59, asset.OwnedByCustomer, asset.PartyCustomer)},
		{d(2026, 3, 17), notice("l1", asset.SubjectLicence, d(2026, 6, 15), 90, 90, asset.OwnedByCustomer, asset.PartyCustomer)},
		{d(2026, 3, 31), notice("w1", asset.SubjectWarranty, d(2026, 4, 30), 30, 30, asset.OwnedByCustomer, asset.PartyCustomer)},
		{d(2026, 5, 16), notice("l1", asset.SubjectLicence, d(2026, 6, 15), 30, 30, asset.OwnedByCustomer, asset.PartyCustomer)},
	}
	diff(t, "notices sent over four months", want, got)
	diff(t, "first run", []asset.Notice{want[0].Notice, want[1].Notice}, first)
}

func invExpiryExtended(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	inv := newInventory(t, s, asset.InventoryConfig{Expiry: asset.ExpiryPolicy{LeadDays: []int{60}}})
	require.NoError(t, inv.Register(ctx, asset.Asset{ID: "w1", CustomerID: "c1", Kind: asset.KindHardware, Name: "Server",
		Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse, Warranty: asset.Warranty{End: d(2026, 4, 30)}}))
	for n, err := range inv.Expiring(ctx, d(2026, 3, 2)) {
		require.NoError(t, err)
		require.NoError(t, inv.MarkNotified(ctx, n, t0))
	}
	if got := collect(t, inv.Expiring(ctx, d(2026, 3, 3))); len(got) != 0 {
		t.Errorf("marked notice came again: %+v", got)
	}
	_, err := inv.Update(ctx, "w1", func(a *asset.Asset) error { a.Warranty.End = d(2027, 4, 29); return nil })
	require.NoError(t, err)
	got := collect(t, inv.Expiring(ctx, d(2027, 3, 1)))
	want := []asset.Notice{{AssetID: "w1", CustomerID: "c1", Subject: asset.SubjectWarranty, Expires: d(2027, 4, 29), LeadDays: 60, DaysLeft: 59,
		Ownership: asset.OwnedByCustomer, Responsible: asset.PartyCustomer}}
	diff(t, "notice for the extended warranty", want, got)
}

func invStatus(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	inv := newInventory(t, s, asset.InventoryConfig{})
	a := full("a1", "c1")
	a.Status = asset.StatusReceived
	require.NoError(t, inv.Register(ctx, a))
	steps := []struct {
		to asset.Status
		ok bool
	}{
		{asset.StatusDelivered, true},
		{asset.StatusReceived, false},
		{asset.StatusDelivered, true},
		{asset.StatusRetired, true},
		{asset.StatusInUse, false},
		{"lost", false},
	}
	for i, st := range steps {
		_, err := inv.SetStatus(ctx, "a1", st.to)
		if (err == nil) != st.ok {
			t.Errorf("step %d to %q: error %v, want ok=%v", i, st.to, err, st.ok)
		}
		if err != nil {
			wantErr(t, fmt.Sprintf("step %d", i), err, asset.ErrInvalid)
		}
	}
	if got := mustGet[asset.Asset](t)(inv.Asset(ctx, "a1")).Status; got != asset.StatusRetired {
		t.Errorf("status %q, want retired", got)
	}
	_, err := inv.Update(ctx, "a1", func(a *asset.Asset) error { a.CustomerID = "c2"; return nil })
	wantErr(t, "moving to another customer", err, asset.ErrInvalid)
}

// A host that lost Register's answer calls it again: the same content is
// a retry that stores nothing new; other content under the ID, or the
// original content after the stored asset moved on, is a conflict that
// shows both versions.
func invRegisterRetry(t *testing.T, s asset.InventoryStore) {
	ctx := context.Background()
	inv, err := asset.NewInventory(s, asset.InventoryConfig{})
	require.NoError(t, err)
	first := full("r1", "c1")
	require.NoError(t, inv.Register(ctx, first))
	require.NoError(t, inv.Register(ctx, first), "the same registration again")
	noAttrs := full("r2", "c1")
	noAttrs.Attributes = nil
	require.NoError(t, inv.Register(ctx, noAttrs))
	require.NoError(t, inv.Register(ctx, noAttrs), "the same registration without technical data again")

	other := full("r1", "c1")
	other.Serial = "another serial"
	err = inv.Register(ctx, other)
	var conflict *asset.RegisterConflictError
	if !errors.As(err, &conflict) || !errors.Is(err, asset.ErrConflict) {
		t.Fatalf("other content under a taken ID: error %v, want a *RegisterConflictError matching ErrConflict", err)
	}
	diff(t, "conflict's stored version", first, conflict.Existing)
	diff(t, "conflict's requested version", other, conflict.Requested)
	diff(t, "stored asset after the conflict", first, mustGet[asset.Asset](t)(s.Asset(ctx, "r1")))

	_, err = inv.Update(ctx, "r1", func(a *asset.Asset) error { a.Status = asset.StatusRetired; return nil })
	require.NoError(t, err)
	wantErr(t, "the first registration after the asset moved on", inv.Register(ctx, first), asset.ErrConflict)
}
