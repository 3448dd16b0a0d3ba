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
