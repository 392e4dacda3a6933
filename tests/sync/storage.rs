//! The server's storage, told as one story through the `Backend` trait's primitives only, so the
//! same story runs against every backend and the backends cannot drift apart; then what only the
//! PostgreSQL backend needs checking: cursors under concurrent writers, a newer schema, the
//! password kept out of errors, values a `bigint` cannot hold.

mod postgres;
mod sqlite;

use consent_server::storage::{
    Backend, Counts, ReadTx, StorageError, StoredDesk, Token, TokenKind, WriteTx, meta,
};
use consent_wire::{Head, NO_SUBJECT_BYTES, WireRow, WrappedKey, chain_hash};

/// Runs `f` in one read transaction and returns what it found.
#[track_caller]
pub fn read<T>(
    backend: &dyn Backend,
    mut f: impl FnMut(&mut dyn ReadTx) -> Result<T, StorageError>,
) -> T {
    let mut out = None;
    backend
        .read(&mut |tx| {
            out = Some(f(tx)?);
            Ok(())
        })
        .expect("read transaction");
    out.expect("the read closure ran")
}

/// Runs `f` in one write transaction that must succeed.
#[track_caller]
pub fn write_ok<T>(
    backend: &dyn Backend,
    f: impl FnMut(&mut dyn WriteTx) -> Result<T, StorageError>,
) -> T {
    write(backend, f).expect("write transaction")
}

/// Runs `f` in one write transaction; its error is the transaction's.
pub fn write<T>(
    backend: &dyn Backend,
    mut f: impl FnMut(&mut dyn WriteTx) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    let mut out = None;
    backend.write(&mut |tx| {
        out = Some(f(tx)?);
        Ok(())
    })?;
    Ok(out.expect("the write closure ran"))
}

pub fn id(n: u8) -> [u8; 16] {
    let mut id = [0u8; 16];
    id[0] = n;
    id[15] = 0x5a;
    id
}

/// Row `seq` of `desk`'s series after `prev`, a subject row with its hash computed, as a desk's
/// ledger would hold it.
pub fn row(desk: [u8; 16], seq: u64, prev: [u8; 32]) -> WireRow {
    let mut event = [0u8; 16];
    event[..8].copy_from_slice(&desk[..8]);
    event[8..].copy_from_slice(&seq.to_be_bytes());
    let mut row = WireRow {
        desk,
        seq,
        event,
        hlc_ms: 1_760_000_000_000 + seq,
        hlc_counter: (seq % 3) as u32,
        actor: id(200),
        kind: "patient_registered".into(),
        subject: id(100 + (seq % 4) as u8),
        nonce: vec![seq as u8; 24],
        body: format!("sealed body {seq}").into_bytes(),
        transport_nonce: None,
        prev_hash: prev,
        hash: [0; 32],
    };
    row.hash = row
        .computed_hash()
        .expect("a subject row's hash is computable");
    row
}

/// A desk-level row sealed for transport: its hash covers a body the server never sees.
fn transport_row(desk: [u8; 16], seq: u64, prev: [u8; 32]) -> WireRow {
    let mut row = row(desk, seq, prev);
    row.kind = "staff_added".into();
    row.subject = NO_SUBJECT_BYTES;
    row.nonce = Vec::new();
    row.transport_nonce = Some(vec![9; 24]);
    let clear = b"the staff record, unsealed";
    row.hash = chain_hash(
        &row.prev_hash,
        &row.event,
        &row.desk,
        row.seq,
        row.hlc_ms,
        row.hlc_counter,
        &row.actor,
        &row.kind,
        &row.subject,
        &row.nonce,
        clear,
    );
    row
}

fn head_of(rows: &[WireRow]) -> Head {
    let last = rows.last().expect("a series");
    Head {
        desk: last.desk,
        seq: last.seq,
        hash: last.hash,
    }
}

fn desk(n: u8, enrolled_ms: u64) -> StoredDesk {
    StoredDesk {
        desk: id(n),
        name: format!("Окно {n}"),
        credential_hash: [n; 32],
        enrolled_ms,
        last_seen_ms: None,
        rows: 0,
        revoked_ms: None,
    }
}

fn key(subject: [u8; 16], fill: u8) -> WrappedKey {
    WrappedKey {
        subject,
        nonce: vec![fill; 24],
        sealed: vec![fill; 48],
    }
}

/// The story every backend must tell the same way. `backend` is new and empty.
pub fn story(backend: &dyn Backend) {
    // An empty server.
    assert_eq!(read(backend, |tx| tx.latest_cursor()), 0);
    assert_eq!(read(backend, |tx| tx.counts()), Counts::default());
    assert!(read(backend, |tx| tx.heads()).is_empty());
    assert!(read(backend, |tx| tx.rows_after(0, 10)).is_empty());
    assert_eq!(read(backend, |tx| tx.meta(meta::SERVER_ID)), None);

    // Metadata: set, read back, replaced.
    write_ok(backend, |tx| tx.set_meta(meta::SERVER_ID, &[1; 16]));
    assert_eq!(
        read(backend, |tx| tx.meta(meta::SERVER_ID)),
        Some(vec![1; 16])
    );
    write_ok(backend, |tx| tx.set_meta(meta::CLINIC_KEY_ID, &[2; 32]));
    write_ok(backend, |tx| tx.set_meta(meta::CLINIC_KEY_ID, &[3; 32]));
    assert_eq!(
        read(backend, |tx| tx.meta(meta::CLINIC_KEY_ID)),
        Some(vec![3; 32])
    );
    assert_eq!(
        read(backend, |tx| tx.meta(meta::SERVER_ID)),
        Some(vec![1; 16])
    );

    // Two desks' series, pushed in three transactions, one of them holding both desks' rows. Desk
    // B's id sorts before A's, so `heads` must order by id, not by arrival.
    let (a, b) = (id(20), id(10));
    let mut series_a = vec![row(a, 1, [0; 32])];
    for seq in 2..=5 {
        let prev = series_a.last().expect("a row").hash;
        series_a.push(if seq == 2 {
            transport_row(a, seq, prev)
        } else {
            row(a, seq, prev)
        });
    }
    let mut series_b = vec![row(b, 1, [0; 32])];
    for seq in 2..=3 {
        series_b.push(row(b, seq, series_b.last().expect("a row").hash));
    }
    let batches = [
        series_a[..3].to_vec(),
        series_b[..2].to_vec(),
        vec![
            series_a[3].clone(),
            series_a[4].clone(),
            series_b[2].clone(),
        ],
    ];
    let mut pushed = Vec::new();
    for batch in &batches {
        let cursors = write(backend, |tx| {
            batch
                .iter()
                .map(|r| tx.insert_row(r))
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("push a batch");
        pushed.extend(cursors.into_iter().zip(batch.iter().cloned()));
    }
    let cursors: Vec<u64> = pushed.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        cursors,
        (1..=8).collect::<Vec<_>>(),
        "cursors are given in order, from 1"
    );
    assert_eq!(read(backend, |tx| tx.latest_cursor()), 8);

    // Read back in pages, in cursor order, exactly as pushed.
    let mut pulled = Vec::new();
    let mut after = 0;
    loop {
        let page = read(backend, |tx| tx.rows_after(after, 3));
        assert!(page.len() <= 3);
        let Some((last, _)) = page.last() else { break };
        after = *last;
        pulled.extend(page);
    }
    assert_eq!(pulled, pushed);
    assert_eq!(
        read(backend, |tx| tx.rows_after(5, 2)),
        pushed[5..7].to_vec()
    );
    assert!(read(backend, |tx| tx.rows_after(8, 10)).is_empty());
    assert!(read(backend, |tx| tx.rows_after(0, 0)).is_empty());
    assert!(read(backend, |tx| tx.rows_after(u64::MAX, 10)).is_empty());

    // Heads, one row's hash, one desk's head.
    let heads = read(backend, |tx| tx.heads());
    assert_eq!(heads, vec![head_of(&series_b), head_of(&series_a)]);
    assert_eq!(
        read(backend, |tx| tx.row_hash(&a, 2)),
        Some(series_a[1].hash)
    );
    assert_eq!(read(backend, |tx| tx.row_hash(&a, 6)), None);
    assert_eq!(read(backend, |tx| tx.row_hash(&id(99), 1)), None);
    assert_eq!(read(backend, |tx| tx.row_hash(&a, u64::MAX)), None);
    assert_eq!(read(backend, |tx| tx.head(&a)), Some((5, series_a[4].hash)));
    assert_eq!(read(backend, |tx| tx.head(&b)), Some((3, series_b[2].hash)));
    assert_eq!(read(backend, |tx| tx.head(&id(99))), None);

    // A write sees its own rows before it commits.
    let b4 = row(b, 4, series_b[2].hash);
    let seen = write(backend, |tx| {
        let cursor = tx.insert_row(&b4)?;
        Ok((cursor, tx.head(&b)?, tx.latest_cursor()?))
    })
    .expect("insert and read back in one write");
    assert_eq!(seen, (9, Some((4, b4.hash)), 9));
    series_b.push(b4);

    // An event id already held: DuplicateEvent, and nothing of that transaction stays.
    let b5 = row(b, 5, series_b[3].hash);
    let mut copy = row(b, 6, b5.hash);
    copy.event = series_a[0].event;
    let err = write(backend, |tx| {
        tx.set_meta("story", b"dup")?;
        tx.insert_row(&b5)?;
        tx.insert_row(&copy)
    })
    .expect_err("an event id already held is refused");
    assert!(matches!(err, StorageError::DuplicateEvent), "{err:?}");
    assert_nothing_of_the_failed_write(backend, &b, "story");

    // Any error from the closure rolls everything back.
    let err = write(backend, |tx| {
        tx.set_meta("story", b"err")?;
        tx.insert_row(&b5)?;
        tx.put_key(&key(id(150), 1))?;
        tx.insert_desk(&desk(50, 1))?;
        tx.insert_token(&token(50, TokenKind::First))?;
        Err::<(), _>(StorageError::Corrupt("the story's deliberate failure"))
    })
    .expect_err("the closure's error is the write's");
    assert!(matches!(err, StorageError::Corrupt(_)), "{err:?}");
    assert_nothing_of_the_failed_write(backend, &b, "story");
    assert!(read(backend, |tx| tx.keys_for(&[id(150)])).is_empty());
    assert_eq!(read(backend, |tx| tx.desk(&id(50))), None);
    assert_eq!(read(backend, |tx| tx.token(&[50; 16])), None);
    // Rolled-back writes used no cursor: the next row gets the next number.
    assert_eq!(write_ok(backend, |tx| tx.insert_row(&b5)), 10);
    series_b.push(b5);

    // Wrapped keys: the first one stays, absent subjects are left out.
    let (s1, s2, s3) = (id(101), id(102), id(103));
    write_ok(backend, |tx| tx.put_key(&key(s1, 1)));
    write_ok(backend, |tx| tx.put_key(&key(s1, 2)));
    write_ok(backend, |tx| tx.put_key(&key(s2, 3)));
    assert_eq!(read(backend, |tx| tx.keys_for(&[s1])), vec![key(s1, 1)]);
    let mut held = read(backend, |tx| tx.keys_for(&[s3, s2, s1]));
    held.sort_by_key(|k| k.subject);
    assert_eq!(held, vec![key(s1, 1), key(s2, 3)]);
    assert!(read(backend, |tx| tx.keys_for(&[])).is_empty());

    // Destroying a subject's key deletes it and keeps any later push from bringing it back.
    assert!(!read(backend, |tx| tx.destroyed(&s1)));
    write_ok(backend, |tx| tx.destroy_key(&s1));
    assert!(read(backend, |tx| tx.destroyed(&s1)));
    assert!(!read(backend, |tx| tx.destroyed(&s2)));
    assert!(read(backend, |tx| tx.keys_for(&[s1])).is_empty());
    write_ok(backend, |tx| tx.put_key(&key(s1, 4)));
    assert!(read(backend, |tx| tx.keys_for(&[s1])).is_empty());
    // Destroying again, or a subject that never had a key, is no error.
    write_ok(backend, |tx| tx.destroy_key(&s1));
    write_ok(backend, |tx| tx.destroy_key(&s3));
    assert!(read(backend, |tx| tx.destroyed(&s3)));

    desks_and_tokens(backend, &a, &b);

    assert_eq!(
        read(backend, |tx| tx.counts()),
        Counts {
            rows: 10,
            desks: 2,
            keys: 1,
        }
    );
    let all = read(backend, |tx| tx.rows_after(0, 100));
    assert_eq!(all.len(), 10);
    assert_eq!(
        read(backend, |tx| tx.heads()),
        vec![head_of(&series_b), head_of(&series_a)]
    );
}

/// After a rolled-back write that added row 9 of desk `b` and set meta `key`: neither is there.
fn assert_nothing_of_the_failed_write(backend: &dyn Backend, b: &[u8; 16], key: &str) {
    assert_eq!(read(backend, |tx| tx.head(b)).map(|(seq, _)| seq), Some(4));
    assert_eq!(read(backend, |tx| tx.latest_cursor()), 9);
    assert_eq!(read(backend, |tx| tx.counts()).rows, 9);
    assert_eq!(read(backend, |tx| tx.meta(key)), None);
    assert!(read(backend, |tx| tx.rows_after(9, 10)).is_empty());
}

fn token(n: u8, kind: TokenKind) -> Token {
    Token {
        token_id: [n; 16],
        token_hash: [n.wrapping_add(1); 32],
        kind,
        package: (kind == TokenKind::Further).then(|| vec![n; 80]),
        created_ms: 1_000,
        expires_ms: 1_000 + 86_400_000,
        made_by: (kind == TokenKind::Further).then(|| id(20)),
        used_ms: None,
    }
}

fn desks_and_tokens(backend: &dyn Backend, a: &[u8; 16], b: &[u8; 16]) {
    // Enrolled out of id order: `desks` lists by enrollment time.
    let (desk_a, desk_b) = (desk(20, 2_000), desk(10, 3_000));
    write_ok(backend, |tx| tx.insert_desk(&desk_a));
    write_ok(backend, |tx| tx.insert_desk(&desk_b));
    assert_eq!(
        read(backend, |tx| tx.desks()),
        vec![desk_a.clone(), desk_b.clone()]
    );
    assert_eq!(read(backend, |tx| tx.desk(a)), Some(desk_a.clone()));
    assert_eq!(read(backend, |tx| tx.desk(&id(99))), None);
    // The same desk twice is refused, and the first one stays as it was.
    let again = StoredDesk {
        name: "другое".into(),
        ..desk_a.clone()
    };
    assert!(write(backend, |tx| tx.insert_desk(&again)).is_err());
    assert_eq!(read(backend, |tx| tx.desk(a)), Some(desk_a.clone()));

    write_ok(backend, |tx| tx.desk_seen(a, 4_000));
    assert_eq!(
        read(backend, |tx| tx.desk(a))
            .expect("the desk is held")
            .last_seen_ms,
        Some(4_000)
    );
    write_ok(backend, |tx| tx.desk_pushed(a, 5, 5_000));
    write_ok(backend, |tx| tx.desk_pushed(a, 2, 6_000));
    let pushed = read(backend, |tx| tx.desk(a)).expect("the desk is held");
    assert_eq!((pushed.rows, pushed.last_seen_ms), (7, Some(6_000)));
    write_ok(backend, |tx| tx.revoke_desk(b, 7_000));
    let revoked = read(backend, |tx| tx.desk(b)).expect("the desk is held");
    assert_eq!(revoked.revoked_ms, Some(7_000));
    assert_eq!(
        read(backend, |tx| tx.desk(a))
            .expect("the desk is held")
            .revoked_ms,
        None
    );

    let (first, further) = (token(1, TokenKind::First), token(2, TokenKind::Further));
    write(backend, |tx| {
        tx.insert_token(&first)?;
        tx.insert_token(&further)
    })
    .expect("insert two tokens");
    assert_eq!(read(backend, |tx| tx.token(&[1; 16])), Some(first.clone()));
    assert_eq!(
        read(backend, |tx| tx.token(&[2; 16])),
        Some(further.clone())
    );
    assert_eq!(read(backend, |tx| tx.token(&[3; 16])), None);
    write_ok(backend, |tx| tx.mark_token_used(&[2; 16], 8_000));
    let used = read(backend, |tx| tx.token(&[2; 16])).expect("the token is held");
    assert_eq!(used.used_ms, Some(8_000));
    assert_eq!(
        read(backend, |tx| tx.token(&[1; 16]))
            .expect("the token is held")
            .used_ms,
        None
    );
}
