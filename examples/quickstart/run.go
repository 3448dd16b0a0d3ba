package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rickar/cal/v2/de"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/sla"
)

// options are the command's flags.
type options struct {
	// DSN is a PostgreSQL URL; empty runs on an SQLite file in a fresh
	// temporary directory.
	DSN string
	// Dir is where the SQLite file goes when DSN is empty; empty makes a
	// temporary directory and removes it afterwards.
	Dir string
}

// provider is the service provider's world for the month: its database,
// its hotline calendar and where the story is printed.
type provider struct {
	db      *sqlstore.DB
	hotline *sla.Calendar // Mon-Fri 09:00-18:00, Europe/Berlin, NW holidays
	out     io.Writer
}

// run plays the month on the stores opts selects and writes the story to
// out.
func run(ctx context.Context, out io.Writer, opts options) error {
	db, cleanup, err := open(ctx, opts)
	if err != nil {
		return err
	}
	defer cleanup()

	// Seed 003's hotline in Warendorf: Mon-Fri 09:00-18:00 on the
	// holidays of Nordrhein-Westfalen (Fronleichnam, 4 June 2026, too).
	hotline, err := sla.NewCalendar(sla.Config{
		Zone: "Europe/Berlin", Week: sla.MustParseWeek("Mon-Fri 09:00-18:00"), Holidays: de.HolidaysNW,
	})
	if err != nil {
		return err
	}
	p := &provider{db: db, hotline: hotline, out: out}

	c, err := p.onboard(ctx)
	if err != nil {
		return fmt.Errorf("onboarding: %w", err)
	}
	tk, err := p.tickets(ctx, c)
	if err != nil {
		return fmt.Errorf("tickets: %w", err)
	}
	inv, err := p.work(ctx, c, tk)
	if err != nil {
		return fmt.Errorf("work: %w", err)
	}
	if err := p.ticketStats(ctx, c, tk.desk); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	if err := p.dunning(ctx, c, inv); err != nil {
		return fmt.Errorf("dunning: %w", err)
	}
	if err := p.complaint(ctx, c, tk); err != nil {
		return fmt.Errorf("complaint: %w", err)
	}
	if err := p.assets(ctx, c); err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	return nil
}

// open opens the database opts selects; cleanup closes it and removes a
// temporary directory.
func open(ctx context.Context, opts options) (db *sqlstore.DB, cleanup func(), err error) {
	if opts.DSN != "" {
		db, err = sqlstore.OpenPostgres(ctx, opts.DSN)
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	dir, remove := opts.Dir, func() {}
	if dir == "" {
		if dir, err = os.MkdirTemp("", "deskcore-quickstart-"); err != nil {
			return nil, nil, err
		}
		remove = func() { os.RemoveAll(dir) }
	}
	db, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "deskcore.db"))
	if err != nil {
		remove()
		return nil, nil, err
	}
	return db, func() { db.Close(); remove() }, nil
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
