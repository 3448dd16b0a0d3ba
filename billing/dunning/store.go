package dunning

import (
	"context"
	"iter"
)

// Store keeps dunning cases, one per invoice number. The host
// implements it on its database; examples/memstore has an in-memory one,
// and billing/dunning/dunningtest.TestStore checks any implementation
// against this contract, concurrency and rollback included.
//
// It maps onto one table keyed by the invoice number, with a version
// column and the case as a JSON document (every type in a case has a
// text or JSON form), or onto child tables for notices, disputes and
// history if the host wants to query them.
//
// Every method takes the context first and honours its cancellation.
// Errors other than the sentinels named below are the store's own
// (connection lost, ...) and are passed on unchanged.
type Store interface {
	// CreateCase stores a new case (Version 1). It returns an error
	// matching ErrConflict if a case for the invoice exists; then nothing
	// is stored.
	CreateCase(ctx context.Context, c Case) error

	// Case returns the stored case, or an error matching ErrNotFound.
	Case(ctx context.Context, invoice string) (Case, error)

	// UpdateCase runs fn on the stored case inside one transaction. If fn
	// returns nil the store writes the case back with Version + 1; if fn
	// returns an error nothing is stored and UpdateCase returns that
	// error unchanged.
	//
	// fn receives a value that shares nothing with the stored state and
	// must not call the store. Version is the store's and
	// Invoice.Number the key: fn changes neither. Concurrent updates of
	// one case must not both win: either the store serialises them (a row
	// lock: fn sees what the previous one committed) or it refuses the
	// later commit with an error matching ErrConflict (optimistic
	// versions), in which case it may run fn again itself. fn may
	// therefore run more than once and must have no effect outside the
	// case.
	//
	// It returns an error matching ErrNotFound for an unknown invoice,
	// without calling fn.
	UpdateCase(ctx context.Context, invoice string, fn func(*Case) error) error

	// Cases yields the invoice numbers of all cases in ascending byte
	// order. A case created during the iteration may or may not be
	// yielded. An error is yielded once, with an empty number, and ends
	// the sequence.
	Cases(ctx context.Context) iter.Seq2[string, error]
}
