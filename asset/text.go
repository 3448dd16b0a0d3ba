package asset

import "github.com/deskcore/deskcore/internal/enum"

// The text forms of the package's enumerations. Their values are their
// text; like every deskcore enumeration they are written in lowercase, read
// in any letter case by ParseX and UnmarshalText, and anything else
// (including the empty text, except for Cause, whose zero value means "not
// refused") is a *ValidationError. A host that stores or receives them as
// JSON gets that check for free.

var kindText = enum.Strings[Kind]("asset", "Kind",
	KindHardware,
	KindSoftware,
	KindLicence,
	KindService,
)

// ParseKind reads "hardware", "software", "licence" or "service" in any
// letter case and returns the kind of asset in its lowercase form. It
// returns a *ValidationError for any other text, the empty text included.
func ParseKind(s string) (Kind, error) { return kindText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared, the zero value
// included.
func (v Kind) MarshalText() ([]byte, error) { return kindText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind; v is
// unchanged on error.
func (v *Kind) UnmarshalText(b []byte) error { return kindText.Unmarshal(v, b) }

var ownershipText = enum.Strings[Ownership]("asset", "Ownership",
	OwnedByCustomer,
	RentedFromProvider,
)

// ParseOwnership reads "customer" or "rented" in any letter case and
// returns the ownership in its lowercase form. It returns a
// *ValidationError for any other text, the empty text included.
func ParseOwnership(s string) (Ownership, error) { return ownershipText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared, the zero value
// included.
func (v Ownership) MarshalText() ([]byte, error) { return ownershipText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseOwnership; v
// is unchanged on error.
func (v *Ownership) UnmarshalText(b []byte) error { return ownershipText.Unmarshal(v, b) }

var partyText = enum.Strings[Party]("asset", "Party",
	PartyCustomer,
	PartyProvider,
)

// ParseParty reads "customer" or "provider" in any letter case and returns
// the party in its lowercase form. It returns a *ValidationError for any
// other text, the empty text included.
func ParseParty(s string) (Party, error) { return partyText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared, the zero value
// included.
func (v Party) MarshalText() ([]byte, error) { return partyText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseParty; v is
// unchanged on error.
func (v *Party) UnmarshalText(b []byte) error { return partyText.Unmarshal(v, b) }

var statusText = enum.Strings[Status]("asset", "Status",
	StatusOrdered,
	StatusReceived,
	StatusDelivered,
	StatusInUse,
	StatusRetired,
)

// ParseStatus reads "ordered", "received", "delivered", "in-use" or
// "retired" in any letter case and returns the status in its lowercase
// form. It returns a *ValidationError for any other text, the empty text
// included.
func ParseStatus(s string) (Status, error) { return statusText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared, the zero value
// included.
func (v Status) MarshalText() ([]byte, error) { return statusText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseStatus; v is
// unchanged on error.
func (v *Status) UnmarshalText(b []byte) error { return statusText.Unmarshal(v, b) }

var subjectText = enum.Strings[Subject]("asset", "Subject",
	SubjectWarranty,
	SubjectLicence,
)

// ParseSubject reads "warranty" or "licence" in any letter case and returns
// the subject in its lowercase form. It returns a *ValidationError for any
// other text, the empty text included.
func ParseSubject(s string) (Subject, error) { return subjectText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared, the zero value
// included.
func (v Subject) MarshalText() ([]byte, error) { return subjectText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseSubject; v is
// unchanged on error.
func (v *Subject) UnmarshalText(b []byte) error { return subjectText.Unmarshal(v, b) }

var requestStatusText = enum.Strings[RequestStatus]("asset", "RequestStatus",
	RequestPending,
	RequestApproved,
	RequestRejected,
)

// ParseRequestStatus reads "pending", "approved" or "rejected" in any
// letter case and returns the request status in its lowercase form. It
// returns a *ValidationError for any other text, the empty text included.
func ParseRequestStatus(s string) (RequestStatus, error) { return requestStatusText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared, the zero value
// included.
func (v RequestStatus) MarshalText() ([]byte, error) { return requestStatusText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with
// ParseRequestStatus; v is unchanged on error.
func (v *RequestStatus) UnmarshalText(b []byte) error { return requestStatusText.Unmarshal(v, b) }

var actionText = enum.Strings[Action]("asset", "Action",
	ActionCreate,
	ActionUpdate,
	ActionRotate,
	ActionReveal,
	ActionGrant,
	ActionRevoke,
	ActionRequest,
	ActionApprove,
	ActionReject,
)

// ParseAction reads one of the Action constants in any letter case and
// returns the action in its lowercase form. It returns a *ValidationError
// for any other text, the empty text included.
func ParseAction(s string) (Action, error) { return actionText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared, the zero value
// included.
func (v Action) MarshalText() ([]byte, error) { return actionText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseAction; v is
// unchanged on error.
func (v *Action) UnmarshalText(b []byte) error { return actionText.Unmarshal(v, b) }

var causeText = enum.Strings[Cause]("asset", "Cause",
	CauseNoReason,
	CauseUnknownCredential,
	CauseUnknownVersion,
	CauseNotStaff,
	CauseNotContact,
	CauseNotAdmin,
	CauseNoGrant,
	CauseGrantExpired,
	CauseGrantRevoked,
	CauseWrongCustomer,
	CauseNoRequest,
	CauseRequestPending,
	CauseRequestRejected,
	CauseApprovalExpired,
	CauseSealBroken,
).EmptyZero()

// ParseCause reads one of the Cause constants in any letter case and
// returns the cause in its lowercase form. It returns a *ValidationError
// for any other text (the empty text is the zero Cause, not refused).
func ParseCause(s string) (Cause, error) { return causeText.Parse(s) }

// MarshalText implements encoding.TextMarshaler. It returns a
// *ValidationError for a value that is not declared.
func (v Cause) MarshalText() ([]byte, error) { return causeText.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseCause; v is
// unchanged on error.
func (v *Cause) UnmarshalText(b []byte) error { return causeText.Unmarshal(v, b) }
