package aesgcm_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/examples/aesgcm"
	"github.com/deskcore/deskcore/examples/memstore"
)

func key(id string, fill byte) aesgcm.Key {
	return aesgcm.Key{ID: id, Bytes: bytes.Repeat([]byte{fill}, 32)}
}

func newSealer(t testing.TB, cfg aesgcm.Config) *aesgcm.Sealer {
	t.Helper()
	s, err := aesgcm.New(cfg)
	require.NoError(t, err)
	return s
}

var (
	ctx = context.Background()
	ad  = []byte("credential fw version 1")
)

func TestRoundTrip(t *testing.T) {
	s := newSealer(t, aesgcm.Config{Current: key("k1", 1)})
	for _, n := range []int{1, 15, 16, 17, 4096} {
		plain := bytes.Repeat([]byte("p"), n)
		sealed, err := s.Seal(ctx, plain, ad)
		if err != nil {
			t.Fatal(err)
		}
		if sealed.KeyID != "k1" || len(sealed.Data) != 1+12+n+16 {
			t.Errorf("%d bytes sealed as key %q, %d bytes; want k1, %d", n, sealed.KeyID, len(sealed.Data), 1+12+n+16)
		}
		if n >= 4 && bytes.Contains(sealed.Data, plain[:4]) {
			t.Errorf("%d bytes: the sealed form contains plaintext", n)
		}
		got, err := s.Open(ctx, sealed, ad)
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%d bytes: opened to %d bytes, %v", n, len(got), err)
		}
	}
}

func TestNoncesDiffer(t *testing.T) {
	s := newSealer(t, aesgcm.Config{Current: key("k1", 1)})
	a, _ := s.Seal(ctx, []byte("same secret"), ad)
	b, _ := s.Seal(ctx, []byte("same secret"), ad)
	if bytes.Equal(a.Data, b.Data) || bytes.Equal(a.Data[1:13], b.Data[1:13]) {
		t.Error("two seals of one secret share nonce or ciphertext")
	}
}

// TestOpenRefuses: every row must fail to open, with the error named.
func TestOpenRefuses(t *testing.T) {
	k1 := key("k1", 1)
	s := newSealer(t, aesgcm.Config{Current: k1})
	sealed, err := s.Seal(ctx, []byte("Fw!secret-2026"), ad)
	if err != nil {
		t.Fatal(err)
	}
	with := func(f func(d []byte) []byte) asset.Sealed {
		return asset.Sealed{KeyID: sealed.KeyID, Data: f(bytes.Clone(sealed.Data))}
	}
	sameBytesOtherID := newSealer(t, aesgcm.Config{Current: key("k2", 1), Previous: []aesgcm.Key{k1}})
	for _, tc := range []struct {
		name   string
		opener *aesgcm.Sealer
		sealed asset.Sealed
		ad     []byte
		want   error
	}{
		{"wrong_key_under_the_same_id", newSealer(t, aesgcm.Config{Current: key("k1", 2)}), sealed, ad, aesgcm.ErrOpen},
		{"unknown_key_id", newSealer(t, aesgcm.Config{Current: key("k9", 1)}), sealed, ad, aesgcm.ErrUnknownKey},
		{"relabelled_to_a_key_with_the_same_bytes", sameBytesOtherID, asset.Sealed{KeyID: "k2", Data: sealed.Data}, ad, aesgcm.ErrOpen},
		{"other_credential", s, sealed, []byte("credential nas version 1"), aesgcm.ErrOpen},
		{"other_version", s, sealed, []byte("credential fw version 2"), aesgcm.ErrOpen},
		{"no_associated_data", s, sealed, nil, aesgcm.ErrOpen},
		{"empty_data", s, asset.Sealed{KeyID: "k1"}, ad, aesgcm.ErrOpen},
		{"truncated_tag", s, with(func(d []byte) []byte { return d[:len(d)-1] }), ad, aesgcm.ErrOpen},
		{"only_nonce_and_tag", s, with(func(d []byte) []byte { return append(d[:13], d[len(d)-16:]...) }), ad, aesgcm.ErrOpen},
		{"unknown_format", s, with(func(d []byte) []byte { d[0] = 2; return d }), ad, aesgcm.ErrOpen},
		{"appended_byte", s, with(func(d []byte) []byte { return append(d, 0) }), ad, aesgcm.ErrOpen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.opener.Open(ctx, tc.sealed, tc.ad)
			if !errors.Is(err, tc.want) || got != nil {
				t.Errorf("opened %d bytes, error %v; want %v", len(got), err, tc.want)
			}
		})
	}
	for i := range sealed.Data {
		for _, bit := range []byte{0x01, 0x80} {
			d := bytes.Clone(sealed.Data)
			d[i] ^= bit
			if _, err := s.Open(ctx, asset.Sealed{KeyID: "k1", Data: d}, ad); !errors.Is(err, aesgcm.ErrOpen) {
				t.Errorf("flipping bit %#x of byte %d: %v", bit, i, err)
			}
		}
	}
}

func TestKeyRotation(t *testing.T) {
	k1, k2 := key("2025", 1), key("2026", 2)
	old := newSealer(t, aesgcm.Config{Current: k1})
	rotated := newSealer(t, aesgcm.Config{Current: k2, Previous: []aesgcm.Key{k1}})
	before, _ := old.Seal(ctx, []byte("sealed in 2025"), ad)
	after, _ := rotated.Seal(ctx, []byte("sealed in 2026"), ad)
	if after.KeyID != "2026" {
		t.Errorf("rotated sealer seals with %q", after.KeyID)
	}
	if got, err := rotated.Open(ctx, before, ad); err != nil || string(got) != "sealed in 2025" {
		t.Errorf("rotated sealer opens the old secret: %q, %v", got, err)
	}
	if _, err := old.Open(ctx, after, ad); !errors.Is(err, aesgcm.ErrUnknownKey) {
		t.Errorf("old sealer on a new secret: %v, want ErrUnknownKey", err)
	}
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  aesgcm.Config
		want string // part of the error; "" for success
	}{
		{"one_key", aesgcm.Config{Current: key("k1", 1)}, ""},
		{"with_previous_keys", aesgcm.Config{Current: key("k2", 2), Previous: []aesgcm.Key{key("k1", 1), key("k0", 0)}}, ""},
		{"aes_128_refused", aesgcm.Config{Current: aesgcm.Key{ID: "k1", Bytes: make([]byte, 16)}}, "32 bytes"},
		{"no_key", aesgcm.Config{}, "ID"},
		{"empty_id", aesgcm.Config{Current: aesgcm.Key{Bytes: make([]byte, 32)}}, "ID"},
		{"long_id", aesgcm.Config{Current: key(strings.Repeat("k", 129), 1)}, "ID"},
		{"repeated_id", aesgcm.Config{Current: key("k1", 1), Previous: []aesgcm.Key{key("k1", 2)}}, "repeats"},
		{"short_previous_key", aesgcm.Config{Current: key("k1", 1), Previous: []aesgcm.Key{{ID: "k0", Bytes: []byte{1}}}}, "32 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := aesgcm.New(tc.cfg)
			if tc.want == "" {
				if err != nil || s == nil {
					t.Errorf("New: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestSealFailures(t *testing.T) {
	broken := newSealer(t, aesgcm.Config{Current: key("k1", 1), Rand: iotest.ErrReader(errors.New("no entropy"))})
	if _, err := broken.Seal(ctx, []byte("x"), ad); err == nil {
		t.Error("Seal without randomness succeeded")
	}
	s := newSealer(t, aesgcm.Config{Current: key("k1", 1)})
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Seal(cancelled, []byte("x"), ad); !errors.Is(err, context.Canceled) {
		t.Errorf("Seal with a cancelled context: %v", err)
	}
	sealed, _ := s.Seal(ctx, []byte("x"), ad)
	if _, err := s.Open(cancelled, sealed, ad); !errors.Is(err, context.Canceled) {
		t.Errorf("Open with a cancelled context: %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	s := newSealer(t, aesgcm.Config{Current: key("k1", 1)})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			plain := bytes.Repeat([]byte{byte(i)}, 20)
			sealed, err := s.Seal(ctx, plain, ad)
			if err != nil {
				t.Error(err)
				return
			}
			if got, err := s.Open(ctx, sealed, ad); err != nil || !bytes.Equal(got, plain) {
				t.Errorf("concurrent round trip: %v", err)
			}
		}()
	}
	wg.Wait()
}

// TestVaultWithAESGCM runs the asset Vault on the in-memory store with this
// sealer: a ciphertext moved to another credential in the database does
// not open, and after a key rotation old secrets still reveal.
func TestVaultWithAESGCM(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	admin := asset.Audit{Actor: asset.Actor{ID: "admin", Kind: asset.ActorStaff, Roles: []string{"credential-admin"}}, At: at, Reason: "Einrichtung"}
	tech := asset.Audit{Actor: asset.Actor{ID: "tech", Kind: asset.ActorStaff, Roles: []string{"technician"}}, At: at.Add(time.Minute), Reason: "Ticket 4711"}
	store := memstore.NewAssetStore()
	v1, err := asset.NewVault(store, newSealer(t, aesgcm.Config{Current: key("2025", 1)}), asset.VaultConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v1.Grant(ctx, admin, asset.Grant{ID: "g", CustomerID: "c1", Role: "technician"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ id, secret string }{{"fw", "Fw!secret-2026"}, {"nas", "nas-Pa55-w0rd"}} {
		sec, _ := asset.NewSecret(c.secret)
		if _, err := v1.Create(ctx, tech, asset.Credential{ID: c.id, CustomerID: "c1", Name: c.id}, sec); err != nil {
			t.Fatal(err)
		}
	}

	v2, _ := asset.NewVault(store, newSealer(t, aesgcm.Config{Current: key("2026", 2), Previous: []aesgcm.Key{key("2025", 1)}}), asset.VaultConfig{})
	sec, _ := asset.NewSecret("Fw!secret-2027")
	if _, err := v2.Rotate(ctx, tech, "fw", sec); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		version int
		want    string
	}{{1, "Fw!secret-2026"}, {2, "Fw!secret-2027"}} {
		got, err := v2.RevealVersion(ctx, tech, "fw", tc.version)
		if err != nil || string(got.Plaintext()) != tc.want {
			t.Errorf("version %d after key rotation: %v", tc.version, err)
		}
		got.Wipe()
	}

	// Copy fw's first ciphertext over to nas as its second version.
	err = store.Transact(ctx, func(tx asset.VaultTx) error {
		fw1, err := tx.Secret(ctx, "fw", 1)
		if err != nil {
			return err
		}
		nas, err := tx.Credential(ctx, "nas")
		if err != nil {
			return err
		}
		fw1.CredentialID, fw1.Version, nas.Version = "nas", 2, 2
		if err := tx.AddSecret(ctx, fw1); err != nil {
			return err
		}
		return tx.PutCredential(ctx, nas)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := v2.Reveal(ctx, tech, "nas")
	if !errors.Is(err, asset.ErrSealFailed) || !got.IsZero() {
		t.Errorf("reveal of a moved ciphertext: %v", err)
	}
	if got, err := v2.RevealVersion(ctx, tech, "nas", 1); err != nil || string(got.Plaintext()) != "nas-Pa55-w0rd" {
		t.Errorf("nas version 1 untouched: %v", err)
	}
}

func FuzzOpen(f *testing.F) {
	// A fixed nonce for the one Seal here, so that every fuzz worker
	// process seals the same bytes as the seed corpus holds.
	s := newSealer(f, aesgcm.Config{Current: key("k1", 1), Rand: bytes.NewReader(make([]byte, 12))})
	good, _ := s.Seal(ctx, []byte("Fw!secret-2026"), ad)
	f.Add(good.Data, ad)
	f.Add([]byte{1}, []byte{})
	f.Add([]byte{}, ad)
	f.Fuzz(func(t *testing.T, data, assoc []byte) {
		got, err := s.Open(ctx, asset.Sealed{KeyID: "k1", Data: data}, assoc)
		genuine := bytes.Equal(data, good.Data) && bytes.Equal(assoc, ad)
		if genuine != (err == nil) {
			t.Fatalf("genuine %v, error %v", genuine, err)
		}
		if err != nil && got != nil {
			t.Fatal("a failed Open returned bytes")
		}
	})
}
