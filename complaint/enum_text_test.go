package complaint_test

import (
	"testing"

	"github.com/deskcore/deskcore/complaint"
	"github.com/deskcore/deskcore/internal/enumtest"
)

// Every one of complaints' enumerations writes its lowercase name, reads
// it back in any letter case ("FREE", "Consumption"), and refuses other
// text and undeclared values with a *ValidationError.
func TestEnumerationTextForms(t *testing.T) {
	enumtest.Run(t, []string{"", "unknown", " x", "Kind(1)", "1", "\xff"},
		enumtest.Of([]complaint.Type{1, 2, 3}, []string{"service", "product", "general"}, 0, 4, 255),
		enumtest.Of([]complaint.State{0, 1, 2, 3, 4, 5, 6, 7}, []string{"received", "acknowledged", "investigating", "resolved", "rejected", "escalated", "decided", "closed"}, 8, 255),
		enumtest.Of([]complaint.EventKind{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, []string{"received", "acknowledged", "investigation-started", "contacted", "updated", "extended", "resolved", "rejected", "escalated", "reviewer-assigned", "decided", "closed", "feedback-requested", "feedback-given"}, 0, 15, 255),
		enumtest.Of([]complaint.Outcome{0, 1, 2}, []string{"none", "resolved", "rejected"}, 3, 255),
		enumtest.Of([]complaint.Independence{0, 1}, []string{"person", "team"}, 2, 255),
		enumtest.Of([]complaint.DeadlineKind{1, 2, 3}, []string{"acknowledgement", "update", "resolution"}, 0, 4, 255),
		enumtest.Of([]complaint.ReminderStage{1, 2}, []string{"due-soon", "overdue"}, 0, 3, 255),
	)
}
