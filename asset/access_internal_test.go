package asset

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func m(n int) time.Time { return t0.Add(time.Duration(n) * time.Minute) }

func TestGrantCause(t *testing.T) {
	tech := Actor{ID: "tech", Kind: ActorStaff, Roles: []string{"technician"}}
	role := Grant{ID: "g1", CustomerID: "c1", Role: "technician", GrantedAt: m(0)}
	with := func(f func(g *Grant)) Grant { g := role; f(&g); return g }
	for _, tc := range []struct {
		name   string
		actor  Actor
		cred   string
		grants []Grant
		at     time.Time
		want   Cause
	}{
		{"role_grant_for_the_customer", tech, "fw", []Grant{role}, m(10), ""},
		{"grant_to_the_person", Actor{ID: "tech", Kind: ActorStaff}, "fw", []Grant{with(func(g *Grant) { g.Role, g.ActorID = "", "tech" })}, m(10), ""},
		{"grant_for_the_credential", tech, "fw", []Grant{with(func(g *Grant) { g.CredentialID = "fw" })}, m(10), ""},
		{"in_force_from_its_instant", tech, "fw", []Grant{role}, m(0), ""},
		{"not_before_it_was_granted", tech, "fw", []Grant{role}, m(-1), CauseNoGrant},
		{"no_grants_at_all", tech, "fw", nil, m(10), CauseNoGrant},
		{"grant_for_another_role", tech, "fw", []Grant{with(func(g *Grant) { g.Role = "service" })}, m(10), CauseNoGrant},
		{"grant_for_another_person", tech, "fw", []Grant{with(func(g *Grant) { g.Role, g.ActorID = "", "other" })}, m(10), CauseNoGrant},
		{"grant_for_another_credential", tech, "nas", []Grant{with(func(g *Grant) { g.CredentialID = "fw" })}, m(10), CauseNoGrant},
		{"grant_for_another_customer", tech, "fw", []Grant{with(func(g *Grant) { g.CustomerID = "c2" })}, m(10), CauseNoGrant},
		{"expired_at_its_instant", tech, "fw", []Grant{with(func(g *Grant) { g.Expires = m(10) })}, m(10), CauseGrantExpired},
		{"in_force_a_second_before_expiry", tech, "fw", []Grant{with(func(g *Grant) { g.Expires = m(10) })}, m(10).Add(-time.Second), ""},
		{"revoked_at_its_instant", tech, "fw", []Grant{with(func(g *Grant) { g.RevokedAt = m(10) })}, m(10), CauseGrantRevoked},
		{"in_force_before_revocation", tech, "fw", []Grant{with(func(g *Grant) { g.RevokedAt = m(10) })}, m(9), ""},
		{"expired_named_over_revoked", tech, "fw", []Grant{with(func(g *Grant) { g.RevokedAt = m(5) }), with(func(g *Grant) { g.ID, g.Expires = "g2", m(6) })}, m(10), CauseGrantExpired},
		{"one_grant_in_force_is_enough", tech, "fw", []Grant{with(func(g *Grant) { g.Expires = m(5) }), with(func(g *Grant) { g.ID = "g2" })}, m(10), ""},
		{"contacts_never_use_grants", Actor{ID: "tech", Kind: ActorContact, CustomerID: "c1", Roles: []string{"technician"}}, "fw", []Grant{role}, m(10), CauseNotStaff},
		{"empty_role_matches_no_one", Actor{ID: "x", Kind: ActorStaff, Roles: []string{""}}, "fw", []Grant{with(func(g *Grant) { g.Role = "" })}, m(10), CauseNoGrant},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := grantCause(tc.actor, "c1", tc.cred, tc.grants, tc.at); got != tc.want {
				t.Errorf("cause %q, want %q", got, tc.want)
			}
		})
	}
}

func TestApprovalCause(t *testing.T) {
	kd := Actor{ID: "kd", Kind: ActorContact, CustomerID: "c1"}
	fw := Credential{ID: "fw", CustomerID: "c1"}
	approved := AccessRequest{ID: "r1", CredentialID: "fw", CustomerID: "c1", ContactID: "kd", RequestedAt: m(0), Status: RequestApproved, DecidedAt: m(5), Expires: m(65)}
	with := func(f func(r *AccessRequest)) AccessRequest { r := approved; f(&r); return r }
	pending := with(func(r *AccessRequest) {
		r.ID, r.Status, r.DecidedAt, r.Expires = "r2", RequestPending, time.Time{}, time.Time{}
	})
	rejected := with(func(r *AccessRequest) { r.ID, r.Status, r.Expires = "r3", RequestRejected, time.Time{} })
	for _, tc := range []struct {
		name     string
		actor    Actor
		requests []AccessRequest
		at       time.Time
		want     Cause
	}{
		{"approved_and_in_time", kd, []AccessRequest{approved}, m(30), ""},
		{"from_the_approval_instant", kd, []AccessRequest{approved}, m(5), ""},
		{"not_before_approval", kd, []AccessRequest{approved}, m(4), CauseNoRequest},
		{"expired_at_its_instant", kd, []AccessRequest{approved}, m(65), CauseApprovalExpired},
		{"pending", kd, []AccessRequest{pending}, m(30), CauseRequestPending},
		{"rejected", kd, []AccessRequest{rejected}, m(30), CauseRequestRejected},
		{"nothing_asked", kd, nil, m(30), CauseNoRequest},
		{"pending_named_over_expired", kd, []AccessRequest{approved, pending}, m(70), CauseRequestPending},
		{"expired_named_over_rejected", kd, []AccessRequest{rejected, approved}, m(70), CauseApprovalExpired},
		{"one_approval_in_force_is_enough", kd, []AccessRequest{rejected, approved, pending}, m(30), ""},
		{"approval_of_another_contact", Actor{ID: "kd2", Kind: ActorContact, CustomerID: "c1"}, []AccessRequest{approved}, m(30), CauseNoRequest},
		{"approval_for_another_credential", kd, []AccessRequest{with(func(r *AccessRequest) { r.CredentialID = "nas" })}, m(30), CauseNoRequest},
		{"contact_of_another_customer", Actor{ID: "kd", Kind: ActorContact, CustomerID: "c2"}, []AccessRequest{approved}, m(30), CauseWrongCustomer},
		{"staff_do_not_use_requests", Actor{ID: "kd", Kind: ActorStaff}, []AccessRequest{approved}, m(30), CauseNotContact},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := approvalCause(tc.actor, fw, tc.requests, tc.at); got != tc.want {
				t.Errorf("cause %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRevealCause(t *testing.T) {
	fw := Credential{ID: "fw", CustomerID: "c1"}
	tech := Actor{ID: "tech", Kind: ActorStaff, Roles: []string{"technician"}}
	kd := Actor{ID: "kd", Kind: ActorContact, CustomerID: "c1"}
	grants := []Grant{{ID: "g", CustomerID: "c1", Role: "technician", GrantedAt: m(0)}}
	requests := []AccessRequest{{ID: "r", CredentialID: "fw", CustomerID: "c1", ContactID: "kd", Status: RequestApproved, DecidedAt: m(0), Expires: m(60)}}
	for _, tc := range []struct {
		name string
		a    Audit
		want Cause
	}{
		{"staff_with_reason_and_grant", Audit{Actor: tech, At: m(10), Reason: "Ticket"}, ""},
		{"contact_with_reason_and_approval", Audit{Actor: kd, At: m(10), Reason: "Router"}, ""},
		{"staff_without_reason", Audit{Actor: tech, At: m(10)}, CauseNoReason},
		{"contact_without_reason", Audit{Actor: kd, At: m(10)}, CauseNoReason},
		{"reason_checked_before_access", Audit{Actor: Actor{ID: "x", Kind: ActorStaff}, At: m(10)}, CauseNoReason},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := revealCause(tc.a, fw, grants, requests); got != tc.want {
				t.Errorf("cause %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSealContextIsUniquePerCredentialAndVersion(t *testing.T) {
	pairs := []struct {
		id string
		v  int
	}{{"fw", 1}, {"fw", 2}, {"fw1", 1}, {"f", 11}, {"", 1}, {"fw\x01", 1}, {"nas", 1}, {"fw", 128}, {"fw", 1 << 20}}
	for i, a := range pairs {
		for j, b := range pairs {
			if i != j && bytes.Equal(sealContext(a.id, a.v), sealContext(b.id, b.v)) {
				t.Errorf("(%q, %d) and (%q, %d) share associated data", a.id, a.v, b.id, b.v)
			}
		}
	}
}

func TestCausesAreDescribed(t *testing.T) {
	causes := []Cause{CauseNoReason, CauseUnknownCredential, CauseUnknownVersion, CauseNotStaff, CauseNotContact, CauseNotAdmin,
		CauseNoGrant, CauseGrantExpired, CauseGrantRevoked, CauseWrongCustomer, CauseNoRequest, CauseRequestPending,
		CauseRequestRejected, CauseApprovalExpired, CauseSealBroken}
	seen := map[string]bool{}
	for _, c := range causes {
		text := c.Describe()
		if text == string(c) || seen[text] {
			t.Errorf("%q has no description of its own: %q", c, text)
		}
		seen[text] = true
	}
}

func TestAccessDeniedErrorMatches(t *testing.T) {
	for _, tc := range []struct {
		cause    Cause
		notFound bool
	}{
		{CauseNoGrant, false},
		{CauseWrongCustomer, false},
		{CauseUnknownCredential, true},
		{CauseUnknownVersion, true},
	} {
		var err error = &AccessDeniedError{ActorID: "tech", Action: ActionReveal, CredentialID: "fw", Cause: tc.cause}
		if !errors.Is(err, ErrAccessDenied) || errors.Is(err, ErrNotFound) != tc.notFound || errors.Is(err, ErrInvalid) {
			t.Errorf("%s: matches ErrAccessDenied %v, ErrNotFound %v", tc.cause, errors.Is(err, ErrAccessDenied), errors.Is(err, ErrNotFound))
		}
	}
	got := (&AccessDeniedError{ActorID: "tech", Action: ActionReveal, CredentialID: "fw", Cause: CauseGrantExpired}).Error()
	if want := `asset: access denied: tech may not reveal credential "fw": the grant has expired`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func FuzzSealContext(f *testing.F) {
	f.Add("fw", 1, "fw", 2)
	f.Add("fw1", 1, "fw", 11)
	f.Add("", 0, "\x00", 0)
	f.Fuzz(func(t *testing.T, id1 string, v1 int, id2 string, v2 int) {
		same := id1 == id2 && v1 == v2
		if bytes.Equal(sealContext(id1, v1), sealContext(id2, v2)) != same {
			t.Fatalf("(%q, %d) and (%q, %d): equal encodings %v, equal inputs %v", id1, v1, id2, v2, !same, same)
		}
	})
}
