use super::use_paths;
use crate::model::Image;
use crate::paths::Paths;
use leptos::prelude::*;

/// How an image should load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Priority {
    /// Above the fold (the lead image): load now, never lazily.
    Lead,
    /// Below the fold: load when the reader gets near it.
    #[default]
    Lazy,
}

impl Priority {
    /// The `loading` and `fetchpriority` attributes.
    pub fn attributes(self) -> (&'static str, &'static str) {
        match self {
            Priority::Lead => ("eager", "high"),
            Priority::Lazy => ("lazy", "auto"),
        }
    }
}

/// How wide an image is drawn, for `sizes`: the article column (`--measure`,
/// 40rem) or the full width of a phone.
pub const COLUMN_SIZES: &str = "(min-width: 42rem) 40rem, 100vw";

/// The `srcset` of an image with other widths: the image itself and each
/// source, by width. None when there is only the one file.
pub fn srcset(paths: &Paths, image: &Image) -> Option<String> {
    if image.sources.is_empty() {
        return None;
    }
    let mut set = format!("{} {}w", paths.content_url(&image.src), image.width);
    for source in &image.sources {
        set += &format!(", {} {}w", paths.content_url(&source.src), source.width);
    }
    Some(set)
}

/// An image with its caption and credit. Width and height are always set, so
/// the browser reserves the space before the image arrives.
#[component]
pub fn Figure(
    image: Image,
    priority: Priority,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let paths = use_paths();
    let src = paths.content_url(&image.src);
    let srcset = srcset(&paths, &image);
    let sizes = srcset.as_ref().map(|_| COLUMN_SIZES);
    let (loading, fetchpriority) = priority.attributes();
    view! {
        <figure class=format!("figure {class}")>
            <img
                src=src
                srcset=srcset
                sizes=sizes
                alt=String::from(image.alt)
                width=image.width
                height=image.height
                loading=loading
                fetchpriority=fetchpriority
                decoding="async"
            />
            {(image.caption.is_some() || image.credit.is_some()).then(|| view! {
                <figcaption>
                    {image.caption.map(|c| view! { <span class="caption">{format!("{c} ")}</span> })}
                    {image.credit.map(|c| view! { <span class="credit">{c.to_string()}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
