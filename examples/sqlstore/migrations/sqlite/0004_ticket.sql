-- ticket.Store: one row per ticket (its lists as JSON), the last ticket
-- number given, and the outbox of notifications.

CREATE TABLE tickets (
	number          INTEGER PRIMARY KEY,
	version         INTEGER NOT NULL,    -- 1, then one more per update
	customer_id     TEXT NOT NULL,
	contact_id      TEXT NOT NULL,
	kind            TEXT NOT NULL,       -- incident, service-request, ...
	channel         TEXT NOT NULL,       -- email, phone, portal, ...
	priority        TEXT NOT NULL,
	status          TEXT NOT NULL,       -- new, assigned, ..., closed
	subject         TEXT NOT NULL,
	description     TEXT NOT NULL,
	attachments     TEXT NOT NULL,       -- JSON array
	received_at     TEXT NOT NULL,       -- UTC, fixed width
	assignee_id     TEXT NOT NULL,
	escalation      INTEGER NOT NULL,
	responded_at    TEXT,
	resolved_at     TEXT,
	closed_at       TEXT,
	linked_to       INTEGER NOT NULL,    -- 0 when none
	participants    TEXT NOT NULL,       -- JSON array
	message_ids     TEXT NOT NULL,       -- JSON array
	idempotency_key TEXT NOT NULL,       -- '' when none
	alert_key       TEXT NOT NULL,       -- '' when none
	alert_count     INTEGER NOT NULL,
	last_alert_at   TEXT,
	due_date        TEXT,                -- 'YYYY-MM-DD'
	comments        TEXT NOT NULL,       -- JSON array
	audit           TEXT NOT NULL        -- JSON array
);

-- An idempotency key is taken forever; an alert key only while its ticket
-- is not closed. The column names in SQLite's message are how the store
-- tells which key a unique violation is about.
CREATE UNIQUE INDEX tickets_idempotency_key ON tickets (idempotency_key) WHERE idempotency_key <> '';
CREATE UNIQUE INDEX tickets_open_alert_key ON tickets (alert_key) WHERE alert_key <> '' AND status <> 'closed';
CREATE INDEX tickets_by_customer ON tickets (customer_id, number);

CREATE TABLE ticket_counters (
	name        TEXT PRIMARY KEY,        -- 'ticket'
	last_number INTEGER NOT NULL         -- the highest number given
);

CREATE TABLE ticket_notifications (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- rises, never reuses a committed ID
	event         TEXT NOT NULL,         -- created, status-changed, confirmation
	ticket_number INTEGER NOT NULL REFERENCES tickets (number),
	customer_id   TEXT NOT NULL,
	recipient     TEXT NOT NULL,
	template      TEXT NOT NULL,
	message_id    TEXT NOT NULL,
	from_status   TEXT NOT NULL,         -- '' when none
	to_status     TEXT NOT NULL,         -- '' when none
	at            TEXT,
	delivered     INTEGER NOT NULL       -- 0 or 1
);

CREATE INDEX ticket_notifications_pending ON ticket_notifications (id) WHERE NOT delivered;
