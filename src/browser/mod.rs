//! Browser-only behaviour, one file per concern, each run from effects
//! and event handlers only, never while rendering (so the same views render
//! natively at build time). Native builds get the stand-ins in
//! [`native`](self), all in one place.
//!
//! - `history`: following the app's links client-side, back/forward, scroll
//!   restoration, focus to the new page's heading;
//! - `takeover`: replacing the prerendered page with the live app, keeping
//!   the reader's focus and scroll;
//! - `connectivity`: online and offline;
//! - `search_engine`: search's Web Worker, started on first use;
//! - `live`: when an open page asks whether its document changed;
//! - `page`: the page's origin, the clipboard, element widths, the panic hook;
//! - `timer`: timeouts and pauses that end with what waits on them.

/// A page the reader was shown, for the portal's analytics (README, "Page
/// views"): taken when the page arrives, so its path and route agree even
/// if the reader has moved on by the time it is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct PageView {
    /// The address's path, base included.
    pub path: String,
    /// [`crate::routes::PageKind::name`].
    pub kind: &'static str,
    pub slug: Option<String>,
}

#[cfg(target_arch = "wasm32")]
mod connectivity;
#[cfg(target_arch = "wasm32")]
mod history;
#[cfg(target_arch = "wasm32")]
pub mod live;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
pub mod search_engine;
#[cfg(target_arch = "wasm32")]
mod takeover;
#[cfg(target_arch = "wasm32")]
pub mod timer;

#[cfg(target_arch = "wasm32")]
pub use connectivity::watch_connectivity;
#[cfg(target_arch = "wasm32")]
pub use history::{follow_links, install, navigate, page_shown, replace_query};
#[cfg(target_arch = "wasm32")]
pub use page::{copy_text, install_panic_hook, origin};
#[cfg(target_arch = "wasm32")]
pub use takeover::take_over;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
