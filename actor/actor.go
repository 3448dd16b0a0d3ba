package actor

import (
	"errors"
	"slices"

	"github.com/deskcore/deskcore/internal/enum"
	"github.com/deskcore/deskcore/internal/jsonform"
	"github.com/deskcore/deskcore/validation"
)

// Kind says on which side someone acts. The zero Kind is unset: valid
// where a package does not ask for it, written as the empty text.
type Kind uint8

// The kinds of actor.
const (
	// Staff is the provider's staff: service team, technicians, back
	// office, account managers.
	Staff Kind = iota + 1
	// Contact is a customer's employee.
	Contact
	// System is automation: mail intake, monitoring, a scheduler.
	System
)

var kindText = enum.Ints[Kind]("actor", "Kind", "", "staff", "contact", "system").EmptyZero()

// String returns "staff", "contact" or "system", "" for the zero Kind, or
// "Kind(n)" for an undeclared value.
func (k Kind) String() string { return kindText.String(k) }

// IsValid reports whether k is Staff, Contact or System.
func (k Kind) IsValid() bool { return kindText.Valid(k) }

// ParseKind reads "staff", "contact" or "system" in any letter case, and
// the empty text as the zero Kind. It returns a *validation.Error for any
// other text.
func ParseKind(s string) (Kind, error) { return kindText.Parse(s) }

// MarshalText implements encoding.TextMarshaler with the String form. It
// returns a *validation.Error for an undeclared value.
func (k Kind) MarshalText() ([]byte, error) { return kindText.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error { return kindText.Unmarshal(k, b) }

// Actor is who acts, as the host has authenticated them.
type Actor struct {
	Kind Kind   // staff, contact or system
	ID   string // the host's ID of the person, or the name of a subsystem ("mail-intake")
	// Team is the host's ID of the team the person acts for.
	Team string
	// CustomerID is, for a contact, the customer they work for.
	CustomerID string
	// Address is the e-mail address a contact wrote from, lower case, for
	// a mail sender known by address alone.
	Address string
	// Roles are the staff roles in the host's words ("technician",
	// "credential-admin").
	Roles []string
}

// IsZero reports whether a says nobody.
func (a Actor) IsZero() bool {
	return a.Kind == 0 && a.ID == "" && a.Team == "" && a.CustomerID == "" && a.Address == "" && len(a.Roles) == 0
}

// Equal reports whether a and b are the same actor with the same fields.
func (a Actor) Equal(b Actor) bool {
	return a.Kind == b.Kind && a.ID == b.ID && a.Team == b.Team && a.CustomerID == b.CustomerID &&
		a.Address == b.Address && slices.Equal(a.Roles, b.Roles)
}

// HasRole reports whether a holds role r.
func (a Actor) HasRole(r string) bool { return r != "" && slices.Contains(a.Roles, r) }

// String returns "id (team)", "id", or the address for a sender known by
// address alone; "" for the zero Actor.
func (a Actor) String() string {
	switch {
	case a.ID != "" && a.Team != "":
		return a.ID + " (" + a.Team + ")"
	case a.ID != "":
		return a.ID
	}
	return a.Address
}

// MarshalJSON writes the JSON form every deskcore value has: lowerCamel
// names ("customerId"), the kind as its text, fields that are zero left
// out.
func (a Actor) MarshalJSON() ([]byte, error) {
	type plain Actor
	return jsonform.Marshal(plain(a))
}

// UnmarshalJSON reads the JSON form MarshalJSON writes. It returns a
// *validation.Error naming the field for an unknown name or kind, and
// leaves a unchanged.
func (a *Actor) UnmarshalJSON(b []byte) error {
	type plain Actor
	var p plain
	if err := jsonform.Unmarshal(b, &p); err != nil {
		var fe *jsonform.FieldError
		if errors.As(err, &fe) && fe.Path != "" {
			return validation.New("actor", fe.Path, fe.Reason)
		}
		return validation.New("actor", "Actor", err.Error())
	}
	*a = Actor(p)
	return nil
}
