package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/asset"
)

// AssetStore is the asset.Store: the inventory on tables assets (with
// asset_attributes), receipts (with receipt_lines and receipt_assets) and
// expiry_notices, and the vault on tables credentials,
// credential_secrets, grants, access_requests and access_log. It holds
// no plaintext secret; what it stores is what the Vault's Sealer produced.
//
// UpdateAsset locks the asset's row for the length of its transaction
// (SELECT ... FOR UPDATE on PostgreSQL, the single writer on SQLite), so
// concurrent updates run one after another and fn sees what the one
// before committed.
//
// Transact runs on PostgreSQL at isolation level SERIALIZABLE: when
// transactions overlap in a way no serial order explains, PostgreSQL
// aborts one and Transact (or the VaultTx method that met the failure)
// returns asset.ErrConflict, having kept nothing. On SQLite vault
// transactions run one at a time on the writer. Access-log entries are
// appended in commit order (PostgreSQL: under LOCK TABLE access_log IN
// EXCLUSIVE MODE, which plain reads pass), so a reader following
// LogFilter.AfterSeq misses nothing. fn must not call the AssetStore's own
// methods: it has tx.
type AssetStore struct{ db *DB }

var _ asset.Store = (*AssetStore)(nil)

var assetErrs = sentinels{conflict: asset.ErrConflict, notFound: asset.ErrNotFound}

const assetColumns = `id, customer_id, site_id, kind, name, model, serial, purchased, warranty_start, warranty_end,
	licence_seats, licence_expires, ownership, contract_id, status`

// CreateAsset implements asset.InventoryStore.
func (s *AssetStore) CreateAsset(ctx context.Context, a asset.Asset) error {
	what := fmt.Sprintf("create asset %q", a.ID)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return assetErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	if err := insertAsset(ctx, tx.querier, a); err != nil {
		return err
	}
	return assetErrs.translate(tx.d, tx.Commit(), what)
}

// insertAsset stores a new asset; a taken ID is ErrConflict.
func insertAsset(ctx context.Context, q querier, a asset.Asset) error {
	_, err := q.exec(ctx, `INSERT INTO assets (`+assetColumns+`, revision) VALUES (`+placeholders(16)+`)`,
		append(assetArgs(a), 1)...)
	if err != nil {
		return assetErrs.translate(q.d, err, fmt.Sprintf("create asset %q", a.ID))
	}
	return insertAttributes(ctx, q, a)
}

// assetArgs are the values of assetColumns for a.
func assetArgs(a asset.Asset) []any {
	return []any{a.ID, a.CustomerID, a.SiteID, string(a.Kind), a.Name, a.Model, a.Serial, dateArg(a.Purchased),
		dateArg(a.Warranty.Start), dateArg(a.Warranty.End), a.Licence.Seats, dateArg(a.Licence.Expires),
		string(a.Ownership), a.ContractID, string(a.Status)}
}

func insertAttributes(ctx context.Context, q querier, a asset.Asset) error {
	for i, at := range a.Attributes {
		_, err := q.exec(ctx, `INSERT INTO asset_attributes (asset_id, pos, name, value) VALUES (?, ?, ?, ?)`, a.ID, i, at.Name, at.Value)
		if err != nil {
			return assetErrs.translate(q.d, err, fmt.Sprintf("attributes of asset %q", a.ID))
		}
	}
	return nil
}

// Asset implements asset.InventoryStore.
func (s *AssetStore) Asset(ctx context.Context, id string) (asset.Asset, error) {
	var found []asset.Asset
	err := s.db.inReadTx(ctx, func(q querier) (err error) {
		found, err = selectAssets(ctx, q, "id = ?", []any{id})
		return err
	})
	if err == nil && len(found) == 0 {
		err = sql.ErrNoRows
	}
	if err != nil {
		return asset.Asset{}, assetErrs.translate(s.db.d, err, fmt.Sprintf("asset %q", id))
	}
	return found[0], nil
}

// selectAssets reads the assets where selects, in ID order, at most
// pageSize, with their attributes.
func selectAssets(ctx context.Context, q querier, where string, args []any) ([]asset.Asset, error) {
	var out []asset.Asset
	at := map[string]int{}
	err := q.queryAll(ctx, func(r *sql.Rows) error {
		var a asset.Asset
		err := r.Scan(&a.ID, &a.CustomerID, &a.SiteID, &a.Kind, &a.Name, &a.Model, &a.Serial, dateCol{&a.Purchased},
			dateCol{&a.Warranty.Start}, dateCol{&a.Warranty.End}, &a.Licence.Seats, dateCol{&a.Licence.Expires},
			&a.Ownership, &a.ContractID, &a.Status)
		at[a.ID] = len(out)
		out = append(out, a)
		return err
	}, `SELECT `+assetColumns+` FROM assets WHERE `+where+` ORDER BY id LIMIT `+fmt.Sprint(pageSize), args...)
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]any, len(out))
	for i, a := range out {
		ids[i] = a.ID
	}
	err = q.queryAll(ctx, func(r *sql.Rows) error {
		var id string
		var attr asset.Attribute
		err := r.Scan(&id, &attr.Name, &attr.Value)
		a := &out[at[id]]
		a.Attributes = append(a.Attributes, attr)
		return err
	}, `SELECT asset_id, name, value FROM asset_attributes WHERE asset_id IN (`+placeholders(len(ids))+`) ORDER BY asset_id, pos`, ids...)
	return out, err
}

// UpdateAsset implements asset.InventoryStore. fn runs once, inside the
// transaction that holds the asset's row lock.
func (s *AssetStore) UpdateAsset(ctx context.Context, id string, fn func(*asset.Asset) error) (asset.Asset, error) {
	var out asset.Asset
	what := fmt.Sprintf("update asset %q", id)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return asset.Asset{}, assetErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	// Lock the row and learn its revision first, then read the asset.
	// FOR UPDATE holds the lock until commit on PostgreSQL; SQLite has
	// no row locks, and BEGIN IMMEDIATE has taken the write lock.
	lock := `SELECT revision FROM assets WHERE id = ?`
	if tx.d.postgres() {
		lock += ` FOR UPDATE`
	}
	var revision int64
	err = tx.queryRow(ctx, lock, id).Scan(&revision)
	var found []asset.Asset
	if err == nil {
		found, err = selectAssets(ctx, tx.querier, "id = ?", []any{id})
	}
	if err == nil && len(found) == 0 {
		err = sql.ErrNoRows
	}
	if err != nil {
		return asset.Asset{}, assetErrs.translate(tx.d, err, what)
	}
	a := found[0]
	if err := fn(&a); err != nil {
		return asset.Asset{}, err
	}
	if a.ID != id {
		return asset.Asset{}, &asset.ValidationError{Domain: "asset", Problems: []asset.Problem{{Field: "ID", Reason: "cannot change"}}}
	}
	out = a.Clone() // fn may keep a pointer to a
	args := append(assetArgs(out)[1:], id, revision)
	res, err := tx.exec(ctx, `UPDATE assets SET customer_id = ?, site_id = ?, kind = ?, name = ?, model = ?, serial = ?,
		purchased = ?, warranty_start = ?, warranty_end = ?, licence_seats = ?, licence_expires = ?,
		ownership = ?, contract_id = ?, status = ?, revision = revision + 1 WHERE id = ? AND revision = ?`, args...)
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("revision %d changed meanwhile: %w", revision, asset.ErrConflict))
	}
	if err != nil {
		return asset.Asset{}, assetErrs.translate(tx.d, err, what)
	}
	if _, err := tx.exec(ctx, `DELETE FROM asset_attributes WHERE asset_id = ?`, id); err != nil {
		return asset.Asset{}, assetErrs.translate(tx.d, err, what)
	}
	if err := insertAttributes(ctx, tx.querier, out); err != nil {
		return asset.Asset{}, err
	}
	if err := tx.Commit(); err != nil {
		return asset.Asset{}, assetErrs.translate(tx.d, err, what)
	}
	return out, nil
}

// Assets implements asset.InventoryStore. It reads a page of assets at a
// time, each page in one read transaction, and holds nothing while
// yielding.
func (s *AssetStore) Assets(ctx context.Context, f asset.AssetFilter) iter.Seq2[asset.Asset, error] {
	return func(yield func(asset.Asset, error) bool) {
		where, args := assetWhere(f)
		stream(yield, func(after *asset.Asset) (page []asset.Asset, err error) {
			w, a := where, args
			if after != nil {
				w, a = where+" AND id > ?", append(args[:len(args):len(args)], after.ID)
			}
			err = s.db.inReadTx(ctx, func(q querier) (err error) {
				page, err = selectAssets(ctx, q, w, a)
				return err
			})
			return page, assetErrs.translate(s.db.d, err, "assets")
		})
	}
}

// assetWhere is f as a WHERE condition with its arguments, with the
// meaning of AssetFilter.Matches: a missing date (NULL) is never within
// the expiry window.
func assetWhere(f asset.AssetFilter) (string, []any) {
	conds := []string{"1 = 1"}
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	for _, eq := range []struct{ col, v string }{
		{"customer_id", f.CustomerID}, {"site_id", f.SiteID}, {"kind", string(f.Kind)},
		{"ownership", string(f.Ownership)}, {"status", string(f.Status)},
	} {
		if eq.v != "" {
			add(eq.col+" = ?", eq.v)
		}
	}
	if f.ExcludeRetired {
		add("status <> ?", string(asset.StatusRetired))
	}
	if f.ExpiringUntil != date.Zero {
		from, until := f.ExpiringFrom.String(), f.ExpiringUntil.String()
		add("((warranty_end >= ? AND warranty_end <= ?) OR (licence_expires >= ? AND licence_expires <= ?))", from, until, from, until)
	}
	return strings.Join(conds, " AND "), args
}

// AddReceipt implements asset.InventoryStore: the receipt, its lines, its
// assets and their snapshots as received in one transaction.
func (s *AssetStore) AddReceipt(ctx context.Context, r asset.Receipt) error {
	what := fmt.Sprintf("add receipt %q", r.ID)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return assetErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	_, err = tx.exec(ctx, `INSERT INTO receipts (id, customer_id, site_id, supplier, delivery_note, received_at, received_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, r.CustomerID, r.SiteID, r.Supplier, r.DeliveryNote, tx.d.timeArg(r.ReceivedAt), r.ReceivedBy)
	if err != nil {
		return assetErrs.translate(tx.d, err, what)
	}
	for i, l := range r.Lines {
		_, err := tx.exec(ctx, `INSERT INTO receipt_lines (receipt_id, pos, description, quantity) VALUES (?, ?, ?, ?)`, r.ID, i, l.Description, l.Quantity)
		if err != nil {
			return assetErrs.translate(tx.d, err, what)
		}
	}
	for i, a := range r.Assets {
		if err := insertAsset(ctx, tx.querier, a); err != nil {
			return err
		}
		received, err := jsonArg(a)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO receipt_assets (receipt_id, pos, asset_id, received) VALUES (?, ?, ?, ?)`, r.ID, i, a.ID, received)
		if err != nil {
			return assetErrs.translate(tx.d, err, what)
		}
	}
	return assetErrs.translate(tx.d, tx.Commit(), what)
}

// Receipt implements asset.InventoryStore.
func (s *AssetStore) Receipt(ctx context.Context, id string) (asset.Receipt, error) {
	var r asset.Receipt
	err := s.db.inReadTx(ctx, func(q querier) error {
		err := q.queryRow(ctx, `SELECT id, customer_id, site_id, supplier, delivery_note, received_at, received_by FROM receipts WHERE id = ?`, id).
			Scan(&r.ID, &r.CustomerID, &r.SiteID, &r.Supplier, &r.DeliveryNote, timeCol{&r.ReceivedAt}, &r.ReceivedBy)
		if err != nil {
			return err
		}
		err = q.queryAll(ctx, func(rows *sql.Rows) error {
			var l asset.ReceiptLine
			err := rows.Scan(&l.Description, &l.Quantity)
			r.Lines = append(r.Lines, l)
			return err
		}, `SELECT description, quantity FROM receipt_lines WHERE receipt_id = ? ORDER BY pos`, id)
		if err != nil {
			return err
		}
		return q.queryAll(ctx, func(rows *sql.Rows) error {
			var a asset.Asset
			err := rows.Scan(jsonCol{&a})
			r.Assets = append(r.Assets, a)
			return err
		}, `SELECT received FROM receipt_assets WHERE receipt_id = ? ORDER BY pos`, id)
	})
	if err != nil {
		return asset.Receipt{}, assetErrs.translate(s.db.d, err, fmt.Sprintf("receipt %q", id))
	}
	return r, nil
}

// RecordNotice implements asset.InventoryStore with one INSERT that does
// nothing for a recorded key.
func (s *AssetStore) RecordNotice(ctx context.Context, k asset.NoticeKey, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	q := s.db.writer()
	res, err := q.exec(ctx, `INSERT INTO expiry_notices (asset_id, subject, expires, lead_days, sent_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (asset_id, subject, expires, lead_days) DO NOTHING`,
		k.AssetID, string(k.Subject), k.Expires.String(), k.LeadDays, q.d.timeArg(at))
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("recorded before: %w", asset.ErrConflict))
	}
	return assetErrs.translate(q.d, err, fmt.Sprintf("notice %+v", k))
}

// Notified implements asset.InventoryStore.
func (s *AssetStore) Notified(ctx context.Context, k asset.NoticeKey) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	q := s.db.reader()
	var n int
	err := q.queryRow(ctx, `SELECT COUNT(*) FROM expiry_notices WHERE asset_id = ? AND subject = ? AND expires = ? AND lead_days = ?`,
		k.AssetID, string(k.Subject), k.Expires.String(), k.LeadDays).Scan(&n)
	return n > 0, assetErrs.translate(q.d, err, fmt.Sprintf("notice %+v", k))
}
