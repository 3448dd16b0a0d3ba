package memstore

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"

	"github.com/deskcore/deskcore/complaint"
)

// ComplaintStore is the in-memory complaint.Store. Update is pessimistic,
// like a row lock: functions run one at a time under the store's lock, on
// a copy of the complaint, and their result is committed only if they
// return nil. The function must not call the store.
//
// Reference numbers come from a counter per year holding the highest
// number given or imported, as a database keeps it in a counter row.
type ComplaintStore struct {
	mu         sync.Mutex
	complaints map[complaint.Reference]complaint.Complaint
	highest    map[int]int // year -> highest Seq stored
}

var _ complaint.Store = (*ComplaintStore)(nil)

// NewComplaintStore returns an empty ComplaintStore.
func NewComplaintStore() *ComplaintStore {
	return &ComplaintStore{complaints: map[complaint.Reference]complaint.Complaint{}, highest: map[int]int{}}
}

// Create implements complaint.Store.
func (s *ComplaintStore) Create(ctx context.Context, c complaint.Complaint) (complaint.Complaint, error) {
	if err := ctx.Err(); err != nil {
		return complaint.Complaint{}, err
	}
	if err := complaintStorable(c); err != nil {
		return complaint.Complaint{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.Ref.Seq == 0 {
		c.Ref.Seq = s.highest[c.Ref.Year] + 1
	} else if _, taken := s.complaints[c.Ref]; taken {
		return complaint.Complaint{}, fmt.Errorf("memstore: complaint %s exists: %w", c.Ref, complaint.ErrConflict)
	}
	s.highest[c.Ref.Year] = max(s.highest[c.Ref.Year], c.Ref.Seq)
	c.Version = 1
	s.complaints[c.Ref] = c.Clone()
	return c.Clone(), nil
}

// complaintStorable refuses what a database's constraints would: a year
// outside 1..9999, a sequence number below 0 (0 asks for the next) or
// beyond a 32-bit column, a complaint without history.
func complaintStorable(c complaint.Complaint) error {
	switch {
	case c.Ref.Year < 1 || c.Ref.Year > 9999:
		return fmt.Errorf("memstore: reference year %d is not 1 to 9999: %w", c.Ref.Year, complaint.ErrInvalid)
	case c.Ref.Seq < 0 || c.Ref.Seq > 1<<31-1:
		return fmt.Errorf("memstore: reference number %d is not 0 to 2147483647: %w", c.Ref.Seq, complaint.ErrInvalid)
	case len(c.History) == 0:
		return fmt.Errorf("memstore: the complaint has no history: %w", complaint.ErrInvalid)
	}
	return nil
}

// Complaint implements complaint.Store.
func (s *ComplaintStore) Complaint(ctx context.Context, ref complaint.Reference) (complaint.Complaint, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.stored(ctx, ref)
	if err != nil {
		return complaint.Complaint{}, err
	}
	return c.Clone(), nil
}

// Update implements complaint.Store.
func (s *ComplaintStore) Update(ctx context.Context, ref complaint.Reference, fn func(*complaint.Complaint) error) (complaint.Complaint, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.stored(ctx, ref)
	if err != nil {
		return complaint.Complaint{}, err
	}
	version := c.Version
	c = c.Clone()
	if err := fn(&c); err != nil {
		return complaint.Complaint{}, err
	}
	if c.Ref != ref {
		return complaint.Complaint{}, fmt.Errorf("memstore: the update of complaint %s changed its reference: %w", ref, complaint.ErrInvalid)
	}
	c.Version = version + 1       // the store's, whatever fn did
	s.complaints[ref] = c.Clone() // fn may have kept a pointer to c
	return c, nil
}

// Complaints implements complaint.Store. It copies the complaints asked
// for under the lock and yields them after releasing it.
func (s *ComplaintStore) Complaints(ctx context.Context, f complaint.Filter) iter.Seq2[complaint.Complaint, error] {
	return func(yield func(complaint.Complaint, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(complaint.Complaint{}, err)
			return
		}
		s.mu.Lock()
		var found []complaint.Complaint
		for _, c := range s.complaints {
			if f.Matches(c) {
				found = append(found, c.Clone())
			}
		}
		s.mu.Unlock()
		slices.SortFunc(found, complaint.Compare)
		for _, c := range found {
			if !yield(c, nil) {
				return
			}
		}
	}
}

// stored returns the complaint under ref; the caller holds the lock.
func (s *ComplaintStore) stored(ctx context.Context, ref complaint.Reference) (complaint.Complaint, error) {
	if err := ctx.Err(); err != nil {
		return complaint.Complaint{}, err
	}
	c, ok := s.complaints[ref]
	if !ok {
		return complaint.Complaint{}, fmt.Errorf("memstore: complaint %s: %w", ref, complaint.ErrNotFound)
	}
	return c, nil
}
