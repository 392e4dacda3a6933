-- 0001: the desk database's own facts (key/value). Placeholder first migration: the ledger,
-- projections and search tables are designed elsewhere and arrive as later migrations.
-- Rows written at creation (see open.rs): database_id, created_at.
-- Rules for every migration file: plain SQL, no BEGIN/COMMIT (the runner wraps each file in
-- one transaction and bumps PRAGMA user_version itself), never edit a file once released.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
