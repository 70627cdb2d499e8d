//! `cargo run -p xtask -- site <dir>`: turns Trunk's output into a static
//! site any CDN can serve. Trunk runs it as a post-build hook on its staging
//! folder. The data flows one way: content is read and validated once
//! ([`content::derive`]) into the site model; from it, for every route a
//! reader can land on, it writes the route's JSON (the static API) and an
//! HTML file prerendered from the app's own views with that JSON embedded;
//! then the sitemap, an Atom feed, robots.txt, headers for static hosts, and
//! (release builds) `.gz` and `.br` copies of every text asset.

use crate::content::{self, Site};
use crate::output::{self, write, Make, Planned};
use crate::shell::{BootScript, Shell};
use anyhow::{Context, Result};
use gazette::model::{Article, Byline};
use gazette::paths::Paths;
use gazette::prerender::{data_element, render_route, site_element, RenderedRoute, RouteData};
use gazette::routes::Route;
use gazette::site::SiteIdentity;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::fs;
use std::io;
use std::path::Path;

/// Build settings, from Trunk's hook environment and our own.
pub struct Settings {
    /// From `TRUNK_PUBLIC_URL`: the base path, e.g. `/` or `/news/`.
    pub paths: Paths,
    /// The scheme and host the site is served from (`origin` in
    /// gazette.toml), for canonical URLs, link previews, sitemap and feed.
    pub origin: String,
    /// Release builds get precompressed copies.
    pub compress: bool,
    /// The site's name, tagline, footer, language and logo.
    pub site: SiteIdentity,
    /// The theme's custom properties, added to the stylesheet.
    pub theme_css: String,
    /// Where the articles come from.
    pub content: crate::config::ContentSource,
    /// Teasers on one listing page.
    pub per_page: std::num::NonZeroUsize,
}

/// Content-Security-Policy for every page but the embeds: scripts from the
/// site, and the one inline script, the loader, by its hash
/// ([`crate::shell`]); the chart uses presentation attributes and content
/// JSON is embedded as data, so nothing else inline is needed.
pub fn page_csp(boot: &BootScript) -> String {
    policy(&boot.csp_source(), "'none'")
}

/// The embed pages load the loader as a file, and any portal may frame them
/// (restrict to known portals here if the deployment has a list).
pub fn embed_csp() -> String {
    policy("", "*")
}

fn policy(inline_script: &str, frame_ancestors: &str) -> String {
    let scripts = format!("'self' 'wasm-unsafe-eval' {inline_script}");
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors {frame_ancestors}",
        scripts.trim_end()
    )
}

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Browser features no page of Gazette uses, refused for it and its frames.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";
/// A page of ours opened from elsewhere shares no window with its opener.
pub const OPENER_POLICY: &str = "same-origin";
/// Static hosts that read `_headers` serve HTTPS; nginx sends it only over HTTPS.
pub const HSTS: &str = "max-age=31536000";
pub const REVALIDATE: &str = "no-cache";

/// One prerendered HTML file of the site: a route and its data. Its head
/// (title, description, link previews) comes from the route's views.
struct SiteFile<'a> {
    /// The URL path, base included.
    path: String,
    /// Where it goes, relative to the output folder.
    file: String,
    /// The document the page shows.
    data: Option<RouteJson>,
    shows: Shows<'a>,
    route: Route,
}

/// What a page shows, borrowed from the site model: copied into the
/// renderer only for a page that is made (most of a publish's pages are
/// not).
#[derive(Clone, Copy)]
enum Shows<'a> {
    Article(&'a Article),
    Listing(&'a gazette::model::Listing),
    Nothing,
}

impl Shows<'_> {
    fn route_data(self) -> RouteData {
        match self {
            Shows::Article(article) => RouteData::Article(Box::new(article.clone())),
            Shows::Listing(listing) => RouteData::Listing(listing.clone()),
            Shows::Nothing => RouteData::Nothing,
        }
    }
}

/// A route's document, as the static API serves it and the page embeds it.
struct RouteJson {
    /// The URL the app fetches it from, base included.
    url: String,
    /// Where it goes, relative to the output folder.
    file: String,
    document: Document,
}

/// A document's JSON and its key ([`output::key`] of its bytes), made once
/// and shared by the pages that show it (an article and its embeds).
#[derive(Clone)]
struct Document {
    json: std::sync::Arc<str>,
    key: std::sync::Arc<str>,
}

impl<'a> SiteFile<'a> {
    /// The file for `route`, its address and its data's URL and file derived
    /// from the route (`Paths::route`, `Paths::data_for`): one table of routes.
    fn new(paths: &Paths, route: Route, data: Option<Document>, shows: Shows<'a>) -> Self {
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
    fn indexed(&self) -> bool {
        self.route.kind().is_indexed()
    }

    /// The article, on an article's own page; embeds are not articles.
    fn article(&self) -> Option<&'a Article> {
        match self.shows {
            Shows::Article(article) if self.indexed() => Some(article),
            _ => None,
        }
    }
}

/// What a build did, and how long each phase took (seconds).
pub struct BuildReport {
    pub pages: usize,
    /// Reading and checking the content.
    pub content: f64,
    /// Planning every file (documents, feeds, keys).
    pub plan: f64,
    /// Making and compressing the files that changed.
    pub making: f64,
    pub synced: output::Synced,
}

/// A full build (Trunk's hook: `out` holds what Trunk built, and
/// `index.html` is the template every page is made from) or a publish
/// (`out` is a site built before: only what the content's changes touch is
/// made again).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Full,
    Publish,
}

pub fn build(root: &Path, out: &Path, settings: &Settings, mode: Mode) -> Result<BuildReport> {
    let _one_at_a_time = output::Lock::take(out)?;
    let clock = std::time::Instant::now();
    let lap = |since: &mut f64| {
        let now = clock.elapsed().as_secs_f64();
        let took = now - *since;
        *since = now;
        took
    };
    let mut since = 0.0;
    let (template, previous) = match mode {
        Mode::Full => {
            let template_path = out.join("index.html");
            let template = fs::read_to_string(&template_path)
                .with_context(|| template_path.display().to_string())?;
            let template = themed_stylesheet(out, &template, &settings.theme_css)?;
            let template = crate::shell::content_named_app(out, &template)?;
            (with_language(&template, settings.site.language.tag()), None)
        }
        Mode::Publish => {
            let previous = output::Manifest::read(out)?.with_context(|| {
                format!(
                    "{}: no site built by Gazette's build here (no {}): run the build first",
                    out.display(),
                    output::Manifest::path(out).display()
                )
            })?;
            let template_path = out.join(TEMPLATE);
            let template = fs::read_to_string(&template_path)
                .with_context(|| template_path.display().to_string())?;
            (template, Some(previous))
        }
    };
    let boot_path = out.join("boot.js");
    let boot = BootScript::parse(
        fs::read_to_string(&boot_path).with_context(|| boot_path.display().to_string())?,
    )?;
    // The file the embeds load is the text the pages carry: one loader.
    if mode == Mode::Full {
        write(&boot_path, boot.source().as_bytes())?;
    }
    let settings_key = settings_key(&template, &boot, settings);
    let shell = Shell::new(&template, &boot)?;
    if let Some(previous) = &previous {
        if previous.settings != settings_key {
            anyhow::bail!(
                "the site's configuration changed since {} was built: build it again (trunk build) to apply it; a publish only brings in content",
                out.display()
            );
        }
    }
    let site = content::derive_from(
        root,
        &settings.content,
        settings.site.language.tag(),
        settings.per_page,
        // A publish asks WordPress only for what changed.
        match mode {
            Mode::Full => crate::wordpress::Reading::Everything,
            Mode::Publish => crate::wordpress::Reading::Changes,
        },
    )?;
    let pages = pages(&site, &settings.paths)?;
    let content = lap(&mut since);

    let mut plan: Vec<Planned> = Vec::new();
    let mut planned_files = std::collections::HashSet::new();
    let bytes = |file: &str, bytes: Vec<u8>, plan: &mut Vec<Planned>| {
        plan.push(Planned {
            file: file.to_owned(),
            key: output::key(&[&bytes]),
            make: Make::Bytes(bytes),
        });
    };
    bytes(TEMPLATE, template.clone().into_bytes(), &mut plan);
    let shell = &shell;
    for page in &pages {
        let data_key = page.data.as_ref().map_or("", |d| &*d.document.key);
        plan.push(Planned {
            file: page.file.clone(),
            key: output::key(&[
                settings_key.as_bytes(),
                page.path.as_bytes(),
                data_key.as_bytes(),
            ]),
            make: Make::Render(Box::new(move || page_html(shell, page, settings))),
        });
        // Embeds share their article's document: it is planned once.
        if let Some(data) = page
            .data
            .as_ref()
            .filter(|d| planned_files.insert(d.file.clone()))
        {
            plan.push(Planned {
                file: data.file.clone(),
                key: data.document.key.to_string(),
                make: Make::Bytes(data.document.json.as_bytes().to_vec()),
            });
        }
    }
    for (file, xml) in sitemaps(&pages, settings, SITEMAP_URLS)? {
        bytes(&file, xml.into_bytes(), &mut plan);
    }
    bytes("feed.xml", feed(&site, settings)?.into_bytes(), &mut plan);
    bytes("robots.txt", robots(settings).into_bytes(), &mut plan);
    bytes(
        "_headers",
        static_host_headers(&settings.paths, &boot).into_bytes(),
        &mut plan,
    );
    bytes(
        "_redirects",
        static_host_redirects(&settings.paths).into_bytes(),
        &mut plan,
    );
    for media in &site.media {
        let meta = fs::metadata(&media.file).with_context(|| media.file.display().to_string())?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        plan.push(Planned {
            file: media.site_path.clone(),
            key: output::key(&[
                media.file.to_string_lossy().as_bytes(),
                &meta.len().to_le_bytes(),
                &modified.to_le_bytes(),
            ]),
            make: Make::Copy(media.file.clone()),
        });
    }
    // What the app's build put there: kept as it is, and compressed.
    let site_made: std::collections::HashSet<String> =
        plan.iter().map(|p| p.file.clone()).collect();
    let assets: Vec<(String, String)> = match &previous {
        Some(previous) => previous
            .files
            .iter()
            .filter(|(_, e)| e.asset)
            .map(|(f, e)| (f.clone(), e.key.clone()))
            .collect(),
        None => output::site_files(out)?
            .into_iter()
            .filter(|f| !site_made.contains(f))
            .map(|f| {
                let path = out.join(&f);
                let bytes = fs::read(&path).with_context(|| path.display().to_string())?;
                Ok((f, output::key(&[&bytes])))
            })
            .collect::<Result<_>>()?,
    };
    for (file, key) in assets {
        plan.push(Planned {
            file,
            key,
            make: Make::Asset,
        });
    }
    let manifest = output::Manifest {
        base: settings.paths.home(),
        compress: settings.compress,
        settings: settings_key,
        files: plan
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
    let plan_time = lap(&mut since);
    let cache = root.join("target").join("compress-cache");
    let synced = output::sync(
        out,
        plan,
        previous.as_ref(),
        manifest,
        settings.compress.then_some(cache.as_path()),
    )?;
    Ok(BuildReport {
        pages: pages.len(),
        content,
        plan: plan_time,
        making: lap(&mut since),
        synced,
    })
}

/// The template every page is made from (Trunk's `index.html`, themed),
/// kept for publishes: the built `index.html` is the front page.
const TEMPLATE: &str = ".gazette/template.html";

/// A key of everything a page is made from besides its route and data.
fn settings_key(template: &str, boot: &BootScript, settings: &Settings) -> String {
    output::key(&[
        template.as_bytes(),
        boot.source().as_bytes(),
        settings.paths.home().as_bytes(),
        settings.origin.as_bytes(),
        format!("{:?}", settings.site).as_bytes(),
        settings.theme_css.as_bytes(),
        &settings.per_page.get().to_le_bytes(),
        &[u8::from(settings.compress)],
    ])
}

/// Every page of the site: the front page, each article with its embeds,
/// each tag, and the not-found page.
fn pages<'a>(site: &'a Site, paths: &Paths) -> Result<Vec<SiteFile<'a>>> {
    let mut pages = Vec::new();
    for listing in &site.front {
        pages.push(SiteFile::new(
            paths,
            Route::Front(listing.page()),
            Some(json(listing)?),
            Shows::Listing(listing),
        ));
    }
    for article in &site.articles {
        let slug = &article.slug;
        let data = json(article)?;
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
    for (slug, listing) in site
        .tags
        .iter()
        .flat_map(|(s, pages)| pages.iter().map(move |l| (s, l)))
    {
        pages.push(SiteFile::new(
            paths,
            Route::Tag(slug.clone(), listing.page()),
            Some(json(listing)?),
            Shows::Listing(listing),
        ));
    }
    pages.push(SiteFile::new(paths, Route::NotFound, None, Shows::Nothing));
    Ok(pages)
}

fn json<T: serde::Serialize>(value: &T) -> Result<Document> {
    let json = serde_json::to_string(value)?;
    Ok(Document {
        key: output::key(&[json.as_bytes()]).into(),
        json: json.into(),
    })
}

fn page_html(shell: &Shell, page: &SiteFile, settings: &Settings) -> Result<String> {
    let RenderedRoute { mut head, body } = render_route(
        &settings.site,
        &settings.paths,
        &settings.origin,
        &page.path,
        page.shows.route_data(),
    );
    head.push_str(&site_element(&settings.site));
    if let Some(RouteJson {
        url,
        document: Document { json, .. },
        ..
    }) = &page.data
    {
        head.push_str(&data_element(url, json));
    }
    // An embed opens every link in a new browsing context (boot.js does the
    // same on pages that are not prerendered).
    let template = if page.route.kind().is_embed() {
        &shell.embed
    } else {
        &shell.page
    };
    // The page's own title replaces the template's.
    let (before_title, rest) = template
        .split_once("<title>")
        .and_then(|(before, rest)| Some((before, rest.split_once("</title>")?.1)))
        .context("index.html: no <title> to replace")?;
    let (head_rest, rest) = rest
        .split_once("</head>")
        .context("index.html: no </head>")?;
    let (_, after_body) = rest
        .split_once("</body>")
        .context("index.html: no </body>")?;
    Ok(format!(
        "{before_title}{head}{head_rest}</head><body>{body}</body>{after_body}"
    ))
}

/// The template with `<html lang>` set to the site's language.
fn with_language(template: &str, tag: &str) -> String {
    match template
        .split_once("<html")
        .and_then(|(before, rest)| Some((before, rest.split_once('>')?.1)))
    {
        Some((before, after)) => format!("{before}<html lang={tag}>{after}"),
        None => template.to_owned(),
    }
}

/// Adds the theme to Trunk's stylesheet (`main-<hash>.css`): the result is
/// written under a hash of its own content, with its own integrity value,
/// and the template points at it. The stylesheet stays one request, and a
/// theme change is a new file name, as immutable caching needs.
fn themed_stylesheet(out: &Path, template: &str, theme_css: &str) -> Result<String> {
    use base64::Engine;
    use sha2::Digest;
    if theme_css.is_empty() {
        return Ok(template.to_owned());
    }
    let name_at = template
        .find("main-")
        .context("index.html: no link to Trunk's stylesheet (main-<hash>.css)")?;
    let name_len = template[name_at..]
        .find(".css")
        .context("index.html: the stylesheet's name does not end in .css")?
        + ".css".len();
    let old_name = &template[name_at..name_at + name_len];
    let old_path = out.join(old_name);
    let mut css = fs::read_to_string(&old_path).with_context(|| old_path.display().to_string())?;
    css.push_str(theme_css);
    let digest = sha2::Sha384::digest(css.as_bytes());
    let new_name = format!("main-{}.css", output::name_hash(css.as_bytes()));
    write(&out.join(&new_name), css.as_bytes())?;
    if new_name != old_name {
        fs::remove_file(&old_path).with_context(|| old_path.display().to_string())?;
    }
    let integrity = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    // The stylesheet's own <link>: its integrity value changes with it.
    let tag_start = template[..name_at].rfind('<').unwrap_or(0);
    let mut themed = template.replacen(old_name, &new_name, 1);
    let tag_end = themed[tag_start..]
        .find('>')
        .map_or(themed.len(), |e| tag_start + e);
    if let Some(at) = themed[tag_start..tag_end]
        .find("integrity=")
        .map(|at| tag_start + at)
    {
        let value_at = at + "integrity=".len();
        let rest = &themed[value_at..];
        let quoted = rest.starts_with('"');
        let end = if quoted {
            rest[1..].find('"').map(|e| e + 2)
        } else {
            // Base64 has '/' in it: the value ends at a space or the tag's end.
            rest.find([' ', '>'])
        }
        .context("index.html: an integrity attribute without an end")?;
        themed.replace_range(value_at..value_at + end, &format!("\"{integrity}\""));
    }
    Ok(themed)
}

fn absolute(settings: &Settings, path: &str) -> String {
    format!("{}{path}", settings.origin.trim_end_matches('/'))
}

/// The absolute URL of a file at the top of the site (`feed.xml`, …).
fn site_file(settings: &Settings, name: &str) -> String {
    absolute(settings, &format!("{}/{name}", settings.paths.base()))
}

/// Text for an XML document, without the characters XML 1.0 forbids
/// (controls other than tab and line breaks, U+FFFE, U+FFFF): one would make
/// the whole feed ill-formed, and feed readers drop it. The writer escapes.
fn xml_text(text: &str) -> BytesText<'static> {
    let allowed: String = text
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect();
    BytesText::new(&allowed).into_owned()
}

/// An XML document, indented, with its declaration.
fn xml_document(root: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> Result<String> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    root(&mut writer)?;
    let mut xml = String::from_utf8(writer.into_inner())?;
    xml.push('\n');
    Ok(xml)
}

/// URLs one sitemap file may list (the sitemaps.org protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;
/// Entries in the feed: the newest articles (a feed reader polls it often,
/// and the whole archive is in the sitemap).
pub const FEED_ENTRIES: usize = 50;

/// `sitemap.xml`, and when the site has more than `per_file` indexed pages,
/// `sitemap.xml` is an index of `sitemap-1.xml`, `sitemap-2.xml`, … each
/// listing at most `per_file`. The file names, with their XML.
fn sitemaps(
    pages: &[SiteFile],
    settings: &Settings,
    per_file: usize,
) -> Result<Vec<(String, String)>> {
    let indexed: Vec<&SiteFile> = pages.iter().filter(|p| p.indexed()).collect();
    let chunks: Vec<&[&SiteFile]> = indexed.chunks(per_file.max(1)).collect();
    if chunks.len() <= 1 {
        return Ok(vec![("sitemap.xml".into(), urlset(&indexed, settings)?)]);
    }
    let mut files = Vec::new();
    for (n, chunk) in chunks.iter().enumerate() {
        files.push((format!("sitemap-{}.xml", n + 1), urlset(chunk, settings)?));
    }
    let index = xml_document(|w| {
        w.create_element("sitemapindex")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for (file, _) in &files {
                    w.create_element("sitemap").write_inner_content(|w| {
                        w.create_element("loc")
                            .write_text_content(xml_text(&site_file(settings, file)))?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })?;
    files.push(("sitemap.xml".into(), index));
    Ok(files)
}

fn urlset(pages: &[&SiteFile], settings: &Settings) -> Result<String> {
    xml_document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for page in pages {
                    w.create_element("url").write_inner_content(|w| {
                        w.create_element("loc")
                            .write_text_content(xml_text(&absolute(settings, &page.path)))?;
                        if let Some(a) = page.article() {
                            w.create_element("lastmod")
                                .write_text_content(xml_text(a.last_modified().as_str()))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// The Atom feed: the [`FEED_ENTRIES`] newest articles, newest first.
fn feed(site: &Site, settings: &Settings) -> Result<String> {
    let paths = &settings.paths;
    let home = absolute(settings, &paths.home());
    let self_url = site_file(settings, "feed.xml");
    let updated = site
        .articles
        .iter()
        .map(Article::last_modified)
        .max()
        .map_or("1970-01-01T00:00:00Z", |t| t.as_str());
    xml_document(|w| {
        w.create_element("feed")
            .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
            .write_inner_content(|w| {
                w.create_element("title")
                    .write_text_content(xml_text(&settings.site.name))?;
                w.create_element("id").write_text_content(xml_text(&home))?;
                w.create_element("link")
                    .with_attributes([("rel", "alternate"), ("href", home.as_str())])
                    .write_empty()?;
                w.create_element("link")
                    .with_attributes([("rel", "self"), ("href", self_url.as_str())])
                    .write_empty()?;
                w.create_element("updated")
                    .write_text_content(xml_text(updated))?;
                for a in site.articles.iter().take(FEED_ENTRIES) {
                    let url = absolute(settings, &paths.article(&a.slug));
                    w.create_element("entry").write_inner_content(|w| {
                        w.create_element("title")
                            .write_text_content(xml_text(a.headline.as_str()))?;
                        w.create_element("id").write_text_content(xml_text(&url))?;
                        w.create_element("link")
                            .with_attributes([("rel", "alternate"), ("href", url.as_str())])
                            .write_empty()?;
                        w.create_element("published")
                            .write_text_content(xml_text(a.published.as_str()))?;
                        w.create_element("updated")
                            .write_text_content(xml_text(a.last_modified().as_str()))?;
                        let authors: Vec<&str> = match &a.byline {
                            Byline::Authors(people) => {
                                people.iter().map(|p| p.name.as_str()).collect()
                            }
                            Byline::Organisation(name) => vec![name.as_str()],
                        };
                        for name in authors {
                            w.create_element("author").write_inner_content(|w| {
                                w.create_element("name")
                                    .write_text_content(xml_text(name))?;
                                Ok(())
                            })?;
                        }
                        w.create_element("summary")
                            .write_text_content(xml_text(a.standfirst.as_str()))?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn robots(settings: &Settings) -> String {
    let paths = &settings.paths;
    format!(
        "User-agent: *\nAllow: {home}\nDisallow: {base}/embed/\nSitemap: {sitemap}\n",
        home = paths.home(),
        base = paths.base(),
        sitemap = site_file(settings, "sitemap.xml"),
    )
}

/// `_headers` for static hosts that read it (Netlify, Cloudflare Pages):
/// the same policy as `deploy/nginx/gazette-http.conf`.
fn static_host_headers(paths: &Paths, boot: &BootScript) -> String {
    let b = paths.base();
    let common = format!(
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Permissions-Policy: {PERMISSIONS_POLICY}\n  Cross-Origin-Opener-Policy: {OPENER_POLICY}\n  Strict-Transport-Security: {HSTS}\n"
    );
    // Embeds: any portal may frame them, so no X-Frame-Options (it cannot
    // say "any"); only Gazette's own embed routes, not any /embed/ path.
    let mut out = format!(
        "# Read by static hosts such as Netlify and Cloudflare Pages; nginx uses deploy/nginx/.\n{b}/*\n  Content-Security-Policy: {csp}\n  X-Frame-Options: DENY\n{common}  Cache-Control: {REVALIDATE}\n",
        csp = page_csp(boot)
    );
    for embeds in ["embed/articles/*", "embed/charts/*"] {
        out.push_str(&format!(
            "{b}/{embeds}\n  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: {csp}\n",
            csp = embed_csp()
        ));
    }
    for hashed in ["gazette-*", "main-*", "favicon-*"] {
        out.push_str(&format!(
            "{b}/{hashed}\n  ! Cache-Control\n  Cache-Control: {IMMUTABLE}\n"
        ));
    }
    out
}

/// `_redirects`: the build's state and unknown paths get the 404 page with
/// status 404 (the first rule that matches applies). The state's rule is
/// forced (`404!`): Netlify-style hosts apply an unforced rule only where
/// no file exists, and the build's state files do.
fn static_host_redirects(paths: &Paths) -> String {
    format!(
        "{b}/{state}/*  {b}/404.html  404!\n{b}/*  {b}/404.html  404\n",
        b = paths.base(),
        state = output::STATE_DIR
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_root as root;

    fn test_settings(base: &str) -> Settings {
        Settings {
            paths: Paths::new(base),
            origin: "https://news.example".into(),
            compress: false,
            site: SiteIdentity::default(),
            theme_css: String::new(),
            content: crate::config::ContentSource::default(),
            per_page: content::PER_PAGE,
        }
    }

    /// One direction: the static API is written from the same validated
    /// model as the pages, so each page embeds exactly the bytes the API
    /// serves for it.
    #[test]
    fn the_build_writes_the_api_and_the_pages_from_one_model() {
        let out = std::env::temp_dir().join(format!("gazette-site-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        write(
            &out.join("index.html"),
            b"<!doctype html><html><head><base href=/><title>x</title><script type=module src=/boot.js data-gazette-js=/gazette-1.js data-gazette-wasm=/gazette-1_bg.wasm></script></head><body></body></html>",
        )
        .unwrap();
        write(&out.join("boot.js"), b"// A comment.\ngo()").unwrap();
        write(&out.join("gazette-1.js"), b"glue").unwrap();
        write(&out.join("gazette-1_bg.wasm"), b"wasm").unwrap();
        let settings = test_settings("/");
        let site = content::derive(&root()).unwrap();
        build(&root(), &out, &settings, Mode::Full).unwrap();
        // One loader: the file the embeds load is the text the pages carry.
        assert_eq!(fs::read_to_string(out.join("boot.js")).unwrap(), "go()\n");
        let front = fs::read_to_string(out.join("index.html")).unwrap();
        assert!(front.contains(">go()\n</script>"), "{front}");
        let mut documents = 0;
        for page in pages(&site, &settings.paths).unwrap() {
            let html = fs::read_to_string(out.join(&page.file)).unwrap();
            let Some(data) = page.data else {
                assert!(!html.contains("gazette-data"), "{}", page.file);
                continue;
            };
            let served = fs::read_to_string(out.join(&data.file)).unwrap();
            assert!(
                html.contains(&data_element(&data.url, &served)),
                "{} embeds {}",
                page.file,
                data.file
            );
            documents += 1;
        }
        let listed = |dir: &str| fs::read_dir(out.join(dir)).unwrap().count();
        assert_eq!(listed("api/v1/articles"), site.articles.len());
        assert_eq!(listed("api/v1/tags"), site.tags.len());
        assert!(out.join("api/v1/index.json").exists());
        assert!(documents > site.articles.len() + site.tags.len());
        let _ = fs::remove_dir_all(&out);
    }

    #[test]
    fn every_route_gets_a_page_with_its_own_head_and_data() {
        let site = content::derive(&root()).unwrap();
        let settings = test_settings("/news/");
        let paths = &settings.paths;
        let pages = pages(&site, paths).unwrap();
        let template = "<!doctype html><html lang=en><head><base href=/news/><title>Gazette</title><script type=module src=/news/boot.js></script></head><body><noscript>x</noscript></body></html>";
        let boot = BootScript::parse("go()".into()).unwrap();
        let shell = &Shell::new(template, &boot).unwrap();
        for page in &pages {
            let html = page_html(shell, page, &settings).unwrap();
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
        let html = page_html(shell, article, &settings).unwrap();
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
            let html = page_html(shell, page, &settings).unwrap();
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

    #[test]
    fn feed_and_sitemap_stay_well_formed_xml_whatever_the_headline() {
        let mut site = content::derive(&root()).unwrap();
        let settings = test_settings("/");
        let hostile = [
            "Nul\u{0} bell\u{7} vertical tab\u{b} form feed\u{c}",
            "Escape\u{1b}[31m and DEL\u{7f} and C1\u{85}\u{9f}",
            "Non-characters \u{fffe}\u{ffff} and <b>markup</b> & ]]> \"quotes\" 'too'",
            "Ðorđe, čćžš, 👩‍👩‍👧‍👦, מרחבא\u{202e}",
        ];
        for (article, headline) in site.articles.iter_mut().zip(hostile) {
            let mut doc = serde_json::to_value(&*article).unwrap();
            doc["headline"] = headline.into();
            doc["standfirst"] = format!("{headline} (standfirst)").into();
            *article = serde_json::from_value(doc).unwrap();
        }
        let feed = feed(&site, &settings).unwrap();
        let parsed = roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("{e}: {feed}"));
        let titles: Vec<&str> = parsed
            .descendants()
            .filter(|n| {
                n.has_tag_name("title") && n.parent().is_some_and(|p| p.has_tag_name("entry"))
            })
            .filter_map(|n| n.text())
            .collect();
        assert!(
            titles
                .iter()
                .any(|t| t.contains("Nul bell vertical tab form feed")),
            "{titles:?}"
        );
        assert!(
            titles.iter().any(|t| t.contains("<b>markup</b> & ]]>")),
            "{titles:?}"
        );
        assert!(
            titles.iter().any(|t| t.contains("Ðorđe, čćžš")),
            "{titles:?}"
        );
        let pages = pages(&site, &settings.paths).unwrap();
        let map = sitemaps(&pages, &settings, SITEMAP_URLS)
            .unwrap()
            .remove(0)
            .1;
        let parsed = roxmltree::Document::parse(&map).unwrap_or_else(|e| panic!("{e}: {map}"));
        assert!(
            parsed
                .descendants()
                .filter(|n| n.has_tag_name("loc"))
                .count()
                >= site.articles.len()
        );
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index_and_a_feed_of_the_newest() {
        let mut site = content::derive(&root()).unwrap();
        let settings = test_settings("/news/");
        // 60 articles: the samples again under new slugs, newest first.
        let samples = site.articles.clone();
        site.articles = (0..60)
            .map(|n| {
                let mut doc = serde_json::to_value(&samples[n % samples.len()]).unwrap();
                doc["slug"] = format!("article-{n:02}").into();
                doc["published"] = format!("2023-01-01T00:{:02}:00Z", 59 - n).into();
                doc.as_object_mut().unwrap().remove("updated");
                serde_json::from_value(doc).unwrap()
            })
            .collect();
        let feed = feed(&site, &settings).unwrap();
        assert_eq!(feed.matches("<entry>").count(), FEED_ENTRIES);
        assert!(
            feed.contains("/news/articles/article-00<")
                || feed.contains("/news/articles/article-00\"")
        );
        assert!(!feed.contains("article-50"), "the oldest ten are left out");
        let pages = pages(&site, &settings.paths).unwrap();
        let indexed = pages.iter().filter(|p| p.indexed()).count();
        assert!(indexed > 60, "{indexed}");
        // Under the limit: one sitemap, as before.
        let one = sitemaps(&pages, &settings, indexed).unwrap();
        assert_eq!(one.len(), 1);
        assert!(one[0].1.contains("<urlset"));
        // Over it: an index of files of at most 25 URLs, listing every URL once.
        let files = sitemaps(&pages, &settings, 25).unwrap();
        let (index_name, index) = files.last().unwrap();
        assert_eq!(index_name, "sitemap.xml");
        let parsed = roxmltree::Document::parse(index).unwrap();
        let listed: Vec<&str> = parsed
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(listed.len(), indexed.div_ceil(25));
        assert_eq!(listed[0], "https://news.example/news/sitemap-1.xml");
        let mut urls = Vec::new();
        for (name, xml) in &files[..files.len() - 1] {
            let doc = roxmltree::Document::parse(xml).unwrap();
            let locs: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("loc"))
                .filter_map(|n| n.text())
                .map(str::to_owned)
                .collect();
            assert!(locs.len() <= 25, "{name}");
            urls.extend(locs);
        }
        let unique: std::collections::BTreeSet<_> = urls.iter().collect();
        assert_eq!((urls.len(), unique.len()), (indexed, indexed));
    }

    #[test]
    fn static_host_headers_match_the_nginx_configuration() {
        let nginx = fs::read_to_string(root().join("deploy/nginx/gazette-http.conf")).unwrap();
        let site = fs::read_to_string(root().join("deploy/nginx/gazette-site.conf")).unwrap();
        for value in [PERMISSIONS_POLICY, OPENER_POLICY] {
            assert!(
                site.contains(value),
                "deploy/nginx/gazette-site.conf lacks {value}"
            );
        }
        // The policy names the loader by its hash: whoever changes boot.js
        // is told here what the configuration must say.
        let boot =
            BootScript::parse(fs::read_to_string(root().join("public/boot.js")).unwrap()).unwrap();
        let (csp, embed_csp) = (page_csp(&boot), embed_csp());
        for value in [&csp, &embed_csp, IMMUTABLE, REVALIDATE, HSTS, "DENY"] {
            assert!(
                nginx.contains(value),
                "deploy/nginx/gazette-http.conf lacks {value}"
            );
        }
        let headers = static_host_headers(&Paths::new("/news/"), &boot);
        assert!(headers.contains(&format!("/news/*\n  Content-Security-Policy: {csp}")));
        assert!(headers.contains(&format!(
            "/news/embed/charts/*\n  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: {embed_csp}"
        )));
        assert!(!headers.contains("/news/embed/*"));
        assert_eq!(
            static_host_redirects(&Paths::new("/")),
            "/.gazette/*  /404.html  404!\n/*  /404.html  404\n"
        );
    }
}
