//! The links between the pages of a long listing (front page, tag, section and author pages).

use super::use_paths;
use crate::i18n::{fill, use_strings};
use crate::model::{Listing, PageNumber};
use crate::routes::Route;
use leptos::prelude::*;

/// "Newer articles · Page 2 of 5 · Older articles", for the listing shown
/// at `route`; nothing for a listing of one page. The links are plain
/// links: the app follows them without a reload, and they work before it
/// loads.
#[component]
pub fn Pager(listing: Listing) -> impl IntoView {
    let pages = listing.pages();
    let page = listing.page();
    let route = match listing.subject {
        Some(subject) => Route::Collection(subject.collection(), subject.slug().clone(), page),
        None => Route::Front(page),
    };
    (pages > 1).then(|| {
        let paths = use_paths();
        let strings = use_strings();
        let link = |to: Option<PageNumber>| {
            to.filter(|n| n.get() <= pages)
                .and_then(|n| route.at_page(n))
                .map(|r| paths.route(&r))
        };
        let (newer, older) = (link(page.newer()), link(page.older()));
        let position = fill(
            strings.page_of,
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        );
        view! {
            <nav class="pager" aria-label=strings.pages>
                {newer.map(|href| view! { <a class="pager-newer" href=href rel="prev">{strings.newer}</a> })}
                <span class="pager-position" aria-current="page">{position}</span>
                {older.map(|href| view! { <a class="pager-older" href=href rel="next">{strings.older}</a> })}
            </nav>
        }
    })
}

/// A listing page's title: the listing's own on its first page, with the
/// page's number on the others ("Latest news, page 2").
pub fn paged_title(title: &str, page: PageNumber) -> String {
    if page.is_first() {
        title.to_owned()
    } else {
        fill(
            use_strings().paged_title,
            &[("title", title), ("page", &page.to_string())],
        )
    }
}
