package ticket_test

import (
	"testing"

	"github.com/deskcore/deskcore/internal/enumtest"
	"github.com/deskcore/deskcore/ticket"
)

// Every one of tickets' enumerations writes its lowercase name, reads
// it back in any letter case ("FREE", "Consumption"), and refuses other
// text and undeclared values with a *ValidationError.
func TestEnumerationTextForms(t *testing.T) {
	enumtest.Run(t, []string{"", "unknown", " x", "Kind(1)", "1", "\xff"},
		enumtest.Of([]ticket.Level{0, 1, 2}, []string{"none", "report", "extended"}, 3, 255),
		enumtest.Of([]ticket.Permission{1, 2, 3, 4, 5, 6, 7, 8, 9}, []string{"report-incident", "request-service", "view-ticket", "comment-ticket", "view-statistics", "view-contract", "view-service-reports", "request-credentials", "manage-tickets"}, 0, 10, 255),
		enumtest.Of([]ticket.Action{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []string{"created", "status", "assigned", "escalated", "priority", "commented", "participant", "linked", "alert", "service-level"}, 0, 11, 255),
		enumtest.Of([]ticket.MailAction{1, 2, 3, 4, 5}, []string{"created", "threaded", "linked", "duplicate", "rejected"}, 0, 6, 255),
		enumtest.Of([]ticket.RejectReason{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []string{"malformed", "auto-reply", "loop", "too-large", "unknown-sender", "not-incident", "unknown-ticket", "forged-reference", "conflicting-references", "stranger"}, 0, 11, 255),
		enumtest.Of([]ticket.Kind{1, 2, 3, 4, 5}, []string{"incident", "service-request", "maintenance", "pick-and-pack", "monitoring-alert"}, 0, 6, 255),
		enumtest.Of([]ticket.Channel{1, 2, 3, 4, 5, 6}, []string{"email", "portal", "phone", "monitoring", "schedule", "goods-receipt"}, 0, 7, 255),
		enumtest.Of([]ticket.Priority{1, 2, 3, 4}, []string{"low", "normal", "high", "critical"}, 0, 5, 255),
		enumtest.Of([]ticket.Status{1, 2, 3, 4, 5, 6, 7}, []string{"new", "assigned", "in-progress", "waiting-on-customer", "resolved", "closed", "reopened"}, 0, 8, 255),
		enumtest.Of([]ticket.ReplyEffect{1, 2, 3, 4}, []string{"commented", "resumed", "reopened", "needs-link"}, 0, 5, 255),
		enumtest.Of([]ticket.Unit{1, 2, 3}, []string{"day", "week", "month"}, 0, 4, 255),
		enumtest.Of([]ticket.Severity{1, 2, 3}, []string{"warning", "critical", "recovered"}, 0, 4, 255),
		enumtest.Of([]ticket.Decision{1, 2, 3}, []string{"ticket", "ignore", "review"}, 0, 4, 255),
		enumtest.Of([]ticket.AlertAction{1, 2, 3, 4, 5, 6, 7}, []string{"opened", "repeated", "resolved", "recorded", "ignored", "needs-review", "no-ticket"}, 0, 8, 255),
		enumtest.Of([]ticket.Event{1, 2, 3, 4, 5}, []string{"created", "status-changed", "confirmation", "sla-warning", "sla-breach"}, 0, 6, 255),
		enumtest.Of([]ticket.ClockName{1, 2}, []string{"response", "resolution"}, 0, 3, 255),
	)
}
