use super::use_paths;
use crate::model::Image;
use leptos::prelude::*;

/// How an image should load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// Above the fold (the lead image): load now, never lazily.
    Lead,
    /// Below the fold: load when the reader gets near it.
    Lazy,
}

/// An image with its caption and credit. Width and height are always set, so
/// the browser reserves the space before the image arrives.
#[component]
pub fn Figure(
    image: Image,
    priority: Priority,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let src = use_paths().content_url(&image.src);
    let (loading, fetchpriority) = match priority {
        Priority::Lead => ("eager", "high"),
        Priority::Lazy => ("lazy", "auto"),
    };
    view! {
        <figure class=format!("figure {class}")>
            <img
                src=src
                alt=image.alt
                width=image.width
                height=image.height
                loading=loading
                fetchpriority=fetchpriority
                decoding="async"
            />
            <figcaption>
                {image.caption.map(|c| view! { <span class="caption">{c.to_string()}</span> " " })}
                <span class="credit">{image.credit.to_string()}</span>
            </figcaption>
        </figure>
    }
}
