package memstore

import (
	"context"
	"fmt"
	"iter"
	"sync"

	"github.com/deskcore/deskcore/ticket"
)

// TicketStore is the in-memory ticket.Store: tickets, their unique keys
// and the outbox of notifications. Create and Update are pessimistic,
// like a row lock: functions run one at a time under the store's lock, on
// a copy of the ticket, and their result (ticket and notifications) is
// committed only if they return nil. The function must not call the
// store.
//
// Numbers come from the count of tickets, which only a committed Create
// advances, so they have no gaps here (a database sequence may have some)
// and a ticket's number is its index in a slice.
type TicketStore struct {
	mu      sync.RWMutex
	tickets []ticket.Ticket // ticket n at index n-1: numbers are dense here

	keys   map[string]ticket.Number // IdempotencyKey -> ticket
	alerts map[string]ticket.Number // AlertKey -> the ticket holding it that is not closed

	outbox    []ticketOutboxItem // ID i+1 at index i
	undeliver int                // index of the first item that may be undelivered
}

type ticketOutboxItem struct {
	n         ticket.Notification
	delivered bool
}

// ticketBatch is how many tickets Tickets copies per hold of the lock.
const ticketBatch = 256

var _ ticket.Store = (*TicketStore)(nil)

// NewTicketStore returns an empty TicketStore.
func NewTicketStore() *TicketStore {
	return &TicketStore{
		keys:   map[string]ticket.Number{},
		alerts: map[string]ticket.Number{},
	}
}

// Create implements ticket.Store.
func (s *TicketStore) Create(ctx context.Context, t ticket.Ticket, fn func(*ticket.Ticket) ([]ticket.Notification, error)) (ticket.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return ticket.Ticket{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := ticket.Number(len(s.tickets) + 1)
	t = t.Clone()
	t.Number, t.Version = n, 1
	var out []ticket.Notification
	if fn != nil {
		var err error
		if out, err = fn(&t); err != nil {
			return ticket.Ticket{}, err
		}
	}
	if err := s.checkWrite(&t, n, 1, 0); err != nil {
		return ticket.Ticket{}, err
	}
	s.tickets = append(s.tickets, ticket.Ticket{})
	s.commit(t.Clone(), nil, out)
	return t, nil
}

// Ticket implements ticket.Store.
func (s *TicketStore) Ticket(ctx context.Context, n ticket.Number) (ticket.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return ticket.Ticket{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, err := s.stored(n)
	return t.Clone(), err
}

// stored returns ticket n; the caller holds the lock.
func (s *TicketStore) stored(n ticket.Number) (ticket.Ticket, error) {
	if n == 0 || n > ticket.Number(len(s.tickets)) {
		return ticket.Ticket{}, fmt.Errorf("memstore: ticket %s: %w", n, ticket.ErrNotFound)
	}
	return s.tickets[n-1], nil
}

// Update implements ticket.Store.
func (s *TicketStore) Update(ctx context.Context, n ticket.Number, fn func(*ticket.Ticket) ([]ticket.Notification, error)) (ticket.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return ticket.Ticket{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := s.stored(n)
	if err != nil {
		return ticket.Ticket{}, err
	}
	t := old.Clone()
	out, err := fn(&t)
	if err != nil {
		return ticket.Ticket{}, err
	}
	if err := s.checkWrite(&t, n, old.Version, n); err != nil {
		return ticket.Ticket{}, err
	}
	t.Version++
	s.commit(t.Clone(), &old, out)
	return t, nil
}

// checkWrite refuses a changed Number or Version and keys another ticket
// holds, as a primary key and unique indexes would; self is the ticket's
// own number on an update, 0 on a create.
func (s *TicketStore) checkWrite(t *ticket.Ticket, n ticket.Number, version int64, self ticket.Number) error {
	if t.Number != n || t.Version != version {
		return fmt.Errorf("memstore: ticket %s: the function changed Number or Version: %w", n, ticket.ErrInvalid)
	}
	if other, ok := s.keys[t.IdempotencyKey]; ok && t.IdempotencyKey != "" && other != self {
		return &ticket.DuplicateError{Field: "IdempotencyKey", Key: t.IdempotencyKey}
	}
	if other, ok := s.alerts[t.AlertKey]; ok && t.AlertKey != "" && t.Status != ticket.Closed && other != self {
		return &ticket.DuplicateError{Field: "AlertKey", Key: t.AlertKey}
	}
	return nil
}

// commit stores t, moves its keys in the indexes from what old held, and
// appends the notifications; the caller has checked the write.
func (s *TicketStore) commit(t ticket.Ticket, old *ticket.Ticket, out []ticket.Notification) {
	if old != nil {
		if old.IdempotencyKey != "" && s.keys[old.IdempotencyKey] == old.Number {
			delete(s.keys, old.IdempotencyKey)
		}
		if old.AlertKey != "" && s.alerts[old.AlertKey] == old.Number {
			delete(s.alerts, old.AlertKey)
		}
	}
	if t.IdempotencyKey != "" {
		s.keys[t.IdempotencyKey] = t.Number
	}
	if t.AlertKey != "" && t.Status != ticket.Closed {
		s.alerts[t.AlertKey] = t.Number
	}
	s.tickets[t.Number-1] = t
	for _, n := range out {
		n.ID = uint64(len(s.outbox) + 1)
		n.Ticket = t.Number
		s.outbox = append(s.outbox, ticketOutboxItem{n: n})
	}
}

// ByIdempotencyKey implements ticket.Store.
func (s *TicketStore) ByIdempotencyKey(ctx context.Context, key string) (ticket.Ticket, error) {
	return s.byKey(ctx, s.keys, "idempotency key", key)
}

// OpenByAlertKey implements ticket.Store.
func (s *TicketStore) OpenByAlertKey(ctx context.Context, key string) (ticket.Ticket, error) {
	return s.byKey(ctx, s.alerts, "open ticket with alert key", key)
}

func (s *TicketStore) byKey(ctx context.Context, index map[string]ticket.Number, what, key string) (ticket.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return ticket.Ticket{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	n, ok := index[key]
	if !ok || key == "" {
		return ticket.Ticket{}, fmt.Errorf("memstore: no %s %q: %w", what, key, ticket.ErrNotFound)
	}
	return s.tickets[n-1].Clone(), nil
}

// Tickets implements ticket.Store. It copies up to 256 matching tickets
// per hold of the read lock and yields them without it, so a long
// iteration does not block writers.
func (s *TicketStore) Tickets(ctx context.Context, f ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	return func(yield func(ticket.Ticket, error) bool) {
		batch := make([]ticket.Ticket, 0, ticketBatch)
		for pos := 0; ; {
			if err := ctx.Err(); err != nil {
				yield(ticket.Ticket{}, err)
				return
			}
			batch = batch[:0]
			s.mu.RLock()
			for ; pos < len(s.tickets) && len(batch) < ticketBatch; pos++ {
				if t := &s.tickets[pos]; f.Match(t) {
					batch = append(batch, t.Clone())
				}
			}
			done := pos >= len(s.tickets)
			s.mu.RUnlock()
			for _, t := range batch {
				if !yield(t, nil) {
					return
				}
			}
			if done {
				return
			}
		}
	}
}

// Pending implements ticket.Store.
func (s *TicketStore) Pending(ctx context.Context, limit int) ([]ticket.Notification, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []ticket.Notification
	for _, it := range s.outbox[s.undeliver:] {
		if limit > 0 && len(out) == limit {
			break
		}
		if !it.delivered {
			out = append(out, it.n)
		}
	}
	return out, nil
}

// MarkDelivered implements ticket.Store.
func (s *TicketStore) MarkDelivered(ctx context.Context, ids ...uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if id == 0 || id > uint64(len(s.outbox)) {
			return fmt.Errorf("memstore: notification %d: %w", id, ticket.ErrNotFound)
		}
	}
	for _, id := range ids {
		s.outbox[id-1].delivered = true
	}
	for s.undeliver < len(s.outbox) && s.outbox[s.undeliver].delivered {
		s.undeliver++
	}
	return nil
}
