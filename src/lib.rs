//! Gazette: a news-article reader.
//!
//! Data flows one way: `model` (the content contract) ← `api` (the only
//! module that fetches) ← `pages` (one per route, in `app`) ← `components`
//! (one per block type) and `chart`. `browser` holds the few browser-only
//! behaviours, run from effects.

// Deeply nested view types (a whole article inside an embed page).
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod browser;
pub mod chart;
pub mod components;
pub mod i18n;
pub mod live;
pub mod markup;
pub mod page_data;
/// The content contract (`contract/`), as the app and the build name it.
pub use gazette_contract as model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod search;
pub mod site;

/// Browser entry point: reads the base path from `<base href>` and where the
/// JSON lives from `<meta name="gazette-api">` (deploy-time configuration),
/// takes the page's embedded data, and mounts the app over the prerendered page.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use leptos::prelude::*;
    browser::install_panic_hook();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let base = document
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map_or_else(|| "/".to_owned(), |url| url.pathname());
    let api = document
        .query_selector("meta[name=gazette-api]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    let paths = paths::Paths::new(&base).with_api(&api);
    let site = site::from_page(&document);
    page_data::capture();
    // The prerendered page's own head tags (description, link previews,
    // structured data) are for crawlers; from here on the app manages the
    // head for each route.
    let prerendered = format!("head [{}]", components::head::PRERENDERED);
    while let Ok(Some(tag)) = document.query_selector(&prerendered) {
        tag.remove();
    }
    browser::install();
    browser::live::install();
    // The prerendered copy (or the no-JavaScript message) is replaced by the
    // live app in the same task, so the reader sees one paint.
    let address = web_sys::window().map(|w| w.location());
    let pathname = address
        .as_ref()
        .and_then(|a| a.pathname().ok())
        .unwrap_or_default();
    let query = address.and_then(|a| a.search().ok()).unwrap_or_default();
    if let Some(body) = document.body() {
        browser::take_over(&body, move || {
            mount_to_body(move || view! { <app::App paths pathname query site /> })
        });
    }
    // Says the page is live (tests and scripts wait for it; styles may too).
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-app", "live");
    }
}
