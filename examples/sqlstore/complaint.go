package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/deskcore/deskcore/complaint"
)

// ComplaintStore is the complaint.Store on tables complaints,
// complaint_events (one row per step, only ever appended) and
// complaint_counters (the highest reference number per year). Update locks
// the complaint's row for the length of its transaction (SELECT ... FOR
// UPDATE on PostgreSQL, the single writer on SQLite), so concurrent steps
// run one after another and fn sees what the one before committed. Create
// numbers a complaint from the year's counter row, which the upsert locks
// until the transaction ends, so concurrent Creates never share a number.
//
// The history is append-only: an Update whose fn changed or removed a
// stored step returns an error matching complaint.ErrInvalid and stores
// nothing. fn must not call the store.
type ComplaintStore struct{ db *DB }

var _ complaint.Store = (*ComplaintStore)(nil)

var complaintErrs = sentinels{conflict: complaint.ErrConflict, notFound: complaint.ErrNotFound}

const complaintColumns = `ref_year, ref_seq, type, customer_id, ticket_number, product_model, serial_number, description,
	resolution_idea, name, email, occurred_at, files, received_at, state, reminded, version`

const eventColumns = `ref_year, ref_seq, idx, kind, at, by_person, by_team, event_text, party, due,
	reviewer_person, reviewer_team, outcome, actions, rating`

// Create implements complaint.Store.
func (s *ComplaintStore) Create(ctx context.Context, c complaint.Complaint) (complaint.Complaint, error) {
	switch {
	case c.Ref.Year < 1 || c.Ref.Year > 9999:
		return complaint.Complaint{}, fmt.Errorf("sqlstore: reference year %d is not 1 to 9999: %w", c.Ref.Year, complaint.ErrInvalid)
	case c.Ref.Seq < 0 || c.Ref.Seq > 1<<31-1:
		return complaint.Complaint{}, fmt.Errorf("sqlstore: reference number %d is not 0 to 2147483647: %w", c.Ref.Seq, complaint.ErrInvalid)
	case len(c.History) == 0:
		return complaint.Complaint{}, fmt.Errorf("sqlstore: the complaint has no history: %w", complaint.ErrInvalid)
	}
	c = c.Clone()
	c.Version = 1
	what := fmt.Sprintf("create complaint of %d", c.Ref.Year)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return complaint.Complaint{}, complaintErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	if c.Ref.Seq == 0 {
		err = tx.queryRow(ctx, `INSERT INTO complaint_counters (year, last_seq) VALUES (?, 1)
			ON CONFLICT (year) DO UPDATE SET last_seq = complaint_counters.last_seq + 1
			RETURNING last_seq`, c.Ref.Year).Scan(&c.Ref.Seq)
	} else {
		_, err = tx.exec(ctx, `INSERT INTO complaint_counters (year, last_seq) VALUES (?, ?)
			ON CONFLICT (year) DO UPDATE SET last_seq = CASE WHEN excluded.last_seq > complaint_counters.last_seq
				THEN excluded.last_seq ELSE complaint_counters.last_seq END`, c.Ref.Year, c.Ref.Seq)
	}
	if err != nil {
		return complaint.Complaint{}, complaintErrs.translate(tx.d, err, what)
	}
	args, err := complaintArgs(tx.d, c)
	if err != nil {
		return complaint.Complaint{}, err
	}
	if _, err := tx.exec(ctx, `INSERT INTO complaints (`+complaintColumns+`) VALUES (`+placeholders(17)+`)`, args...); err != nil {
		return complaint.Complaint{}, complaintErrs.translate(tx.d, err, fmt.Sprintf("create complaint %s", c.Ref))
	}
	if err := insertEvents(ctx, tx.querier, c, 0); err != nil {
		return complaint.Complaint{}, err
	}
	if err := tx.Commit(); err != nil {
		return complaint.Complaint{}, complaintErrs.translate(tx.d, err, what)
	}
	return c, nil
}

// complaintArgs are the values of complaintColumns for c.
func complaintArgs(d *dialect, c complaint.Complaint) ([]any, error) {
	typ, err := textArg(c.Type)
	if err != nil {
		return nil, err
	}
	state, err := textArg(c.State)
	if err != nil {
		return nil, err
	}
	files, err := jsonArg(nonNil(c.Details.Files))
	if err != nil {
		return nil, err
	}
	reminded, err := jsonArg(nonNil(c.Reminded))
	if err != nil {
		return nil, err
	}
	x := c.Details
	return []any{c.Ref.Year, c.Ref.Seq, typ, c.CustomerID, x.TicketNumber, x.ProductModel, x.SerialNumber, x.Description,
		x.ResolutionIdea, x.Name, x.Email, d.timeArg(x.OccurredAt), files, d.timeArg(c.ReceivedAt), state, reminded, c.Version}, nil
}

// nonNil keeps an empty list "[]" in JSON rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// insertEvents stores c's history from index from on.
func insertEvents(ctx context.Context, q querier, c complaint.Complaint, from int) error {
	for i := from; i < len(c.History); i++ {
		e := c.History[i]
		kind, err := textArg(e.Kind)
		if err != nil {
			return err
		}
		outcome, err := textArg(e.Outcome)
		if err != nil {
			return err
		}
		actions, err := jsonArg(nonNil(e.Actions))
		if err != nil {
			return err
		}
		_, err = q.exec(ctx, `INSERT INTO complaint_events (`+eventColumns+`) VALUES (`+placeholders(15)+`)`,
			c.Ref.Year, c.Ref.Seq, i, kind, q.d.timeArg(e.At), e.By.ID, e.By.Team, e.Text, e.Party, q.d.timeArg(e.Due),
			e.Reviewer.ID, e.Reviewer.Team, outcome, actions, e.Rating)
		if err != nil {
			return complaintErrs.translate(q.d, err, fmt.Sprintf("step %d of complaint %s", i, c.Ref))
		}
	}
	return nil
}

// Complaint implements complaint.Store.
func (s *ComplaintStore) Complaint(ctx context.Context, ref complaint.Reference) (complaint.Complaint, error) {
	var found []complaint.Complaint
	err := s.db.inReadTx(ctx, func(q querier) (err error) {
		found, err = selectComplaints(ctx, q, "ref_year = ? AND ref_seq = ?", []any{ref.Year, ref.Seq}, false)
		return err
	})
	return only(found, err, s.db.d, fmt.Sprintf("complaint %s", ref))
}

// only returns the one complaint read, or ErrNotFound.
func only(found []complaint.Complaint, err error, d *dialect, what string) (complaint.Complaint, error) {
	if err == nil && len(found) == 0 {
		err = sql.ErrNoRows
	}
	if err != nil {
		return complaint.Complaint{}, complaintErrs.translate(d, err, what)
	}
	return found[0], nil
}

// selectComplaints reads the complaints where selects, in the order of
// Store.Complaints, at most pageSize, with their histories. With lock,
// inside a write transaction, their rows stay locked until the transaction
// ends: FOR UPDATE on PostgreSQL; SQLite has no row locks, and its write
// transactions hold the write lock from BEGIN IMMEDIATE, which serialises
// writers the same way.
func selectComplaints(ctx context.Context, q querier, where string, args []any, lock bool) ([]complaint.Complaint, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	query := `SELECT ` + complaintColumns + ` FROM complaints WHERE ` + where + `
		ORDER BY received_at, ref_year, ref_seq LIMIT ` + fmt.Sprint(pageSize)
	if lock && q.d.postgres() {
		query += ` FOR UPDATE`
	}
	var out []complaint.Complaint
	at := map[complaint.Reference]int{}
	err := q.queryAll(ctx, func(r *sql.Rows) error {
		var c complaint.Complaint
		x := &c.Details
		err := r.Scan(&c.Ref.Year, &c.Ref.Seq, textCol{&c.Type}, &c.CustomerID, &x.TicketNumber, &x.ProductModel, &x.SerialNumber,
			&x.Description, &x.ResolutionIdea, &x.Name, &x.Email, timeCol{&x.OccurredAt}, jsonCol{&x.Files},
			timeCol{&c.ReceivedAt}, textCol{&c.State}, jsonCol{&c.Reminded}, &c.Version)
		if len(x.Files) == 0 {
			x.Files = nil
		}
		if len(c.Reminded) == 0 {
			c.Reminded = nil
		}
		at[c.Ref] = len(out)
		out = append(out, c)
		return err
	}, query, args...)
	if err != nil || len(out) == 0 {
		return out, err
	}
	refs := make([]any, 0, 2*len(out))
	for _, c := range out {
		refs = append(refs, c.Ref.Year, c.Ref.Seq)
	}
	err = q.queryAll(ctx, func(r *sql.Rows) error {
		var ref complaint.Reference
		var idx int
		var e complaint.Event
		err := r.Scan(&ref.Year, &ref.Seq, &idx, textCol{&e.Kind}, timeCol{&e.At}, &e.By.ID, &e.By.Team, &e.Text, &e.Party,
			timeCol{&e.Due}, &e.Reviewer.ID, &e.Reviewer.Team, textCol{&e.Outcome}, jsonCol{&e.Actions}, &e.Rating)
		if len(e.Actions) == 0 {
			e.Actions = nil
		}
		c := &out[at[ref]]
		c.History = append(c.History, e)
		return err
	}, `SELECT `+eventColumns+` FROM complaint_events WHERE (ref_year, ref_seq) IN (`+
		strings.TrimSuffix(strings.Repeat("(?, ?), ", len(out)), ", ")+`) ORDER BY ref_year, ref_seq, idx`, refs...)
	return out, err
}

// Update implements complaint.Store. fn runs once, inside the transaction
// that holds the complaint's row lock.
func (s *ComplaintStore) Update(ctx context.Context, ref complaint.Reference, fn func(*complaint.Complaint) error) (complaint.Complaint, error) {
	var out complaint.Complaint
	what := fmt.Sprintf("update complaint %s", ref)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return complaint.Complaint{}, complaintErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	found, err := selectComplaints(ctx, tx.querier, "ref_year = ? AND ref_seq = ?", []any{ref.Year, ref.Seq}, true)
	stored, err := only(found, err, tx.d, what)
	if err != nil {
		return complaint.Complaint{}, err
	}
	c := stored.Clone()
	if err := fn(&c); err != nil {
		return complaint.Complaint{}, err
	}
	if c.Ref != ref {
		return complaint.Complaint{}, fmt.Errorf("sqlstore: the update of complaint %s changed its reference: %w", ref, complaint.ErrInvalid)
	}
	if len(c.History) < len(stored.History) || !slices.EqualFunc(stored.History, c.History[:len(stored.History)], sameEvent) {
		return complaint.Complaint{}, fmt.Errorf("sqlstore: the update of complaint %s changed its recorded history: %w", ref, complaint.ErrInvalid)
	}
	c.Version = stored.Version + 1 // the store's, whatever fn did
	out = c.Clone()                // fn may keep a pointer to c
	args, err := complaintArgs(tx.d, out)
	if err != nil {
		return complaint.Complaint{}, err
	}
	res, err := tx.exec(ctx, `UPDATE complaints SET type = ?, customer_id = ?, ticket_number = ?, product_model = ?,
		serial_number = ?, description = ?, resolution_idea = ?, name = ?, email = ?, occurred_at = ?, files = ?,
		received_at = ?, state = ?, reminded = ?, version = ? WHERE ref_year = ? AND ref_seq = ? AND version = ?`,
		append(args[2:], ref.Year, ref.Seq, stored.Version)...)
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("version %d changed meanwhile: %w", stored.Version, complaint.ErrConflict))
	}
	if err != nil {
		return complaint.Complaint{}, complaintErrs.translate(tx.d, err, what)
	}
	if err := insertEvents(ctx, tx.querier, out, len(stored.History)); err != nil {
		return complaint.Complaint{}, err
	}
	if err := tx.Commit(); err != nil {
		return complaint.Complaint{}, complaintErrs.translate(tx.d, err, what)
	}
	return out, nil
}

// sameEvent reports whether two steps are the same, instants compared as
// instants.
func sameEvent(a, b complaint.Event) bool {
	return a.Kind == b.Kind && a.At.Equal(b.At) && a.By.Equal(b.By) && a.Text == b.Text && a.Party == b.Party &&
		a.Due.Equal(b.Due) && a.Reviewer.Equal(b.Reviewer) && a.Outcome == b.Outcome && slices.Equal(a.Actions, b.Actions) &&
		a.Rating == b.Rating
}

// Complaints implements complaint.Store. It reads a page of complaints
// at a time, each page in one read transaction, after the last one
// yielded by (received_at, ref_year, ref_seq), and holds nothing while
// yielding.
func (s *ComplaintStore) Complaints(ctx context.Context, f complaint.Filter) iter.Seq2[complaint.Complaint, error] {
	return func(yield func(complaint.Complaint, error) bool) {
		d := s.db.d
		where, args := "1 = 1", []any{}
		if !f.ReceivedFrom.IsZero() {
			where += " AND received_at >= ?"
			args = append(args, d.timeArg(f.ReceivedFrom))
		}
		if !f.ReceivedBefore.IsZero() {
			where += " AND received_at < ?"
			args = append(args, d.timeArg(f.ReceivedBefore))
		}
		if len(f.States) > 0 {
			where += " AND state IN (" + placeholders(len(f.States)) + ")"
			for _, st := range f.States {
				args = append(args, st.String()) // an invalid state's text matches no row
			}
		}
		stream(yield, func(after *complaint.Complaint) (page []complaint.Complaint, err error) {
			w, a := where, args
			if after != nil {
				w += " AND (received_at, ref_year, ref_seq) > (?, ?, ?)"
				a = append(args[:len(args):len(args)], d.timeArg(after.ReceivedAt), after.Ref.Year, after.Ref.Seq)
			}
			err = s.db.inReadTx(ctx, func(q querier) (err error) {
				page, err = selectComplaints(ctx, q, w, a, false)
				return err
			})
			return page, complaintErrs.translate(d, err, "complaints")
		})
	}
}
