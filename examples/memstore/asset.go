package memstore

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/deskcore/deskcore/asset"
)

// AssetStore is the in-memory asset.Store: inventory, goods receipts, sent
// expiry notices, credentials with their sealed secret versions, grants,
// access requests and the access log. It holds no plaintext secret; what
// it stores is what the Vault's Sealer produced.
//
// UpdateAsset is optimistic: fn runs on a copy without a lock and the
// result is committed only if nobody changed the asset meanwhile, else
// ErrConflict. Transact is pessimistic: transactions run one at a time, so
// fn must not call the AssetStore's own methods (it has tx for that).
type AssetStore struct {
	invMu    sync.RWMutex
	assets   map[string]*assetRecord // records are replaced, never changed
	receipts map[string]asset.Receipt
	notices  map[asset.NoticeKey]time.Time

	vaultMu     sync.RWMutex
	credentials map[string]asset.Credential
	secrets     map[string][]asset.SealedSecret // by credential ID, oldest first
	grants      map[string]asset.Grant
	requests    map[string]asset.AccessRequest
	log         []asset.LogEntry
}

// assetRecord is a stored asset with a revision for optimistic updates.
type assetRecord struct {
	a   asset.Asset
	rev uint64
}

var _ asset.Store = (*AssetStore)(nil)

// NewAssetStore returns an empty AssetStore.
func NewAssetStore() *AssetStore {
	return &AssetStore{
		assets:      map[string]*assetRecord{},
		receipts:    map[string]asset.Receipt{},
		notices:     map[asset.NoticeKey]time.Time{},
		credentials: map[string]asset.Credential{},
		secrets:     map[string][]asset.SealedSecret{},
		grants:      map[string]asset.Grant{},
		requests:    map[string]asset.AccessRequest{},
	}
}

// CreateAsset implements asset.InventoryStore.
func (s *AssetStore) CreateAsset(ctx context.Context, a asset.Asset) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.invMu.Lock()
	defer s.invMu.Unlock()
	if _, ok := s.assets[a.ID]; ok {
		return fmt.Errorf("%w: asset %q exists", asset.ErrConflict, a.ID)
	}
	s.assets[a.ID] = &assetRecord{a: a.Clone(), rev: 1}
	return nil
}

// Asset implements asset.InventoryStore.
func (s *AssetStore) Asset(ctx context.Context, id string) (asset.Asset, error) {
	r, err := s.assetRecord(ctx, id)
	return r.a, err
}

func (s *AssetStore) assetRecord(ctx context.Context, id string) (assetRecord, error) {
	if err := ctx.Err(); err != nil {
		return assetRecord{}, err
	}
	s.invMu.RLock()
	defer s.invMu.RUnlock()
	r, ok := s.assets[id]
	if !ok {
		return assetRecord{}, fmt.Errorf("%w: asset %q", asset.ErrNotFound, id)
	}
	return assetRecord{a: r.a.Clone(), rev: r.rev}, nil
}

// UpdateAsset implements asset.InventoryStore, optimistically.
func (s *AssetStore) UpdateAsset(ctx context.Context, id string, fn func(*asset.Asset) error) (asset.Asset, error) {
	r, err := s.assetRecord(ctx, id)
	if err != nil {
		return asset.Asset{}, err
	}
	if err := fn(&r.a); err != nil {
		return asset.Asset{}, err
	}
	if r.a.ID != id {
		return asset.Asset{}, &asset.ValidationError{Domain: "asset", Problems: []asset.Problem{{Field: "ID", Reason: "cannot change"}}}
	}
	if err := ctx.Err(); err != nil {
		return asset.Asset{}, err
	}
	s.invMu.Lock()
	defer s.invMu.Unlock()
	if s.assets[id].rev != r.rev {
		return asset.Asset{}, fmt.Errorf("%w: asset %q changed meanwhile", asset.ErrConflict, id)
	}
	s.assets[id] = &assetRecord{a: r.a.Clone(), rev: r.rev + 1}
	return r.a, nil
}

// Assets implements asset.InventoryStore. It copies the matching assets
// under a read lock and yields them without it.
func (s *AssetStore) Assets(ctx context.Context, f asset.AssetFilter) iter.Seq2[asset.Asset, error] {
	return func(yield func(asset.Asset, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(asset.Asset{}, err)
			return
		}
		// Records are immutable once stored, so the matches can be read
		// after the lock is released; only the copies handed out are new.
		s.invMu.RLock()
		var found []*assetRecord
		for _, r := range s.assets {
			if f.Matches(r.a) {
				found = append(found, r)
			}
		}
		s.invMu.RUnlock()
		slices.SortFunc(found, func(a, b *assetRecord) int { return cmp.Compare(a.a.ID, b.a.ID) })
		for i, r := range found {
			if i%1024 == 0 && ctx.Err() != nil {
				yield(asset.Asset{}, ctx.Err())
				return
			}
			if !yield(r.a.Clone(), nil) {
				return
			}
		}
	}
}

// assetYield yields items in order, stopping with ctx's error once ctx is
// done.
func assetYield[T any](ctx context.Context, items []T, yield func(T, error) bool) {
	for i, it := range items {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				var zero T
				yield(zero, err)
				return
			}
		}
		if !yield(it, nil) {
			return
		}
	}
}

// AddReceipt implements asset.InventoryStore: all or nothing.
func (s *AssetStore) AddReceipt(ctx context.Context, r asset.Receipt) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.invMu.Lock()
	defer s.invMu.Unlock()
	if _, ok := s.receipts[r.ID]; ok {
		return fmt.Errorf("%w: receipt %q exists", asset.ErrConflict, r.ID)
	}
	for _, a := range r.Assets {
		if _, ok := s.assets[a.ID]; ok {
			return fmt.Errorf("%w: asset %q exists", asset.ErrConflict, a.ID)
		}
	}
	r = r.Clone()
	s.receipts[r.ID] = r
	for _, a := range r.Assets {
		s.assets[a.ID] = &assetRecord{a: a.Clone(), rev: 1}
	}
	return nil
}

// Receipt implements asset.InventoryStore.
func (s *AssetStore) Receipt(ctx context.Context, id string) (asset.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return asset.Receipt{}, err
	}
	s.invMu.RLock()
	defer s.invMu.RUnlock()
	r, ok := s.receipts[id]
	if !ok {
		return asset.Receipt{}, fmt.Errorf("%w: receipt %q", asset.ErrNotFound, id)
	}
	return r.Clone(), nil
}

// RecordNotice implements asset.InventoryStore.
func (s *AssetStore) RecordNotice(ctx context.Context, k asset.NoticeKey, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.invMu.Lock()
	defer s.invMu.Unlock()
	if _, ok := s.notices[k]; ok {
		return fmt.Errorf("%w: notice recorded before", asset.ErrConflict)
	}
	s.notices[k] = at
	return nil
}

// Notified implements asset.InventoryStore.
func (s *AssetStore) Notified(ctx context.Context, k asset.NoticeKey) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.invMu.RLock()
	defer s.invMu.RUnlock()
	_, ok := s.notices[k]
	return ok, nil
}

// Transact implements asset.VaultStore. fn sees a staged copy of its own
// writes on top of the stored state; they are applied only if fn returns
// nil.
func (s *AssetStore) Transact(ctx context.Context, fn func(tx asset.VaultTx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.vaultMu.Lock()
	defer s.vaultMu.Unlock()
	tx := &assetTx{
		s:           s,
		credentials: map[string]asset.Credential{},
		grants:      map[string]asset.Grant{},
		requests:    map[string]asset.AccessRequest{},
	}
	err := fn(tx)
	tx.done = true
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	maps.Copy(s.credentials, tx.credentials)
	maps.Copy(s.grants, tx.grants)
	maps.Copy(s.requests, tx.requests)
	for _, sec := range tx.secrets {
		s.secrets[sec.CredentialID] = append(s.secrets[sec.CredentialID], sec)
	}
	s.log = append(s.log, tx.log...)
	return nil
}

// Credential implements asset.VaultStore.
func (s *AssetStore) Credential(ctx context.Context, id string) (asset.Credential, error) {
	if err := ctx.Err(); err != nil {
		return asset.Credential{}, err
	}
	s.vaultMu.RLock()
	defer s.vaultMu.RUnlock()
	return assetFind(s.credentials, nil, id, "credential")
}

// Credentials implements asset.VaultStore.
func (s *AssetStore) Credentials(ctx context.Context, customerID string) iter.Seq2[asset.Credential, error] {
	return assetList(ctx, s, func() map[string]asset.Credential { return s.credentials },
		func(c asset.Credential) bool { return c.CustomerID == customerID })
}

// Grants implements asset.VaultStore. Every grant in memory can be read,
// so the sequence holds no per-row errors.
func (s *AssetStore) Grants(ctx context.Context, customerID string) iter.Seq2[asset.Grant, error] {
	return assetList(ctx, s, func() map[string]asset.Grant { return s.grants },
		func(g asset.Grant) bool { return g.CustomerID == customerID })
}

// Requests implements asset.VaultStore, like Grants.
func (s *AssetStore) Requests(ctx context.Context, credentialID string) iter.Seq2[asset.AccessRequest, error] {
	return assetList(ctx, s, func() map[string]asset.AccessRequest { return s.requests },
		func(r asset.AccessRequest) bool { return r.CredentialID == credentialID })
}

// assetList streams the values of the vault's map stored that keep
// selects, in ID order, from a copy taken under the vault's read lock
// when the loop starts.
func assetList[T any](ctx context.Context, s *AssetStore, stored func() map[string]T, keep func(T) bool) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if err := ctx.Err(); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		s.vaultMu.RLock()
		found := assetMerged(stored(), nil, keep)
		s.vaultMu.RUnlock()
		assetYield(ctx, found, yield)
	}
}

// Log implements asset.VaultStore.
func (s *AssetStore) Log(ctx context.Context, f asset.LogFilter) iter.Seq2[asset.LogEntry, error] {
	return func(yield func(asset.LogEntry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(asset.LogEntry{}, err)
			return
		}
		s.vaultMu.RLock()
		var found []asset.LogEntry
		for _, e := range s.log {
			if f.Matches(e) {
				found = append(found, e)
			}
		}
		s.vaultMu.RUnlock()
		assetYield(ctx, found, yield)
	}
}

// assetTx is the transaction Transact hands to fn: staged writes over the
// store, which Transact holds locked.
type assetTx struct {
	s           *AssetStore
	credentials map[string]asset.Credential
	grants      map[string]asset.Grant
	requests    map[string]asset.AccessRequest
	secrets     []asset.SealedSecret
	log         []asset.LogEntry
	done        bool
}

var _ asset.VaultTx = (*assetTx)(nil)

func (tx *assetTx) check(ctx context.Context) error {
	if tx.done {
		return fmt.Errorf("memstore: transaction used after Transact returned")
	}
	return ctx.Err()
}

// assetFind looks id up in the staged map, then the stored one.
func assetFind[T any](stored, staged map[string]T, id, what string) (T, error) {
	if v, ok := staged[id]; ok {
		return v, nil
	}
	if v, ok := stored[id]; ok {
		return v, nil
	}
	var zero T
	return zero, fmt.Errorf("%w: %s %q", asset.ErrNotFound, what, id)
}

// assetMerged returns the values of stored overlaid with staged that keep
// selects, in ascending ID order.
func assetMerged[T any](stored, staged map[string]T, keep func(T) bool) []T {
	ids := make([]string, 0)
	for id, v := range stored {
		if _, ok := staged[id]; !ok && keep(v) {
			ids = append(ids, id)
		}
	}
	for id, v := range staged {
		if keep(v) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := make([]T, len(ids))
	for i, id := range ids {
		out[i], _ = assetFind(stored, staged, id, "")
	}
	return out
}

// assetTxGet reads id in tx: staged writes first, then the store.
func assetTxGet[T any](ctx context.Context, tx *assetTx, stored, staged map[string]T, id, what string) (T, error) {
	if err := tx.check(ctx); err != nil {
		var zero T
		return zero, err
	}
	return assetFind(stored, staged, id, what)
}

// assetTxPut stages v under id in tx.
func assetTxPut[T any](ctx context.Context, tx *assetTx, staged map[string]T, id string, v T) error {
	if err := tx.check(ctx); err != nil {
		return err
	}
	staged[id] = v
	return nil
}

func (tx *assetTx) Credential(ctx context.Context, id string) (asset.Credential, error) {
	return assetTxGet(ctx, tx, tx.s.credentials, tx.credentials, id, "credential")
}

func (tx *assetTx) PutCredential(ctx context.Context, c asset.Credential) error {
	return assetTxPut(ctx, tx, tx.credentials, c.ID, c)
}

func (tx *assetTx) Secret(ctx context.Context, credentialID string, version int) (asset.SealedSecret, error) {
	all, err := tx.Secrets(ctx, credentialID)
	if err != nil {
		return asset.SealedSecret{}, err
	}
	for _, sec := range all {
		if sec.Version == version {
			return sec, nil
		}
	}
	return asset.SealedSecret{}, fmt.Errorf("%w: credential %q version %d", asset.ErrNotFound, credentialID, version)
}

func (tx *assetTx) Secrets(ctx context.Context, credentialID string) ([]asset.SealedSecret, error) {
	if err := tx.check(ctx); err != nil {
		return nil, err
	}
	var out []asset.SealedSecret
	for _, sec := range tx.s.secrets[credentialID] {
		out = append(out, sec.Clone())
	}
	for _, sec := range tx.secrets {
		if sec.CredentialID == credentialID {
			out = append(out, sec.Clone())
		}
	}
	return out, nil
}

func (tx *assetTx) AddSecret(ctx context.Context, sec asset.SealedSecret) error {
	if err := tx.check(ctx); err != nil {
		return err
	}
	if _, err := tx.Secret(ctx, sec.CredentialID, sec.Version); err == nil {
		return fmt.Errorf("%w: credential %q version %d exists", asset.ErrConflict, sec.CredentialID, sec.Version)
	}
	tx.secrets = append(tx.secrets, sec.Clone())
	return nil
}

func (tx *assetTx) Grant(ctx context.Context, id string) (asset.Grant, error) {
	return assetTxGet(ctx, tx, tx.s.grants, tx.grants, id, "grant")
}

func (tx *assetTx) Grants(ctx context.Context, customerID string) ([]asset.Grant, error) {
	if err := tx.check(ctx); err != nil {
		return nil, err
	}
	return assetMerged(tx.s.grants, tx.grants, func(g asset.Grant) bool { return g.CustomerID == customerID }), nil
}

func (tx *assetTx) PutGrant(ctx context.Context, g asset.Grant) error {
	return assetTxPut(ctx, tx, tx.grants, g.ID, g)
}

func (tx *assetTx) Request(ctx context.Context, id string) (asset.AccessRequest, error) {
	return assetTxGet(ctx, tx, tx.s.requests, tx.requests, id, "access request")
}

func (tx *assetTx) Requests(ctx context.Context, credentialID string) ([]asset.AccessRequest, error) {
	if err := tx.check(ctx); err != nil {
		return nil, err
	}
	return assetMerged(tx.s.requests, tx.requests, func(r asset.AccessRequest) bool { return r.CredentialID == credentialID }), nil
}

func (tx *assetTx) PutRequest(ctx context.Context, r asset.AccessRequest) error {
	return assetTxPut(ctx, tx, tx.requests, r.ID, r)
}

func (tx *assetTx) AppendLog(ctx context.Context, e asset.LogEntry) (int64, error) {
	if err := tx.check(ctx); err != nil {
		return 0, err
	}
	e.Seq = int64(len(tx.s.log) + len(tx.log) + 1)
	tx.log = append(tx.log, e)
	return e.Seq, nil
}
