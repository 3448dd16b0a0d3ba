package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"
)

// conn is what a querier runs statements on: a pool or a transaction.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// querier runs the package's statements, written with ? placeholders, on
// c in dialect d.
type querier struct {
	d *dialect
	c conn
}

func (q querier) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !storableText(args) {
		return nil, errUnstorableText
	}
	return q.c.ExecContext(ctx, q.d.rebind(query), args...)
}

func (q querier) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if !storableText(args) {
		return q.c.QueryContext(ctx, noRows)
	}
	return q.c.QueryContext(ctx, q.d.rebind(query), args...)
}

func (q querier) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if !storableText(args) {
		return q.c.QueryRowContext(ctx, noRows)
	}
	return q.c.QueryRowContext(ctx, q.d.rebind(query), args...)
}

// Text that is not valid UTF-8 or holds a NUL byte is the same on both
// engines: no stored row can hold it, so a read by it finds nothing
// (ErrNotFound, as a missing row), and a write of it fails with
// errUnstorableText and stores nothing. PostgreSQL would refuse it with
// SQLSTATE 22021 where SQLite stores it, and a store must give the same
// answer on every engine and never store what it cannot read back.
var errUnstorableText = errors.New("sqlstore: a text is not valid UTF-8 or holds a NUL byte, which no database column keeps")

// noRows is a statement that yields no row, for a read by unstorable text.
const noRows = "SELECT 1 WHERE 1 = 0"

// storableText reports whether every string argument, and every element
// of a []string argument, is valid UTF-8 without NUL.
func storableText(args []any) bool {
	for _, a := range args {
		switch a := a.(type) {
		case string:
			if !storable(a) {
				return false
			}
		case []string: // a PostgreSQL array
			for _, s := range a {
				if !storable(s) {
					return false
				}
			}
		}
	}
	return true
}

// storable reports whether s is valid UTF-8 without NUL.
func storable(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// tx is one transaction running the package's statements. A store method
// begins it, defers Rollback (which does nothing after Commit), runs its
// statements in the open and ends with Commit, so the method reads top to
// bottom:
//
//	tx, err := s.db.beginWrite(ctx)
//	if err != nil {
//		return errs.translate(s.db.d, err, what)
//	}
//	defer tx.Rollback()
//	... tx.exec, tx.queryRow ...
//	return errs.translate(tx.d, tx.Commit(), what)
type tx struct {
	querier // exec, query and queryRow, with ? rebound for the engine
	*sql.Tx // Commit and Rollback
}

// beginWrite starts a write transaction. On SQLite it runs on the one
// writer connection and starts with BEGIN IMMEDIATE (the writer's
// _txlock), which takes the database's write lock at once: write
// transactions run one after another. On PostgreSQL it is READ COMMITTED,
// the server's default; a method that reads a row to write it back locks
// the row with SELECT ... FOR UPDATE.
func (db *DB) beginWrite(ctx context.Context) (tx, error) {
	return db.begin(ctx, db.write, nil)
}

// begin starts a transaction on pool with opts.
func (db *DB) begin(ctx context.Context, pool *sql.DB, opts *sql.TxOptions) (tx, error) {
	t, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return tx{}, err
	}
	return tx{querier{db.d, t}, t}, nil
}

// inTx runs fn in a write transaction with opts and commits if fn returns
// nil; otherwise (or if fn panics) it rolls back and returns fn's error
// unchanged. Opening a database migrates its schema in one.
func (db *DB) inTx(ctx context.Context, opts *sql.TxOptions, fn func(q querier) error) error {
	return runTx(ctx, db.write, db.d, opts, fn)
}

// inReadTx runs fn in a read-only transaction, so that the statements of
// one read see one state of the database.
func (db *DB) inReadTx(ctx context.Context, fn func(q querier) error) error {
	return runTx(ctx, db.read, db.d, db.d.readTx, fn)
}

// writer runs single statements on the write pool, each its own
// transaction.
func (db *DB) writer() querier { return querier{db.d, db.write} }

// reader runs single statements on the read pool: one statement sees one
// state without a transaction.
func (db *DB) reader() querier { return querier{db.d, db.read} }

// runTx is the transaction of inTx and inReadTx: fn's error, or the
// commit's.
func runTx(ctx context.Context, pool *sql.DB, d *dialect, opts *sql.TxOptions, fn func(q querier) error) error {
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(querier{d, tx}); err != nil {
		return err
	}
	return tx.Commit()
}

// scanAll calls scan for every row and closes rows.
func scanAll(rows *sql.Rows, scan func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// queryAll runs query and scans every row with scan.
func (q querier) queryAll(ctx context.Context, scan func(*sql.Rows) error, query string, args ...any) error {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return err
	}
	return scanAll(rows, scan)
}

// pageSize is how many rows a sequence reads per query. Sequences read a
// page, release the connection and yield it, then read the next page
// after the last key yielded (keyset pagination): no cursor or lock is
// held while the loop body runs, so it may call the store.
const pageSize = 256

// stream yields the items page returns, page after page, until a page is
// short. page gets the last item of the previous page, nil for the first.
// An error is yielded once, with a zero item, and ends the sequence.
func stream[T any](yield func(T, error) bool, page func(after *T) ([]T, error)) {
	var after *T
	for {
		items, err := page(after)
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		for i := range items {
			if !yield(items[i], nil) {
				return
			}
		}
		if len(items) < pageSize {
			return
		}
		last := items[len(items)-1]
		after = &last
	}
}

// keyPages streams the rows of query by string key, a page at a time
// (see stream): query selects the rows after a key in key order with
// LIMIT, and takes args, then the last key yielded, then the page size.
// key reads an item's key, scan one row; a failure is translated by errs
// as what.
func keyPages[T any](ctx context.Context, q querier, errs sentinels, what string,
	key func(T) string, scan func(*sql.Rows) (T, error), query string, args ...any) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		stream(yield, func(after *T) ([]T, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			var last string
			if after != nil {
				last = key(*after)
			}
			var page []T
			err := q.queryAll(ctx, func(r *sql.Rows) error {
				v, err := scan(r)
				page = append(page, v)
				return err
			}, query, append(slices.Clip(args), last, pageSize)...)
			if err != nil {
				return nil, errs.translate(q.d, err, what)
			}
			return page, nil
		})
	}
}

// scanString reads a row of one text column.
func scanString(r *sql.Rows) (string, error) {
	var v string
	err := r.Scan(&v)
	return v, err
}

func identity(s string) string { return s }

// wantOneRow returns otherwise unless res wrote exactly one row.
func wantOneRow(res sql.Result, otherwise error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return otherwise
	}
	return nil
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// sentinels are a domain package's errors a driver failure maps to.
type sentinels struct {
	conflict, notFound error
}

// translate maps err to the domain's sentinels: a serialization failure,
// deadlock or busy database to conflict (a concurrent transaction won),
// sql.ErrNoRows to notFound. what says what failed. A unique violation
// becomes conflict too; callers that mean something else by it check
// d.classify first. The driver's error stays in the chain.
func (s sentinels) translate(d *dialect, err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlstore: %s: %w", what, s.notFound)
	}
	switch d.classify(err) {
	case failUnique, failConflict:
		return fmt.Errorf("sqlstore: %s: %w (%w)", what, s.conflict, err)
	}
	return fmt.Errorf("sqlstore: %s: %w", what, err)
}
