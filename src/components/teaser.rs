use super::article_meta::Date;
use super::use_paths;
use crate::model::Teaser;
use leptos::prelude::*;

/// An article in a list: its headline links to it.
#[component]
pub fn TeaserCard(teaser: Teaser, #[prop(optional)] with_image: bool) -> impl IntoView {
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
                <h3 class="teaser-headline"><a href=href>{teaser.headline.to_string()}</a></h3>
                <p class="teaser-standfirst">{teaser.standfirst.to_string()}</p>
                <p class="teaser-date"><Date at=teaser.published /></p>
            </div>
        </article>
    }
}

/// A list of teasers.
#[component]
pub fn TeaserList(teasers: Vec<Teaser>, #[prop(optional)] with_images: bool) -> impl IntoView {
    view! {
        <ul class="teasers" role="list">
            {teasers
                .into_iter()
                .map(|teaser| view! { <li><TeaserCard teaser with_image=with_images /></li> })
                .collect_view()}
        </ul>
    }
}
