//! Build-time rendering (native, `ssr` feature): one route of the real app,
//! with its data given instead of fetched, to the tags its views put in
//! `<head>` and the HTML that goes in `<body>`. `xtask site` writes one file
//! per route from it.

use crate::app::App;
use crate::markup::{escape_html, script_json};
use crate::model::{Article, Listing};
use crate::page_data::{Prerendered, DATA_ELEMENT_ID};
use crate::paths::Paths;
use crate::site::{SiteIdentity, SiteOrigin, SITE_META_NAME};
use leptos::prelude::*;

/// What a route shows.
#[derive(Clone)]
pub enum RouteData {
    Article(Box<Article>),
    Listing(Listing),
    /// The not-found page: nothing to fetch.
    Nothing,
}

/// One route, rendered.
pub struct RenderedRoute {
    /// The tags the page's views put in `<head>`, title included
    /// ([`crate::components::head::PageHead`]).
    pub head: String,
    pub body: String,
}

/// Renders the app at `path` (including the base path) with `data`, for the
/// site `site` served from `origin`.
pub fn render_route(
    site: &SiteIdentity,
    paths: &Paths,
    origin: &str,
    path: &str,
    data: RouteData,
) -> RenderedRoute {
    let site = site.clone();
    let paths = paths.clone();
    let path = path.to_owned();
    let origin = SiteOrigin(origin.to_owned());
    let (meta, head) = leptos_meta::ServerMetaContext::new();
    let body = Owner::new().with(move || {
        provide_context(meta);
        provide_context(origin);
        match data {
            RouteData::Article(article) => provide_context(Prerendered(*article)),
            RouteData::Listing(listing) => provide_context(Prerendered(listing)),
            RouteData::Nothing => {}
        }
        view! { <App paths pathname=path site /> }.to_html()
    });
    RenderedRoute {
        head: collected_head(head),
        body,
    }
}

/// What the views registered with leptos_meta while rendering. Its only
/// public way out is to splice them before the `</head>` of an HTML stream:
/// given a stream of just `</head>`, what comes before it is the head.
fn collected_head(output: leptos_meta::ServerMetaContextOutput) -> String {
    use futures::StreamExt;
    // leptos_meta waits for one tick of an executor; any will do. Setting
    // it twice (one per page) is refused and harmless.
    let _ = any_spawner::Executor::init_futures_executor();
    let html = futures::executor::block_on(async move {
        let stream = futures::stream::once(async { "</head>".to_owned() });
        output
            .inject_meta_context(Box::pin(stream))
            .await
            .collect::<String>()
            .await
    });
    html.strip_suffix("</head>").unwrap_or(&html).to_owned()
}

/// The site's identity, in every page for the app to start from
/// ([`crate::site::from_page`]).
pub fn site_element(site: &SiteIdentity) -> String {
    let attributes: String = site
        .attributes()
        .iter()
        .map(|(name, value)| format!(r#" {name}="{}""#, escape_html(value)))
        .collect();
    format!(r#"<meta name="{SITE_META_NAME}"{attributes}>"#)
}

/// The page's own document, embedded for the app to start from (see
/// [`crate::page_data`]).
pub fn data_element(url: &str, json: &str) -> String {
    format!(
        r#"<script type="application/json" id="{DATA_ELEMENT_ID}" data-url="{}">{}</script>"#,
        escape_html(url),
        script_json(json)
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)] // test code
mod tests {
    use super::*;
    use crate::model::Slug;

    const ORIGIN: &str = "https://news.example";

    fn article() -> Article {
        let source = include_str!("../content/articles/kfor-troop-levels-since-1999.json");
        let article: Article<Slug> = serde_json::from_str(source).unwrap();
        article.with_related(Default::default())
    }

    #[test]
    fn an_article_route_renders_the_whole_page_under_its_base_path() {
        let paths = Paths::new("/news/");
        let html = render_route(
            &SiteIdentity::default(),
            &paths,
            ORIGIN,
            "/news/articles/kfor-troop-levels-since-1999",
            RouteData::Article(Box::new(article())),
        )
        .body;
        assert_eq!(html.matches("<h1").count(), 1, "{html}");
        assert!(html.contains("KFOR"), "{html}");
        assert!(html.contains(r#"class="site-header""#), "{html}");
        assert!(html.contains(r#"href="/news/""#), "{html}");
        assert!(html.contains("<svg"), "the chart is drawn: {html}");
        assert!(
            !html.contains(r#"class="loading""#),
            "no loading state: {html}"
        );
    }

    #[test]
    fn an_unknown_route_renders_not_found_and_an_embed_has_no_chrome() {
        let paths = Paths::new("/");
        let html = render_route(
            &SiteIdentity::default(),
            &paths,
            ORIGIN,
            "/no/such/page",
            RouteData::Nothing,
        )
        .body;
        assert!(
            html.contains("not found") || html.contains("Not found"),
            "{html}"
        );
        let embed = render_route(
            &SiteIdentity::default(),
            &paths,
            ORIGIN,
            "/embed/articles/kfor-troop-levels-since-1999",
            RouteData::Article(Box::new(article())),
        )
        .body;
        assert!(!embed.contains("site-header"), "{embed}");
        assert!(embed.contains("Read on Gazette"), "{embed}");
    }

    /// An address like `//evil.example/x` is answered with one of our pages
    /// (the 404 page, or an app shell); no link the app builds from it may
    /// point at another host, at `/` or under a base path.
    #[test]
    fn links_built_from_a_hostile_address_stay_on_the_site() {
        for (base, prefix) in [("/", ""), ("/news/", "/news")] {
            let paths = Paths::new(base);
            for hostile in [
                "//evil.example/x",
                "/\\evil.example/x",
                "///evil.example/",
                "/\\/evil.example",
                "//evil.example",
                "/%2F/evil.example",
            ] {
                let html = render_route(
                    &SiteIdentity::default(),
                    &paths,
                    ORIGIN,
                    &format!("{prefix}{hostile}"),
                    RouteData::Nothing,
                )
                .body;
                let hrefs: Vec<&str> = html
                    .split("href=\"")
                    .skip(1)
                    .filter_map(|rest| rest.split('"').next())
                    .collect();
                assert!(hrefs.len() >= 2, "{html}");
                for href in hrefs {
                    assert!(
                        crate::model::is_site_path(href) && href.starts_with(&format!("{prefix}/")),
                        "{hostile} under {base}: link {href}"
                    );
                }
                assert!(
                    html.contains("not found") || html.contains("Not found"),
                    "{html}"
                );
            }
        }
    }

    /// A page's head is the views' own (`PageHead`): hostile text in a
    /// headline or standfirst stays text in the title, the attributes and
    /// the structured data, whatever markup it carries.
    #[test]
    fn the_head_keeps_hostile_text_as_text() {
        let paths = Paths::new("/news/");
        for hostile in [
            "</title><script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)> & 'quotes'",
            "</script><!--<script>",
            "A & B < C > D",
        ] {
            let mut doc = serde_json::to_value(article()).unwrap();
            doc["headline"] = hostile.into();
            doc["standfirst"] = format!("{hostile} standfirst").into();
            let article: Article = serde_json::from_value(doc).unwrap();
            let head = render_route(
                &SiteIdentity::default(),
                &paths,
                ORIGIN,
                "/news/articles/kfor-troop-levels-since-1999",
                RouteData::Article(Box::new(article)),
            )
            .head;
            let escaped = escape_html(hostile);
            assert!(
                head.contains(&format!("<title>{escaped} · Gazette</title>")),
                "{head}"
            );
            assert!(
                head.contains(&format!(r#"<meta property="og:title" content="{escaped}""#)),
                "{head}"
            );
            assert_eq!(head.matches("<title>").count(), 1, "{head}");
            assert_eq!(head.matches("<script").count(), 1, "{head}");
            assert!(!head.contains("<img") && !head.contains("<!--"), "{head}");
            let ld = head
                .split_once(r#"<script type="application/ld+json" data-page="">"#)
                .and_then(|(_, rest)| rest.split_once("</script>"))
                .map(|(json, _)| json)
                .unwrap();
            let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
            assert_eq!(ld["headline"], hostile);
            assert_eq!(
                ld["url"],
                format!("{ORIGIN}/news/articles/kfor-troop-levels-since-1999")
            );
        }
    }

    /// Only the front page, articles and tags are for search engines; every
    /// other page says so, and has no link preview.
    #[test]
    fn pages_that_are_not_indexed_say_noindex_and_have_no_previews() {
        let paths = Paths::new("/");
        let article = || RouteData::Article(Box::new(article()));
        for (path, data, indexed) in [
            ("/articles/kfor-troop-levels-since-1999", article(), true),
            (
                "/embed/articles/kfor-troop-levels-since-1999",
                article(),
                false,
            ),
            (
                "/embed/charts/kfor-troop-levels-since-1999/kfor-troops",
                article(),
                false,
            ),
            ("/no/such/page", RouteData::Nothing, false),
            (
                "/embed/charts/kfor-troop-levels-since-1999/no-such-chart",
                article(),
                false,
            ),
        ] {
            let head = render_route(&SiteIdentity::default(), &paths, ORIGIN, path, data).head;
            assert_eq!(
                head.contains(r#"content="noindex""#),
                !indexed,
                "{path}: {head}"
            );
            assert_eq!(head.contains("og:title"), indexed, "{path}: {head}");
            assert_eq!(
                head.contains("rel=\"canonical\""),
                indexed,
                "{path}: {head}"
            );
            assert_eq!(head.matches("<title>").count(), 1, "{path}: {head}");
            assert_eq!(
                head.matches(r#"name="description""#).count(),
                1,
                "{path}: {head}"
            );
        }
    }

    #[test]
    fn embedded_data_cannot_close_its_element() {
        let json = r#"{"headline":"</script><script>alert(1)</script><!--"}"#;
        let html = data_element("/api/v1/articles/a.json?x=\"&", json);
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(!html.contains("<!--"));
        assert!(html.contains(r#"data-url="/api/v1/articles/a.json?x=&quot;&amp;""#));
        let inner = html
            .split_once('>')
            .and_then(|(_, rest)| rest.strip_suffix("</script>"))
            .unwrap_or_default();
        let back: serde_json::Value = serde_json::from_str(inner).unwrap_or_default();
        assert_eq!(back["headline"], "</script><script>alert(1)</script><!--");
    }
}
