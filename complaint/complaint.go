package complaint

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/deskcore/deskcore/internal/enum"

	"github.com/deskcore/deskcore/actor"
)

// Type is the kind of complaint, which decides the details it must carry.
// The zero Type is no type and invalid in a complaint.
type Type uint8

const (
	// TypeService is a complaint about a service: the ticket
	// number, the serial number if available, a description of the
	// problem and optionally the customer's idea of a resolution.
	TypeService Type = iota + 1
	// TypeProduct is a complaint about a product: the product
	// model, the serial number if available, a description and optionally
	// an idea.
	TypeProduct
	// TypeGeneral is any other complaint: name, e-mail address,
	// a description with the date, time and circumstances of the incident,
	// and references to supporting files.
	TypeGeneral
)

var typeText = enum.Ints[Type]("complaint", "Type", "", "service", "product", "general")

// String returns "service", "product" or "general", or "Type(n)" for an
// invalid type.
func (t Type) String() string { return typeText.String(t) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *ValidationError for an invalid type.
func (t Type) MarshalText() ([]byte, error) { return typeText.Marshal(t) }

// UnmarshalText implements encoding.TextUnmarshaler, reading what String
// writes in any case. It returns a *ValidationError for any other text.
func (t *Type) UnmarshalText(b []byte) error { return typeText.Unmarshal(t, b) }

// ParseType reads "service", "product" or "general" in any case. It returns
// a *ValidationError for any other text.
func ParseType(s string) (Type, error) { return typeText.Parse(s) }

// Field names a detail of a complaint, for the policy's required fields
// and in a *ValidationError. Its value is the Details field's name.
type Field string

// The details a complaint can carry.
const (
	FieldTicketNumber   Field = "TicketNumber"
	FieldProductModel   Field = "ProductModel"
	FieldSerialNumber   Field = "SerialNumber"
	FieldDescription    Field = "Description"
	FieldResolutionIdea Field = "ResolutionIdea"
	FieldName           Field = "Name"
	FieldEmail          Field = "Email"
	FieldOccurredAt     Field = "OccurredAt"
	FieldFiles          Field = "Files"
)

// fields lists every Field in the order validation reports them.
var fields = []Field{
	FieldTicketNumber, FieldProductModel, FieldSerialNumber, FieldDescription,
	FieldResolutionIdea, FieldName, FieldEmail, FieldOccurredAt, FieldFiles,
}

// Details are what the complainant told us. Every type of complaint may
// carry any of them (a service complaint from a business customer usually
// names a contact too); which ones it must carry is policy
// (PolicyConfig.Required). The zero Details carry nothing.
type Details struct {
	TicketNumber   string    // the ticket the service complaint is about
	ProductModel   string    // the product complained about (an inverter's model, say)
	SerialNumber   string    // the device's serial number, if available
	Description    string    // the problem, with the circumstances; several lines
	ResolutionIdea string    // the complainant's idea of a resolution, if any
	Name           string    // the complainant's full name
	Email          string    // the complainant's e-mail address, bare: "jan@example.nl"
	OccurredAt     time.Time // when the incident happened: its date and time
	Files          []string  // references to supporting files (screenshots) the host stores
}

// has reports whether the detail f is given.
func (d Details) has(f Field) bool {
	switch f {
	case FieldTicketNumber:
		return d.TicketNumber != ""
	case FieldProductModel:
		return d.ProductModel != ""
	case FieldSerialNumber:
		return d.SerialNumber != ""
	case FieldDescription:
		return strings.TrimSpace(d.Description) != ""
	case FieldResolutionIdea:
		return strings.TrimSpace(d.ResolutionIdea) != ""
	case FieldName:
		return strings.TrimSpace(d.Name) != ""
	case FieldEmail:
		return d.Email != ""
	case FieldOccurredAt:
		return !d.OccurredAt.IsZero()
	case FieldFiles:
		return len(d.Files) > 0
	}
	return false
}

// Reference is a complaint's human-readable reference number, given to the
// customer with the acknowledgement: the year of receipt and a
// sequence number within it that the store assigns, written
// "CMP-2026-00042". References are comparable with ==. A Reference with
// Seq 0 is not numbered yet: the complaint has not been stored. The zero
// Reference is no reference at all.
type Reference struct {
	Year int // the year of receipt, in the policy's zone: 1 to 9999
	Seq  int // 1, 2, ... within the year, unique; assigned by Store.Create
}

const refPrefix = "CMP-"

// IsZero reports whether r is the zero Reference.
func (r Reference) IsZero() bool { return r == Reference{} }

// String returns "CMP-2026-00042" (five digits at least), "" for the zero
// Reference and "Reference{y s}" for an invalid one.
func (r Reference) String() string {
	switch {
	case r.IsZero():
		return ""
	case r.valid():
		return fmt.Sprintf("%s%04d-%05d", refPrefix, r.Year, r.Seq)
	}
	return fmt.Sprintf("Reference{%d %d}", r.Year, r.Seq)
}

func (r Reference) valid() bool {
	return r.Year >= 1 && r.Year <= 9999 && r.Seq >= 1 && r.Seq <= maxSeq
}

// Compare orders references by year, then sequence number: -1, 0 or +1.
func (r Reference) Compare(o Reference) int {
	if c := r.Year - o.Year; c != 0 {
		return sign(c)
	}
	return sign(r.Seq - o.Seq)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// ParseReference reads what String writes ("CMP-2026-00042", the prefix in
// any case, leading zeros optional). It returns a *ValidationError for
// anything else.
func ParseReference(s string) (Reference, error) {
	bad := func() (Reference, error) {
		var ps problems
		ps.add("Reference", "%q is not a reference such as %q", s, "CMP-2026-00042")
		return Reference{}, ps.err()
	}
	if len(s) < len(refPrefix) || !strings.EqualFold(s[:len(refPrefix)], refPrefix) {
		return bad()
	}
	year, seq, ok := strings.Cut(s[len(refPrefix):], "-")
	if !ok || !digits(year) || !digits(seq) {
		return bad()
	}
	var r Reference
	var err1, err2 error
	r.Year, err1 = strconv.Atoi(year)
	r.Seq, err2 = strconv.Atoi(seq)
	if err1 != nil || err2 != nil || !r.valid() {
		return bad()
	}
	return r, nil
}

func digits(s string) bool {
	return s != "" && len(s) <= 10 && strings.Trim(s, "0123456789") == ""
}

// MarshalText implements encoding.TextMarshaler with the String form; the
// zero Reference is empty text. It returns a *ValidationError for an
// invalid reference.
func (r Reference) MarshalText() ([]byte, error) {
	if !r.IsZero() && !r.valid() {
		var ps problems
		ps.add("Reference", "%s is not a valid reference", r)
		return nil, ps.err()
	}
	return []byte(r.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler: empty text is the zero
// Reference, else as ParseReference.
func (r *Reference) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = Reference{}
		return nil
	}
	v, err := ParseReference(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Actor is who acted: actor.Actor, the one actor type of every deskcore
// package. Staff who act on a complaint need ID and Team, both opaque
// IDs of the host, so that an escalation's reviewer can be checked against
// people and teams. The zero Actor is nobody: the customer's own steps
// carry it.
type Actor = actor.Actor

// Intake is a complaint as it arrives, before it is stored.
type Intake struct {
	Type       Type      // decides the required details
	CustomerID string    // the host's customer, if known; optional
	Details    Details   // what the complainant told us
	ReceivedAt time.Time // when it arrived; the deadlines count from it
}

// Complaint is one complaint and everything done about it. History is the
// record: the first event is its receipt, and each step appends one;
// nothing is ever rewritten. State follows from History and is kept for
// queries. Change a complaint only through the Policy's steps, which check
// the rules and leave it untouched when they refuse.
//
// The zero Complaint is invalid; Policy.NewComplaint makes one.
type Complaint struct {
	Ref        Reference // its Seq is 0 until Store.Create numbers it
	Type       Type      // service, product or general
	CustomerID string    // the host's customer, if known
	Details    Details   // what the complainant told us
	ReceivedAt time.Time // when it arrived; the deadlines count from it
	State      State     // where it stands, after the last step
	History    []Event   // every step, the receipt first, in time order
	// Reminded are the reminders recorded as sent to staff
	// (Policy.MarkReminded), oldest first. They are not steps of the
	// complaint: State, Timeline, Stats and OutcomeReport do not read
	// them.
	Reminded []SentReminder
	Version  int64 // the store's: 1 when created, one more per update
}

// Clone returns a copy of c that shares nothing with it.
func (c Complaint) Clone() Complaint {
	c.Details.Files = slices.Clone(c.Details.Files)
	c.History = slices.Clone(c.History)
	c.Reminded = slices.Clone(c.Reminded)
	for i := range c.History {
		c.History[i].Actions = slices.Clone(c.History[i].Actions)
	}
	return c
}

// NewComplaint validates an intake against the policy's required fields and
// returns the complaint, received, with its reference's year set (the year
// of ReceivedAt in the policy's zone) for Store.Create to number.
//
// Every problem is reported at once, in one *ValidationError (matching
// ErrInvalid): an invalid Type, a missing ReceivedAt or one outside the
// policy calendar's years, every required detail that is missing, and
// every given detail that is malformed (an e-mail address that is not a
// bare address, text with control characters or beyond its length limit,
// an empty file reference, an OccurredAt after ReceivedAt).
func (p *Policy) NewComplaint(in Intake) (Complaint, error) {
	if err := p.made(); err != nil {
		return Complaint{}, err
	}
	var ps problems
	if !in.Type.valid() {
		ps.add("Type", "%v is not service, product or general", in.Type)
	}
	ps.id("CustomerID", in.CustomerID, false)
	p.checkInstant(&ps, "ReceivedAt", in.ReceivedAt)
	var required []Field
	if in.Type.valid() {
		required = p.required[in.Type]
	}
	for _, f := range fields {
		checkDetail(&ps, in.Details, f, slices.Contains(required, f), in.ReceivedAt)
	}
	if err := ps.err(); err != nil {
		return Complaint{}, err
	}
	at := in.ReceivedAt
	d := in.Details
	d.Files = slices.Clone(d.Files)
	return Complaint{
		Ref:        Reference{Year: at.In(p.location(at)).Year()},
		Type:       in.Type,
		CustomerID: in.CustomerID,
		Details:    d,
		ReceivedAt: at,
		State:      StateReceived,
		History:    []Event{{Kind: EventReceived, At: at}},
	}, nil
}

// checkDetail reports the detail f as missing when required and absent,
// and as malformed when given and wrong.
func checkDetail(ps *problems, d Details, f Field, required bool, received time.Time) {
	name := string(f)
	if !d.has(f) {
		if required {
			ps.missing(name)
			return
		}
	}
	switch f {
	case FieldTicketNumber:
		ps.id(name, d.TicketNumber, false)
	case FieldProductModel:
		ps.text(name, d.ProductModel, maxLineLen, false, false)
	case FieldSerialNumber:
		ps.id(name, d.SerialNumber, false)
	case FieldDescription:
		ps.text(name, d.Description, maxTextLen, false, true)
	case FieldResolutionIdea:
		ps.text(name, d.ResolutionIdea, maxTextLen, false, true)
	case FieldName:
		ps.text(name, d.Name, maxLineLen, false, false)
	case FieldEmail:
		checkEmail(ps, name, d.Email)
	case FieldOccurredAt:
		if !d.OccurredAt.IsZero() && !received.IsZero() && d.OccurredAt.After(received) {
			ps.add(name, "%s is after the complaint was received", d.OccurredAt.Format(time.RFC3339))
		}
	case FieldFiles:
		if len(d.Files) > maxItems {
			ps.add(name, "has more than %d files", maxItems)
			return
		}
		for i, file := range d.Files {
			ps.id(fmt.Sprintf("%s[%d]", name, i), file, true)
		}
	}
}

// checkEmail accepts a bare address ("jan@example.nl"), not a display name
// or a list, so that the host can send to it as it stands.
func checkEmail(ps *problems, field, s string) {
	if s == "" {
		return
	}
	if len(s) > maxLineLen {
		ps.add(field, "is longer than %d bytes", maxLineLen)
		return
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		ps.add(field, "%q is not a bare e-mail address such as jan@example.nl", s)
	}
}

// Limits on stored text, chosen to fit ordinary database columns.
const (
	maxIDLen   = 128       // opaque IDs: people, teams, customers, parties, files
	maxLineLen = 1024      // one-line text: names, models, e-mail addresses
	maxTextLen = 64 << 10  // free text: descriptions, notes, explanations
	maxItems   = 100       // files of a complaint, actions of a decision
	maxSeq     = 1<<31 - 1 // reference sequence numbers fit a 32-bit column
)

// problems collects the problems of one input, in the order checked.
type problems []Problem

func (ps *problems) add(field, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Reason: fmt.Sprintf(format, args...)})
}

func (ps *problems) missing(field string) {
	*ps = append(*ps, Problem{Field: field, Missing: true, Reason: "is required"})
}

// err returns a *ValidationError with the problems, or nil if there are
// none.
func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Domain: "complaint", Problems: ps}
}

// id checks an opaque identifier: 1 to maxIDLen bytes of UTF-8 without
// control characters or surrounding spaces, so it can be a database key.
func (ps *problems) id(field, s string, required bool) {
	switch {
	case s == "":
		if required {
			ps.missing(field)
		}
	case len(s) > maxIDLen:
		ps.add(field, "is longer than %d bytes", maxIDLen)
	case strings.TrimSpace(s) != s:
		ps.add(field, "has leading or trailing spaces")
	default:
		ps.chars(field, s, false)
	}
}

// text checks free text up to max bytes; multiline allows line breaks and
// tabs. Text of white space only counts as absent.
func (ps *problems) text(field, s string, max int, required, multiline bool) {
	switch {
	case strings.TrimSpace(s) == "":
		if required {
			ps.missing(field)
		} else if s != "" {
			ps.add(field, "is only white space")
		}
	case len(s) > max:
		ps.add(field, "is longer than %d bytes", max)
	default:
		ps.chars(field, s, multiline)
	}
}

func (ps *problems) chars(field, s string, multiline bool) {
	if !utf8.ValidString(s) {
		ps.add(field, "is not valid UTF-8")
		return
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			ps.add(field, "contains a control character")
			return
		}
	}
}

// actor checks a member of staff: both IDs are required, since the
// independence of a reviewer is judged on both.
func (ps *problems) actor(field string, a Actor) {
	ps.id(field+".ID", a.ID, true)
	ps.id(field+".Team", a.Team, true)
}

func (t Type) valid() bool { return typeText.Valid(t) }
