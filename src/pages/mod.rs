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
