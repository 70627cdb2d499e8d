use super::article_meta::Date;
use super::figure::{srcset, Priority};
use super::use_paths;
use crate::model::Teaser;
use leptos::prelude::*;

/// The heading level of teaser headlines, so lists fit the page's outline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeadingLevel {
    /// Directly under the page's `h1` (front page, tag pages).
    #[default]
    H2,
    /// Under a section's `h2` (related posts).
    H3,
}

/// An article in a list: its headline links to it.
#[component]
pub fn TeaserCard(
    teaser: Teaser,
    /// Shows the teaser's image, loading as given; no image when None.
    #[prop(default = None)]
    image: Option<Priority>,
    #[prop(optional)] level: HeadingLevel,
) -> impl IntoView {
    let paths = use_paths();
    let href = paths.article(&teaser.slug);
    let image = image.zip(teaser.image).map(|(priority, img)| {
        let (loading, fetchpriority) = priority.attributes();
        let srcset = srcset(&paths, &img);
        let sizes = srcset.as_ref().map(|_| TEASER_SIZES);
        view! {
            <img
                class="teaser-image"
                src=paths.content_url(&img.src)
                srcset=srcset
                sizes=sizes
                alt=""
                width=img.width
                height=img.height
                loading=loading
                fetchpriority=fetchpriority
                decoding="async"
            />
        }
    });
    view! {
        <article class="teaser">
            {image}
            <div class="teaser-text">
                {
                    let link = view! { <a href=href>{teaser.headline.to_string()}</a> };
                    match level {
                        HeadingLevel::H2 => view! { <h2 class="teaser-headline">{link}</h2> }.into_any(),
                        HeadingLevel::H3 => view! { <h3 class="teaser-headline">{link}</h3> }.into_any(),
                    }
                }
                <p class="teaser-standfirst">{teaser.standfirst.to_string()}</p>
                <p class="teaser-date"><Date at=teaser.published /></p>
            </div>
        </article>
    }
}

/// How wide a teaser's image is drawn, for `sizes`: a card in the grid of
/// the front and tag pages (17rem and up, in 64rem), or a phone's width.
const TEASER_SIZES: &str = "(min-width: 40rem) 21rem, 100vw";

/// A list of teasers. With images, the first one is above the fold, so it
/// loads at once; the rest load lazily.
#[component]
pub fn TeaserList(
    teasers: Vec<Teaser>,
    #[prop(optional)] with_images: bool,
    #[prop(optional)] level: HeadingLevel,
) -> impl IntoView {
    view! {
        <ul class="teasers" role="list">
            {teasers
                .into_iter()
                .enumerate()
                .map(|(i, teaser)| {
                    let image = with_images
                        .then_some(if i == 0 { Priority::Lead } else { Priority::Lazy });
                    view! { <li><TeaserCard teaser image level /></li> }
                })
                .collect_view()}
        </ul>
    }
}
