package ticket

import (
	"context"
	"errors"
	"time"
)

// Config configures a Desk. Its zero value is a working desk with the
// defaults each field names.
type Config struct {
	Mail       MailConfig    // the e-mail channel
	Monitoring MonitorPolicy // qualifying sensor alerts
	Access     AccessPolicy  // portal permissions

	// ReopenWindow is how long after closing a customer's reply still
	// reopens a ticket; a later reply opens a new, linked ticket. 0 means
	// DefaultReopenWindow (14 days).
	ReopenWindow time.Duration
}

// Directory is the host's knowledge of its customers that the desk reads:
// who a mail's sender is, and who wants mail about tickets. The host owns
// customers and contacts; the library refers to them by ID.
type Directory interface {
	// ContactByEmail returns the contact writing from address (bare,
	// lower case). It returns an error matching ErrNotFound when no
	// contact has that address.
	ContactByEmail(ctx context.Context, address string) (Contact, error)

	// Recipients returns who the customer wants told about new tickets
	// and about status changes (as named at onboarding), and about
	// SLA warnings and breaches. The desk calls it inside the store's
	// transaction of a change that notifies.
	Recipients(ctx context.Context, customerID string) (Recipients, error)
}

// Desk is the service desk's ticket service: it takes reports from every
// channel, applies the lifecycle rules, and writes tickets and their
// notifications through the Store. It reads no clock: every operation
// takes its instant. A Desk is safe for concurrent use when its Store and
// Directory are.
type Desk struct {
	store Store
	dir   Directory
	cfg   Config
}

// NewDesk returns a desk on store and dir with cfg. It returns a
// *ValidationError for a nil store or directory or an invalid
// configuration (mail domain, tag prefix, priority, own addresses,
// negative sizes or windows, monitoring priority).
func NewDesk(store Store, dir Directory, cfg Config) (*Desk, error) {
	if store == nil {
		return nil, invalid("store", "is nil")
	}
	if dir == nil {
		return nil, invalid("dir", "is nil")
	}
	mail, err := cfg.Mail.normalized()
	if err != nil {
		return nil, err
	}
	cfg.Mail = mail
	if cfg.Monitoring, err = cfg.Monitoring.normalized(); err != nil {
		return nil, err
	}
	switch {
	case cfg.ReopenWindow < 0:
		return nil, invalid("ReopenWindow", "is negative")
	case cfg.ReopenWindow == 0:
		cfg.ReopenWindow = DefaultReopenWindow
	}
	return &Desk{store: store, dir: dir, cfg: cfg}, nil
}

// ready refuses a Desk that NewDesk did not make (a nil pointer or a zero
// Desk has no store), so its methods return an error instead of
// panicking.
func (d *Desk) ready() error {
	if d == nil || d.store == nil || d.dir == nil {
		return invalid("Desk", "has no store; make it with NewDesk")
	}
	return nil
}

// Open opens a ticket that staff record (a call to the hotline) or that
// automation creates, and writes the new-ticket notifications to the
// outbox. The store assigns the number.
//
// Opening is safe to retry: a draft whose IdempotencyKey opened a ticket
// already, with the same content (customer, contact, kind, channel,
// priority, subject, description, receipt), returns that ticket as it is
// now and opens nothing. The same key with other content is a
// *DuplicateError carrying the stored ticket and the refused draft.
//
// It returns a *ValidationError for an invalid draft or actor, an
// *AccessDeniedError when by is a contact (contacts use Report), a
// *DuplicateError when the draft's IdempotencyKey is taken by other
// content or its AlertKey by an open ticket, and the errors of the Store
// and the Directory.
func (d *Desk) Open(ctx context.Context, dr Draft, by Actor) (Ticket, error) {
	if err := d.ready(); err != nil {
		return Ticket{}, err
	}
	if err := requireStaff(by, "open tickets for a customer"); err != nil {
		return Ticket{}, err
	}
	t, err := NewTicket(dr, by)
	if err != nil {
		return Ticket{}, err
	}
	if dr.IdempotencyKey != "" {
		if stored, found, err := d.retried(ctx, t, dr); found || err != nil {
			return stored, err
		}
	}
	created, err := d.create(ctx, t, "")
	var dup *DuplicateError
	if errors.As(err, &dup) && dup.Field == "IdempotencyKey" {
		// A retry racing its original: the original's ticket answers.
		if stored, found, rerr := d.retried(ctx, t, dr); found {
			return stored, rerr
		}
	}
	return created, err
}

// retried looks up the ticket the idempotency key of t opened: found
// reports that there is one, returned if t is a retry of it and refused
// with a *DuplicateError if t has other content.
func (d *Desk) retried(ctx context.Context, t Ticket, dr Draft) (Ticket, bool, error) {
	stored, err := d.store.ByIdempotencyKey(ctx, t.IdempotencyKey)
	switch {
	case errors.Is(err, ErrNotFound):
		return Ticket{}, false, nil
	case err != nil:
		return Ticket{}, false, err
	case !sameReport(stored, t):
		return Ticket{}, true, &DuplicateError{Field: "IdempotencyKey", Key: t.IdempotencyKey, Existing: stored, Requested: dr}
	}
	return stored, true, nil
}

// sameReport reports whether two tickets record the same report: what the
// draft said, not what happened to the ticket since.
func sameReport(a, b Ticket) bool {
	return a.CustomerID == b.CustomerID && a.ContactID == b.ContactID && a.Kind == b.Kind &&
		a.Channel == b.Channel && a.Priority == b.Priority && a.Subject == b.Subject &&
		a.Description == b.Description && a.Received.Equal(b.Received)
}

// Report opens a ticket a contact reports in the portal: an incident, or
// a service request where the contact's level allows it. The draft's
// customer, contact and channel are the contact's and Portal whatever it
// says, and the contact's address joins the participants.
//
// It returns a *ValidationError for an invalid draft or a kind other than
// Incident and ServiceRequest, an *AccessDeniedError when the contact's
// level does not allow the kind, and the errors of Open.
func (d *Desk) Report(ctx context.Context, c Contact, dr Draft) (Ticket, error) {
	if err := d.ready(); err != nil {
		return Ticket{}, err
	}
	perm := ReportIncident
	switch dr.Kind {
	case Incident:
	case ServiceRequest:
		perm = RequestService
	default:
		return Ticket{}, invalid("Kind", "a contact reports incidents and service requests, not %s", dr.Kind)
	}
	if err := d.cfg.Access.Authorize(c, perm, c.CustomerID); err != nil {
		return Ticket{}, err
	}
	dr.CustomerID, dr.ContactID, dr.Channel = c.CustomerID, c.ID, ChannelPortal
	if c.Email != "" {
		dr.Participants = append(dr.Participants[:len(dr.Participants):len(dr.Participants)], c.Email)
	}
	t, err := NewTicket(dr, c.Actor())
	if err != nil {
		return Ticket{}, err
	}
	return d.create(ctx, t, "")
}

// Update changes ticket n inside the store's transaction: fn applies the
// change with the Ticket's methods (Transition, Assign, Escalate,
// AddComment, ...), and the notifications the change calls for go into
// the outbox in the same transaction. fn may run more than once (see
// Store.Update) and must not call the desk or the store.
//
// It returns a *ValidationError for a nil fn, fn's error unchanged (a
// *TransitionError, *ValidationError or *AccessDeniedError from the
// Ticket's methods), and the errors of the
// Store (ErrNotFound for an unknown number) and the Directory.
func (d *Desk) Update(ctx context.Context, n Number, fn func(*Ticket) error) (Ticket, error) {
	if err := d.ready(); err != nil {
		return Ticket{}, err
	}
	if fn == nil {
		return Ticket{}, invalid("fn", "is nil")
	}
	return d.store.Update(ctx, n, func(t *Ticket) ([]Notification, error) {
		since := len(t.Audit)
		if err := fn(t); err != nil {
			return nil, err
		}
		return d.notifications(ctx, t, since, "")
	})
}

// ReplyResult is what a contact's reply in the portal did.
type ReplyResult struct {
	Effect ReplyEffect // what the reply did
	// Ticket is the ticket the reply went into: the one replied to, or for
	// ReplyNeedsLink the new ticket linked to it.
	Ticket Ticket
}

// Reply adds contact c's comment to ticket n in the portal with the reopen
// rules of Ticket.Reply: it resumes a ticket waiting on the customer,
// reopens a resolved one or one closed within the reopen window, and
// opens a new, linked ticket for a reply to one closed longer ago. The
// comment's author is c.
//
// It returns an *AccessDeniedError when c may not comment on the ticket
// (AuthorizeTicket with CommentTicket), the errors of Ticket.Reply, and
// those of the Store and the Directory.
func (d *Desk) Reply(ctx context.Context, n Number, c Contact, comment Comment) (ReplyResult, error) {
	if err := d.ready(); err != nil {
		return ReplyResult{}, err
	}
	comment.By, comment.Channel = c.Actor(), ChannelPortal
	var res ReplyResult
	var old Ticket
	t, err := d.store.Update(ctx, n, func(t *Ticket) ([]Notification, error) {
		if err := d.cfg.Access.AuthorizeTicket(c, CommentTicket, *t); err != nil {
			return nil, err
		}
		since := len(t.Audit)
		effect, err := t.Reply(comment, d.cfg.ReopenWindow)
		if err != nil {
			return nil, err
		}
		res.Effect = effect
		if effect == ReplyNeedsLink {
			old = t.Clone()
			return nil, errRedecided
		}
		return d.notifications(ctx, t, since, "")
	})
	switch {
	case err == nil:
		res.Ticket = t
		return res, nil
	case !errors.Is(err, errRedecided):
		return ReplyResult{}, err
	}
	dr := linkedDraft(&old, comment, "")
	dr.ContactID = c.ID
	res.Ticket, _, err = d.createOnce(ctx, dr, c.Actor(), "")
	if err != nil {
		return ReplyResult{}, err
	}
	return res, nil
}

// linkedDraft is the new ticket for a reply to old after its reopen
// window: old's customer, kind, priority and participants, the reply as
// its description.
func linkedDraft(old *Ticket, c Comment, key string) Draft {
	participants := old.Participants
	if c.By.Address != "" {
		participants = append(participants[:len(participants):len(participants)], c.By.Address)
	}
	return Draft{
		CustomerID: old.CustomerID, ContactID: c.By.ID, Kind: old.Kind, Channel: c.Channel,
		Priority: old.Priority, Subject: old.Subject, Description: c.Body, Attachments: c.Attachments,
		Received: c.At, Participants: participants, LinkedTo: old.Number, IdempotencyKey: key,
	}
}

// create stores a new ticket with its notifications; confirm is the
// address of a mail to confirm, or "".
func (d *Desk) create(ctx context.Context, t Ticket, confirm string) (Ticket, error) {
	return d.store.Create(ctx, t, func(t *Ticket) ([]Notification, error) {
		return d.notifications(ctx, t, 0, confirm)
	})
}

// createOnce opens the ticket of dr unless its IdempotencyKey has opened
// one already, which it then returns with created false.
func (d *Desk) createOnce(ctx context.Context, dr Draft, by Actor, confirm string) (t Ticket, created bool, err error) {
	if dr.IdempotencyKey != "" {
		t, err := d.store.ByIdempotencyKey(ctx, dr.IdempotencyKey)
		switch {
		case err == nil:
			return t, false, nil
		case !errors.Is(err, ErrNotFound):
			return Ticket{}, false, err
		}
	}
	nt, err := NewTicket(dr, by)
	if err != nil {
		return Ticket{}, false, err
	}
	t, err = d.create(ctx, nt, confirm)
	var dup *DuplicateError
	if errors.As(err, &dup) && dup.Field == "IdempotencyKey" {
		// Another intake of the same event won the race.
		t, err = d.store.ByIdempotencyKey(ctx, dr.IdempotencyKey)
		return t, false, err
	}
	return t, err == nil, err
}

// notifications asks the directory for the customer's recipients when the
// change since audit entry since calls for mail, and returns the
// notifications.
func (d *Desk) notifications(ctx context.Context, t *Ticket, since int, confirm string) ([]Notification, error) {
	needed := confirm != ""
	for _, e := range t.Audit[since:] {
		needed = needed || e.Action == ActionCreated || e.Action == ActionStatus
	}
	if !needed {
		return nil, nil
	}
	to, err := d.dir.Recipients(ctx, t.CustomerID)
	if err != nil {
		return nil, err
	}
	return notifier{domain: d.cfg.Mail.Domain, to: to}.notify(t, since, confirm), nil
}

// Pending returns up to limit notifications the host has yet to send,
// oldest first (all when limit <= 0). The host sends each, with its
// MessageID, then calls MarkDelivered; a crash in between sends it again,
// so delivery is at least once and the Message-ID lets mail software drop
// the duplicate. It returns the Store's errors.
func (d *Desk) Pending(ctx context.Context, limit int) ([]Notification, error) {
	if err := d.ready(); err != nil {
		return nil, err
	}
	return d.store.Pending(ctx, limit)
}

// MarkDelivered records that notifications were sent. It returns the
// Store's errors: ErrNotFound for an ID never issued.
func (d *Desk) MarkDelivered(ctx context.Context, ids ...uint64) error {
	if err := d.ready(); err != nil {
		return err
	}
	return d.store.MarkDelivered(ctx, ids...)
}
