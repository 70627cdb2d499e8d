//! The plan: from the site model, every file the site is made of, each with
//! the key of what it is made from, so that a publish makes again only what
//! changed ([`crate::output`]). The pages and their documents (the static
//! API), the feed and sitemaps, the hosts' configuration, the media, and what
//! the app's build put there. This is the one place routes become files.

pub mod feeds;
pub mod host;
pub mod routes;
pub mod search;
pub mod sitemaps;
pub mod template;
mod xml;

use crate::build::Settings;
use crate::content::{Listed, Model};
use crate::output::{self, Make, Manifest, Planned};
use anyhow::{Context, Result};
use gazette::model::{Article, Section, Slug, Subject};
use gazette::paths::Paths;
use gazette::prerender::RouteData;
use gazette::routes::{Collection, Route};
use gazette_ingest::parallel;
use std::collections::HashSet;
use std::fs;
use std::path::Path;
pub use template::{BootScript, Templates};

/// The template every page is made from (Trunk's `index.html`, themed),
/// kept for publishes: the built `index.html` is the front page.
pub const TEMPLATE: &str = ".gazette/template.html";

/// What the plan is made from besides the model.
pub struct Inputs<'a> {
    pub site: &'a Model,
    pub settings: &'a Settings,
    pub template: &'a str,
    pub boot: &'a BootScript,
    pub templates: &'a Templates,
    /// A key of everything a page is made from besides its route and data.
    pub settings_key: &'a str,
    /// The output folder: a full build finds the app's files there.
    pub out: &'a Path,
    /// The site built before, for a publish (its app files are kept).
    pub previous: Option<&'a Manifest>,
}

/// Every file of the site, and the manifest that records them.
pub struct Plan<'a> {
    pub files: Vec<Planned<'a>>,
    pub manifest: Manifest,
}

pub fn plan<'a>(inputs: &Inputs<'a>, pages: &'a [SiteFile<'a>]) -> Result<Plan<'a>> {
    let mut files = pages_and_documents(inputs, pages);
    files.extend(site_documents(inputs, pages)?);
    files.extend(media(inputs.site)?);
    let made: HashSet<String> = files.iter().map(|p| p.file.clone()).collect();
    files.extend(app_files(inputs, &made)?);
    let settings = inputs.settings;
    let manifest = Manifest {
        base: settings.paths.home(),
        compress: settings.compress,
        settings: inputs.settings_key.to_owned(),
        files: files
            .iter()
            .map(|p| {
                let entry = output::Entry {
                    key: p.key.clone(),
                    asset: matches!(p.make, Make::Asset),
                };
                (p.file.clone(), entry)
            })
            .collect(),
    };
    Ok(Plan { files, manifest })
}

/// A file whose bytes are made now, keyed by them.
fn bytes(file: &str, bytes: Vec<u8>) -> Planned<'static> {
    Planned {
        file: file.to_owned(),
        key: output::key(&[&bytes]),
        make: Make::Bytes(bytes.into()),
    }
}

/// Each page, rendered only if its key changed, and each document once
/// (embeds share their article's).
fn pages_and_documents<'a>(inputs: &Inputs<'a>, pages: &'a [SiteFile<'a>]) -> Vec<Planned<'a>> {
    let (templates, settings) = (inputs.templates, inputs.settings);
    let mut documents = HashSet::new();
    let mut files = Vec::new();
    let navigation = format!("{:?}", settings.site.sections);
    for page in pages {
        let data_key = page.data.as_ref().map_or("", |d| &*d.document.key);
        files.push(Planned {
            file: page.file.clone(),
            key: output::key(&[
                inputs.settings_key.as_bytes(),
                navigation.as_bytes(),
                page.path.as_bytes(),
                data_key.as_bytes(),
            ]),
            make: Make::Render(Box::new(move || {
                template::page_html(templates, page, settings)
            })),
        });
        if let Some(data) = page
            .data
            .as_ref()
            .filter(|d| documents.insert(d.file.clone()))
        {
            files.push(Planned {
                file: data.file.clone(),
                key: data.document.key.to_string(),
                make: Make::Render(Box::new(move || page.shows.json())),
            });
        }
    }
    files
}

/// The files about the whole site: the template kept for publishes, the
/// sitemaps (Google News's too), the feed, robots.txt and the hosts'
/// configuration.
fn site_documents<'a>(inputs: &Inputs<'a>, pages: &[SiteFile]) -> Result<Vec<Planned<'a>>> {
    let (settings, boot) = (inputs.settings, inputs.boot);
    let mut files = vec![bytes(TEMPLATE, inputs.template.as_bytes().to_vec())];
    for (file, xml) in sitemaps::sitemaps(pages, settings, sitemaps::SITEMAP_URLS)? {
        files.push(bytes(&file, xml.into_bytes()));
    }
    files.extend([
        bytes("feed.xml", feeds::feed(inputs.site, settings)?.into_bytes()),
        bytes(
            sitemaps::NEWS_SITEMAP,
            sitemaps::news_sitemap(inputs.site, settings)?.into_bytes(),
        ),
        bytes("robots.txt", sitemaps::robots(settings).into_bytes()),
        bytes(
            "_headers",
            host::static_host_headers(&settings.paths, boot).into_bytes(),
        ),
        bytes(
            "_redirects",
            host::static_host_redirects(&settings.paths).into_bytes(),
        ),
        bytes(host::NGINX_HTTP, host::nginx_http(boot)?.into_bytes()),
    ]);
    // An article's words are read again only if its document changed.
    let keys: std::collections::HashMap<&str, &str> = pages
        .iter()
        .filter_map(|page| {
            Some((
                page.article()?.slug.as_str(),
                &*page.data.as_ref()?.document.key,
            ))
        })
        .collect();
    let key = |article: &Article| keys.get(article.slug.as_str()).map(|k| (*k).to_owned());
    let remembered = match inputs.previous {
        Some(_) => search::Remembered::read(inputs.out),
        None => search::Remembered::default(),
    };
    let index = search::files(inputs.site, &key, remembered)?;
    for (file, json) in index.files {
        files.push(bytes(&file, json));
    }
    files.extend(index.fragments.into_iter().map(|fragment| Planned {
        file: fragment.file.clone(),
        key: fragment.key.clone(),
        make: Make::Render(Box::new(move || fragment.json())),
    }));
    Ok(files)
}

/// The source's media files, copied; keyed by their path, size and time
/// (not their bytes: thousands of images are not read on every publish).
fn media(site: &Model) -> Result<Vec<Planned<'static>>> {
    let mut files = Vec::new();
    for media in &site.media {
        let meta = fs::metadata(&media.file).with_context(|| media.file.display().to_string())?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        files.push(Planned {
            file: media.site_path.clone(),
            key: output::key(&[
                media.file.to_string_lossy().as_bytes(),
                &meta.len().to_le_bytes(),
                &modified.to_le_bytes(),
            ]),
            make: Make::Copy(media.file.clone()),
        });
    }
    Ok(files)
}

/// What the app's build put there: kept as it is, and compressed. A
/// publish takes them from the manifest of the site built before.
fn app_files(inputs: &Inputs, made: &HashSet<String>) -> Result<Vec<Planned<'static>>> {
    let assets: Vec<(String, String)> = match inputs.previous {
        Some(previous) => previous
            .files
            .iter()
            .filter(|(_, e)| e.asset)
            .map(|(f, e)| (f.clone(), e.key.clone()))
            .collect(),
        None => output::site_files(inputs.out)?
            .into_iter()
            .filter(|f| !made.contains(f))
            .map(|f| {
                let path = inputs.out.join(&f);
                let bytes = fs::read(&path).with_context(|| path.display().to_string())?;
                Ok((f, output::key(&[&bytes])))
            })
            .collect::<Result<_>>()?,
    };
    Ok(assets
        .into_iter()
        .map(|(file, key)| Planned {
            file,
            key,
            make: Make::Asset,
        })
        .collect())
}

/// One prerendered HTML file of the site: a route and its data. Its head
/// (title, description, link previews) comes from the route's views.
pub struct SiteFile<'a> {
    /// The URL path, base included.
    pub path: String,
    /// Where it goes, relative to the output folder.
    pub file: String,
    /// The document the page shows.
    pub data: Option<RouteJson>,
    pub shows: Shows<'a>,
    pub route: Route,
}

/// What a page shows, borrowed from the site model: copied into the
/// renderer only for a page that is made (most of a publish's pages are
/// not).
#[derive(Clone, Copy)]
pub enum Shows<'a> {
    Article(&'a Article),
    /// A page of a listing, whose teasers the model makes.
    Listing(&'a Model, &'a Listed),
    Nothing,
}

impl Shows<'_> {
    /// The document a page of this shows, as the static API serves it and
    /// the page embeds it. Made again for each file that needs it, not
    /// kept (see [`Document`]).
    pub fn json(self) -> Result<String> {
        match self {
            Shows::Article(article) => Ok(serde_json::to_string(article)?),
            Shows::Listing(site, listed) => Ok(serde_json::to_string(&site.listing(listed))?),
            Shows::Nothing => anyhow::bail!("a page without a document"),
        }
    }

    pub fn route_data(self) -> RouteData {
        match self {
            Shows::Article(article) => RouteData::Article(Box::new(article.clone())),
            Shows::Listing(site, listed) => RouteData::Listing(site.listing(listed)),
            Shows::Nothing => RouteData::Nothing,
        }
    }
}

/// A route's document, as the static API serves it and the page embeds it.
pub struct RouteJson {
    /// The URL the app fetches it from, base included.
    pub url: String,
    /// Where it goes, relative to the output folder.
    pub file: String,
    pub document: Document,
}

/// A document's key ([`output::key`] of its JSON), shared by the pages
/// that show it (an article and its embeds). The JSON itself is not kept:
/// the files that carry it make it again from the model ([`Shows::json`])
/// when they are made, so the plan holds no document's bytes (issue 32: at
/// 100,000 articles they were 1.2 GB of a build's memory).
#[derive(Clone)]
pub struct Document {
    pub key: std::sync::Arc<str>,
}

impl<'a> SiteFile<'a> {
    /// The file for `route`, its address and its data's URL and file derived
    /// from the route (`Paths::route`, `Paths::data_for`): one table of routes.
    pub fn new(paths: &Paths, route: Route, data: Option<Document>, shows: Shows<'a>) -> Self {
        let root = Paths::new("/");
        let file = match root.route(&route).trim_start_matches('/') {
            "" => "index.html".to_owned(),
            path => format!("{path}.html"),
        };
        let data = data.and_then(|document| {
            Some(RouteJson {
                url: paths.data_for(&route)?,
                file: root.data_for(&route)?.trim_start_matches('/').to_owned(),
                document,
            })
        });
        Self {
            path: paths.route(&route),
            file,
            data,
            shows,
            route,
        }
    }

    /// For search engines and the sitemap.
    pub fn indexed(&self) -> bool {
        self.route.kind().is_indexed()
    }

    /// The article, on an article's own page; embeds are not articles.
    pub fn article(&self) -> Option<&'a Article> {
        match self.shows {
            Shows::Article(article) if self.indexed() => Some(article),
            _ => None,
        }
    }
}

/// Every page of the site: the front page, each article with its embeds,
/// each tag, section and author, search and the not-found page.
pub fn pages<'a>(site: &'a Model, paths: &Paths) -> Result<Vec<SiteFile<'a>>> {
    // Every document's JSON and key first, on every core: one each.
    let shown: Vec<Shows> = site
        .front
        .iter()
        .map(|listed| Shows::Listing(site, listed))
        .chain(site.articles.iter().map(Shows::Article))
        .chain(
            site.collections
                .values()
                .flatten()
                .map(|listed| Shows::Listing(site, listed)),
        )
        .collect();
    let documents = parallel::each(parallel::cores(), &shown, |shows| document(*shows))?;
    let mut documents = documents.into_iter();
    let mut next_document = || documents.next().context("a document for every page");
    let mut pages = Vec::new();
    for listing in &site.front {
        pages.push(SiteFile::new(
            paths,
            Route::Front(listing.page()),
            Some(next_document()?),
            Shows::Listing(site, listing),
        ));
    }
    for article in &site.articles {
        let slug = &article.slug;
        let data = next_document()?;
        let charts = article.charts().map(|chart| Route::ChartEmbed {
            article: slug.clone(),
            chart: chart.id.clone(),
        });
        // The article's own page, its chrome-less copy and its charts, for iframes.
        for route in [
            Route::Article(slug.clone()),
            Route::ArticleEmbed(slug.clone()),
        ]
        .into_iter()
        .chain(charts)
        {
            pages.push(SiteFile::new(
                paths,
                route,
                Some(data.clone()),
                Shows::Article(article),
            ));
        }
    }
    for ((collection, slug), listing) in site
        .collections
        .iter()
        .flat_map(|(key, pages)| pages.iter().map(move |l| (key, l)))
    {
        pages.push(SiteFile::new(
            paths,
            Route::Collection(*collection, slug.clone(), listing.page()),
            Some(next_document()?),
            Shows::Listing(site, listing),
        ));
    }
    pages.push(SiteFile::new(paths, Route::Search, None, Shows::Nothing));
    pages.push(SiteFile::new(paths, Route::NotFound, None, Shows::Nothing));
    Ok(pages)
}

/// How many sections the header lists when `[navigation]` does not say.
pub const NAVIGATION_SECTIONS: usize = 8;

/// The sections the header lists: those `chosen` (`[navigation] sections`
/// in gazette.toml), in its order, each of which must exist; or else the
/// [`NAVIGATION_SECTIONS`] with most articles (then by name).
pub fn navigation(site: &Model, chosen: Option<&[Slug]>) -> Result<Vec<Section>> {
    let sections: Vec<(&Slug, &Listed)> = site
        .listings_of(Collection::Section)
        .filter_map(|(slug, pages)| Some((slug, pages.first()?)))
        .collect();
    let section = |listing: &Listed| match &listing.subject {
        Some(Subject::Section(section)) => Some(section.clone()),
        _ => None,
    };
    match chosen {
        Some(chosen) => chosen
            .iter()
            .map(|slug| {
                sections
                    .iter()
                    .find(|(s, _)| *s == slug)
                    .and_then(|(_, listing)| section(listing))
                    .with_context(|| {
                        let known: Vec<&str> = sections.iter().map(|(s, _)| s.as_str()).collect();
                        format!(
                            "gazette.toml: [navigation] sections names {slug}, which no article is in (the sections are: {})",
                            known.join(", ")
                        )
                    })
            })
            .collect(),
        None => {
            let mut biggest: Vec<(u64, Section)> = sections
                .iter()
                .filter_map(|(_, listing)| Some((listing.total()?, section(listing)?)))
                .collect();
            biggest.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.name.as_str().cmp(y.name.as_str())));
            Ok(biggest
                .into_iter()
                .take(NAVIGATION_SECTIONS)
                .map(|(_, s)| s)
                .collect())
        }
    }
}

/// The key of what `shows` shows.
pub fn document(shows: Shows) -> Result<Document> {
    Ok(Document {
        key: output::key(&[shows.json()?.as_bytes()]).into(),
    })
}

pub fn absolute(settings: &Settings, path: &str) -> String {
    format!("{}{path}", settings.origin.trim_end_matches('/'))
}

/// The absolute URL of a file at the top of the site (`feed.xml`, …).
pub fn site_file(settings: &Settings, name: &str) -> String {
    absolute(settings, &format!("{}/{name}", settings.paths.base()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use crate::project_root as root;
    use feeds::feed;
    use sitemaps::{robots, sitemaps, SITEMAP_URLS};
    use template::page_html;

    #[test]
    fn the_header_lists_the_chosen_sections_in_order_or_else_the_biggest() {
        let names = |sections: Vec<Section>| -> Vec<String> {
            sections.iter().map(|s| s.name.to_string()).collect()
        };
        let sample = content::sample(&root()).unwrap();
        assert_eq!(
            names(navigation(&sample, None).unwrap()),
            ["Security", "Data"]
        );
        let slug = |s: &str| Slug::parse(s).unwrap();
        let chosen = [slug("data"), slug("security")];
        assert_eq!(
            names(navigation(&sample, Some(&chosen)).unwrap()),
            ["Data", "Security"]
        );
        let error = navigation(&sample, Some(&[slug("politics")])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "gazette.toml: [navigation] sections names politics, which no article is in (the sections are: data, security)"
        );
        // Eleven sections of 1 to 11 articles: the eight biggest, biggest first.
        let sources: Vec<gazette::model::Article<Slug>> = (1..=11)
            .flat_map(|size| (0..size).map(move |n| (size, n)))
            .map(|(size, n)| {
                serde_json::from_value(serde_json::json!({
                    "version": 1, "slug": format!("s{size}-{n}"), "headline": "H", "standfirst": "S.",
                    "section": format!("Section {size:02}"), "tags": [], "byline": {"organisation": "O"},
                    "published": format!("2023-01-{:02}T10:00:00Z", n + 1), "body": [],
                }))
                .unwrap()
            })
            .collect();
        let site = content::resolve(sources, &Default::default(), content::PER_PAGE).unwrap();
        let listed = names(navigation(&site, None).unwrap());
        let biggest: Vec<String> = (4..=11).rev().map(|n| format!("Section {n:02}")).collect();
        assert_eq!(listed, biggest);
    }

    #[test]
    fn every_route_gets_a_page_with_its_own_head_and_data() {
        let site = content::sample(&root()).unwrap();
        let settings = Settings::for_tests("/news/");
        let paths = &settings.paths;
        let pages = pages(&site, paths).unwrap();
        let template = "<!doctype html><html lang=en><head><base href=/news/><title>Gazette</title><script type=module src=/news/boot.js></script></head><body><noscript>x</noscript></body></html>";
        let boot = BootScript::parse("go()".into()).unwrap();
        let templates = &Templates::new(template, &boot).unwrap();
        for page in &pages {
            let html = page_html(templates, page, &settings).unwrap();
            let head = html.split("</head>").next().unwrap();
            assert_eq!(head.matches("<title>").count(), 1, "{}", page.file);
            assert_eq!(html.matches("<h1").count(), 1, "{}: {html}", page.file);
            assert!(!html.contains("<noscript>"), "{}", page.file);
            // The loader: a shared file in embeds, inline in the rest.
            let embed = page.route.kind().is_embed();
            assert_eq!(html.contains("src=/news/boot.js"), embed, "{}", page.file);
            assert_eq!(
                html.contains("<script type=module>go()\n</script>"),
                !embed,
                "{}",
                page.file
            );
        }
        let article = pages
            .iter()
            .find(|p| p.file == "articles/kfor-troop-levels-since-1999.html")
            .unwrap();
        let html = page_html(templates, article, &settings).unwrap();
        for needle in [
            r#"<link href="https://news.example/news/articles/kfor-troop-levels-since-1999" rel="canonical" data-page="">"#,
            r#"<meta property="og:type" content="article" data-page="">"#,
            r#"<meta property="og:image" content="https://news.example/news/images/"#,
            r#"<meta name="twitter:card" content="summary_large_image" data-page="">"#,
            "<title>From 50,000 to 3,800: KFOR's troop levels since 1999 · Gazette</title>",
            r#""@type":"NewsArticle""#,
            r#"id="gazette-data" data-url="/news/api/v1/articles/kfor-troop-levels-since-1999.json""#,
        ] {
            assert!(html.contains(needle), "missing {needle}");
        }
        for page in &pages {
            let html = page_html(templates, page, &settings).unwrap();
            let framed = page.file.starts_with("embed/");
            assert_eq!(
                html.contains("<base target=_blank href=/news/>"),
                framed,
                "{}",
                page.file
            );
        }
        let files: Vec<_> = pages.iter().map(|p| p.file.as_str()).collect();
        assert!(files.contains(&"404.html"));
        assert!(files.contains(&"embed/charts/kfor-troop-levels-since-1999/kfor-troops.html"));
        assert!(files.iter().any(|f| f.starts_with("tags/")));
        let map = sitemaps(&pages, &settings, SITEMAP_URLS)
            .unwrap()
            .remove(0)
            .1;
        assert!(map.contains(
            "<loc>https://news.example/news/articles/kfor-troop-levels-since-1999</loc>"
        ));
        assert!(!map.contains("/embed/") && !map.contains("404"));
        let feed = feed(&site, &settings).unwrap();
        assert_eq!(feed.matches("<entry>").count(), site.articles.len());
        // Atom elements carry only Atom's attributes (the page's head marker is HTML only).
        assert!(!feed.contains("data-page"), "{feed}");
        assert!(feed.contains(r#"<link rel="alternate" href="https://news.example/news/articles/kfor-troop-levels-since-1999"/>"#));
        assert!(robots(&settings).contains("Sitemap: https://news.example/news/sitemap.xml"));
    }
}
