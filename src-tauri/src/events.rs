//! The events the desk sends the UI (the only way data reaches a screen without the screen asking):
//! the background sync's status changed, or rows of other desks arrived. The list below is the
//! single source for the forwarding and for the generated TypeScript names and payload types.

use consent_service::api::Arrival;
use consent_service::sync_task::{ARRIVED_EVENT, STATUS_EVENT, SyncEvent};
use tauri::{AppHandle, Emitter, Runtime};

use crate::bindings::EventSpec;

/// Passes one sync event to every window.
pub fn forward<R: Runtime>(app: &AppHandle<R>, event: SyncEvent) {
    let sent = match &event {
        SyncEvent::Status => app.emit(STATUS_EVENT, ()),
        SyncEvent::Arrived(arrival) => app.emit(ARRIVED_EVENT, arrival),
    };
    if let Err(error) = sent {
        tracing::warn!("a sync event did not reach the UI: {error}");
    }
}

/// Every event above, described for the TypeScript generator.
pub fn specs() -> Vec<EventSpec> {
    vec![
        EventSpec::new::<()>(
            STATUS_EVENT,
            "syncStatus",
            "The sync status changed: ask `syncStatus` again (in the language of the moment).",
        ),
        EventSpec::new::<Arrival>(
            ARRIVED_EVENT,
            "syncArrived",
            "Other desks' records arrived: refresh search, the open card and the queue.",
        ),
    ]
}
