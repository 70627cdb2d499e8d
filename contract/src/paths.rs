//! Where things live: every URL the app builds, for pages and for data,
//! honours the base path the build is deployed under (e.g. `/news`).

use crate::routes::{Collection, Route};
use crate::search::index::Cut;
use crate::{is_site_path, is_unsafe_in_url, Page, SafeUrl, Slug};

/// The deployment's URL layout. The app provides it as context (`use_paths`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// The base path without a trailing slash: `""` at the root, `"/news"` under a sub-path.
    base: String,
    /// Where the JSON lives, without a trailing slash: `{base}/api/v1` unless
    /// the deployment points it elsewhere (see [`Paths::with_api`]).
    api: String,
}

impl Paths {
    /// `base` as written in `<base href>`: `/`, `/news/`, `/news` or empty.
    pub fn new(base: &str) -> Self {
        let trimmed = base.trim_end_matches('/');
        let base = if trimmed.is_empty() {
            String::new()
        } else if trimmed.starts_with('/') {
            trimmed.to_owned()
        } else {
            format!("/{trimmed}")
        };
        let api = format!("{base}/api/v1");
        Self { base, api }
    }

    /// Fetches the JSON from `api` instead of the copy shipped with the build:
    /// an absolute `http(s)` URL (a CMS on another origin) or a root-relative
    /// path. Anything else is ignored, so a typo cannot point the app at a
    /// `javascript:` or relative URL.
    pub fn with_api(mut self, api: &str) -> Self {
        let api = api.trim().trim_end_matches('/');
        let external = api.starts_with("https://") || api.starts_with("http://");
        // The same rules as a URL in content: no `/\\host`, no white space.
        if SafeUrl::parse(api).is_ok_and(|_| external || is_site_path(api)) && !api.contains('"') {
            self.api = api.to_owned();
        }
        self
    }

    /// Where the JSON lives (`{base}/api/v1`, or the deployment's own).
    pub fn api(&self) -> &str {
        &self.api
    }

    /// The deployment's base path (`""` or `/news`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The part of a URL path below the base (`/news/articles/x` gives
    /// `/articles/x`), which [`crate::routes::Route::parse`] reads; None
    /// outside the base. Always a path on this site ([`is_site_path`]):
    /// `//host/x` and `/\host/x` (which nginx and CDNs answer with a page
    /// of ours) come out as `/host/x`, the way nginx merges slashes, so a
    /// link the app builds from the reader's address cannot leave the site.
    pub fn route_path(&self, pathname: &str) -> Option<String> {
        let rest = pathname.strip_prefix(self.base.as_str())?;
        if !(rest.is_empty() || rest.starts_with(['/', '\\'])) {
            return None;
        }
        let mut path = String::from("/");
        for c in rest.trim_start_matches(['/', '\\']).chars() {
            match c {
                // Browsers read a backslash in an http(s) path as a slash.
                '\\' => path.push('/'),
                c if is_unsafe_in_url(c) => {
                    let mut bytes = [0; 4];
                    for b in c.encode_utf8(&mut bytes).bytes() {
                        path.push_str(&format!("%{b:02X}"));
                    }
                }
                c => path.push(c),
            }
        }
        Some(path)
    }

    pub fn home(&self) -> String {
        format!("{}/", self.base)
    }

    pub fn article(&self, slug: &Slug) -> String {
        format!("{}/articles/{slug}", self.base)
    }

    /// A tag's, section's or author's page.
    pub fn collection(&self, collection: Collection, slug: &Slug) -> String {
        format!("{}/{}/{slug}", self.base, collection.folder())
    }

    /// The chrome-less page of one chart, for iframes.
    pub fn chart_embed(&self, article: &Slug, chart: &Slug) -> String {
        format!("{}/embed/charts/{article}/{chart}", self.base)
    }

    /// The chrome-less page of one article, for iframes.
    pub fn article_embed(&self, slug: &Slug) -> String {
        format!("{}/embed/articles/{slug}", self.base)
    }

    /// The host script that sizes embed iframes.
    pub fn embed_script(&self) -> String {
        format!("{}/embed.js", self.base)
    }

    pub fn article_data(&self, slug: &Slug) -> String {
        format!("{}/articles/{slug}.json", self.api)
    }

    pub fn collection_data(&self, collection: Collection, slug: &Slug) -> String {
        format!("{}/{}/{slug}.json", self.api, collection.folder())
    }

    pub fn front_data(&self) -> String {
        format!("{}/index.json", self.api)
    }

    /// The search page; a query goes after it (`?q=`, [`Self::search_for`]).
    pub fn search(&self) -> String {
        format!("{}/search", self.base)
    }

    /// The search page for `query`, as a form sends it.
    pub fn search_for(&self, query: &str) -> String {
        use crate::search::{form_encode, QUERY_PARAMETER};
        format!("{}?{QUERY_PARAMETER}={}", self.search(), form_encode(query))
    }

    /// The search engine's worker script: the glue Trunk builds from
    /// `search-worker/` and `public/search-engine.js`, which starts it, in
    /// one file (the build joins them).
    pub fn search_worker(&self) -> String {
        format!("{}/search-engine.js", self.base)
    }

    /// The search engine's WASM, which the page fetches while the worker
    /// script loads, and hands to it.
    pub fn search_worker_wasm(&self) -> String {
        format!("{}/search-worker_bg.wasm", self.base)
    }

    /// The search index's manifest (`search::index::Manifest`).
    pub fn search_index(&self) -> String {
        format!("{}/search/index.json", self.api)
    }

    /// A shard of the search index, by the name the manifest gives it
    /// (its bytes' hash in it: a folder of files that never change).
    pub fn search_shard(&self, name: &Slug) -> String {
        format!("{}/search/shards/{name}.json", self.api)
    }

    /// What search shows of article number `number`: its whole fragment
    /// or its lead.
    pub fn search_fragment(&self, number: u32, cut: Cut) -> String {
        let folder = match cut {
            Cut::Whole => "articles",
            Cut::Lead => "leads",
        };
        format!("{}/search/{folder}/{number}.json", self.api)
    }

    /// A listing's archived page: the first page's address, then `/page/<n>`.
    fn paged(first: String, page: Page) -> String {
        match page {
            Page::First => first,
            Page::Archived(n) => format!("{}/page/{n}", first.trim_end_matches('/')),
        }
    }

    /// A listing's archived page's document: the first page's, then `…/page/<n>.json`.
    fn paged_data(first: String, page: Page) -> String {
        match (first.strip_suffix(".json"), page) {
            (Some(stem), Page::Archived(n)) => {
                let stem = stem.strip_suffix("/index").unwrap_or(stem);
                format!("{stem}/page/{n}.json")
            }
            _ => first,
        }
    }

    /// The address of `route`, under the base: what [`Route::parse`] reads
    /// back (a property test checks it). The not-found page's own address
    /// is `{base}/404`, which parses as not found.
    pub fn route(&self, route: &Route) -> String {
        match route {
            Route::Front(page) => Self::paged(self.home(), *page),
            Route::Article(slug) => self.article(slug),
            Route::Collection(c, slug, page) => Self::paged(self.collection(*c, slug), *page),
            Route::ArticleEmbed(slug) => self.article_embed(slug),
            Route::ChartEmbed { article, chart } => self.chart_embed(article, chart),
            Route::Search => self.search(),
            Route::NotFound => format!("{}/404", self.base),
        }
    }

    /// The document a page of `route` shows (an embed shows its article's).
    pub fn data_for(&self, route: &Route) -> Option<String> {
        match route {
            Route::Front(page) => Some(Self::paged_data(self.front_data(), *page)),
            Route::Collection(c, slug, page) => {
                Some(Self::paged_data(self.collection_data(*c, slug), *page))
            }
            Route::Search | Route::NotFound => None,
            _ => route.article().map(|slug| self.article_data(slug)),
        }
    }

    /// A URL from content: root-relative ones are inside this site and get
    /// the base path; absolute ones are left as they are.
    pub fn content_url(&self, url: &SafeUrl) -> String {
        if url.is_external() {
            url.as_str().to_owned()
        } else {
            format!("{}{}", self.base, url.as_str())
        }
    }
}

impl Default for Paths {
    fn default() -> Self {
        Self::new("/")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).unwrap()
    }

    #[test]
    fn every_url_follows_the_base_path() {
        for (base, prefix) in [("/", ""), ("", ""), ("/news/", "/news"), ("news", "/news")] {
            let p = Paths::new(base);
            assert_eq!(p.base(), prefix);
            assert_eq!(p.home(), format!("{prefix}/"));
            assert_eq!(p.article(&slug("a-b")), format!("{prefix}/articles/a-b"));
            let author = Collection::Author;
            assert_eq!(
                p.collection(Collection::Tag, &slug("kfor")),
                format!("{prefix}/tags/kfor")
            );
            assert_eq!(
                p.collection(author, &slug("ana")),
                format!("{prefix}/authors/ana")
            );
            assert_eq!(
                p.article_data(&slug("a-b")),
                format!("{prefix}/api/v1/articles/a-b.json")
            );
            assert_eq!(
                p.collection_data(Collection::Section, &slug("security")),
                format!("{prefix}/api/v1/sections/security.json")
            );
            assert_eq!(p.front_data(), format!("{prefix}/api/v1/index.json"));
            let third = Page::Archived(crate::PageNumber::new(3).unwrap());
            let kfor = || slug("kfor");
            for (route, page, data) in [
                (Route::Front(Page::First), "/", "/index.json"),
                (Route::Front(third), "/page/3", "/page/3.json"),
                (
                    Route::Collection(Collection::Tag, kfor(), Page::First),
                    "/tags/kfor",
                    "/tags/kfor.json",
                ),
                (
                    Route::Collection(Collection::Tag, kfor(), third),
                    "/tags/kfor/page/3",
                    "/tags/kfor/page/3.json",
                ),
                (
                    Route::Collection(Collection::Author, kfor(), third),
                    "/authors/kfor/page/3",
                    "/authors/kfor/page/3.json",
                ),
            ] {
                assert_eq!(p.route(&route), format!("{prefix}{page}"));
                assert_eq!(p.data_for(&route), Some(format!("{prefix}/api/v1{data}")));
            }
            assert_eq!(
                p.chart_embed(&slug("a-b"), &slug("c")),
                format!("{prefix}/embed/charts/a-b/c")
            );
            assert_eq!(
                p.article_embed(&slug("a-b")),
                format!("{prefix}/embed/articles/a-b")
            );
            assert_eq!(p.embed_script(), format!("{prefix}/embed.js"));
            let img = SafeUrl::parse("/images/x.svg").unwrap();
            assert_eq!(p.content_url(&img), format!("{prefix}/images/x.svg"));
            let ext = SafeUrl::parse("https://nato.int/").unwrap();
            assert_eq!(p.content_url(&ext), "https://nato.int/");
        }
    }

    #[test]
    fn the_route_path_is_below_the_base_and_always_on_this_site() {
        for (base, prefix) in [("/", ""), ("/news/", "/news")] {
            let p = Paths::new(base);
            let at = |rest: &str| p.route_path(&format!("{prefix}{rest}"));
            assert_eq!(at("/articles/a").as_deref(), Some("/articles/a"));
            assert_eq!(at("").as_deref(), Some("/"));
            assert_eq!(at("/").as_deref(), Some("/"));
            for (hostile, safe) in [
                ("//evil.example/x", "/evil.example/x"),
                ("/\\evil.example/x", "/evil.example/x"),
                ("///evil.example", "/evil.example"),
                ("/\\/evil.example", "/evil.example"),
                ("//", "/"),
                ("/a\\b", "/a/b"),
                ("/a b\u{0}", "/a%20b%00"),
            ] {
                let path = at(hostile).unwrap();
                assert_eq!(path, safe, "{hostile}");
                assert!(is_site_path(&path), "{hostile} gave {path}");
            }
        }
        // Outside the base, or a base that is only a prefix of a segment.
        let news = Paths::new("/news/");
        assert_eq!(news.route_path("/articles/a"), None);
        assert_eq!(news.route_path("/newsroom/a"), None);
        assert_eq!(news.route_path("/news"), Some("/".to_owned()));
    }

    #[test]
    fn the_api_root_can_move_to_another_origin_but_not_anywhere() {
        let a = slug("a-b");
        let cms = Paths::new("/news/").with_api("https://cms.example.org/gazette/v1/");
        assert_eq!(
            cms.article_data(&a),
            "https://cms.example.org/gazette/v1/articles/a-b.json"
        );
        assert_eq!(cms.article(&a), "/news/articles/a-b");
        let local = Paths::new("/").with_api("/data/v1");
        assert_eq!(local.front_data(), "/data/v1/index.json");
        for bad in [
            "javascript:alert(1)",
            "//evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "\\\\evil.example",
            "/a\\b",
            "data/v1",
            "",
            "/a b",
            "/a\u{0}b",
            "/a\u{85}b",
            "ftp://x",
            "mailto:x@y.z",
            "https://a b",
        ] {
            assert_eq!(
                Paths::new("/news/").with_api(bad).front_data(),
                "/news/api/v1/index.json",
                "{bad}"
            );
        }
    }

    // A slug goes into a fetch URL as it is: no accepted slug leaves its folder.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn an_accepted_slug_keeps_every_url_inside_its_folder(s in "\\PC{0,40}|[a-z0-9./%-]{0,20}") {
                if let Ok(slug) = Slug::parse(&s) {
                    let url = Paths::new("/news/").article_data(&slug);
                    prop_assert!(url.starts_with("/news/api/v1/articles/"));
                    prop_assert!(url.ends_with(".json"));
                    let name = &url["/news/api/v1/articles/".len()..url.len() - 5];
                    prop_assert!(!name.contains(['/', '.', '%', '\\']) && !name.is_empty());
                }
            }
        }
    }
}
