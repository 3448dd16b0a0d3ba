package assettest

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
)

// TestStore runs TestInventoryStore and TestVaultStore on a store that
// implements both.
func TestStore(t *testing.T, newStore func(t *testing.T) asset.Store) {
	t.Run("Inventory", func(t *testing.T) {
		TestInventoryStore(t, func(t *testing.T) asset.InventoryStore { return newStore(t) })
	})
	t.Run("Vault", func(t *testing.T) {
		TestVaultStore(t, func(t *testing.T) asset.VaultStore { return newStore(t) })
	})
}

// t0 is the suite's "now": a Monday morning, whole seconds, UTC.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

// cmpOpts compares instants by Equal, so an adapter may return them in
// another location or without a monotonic reading, and treats nil and
// empty slices alike.
var cmpOpts = cmp.Options{cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }), cmpopts.EquateEmpty()}

func diff(t testing.TB, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpOpts); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

// mustGet is require.NoError for calls that return a value:
// mustGet[asset.Asset](t)(s.Asset(ctx, id)).
func mustGet[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}

func wantErr(t testing.TB, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want one matching %v", what, err, target)
	}
}

// collect drains seq, failing the test on an error.
func collect[T any](t testing.TB, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("iterating: %v", err)
		}
		out = append(out, v)
	}
	return out
}

// errBoom is what the suite's failing closures return.
var errBoom = errors.New("assettest: closure failed on purpose")

// sealer is the suite's Sealer: AES-GCM under a key made per store. It is
// a test double, not the host's sealer, so that the suite depends on
// nothing outside the asset package.
type sealer struct{ aead cipher.AEAD }

func newSealer(t testing.TB) *sealer {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	aead, err := cipher.NewGCM(block)
	require.NoError(t, err)
	return &sealer{aead}
}

func (s *sealer) Seal(_ context.Context, plaintext, ad []byte) (asset.Sealed, error) {
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce)
	return asset.Sealed{KeyID: "suite", Data: s.aead.Seal(nonce, nonce, plaintext, ad)}, nil
}

func (s *sealer) Open(_ context.Context, sealed asset.Sealed, ad []byte) ([]byte, error) {
	n := s.aead.NonceSize()
	if sealed.KeyID != "suite" || len(sealed.Data) < n {
		return nil, fmt.Errorf("assettest: not sealed by the suite")
	}
	return s.aead.Open(nil, sealed.Data[:n], sealed.Data[n:], ad)
}
