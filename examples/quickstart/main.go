// Command quickstart plays one month of an IT service provider with
// deskcore, after seed 003 (the CSM boarding guide of a Systemhaus in
// Warendorf): it onboards a customer with two branches, takes an e-mailed
// incident, a repeated monitoring alert and a maintenance check from the
// needs analysis, records the technicians' work, watches the SLA clocks on
// the Nordrhein-Westfalen calendar, closes June with a service report,
// invoice drafts and the quota statement, dunns an invoice the customer
// disputes, handles a complaint with seed 002's timeline and an
// independent escalation, and finds a warranty about to expire.
//
// Every store is examples/sqlstore: an SQLite file in a temporary
// directory, or PostgreSQL with -dsn. All dates are fixed in 2026, so the
// output is the same on every run.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -dsn 'postgres://user:pw@localhost/deskcore'
//
// On PostgreSQL, point -dsn at an empty database: the program numbers
// tickets and complaints from one and expects to be the first.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func main() {
	var opts options
	flag.StringVar(&opts.DSN, "dsn", "", "PostgreSQL `URL` to run on instead of a temporary SQLite file")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, opts); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}
