//! How bytes and ids are spelled in JSON: bodies and nonces in base64 (standard alphabet, padded),
//! hashes and fingerprints in lowercase hex, ids as hyphenated UUIDs. Used with `#[serde(with)]`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// `Vec<u8>` as base64.
pub mod b64 {
    use super::*;

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(|_| D::Error::custom("not base64"))
    }
}

/// `[u8; 32]` as 64 lowercase hex digits.
pub mod hex32 {
    use super::*;

    pub fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let mut out = [0u8; 32];
        hex::decode_to_slice(text.as_bytes(), &mut out)
            .map_err(|_| D::Error::custom("not 64 hex digits"))?;
        Ok(out)
    }
}

/// `[u8; 16]` as a hyphenated UUID.
pub mod uuid16 {
    use super::*;

    pub fn serialize<S: Serializer>(bytes: &[u8; 16], s: S) -> Result<S::Ok, S::Error> {
        let mut buf = uuid::Uuid::encode_buffer();
        s.serialize_str(
            uuid::Uuid::from_bytes(*bytes)
                .hyphenated()
                .encode_lower(&mut buf),
        )
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 16], D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        uuid::Uuid::try_parse(&text)
            .map(|u| *u.as_bytes())
            .map_err(|_| D::Error::custom("not a UUID"))
    }
}

/// `Option<Vec<u8>>` as base64 or absent.
pub mod b64_opt {
    use super::*;

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => s.serialize_some(&STANDARD.encode(b)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        text.map(|t| {
            STANDARD
                .decode(t.as_bytes())
                .map_err(|_| D::Error::custom("not base64"))
        })
        .transpose()
    }
}
