//! The search form in every page's header: a plain `GET` to the search
//! page, which works before and without the app. With the app, it goes
//! there client-side, and on the search page what the reader types
//! becomes the address's query as they type (the page follows it).

use super::use_paths;
use crate::i18n::use_strings;
use crate::model::search::{
    form_encode, form_value, shown_query, MAX_QUERY_CHARS, QUERY_PARAMETER,
};
use crate::routes::{Location, PageKind};
use leptos::prelude::*;
use std::time::Duration;

/// How long typing pauses before the search page follows it.
pub const TYPING_PAUSE: Duration = Duration::from_millis(250);

#[component]
pub fn SearchBox() -> impl IntoView {
    let strings = use_strings();
    let paths = use_paths();
    let location = use_context::<Location>();
    let on_search_page = move || location.is_some_and(|l| l.route.get().kind() == PageKind::Search);
    // What the box holds: on the search page, the address's query (so
    // back and forward bring theirs back); elsewhere, what was typed.
    let text = RwSignal::new(String::new());
    Effect::new(move |_| {
        if on_search_page() {
            let asked = location
                .and_then(|l| form_value(&l.query.read(), QUERY_PARAMETER))
                .map(|asked| shown_query(&asked))
                .unwrap_or_default();
            if text.get_untracked() != asked {
                text.set(asked);
            }
        }
    });
    let typing = StoredValue::new(None::<TimeoutHandle>);
    let stop_typing = move || {
        if let Some(timer) = typing.get_value() {
            timer.clear();
        }
    };
    let on_input = move |event| {
        text.set(event_target_value(&event));
        stop_typing();
        if let (Some(location), true) = (location, on_search_page()) {
            let follow = move || {
                let typed = text.get_untracked();
                let query = match typed.trim() {
                    "" => String::new(),
                    _ => format!("?{QUERY_PARAMETER}={}", form_encode(&typed)),
                };
                crate::browser::replace_query(location, &query);
            };
            typing.set_value(set_timeout_with_handle(follow, TYPING_PAUSE).ok());
        }
    };
    let on_focus = {
        let paths = paths.clone();
        move |_| crate::search::warm(&paths)
    };
    let action = paths.search();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        stop_typing();
        if let Some(location) = location {
            crate::browser::navigate(&paths, location, &paths.search_for(&text.get_untracked()));
        }
    };
    view! {
        <form class="site-search" role="search" aria-label=strings.search_label
              action=action method="get" on:submit=on_submit>
            <label class="visually-hidden" for="search-q">{strings.search_label}</label>
            <input id="search-q" type="search" name=QUERY_PARAMETER maxlength=MAX_QUERY_CHARS
                   enterkeyhint="search" autocomplete="off" spellcheck="false"
                   prop:value=text on:input=on_input on:focus=on_focus />
            // The label is an attribute, so the button is painted at its
            // width even when the page is painted before its text arrives.
            <input type="submit" class="button" value=strings.search_button />
        </form>
    }
}
