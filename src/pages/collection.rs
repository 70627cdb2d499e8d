//! A tag's, section's or author's page: one page of its listing.

use super::with_document;
use crate::components::head::PageHead;
use crate::components::pager::{paged_title, Pager};
use crate::components::teaser::TeaserList;
use crate::i18n::{fill, use_strings};
use crate::model::{Listing, Subject};
use crate::routes::{use_route, Collection};
use crate::site::use_site;
use leptos::prelude::*;

#[component]
pub fn CollectionPage() -> impl IntoView {
    let route = use_route();
    let site_name = use_site().name;
    let strings = use_strings();
    with_document(move |listing: Listing| {
        // The route names the page if the document does not (it always
        // does, as the build writes it).
        let (collection, name) = match &listing.subject {
            Some(subject) => (subject.collection(), subject.name().to_string()),
            None => route.with_untracked(|r| {
                r.collection()
                    .map_or((Collection::Tag, String::new()), |(c, s)| {
                        (c, s.to_string())
                    })
            }),
        };
        let about = match &listing.subject {
            Some(Subject::Author(author)) => author.about.as_ref().map(|a| a.to_string()),
            _ => None,
        };
        let site = ("site", site_name.as_str());
        let (kicker, title, description) = match collection {
            Collection::Tag => (
                strings.topic,
                fill(strings.tag_title, &[("tag", &name)]),
                fill(strings.tag_description, &[("tag", &name), site]),
            ),
            Collection::Section => (
                strings.section,
                fill(strings.section_title, &[("section", &name)]),
                fill(strings.section_description, &[("section", &name), site]),
            ),
            Collection::Author => (
                strings.author,
                fill(strings.author_title, &[("author", &name)]),
                fill(strings.author_description, &[("author", &name), site]),
            ),
        };
        view! {
            <PageHead
                title=paged_title(&title, listing.page())
                description
                subject=listing.subject.clone()
            />
            <section class=format!("collection-page {}-page", collection.name())>
                // The count is the first page's: an archived page keeps its bytes.
                <p class="kicker">
                    {kicker}
                    {listing.total().map(|n| format!(" · {}", strings.count(&strings.articles, n)))}
                </p>
                <h1 class="page-title" tabindex="-1">{name}</h1>
                {about.map(|about| view! { <p class="about">{about}</p> })}
                <TeaserList teasers=listing.articles.clone().into_vec() with_images=true />
                <Pager listing />
            </section>
        }
    })
}
