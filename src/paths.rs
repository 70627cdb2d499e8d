//! Where things live, as the app reads it: the contract's [`Paths`]
//! (`contract/src/paths.rs`) from the context the app provides.

pub use crate::model::paths::Paths;

/// The deployment's paths, provided as context by the app (the root when
/// there is none). Here, beside `Paths`, so that components and charts
/// alike read it without depending on each other.
pub fn use_paths() -> Paths {
    leptos::prelude::use_context::<Paths>().unwrap_or_default()
}
