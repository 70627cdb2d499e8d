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

/// Natively a page is rendered once: nothing asks again.
pub mod live {
    pub fn install() {}

    pub fn may_watch() -> bool {
        false
    }

    pub async fn pause(_seconds: u32, _failures: u32) {}

    /// "14:32", in UTC (there is no reader's clock).
    pub fn local_time(epoch_seconds: i64) -> String {
        let minutes = epoch_seconds.rem_euclid(86_400) / 60;
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }

    pub fn scrolled() -> f64 {
        0.0
    }

    pub fn focus_news(_listing: bool, _scrolled: f64) {}
}
