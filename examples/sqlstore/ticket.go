package sqlstore

import (
	"context"
	"database/sql"
	"encoding"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/deskcore/deskcore/ticket"
)

// TicketStore is the ticket.Store on tables tickets (one row per ticket,
// its lists as JSON), ticket_counters (the last ticket number given) and
// ticket_notifications (the outbox).
//
// Create draws the number from the counter row, which its upsert locks
// until the transaction ends, so concurrent Creates never share a number;
// the ticket and its notifications are written in that same transaction.
// Update locks the ticket's row for the length of its transaction (SELECT
// ... FOR UPDATE on PostgreSQL, the single writer on SQLite) and writes
// back only over the version it read, so concurrent updates run one after
// another, fn sees what the one before committed and runs once; Update
// does not return ErrConflict for a lost race. The unique indexes on the
// idempotency key and on the alert key of tickets that are not closed
// decide duplicates, also between concurrent transactions; their
// violations come back as a *ticket.DuplicateError.
//
// fn must not call the store.
type TicketStore struct{ db *DB }

var _ ticket.Store = (*TicketStore)(nil)

// Tickets returns the ticket.Store on db.
func (db *DB) Tickets() *TicketStore { return &TicketStore{db: db} }

var ticketErrs = sentinels{conflict: ticket.ErrConflict, notFound: ticket.ErrNotFound}

const ticketColumns = `number, version, customer_id, contact_id, kind, channel, priority, status, subject, description,
	attachments, received_at, assignee_id, escalation, responded_at, resolved_at, closed_at, linked_to, participants,
	message_ids, idempotency_key, alert_key, alert_count, last_alert_at, due_date, comments, audit`

const notificationColumns = `id, event, ticket_number, customer_id, recipient, template, message_id, from_status, to_status, at, clock, due`

// Create implements ticket.Store. A unique violation of the idempotency or
// alert key returns a *ticket.DuplicateError.
func (s *TicketStore) Create(ctx context.Context, t ticket.Ticket, fn func(*ticket.Ticket) ([]ticket.Notification, error)) (ticket.Ticket, error) {
	var out ticket.Ticket
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return ticket.Ticket{}, ticketErrs.translate(s.db.d, err, "create ticket")
	}
	defer tx.Rollback()

	t = t.Clone()
	err = tx.queryRow(ctx, `INSERT INTO ticket_counters (name, last_number) VALUES ('ticket', 1)
		ON CONFLICT (name) DO UPDATE SET last_number = ticket_counters.last_number + 1
		RETURNING last_number`).Scan(&t.Number)
	if err != nil {
		return ticket.Ticket{}, ticketErrs.translate(tx.d, err, "draw a ticket number")
	}
	t.Version = 1
	var notes []ticket.Notification
	if fn != nil {
		if notes, err = fn(&t); err != nil {
			return ticket.Ticket{}, err
		}
	}
	what := fmt.Sprintf("create ticket %s", t.Number)
	if err := checkKept(&t, t.Number, 1, what); err != nil {
		return ticket.Ticket{}, err
	}
	out = t.Clone() // fn may keep a pointer to t
	args, err := ticketArgs(tx.d, &out)
	if err != nil {
		return ticket.Ticket{}, err
	}
	if _, err := tx.exec(ctx, `INSERT INTO tickets (`+ticketColumns+`) VALUES (`+placeholders(27)+`)`, args...); err != nil {
		return ticket.Ticket{}, ticketWriteError(tx.d, err, &out, what)
	}
	if err := insertNotifications(ctx, tx.querier, out.Number, notes); err != nil {
		return ticket.Ticket{}, err
	}
	if err := tx.Commit(); err != nil {
		return ticket.Ticket{}, ticketErrs.translate(tx.d, err, "create ticket")
	}
	return out, nil
}

// checkKept refuses a ticket whose Number or Version fn changed.
func checkKept(t *ticket.Ticket, n ticket.Number, version int64, what string) error {
	if t.Number != n || t.Version != version {
		return fmt.Errorf("sqlstore: %s: the function changed Number or Version: %w", what, ticket.ErrInvalid)
	}
	return nil
}

// ticketWriteError translates the error of writing t's row: a violation of
// one of the key indexes is a *ticket.DuplicateError. Which index it was
// is read from the message, which names the index on PostgreSQL
// (tickets_idempotency_key, tickets_open_alert_key) and the column on
// SQLite (tickets.idempotency_key, tickets.alert_key).
func ticketWriteError(d *dialect, err error, t *ticket.Ticket, what string) error {
	if d.classify(err) == failUnique {
		switch msg := err.Error(); {
		case strings.Contains(msg, "idempotency_key"):
			return &ticket.DuplicateError{Field: "IdempotencyKey", Key: t.IdempotencyKey}
		case strings.Contains(msg, "alert_key"):
			return &ticket.DuplicateError{Field: "AlertKey", Key: t.AlertKey}
		}
	}
	return ticketErrs.translate(d, err, what)
}

// ticketArgs are the values of ticketColumns for t.
func ticketArgs(d *dialect, t *ticket.Ticket) ([]any, error) {
	var texts [4]string
	for i, v := range []encoding.TextMarshaler{t.Kind, t.Channel, t.Priority, t.Status} {
		var err error
		if texts[i], err = textArg(v); err != nil {
			return nil, fmt.Errorf("sqlstore: ticket %s: %w", t.Number, err)
		}
	}
	var lists [5]string
	for i, v := range []any{nonNil(t.Attachments), nonNil(t.Participants), nonNil(t.MessageIDs), nonNil(t.Comments), nonNil(t.Audit)} {
		var err error
		if lists[i], err = jsonArg(v); err != nil {
			return nil, fmt.Errorf("sqlstore: ticket %s: %w", t.Number, err)
		}
	}
	return []any{int64(t.Number), t.Version, t.CustomerID, t.ContactID, texts[0], texts[1], texts[2], texts[3], t.Subject, t.Description,
		lists[0], d.timeArg(t.Received), t.AssigneeID, t.Escalation, d.timeArg(t.RespondedAt), d.timeArg(t.ResolvedAt),
		d.timeArg(t.ClosedAt), int64(t.LinkedTo), lists[1], lists[2], t.IdempotencyKey, t.AlertKey, t.AlertCount,
		d.timeArg(t.LastAlertAt), dateArg(t.DueDate), lists[3], lists[4]}, nil
}

// scanTicket reads one row of ticketColumns.
func scanTicket(r interface{ Scan(...any) error }) (ticket.Ticket, error) {
	var t ticket.Ticket
	err := r.Scan(&t.Number, &t.Version, &t.CustomerID, &t.ContactID, textCol{&t.Kind}, textCol{&t.Channel},
		textCol{&t.Priority}, textCol{&t.Status}, &t.Subject, &t.Description, jsonCol{&t.Attachments},
		timeCol{&t.Received}, &t.AssigneeID, &t.Escalation, timeCol{&t.RespondedAt}, timeCol{&t.ResolvedAt},
		timeCol{&t.ClosedAt}, &t.LinkedTo, jsonCol{&t.Participants}, jsonCol{&t.MessageIDs}, &t.IdempotencyKey,
		&t.AlertKey, &t.AlertCount, timeCol{&t.LastAlertAt}, dateCol{&t.DueDate}, jsonCol{&t.Comments}, jsonCol{&t.Audit})
	if err != nil {
		return ticket.Ticket{}, err
	}
	if len(t.Comments) == 0 {
		t.Comments = nil
	}
	return t, nil
}

// selectTickets reads the tickets where selects, in Number order, at most
// pageSize. With lock, inside a write transaction, their rows stay locked
// until the transaction ends: FOR UPDATE on PostgreSQL; SQLite has no row
// locks, and its write transactions hold the write lock from BEGIN
// IMMEDIATE, which serialises writers the same way.
func selectTickets(ctx context.Context, q querier, where string, args []any, lock bool) ([]ticket.Ticket, error) {
	query := `SELECT ` + ticketColumns + ` FROM tickets WHERE ` + where + ` ORDER BY number LIMIT ` + fmt.Sprint(pageSize)
	if lock && q.d.postgres() {
		query += ` FOR UPDATE`
	}
	var out []ticket.Ticket
	err := q.queryAll(ctx, func(r *sql.Rows) error {
		t, err := scanTicket(r)
		out = append(out, t)
		return err
	}, query, args...)
	return out, err
}

// oneTicket reads the ticket where selects, or returns ErrNotFound.
func oneTicket(ctx context.Context, q querier, what, where string, args []any, lock bool) (ticket.Ticket, error) {
	found, err := selectTickets(ctx, q, where, args, lock)
	if err == nil && len(found) == 0 {
		err = sql.ErrNoRows
	}
	if err != nil {
		return ticket.Ticket{}, ticketErrs.translate(q.d, err, what)
	}
	return found[0], nil
}

// Ticket implements ticket.Store.
func (s *TicketStore) Ticket(ctx context.Context, n ticket.Number) (ticket.Ticket, error) {
	return oneTicket(ctx, s.db.reader(), fmt.Sprintf("ticket %s", n), "number = ?", []any{int64(n)}, false)
}

// ByIdempotencyKey implements ticket.Store.
func (s *TicketStore) ByIdempotencyKey(ctx context.Context, key string) (ticket.Ticket, error) {
	return oneTicket(ctx, s.db.reader(), fmt.Sprintf("ticket with idempotency key %q", key),
		"idempotency_key = ? AND idempotency_key <> ''", []any{key}, false)
}

// OpenByAlertKey implements ticket.Store.
func (s *TicketStore) OpenByAlertKey(ctx context.Context, key string) (ticket.Ticket, error) {
	return oneTicket(ctx, s.db.reader(), fmt.Sprintf("open ticket with alert key %q", key),
		"alert_key = ? AND alert_key <> '' AND status <> 'closed'", []any{key}, false)
}

// Update implements ticket.Store. fn runs once, inside the transaction
// that holds the ticket's row lock.
func (s *TicketStore) Update(ctx context.Context, n ticket.Number, fn func(*ticket.Ticket) ([]ticket.Notification, error)) (ticket.Ticket, error) {
	var out ticket.Ticket
	what := fmt.Sprintf("update ticket %s", n)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return ticket.Ticket{}, ticketErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	stored, err := oneTicket(ctx, tx.querier, what, "number = ?", []any{int64(n)}, true)
	if err != nil {
		return ticket.Ticket{}, err
	}
	t := stored.Clone()
	notes, err := fn(&t)
	if err != nil {
		return ticket.Ticket{}, err
	}
	if err := checkKept(&t, n, stored.Version, what); err != nil {
		return ticket.Ticket{}, err
	}
	out = t.Clone() // fn may keep a pointer to t
	out.Version++
	args, err := ticketArgs(tx.d, &out)
	if err != nil {
		return ticket.Ticket{}, err
	}
	res, err := tx.exec(ctx, `UPDATE tickets SET version = ?, customer_id = ?, contact_id = ?, kind = ?, channel = ?,
		priority = ?, status = ?, subject = ?, description = ?, attachments = ?, received_at = ?, assignee_id = ?,
		escalation = ?, responded_at = ?, resolved_at = ?, closed_at = ?, linked_to = ?, participants = ?,
		message_ids = ?, idempotency_key = ?, alert_key = ?, alert_count = ?, last_alert_at = ?, due_date = ?,
		comments = ?, audit = ? WHERE number = ? AND version = ?`, append(args[1:], int64(n), stored.Version)...)
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("version %d changed meanwhile: %w", stored.Version, ticket.ErrConflict))
	}
	if err != nil {
		return ticket.Ticket{}, ticketWriteError(tx.d, err, &out, what)
	}
	if err := insertNotifications(ctx, tx.querier, n, notes); err != nil {
		return ticket.Ticket{}, err
	}
	if err := tx.Commit(); err != nil {
		return ticket.Ticket{}, ticketErrs.translate(tx.d, err, what)
	}
	return out, nil
}

// insertNotifications appends notes to the outbox, about ticket n, in
// order, so that their IDs rise in the order given.
func insertNotifications(ctx context.Context, q querier, n ticket.Number, notes []ticket.Notification) error {
	for i, note := range notes {
		event, err := textArg(note.Event)
		if err != nil {
			return fmt.Errorf("sqlstore: notification %d of ticket %s: %w", i, n, err)
		}
		from, err := optionalText(note.From)
		if err != nil {
			return err
		}
		to, err := optionalText(note.To)
		if err != nil {
			return err
		}
		clock, err := optionalText(note.Clock)
		if err != nil {
			return err
		}
		_, err = q.exec(ctx, `INSERT INTO ticket_notifications (`+strings.TrimPrefix(notificationColumns, "id, ")+`, delivered)
			VALUES (`+placeholders(11)+`, FALSE)`,
			event, int64(n), note.CustomerID, note.Recipient, note.Template, note.MessageID, from, to, q.d.timeArg(note.At),
			clock, q.d.timeArg(note.Due))
		if err != nil {
			return ticketErrs.translate(q.d, err, fmt.Sprintf("notification %d of ticket %s", i, n))
		}
	}
	return nil
}

// optionalText is an enumeration's text form, "" for its zero value,
// which has none: no status before (a new ticket's From), no clock (a
// notification other than an SLA warning or breach).
func optionalText[T interface {
	comparable
	encoding.TextMarshaler
}](v T) (string, error) {
	var zero T
	if v == zero {
		return "", nil
	}
	return textArg(v)
}

// optionalTextCol scans what optionalText stored.
type optionalTextCol textCol

// Scan implements sql.Scanner.
func (c optionalTextCol) Scan(v any) error {
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	if b, ok := v.([]byte); ok && len(b) == 0 {
		return nil
	}
	return textCol(c).Scan(v)
}

// Tickets implements ticket.Store. It reads a page of tickets at a time,
// each with one statement, after the last number yielded, and holds
// nothing while yielding.
func (s *TicketStore) Tickets(ctx context.Context, f ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	return func(yield func(ticket.Ticket, error) bool) {
		d := s.db.d
		where, args := "1 = 1", []any{}
		if f.CustomerID != "" {
			where += " AND customer_id = ?"
			args = append(args, f.CustomerID)
		}
		if !f.From.IsZero() {
			where += " AND received_at >= ?"
			args = append(args, d.timeArg(f.From))
		}
		if !f.To.IsZero() {
			where += " AND received_at < ?"
			args = append(args, d.timeArg(f.To))
		}
		if len(f.Statuses) > 0 {
			var in []any
			for _, st := range f.Statuses {
				if text, err := textArg(st); err == nil && !slices.Contains(in, any(text)) {
					in = append(in, text)
				}
			}
			if len(in) == 0 {
				return // no valid status: none selected
			}
			where += " AND status IN (" + placeholders(len(in)) + ")"
			args = append(args, in...)
		}
		stream(yield, func(after *ticket.Ticket) ([]ticket.Ticket, error) {
			w, a := where, args
			if after != nil {
				w += " AND number > ?"
				a = append(args[:len(args):len(args)], int64(after.Number))
			}
			page, err := selectTickets(ctx, s.db.reader(), w, a, false)
			if err != nil {
				return nil, ticketErrs.translate(d, err, "tickets")
			}
			return page, nil
		})
	}
}

// Pending implements ticket.Store.
func (s *TicketStore) Pending(ctx context.Context, limit int) ([]ticket.Notification, error) {
	query := `SELECT ` + notificationColumns + ` FROM ticket_notifications WHERE NOT delivered ORDER BY id`
	var args []any
	if limit > 0 {
		query += " LIMIT ?"
		args = append(args, limit)
	}
	var out []ticket.Notification
	err := s.db.reader().queryAll(ctx, func(r *sql.Rows) error {
		var n ticket.Notification
		err := r.Scan(&n.ID, textCol{&n.Event}, &n.Ticket, &n.CustomerID, &n.Recipient, &n.Template, &n.MessageID,
			optionalTextCol{&n.From}, optionalTextCol{&n.To}, timeCol{&n.At}, optionalTextCol{&n.Clock}, timeCol{&n.Due})
		out = append(out, n)
		return err
	}, query, args...)
	if err != nil {
		return nil, ticketErrs.translate(s.db.d, err, "pending notifications")
	}
	return out, nil
}

// markBatch is how many IDs one statement of MarkDelivered names, well
// under both engines' limits on parameters.
const markBatch = 500

// MarkDelivered implements ticket.Store. It checks and marks all ids in
// one transaction, so an unknown ID marks none.
func (s *TicketStore) MarkDelivered(ctx context.Context, ids ...uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil
	}
	if last := ids[len(ids)-1]; last > math.MaxInt64 {
		return fmt.Errorf("sqlstore: notification %d: %w", last, ticket.ErrNotFound)
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return ticketErrs.translate(s.db.d, err, "mark notifications delivered")
	}
	defer tx.Rollback()

	for batch := range slices.Chunk(ids, markBatch) {
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = int64(id)
		}
		in := ` WHERE id IN (` + placeholders(len(batch)) + `)`
		var found int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM ticket_notifications`+in, args...).Scan(&found); err != nil {
			return ticketErrs.translate(tx.d, err, "mark notifications delivered")
		}
		if found != len(batch) {
			return fmt.Errorf("sqlstore: %d of notifications %d to %d were never issued: %w",
				len(batch)-found, batch[0], batch[len(batch)-1], ticket.ErrNotFound)
		}
		if _, err := tx.exec(ctx, `UPDATE ticket_notifications SET delivered = TRUE`+in+` AND NOT delivered`, args...); err != nil {
			return ticketErrs.translate(tx.d, err, "mark notifications delivered")
		}
	}
	return ticketErrs.translate(tx.d, tx.Commit(), "mark notifications delivered")
}
