use super::{fetched, route_document};
use crate::components::head::PageHead;
use crate::components::teaser::TeaserList;
use crate::model::Listing;
use crate::site::use_site;
use leptos::prelude::*;

#[component]
pub fn FrontPage() -> impl IntoView {
    let listing = route_document::<Listing>();
    view! {
        <PageHead title="Latest news" description=format!("The latest articles from {}.", use_site().name) />
        {fetched(listing, |listing| view! {
            <section class="front">
                <h1 class="page-title" tabindex="-1">"Latest news"</h1>
                <TeaserList teasers=listing.articles.into_vec() with_images=true />
            </section>
        })}
    }
}
