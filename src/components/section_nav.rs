//! The header's sections: a row of links, the current section marked.
//! On a narrow screen the row scrolls sideways rather than wrapping, so
//! the header keeps its height, prerendered or live.

use crate::i18n::use_strings;
use crate::model::Section;
use crate::paths::use_paths;
use crate::routes::{use_route, Collection, Route};
use leptos::prelude::*;

#[component]
pub fn SectionNav(sections: Vec<Section>) -> impl IntoView {
    (!sections.is_empty()).then(|| {
        let paths = use_paths();
        let route = use_route();
        let links = sections
            .into_iter()
            .map(|section| {
                let href = paths.collection(Collection::Section, &section.slug);
                let slug = section.slug;
                let current = move || {
                    route.with(|r| {
                        matches!(r, Route::Collection(Collection::Section, s, _) if *s == slug)
                            .then_some("page")
                    })
                };
                view! { <li><a href=href aria-current=current>{section.name.to_string()}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="section-nav" aria-label=use_strings().sections>
                <ul role="list">{links}</ul>
            </nav>
        }
    })
}
