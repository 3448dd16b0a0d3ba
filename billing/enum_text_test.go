package billing_test

import (
	"testing"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/internal/enumtest"
)

// Every one of billing's enumerations writes its lowercase name, reads
// it back in any letter case ("FREE", "Consumption"), and refuses other
// text and undeclared values with a *ValidationError.
func TestEnumerationTextForms(t *testing.T) {
	enumtest.Run(t, []string{"", "unknown", " x", "Kind(1)", "1", "\xff"},
		enumtest.Of([]billing.Charging{1, 2, 3}, []string{"free", "units", "flat-fee"}, 0, 4, 255),
		enumtest.Of([]billing.CoverageMatch{0, 1, 2}, []string{"any", "covered", "uncovered"}, 3, 255),
		enumtest.Of([]billing.ContractType{0, 1, 2, 3, 4}, []string{"none", "quota", "pay-per-use", "rental", "data-centre"}, 5, 255),
		enumtest.Of([]billing.Invoicing{0, 1}, []string{"central", "per-branch"}, 2, 255),
		enumtest.Of([]billing.EntryState{1, 2, 3, 4}, []string{"recorded", "released", "reported", "invoiced"}, 0, 5, 255),
		enumtest.Of([]billing.Fault{0, 1, 2}, []string{"undetermined", "provider", "customer"}, 3, 255),
		enumtest.Of([]billing.Billable{0, 1, 2}, []string{"policy", "yes", "no"}, 3, 255),
		enumtest.Of([]billing.InvoiceKind{1, 2, 3}, []string{"service", "quota-fee", "quota-correction"}, 0, 4, 255),
		enumtest.Of([]billing.RunOutcome{1, 2, 3}, []string{"billed", "nothing", "excluded"}, 0, 4, 255),
		enumtest.Of([]billing.UnitRounding{0, 1, 2}, []string{"up", "nearest", "down"}, 3, 255),
		enumtest.Of([]billing.UnitGrouping{0, 1}, []string{"entry", "ticket-day"}, 2, 255),
	)
}
