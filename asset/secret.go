package asset

import (
	"crypto/subtle"
	"fmt"
	"log/slog"
	"unsafe"
)

// redacted is what every textual form of a Secret shows.
const redacted = "[REDACTED]"

// maxSecretLen is enough for a password, a pre-shared key, an API token or
// a PEM private key.
const maxSecretLen = 16 << 10

// Secret is a plaintext secret in memory: a password, a pre-shared key, an
// API token. It exists only between a caller and the Vault: the Vault seals
// it before anything is stored, and Reveal hands out a fresh one that the
// caller should Wipe when done.
//
// A Secret does not show its content anywhere but Plaintext: String,
// GoString, every fmt verb, JSON and text marshalling and log/slog all give
// "[REDACTED]". Printers that walk values by reflection cannot reach the
// bytes either: they sit behind an unsafe.Pointer, which fmt, go-cmp
// (cmp.Diff) and testify's failure output (go-spew) print as an address
// and never follow, also in a struct that holds a Secret in an unexported
// field. go-cmp compares Secrets with Equal. reflect.DeepEqual, and so
// testify's Equal, compares two Secrets by buffer, not by content: compare
// them with Equal.
// Copies of a Secret share one buffer; Wipe on any copy wipes them all.
// The zero value is an empty secret.
type Secret struct {
	// p points to a secretBuf. An unsafe.Pointer keeps the buffer alive
	// like any pointer but is opaque to reflection-based printers.
	p unsafe.Pointer
}

type secretBuf struct{ b []byte }

// newSecret makes a Secret that owns b.
func newSecret(b []byte) Secret { return Secret{unsafe.Pointer(&secretBuf{b})} }

// buf returns the Secret's buffer, nil for the zero Secret.
func (s Secret) buf() *secretBuf { return (*secretBuf)(s.p) }

// NewSecret returns a Secret holding s. A Go string cannot be wiped, so
// prefer SecretFromBytes when the plaintext is in a buffer the caller can
// clear. It returns a *ValidationError if s is empty or longer than 16 KiB;
// the error does not contain s.
func NewSecret(s string) (Secret, error) {
	if err := checkSecretLen(len(s)); err != nil {
		return Secret{}, err
	}
	return newSecret([]byte(s)), nil
}

// SecretFromBytes returns a Secret holding a copy of b; the caller may (and
// should) clear b afterwards. It returns a *ValidationError if b is empty
// or longer than 16 KiB; the error does not contain b.
func SecretFromBytes(b []byte) (Secret, error) {
	if err := checkSecretLen(len(b)); err != nil {
		return Secret{}, err
	}
	return newSecret(append([]byte(nil), b...)), nil
}

func checkSecretLen(n int) error {
	if n == 0 || n > maxSecretLen {
		return invalid("Secret", "must be 1 to %d bytes long", maxSecretLen)
	}
	return nil
}

// Plaintext returns the secret's bytes: the Secret's own buffer, not a
// copy, so that Wipe clears what the caller used. Do not keep it past Wipe.
// It is nil for the zero Secret and after Wipe.
func (s Secret) Plaintext() []byte {
	if s.p == nil {
		return nil
	}
	return s.buf().b
}

// Len is the length of the plaintext in bytes.
func (s Secret) Len() int { return len(s.Plaintext()) }

// IsZero reports whether s holds nothing: the zero value, or wiped.
func (s Secret) IsZero() bool { return s.Len() == 0 }

// Equal reports whether s and o hold the same bytes, in time that does not
// depend on where they differ.
func (s Secret) Equal(o Secret) bool {
	return subtle.ConstantTimeCompare(s.Plaintext(), o.Plaintext()) == 1
}

// Wipe overwrites the plaintext with zeros and empties s and every copy of
// it. Wiping the zero Secret does nothing.
func (s Secret) Wipe() {
	if s.p == nil {
		return
	}
	clear(s.buf().b)
	s.buf().b = nil
}

// String returns "[REDACTED]".
func (s Secret) String() string { return redacted }

// GoString returns "[REDACTED]", for %#v.
func (s Secret) GoString() string { return redacted }

// Format writes "[REDACTED]" for every verb and flag, so %x, %q and %d
// cannot reach the bytes.
func (s Secret) Format(f fmt.State, verb rune) {
	if f != nil {
		_, _ = f.Write([]byte(redacted))
	}
}

// MarshalText returns "[REDACTED]": a Secret is never encoded. Seal it to
// store it.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// MarshalJSON returns the JSON string "[REDACTED]".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// LogValue implements slog.LogValuer: log/slog records "[REDACTED]".
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }
