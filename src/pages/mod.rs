//! One module per route. Routes are parsed in [`crate::routes`]; the page
//! for each is chosen in [`crate::app`].

pub mod article;
pub mod embed;
pub mod front;
pub mod not_found;
pub mod tag;

use crate::api::{self, ApiError};
use crate::browser::PageView;
use crate::components::status::{ErrorState, Loading, NotFound};
#[cfg(not(target_arch = "wasm32"))]
use crate::embedded::Prerendered;
use crate::paths::use_paths;
use crate::routes::{use_route, Location, PageKind};
use futures::future::{abortable, AbortHandle};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// Whether the browser is online (provided by the app, kept by
/// `browser::watch_connectivity`); pages fetch again what failed when it
/// comes back.
#[derive(Clone, Copy, Debug)]
pub struct Online(pub RwSignal<bool>);

/// The one way a page shows its document: the current route's
/// ([`crate::paths::Paths::data_for`]), following the route. A loading
/// placeholder, then the content, a not-found state, or an error with a
/// retry; a route without a document is "not found" without a request.
///
/// A signal and a task, not a resource under `Suspense`: the page needs
/// one document and no streaming, and Leptos's async machinery for it was
/// about 6 KB gzip of the app (BENCHMARKS.md, issue 13).
///
/// Cancelling is one mechanism: a request is cancelled by aborting its
/// future, which drops it and the HTTP request with it (`api`'s
/// `AbortOnDrop`). That happens when the route's document changes (one
/// article to the next), when the reader retries, and when the page goes
/// away. An answer that arrives for a document the page no longer shows is
/// never shown.
pub fn fetched<T, V>(
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> Either<V, impl IntoView>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Prerendering at build time (native): the data is given, not fetched.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(Prerendered(data)) = use_context::<Prerendered<T>>() {
        return Either::Left(render(data));
    }
    let paths = use_paths();
    let route = use_route();
    let url = Memo::new(move |_| paths.data_for(&route.read()));
    // None while the document is on its way.
    let shown = RwSignal::new(None::<Result<T, ApiError>>);
    // Asking again (a retry, the connection back) bumps this.
    let asked = RwSignal::new(0_u32);
    let in_flight = StoredValue::new_local(None::<AbortHandle>);
    let cancel = move || {
        in_flight.update_value(|request| {
            if let Some(handle) = request.take() {
                handle.abort();
            }
        })
    };
    Effect::new(move |_| {
        let wanted = url.get();
        asked.track();
        cancel();
        if shown.with_untracked(Option::is_some) {
            shown.set(None);
        }
        let (request, handle) = abortable({
            let url = wanted.clone();
            async move {
                match url {
                    Some(url) => api::get::<T>(url).await,
                    None => Err(ApiError::NotFound),
                }
            }
        });
        in_flight.set_value(Some(handle));
        leptos::task::spawn_local(async move {
            // After the await the page may have gone, and its signals with
            // it: `try_` reads and writes without panicking.
            if let Ok(result) = request.await {
                if url.try_get_untracked() == Some(wanted) {
                    shown.try_set(Some(result));
                }
            }
        });
    });
    // Cleanups run before the page's values are disposed.
    on_cleanup(cancel);
    // Back online: fetch again what failed while the connection was down.
    let online = use_context::<Online>().map(|o| o.0);
    Effect::new(move |was_online: Option<bool>| {
        let now = online.is_none_or(|o| o.get());
        let failed = shown.with_untracked(|s| matches!(s, Some(Err(e)) if e.is_retryable()));
        if now && was_online == Some(false) && failed {
            asked.update(|n| *n += 1);
        }
        now
    });
    Either::Right(move || match shown.get() {
        None => EitherOf4::A(view! { <Loading /> }),
        // `PageShown` marks a page as arrived (focus, scroll); a
        // placeholder has not arrived.
        Some(Ok(data)) => EitherOf4::B(view! { {render(data)} <PageShown /> }),
        Some(Err(ApiError::NotFound)) => {
            EitherOf4::C(view! { <NotFound /> <PageShown not_found=true /> })
        }
        Some(Err(error)) => EitherOf4::D(view! {
            <ErrorState error on_retry=move || asked.update(|n| *n += 1) />
            <PageShown failed=true />
        }),
    })
}

/// Marks a page as arrived: once it has mounted and replaced the old page
/// (the next animation frame), scroll is restored after back/forward, focus
/// moves to its heading, and a page view is counted for the portal's
/// analytics ([`crate::browser::page_shown`]). A loading placeholder has not
/// arrived; a failure is shown but not counted as a view.
#[component]
pub fn PageShown(
    /// The page says "not found" (whatever its route).
    #[prop(optional)]
    not_found: bool,
    /// The page says its content could not be loaded.
    #[prop(optional)]
    failed: bool,
) -> impl IntoView {
    // What the page is, taken now: by the next frame the reader may have
    // moved on, and the view must not mix this page's route with the next
    // one's address.
    let location = use_context::<Location>();
    let base = use_paths().base().to_owned();
    Effect::new(move |_| {
        let view = location.filter(|_| !failed).map(|location| {
            let route = location.route.get_untracked();
            let kind = if not_found {
                PageKind::NotFound
            } else {
                route.kind()
            };
            PageView {
                path: format!("{base}{}", location.path.get_untracked()),
                kind: kind.name(),
                slug: route.article().or(route.tag()).map(|s| s.to_string()),
            }
        });
        request_animation_frame(move || crate::browser::page_shown(view))
    });
}
