use std::fs;
use std::path::Path;

use consent_store::{
    Database, KeyError, KeyOrigin, KeySource, MalformedKey, read_key_file, resolve,
};
use zeroize::Zeroizing;

use crate::util::created;

const HEX: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

fn write_key_file(dir: &Path, name: &str, content: &[u8], mode: u32) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, content).expect("write key file");
    set_mode(&path, mode);
    path
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod key file");
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) {}

#[test]
fn key_file_contents_table() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, Result<(), MalformedKey>)> = vec![
        ("bare", HEX.into(), Ok(())),
        ("newline", format!("{HEX}\n").into(), Ok(())),
        ("crlf", format!("{HEX}\r\n").into(), Ok(())),
        ("upper", HEX.to_uppercase().into(), Ok(())),
        (
            "two-newlines",
            format!("{HEX}\n\n").into(),
            Err(MalformedKey::WrongLength { found: 65 }),
        ),
        (
            "leading-space",
            format!(" {HEX}").into(),
            Err(MalformedKey::WrongLength { found: 65 }),
        ),
        (
            "short",
            HEX[..63].into(),
            Err(MalformedKey::WrongLength { found: 63 }),
        ),
        (
            "empty",
            Vec::new(),
            Err(MalformedKey::WrongLength { found: 0 }),
        ),
        (
            "not-hex",
            format!("{}q", &HEX[..63]).into(),
            Err(MalformedKey::NotHex { position: 64 }),
        ),
        (
            "not-utf8",
            [&HEX.as_bytes()[..10], &[0xff], &HEX.as_bytes()[11..]].concat(),
            Err(MalformedKey::NotHex { position: 11 }),
        ),
        (
            "huge",
            vec![b'a'; 10_000],
            Err(MalformedKey::WrongLength { found: 10_000 }),
        ),
    ];
    for (name, content, expected) in cases {
        let path = write_key_file(dir.path(), name, &content, 0o600);
        match (read_key_file(&path), expected) {
            (Ok(key), Ok(())) => assert_eq!(*key.reveal_hex(), HEX, "{name}"),
            (Err(KeyError::Malformed { origin, problem }), Err(want)) => {
                assert_eq!(origin, KeyOrigin::KeyFile(path.clone()), "{name}");
                assert_eq!(problem, want, "{name}");
            }
            (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
        }
    }
}

#[cfg(unix)]
#[test]
fn key_file_mode_must_be_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    for (mode, ok) in [
        (0o600, true),
        (0o400, true),
        (0o644, false),
        (0o640, false),
        (0o604, false),
        (0o660, false),
        (0o700, false),
        (0o666, false),
    ] {
        let path = write_key_file(dir.path(), &format!("key-{mode:o}"), HEX.as_bytes(), mode);
        match read_key_file(&path) {
            Ok(_) => assert!(ok, "mode {mode:o} must be refused"),
            Err(KeyError::KeyFilePermissions { mode: got, .. }) => {
                assert!(!ok, "mode {mode:o} must be accepted");
                assert_eq!(got, mode);
            }
            Err(other) => panic!("mode {mode:o}: {other:?}"),
        }
    }
    // The permission error comes before the content is even looked at, and says how to fix it.
    let path = write_key_file(dir.path(), "garbage", b"not a key", 0o644);
    let err = read_key_file(&path).unwrap_err();
    assert_eq!(err.code(), "key_file_permissions");
    assert!(err.to_string().contains("chmod 600"), "{err}");
    assert!(err.to_string().contains("0644"), "{err}");
}

#[test]
fn key_file_missing_or_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_key_file(&dir.path().join("nope")).unwrap_err();
    assert_eq!(err.code(), "key_file_not_found");
    let err = read_key_file(dir.path()).unwrap_err();
    assert_eq!(err.code(), "key_file_not_a_file");
}

#[test]
fn explicit_sources_open_the_database() {
    let f = created();
    let hex = f.key.reveal_hex();

    let env = KeySource::EnvValue(Zeroizing::new(hex.to_uppercase()));
    let db = Database::open(&f.path, &resolve(&env).unwrap()).unwrap();
    assert_eq!(db.database_id(), &f.id);
    db.close().unwrap();

    let file = write_key_file(
        f.dir.path(),
        "desk.key",
        format!("{}\n", *hex).as_bytes(),
        0o600,
    );
    let from_file = resolve(&KeySource::KeyFile(file.clone())).unwrap();
    Database::open(&f.path, &from_file).unwrap();
    assert_eq!(
        format!("{:?}", KeySource::KeyFile(file.clone())),
        format!("KeyFile({file:?})")
    );
}

#[test]
fn bad_env_value_is_an_error_not_a_fallback() {
    let source = KeySource::EnvValue(Zeroizing::new("not-a-key".to_owned()));
    let err = resolve(&source).unwrap_err();
    assert_eq!(err.code(), "key_malformed");
    assert!(err.to_string().contains("CONSENT_DESK_DB_KEY"), "{err}");
}
