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
	occurred_at     TEXT,
	files           TEXT NOT NULL,       -- Details.Files as a JSON array
	received_at     TEXT NOT NULL,       -- UTC, fixed width
	state           TEXT NOT NULL,       -- received, acknowledged, ..., closed
	version         INTEGER NOT NULL,    -- 1, then one more per update
	PRIMARY KEY (ref_year, ref_seq)
) WITHOUT ROWID;

CREATE INDEX complaints_by_receipt ON complaints (received_at, ref_year, ref_seq);

CREATE TABLE complaint_events (
	ref_year        INTEGER NOT NULL,
	ref_seq         INTEGER NOT NULL,
	idx             INTEGER NOT NULL,    -- position in History, from 0
	kind            TEXT NOT NULL,       -- received, acknowledged, ...
	at              TEXT NOT NULL,
	by_person       TEXT NOT NULL,
	by_team         TEXT NOT NULL,
	event_text      TEXT NOT NULL,       -- Event.Text
	party           TEXT NOT NULL,
	due             TEXT,
	reviewer_person TEXT NOT NULL,
	reviewer_team   TEXT NOT NULL,
	outcome         TEXT NOT NULL,       -- none, resolved, rejected
	actions         TEXT NOT NULL,       -- Event.Actions as a JSON array
	rating          INTEGER NOT NULL,
	PRIMARY KEY (ref_year, ref_seq, idx),
	FOREIGN KEY (ref_year, ref_seq) REFERENCES complaints (ref_year, ref_seq)
) WITHOUT ROWID;

CREATE TABLE complaint_counters (
	year     INTEGER PRIMARY KEY,
	last_seq INTEGER NOT NULL            -- the highest number given or imported
);
