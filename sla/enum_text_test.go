package sla_test

import (
	"testing"

	"github.com/deskcore/deskcore/internal/enumtest"
	"github.com/deskcore/deskcore/sla"
)

// Every one of business calendars' and clocks' enumerations writes its lowercase name, reads
// it back in any letter case ("FREE", "Consumption"), and refuses other
// text and undeclared values with a *ValidationError.
func TestEnumerationTextForms(t *testing.T) {
	enumtest.Run(t, []string{"", "unknown", " x", "Kind(1)", "1", "\xff"},
		enumtest.Of([]sla.EventKind{1, 2, 3, 4, 5, 6}, []string{"start", "pause", "resume", "meet", "rebaseline", "stop"}, 0, 7, 255),
		enumtest.Of([]sla.State{0, 1, 2, 3, 4}, []string{"pending", "running", "paused", "met", "stopped"}, 5, 255),
		enumtest.Of([]sla.TargetKind{1, 2, 3}, []string{"business", "clock", "business days"}, 0, 4, 255),
	)
}
