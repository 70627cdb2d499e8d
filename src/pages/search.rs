//! The search page (`<base>search?q=…`): what the address asks for, found
//! in the index as the reader types, with a count read out politely, the
//! matched words marked, and a retry when the index cannot be read.

use super::{InFlight, PageShown};
use crate::api::ApiError;
use crate::components::article_meta::Date;
use crate::components::head::PageHead;
use crate::components::use_paths;
use crate::i18n::{fill, use_strings};
use crate::model::search::snippet::Part;
use crate::model::search::{form_value, shown_query, QUERY_PARAMETER};
use crate::routes::Location;
use crate::search::{Found, Results, RESULTS_PER_PAGE};
use crate::site::use_site;
use futures::future::abortable;
use leptos::prelude::*;

#[component]
pub fn SearchPage() -> impl IntoView {
    let strings = use_strings();
    let site_name = use_site().name;
    let paths = use_paths();
    let location = use_context::<Location>();
    // What the address asks for, as the reader typed it (cut, and control
    // characters as spaces: it is shown back as text).
    let asked = Memo::new(move |_| {
        location
            .and_then(|l| form_value(&l.query.read(), QUERY_PARAMETER))
            .map(|asked| shown_query(&asked))
            .unwrap_or_default()
    });
    // The engine reads the words (in its worker): the page only needs to
    // know whether anything was asked.
    let query = Memo::new(move |_| Some(asked.get()).filter(|a| !a.is_empty()));
    // False while prerendering (effects run only in the browser): the
    // page then says search needs the app.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let wanted = RwSignal::new(RESULTS_PER_PAGE);
    let retries = RwSignal::new(0_u32);
    let pending = RwSignal::new(false);
    let answer = RwSignal::new(None::<Result<Results, ApiError>>);
    let in_flight = InFlight::default();
    // A new query starts from its first results (set only if it changed:
    // setting it anyway would ask the engine twice).
    Effect::new(move |_| {
        query.track();
        if wanted.get_untracked() != RESULTS_PER_PAGE {
            wanted.set(RESULTS_PER_PAGE);
        }
    });
    Effect::new(move |_| {
        let (query, count) = (query.get(), wanted.get());
        retries.track();
        in_flight.cancel();
        let Some(query) = query else {
            answer.set(None);
            pending.set(false);
            return;
        };
        pending.set(true);
        let paths = paths.clone();
        let (search, handle) =
            abortable(async move { crate::search::search(&paths, &query, count).await });
        in_flight.replace(handle);
        leptos::task::spawn_local(async move {
            if let Ok(result) = search.await {
                answer.try_set(Some(result));
                pending.try_set(false);
            }
        });
    });
    on_cleanup(move || in_flight.cancel());
    let typed = move || asked.get();
    let title = move || match typed() {
        t if t.is_empty() => strings.search_title.to_owned(),
        t => fill(strings.search_query_title, &[("query", &t)]),
    };
    let description = fill(strings.search_description, &[("site", &site_name)]);
    // One line, read out when it changes: what the page is doing or found.
    let status = move || {
        if !live.get() {
            return strings.search_needs_script.to_owned();
        }
        let query = typed();
        match (query.is_empty(), pending.get(), answer.get()) {
            (true, ..) => strings.search_prompt.to_owned(),
            (_, true, _) | (_, _, None) => strings.searching.to_owned(),
            (_, _, Some(Ok(results))) if results.total == 0 => {
                fill(strings.search_none, &[("query", &query)])
            }
            (_, _, Some(Ok(results))) => {
                let count = strings.count(&strings.results, results.total as u64);
                fill(
                    strings.search_found,
                    &[("count", &count), ("query", &query)],
                )
            }
            (_, _, Some(Err(error))) => fill(
                strings.search_unavailable,
                &[("error", &error.message_in(strings))],
            ),
        }
    };
    let results = move || {
        match answer.get() {
        Some(Ok(results)) if query.with(Option::is_some) => {
            let more = results.shown.len() < results.total;
            let items = results.shown.into_iter().map(|found| view! { <SearchResult found /> });
            Some(view! {
                <ol class="search-results">{items.collect_view()}</ol>
                {more.then(|| view! {
                    <p class="actions">
                        <button type="button" class="button secondary"
                                on:click=move |_| wanted.update(|n| *n += RESULTS_PER_PAGE)>
                            {strings.search_more}
                        </button>
                    </p>
                })}
            }.into_any())
        }
        // Whatever the failure (a file missing, cut short or tampered
        // with), trying again is offered: a publish may have mended it.
        Some(Err(_)) => Some(view! {
            <p class="actions">
                <button type="button" class="button" on:click=move |_| retries.update(|n| *n += 1)>
                    {strings.try_again}
                </button>
            </p>
        }.into_any()),
        _ => None,
    }
    };
    view! {
        {move || view! { <PageHead title=title() description=description.clone() /> }}
        <section class="search-page" aria-busy=move || pending.get().then_some("true")>
            <h1 class="page-title" tabindex="-1">{strings.search_title}</h1>
            <p class="search-status" role="status">{status}</p>
            {move || (!live.get()).then(|| {
                let home = use_paths().home();
                view! { <p class="actions"><a class="button" href=home>{strings.go_home}</a></p> }
            })}
            {results}
        </section>
        <PageShown />
    }
}

/// One result: the headline as a link, date and section, and the snippet
/// with the matched words marked (text in `<mark>`, never markup).
#[component]
fn SearchResult(found: Found) -> impl IntoView {
    let paths = use_paths();
    let Found {
        slug,
        headline,
        section,
        published,
        snippet,
    } = found;
    let parts = snippet.into_iter().map(|Part { text, marked }| {
        if marked {
            view! { <mark>{text}</mark> }.into_any()
        } else {
            text.into_any()
        }
    });
    view! {
        <li class="search-result">
            <h2 class="teaser-headline"><a href=paths.article(&slug)>{headline.to_string()}</a></h2>
            <p class="search-meta"><Date at=published /> " · " {section.to_string()}</p>
            <p class="search-snippet">{parts.collect_view()}</p>
        </li>
    }
}
