//! Presentational components. Each body block type has exactly one
//! component (see [`blocks::BodyBlock`]); none of them touches the browser,
//! so the same views can be rendered to HTML natively.

pub mod article_meta;
pub mod blocks;
pub mod figure;
pub mod status;
pub mod teaser;
pub mod text;

use crate::paths::Paths;
use leptos::prelude::*;

/// The deployment's paths, provided by the app (defaults to the root).
pub fn use_paths() -> Paths {
    use_context::<Paths>().unwrap_or_default()
}
