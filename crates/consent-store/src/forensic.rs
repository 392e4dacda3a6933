//! Test support: the plaintext of every page a desk's database has on disk.
//!
//! Erasing a data subject has to leave nothing behind that the database key can still read: not
//! the live rows, and also not a freed cell, a free page, or an old frame left in the `-wal` file.
//! SQLite will not show any of those through SQL, so a test that only runs `SELECT`s proves
//! nothing. [`decrypted_pages`] decrypts the files themselves, page by page, with the desk's key,
//! which is exactly what someone holding the file and the key could do, and [`found`] /
//! [`contains`] say whether a surname, an e-mail, a phone number or a key's bytes are still there.
//!
//! Compiled only for tests (this crate's, or other crates' through the `forensic` feature): the app
//! has no reason to hold a whole decrypted database in memory.
//!
//! The format read is what [`crate::open`] writes, and nothing else: SQLCipher 4 with a raw key
//! (the key *is* the AES key, no KDF), 4096-byte pages, each ending in 80 reserved bytes (a 16-byte
//! IV, then a 64-byte HMAC-SHA512); AES-256-CBC without padding over bytes 0..4016 of a page, or
//! 16..4016 of page 1, whose first 16 bytes are the file's salt. The WAL is SQLite's own (a 32-byte
//! header, then frames of a 24-byte header and one page) with each page encrypted the same way.
//!
//! What it checks and what it does not:
//! * the key: every copy of page 1 (in the file and in any WAL frame) must decrypt to SQLite's
//!   header fields for 4096-byte pages with 80 reserved bytes, or the call fails. A wrong key
//!   gives random bytes there (the chance of passing is about 2⁻⁵⁶), so it is an error, never a
//!   haystack of garbage in which nothing is "found". The HMACs are not verified.
//! * the text encoding must be UTF-8 (SQLite's default), so that searching a string's UTF-8
//!   bytes searches the form it is stored in.
//! * a needle is found as stored bytes. A value kept in another form (hex, base64, sealed with a
//!   subject's key) is found only if that form is searched; a record longer than about 3.9 KiB
//!   spills into overflow pages and a value cut at the spill point has a 4-byte page number in
//!   between: [`contains_piece`] finds the halves.
//! * pages are concatenated, usable part only (the IV and HMAC are not data), page 1 with the
//!   plain `"SQLite format 3\0"` in place of the salt, as SQLCipher hands it to SQLite.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use aes::Aes256;
use aes::cipher::{Array, BlockModeDecrypt, InnerIvInit, KeyInit};

use crate::key::DbKey;

/// SQLCipher 4's page size, as pinned by `cipher_compatibility = 4`.
const PAGE_SIZE: usize = 4096;
/// IV (16) + HMAC-SHA512 (64) at the end of every page.
const RESERVE: usize = 80;
const IV_LEN: usize = 16;
/// The part of a page SQLite uses; also where the encrypted region ends.
const USABLE: usize = PAGE_SIZE - RESERVE;
/// Page 1 starts with the salt in the file and with SQLite's magic in the plaintext.
const SALT_LEN: usize = 16;
const SQLITE_MAGIC: &[u8; SALT_LEN] = b"SQLite format 3\0";

const WAL_HEADER_LEN: usize = 32;
const WAL_FRAME_HEADER_LEN: usize = 24;
const WAL_FRAME_LEN: usize = WAL_FRAME_HEADER_LEN + PAGE_SIZE;
/// Big-endian WAL magic; the last bit only says which byte order the checksums use.
const WAL_MAGIC: [u32; 2] = [0x377f_0682, 0x377f_0683];

/// The plaintext of every page of `db_path` followed by that of every frame of `<db_path>-wal`
/// (all frames in the file, including ones already checkpointed or left over from before the WAL
/// was restarted). A missing or empty WAL adds nothing.
///
/// Errors: the files' own I/O errors; [`io::ErrorKind::InvalidData`] when the key does not
/// decrypt page 1 (or a WAL copy of it), when a file is not whole pages / whole frames, or when the
/// database stores text as UTF-16.
pub fn decrypted_pages(db_path: &Path, key: &DbKey) -> io::Result<Vec<u8>> {
    let file = fs::read(db_path)?;
    let wal = read_wal(db_path)?;
    let cipher = PageCipher::new(key);
    // Allocated once at its final size: a growing vector would leave copies of plaintext behind
    // in freed memory.
    let pages = file.len() / PAGE_SIZE + wal.len() / WAL_FRAME_LEN;
    let mut plaintext = Vec::with_capacity(pages * USABLE);
    decrypt_main_file(&file, &cipher, &mut plaintext)?;
    decrypt_wal(&wal, &cipher, &mut plaintext)?;
    Ok(plaintext)
}

/// Whether `needle` occurs in `haystack` as one run of bytes (an empty needle always does).
/// A `&str` is searched as its UTF-8 bytes, Cyrillic included: `contains(h, "Ёлкина".as_bytes())`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    haystack
        .iter()
        .enumerate()
        .filter(|&(_, &byte)| byte == first)
        .any(|(at, _)| haystack[at..].starts_with(needle))
}

/// The needles that occur in `haystack`, in the order given: empty when none is recoverable, and
/// otherwise a list worth printing in the assertion's message. Takes `&str` (as UTF-8 bytes) or
/// byte slices: `found(&pages, &["Щербакова", "shch@example.org"])`, `found(&pages, &[&key[..]])`.
pub fn found<'n, N: AsRef<[u8]> + ?Sized>(haystack: &[u8], needles: &[&'n N]) -> Vec<&'n N> {
    needles
        .iter()
        .copied()
        .filter(|needle| contains(haystack, needle.as_ref()))
        .collect()
}

/// Whether any `piece_len`-byte run of `needle` occurs in `haystack`. With
/// `piece_len = needle.len().div_ceil(2)` a value cut once (e.g. by an overflow page's pointer) is
/// still found; shorter pieces find more and match by chance more often.
pub fn contains_piece(haystack: &[u8], needle: &[u8], piece_len: usize) -> bool {
    if piece_len >= needle.len() {
        return contains(haystack, needle);
    }
    piece_len == 0
        || needle
            .windows(piece_len)
            .any(|piece| contains(haystack, piece))
}

/// The AES-256 key schedule, built once and reused for every page. `aes`'s `zeroize` feature
/// wipes it (and each per-page copy) on drop; the key bytes themselves are borrowed from the
/// [`DbKey`], never copied.
struct PageCipher {
    aes: Aes256,
}

impl PageCipher {
    fn new(key: &DbKey) -> Self {
        Self {
            aes: Aes256::new(key.as_bytes().into()),
        }
    }

    /// Appends the plaintext of one encrypted page (usable part only) to `out`, decrypting in
    /// place there so that no other copy of the plaintext is made.
    fn decrypt_page(&self, page: &[u8], is_page_one: bool, out: &mut Vec<u8>) -> io::Result<()> {
        let start = out.len();
        out.extend_from_slice(&page[..USABLE]);
        let plain = &mut out[start..];
        let encrypted_from = if is_page_one { SALT_LEN } else { 0 };
        let iv: &[u8; IV_LEN] = page[USABLE..USABLE + IV_LEN]
            .try_into()
            .map_err(|_| invalid("a page is shorter than its IV"))?;
        let (blocks, rest) = Array::slice_as_chunks_mut(&mut plain[encrypted_from..]);
        debug_assert!(rest.is_empty(), "4000 and 4016 are whole AES blocks");
        cbc::Decryptor::<Aes256>::inner_iv_init(self.aes.clone(), iv.into()).decrypt_blocks(blocks);
        if is_page_one {
            plain[..SALT_LEN].copy_from_slice(SQLITE_MAGIC);
            check_page_one(plain)?;
        }
        Ok(())
    }
}

/// Page 1's header after the magic is fixed for our files: a wrong key does not reproduce it.
/// (The magic itself proves nothing: SQLCipher stores the salt there and puts the magic back.)
fn check_page_one(plain: &[u8]) -> io::Result<()> {
    let header = &plain[16..24];
    let page_size = u16::from_be_bytes([header[0], header[1]]);
    let versions_ok = matches!(header[2], 1 | 2) && matches!(header[3], 1 | 2);
    let fixed = [RESERVE as u8, 64, 32, 32];
    if usize::from(page_size) != PAGE_SIZE || !versions_ok || header[4..] != fixed {
        return Err(invalid(
            "page 1 does not decrypt to an SQLite header: a wrong key, or not an SQLCipher 4 file \
             with 4096-byte pages",
        ));
    }
    // 0 until the first table is created; 2 and 3 are UTF-16, which UTF-8 needles would miss.
    let encoding = u32::from_be_bytes([plain[56], plain[57], plain[58], plain[59]]);
    if encoding > 1 {
        return Err(invalid(
            "the database stores text as UTF-16; searching UTF-8 bytes would miss it",
        ));
    }
    Ok(())
}

/// Every page of the main file, page 1 first (so a wrong key fails before anything else).
fn decrypt_main_file(file: &[u8], cipher: &PageCipher, out: &mut Vec<u8>) -> io::Result<()> {
    if file.is_empty() || !file.len().is_multiple_of(PAGE_SIZE) {
        return Err(invalid(
            "the database file is not a whole, non-zero number of 4096-byte pages",
        ));
    }
    for (index, page) in file.chunks_exact(PAGE_SIZE).enumerate() {
        cipher.decrypt_page(page, index == 0, out)?;
    }
    Ok(())
}

/// `<db_path>-wal`'s bytes; none when there is no WAL (closing the last connection deletes it).
fn read_wal(db_path: &Path) -> io::Result<Vec<u8>> {
    match fs::read(wal_path(db_path)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        read => read,
    }
}

/// Every frame of the WAL, whatever its salt: frames from before the last WAL restart are stale
/// to SQLite but still on disk, which is the point.
fn decrypt_wal(wal: &[u8], cipher: &PageCipher, out: &mut Vec<u8>) -> io::Result<()> {
    if wal.is_empty() {
        return Ok(());
    }
    let Some((header, frames)) = wal.split_first_chunk::<WAL_HEADER_LEN>() else {
        return Err(invalid("the WAL is shorter than its header"));
    };
    let magic = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
    let page_size = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
    if !WAL_MAGIC.contains(&magic) || usize::try_from(page_size).ok() != Some(PAGE_SIZE) {
        return Err(invalid(
            "the WAL header is not SQLite's, or not for 4096-byte pages",
        ));
    }
    // A torn last frame (a crash mid-write) is refused rather than skipped: skipping would hide
    // bytes from a test that is meant to see everything.
    if !frames.len().is_multiple_of(WAL_FRAME_LEN) {
        return Err(invalid("the WAL does not end on a whole frame"));
    }
    for frame in frames.chunks_exact(WAL_FRAME_LEN) {
        let (frame_header, page) = frame.split_at(WAL_FRAME_HEADER_LEN);
        let page_number = u32::from_be_bytes([
            frame_header[0],
            frame_header[1],
            frame_header[2],
            frame_header[3],
        ]);
        cipher.decrypt_page(page, page_number == 1, out)?;
    }
    Ok(())
}

fn wal_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

fn invalid(message: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use rusqlite::{Connection, params};
    use tempfile::TempDir;

    use super::*;
    use crate::{Database, DatabaseId};

    const SURNAME: &str = "Щербаковапроверка";
    const EMAIL: &str = "forensic-marker-7f3a@example.org";
    const PHONE: &str = "+7 913 555-01-42";

    /// A desk database made by the crate's own `create`, with the crate's own settings.
    struct Desk {
        dir: TempDir,
        path: PathBuf,
        key: DbKey,
        db: Database,
        /// Stands for a subject's 32-byte key stored in a row.
        secret: [u8; 32],
    }

    impl Desk {
        fn new() -> Self {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("desk.db");
            let key = DbKey::generate().expect("key");
            let id = DatabaseId::generate().expect("id");
            let db = Database::create(&path, &key, &id).expect("create");
            db.connection()
                .execute_batch(
                    "CREATE TABLE probe (id INTEGER PRIMARY KEY, surname TEXT, email TEXT, \
                     phone TEXT, secret BLOB)",
                )
                .expect("probe table");
            let mut secret = [0u8; 32];
            getrandom::fill(&mut secret).expect("random");
            Self {
                dir,
                path,
                key,
                db,
                secret,
            }
        }

        fn conn(&self) -> &Connection {
            self.db.connection()
        }

        fn insert(&self) {
            self.conn()
                .execute(
                    "INSERT INTO probe (surname, email, phone, secret) VALUES (?1, ?2, ?3, ?4)",
                    params![SURNAME, EMAIL, PHONE, &self.secret[..]],
                )
                .expect("insert");
        }

        fn delete(&self) {
            let deleted = self
                .conn()
                .execute("DELETE FROM probe", [])
                .expect("delete");
            assert_eq!(deleted, 1);
        }

        /// `PRAGMA wal_checkpoint(<mode>)`, which must not be blocked by a reader.
        fn checkpoint(&self, mode: &str) {
            let (busy, _, _): (i64, i64, i64) = self
                .conn()
                .query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .expect("checkpoint");
            assert_eq!(busy, 0, "checkpoint {mode} was blocked");
        }

        fn needles(&self) -> [&[u8]; 4] {
            [
                SURNAME.as_bytes(),
                EMAIL.as_bytes(),
                PHONE.as_bytes(),
                &self.secret[..],
            ]
        }

        /// Which of the row's values can be read back from the file and the WAL with the key.
        fn recoverable(&self) -> Vec<&[u8]> {
            let pages = decrypted_pages(&self.path, &self.key).expect("decrypt");
            found(&pages, &self.needles())
        }

        fn main_plaintext(&self) -> Vec<u8> {
            let mut out = Vec::new();
            let file = fs::read(&self.path).expect("read file");
            decrypt_main_file(&file, &PageCipher::new(&self.key), &mut out).expect("main file");
            out
        }

        fn wal_plaintext(&self) -> Vec<u8> {
            let mut out = Vec::new();
            let wal = read_wal(&self.path).expect("read wal");
            decrypt_wal(&wal, &PageCipher::new(&self.key), &mut out).expect("wal");
            out
        }

        fn raw_files(&self) -> Vec<u8> {
            let mut bytes = fs::read(&self.path).expect("read file");
            bytes.extend(fs::read(wal_path(&self.path)).unwrap_or_default());
            bytes
        }
    }

    #[test]
    fn the_key_reads_back_what_the_files_hide() {
        let desk = Desk::new();
        desk.insert();
        let all = desk.needles().to_vec();

        assert!(found(&desk.raw_files(), &all).is_empty(), "stored in clear");
        // Committed but not checkpointed: only the WAL has the row.
        assert_eq!(found(&desk.wal_plaintext(), &all), all);
        assert!(found(&desk.main_plaintext(), &all).is_empty());
        assert_eq!(desk.recoverable(), all);

        desk.checkpoint("TRUNCATE");
        assert_eq!(fs::metadata(wal_path(&desk.path)).expect("wal").len(), 0);
        assert!(found(&desk.raw_files(), &all).is_empty(), "stored in clear");
        assert_eq!(found(&desk.main_plaintext(), &all), all);
        assert_eq!(desk.recoverable(), all);

        // Page 1 as SQLite sees it, and one usable page per 4096 bytes on disk.
        let main = desk.main_plaintext();
        assert!(main.starts_with(SQLITE_MAGIC));
        // Page size 4096, WAL read/write versions, 80 reserved bytes, the fixed payload fractions.
        assert_eq!(main[16..24], [0x10, 0x00, 2, 2, 80, 64, 32, 32]);
        assert_eq!(main[56..60], [0, 0, 0, 1], "UTF-8");
        let pages = fs::metadata(&desk.path).expect("file").len() as usize / PAGE_SIZE;
        assert_eq!(main.len(), pages * USABLE);
    }

    #[test]
    fn freed_cells_stay_readable_when_secure_delete_is_off() {
        let desk = Desk::new();
        desk.insert();
        desk.checkpoint("TRUNCATE");
        desk.conn()
            .execute_batch("PRAGMA secure_delete = OFF;")
            .expect("pragma");
        desk.delete();
        desk.checkpoint("TRUNCATE");

        let rows: i64 = desk
            .conn()
            .query_row("SELECT count(*) FROM probe", [], |r| r.get(0))
            .expect("count");
        assert_eq!(rows, 0, "SQL no longer sees the row");
        assert_eq!(
            desk.recoverable(),
            desk.needles().to_vec(),
            "the freed cell is still in the page"
        );
    }

    #[test]
    fn secure_delete_leaves_nothing_once_the_wal_is_truncated() {
        let desk = Desk::new();
        let secure: i64 = desk
            .conn()
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(secure, 1, "the crate's own setting");
        desk.insert();
        desk.delete();
        // The insert's frame is still in the WAL next to the delete's zeroed page.
        assert_eq!(desk.recoverable(), desk.needles().to_vec());

        desk.checkpoint("TRUNCATE");
        assert_eq!(desk.recoverable(), Vec::<&[u8]>::new());
    }

    #[test]
    fn the_row_is_also_gone_when_deleted_after_a_checkpoint() {
        // The row reached the main file before the delete: secure_delete must zero it there.
        let desk = Desk::new();
        desk.insert();
        desk.checkpoint("TRUNCATE");
        desk.delete();
        assert_eq!(
            desk.recoverable(),
            desk.needles().to_vec(),
            "the main file keeps the row until the zeroed page is checkpointed"
        );
        desk.checkpoint("TRUNCATE");
        assert_eq!(desk.recoverable(), Vec::<&[u8]>::new());
    }

    #[test]
    fn a_passive_checkpoint_leaves_old_frames_in_the_wal_until_close() {
        let desk = Desk::new();
        desk.insert();
        desk.delete();
        desk.checkpoint("PASSIVE");
        assert!(found(&desk.main_plaintext(), &desk.needles()).is_empty());
        assert_eq!(
            found(&desk.wal_plaintext(), &desk.needles()),
            desk.needles().to_vec(),
            "a checkpoint copies pages out of the WAL but does not erase it"
        );

        // Closing the last connection checkpoints and deletes the WAL.
        let Desk {
            dir: _dir,
            path,
            key,
            db,
            secret,
        } = desk;
        db.close().expect("close");
        assert!(!wal_path(&path).exists());
        let pages = decrypted_pages(&path, &key).expect("decrypt");
        let needles: [&[u8]; 4] = [
            SURNAME.as_bytes(),
            EMAIL.as_bytes(),
            PHONE.as_bytes(),
            &secret[..],
        ];
        assert_eq!(found(&pages, &needles), Vec::<&[u8]>::new());
    }

    #[test]
    fn a_wrong_key_is_an_error_not_an_empty_haystack() {
        let desk = Desk::new();
        desk.insert();
        let wrong = DbKey::generate().expect("key");
        let err = decrypted_pages(&desk.path, &wrong).expect_err("wrong key");
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("wrong key"), "{err}");
        // A WAL copy of page 1 is checked too, even with the main file's page 1 fine.
        let wal = read_wal(&desk.path).expect("read wal");
        assert!(decrypt_wal(&wal, &PageCipher::new(&wrong), &mut Vec::new()).is_err());
    }

    #[test]
    fn files_that_are_not_whole_pages_or_frames_are_refused() {
        let desk = Desk::new();
        desk.insert();
        let mut wal = fs::read(wal_path(&desk.path)).expect("wal");
        wal.truncate(wal.len() - 1);
        let torn = desk.dir.path().join("torn.db");
        fs::copy(&desk.path, &torn).expect("copy");
        fs::write(wal_path(&torn), &wal).expect("torn wal");
        let err = decrypted_pages(&torn, &desk.key).expect_err("torn wal");
        assert!(err.to_string().contains("whole frame"), "{err}");

        let mut main = fs::read(&desk.path).expect("file");
        main.push(0);
        fs::write(&torn, &main).expect("long file");
        let err = decrypted_pages(&torn, &desk.key).expect_err("odd size");
        assert!(err.to_string().contains("4096-byte pages"), "{err}");
    }

    #[test]
    fn a_value_cut_by_an_overflow_pointer_is_found_only_in_pieces() {
        let desk = Desk::new();
        desk.conn()
            .execute_batch("CREATE TABLE spill (v BLOB)")
            .expect("table");
        // A 5000-byte blob makes a 5003-byte record (3-byte header) of which SQLite keeps 991
        // bytes in the leaf (usable 4016: M = 479, K = M + (5003 - M) % 4012 = 991) and moves the
        // rest to an overflow page after its 4-byte next-page number.
        let local_blob_bytes = 991 - 3;
        let marker = EMAIL.as_bytes();
        let cut = 5;
        let mut blob = vec![0u8; 5000];
        blob[local_blob_bytes - cut..][..marker.len()].copy_from_slice(marker);
        desk.conn()
            .execute("INSERT INTO spill (v) VALUES (?1)", [&blob])
            .expect("insert");

        let pages = decrypted_pages(&desk.path, &desk.key).expect("decrypt");
        assert!(!contains(&pages, marker));
        assert!(contains(&pages, &marker[..cut]) && contains(&pages, &marker[cut..]));
        assert!(contains_piece(&pages, marker, marker.len().div_ceil(2)));
    }

    #[test]
    fn searching() {
        let hay = "Фамилия: Ёлкина; key=\u{1}\u{2}".as_bytes();
        assert!(contains(hay, "Ёлкина".as_bytes()));
        assert!(
            !contains(hay, "Елкина".as_bytes()),
            "ё and е are other bytes"
        );
        assert!(contains(hay, b""));
        assert!(!contains(b"", b"x"));
        assert!(!contains(b"ab", b"abc"));
        assert_eq!(
            found(hay, &["Ёлкина", "Иванова", "key="]),
            ["Ёлкина", "key="]
        );
        assert_eq!(found(hay, &[&[1u8, 2][..]]), [&[1u8, 2][..]]);
        assert!(contains_piece(hay, "Ёлк|ина".as_bytes(), 6));
        assert!(!contains_piece(hay, "Ёл|ки".as_bytes(), 5));
    }
}
