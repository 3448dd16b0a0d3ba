package month

import (
	"context"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
)

// assets documents the customer's firewall and server with their
// warranties and runs the expiry scan at the end of June: the firewall's
// warranty runs out within 30 days.
func (p *provider) assets(ctx context.Context, c *Customer) error {
	inv, err := asset.NewInventory(p.db.Assets(), asset.InventoryConfig{Expiry: asset.ExpiryPolicy{LeadDays: []int{90, 30}}})
	if err != nil {
		return err
	}
	for _, a := range []asset.Asset{
		{ID: "fw-wdf", CustomerID: c.ID, Kind: asset.KindHardware, Name: "Firewall Warendorf", Model: "LANCOM 1900EF",
			Serial: "4003421", Purchased: date.New(2023, time.July, 21), Warranty: asset.Warranty{End: day(time.July, 20)},
			Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse},
		{ID: "srv-dc01", CustomerID: c.ID, Kind: asset.KindHardware, Name: "Server DC01", Model: "TERRA Server 3030",
			Serial: "TS-99812", Purchased: day(time.March, 2), Warranty: asset.Warranty{End: date.New(2031, time.March, 2)},
			Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse},
	} {
		if err := inv.Register(ctx, a); err != nil {
			return err
		}
	}
	p.section("Expiring warranties, scanned on 2026-06-30")
	for n, err := range inv.Expiring(ctx, day(time.June, 30)) {
		if err != nil {
			return err
		}
		a, err := inv.Asset(ctx, n.AssetID)
		if err != nil {
			return err
		}
		p.printf("%s (%s): %s ends %s, in %d days", a.Name, a.Model, n.Subject, n.Expires, n.DaysLeft)
		p.printf("  %d-day notice, for the %s", n.LeadDays, n.Responsible)
	}
	return nil
}
