//! Routing in the app: the reader's current address as a signal, parsed
//! into the contract's [`Route`] (`contract/src/routes.rs`, the one route
//! table, shared with the build).
//!
//! Small on purpose: five routes and a not-found page need a parser, a
//! signal and link interception (`browser::follow_links`), not a routing
//! library (leptos_router was 17 % of the WASM: 254 -> 211 KB gzip).

pub use crate::model::routes::{Collection, PageKind, Route};
use crate::model::Slug;
use leptos::prelude::*;

/// The reader's address below the base, as the app knows it. Set at start,
/// by followed links and by back/forward (`browser::follow_links`).
#[derive(Clone, Copy, Debug)]
pub struct Location {
    pub path: RwSignal<String>,
    /// The address's query (`?q=…`, or empty): what the search page reads.
    pub query: RwSignal<String>,
    pub route: Memo<Route>,
}

impl Location {
    pub fn new(path: String, query: String) -> Self {
        let path = RwSignal::new(path);
        let route = Memo::new(move |_| Route::parse(&path.read()));
        Self {
            path,
            query: RwSignal::new(query),
            route,
        }
    }
}

/// The current route (inside [`crate::app::App`]).
pub fn use_route() -> Memo<Route> {
    use_context::<Location>()
        .map(|l| l.route)
        .unwrap_or_else(|| Memo::new(|_| Route::NotFound))
}

/// A slug the current route names, following the route.
pub fn route_slug(pick: fn(&Route) -> Option<&Slug>) -> Memo<Option<Slug>> {
    let route = use_route();
    Memo::new(move |_| pick(&route.read()).cloned())
}
