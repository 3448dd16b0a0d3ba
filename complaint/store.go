package complaint

import (
	"context"
	"iter"
	"slices"
	"time"
)

// Store keeps complaints. The host implements it on its database;
// examples/memstore has an in-memory one, and
// complaint/complainttest.TestStore checks any implementation against this
// contract, concurrency and rollback included.
//
// It maps onto two tables: complaints, one row per complaint with the
// primary key (ref_year, ref_seq) and an index on received_at, and
// complaint_events, one row per Event with the primary key (ref_year,
// ref_seq, index) and Actions as child rows or a JSON column. Events are
// only ever appended. Reminded, the reminders sent, fits a JSON column of
// complaints or child rows of their own.
//
// Every method takes the context first and returns its error when it is
// done. Values passed in and returned are copies: changing a returned
// complaint's History does not change the stored one. Errors other than
// the sentinels named below are the store's own (connection lost, ...) and
// are passed on unchanged.
type Store interface {
	// Create stores a new complaint made by Policy.NewComplaint and
	// returns it as stored, with Version 1. When c.Ref.Seq is 0 the store
	// assigns the next free sequence number of c.Ref.Year, greater than
	// any stored in that year, and concurrent Creates never get the same
	// number (a counter row locked in the transaction, or a unique key
	// and a retry). A Seq given (importing complaints with their old
	// numbers) is kept, and the next assigned ones come after it.
	//
	// It returns an error matching ErrConflict if the reference is taken
	// and ErrInvalid if c.Ref.Year is not 1..9999, c.Ref.Seq is negative
	// or c has no history; nothing is stored then.
	Create(ctx context.Context, c Complaint) (Complaint, error)

	// Complaint returns the stored complaint, or an error matching
	// ErrNotFound.
	Complaint(ctx context.Context, ref Reference) (Complaint, error)

	// Update runs fn on the stored complaint inside one transaction. If
	// fn returns nil, the store writes the complaint back with Version one
	// more and returns it; if fn returns an error, nothing is stored and
	// Update returns that error unchanged.
	//
	// fn receives a copy that shares nothing with the stored state and
	// must not call the store. The store owns Ref and Version: a fn that
	// changes Ref makes Update return an error matching ErrInvalid and
	// store nothing. Concurrent Updates of one complaint must not both
	// win: either the store serialises them (a row lock: fn sees what the
	// one before committed) or it refuses the later commit with an error
	// matching ErrConflict (optimistic versions), and may then run fn
	// again itself. fn may therefore run more than once and must have no
	// effects outside the complaint but the results it captures.
	//
	// It returns an error matching ErrNotFound, without calling fn, for
	// an unknown reference.
	Update(ctx context.Context, ref Reference, fn func(*Complaint) error) (Complaint, error)

	// Complaints yields the complaints f selects, ordered by ReceivedAt,
	// then Ref. An error is yielded once, with a zero Complaint, and ends
	// the sequence. Each iteration reads the store anew and holds no lock
	// while yielding, so the loop body may call the store.
	Complaints(ctx context.Context, f Filter) iter.Seq2[Complaint, error]
}

// Filter selects complaints; its zero value selects all.
type Filter struct {
	// ReceivedFrom and ReceivedBefore bound ReceivedAt: at or after From,
	// before Before; a zero bound is no bound.
	ReceivedFrom, ReceivedBefore time.Time
	// States selects complaints in any of the states; empty selects all.
	States []State
}

// Matches reports whether f selects c. Adapters that filter in memory use
// it; SQL adapters translate f into a WHERE clause with the same meaning.
func (f Filter) Matches(c Complaint) bool {
	return (f.ReceivedFrom.IsZero() || !c.ReceivedAt.Before(f.ReceivedFrom)) &&
		(f.ReceivedBefore.IsZero() || c.ReceivedAt.Before(f.ReceivedBefore)) &&
		(len(f.States) == 0 || slices.Contains(f.States, c.State))
}

// Compare orders complaints as Store.Complaints yields them: by
// ReceivedAt, then Ref. It returns -1, 0 or +1.
func Compare(a, b Complaint) int {
	if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
		return c
	}
	return a.Ref.Compare(b.Ref)
}
