package validation_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/deskcore/deskcore/validation"
	"github.com/google/go-cmp/cmp"
)

func TestError(t *testing.T) {
	tests := []struct {
		name string
		err  *validation.Error
		want string
	}{
		{"one_problem_is_domain_field_reason", validation.New("quota", "Hours", "must be more than zero"), "quota: Hours: must be more than zero"},
		{"several_problems_are_joined_in_order", &validation.Error{Domain: "billing", Problems: []validation.Problem{
			{Field: "Justification", Reason: "is required for non-billable work"}, {Field: "Duration", Reason: "-15m is negative"}}},
			"billing: Justification: is required for non-billable work; Duration: -15m is negative"},
		{"a_host_built_error_without_domain_reads_plain", &validation.Error{Problems: []validation.Problem{{Field: "ID", Reason: "cannot change"}}}, "ID: cannot change"},
		{"no_problems_still_says_invalid", &validation.Error{Domain: "sla"}, "sla: invalid input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			wrapped := fmt.Errorf("saving: %w", tt.err)
			if !errors.Is(wrapped, validation.ErrInvalid) {
				t.Error("a wrapped *Error does not match ErrInvalid")
			}
			var ve *validation.Error
			if !errors.As(wrapped, &ve) || ve != tt.err {
				t.Error("errors.As does not find the *Error through a wrap")
			}
		})
	}
}

func TestFieldsMissingHas(t *testing.T) {
	e := &validation.Error{Problems: []validation.Problem{
		{Field: "TicketNumber", Reason: "is required", Missing: true},
		{Field: "Email", Reason: "is not an address"},
		{Field: "ReceivedAt", Reason: "is required", Missing: true},
	}}
	if diff := cmp.Diff([]string{"TicketNumber", "Email", "ReceivedAt"}, e.Fields()); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"TicketNumber", "ReceivedAt"}, e.Missing()); diff != "" {
		t.Errorf("Missing (-want +got):\n%s", diff)
	}
	if !e.Has("Email") || e.Has("Phone") {
		t.Errorf("Has: Email %v, Phone %v; want true, false", e.Has("Email"), e.Has("Phone"))
	}
}

func TestWithinPrefixesEveryPathAndLeavesTheOriginal(t *testing.T) {
	orig := &validation.Error{Domain: "quota", Problems: []validation.Problem{
		{Field: "From", Reason: "is after To"},
		{Field: "[2]", Reason: "is listed twice"},
		{Field: "", Reason: "is empty", Missing: true},
	}}
	got := orig.Within("Terms[1]")
	want := &validation.Error{Domain: "quota", Problems: []validation.Problem{
		{Field: "Terms[1].From", Reason: "is after To"},
		{Field: "Terms[1][2]", Reason: "is listed twice"},
		{Field: "Terms[1]", Reason: "is empty", Missing: true},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Within (-want +got):\n%s", diff)
	}
	if orig.Problems[0].Field != "From" {
		t.Errorf("Within changed the original: %q", orig.Problems[0].Field)
	}
}
