use super::with_document;
use crate::chart::ChartBlock;
use crate::components::head::PageHead;
use crate::components::status::NotFound;
use crate::components::use_paths;
use crate::i18n::{fill, use_strings};
use crate::model::Article;
use crate::pages::article::ArticleView;
use crate::routes::{route_slug, Route};
use crate::site::use_site;
use leptos::either::Either;
use leptos::prelude::*;

/// One chart, without the site's chrome, for an iframe on another site.
/// `public/boot.js` tells the parent page its height (see `public/embed.js`)
/// and opens its links in a new browsing context, with or without the app.
#[component]
pub fn ChartEmbedPage() -> impl IntoView {
    let paths = use_paths();
    let chart_id = route_slug(Route::chart);
    with_document(move |article: Article| {
        let chart = chart_id
            .get_untracked()
            .and_then(|id| article.charts().find(|c| c.id == id).cloned());
        let article_href = paths.article(&article.slug);
        match chart {
            Some(chart) => Either::Left(view! {
                <PageHead
                    title=chart.title.to_string()
                    description=fill(use_strings().chart_from, &[("headline", article.headline.as_str())])
                />
                <h1 class="visually-hidden" tabindex="-1">{chart.title.to_string()}</h1>
                <ChartBlock chart />
                <p class="embed-credit">
                    {format!("{} ", use_strings().from_article)}
                    <a href=article_href target="_blank" rel="noopener">{article.headline.to_string()}</a>
                    {format!(" · {}", use_site().name)}
                </p>
            }),
            None => Either::Right(view! { <NotFound /> }),
        }
    })
}

/// One article, without the site's chrome, for an iframe on another site.
/// Same height protocol as the chart embeds.
#[component]
pub fn ArticleEmbedPage() -> impl IntoView {
    let paths = use_paths();
    with_document(move |article: Article| {
        let href = paths.article(&article.slug);
        view! {
            <PageHead title=article.headline.to_string() description=article.standfirst.to_string() />
            <ArticleView article />
            <p class="embed-credit">
                <a href=href target="_blank" rel="noopener">{fill(use_strings().read_on, &[("site", &use_site().name)])}</a>
            </p>
        }
    })
}
