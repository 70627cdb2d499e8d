//! Gazette: a news-article reader.
//!
//! Data flows one way: `model` (the content contract) ← `api` (the only
//! module that fetches) ← `pages` (one per route, in `app`) ← `components`
//! (one per block type) and `chart`. `browser` holds the few browser-only
//! behaviours, run from effects.

pub mod api;
pub mod app;
pub mod browser;
pub mod chart;
pub mod components;
pub mod model;
pub mod pages;
pub mod paths;

/// Browser entry point: reads the base path from `<base href>` and mounts the app.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use leptos::prelude::*;
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".to_owned());
    let paths = paths::Paths::new(&base);
    browser::install_panic_hook();
    browser::install();
    // Start from an empty body: the HTML may hold a prerendered copy or a
    // no-JavaScript message that the live app replaces.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        body.replace_children_with_node_0();
    }
    mount_to_body(move || view! { <app::App paths /> });
}
