package sqlstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/examples/sqlstore"
	"github.com/deskcore/deskcore/quota"
)

// openAccount opens contract id with 100h a month from January 2026.
func openAccount(t *testing.T, s *sqlstore.QuotaStore, id string) {
	t.Helper()
	a, err := quota.NewAccount(quota.Contract{ID: id, CustomerID: "C", Start: date.New(2026, time.January, 1),
		Terms: []quota.Terms{{From: quota.MustParsePeriod("2026-01"), Hours: 100 * time.Hour}}})
	require.NoError(t, err)
	require.NoError(t, s.Create(context.Background(), a))
}

// adjust books a minute on a contract under key.
func adjust(key string) func(*quota.Account) error {
	return func(a *quota.Account) error {
		_, err := a.Adjust(quota.Adjustment{Key: key, Date: date.New(2026, time.January, 2), Hours: time.Minute, Reason: "r", By: "b"})
		return err
	}
}

// done reports whether ch delivers within d.
func done(ch <-chan error, d time.Duration) (error, bool) {
	select {
	case err := <-ch:
		return err, true
	case <-time.After(d):
		return nil, false
	}
}

// An Update holds its contract's row until it commits: a second Update
// of the contract waits and then sees the first one's commit. On
// PostgreSQL the lock is the row's, so an Update of another contract goes
// on meanwhile; on SQLite the single writer serialises every write.
func TestUpdateHoldsTheRow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t).Quota()
		openAccount(t, s, "K-1")
		openAccount(t, s, "K-2")

		inside, release := make(chan struct{}), make(chan struct{})
		// Released on failure too, so the open transaction ends before
		// the cleanup drops the database.
		releaseOnce := sync.OnceFunc(func() { close(release) })
		defer releaseOnce()
		first := make(chan error, 1)
		go func() {
			first <- s.Update(ctx, "K-1", func(a *quota.Account) error {
				close(inside)
				<-release
				return adjust("first")(a)
			})
		}()
		<-inside

		var seen int64
		second := make(chan error, 1)
		go func() {
			second <- s.Update(ctx, "K-1", func(a *quota.Account) error {
				seen = a.Version
				return adjust("second")(a)
			})
		}()
		other := make(chan error, 1)
		go func() { other <- s.Update(ctx, "K-2", adjust("other")) }()

		if e.postgres {
			err, ok := done(other, 10*time.Second)
			require.True(t, ok, "an update of another contract must not wait for the row lock of K-1")
			require.NoError(t, err)
		}
		_, ok := done(second, 300*time.Millisecond)
		require.False(t, ok, "the second update of K-1 did not wait for the first")

		releaseOnce()
		require.NoError(t, <-first)
		require.NoError(t, <-second)
		require.Equal(t, int64(2), seen, "the second update saw the first one's commit")
		a, err := s.Account(ctx, "K-1")
		require.NoError(t, err)
		require.Equal(t, int64(3), a.Version)
		require.Equal(t, 100*time.Hour+2*time.Minute, a.Balance())
		if !e.postgres {
			require.NoError(t, <-other)
		}
	})
}

// Two vault transactions that read a credential and then both write it
// cannot both commit on PostgreSQL (SERIALIZABLE): the later writer gets
// asset.ErrConflict, with the driver's serialization failure in the
// chain, and nothing of it is kept.
func TestVaultSerializationFailureIsConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		if !e.postgres {
			t.Skip("on SQLite vault transactions run one after another: they never overlap")
		}
		ctx := context.Background()
		s := e.open(t).Assets()
		c := asset.Credential{ID: "fw", CustomerID: "c1", Name: "Firewall", Version: 1, CreatedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		require.NoError(t, s.Transact(ctx, func(tx asset.VaultTx) error { return tx.PutCredential(ctx, c) }))

		// Each signal is given once, and on every way out, so that a
		// failure cannot leave a transaction waiting.
		read1, read2, wrote1 := make(chan struct{}), make(chan struct{}), make(chan struct{})
		signal1, signal2 := sync.OnceFunc(func() { close(read1) }), sync.OnceFunc(func() { close(read2) })
		first := make(chan error, 1)
		go func() {
			defer close(wrote1)
			defer signal1()
			first <- s.Transact(ctx, func(tx asset.VaultTx) error {
				c, err := tx.Credential(ctx, "fw")
				if err != nil {
					return err
				}
				signal1()
				<-read2
				c.Notes = "first"
				return tx.PutCredential(ctx, c)
			})
		}()
		err := s.Transact(ctx, func(tx asset.VaultTx) error {
			defer signal2()
			c, err := tx.Credential(ctx, "fw")
			if err != nil {
				return err
			}
			<-read1
			signal2()
			<-wrote1 // the first has committed
			c.Notes = "second"
			return tx.PutCredential(ctx, c)
		})
		require.NoError(t, <-first)
		require.ErrorIs(t, err, asset.ErrConflict)
		var pgErr *pgconn.PgError
		require.True(t, errors.As(err, &pgErr), "the driver's error is kept: %v", err)
		require.Equal(t, "40001", pgErr.Code)
		got, err := s.Credential(ctx, "fw")
		require.NoError(t, err)
		require.Equal(t, "first", got.Notes)
	})
}
