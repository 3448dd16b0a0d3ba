package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/deskcore/deskcore/ticket"
)

// User is someone logged in to the portal, as the host's directory knows
// them: a customer's contact (with the contact's access level) or a member
// of the provider's staff (with roles).
type User struct {
	ID           string
	Name         string
	Staff        bool           // the provider's staff; else a customer's contact
	Roles        []string       // staff roles: "service" approves credential requests and releases work
	Contact      ticket.Contact // for a contact: customer, e-mail and level
	CustomerName string         // for a contact: the customer's name
}

// errBadLogin is the one answer to a wrong login or password, so that the
// login form does not tell which of the two was wrong.
var errBadLogin = errors.New("portal: unknown login or wrong password")

// errNoUser is Directory.User's answer for a user that is gone.
var errNoUser = errors.New("portal: no such user")

// Directory is where the host plugs in its own users: its single sign-on,
// LDAP or user table. The portal asks it who a login is (Authenticate, once
// at login) and who a session's user is now (User, on every request, so that
// a changed level or a removed contact counts at once). Customers is the
// provider's customer list, for staff.
//
// demoDirectory is the example's: a few fixed users with the password
// "demo". A host replaces it, and may replace the login form too by
// setting the session cookie from its own single sign-on callback with
// Server.StartSession.
type Directory interface {
	// Authenticate returns the user with login and password, or
	// errBadLogin.
	Authenticate(ctx context.Context, login, password string) (User, error)
	// User returns the user with the ID, or errNoUser.
	User(ctx context.Context, id string) (User, error)
	// Customers returns the customers staff look after, ID to name.
	Customers(ctx context.Context) (map[string]string, error)
}

// demoUser is a user of the demo directory with the SHA-256 of its
// password.
type demoUser struct {
	User
	password [32]byte
}

// demoDirectory is the example's directory: a few users, each with the
// password "demo". It also serves as the ticket desk's ticket.Directory
// (contacts by e-mail, who is told about tickets).
type demoDirectory struct {
	users     []demoUser
	customers map[string]string
	notify    map[string]ticket.Recipients
}

// demoPassword is every demo user's password.
const demoPassword = "demo"

// newDemoDirectory makes the demo directory: the month's customer Möbel
// Kruse with Anna (extended) and Tom (report only), a second customer
// Autohaus Hansen with Lars (extended), so that one can try to reach the
// other's data, and staff member Sabrina of the service team.
func newDemoDirectory(kruse []ticket.Contact, kruseNotify ticket.Recipients) *demoDirectory {
	d := &demoDirectory{
		customers: map[string]string{"kruse": "Möbel Kruse GmbH", "hansen": "Autohaus Hansen KG"},
		notify: map[string]ticket.Recipients{"kruse": kruseNotify,
			"hansen": {NewTickets: []string{"service@hansen.example"}}},
	}
	names := map[string]string{"anna": "Anna Kruse", "tom": "Tom Lage"}
	for _, c := range kruse {
		d.add(User{ID: c.ID, Name: names[c.ID], Contact: c})
	}
	d.add(User{ID: "lars", Name: "Lars Hansen", Contact: ticket.Contact{
		ID: "lars", CustomerID: "hansen", Email: "lars@hansen.example", Level: ticket.LevelExtended}})
	d.add(User{ID: "sabrina", Name: "Sabrina (service team)", Staff: true, Roles: []string{"service"}})
	return d
}

func (d *demoDirectory) add(u User) {
	if !u.Staff {
		u.CustomerName = d.customers[u.Contact.CustomerID]
	}
	d.users = append(d.users, demoUser{User: u, password: sha256.Sum256([]byte(demoPassword))})
}

// Authenticate implements Directory. The login is the user's ID.
func (d *demoDirectory) Authenticate(_ context.Context, login, password string) (User, error) {
	sum := sha256.Sum256([]byte(password))
	for _, u := range d.users {
		if u.ID == login && subtle.ConstantTimeCompare(sum[:], u.password[:]) == 1 {
			return u.User, nil
		}
	}
	return User{}, errBadLogin
}

// User implements Directory.
func (d *demoDirectory) User(_ context.Context, id string) (User, error) {
	for _, u := range d.users {
		if u.ID == id {
			return u.User, nil
		}
	}
	return User{}, errNoUser
}

// Customers implements Directory.
func (d *demoDirectory) Customers(context.Context) (map[string]string, error) {
	return d.customers, nil
}

// ContactByEmail implements ticket.Directory.
func (d *demoDirectory) ContactByEmail(_ context.Context, address string) (ticket.Contact, error) {
	for _, u := range d.users {
		if !u.Staff && strings.EqualFold(u.Contact.Email, address) {
			return u.Contact, nil
		}
	}
	return ticket.Contact{}, fmt.Errorf("contact: %w", ticket.ErrNotFound)
}

// Recipients implements ticket.Directory.
func (d *demoDirectory) Recipients(_ context.Context, customerID string) (ticket.Recipients, error) {
	r, ok := d.notify[customerID]
	if !ok {
		return ticket.Recipients{}, fmt.Errorf("customer: %w", ticket.ErrNotFound)
	}
	return r, nil
}
