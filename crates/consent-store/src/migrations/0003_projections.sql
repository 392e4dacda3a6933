-- Projections: the current state, folded from the ledger and rebuilt from it at will. Each object is
-- kept whole as a record (the store's codec) next to the columns that search and the queue need.
CREATE TABLE patients (
    id             BLOB PRIMARY KEY,
    surname_key    TEXT NOT NULL,
    given_key      TEXT NOT NULL,
    patronymic_key TEXT NOT NULL,
    phone_key      TEXT NOT NULL,
    birth_date     TEXT NOT NULL,
    -- The document number alone, and series + number: people type either.
    document_key   TEXT NOT NULL,
    document_full_key TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    record         BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX patients_by_name ON patients (surname_key, given_key, patronymic_key);
CREATE INDEX patients_by_phone ON patients (phone_key);
CREATE INDEX patients_by_birth_date ON patients (birth_date, surname_key, given_key);
CREATE INDEX patients_by_document ON patients (document_key);
CREATE INDEX patients_by_full_document ON patients (document_full_key);

CREATE TABLE consents (
    id         BLOB PRIMARY KEY,
    patient_id BLOB NOT NULL,
    record     BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX consents_by_patient ON consents (patient_id);

-- Printed forms, so a scanned QR code finds its consent.
CREATE TABLE forms (
    form_id    BLOB PRIMARY KEY,
    consent_id BLOB NOT NULL,
    patient_id BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE requests (
    id              BLOB PRIMARY KEY,
    patient_id      BLOB    NOT NULL,
    -- Copied from the patient so the queue needs no join (it lists ten thousand rows in milliseconds).
    patient_name    TEXT    NOT NULL,
    is_open         INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    extended        INTEGER NOT NULL,
    received_on     TEXT    NOT NULL,
    -- The deadline that matters now, computed with the calendar whose revision is stored beside it;
    -- NULL when nothing is due or the calendar does not know the year.
    next_due        TEXT,
    next_obligation TEXT,
    record          BLOB    NOT NULL
) WITHOUT ROWID;
CREATE INDEX requests_by_patient ON requests (patient_id);
CREATE INDEX requests_queue ON requests (is_open, next_due, received_on);

-- Facts from different desks that contradict each other, kept the same way on every desk.
CREATE TABLE conflicts (
    event_id BLOB PRIMARY KEY,
    kind     TEXT NOT NULL,
    reason   TEXT NOT NULL
) WITHOUT ROWID;

-- Years of the production calendar imported by an admin (xmlcalendar text), overriding built-in ones.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    xml  TEXT NOT NULL
);

-- Staff accounts (not data subjects of the clinic's patient register).
CREATE TABLE staff (
    id     BLOB PRIMARY KEY,
    login  TEXT NOT NULL UNIQUE,
    record BLOB NOT NULL
) WITHOUT ROWID;
