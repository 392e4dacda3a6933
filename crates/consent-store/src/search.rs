//! Patient search: one box that takes a surname (and given name, patronymic) prefix, phone digits, a
//! birth date or a document number.
//!
//! Names are matched on normalised keys (lowercase, ё → е: SQLite's own case folding and FTS treat ё and
//! Cyrillic case badly) with B-tree prefix ranges, which answer in well under a millisecond on 100,000
//! patients where FTS5 with ranking did not (PLATFORM-NOTES). Ranking: alphabetical by surname, given
//! name and patronymic, which puts an exact surname before longer ones by itself ("иванов" <
//! "иванова"), so results come straight off the index with no sort step; for digits, phone matches
//! (in number order) come before document matches.

use consent_domain::ids::PatientId;
use consent_domain::patient::{parse_date, search_key};
use rusqlite::{Connection, params};

/// The longest query accepted; anything longer is cut (nobody types 100 characters into a search box).
pub const QUERY_MAX: usize = 100;

/// What a query asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Name prefixes: surname, then optionally given name and patronymic.
    Name {
        surname: String,
        given: Option<String>,
        patronymic: Option<String>,
    },
    /// Digits: a phone number prefix (as a national number) or a document number prefix.
    Digits { phone: String, digits: String },
    /// A birth date (ISO text).
    BirthDate(String),
    /// A document number with letters (a foreign passport, say).
    Document(String),
    /// Nothing to search for.
    Empty,
}

/// Reads what the receptionist typed.
pub fn parse(text: &str) -> Query {
    let text: String = text.chars().take(QUERY_MAX).collect();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Query::Empty;
    }
    if trimmed.chars().any(|c| c.is_ascii_digit())
        && let Ok(date) = parse_date(trimmed)
    {
        return Query::BirthDate(date.to_string());
    }
    let has_letters = trimmed.chars().any(char::is_alphabetic);
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if !has_letters {
        return if digits.is_empty() {
            Query::Empty
        } else {
            let phone = match trimmed.strip_prefix("+7") {
                Some(_) => digits[1..].to_owned(),
                None => national(&digits),
            };
            Query::Digits { phone, digits }
        };
    }
    if !digits.is_empty() {
        return Query::Document(search_key::document_number(trimmed));
    }
    let mut words = trimmed.split_whitespace().map(search_key::name);
    let surname = words.next().unwrap_or_default();
    Query::Name {
        surname,
        given: words.next(),
        patronymic: words.next(),
    }
}

/// Russian numbers are stored without the country code, so "8 912", "+7 912" and "912" all match.
fn national(digits: &str) -> String {
    match digits.len() {
        11 if digits.starts_with('7') || digits.starts_with('8') => digits[1..].to_owned(),
        _ => digits.to_owned(),
    }
}

/// The phone key stored for a patient: the national number of a Russian phone, all digits otherwise.
pub fn phone_key(phone: Option<&str>) -> String {
    phone
        .map(|p| national(&search_key::phone_digits(p)))
        .unwrap_or_default()
}

/// The smallest string greater than every string that starts with `prefix`.
fn upper_bound(prefix: &str) -> String {
    let mut bound = prefix.to_owned();
    bound.push(char::MAX);
    bound
}

/// Up to `limit` patients matching `query`, best first.
pub fn find(conn: &Connection, query: &Query, limit: usize) -> rusqlite::Result<Vec<PatientId>> {
    let limit = limit as i64;
    let ids: Vec<Vec<u8>> = match query {
        Query::Empty => Vec::new(),
        Query::Name {
            surname,
            given,
            patronymic,
        } => {
            let given = given.as_deref().unwrap_or("");
            let patronymic = patronymic.as_deref().unwrap_or("");
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM patients \
                 WHERE surname_key >= ?1 AND surname_key < ?2 \
                   AND given_key >= ?3 AND given_key < ?4 \
                   AND patronymic_key >= ?5 AND patronymic_key < ?6 \
                 ORDER BY surname_key, given_key, patronymic_key \
                 LIMIT ?7",
            )?;
            stmt.query_map(
                params![
                    surname,
                    upper_bound(surname),
                    given,
                    upper_bound(given),
                    patronymic,
                    upper_bound(patronymic),
                    limit
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?
        }
        Query::Digits { phone, digits } => {
            // Three index range scans, each stopping at `limit`; no sort over all matches, so a short
            // prefix that matches thousands of phones costs as little as a long one.
            let mut found: Vec<Vec<u8>> = Vec::new();
            let scans = [
                (
                    "SELECT id FROM patients WHERE phone_key >= ?1 AND phone_key < ?2 \
                  ORDER BY phone_key LIMIT ?3",
                    phone,
                ),
                (
                    "SELECT id FROM patients WHERE document_key >= ?1 AND document_key < ?2 \
                  ORDER BY document_key LIMIT ?3",
                    digits,
                ),
                (
                    "SELECT id FROM patients \
                  WHERE document_full_key >= ?1 AND document_full_key < ?2 \
                  ORDER BY document_full_key LIMIT ?3",
                    digits,
                ),
            ];
            for (sql, prefix) in scans {
                let mut stmt = conn.prepare_cached(sql)?;
                let ids = stmt.query_map(params![prefix, upper_bound(prefix), limit], |r| {
                    r.get::<_, Vec<u8>>(0)
                })?;
                for id in ids {
                    let id = id?;
                    if !found.contains(&id) {
                        found.push(id);
                    }
                }
                if found.len() as i64 >= limit {
                    break;
                }
            }
            found.truncate(limit.max(0) as usize);
            found
        }
        Query::Document(number) => {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM patients \
                 WHERE (document_key >= ?1 AND document_key < ?2) \
                    OR (document_full_key >= ?1 AND document_full_key < ?2) \
                 ORDER BY surname_key, given_key LIMIT ?3",
            )?;
            stmt.query_map(params![number, upper_bound(number), limit], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        }
        Query::BirthDate(date) => {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM patients WHERE birth_date = ?1 \
                 ORDER BY surname_key, given_key LIMIT ?2",
            )?;
            stmt.query_map(params![date, limit], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        }
    };
    Ok(ids
        .into_iter()
        .filter_map(|bytes| <[u8; 16]>::try_from(bytes).ok())
        .map(PatientId::from_bytes)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_read_the_way_a_receptionist_means_them() {
        let name = |s: &str, g: Option<&str>, p: Option<&str>| Query::Name {
            surname: s.to_owned(),
            given: g.map(str::to_owned),
            patronymic: p.map(str::to_owned),
        };
        let digits = |phone: &str, all: &str| Query::Digits {
            phone: phone.to_owned(),
            digits: all.to_owned(),
        };
        let cases = [
            ("Ёлк", name("елк", None, None)),
            ("  ИВАНОВ  пётр ", name("иванов", Some("петр"), None)),
            (
                "Иванов Пётр Сергеевич",
                name("иванов", Some("петр"), Some("сергеевич")),
            ),
            ("+7 (912) 345-67-89", digits("9123456789", "79123456789")),
            ("+7 912", digits("912", "7912")),
            ("8 912 345 67 89", digits("9123456789", "89123456789")),
            ("912345", digits("912345", "912345")),
            ("4510 123456", digits("4510123456", "4510123456")),
            ("15.03.1985", Query::BirthDate("1985-03-15".into())),
            ("1985-03-15", Query::BirthDate("1985-03-15".into())),
            (
                "IV-МЮ 123456",
                Query::Document(search_key::document_number("IV-МЮ 123456")),
            ),
            ("", Query::Empty),
            ("  -- ", Query::Empty),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), expected, "{text:?}");
        }
    }

    #[test]
    fn phone_keys_drop_the_russian_country_code() {
        let cases = [
            (Some("+79123456789"), "9123456789"),
            (Some("+49 30 1234567"), "49301234567"),
            (None, ""),
        ];
        for (phone, expected) in cases {
            assert_eq!(phone_key(phone), expected, "{phone:?}");
        }
    }
}
