-- 0007: destroyed subjects and the register of acts of destruction.
--
-- A destroyed subject's key is gone; what outlives them (codes, dates and ids, no personal data) is
-- folded from the clear destruction event into `destroyed_subjects`, so the audit trail and the
-- journal keep them.
CREATE TABLE destroyed_subjects (
    subject_id BLOB PRIMARY KEY,
    record     BLOB NOT NULL
) WITHOUT ROWID;

-- The acts of destruction this desk drew up (order No. 179): the act and its extract from the event
-- log as drawn up, and the subject's full name, the one personal datum that outlives a destruction,
-- held here and nowhere else until the act's three-year keeping period ends (then `subject_name`
-- is set to NULL, with secure_delete overwriting the old cell). Not a projection: written with the
-- destruction in one transaction, never rebuilt from the ledger.
CREATE TABLE destruction_acts (
    act_id       BLOB PRIMARY KEY,
    number       INTEGER NOT NULL UNIQUE,
    subject_id   BLOB NOT NULL,
    request_id   BLOB NOT NULL,
    drawn_up_on  TEXT NOT NULL,
    keep_until   TEXT NOT NULL,
    subject_name TEXT,
    act          BLOB NOT NULL
) WITHOUT ROWID;
