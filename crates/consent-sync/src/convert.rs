//! Ledger rows to wire rows and back. A row's bytes are the same on both sides; only bodies held in
//! clear (desk-level ones, a subject's destruction and the steps after it) change form on the wire
//! (sealed for transport with the clinic key, see `clinic_key`).

use consent_domain::hlc::Hlc;
use consent_domain::ids::{DeskId, EventId, PatientId};
use consent_domain::staff::StaffId;
use consent_store::ledger::Row;
use consent_wire::WireRow;

use crate::clinic_key::{ClinicKey, SealError};

/// The row for the wire: a body held in clear is sealed with the clinic key.
pub fn to_wire(row: &Row, clinic: &ClinicKey) -> Result<WireRow, SealError> {
    let mut wire = WireRow {
        desk: *row.desk.as_bytes(),
        seq: row.seq,
        event: *row.event.as_bytes(),
        hlc_ms: row.hlc.wall_ms,
        hlc_counter: row.hlc.counter,
        actor: row.actor.as_u128().to_be_bytes(),
        kind: row.kind.clone(),
        subject: *row.subject.as_bytes(),
        nonce: row.nonce.clone(),
        body: row.sealed.clone(),
        transport_nonce: None,
        prev_hash: row.prev_hash,
        hash: row.hash,
    };
    // Held in clear (desk-level, or a subject's destruction and the steps after it): sealed for
    // the trip, so the server never reads a body.
    if wire.nonce.is_empty() {
        clinic.seal_body(&mut wire)?;
    }
    Ok(wire)
}

/// The ledger row a wire row stands for: a transport seal is opened (refused if it does not open).
pub fn from_wire(mut wire: WireRow, clinic: &ClinicKey) -> Result<Row, SealError> {
    if wire.transport_nonce.is_some() {
        clinic.open_body(&mut wire)?;
    }
    Ok(Row {
        event: EventId::from_bytes(wire.event),
        desk: DeskId::from_bytes(wire.desk),
        seq: wire.seq,
        hlc: Hlc::new(wire.hlc_ms, wire.hlc_counter),
        actor: StaffId::from_u128(u128::from_be_bytes(wire.actor)),
        kind: wire.kind,
        subject: PatientId::from_bytes(wire.subject),
        nonce: wire.nonce,
        sealed: wire.body,
        prev_hash: wire.prev_hash,
        hash: wire.hash,
    })
}
