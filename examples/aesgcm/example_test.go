package aesgcm_test

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/deskcore/deskcore/examples/aesgcm"
)

// A host loads its key (here: random) and hands the Sealer to
// asset.NewVault. Sealing the same secret twice gives different bytes;
// opening needs the same associated data.
func ExampleNew() {
	keyBytes := make([]byte, 32)
	if _, err := rand.Read(keyBytes); err != nil {
		panic(err)
	}
	s, err := aesgcm.New(aesgcm.Config{Current: aesgcm.Key{ID: "2026-01", Bytes: keyBytes}})
	clear(keyBytes) // the Sealer keeps only the expanded AES key
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	sealed, _ := s.Seal(ctx, []byte("Fw!secret-2026"), []byte("fw/1"))
	fmt.Println("key:", sealed.KeyID, "bytes:", len(sealed.Data))

	plain, err := s.Open(ctx, sealed, []byte("fw/1"))
	fmt.Println(string(plain), err)
	_, err = s.Open(ctx, sealed, []byte("nas/1"))
	fmt.Println(err)
	// Output:
	// key: 2026-01 bytes: 43
	// Fw!secret-2026 <nil>
	// aesgcm: message authentication failed
}
