package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/quota"
)

var billingErrs = sentinels{conflict: billing.ErrConflict, notFound: billing.ErrNotFound}

// BillingStore is the billing.WorkStore on tables work_contracts,
// work_entries, work_usage, work_reports and work_invoices. Each row keeps
// its record as a JSON document (money as decimal strings with their
// scale) beside the columns the store filters, orders, locks and checks
// on, which are the truth where both hold a field: an entry's customer,
// date, state, reversed entry, report and version, a usage record's
// customer, period and report, a report's customer, an invoice's number.
// Reports, invoices and usage also keep their amounts in NUMERIC columns
// (text on SQLite) with their scale, for the host's own queries: the
// documents hold decimals as shopspring writes them in JSON, trailing
// zeros trimmed ("1500.00" reads back as the equal "1500"), so a usage
// record's Quantity is read from its column, and a host that prints
// amounts formats them with their digits (StringFixed(2)).
//
// UpdateEntry locks the entry's row (SELECT ... FOR UPDATE on PostgreSQL,
// the single writer on SQLite) and writes it back only at the version it
// read. Bill is one transaction whose conditional updates (an entry only
// if Released at the report's version, a usage record only if unbilled)
// take the row locks, so of two concurrent Bills listing one entry the
// second finds it changed and fails with billing.ErrConflict; a unique
// key refuses a reversal of an entry reversed already.
type BillingStore struct{ db *DB }

var _ billing.WorkStore = (*BillingStore)(nil)

// Billing returns the billing.WorkStore on db.
func (db *DB) Billing() *BillingStore { return &BillingStore{db: db} }

// PutContract implements billing.WorkStore.
func (s *BillingStore) PutContract(ctx context.Context, c billing.Contract) error {
	// What the domain refuses is never stored: a rate of 1e-17000 would
	// be written and leave the contract unreadable.
	if err := c.Validate(); err != nil {
		return err
	}
	doc, err := jsonArg(c)
	if err != nil {
		return err
	}
	_, err = s.db.writer().exec(ctx, `INSERT INTO work_contracts (customer_id, doc) VALUES (?, ?)
		ON CONFLICT (customer_id) DO UPDATE SET doc = excluded.doc`, c.CustomerID, doc)
	return billingErrs.translate(s.db.d, err, fmt.Sprintf("put contract of customer %q", c.CustomerID))
}

// Contract implements billing.WorkStore.
func (s *BillingStore) Contract(ctx context.Context, customerID string) (billing.Contract, error) {
	var c billing.Contract
	err := s.db.reader().queryRow(ctx, `SELECT doc FROM work_contracts WHERE customer_id = ?`, customerID).Scan(jsonCol{&c})
	if err != nil {
		return billing.Contract{}, billingErrs.translate(s.db.d, err, fmt.Sprintf("contract of customer %q", customerID))
	}
	return c, nil
}

// Contracts implements billing.WorkStore, a page at a time in ascending
// byte order of the customer IDs.
func (s *BillingStore) Contracts(ctx context.Context) iter.Seq2[billing.Contract, error] {
	return keyPages(ctx, s.db.reader(), billingErrs, "contracts",
		func(c billing.Contract) string { return c.CustomerID },
		func(r *sql.Rows) (billing.Contract, error) {
			var c billing.Contract
			err := r.Scan(jsonCol{&c})
			return c, err
		},
		`SELECT doc FROM work_contracts WHERE customer_id > ? ORDER BY customer_id LIMIT ?`)
}

const workEntryColumns = `id, customer_id, work_date, state, reverses, report_id, version, doc`

// entryArgs are the values of workEntryColumns for e.
func entryArgs(e billing.WorkEntry) ([]any, error) {
	doc, err := jsonArg(e)
	if err != nil {
		return nil, err
	}
	var reverses any // NULL: the unique key allows many entries reversing nothing
	if e.Reverses != "" {
		reverses = e.Reverses
	}
	return []any{e.ID, e.CustomerID, dateArg(e.Date), e.State.String(), reverses, e.ReportID, e.Version, doc}, nil
}

// scanWorkEntry reads a row of workEntryColumns; the columns win over the
// document.
func scanWorkEntry(r interface{ Scan(...any) error }) (billing.WorkEntry, error) {
	var e billing.WorkEntry
	var id, customer, report string
	var day date.Date
	var state billing.EntryState
	var reverses sql.NullString
	var version int64
	if err := r.Scan(&id, &customer, dateCol{&day}, textCol{&state}, &reverses, &report, &version, jsonCol{&e}); err != nil {
		return billing.WorkEntry{}, err
	}
	e.ID, e.CustomerID, e.Date, e.State, e.Reverses, e.ReportID, e.Version = id, customer, day, state, reverses.String, report, version
	return e, nil
}

// AddEntry implements billing.WorkStore.
func (s *BillingStore) AddEntry(ctx context.Context, e billing.WorkEntry) error {
	e.Version = 1
	args, err := entryArgs(e)
	if err != nil {
		return err
	}
	_, err = s.db.writer().exec(ctx, `INSERT INTO work_entries (`+workEntryColumns+`) VALUES (`+placeholders(8)+`)`, args...)
	return billingErrs.translate(s.db.d, err, fmt.Sprintf("add entry %q (id or reversal of %q taken)", e.ID, e.Reverses))
}

// Entry implements billing.WorkStore.
func (s *BillingStore) Entry(ctx context.Context, id string) (billing.WorkEntry, error) {
	e, err := scanWorkEntry(s.db.reader().queryRow(ctx, `SELECT `+workEntryColumns+` FROM work_entries WHERE id = ?`, id))
	if err != nil {
		return billing.WorkEntry{}, billingErrs.translate(s.db.d, err, fmt.Sprintf("entry %q", id))
	}
	return e, nil
}

// UpdateEntry implements billing.WorkStore. fn runs once, inside the
// transaction that holds the entry's row lock.
func (s *BillingStore) UpdateEntry(ctx context.Context, id string, fn func(*billing.WorkEntry) error) error {
	what := fmt.Sprintf("update entry %q", id)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return billingErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	// Read the entry and lock its row until Commit: FOR UPDATE on
	// PostgreSQL; on SQLite BEGIN IMMEDIATE has taken the write lock.
	query := `SELECT ` + workEntryColumns + ` FROM work_entries WHERE id = ?`
	if tx.d.postgres() {
		query += ` FOR UPDATE`
	}
	stored, err := scanWorkEntry(tx.queryRow(ctx, query, id))
	if err != nil {
		return billingErrs.translate(tx.d, err, what)
	}
	e := stored
	if err := fn(&e); err != nil {
		return err // the rollback leaves nothing behind
	}
	if e.ID != id || e.Reverses != stored.Reverses {
		return fmt.Errorf("sqlstore: the update of entry %q changed its ID or Reverses: %w", id, billing.ErrInvalid)
	}

	e.Version = stored.Version + 1 // the store's, whatever fn did
	args, err := entryArgs(e)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE work_entries SET customer_id = ?, work_date = ?, state = ?, report_id = ?, version = ?, doc = ?
		WHERE id = ? AND version = ?`, args[1], args[2], args[3], args[5], args[6], args[7], id, stored.Version)
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("version %d changed meanwhile: %w", stored.Version, billing.ErrConflict))
	}
	if err != nil {
		return billingErrs.translate(tx.d, err, what)
	}
	return billingErrs.translate(tx.d, tx.Commit(), what)
}

// Entries implements billing.WorkStore. It reads a page at a time after
// the last entry yielded by (work_date, id), and holds nothing while
// yielding.
func (s *BillingStore) Entries(ctx context.Context, customerID string, state billing.EntryState, through date.Date) iter.Seq2[billing.WorkEntry, error] {
	return func(yield func(billing.WorkEntry, error) bool) {
		q := s.db.reader()
		stream(yield, func(after *billing.WorkEntry) ([]billing.WorkEntry, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			where := "customer_id = ? AND state = ? AND work_date <= ?"
			args := []any{customerID, state.String(), dateArg(through)}
			if after != nil {
				where += " AND (work_date, id) > (?, ?)"
				args = append(args, dateArg(after.Date), after.ID)
			}
			var page []billing.WorkEntry
			err := q.queryAll(ctx, func(r *sql.Rows) error {
				e, err := scanWorkEntry(r)
				page = append(page, e)
				return err
			}, `SELECT `+workEntryColumns+` FROM work_entries WHERE `+where+` ORDER BY work_date, id LIMIT `+fmt.Sprint(pageSize), args...)
			return page, billingErrs.translate(q.d, err, fmt.Sprintf("entries of customer %q", customerID))
		})
	}
}

// AddUsage implements billing.WorkStore.
func (s *BillingStore) AddUsage(ctx context.Context, u billing.Usage) error {
	// As for contracts: what the domain refuses is never stored.
	if err := u.Validate(); err != nil {
		return err
	}
	doc, err := jsonArg(u)
	if err != nil {
		return err
	}
	_, err = s.db.writer().exec(ctx, `INSERT INTO work_usage (id, customer_id, period, item, quantity, report_id, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, u.ID, u.CustomerID, u.Period.String(), u.Item, decimalArg(u.Quantity), u.ReportID, doc)
	return billingErrs.translate(s.db.d, err, fmt.Sprintf("add usage %q", u.ID))
}

// Usage implements billing.WorkStore, a page at a time after the last
// record yielded by (period, id). Periods are kept as "YYYY-MM", whose
// text order is time order.
func (s *BillingStore) Usage(ctx context.Context, customerID string, through quota.Period) iter.Seq2[billing.Usage, error] {
	return func(yield func(billing.Usage, error) bool) {
		q := s.db.reader()
		stream(yield, func(after *billing.Usage) ([]billing.Usage, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			where := "customer_id = ? AND report_id = '' AND period <= ?"
			args := []any{customerID, through.String()}
			if after != nil {
				where += " AND (period, id) > (?, ?)"
				args = append(args, after.Period.String(), after.ID)
			}
			var page []billing.Usage
			err := q.queryAll(ctx, func(r *sql.Rows) error {
				var u billing.Usage
				var report string
				var quantity decimal.Decimal
				err := r.Scan(&report, decimalCol{&quantity}, jsonCol{&u})
				u.ReportID, u.Quantity = report, quantity // the column keeps the scale, JSON drops trailing zeros
				page = append(page, u)
				return err
			}, `SELECT report_id, quantity, doc FROM work_usage WHERE `+where+` ORDER BY period, id LIMIT `+fmt.Sprint(pageSize), args...)
			return page, billingErrs.translate(q.d, err, fmt.Sprintf("usage of customer %q", customerID))
		})
	}
}

// Bill implements billing.WorkStore in one write transaction. Each
// entry is claimed by an UPDATE that matches only a Released entry at
// the report's version, each usage record by one that matches only an
// unbilled one: on PostgreSQL the UPDATE waits for a concurrent Bill's
// row lock and then finds the row changed, so it matches nothing and the
// Bill fails with billing.ErrConflict, rolling back everything it did.
// Entries are claimed in ID order, so two Bills do not deadlock on them.
func (s *BillingStore) Bill(ctx context.Context, b billing.Billing) error {
	what := "bill"
	if len(b.Reports) > 0 {
		what = fmt.Sprintf("bill report %q", b.Reports[0].ID)
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return billingErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	type claim struct {
		id, report string
		version    int64
	}
	var claims []claim
	for _, r := range b.Reports {
		doc, err := jsonArg(r)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO work_reports (id, customer_id, period, net, gross, doc) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, r.CustomerID, r.Period.String(), decimalArg(r.Totals.Net), decimalArg(r.Totals.Gross), doc); err != nil {
			return billingErrs.translate(tx.d, err, fmt.Sprintf("store report %q (its ID is taken)", r.ID))
		}
		for _, re := range r.Entries {
			claims = append(claims, claim{re.Entry.ID, r.ID, re.Entry.Version})
		}
		for _, u := range r.Usage {
			res, err := tx.exec(ctx, `UPDATE work_usage SET report_id = ? WHERE id = ? AND report_id = ''`, r.ID, u.ID)
			if err == nil {
				err = wantOneRow(res, fmt.Errorf("usage %q is unknown or billed already: %w", u.ID, billing.ErrConflict))
			}
			if err != nil {
				return billingErrs.translate(tx.d, err, what)
			}
		}
	}
	slices.SortFunc(claims, func(a, b claim) int { return strings.Compare(a.id, b.id) })
	for _, c := range claims {
		res, err := tx.exec(ctx, `UPDATE work_entries SET state = ?, report_id = ?, version = version + 1
			WHERE id = ? AND state = ? AND version = ?`, billing.Reported.String(), c.report, c.id, billing.Released.String(), c.version)
		if err == nil {
			err = wantOneRow(res, fmt.Errorf("entry %q is not released at version %d (unknown, changed or billed since): %w",
				c.id, c.version, billing.ErrConflict))
		}
		if err != nil {
			return billingErrs.translate(tx.d, err, what)
		}
	}
	for _, inv := range b.Invoices {
		if err := storeInvoice(ctx, tx.querier, inv); err != nil {
			return err
		}
	}
	return billingErrs.translate(tx.d, tx.Commit(), what)
}

// storeInvoice stores a new draft, or checks that the stored one under its
// ID is Same.
func storeInvoice(ctx context.Context, q querier, inv billing.InvoiceDraft) error {
	what := fmt.Sprintf("store invoice %q", inv.ID)
	doc, err := jsonArg(inv)
	if err != nil {
		return err
	}
	res, err := q.exec(ctx, `INSERT INTO work_invoices (id, customer_id, kind, report_id, period, net, gross, number, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, inv.ID, inv.CustomerID, inv.Kind.String(), inv.ReportID,
		inv.Period.String(), decimalArg(inv.Totals.Net), decimalArg(inv.Totals.Gross), inv.Number, doc)
	if err != nil {
		return billingErrs.translate(q.d, err, what)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	stored, err := selectInvoice(ctx, q, inv.ID, false)
	if err != nil {
		return billingErrs.translate(q.d, err, what)
	}
	if !stored.Same(inv) {
		return fmt.Errorf("sqlstore: %s: a draft with other content exists: %w", what, billing.ErrConflict)
	}
	return nil
}

// selectInvoice reads a draft. With lock, inside a write transaction, its
// row stays locked until the transaction ends (FOR UPDATE on PostgreSQL;
// on SQLite BEGIN IMMEDIATE has taken the write lock). An unknown ID is
// sql.ErrNoRows.
func selectInvoice(ctx context.Context, q querier, id string, lock bool) (billing.InvoiceDraft, error) {
	var inv billing.InvoiceDraft
	var number string
	query := `SELECT number, doc FROM work_invoices WHERE id = ?`
	if lock && q.d.postgres() {
		query += ` FOR UPDATE`
	}
	err := q.queryRow(ctx, query, id).Scan(&number, jsonCol{&inv})
	inv.Number = number
	return inv, err
}

// Report implements billing.WorkStore.
func (s *BillingStore) Report(ctx context.Context, id string) (billing.ServiceReport, error) {
	var r billing.ServiceReport
	err := s.db.reader().queryRow(ctx, `SELECT doc FROM work_reports WHERE id = ?`, id).Scan(jsonCol{&r})
	if err != nil {
		return billing.ServiceReport{}, billingErrs.translate(s.db.d, err, fmt.Sprintf("report %q", id))
	}
	return r, nil
}

// Reports implements billing.WorkStore, a page at a time in ascending
// byte order of the report IDs.
func (s *BillingStore) Reports(ctx context.Context, customerID string) iter.Seq2[billing.ServiceReport, error] {
	return keyPages(ctx, s.db.reader(), billingErrs, fmt.Sprintf("reports of customer %q", customerID),
		func(sr billing.ServiceReport) string { return sr.ID },
		func(r *sql.Rows) (billing.ServiceReport, error) {
			var sr billing.ServiceReport
			err := r.Scan(jsonCol{&sr})
			return sr, err
		},
		`SELECT doc FROM work_reports WHERE customer_id = ? AND id > ? ORDER BY id LIMIT ?`, customerID)
}

// Invoice implements billing.WorkStore.
func (s *BillingStore) Invoice(ctx context.Context, id string) (billing.InvoiceDraft, error) {
	inv, err := selectInvoice(ctx, s.db.reader(), id, false)
	if err != nil {
		return billing.InvoiceDraft{}, billingErrs.translate(s.db.d, err, fmt.Sprintf("invoice %q", id))
	}
	return inv, nil
}

// MarkInvoiced implements billing.WorkStore in one write transaction that
// locks the draft's row, so of two concurrent marks with different
// numbers the second sees the first's and fails with billing.ErrConflict.
// A service invoice's entries are those Bill gave its report's ID and
// left Reported; held entries never got it.
func (s *BillingStore) MarkInvoiced(ctx context.Context, invoiceID, number string) error {
	what := fmt.Sprintf("mark invoice %q as %q", invoiceID, number)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return billingErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	inv, err := selectInvoice(ctx, tx.querier, invoiceID, true)
	switch {
	case err != nil:
		return billingErrs.translate(tx.d, err, what)
	case inv.Number == number:
		return nil // marked already: nothing to write
	case inv.Number != "":
		return fmt.Errorf("sqlstore: %s: it is booked as %q: %w", what, inv.Number, billing.ErrConflict)
	}
	if _, err := tx.exec(ctx, `UPDATE work_invoices SET number = ? WHERE id = ?`, number, invoiceID); err != nil {
		return billingErrs.translate(tx.d, err, what)
	}
	if inv.Kind == billing.InvoiceService && inv.ReportID != "" {
		_, err = tx.exec(ctx, `UPDATE work_entries SET state = ?, version = version + 1 WHERE report_id = ? AND state = ?`,
			billing.Invoiced.String(), inv.ReportID, billing.Reported.String())
		if err != nil {
			return billingErrs.translate(tx.d, err, what)
		}
	}
	return billingErrs.translate(tx.d, tx.Commit(), what)
}
