package validation_test

import (
	"errors"
	"fmt"

	"github.com/deskcore/deskcore/validation"
)

func ExampleError() {
	// What a deskcore package returns for a form with two wrong fields.
	var err error = &validation.Error{Domain: "billing", Problems: []validation.Problem{
		{Field: "Justification", Reason: "is required for non-billable work", Missing: true},
		{Field: "Duration", Reason: "-15m is negative"},
	}}

	var ve *validation.Error
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Printf("%s: %s\n", p.Field, p.Reason)
		}
		fmt.Println("missing:", ve.Missing())
	}
	fmt.Println(errors.Is(err, validation.ErrInvalid))
	// Output:
	// Justification: is required for non-billable work
	// Duration: -15m is negative
	// missing: [Justification]
	// true
}
