//! One module per route. The routing table is in [`crate::app`].

pub mod article;
pub mod embed;
pub mod front;
pub mod not_found;
pub mod tag;

use crate::api::{self, ApiError};
use crate::browser::PageShown;
use crate::components::status::{ErrorState, Loading, NotFound};
use crate::model::Slug;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// A route parameter as a slug. Anything that is not a slug is `None`, so it
/// never reaches a URL.
pub fn slug_param(name: &'static str) -> Memo<Option<Slug>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get(name).and_then(|s| Slug::parse(&s).ok()))
}

/// One resource for a page, following its slug parameter: a superseded
/// request's answer is dropped, and nothing waits on a resource that no
/// longer exists. No slug is "not found" without a request.
pub fn fetch_by_slug<T: DeserializeOwned + 'static>(
    slug: Memo<Option<Slug>>,
    url: impl Fn(&Slug) -> String + 'static,
) -> LocalResource<Result<T, ApiError>> {
    LocalResource::new(move || {
        let url = slug.get().map(|s| url(&s));
        async move {
            match url {
                Some(url) => api::get::<T>(url).await,
                None => Err(ApiError::NotFound),
            }
        }
    })
}

/// The one way pages show fetched data: a loading placeholder, then the
/// content, a not-found state, or an error with a retry. A response for a
/// page the reader has already left is dropped by the resource.
pub fn fetched<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    // Back online: fetch again what failed while the connection was down.
    let online = use_context::<crate::app::Online>().map(|o| o.0);
    Effect::new(move |was_online: Option<bool>| {
        let now = online.is_none_or(|o| o.get());
        let failed = matches!(resource.get_untracked(), Some(Err(ref e)) if e.is_retryable());
        if now && was_online == Some(false) && failed {
            resource.refetch();
        }
        now
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    let view = match resource.await {
                        Ok(data) => EitherOf3::A(render(data)),
                        Err(ApiError::NotFound) => EitherOf3::B(view! { <NotFound /> }),
                        Err(error) => EitherOf3::C(view! {
                            <ErrorState error on_retry=move || resource.refetch() />
                        }),
                    };
                    view! { {view} <PageShown /> }
                })
            }}
        </Suspense>
    }
}
