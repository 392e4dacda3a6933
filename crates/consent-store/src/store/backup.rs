//! Online backup: a consistent, encrypted, checked copy of the desk while it keeps working.

use std::path::Path;

use rusqlite::Connection;

use super::Store;
use crate::error::StoreError;
use crate::open::sidecar_paths;

impl Store {
    /// Writes a consistent, encrypted copy of the desk to `target` (a new file, 0600): the whole
    /// database as of one read transaction, under the same key (SQLCipher's `sqlcipher_export` into a
    /// database attached without a key of its own takes the main one's). The copy is checked before
    /// it takes its name: it opens with the key, its pages and chains are whole and it holds the
    /// same events. Returns the number of events copied. The desk keeps working meanwhile.
    pub fn backup_to(&self, target: &Path) -> Result<u64, StoreError> {
        if std::fs::symlink_metadata(target).is_ok() {
            return Err(StoreError::AlreadyExists {
                path: target.to_path_buf(),
            });
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = target.with_file_name(format!(".{name}.{}.part", std::process::id()));
        let io = |source| StoreError::Io {
            path: target.to_path_buf(),
            source,
        };
        {
            // An empty file made 0600 first: SQLite would create it with the umask's mode.
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            options.open(&temporary).map_err(io)?;
        }
        let copied = self.export_to(&temporary).and_then(|events| {
            std::fs::rename(&temporary, target).map_err(io)?;
            Ok(events)
        });
        if copied.is_err() {
            for leftover in std::iter::once(temporary.clone()).chain(sidecar_paths(&temporary)) {
                let _ = std::fs::remove_file(leftover);
            }
        }
        copied
    }

    /// Exports the whole database into the empty file at `path`; returns the events it holds.
    fn export_to(&self, path: &Path) -> Result<u64, StoreError> {
        let conn = self.conn();
        let text = path.to_str().ok_or_else(|| StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::InvalidInput),
        })?;
        conn.execute("ATTACH DATABASE ?1 AS copy", [text])
            .map_err(StoreError::sqlite("attaching the backup file"))?;
        let exported = conn
            .execute_batch("BEGIN")
            .map_err(StoreError::from)
            .and_then(|()| {
                // One read transaction: the copy and its check see the same moment of the desk.
                let result = self.export_and_check(path);
                conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
                result
            });
        conn.execute_batch("DETACH DATABASE copy")
            .map_err(StoreError::sqlite("detaching the backup file"))?;
        exported
    }

    /// Inside the caller's transaction, with the empty copy attached as `copy`: exports the whole
    /// database and checks the copy before it takes its name (whole pages, and the very chain, every
    /// desk's rows with their hashes, that the desk holds). Returns the number of events.
    fn export_and_check(&self, path: &Path) -> Result<u64, StoreError> {
        let conn = self.conn();
        let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        conn.query_row("SELECT sqlcipher_export('copy')", [], |_| Ok(()))?;
        conn.execute_batch(&format!("PRAGMA copy.user_version = {version}"))?;
        let original = chain_links(conn, "main")?;
        let problems = crate::open::file_check(conn, "copy.quick_check")?;
        if !problems.is_empty() || chain_links(conn, "copy")? != original {
            return Err(StoreError::Damaged {
                path: path.to_path_buf(),
                detail: format!(
                    "the backup does not match the desk: {}",
                    problems.join("; ")
                ),
            });
        }
        Ok(original.len() as u64)
    }
}

/// One row of a chain as (desk id, seq, hash), for comparing a backup with its desk.
type ChainLink = (Vec<u8>, i64, Vec<u8>);

/// Every desk's chain in the ledger of `schema` (`main` or an attached copy), in order.
fn chain_links(conn: &Connection, schema: &str) -> Result<Vec<ChainLink>, StoreError> {
    Ok(conn
        .prepare(&format!(
            "SELECT desk_id, seq, hash FROM {schema}.ledger ORDER BY desk_id, seq"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}
