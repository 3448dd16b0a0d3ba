package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/quickstart/month"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/ticket"
)

// demo is the portal's demo world: the quickstart's month of Möbel Kruse,
// and what the portal adds for a customer's eyes: stored credentials with
// a grant for the service team, a second customer to try the walls
// between customers with, and one piece of July's work waiting for the
// back office's release.
type demo struct {
	world *month.World
	users *demoDirectory
}

// adminActor is the credential administrator who stores the demo's
// credentials and grants the service team access.
var adminActor = asset.Actor{ID: "admin", Kind: asset.ActorStaff, Roles: []string{"credential-admin"}}

// seedDemo plays the month on db, which must be empty (its story goes to
// story), and adds the portal's demo data.
func seedDemo(ctx context.Context, db *sqlstore.DB, vault *asset.Vault, story io.Writer) (*demo, error) {
	w, err := month.Play(ctx, db, story)
	if err != nil {
		return nil, err
	}
	d := &demo{world: w, users: newDemoDirectory(w.Customer.Contacts, w.Customer.Notify)}
	return d, d.addPortalData(ctx, db, vault)
}

// at is an instant on the provider's clock in 2026.
func (d *demo) at(m time.Month, day, hour int) time.Time {
	return time.Date(2026, m, day, hour, 0, 0, 0, d.world.Hotline.Location())
}

func (d *demo) addPortalData(ctx context.Context, db *sqlstore.DB, vault *asset.Vault) error {
	admin := asset.Audit{Actor: adminActor, At: d.at(time.July, 1, 9), Reason: "portal onboarding"}

	// Autohaus Hansen: a second customer, with a ticket, an asset and a
	// credential of its own.
	if err := db.Billing().PutContract(ctx, billing.Contract{CustomerID: "hansen", Type: billing.ContractNone,
		ReportRecipient: "buchhaltung@hansen.example", Rates: billing.RateCard{{From: date.New(2026, time.January, 1),
			Hourly: decimal.RequireFromString("95.00"), VATRate: decimal.RequireFromString("19")}}}); err != nil {
		return err
	}
	lars, _ := d.users.User(ctx, "lars")
	desk, err := ticket.NewDesk(db.Tickets(), d.users, ticket.Config{})
	if err != nil {
		return err
	}
	if _, err := desk.Report(ctx, lars.Contact, ticket.Draft{Kind: ticket.Incident, Subject: "Werkstattdrucker offline",
		Description: "Der Drucker in der Werkstatt ist nicht erreichbar.", Received: d.at(time.July, 2, 10)}); err != nil {
		return err
	}
	inv, err := asset.NewInventory(db.Assets(), asset.InventoryConfig{})
	if err != nil {
		return err
	}
	if err := inv.Register(ctx, asset.Asset{ID: "hansen-fw", CustomerID: "hansen", Kind: asset.KindHardware,
		Name: "Firewall Autohaus", Model: "Sophos XGS 107", Serial: "X1070042", Purchased: date.New(2024, time.May, 2),
		Warranty: asset.Warranty{End: date.New(2027, time.May, 1)}, Ownership: asset.OwnedByCustomer,
		Status: asset.StatusInUse}); err != nil {
		return err
	}
	// A licence of Möbel Kruse's, to show a licence's expiry beside the
	// warranties.
	if err := inv.Register(ctx, asset.Asset{ID: "m365", CustomerID: "kruse", Kind: asset.KindLicence,
		Name: "Microsoft 365 Business Standard", Licence: asset.Licence{Seats: 12, Expires: date.New(2027, time.January, 31)},
		Ownership: asset.OwnedByCustomer, Status: asset.StatusInUse}); err != nil {
		return err
	}

	// The service team may reach every credential of both customers;
	// contacts only through an approved request.
	for i, customer := range []string{"kruse", "hansen"} {
		if _, err := vault.Grant(ctx, admin, asset.Grant{ID: fmt.Sprintf("G-%d", i+1), CustomerID: customer, Role: "service"}); err != nil {
			return err
		}
		if _, err := vault.Grant(ctx, admin, asset.Grant{ID: fmt.Sprintf("G-admin-%d", i+1), CustomerID: customer, ActorID: adminActor.ID}); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		cred   asset.Credential
		secret string
	}{
		{asset.Credential{ID: "C-fw-wdf", CustomerID: "kruse", AssetID: "fw-wdf", Name: "Firewall Warendorf admin",
			Username: "root", URL: "https://192.0.2.1"}, "Lancom-Wdf-2026!"},
		{asset.Credential{ID: "C-datev", CustomerID: "kruse", Name: "DATEV portal", Username: "kruse-buchhaltung",
			URL: "https://datev.example"}, "Belege#Juli26"},
		{asset.Credential{ID: "C-hansen-fw", CustomerID: "hansen", AssetID: "hansen-fw", Name: "Firewall Autohaus admin",
			Username: "admin"}, "Hansen-XGS-77"},
	} {
		s, err := asset.NewSecret(c.secret)
		if err != nil {
			return err
		}
		_, err = vault.Create(ctx, admin, c.cred, s)
		s.Wipe()
		if err != nil {
			return err
		}
	}

	// July's first work for Möbel Kruse, recorded by the technician and
	// waiting for the back office: releasing it in the staff view moves
	// it onto the contract page.
	biller, err := billing.NewBiller(db.Billing(), db.Quota(), billing.BillerConfig{})
	if err != nil {
		return err
	}
	_, err = biller.Record(ctx, billing.WorkEntry{ID: "W-6", CustomerID: "kruse", TicketID: fmt.Sprint("T-", d.world.Incident),
		Technician: "max", Date: date.New(2026, time.July, 2), Duration: 45 * time.Minute,
		Activity: billing.ActivityAdministration, Description: "Warenwirtschaft: Lizenzdienst überwacht, Dienst-Neustart eingerichtet"})
	return err
}
