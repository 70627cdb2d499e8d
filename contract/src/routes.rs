//! The route table: every address the app answers, parsed once into a
//! [`Route`]. [`crate::paths::Paths`] builds the same addresses; a test
//! checks each parses back. The app follows the reader's address with it
//! (`src/routes.rs`), and the build derives the page plan, the hosts' rules,
//! robots and the loader's table from it (`xtask/src/plan/`).

use crate::{Page, PageNumber, Slug};

/// A page of the app, with what it names already parsed: a segment that is
/// not a slug is no route at all, so it never reaches a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The front page's listing, one page of it.
    Front(Page),
    Article(Slug),
    /// One page of the listing of one tag's, section's or author's articles.
    Collection(Collection, Slug, Page),
    /// One chart of an article, chrome-less, for iframes.
    ChartEmbed {
        article: Slug,
        chart: Slug,
    },
    /// One article, chrome-less, for iframes.
    ArticleEmbed(Slug),
    /// Search: what it looks for is the address's query (`?q=`), not
    /// part of the route.
    Search,
    NotFound,
}

impl Route {
    /// Parses a path below the base (`/`, `/articles/x`, …). The query and
    /// fragment are not part of it.
    pub fn parse(path: &str) -> Route {
        let Some(rest) = path.strip_prefix('/') else {
            return Route::NotFound;
        };
        let slug = |s: &str| Slug::parse(s).ok();
        let segments: Vec<&str> = rest.split('/').collect();
        let page = |n: &str| PageNumber::parse_address(n).map(Page::Archived);
        let route = match segments.as_slice() {
            [""] => Some(Route::Front(Page::First)),
            ["search"] => Some(Route::Search),
            ["page", n] => page(n).map(Route::Front),
            ["articles", s] => slug(s).map(Route::Article),
            [folder, s] => Collection::in_folder(folder)
                .zip(slug(s))
                .map(|(c, s)| Route::Collection(c, s, Page::First)),
            [folder, s, "page", n] => Collection::in_folder(folder)
                .zip(slug(s))
                .zip(page(n))
                .map(|((c, s), n)| Route::Collection(c, s, n)),
            ["embed", "articles", s] => slug(s).map(Route::ArticleEmbed),
            ["embed", "charts", a, c] => slug(a)
                .zip(slug(c))
                .map(|(article, chart)| Route::ChartEmbed { article, chart }),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The article this route shows, whole or in part.
    pub fn article(&self) -> Option<&Slug> {
        match self {
            Route::Article(s) | Route::ArticleEmbed(s) => Some(s),
            Route::ChartEmbed { article, .. } => Some(article),
            _ => None,
        }
    }

    /// The tag, section or author this route lists.
    pub fn collection(&self) -> Option<(Collection, &Slug)> {
        match self {
            Route::Collection(collection, slug, _) => Some((*collection, slug)),
            _ => None,
        }
    }

    /// The page of a listing this route shows.
    pub fn page(&self) -> Option<Page> {
        match self {
            Route::Front(page) | Route::Collection(_, _, page) => Some(*page),
            _ => None,
        }
    }

    /// The same listing's route at another page.
    pub fn at_page(&self, page: Page) -> Option<Route> {
        match self {
            Route::Front(_) => Some(Route::Front(page)),
            Route::Collection(c, slug, _) => Some(Route::Collection(*c, slug.clone(), page)),
            _ => None,
        }
    }

    /// The chart this route embeds.
    pub fn chart(&self) -> Option<&Slug> {
        match self {
            Route::ChartEmbed { chart, .. } => Some(chart),
            _ => None,
        }
    }

    /// A route of `kind` naming `slug` wherever it names something (its
    /// first page, for a listing): what the build derives the host's rules
    /// from (`xtask/src/host.rs`).
    pub fn with_every_slug(kind: PageKind, slug: &Slug) -> Route {
        match kind {
            PageKind::Front => Route::Front(Page::First),
            PageKind::Article => Route::Article(slug.clone()),
            PageKind::Collection(c) => Route::Collection(c, slug.clone(), Page::First),
            PageKind::ChartEmbed => Route::ChartEmbed {
                article: slug.clone(),
                chart: slug.clone(),
            },
            PageKind::ArticleEmbed => Route::ArticleEmbed(slug.clone()),
            PageKind::Search => Route::Search,
            PageKind::NotFound => Route::NotFound,
        }
    }

    /// Which page component shows this route: pages stay mounted while
    /// only their slug changes (one article to the next).
    pub fn kind(&self) -> PageKind {
        match self {
            Route::Front(_) => PageKind::Front,
            Route::Article(_) => PageKind::Article,
            Route::Collection(c, ..) => PageKind::Collection(*c),
            Route::ChartEmbed { .. } => PageKind::ChartEmbed,
            Route::ArticleEmbed(_) => PageKind::ArticleEmbed,
            Route::Search => PageKind::Search,
            Route::NotFound => PageKind::NotFound,
        }
    }
}

/// The kinds of page, without their parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Front,
    Article,
    Collection(Collection),
    ChartEmbed,
    ArticleEmbed,
    Search,
    NotFound,
}

impl PageKind {
    /// Every kind ([`Route::with_every_slug`] has a route of each).
    pub const ALL: [PageKind; 9] = [
        PageKind::Front,
        PageKind::Article,
        PageKind::Collection(Collection::Tag),
        PageKind::Collection(Collection::Section),
        PageKind::Collection(Collection::Author),
        PageKind::ChartEmbed,
        PageKind::ArticleEmbed,
        PageKind::Search,
        PageKind::NotFound,
    ];

    /// Embeds live in other sites' iframes: no header or footer.
    pub fn is_embed(self) -> bool {
        matches!(self, PageKind::ChartEmbed | PageKind::ArticleEmbed)
    }

    /// The kind's name: page views' `type` (README, "Page views"), and
    /// the names `public/boot.js` and `tests/routes.json` use.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Front => "front",
            PageKind::Article => "article",
            PageKind::Collection(c) => c.name(),
            PageKind::ArticleEmbed => "article-embed",
            PageKind::ChartEmbed => "chart-embed",
            PageKind::Search => "search",
            PageKind::NotFound => "not-found",
        }
    }

    /// Pages for search engines, the sitemap and link previews: not embeds
    /// (copies of an article), search results, nor the not-found page.
    pub fn is_indexed(self) -> bool {
        matches!(
            self,
            PageKind::Front | PageKind::Article | PageKind::Collection(_)
        )
    }
}

/// What a listing other than the front page gathers: the articles of one
/// tag, one section or one author, each under a folder of its own
/// (`/tags/<slug>`, `/sections/<slug>`, `/authors/<slug>`), in the site's
/// addresses and the API's alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    Tag,
    Section,
    Author,
}

impl Collection {
    pub const ALL: [Collection; 3] = [Collection::Tag, Collection::Section, Collection::Author];

    /// The folder its pages and documents live in.
    pub fn folder(self) -> &'static str {
        match self {
            Collection::Tag => "tags",
            Collection::Section => "sections",
            Collection::Author => "authors",
        }
    }

    /// The collection whose folder is `folder`.
    pub fn in_folder(folder: &str) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| c.folder() == folder)
    }

    /// Its pages' kind's name ([`PageKind::name`]).
    pub fn name(self) -> &'static str {
        match self {
            Collection::Tag => "tag",
            Collection::Section => "section",
            Collection::Author => "author",
        }
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
    fn every_kind_has_a_route_of_its_own_that_prints_and_parses_back() {
        let paths = crate::paths::Paths::new("/");
        for (n, kind) in PageKind::ALL.into_iter().enumerate() {
            assert!(!PageKind::ALL[..n].contains(&kind), "{kind:?} twice");
            let route = Route::with_every_slug(kind, &slug("a-b"));
            assert_eq!(route.kind(), kind);
            if kind != PageKind::NotFound {
                assert_eq!(Route::parse(&paths.route(&route)), route);
            }
        }
    }

    #[test]
    fn the_known_addresses_parse_to_their_routes() {
        let first = Page::First;
        let page = |n| Page::Archived(PageNumber::new(n).unwrap());
        assert_eq!(Route::parse("/"), Route::Front(first));
        assert_eq!(Route::parse("/page/1"), Route::Front(page(1)));
        assert_eq!(Route::parse("/search"), Route::Search);
        assert_eq!(Route::parse("/page/2"), Route::Front(page(2)));
        assert_eq!(Route::parse("/articles/a-b"), Route::Article(slug("a-b")));
        let tag = |s, n| Route::Collection(Collection::Tag, slug(s), n);
        assert_eq!(Route::parse("/tags/kfor"), tag("kfor", first));
        assert_eq!(Route::parse("/tags/kfor/page/12"), tag("kfor", page(12)));
        assert_eq!(
            Route::parse("/sections/security"),
            Route::Collection(Collection::Section, slug("security"), first)
        );
        assert_eq!(
            Route::parse("/authors/jelena-markovic/page/2"),
            Route::Collection(Collection::Author, slug("jelena-markovic"), page(2))
        );
        assert_eq!(
            Route::parse("/embed/articles/a"),
            Route::ArticleEmbed(slug("a"))
        );
        assert_eq!(
            Route::parse("/embed/charts/a/c-1"),
            Route::ChartEmbed {
                article: slug("a"),
                chart: slug("c-1")
            }
        );
    }

    #[test]
    fn each_route_names_only_its_own_slugs() {
        let chart = Route::parse("/embed/charts/a/c");
        assert_eq!(chart.article(), Some(&slug("a")));
        assert_eq!(chart.chart(), Some(&slug("c")));
        assert_eq!(chart.collection(), None);
        let tag = Route::parse("/tags/kfor");
        let kfor = slug("kfor");
        assert_eq!(tag.collection(), Some((Collection::Tag, &kfor)));
        assert_eq!((tag.article(), tag.chart()), (None, None));
        assert_eq!(Route::parse("/articles/a").chart(), None);
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "",
            "articles/a",
            "/articles",
            "/articles/",
            "/articles/a/",
            "/articles/A",
            "/articles/..%2F..%2Fetc%2Fpasswd",
            "/articles/a/b",
            "/tags/",
            "/embed/charts/a",
            "/embed/charts/a/b/c",
            "//articles/a",
            "/index.html",
            "/articles/a%20b",
            "/page/01",
            "/page/0",
            "/page/",
            "/page",
            "/page/2/",
            "/page/a",
            "/page/100001",
            "/tags/kfor/page",
            "/tags/kfor/page/-3",
            "/tags/kfor/2",
            "/sections/",
            "/sections/a/b",
            "/authors/A",
            "/section/a",
            "/author/a",
            "/articles/a/page/2",
            "/search/",
            "/search/x",
            "/Search",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    /// The address corpus `tests/routes.json` holds, shared with the test of
    /// `public/boot.js`: the app and its loader agree on every address.
    #[test]
    fn the_shared_address_corpus_parses_to_its_routes_and_documents() {
        use crate::paths::Paths;
        let corpus: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/routes.json")).unwrap();
        let addresses = corpus["addresses"].as_array().unwrap();
        assert!(addresses.len() > 20);
        for base in ["", "/news"] {
            let paths = Paths::new(base);
            for a in addresses {
                let path = a["path"].as_str().unwrap();
                if base.is_empty() && path.is_empty() {
                    continue; // no address is empty at the root
                }
                let route = Route::parse(&paths.route_path(&format!("{base}{path}")).unwrap());
                assert_eq!(route.kind().name(), a["route"], "{base}{path}");
                let data = a["data"].as_str().map(|d| format!("{base}/api/v1{d}"));
                assert_eq!(paths.data_for(&route), data, "{base}{path}");
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use crate::paths::Paths;
        use proptest::prelude::*;

        proptest! {
            /// Every address Paths builds (under any base) parses back to the
            /// route it was built for, once the base is taken off.
            #[test]
            fn paths_and_routes_agree(a in "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}",
                                      b in "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}",
                                      n in 1u32..=100_000,
                                      base in prop_oneof![Just("/"), Just("/news/"), Just("/a/b")]) {
                let paths = Paths::new(base);
                let (a, b) = (slug(&a), slug(&b));
                let route = |url: String| Route::parse(&paths.route_path(&url).unwrap());
                let first = Page::First;
                let n = Page::Archived(PageNumber::new(n).unwrap());
                prop_assert_eq!(route(paths.home()), Route::Front(first));
                prop_assert_eq!(route(paths.search()), Route::Search);
                prop_assert_eq!(route(paths.article(&a)), Route::Article(a.clone()));
                for c in Collection::ALL {
                    prop_assert_eq!(route(paths.collection(c, &b)), Route::Collection(c, b.clone(), first));
                }
                prop_assert_eq!(route(paths.article_embed(&a)), Route::ArticleEmbed(a.clone()));
                prop_assert_eq!(route(paths.chart_embed(&a, &b)), Route::ChartEmbed { article: a.clone(), chart: b.clone() });
                // And the one printer of every route reads back as itself.
                let listed = Collection::ALL.into_iter().flat_map(|c| [Route::Collection(c, b.clone(), first), Route::Collection(c, b.clone(), n)]);
                for r in [Route::Front(first), Route::Front(n), Route::Article(a.clone()),
                          Route::ArticleEmbed(a.clone()),
                          Route::ChartEmbed { article: a.clone(), chart: b.clone() }, Route::Search, Route::NotFound].into_iter().chain(listed) {
                    prop_assert_eq!(route(paths.route(&r)), r);
                }
            }
        }
    }
}
