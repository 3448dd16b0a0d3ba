package month

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
	"github.com/deskcore/deskcore/sla"
	"github.com/deskcore/deskcore/ticket"
)

// World is what the month leaves behind for a program that goes on with
// it, such as the portal: the customer as the host knows it, the hotline
// calendar, the desk, the service agreement and the month's tickets.
type World struct {
	// Customer is Möbel Kruse GmbH with its contacts and quota contract.
	Customer *Customer
	// Hotline is the provider's calendar: Mon-Fri 09:00-18:00,
	// Europe/Berlin, on the holidays of Nordrhein-Westfalen.
	Hotline *sla.Calendar
	// Desk is the ticket desk on the database's ticket store.
	Desk *ticket.Desk
	// Agreements are the cooperation agreement's response and resolution
	// targets by priority.
	Agreements ticket.Agreements
	// Incident, Alert and Maintenance are the month's e-mailed incident,
	// monitoring alert and scheduled backup check.
	Incident, Alert, Maintenance ticket.Number
	// Billed is what June's billing run did for each customer: the
	// service reports and invoice drafts, for a host that sends them on
	// (the quickstart writes them as e-invoices).
	Billed []billing.RunResult
}

// provider is the service provider's world for the month: its database,
// its hotline calendar and where the story is printed.
type provider struct {
	db         *sqlstore.DB
	ledger     *quota.Ledger // the quota ledger on db
	hotline    *sla.Calendar // Mon-Fri 09:00-18:00, Europe/Berlin, NW holidays
	out        io.Writer
	agreements ticket.Agreements
	billed     []billing.RunResult // June's billing run
	docs       *documents          // the customer's documents, and the story's amounts
}

// Play plays the month on db, which must be empty (tickets and complaints
// are numbered from one), and writes the story to out. All dates are fixed
// in 2026, so the story and the data are the same on every run.
func Play(ctx context.Context, db *sqlstore.DB, out io.Writer) (*World, error) {
	return PlayWithDocuments(ctx, db, out, "")
}

// PlayWithDocuments is Play that also writes the documents the customer
// receives, in German, into the directory dir (made if missing): the
// service report as PDF and HTML, the quota statement as PDF and HTML,
// every dunning notice, the dispute's acknowledgement and the complaint's
// acknowledgement and outcome report as PDF. An empty dir
// writes none.
func PlayWithDocuments(ctx context.Context, db *sqlstore.DB, out io.Writer, dir string) (*World, error) {
	// The hotline in Warendorf: Mon-Fri 09:00-18:00 on the
	// holidays of Nordrhein-Westfalen (Fronleichnam, 4 June 2026, too).
	hotline, err := sla.NewCalendar(sla.Config{
		Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-18:00"), Holidays: de.HolidaysNW,
	})
	if err != nil {
		return nil, err
	}
	ledger, err := quota.NewLedger(db.Quota(), quota.Config{})
	if err != nil {
		return nil, err
	}
	p := &provider{db: db, ledger: ledger, hotline: hotline, out: out}
	if p.agreements, err = agreements(hotline); err != nil {
		return nil, err
	}

	c, err := p.onboard(ctx)
	if err != nil {
		return nil, fmt.Errorf("onboarding: %w", err)
	}
	if p.docs, err = newDocuments(dir, c, hotline.Location()); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	tk, err := p.tickets(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("tickets: %w", err)
	}
	inv, err := p.work(ctx, c, tk)
	if err != nil {
		return nil, fmt.Errorf("work: %w", err)
	}
	if err := p.ticketStats(ctx, c, tk.desk); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	if err := p.dunning(ctx, c, inv); err != nil {
		return nil, fmt.Errorf("dunning: %w", err)
	}
	if err := p.complaint(ctx, c, tk); err != nil {
		return nil, fmt.Errorf("complaint: %w", err)
	}
	if err := p.assets(ctx, c); err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	if len(p.docs.files) > 0 {
		p.section("Documents in " + dir)
		for _, f := range p.docs.files {
			p.printf("%s", f)
		}
	}
	return &World{Customer: c, Hotline: hotline, Desk: tk.desk, Agreements: p.agreements,
		Incident: tk.incident, Alert: tk.alert, Maintenance: tk.maintenance, Billed: p.billed}, nil
}

// section starts a headed section of the story.
func (p *provider) section(title string) {
	fmt.Fprintf(p.out, "\n== %s\n", title)
}

// printf writes one line of the story.
func (p *provider) printf(format string, args ...any) {
	fmt.Fprintf(p.out, format+"\n", args...)
}

// at is an instant in 2026 on the hotline's clock: at(time.June, 3, 16, 30).
func (p *provider) at(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, p.hotline.Location())
}

// day is a calendar date in 2026: day(time.June, 30).
func day(month time.Month, d int) date.Date { return date.New(2026, month, d) }

// eur is an amount of money from its text.
var eur = decimal.RequireFromString

// stamp is how the story prints instants.
const stamp = "Mon 02 Jan 15:04"

// indent prefixes every line of s with two spaces.
func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}
