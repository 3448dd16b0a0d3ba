package asset_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/asset/assettest"
)

// untouchable stores and sealers panic when called: the embedded nil
// interface has no methods to run. A test that passes with them proves bad
// input was refused before anything was read, sealed or written.
type (
	untouchableStore     struct{ asset.Store }
	untouchableSealer    struct{ asset.Sealer }
	untouchableInventory struct{ asset.InventoryStore }
)

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestNewVaultConfig(t *testing.T) {
	st, se := untouchableStore{}, untouchableSealer{}
	for _, tc := range []struct {
		name   string
		store  asset.VaultStore
		sealer asset.Sealer
		cfg    asset.VaultConfig
		field  string
	}{
		{"zero_config_is_usable", st, se, asset.VaultConfig{}, ""},
		{"own_admin_role_and_a_week", st, se, asset.VaultConfig{AdminRole: "it-leitung", MaxApproval: 7 * 24 * time.Hour}, ""},
		{"store_required", nil, se, asset.VaultConfig{}, "store"},
		{"sealer_required", st, nil, asset.VaultConfig{}, "sealer"},
		{"admin_role_is_an_id", st, se, asset.VaultConfig{AdminRole: "admin "}, "AdminRole"},
		{"approval_at_least_a_minute", st, se, asset.VaultConfig{MaxApproval: 59 * time.Second}, "MaxApproval"},
		{"approval_at_most_a_year", st, se, asset.VaultConfig{MaxApproval: 367 * 24 * time.Hour}, "MaxApproval"},
		{"negative_approval_refused", st, se, asset.VaultConfig{MaxApproval: -time.Hour}, "MaxApproval"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := asset.NewVault(tc.store, tc.sealer, tc.cfg)
			if got := fieldOf(t, err); got != tc.field {
				t.Errorf("field %q, want %q", got, tc.field)
			}
			if (v == nil) == (err == nil) {
				t.Error("NewVault returned both or neither of a vault and an error")
			}
		})
	}
}

func TestNewInventoryConfig(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store asset.InventoryStore
		cfg   asset.InventoryConfig
		field string
	}{
		{"zero_config_is_usable", untouchableInventory{}, asset.InventoryConfig{}, ""},
		{"own_lead_times", untouchableInventory{}, asset.InventoryConfig{Expiry: asset.ExpiryPolicy{LeadDays: []int{180, 60, 14}}}, ""},
		{"store_required", nil, asset.InventoryConfig{}, "store"},
		{"lead_times_checked", untouchableInventory{}, asset.InventoryConfig{Expiry: asset.ExpiryPolicy{LeadDays: []int{30, 30}}}, "Expiry.LeadDays[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := asset.NewInventory(tc.store, tc.cfg)
			if got := fieldOf(t, err); got != tc.field {
				t.Errorf("field %q, want %q", got, tc.field)
			}
		})
	}
}

// TestVaultRefusesBadInputBeforeTouchingAnything: every row is a
// *ValidationError naming the field, with a store and sealer that would
// panic if used.
func TestVaultRefusesBadInputBeforeTouchingAnything(t *testing.T) {
	v, err := asset.NewVault(untouchableStore{}, untouchableSealer{}, asset.VaultConfig{MaxApproval: time.Hour})
	require.NoError(t, err)
	ctx := context.Background()
	tech := asset.Actor{ID: "tech", Kind: asset.ActorStaff, Roles: []string{"technician"}}
	ok := asset.Audit{Actor: tech, At: now, Reason: "Ticket 1"}
	with := func(f func(a *asset.Audit)) asset.Audit { a := ok; f(&a); return a }
	sec, _ := asset.NewSecret(plain)
	c := asset.Credential{ID: "fw", CustomerID: "c1", Name: "Firewall"}
	g := asset.Grant{ID: "g", CustomerID: "c1", Role: "technician"}
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"actor_required", func() error {
			_, err := v.Reveal(ctx, with(func(a *asset.Audit) { a.Actor.ID = "" }), "fw")
			return err
		}, "Actor.ID"},
		{"actor_kind_required", func() error {
			_, err := v.Reveal(ctx, with(func(a *asset.Audit) { a.Actor.Kind = 0 }), "fw")
			return err
		}, "Actor.Kind"},
		{"contact_needs_a_customer", func() error {
			_, err := v.Reveal(ctx, with(func(a *asset.Audit) { a.Actor = asset.Actor{ID: "kd", Kind: asset.ActorContact} }), "fw")
			return err
		}, "Actor.CustomerID"},
		{"roles_are_ids", func() error {
			_, err := v.Reveal(ctx, with(func(a *asset.Audit) { a.Actor.Roles = []string{""} }), "fw")
			return err
		}, "Actor.Roles[0]"},
		{"instant_required", func() error {
			_, err := v.Reveal(ctx, with(func(a *asset.Audit) { a.At = time.Time{} }), "fw")
			return err
		}, "At"},
		// The access log of a store that took the year 10000 could no
		// longer be read back.
		{"instant_within_the_years", func() error {
			_, err := v.Reveal(ctx, with(func(a *asset.Audit) { a.At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }), "fw")
			return err
		}, "At"},
		{"grant_expiry_within_the_years", func() error {
			bad := g
			bad.Expires = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
			_, err := v.Grant(ctx, ok, bad)
			return err
		}, "Expires"},
		{"reason_limited", func() error {
			_, err := v.Reveal(ctx, with(func(a *asset.Audit) { a.Reason = strings.Repeat("x", 1025) }), "fw")
			return err
		}, "Reason"},
		{"create_needs_a_reason", func() error {
			_, err := v.Create(ctx, with(func(a *asset.Audit) { a.Reason = "" }), c, sec)
			return err
		}, "Reason"},
		{"create_needs_a_valid_credential", func() error {
			bad := c
			bad.Name = ""
			_, err := v.Create(ctx, ok, bad, sec)
			return err
		}, "Name"},
		{"create_needs_a_secret", func() error { _, err := v.Create(ctx, ok, c, asset.Secret{}); return err }, "Secret"},
		{"rotate_needs_a_secret", func() error { _, err := v.Rotate(ctx, ok, "fw", asset.Secret{}); return err }, "Secret"},
		{"rotate_needs_a_reason", func() error {
			_, err := v.Rotate(ctx, with(func(a *asset.Audit) { a.Reason = "" }), "fw", sec)
			return err
		}, "Reason"},
		{"update_needs_a_function", func() error { _, err := v.Update(ctx, ok, "fw", nil); return err }, "fn"},
		{"grant_names_role_or_actor", func() error {
			bad := g
			bad.ActorID = "tech"
			_, err := v.Grant(ctx, ok, bad)
			return err
		}, "Role"},
		{"grant_names_someone", func() error {
			bad := g
			bad.Role = ""
			_, err := v.Grant(ctx, ok, bad)
			return err
		}, "Role"},
		{"grant_expires_after_it_starts", func() error {
			bad := g
			bad.Expires = now
			_, err := v.Grant(ctx, ok, bad)
			return err
		}, "Expires"},
		{"revoke_needs_a_reason", func() error { _, err := v.Revoke(ctx, with(func(a *asset.Audit) { a.Reason = "" }), "g"); return err }, "Reason"},
		{"request_needs_an_id", func() error { _, err := v.RequestAccess(ctx, ok, "", "fw"); return err }, "requestID"},
		{"request_needs_a_reason", func() error {
			_, err := v.RequestAccess(ctx, with(func(a *asset.Audit) { a.Reason = "" }), "r1", "fw")
			return err
		}, "Reason"},
		{"approval_ends_after_it_starts", func() error { _, err := v.Approve(ctx, ok, "r1", now); return err }, "until"},
		{"approval_within_max_approval", func() error { _, err := v.Approve(ctx, ok, "r1", now.Add(time.Hour+time.Second)); return err }, "until"},
		{"approval_needs_a_valid_actor_first", func() error {
			_, err := v.Approve(ctx, with(func(a *asset.Audit) { a.At = time.Time{} }), "r1", now.Add(time.Minute))
			return err
		}, "At"},
		{"reject_needs_a_reason", func() error { _, err := v.Reject(ctx, with(func(a *asset.Audit) { a.Reason = "" }), "r1"); return err }, "Reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fieldOf(t, tc.call()); got != tc.field {
				t.Errorf("field %q, want %q", got, tc.field)
			}
		})
	}
}

func TestInventoryRefusesBadInputBeforeTouchingAnything(t *testing.T) {
	inv, err := asset.NewInventory(untouchableInventory{}, asset.InventoryConfig{})
	require.NoError(t, err)
	ctx := context.Background()
	bad := validAsset()
	bad.Kind = ""
	n := notice("a", asset.SubjectWarranty, d(2026, 6, 30), 30, 29)
	noticeWith := func(f func(n *asset.Notice)) asset.Notice { c := n; f(&c); return c }
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"register_invalid_asset", func() error { return inv.Register(ctx, bad) }, "Kind"},
		{"update_without_function", func() error { _, err := inv.Update(ctx, "a", nil); return err }, "fn"},
		{"receive_without_lines", func() error {
			r := validReceipt()
			r.Lines = nil
			_, err := inv.Receive(ctx, r)
			return err
		}, "Lines"},
		{"mark_needs_an_asset", func() error {
			return inv.MarkNotified(ctx, noticeWith(func(n *asset.Notice) { n.AssetID = "" }), now)
		}, "AssetID"},
		{"mark_needs_a_subject", func() error {
			return inv.MarkNotified(ctx, noticeWith(func(n *asset.Notice) { n.Subject = "contract" }), now)
		}, "Subject"},
		{"mark_needs_an_expiry", func() error {
			return inv.MarkNotified(ctx, noticeWith(func(n *asset.Notice) { n.Expires = 0 }), now)
		}, "Expires"},
		{"mark_needs_a_lead_time", func() error {
			return inv.MarkNotified(ctx, noticeWith(func(n *asset.Notice) { n.LeadDays = 0 }), now)
		}, "LeadDays"},
		{"mark_needs_an_instant", func() error { return inv.MarkNotified(ctx, n, time.Time{}) }, "at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fieldOf(t, tc.call()); got != tc.field {
				t.Errorf("field %q, want %q", got, tc.field)
			}
		})
	}
}

// brokenSealer returns what it is told to, whatever it is given.
type brokenSealer struct {
	sealed asset.Sealed
	err    error
	echo   bool // return the plaintext as the sealed data
}

func (b brokenSealer) Seal(_ context.Context, p, _ []byte) (asset.Sealed, error) {
	if b.echo {
		return asset.Sealed{KeyID: "k", Data: append([]byte{0}, p...)}, nil
	}
	return b.sealed, b.err
}

func (b brokenSealer) Open(context.Context, asset.Sealed, []byte) ([]byte, error) {
	panic("Open is not called by Create")
}

// TestVaultRefusesABrokenSealerBeforeStoring: Create seals before it
// touches the store, so with a sealer that fails or does not seal, the
// untouchable store proves nothing was written.
func TestVaultRefusesABrokenSealerBeforeStoring(t *testing.T) {
	ctx := context.Background()
	a := asset.Audit{Actor: asset.Actor{ID: "tech", Kind: asset.ActorStaff}, At: now, Reason: "Ticket 1"}
	c := asset.Credential{ID: "fw", CustomerID: "c1", Name: "Firewall"}
	sec, _ := asset.NewSecret(plain)
	for _, tc := range []struct {
		name   string
		sealer brokenSealer
	}{
		{"sealer_error", brokenSealer{err: errors.New("kms unreachable")}},
		// A KMS that quotes what it was given: the library's error must
		// not carry the plaintext on, in its text or down its chain.
		{"sealer_error_quoting_the_secret", brokenSealer{err: fmt.Errorf("kms refused %q: %w", plain, context.DeadlineExceeded)}},
		{"no_data", brokenSealer{sealed: asset.Sealed{KeyID: "k"}}},
		{"plaintext_in_data", brokenSealer{echo: true}},
		{"plaintext_in_key_id", brokenSealer{sealed: asset.Sealed{KeyID: "k-" + plain, Data: []byte{1, 2, 3}}}},
		{"key_id_not_an_id", brokenSealer{sealed: asset.Sealed{KeyID: "k\n1", Data: []byte{1, 2, 3}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := asset.NewVault(untouchableStore{}, tc.sealer, asset.VaultConfig{})
			require.NoError(t, err)
			_, err = v.Create(ctx, a, c, sec)
			if !errors.Is(err, asset.ErrSealFailed) || errors.Is(err, asset.ErrInvalid) {
				t.Errorf("error %v, want ErrSealFailed only", err)
			}
			if err != nil && strings.Contains(err.Error(), plain) {
				t.Error("the error contains the secret")
			}
			for e := err; e != nil; e = errors.Unwrap(e) {
				assettest.AssertNoSecret(t, e, plain)
			}
		})
	}
}

// A Vault or Inventory not made by its constructor answers with an error
// instead of panicking.
func TestServicesNotMadeByTheirConstructorsAreAnError(t *testing.T) {
	ctx := context.Background()
	for name, v := range map[string]*asset.Vault{"nil": nil, "zero": {}} {
		t.Run("vault_"+name, func(t *testing.T) {
			_, err := v.Reveal(ctx, asset.Audit{}, "CR-1")
			require.ErrorIs(t, err, asset.ErrInvalid)
			for _, err := range v.Grants(ctx, "C-1") {
				require.ErrorIs(t, err, asset.ErrInvalid)
			}
			for _, err := range v.Requests(ctx, "CR-1") {
				require.ErrorIs(t, err, asset.ErrInvalid)
			}
			for _, err := range v.Log(ctx, asset.LogFilter{}) {
				require.ErrorIs(t, err, asset.ErrInvalid)
			}
		})
	}
	for name, inv := range map[string]*asset.Inventory{"nil": nil, "zero": {}} {
		t.Run("inventory_"+name, func(t *testing.T) {
			_, err := inv.Asset(ctx, "A-1")
			require.ErrorIs(t, err, asset.ErrInvalid)
			for _, err := range inv.Expiring(ctx, 0) {
				require.ErrorIs(t, err, asset.ErrInvalid)
			}
		})
	}
	for _, err := range (asset.ExpiryPolicy{}).Scan(nil, 0, nil) {
		require.ErrorIs(t, err, asset.ErrInvalid)
	}
}
