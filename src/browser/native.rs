//! Native stand-ins (build-time rendering and tests): there is no browser,
//! so nothing to follow, watch or report.

pub fn follow_links(_paths: crate::paths::Paths, _path: leptos::prelude::RwSignal<String>) {}

pub fn watch_connectivity(_online: leptos::prelude::RwSignal<bool>) {}

pub fn install() {}

pub fn page_shown(_view: Option<super::PageView>) {}

pub fn origin() -> String {
    String::new()
}

pub fn copy_text(_text: &str) {}
