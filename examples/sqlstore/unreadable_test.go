package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/examples/sqlstore"
)

// A log entry stored with an instant the library no longer accepts (the
// year 10000, written by hand or by an older version) is reported as an
// error naming its Seq, in its place in the log: the entries around it
// stay readable.
func TestLogRowWithAnInstantPastTheYear9999IsReportedAloneAndTheOthersRead(t *testing.T) {
	ctx := context.Background()
	e := engine{fresh: freshSQLite, openAt: sqlstore.OpenSQLite, driver: "sqlite"}
	where := e.fresh(t)
	s := e.reopen(t, where).Assets()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	appendLog := func() {
		require.NoError(t, s.Transact(ctx, func(tx asset.VaultTx) error {
			_, err := tx.AppendLog(ctx, asset.LogEntry{At: at, ActorID: "anna",
				ActorKind: asset.ActorStaff, Action: asset.ActionReveal, CustomerID: "c1", CredentialID: "cr1", Version: 1})
			return err
		}))
	}
	appendLog()
	appendLog()
	_, err := e.raw(t, where).ExecContext(ctx, `INSERT INTO access_log
		(at, actor_id, actor_kind, action, customer_id, credential_id, version, ref, reason, denied, cause)
		VALUES ('10000-01-01T00:00:00Z', 'anna', 'staff', 'reveal', 'c1', 'cr1', 1, '', '', false, '')`)
	require.NoError(t, err)
	appendLog()

	var seqs []int64
	var bad []error
	for le, err := range s.Log(ctx, asset.LogFilter{CustomerID: "c1"}) {
		if err != nil {
			bad = append(bad, err)
			continue
		}
		seqs = append(seqs, le.Seq)
	}
	require.Equal(t, []int64{1, 2, 4}, seqs, "the readable entries")
	require.Len(t, bad, 1)
	var ue *sqlstore.UnreadableRowError
	require.True(t, errors.As(bad[0], &ue), "%v is an *UnreadableRowError", bad[0])
	require.Equal(t, "access_log", ue.Table)
	require.Equal(t, "3", ue.Key)
	require.Equal(t, "at", ue.Column)
	require.NotContains(t, ue.Error(), "10000", "the error shows the stored value")
}
