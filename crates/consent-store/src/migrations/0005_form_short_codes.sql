-- 0005: each printed form's short code (XXXX-XXXX, the code beside its QR code), kept in an indexed
-- column so that a typed code is found by one index lookup instead of computing the code of every
-- form ever printed. The code is a digest of the form id (consent_domain::form_code), which SQL
-- cannot compute: rows written before this migration are filled by its Rust step
-- (migrations.rs, `rust_step`) inside the same transaction, so no row is left without its code.
ALTER TABLE forms ADD COLUMN short_code TEXT NOT NULL DEFAULT '';
ALTER TABLE printed_forms ADD COLUMN short_code TEXT NOT NULL DEFAULT '';
CREATE INDEX forms_by_short_code ON forms (short_code);
CREATE INDEX printed_forms_by_short_code ON printed_forms (short_code);
