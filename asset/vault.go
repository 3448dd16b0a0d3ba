package asset

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"time"
)

// VaultConfig configures a Vault. The zero value is usable.
type VaultConfig struct {
	// AdminRole is the staff role that may grant and revoke access;
	// empty means "credential-admin".
	AdminRole string
	// MaxApproval is the longest a contact's approved request may last;
	// zero means 24 hours.
	MaxApproval time.Duration
}

// Vault keeps the access credentials technicians learn at customers: it seals secrets with the host's
// Sealer before they reach the store, decides who may reveal them, and
// writes every reveal, grant, request, decision, change and refusal to the
// access log in the same transaction as the change itself.
//
// Staff reach credentials through grants (Grant, Revoke: admin role only);
// customer contacts through an access request (RequestAccess) that staff
// with a grant approve for a limited time (Approve, Reject). Revealing
// needs a reason. Every refusal is an *AccessDeniedError and a log entry.
//
// A Vault holds no plaintext: Create and Rotate seal the caller's Secret
// and keep nothing, Reveal returns a fresh Secret the caller wipes. It is
// safe for concurrent use if its store and sealer are.
type Vault struct {
	store       VaultStore
	sealer      Sealer
	adminRole   string
	maxApproval time.Duration
}

// NewVault returns a Vault over store, sealing with sealer. It returns a
// *ValidationError if either is nil or cfg is invalid.
func NewVault(store VaultStore, sealer Sealer, cfg VaultConfig) (*Vault, error) {
	if store == nil {
		return nil, invalid("store", "is nil")
	}
	if sealer == nil {
		return nil, invalid("sealer", "is nil")
	}
	if cfg.AdminRole == "" {
		cfg.AdminRole = "credential-admin"
	}
	if err := checkID("AdminRole", cfg.AdminRole); err != nil {
		return nil, err
	}
	if cfg.MaxApproval == 0 {
		cfg.MaxApproval = 24 * time.Hour
	}
	if cfg.MaxApproval < time.Minute || cfg.MaxApproval > 366*24*time.Hour {
		return nil, invalid("MaxApproval", "must be a minute to a year, not %s", cfg.MaxApproval)
	}
	return &Vault{store: store, sealer: sealer, adminRole: cfg.AdminRole, maxApproval: cfg.MaxApproval}, nil
}

// ready refuses a Vault that NewVault did not make (a nil pointer or a
// zero Vault has no store or sealer), so its methods return an error
// instead of panicking.
func (v *Vault) ready() error {
	if v == nil || v.store == nil || v.sealer == nil {
		return invalid("Vault", "has no store; make it with NewVault")
	}
	return nil
}

// act runs one logged operation in a transaction. decide fills in the log
// entry, checks access and returns the cause of a refusal, or "" after
// doing its writes. A refusal commits only its log entry and comes back as
// an *AccessDeniedError; an error from decide rolls everything back.
func (v *Vault) act(ctx context.Context, a Audit, action Action, decide func(tx VaultTx, e *LogEntry) (Cause, error)) (LogEntry, error) {
	var e LogEntry
	err := v.store.Transact(ctx, func(tx VaultTx) error {
		e = LogEntry{At: a.At, ActorID: a.Actor.ID, ActorKind: a.Actor.Kind, Action: action, Reason: a.Reason}
		cause, err := decide(tx, &e)
		if err != nil {
			return err
		}
		e.Denied, e.Cause = cause != "", cause
		e.Seq, err = tx.AppendLog(ctx, e)
		return err
	})
	if err != nil {
		return LogEntry{}, err
	}
	if e.Denied {
		return e, &AccessDeniedError{ActorID: e.ActorID, Action: e.Action, CredentialID: e.CredentialID, Cause: e.Cause}
	}
	return e, nil
}

// credentialFor loads credential id into e; a missing credential is a
// refusal, so probing for IDs is logged too.
func credentialFor(ctx context.Context, tx VaultTx, id string, e *LogEntry) (Credential, Cause, error) {
	e.CredentialID = id
	if checkID("", id) != nil {
		// No credential has such an ID. The probe is logged all the
		// same, under the ID quoted and escaped, which every store can
		// keep (a NUL byte or invalid UTF-8 would fail the log's write
		// on some, and the refusal would go unrecorded).
		e.CredentialID = loggableID(id)
		return Credential{}, CauseUnknownCredential, nil
	}
	c, err := tx.Credential(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Credential{}, CauseUnknownCredential, nil
	}
	if err != nil {
		return Credential{}, "", err
	}
	e.CustomerID = c.CustomerID
	return c, "", nil
}

// loggableID is an ID that checkID refuses, quoted and escaped as a Go
// string (control characters and invalid UTF-8 as \x.. escapes), cut so
// that the result fits maxIDLen.
func loggableID(id string) string {
	const keep = (maxIDLen - 2) / 4 // an escape takes at most 4 bytes
	if len(id) > keep {
		id = id[:keep]
	}
	return strconv.QuoteToGraphic(id)
}

// staffCause loads the customer's grants and decides whether staff actor
// may work on credential credentialID.
func staffCause(ctx context.Context, tx VaultTx, a Audit, customerID, credentialID string) (Cause, error) {
	grants, err := tx.Grants(ctx, customerID)
	if err != nil {
		return "", err
	}
	return grantCause(a.Actor, customerID, credentialID, grants, a.At), nil
}

// seal seals s as version v of credential id and refuses a sealer that
// hands the plaintext back.
func (v *Vault) seal(ctx context.Context, id string, ver int, s Secret) (Sealed, error) {
	sealed, err := v.sealer.Seal(ctx, s.Plaintext(), sealContext(id, ver))
	if err != nil {
		return Sealed{}, sealerError(err, s)
	}
	if len(sealed.Data) == 0 || (s.Len() >= 4 && (bytes.Contains(sealed.Data, s.Plaintext()) || bytes.Contains([]byte(sealed.KeyID), s.Plaintext()))) {
		return Sealed{}, fmt.Errorf("%w: the sealer returned no data or the plaintext", ErrSealFailed)
	}
	if err := checkOptionalID("KeyID", sealed.KeyID); err != nil {
		// Not the caller's bad input, so it does not match ErrInvalid.
		return Sealed{}, fmt.Errorf("%w: the sealer's key ID: %v", ErrSealFailed, err)
	}
	return sealed.Clone(), nil
}

func checkSecret(s Secret) error {
	if s.IsZero() {
		return invalid("Secret", "is required")
	}
	return checkSecretLen(s.Len())
}

// Create records a new credential with its first secret (version 1),
// sealed. The actor must be staff with a grant in force for the whole
// customer. The caller keeps s and should Wipe it.
//
// It returns a *ValidationError for bad input (nothing logged), an
// *AccessDeniedError (logged), ErrConflict if the ID is taken, or an error
// matching ErrSealFailed.
func (v *Vault) Create(ctx context.Context, a Audit, c Credential, s Secret) (Credential, error) {
	if err := v.ready(); err != nil {
		return Credential{}, err
	}
	if err := firstOf(a.validate(), a.requireReason(), c.Validate(), checkSecret(s)); err != nil {
		return Credential{}, err
	}
	sealed, err := v.seal(ctx, c.ID, 1, s)
	if err != nil {
		return Credential{}, err
	}
	c.Version, c.CreatedAt, c.CreatedBy, c.UpdatedAt, c.UpdatedBy = 1, a.At, a.Actor.ID, a.At, a.Actor.ID
	_, err = v.act(ctx, a, ActionCreate, func(tx VaultTx, e *LogEntry) (Cause, error) {
		e.CredentialID, e.CustomerID, e.Version = c.ID, c.CustomerID, 1
		if cause, err := staffCause(ctx, tx, a, c.CustomerID, c.ID); cause != "" || err != nil {
			return cause, err
		}
		if err := absent(tx.Credential(ctx, c.ID)); err != nil {
			return "", err
		}
		if err := tx.PutCredential(ctx, c); err != nil {
			return "", err
		}
		return "", tx.AddSecret(ctx, SealedSecret{CredentialID: c.ID, Version: 1, Sealed: sealed, CreatedAt: a.At, CreatedBy: a.Actor.ID})
	})
	if err != nil {
		return Credential{}, err
	}
	return c, nil
}

// absent turns the result of looking up a new record's ID into the error
// of creating it: nil if nothing was found, ErrConflict if something was.
func absent[T any](_ T, lookupErr error) error {
	switch {
	case lookupErr == nil:
		return fmt.Errorf("%w: the ID is taken", ErrConflict)
	case errors.Is(lookupErr, ErrNotFound):
		return nil
	}
	return lookupErr
}

// Update changes a credential's details (name, username, URL, notes,
// expiry, asset) through fn, inside the store's transaction. The actor
// must be staff with a grant in force for the credential. ID, customer,
// version and creation stamps cannot change; the secret changes only by
// Rotate.
//
// It returns a *ValidationError (nothing logged), an *AccessDeniedError
// (logged), fn's error (nothing stored or logged) or a store error.
func (v *Vault) Update(ctx context.Context, a Audit, id string, fn func(*Credential) error) (Credential, error) {
	if err := v.ready(); err != nil {
		return Credential{}, err
	}
	if err := firstOf(a.validate(), a.requireReason()); err != nil {
		return Credential{}, err
	}
	if fn == nil {
		return Credential{}, invalid("fn", "is nil")
	}
	var out Credential
	_, err := v.act(ctx, a, ActionUpdate, func(tx VaultTx, e *LogEntry) (Cause, error) {
		c, cause, err := credentialFor(ctx, tx, id, e)
		if cause != "" || err != nil {
			return cause, err
		}
		if cause, err := staffCause(ctx, tx, a, c.CustomerID, c.ID); cause != "" || err != nil {
			return cause, err
		}
		e.Version = c.Version
		before := c
		if err := fn(&c); err != nil {
			return "", err
		}
		if c.ID != before.ID || c.CustomerID != before.CustomerID || c.Version != before.Version ||
			!c.CreatedAt.Equal(before.CreatedAt) || c.CreatedBy != before.CreatedBy {
			return "", invalid("Credential", "ID, CustomerID, Version and the creation stamps cannot change")
		}
		if err := c.Validate(); err != nil {
			return "", err
		}
		c.UpdatedAt, c.UpdatedBy = a.At, a.Actor.ID
		out = c
		return "", tx.PutCredential(ctx, c)
	})
	if err != nil {
		return Credential{}, err
	}
	return out, nil
}

// Rotate replaces a credential's secret with s as the next version. The
// old versions stay sealed in the store and can still be revealed (and
// those reveals are logged). The actor must be staff with a grant in force
// for the credential. The caller keeps s and should Wipe it.
//
// It returns a *ValidationError (nothing logged), an *AccessDeniedError
// (logged), ErrConflict if another rotation won (re-read and retry), or an
// error matching ErrSealFailed.
func (v *Vault) Rotate(ctx context.Context, a Audit, id string, s Secret) (Credential, error) {
	if err := v.ready(); err != nil {
		return Credential{}, err
	}
	if err := firstOf(a.validate(), a.requireReason(), checkSecret(s)); err != nil {
		return Credential{}, err
	}
	// Seal outside the transaction: a remote Sealer must not hold it open.
	// The version read here is checked again inside.
	current, err := v.store.Credential(ctx, id)
	var sealed Sealed
	switch {
	case err == nil:
		if sealed, err = v.seal(ctx, id, current.Version+1, s); err != nil {
			return Credential{}, err
		}
	case !errors.Is(err, ErrNotFound):
		return Credential{}, err
	}
	var out Credential
	_, err = v.act(ctx, a, ActionRotate, func(tx VaultTx, e *LogEntry) (Cause, error) {
		c, cause, err := credentialFor(ctx, tx, id, e)
		if cause != "" || err != nil {
			return cause, err
		}
		if cause, err := staffCause(ctx, tx, a, c.CustomerID, c.ID); cause != "" || err != nil {
			return cause, err
		}
		if c.Version != current.Version {
			return "", fmt.Errorf("%w: credential %q was rotated meanwhile", ErrConflict, id)
		}
		c.Version++
		c.UpdatedAt, c.UpdatedBy = a.At, a.Actor.ID
		e.Version = c.Version
		if err := tx.AddSecret(ctx, SealedSecret{CredentialID: id, Version: c.Version, Sealed: sealed, CreatedAt: a.At, CreatedBy: a.Actor.ID}); err != nil {
			return "", err
		}
		out = c
		return "", tx.PutCredential(ctx, c)
	})
	if err != nil {
		return Credential{}, err
	}
	return out, nil
}

// Reveal returns the current secret of a credential in plain text, after
// checking access and logging the reveal: staff need a grant in force,
// contacts an approved, unexpired request of their own for this credential
// of their own customer, and everyone a reason. The caller should Wipe the
// Secret as soon as it has been shown.
//
// It returns a *ValidationError for a missing or malformed actor or
// instant (nothing logged); an *AccessDeniedError for every refusal,
// logged, including a missing reason and an unknown credential (which
// also matches ErrNotFound); or an error matching ErrSealFailed if the
// stored secret does not open, logged with CauseSealBroken.
func (v *Vault) Reveal(ctx context.Context, a Audit, id string) (Secret, error) {
	if err := v.ready(); err != nil {
		return Secret{}, err
	}
	return v.RevealVersion(ctx, a, id, 0)
}

// RevealVersion is Reveal for an earlier secret version (1 is the first);
// version 0 means the current one. A version that does not exist is an
// *AccessDeniedError with CauseUnknownVersion, checked after access.
func (v *Vault) RevealVersion(ctx context.Context, a Audit, id string, version int) (Secret, error) {
	if err := v.ready(); err != nil {
		return Secret{}, err
	}
	if err := a.validate(); err != nil {
		return Secret{}, err
	}
	var sealed SealedSecret
	e, err := v.act(ctx, a, ActionReveal, func(tx VaultTx, e *LogEntry) (Cause, error) {
		c, cause, err := credentialFor(ctx, tx, id, e)
		if cause != "" || err != nil {
			return cause, err
		}
		// The version asked for is part of "what", refused or not.
		e.Version = version
		if version == 0 {
			e.Version = c.Version
		}
		var grants []Grant
		var requests []AccessRequest
		if a.Actor.Kind == ActorStaff {
			grants, err = tx.Grants(ctx, c.CustomerID)
		} else {
			requests, err = tx.Requests(ctx, c.ID)
		}
		if err != nil {
			return "", err
		}
		if cause := revealCause(a, c, grants, requests); cause != "" {
			return cause, nil
		}
		if e.Version < 1 || e.Version > c.Version {
			return CauseUnknownVersion, nil
		}
		sealed, err = tx.Secret(ctx, id, e.Version)
		return "", err
	})
	if err != nil {
		return Secret{}, err
	}
	plain, err := v.sealer.Open(ctx, sealed.Sealed, sealContext(id, e.Version))
	if err == nil {
		if err = checkSecretLen(len(plain)); err == nil {
			return newSecret(plain), nil
		}
		clear(plain)
	}
	// The reveal entry is already committed; add the failure so the log
	// shows the secret was not seen, and a tampered store is noticed.
	e.Seq, e.Denied, e.Cause = 0, true, CauseSealBroken
	logErr := v.store.Transact(ctx, func(tx VaultTx) error {
		_, err := tx.AppendLog(ctx, e)
		return err
	})
	return Secret{}, errors.Join(fmt.Errorf("%w: credential %q version %d: %w", ErrSealFailed, id, e.Version, err), logErr)
}

// Grant gives staff access: g names a role or one staff member, a customer
// and optionally one credential of it, and may expire. The actor must be
// staff with the admin role. GrantedBy and GrantedAt are set from a.
//
// It returns a *ValidationError (nothing logged), an *AccessDeniedError
// (logged; also for a credential that does not exist), or ErrConflict if
// the grant ID is taken.
func (v *Vault) Grant(ctx context.Context, a Audit, g Grant) (Grant, error) {
	if err := v.ready(); err != nil {
		return Grant{}, err
	}
	if err := firstOf(a.validate(), a.requireReason(), g.Validate()); err != nil {
		return Grant{}, err
	}
	if !g.Expires.IsZero() && !g.Expires.After(a.At) {
		return Grant{}, invalid("Expires", "is not after the grant")
	}
	g.GrantedBy, g.GrantedAt, g.RevokedBy, g.RevokedAt = a.Actor.ID, a.At, "", time.Time{}
	_, err := v.act(ctx, a, ActionGrant, func(tx VaultTx, e *LogEntry) (Cause, error) {
		e.CustomerID, e.CredentialID, e.Ref = g.CustomerID, g.CredentialID, g.ID
		if cause := v.adminCause(a.Actor); cause != "" {
			return cause, nil
		}
		if g.CredentialID != "" {
			c, cause, err := credentialFor(ctx, tx, g.CredentialID, e)
			if cause != "" || err != nil {
				return cause, err
			}
			if c.CustomerID != g.CustomerID {
				return "", invalid("CredentialID", "belongs to customer %q, not %q", c.CustomerID, g.CustomerID)
			}
		}
		if err := absent(tx.Grant(ctx, g.ID)); err != nil {
			return "", err
		}
		return "", tx.PutGrant(ctx, g)
	})
	if err != nil {
		return Grant{}, err
	}
	return g, nil
}

func (v *Vault) adminCause(actor Actor) Cause {
	switch {
	case actor.Kind != ActorStaff:
		return CauseNotStaff
	case !actor.HasRole(v.adminRole):
		return CauseNotAdmin
	}
	return ""
}

// Revoke ends a grant at a.At. The actor must be staff with the admin
// role. It returns a *ValidationError (nothing logged), an
// *AccessDeniedError (logged), ErrNotFound, or ErrConflict if the grant
// was revoked before.
func (v *Vault) Revoke(ctx context.Context, a Audit, grantID string) (Grant, error) {
	if err := v.ready(); err != nil {
		return Grant{}, err
	}
	if err := firstOf(a.validate(), a.requireReason()); err != nil {
		return Grant{}, err
	}
	var out Grant
	_, err := v.act(ctx, a, ActionRevoke, func(tx VaultTx, e *LogEntry) (Cause, error) {
		e.Ref = grantID
		if cause := v.adminCause(a.Actor); cause != "" {
			return cause, nil
		}
		g, err := tx.Grant(ctx, grantID)
		if err != nil {
			return "", err
		}
		e.CustomerID, e.CredentialID = g.CustomerID, g.CredentialID
		if !g.RevokedAt.IsZero() {
			return "", fmt.Errorf("%w: grant %q was revoked before", ErrConflict, grantID)
		}
		g.RevokedBy, g.RevokedAt = a.Actor.ID, a.At
		out = g
		return "", tx.PutGrant(ctx, g)
	})
	if err != nil {
		return Grant{}, err
	}
	return out, nil
}

// RequestAccess files a contact's request to see one credential of their
// own customer, with a.Reason as the request's reason; requestID is the
// host's ID for it. It returns a *ValidationError (nothing logged), an
// *AccessDeniedError (logged: staff filing a request, another customer's
// credential, an unknown credential), or ErrConflict if the ID is taken.
func (v *Vault) RequestAccess(ctx context.Context, a Audit, requestID, credentialID string) (AccessRequest, error) {
	if err := v.ready(); err != nil {
		return AccessRequest{}, err
	}
	if err := firstOf(a.validate(), a.requireReason(), checkID("requestID", requestID)); err != nil {
		return AccessRequest{}, err
	}
	var out AccessRequest
	_, err := v.act(ctx, a, ActionRequest, func(tx VaultTx, e *LogEntry) (Cause, error) {
		e.Ref = requestID
		c, cause, err := credentialFor(ctx, tx, credentialID, e)
		if cause != "" || err != nil {
			return cause, err
		}
		switch {
		case a.Actor.Kind != ActorContact:
			return CauseNotContact, nil
		case a.Actor.CustomerID != c.CustomerID:
			return CauseWrongCustomer, nil
		}
		if err := absent(tx.Request(ctx, requestID)); err != nil {
			return "", err
		}
		out = AccessRequest{
			ID: requestID, CredentialID: c.ID, CustomerID: c.CustomerID, ContactID: a.Actor.ID,
			Reason: a.Reason, RequestedAt: a.At, Status: RequestPending,
		}
		return "", tx.PutRequest(ctx, out)
	})
	if err != nil {
		return AccessRequest{}, err
	}
	return out, nil
}

// Approve lets the contact of a pending request see its credential from
// a.At until until, at most VaultConfig.MaxApproval later. The actor must
// be staff with a grant in force for the credential: who cannot see a
// secret cannot hand it out.
//
// It returns a *ValidationError (nothing logged), an *AccessDeniedError
// (logged), ErrNotFound, or ErrConflict if the request was decided before.
func (v *Vault) Approve(ctx context.Context, a Audit, requestID string, until time.Time) (AccessRequest, error) {
	if err := v.ready(); err != nil {
		return AccessRequest{}, err
	}
	if err := a.validate(); err != nil {
		return AccessRequest{}, err
	}
	if !until.After(a.At) || until.Sub(a.At) > v.maxApproval {
		return AccessRequest{}, invalid("until", "must be after the approval and at most %s later", v.maxApproval)
	}
	return v.decide(ctx, a, ActionApprove, requestID, RequestApproved, until)
}

// Reject refuses a pending request. Rules and errors are Approve's.
func (v *Vault) Reject(ctx context.Context, a Audit, requestID string) (AccessRequest, error) {
	if err := v.ready(); err != nil {
		return AccessRequest{}, err
	}
	return v.decide(ctx, a, ActionReject, requestID, RequestRejected, time.Time{})
}

func (v *Vault) decide(ctx context.Context, a Audit, action Action, requestID string, to RequestStatus, until time.Time) (AccessRequest, error) {
	if err := firstOf(a.validate(), a.requireReason()); err != nil {
		return AccessRequest{}, err
	}
	var out AccessRequest
	_, err := v.act(ctx, a, action, func(tx VaultTx, e *LogEntry) (Cause, error) {
		e.Ref = requestID
		r, err := tx.Request(ctx, requestID)
		if err != nil {
			return "", err
		}
		e.CustomerID, e.CredentialID = r.CustomerID, r.CredentialID
		if cause, err := staffCause(ctx, tx, a, r.CustomerID, r.CredentialID); cause != "" || err != nil {
			return cause, err
		}
		if r.Status != RequestPending {
			return "", fmt.Errorf("%w: request %q is %s", ErrConflict, requestID, r.Status)
		}
		r.Status, r.DecidedBy, r.DecidedAt, r.DecisionReason, r.Expires = to, a.Actor.ID, a.At, a.Reason, until
		out = r
		return "", tx.PutRequest(ctx, r)
	})
	if err != nil {
		return AccessRequest{}, err
	}
	return out, nil
}

// Credential returns a credential's details (never its secret), or
// ErrNotFound. Reading details is not logged; the host decides who sees
// them.
func (v *Vault) Credential(ctx context.Context, id string) (Credential, error) {
	if err := v.ready(); err != nil {
		return Credential{}, err
	}
	return v.store.Credential(ctx, id)
}

// Credentials streams a customer's credentials (never their secrets) in
// ascending ID order. A stored credential the store cannot read comes as
// an error matching ErrUnreadableRow in its place and the others follow
// (see VaultStore); any other error ends the sequence.
func (v *Vault) Credentials(ctx context.Context, customerID string) iter.Seq2[Credential, error] {
	if err := v.ready(); err != nil {
		return failed[Credential](err)
	}
	return v.store.Credentials(ctx, customerID)
}

// Grants streams a customer's grants, in force or not, in ascending ID
// order, for a staff screen. A stored grant the store cannot read comes
// as an error matching ErrUnreadableRow in its place and the others
// follow (see VaultStore); it
// grants nothing, since access decisions do not read this listing. Any
// other error from the store ends the sequence.
func (v *Vault) Grants(ctx context.Context, customerID string) iter.Seq2[Grant, error] {
	if err := v.ready(); err != nil {
		return failed[Grant](err)
	}
	return v.store.Grants(ctx, customerID)
}

// Requests streams the access requests for a credential in ascending ID
// order. A stored request the store cannot read comes as an error in its
// place and the others follow, as in Grants; it approves nothing.
func (v *Vault) Requests(ctx context.Context, credentialID string) iter.Seq2[AccessRequest, error] {
	if err := v.ready(); err != nil {
		return failed[AccessRequest](err)
	}
	return v.store.Requests(ctx, credentialID)
}

// Log streams the access log in Seq order (see LogFilter). An entry the
// store cannot read comes as an error matching ErrUnreadableRow in its
// place and the others follow
// (see VaultStore); any other error ends the sequence. Reading the log is
// not itself logged.
func (v *Vault) Log(ctx context.Context, f LogFilter) iter.Seq2[LogEntry, error] {
	if err := v.ready(); err != nil {
		return failed[LogEntry](err)
	}
	return v.store.Log(ctx, f)
}
