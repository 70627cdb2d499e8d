use super::{fetched, route_document};
use crate::app::SITE_NAME;
use crate::components::head::PageHead;
use crate::components::teaser::TeaserList;
use crate::model::Listing;
use crate::routes::{route_slug, Route};
use leptos::prelude::*;

#[component]
pub fn TagPage() -> impl IntoView {
    let tag = route_slug(Route::tag);
    let listing = route_document::<Listing>();
    fetched(listing, move |listing| {
        let name = listing
            .tag
            .map(|t| t.name.to_string())
            .or_else(|| tag.get_untracked().map(|t| t.to_string()))
            .unwrap_or_default();
        view! {
            <PageHead
                title=format!("{name}: articles")
                description=format!("Articles tagged {name} on {SITE_NAME}.")
            />
            <section class="tag-page">
                <p class="kicker">"Topic"</p>
                <h1 class="page-title" tabindex="-1">{name}</h1>
                <TeaserList teasers=listing.articles.into_vec() with_images=true />
            </section>
        }
    })
}
