use crate::browser::PageShown;
use crate::components::status::NotFound;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Any address the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <Meta name="robots" content="noindex" />
        <NotFound />
        <PageShown />
    }
}
