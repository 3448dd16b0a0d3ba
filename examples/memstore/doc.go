// Package memstore holds in-memory implementations of deskcore's storage
// interfaces, one type per interface: QuotaStore (quota.Store),
// AssetStore (asset's inventory and vault stores), TicketStore
// (ticket.Store), ComplaintStore (complaint.Store), BillingStore
// (billing.WorkStore) and DunningStore (dunning.Store). They are
// what a host copies to start with and what tests use when they need a
// store but not a database; each passes its package's conformance suite
// (quotatest, assettest, tickettest, complainttest, billingtest,
// dunningtest),
// concurrency and rollback included.
//
// Every store is safe for concurrent use. A mutation closure runs against
// a copy of the stored state and is committed only if it returns nil, so a
// failing closure leaves nothing behind, as in a database transaction.
package memstore
