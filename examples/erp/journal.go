package erp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrUnknownDebtor is returned, wrapped, when the ERP has no debtor
// account for an invoice's customer or branch.
var ErrUnknownDebtor = errors.New("erp: unknown debtor")

// schema is the ERP's own tables, not deskcore's.
const schema = `
CREATE TABLE IF NOT EXISTS debtors (
	customer_id TEXT NOT NULL,
	branch_id   TEXT NOT NULL DEFAULT '',
	account     INTEGER NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	PRIMARY KEY (customer_id, branch_id)
);
CREATE TABLE IF NOT EXISTS number_ranges (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bookings (
	document_no    TEXT PRIMARY KEY,
	source_id      TEXT NOT NULL UNIQUE,
	debtor_account INTEGER NOT NULL REFERENCES debtors (account),
	booking_date   TEXT NOT NULL,
	net_cents      INTEGER NOT NULL,
	vat_cents      INTEGER NOT NULL,
	gross_cents    INTEGER NOT NULL,
	reference      TEXT NOT NULL,
	confirmed      INTEGER NOT NULL DEFAULT 0
);`

// Journal is the ERP's booking journal on a SQLite database. It is safe
// for concurrent use: every write is one transaction on one connection.
type Journal struct {
	db *sql.DB
}

// OpenJournal opens, or creates, the journal in the SQLite file at path
// (":memory:" for a throwaway one) and creates its tables. It returns the
// driver's error.
func OpenJournal(ctx context.Context, path string) (*Journal, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	// One connection: an in-memory database lives on it, and SQLite runs
	// one writer at a time anyway, so the number range cannot race.
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("erp: create tables: %w", err)
	}
	return &Journal{db: db}, nil
}

// Close closes the database.
func (j *Journal) Close() error { return j.db.Close() }

// AddDebtor registers a debtor account for a customer, or for one of its
// branches when branchID is not empty (branches invoiced on their own).
// It returns the driver's error, e.g. for an account or customer and
// branch already registered.
func (j *Journal) AddDebtor(ctx context.Context, customerID, branchID string, account int64, name string) error {
	_, err := j.db.ExecContext(ctx,
		`INSERT INTO debtors (customer_id, branch_id, account, name) VALUES (?, ?, ?, ?)`,
		customerID, branchID, account, name)
	return err
}

// Debtor returns the debtor account for a customer's branch (empty: head
// office), or an error matching ErrUnknownDebtor.
func (j *Journal) Debtor(ctx context.Context, customerID, branchID string) (int64, error) {
	return debtor(ctx, j.db, customerID, branchID)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func debtor(ctx context.Context, q queryer, customerID, branchID string) (int64, error) {
	var account int64
	err := q.QueryRowContext(ctx,
		`SELECT account FROM debtors WHERE customer_id = ? AND branch_id = ?`, customerID, branchID).Scan(&account)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: customer %q, branch %q", ErrUnknownDebtor, customerID, branchID)
	}
	return account, err
}

// Book books a draft's booking under the next document number of its
// booking year, in one transaction, and reports whether it booked. A
// booking of the same SourceID booked before is returned as it stands
// with booked false: nothing is booked twice and no number is spent.
//
// b is BookingOf's result; its DocumentNo is ignored. Book returns an
// error matching ErrUnknownDebtor, or the driver's.
func (j *Journal) Book(ctx context.Context, b Booking) (_ Booking, booked bool, err error) {
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return Booking{}, false, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if prev, err := bookingBySource(ctx, tx, b.SourceID); err == nil {
		return prev, false, tx.Commit()
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Booking{}, false, err
	}
	year := b.BookingDate.Year()
	var last int64
	err = tx.QueryRowContext(ctx,
		`INSERT INTO number_ranges (year, last) VALUES (?, 1)
		 ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`, year).Scan(&last)
	if err != nil {
		return Booking{}, false, err
	}
	b.DocumentNo = fmt.Sprintf("RE-%04d-%05d", year, last)
	b.Confirmed = false
	_, err = tx.ExecContext(ctx,
		`INSERT INTO bookings (document_no, source_id, debtor_account, booking_date, net_cents, vat_cents, gross_cents, reference)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		b.DocumentNo, b.SourceID, b.DebtorAccount, b.BookingDate.String(), int64(b.Net), int64(b.VAT), int64(b.Gross), b.Reference)
	if err != nil {
		return Booking{}, false, err
	}
	return b, true, tx.Commit()
}

// markConfirmed records that deskcore knows the booking's document number.
func (j *Journal) markConfirmed(ctx context.Context, documentNo string) error {
	_, err := j.db.ExecContext(ctx, `UPDATE bookings SET confirmed = 1 WHERE document_no = ?`, documentNo)
	return err
}

// Bookings returns every booking in document number order.
func (j *Journal) Bookings(ctx context.Context) ([]Booking, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT `+bookingColumns+` FROM bookings ORDER BY document_no`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Booking
	for rows.Next() {
		b, err := scanBooking(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// BySource returns the booking of a deskcore invoice draft ID, or false.
func (j *Journal) BySource(ctx context.Context, sourceID string) (Booking, bool, error) {
	b, err := bookingBySource(ctx, j.db, sourceID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Booking{}, false, nil
	case err != nil:
		return Booking{}, false, err
	}
	return b, true, nil
}

const bookingColumns = `document_no, source_id, debtor_account, booking_date, net_cents, vat_cents, gross_cents, reference, confirmed`

func bookingBySource(ctx context.Context, q queryer, sourceID string) (Booking, error) {
	return scanBooking(q.QueryRowContext(ctx, `SELECT `+bookingColumns+` FROM bookings WHERE source_id = ?`, sourceID))
}

func scanBooking(row interface{ Scan(...any) error }) (Booking, error) {
	var (
		b               Booking
		day             string
		net, vat, gross int64
		confirmed       int64
	)
	if err := row.Scan(&b.DocumentNo, &b.SourceID, &b.DebtorAccount, &day, &net, &vat, &gross, &b.Reference, &confirmed); err != nil {
		return Booking{}, err
	}
	d, err := date.ParseISO(day)
	if err != nil {
		return Booking{}, fmt.Errorf("erp: booking %s: date %q: %w", b.DocumentNo, day, err)
	}
	b.BookingDate, b.Net, b.VAT, b.Gross, b.Confirmed = d, Cents(net), Cents(vat), Cents(gross), confirmed == 1
	return b, nil
}
