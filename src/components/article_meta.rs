use crate::i18n::use_strings;
use crate::model::{Byline, Timestamp};
use crate::paths::use_paths;
use crate::routes::Collection;
use leptos::prelude::*;

/// "By …": people with their roles, each named one linking to their
/// page, or an organisation (which has none).
#[component]
pub fn BylineView(byline: Byline) -> impl IntoView {
    let names = match byline {
        Byline::Organisation(org) => org.to_string().into_any(),
        Byline::Authors(people) => {
            let paths = use_paths();
            let and = use_strings().and_word;
            let count = people.len();
            people
                .into_iter()
                .enumerate()
                .map(|(n, p)| {
                    let name = p.name.to_string();
                    let name = match p.slug {
                        Some(slug) => view! {
                            <a href=paths.collection(Collection::Author, &slug)>{name}</a>
                        }
                        .into_any(),
                        None => name.into_any(),
                    };
                    view! {
                        {separator(n, count, and)}
                        {name}
                        {p.role.map(|role| format!(" ({role})"))}
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    // The space is part of the word before it, never a text node of its
    // own: a page painted before the name arrives would count that node
    // as moved (tests/e2e/loading.spec.mjs).
    view! { <p class="byline">{format!("{} ", use_strings().by)}<span class="author">{names}</span></p> }
}

/// What comes before name `n` of `count`: "A", "A and B", "A, B and C"
/// (with the language's "and").
pub fn separator(n: usize, count: usize, and: &str) -> String {
    match n {
        0 => String::new(),
        n if n + 1 == count => format!(" {and} "),
        _ => ", ".to_owned(),
    }
}

/// A machine-readable and human-readable date.
#[component]
pub fn Date(at: Timestamp) -> impl IntoView {
    view! { <time datetime=at.as_str().to_owned()>{use_strings().date(at.date())}</time> }
}

/// Published and, when it differs, updated dates.
#[component]
pub fn Dateline(published: Timestamp, updated: Option<Timestamp>) -> impl IntoView {
    let strings = use_strings();
    let updated = updated.filter(|u| u.date() != published.date());
    view! {
        <p class="dateline">
            {format!("{} ", strings.published)}<Date at=published />
            {updated.map(|u| view! { <span class="updated">{format!(" · {} ", strings.updated)}<Date at=u /></span> })}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::separator;

    fn join_names(names: &[String], and: &str) -> String {
        names
            .iter()
            .enumerate()
            .map(|(n, name)| format!("{}{name}", separator(n, names.len(), and)))
            .collect()
    }

    #[test]
    fn names_join_like_prose() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_names(&n(&[]), "and"), "");
        assert_eq!(join_names(&n(&["A"]), "and"), "A");
        assert_eq!(join_names(&n(&["A", "B"]), "and"), "A and B");
        assert_eq!(join_names(&n(&["A", "B", "C"]), "and"), "A, B and C");
        assert_eq!(
            join_names(&n(&["Ana", "Đorđe"]), crate::i18n::SR_CYRL.and_word),
            "Ana и Đorđe"
        );
    }
}
