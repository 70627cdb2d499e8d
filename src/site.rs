//! The site's identity in the app: the contract's [`SiteIdentity`]
//! (`contract/src/site.rs`), read from the page the build wrote and
//! provided as context.

pub use crate::model::site::{Language, Logo, SiteIdentity, SITE_META_NAME};

/// The site's identity (provided by the app).
pub fn use_site() -> SiteIdentity {
    leptos::prelude::use_context::<SiteIdentity>().unwrap_or_default()
}

/// The page's identity element, written by the build, read by the app.
#[cfg(target_arch = "wasm32")]
pub fn from_page(document: &web_sys::Document) -> SiteIdentity {
    document
        .query_selector(&format!("meta[name={SITE_META_NAME}]"))
        .ok()
        .flatten()
        .and_then(|meta| SiteIdentity::from_attributes(|name| meta.get_attribute(name)))
        .unwrap_or_default()
}

/// The scheme and host the site is served from (e.g. `https://news.example`),
/// for the absolute URLs of canonical links and link previews.
#[derive(Clone, Debug)]
pub struct SiteOrigin(pub String);
