// Package billing turns recorded work into what a service provider bills,
// and follows the bill until it is paid.
//
// # Work, reports and invoices
//
// Technicians record work per ticket. Each entry is billable or
// non-billable; a non-billable entry needs a justification, appears on the
// service report with it, and touches neither the invoice nor the quota
// (seeds 001 and 003). The back office releases work for billing; a service
// report with its own ID goes to the customer's report recipient before the
// invoice, and the invoice shows only the report ID and the amount.
//
// # Dunning and disputes
//
// Overdue invoices are reminded level by level; a customer may dispute a
// reminder, and the dispute holds the dunning of what it disputes until it
// is settled (seed 000).
package billing
