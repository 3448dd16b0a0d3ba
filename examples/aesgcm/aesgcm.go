package aesgcm

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/deskcore/deskcore/asset"
)

// format is the first byte of every sealed secret, so a later format can
// be told apart.
const format = 0x01

// Errors of Open. Neither says which part failed: that would help an
// attacker and not the host.
var (
	// ErrUnknownKey: the Sealed names a key ID this Sealer does not have.
	ErrUnknownKey = errors.New("aesgcm: unknown key id")
	// ErrOpen: the data is malformed, was changed, belongs to other
	// associated data, or was sealed with another key under this ID.
	ErrOpen = errors.New("aesgcm: message authentication failed")
)

// Key is one AES-256 key and the ID it is known by.
type Key struct {
	ID    string
	Bytes []byte // 32 bytes; New copies nothing from it after expanding the key, so the caller may clear it
}

// Config lists the keys of a Sealer.
type Config struct {
	Current  Key   // seals new secrets and opens them
	Previous []Key // open secrets sealed before a key rotation
	// Rand is the source of nonces; nil means crypto/rand.Reader. Tests
	// may replace it; production must not.
	Rand io.Reader
}

// Sealer implements asset.Sealer with AES-256-GCM. It is safe for
// concurrent use.
type Sealer struct {
	current string
	aeads   map[string]cipher.AEAD
	rand    io.Reader
}

var _ asset.Sealer = (*Sealer)(nil)

// New returns a Sealer for cfg. It returns an error if a key is not 32
// bytes, a key ID is empty or longer than 128 bytes, or an ID repeats.
func New(cfg Config) (*Sealer, error) {
	s := &Sealer{current: cfg.Current.ID, aeads: map[string]cipher.AEAD{}, rand: cfg.Rand}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	for i, k := range append([]Key{cfg.Current}, cfg.Previous...) {
		if k.ID == "" || len(k.ID) > 128 {
			return nil, fmt.Errorf("aesgcm: key %d: the ID must be 1 to 128 bytes", i)
		}
		if len(k.Bytes) != 32 {
			return nil, fmt.Errorf("aesgcm: key %q: must be 32 bytes for AES-256, not %d", k.ID, len(k.Bytes))
		}
		if _, dup := s.aeads[k.ID]; dup {
			return nil, fmt.Errorf("aesgcm: key %q: the ID repeats", k.ID)
		}
		block, err := aes.NewCipher(k.Bytes)
		if err != nil {
			return nil, fmt.Errorf("aesgcm: key %q: %w", k.ID, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("aesgcm: key %q: %w", k.ID, err)
		}
		s.aeads[k.ID] = aead
	}
	return s, nil
}

// Seal encrypts plaintext under the current key, bound to associatedData.
func (s *Sealer) Seal(ctx context.Context, plaintext, associatedData []byte) (asset.Sealed, error) {
	if err := ctx.Err(); err != nil {
		return asset.Sealed{}, err
	}
	aead := s.aeads[s.current]
	out := make([]byte, 1+aead.NonceSize(), 1+aead.NonceSize()+len(plaintext)+aead.Overhead())
	out[0] = format
	nonce := out[1:]
	if _, err := io.ReadFull(s.rand, nonce); err != nil {
		return asset.Sealed{}, fmt.Errorf("aesgcm: reading a nonce: %w", err)
	}
	out = aead.Seal(out, nonce, plaintext, bind(s.current, associatedData))
	return asset.Sealed{KeyID: s.current, Data: out}, nil
}

// Open decrypts sealed, which must have been sealed with associatedData
// under a key this Sealer has. It returns ErrUnknownKey or ErrOpen.
func (s *Sealer) Open(ctx context.Context, sealed asset.Sealed, associatedData []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	aead, ok := s.aeads[sealed.KeyID]
	if !ok {
		return nil, ErrUnknownKey
	}
	d := sealed.Data
	if len(d) < 1+aead.NonceSize()+aead.Overhead() || d[0] != format {
		return nil, ErrOpen
	}
	nonce, ct := d[1:1+aead.NonceSize()], d[1+aead.NonceSize():]
	plain, err := aead.Open(nil, nonce, ct, bind(sealed.KeyID, associatedData))
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}

// bind is the GCM associated data: key ID and caller's data, each
// length-prefixed so that no two pairs encode alike.
func bind(keyID string, associatedData []byte) []byte {
	b := make([]byte, 0, 2*binary.MaxVarintLen64+len(keyID)+len(associatedData))
	b = binary.AppendUvarint(b, uint64(len(keyID)))
	b = append(b, keyID...)
	b = binary.AppendUvarint(b, uint64(len(associatedData)))
	return append(b, associatedData...)
}
