// Package month plays one month of an IT service provider with deskcore,
// after the CSM boarding guide of a Systemhaus in Warendorf: it onboards a
// customer with two branches, takes an e-mailed incident, a repeated
// monitoring alert and a maintenance check from the needs analysis, records
// the technicians' work and shows the quota balance of 15 June moving as
// the back office releases it, watches the SLA clocks on the
// Nordrhein-Westfalen calendar, closes June with a service report, invoice
// drafts and the quota statement, dunns an invoice the customer disputes,
// handles a complaint with a Dutch provider's timeline and an independent
// escalation, and finds a warranty about to expire.
//
// examples/quickstart prints the story; examples/portal starts from the
// data it leaves:
//
//	db, err := sqlstore.OpenSQLite(ctx, path)
//	world, err := month.Play(ctx, db, os.Stdout)
//	fmt.Println(world.Customer.Name) // Möbel Kruse GmbH
package month
