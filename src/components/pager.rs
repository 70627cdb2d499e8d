//! The links between the pages of a long listing (front page, tag, section and author pages).

use super::use_paths;
use crate::i18n::{fill, use_strings};
use crate::model::{Listing, Page};
use crate::routes::Route;
use leptos::prelude::*;

/// "Newer articles · Page 12 · Older articles", for the listing shown at
/// `route`; nothing for a listing of one page. The first page has no
/// number; archived pages count from the oldest (decision 0030). The links
/// are plain links: the app follows them without a reload, and they work
/// before it loads.
#[component]
pub fn Pager(listing: Listing) -> impl IntoView {
    let page = listing.page();
    let route = match &listing.subject {
        Some(subject) => Route::Collection(subject.collection(), subject.slug().clone(), page),
        None => Route::Front(page),
    };
    listing.pagination.map(|_| {
        let paths = use_paths();
        let strings = use_strings();
        let link = |to: Option<Page>| to.and_then(|n| route.at_page(n)).map(|r| paths.route(&r));
        let (newer, older) = (link(listing.newer()), link(listing.older()));
        let position = match page {
            Page::Archived(n) => fill(strings.page_number, &[("page", &n.to_string())]),
            Page::First => strings.newest.to_owned(),
        };
        view! {
            <nav class="pager" aria-label=strings.pages>
                {newer.map(|href| view! { <a class="pager-newer" href=href rel="prev">{strings.newer}</a> })}
                <span class="pager-position" aria-current="page">{position}</span>
                {older.map(|href| view! { <a class="pager-older" href=href rel="next">{strings.older}</a> })}
            </nav>
        }
    })
}

/// A listing page's title: the listing's own on its first page, with an
/// archived page's number on the others ("Latest news, page 12").
pub fn paged_title(title: &str, page: Page) -> String {
    match page {
        Page::First => title.to_owned(),
        Page::Archived(n) => fill(
            use_strings().paged_title,
            &[("title", title), ("page", &n.to_string())],
        ),
    }
}
