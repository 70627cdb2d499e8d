use super::with_document;
use crate::components::head::PageHead;
use crate::components::pager::{paged_title, Pager};
use crate::components::teaser::TeaserList;
use crate::i18n::{fill, use_strings};
use crate::model::Listing;
use crate::site::use_site;
use leptos::prelude::*;

#[component]
pub fn FrontPage() -> impl IntoView {
    let strings = use_strings();
    let site_name = use_site().name;
    with_document(move |listing: Listing| {
        view! {
            <PageHead
                title=paged_title(strings.latest_news, listing.page())
                description=fill(strings.front_description, &[("site", &site_name)])
            />
            <section class="front">
                <h1 class="page-title" tabindex="-1">{strings.latest_news}</h1>
                <TeaserList teasers=listing.articles.clone().into_vec() with_images=true />
                <Pager listing />
            </section>
        }
    })
}
