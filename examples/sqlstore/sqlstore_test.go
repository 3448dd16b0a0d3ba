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

// forEachEngine runs test on SQLite, and on PostgreSQL when postgresEnv
// is set, as subtests named after the engine. open returns a new, empty
// database each time.
func forEachEngine(t *testing.T, test func(t *testing.T, open func(t *testing.T) *sqlstore.DB)) {
	t.Run("SQLite", func(t *testing.T) { test(t, openSQLite) })
	t.Run("PostgreSQL", func(t *testing.T) {
		if os.Getenv(postgresEnv) == "" {
			t.Skipf("%s is not set: the PostgreSQL adapter is not tested (.ci/run starts a server and sets it)", postgresEnv)
		}
		test(t, openPostgres)
	})
}

// openSQLite opens a fresh database file in the test's temporary
// directory.
func openSQLite(t *testing.T) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "deskcore.db"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
)

// openPostgres creates a schema of its own for the test, opens the store
// with the schema as the search_path of every connection, and drops the
// schema when the test ends. It skips the test without postgresEnv.
func openPostgres(t *testing.T) *sqlstore.DB {
	t.Helper()
	dsn := os.Getenv(postgresEnv)
	if dsn == "" {
		t.Skipf("%s is not set", postgresEnv)
	}
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
	ctx := context.Background()
	_, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		require.NoError(t, err)
	})
	db, err := sqlstore.OpenPostgres(ctx, withSearchPath(t, dsn, schema))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) }) // before the schema is dropped
	return db
}

// withSearchPath adds the search_path run-time parameter to a DSN in URL
// or keyword/value form; pgx sends it when it connects.
func withSearchPath(t *testing.T, dsn, schema string) string {
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
