-- SLA warnings and breaches: the outbox says which clock and its
-- deadline, and the watcher finds the unresolved tickets by their status
-- without reading the closed ones.

ALTER TABLE ticket_notifications ADD COLUMN clock TEXT NOT NULL DEFAULT ''; -- response, resolution; '' for other events
ALTER TABLE ticket_notifications ADD COLUMN due TEXT;                        -- the clock's deadline, UTC, fixed width

CREATE INDEX tickets_by_status ON tickets (status, number);
