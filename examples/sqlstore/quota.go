package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/deskcore/deskcore/quota"
)

// QuotaStore is the quota.Store on tables quota_accounts and
// quota_entries. Update locks the account's row for the length of its
// transaction (SELECT ... FOR UPDATE on PostgreSQL; the single writer on
// SQLite), so concurrent updates of one contract run one after another and
// fn always sees the state the previous one committed; it never returns
// ErrConflict for a lost race. fn must not call the store.
type QuotaStore struct{ db *DB }

var _ quota.BatchStore = (*QuotaStore)(nil)

var quotaErrs = sentinels{conflict: quota.ErrConflict, notFound: quota.ErrNotFound}

const accountColumns = `contract_id, customer_id, start_date, end_date, terms, open_period, lots, debt_ns, seq, last_date, version`

const entryColumns = `contract_id, seq, entry_key, kind, hours_ns, period, value_date, work_date, ref, reason, made_by, rate, amount`

// Create implements quota.Store: the account's row and its opening
// entries in one transaction.
func (s *QuotaStore) Create(ctx context.Context, a quota.Account) error {
	what := fmt.Sprintf("create contract %q", a.Contract.ID)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return quotaErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	a.Version = 1
	args, err := accountArgs(a)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO quota_accounts (`+accountColumns+`) VALUES (`+placeholders(11)+`)`, args...); err != nil {
		return quotaErrs.translate(tx.d, err, what) // a taken ID is a unique violation: ErrConflict
	}
	if err := insertEntries(ctx, tx.querier, a.Pending); err != nil {
		return err
	}
	return quotaErrs.translate(tx.d, tx.Commit(), what)
}

// Account implements quota.Store.
func (s *QuotaStore) Account(ctx context.Context, contractID string) (quota.Account, error) {
	return readAccount(ctx, s.db.reader(), contractID, false)
}

// Update implements quota.Store. fn runs once, inside the transaction
// that holds the account's row lock.
func (s *QuotaStore) Update(ctx context.Context, contractID string, fn func(*quota.Account) error) error {
	what := fmt.Sprintf("update contract %q", contractID)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return quotaErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	// Read the account and lock it until Commit (see readAccount), so a
	// concurrent Update of the contract waits here and then sees this
	// one's commit.
	a, err := readAccount(ctx, tx.querier, contractID, true)
	if err != nil {
		return err
	}
	version := a.Version
	if err := fn(&a); err != nil {
		return err // the rollback leaves nothing behind
	}
	if a.Contract.ID != contractID {
		return fmt.Errorf("sqlstore: the update of contract %q changed its ID: %w", contractID, quota.ErrInvalid)
	}

	a.Version = version + 1 // the store's, whatever fn did
	args, err := accountArgs(a)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE quota_accounts SET
		customer_id = ?, start_date = ?, end_date = ?, terms = ?, open_period = ?,
		lots = ?, debt_ns = ?, seq = ?, last_date = ?, version = ?
		WHERE contract_id = ? AND version = ?`, append(args[1:], contractID, version)...)
	if err == nil {
		err = wantOneRow(res, fmt.Errorf("version %d changed meanwhile: %w", version, quota.ErrConflict))
	}
	if err != nil {
		return quotaErrs.translate(tx.d, err, what)
	}
	if err := insertEntries(ctx, tx.querier, a.Pending); err != nil {
		return err
	}
	return quotaErrs.translate(tx.d, tx.Commit(), what)
}

// readAccount reads a contract's account. With lock, inside a write
// transaction, the row stays locked until the transaction ends: SELECT
// ... FOR UPDATE on PostgreSQL. SQLite has no row locks and no FOR
// UPDATE: there the write transaction holds the database's write lock
// from its BEGIN IMMEDIATE, which serialises writers the same way.
func readAccount(ctx context.Context, q querier, contractID string, lock bool) (quota.Account, error) {
	if err := ctx.Err(); err != nil {
		return quota.Account{}, err
	}
	query := `SELECT ` + accountColumns + ` FROM quota_accounts WHERE contract_id = ?`
	if lock && q.d.postgres() {
		query += ` FOR UPDATE`
	}
	a, err := scanAccount(q.queryRow(ctx, query, contractID))
	if err != nil {
		return quota.Account{}, quotaErrs.translate(q.d, err, fmt.Sprintf("contract %q", contractID))
	}
	return a, nil
}

// scanAccount reads a row of accountColumns.
func scanAccount(r scanner) (quota.Account, error) {
	var a quota.Account
	var open string
	var debt int64
	err := r.Scan(&a.Contract.ID, &a.Contract.CustomerID, dateCol{&a.Contract.Start}, dateCol{&a.Contract.End},
		jsonCol{&a.Contract.Terms}, &open, jsonCol{&a.Lots}, &debt, &a.Seq, dateCol{&a.LastDate}, &a.Version)
	if err != nil {
		return quota.Account{}, err
	}
	a.Debt = time.Duration(debt)
	if a.Open, err = quota.ParsePeriod(open); err != nil {
		return quota.Account{}, fmt.Errorf("sqlstore: contract %q: open period: %w", a.Contract.ID, err)
	}
	return a, nil
}

// sqliteBatchRows is how many rows one statement of UpdateBatch reads or
// writes on SQLite, which binds every argument of a statement one by one:
// a hundred rows (1,300 arguments at most) keep a batch's statements
// cheaper than the same postings one at a time. PostgreSQL takes a whole
// batch in one statement per table, each column an array (unnest).
const sqliteBatchRows = 100

// UpdateBatch implements quota.BatchStore: one transaction, where Update
// takes one per contract. On PostgreSQL it makes three round trips for
// the whole batch however large: one SELECT ... FOR UPDATE of every
// account, one INSERT of every new entry and one UPDATE of every account
// row, each passing a column's values as one array. On SQLite the same
// statements go a hundred rows at a time. fn runs once per account,
// inside the transaction.
func (s *QuotaStore) UpdateBatch(ctx context.Context, ids []string, fn func(*quota.Account) error) ([]error, error) {
	const what = "update a batch of contracts"
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return nil, fmt.Errorf("sqlstore: contract %q twice in one batch: %w", id, quota.ErrInvalid)
		}
		seen[id] = true
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return nil, quotaErrs.translate(s.db.d, err, what)
	}
	defer tx.Rollback()

	// Read the accounts and lock them until Commit, as Update does. In
	// contract order: two batches lock alike and cannot deadlock.
	stored, err := readAccounts(ctx, tx.querier, ids)
	if err != nil {
		return nil, quotaErrs.translate(tx.d, err, what)
	}

	errs := make([]error, len(ids))
	type change struct {
		at      int // index in ids
		account quota.Account
		seq     int64 // the last Seq before the batch
	}
	var changes []change
	var pending []quota.Entry
	for i, id := range ids {
		a, ok := stored[id]
		if !ok {
			errs[i] = fmt.Errorf("sqlstore: contract %q: %w", id, quota.ErrNotFound)
			continue
		}
		version, seq := a.Version, a.Seq
		if err := fn(&a); err != nil {
			errs[i] = err
			continue
		}
		if a.Contract.ID != id {
			errs[i] = fmt.Errorf("sqlstore: the update of contract %q changed its ID: %w", id, quota.ErrInvalid)
			continue
		}
		a.Version = version + 1 // the store's, whatever fn did
		changes = append(changes, change{i, a, seq})
		pending = append(pending, a.Pending...)
	}

	// Store the entries, skipping a key booked already. An account with a
	// skipped entry is refused with ErrDuplicateKey: its other new
	// entries go again and its row is not written.
	inserted, err := insertEntryRows(ctx, tx.querier, pending)
	if err != nil {
		return nil, err
	}
	var accounts []quota.Account
	for _, c := range changes {
		id := c.account.Contract.ID
		if inserted[id] == len(c.account.Pending) {
			accounts = append(accounts, c.account)
			continue
		}
		errs[c.at] = fmt.Errorf("sqlstore: contract %q: a key is booked already or twice in the batch: %w", id, quota.ErrDuplicateKey)
		if inserted[id] > 0 {
			if _, err := tx.exec(ctx, `DELETE FROM quota_entries WHERE contract_id = ? AND seq > ?`, id, c.seq); err != nil {
				return nil, quotaErrs.translate(tx.d, err, fmt.Sprintf("entries of contract %q", id))
			}
		}
	}
	if err := writeAccounts(ctx, tx.querier, accounts); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, quotaErrs.translate(tx.d, err, what)
	}
	return errs, nil
}

// readAccounts reads and locks the accounts of ids that exist, in
// contract order: on PostgreSQL with one SELECT ... WHERE contract_id =
// ANY(array) FOR UPDATE, on SQLite (whose write transaction holds the
// database's write lock already) with one SELECT ... IN (...) per
// hundred.
func readAccounts(ctx context.Context, q querier, ids []string) (map[string]quota.Account, error) {
	stored := make(map[string]quota.Account, len(ids))
	scan := func(r *sql.Rows) error {
		a, err := scanAccount(r)
		stored[a.Contract.ID] = a
		return err
	}
	// An ID no column can hold names no account; left in, it would make
	// the statement read nothing for the others too.
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !storable(id) })
	if q.d.postgres() {
		err := q.queryAll(ctx, scan, `SELECT `+accountColumns+` FROM quota_accounts
			WHERE contract_id = ANY(?::text[]) ORDER BY contract_id FOR UPDATE`, ids)
		return stored, err
	}
	for chunk := range slices.Chunk(ids, sqliteBatchRows) {
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		err := q.queryAll(ctx, scan, `SELECT `+accountColumns+` FROM quota_accounts
			WHERE contract_id IN (`+placeholders(len(chunk))+`) ORDER BY contract_id`, args...)
		if err != nil {
			return nil, err
		}
	}
	return stored, nil
}

// insertEntryRows stores entries skipping a key booked already (ON
// CONFLICT DO NOTHING), and counts per contract the entries that went in
// (RETURNING): on PostgreSQL with one INSERT ... SELECT FROM unnest of one
// array per column, on SQLite with one multi-row INSERT per hundred.
func insertEntryRows(ctx context.Context, q querier, entries []quota.Entry) (map[string]int, error) {
	inserted := map[string]int{}
	count := func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		inserted[id]++
		return err
	}
	if len(entries) == 0 {
		return inserted, nil
	}
	if q.d.postgres() {
		n := len(entries)
		ids, keys, kinds, periods, dates, workDates := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]*string, n), make([]*string, n)
		refs, reasons, bys, rates, amounts := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		seqs, hours := make([]int64, n), make([]int64, n)
		for i, e := range entries {
			kind, err := textArg(e.Kind)
			if err != nil {
				return nil, err
			}
			ids[i], seqs[i], keys[i], kinds[i], hours[i], periods[i] = e.ContractID, e.Seq, e.Key, kind, int64(e.Hours), e.Period.String()
			dates[i], workDates[i] = dateText(e.Date), dateText(e.WorkDate)
			refs[i], reasons[i], bys[i], rates[i], amounts[i] = e.Ref, e.Reason, e.By, decimalArg(e.Rate), decimalArg(e.Amount)
		}
		err := q.queryAll(ctx, count, `INSERT INTO quota_entries (`+entryColumns+`)
			SELECT id, seq, k, kind, h, p, vd::date, wd::date, ref, reason, by, rate::numeric, amount::numeric
			FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
				?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				AS u(id, seq, k, kind, h, p, vd, wd, ref, reason, by, rate, amount)
			ON CONFLICT DO NOTHING RETURNING contract_id`,
			ids, seqs, keys, kinds, hours, periods, dates, workDates, refs, reasons, bys, rates, amounts)
		if err != nil {
			return nil, quotaErrs.translate(q.d, err, "insert a batch of entries")
		}
		return inserted, nil
	}
	for chunk := range slices.Chunk(entries, sqliteBatchRows) {
		args := make([]any, 0, 13*len(chunk))
		rows := make([]string, len(chunk))
		for i, e := range chunk {
			kind, err := textArg(e.Kind)
			if err != nil {
				return nil, err
			}
			args = append(args, e.ContractID, e.Seq, e.Key, kind, int64(e.Hours), e.Period.String(), dateArg(e.Date), dateArg(e.WorkDate),
				e.Ref, e.Reason, e.By, decimalArg(e.Rate), decimalArg(e.Amount))
			rows[i] = "(" + placeholders(13) + ")"
		}
		err := q.queryAll(ctx, count, `INSERT INTO quota_entries (`+entryColumns+`) VALUES `+strings.Join(rows, ", ")+`
			ON CONFLICT DO NOTHING RETURNING contract_id`, args...)
		if err != nil {
			return nil, quotaErrs.translate(q.d, err, "insert a batch of entries")
		}
	}
	return inserted, nil
}

// dateText is d's text form, nil (NULL) for the zero date: dateArg for
// an element of a PostgreSQL array.
func dateText(d date.Date) *string {
	if d == date.Zero {
		return nil
	}
	s := d.String()
	return &s
}

// writeAccounts writes accounts back; each account's stored version must
// be the one before its own, or the batch fails with ErrConflict, as
// Update would. On PostgreSQL that is one UPDATE ... FROM unnest of one
// array per column; on SQLite one multi-row upsert (INSERT ... ON
// CONFLICT (contract_id) DO UPDATE: the rows exist, so every row is an
// update) per hundred.
func writeAccounts(ctx context.Context, q querier, accounts []quota.Account) error {
	if len(accounts) == 0 {
		return nil
	}
	if q.d.postgres() {
		n := len(accounts)
		ids, customers, terms, opens, lots := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		starts, ends, lastDates := make([]*string, n), make([]*string, n), make([]*string, n)
		debts, seqs, versions := make([]int64, n), make([]int64, n), make([]int64, n)
		for i, a := range accounts {
			var err error
			if terms[i], err = jsonArg(a.Contract.Terms); err != nil {
				return err
			}
			if lots[i], err = jsonArg(a.Lots); err != nil {
				return err
			}
			c := a.Contract
			ids[i], customers[i], starts[i], ends[i], opens[i] = c.ID, c.CustomerID, dateText(c.Start), dateText(c.End), a.Open.String()
			debts[i], seqs[i], lastDates[i], versions[i] = int64(a.Debt), a.Seq, dateText(a.LastDate), a.Version
		}
		res, err := q.exec(ctx, `UPDATE quota_accounts AS a SET
			customer_id = u.customer_id, start_date = u.start_date::date, end_date = u.end_date::date,
			terms = u.terms::jsonb, open_period = u.open_period, lots = u.lots::jsonb, debt_ns = u.debt_ns,
			seq = u.seq, last_date = u.last_date::date, version = u.version
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				?::bigint[], ?::bigint[], ?::text[], ?::bigint[])
				AS u(contract_id, customer_id, start_date, end_date, terms, open_period, lots, debt_ns, seq, last_date, version)
			WHERE a.contract_id = u.contract_id AND a.version = u.version - 1`,
			ids, customers, starts, ends, terms, opens, lots, debts, seqs, lastDates, versions)
		return quotaErrs.translate(q.d, wantRows(res, err, n), "write a batch of contracts")
	}
	for chunk := range slices.Chunk(accounts, sqliteBatchRows) {
		args := make([]any, 0, 11*len(chunk))
		rows := make([]string, len(chunk))
		for i, a := range chunk {
			row, err := accountArgs(a)
			if err != nil {
				return err
			}
			args = append(args, row...)
			rows[i] = "(" + placeholders(11) + ")"
		}
		res, err := q.exec(ctx, `INSERT INTO quota_accounts (`+accountColumns+`) VALUES `+strings.Join(rows, ", ")+`
			ON CONFLICT (contract_id) DO UPDATE SET
			customer_id = excluded.customer_id, start_date = excluded.start_date, end_date = excluded.end_date,
			terms = excluded.terms, open_period = excluded.open_period, lots = excluded.lots, debt_ns = excluded.debt_ns,
			seq = excluded.seq, last_date = excluded.last_date, version = excluded.version
			WHERE quota_accounts.version = excluded.version - 1`, args...)
		if err := wantRows(res, err, len(chunk)); err != nil {
			return quotaErrs.translate(q.d, err, "write a batch of contracts")
		}
	}
	return nil
}

// wantRows is err, or ErrConflict unless res wrote n account rows: the
// others' versions changed meanwhile.
func wantRows(res sql.Result, err error, n int) error {
	if err != nil {
		return err
	}
	got, err := res.RowsAffected()
	if err == nil && got != int64(n) {
		err = fmt.Errorf("%d of %d accounts changed meanwhile: %w", int64(n)-got, n, quota.ErrConflict)
	}
	return err
}

// accountArgs are the values of accountColumns for a.
func accountArgs(a quota.Account) ([]any, error) {
	terms, err := jsonArg(a.Contract.Terms)
	if err != nil {
		return nil, err
	}
	lots, err := jsonArg(a.Lots)
	if err != nil {
		return nil, err
	}
	c := a.Contract
	return []any{c.ID, c.CustomerID, dateArg(c.Start), dateArg(c.End), terms, a.Open.String(), lots,
		int64(a.Debt), a.Seq, dateArg(a.LastDate), a.Version}, nil
}

// insertEntries stores pending entries; a key booked already, or twice
// among them, is ErrDuplicateKey. The caller holds the account's lock, so
// Seq cannot collide: any unique violation here is a key's.
func insertEntries(ctx context.Context, q querier, pending []quota.Entry) error {
	for _, e := range pending {
		kind, err := textArg(e.Kind)
		if err != nil {
			return err
		}
		_, err = q.exec(ctx, `INSERT INTO quota_entries (`+entryColumns+`) VALUES (`+placeholders(13)+`)`,
			e.ContractID, e.Seq, e.Key, kind, int64(e.Hours), e.Period.String(), dateArg(e.Date), dateArg(e.WorkDate),
			e.Ref, e.Reason, e.By, decimalArg(e.Rate), decimalArg(e.Amount))
		if q.d.classify(err) == failUnique {
			return fmt.Errorf("sqlstore: key %q on contract %q: %w (%w)", e.Key, e.ContractID, quota.ErrDuplicateKey, err)
		}
		if err != nil {
			return quotaErrs.translate(q.d, err, fmt.Sprintf("entry %q on contract %q", e.Key, e.ContractID))
		}
	}
	return nil
}

// scanEntry reads a row of entryColumns.
func scanEntry(r scanner) (quota.Entry, error) {
	var e quota.Entry
	var hours int64
	var period string
	err := r.Scan(&e.ContractID, &e.Seq, &e.Key, textCol{&e.Kind}, &hours, &period, dateCol{&e.Date}, dateCol{&e.WorkDate},
		&e.Ref, &e.Reason, &e.By, decimalCol{&e.Rate}, decimalCol{&e.Amount})
	if err != nil {
		return quota.Entry{}, err
	}
	e.Hours = time.Duration(hours)
	e.Period, err = quota.ParsePeriod(period)
	return e, err
}

// Entry implements quota.Store.
func (s *QuotaStore) Entry(ctx context.Context, contractID, key string) (quota.Entry, error) {
	if err := ctx.Err(); err != nil {
		return quota.Entry{}, err
	}
	q := s.db.reader()
	e, err := scanEntry(q.queryRow(ctx, `SELECT `+entryColumns+` FROM quota_entries WHERE contract_id = ? AND entry_key = ?`, contractID, key))
	return e, quotaErrs.translate(q.d, err, fmt.Sprintf("entry %q on contract %q", key, contractID))
}

// Entries implements quota.Store. It reads the entries a page at a time,
// in Seq order, and holds nothing while yielding.
func (s *QuotaStore) Entries(ctx context.Context, contractID string, from, to quota.Period) iter.Seq2[quota.Entry, error] {
	return func(yield func(quota.Entry, error) bool) {
		q := s.db.reader()
		stream(yield, func(after *quota.Entry) ([]quota.Entry, error) {
			var seq int64
			if after == nil {
				if err := s.exists(ctx, q, contractID); err != nil {
					return nil, err
				}
			} else {
				seq = after.Seq
			}
			var page []quota.Entry
			err := q.queryAll(ctx, func(r *sql.Rows) error {
				e, err := scanEntry(r)
				page = append(page, e)
				return err
			}, `SELECT `+entryColumns+` FROM quota_entries
				WHERE contract_id = ? AND period >= ? AND period <= ? AND seq > ?
				ORDER BY seq LIMIT ?`, contractID, from.String(), to.String(), seq, pageSize)
			if err != nil {
				return nil, quotaErrs.translate(q.d, err, fmt.Sprintf("entries of contract %q", contractID))
			}
			return page, nil
		})
	}
}

// exists returns ErrNotFound for an unknown contract.
func (s *QuotaStore) exists(ctx context.Context, q querier, contractID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var one int
	err := q.queryRow(ctx, `SELECT 1 FROM quota_accounts WHERE contract_id = ?`, contractID).Scan(&one)
	return quotaErrs.translate(q.d, err, fmt.Sprintf("contract %q", contractID))
}

// Balance implements quota.Store with one statement: the account's row,
// so an unknown contract is no row, and the sum of its entries up to the
// day.
func (s *QuotaStore) Balance(ctx context.Context, contractID string, on date.Date) (time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	q := s.db.reader()
	var sum int64
	err := q.queryRow(ctx, `SELECT (SELECT CAST(COALESCE(SUM(e.hours_ns), 0) AS BIGINT) FROM quota_entries e
			WHERE e.contract_id = a.contract_id AND e.value_date <= ?)
		FROM quota_accounts a WHERE a.contract_id = ?`, on.String(), contractID).Scan(&sum)
	return time.Duration(sum), quotaErrs.translate(q.d, err, fmt.Sprintf("balance of contract %q", contractID))
}

// Contracts implements quota.Store, a page at a time in ascending byte
// order of the IDs.
func (s *QuotaStore) Contracts(ctx context.Context) iter.Seq2[string, error] {
	return keyPages(ctx, s.db.reader(), quotaErrs, "contracts", identity, scanString,
		`SELECT contract_id FROM quota_accounts WHERE contract_id > ? ORDER BY contract_id LIMIT ?`)
}
