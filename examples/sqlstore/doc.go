// Package sqlstore implements deskcore's storage interfaces on database/sql,
// for SQLite (modernc.org/sqlite, no cgo: the embedded default) and
// PostgreSQL (github.com/jackc/pgx/v5 through its stdlib driver). It is
// an example a host copies or uses as it is: each store passes its
// package's conformance suite (quotatest, assettest, complainttest,
// tickettest, billingtest, dunningtest) on both engines, concurrency and
// rollback included.
//
// # Plugging it in
//
// Open a database, then hand its stores to the domain's services:
//
//	db, err := sqlstore.OpenSQLite(ctx, "/var/lib/desk/deskcore.db")
//	// or sqlstore.OpenPostgres(ctx, "postgres://desk@db/desk?search_path=deskcore")
//	ledger, err := quota.NewLedger(db.Quota(), quota.Config{})
//	inventory, err := asset.NewInventory(db.Assets(), asset.InventoryConfig{})
//	vault, err := asset.NewVault(db.Assets(), sealer, asset.VaultConfig{})
//	complaints := db.Complaints() // a complaint.Store
//	desk, err := ticket.NewDesk(db.Tickets(), directory, ticket.Config{})
//	biller, err := billing.NewBiller(db.Billing(), db.Quota(), billing.BillerConfig{})
//	reminders, err := dunning.NewService(db.Dunning(), dunning.Config{Policy: policy})
//
// Opening brings the schema up to date: the plain SQL files under
// migrations/sqlite and migrations/postgres (embedded in the binary) are
// applied in the order of their names, each in one transaction with its
// row in schema_migrations, so reopening applies nothing and two
// processes opening one database at once apply each file once. A few
// migrations are Go rewrites of stored documents, sorted among the files by
// their names: 0007_quota_json_form rewrites every account's terms and lots
// from encoding/json's default form (Go field names, hours in nanoseconds)
// into the quota package's JSON form ("hours":"10h", "price":"950.00"), all
// or nothing; 0008_ticket_json_form does the same for every ticket's
// attachments, comments and audit history, and 0009_billing_json_form for
// billing's contracts, work entries, usage, service reports and invoice
// drafts, 0010_asset_json_form for the assets as received on goods
// receipts and 0011_dunning_json_form for the dunning cases. A host that keeps its own migrations copies the files (and
// the rewrites) into them instead. An applied file is never edited: a
// change is a new file.
//
// A host with its own tables for something (an ERP's customers and
// invoices) implements that one interface itself; the tables below are
// deskcore's own and share nothing with the host's.
//
// # Tables
//
// quota.Store: quota_accounts, one row per contract's hour bank (the
// contract's terms and the unused lots in the quota package's JSON form),
// and quota_entries, the append-only ledger, unique on (contract,
// seq) and on (contract, key), indexed for balances by date and entries by
// period. QuotaStore is a quota.BatchStore: a batch of contracts is read
// and locked with one SELECT, its entries stored with one multi-row
// INSERT and its accounts written back with one multi-row upsert.
//
// asset.InventoryStore: assets with asset_attributes (in order); receipts
// with receipt_lines and receipt_assets (each asset is also a row in
// assets, and receipt_assets keeps it as received, as JSON, which
// Receipt returns); expiry_notices, whose primary key is the notice's key,
// so a notice is recorded once.
//
// asset.VaultStore: credentials; credential_secrets, the sealed versions
// (the Sealer's output, never a plaintext); grants; access_requests; and
// access_log, numbered by the database. Triggers refuse UPDATE and DELETE
// on access_log and credential_secrets: the log and the secret history are
// append-only in the database too, not only through the interface.
//
// complaint.Store: complaints, one row each with the primary key
// (ref_year, ref_seq), an index on received_at and the reminders sent as
// a JSON column (reminded); complaint_events, one
// row per step, only ever inserted; complaint_counters, the highest
// reference number given or imported per year.
//
// ticket.Store (db.Tickets()): one row per ticket in tickets, its scalar
// fields as columns and its attachments, participants, message IDs,
// comments and audit history as JSON; a partial unique index keeps an
// idempotency key unique over all tickets and another keeps an alert key
// unique over the tickets that are not closed, and a violation of either
// comes back as a *ticket.DuplicateError. Numbers come from the 'ticket'
// row of ticket_counters, which Create's upsert locks until it commits,
// so concurrent Creates never share one. The notifications a change
// returns go into ticket_notifications in the same transaction (an SLA
// warning's or breach's clock and deadline in its clock and due columns);
// a delivered flag with a partial index on the undelivered rows serves
// Pending and MarkDelivered. An index on (status, number) serves
// Filter.Statuses, so the SLA watcher reads the unresolved tickets
// without touching the closed ones.
//
// dunning.Store (db.Dunning()): dunning_cases, one row per invoice
// number with the case as a JSON document and a version. billing.WorkStore
// (db.Billing()): work_contracts, work_entries, work_usage, work_reports
// and work_invoices, each row its record as JSON beside the columns the
// store filters, orders and locks on (an entry's customer, date, state,
// version, report and the entry it reverses, unique so an entry is
// reversed once; a usage record's period and report; an invoice's ERP
// number), which win over the document. Bill is one transaction that
// stores the reports and claims each entry with an UPDATE matching only a
// released entry at the version read, and each usage record only if
// unbilled, so of two concurrent Bills listing one entry the second finds
// it changed and fails with billing.ErrConflict. Usage, reports and
// invoices also keep their amounts in NUMERIC columns (text on SQLite)
// with their scale, for the host's queries; inside the JSON documents
// shopspring/decimal writes amounts without trailing zeros (1500.00 reads
// back as the equal 1500).
//
// Values are stored in forms a person can query: dates as DATE
// ('YYYY-MM-DD' text on SQLite), instants as TIMESTAMPTZ (fixed-width UTC
// text on SQLite), money as NUMERIC (text on SQLite) with its scale, hours
// as nanoseconds, enums by name ("consumption", "in-use", "acknowledged");
// a zero date or instant ("none") is NULL. IDs sort in byte order
// (COLLATE "C" on PostgreSQL), as the interfaces promise.
//
// # Transactions and locking
//
// Every mutation that takes a closure (quota's Update, asset's
// UpdateAsset, complaint's Update) runs it exactly once, inside one
// database transaction that holds the row: on PostgreSQL the row is read
// with SELECT ... FOR UPDATE (at READ COMMITTED), so a second writer of
// the same row waits for the first to commit and its closure sees what the
// first committed, while writers of other rows go on in parallel. On
// SQLite all writes go through one connection whose transactions begin
// IMMEDIATE: writers run one at a time (queueing in Go, not spinning on
// SQLITE_BUSY), which serialises them as a lock on every row would, and
// BEGIN IMMEDIATE with a busy timeout keeps another process writing the
// same file in line too. The closure's changes and the rows derived from
// them (ledger entries, attributes, new steps) are written before the
// commit; if the closure fails nothing is written. The UPDATE also checks
// the version it read, so a row written behind the lock's back is refused
// with ErrConflict rather than overwritten. A closure must not call the
// store: on SQLite it would wait for the writer it holds.
//
// Each such method reads top to bottom, with the transaction in it and
// the lock beside its SELECT; tx.go (begin, Rollback deferred, Commit at
// the end) is the one helper to hold in mind. QuotaStore.Update is the
// model:
//
//	tx, err := s.db.beginWrite(ctx)
//	...
//	defer tx.Rollback()
//	a, err := readAccount(ctx, tx.querier, contractID, true) // FOR UPDATE on PostgreSQL
//	...
//	if err := fn(&a); err != nil {
//		return err // the rollback leaves nothing behind
//	}
//	... UPDATE quota_accounts ... WHERE contract_id = ? AND version = ?
//	return quotaErrs.translate(tx.d, tx.Commit(), what)
//
// asset.VaultStore.Transact runs at SERIALIZABLE on PostgreSQL, as the
// interface asks ("as if transactions ran one after another"): decisions
// read grants and requests that another transaction may be changing, and
// a row lock cannot cover a row that does not exist yet. PostgreSQL aborts
// a transaction it cannot serialise; the store reports that as
// asset.ErrConflict and keeps nothing. Access-log entries are inserted
// under LOCK TABLE access_log IN EXCLUSIVE MODE (reads go on), so their
// numbers follow commit order and LogFilter.AfterSeq works as a cursor. On
// SQLite vault transactions run on the single writer.
//
// complaint.Store.Create takes the next reference number from the year's
// row in complaint_counters with one upsert, which locks that row until
// the transaction ends: concurrent Creates of a year queue on it and never
// share a number; an imported number raises the counter.
//
// Reads outside a transaction are single statements or short read-only
// transactions (REPEATABLE READ on PostgreSQL; on SQLite a pool of
// query_only connections that WAL lets read while a write runs), so a
// value and its child rows come from one state. Sequences (Contracts,
// Entries, Assets, Credentials, Grants, Requests, Log, Complaints) read
// 256 rows at a time after the last key yielded and hold no connection,
// cursor or lock while the loop body runs, which may therefore call the
// store.
//
// # Errors
//
// Driver errors are translated to the domain's sentinels; the driver's
// error stays in the chain for errors.As:
//
//   - no row: ErrNotFound of the domain package;
//   - a unique or primary key violated (SQLSTATE 23505,
//     SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY): ErrConflict (a contract,
//     asset, receipt or complaint reference that exists), except for a
//     ledger entry's key, which is quota.ErrDuplicateKey;
//   - a recorded notice or an existing secret version (INSERT ... ON
//     CONFLICT DO NOTHING wrote no row): asset.ErrConflict, and the vault
//     transaction stays usable;
//   - a serialization failure or deadlock (SQLSTATE 40001, 40P01), or
//     SQLITE_BUSY after the busy timeout: ErrConflict;
//   - a cancelled or expired context: the context's error;
//   - anything else (connection lost, disk full) is passed on wrapped.
//
// A vault row the library cannot read back (an instant past the year 9999
// or PostgreSQL's 'infinity', written by hand or by an older version) is
// an *UnreadableRowError naming its table, key and column and none of its
// content, and matches asset.ErrUnreadableRow. The listings a screen
// shows (Credentials, Grants, Requests, Log) yield it in that row's place
// and go on with the others; reads inside Transact, on which access
// decisions rest, fail with it, so such a row never counts as a grant or
// an approval. Until it is repaired, a bad grant stops staff's work on
// its customer's credentials and a bad request stops reveals of its
// credential, with that error.
//
// A closure's own error is returned unchanged.
package sqlstore
