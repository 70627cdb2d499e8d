//! The content side of Gazette, without Leptos: the build's first two
//! steps and the configuration they read.
//!
//! - `config`: the site's configuration (`gazette.toml`), validated;
//! - `source/`: where articles come from (a folder, WordPress), read into
//!   one source-neutral form;
//! - `content/`: the site model, related posts resolved, listings
//!   paginated, every cross-reference and the published schema checked.
//!
//! The build tool (`xtask/`) plans and writes the site from the model,
//! rendering pages with the app; the importer and the checks need none of
//! that, so a tool that reads content (a preview, a watcher) depends on
//! this crate and the contract alone.

use std::path::{Path, PathBuf};

#[cfg(test)]
mod agreement;
pub mod config;
pub mod content;
pub mod files;
pub mod parallel;
pub mod source;
pub mod text;

/// The repository: `content/`, `schema/` and `gazette.toml` are read from here.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}
