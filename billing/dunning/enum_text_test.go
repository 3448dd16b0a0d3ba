package dunning_test

import (
	"testing"

	"github.com/deskcore/deskcore/billing/dunning"
	"github.com/deskcore/deskcore/internal/enumtest"
)

// Every enumeration of dunning and disputes writes its lowercase name,
// reads it back in any letter case ("RECEIVED", "Partly Upheld"), and
// refuses other text and undeclared values with a *ValidationError. A
// zero value that means "none" is the empty text.
func TestEnumerationTextForms(t *testing.T) {
	enumtest.Run(t, []string{"unknown", " x", "Kind(1)", "1", "\xff"},
		enumtest.Of([]dunning.EventKind{0, 1, 2, 3, 4, 5, 6, 7}, []string{"", "notice", "invoice", "dispute opened", "dispute acknowledged", "dispute attached", "dispute checked", "dispute decided"}, 8, 255),
		enumtest.Of([]dunning.DisputeState{0, 1, 2, 3, 4, 5, 6}, []string{"", "received", "acknowledged", "upheld", "partly upheld", "rejected", "withdrawn"}, 7, 255),
		enumtest.Of([]dunning.DisputeAttachmentKind{0, 1, 2, 3, 4}, []string{"", "offer", "original invoice", "dunning notice", "other"}, 5, 255),
		enumtest.Of([]dunning.DisputeCheckSource{0, 1, 2}, []string{"", "offer", "order"}, 3, 255),
		enumtest.Of([]dunning.CheckResult{0, 1, 2, 3}, []string{"pending", "matches", "differs", "not applicable"}, 4, 255),
		enumtest.Of([]dunning.CustomerType{0, 1, 2}, []string{"", "business", "consumer"}, 3, 255),
		enumtest.Of([]dunning.Anchor{0, 1}, []string{"due date", "previous notice"}, 2, 255),
		enumtest.Of([]dunning.DefaultStart{0, 1}, []string{"on reminder", "after due date"}, 2, 255),
		enumtest.Of([]dunning.Outcome{0, 1, 2, 3, 4, 5, 6, 7, 8}, []string{"", "issued", "repeated", "not due", "payment received", "held", "below minimum", "settled", "final"}, 9, 255),
	)
}
