package assettest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/deskcore/deskcore/asset"
)

// The plaintexts the vault tests store. None is a substring of any other
// text the tests write, so finding one in an output is a leak.
const (
	fwSecret  = "Fw!secret-2026"
	nasSecret = "nas-Pa55-w0rd"
	newSecret = "N3w-s3cret/2027#"
)

var (
	admin    = asset.Actor{ID: "admin-bruns", Kind: asset.ActorStaff, Roles: []string{"credential-admin"}}
	tech     = asset.Actor{ID: "tech-meier", Kind: asset.ActorStaff, Roles: []string{"technician"}}
	svc      = asset.Actor{ID: "svc-wassmann", Kind: asset.ActorStaff, Roles: []string{"service"}}
	sales    = asset.Actor{ID: "sales-kurz", Kind: asset.ActorStaff, Roles: []string{"sales"}}
	contact  = asset.Actor{ID: "kd-huber", Kind: asset.ActorContact, CustomerID: "c1"}
	contact2 = asset.Actor{ID: "kd-zwei", Kind: asset.ActorContact, CustomerID: "c1"}
	stranger = asset.Actor{ID: "kd-fremd", Kind: asset.ActorContact, CustomerID: "c2"}
)

func staff(id string) asset.Actor { return asset.Actor{ID: id, Kind: asset.ActorStaff} }

// at is an audit minutes after t0.
func at(a asset.Actor, minutes int, reason string) asset.Audit {
	return asset.Audit{Actor: a, At: t0.Add(time.Duration(minutes) * time.Minute), Reason: reason}
}

func mins(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

// world is a vault with customer c1 (credentials fw and nas) and c2
// (credential mail): technicians and service hold role grants on c1,
// technicians on c2, approvals last up to 8 hours.
type world struct {
	t   *testing.T
	ctx context.Context
	s   asset.VaultStore
	v   *asset.Vault
}

func newWorld(t *testing.T, s asset.VaultStore) *world {
	v, err := asset.NewVault(s, newSealer(t), asset.VaultConfig{MaxApproval: 8 * time.Hour})
	require.NoError(t, err)
	w := &world{t: t, ctx: context.Background(), s: s, v: v}
	w.grant(0, asset.Grant{ID: "g-tech", CustomerID: "c1", Role: "technician"})
	w.grant(0, asset.Grant{ID: "g-svc", CustomerID: "c1", Role: "service"})
	w.grant(0, asset.Grant{ID: "g-tech-c2", CustomerID: "c2", Role: "technician"})
	w.create(1, "fw", "c1", fwSecret)
	w.create(2, "nas", "c1", nasSecret)
	w.create(3, "mail", "c2", "mail-s3cret!")
	return w
}

func (w *world) grant(m int, g asset.Grant) {
	w.t.Helper()
	_, err := w.v.Grant(w.ctx, at(admin, m, "Zugang laut Kooperationsvereinbarung"), g)
	require.NoError(w.t, err)
}

func (w *world) create(m int, id, customer, secret string) {
	w.t.Helper()
	sec, err := asset.NewSecret(secret)
	require.NoError(w.t, err)
	c := cred(id, customer, 0)
	_, err = w.v.Create(w.ctx, at(tech, m, "bei Einrichtung notiert"), c, sec)
	require.NoError(w.t, err)
	sec.Wipe()
}

func (w *world) request(m int, who asset.Actor, id, credID string) {
	w.t.Helper()
	_, err := w.v.RequestAccess(w.ctx, at(who, m, "Wartung durch eigene IT"), id, credID)
	require.NoError(w.t, err)
}

func (w *world) approve(m int, id string, until int) {
	w.t.Helper()
	_, err := w.v.Approve(w.ctx, at(svc, m, "Rückruf beim Kunden"), id, mins(until))
	require.NoError(w.t, err)
}

func (w *world) reveal(a asset.Audit, id string) (asset.Secret, error) {
	return w.v.Reveal(w.ctx, a, id)
}

func vaultDenied(t *testing.T, newStore func() asset.VaultStore) {
	type attempt func(w *world) (asset.Secret, error)
	noSecret := func(f func(w *world) error) attempt {
		return func(w *world) (asset.Secret, error) { return asset.Secret{}, f(w) }
	}
	for _, tc := range []struct {
		name   string
		setup  func(w *world)
		try    attempt
		reason string // the attempt's reason, as the log must show it
		want   asset.AccessDeniedError
	}{
		{"staff_without_grant", nil,
			func(w *world) (asset.Secret, error) { return w.reveal(at(sales, 10, "neugierig"), "fw") },
			"neugierig", asset.AccessDeniedError{ActorID: "sales-kurz", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseNoGrant}},
		{"expired_grant_at_its_expiry_instant",
			func(w *world) {
				w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", ActorID: "tech-temp", Expires: mins(60)})
			},
			func(w *world) (asset.Secret, error) { return w.reveal(at(staff("tech-temp"), 60, "Ticket 1"), "fw") },
			"Ticket 1", asset.AccessDeniedError{ActorID: "tech-temp", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseGrantExpired}},
		{"revoked_grant",
			func(w *world) {
				w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", ActorID: "tech-rev"})
				_, err := w.v.Revoke(w.ctx, at(admin, 10, "Projekt beendet"), "g")
				require.NoError(w.t, err)
			},
			func(w *world) (asset.Secret, error) { return w.reveal(at(staff("tech-rev"), 20, "Ticket 2"), "fw") },
			"Ticket 2", asset.AccessDeniedError{ActorID: "tech-rev", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseGrantRevoked}},
		{"grant_for_another_credential",
			func(w *world) {
				w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", CredentialID: "fw", ActorID: "tech-fw"})
			},
			func(w *world) (asset.Secret, error) { return w.reveal(at(staff("tech-fw"), 10, "Ticket 3"), "nas") },
			"Ticket 3", asset.AccessDeniedError{ActorID: "tech-fw", Action: asset.ActionReveal, CredentialID: "nas", Cause: asset.CauseNoGrant}},
		{"grant_for_another_customer",
			func(w *world) { w.grant(5, asset.Grant{ID: "g", CustomerID: "c2", ActorID: "tech-c2"}) },
			func(w *world) (asset.Secret, error) { return w.reveal(at(staff("tech-c2"), 10, "Ticket 4"), "fw") },
			"Ticket 4", asset.AccessDeniedError{ActorID: "tech-c2", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseNoGrant}},
		{"missing_reason", nil,
			func(w *world) (asset.Secret, error) { return w.reveal(at(tech, 10, ""), "fw") },
			"", asset.AccessDeniedError{ActorID: "tech-meier", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseNoReason}},
		{"unknown_credential", nil,
			func(w *world) (asset.Secret, error) { return w.reveal(at(tech, 10, "Ticket 5"), "nope") },
			"Ticket 5", asset.AccessDeniedError{ActorID: "tech-meier", Action: asset.ActionReveal, CredentialID: "nope", Cause: asset.CauseUnknownCredential}},
		{"unknown_version", nil,
			func(w *world) (asset.Secret, error) {
				return w.v.RevealVersion(w.ctx, at(tech, 10, "Ticket 6"), "fw", 2)
			},
			"Ticket 6", asset.AccessDeniedError{ActorID: "tech-meier", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseUnknownVersion}},
		{"contact_without_request", nil,
			func(w *world) (asset.Secret, error) { return w.reveal(at(contact, 10, "brauche es"), "fw") },
			"brauche es", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseNoRequest}},
		{"unapproved_request",
			func(w *world) { w.request(5, contact, "r1", "fw") },
			func(w *world) (asset.Secret, error) { return w.reveal(at(contact, 10, "brauche es"), "fw") },
			"brauche es", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseRequestPending}},
		{"rejected_request",
			func(w *world) {
				w.request(5, contact, "r1", "fw")
				_, err := w.v.Reject(w.ctx, at(svc, 7, "bitte über das Ticket"), "r1")
				require.NoError(w.t, err)
			},
			func(w *world) (asset.Secret, error) { return w.reveal(at(contact, 10, "brauche es"), "fw") },
			"brauche es", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseRequestRejected}},
		{"expired_approval_at_its_expiry_instant",
			func(w *world) { w.request(5, contact, "r1", "fw"); w.approve(5, "r1", 65) },
			func(w *world) (asset.Secret, error) { return w.reveal(at(contact, 65, "brauche es"), "fw") },
			"brauche es", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseApprovalExpired}},
		{"approval_for_another_credential",
			func(w *world) { w.request(5, contact, "r1", "fw"); w.approve(6, "r1", 120) },
			func(w *world) (asset.Secret, error) { return w.reveal(at(contact, 10, "brauche es"), "nas") },
			"brauche es", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionReveal, CredentialID: "nas", Cause: asset.CauseNoRequest}},
		{"approval_of_another_contact",
			func(w *world) { w.request(5, contact2, "r1", "fw"); w.approve(6, "r1", 120) },
			func(w *world) (asset.Secret, error) { return w.reveal(at(contact, 10, "brauche es"), "fw") },
			"brauche es", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseNoRequest}},
		{"wrong_customer_reveal", nil,
			func(w *world) (asset.Secret, error) { return w.reveal(at(stranger, 10, "versehentlich"), "fw") },
			"versehentlich", asset.AccessDeniedError{ActorID: "kd-fremd", Action: asset.ActionReveal, CredentialID: "fw", Cause: asset.CauseWrongCustomer}},
		{"wrong_customer_request", nil,
			noSecret(func(w *world) error {
				_, err := w.v.RequestAccess(w.ctx, at(stranger, 10, "versehentlich"), "r1", "fw")
				return err
			}),
			"versehentlich", asset.AccessDeniedError{ActorID: "kd-fremd", Action: asset.ActionRequest, CredentialID: "fw", Cause: asset.CauseWrongCustomer}},
		{"staff_files_a_request", nil,
			noSecret(func(w *world) error {
				_, err := w.v.RequestAccess(w.ctx, at(tech, 10, "Ticket 7"), "r1", "fw")
				return err
			}),
			"Ticket 7", asset.AccessDeniedError{ActorID: "tech-meier", Action: asset.ActionRequest, CredentialID: "fw", Cause: asset.CauseNotContact}},
		{"contact_creates_a_credential", nil,
			noSecret(func(w *world) error {
				sec, _ := asset.NewSecret("from-the-portal")
				_, err := w.v.Create(w.ctx, at(contact, 10, "eigenes WLAN"), cred("wlan", "c1", 0), sec)
				return err
			}),
			"eigenes WLAN", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionCreate, CredentialID: "wlan", Cause: asset.CauseNotStaff}},
		{"create_with_a_credential_grant_only",
			func(w *world) {
				w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", CredentialID: "fw", ActorID: "tech-fw"})
			},
			noSecret(func(w *world) error {
				sec, _ := asset.NewSecret("another-one")
				_, err := w.v.Create(w.ctx, at(staff("tech-fw"), 10, "Ticket 8"), cred("wlan", "c1", 0), sec)
				return err
			}),
			"Ticket 8", asset.AccessDeniedError{ActorID: "tech-fw", Action: asset.ActionCreate, CredentialID: "wlan", Cause: asset.CauseNoGrant}},
		{"technician_grants", nil,
			noSecret(func(w *world) error {
				_, err := w.v.Grant(w.ctx, at(tech, 10, "Kollege braucht es"), asset.Grant{ID: "g", CustomerID: "c1", CredentialID: "fw", ActorID: "sales-kurz"})
				return err
			}),
			"Kollege braucht es", asset.AccessDeniedError{ActorID: "tech-meier", Action: asset.ActionGrant, CredentialID: "fw", Cause: asset.CauseNotAdmin}},
		{"contact_grants", nil,
			noSecret(func(w *world) error {
				_, err := w.v.Grant(w.ctx, at(contact, 10, "Selbstbedienung"), asset.Grant{ID: "g", CustomerID: "c1", ActorID: "kd-huber"})
				return err
			}),
			"Selbstbedienung", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionGrant, Cause: asset.CauseNotStaff}},
		{"technician_revokes", nil,
			noSecret(func(w *world) error {
				_, err := w.v.Revoke(w.ctx, at(tech, 10, "aufräumen"), "g-svc")
				return err
			}),
			"aufräumen", asset.AccessDeniedError{ActorID: "tech-meier", Action: asset.ActionRevoke, Cause: asset.CauseNotAdmin}},
		{"approver_without_grant",
			func(w *world) { w.request(5, contact, "r1", "fw") },
			noSecret(func(w *world) error {
				_, err := w.v.Approve(w.ctx, at(sales, 10, "Kunde ist wichtig"), "r1", mins(60))
				return err
			}),
			"Kunde ist wichtig", asset.AccessDeniedError{ActorID: "sales-kurz", Action: asset.ActionApprove, CredentialID: "fw", Cause: asset.CauseNoGrant}},
		{"contact_approves_own_request",
			func(w *world) { w.request(5, contact, "r1", "fw") },
			noSecret(func(w *world) error {
				_, err := w.v.Approve(w.ctx, at(contact, 10, "eilig"), "r1", mins(60))
				return err
			}),
			"eilig", asset.AccessDeniedError{ActorID: "kd-huber", Action: asset.ActionApprove, CredentialID: "fw", Cause: asset.CauseNotStaff}},
		{"rotate_after_grant_expired",
			func(w *world) {
				w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", ActorID: "tech-temp", Expires: mins(60)})
			},
			noSecret(func(w *world) error {
				sec, _ := asset.NewSecret("rotated-too-late")
				_, err := w.v.Rotate(w.ctx, at(staff("tech-temp"), 61, "Ticket 9"), "fw", sec)
				return err
			}),
			"Ticket 9", asset.AccessDeniedError{ActorID: "tech-temp", Action: asset.ActionRotate, CredentialID: "fw", Cause: asset.CauseGrantExpired}},
		{"update_without_grant", nil,
			noSecret(func(w *world) error {
				_, err := w.v.Update(w.ctx, at(sales, 10, "Tippfehler"), "fw", func(c *asset.Credential) error { c.Notes = "x"; return nil })
				return err
			}),
			"Tippfehler", asset.AccessDeniedError{ActorID: "sales-kurz", Action: asset.ActionUpdate, CredentialID: "fw", Cause: asset.CauseNoGrant}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, newStore())
			if tc.setup != nil {
				tc.setup(w)
			}
			before := snap(t, w.s, tc.want.CredentialID)
			sec, err := tc.try(w)
			var denied *asset.AccessDeniedError
			if !errors.As(err, &denied) {
				t.Fatalf("error %v, want *asset.AccessDeniedError", err)
			}
			diff(t, "denial", tc.want, *denied)
			wantErr(t, "denial", err, asset.ErrAccessDenied)
			if !sec.IsZero() {
				t.Error("a refused reveal returned a secret")
			}
			after := snap(t, w.s, tc.want.CredentialID)
			if len(after.Log) != len(before.Log)+1 {
				t.Fatalf("log grew by %d entries, want 1", len(after.Log)-len(before.Log))
			}
			last := after.Log[len(after.Log)-1]
			if !last.Denied || last.Cause != tc.want.Cause || last.Action != tc.want.Action || last.ActorID != tc.want.ActorID ||
				last.CredentialID != tc.want.CredentialID || last.Reason != tc.reason || last.At.IsZero() {
				t.Errorf("logged %+v, want the denial %+v with reason %q", last, tc.want, tc.reason)
			}
			after.Log = after.Log[:len(before.Log)]
			diff(t, "store apart from the log entry", before, after)
		})
	}
}

func vaultAllowed(t *testing.T, newStore func() asset.VaultStore) {
	for _, tc := range []struct {
		name    string
		setup   func(w *world)
		a       asset.Audit
		id      string
		version int
		want    string
	}{
		{"technician_by_role_grant", nil, at(tech, 10, "Ticket 10"), "fw", 0, fwSecret},
		{"service_by_role_grant", nil, at(svc, 10, "Ticket 11"), "nas", 0, nasSecret},
		{"staff_member_by_credential_grant",
			func(w *world) {
				w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", CredentialID: "fw", ActorID: "tech-fw"})
			},
			at(staff("tech-fw"), 10, "Ticket 12"), "fw", 0, fwSecret},
		{"grant_in_force_from_its_instant",
			func(w *world) { w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", ActorID: "tech-now"}) },
			at(staff("tech-now"), 5, "Ticket 13"), "fw", 0, fwSecret},
		{"grant_until_just_before_expiry",
			func(w *world) {
				w.grant(5, asset.Grant{ID: "g", CustomerID: "c1", ActorID: "tech-temp", Expires: mins(60)})
			},
			asset.Audit{Actor: staff("tech-temp"), At: mins(60).Add(-time.Second), Reason: "Ticket 14"}, "fw", 0, fwSecret},
		{"contact_with_approval_until_just_before_expiry",
			func(w *world) { w.request(5, contact, "r1", "fw"); w.approve(6, "r1", 124) },
			asset.Audit{Actor: contact, At: mins(124).Add(-time.Second), Reason: "Router-Tausch"}, "fw", 0, fwSecret},
		{"contact_with_new_approval_after_expired_one",
			func(w *world) {
				w.request(5, contact, "r1", "fw")
				w.approve(6, "r1", 65)
				w.request(70, contact, "r2", "fw")
				w.approve(71, "r2", 200)
			},
			at(contact, 100, "Router-Tausch"), "fw", 0, fwSecret},
		{"first_version_by_number", nil, at(tech, 10, "Ticket 15"), "fw", 1, fwSecret},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, newStore())
			if tc.setup != nil {
				tc.setup(w)
			}
			sec, err := w.v.RevealVersion(w.ctx, tc.a, tc.id, tc.version)
			require.NoError(t, err)
			if got := string(sec.Plaintext()); got != tc.want {
				t.Errorf("revealed a secret of %d bytes, not the stored one", len(got))
			}
			sec.Wipe()
			log := collect(t, w.v.Log(w.ctx, asset.LogFilter{}))
			last := log[len(log)-1]
			want := asset.LogEntry{Seq: last.Seq, At: tc.a.At, ActorID: tc.a.Actor.ID, ActorKind: tc.a.Actor.Kind, Action: asset.ActionReveal,
				CustomerID: "c1", CredentialID: tc.id, Version: 1, Reason: tc.a.Reason}
			diff(t, "logged reveal", want, last)
		})
	}
}

func vaultRotation(t *testing.T, s asset.VaultStore) {
	w := newWorld(t, s)
	v1 := snap(t, s, "fw").Secrets
	sec, err := asset.NewSecret(newSecret)
	require.NoError(t, err)
	c, err := w.v.Rotate(w.ctx, at(tech, 10, "Passwortwechsel nach Mitarbeiteraustritt"), "fw", sec)
	require.NoError(t, err)
	sec.Wipe()
	if c.Version != 2 || !c.UpdatedAt.Equal(mins(10)) || c.UpdatedBy != "tech-meier" || !c.CreatedAt.Equal(mins(1)) {
		t.Errorf("rotated credential %+v", c)
	}
	sn := snap(t, s, "fw")
	if len(sn.Secrets) != 2 {
		t.Fatalf("%d secret versions after one rotation, want 2", len(sn.Secrets))
	}
	diff(t, "version 1 after rotation", v1[0], sn.Secrets[0])
	logFrom := sn.Log[len(sn.Log)-1].Seq - 1
	for _, tc := range []struct {
		version int
		want    string
	}{{0, newSecret}, {1, fwSecret}, {2, newSecret}} {
		got, err := w.v.RevealVersion(w.ctx, at(tech, 20, "Vergleich"), "fw", tc.version)
		require.NoError(t, err)
		if string(got.Plaintext()) != tc.want {
			t.Errorf("version %d revealed the wrong secret", tc.version)
		}
		got.Wipe()
	}
	var got []string
	for _, e := range collect(t, w.v.Log(w.ctx, asset.LogFilter{CredentialID: "fw", AfterSeq: logFrom})) {
		got = append(got, fmt.Sprintf("%s v%d", e.Action, e.Version))
	}
	diff(t, "log of the rotation and reveals", []string{"rotate v2", "reveal v2", "reveal v1", "reveal v2"}, got)
}

func vaultSealed(t *testing.T, s asset.VaultStore) {
	w := newWorld(t, s)
	sec, _ := asset.NewSecret(newSecret)
	_, err := w.v.Rotate(w.ctx, at(tech, 10, "Wechsel"), "fw", sec)
	require.NoError(t, err)
	for _, id := range []string{"fw", "nas", "mail"} {
		for _, ss := range snap(t, s, id).Secrets {
			if len(ss.Sealed.Data) == 0 {
				t.Errorf("%s v%d: no sealed data", id, ss.Version)
			}
			for _, p := range []string{fwSecret, nasSecret, newSecret, "mail-s3cret!"} {
				if bytes.Contains(ss.Sealed.Data, []byte(p)) || strings.Contains(ss.Sealed.KeyID, p) {
					t.Errorf("%s v%d: the stored form contains a plaintext", id, ss.Version)
				}
			}
		}
	}
	// A sealer that hands back the plaintext is refused, and nothing is
	// stored.
	leaky, err := asset.NewVault(s, plainSealer{}, asset.VaultConfig{})
	require.NoError(t, err)
	before := snap(t, s, "leak")
	sec, _ = asset.NewSecret("plain-as-day")
	_, err = leaky.Create(w.ctx, at(tech, 30, "Test"), cred("leak", "c1", 0), sec)
	wantErr(t, "Create through a sealer that does not seal", err, asset.ErrSealFailed)
	diff(t, "store after the refused create", before, snap(t, s, "leak"))
}

// plainSealer "seals" by copying: what a broken Sealer might do.
type plainSealer struct{}

func (plainSealer) Seal(_ context.Context, p, _ []byte) (asset.Sealed, error) {
	return asset.Sealed{KeyID: "none", Data: append([]byte("v1:"), p...)}, nil
}

func (plainSealer) Open(_ context.Context, s asset.Sealed, _ []byte) ([]byte, error) {
	return bytes.TrimPrefix(s.Data, []byte("v1:")), nil
}

func vaultConcurrent(t *testing.T, s asset.VaultStore) {
	w := newWorld(t, s)
	errs := race(8, func(i int) error {
		sec, _ := asset.NewSecret(fmt.Sprintf("rotation-%d-secret", i))
		defer sec.Wipe()
		_, err := w.v.Rotate(w.ctx, at(tech, 10+i, "Wechsel"), "fw", sec)
		return err
	})
	n := wins(t, "concurrent Rotate", errs)
	c := mustGet[asset.Credential](t)(w.v.Credential(w.ctx, "fw"))
	rotations := 0
	for _, e := range collect(t, w.v.Log(w.ctx, asset.LogFilter{CredentialID: "fw"})) {
		if e.Action == asset.ActionRotate && !e.Denied {
			rotations++
		}
	}
	if n == 0 || c.Version != 1+n || rotations != n {
		t.Errorf("%d rotations won, version is %d, %d logged", n, c.Version, rotations)
	}
	seen := map[string]bool{}
	for v := 2; v <= c.Version; v++ {
		sec, err := w.v.RevealVersion(w.ctx, at(tech, 30, "Prüfung"), "fw", v)
		require.NoError(t, err)
		p := string(sec.Plaintext())
		if seen[p] || !strings.HasPrefix(p, "rotation-") {
			t.Errorf("version %d holds a repeated or foreign secret", v)
		}
		seen[p] = true
		sec.Wipe()
	}

	w.request(40, contact, "r1", "fw")
	errs = race(6, func(i int) error {
		approver := []asset.Actor{tech, svc}[i%2]
		_, err := w.v.Approve(w.ctx, at(approver, 41, "ok"), "r1", mins(90))
		return err
	})
	if n := wins(t, "concurrent Approve", errs); n != 1 {
		t.Errorf("%d concurrent approvals of one request succeeded, want 1", n)
	}
}

func vaultMoved(t *testing.T, s asset.VaultStore) {
	w := newWorld(t, s)
	var fw1 asset.SealedSecret
	require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) (err error) {
		fw1, err = tx.Secret(ctx, "fw", 1)
		return err
	}))
	// Someone with database access moves fw's ciphertext: to nas as its
	// version 2, and to fw as its version 2.
	for _, id := range []string{"nas", "fw"} {
		require.NoError(t, transact(t, s, func(ctx context.Context, tx asset.VaultTx) error {
			c, err := tx.Credential(ctx, id)
			if err != nil {
				return err
			}
			c.Version = 2
			moved := fw1.Clone()
			moved.CredentialID, moved.Version = id, 2
			if err := tx.AddSecret(ctx, moved); err != nil {
				return err
			}
			return tx.PutCredential(ctx, c)
		}))
		sec, err := w.reveal(at(tech, 10, "Ticket 16"), id)
		wantErr(t, "reveal of a moved ciphertext", err, asset.ErrSealFailed)
		if !sec.IsZero() {
			t.Error("a moved ciphertext revealed something")
		}
		log := collect(t, w.v.Log(w.ctx, asset.LogFilter{CredentialID: id}))
		last := log[len(log)-1]
		if !last.Denied || last.Cause != asset.CauseSealBroken || last.Version != 2 || last.Action != asset.ActionReveal {
			t.Errorf("logged %+v, want a reveal of v2 refused with seal-broken", last)
		}
	}
}

// vaultNoLeak runs every vault operation, the refused ones too, and prints
// everything they return and log in every way a host might: fmt verbs,
// JSON, log/slog. No plaintext may appear, nor its hex or base64 form.
func vaultNoLeak(t *testing.T, s asset.VaultStore) {
	w := newWorld(t, s)
	var outputs []any
	keep := func(v any, err error) {
		outputs = append(outputs, v)
		if err != nil {
			outputs = append(outputs, err, err.Error())
		}
	}
	sec, _ := asset.NewSecret(newSecret)
	keep(w.v.Rotate(w.ctx, at(tech, 10, "Wechsel"), "fw", sec))
	keep(w.v.Rotate(w.ctx, at(sales, 10, "Wechsel"), "fw", sec))
	keep(w.v.Create(w.ctx, at(tech, 10, "neu"), cred("fw", "c1", 0), sec))
	keep(w.v.Create(w.ctx, at(tech, 10, ""), cred("x", "c1", 0), sec))
	keep(asset.NewSecret(""))
	keep(asset.NewSecret(strings.Repeat(newSecret, 2000)))
	keep(w.v.Update(w.ctx, at(tech, 11, "Notiz"), "fw", func(c *asset.Credential) error { c.Notes = "Port 8443"; return nil }))
	keep(w.v.Update(w.ctx, at(tech, 11, "Notiz"), "fw", func(c *asset.Credential) error { c.Version = 9; return nil }))
	keep(w.v.RequestAccess(w.ctx, at(contact, 12, "Wartung"), "r1", "fw"))
	keep(w.v.RequestAccess(w.ctx, at(stranger, 12, "Wartung"), "r2", "fw"))
	keep(w.v.Approve(w.ctx, at(svc, 13, "ok"), "r1", mins(100)))
	keep(w.v.Approve(w.ctx, at(svc, 13, "ok"), "r1", mins(100)))
	keep(w.v.Approve(w.ctx, at(svc, 13, "ok"), "r1", mins(10000)))
	revealed, err := w.reveal(at(contact, 14, "Router-Tausch"), "fw")
	require.NoError(t, err)
	keep(revealed, nil)
	keep(struct{ hidden asset.Secret }{revealed}, nil)
	keep(&revealed, nil)
	keep(w.reveal(at(contact, 200, "zu spät"), "fw"))
	keep(w.reveal(at(tech, 15, ""), "fw"))
	keep(w.v.RevealVersion(w.ctx, at(tech, 15, "alt"), "fw", 1))
	keep(w.v.Grant(w.ctx, at(admin, 16, "Vertretung"), asset.Grant{ID: "g9", CustomerID: "c1", ActorID: "tech-x"}))
	keep(w.v.Revoke(w.ctx, at(admin, 17, "zurück"), "g9"))
	outputs = append(outputs, collect(t, w.v.Grants(w.ctx, "c1")), collect(t, w.v.Requests(w.ctx, "fw")))
	keep(w.v.Credential(w.ctx, "fw"))
	outputs = append(outputs, collect(t, w.v.Credentials(w.ctx, "c1")), collect(t, w.v.Log(w.ctx, asset.LogFilter{})))
	outputs = append(outputs, snap(t, s, "fw"), w.v)
	if string(revealed.Plaintext()) != newSecret {
		t.Fatal("the scenario did not reveal the rotated secret; the scan below would prove little")
	}
	for _, o := range outputs {
		AssertNoSecret(t, o, fwSecret, nasSecret, newSecret)
	}
	revealed.Wipe()
	sec.Wipe()
	if revealed.Plaintext() != nil || sec.Plaintext() != nil {
		t.Error("Wipe left plaintext behind")
	}
}

// AssertNoSecret prints v every way a host or a tester might (the fmt
// verbs %v %+v %#v %s %q %x %X %d, encoding/json, log/slog's JSON and text
// handlers, go-cmp's cmp.Diff against the zero value with every
// unexported field opened, and the failure message of testify's
// assert.Equal against the zero value, whose hex dump shows bytes in
// groups of 16) and fails t if one of the secrets shows, plainly, in hex
// (also spaced), in base64, or by its first 8 bytes. Hosts can run it on
// their own types that carry credentials.
func AssertNoSecret(t testing.TB, v any, secrets ...string) {
	t.Helper()
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		outs = append(outs, fmt.Sprintf(verb, v))
	}
	outs = append(outs, reflectionPrints(v)...)
	if b, err := json.Marshal(v); err == nil {
		outs = append(outs, string(b))
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("out", "v", v)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("out", "v", v)
	outs = append(outs, buf.String())
	for _, s := range secrets {
		forms := []string{s, hex.EncodeToString([]byte(s)), strings.ToUpper(hex.EncodeToString([]byte(s))), base64.StdEncoding.EncodeToString([]byte(s)), spacedHex(s[:min(len(s), 8)])}
		if len(s) >= 8 {
			forms = append(forms, s[:8])
		}
		for _, out := range outs {
			for _, f := range forms {
				if strings.Contains(out, f) {
					t.Errorf("a secret shows in the output of a %T", v)
					return
				}
			}
		}
	}
}

// reflectionPrints is what the printers that walk a value by reflection
// make of v: cmp.Diff from the zero value of v's type, reading unexported
// fields too, and testify's failure message for assert.Equal(zero, v). A
// printer that panics on v prints nothing.
func reflectionPrints(v any) []string {
	if v == nil {
		return nil
	}
	zero := reflect.Zero(reflect.TypeOf(v)).Interface()
	var outs []string
	func() {
		defer func() { _ = recover() }()
		outs = append(outs, cmp.Diff(zero, v, cmp.Exporter(func(reflect.Type) bool { return true })))
	}()
	var rec failureText
	assert.Equal(&rec, zero, v)
	return append(outs, rec.String())
}

// failureText is an assert.TestingT that keeps the failure messages.
type failureText struct{ strings.Builder }

func (f *failureText) Errorf(format string, args ...any) { fmt.Fprintf(&f.Builder, format, args...) }

// spacedHex is s in hex with a space between bytes, as hex dumps show it.
func spacedHex(s string) string {
	parts := make([]string, len(s))
	for i := range len(s) {
		parts[i] = hex.EncodeToString([]byte{s[i]})
	}
	return strings.Join(parts, " ")
}
