//! Build-time rendering (native, `ssr` feature): one route of the real app,
//! with its data given instead of fetched, to the HTML that goes in `<body>`.
//! `xtask site` writes one file per route from it.

use crate::app::App;
use crate::embedded::{Prerendered, DATA_ELEMENT_ID};
use crate::model::{Article, Listing};
use crate::paths::Paths;
use leptos::prelude::*;

/// What a route shows.
#[derive(Clone)]
pub enum RouteData {
    Article(Box<Article>),
    Listing(Listing),
    /// The not-found page: nothing to fetch.
    Nothing,
}

/// Renders the app at `path` (including the base path) with `data`.
pub fn render_route(paths: &Paths, path: &str, data: RouteData) -> String {
    let paths = paths.clone();
    let path = path.to_owned();
    Owner::new().with(move || {
        // The pages' <Title>/<Meta> need a meta context natively. The site
        // step writes each page's head itself (with link previews and
        // structured data), so what they collect here is not used.
        let (meta, _unused) = leptos_meta::ServerMetaContext::new();
        provide_context(meta);
        match data {
            RouteData::Article(article) => provide_context(Prerendered(*article)),
            RouteData::Listing(listing) => provide_context(Prerendered(listing)),
            RouteData::Nothing => {}
        }
        view! { <App paths pathname=path /> }.to_html()
    })
}

/// Escapes text for an HTML attribute value or element content.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// JSON made safe to put inside a `<script>` element: `<` is escaped as
/// `\u003c` (valid JSON, since it can only occur inside strings), so no
/// content can close the element or open a comment.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The page's own document, embedded for the app to start from (see
/// [`crate::embedded`]).
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

    fn article() -> Article {
        let source = include_str!("../content/articles/kfor-troop-levels-since-1999.json");
        let article: Article<Slug> = serde_json::from_str(source).unwrap();
        article.with_related(Default::default())
    }

    #[test]
    fn an_article_route_renders_the_whole_page_under_its_base_path() {
        let paths = Paths::new("/news/");
        let html = render_route(
            &paths,
            "/news/articles/kfor-troop-levels-since-1999",
            RouteData::Article(Box::new(article())),
        );
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
        let html = render_route(&paths, "/no/such/page", RouteData::Nothing);
        assert!(
            html.contains("not found") || html.contains("Not found"),
            "{html}"
        );
        let embed = render_route(
            &paths,
            "/embed/articles/kfor-troop-levels-since-1999",
            RouteData::Article(Box::new(article())),
        );
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
                let html = render_route(&paths, &format!("{prefix}{hostile}"), RouteData::Nothing);
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
