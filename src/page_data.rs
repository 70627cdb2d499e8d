//! Data that arrives with the page instead of over the network.
//!
//! At build time the prerenderer hands each page its data ([`Prerendered`]),
//! so the views render to complete HTML natively. The same document is
//! embedded in the page as `<script type="application/json" id="gazette-data"
//! data-url="…">` (data, not script: a strict CSP allows it), and in the
//! browser the first request for that URL is answered from it. The app then
//! replaces the prerendered markup with the same markup in one paint, with no
//! loading state in between.

/// The `id` of the element holding the page's JSON (written by
/// [`crate::prerender::data_element`]).
pub const DATA_ELEMENT_ID: &str = "gazette-data";

/// A page's data, provided as context when rendering natively.
#[derive(Clone, Debug)]
pub struct Prerendered<T>(pub T);

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    thread_local! {
        static EMBEDDED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    }

    /// Reads the embedded document, if the page has one. Called once at start.
    pub fn capture() {
        let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(super::DATA_ELEMENT_ID))
        else {
            return;
        };
        if let (Some(url), Some(json)) = (element.get_attribute("data-url"), element.text_content())
        {
            EMBEDDED.with(|e| e.replace(Some((url, json))));
        }
        element.remove();
    }

    /// The embedded document for `url`, once: later requests go to the network.
    pub fn take(url: &str) -> Option<String> {
        EMBEDDED.with(|e| {
            let mut e = e.borrow_mut();
            if e.as_ref().is_some_and(|(u, _)| u == url) {
                e.take().map(|(_, json)| json)
            } else {
                None
            }
        })
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{capture, take};
