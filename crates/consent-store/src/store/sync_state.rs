//! The sync engine's own small facts (server, credential, clinic key, cursors), kept in the
//! encrypted file beside the ledger. The store gives them no meaning: consent-sync reads and writes
//! them as named values, several at once in one transaction so a half-written membership never
//! exists.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::Store;
use crate::error::StoreError;

impl Store {
    /// The sync value stored under `key`.
    pub fn sync_value(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn()
            .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Sets (`Some`) or removes (`None`) several sync values in one transaction.
    pub fn set_sync_values(&mut self, values: &[(&str, Option<&[u8]>)]) -> Result<(), StoreError> {
        let tx = self
            .db
            .connection_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (key, value) in values {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO sync_state (key, value) VALUES (?1, ?2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, v],
                )?,
                None => tx.execute("DELETE FROM sync_state WHERE key = ?1", [key])?,
            };
        }
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// The hash of row `seq` of `desk`'s chain as held here, to compare with a server's head.
    pub fn held_hash(
        &self,
        desk: consent_domain::ids::DeskId,
        seq: u64,
    ) -> Result<Option<[u8; 32]>, StoreError> {
        Ok(crate::ledger::hash_at(self.conn(), desk, seq)?)
    }

    /// The last sequence number of this desk's own chain as the file holds it now (whichever
    /// process appended it); 0 before the first row. With the pushed mark it says how many rows
    /// wait to be sent.
    pub fn own_head_seq(&self) -> Result<u64, StoreError> {
        Ok(crate::ledger::head(self.conn(), self.desk)?.map_or(0, |h| h.seq))
    }

    /// The last sequence number this handle appended or found at open: a use case that moved it
    /// recorded something, so the sync task has news to send.
    pub fn written_seq(&self) -> u64 {
        self.head.map_or(0, |h| h.seq)
    }
}
