//! The database id: names one desk database, and its OS keyring entry.
//!
//! Why an id and not a hash of the file path: the key must be found *before* the database can
//! be decrypted, so the id is kept in the clear in the desk's settings next to the database path
//! (and inside the database, in `meta.database_id`, to cross-check after opening). A path hash
//! would orphan the key whenever the file is moved, restored elsewhere, reached through a
//! symlink or a differently-cased Windows path, or the user's home directory is renamed. The id
//! is not secret.

use std::fmt;

use crate::error::{InvalidDatabaseId, KeyError};

const ID_BYTES: usize = 16;
const ID_HEX_LEN: usize = 2 * ID_BYTES;

/// 128 random bits as 32 lowercase hex characters.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DatabaseId(String);

impl DatabaseId {
    /// A fresh random id from the OS random number generator.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = [0u8; ID_BYTES];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Rng {
            detail: e.to_string(),
        })?;
        Ok(Self(hex::encode(bytes)))
    }

    /// Accepts exactly 32 lowercase hex characters.
    pub fn parse(text: &str) -> Result<Self, InvalidDatabaseId> {
        let valid = text.len() == ID_HEX_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidDatabaseId {
                found_chars: text.chars().count(),
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DatabaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for DatabaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseId({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_parse_back() {
        let id = DatabaseId::generate().unwrap();
        assert_eq!(DatabaseId::parse(id.as_str()).unwrap(), id);
    }

    #[test]
    fn parse_rejects_bad_ids() {
        for bad in [
            "",
            "0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0",
            "0123456789ABCDEF0123456789abcdef",
            "0123456789abcdeg0123456789abcdef",
        ] {
            let err = DatabaseId::parse(bad).unwrap_err();
            assert_eq!(err.code(), "database_id_invalid");
        }
    }
}
