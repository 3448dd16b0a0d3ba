package asset

import (
	"time"

	"github.com/rickb777/date/v2"
)

// Credential is an access credential technicians learned and recorded
// ("Zugangsdaten"): the login of a firewall, a server, a portal. It belongs
// to a customer and may name the asset it opens. The secret itself is not
// a field: it is stored sealed, one SealedSecret per version, and only the
// Vault reveals it.
type Credential struct {
	ID         string
	CustomerID string
	AssetID    string // the asset it opens; empty for a customer-wide login
	Name       string // "Firewall admin", "DATEV portal"
	Username   string
	URL        string
	Notes      string    // not secret: never put a password here
	Expires    date.Date // when the secret must be changed; date.Zero for never
	Version    int       // the current secret version: 1 after creation, one more per rotation
	CreatedAt  time.Time
	CreatedBy  string
	UpdatedAt  time.Time // last change of details or secret
	UpdatedBy  string
}

// Validate checks the fields a host supplies: IDs, name, text limits,
// expiry date. The Vault sets Version and the timestamps. It returns nil
// or a *ValidationError.
func (c Credential) Validate() error {
	return firstOf(
		checkID("ID", c.ID),
		checkID("CustomerID", c.CustomerID),
		checkOptionalID("AssetID", c.AssetID),
		checkText("Name", c.Name, maxTextLen, true, false),
		checkText("Username", c.Username, maxTextLen, false, false),
		checkText("URL", c.URL, maxTextLen, false, false),
		checkText("Notes", c.Notes, maxNoteLen, false, true),
		checkDate("Expires", c.Expires, false),
	)
}

// SealedSecret is one version of a credential's secret as stored: sealed by
// the host's Sealer, bound to its credential ID and version. Versions are
// never changed or deleted; rotation adds the next one.
type SealedSecret struct {
	CredentialID string
	Version      int
	Sealed       Sealed
	CreatedAt    time.Time
	CreatedBy    string
}

// Clone returns a copy of s that shares no memory with it.
func (s SealedSecret) Clone() SealedSecret {
	s.Sealed = s.Sealed.Clone()
	return s
}
