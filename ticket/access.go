package ticket

import (
	"github.com/deskcore/deskcore/internal/enum"
)

// Level is a customer contact's portal access level (the service agreement: "ob
// der/die Mitarbeiter/in erweiterte Berechtigungen erhalten darf, oder die
// Person nur Störungsmeldungen aufgeben kann"). The zero Level is
// LevelNone, so a contact nobody has granted anything gets nothing.
type Level uint8

const (
	// LevelNone: no portal login. The contact may still report incidents
	// and answer their tickets by e-mail, as every known contact may.
	LevelNone Level = iota
	// LevelReport: a portal login that may report incidents and follow
	// and comment on the tickets the contact reported or takes part in.
	LevelReport
	// LevelExtended: also service requests, the customer's whole support
	// history, statistics, contract status and service reports, and
	// requests for access to stored credentials.
	LevelExtended
)

var levelText = enum.Ints[Level]("ticket", "Level", "none", "report", "extended")

// String returns "none", "report" or "extended", or "Level(n)".
func (l Level) String() string { return levelText.String(l) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid level.
func (l Level) MarshalText() ([]byte, error) { return levelText.Marshal(l) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseLevel.
func (l *Level) UnmarshalText(b []byte) error { return levelText.Unmarshal(l, b) }

// ParseLevel reads "none", "report" or "extended" in any letter case. It
// returns a *ValidationError for any other text.
func ParseLevel(s string) (Level, error) { return levelText.Parse(s) }

// Permission is something a customer contact may be allowed to do in the
// portal. The zero Permission is invalid and never granted.
type Permission uint8

const (
	// ReportIncident: open an incident.
	ReportIncident Permission = iota + 1
	// RequestService: open a service request.
	RequestService
	// ViewTicket: see a ticket, its public comments and status.
	ViewTicket
	// CommentTicket: comment on a ticket and attach screenshots.
	CommentTicket
	// ViewStatistics: see the customer's service statistics.
	ViewStatistics
	// ViewContract: see the contract status, such as the quota balance.
	ViewContract
	// ViewServiceReports: see and download service reports.
	ViewServiceReports
	// RequestCredentials: ask for access to a stored credential. Access
	// itself follows only an approval, which the asset package records
	// and checks; this permission only decides who may ask.
	RequestCredentials
	// ManageTickets: change status, assignment, priority, escalation.
	// Never granted to a contact: it is the provider's staff's.
	ManageTickets
)

var permissionText = enum.Ints[Permission]("ticket", "Permission", "", "report-incident", "request-service", "view-ticket", "comment-ticket",
	"view-statistics", "view-contract", "view-service-reports", "request-credentials", "manage-tickets")

// String returns the permission's text form, such as "view-statistics",
// or "Permission(n)".
func (p Permission) String() string { return permissionText.String(p) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid permission.
func (p Permission) MarshalText() ([]byte, error) {
	return permissionText.Marshal(p)
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form in any case. It returns a *ValidationError for any other text.
func (p *Permission) UnmarshalText(b []byte) error {
	return permissionText.Unmarshal(p, b)
}

// Contact is a customer's employee as the host's directory knows them.
type Contact struct {
	ID         string // the host's contact ID
	CustomerID string // the customer they work for
	Email      string // the address they write from; may be empty
	Level      Level  // portal access level
}

// Actor returns the actor for the contact acting in the portal.
func (c Contact) Actor() Actor { return Actor{Kind: ActorContact, ID: c.ID} }

// AccessPolicy says which level each portal permission needs where the
// service agreement leaves it open. Its zero value is the default: service requests
// and credential requests need LevelExtended.
type AccessPolicy struct {
	// ServiceRequests is the level needed to open a service request; 0
	// means LevelExtended ("nur Störungsmeldungen" for the others).
	ServiceRequests Level
	// CredentialRequests is the level needed to ask for access to a
	// stored credential; 0 means LevelExtended.
	CredentialRequests Level
}

// Needs returns the level permission p needs under the policy, and false
// for a permission no contact is ever granted (ManageTickets, invalid
// ones). ViewTicket and CommentTicket need LevelReport for the contact's
// own tickets and LevelExtended for all of the customer's (Authorize on a
// ticket checks which).
func (ap AccessPolicy) Needs(p Permission) (Level, bool) {
	switch p {
	case ReportIncident, ViewTicket, CommentTicket:
		return LevelReport, true
	case RequestService:
		return orLevel(ap.ServiceRequests, LevelExtended), true
	case RequestCredentials:
		return orLevel(ap.CredentialRequests, LevelExtended), true
	case ViewStatistics, ViewContract, ViewServiceReports:
		return LevelExtended, true
	}
	return 0, false
}

func orLevel(l, def Level) Level {
	if l == LevelNone {
		return def
	}
	return l
}

// Authorize reports whether contact c may use permission p on the data of
// customer customerID. Hosts call it before showing a page or accepting a
// portal action; Desk.Open calls it for tickets opened by a contact.
//
// It returns nil when allowed, a *ValidationError for a contact without
// ID or customer, and an *AccessDeniedError when c works for another
// customer, p is ManageTickets or invalid, or c's level is below what p
// needs. For one ticket use AuthorizeTicket.
func (ap AccessPolicy) Authorize(c Contact, p Permission, customerID string) error {
	if err := firstOf(checkID("Contact.ID", c.ID), checkID("Contact.CustomerID", c.CustomerID)); err != nil {
		return err
	}
	deny := func(reason string) error { return &AccessDeniedError{Actor: c.Actor(), Permission: p, Reason: reason} }
	need, ok := ap.Needs(p)
	switch {
	case !ok:
		return deny("no contact is granted it")
	case c.CustomerID != customerID:
		return deny("the data belongs to another customer")
	case c.Level < need:
		return deny("needs access level " + need.String() + ", the contact has " + c.Level.String())
	}
	return nil
}

// AuthorizeTicket is Authorize for permission p on ticket t. At
// LevelReport a contact sees and comments only on the tickets they
// reported or take part in (by their Email); LevelExtended sees all of
// the customer's tickets. It returns what Authorize returns, and an
// *AccessDeniedError for another contact's ticket below LevelExtended.
func (ap AccessPolicy) AuthorizeTicket(c Contact, p Permission, t Ticket) error {
	if err := ap.Authorize(c, p, t.CustomerID); err != nil {
		return err
	}
	own := t.ContactID == c.ID || (c.Email != "" && t.HasParticipant(c.Email))
	if !own && c.Level < LevelExtended && (p == ViewTicket || p == CommentTicket) {
		return &AccessDeniedError{Actor: c.Actor(), Permission: p, Reason: "another contact's ticket needs access level extended"}
	}
	return nil
}

// truncate cuts s to at most n bytes for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
