package month

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/ticket"
)

// Customer is what the host knows of a customer after onboarding: the
// library sees only its ID and the answers it needs, through
// ticket.Directory and billing.Contract.
type Customer struct {
	ID       string
	Name     string
	Branches map[string]string // branch ID to name, besides head office
	Contacts []ticket.Contact
	Notify   ticket.Recipients // who is told about new tickets and status changes
	Reports  string            // who receives service reports
	Quota    string            // the quota contract's ID
}

// ContactByEmail finds the contact writing from address, for the desk.
func (c *Customer) ContactByEmail(_ context.Context, address string) (ticket.Contact, error) {
	for _, k := range c.Contacts {
		if strings.EqualFold(k.Email, address) {
			return k, nil
		}
	}
	return ticket.Contact{}, fmt.Errorf("%s: %w", address, ticket.ErrNotFound)
}

// Recipients returns who wants mail about tickets, for the desk.
func (c *Customer) Recipients(_ context.Context, customerID string) (ticket.Recipients, error) {
	if customerID != c.ID {
		return ticket.Recipients{}, fmt.Errorf("customer %s: %w", customerID, ticket.ErrNotFound)
	}
	return c.Notify, nil
}

// onboard takes on Möbel Kruse GmbH: head office in Warendorf, branches in
// Rheda-Wiedenbrück and Siegen, billed centrally; a quota (Kontingent) of
// 10 hours a month for 950.00 with unused hours carried over.
func (p *provider) onboard(ctx context.Context) (*Customer, error) {
	c := &Customer{
		ID: "kruse", Name: "Möbel Kruse GmbH",
		Branches: map[string]string{"rheda": "Rheda-Wiedenbrück", "siegen": "Siegen"},
		Contacts: []ticket.Contact{
			{ID: "anna", CustomerID: "kruse", Email: "anna.kruse@kruse.example", Level: ticket.LevelExtended},
			{ID: "tom", CustomerID: "kruse", Email: "tom.lage@kruse.example", Level: ticket.LevelReport},
		},
		Notify: ticket.Recipients{
			NewTickets:    []string{"it@kruse.example"},
			StatusChanges: []string{"anna.kruse@kruse.example"},
		},
		Reports: "buchhaltung@kruse.example",
		Quota:   "K-2026-017",
	}
	rates := billing.RateCard{{
		From: day(time.January, 1), Hourly: eur("95.00"), VATRate: eur("19"),
		Travel: []billing.TravelZone{{Zone: "Z2", Charge: eur("45.00")}},
	}}
	err := p.db.Billing().PutContract(ctx, billing.Contract{
		CustomerID: c.ID, Type: billing.ContractQuota, QuotaContractID: c.Quota,
		Invoicing: billing.Central, ReportRecipient: c.Reports, Rates: rates,
	})
	if err != nil {
		return nil, err
	}
	_, err = p.ledger.Open(ctx, quota.Contract{
		ID: c.Quota, CustomerID: c.ID, Start: day(time.June, 1),
		Terms: []quota.Terms{{
			From: quota.MustParsePeriod("2026-06"), Hours: 10 * time.Hour,
			Price: eur("950.00"), OverageRate: eur("95.00"),
			Rollover: quota.FullRollover(), Overdraft: quota.UnlimitedOverdraft(),
		}},
	})
	if err != nil {
		return nil, err
	}

	p.section("Onboarding")
	p.printf("%s, head office Warendorf; branches %s and %s; invoiced centrally", c.Name,
		c.Branches["rheda"], c.Branches["siegen"])
	p.printf("service reports to %s", c.Reports)
	p.printf("new tickets reported to %s, status changes to %s",
		strings.Join(c.Notify.NewTickets, ", "), strings.Join(c.Notify.StatusChanges, ", "))
	for _, k := range c.Contacts {
		p.printf("portal login %-4s %-26s level %s", k.ID, k.Email, k.Level)
	}
	p.printf("quota %s from 2026-06: 10h a month for €950.00, overage €95.00/h, unused hours roll over", c.Quota)
	return c, nil
}
