package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"slices"
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
// A credential whose row cannot be read is yielded in its place as an
// *UnreadableRowError naming its ID, and the credentials after it follow.
func (s *AssetStore) Credentials(ctx context.Context, customerID string) iter.Seq2[asset.Credential, error] {
	return credentials.listing(ctx, s.db.reader, func(c asset.Credential) any { return c.ID }, "", "customer_id = ?", customerID)
}

// Grants implements asset.VaultStore, a page at a time in ID order. A
// grant whose row cannot be read is yielded in its place as an
// *UnreadableRowError naming its ID, and the grants after it follow.
func (s *AssetStore) Grants(ctx context.Context, customerID string) iter.Seq2[asset.Grant, error] {
	return grants.listing(ctx, s.db.reader, func(g asset.Grant) any { return g.ID }, "", "customer_id = ?", customerID)
}

// Requests implements asset.VaultStore like Grants.
func (s *AssetStore) Requests(ctx context.Context, credentialID string) iter.Seq2[asset.AccessRequest, error] {
	return requests.listing(ctx, s.db.reader, func(r asset.AccessRequest) any { return r.ID }, "", "credential_id = ?", credentialID)
}

// Log implements asset.VaultStore, a page at a time in Seq order. An
// entry whose row cannot be read (an instant past the year 9999 written
// by hand or by an older version, say) is yielded in its place as an
// *UnreadableRowError naming its Seq, and the entries after it follow:
// one bad row does not hide the rest of the log.
func (s *AssetStore) Log(ctx context.Context, f asset.LogFilter) iter.Seq2[asset.LogEntry, error] {
	where, args := "1 = 1", []any{}
	for _, eq := range []struct{ col, v string }{
		{"customer_id", f.CustomerID}, {"credential_id", f.CredentialID}, {"actor_id", f.ActorID},
	} {
		if eq.v != "" {
			where += " AND " + eq.col + " = ?"
			args = append(args, eq.v)
		}
	}
	return accessLog.listing(ctx, s.db.reader, func(e asset.LogEntry) any { return e.Seq }, f.AfterSeq, where, args...)
}

// UnreadableRowError reports a stored row that cannot be read back as a
// value of the domain (an instant past the year 9999 written by hand or
// by an older version, say). Only that row is affected: the others read
// as before. It names the row and the column and carries nothing of the
// row's content, not even the value that could not be read, so it may be
// logged or shown: the row may hold a customer's reasons or notes, and a
// listing across customers (the access log by actor) may meet another
// customer's row. The host finds the row by its key to repair it.
type UnreadableRowError struct {
	Table  string // the table holding the row
	Key    string // the row's key (a grant's or request's ID, a log entry's Seq); empty if even that cannot be read
	Column string // the first column that cannot be read; empty if unknown
}

// Is reports whether target is asset.ErrUnreadableRow, the sentinel by
// which a caller of the vault's listings tells a skipped row from an
// error that ends the sequence.
func (e *UnreadableRowError) Is(target error) bool { return target == asset.ErrUnreadableRow }

// Error implements error.
func (e *UnreadableRowError) Error() string {
	key, col := e.Key, e.Column
	if key == "" {
		key = "with an unreadable key"
	}
	if col == "" {
		col = "a column"
	} else {
		col = "column " + col
	}
	return fmt.Sprintf("sqlstore: the row %s of %s cannot be read: %s holds a value the library does not accept", key, e.Table, col)
}

// badColumn is the error of a record's scan for a value the database
// handed over but the domain refuses, naming the column.
type badColumn string

func (c badColumn) Error() string {
	return "sqlstore: column " + string(c) + " holds a value the library does not accept"
}

// scanErrorColumn finds the column in database/sql's error for a failed
// Scan, whose text otherwise quotes the value.
var scanErrorColumn = regexp.MustCompile(`^sql: Scan error on column index \d+, name "([^"]*)"`)

// unreadable is the *UnreadableRowError for a row of table with key key
// (nil if unknown) that failed to scan with err; err's text is dropped.
// Its Column is empty if err is not about a column's value (a lost
// connection, no row at all).
func unreadable(table string, key any, err error) *UnreadableRowError {
	e := &UnreadableRowError{Table: table}
	if err == nil {
		return e
	}
	switch k := key.(type) {
	case nil:
	case []byte:
		e.Key = string(k)
	default:
		e.Key = fmt.Sprint(k)
	}
	var bc badColumn
	if errors.As(err, &bc) {
		e.Column = string(bc)
	} else if m := scanErrorColumn.FindStringSubmatch(err.Error()); m != nil {
		e.Column = m[1]
	}
	return e
}

// listed is one row of a listing as read: its value and key, or the
// error that kept it from being read.
type listed[T any] struct {
	key any
	v   T
	err error
}

// discard is n destinations that take any column and keep nothing.
func discard(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = new(any)
	}
	return out
}

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
	if bad := unreadable(r.table, id, err); bad.Column != "" {
		return v, bad
	}
	return v, assetErrs.translate(q.d, err, fmt.Sprintf("%s %q", r.what, id))
}

// list reads the values that where (a condition, its ORDER BY and LIMIT)
// selects, all or nothing: a row that cannot be read fails the list with
// its *UnreadableRowError. VaultTx's reads, on which access decisions
// rest, use it, so an unreadable row never passes for a missing one.
func (r record[T]) list(ctx context.Context, q querier, where string, args ...any) ([]T, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []T
	err := q.queryAll(ctx, func(rows *sql.Rows) error {
		v, _, bad := r.read(rows)
		if bad != nil {
			return bad
		}
		out = append(out, v)
		return nil
	}, `SELECT `+r.columns+` FROM `+r.table+` WHERE `+where, args...)
	if err != nil {
		return nil, assetErrs.translate(q.d, err, r.table)
	}
	return out, nil
}

// read scans the current row. A row that cannot be read comes back as an
// *UnreadableRowError with its key, read alone, if that can be read.
func (r record[T]) read(rows *sql.Rows) (T, any, *UnreadableRowError) {
	v, err := r.scan(rows)
	if err == nil {
		return v, nil, nil
	}
	var key any
	if rows.Scan(append([]any{&key}, discard(strings.Count(r.columns, ","))...)...) != nil {
		key = nil
	}
	return v, key, unreadable(r.table, key, err)
}

// listing streams the rows that where (a condition on r's columns, with
// args) selects in key order, a page at a time after the key after (see
// pageSize); keyOf is a value's key. A row that cannot be read is yielded
// in its place as an *UnreadableRowError and the rows after it follow;
// any other error, and a row whose key cannot be read (paging cannot go
// past it), is yielded once and ends the sequence.
func (r record[T]) listing(ctx context.Context, reader func() querier, keyOf func(T) any, after any,
	where string, args ...any) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			q := reader()
			var page []listed[T]
			err := q.queryAll(ctx, func(rows *sql.Rows) error {
				v, key, bad := r.read(rows)
				switch {
				case bad == nil:
					page = append(page, listed[T]{key: keyOf(v), v: v})
				case key == nil:
					return bad
				default:
					page = append(page, listed[T]{key: key, err: bad})
				}
				return nil
			}, `SELECT `+r.columns+` FROM `+r.table+` WHERE `+where+` AND `+r.key()+` > ? ORDER BY `+r.key()+` LIMIT ?`,
				append(slices.Clip(args), after, pageSize)...)
			if err != nil {
				var bad *UnreadableRowError
				if !errors.As(err, &bad) {
					err = assetErrs.translate(q.d, err, r.table)
				}
				yield(zero, err)
				return
			}
			for _, row := range page {
				if !yield(row.v, row.err) {
					return
				}
				after = row.key
			}
			if len(page) < pageSize {
				return
			}
		}
	}
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
		if err == nil && e.ActorKind.UnmarshalText([]byte(kind)) != nil {
			err = badColumn("actor_kind")
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
