// Package erp shows how a host whose ERP owns the customers and the
// invoices plugs deskcore's billing in: deskcore drafts the invoices of a
// billing run, the ERP books each draft as a record of its own shape and
// numbering, and tells deskcore the number it booked it under.
//
// The ERP side here is a small SQLite database (modernc.org/sqlite, no
// cgo) with three tables a real ERP has in some form:
//
//	debtors        (customer_id, branch_id) -> debtor account, name
//	number_ranges  year -> last document number used ("RE-2026-00042")
//	bookings       document_no, source_id (the draft's ID, unique),
//	               debtor_account, booking_date, net/vat/gross in cents,
//	               reference, confirmed
//
// The mapping from a billing.InvoiceDraft to a Booking is one pure
// function, BookingOf, so an ERP team reads and tests it alone:
//
//	InvoiceDraft.ID                -> bookings.source_id (idempotency key)
//	CustomerID, BillTo (branch)    -> debtor account, from debtors
//	Issued                         -> booking_date
//	Totals.Net, VATTotal, Gross    -> net, vat, gross in whole cents
//	Kind and ReportID / contract   -> reference: "Servicebericht
//	                                  SR/2026-03/C-1" (the service agreement: the
//	                                  invoice shows only the report's ID
//	                                  and the amount), "Kontingent K-1
//	                                  2026-03", "Kontingent-Korrektur ..."
//	(the ERP's number range)       -> document_no, then
//	                                  Biller.MarkInvoiced(draft ID, number)
//
// Journal.Book books a draft in one transaction: a draft booked before
// (same source_id) returns its first booking and books nothing, so a
// re-run books nothing twice and spends no document number. BookRun runs a
// billing run and books every draft it yields; CatchUp finds a run's
// drafts in the WorkStore and books those the ERP lacks (a crash between
// deskcore storing a customer's drafts and the ERP booking them: a re-run
// of the billing run finds that customer billed and yields no drafts for
// it again); Confirm repeats MarkInvoiced for bookings whose confirmation
// was lost. All three are safe to repeat.
//
// The deskcore stores the ERP does not own come from examples/memstore
// in the example and from examples/sqlstore on SQLite in
// TestBookRunOnSQLStore: Sync takes only the billing.WorkStore interface,
// so the ERP code is the same. ExampleSync_BookRun plays one month-end
// and prints the journal:
//
//	go test -v -run Example ./examples/erp/
package erp
