// Command portal is a customer portal on deskcore ("Sie sehen, was wir
// sehen": the customer sees what the provider sees), seeded with the
// quickstart's month of Möbel Kruse GmbH:
//
//	go run ./examples/portal
//	go run ./examples/portal -dsn 'postgres://user:pw@localhost/portal' -addr :8080
//
// It prints its address and the demo logins (password "demo"): anna sees
// everything of Möbel Kruse (level extended), tom only reports incidents
// and follows his own tickets (level report), lars is a contact of another
// customer, and sabrina is the provider's service team.
//
// # Pages
//
// Tickets with their public comments and attachments, and a form to
// report an incident with a screenshot; the contract status with the
// quota's balance today and the month's movements; statistics with counts
// by kind, status and month and response and resolution against the
// agreement's targets, drawn as inline SVG; the service report history
// with downloads; the assets with their warranty and licence dates; stored
// credentials, which a contact may ask to see, the service team approves
// for a few hours, and whose every reveal the access log shows. Staff get
// a view of the requests to decide and the work to release for billing.
// Beside each page, /api/... answers the same data as JSON, in
// lowerCamel names with enumerations as text, dates as YYYY-MM-DD,
// instants in RFC 3339 with their offset, hours as "7h30m" and money as a
// decimal string with its currency.
//
// # Access
//
// The server checks every page, download and API call with the library's
// rules (ticket.AccessPolicy for the contact's level and customer,
// asset.Vault for credentials): a contact of another customer, or of a
// level below what the page needs, gets 403 and the same short text
// whatever was refused, so that not even the existence of a ticket or a
// report leaks. Forms carry a CSRF token bound to the session; the
// session is a cookie signed with HMAC-SHA256, HttpOnly and SameSite
// strict; a revealed password appears only in the answer to a POST that
// is not cached, never in a URL or a log line.
//
// # Plugging in a host's users
//
// The host owns the users. The Directory interface (directory.go) is
// where its single sign-on, LDAP or user table plugs in: Authenticate
// checks a login, User returns the session's user on every request (so a
// changed level counts at once), Customers lists the customers for staff.
// A host with its own login replaces the form and calls
// Server.StartSession from its callback.
package main
