// Package validation is the one shape every deskcore package uses to say
// that an input is wrong: a list of problems, each naming a field path and
// a reason.
//
//	_, err := ledger.Consume(ctx, id, c)
//	var ve *quota.ValidationError // the same type as *validation.Error
//	if errors.As(err, &ve) {
//		for _, p := range ve.Problems {
//			fmt.Println(p.Field, p.Reason) // e.g. "Hours" "must be more than zero"
//		}
//	}
//
// Each domain package (sla, ticket, billing, quota, complaint, asset)
// re-exports the types as aliases, so a host writes *quota.ValidationError
// or *ticket.ValidationError as it always did, and one errors.As target
// catches a validation error from any package:
//
//	type ValidationError = validation.Error
//	type Problem = validation.Problem
//	var ErrInvalid = validation.ErrInvalid
//
// Every *Error matches ErrInvalid with errors.Is. The sentinel is the same
// in every package, so errors.Is(err, quota.ErrInvalid) and
// errors.Is(err, ticket.ErrInvalid) are the same test: "the input was
// refused and nothing was changed". Error.Domain says which package
// refused it.
//
// A storage adapter that refuses a change builds one directly:
//
//	return &asset.ValidationError{Domain: "asset", Problems: []asset.Problem{
//		{Field: "ID", Reason: "cannot change"},
//	}}
//
// The package also holds the one range of values the whole library
// accepts (FirstYear, LastYear, MaxDecimal, MoneyDigits, RateDigits), and
// InstantReason and DecimalReason, with which every package checks an
// instant or a decimal against it.
//
// The package imports nothing from deskcore, so every package may import
// it without breaking the rule that imports point one way.
package validation
