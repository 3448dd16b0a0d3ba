-- asset.InventoryStore: assets with their attributes, goods receipts with
-- their lines and the assets as received, sent expiry notices.
-- IDs sort in byte order (COLLATE "C").

CREATE TABLE assets (
	id               TEXT COLLATE "C" PRIMARY KEY,
	customer_id      TEXT NOT NULL,
	site_id          TEXT NOT NULL,
	kind             TEXT NOT NULL,      -- hardware, software, licence, service
	name             TEXT NOT NULL,
	model            TEXT NOT NULL,
	serial           TEXT NOT NULL,
	purchased        DATE,               -- NULL: unknown
	warranty_start   DATE,
	warranty_end     DATE,               -- NULL: no warranty recorded
	licence_seats    INTEGER NOT NULL,
	licence_expires  DATE,               -- NULL: none or perpetual
	ownership        TEXT NOT NULL,      -- customer, rented
	contract_id      TEXT NOT NULL,
	status           TEXT NOT NULL,      -- ordered, received, delivered, in-use, retired
	revision         BIGINT NOT NULL     -- one more per update
);

CREATE INDEX assets_by_customer ON assets (customer_id, id);
CREATE INDEX assets_by_warranty_end ON assets (warranty_end) WHERE warranty_end IS NOT NULL;
CREATE INDEX assets_by_licence_expires ON assets (licence_expires) WHERE licence_expires IS NOT NULL;

CREATE TABLE asset_attributes (
	asset_id TEXT COLLATE "C" NOT NULL REFERENCES assets (id),
	pos      INTEGER NOT NULL,           -- order of Asset.Attributes
	name     TEXT NOT NULL,
	value    TEXT NOT NULL,
	PRIMARY KEY (asset_id, pos)
);

CREATE TABLE receipts (
	id            TEXT COLLATE "C" PRIMARY KEY,
	customer_id   TEXT NOT NULL,
	site_id       TEXT NOT NULL,
	supplier      TEXT NOT NULL,
	delivery_note TEXT NOT NULL,
	received_at   TIMESTAMPTZ NOT NULL,
	received_by   TEXT NOT NULL
);

CREATE TABLE receipt_lines (
	receipt_id  TEXT COLLATE "C" NOT NULL REFERENCES receipts (id),
	pos         INTEGER NOT NULL,
	description TEXT NOT NULL,
	quantity    INTEGER NOT NULL,
	PRIMARY KEY (receipt_id, pos)
);

-- The assets a receipt registered, each also a row in assets; received
-- keeps the asset as it was received, which Receipt returns however the
-- asset changed since.
CREATE TABLE receipt_assets (
	receipt_id TEXT COLLATE "C" NOT NULL REFERENCES receipts (id),
	pos        INTEGER NOT NULL,
	asset_id   TEXT COLLATE "C" NOT NULL REFERENCES assets (id),
	received   JSONB NOT NULL,
	PRIMARY KEY (receipt_id, pos)
);

CREATE TABLE expiry_notices (
	asset_id  TEXT NOT NULL,
	subject   TEXT NOT NULL,             -- warranty, licence
	expires   DATE NOT NULL,
	lead_days INTEGER NOT NULL,
	sent_at   TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (asset_id, subject, expires, lead_days)
);

-- asset.VaultStore: credentials, their sealed secret versions, grants,
-- access requests and the access log. No plaintext secret is ever stored.

CREATE TABLE credentials (
	id          TEXT COLLATE "C" PRIMARY KEY,
	customer_id TEXT NOT NULL,
	asset_id    TEXT NOT NULL,
	name        TEXT NOT NULL,
	username    TEXT NOT NULL,
	url         TEXT NOT NULL,
	notes       TEXT NOT NULL,
	expires     DATE,
	version     INTEGER NOT NULL,        -- the current secret version
	created_at  TIMESTAMPTZ,
	created_by  TEXT NOT NULL,
	updated_at  TIMESTAMPTZ,
	updated_by  TEXT NOT NULL
);

CREATE INDEX credentials_by_customer ON credentials (customer_id, id);

CREATE TABLE credential_secrets (
	credential_id TEXT COLLATE "C" NOT NULL,
	version       INTEGER NOT NULL,
	key_id        TEXT NOT NULL,         -- the sealer's key
	sealed        BYTEA NOT NULL,        -- what the sealer produced
	created_at    TIMESTAMPTZ,
	created_by    TEXT NOT NULL,
	PRIMARY KEY (credential_id, version)
);

CREATE TABLE grants (
	id            TEXT COLLATE "C" PRIMARY KEY,
	customer_id   TEXT NOT NULL,
	credential_id TEXT NOT NULL,         -- '': every credential of the customer
	role          TEXT NOT NULL,
	actor_id      TEXT NOT NULL,
	expires       TIMESTAMPTZ,           -- NULL: until revoked
	granted_by    TEXT NOT NULL,
	granted_at    TIMESTAMPTZ,
	revoked_by    TEXT NOT NULL,
	revoked_at    TIMESTAMPTZ
);

CREATE INDEX grants_by_customer ON grants (customer_id, id);

CREATE TABLE access_requests (
	id              TEXT COLLATE "C" PRIMARY KEY,
	credential_id   TEXT NOT NULL,
	customer_id     TEXT NOT NULL,
	contact_id      TEXT NOT NULL,
	reason          TEXT NOT NULL,
	requested_at    TIMESTAMPTZ,
	status          TEXT NOT NULL,       -- pending, approved, rejected
	decided_by      TEXT NOT NULL,
	decided_at      TIMESTAMPTZ,
	decision_reason TEXT NOT NULL,
	expires         TIMESTAMPTZ
);

CREATE INDEX access_requests_by_credential ON access_requests (credential_id, id);

-- Entries are inserted under LOCK TABLE ... IN EXCLUSIVE MODE (reads go
-- on), so Seq order is commit order and LogFilter.AfterSeq is a cursor
-- that misses nothing.
CREATE TABLE access_log (
	seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at            TIMESTAMPTZ,
	actor_id      TEXT NOT NULL,
	actor_kind    TEXT NOT NULL,
	action        TEXT NOT NULL,
	customer_id   TEXT NOT NULL,
	credential_id TEXT NOT NULL,
	version       INTEGER NOT NULL,
	ref           TEXT NOT NULL,
	reason        TEXT NOT NULL,
	denied        BOOLEAN NOT NULL,
	cause         TEXT NOT NULL
);

CREATE INDEX access_log_by_credential ON access_log (credential_id, seq);
CREATE INDEX access_log_by_customer ON access_log (customer_id, seq);

-- The log and the secret history are append-only in the database too.
CREATE FUNCTION deskcore_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
	FOR EACH ROW EXECUTE FUNCTION deskcore_append_only();
CREATE TRIGGER credential_secrets_append_only BEFORE UPDATE OR DELETE ON credential_secrets
	FOR EACH ROW EXECUTE FUNCTION deskcore_append_only();
