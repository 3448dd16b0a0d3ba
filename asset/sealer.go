package asset

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// Sealer encrypts and authenticates secrets for storage. The host provides
// it (examples/aesgcm is AES-256-GCM with a host-supplied key; a KMS or an
// HSM fits the same interface); the library never sees a key.
//
// associatedData binds a ciphertext to where it belongs: the Vault passes
// the credential ID and secret version, so a ciphertext copied to another
// credential or version fails to open. A Sealer must authenticate it, must
// not return the plaintext or any part of it in Sealed or in an error, and
// must be safe for concurrent use. The Vault refuses a Sealed that contains
// a plaintext of four bytes or more.
type Sealer interface {
	// Seal encrypts plaintext. It must not keep plaintext after returning.
	Seal(ctx context.Context, plaintext, associatedData []byte) (Sealed, error)
	// Open decrypts s, failing if s or associatedData were changed, or if
	// the key s.KeyID names is unknown. The caller owns the result.
	Open(ctx context.Context, s Sealed, associatedData []byte) ([]byte, error)
}

// Sealed is a secret as stored: opaque bytes and the ID of the key that
// sealed them, so keys can be rotated and old secrets still opened.
type Sealed struct {
	KeyID string
	Data  []byte
}

// Clone returns a copy of s that shares no memory with it.
func (s Sealed) Clone() Sealed {
	s.Data = slices.Clone(s.Data)
	return s
}

// sealContext is the associated data for version v of credential id:
// a fixed label, then the ID with its length, then the version, so no two
// (id, version) pairs share an encoding.
func sealContext(id string, v int) []byte {
	const label = "deskcore/asset.Credential/v1\x00"
	b := make([]byte, 0, len(label)+len(id)+2*binary.MaxVarintLen64)
	b = append(b, label...)
	b = binary.AppendUvarint(b, uint64(len(id)))
	b = append(b, id...)
	return binary.AppendUvarint(b, uint64(v))
}

// sealerError wraps the error a Sealer returned for s so that it matches
// ErrSealFailed. A sealer's message may quote what it was given (a KMS that
// answers 'refused "Hunter2..."'): then its text is kept only with every
// occurrence of the plaintext replaced by "[REDACTED]", and the sealer's
// error is not wrapped, so no errors.Unwrap or %+v can reach it. A secret
// shorter than 4 bytes could match anywhere, so then the sealer's text is
// left out altogether.
func sealerError(err error, s Secret) error {
	msg, plain := err.Error(), s.Plaintext()
	if len(plain) == 0 || !strings.Contains(msg, string(plain)) {
		return fmt.Errorf("%w: %w", ErrSealFailed, err)
	}
	if len(plain) < 4 {
		return fmt.Errorf("%w: the sealer's error quoted the secret and is left out", ErrSealFailed)
	}
	return fmt.Errorf("%w: %s", ErrSealFailed, strings.ReplaceAll(msg, string(plain), redacted))
}
