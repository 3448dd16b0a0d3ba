-- billing.WorkStore: contracts, work entries, usage, service reports and
-- invoice drafts, each row with its record as a JSON document (money as
-- decimal strings with their scale) and the columns the store filters,
-- orders, locks and checks on, which win over the document.

CREATE TABLE work_contracts (
	customer_id TEXT PRIMARY KEY,
	doc         TEXT NOT NULL            -- the Contract as JSON
) WITHOUT ROWID;

CREATE TABLE work_entries (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL,
	work_date   TEXT NOT NULL,           -- 'YYYY-MM-DD'
	state       TEXT NOT NULL,           -- recorded, released, reported, invoiced
	reverses    TEXT UNIQUE,             -- the entry reversed; NULL: none. An entry is reversed once
	report_id   TEXT NOT NULL,           -- '' until reported
	version     INTEGER NOT NULL,        -- 1, then one more per change
	doc         TEXT NOT NULL            -- the WorkEntry as JSON
) WITHOUT ROWID;

CREATE INDEX work_entries_by_customer ON work_entries (customer_id, state, work_date, id);
CREATE INDEX work_entries_by_report ON work_entries (report_id) WHERE report_id <> '';

CREATE TABLE work_usage (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL,
	period      TEXT NOT NULL,           -- 'YYYY-MM'
	item        TEXT NOT NULL,
	quantity    TEXT NOT NULL,           -- in the item's unit, scale kept
	report_id   TEXT NOT NULL,           -- '' until billed
	doc         TEXT NOT NULL            -- the Usage as JSON
) WITHOUT ROWID;

CREATE INDEX work_usage_unbilled ON work_usage (customer_id, period, id) WHERE report_id = '';

CREATE TABLE work_reports (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL,
	period      TEXT NOT NULL,           -- 'YYYY-MM'
	net         TEXT NOT NULL,           -- Totals.Net, a copy for queries
	gross       TEXT NOT NULL,           -- Totals.Gross
	doc         TEXT NOT NULL            -- the ServiceReport as JSON
) WITHOUT ROWID;

CREATE INDEX work_reports_by_customer ON work_reports (customer_id, id);

CREATE TABLE work_invoices (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL,           -- copies of the draft's fields for queries
	kind        TEXT NOT NULL,           -- service, quota-fee, quota-correction
	report_id   TEXT NOT NULL,           -- service invoices; '' otherwise
	period      TEXT NOT NULL,           -- 'YYYY-MM'
	net         TEXT NOT NULL,
	gross       TEXT NOT NULL,
	number      TEXT NOT NULL,           -- the ERP's number; '' until booked
	doc         TEXT NOT NULL            -- the InvoiceDraft as JSON
) WITHOUT ROWID;

CREATE INDEX work_invoices_unbooked ON work_invoices (customer_id, id) WHERE number = '';
