package memstore

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sync"

	"github.com/deskcore/deskcore/billing/dunning"
)

// DunningStore is the in-memory dunning.Store. UpdateCase is
// pessimistic, like a row lock: functions run one at a time under the
// store's lock, on a deep copy of the case, and their result is committed
// only if they return nil. The function must not call the store.
type DunningStore struct {
	mu    sync.RWMutex
	cases map[string]*dunning.Case
}

var _ dunning.Store = (*DunningStore)(nil)

// NewDunningStore returns an empty DunningStore.
func NewDunningStore() *DunningStore {
	return &DunningStore{cases: map[string]*dunning.Case{}}
}

// CreateCase implements dunning.Store.
func (s *DunningStore) CreateCase(ctx context.Context, c dunning.Case) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := c.Invoice.Number
	if _, ok := s.cases[id]; ok {
		return fmt.Errorf("memstore: dunning case of invoice %q exists: %w", id, dunning.ErrConflict)
	}
	c = c.Clone()
	c.Version = 1
	s.cases[id] = &c
	return nil
}

// Case implements dunning.Store.
func (s *DunningStore) Case(ctx context.Context, invoice string) (dunning.Case, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, err := s.dunningCase(ctx, invoice)
	if err != nil {
		return dunning.Case{}, err
	}
	return c.Clone(), nil
}

// UpdateCase implements dunning.Store.
func (s *DunningStore) UpdateCase(ctx context.Context, invoice string, fn func(*dunning.Case) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	stored, err := s.dunningCase(ctx, invoice)
	if err != nil {
		return err
	}
	c := stored.Clone()
	if err := fn(&c); err != nil {
		return err
	}
	if c.Invoice.Number != invoice {
		return fmt.Errorf("memstore: the update of dunning case %q changed its invoice number: %w", invoice, dunning.ErrInvalid)
	}
	committed := c.Clone() // fn may have kept a pointer to c
	committed.Version = stored.Version + 1
	*stored = committed
	return nil
}

// Cases implements dunning.Store. It yields a snapshot of the
// invoice numbers taken when the iteration starts, sorted then: listing
// cases is rare (worklists, reports), so no index is kept for it.
func (s *DunningStore) Cases(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if err := ctx.Err(); err != nil {
			yield("", err)
			return
		}
		s.mu.RLock()
		ids := slices.Sorted(maps.Keys(s.cases))
		s.mu.RUnlock()
		for _, id := range ids {
			if !yield(id, nil) {
				return
			}
		}
	}
}

// dunningCase returns the stored case; the caller holds the lock.
func (s *DunningStore) dunningCase(ctx context.Context, invoice string) (*dunning.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, ok := s.cases[invoice]
	if !ok {
		return nil, fmt.Errorf("memstore: no dunning case of invoice %q: %w", invoice, dunning.ErrNotFound)
	}
	return c, nil
}
