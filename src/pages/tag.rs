use super::with_document;
use crate::components::head::PageHead;
use crate::components::pager::{paged_title, Pager};
use crate::components::teaser::TeaserList;
use crate::i18n::{fill, use_strings};
use crate::model::Listing;
use crate::routes::{route_slug, Route};
use crate::site::use_site;
use leptos::prelude::*;

#[component]
pub fn TagPage() -> impl IntoView {
    let tag = route_slug(Route::tag);
    let site_name = use_site().name;
    let strings = use_strings();
    with_document(move |listing: Listing| {
        let name = listing
            .tag
            .as_ref()
            .map(|t| t.name.to_string())
            .or_else(|| tag.get_untracked().map(|t| t.to_string()))
            .unwrap_or_default();
        view! {
            <PageHead
                title=paged_title(&fill(strings.tag_title, &[("tag", &name)]), listing.page())
                description=fill(strings.tag_description, &[("tag", &name), ("site", &site_name)])
            />
            <section class="tag-page">
                <p class="kicker">{strings.topic} " · " {strings.count(&strings.articles, listing.total())}</p>
                <h1 class="page-title" tabindex="-1">{name}</h1>
                <TeaserList teasers=listing.articles.clone().into_vec() with_images=true />
                <Pager listing />
            </section>
        }
    })
}
