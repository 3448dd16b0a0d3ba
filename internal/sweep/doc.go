// Package sweep holds a test that calls every exported function and method
// of deskcore's domain packages (sla, ticket, billing, billing/dunning,
// quota, complaint, asset) with zero values and nil arguments and asserts
// that none panics or hangs: bad input is an error, never a panic. It has
// no code of its own; a test keeps its table complete against the
// packages' source.
//
//	go test ./internal/sweep
package sweep
