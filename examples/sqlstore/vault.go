package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"

	"github.com/deskcore/deskcore/asset"
)

// Transact implements asset.VaultStore: fn runs once, in one transaction
// (SERIALIZABLE on PostgreSQL, the single writer on SQLite). fn's error
// comes back unchanged; a serialization failure or deadlock, met by a
// VaultTx method or at the commit, is asset.ErrConflict.
func (s *AssetStore) Transact(ctx context.Context, fn func(tx asset.VaultTx) error) error {
	tx, err := s.db.begin(ctx, s.db.write, s.db.d.vaultTx)
	if err != nil {
		return assetErrs.translate(s.db.d, err, "vault transaction")
	}
	defer tx.Rollback()

	if err := fn(vaultTx{tx.querier}); err != nil {
		return err
	}
	return assetErrs.translate(tx.d, tx.Commit(), "vault transaction")
}

// Credential implements asset.VaultStore.
func (s *AssetStore) Credential(ctx context.Context, id string) (asset.Credential, error) {
	return credentials.get(ctx, s.db.reader(), id)
}

// Credentials implements asset.VaultStore, a page at a time in ID order.
func (s *AssetStore) Credentials(ctx context.Context, customerID string) iter.Seq2[asset.Credential, error] {
	return func(yield func(asset.Credential, error) bool) {
		stream(yield, func(after *asset.Credential) ([]asset.Credential, error) {
			var last string
			if after != nil {
				last = after.ID
			}
			return credentials.list(ctx, s.db.reader(), "customer_id = ? AND id > ? ORDER BY id LIMIT ?", customerID, last, pageSize)
		})
	}
}

// Log implements asset.VaultStore, a page at a time in Seq order. An
// entry whose row cannot be read (an instant past the year 9999 written
// by hand or by an older version, say) is yielded in its place as an
// *UnreadableRowError naming its Seq, and the entries after it follow:
// one bad row does not hide the rest of the log.
func (s *AssetStore) Log(ctx context.Context, f asset.LogFilter) iter.Seq2[asset.LogEntry, error] {
	return func(yield func(asset.LogEntry, error) bool) {
		seq := f.AfterSeq
		for {
			if err := ctx.Err(); err != nil {
				yield(asset.LogEntry{}, err)
				return
			}
			where, args := "seq > ?", []any{seq}
			for _, eq := range []struct{ col, v string }{
				{"customer_id", f.CustomerID}, {"credential_id", f.CredentialID}, {"actor_id", f.ActorID},
			} {
				if eq.v != "" {
					where += " AND " + eq.col + " = ?"
					args = append(args, eq.v)
				}
			}
			q := s.db.reader()
			var page []logRow
			err := q.queryAll(ctx, func(rows *sql.Rows) error {
				e, err := accessLog.scan(rows)
				if err != nil {
					// Read the key alone: the row is skipped, not the log.
					var key int64
					if kerr := rows.Scan(append([]any{&key}, discard(len(accessLogColumns)-1)...)...); kerr != nil {
						return err
					}
					page = append(page, logRow{seq: key, err: &UnreadableRowError{Table: accessLog.table, Key: fmt.Sprint(key), Err: err}})
					return nil
				}
				page = append(page, logRow{seq: e.Seq, e: e})
				return nil
			}, `SELECT `+accessLog.columns+` FROM access_log WHERE `+where+` ORDER BY seq LIMIT ?`, append(args, pageSize)...)
			if err != nil {
				yield(asset.LogEntry{}, assetErrs.translate(q.d, err, accessLog.table))
				return
			}
			for _, r := range page {
				if !yield(r.e, r.err) {
					return
				}
				seq = r.seq
			}
			if len(page) < pageSize {
				return
			}
		}
	}
}

// logRow is one row of the access log as read: its entry, or the error
// that kept it from being read.
type logRow struct {
	seq int64
	e   asset.LogEntry
	err error
}

var accessLogColumns = strings.Split(accessLog.columns, ", ")

// discard is n destinations that take any column and keep nothing.
func discard(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = new(any)
	}
	return out
}

// UnreadableRowError reports a stored row that cannot be read back as a
// value of the domain (an instant past the year 9999 written by hand or
// by an older version, say). Only that row is affected: the others read
// as before. Key is the row's key (an access-log entry's Seq); the row's
// content is not in the error.
type UnreadableRowError struct {
	Table string // the table holding the row
	Key   string // the row's key
	Err   error  // why it could not be read
}

// Error implements error.
func (e *UnreadableRowError) Error() string {
	return fmt.Sprintf("sqlstore: the row %s of %s cannot be read: %v", e.Key, e.Table, e.Err)
}

// Unwrap returns the reason.
func (e *UnreadableRowError) Unwrap() error { return e.Err }

// scanner is a row: *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// record says how one of the vault's tables holds values of type T:
// columns in the order scan reads and args writes them, the first being
// the key id (access_log's seq).
type record[T any] struct {
	table, what, columns string
	scan                 func(scanner) (T, error)
	args                 func(d *dialect, v T) []any
}

// get reads the value with the key id, or ErrNotFound.
func (r record[T]) get(ctx context.Context, q querier, id any) (T, error) {
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	v, err := r.scan(q.queryRow(ctx, `SELECT `+r.columns+` FROM `+r.table+` WHERE `+r.key()+` = ?`, id))
	return v, assetErrs.translate(q.d, err, fmt.Sprintf("%s %q", r.what, id))
}

// list reads the values that where (a condition, its ORDER BY and LIMIT)
// selects.
func (r record[T]) list(ctx context.Context, q querier, where string, args ...any) ([]T, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []T
	err := q.queryAll(ctx, func(rows *sql.Rows) error {
		v, err := r.scan(rows)
		out = append(out, v)
		return err
	}, `SELECT `+r.columns+` FROM `+r.table+` WHERE `+where, args...)
	if err != nil {
		return nil, assetErrs.translate(q.d, err, r.table)
	}
	return out, nil
}

// put inserts v or replaces the row with its key.
func (r record[T]) put(ctx context.Context, q querier, v T) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	cols := strings.Split(r.columns, ", ")
	set := make([]string, len(cols)-1)
	for i, c := range cols[1:] {
		set[i] = c + " = excluded." + c
	}
	args := r.args(q.d, v)
	_, err := q.exec(ctx, `INSERT INTO `+r.table+` (`+r.columns+`) VALUES (`+placeholders(len(cols))+`)
		ON CONFLICT (`+r.key()+`) DO UPDATE SET `+strings.Join(set, ", "), args...)
	return assetErrs.translate(q.d, err, fmt.Sprintf("put %s %q", r.what, args[0]))
}

func (r record[T]) key() string { return r.columns[:strings.IndexByte(r.columns, ',')] }

var credentials = record[asset.Credential]{
	table: "credentials", what: "credential",
	columns: "id, customer_id, asset_id, name, username, url, notes, expires, version, created_at, created_by, updated_at, updated_by",
	scan: func(r scanner) (c asset.Credential, err error) {
		err = r.Scan(&c.ID, &c.CustomerID, &c.AssetID, &c.Name, &c.Username, &c.URL, &c.Notes, dateCol{&c.Expires}, &c.Version,
			timeCol{&c.CreatedAt}, &c.CreatedBy, timeCol{&c.UpdatedAt}, &c.UpdatedBy)
		return c, err
	},
	args: func(d *dialect, c asset.Credential) []any {
		return []any{c.ID, c.CustomerID, c.AssetID, c.Name, c.Username, c.URL, c.Notes, dateArg(c.Expires), c.Version,
			d.timeArg(c.CreatedAt), c.CreatedBy, d.timeArg(c.UpdatedAt), c.UpdatedBy}
	},
}

var grants = record[asset.Grant]{
	table: "grants", what: "grant",
	columns: "id, customer_id, credential_id, role, actor_id, expires, granted_by, granted_at, revoked_by, revoked_at",
	scan: func(r scanner) (g asset.Grant, err error) {
		err = r.Scan(&g.ID, &g.CustomerID, &g.CredentialID, &g.Role, &g.ActorID, timeCol{&g.Expires}, &g.GrantedBy,
			timeCol{&g.GrantedAt}, &g.RevokedBy, timeCol{&g.RevokedAt})
		return g, err
	},
	args: func(d *dialect, g asset.Grant) []any {
		return []any{g.ID, g.CustomerID, g.CredentialID, g.Role, g.ActorID, d.timeArg(g.Expires), g.GrantedBy,
			d.timeArg(g.GrantedAt), g.RevokedBy, d.timeArg(g.RevokedAt)}
	},
}

var requests = record[asset.AccessRequest]{
	table: "access_requests", what: "access request",
	columns: "id, credential_id, customer_id, contact_id, reason, requested_at, status, decided_by, decided_at, decision_reason, expires",
	scan: func(r scanner) (a asset.AccessRequest, err error) {
		err = r.Scan(&a.ID, &a.CredentialID, &a.CustomerID, &a.ContactID, &a.Reason, timeCol{&a.RequestedAt}, &a.Status,
			&a.DecidedBy, timeCol{&a.DecidedAt}, &a.DecisionReason, timeCol{&a.Expires})
		return a, err
	},
	args: func(d *dialect, a asset.AccessRequest) []any {
		return []any{a.ID, a.CredentialID, a.CustomerID, a.ContactID, a.Reason, d.timeArg(a.RequestedAt), string(a.Status),
			a.DecidedBy, d.timeArg(a.DecidedAt), a.DecisionReason, d.timeArg(a.Expires)}
	},
}

// secrets are keyed by (credential_id, version), so Secret reads them with
// list, and a version is only ever inserted (AddSecret), never put.
var secrets = record[asset.SealedSecret]{
	table: "credential_secrets", what: "secret",
	columns: "credential_id, version, key_id, sealed, created_at, created_by",
	scan: func(r scanner) (s asset.SealedSecret, err error) {
		err = r.Scan(&s.CredentialID, &s.Version, &s.Sealed.KeyID, &s.Sealed.Data, timeCol{&s.CreatedAt}, &s.CreatedBy)
		return s, err
	},
	args: func(d *dialect, s asset.SealedSecret) []any {
		return []any{s.CredentialID, s.Version, s.Sealed.KeyID, s.Sealed.Data, d.timeArg(s.CreatedAt), s.CreatedBy}
	},
}

// accessLog is read only: entries are inserted by AppendLog, which lets
// the database number them.
var accessLog = record[asset.LogEntry]{
	table: "access_log", what: "log entry",
	columns: "seq, at, actor_id, actor_kind, action, customer_id, credential_id, version, ref, reason, denied, cause",
	scan: func(r scanner) (e asset.LogEntry, err error) {
		var kind string
		err = r.Scan(&e.Seq, timeCol{&e.At}, &e.ActorID, &kind, &e.Action, &e.CustomerID, &e.CredentialID,
			&e.Version, &e.Ref, &e.Reason, &e.Denied, &e.Cause)
		if err == nil {
			err = e.ActorKind.UnmarshalText([]byte(kind))
		}
		return e, err
	},
	args: func(d *dialect, e asset.LogEntry) []any {
		return []any{e.Seq, d.timeArg(e.At), e.ActorID, e.ActorKind.String(), string(e.Action), e.CustomerID, e.CredentialID,
			e.Version, e.Ref, e.Reason, e.Denied, string(e.Cause)}
	},
}

// vaultTx is the VaultTx of a Transact.
type vaultTx struct{ q querier }

var _ asset.VaultTx = vaultTx{}

// Credential implements asset.VaultTx.
func (tx vaultTx) Credential(ctx context.Context, id string) (asset.Credential, error) {
	return credentials.get(ctx, tx.q, id)
}

// PutCredential implements asset.VaultTx with an upsert.
func (tx vaultTx) PutCredential(ctx context.Context, c asset.Credential) error {
	return credentials.put(ctx, tx.q, c)
}

// Secret implements asset.VaultTx.
func (tx vaultTx) Secret(ctx context.Context, credentialID string, version int) (asset.SealedSecret, error) {
	found, err := secrets.list(ctx, tx.q, "credential_id = ? AND version = ?", credentialID, version)
	if err == nil && len(found) == 0 {
		err = fmt.Errorf("sqlstore: credential %q version %d: %w", credentialID, version, asset.ErrNotFound)
	}
	if err != nil {
		return asset.SealedSecret{}, err
	}
	return found[0], nil
}

// Secrets implements asset.VaultTx.
func (tx vaultTx) Secrets(ctx context.Context, credentialID string) ([]asset.SealedSecret, error) {
	return secrets.list(ctx, tx.q, "credential_id = ? ORDER BY version", credentialID)
}

// AddSecret implements asset.VaultTx. The INSERT does nothing for a
// version that exists, so the transaction stays usable after the
// conflict (a failed statement would abort it on PostgreSQL).
func (tx vaultTx) AddSecret(ctx context.Context, s asset.SealedSecret) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	what := fmt.Sprintf("add credential %q version %d", s.CredentialID, s.Version)
	res, err := tx.q.exec(ctx, `INSERT INTO credential_secrets (`+secrets.columns+`) VALUES (`+placeholders(6)+`)
		ON CONFLICT (credential_id, version) DO NOTHING`, secrets.args(tx.q.d, s)...)
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("the version exists: %w", asset.ErrConflict))
	}
	return assetErrs.translate(tx.q.d, err, what)
}

// Grant implements asset.VaultTx.
func (tx vaultTx) Grant(ctx context.Context, id string) (asset.Grant, error) {
	return grants.get(ctx, tx.q, id)
}

// Grants implements asset.VaultTx.
func (tx vaultTx) Grants(ctx context.Context, customerID string) ([]asset.Grant, error) {
	return grants.list(ctx, tx.q, "customer_id = ? ORDER BY id", customerID)
}

// PutGrant implements asset.VaultTx with an upsert.
func (tx vaultTx) PutGrant(ctx context.Context, g asset.Grant) error { return grants.put(ctx, tx.q, g) }

// Request implements asset.VaultTx.
func (tx vaultTx) Request(ctx context.Context, id string) (asset.AccessRequest, error) {
	return requests.get(ctx, tx.q, id)
}

// Requests implements asset.VaultTx.
func (tx vaultTx) Requests(ctx context.Context, credentialID string) ([]asset.AccessRequest, error) {
	return requests.list(ctx, tx.q, "credential_id = ? ORDER BY id", credentialID)
}

// PutRequest implements asset.VaultTx with an upsert.
func (tx vaultTx) PutRequest(ctx context.Context, r asset.AccessRequest) error {
	return requests.put(ctx, tx.q, r)
}

// AppendLog implements asset.VaultTx: the database numbers the entry,
// whatever e.Seq says.
func (tx vaultTx) AppendLog(ctx context.Context, e asset.LogEntry) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if tx.q.d.lockLog != "" {
		if _, err := tx.q.exec(ctx, tx.q.d.lockLog); err != nil {
			return 0, assetErrs.translate(tx.q.d, err, "lock the access log")
		}
	}
	cols, _ := strings.CutPrefix(accessLog.columns, "seq, ")
	var seq int64
	err := tx.q.queryRow(ctx, `INSERT INTO access_log (`+cols+`) VALUES (`+placeholders(11)+`) RETURNING seq`,
		accessLog.args(tx.q.d, e)[1:]...).Scan(&seq)
	return seq, assetErrs.translate(tx.q.d, err, "append to the access log")
}
