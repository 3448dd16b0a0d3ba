// Package actor is the one way every deskcore package says who acted: a
// member of the provider's staff, a customer's contact, or automation,
// identified by the host's own ID.
//
//	by := actor.Actor{Kind: actor.Staff, ID: "lena", Team: "service"}
//	t, err := desk.Update(ctx, n, func(t *ticket.Ticket) error {
//		return t.Assign("tech-jan", by, now)
//	})
//
// The host owns its users; the library never sees a user table and trusts
// the host for who someone is. Each package asks for the fields its rules
// need and says so in its docs: ticket needs Kind and ID (Address for a
// mail sender who is not in the directory), complaint needs ID and Team
// (a reviewer must be independent of the first investigation), asset
// needs Kind, ID, Roles and, for a contact, CustomerID. ticket.Actor,
// complaint.Actor and asset.Actor are this type.
//
// Packages that only record who did something (billing's release, a quota
// adjustment, a dunning step) take the actor's ID as a string.
package actor
