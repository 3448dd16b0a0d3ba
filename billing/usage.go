package billing

import (
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/quota"
)

// Usage is a measured quantity of a pay-per-use managed service for a
// period (the service agreement "PayPerUse"): devices protected, mailboxes hosted,
// GB backed up. The host records it; the billing run prices it with the
// rate card's UsagePrice for Item at the period's first day and lists it
// on the service report of the period.
type Usage struct {
	ID         string          // the host's ID, unique in the store
	CustomerID string          // the customer
	BranchID   string          // the branch; empty: head office
	Period     quota.Period    // the month measured
	Item       string          // a UsagePrice.Item of the rate card
	Quantity   decimal.Decimal // in the item's unit, at most 4 decimals
	// ReportID is the service report that billed the usage; set by the
	// store when the report is stored. Empty: not billed yet.
	ReportID string
}

// Validate reports a *ValidationError listing every wrong field: missing
// IDs, period or item, a quantity that is negative, at least a trillion
// or has more than 4 decimals.
func (u Usage) Validate() error {
	var ps problems
	ps.checkWorkID("ID", u.ID, true)
	ps.checkWorkID("CustomerID", u.CustomerID, true)
	ps.checkWorkID("BranchID", u.BranchID, false)
	if u.Period.IsZero() {
		ps.add("Period", "is missing")
	}
	ps.checkWorkID("Item", u.Item, true)
	ps.checkWorkMoney("Quantity", u.Quantity, 4)
	return ps.err()
}
