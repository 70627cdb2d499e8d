//! Native stand-ins (build-time rendering and tests): there is no browser,
//! so nothing to follow, watch or report.

use crate::paths::Paths;
use crate::routes::Location;

pub fn follow_links(_paths: Paths, _location: Location) {}

pub fn navigate(_paths: &Paths, _location: Location, _href: &str) {}

pub fn replace_query(_location: Location, _query: &str) {}

pub fn watch_connectivity(_online: leptos::prelude::RwSignal<bool>) {}

pub fn install() {}

pub fn page_shown(_view: Option<super::PageView>) {}

pub fn origin() -> String {
    String::new()
}

pub fn copy_text(_text: &str) {}

/// No worker natively: search answers nothing.
pub mod search_engine {
    use crate::api::ApiError;
    use crate::model::search::engine::{Ask, Reply};
    use crate::paths::Paths;

    pub fn start(_paths: &Paths) {}

    pub fn is_new() -> bool {
        true
    }

    pub async fn ask(_paths: &Paths, _ask: Ask) -> Result<Reply, ApiError> {
        Err(ApiError::Network)
    }
}
