package billing

import (
	"errors"
	"testing"
)

func TestValidationErrorListsEveryProblem(t *testing.T) {
	var ps problems
	if ps.err() != nil {
		t.Fatal("no problems must be no error")
	}
	ps.add("Justification", "is required for non-billable work")
	ps.add("Duration", "%v is negative", "-15m")
	err := ps.err()
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("%v does not match ErrInvalid", err)
	}
	var verr *ValidationError
	if !errors.As(err, &verr) || !verr.Has("Justification") || !verr.Has("Duration") || verr.Has("Customer") {
		t.Fatalf("problems not listed: %v", err)
	}
	if want := "billing: Justification: is required for non-billable work; Duration: -15m is negative"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}
