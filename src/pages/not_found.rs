use super::PageShown;
use crate::components::status::NotFound;
use leptos::prelude::*;
use leptos_meta::Meta;

/// Any address the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Meta name="robots" content="noindex" />
        <NotFound />
        <PageShown />
    }
}
