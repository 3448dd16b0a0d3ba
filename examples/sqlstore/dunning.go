package sqlstore

import (
	"context"
	"fmt"
	"iter"

	"github.com/deskcore/deskcore/billing/dunning"
)

// DunningStore is the dunning.Store on table dunning_cases: one row
// per invoice number, with the case as a JSON document (every type in a
// case has a text or JSON form, money keeps its scale as a decimal string)
// and a version column. UpdateCase locks the case's row for the length of
// its transaction (SELECT ... FOR UPDATE on PostgreSQL, the single writer
// on SQLite), so concurrent updates run one after another and fn sees what
// the one before committed; the write-back also checks the version. fn
// runs once per call and must not call the store.
type DunningStore struct{ db *DB }

var _ dunning.Store = (*DunningStore)(nil)

// Dunning returns the dunning.Store on db.
func (db *DB) Dunning() *DunningStore { return &DunningStore{db: db} }

var dunningErrs = sentinels{conflict: dunning.ErrConflict, notFound: dunning.ErrNotFound}

// CreateCase implements dunning.Store. A case for an invoice that
// has one is refused by the primary key, so of two concurrent creates one
// fails with dunning.ErrConflict.
func (s *DunningStore) CreateCase(ctx context.Context, c dunning.Case) error {
	c = c.Clone()
	c.Version = 1
	doc, err := jsonArg(c)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("create dunning case of invoice %q", c.Invoice.Number)
	_, err = s.db.writer().exec(ctx, `INSERT INTO dunning_cases (invoice, doc, version) VALUES (?, ?, ?)`, c.Invoice.Number, doc, c.Version)
	return dunningErrs.translate(s.db.d, err, what)
}

// Case implements dunning.Store.
func (s *DunningStore) Case(ctx context.Context, invoice string) (dunning.Case, error) {
	if err := ctx.Err(); err != nil {
		return dunning.Case{}, err
	}
	c, err := selectCase(ctx, s.db.reader(), invoice, false)
	return c, dunningErrs.translate(s.db.d, err, fmt.Sprintf("dunning case of invoice %q", invoice))
}

// selectCase reads a case. With lock, inside a write transaction, the row
// stays locked until the transaction ends: SELECT ... FOR UPDATE on
// PostgreSQL. SQLite has no row locks and no FOR UPDATE: there the write
// transaction holds the database's write lock from its BEGIN IMMEDIATE,
// which serialises writers the same way. An unknown invoice is
// sql.ErrNoRows.
func selectCase(ctx context.Context, q querier, invoice string, lock bool) (dunning.Case, error) {
	query := `SELECT doc, version FROM dunning_cases WHERE invoice = ?`
	if lock && q.d.postgres() {
		query += ` FOR UPDATE`
	}
	var c dunning.Case
	var version int64
	err := q.queryRow(ctx, query, invoice).Scan(jsonCol{&c}, &version)
	c.Version = version // the column is the truth, the document's copy is informative
	return c, err
}

// UpdateCase implements dunning.Store. fn runs once, inside the
// transaction that holds the case's row lock.
func (s *DunningStore) UpdateCase(ctx context.Context, invoice string, fn func(*dunning.Case) error) error {
	what := fmt.Sprintf("update dunning case of invoice %q", invoice)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return dunningErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	// Read the case and lock it until Commit, so a concurrent update of
	// the invoice waits here and then sees this one's commit.
	stored, err := selectCase(ctx, tx.querier, invoice, true)
	if err != nil {
		return dunningErrs.translate(tx.d, err, what)
	}
	c := stored.Clone()
	if err := fn(&c); err != nil {
		return err // the rollback leaves nothing behind
	}
	if c.Invoice.Number != invoice {
		return fmt.Errorf("sqlstore: the update of dunning case %q changed its invoice number: %w", invoice, dunning.ErrInvalid)
	}

	c.Version = stored.Version + 1 // the store's, whatever fn did
	doc, err := jsonArg(c)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE dunning_cases SET doc = ?, version = ? WHERE invoice = ? AND version = ?`,
		doc, c.Version, invoice, stored.Version)
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("version %d changed meanwhile: %w", stored.Version, dunning.ErrConflict))
	}
	if err != nil {
		return dunningErrs.translate(tx.d, err, what)
	}
	return dunningErrs.translate(tx.d, tx.Commit(), what)
}

// Cases implements dunning.Store, a page at a time in ascending
// byte order of the invoice numbers.
func (s *DunningStore) Cases(ctx context.Context) iter.Seq2[string, error] {
	return keyPages(ctx, s.db.reader(), dunningErrs, "dunning cases", identity, scanString,
		`SELECT invoice FROM dunning_cases WHERE invoice > ? ORDER BY invoice LIMIT ?`)
}
