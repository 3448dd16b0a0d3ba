package sqlstore_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

// migrations lists schema_migrations.
func migrations(t *testing.T, raw *sql.DB) []string {
	t.Helper()
	rows, err := raw.Query("SELECT version FROM schema_migrations ORDER BY version")
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		require.NoError(t, rows.Scan(&v))
		out = append(out, v)
	}
	require.NoError(t, rows.Err())
	return out
}

var allMigrations = []string{"0001_quota", "0002_asset", "0003_complaint", "0004_ticket", "0005_dunning", "0006_billing", "0007_quota_json_form", "0008_ticket_json_form", "0009_billing_json_form", "0010_asset_json_form", "0011_dunning_json_form", "0012_complaint_reminders", "0013_ticket_service_levels"}

// Opening a database again applies no migration again and finds what was
// stored.
func TestReopenKeepsDataAndAppliesNothingTwice(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		where := e.fresh(t)
		db := e.reopen(t, where)
		openAccount(t, db.Quota(), "K-1")
		require.NoError(t, db.Close())

		again := e.reopen(t, where)
		a, err := again.Quota().Account(context.Background(), "K-1")
		require.NoError(t, err)
		require.Equal(t, int64(1), a.Version)
		require.Equal(t, allMigrations, migrations(t, e.raw(t, where)))
	})
}

// Processes opening a new database at once apply each migration once (and
// on SQLite, all of them get the file into WAL mode, which SQLite switches
// without waiting for a busy file).
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		where := e.fresh(t)
		dbs := make([]*sqlstore.DB, 4)
		errs := make([]error, len(dbs))
		var wg sync.WaitGroup
		for i := range dbs {
			wg.Go(func() { dbs[i], errs[i] = e.openAt(context.Background(), where) })
		}
		wg.Wait()
		for i, db := range dbs {
			require.NoError(t, errs[i])
			require.NoError(t, db.Close())
		}
		raw := e.raw(t, where)
		require.Equal(t, allMigrations, migrations(t, raw))
		if !e.postgres {
			var mode string
			require.NoError(t, raw.QueryRow("PRAGMA journal_mode").Scan(&mode))
			require.Equal(t, "wal", mode)
		}
	})
}

// The access log and the secret history cannot be changed behind the
// store's back either: triggers refuse UPDATE and DELETE.
func TestLogAndSecretsAreAppendOnly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.fresh(t)
		s := e.reopen(t, where).Assets()
		require.NoError(t, s.Transact(ctx, func(tx asset.VaultTx) error {
			if err := tx.AddSecret(ctx, asset.SealedSecret{CredentialID: "fw", Version: 1, Sealed: asset.Sealed{KeyID: "k", Data: []byte{1, 2, 3}},
				CreatedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), CreatedBy: "tech"}); err != nil {
				return err
			}
			_, err := tx.AppendLog(ctx, asset.LogEntry{At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), ActorID: "tech", Action: asset.ActionCreate, CredentialID: "fw"})
			return err
		}))
		raw := e.raw(t, where)
		for _, stmt := range []string{
			"UPDATE access_log SET actor_id = 'someone else'",
			"DELETE FROM access_log",
			"UPDATE credential_secrets SET key_id = 'other'",
			"DELETE FROM credential_secrets",
		} {
			_, err := raw.Exec(stmt)
			require.ErrorContains(t, err, "append-only", stmt)
		}
		var n int
		require.NoError(t, raw.QueryRow("SELECT COUNT(*) FROM access_log WHERE actor_id = 'tech'").Scan(&n))
		require.Equal(t, 1, n)
		require.NoError(t, raw.QueryRow("SELECT COUNT(*) FROM credential_secrets WHERE key_id = 'k'").Scan(&n))
		require.Equal(t, 1, n)
	})
}
