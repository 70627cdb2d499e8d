//! Whether the browser is online: pages fetch again what failed when it
//! comes back.

use leptos::prelude::{window_event_listener_untyped, RwSignal, Set};

/// Keeps `online` in step with the browser's connection state. The
/// listeners live as long as the page.
pub fn watch_connectivity(online: RwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    online.try_set(window.navigator().on_line());
    for (event, state) in [("online", true), ("offline", false)] {
        let _ = window_event_listener_untyped(event, move |_| {
            online.try_set(state);
        });
    }
}
