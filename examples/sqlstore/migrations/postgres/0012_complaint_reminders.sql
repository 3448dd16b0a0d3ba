-- complaint.Complaint.Reminded: the reminders sent to staff about a
-- complaint's deadlines, as a JSON array in the complaint's row.

ALTER TABLE complaints ADD COLUMN reminded JSONB NOT NULL DEFAULT '[]';
