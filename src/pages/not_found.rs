use super::PageShown;
use crate::components::status::NotFound;
use leptos::prelude::*;

/// Any address the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <NotFound />
        <PageShown not_found=true />
    }
}
