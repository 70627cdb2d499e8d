//! One module per route. The routing table is in [`crate::app`].

pub mod article;
pub mod embed;
pub mod front;
pub mod not_found;
pub mod tag;

use crate::api::ApiError;
use crate::browser::PageShown;
use crate::components::status::{ErrorState, Loading, NotFound};
use leptos::either::EitherOf3;
use leptos::prelude::*;

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
