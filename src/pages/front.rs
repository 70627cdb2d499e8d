use super::{fetched, route_document};
use crate::components::head::PageHead;
use crate::components::teaser::TeaserList;
use crate::i18n::{fill, use_strings};
use crate::model::Listing;
use crate::site::use_site;
use leptos::prelude::*;

#[component]
pub fn FrontPage() -> impl IntoView {
    let listing = route_document::<Listing>();
    let strings = use_strings();
    view! {
        <PageHead title=strings.latest_news description=fill(strings.front_description, &[("site", &use_site().name)]) />
        {fetched(listing, |listing| view! {
            <section class="front">
                <h1 class="page-title" tabindex="-1">{strings.latest_news}</h1>
                <TeaserList teasers=listing.articles.into_vec() with_images=true />
            </section>
        })}
    }
}
