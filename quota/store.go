package quota

import (
	"context"
	"iter"
	"time"

	"github.com/rickb777/date/v2"
)

// Store keeps accounts and their entries. The host implements it on its
// database; examples/memstore has an in-memory one, and
// quota/quotatest.TestStore checks any implementation against this
// contract, concurrency and rollback included.
//
// It maps onto two tables and transactions: one row per account (the
// Account fields but Pending; Terms and Lots as child rows or a JSON
// column) and one row per entry, unique on (ContractID, Seq) and on
// (ContractID, Key), indexed on (ContractID, Date) and (ContractID,
// Period, Seq).
//
// Every method takes the context first and honours its cancellation.
// Errors other than the sentinels named below are the store's own
// (connection lost, ...) and are passed on to the caller unchanged.
type Store interface {
	// Create stores a new account (Version 1, Pending cleared) and its
	// Pending entries, atomically. It returns an error matching
	// ErrConflict if an account with the same Contract.ID exists and
	// ErrDuplicateKey if two pending entries share a key; on error
	// nothing is stored.
	Create(ctx context.Context, a Account) error

	// Account returns the stored account, without Pending. It returns
	// an error matching ErrNotFound for an unknown contract.
	Account(ctx context.Context, contractID string) (Account, error)

	// Update runs fn on the stored account inside one transaction. If fn
	// returns nil, the store writes the account back (Version + 1,
	// Pending cleared) and inserts its Pending entries, atomically; if fn
	// returns an error, nothing is stored and Update returns that error
	// unchanged.
	//
	// fn receives a value that shares nothing with the stored state and
	// must not call the store. Version is the store's and Contract.ID the
	// key: fn changes neither. Concurrent Updates of one contract must
	// not both win: either the store serialises them (a row lock: fn sees
	// the state the previous one committed) or it refuses the later
	// commit with an error matching ErrConflict (optimistic versions), in
	// which case it may also run fn again itself. fn may therefore run
	// more than once and must not have effects outside the account.
	//
	// Update returns an error matching ErrNotFound for an unknown
	// contract, and ErrDuplicateKey if a pending entry's key is booked on
	// the contract already or twice among the pending entries.
	Update(ctx context.Context, contractID string, fn func(*Account) error) error

	// Entry returns the entry booked under key on the contract. It
	// returns an error matching ErrNotFound for an unknown contract or
	// key.
	Entry(ctx context.Context, contractID, key string) (Entry, error)

	// Entries yields the entries booked in periods from through to
	// (Entry.Period), in Seq order. An error (ErrNotFound for an unknown
	// contract) is yielded once, with a zero Entry, and ends the
	// sequence. Each iteration reads the store anew.
	Entries(ctx context.Context, contractID string, from, to Period) iter.Seq2[Entry, error]

	// Balance returns the sum of the Hours of the contract's entries
	// dated (Entry.Date) on or before the day. It returns an error
	// matching ErrNotFound for an unknown contract.
	Balance(ctx context.Context, contractID string, on date.Date) (time.Duration, error)

	// Contracts yields the IDs of all contracts in ascending byte order.
	// A contract created during the iteration may or may not be yielded.
	// An error is yielded once, with an empty ID, and ends the sequence.
	Contracts(ctx context.Context) iter.Seq2[string, error]
}
