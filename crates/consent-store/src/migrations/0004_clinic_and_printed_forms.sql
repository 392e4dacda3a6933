-- Desk-wide settings folded from the ledger (the clinic's details), and printed forms other than
-- consents (withdrawals, notices, acts), so a scanned code finds what it was.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    record BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE printed_forms (
    form_id    BLOB PRIMARY KEY,
    patient_id BLOB NOT NULL,
    document   TEXT NOT NULL,
    request_id BLOB
) WITHOUT ROWID;
CREATE INDEX printed_forms_by_patient ON printed_forms (patient_id);

-- Staff password hashes (argon2id, PHC form). Never a password.
CREATE TABLE credentials (
    staff_id BLOB PRIMARY KEY,
    hash     TEXT NOT NULL
) WITHOUT ROWID;
