-- quota.Store: one row per contract's account, one per ledger entry.

CREATE TABLE quota_accounts (
	contract_id TEXT PRIMARY KEY,        -- Contract.ID
	customer_id TEXT NOT NULL,           -- Contract.CustomerID
	start_date  TEXT NOT NULL,           -- Contract.Start, YYYY-MM-DD
	end_date    TEXT,                    -- Contract.End; NULL: open-ended
	terms       TEXT NOT NULL,           -- Contract.Terms as JSON, policies in their text forms
	open_period TEXT NOT NULL,           -- Account.Open, YYYY-MM
	lots        TEXT NOT NULL,           -- Account.Lots as JSON
	debt_ns     INTEGER NOT NULL,        -- Account.Debt in nanoseconds
	seq         INTEGER NOT NULL,        -- Account.Seq: the last entry's
	last_date   TEXT,                    -- Account.LastDate
	version     INTEGER NOT NULL         -- Account.Version: 1, then one more per update
) WITHOUT ROWID;

CREATE TABLE quota_entries (
	contract_id TEXT NOT NULL REFERENCES quota_accounts (contract_id),
	seq         INTEGER NOT NULL,        -- Entry.Seq: 1, 2, 3, ... per contract
	entry_key   TEXT NOT NULL,           -- Entry.Key, the idempotency key
	kind        TEXT NOT NULL,           -- Entry.Kind: allotment, consumption, ...
	hours_ns    INTEGER NOT NULL,        -- Entry.Hours in nanoseconds, signed
	period      TEXT NOT NULL,           -- Entry.Period, YYYY-MM
	value_date  TEXT NOT NULL,           -- Entry.Date
	work_date   TEXT NOT NULL,           -- Entry.WorkDate
	ref         TEXT NOT NULL,
	reason      TEXT NOT NULL,
	made_by     TEXT NOT NULL,           -- Entry.By
	rate        TEXT NOT NULL,           -- Entry.Rate, a decimal
	amount      TEXT NOT NULL,           -- Entry.Amount, a decimal
	PRIMARY KEY (contract_id, seq),
	UNIQUE (contract_id, entry_key)
) WITHOUT ROWID;

CREATE INDEX quota_entries_by_date ON quota_entries (contract_id, value_date, hours_ns);
CREATE INDEX quota_entries_by_period ON quota_entries (contract_id, period, seq);
