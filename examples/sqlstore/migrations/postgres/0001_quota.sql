-- quota.Store: one row per contract's account, one per ledger entry.
-- IDs sort in byte order (COLLATE "C"), as Store.Contracts promises;
-- periods as text compare as periods.

CREATE TABLE quota_accounts (
	contract_id TEXT COLLATE "C" PRIMARY KEY, -- Contract.ID
	customer_id TEXT NOT NULL,                -- Contract.CustomerID
	start_date  DATE NOT NULL,                -- Contract.Start
	end_date    DATE,                         -- Contract.End; NULL: open-ended
	terms       JSONB NOT NULL,               -- Contract.Terms, policies in their text forms
	open_period TEXT COLLATE "C" NOT NULL,    -- Account.Open, YYYY-MM
	lots        JSONB NOT NULL,               -- Account.Lots
	debt_ns     BIGINT NOT NULL,              -- Account.Debt in nanoseconds
	seq         BIGINT NOT NULL,              -- Account.Seq: the last entry's
	last_date   DATE,                         -- Account.LastDate
	version     BIGINT NOT NULL               -- Account.Version: 1, then one more per update
);

CREATE TABLE quota_entries (
	contract_id TEXT COLLATE "C" NOT NULL REFERENCES quota_accounts (contract_id),
	seq         BIGINT NOT NULL,              -- Entry.Seq: 1, 2, 3, ... per contract
	entry_key   TEXT NOT NULL,                -- Entry.Key, the idempotency key
	kind        TEXT NOT NULL,                -- Entry.Kind: allotment, consumption, ...
	hours_ns    BIGINT NOT NULL,              -- Entry.Hours in nanoseconds, signed
	period      TEXT COLLATE "C" NOT NULL,    -- Entry.Period, YYYY-MM
	value_date  DATE NOT NULL,                -- Entry.Date
	work_date   DATE NOT NULL,                -- Entry.WorkDate
	ref         TEXT NOT NULL,
	reason      TEXT NOT NULL,
	made_by     TEXT NOT NULL,                -- Entry.By
	rate        NUMERIC NOT NULL,             -- Entry.Rate
	amount      NUMERIC NOT NULL,             -- Entry.Amount
	PRIMARY KEY (contract_id, seq),
	UNIQUE (contract_id, entry_key)
);

CREATE INDEX quota_entries_by_date ON quota_entries (contract_id, value_date) INCLUDE (hours_ns);
CREATE INDEX quota_entries_by_period ON quota_entries (contract_id, period, seq);
