package memstore

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"
)

// QuotaStore is the in-memory quota.Store. Update is pessimistic, like a
// row lock: functions run one at a time under the store's lock, on a copy
// of the account, and their result is committed only if they return nil.
// The function must not call the store.
//
// Besides the entries, each contract keeps its distinct entry dates with
// the running balance at each, so Balance is a binary search: its cost
// grows with the logarithm of the history, not with its length.
type QuotaStore struct {
	mu      sync.RWMutex
	records map[string]*quotaRecord
	ids     []string // contract IDs; sorted when sorted is true
	sorted  bool
}

// quotaRecord is one contract: its account, its entries and the indexes
// a database would keep.
type quotaRecord struct {
	account quota.Account  // without Pending
	entries quotaEntries   // in Seq order
	keys    map[string]int // idempotency key -> index in entries
	days    []date.Date    // distinct entry dates, ascending
	sums    []time.Duration
	// sums[i] is the balance at the end of days[i]: the sum of the
	// entries dated on or before it.
}

var _ quota.BatchStore = (*QuotaStore)(nil)

// NewQuotaStore returns an empty QuotaStore.
func NewQuotaStore() *QuotaStore {
	return &QuotaStore{records: map[string]*quotaRecord{}, sorted: true}
}

// Create implements quota.Store.
func (s *QuotaStore) Create(ctx context.Context, a quota.Account) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := a.Contract.ID
	if _, ok := s.records[id]; ok {
		return fmt.Errorf("memstore: contract %q exists: %w", id, quota.ErrConflict)
	}
	r := &quotaRecord{keys: map[string]int{}}
	if err := r.checkKeys(a.Pending); err != nil {
		return err
	}
	pending := a.Pending
	a.Pending, a.Version = nil, 0
	r.commit(a.Clone(), pending)
	s.records[id] = r
	s.sorted = s.sorted && (len(s.ids) == 0 || s.ids[len(s.ids)-1] < id)
	s.ids = append(s.ids, id)
	return nil
}

// Account implements quota.Store.
func (s *QuotaStore) Account(ctx context.Context, contractID string) (quota.Account, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, err := s.record(ctx, contractID)
	if err != nil {
		return quota.Account{}, err
	}
	return r.account.Clone(), nil
}

// Update implements quota.Store.
func (s *QuotaStore) Update(ctx context.Context, contractID string, fn func(*quota.Account) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.update(ctx, contractID, fn)
}

// UpdateBatch implements quota.BatchStore: every account's update runs
// under the store's lock, so the batch is one transaction.
func (s *QuotaStore) UpdateBatch(ctx context.Context, ids []string, fn func(*quota.Account) error) ([]error, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	errs := make([]error, len(ids))
	for i, id := range ids {
		errs[i] = s.update(ctx, id, fn)
	}
	return errs, nil
}

// update runs fn on a copy of the account and commits the copy if fn and
// the keys agree; the caller holds the write lock.
func (s *QuotaStore) update(ctx context.Context, contractID string, fn func(*quota.Account) error) error {
	r, err := s.record(ctx, contractID)
	if err != nil {
		return err
	}
	a := r.account.Clone()
	if err := fn(&a); err != nil {
		return err
	}
	if a.Contract.ID != contractID {
		return fmt.Errorf("memstore: the update of contract %q changed its ID: %w", contractID, quota.ErrInvalid)
	}
	if err := r.checkKeys(a.Pending); err != nil {
		return err
	}
	a.Version = r.account.Version // the store's, whatever fn did
	pending := a.Pending
	a.Pending = nil
	r.commit(a.Clone(), pending) // fn may have kept a pointer to a
	return nil
}

// Entry implements quota.Store.
func (s *QuotaStore) Entry(ctx context.Context, contractID, key string) (quota.Entry, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, err := s.record(ctx, contractID)
	if err != nil {
		return quota.Entry{}, err
	}
	i, ok := r.keys[key]
	if !ok {
		return quota.Entry{}, fmt.Errorf("memstore: no entry %q on contract %q: %w", key, contractID, quota.ErrNotFound)
	}
	return r.entries.at(i), nil
}

// Entries implements quota.Store. It copies the entries asked for under
// the lock and yields them after releasing it.
func (s *QuotaStore) Entries(ctx context.Context, contractID string, from, to quota.Period) iter.Seq2[quota.Entry, error] {
	return func(yield func(quota.Entry, error) bool) {
		s.mu.RLock()
		r, err := s.record(ctx, contractID)
		var found []quota.Entry
		if err == nil {
			// Booking periods never go back along Seq, so the entries of a
			// period range are one run.
			es := &r.entries
			lo := sort.Search(es.n, func(i int) bool { return !es.at(i).Period.Before(from) })
			hi := sort.Search(es.n, func(i int) bool { return es.at(i).Period.After(to) })
			for i := lo; i < hi; i++ {
				found = append(found, es.at(i))
			}
		}
		s.mu.RUnlock()
		if err != nil {
			yield(quota.Entry{}, err)
			return
		}
		for _, e := range found {
			if !yield(e, nil) {
				return
			}
		}
	}
}

// Balance implements quota.Store.
func (s *QuotaStore) Balance(ctx context.Context, contractID string, on date.Date) (time.Duration, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, err := s.record(ctx, contractID)
	if err != nil {
		return 0, err
	}
	i, found := slices.BinarySearch(r.days, on)
	if found {
		return r.sums[i], nil
	}
	if i == 0 {
		return 0, nil
	}
	return r.sums[i-1], nil
}

// Contracts implements quota.Store. It yields a snapshot of the IDs taken
// when the iteration starts.
func (s *QuotaStore) Contracts(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if err := ctx.Err(); err != nil {
			yield("", err)
			return
		}
		s.mu.Lock()
		if !s.sorted {
			slices.Sort(s.ids)
			s.sorted = true
		}
		ids := slices.Clone(s.ids)
		s.mu.Unlock()
		for _, id := range ids {
			if !yield(id, nil) {
				return
			}
		}
	}
}

// record returns a contract's record; the caller holds the lock.
func (s *QuotaStore) record(ctx context.Context, contractID string) (*quotaRecord, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r, ok := s.records[contractID]
	if !ok {
		return nil, fmt.Errorf("memstore: contract %q: %w", contractID, quota.ErrNotFound)
	}
	return r, nil
}

// checkKeys refuses pending entries whose keys are booked already or
// repeat among themselves, as a unique index would.
func (r *quotaRecord) checkKeys(pending []quota.Entry) error {
	// A batch of one (the usual posting) needs no set; a billing run's
	// batch of many would cost n*n/2 comparisons without one.
	var seen map[string]struct{}
	if len(pending) > 1 {
		seen = make(map[string]struct{}, len(pending))
	}
	for _, e := range pending {
		_, booked := r.keys[e.Key]
		_, twice := seen[e.Key]
		if booked || twice {
			return fmt.Errorf("memstore: key %q on contract %q: %w", e.Key, e.ContractID, quota.ErrDuplicateKey)
		}
		if seen != nil {
			seen[e.Key] = struct{}{}
		}
	}
	return nil
}

// commit stores the account, which shares nothing with the caller, and
// appends the pending entries; the caller has checked their keys.
func (r *quotaRecord) commit(a quota.Account, pending []quota.Entry) {
	if len(pending) > 8 && len(pending) > len(r.keys) {
		// A batch (a month of work) more than doubles the index: size it
		// once instead of growing it step by step.
		keys := make(map[string]int, len(r.keys)+len(pending))
		maps.Copy(keys, r.keys)
		r.keys = keys
	}
	for _, e := range pending {
		r.keys[e.Key] = r.entries.n
		r.entries.append(e)
		r.addToBalance(e.Date, e.Hours)
	}
	a.Version++
	r.account = a
}

// addToBalance books hours on a day in the running balances. Entries
// mostly come in date order, so the days after it are few.
func (r *quotaRecord) addToBalance(day date.Date, hours time.Duration) {
	i, found := slices.BinarySearch(r.days, day)
	if !found {
		var before time.Duration
		if i > 0 {
			before = r.sums[i-1]
		}
		r.days = slices.Insert(r.days, i, day)
		r.sums = slices.Insert(r.sums, i, before)
	}
	for j := i; j < len(r.sums); j++ {
		r.sums[j] += hours
	}
}

// quotaEntries is an append-only list of entries in chunks of fixed
// size: appending never copies the entries already stored, so a long
// history costs nothing to extend.
type quotaEntries struct {
	chunks [][]quota.Entry
	n      int
}

const quotaChunk = 32

func (es *quotaEntries) at(i int) quota.Entry { return es.chunks[i/quotaChunk][i%quotaChunk] }

func (es *quotaEntries) append(e quota.Entry) {
	if es.n%quotaChunk == 0 {
		es.chunks = append(es.chunks, make([]quota.Entry, 0, quotaChunk))
	}
	last := len(es.chunks) - 1
	es.chunks[last] = append(es.chunks[last], e)
	es.n++
}
