// Package aesgcm is an asset.Sealer that encrypts credential secrets with
// AES-256-GCM under keys the host supplies (from a file, an environment
// variable, a KMS it unwraps them with). It is an example a host copies and
// adapts; the asset package itself never sees a key.
//
// Every Seal uses a fresh random 96-bit nonce from crypto/rand, so one key
// must seal fewer than 2^32 secrets (NIST SP 800-38D); rotate long before.
// The sealed form is
//
//	0x01 | nonce (12 bytes) | ciphertext | tag (16 bytes)
//
// and the GCM associated data is the key ID and the caller's associated
// data (for the asset Vault: credential ID and version), each with its
// length, so a ciphertext moved to another credential, another version or
// relabelled with another key ID does not open.
//
// Key rotation: seal with Config.Current, keep earlier keys in
// Config.Previous so existing secrets still open; every Sealed records the
// ID of the key that sealed it.
package aesgcm
