package ticket

import (
	"context"
	"iter"
	"slices"
	"time"
)

// Store keeps tickets and the outbox of notifications. The host implements
// it on its database; examples/memstore has an in-memory one, and
// ticket/tickettest.TestStore checks any implementation against this
// contract, concurrency and rollback included.
//
// It maps onto two tables and transactions: one row per ticket (the
// scalar fields; comments, attachments, participants, message IDs and the
// audit history as child rows or JSON columns), with a sequence for
// Number, a unique index on IdempotencyKey where it is not empty and a
// partial unique index on AlertKey where it is not empty and the status is
// not closed; and one row per notification with a sequence for its ID and
// a delivered flag (or timestamp), indexed on the undelivered ones.
//
// Every method takes the context first and honours its cancellation.
// Errors other than the sentinels named below are the store's own
// (connection lost, ...) and are passed on unchanged.
type Store interface {
	// Create stores a new ticket inside one transaction: it draws the
	// next Number from the sequence, sets it on t with Version 1, runs fn
	// (if not nil) on t, and then writes the ticket and the notifications
	// fn returned (with their Ticket set to the Number and IDs drawn from
	// the outbox's sequence), atomically. Numbers are unique, also under
	// concurrent Creates; they need not be without gaps.
	//
	// If fn returns an error, nothing is stored and Create returns it
	// unchanged. Create returns a *DuplicateError (matching ErrConflict)
	// when t's IdempotencyKey is taken or its AlertKey is held by a
	// ticket that is not closed; then nothing is stored either. fn must
	// not change Number or Version and must not call the store.
	Create(ctx context.Context, t Ticket, fn func(*Ticket) ([]Notification, error)) (Ticket, error)

	// Ticket returns the stored ticket. It returns an error matching
	// ErrNotFound for an unknown number.
	Ticket(ctx context.Context, n Number) (Ticket, error)

	// Update runs fn on the stored ticket inside one transaction. If fn
	// returns nil, the store writes the ticket back (Version + 1) and
	// appends the notifications fn returned to the outbox, atomically; if
	// fn returns an error, nothing is stored and Update returns that error
	// unchanged. It returns the ticket as committed.
	//
	// fn receives a value that shares nothing with the stored state and
	// must not call the store; it must not change Number or Version.
	// Concurrent Updates of one ticket must not both win: either the
	// store serialises them (a row lock: fn sees what the previous one
	// committed) or it refuses the later commit with an error matching
	// ErrConflict (optimistic versions), in which case it may run fn again
	// itself. fn may therefore run more than once and must not have
	// effects outside the ticket.
	//
	// Update returns an error matching ErrNotFound for an unknown number
	// and a *DuplicateError when the change would make the ticket's
	// IdempotencyKey or AlertKey collide (a reopen while another ticket
	// holds the alert key).
	Update(ctx context.Context, n Number, fn func(*Ticket) ([]Notification, error)) (Ticket, error)

	// ByIdempotencyKey returns the ticket holding key. It returns an error
	// matching ErrNotFound when none does.
	ByIdempotencyKey(ctx context.Context, key string) (Ticket, error)

	// OpenByAlertKey returns the ticket that is not closed and holds
	// alert key key. It returns an error matching ErrNotFound when none
	// does.
	OpenByAlertKey(ctx context.Context, key string) (Ticket, error)

	// Tickets yields the tickets that match f, in ascending Number order.
	// A ticket created or changed during the iteration may be yielded as
	// it was or as it is, or not at all. An error is yielded once, with a
	// zero Ticket, and ends the sequence. Each iteration reads the store
	// anew.
	Tickets(ctx context.Context, f Filter) iter.Seq2[Ticket, error]

	// Pending returns up to limit undelivered notifications (all of them
	// when limit <= 0), oldest (lowest ID) first.
	Pending(ctx context.Context, limit int) ([]Notification, error)

	// MarkDelivered marks notifications delivered, so Pending leaves them
	// out. Marking one twice is not an error. It returns an error matching
	// ErrNotFound, and marks none, if an ID was never issued.
	MarkDelivered(ctx context.Context, ids ...uint64) error
}

// Filter selects tickets for Store.Tickets. Its zero value selects all.
type Filter struct {
	CustomerID string    // "" for all customers
	From, To   time.Time // Received in [From, To); a zero bound is open

	// Statuses selects the tickets in one of these statuses; nil or empty
	// for all. A status that is not valid selects nothing. A store
	// indexes the status, so that the tickets still being worked on are
	// found without reading the closed ones: the SLA watcher asks for
	// Unresolved every few minutes.
	Statuses []Status
}

// Match reports whether t is selected by f.
func (f Filter) Match(t *Ticket) bool {
	return (f.CustomerID == "" || t.CustomerID == f.CustomerID) &&
		(f.From.IsZero() || !t.Received.Before(f.From)) &&
		(f.To.IsZero() || t.Received.Before(f.To)) &&
		(len(f.Statuses) == 0 || slices.Contains(f.Statuses, t.Status))
}
