-- 0006: this desk's membership of the clinic's server, kept inside the encrypted file: the server's
-- address and pinned certificate fingerprint, this desk's credential, the clinic key, and how far
-- push and pull have got. Written by the sync engine (consent-sync), read by nothing else.
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value BLOB NOT NULL
) STRICT, WITHOUT ROWID;
