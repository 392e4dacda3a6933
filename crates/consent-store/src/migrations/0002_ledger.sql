-- The append-only ledger: one hash chain per desk. Envelopes in clear, bodies sealed per subject.
CREATE TABLE ledger (
    desk_id     BLOB    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    event_id    BLOB    NOT NULL,
    hlc_ms      INTEGER NOT NULL,
    hlc_counter INTEGER NOT NULL,
    actor       BLOB    NOT NULL,
    kind        TEXT    NOT NULL,
    subject_id  BLOB    NOT NULL,
    nonce       BLOB    NOT NULL,
    payload     BLOB    NOT NULL,
    prev_hash   BLOB    NOT NULL,
    hash        BLOB    NOT NULL,
    PRIMARY KEY (desk_id, seq)
) WITHOUT ROWID;

CREATE UNIQUE INDEX ledger_event_id ON ledger (event_id);
CREATE INDEX ledger_fold_order ON ledger (hlc_ms, hlc_counter, desk_id, seq);
CREATE INDEX ledger_subject ON ledger (subject_id, hlc_ms, hlc_counter);

-- The ledger is append-only: no row may change or disappear through SQL.
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only');
END;

-- One random key per data subject; deleting a row destroys that subject's personal data for good.
CREATE TABLE subject_keys (
    subject_id BLOB PRIMARY KEY,
    key        BLOB NOT NULL CHECK (length(key) = 32)
) WITHOUT ROWID;
