package main

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/deskcore/deskcore/asset"
	"github.com/deskcore/deskcore/ticket"
)

// credentialView is a stored credential without its secret, with the
// requests the user may see: a contact their own, staff everyone's.
type credentialView struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Asset    string        `json:"asset,omitempty"`
	Username string        `json:"username,omitempty"`
	URL      string        `json:"url,omitempty"`
	Requests []requestView `json:"requests"`
	// Access is where the user stands: "none", "pending", "approved",
	// "rejected" or "expired" (the latest request's).
	Access string `json:"access"`
}

// requestView is an access request.
type requestView struct {
	ID          string    `json:"id"`
	Credential  string    `json:"credential"`
	Customer    string    `json:"customer"`
	Contact     string    `json:"contact"`
	Reason      string    `json:"reason"`
	RequestedAt time.Time `json:"requestedAt"`
	Status      string    `json:"status"`
	DecidedBy   string    `json:"decidedBy,omitempty"`
	DecidedAt   time.Time `json:"decidedAt,omitzero"`
	Expires     time.Time `json:"expires,omitzero"`
}

// logView is one line of the access log.
type logView struct {
	Seq        int64     `json:"seq"`
	At         time.Time `json:"at"`
	Actor      string    `json:"actor"`
	ActorKind  string    `json:"actorKind"`
	Action     string    `json:"action"`
	Credential string    `json:"credential,omitempty"`
	Version    int       `json:"version,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	Denied     bool      `json:"denied"`
	Cause      string    `json:"cause,omitempty"`
}

// credentialsPage is the credentials page and its JSON.
type credentialsPage struct {
	CustomerID  string           `json:"customerId"`
	Credentials []credentialView `json:"credentials"`
	Log         []logView        `json:"log"`
	// Incomplete says that stored entries the vault could not read are
	// left out (see Server.skipUnreadable).
	Incomplete bool `json:"incomplete,omitempty"`
}

// logLines is how many of the newest access-log lines the page shows.
const logLines = 50

// actor is u as the asset package's access rules know them.
func actor(u User) asset.Actor {
	if u.Staff {
		return asset.Actor{ID: u.ID, Kind: asset.ActorStaff, Roles: u.Roles}
	}
	return asset.Actor{ID: u.ID, Kind: asset.ActorContact, CustomerID: u.Contact.CustomerID}
}

func (s *Server) credentialsData(r *http.Request, u User) (credentialsPage, error) {
	ctx := r.Context()
	customer, err := s.customerOf(r, u)
	if err != nil {
		return credentialsPage{}, err
	}
	if err := s.allow(u, ticket.RequestCredentials, customer); err != nil {
		return credentialsPage{}, err
	}
	now := s.now()
	p := credentialsPage{CustomerID: customer, Credentials: []credentialView{}, Log: []logView{}}
	for c, err := range s.vault.Credentials(ctx, customer) {
		if s.skipUnreadable(err, &p.Incomplete) {
			continue
		}
		if err != nil {
			return credentialsPage{}, err
		}
		v := credentialView{ID: c.ID, Name: c.Name, Asset: c.AssetID, Username: c.Username, URL: c.URL,
			Requests: []requestView{}, Access: "none"}
		for q, err := range s.vault.Requests(ctx, c.ID) {
			if s.skipUnreadable(err, &p.Incomplete) {
				continue
			}
			if err != nil {
				return credentialsPage{}, err
			}
			if !u.Staff && q.ContactID != u.ID {
				continue
			}
			rv := viewRequest(q)
			if q.Status == asset.RequestApproved && !q.ApprovedAt(now) {
				rv.Status = "expired"
			}
			v.Requests = append(v.Requests, rv)
			v.Access = rv.Status
		}
		p.Credentials = append(p.Credentials, v)
	}
	for e, err := range s.vault.Log(ctx, asset.LogFilter{CustomerID: customer}) {
		if s.skipUnreadable(err, &p.Incomplete) {
			continue
		}
		if err != nil {
			return credentialsPage{}, err
		}
		p.Log = append(p.Log, logView{Seq: e.Seq, At: e.At, Actor: e.ActorID, ActorKind: e.ActorKind.String(),
			Action: string(e.Action), Credential: e.CredentialID, Version: e.Version, Reason: e.Reason,
			Denied: e.Denied, Cause: string(e.Cause)})
	}
	slices.Reverse(p.Log)
	p.Log = p.Log[:min(len(p.Log), logLines)]
	return p, nil
}

// skipUnreadable reports whether err is a stored vault row the store
// cannot read (asset.ErrUnreadableRow), which a page leaves out: it marks
// the page incomplete and logs the error, which names the row's table
// and key for an administrator and none of its content. A contact sees
// only that something is missing, not whose it is. Any other error ends
// the page.
func (s *Server) skipUnreadable(err error, incomplete *bool) bool {
	if !errors.Is(err, asset.ErrUnreadableRow) {
		return false
	}
	*incomplete = true
	s.log.Warn("vault row left out", "err", err)
	return true
}

func viewRequest(q asset.AccessRequest) requestView {
	return requestView{ID: q.ID, Credential: q.CredentialID, Customer: q.CustomerID, Contact: q.ContactID,
		Reason: q.Reason, RequestedAt: q.RequestedAt, Status: string(q.Status), DecidedBy: q.DecidedBy,
		DecidedAt: q.DecidedAt, Expires: q.Expires}
}

// credentialOf reads the path's credential for u, with the audit of u
// acting now for the form's reason. The credential must be of u's
// customer (for staff any) and u's level must allow credential requests.
func (s *Server) credentialOf(r *http.Request, u User) (asset.Credential, asset.Audit, error) {
	c, err := s.vault.Credential(r.Context(), r.PathValue("id"))
	if err != nil {
		return asset.Credential{}, asset.Audit{}, err
	}
	if err := s.allow(u, ticket.RequestCredentials, c.CustomerID); err != nil {
		return asset.Credential{}, asset.Audit{}, err
	}
	why, err := reason(r)
	if err != nil {
		return asset.Credential{}, asset.Audit{}, err
	}
	return c, asset.Audit{Actor: actor(u), At: s.now(), Reason: why}, nil
}

// reason is the form's reason, required by every vault operation.
func reason(r *http.Request) (string, error) {
	why := strings.TrimSpace(r.PostFormValue("reason"))
	if why == "" {
		return "", &badRequest{msg: "Please say why."}
	}
	if len(why) > 500 {
		return "", &badRequest{msg: "Please keep the reason under 500 characters."}
	}
	return why, nil
}

// credentialRequest files a contact's request to see a credential.
func (s *Server) credentialRequest(w http.ResponseWriter, r *http.Request, u User) error {
	if u.Staff {
		return errForbidden // staff reach credentials through grants
	}
	c, audit, err := s.credentialOf(r, u)
	if err != nil {
		return err
	}
	if _, err := s.vault.RequestAccess(r.Context(), audit, "AR-"+randomToken(8), c.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/credentials", http.StatusSeeOther)
	return nil
}

// credentialReveal shows a credential's secret once, in the answer to a
// POST (never in a URL), after the vault has checked the approval and
// logged the reveal. The answer is not cached.
func (s *Server) credentialReveal(w http.ResponseWriter, r *http.Request, u User) error {
	c, audit, err := s.credentialOf(r, u)
	if err != nil {
		return err
	}
	secret, err := s.vault.Reveal(r.Context(), audit, c.ID)
	if err != nil {
		return err
	}
	defer secret.Wipe()
	return s.render(w, r, u, "reveal", struct {
		Credential credentialView
		Secret     string
	}{credentialView{ID: c.ID, Name: c.Name, Username: c.Username, URL: c.URL}, string(secret.Plaintext())})
}
