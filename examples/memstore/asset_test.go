package memstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/asset/assettest"
	"github.com/deskcore/deskcore/examples/aesgcm"
	"github.com/deskcore/deskcore/examples/memstore"
)

func TestAssetStore(t *testing.T) {
	assettest.TestStore(t, func(t *testing.T) asset.Store { return memstore.NewAssetStore() })
}

// The inventory on the in-memory store: a goods receipt registers a rented
// firewall before delivery, and the daily expiry scan announces its
// warranty once per lead time.
func ExampleAssetStore_inventory() {
	ctx := context.Background()
	inv, err := asset.NewInventory(memstore.NewAssetStore(), asset.InventoryConfig{Expiry: asset.ExpiryPolicy{LeadDays: []int{90, 30}}})
	if err != nil {
		panic(err)
	}
	ev, err := inv.Receive(ctx, asset.Receipt{
		ID: "WE-2026-0042", CustomerID: "c1", SiteID: "warendorf", Supplier: "LANCOM Systems",
		ReceivedAt: time.Date(2026, 1, 12, 10, 0, 0, 0, time.UTC), ReceivedBy: "mw-schulte",
		Lines: []asset.ReceiptLine{{Description: "LANCOM 1900EF", Quantity: 1}},
		Assets: []asset.Asset{{ID: "fw-1", Kind: asset.KindHardware, Model: "LANCOM 1900EF", Ownership: asset.RentedFromProvider,
			Warranty: asset.Warranty{Start: date.New(2023, 4, 30), End: date.New(2026, 4, 30)}}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("pick and pack:", ev.ReceiptID, ev.AssetIDs)

	for _, day := range []date.Date{date.New(2026, 3, 2), date.New(2026, 3, 3), date.New(2026, 3, 31)} {
		for n, err := range inv.Expiring(ctx, day) {
			if err != nil {
				panic(err)
			}
			fmt.Printf("%s: %s %s ends %s, %d-day notice, for the %s\n", day, n.AssetID, n.Subject, n.Expires, n.LeadDays, n.Responsible)
			if err := inv.MarkNotified(ctx, n, day.MidnightUTC()); err != nil {
				panic(err)
			}
		}
	}
	// Output:
	// pick and pack: WE-2026-0042 [fw-1]
	// 2026-03-02: fw-1 warranty ends 2026-04-30, 90-day notice, for the provider
	// 2026-03-31: fw-1 warranty ends 2026-04-30, 30-day notice, for the provider
}

// The vault on the in-memory store: a technician records a credential, a
// customer contact asks to see it, the service team approves for an hour,
// the contact reveals it, and a reveal after the hour is refused. The
// access log shows all of it.
func ExampleAssetStore_vault() {
	ctx := context.Background()
	key := make([]byte, 32) // a host loads its key; all zeros only in an example
	sealer, _ := aesgcm.New(aesgcm.Config{Current: aesgcm.Key{ID: "2026", Bytes: key}})
	vault, _ := asset.NewVault(memstore.NewAssetStore(), sealer, asset.VaultConfig{})

	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	admin := asset.Actor{ID: "bruns", Kind: asset.ActorStaff, Roles: []string{"credential-admin"}}
	tech := asset.Actor{ID: "meier", Kind: asset.ActorStaff, Roles: []string{"technician"}}
	contact := asset.Actor{ID: "huber", Kind: asset.ActorContact, CustomerID: "c1"}
	at := func(a asset.Actor, min int, why string) asset.Audit {
		return asset.Audit{Actor: a, At: t0.Add(time.Duration(min) * time.Minute), Reason: why}
	}

	check := func(_ any, err error) {
		if err != nil {
			panic(err)
		}
	}
	check(vault.Grant(ctx, at(admin, 0, "service team"), asset.Grant{ID: "g1", CustomerID: "c1", Role: "technician"}))
	secret, _ := asset.NewSecret("Fw!secret-2026")
	check(vault.Create(ctx, at(tech, 1, "ticket 4711: firewall set up"),
		asset.Credential{ID: "fw", CustomerID: "c1", Name: "Firewall admin", Username: "root"}, secret))
	secret.Wipe()
	check(vault.RequestAccess(ctx, at(contact, 10, "our IT opens a port"), "r1", "fw"))
	check(vault.Approve(ctx, at(tech, 15, "called back, confirmed"), "r1", t0.Add(75*time.Minute)))

	shown, err := vault.Reveal(ctx, at(contact, 20, "opening port 8443"), "fw")
	fmt.Println(string(shown.Plaintext()), err)
	shown.Wipe()
	_, err = vault.Reveal(ctx, at(contact, 80, "once more"), "fw")
	fmt.Println(err)

	for e, err := range vault.Log(ctx, asset.LogFilter{CredentialID: "fw"}) {
		if err != nil {
			panic(err)
		}
		fmt.Printf("%d %s %-6s %-7s v%d denied=%-5v %s (%s)\n", e.Seq, e.At.Format("15:04"), e.ActorID, e.Action, e.Version, e.Denied, e.Cause, e.Reason)
	}
	// Output:
	// Fw!secret-2026 <nil>
	// asset: access denied: huber may not reveal credential "fw": the approval has expired
	// 2 09:01 meier  create  v1 denied=false  (ticket 4711: firewall set up)
	// 3 09:10 huber  request v0 denied=false  (our IT opens a port)
	// 4 09:15 meier  approve v0 denied=false  (called back, confirmed)
	// 5 09:20 huber  reveal  v1 denied=false  (opening port 8443)
	// 6 10:20 huber  reveal  v1 denied=true  approval-expired (once more)
}

// BenchmarkAssetStoreExpiring is the expiry scan over 1,000,000 assets in
// the AssetStore; the figures are in the asset package's doc.
func BenchmarkAssetStoreExpiring(b *testing.B) {
	assettest.BenchmarkExpiring(b, func(*testing.B) asset.InventoryStore { return memstore.NewAssetStore() }, 1_000_000)
}
