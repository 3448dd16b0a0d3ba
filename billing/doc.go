// Package billing turns recorded work into what a service provider bills:
// service reports and invoice drafts.
//
// A host makes one Biller on its work store (and its quota store, for
// customers with an hour bank). Technicians record work, the back office
// releases it, and once a month the run bills what was released:
//
//	b, err := billing.NewBiller(workStore, quotaStore, billing.BillerConfig{})
//	if err != nil {
//		return err
//	}
//	_, err = b.Record(ctx, billing.WorkEntry{
//		ID: "E-1", CustomerID: "C-1", TicketID: "T-4711", Technician: "jan",
//		Date: date.New(2026, 3, 2), Duration: 90 * time.Minute,
//		Activity: billing.ActivityAdministration, OrderRef: "PO-77",
//	})
//	_, err = b.Release(ctx, "E-1", "backoffice", date.New(2026, 3, 31))
//	run := billing.BillingRun{Period: quota.MustParsePeriod("2026-03"), Issued: date.New(2026, 4, 1)}
//	for res, err := range b.Run(ctx, run) {
//		// res.Reports and res.Invoices for the customer, or err
//	}
//
// Recording and running are safe to repeat: the same entry recorded again
// returns the stored one, and a run bills nothing twice. The runnable
// version is examples/memstore's Example_billingRun.
//
// # Work, reports and invoices
//
// A technician records a WorkEntry per piece of work on a ticket: who,
// when, how long (Duration, or Start and End), the activity, the product
// it concerns, whose fault the case turned out to be, a trip, the
// customer's order reference and the billable flag. Biller.Record stores
// it as Recorded; the back office releases it (Biller.Release, the service agreement's
// Innendienst-Freigabe), after which it is locked: a mistake is corrected
// by Biller.Reverse, a reversal entry that credits on the next report
// what the original was billed. Only the customer's order reference may
// still be attached to released work.
//
// A quota customer's hour bank is day-current: releasing billable work
// books its hours on the quota ledger at once, dated on the day the work
// was done, and reversing released work gives them back at once, so the
// balance of any day includes all work released up to it.
// Biller.QuotaStatus shows a customer's balance on a day with the work
// recorded but not released beside it as pending, the statement of the
// period and the watch flag, without a billing run. If the quota refuses
// the hours (no overdraft agreement), the work stays released and the
// month-end run holds it with a *QuotaPostingError, while the fixed
// monthly fee is invoiced all the same.
//
// The balance and the service report always show the same work. Work
// held for want of the customer's order (below) is not booked; work once
// booked stays on the balance and is billed. When a release takes a
// ticket over the order threshold, the ticket's work booked before stays
// booked and is billed by the month-end run, while the entry that takes
// it over, and the ticket's later work, are held and not booked.
// Attaching the order (Biller.AttachOrder), or releasing ordered work on
// the ticket, books the held work at once, and the run finds it booked.
//
// Whether work is billed is a BillabilityPolicy: data the host stores and
// edits, rules by activity, fault attribution and coverage by the product
// description, tried in order. DefaultPolicy is the paid-support terms': a provider's
// defect is free; account migrations, compromise remediation,
// administration service and software development are billed; a support
// case found to be the customer's fault is billed, in work units or as a
// technician flat fee; what the product description covers is free
// online support; everything else is billed. Every Billability names the
// rule that decided and why, for the back office; package document turns
// the decision into a sentence for the customer's service report.
// Non-billable work needs a justification and is listed on the report,
// but touches neither invoice nor quota. Goodwill bills only part of the
// work, with its reason. Billable work on a ticket beyond the policy's
// OrderThreshold without the customer's order reference is held back and
// flagged, never billed silently.
//
// Time becomes work units by a UnitPolicy (unit size; rounding up, to the
// nearest or down; a minimum; per entry or per ticket and day), which a
// contract may override. Prices come from the contract's RateCard, dated:
// each entry is priced at the rates of its work date, so a price change in
// the middle of a month bills each side at its own price. Rates hold the
// hourly rate, a day rate and the time from which it replaces hourly
// billing, the technician flat fee, travel per zone or per kilometre,
// pay-per-use prices and the VAT rate.
//
// Money is decimal. Every amount is rounded to 2 decimals half away from
// zero (commercial rounding) where EN 16931 rounds: each line's net
// amount; the document's net total is the sum of the rounded lines; VAT
// is computed once per rate on the sum of that rate's lines, not per line,
// which can differ by cents; the gross total is net plus VAT (LineNet,
// TotalsOf).
//
// A billing run (Biller.Run) bills a period. It streams the customers and
// their released work from the WorkStore, one customer at a time or
// BillerConfig.Workers at a time, and for each drafts the service reports
// (DraftReports, the pure core): one for the customer, or one per branch
// when branches are invoiced on their own. It books a quota customer's
// hours on the quota and closes the quota period, drafts the invoices,
// and stores the customer's reports, entry states and invoices in one
// transaction (WorkStore.Bill). A service report has its own ID and goes
// to the customer's report recipient before the invoice, which shows only
// that ID and the amount. A quota customer is invoiced the
// fixed monthly fee and, when the quota was overbooked, a correction at
// the overage rate from the quota close; rental and data-centre customers
// are billed elsewhere and are left out with the reason. Report and
// invoice IDs are deterministic and quota postings carry idempotency
// keys, so running a finished or half-finished run again bills nothing
// twice. Biller.RunCustomers bills a chosen set of customers the same
// way, so a job queue can split a run into slices of customers.
//
// A run over 1,000,000 entries of 10,000 customers, half on a quota, on
// the in-memory stores takes about 1 s on a shared 2-core machine with
// one customer at a time, 0.9 s with two (1.1 KB and 0.67 allocations
// per entry, half of them the stores'; the stores keep their entries
// in a form the garbage collector need not mark); see BENCHMARKS.md:
//
//	go test ./examples/memstore/ -run '^$' -bench BillingRun -benchtime=3x -benchmem
//
// Memory holds one customer's work at a time: over stores that make the
// work up as it is read, the run's peak heap is about 4 MB for 100,000
// and for 1,000,000 entries alike, at about 800 ns/entry:
//
//	go test ./billing/ -run '^$' -bench RunStreaming -benchtime=3x -benchmem
//
// # E-invoices
//
// Package billing/einvoice turns the invoice drafts into invoices a
// German or Dutch provider can send: EN 16931 e-invoices in XRechnung
// 3.0 or plain EN 16931, in UN/CEFACT CII or UBL 2.1, with the seller,
// the buyer, VAT categories, payment means and the service report
// attached; billing does not import it.
//
// # Dunning
//
// Reminding overdue invoices and handling the customer's disputes is
// package billing/dunning, which builds on the invoice the ERP booked;
// billing does not import it.
//
// # JSON
//
// Contract, WorkEntry, Usage, ServiceReport, InvoiceDraft and QuotaStatus
// have a JSON form for a host's API and for the documents a store keeps:
// lowerCamel names, fields with their zero value left out, enumerations
// and policies as their text, dates "YYYY-MM-DD", durations as hours
// ("1h20m") and money as decimal strings ("95.00"). Reading refuses unknown
// names, days that do not exist, hours without a unit and money as a JSON
// number, with a *ValidationError naming the field's path.
package billing
