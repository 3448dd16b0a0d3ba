package main

import (
	"context"

	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deskcore/deskcore/ticket"
)

// ticketView is a ticket in the API's JSON form and on the pages: what a
// customer may see of it (public comments only, no audit history, no
// message IDs or keys).
type ticketView struct {
	Number      int64            `json:"number"`
	Kind        string           `json:"kind"`
	Channel     string           `json:"channel"`
	Priority    string           `json:"priority"`
	Status      string           `json:"status"`
	Subject     string           `json:"subject"`
	Description string           `json:"description,omitempty"`
	Received    time.Time        `json:"received"`
	ReportedBy  string           `json:"reportedBy,omitempty"`
	Attachments []attachmentView `json:"attachments,omitempty"`
	Comments    []commentView    `json:"comments,omitempty"`
}

// commentView is a public comment.
type commentView struct {
	At          time.Time        `json:"at"`
	By          string           `json:"by"`
	Staff       bool             `json:"staff"`
	Body        string           `json:"body"`
	Attachments []attachmentView `json:"attachments,omitempty"`
}

// attachmentView is an attachment with the portal's download address.
type attachmentView struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

// allow checks a portal permission on a customer's data: staff may see
// every customer's, a contact what their level allows on their own
// customer's (ticket.AccessPolicy).
func (s *Server) allow(u User, p ticket.Permission, customerID string) error {
	if u.Staff {
		return nil
	}
	return s.access.Authorize(u.Contact, p, customerID)
}

// allowTicket is allow for one ticket: at level report a contact sees only
// the tickets they reported or take part in.
func (s *Server) allowTicket(u User, p ticket.Permission, t ticket.Ticket) error {
	if u.Staff {
		return nil
	}
	return s.access.AuthorizeTicket(u.Contact, p, t)
}

// customerOf is the customer whose data a page shows: a contact's own, or
// for staff the one the "customer" query parameter names (the first one
// by ID when it names none).
func (s *Server) customerOf(r *http.Request, u User) (string, error) {
	if !u.Staff {
		return u.Contact.CustomerID, nil
	}
	all, err := s.users.Customers(r.Context())
	if err != nil {
		return "", err
	}
	if id := r.URL.Query().Get("customer"); id != "" {
		if _, ok := all[id]; !ok {
			return "", errNotFound
		}
		return id, nil
	}
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if len(ids) == 0 {
		return "", errNotFound
	}
	return ids[0], nil
}

// ticketsData lists the tickets u may see of the page's customer, newest
// first.
func (s *Server) ticketsData(r *http.Request, u User) ([]ticketView, error) {
	customer, err := s.customerOf(r, u)
	if err != nil {
		return nil, err
	}
	if err := s.allow(u, ticket.ViewTicket, customer); err != nil {
		return nil, err
	}
	out := []ticketView{}
	for t, err := range s.tickets.Tickets(r.Context(), ticket.Filter{CustomerID: customer}) {
		if err != nil {
			return nil, err
		}
		if s.allowTicket(u, ticket.ViewTicket, t) != nil {
			continue
		}
		v := viewTicket(t, u)
		v.Description, v.Attachments, v.Comments = "", nil, nil
		out = append(out, v)
	}
	slices.Reverse(out)
	return out, nil
}

// ticketData reads ticket n for u, checking access first.
func (s *Server) ticketData(ctx context.Context, u User, number string) (ticket.Ticket, error) {
	n, err := strconv.ParseInt(number, 10, 64)
	if err != nil || n <= 0 {
		return ticket.Ticket{}, errNotFound
	}
	t, err := s.tickets.Ticket(ctx, ticket.Number(n))
	if err != nil {
		return ticket.Ticket{}, err
	}
	if err := s.allowTicket(u, ticket.ViewTicket, t); err != nil {
		return ticket.Ticket{}, err
	}
	return t, nil
}

// viewTicket is what u sees of t: contacts only the public comments.
func viewTicket(t ticket.Ticket, u User) ticketView {
	v := ticketView{Number: int64(t.Number), Kind: t.Kind.String(), Channel: t.Channel.String(),
		Priority: t.Priority.String(), Status: t.Status.String(), Subject: t.Subject,
		Description: t.Description, Received: t.Received, ReportedBy: t.ContactID,
		Attachments: viewAttachments(t.Number, t.Attachments)}
	for _, c := range t.Comments {
		if !c.Public && !u.Staff {
			continue
		}
		by := c.By.ID
		if by == "" {
			by = c.By.Address
		}
		v.Comments = append(v.Comments, commentView{At: c.At, By: by, Staff: c.By.Kind == ticket.ActorStaff,
			Body: c.Body, Attachments: viewAttachments(t.Number, c.Attachments)})
	}
	return v
}

func viewAttachments(n ticket.Number, as []ticket.Attachment) []attachmentView {
	var out []attachmentView
	for _, a := range as {
		out = append(out, attachmentView{Name: a.Name, ContentType: a.ContentType, Size: a.Size,
			URL: "/tickets/" + strconv.FormatInt(int64(n), 10) + "/files/" + a.Ref})
	}
	return out
}

func (s *Server) ticketList(w http.ResponseWriter, r *http.Request, u User) error {
	ts, err := s.ticketsData(r, u)
	if err != nil {
		return err
	}
	customer, _ := s.customerOf(r, u)
	return s.render(w, r, u, "tickets", struct {
		Tickets   []ticketView
		CanReport bool
		Customer  string
	}{ts, !u.Staff && s.allow(u, ticket.ReportIncident, customer) == nil, customer})
}

func (s *Server) ticketDetail(w http.ResponseWriter, r *http.Request, u User) error {
	t, err := s.ticketData(r.Context(), u, r.PathValue("n"))
	if err != nil {
		return err
	}
	return s.render(w, r, u, "ticket", struct {
		Ticket     ticketView
		CanComment bool
	}{viewTicket(t, u), u.Staff || s.allowTicket(u, ticket.CommentTicket, t) == nil})
}

func (s *Server) ticketForm(w http.ResponseWriter, r *http.Request, u User) error {
	if u.Staff {
		return errForbidden // staff record tickets in their own tools
	}
	if err := s.allow(u, ticket.ReportIncident, u.Contact.CustomerID); err != nil {
		return err
	}
	return s.render(w, r, u, "newticket", struct{ CanRequest bool }{s.allow(u, ticket.RequestService, u.Contact.CustomerID) == nil})
}

// ticketCreate opens an incident (or, where the level allows, a service
// request) from the form, with an optional screenshot.
func (s *Server) ticketCreate(w http.ResponseWriter, r *http.Request, u User) error {
	if u.Staff {
		return errForbidden
	}
	kind := ticket.Incident
	if r.PostFormValue("kind") == "service-request" {
		kind = ticket.ServiceRequest
	}
	perm := ticket.ReportIncident
	if kind == ticket.ServiceRequest {
		perm = ticket.RequestService
	}
	if err := s.allow(u, perm, u.Contact.CustomerID); err != nil {
		return err
	}
	subject := strings.TrimSpace(r.PostFormValue("subject"))
	if subject == "" {
		return &badRequest{msg: "Please give the ticket a subject."}
	}
	files, err := s.upload(r)
	if err != nil {
		return err
	}
	t, err := s.desk.Report(r.Context(), u.Contact, ticket.Draft{Kind: kind, Subject: subject,
		Description: r.PostFormValue("description"), Attachments: files, Received: s.now()})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(int64(t.Number), 10), http.StatusSeeOther)
	return nil
}

// ticketComment adds a comment with an optional screenshot: a contact's
// through the desk's reply rules, a staff member's as a public note.
func (s *Server) ticketComment(w http.ResponseWriter, r *http.Request, u User) error {
	t, err := s.ticketData(r.Context(), u, r.PathValue("n"))
	if err != nil {
		return err
	}
	if err := s.allowTicket(u, ticket.CommentTicket, t); err != nil {
		return err
	}
	body := strings.TrimSpace(r.PostFormValue("body"))
	files, err := s.upload(r)
	if err != nil {
		return err
	}
	if body == "" && len(files) == 0 {
		return &badRequest{msg: "Please write a comment or attach a file."}
	}
	c := ticket.Comment{At: s.now(), Body: body, Public: true, Channel: ticket.ChannelPortal, Attachments: files}
	if u.Staff {
		c.By = ticket.Staff(u.ID)
		_, err = s.desk.Update(r.Context(), t.Number, func(t *ticket.Ticket) error { return t.AddComment(c) })
	} else {
		var res ticket.ReplyResult
		res, err = s.desk.Reply(r.Context(), t.Number, u.Contact, c)
		t = res.Ticket
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(int64(t.Number), 10), http.StatusSeeOther)
	return nil
}

// ticketFile serves an attachment of a ticket u may see; the reference
// must be one of the ticket's (or of a comment u may see), so that a
// reference guessed or copied from another ticket opens nothing.
func (s *Server) ticketFile(w http.ResponseWriter, r *http.Request, u User) error {
	t, err := s.ticketData(r.Context(), u, r.PathValue("n"))
	if err != nil {
		return err
	}
	ref := r.PathValue("ref")
	v := viewTicket(t, u)
	all := v.Attachments
	for _, c := range v.Comments {
		all = append(all, c.Attachments...)
	}
	for _, a := range all {
		if strings.HasSuffix(a.URL, "/files/"+ref) {
			return s.files.Serve(w, ref, a.Name, a.ContentType)
		}
	}
	return errNotFound
}

func (s *Server) apiTicket(w http.ResponseWriter, r *http.Request, u User) error {
	t, err := s.ticketData(r.Context(), u, r.PathValue("n"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewTicket(t, u))
	return nil
}
