package asset_test

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/asset/assettest"
)

const plain = "Tr0ub4dor&3-firewall"

func TestNewSecretValidates(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		field string
	}{
		{"one_byte", "x", ""},
		{"password", plain, ""},
		{"16_KiB", strings.Repeat("k", 16<<10), ""},
		{"empty_refused", "", "Secret"},
		{"over_16_KiB_refused", strings.Repeat("k", 16<<10+1), "Secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := asset.NewSecret(tc.in)
			if got := fieldOf(t, err); got != tc.field {
				t.Fatalf("NewSecret: field %q, want %q", got, tc.field)
			}
			b, err := asset.SecretFromBytes([]byte(tc.in))
			if got := fieldOf(t, err); got != tc.field {
				t.Fatalf("SecretFromBytes: field %q, want %q", got, tc.field)
			}
			if tc.field == "" && (string(s.Plaintext()) != tc.in || !s.Equal(b) || s.Len() != len(tc.in)) {
				t.Error("the secret does not hold its input")
			}
			if tc.field != "" && (!s.IsZero() || !b.IsZero()) {
				t.Error("a refused secret holds something")
			}
		})
	}
}

func TestSecretWipe(t *testing.T) {
	in := []byte(plain)
	s, err := asset.SecretFromBytes(in)
	require.NoError(t, err)
	clear(in)
	if string(s.Plaintext()) != plain {
		t.Fatal("SecretFromBytes did not copy its input")
	}
	buf := s.Plaintext()
	copyOfS := s
	other, _ := asset.NewSecret(plain)
	if !s.Equal(other) {
		t.Error("equal secrets not Equal")
	}
	s.Wipe()
	if !bytes.Equal(buf, make([]byte, len(plain))) {
		t.Error("Wipe left bytes in the buffer Plaintext returned")
	}
	if !s.IsZero() || !copyOfS.IsZero() || s.Plaintext() != nil || s.Len() != 0 {
		t.Error("Wipe left the secret or its copy non-empty")
	}
	if s.Equal(other) {
		t.Error("a wiped secret is Equal to the original")
	}
	var zero asset.Secret
	zero.Wipe() // must not panic
	if !zero.IsZero() || zero.String() != "[REDACTED]" {
		t.Error("zero Secret")
	}
}

// TestSecretNeverPrints runs a Secret through every way a host could print,
// encode or log it, alone and inside other values.
func TestSecretNeverPrints(t *testing.T) {
	s, err := asset.NewSecret(plain)
	require.NoError(t, err)
	type hostRecord struct {
		User   string
		Secret asset.Secret
		hidden asset.Secret
	}
	rec := hostRecord{User: "root", Secret: s, hidden: s}
	for _, v := range []any{
		s, &s, rec, &rec, []asset.Secret{s}, map[string]asset.Secret{"pw": s},
		fmt.Errorf("login failed with %v", s), fmt.Errorf("wrapped: %w", errors.New(s.String())),
		slog.Any("pw", s), slog.Group("cred", "pw", s),
	} {
		assettest.AssertNoSecret(t, v, plain)
	}
	var buf bytes.Buffer
	err = gob.NewEncoder(&buf).Encode(s)
	if err == nil || bytes.Contains(buf.Bytes(), []byte(plain)) {
		t.Errorf("gob encoded a Secret (err %v)", err)
	}
	for _, enc := range []func() ([]byte, error){s.MarshalText, s.MarshalJSON} {
		b, err := enc()
		require.NoError(t, err)
		if !strings.Contains(string(b), "[REDACTED]") {
			t.Errorf("marshalled as %q", b)
		}
	}
	if string(s.Plaintext()) != plain {
		t.Error("printing changed the secret")
	}
}

// TestEveryExportedTypeIsScanned prints a filled value of every exported
// type of the package, and every error it can return for a secret, and
// finds the secret in none. The list is checked against the package's
// source, so a new exported type must join it.
func TestEveryExportedTypeIsScanned(t *testing.T) {
	s, _ := asset.NewSecret(plain)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := validAsset()
	values := []any{
		a, a.Attributes[0], a.Warranty, a.Licence, validReceipt(), asset.ReceiptLine{Description: "x", Quantity: 1}, validReceipt().PickAndPack(),
		notice("a", asset.SubjectWarranty, d(2026, 6, 30), 30, 29), notice("a", asset.SubjectLicence, d(2026, 6, 30), 30, 29).Key(),
		asset.ExpiryPolicy{LeadDays: []int{90, 30}}, asset.AssetFilter{CustomerID: "c1"}, asset.InventoryConfig{}, asset.VaultConfig{AdminRole: "admin"},
		asset.Credential{ID: "fw", CustomerID: "c1", Name: "Firewall", Username: "root", Version: 2, CreatedAt: at},
		asset.SealedSecret{CredentialID: "fw", Version: 1, Sealed: asset.Sealed{KeyID: "k1", Data: []byte{1, 2, 3}}},
		asset.Sealed{KeyID: "k1", Data: []byte{1}}, s,
		asset.Actor{ID: "tech", Kind: asset.ActorStaff, Roles: []string{"technician"}},
		asset.Audit{Actor: asset.Actor{ID: "tech", Kind: asset.ActorStaff}, At: at, Reason: "Ticket 1"},
		asset.Grant{ID: "g", CustomerID: "c1", Role: "technician", GrantedAt: at},
		asset.AccessRequest{ID: "r", CredentialID: "fw", Status: asset.RequestApproved, Expires: at},
		asset.LogEntry{Seq: 1, At: at, ActorID: "tech", Action: asset.ActionReveal, Denied: true, Cause: asset.CauseNoGrant},
		asset.LogFilter{ActorID: "tech"},
		&asset.ValidationError{Domain: "asset", Problems: []asset.Problem{{Field: "Secret", Reason: "must be 1 to 16384 bytes long"}}},
		asset.Problem{Field: "Secret", Reason: "must be 1 to 16384 bytes long"},
		&asset.AccessDeniedError{ActorID: "tech", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseGrantExpired},
		&asset.RegisterConflictError{ID: a.ID, Existing: a, Requested: a},
		asset.KindHardware, asset.RentedFromProvider, asset.PartyProvider, asset.StatusInUse, asset.SubjectLicence,
		asset.ActorContact, asset.RequestPending, asset.ActionRotate, asset.CauseSealBroken,
		new(asset.Inventory), new(asset.Vault),
	}
	_, err1 := asset.NewSecret(strings.Repeat(plain, 1000))
	_, err2 := asset.SecretFromBytes(nil)
	values = append(values, err1, err2)

	seen := map[string]bool{}
	for _, v := range values {
		assettest.AssertNoSecret(t, v, plain)
		ty := reflect.TypeOf(v)
		if ty.Kind() == reflect.Pointer {
			ty = ty.Elem()
		}
		seen[ty.Name()] = true
	}
	// ValidationError is an alias of validation.Error: reflect names it Error.
	seen["ValidationError"] = seen["Error"]
	// ActorKind is an alias of actor.Kind, scanned as asset.ActorContact.
	seen["ActorKind"] = true
	for _, name := range exportedTypes(t) {
		switch name {
		case "Sealer", "Store", "InventoryStore", "VaultStore", "VaultTx": // interfaces: no values of their own
			continue
		}
		if !seen[name] {
			t.Errorf("exported type %s is not in the scan", name)
		}
	}
}

// exportedTypes lists the exported type names declared in the package's
// non-test source.
func exportedTypes(t *testing.T) []string {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, spec := range g.Specs {
				if ts := spec.(*ast.TypeSpec); ts.Name.IsExported() {
					names = append(names, ts.Name.Name)
				}
			}
		}
	}
	if len(names) < 20 {
		t.Fatalf("found only %d exported types; is the parser reading the package?", len(names))
	}
	return names
}

// Testers compare with go-cmp and testify every day: two Secrets, or
// structs holding them, that differ must show where they differ without
// the plaintext, and go-cmp must still tell equal secrets from unequal
// ones (by Secret.Equal).
func TestSecretIsHiddenFromReflectionPrinters(t *testing.T) {
	a, _ := asset.NewSecret(plain)
	b, _ := asset.NewSecret(plain + "-rotated")
	same, _ := asset.NewSecret(plain)
	type row struct {
		Name   string
		Secret asset.Secret
	}
	require.True(t, cmp.Equal(a, same), "go-cmp compares secrets by content")
	require.False(t, cmp.Equal(a, b))
	for _, out := range []string{
		cmp.Diff(a, b), cmp.Diff(row{"fw", a}, row{"fw", b}),
		cmp.Diff(row{"fw", a}, row{"fw", b}, cmp.Exporter(func(reflect.Type) bool { return true })),
		testifyFailure(func(tt assert.TestingT) { assert.Equal(tt, row{"fw", a}, row{"fw", b}) }),
		testifyFailure(func(tt assert.TestingT) { assert.Equal(tt, a, b) }),
	} {
		require.NotEmpty(t, out, "the values differ, so the printer reports something")
		for _, leak := range []string{plain, plain[:8], "54 72 30 75"} { // "Tr0u" in a hex dump
			if strings.Contains(out, leak) {
				t.Errorf("the plaintext shows: %s", out)
			}
		}
	}
}

// testifyFailure is the message a failing testify assertion writes.
func testifyFailure(assertion func(assert.TestingT)) string {
	var out failures
	assertion(&out)
	return out.String()
}

type failures struct{ strings.Builder }

func (f *failures) Errorf(format string, args ...any) { fmt.Fprintf(&f.Builder, format, args...) }
