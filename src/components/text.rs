use super::use_paths;
use crate::model::Span;
use leptos::prelude::*;

/// Runs of formatted text. Text is always rendered as text nodes, never as HTML.
#[component]
pub fn Spans(spans: Vec<Span>) -> impl IntoView {
    let paths = use_paths();
    spans
        .into_iter()
        .map(|span| span_view(span, &paths))
        .collect_view()
}

fn span_view(span: Span, paths: &crate::paths::Paths) -> AnyView {
    let mut view = match span.lang {
        Some(lang) => {
            view! { <span lang=lang.as_str().to_owned()>{String::from(span.text)}</span> }
                .into_any()
        }
        None => String::from(span.text).into_any(),
    };
    if span.strong {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    if span.emphasis {
        view = view! { <em>{view}</em> }.into_any();
    }
    if let Some(link) = span.link {
        let href = paths.content_url(&link);
        view = if link.is_external() {
            view! { <a href=href rel="noopener noreferrer">{view}</a> }.into_any()
        } else {
            view! { <a href=href>{view}</a> }.into_any()
        };
    }
    view
}
