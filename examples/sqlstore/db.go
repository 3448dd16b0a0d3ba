package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is an open database with deskcore's tables: the handle the stores
// share. It is safe for concurrent use; close it when done.
type DB struct {
	d *dialect
	// write runs every write transaction. On SQLite it is a pool of one
	// connection, so writers queue in Go instead of meeting SQLITE_BUSY;
	// on PostgreSQL it is the one pool, read is the same.
	write *sql.DB
	// read serves reads outside write transactions. On SQLite it is a pool
	// of read-only connections, which WAL lets read while a write runs.
	read *sql.DB
}

// postgresConns is how many connections OpenPostgres lets its pool open.
// A closure waits for its row lock holding a connection, so the bound
// keeps a burst of writers on one contract from exhausting the server's
// connections; the rest wait in the pool.
const postgresConns = 10

// sqliteReaders is how many read connections OpenSQLite keeps at most.
const sqliteReaders = 8

// OpenSQLite opens, or creates, the SQLite database file at path and
// brings its schema up to date. It uses modernc.org/sqlite (no cgo) in WAL
// mode (set once on the file) with synchronous=NORMAL (a commit survives a
// crash of the program, the last ones may be lost on a power cut), foreign
// keys on and a busy timeout of ten seconds. Writes go through a single connection whose
// transactions start with BEGIN IMMEDIATE, so they run one at a time,
// also against another process using the same file; reads use up to
// eight read-only connections and never wait for a write.
//
// It returns an error if path is empty or contains '?' (the driver would
// read the rest as options), if the file cannot be in WAL mode (":memory:"
// cannot), or the driver's or a migration's error.
func OpenSQLite(ctx context.Context, path string) (*DB, error) { return openSQLite(ctx, path, "") }

// openSQLite is OpenSQLite with the schema brought up to migration last
// ("" for all).
func openSQLite(ctx context.Context, path, last string) (*DB, error) {
	if path == "" || strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("sqlstore: SQLite path %q is empty or contains '?'", path)
	}
	const common = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	write, err := sql.Open("sqlite", path+"?"+common+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	db := &DB{d: sqliteDialect, write: write, read: write}
	if err := useWAL(ctx, write); err != nil {
		_ = write.Close()
		return nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
	}
	if err := db.migrateTo(ctx, last); err != nil {
		_ = write.Close()
		return nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
	}
	// Opened after the writer switched the file to WAL and created the
	// tables.
	db.read, err = sql.Open("sqlite", path+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		_ = write.Close()
		return nil, err
	}
	db.read.SetMaxOpenConns(sqliteReaders)
	db.read.SetMaxIdleConns(sqliteReaders)
	return db, nil
}

// useWAL puts the SQLite file in WAL mode, which it keeps: later opens
// find it set and take no lock. Switching needs the file to itself, and
// SQLite does not wait for that (the busy handler does not run for it), so
// a process opening a new file while another one does is refused with
// SQLITE_BUSY; useWAL tries again for up to ten seconds.
func useWAL(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode == "wal" {
		return err
	}
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		switch {
		case err == nil && mode != "wal":
			return fmt.Errorf("the file cannot be used in WAL mode (journal mode %q)", mode)
		case err == nil || sqliteDialect.classify(err) != failConflict:
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// OpenPostgres connects to the PostgreSQL database at dsn through
// github.com/jackc/pgx/v5/stdlib and brings its schema up to date. The
// tables go into the first schema of the connection's search_path (set
// it in the DSN: "...&search_path=deskcore"). The pool opens at most ten
// connections: a closure waits for its row lock holding one, so a burst of
// writers waits in the pool rather than exhausting the server's.
//
// It returns the driver's or a migration's error.
func OpenPostgres(ctx context.Context, dsn string) (*DB, error) { return openPostgres(ctx, dsn, "") }

// openPostgres is OpenPostgres with the schema brought up to migration
// last ("" for all).
func openPostgres(ctx context.Context, dsn, last string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(postgresConns)
	pool.SetMaxIdleConns(postgresConns)
	db := &DB{d: postgresDialect, write: pool, read: pool}
	if err := db.migrateTo(ctx, last); err != nil {
		_ = pool.Close()
		return nil, fmt.Errorf("sqlstore: open PostgreSQL: %w", err)
	}
	return db, nil
}

// Close closes the database's connections. Stores made from it fail
// afterwards.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Quota returns the quota.Store on db.
func (db *DB) Quota() *QuotaStore { return &QuotaStore{db: db} }

// Assets returns the asset.Store (inventory and vault) on db.
func (db *DB) Assets() *AssetStore { return &AssetStore{db: db} }

// Complaints returns the complaint.Store on db.
func (db *DB) Complaints() *ComplaintStore { return &ComplaintStore{db: db} }

//go:embed migrations
var migrations embed.FS

// rewrites are the migrations written in Go rather than SQL: each rewrites
// stored documents into a newer form, inside the migration's transaction,
// so a database is either wholly in the old form or wholly in the new.
// Their versions sort among the SQL files' names.
var rewrites = map[string]func(ctx context.Context, db *DB, q querier) error{
	"0007_quota_json_form":   rewriteQuotaDocuments,
	"0008_ticket_json_form":  rewriteTicketDocuments,
	"0009_billing_json_form": rewriteBillingDocuments,
	"0010_asset_json_form":   rewriteAssetDocuments,
	"0011_dunning_json_form": rewriteDunningDocuments,
}

// migrateTo applies the dialect's migrations (SQL files and rewrites)
// that schema_migrations does not list yet, in the order of their names,
// up to and including last ("" for all), each with its row in
// schema_migrations in one transaction. Reopening a database applies
// nothing; two processes opening one database at once apply each
// migration once (the writer lock on SQLite, an advisory lock on
// PostgreSQL).
func (db *DB) migrateTo(ctx context.Context, last string) error {
	dir := path.Join("migrations", db.d.name)
	files, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return err
	}
	script := map[string]string{}
	var versions []string
	for _, name := range files {
		v := strings.TrimSuffix(path.Base(name), ".sql")
		script[v] = name
		versions = append(versions, v)
	}
	for v := range rewrites {
		versions = append(versions, v)
	}
	slices.Sort(versions)
	return db.inTx(ctx, nil, func(q querier) error {
		if db.d.dollar { // SQLite: BEGIN IMMEDIATE has locked the file
			if _, err := q.exec(ctx, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.schema_migrations'))"); err != nil {
				return err
			}
		}
		if _, err := q.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version TEXT PRIMARY KEY,
			applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
			return err
		}
		applied := map[string]bool{}
		rows, err := q.query(ctx, "SELECT version FROM schema_migrations")
		if err != nil {
			return err
		}
		if err := scanAll(rows, func(r *sql.Rows) error {
			var v string
			err := r.Scan(&v)
			applied[v] = true
			return err
		}); err != nil {
			return err
		}
		for _, version := range versions {
			if applied[version] {
				continue
			}
			if last != "" && version > last {
				break
			}
			if rewrite, ok := rewrites[version]; ok {
				if err := rewrite(ctx, db, q); err != nil {
					return fmt.Errorf("sqlstore: migration %s: %w", version, err)
				}
			} else {
				text, err := migrations.ReadFile(script[version])
				if err != nil {
					return err
				}
				// No arguments: both drivers run a script of several statements.
				if _, err := q.c.ExecContext(ctx, string(text)); err != nil {
					return fmt.Errorf("sqlstore: migration %s: %w", version, err)
				}
			}
			if _, err := q.exec(ctx, "INSERT INTO schema_migrations (version) VALUES (?)", version); err != nil {
				return err
			}
		}
		return nil
	})
}
