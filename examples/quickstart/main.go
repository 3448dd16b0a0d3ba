// Command quickstart plays one month of an IT service provider with
// deskcore, after the boarding guide of a Systemhaus in Warendorf: it
// onboards a customer with two branches, takes an e-mailed incident, a
// repeated monitoring alert and a maintenance check from the needs
// analysis, records the technicians' work and shows the quota balance of
// 15 June moving as the back office releases it, watches the SLA clocks
// on the Nordrhein-Westfalen calendar, closes June with a service report,
// invoice drafts and the quota statement, dunns an invoice the customer
// disputes, handles a complaint with a Dutch provider's timeline and an
// independent escalation, and finds a warranty about to expire. The month
// itself is package month beside this file, which examples/portal starts
// from too.
//
// Every store is examples/sqlstore: an SQLite file in a temporary
// directory, or PostgreSQL with -dsn. All dates are fixed in 2026, so the
// output is the same on every run.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -out june
//	go run ./examples/quickstart -dsn 'postgres://user:pw@localhost/deskcore'
//
// It writes the documents the customer receives, in German (package
// document: the service report as PDF and HTML, the quota statement, the
// complaint's acknowledgement and outcome report), and the month's
// invoices as e-invoices (XRechnung 3.0 in CII and in UBL, package
// billing/einvoice) into the directory -out names, else into a new
// temporary directory, which the program names and keeps.
//
// On PostgreSQL, point -dsn at an empty database: the program numbers
// tickets and complaints from one and expects to be the first.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/deskcore/deskcore/examples/quickstart/month"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

func main() {
	var opts options
	flag.StringVar(&opts.DSN, "dsn", "", "PostgreSQL `URL` to run on instead of a temporary SQLite file")
	flag.StringVar(&opts.Out, "out", "", "`directory` for the month's documents (PDF and HTML) and e-invoices (XRechnung CII and UBL); empty: a new temporary directory")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, opts); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	// DSN is a PostgreSQL URL; empty runs on an SQLite file in a fresh
	// temporary directory.
	DSN string
	// Dir is where the SQLite file goes when DSN is empty; empty makes a
	// temporary directory and removes it afterwards.
	Dir string
	// Out is where the documents and e-invoices go; empty makes a
	// temporary directory, which is kept and named in the output.
	Out string
}

// run plays the month on the stores opts selects and writes the story to
// out.
func run(ctx context.Context, out io.Writer, opts options) error {
	db, cleanup, err := open(ctx, opts)
	if err != nil {
		return err
	}
	defer cleanup()
	dir := opts.Out
	if dir == "" {
		if dir, err = os.MkdirTemp("", "deskcore-quickstart-"); err != nil {
			return err
		}
	}
	world, err := month.PlayWithDocuments(ctx, db, out, dir)
	if err != nil {
		return err
	}
	return writeEInvoices(ctx, out, dir, world)
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
