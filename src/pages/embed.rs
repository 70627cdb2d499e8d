use super::fetched;
use super::not_found::NotFoundPage;
use crate::api;
use crate::browser::report_height;
use crate::chart::ChartBlock;
use crate::components::status::NotFound;
use crate::components::use_paths;
use crate::model::{Article, Slug};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// One chart, without the site's chrome, for an iframe on another site.
/// It tells the parent page its height (see `public/embed.js`).
#[component]
pub fn ChartEmbedPage() -> impl IntoView {
    let params = use_params_map();
    let paths = use_paths();
    let ids = Memo::new(move |_| {
        let p = params.read();
        let article = p.get("slug").and_then(|s| Slug::parse(&s).ok())?;
        let chart = p.get("chart").and_then(|s| Slug::parse(&s).ok())?;
        Some((article, chart))
    });
    Effect::new(|_| report_height());
    move || match ids.get() {
        None => Either::Left(view! { <NotFoundPage /> }),
        Some((slug, chart_id)) => {
            let url = paths.article_data(&slug);
            let article = LocalResource::new(move || api::get::<Article>(url.clone()));
            let paths = paths.clone();
            Either::Right(fetched(article, move |article| {
                let chart = article.charts().find(|c| c.id == chart_id).cloned();
                let article_href = paths.article(&article.slug);
                match chart {
                    Some(chart) => Either::Left(view! {
                        <Title text=chart.title.to_string() />
                        <Meta name="robots" content="noindex" />
                        <h1 class="visually-hidden" tabindex="-1">{chart.title.to_string()}</h1>
                        <ChartBlock chart />
                        <p class="embed-credit">
                            "From "
                            <a href=article_href target="_blank" rel="noopener">{article.headline.to_string()}</a>
                            " · Gazette"
                        </p>
                    }),
                    None => Either::Right(view! { <NotFound /> }),
                }
            }))
        }
    }
}
