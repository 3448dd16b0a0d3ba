package quota_test

import (
	"testing"

	"github.com/deskcore/deskcore/internal/enumtest"
	"github.com/deskcore/deskcore/quota"
)

// Every one of the hour bank's enumerations writes its lowercase name, reads
// it back in any letter case ("FREE", "Consumption"), and refuses other
// text and undeclared values with a *ValidationError.
func TestEnumerationTextForms(t *testing.T) {
	enumtest.Run(t, []string{"", "unknown", " x", "Kind(1)", "1", "\xff"},
		enumtest.Of([]quota.Outcome{1, 2, 3}, []string{"closed", "already closed", "out of term"}, 0, 4, 255),
		enumtest.Of([]quota.Kind{1, 2, 3, 4, 5, 6}, []string{"allotment", "consumption", "reversal", "correction", "expiry", "adjustment"}, 0, 7, 255),
		enumtest.Of([]quota.Flag{0, 1, 2}, []string{"steady", "sliding", "generous"}, 3, 255),
	)
}
