-- asset.InventoryStore: assets with their attributes, goods receipts with
-- their lines and the assets as received, sent expiry notices.

CREATE TABLE assets (
	id               TEXT PRIMARY KEY,
	customer_id      TEXT NOT NULL,
	site_id          TEXT NOT NULL,
	kind             TEXT NOT NULL,      -- hardware, software, licence, service
	name             TEXT NOT NULL,
	model            TEXT NOT NULL,
	serial           TEXT NOT NULL,
	purchased        TEXT,               -- YYYY-MM-DD; NULL: unknown
	warranty_start   TEXT,
	warranty_end     TEXT,               -- NULL: no warranty recorded
	licence_seats    INTEGER NOT NULL,
	licence_expires  TEXT,               -- NULL: none or perpetual
	ownership        TEXT NOT NULL,      -- customer, rented
	contract_id      TEXT NOT NULL,
	status           TEXT NOT NULL,      -- ordered, received, delivered, in-use, retired
	revision         INTEGER NOT NULL    -- one more per update
) WITHOUT ROWID;

CREATE INDEX assets_by_customer ON assets (customer_id, id);
CREATE INDEX assets_by_warranty_end ON assets (warranty_end) WHERE warranty_end IS NOT NULL;
CREATE INDEX assets_by_licence_expires ON assets (licence_expires) WHERE licence_expires IS NOT NULL;

CREATE TABLE asset_attributes (
	asset_id TEXT NOT NULL REFERENCES assets (id),
	pos      INTEGER NOT NULL,           -- order of Asset.Attributes
	name     TEXT NOT NULL,
	value    TEXT NOT NULL,
	PRIMARY KEY (asset_id, pos)
) WITHOUT ROWID;

CREATE TABLE receipts (
	id            TEXT PRIMARY KEY,
	customer_id   TEXT NOT NULL,
	site_id       TEXT NOT NULL,
	supplier      TEXT NOT NULL,
	delivery_note TEXT NOT NULL,
	received_at   TEXT NOT NULL,         -- UTC, fixed width
	received_by   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE receipt_lines (
	receipt_id  TEXT NOT NULL REFERENCES receipts (id),
	pos         INTEGER NOT NULL,
	description TEXT NOT NULL,
	quantity    INTEGER NOT NULL,
	PRIMARY KEY (receipt_id, pos)
) WITHOUT ROWID;

-- The assets a receipt registered, each also a row in assets; received
-- keeps the asset as it was received (JSON), which Receipt returns
-- however the asset changed since.
CREATE TABLE receipt_assets (
	receipt_id TEXT NOT NULL REFERENCES receipts (id),
	pos        INTEGER NOT NULL,
	asset_id   TEXT NOT NULL REFERENCES assets (id),
	received   TEXT NOT NULL,
	PRIMARY KEY (receipt_id, pos)
) WITHOUT ROWID;

CREATE TABLE expiry_notices (
	asset_id  TEXT NOT NULL,
	subject   TEXT NOT NULL,             -- warranty, licence
	expires   TEXT NOT NULL,
	lead_days INTEGER NOT NULL,
	sent_at   TEXT NOT NULL,
	PRIMARY KEY (asset_id, subject, expires, lead_days)
) WITHOUT ROWID;

-- asset.VaultStore: credentials, their sealed secret versions, grants,
-- access requests and the access log. No plaintext secret is ever stored.

CREATE TABLE credentials (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL,
	asset_id    TEXT NOT NULL,
	name        TEXT NOT NULL,
	username    TEXT NOT NULL,
	url         TEXT NOT NULL,
	notes       TEXT NOT NULL,
	expires     TEXT,
	version     INTEGER NOT NULL,        -- the current secret version
	created_at  TEXT,
	created_by  TEXT NOT NULL,
	updated_at  TEXT,
	updated_by  TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX credentials_by_customer ON credentials (customer_id, id);

CREATE TABLE credential_secrets (
	credential_id TEXT NOT NULL,
	version       INTEGER NOT NULL,
	key_id        TEXT NOT NULL,         -- the sealer's key
	sealed        BLOB NOT NULL,         -- what the sealer produced
	created_at    TEXT,
	created_by    TEXT NOT NULL,
	PRIMARY KEY (credential_id, version)
) WITHOUT ROWID;

CREATE TABLE grants (
	id            TEXT PRIMARY KEY,
	customer_id   TEXT NOT NULL,
	credential_id TEXT NOT NULL,         -- '': every credential of the customer
	role          TEXT NOT NULL,
	actor_id      TEXT NOT NULL,
	expires       TEXT,                  -- NULL: until revoked
	granted_by    TEXT NOT NULL,
	granted_at    TEXT,
	revoked_by    TEXT NOT NULL,
	revoked_at    TEXT
) WITHOUT ROWID;

CREATE INDEX grants_by_customer ON grants (customer_id, id);

CREATE TABLE access_requests (
	id              TEXT PRIMARY KEY,
	credential_id   TEXT NOT NULL,
	customer_id     TEXT NOT NULL,
	contact_id      TEXT NOT NULL,
	reason          TEXT NOT NULL,
	requested_at    TEXT,
	status          TEXT NOT NULL,       -- pending, approved, rejected
	decided_by      TEXT NOT NULL,
	decided_at      TEXT,
	decision_reason TEXT NOT NULL,
	expires         TEXT
) WITHOUT ROWID;

CREATE INDEX access_requests_by_credential ON access_requests (credential_id, id);

CREATE TABLE access_log (
	seq           INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused
	at            TEXT,
	actor_id      TEXT NOT NULL,
	actor_kind    TEXT NOT NULL,
	action        TEXT NOT NULL,
	customer_id   TEXT NOT NULL,
	credential_id TEXT NOT NULL,
	version       INTEGER NOT NULL,
	ref           TEXT NOT NULL,
	reason        TEXT NOT NULL,
	denied        INTEGER NOT NULL,      -- 0 or 1
	cause         TEXT NOT NULL
);

CREATE INDEX access_log_by_credential ON access_log (credential_id, seq);
CREATE INDEX access_log_by_customer ON access_log (customer_id, seq);

-- The log and the secret history are append-only in the database too.
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER credential_secrets_no_update BEFORE UPDATE ON credential_secrets
BEGIN SELECT RAISE(ABORT, 'credential_secrets is append-only'); END;
CREATE TRIGGER credential_secrets_no_delete BEFORE DELETE ON credential_secrets
BEGIN SELECT RAISE(ABORT, 'credential_secrets is append-only'); END;
