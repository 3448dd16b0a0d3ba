package asset

import (
	"fmt"
	"time"

	"github.com/deskcore/deskcore/actor"
)

// ActorKind says on which side of the contract an actor works:
// actor.Kind. The vault knows staff and contacts.
type ActorKind = actor.Kind

// The two kinds of actor the vault knows.
const (
	// ActorStaff is the provider's staff: service team, technicians,
	// materials management. Staff reach credentials through grants.
	ActorStaff = actor.Staff
	// ActorContact is a customer's employee with a portal login. Contacts
	// reach a credential only through an approved access request.
	ActorContact = actor.Contact
)

// Actor is who acts: actor.Actor, the one actor type of every deskcore
// package. The vault needs Kind and ID; Roles, the staff roles in the
// host's words ("service", "technician"), for grants to a role; and, for a
// contact, the CustomerID they work for. The library does not know the
// host's users; it trusts the host for who someone is and decides what
// they may do with credentials.
type Actor = actor.Actor

func validateActor(a Actor) error {
	if err := checkID("Actor.ID", a.ID); err != nil {
		return err
	}
	switch a.Kind {
	case ActorStaff:
	case ActorContact:
		if err := checkID("Actor.CustomerID", a.CustomerID); err != nil {
			return err
		}
	default:
		return invalid("Actor.Kind", "must be staff or contact, not %q", a.Kind)
	}
	if len(a.Roles) > 100 {
		return invalid("Actor.Roles", "has more than 100 roles")
	}
	for i, r := range a.Roles {
		if err := checkID(fmt.Sprintf("Actor.Roles[%d]", i), r); err != nil {
			return err
		}
	}
	return nil
}

// Audit is who does something with a credential, when and why: the first
// three of the access log's "who, when, what, why". Every Vault operation
// takes one. At is the host's clock; the library reads no clock.
type Audit struct {
	Actor  Actor
	At     time.Time
	Reason string // why: "ticket 4711, firmware update"; required by every Vault operation
}

func (a Audit) validate() error {
	if err := validateActor(a.Actor); err != nil {
		return err
	}
	if err := checkInstant("At", a.At); err != nil {
		return err
	}
	return checkText("Reason", a.Reason, maxTextLen, false, false)
}

// requireReason is the check of operations other than Reveal, where a
// missing reason is bad input rather than a refused access.
func (a Audit) requireReason() error {
	if a.Reason == "" {
		return invalid("Reason", "is required")
	}
	return nil
}

// Grant lets staff reach credentials: a role ("technician") or one staff
// member, for every credential of a customer or for one credential, until
// it expires or is revoked (access only for the staff who need it: "nur für
// die Mitarbeiter im Zugriff, die auch Zugriff benötigen").
type Grant struct {
	ID           string
	CustomerID   string
	CredentialID string    // empty: every credential of the customer, present and future
	Role         string    // exactly one of Role and ActorID
	ActorID      string    //
	Expires      time.Time // zero: until revoked
	GrantedBy    string    // set by the Vault
	GrantedAt    time.Time // set by the Vault
	RevokedBy    string    // set by Vault.Revoke
	RevokedAt    time.Time // set by Vault.Revoke
}

// Validate checks the fields a host supplies when granting: IDs and exactly
// one of Role and ActorID. It returns nil or a *ValidationError.
func (g Grant) Validate() error {
	return firstOf(
		checkID("ID", g.ID),
		checkID("CustomerID", g.CustomerID),
		checkOptionalID("CredentialID", g.CredentialID),
		unless((g.Role == "") != (g.ActorID == ""), "Role", "exactly one of Role and ActorID is set"),
		checkOptionalID("Role", g.Role),
		checkOptionalID("ActorID", g.ActorID),
		checkOptionalInstant("Expires", g.Expires),
	)
}

// ActiveAt reports whether g is in force at t: granted, not expired, not
// revoked. Expiry and revocation take effect at their instant.
func (g Grant) ActiveAt(t time.Time) bool {
	return !t.Before(g.GrantedAt) && !g.expiredAt(t) && !g.revokedAt(t)
}

func (g Grant) expiredAt(t time.Time) bool { return !g.Expires.IsZero() && !t.Before(g.Expires) }
func (g Grant) revokedAt(t time.Time) bool { return !g.RevokedAt.IsZero() && !t.Before(g.RevokedAt) }

// covers reports whether g is for this staff actor and this credential of
// this customer, in force or not.
func (g Grant) covers(a Actor, customerID, credentialID string) bool {
	return a.Kind == ActorStaff && g.CustomerID == customerID &&
		(g.CredentialID == "" || g.CredentialID == credentialID) &&
		(a.HasRole(g.Role) || (g.ActorID != "" && g.ActorID == a.ID))
}

// grantCause decides whether staff actor a may use credential credentialID
// of customerID at t: "" if a grant is in force, otherwise why not. A
// matching grant that expired outranks one that was revoked, which outranks
// having none, so the cause names the nearest miss.
func grantCause(a Actor, customerID, credentialID string, grants []Grant, t time.Time) Cause {
	if a.Kind != ActorStaff {
		return CauseNotStaff
	}
	cause := CauseNoGrant
	for _, g := range grants {
		if !g.covers(a, customerID, credentialID) || t.Before(g.GrantedAt) {
			continue
		}
		switch {
		case g.ActiveAt(t):
			return ""
		case g.expiredAt(t):
			cause = CauseGrantExpired
		case cause == CauseNoGrant:
			cause = CauseGrantRevoked
		}
	}
	return cause
}

// RequestStatus is where a contact's access request stands.
type RequestStatus string

// The states of an access request.
const (
	RequestPending  RequestStatus = "pending"
	RequestApproved RequestStatus = "approved"
	RequestRejected RequestStatus = "rejected"
)

// AccessRequest is a customer contact asking to see one credential
// ("für Kundenmitarbeiter auf Anfrage und nach Freigabe"). Staff approve it
// until an instant or reject it; either way it is decided once.
type AccessRequest struct {
	ID             string
	CredentialID   string
	CustomerID     string
	ContactID      string
	Reason         string
	RequestedAt    time.Time
	Status         RequestStatus
	DecidedBy      string
	DecidedAt      time.Time
	DecisionReason string
	Expires        time.Time // approved until this instant (exclusive)
}

// ApprovedAt reports whether r lets its contact see the credential at t.
func (r AccessRequest) ApprovedAt(t time.Time) bool {
	return r.Status == RequestApproved && !t.Before(r.DecidedAt) && t.Before(r.Expires)
}

// approvalCause decides whether contact a may see credential c at t: ""
// with an approval in force, otherwise why not. A pending request outranks
// an expired approval, which outranks a rejection, which outranks having
// asked nothing.
func approvalCause(a Actor, c Credential, requests []AccessRequest, t time.Time) Cause {
	if a.Kind != ActorContact {
		return CauseNotContact
	}
	if a.CustomerID != c.CustomerID {
		return CauseWrongCustomer
	}
	rank := map[Cause]int{CauseNoRequest: 0, CauseRequestRejected: 1, CauseApprovalExpired: 2, CauseRequestPending: 3}
	cause := CauseNoRequest
	for _, r := range requests {
		if r.ContactID != a.ID || r.CredentialID != c.ID || r.CustomerID != c.CustomerID {
			continue
		}
		var this Cause
		switch {
		case r.ApprovedAt(t):
			return ""
		case r.Status == RequestPending:
			this = CauseRequestPending
		case r.Status == RequestApproved && !t.Before(r.Expires):
			this = CauseApprovalExpired
		case r.Status == RequestRejected:
			this = CauseRequestRejected
		default:
			continue
		}
		if rank[this] > rank[cause] {
			cause = this
		}
	}
	return cause
}

// revealCause decides whether a.Actor may see credential c at a.At: staff
// by grant, contacts by approved request, and nobody without a reason.
func revealCause(a Audit, c Credential, grants []Grant, requests []AccessRequest) Cause {
	if a.Reason == "" {
		return CauseNoReason
	}
	if a.Actor.Kind == ActorContact {
		return approvalCause(a.Actor, c, requests, a.At)
	}
	return grantCause(a.Actor, c.CustomerID, c.ID, grants, a.At)
}

// Action is what an access-log entry records.
type Action string

// Everything done with credentials, grants and requests is one of these.
const (
	ActionCreate  Action = "create"  // a credential was recorded with its first secret
	ActionUpdate  Action = "update"  // its details (username, URL, notes, expiry) changed
	ActionRotate  Action = "rotate"  // a new secret version was added
	ActionReveal  Action = "reveal"  // a secret was shown in plain text
	ActionGrant   Action = "grant"   // staff were given access
	ActionRevoke  Action = "revoke"  // a grant was ended
	ActionRequest Action = "request" // a contact asked for access
	ActionApprove Action = "approve" // staff approved a request
	ActionReject  Action = "reject"  // staff rejected a request
)

// Cause is why an access was refused (or a reveal failed). The zero value
// means not refused.
type Cause string

// The causes of refusal. Each access-denied path of the Vault has its own.
const (
	CauseNoReason          Cause = "no-reason"          // a reveal without a reason
	CauseUnknownCredential Cause = "unknown-credential" // no such credential
	CauseUnknownVersion    Cause = "unknown-version"    // no such secret version
	CauseNotStaff          Cause = "not-staff"          // a contact tried what only staff may do
	CauseNotContact        Cause = "not-contact"        // staff tried to file an access request; staff use grants
	CauseNotAdmin          Cause = "not-admin"          // granting or revoking without the admin role
	CauseNoGrant           Cause = "no-grant"           // staff without a grant for the credential
	CauseGrantExpired      Cause = "grant-expired"      // the grant has expired
	CauseGrantRevoked      Cause = "grant-revoked"      // the grant was revoked
	CauseWrongCustomer     Cause = "wrong-customer"     // a contact reaching for another customer's credential
	CauseNoRequest         Cause = "no-request"         // a contact without a request for this credential
	CauseRequestPending    Cause = "request-pending"    // the request is not decided yet
	CauseRequestRejected   Cause = "request-rejected"   // the request was rejected
	CauseApprovalExpired   Cause = "approval-expired"   // the approval has run out
	CauseSealBroken        Cause = "seal-broken"        // access was allowed but the stored secret did not open
)

// Describe says what c means in plain words.
func (c Cause) Describe() string {
	switch c {
	case "":
		return "not refused"
	case CauseNoReason:
		return "a reason is required"
	case CauseUnknownCredential:
		return "no such credential"
	case CauseUnknownVersion:
		return "no such secret version"
	case CauseNotStaff:
		return "only staff may do this"
	case CauseNotContact:
		return "only customer contacts file access requests"
	case CauseNotAdmin:
		return "only the credential admin role grants and revokes"
	case CauseNoGrant:
		return "no grant"
	case CauseGrantExpired:
		return "the grant has expired"
	case CauseGrantRevoked:
		return "the grant was revoked"
	case CauseWrongCustomer:
		return "the credential belongs to another customer"
	case CauseNoRequest:
		return "no access request for this credential"
	case CauseRequestPending:
		return "the access request is not approved yet"
	case CauseRequestRejected:
		return "the access request was rejected"
	case CauseApprovalExpired:
		return "the approval has expired"
	case CauseSealBroken:
		return "the stored secret could not be opened"
	}
	return string(c)
}

// LogEntry is one line of the access log: who (ActorID, ActorKind), when
// (At), what (Action on CredentialID of CustomerID, secret Version, the
// grant or request in Ref) and why (Reason), and whether it was refused.
// The log is append-only: stores offer no way to change or remove an entry.
type LogEntry struct {
	Seq          int64 // assigned by the store, increasing
	At           time.Time
	ActorID      string
	ActorKind    ActorKind
	Action       Action
	CustomerID   string
	CredentialID string
	Version      int    // the secret version created, rotated to or revealed; 0 if none
	Ref          string // the grant or access request concerned
	Reason       string
	Denied       bool
	Cause        Cause // why it was refused; "" unless Denied
}

// LogFilter selects access-log entries; zero fields select everything.
type LogFilter struct {
	CustomerID   string
	CredentialID string
	ActorID      string
	AfterSeq     int64 // only entries with a larger Seq: a cursor for reading on
}

// Matches reports whether e is selected by f.
func (f LogFilter) Matches(e LogEntry) bool {
	return (f.CustomerID == "" || f.CustomerID == e.CustomerID) &&
		(f.CredentialID == "" || f.CredentialID == e.CredentialID) &&
		(f.ActorID == "" || f.ActorID == e.ActorID) &&
		e.Seq > f.AfterSeq
}
