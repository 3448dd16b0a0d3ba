package sqlstore_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/examples/sqlstore"
)

// postgresEnv names the environment variable with the DSN of a PostgreSQL
// database the tests may create schemas in. .ci/run starts a throwaway
// server and sets it.
const postgresEnv = "DESKCORE_POSTGRES_DSN"

// engine is one of the databases the tests run on.
type engine struct {
	postgres bool
	// fresh makes a new, empty database for the test and returns where
	// it is: a file path (SQLite) or a DSN (PostgreSQL).
	fresh func(t *testing.T) string
	// openAt opens the database at where, as the host would.
	openAt func(ctx context.Context, where string) (*sqlstore.DB, error)
	// driver is the database/sql driver for looking at a database behind
	// the store's back.
	driver string
}

// forEachEngine runs test on SQLite, and on PostgreSQL when postgresEnv
// is set, as subtests named after the engine.
func forEachEngine(t *testing.T, test func(t *testing.T, e engine)) {
	t.Run("SQLite", func(t *testing.T) {
		test(t, engine{fresh: freshSQLite, openAt: sqlstore.OpenSQLite, driver: "sqlite"})
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		if os.Getenv(postgresEnv) == "" {
			t.Skipf("%s is not set: the PostgreSQL adapter is not tested (.ci/run starts a server and sets it)", postgresEnv)
		}
		test(t, engine{postgres: true, fresh: func(t *testing.T) string { return freshPostgres(t) }, openAt: sqlstore.OpenPostgres, driver: "pgx"})
	})
}

// open opens a new, empty database, closed when the test ends.
func (e engine) open(t *testing.T) *sqlstore.DB {
	t.Helper()
	return e.reopen(t, e.fresh(t))
}

// reopen opens the database at where, closed when the test ends.
func (e engine) reopen(t *testing.T, where string) *sqlstore.DB {
	t.Helper()
	db, err := e.openAt(context.Background(), where)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

// raw connects to the database at where without the store.
func (e engine) raw(t *testing.T, where string) *sql.DB {
	t.Helper()
	db, err := sql.Open(e.driver, where)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

// freshSQLite is a database file in the test's temporary directory.
func freshSQLite(t *testing.T) string {
	return filepath.Join(t.TempDir(), "deskcore.db")
}

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
)

// freshPostgres creates a schema of its own for the test and returns the
// DSN with the schema as the search_path of every connection; the schema
// is dropped when the test ends, after the stores on it are closed.
func freshPostgres(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(postgresEnv)
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", dsn)
		if adminErr == nil {
			admin.SetMaxOpenConns(4)
			adminErr = admin.Ping()
		}
	})
	require.NoError(t, adminErr, "connecting to %s", postgresEnv)

	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "deskcore_test_" + hex.EncodeToString(b)
	_, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		require.NoError(t, err)
	})
	return withSearchPath(t, dsn, schema)
}

// withSearchPath adds the search_path run-time parameter to a DSN in URL
// or keyword/value form; pgx sends it when it connects.
func withSearchPath(t testing.TB, dsn, schema string) string {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return fmt.Sprintf("%s search_path=%s", dsn, schema)
	}
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
