//! Whether the browser is online: pages fetch again what failed when it
//! comes back.

use wasm_bindgen::{closure::Closure, JsCast};

/// Keeps `online` in step with the browser's connection state.
pub fn watch_connectivity(online: leptos::prelude::RwSignal<bool>) {
    use leptos::prelude::Set;
    let Some(window) = web_sys::window() else {
        return;
    };
    online.try_set(window.navigator().on_line());
    for (event, state) in [("online", true), ("offline", false)] {
        let callback = Closure::<dyn FnMut()>::new(move || {
            online.try_set(state);
        });
        let _ = window.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        callback.forget();
    }
}
