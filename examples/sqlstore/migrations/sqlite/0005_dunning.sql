-- billing.DunningStore: one row per invoice with the case as a JSON
-- document (money as decimal strings with their scale) and a version.

CREATE TABLE dunning_cases (
	invoice TEXT PRIMARY KEY,            -- Invoice.Number, byte order
	doc     TEXT NOT NULL,               -- the DunningCase as JSON
	version INTEGER NOT NULL             -- 1, then one more per update
) WITHOUT ROWID;
