use crate::i18n::use_strings;
use crate::model::{Byline, Timestamp};
use leptos::prelude::*;

/// "By …": people with their roles, or an organisation.
#[component]
pub fn BylineView(byline: Byline) -> impl IntoView {
    let names = match byline {
        Byline::Organisation(org) => org.to_string(),
        Byline::Authors(people) => {
            let names: Vec<String> = people
                .into_iter()
                .map(|p| match p.role {
                    Some(role) => format!("{} ({})", p.name, role),
                    None => p.name.to_string(),
                })
                .collect();
            join_names(&names, use_strings().and_word)
        }
    };
    view! { <p class="byline">{use_strings().by} " " <span class="author">{names}</span></p> }
}

/// "A", "A and B", "A, B and C" (with the language's "and").
pub fn join_names(names: &[String], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {}", init.join(", "), last),
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
            {strings.published} " " <Date at=published />
            {updated.map(|u| view! { <span class="updated">" · " {strings.updated} " " <Date at=u /></span> })}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::join_names;

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
