-- complaint.Store: one row per complaint, one per step of its history
-- (only ever appended), and the last reference number given per year.

CREATE TABLE complaints (
	ref_year        INTEGER NOT NULL,
	ref_seq         INTEGER NOT NULL,
	type            TEXT NOT NULL,       -- service, product, general
	customer_id     TEXT NOT NULL,
	ticket_number   TEXT NOT NULL,       -- Details
	product_model   TEXT NOT NULL,
	serial_number   TEXT NOT NULL,
	description     TEXT NOT NULL,
	resolution_idea TEXT NOT NULL,
	name            TEXT NOT NULL,
	email           TEXT NOT NULL,
	occurred_at     TIMESTAMPTZ,
	files           JSONB NOT NULL,      -- Details.Files
	received_at     TIMESTAMPTZ NOT NULL,
	state           TEXT NOT NULL,       -- received, acknowledged, ..., closed
	version         BIGINT NOT NULL,     -- 1, then one more per update
	PRIMARY KEY (ref_year, ref_seq)
);

CREATE INDEX complaints_by_receipt ON complaints (received_at, ref_year, ref_seq);

CREATE TABLE complaint_events (
	ref_year        INTEGER NOT NULL,
	ref_seq         INTEGER NOT NULL,
	idx             INTEGER NOT NULL,    -- position in History, from 0
	kind            TEXT NOT NULL,       -- received, acknowledged, ...
	at              TIMESTAMPTZ NOT NULL,
	by_person       TEXT NOT NULL,
	by_team         TEXT NOT NULL,
	event_text      TEXT NOT NULL,       -- Event.Text
	party           TEXT NOT NULL,
	due             TIMESTAMPTZ,
	reviewer_person TEXT NOT NULL,
	reviewer_team   TEXT NOT NULL,
	outcome         TEXT NOT NULL,       -- none, resolved, rejected
	actions         JSONB NOT NULL,      -- Event.Actions
	rating          INTEGER NOT NULL,
	PRIMARY KEY (ref_year, ref_seq, idx),
	FOREIGN KEY (ref_year, ref_seq) REFERENCES complaints (ref_year, ref_seq)
);

CREATE TABLE complaint_counters (
	year     INTEGER PRIMARY KEY,
	last_seq INTEGER NOT NULL            -- the highest number given or imported
);
