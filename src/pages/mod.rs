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
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

/// Whether the browser is online (provided by the app, kept by
/// `browser::watch_connectivity`); pages fetch again what failed when it
/// comes back.
#[derive(Clone, Copy, Debug)]
pub struct Online(pub RwSignal<bool>);

/// The one way a page asks for its document: the current route's
/// ([`crate::paths::Paths::data_for`]), following the route.
///
/// Cancelling is one mechanism: a request is cancelled by dropping its
/// future, which aborts the HTTP request with it (`api`'s `AbortOnDrop`).
/// Its future is dropped when the route's document changes (one article to
/// the next: the resource runs one request at a time, so a superseded one
/// must not hold up the next) and when the page goes away. An answer that
/// arrives for a document the page no longer shows is never shown. A route
/// without a document is "not found" without a request.
pub fn route_document<T: DeserializeOwned + 'static>() -> LocalResource<Result<T, ApiError>> {
    let paths = use_paths();
    let route = use_route();
    let url = Memo::new(move |_| paths.data_for(&route.read()));
    let in_flight = StoredValue::new_local(None::<(Option<String>, AbortHandle)>);
    // Drops the request in flight unless it is for `keep`.
    let cancel = move |keep: Option<&Option<String>>| {
        in_flight.update_value(|request| {
            if request.as_ref().is_some_and(|(url, _)| Some(url) != keep) {
                if let Some((_, handle)) = request.take() {
                    handle.abort();
                }
            }
        })
    };
    Effect::watch(move || url.get(), move |now, _, _| cancel(Some(now)), false);
    // Cleanups run before the page's values are disposed.
    let on_leave = SendWrapper::new(cancel);
    on_cleanup(move || on_leave(None));
    LocalResource::new(move || {
        let wanted = url.get();
        let (request, handle) = abortable({
            let url = wanted.clone();
            async move {
                match url {
                    Some(url) => api::get::<T>(url).await,
                    None => Err(ApiError::NotFound),
                }
            }
        });
        in_flight.set_value(Some((wanted.clone(), handle)));
        async move {
            // After the await the page may have gone, and its signals with
            // it: `try_` reads without panicking, and a page that is gone
            // gets nothing.
            match request.await {
                Ok(result) if url.try_get_untracked() == Some(wanted) => result,
                _ => Err(ApiError::Cancelled),
            }
        }
    })
}

/// The one way pages show fetched data: a loading placeholder, then the
/// content, a not-found state, or an error with a retry. A superseded
/// request (see [`route_document`]) keeps the placeholder up.
pub fn fetched<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> Either<V, impl IntoView>
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Prerendering at build time (native): the data is given, not fetched.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(Prerendered(data)) = use_context::<Prerendered<T>>() {
        return Either::Left(render(data));
    }
    // Back online: fetch again what failed while the connection was down.
    let online = use_context::<Online>().map(|o| o.0);
    Effect::new(move |was_online: Option<bool>| {
        let now = online.is_none_or(|o| o.get());
        let failed = matches!(resource.get_untracked(), Some(Err(ref e)) if e.is_retryable());
        if now && was_online == Some(false) && failed {
            resource.refetch();
        }
        now
    });
    Either::Right(view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    // `PageShown` marks a page as arrived (focus, scroll);
                    // a placeholder has not arrived.
                    match resource.await {
                        Ok(data) => EitherOf4::A(view! { {render(data)} <PageShown /> }),
                        // Superseded: the answer for the current page is on its way.
                        Err(ApiError::Cancelled) => EitherOf4::B(view! { <Loading /> }),
                        Err(ApiError::NotFound) => EitherOf4::C(view! { <NotFound /> <PageShown not_found=true /> }),
                        Err(error) => EitherOf4::D(view! {
                            <ErrorState error on_retry=move || resource.refetch() />
                            <PageShown failed=true />
                        }),
                    }
                })
            }}
        </Suspense>
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
