use super::article_meta::Date;
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
    #[prop(optional)] with_image: bool,
    #[prop(optional)] level: HeadingLevel,
) -> impl IntoView {
    let paths = use_paths();
    let href = paths.article(&teaser.slug);
    let image = teaser.image.filter(|_| with_image).map(|img| {
        view! {
            <img
                class="teaser-image"
                src=paths.content_url(&img.src)
                alt=""
                width=img.width
                height=img.height
                loading="lazy"
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

/// A list of teasers.
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
                .map(|teaser| view! { <li><TeaserCard teaser with_image=with_images level /></li> })
                .collect_view()}
        </ul>
    }
}
