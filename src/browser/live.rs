//! When an open page asks whether its document changed (`crate::live`):
//! every `[live] poll_seconds` while the tab is visible and the reader has
//! done something in the last hour, never in a frame (an embed on a
//! portal), less often after failures.

use std::cell::Cell;
use wasm_bindgen::{closure::Closure, JsCast};

/// After this long without a key, a pointer, a touch or a scroll, a page
/// stops asking until the reader is back.
const IDLE_AFTER_MS: f64 = 3_600_000.0;

thread_local! {
    static LAST_INTERACTION: Cell<f64> = Cell::new(js_sys::Date::now());
}

/// Notes the reader's interactions; call once at start-up.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let noted = Closure::<dyn FnMut()>::new(|| {
        LAST_INTERACTION.set(js_sys::Date::now());
    });
    for event in ["pointerdown", "keydown", "scroll", "touchstart", "wheel"] {
        let _ = window.add_event_listener_with_callback(event, noted.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    noted.forget();
}

/// Whether pages ask at all here: not in a frame.
pub fn may_watch() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => js_sys::Object::is(&top, &window),
        // A cross-origin parent still answers `top`; no answer is no page.
        _ => false,
    }
}

/// The pause before the next question ([`crate::live::pause_seconds`]);
/// then, while the tab is hidden or the reader away, until they are back.
pub async fn pause(poll_seconds: u32, failures: u32) {
    let seconds = crate::live::pause_seconds(poll_seconds, failures);
    crate::api::sleep(seconds.saturating_mul(1000)).await;
    while hidden() || js_sys::Date::now() - LAST_INTERACTION.get() > IDLE_AFTER_MS {
        crate::api::sleep(1000).await;
    }
}

fn hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// "14:32": the time of day of `epoch_seconds` on the reader's clock.
pub fn local_time(epoch_seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        epoch_seconds as f64 * 1000.0,
    ));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// How far the page is scrolled, to keep across a newer version.
pub fn scrolled() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

/// After the reader took a page's newer version: focus goes to what is
/// new, the first teaser of a listing (brought into view), or an article's
/// headline, the article staying where the reader was (`scrolled` before).
pub fn focus_news(listing: bool, scrolled: f64) {
    leptos::prelude::request_animation_frame(move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let selector = if listing { "main .teaser a" } else { "main h1" };
        let target = window
            .document()
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if !listing {
            window.scroll_to_with_x_and_y(0.0, scrolled);
        }
        if let Some(target) = target {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(!listing);
            let _ = target.focus_with_options(&options);
        }
    });
}
