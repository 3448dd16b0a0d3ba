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
