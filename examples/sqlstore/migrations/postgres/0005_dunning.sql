-- billing.DunningStore: one row per invoice with the case as a JSON
-- document (money as decimal strings with their scale) and a version.
-- Invoice numbers sort in byte order (COLLATE "C").

CREATE TABLE dunning_cases (
	invoice TEXT COLLATE "C" PRIMARY KEY, -- Invoice.Number
	doc     JSONB NOT NULL,               -- the DunningCase
	version BIGINT NOT NULL               -- 1, then one more per update
);
