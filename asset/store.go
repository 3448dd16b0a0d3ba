package asset

import (
	"context"
	"iter"
	"time"

	"github.com/rickb777/date/v2"
)

// Store is everything the package persists: the inventory and the vault.
// An adapter may implement both on one database; the conformance suites
// in assettest check each half.
type Store interface {
	InventoryStore
	VaultStore
}

// InventoryStore persists assets, goods receipts and sent expiry notices.
//
// Every method takes ctx first and returns its error when ctx is done.
// Values passed in and returned are copies: a caller changing a returned
// Asset's Attributes does not change the stored asset. Sequences hold no
// lock while yielding, so the loop body may call the store, and release
// what they hold (a database cursor) when the loop breaks.
//
// A SQL adapter maps it onto tables assets (+ attributes), receipts (+
// lines; its assets are rows in assets) and notices with the primary key
// (asset_id, subject, expires, lead_days).
type InventoryStore interface {
	// CreateAsset stores a new asset. It returns ErrConflict if the ID is
	// taken, leaving the stored asset as it was.
	CreateAsset(ctx context.Context, a Asset) error

	// Asset returns the asset with the ID, or ErrNotFound.
	Asset(ctx context.Context, id string) (Asset, error)

	// UpdateAsset runs fn on the stored asset inside a transaction and
	// stores the result if fn returns nil, returning it. If fn returns an
	// error, UpdateAsset returns that error as is and stores nothing. It
	// returns ErrNotFound, without calling fn, if there is no such asset,
	// a *ValidationError if fn changed the ID, and ErrConflict if a
	// concurrent writer won (optimistic adapters) — two concurrent
	// updates never both succeed on the same prior state.
	UpdateAsset(ctx context.Context, id string, fn func(*Asset) error) (Asset, error)

	// Assets streams the assets f selects in ascending ID order, stopping
	// after yielding an error.
	Assets(ctx context.Context, f AssetFilter) iter.Seq2[Asset, error]

	// AddReceipt stores a goods receipt and creates its assets, all or
	// nothing: it returns ErrConflict, storing nothing, if the receipt ID
	// or any asset ID is taken.
	AddReceipt(ctx context.Context, r Receipt) error

	// Receipt returns the receipt with the ID, with its assets as they
	// were received, or ErrNotFound.
	Receipt(ctx context.Context, id string) (Receipt, error)

	// RecordNotice records that the notice k was sent at at. It returns
	// ErrConflict if k was recorded before, keeping the first record.
	RecordNotice(ctx context.Context, k NoticeKey, at time.Time) error

	// Notified reports whether k was recorded.
	Notified(ctx context.Context, k NoticeKey) (bool, error)
}

// AssetFilter selects assets; zero fields select everything.
type AssetFilter struct {
	CustomerID     string
	SiteID         string
	Kind           Kind
	Ownership      Ownership // RentedFromProvider lists what the provider bears the warranty risk for
	Status         Status
	ExcludeRetired bool
	// If ExpiringUntil is not zero, only assets whose warranty end or
	// licence expiry lies within ExpiringFrom to ExpiringUntil, both
	// inclusive.
	ExpiringFrom  date.Date
	ExpiringUntil date.Date
}

// Matches reports whether a is selected by f. Adapters that filter in
// memory use it; SQL adapters translate f into a WHERE clause with the same
// meaning.
func (f AssetFilter) Matches(a Asset) bool {
	if (f.CustomerID != "" && f.CustomerID != a.CustomerID) ||
		(f.SiteID != "" && f.SiteID != a.SiteID) ||
		(f.Kind != "" && f.Kind != a.Kind) ||
		(f.Ownership != "" && f.Ownership != a.Ownership) ||
		(f.Status != "" && f.Status != a.Status) ||
		(f.ExcludeRetired && a.Status == StatusRetired) {
		return false
	}
	if f.ExpiringUntil == date.Zero {
		return true
	}
	in := func(d date.Date) bool { return d != date.Zero && f.ExpiringFrom <= d && d <= f.ExpiringUntil }
	return in(a.Warranty.End) || in(a.Licence.Expires)
}

// VaultStore persists credentials, their sealed secret versions, grants,
// access requests and the access log. It never sees a plaintext secret.
//
// Every change goes through Transact, so that an access decision, the
// writes it allows and its log entry commit together. There is no method
// to change or delete a log entry or a secret version: the access log and
// the secret history are append-only through this interface.
//
// A SQL adapter maps it onto tables credentials, credential_secrets
// (primary key credential_id, version), grants, access_requests and
// access_log (seq as an identity column; INSERT only).
//
// The listings Credentials, Grants, Requests and Log report a stored row
// they cannot read (written by hand or by an older version, say) as an
// error matching ErrUnreadableRow in that row's place and go on with the
// rows after it, so one bad row does not hide a customer's other
// credentials, grants or log entries from a screen. Such an error names
// the row (its table and key) and nothing of its content. Any other
// error is yielded once and ends the sequence. Access
// decisions never read these listings: they read through VaultTx, whose
// Grants and Requests fail whole on a row they cannot read, so an
// unreadable row is never taken for a grant or an approval.
type VaultStore interface {
	// Transact runs fn in a transaction and commits its writes if fn
	// returns nil. If fn returns an error, Transact returns it as is and
	// nothing fn wrote is kept, log entries included. The adapter isolates
	// fn as if transactions ran one after another (SERIALIZABLE, or locks
	// taken on first read); when it cannot, it returns ErrConflict and
	// keeps nothing. fn may be called only once; do not retain tx.
	Transact(ctx context.Context, fn func(tx VaultTx) error) error

	// Credential returns the credential with the ID, or ErrNotFound.
	Credential(ctx context.Context, id string) (Credential, error)

	// Credentials streams a customer's credentials in ascending ID order;
	// a row it cannot read is an error in its place (see above).
	Credentials(ctx context.Context, customerID string) iter.Seq2[Credential, error]

	// Grants streams every grant for a customer, in force or not, in
	// ascending ID order; a row it cannot read is an error in its place
	// (see above).
	Grants(ctx context.Context, customerID string) iter.Seq2[Grant, error]

	// Requests streams every access request for a credential in ascending
	// ID order; a row it cannot read is an error in its place (see
	// above).
	Requests(ctx context.Context, credentialID string) iter.Seq2[AccessRequest, error]

	// Log streams the access-log entries f selects in ascending Seq
	// order; a row it cannot read is an error in its place (see above).
	Log(ctx context.Context, f LogFilter) iter.Seq2[LogEntry, error]
}

// VaultTx is the view of a VaultStore inside Transact. Reads see the
// transaction's own writes.
type VaultTx interface {
	// Credential returns the credential with the ID, or ErrNotFound.
	Credential(ctx context.Context, id string) (Credential, error)
	// PutCredential inserts c or replaces the credential with its ID.
	PutCredential(ctx context.Context, c Credential) error

	// Secret returns a sealed secret version, or ErrNotFound.
	Secret(ctx context.Context, credentialID string, version int) (SealedSecret, error)
	// Secrets returns all sealed versions of a credential, oldest first.
	Secrets(ctx context.Context, credentialID string) ([]SealedSecret, error)
	// AddSecret inserts a sealed secret version; it returns ErrConflict if
	// that version of that credential exists. Versions are never replaced.
	AddSecret(ctx context.Context, s SealedSecret) error

	// Grant returns the grant with the ID, or ErrNotFound.
	Grant(ctx context.Context, id string) (Grant, error)
	// Grants returns every grant for a customer, in force or not, in
	// ascending ID order. Access decisions rest on it, so it returns all
	// of them or an error: a row it cannot read fails the whole call
	// with an error matching ErrUnreadableRow.
	Grants(ctx context.Context, customerID string) ([]Grant, error)
	// PutGrant inserts g or replaces the grant with its ID.
	PutGrant(ctx context.Context, g Grant) error

	// Request returns the access request with the ID, or ErrNotFound.
	Request(ctx context.Context, id string) (AccessRequest, error)
	// Requests returns every access request for a credential in ascending
	// ID order, all of them or an error, like Grants.
	Requests(ctx context.Context, credentialID string) ([]AccessRequest, error)
	// PutRequest inserts r or replaces the request with its ID.
	PutRequest(ctx context.Context, r AccessRequest) error

	// AppendLog appends e to the access log with the next Seq, ignoring
	// e.Seq, and returns the Seq it assigned.
	AppendLog(ctx context.Context, e LogEntry) (int64, error)
}
