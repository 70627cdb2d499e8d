use super::fetched;
use super::not_found::NotFoundPage;
use crate::api;
use crate::components::article_meta::{BylineView, Dateline};
use crate::components::blocks::BodyBlock;
use crate::components::figure::{Figure, Priority};
use crate::components::teaser::{HeadingLevel, TeaserList};
use crate::components::use_paths;
use crate::model::{Article, Slug, Tag};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let paths = use_paths();
    // A parameter that is not a slug never reaches a URL.
    let slug = Memo::new(move |_| params.read().get("slug").and_then(|s| Slug::parse(&s).ok()));
    move || match slug.get() {
        None => Either::Left(view! { <NotFoundPage /> }),
        Some(slug) => {
            let url = paths.article_data(&slug);
            let article = LocalResource::new(move || api::get::<Article>(url.clone()));
            Either::Right(fetched(
                article,
                |article| view! { <ArticleView article /> },
            ))
        }
    }
}

/// A whole article. Pure: given the same article it renders the same markup.
#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let Article {
        headline,
        standfirst,
        section,
        language,
        tags,
        byline,
        published,
        updated,
        lead_image,
        body,
        related,
        slug,
        ..
    } = article;
    view! {
        <Title text=headline.to_string() />
        <Meta name="description" content=standfirst.to_string() />
        <article class="article" lang=language.as_str().to_owned()>
            <header class="article-header">
                <p class="kicker">{section.to_string()}</p>
                <h1 class="headline" tabindex="-1">{headline.to_string()}</h1>
                <p class="standfirst">{standfirst.to_string()}</p>
                <div class="article-meta">
                    <BylineView byline />
                    <Dateline published updated />
                </div>
            </header>
            <Figure image=lead_image priority=Priority::Lead class="lead-image" />
            <div class="article-body">
                {body
                    .into_iter()
                    .map(|block| view! { <BodyBlock block article=Some(slug.clone()) /> })
                    .collect_view()}
            </div>
            <TagList tags />
        </article>
        {(!related.is_empty()).then(|| view! {
            <aside class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">"Related posts"</h2>
                <TeaserList teasers=related level=HeadingLevel::H3 />
            </aside>
        })}
    }
}

#[component]
fn TagList(tags: Vec<Tag>) -> impl IntoView {
    let paths = use_paths();
    (!tags.is_empty()).then(|| {
        view! {
            <nav class="tags" aria-label="Topics">
                <h2 class="visually-hidden">"Topics"</h2>
                <ul role="list">
                    {tags
                        .into_iter()
                        .map(|t| view! { <li><a class="tag" href=paths.tag(&t.slug)>{t.name.to_string()}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}
