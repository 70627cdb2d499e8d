//! `cargo run -p xtask -- site <dir>`: turns Trunk's output into a static
//! site any CDN can serve. Trunk runs it as a post-build hook on its staging
//! folder. The data flows one way: content is read and validated once
//! ([`content::derive`]) into the site model; from it, for every route a
//! reader can land on, it writes the route's JSON (the static API) and an
//! HTML file prerendered from the app's own views with that JSON embedded;
//! then the sitemap, an Atom feed, robots.txt, headers for static hosts, and
//! (release builds) `.gz` and `.br` copies of every text asset.

use crate::content::{self, Site};
use anyhow::{Context, Result};
use gazette::model::{Article, Byline};
use gazette::paths::Paths;
use gazette::prerender::{data_element, render_route, site_element, RenderedRoute, RouteData};
use gazette::routes::Route;
use gazette::site::SiteIdentity;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
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
}

/// Content-Security-Policy for every page but the embeds. The app's loader
/// is a file (`boot.js`), the chart uses presentation attributes, and
/// content JSON is embedded as data, so nothing inline is needed.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";
/// The embed pages may be framed by any portal (restrict to known portals
/// here if the deployment has a list).
pub const CSP_EMBED: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors *";
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
struct SiteFile {
    /// The URL path, base included.
    path: String,
    /// Where it goes, relative to the output folder.
    file: String,
    /// The document the page shows.
    data: Option<RouteJson>,
    render: RouteData,
    route: Route,
}

/// A route's document, as the static API serves it and the page embeds it.
struct RouteJson {
    /// The URL the app fetches it from, base included.
    url: String,
    /// Where it goes, relative to the output folder.
    file: String,
    json: String,
}

impl SiteFile {
    /// The file for `route`, its address and its data's URL and file derived
    /// from the route (`Paths::route`, `Paths::data_for`): one table of routes.
    fn new(paths: &Paths, route: Route, data: Option<String>, render: RouteData) -> Self {
        let root = Paths::new("/");
        let file = match root.route(&route).trim_start_matches('/') {
            "" => "index.html".to_owned(),
            path => format!("{path}.html"),
        };
        let data = data.and_then(|json| {
            Some(RouteJson {
                url: paths.data_for(&route)?,
                file: root.data_for(&route)?.trim_start_matches('/').to_owned(),
                json,
            })
        });
        Self {
            path: paths.route(&route),
            file,
            data,
            render,
            route,
        }
    }

    /// For search engines and the sitemap.
    fn indexed(&self) -> bool {
        self.route.kind().is_indexed()
    }

    /// The article, on an article's own page; embeds are not articles.
    fn article(&self) -> Option<&Article> {
        match &self.render {
            RouteData::Article(article) if self.indexed() => Some(article),
            _ => None,
        }
    }
}

/// What a build did, and how long each phase took (seconds).
pub struct BuildReport {
    pub pages: usize,
    pub content: f64,
    pub render: f64,
    pub documents: f64,
    pub compress: f64,
}

pub fn build(root: &Path, out: &Path, settings: &Settings) -> Result<usize> {
    Ok(build_timed(root, out, settings)?.pages)
}

/// [`build`], timing each phase (`xtask bench-site`).
pub fn build_timed(root: &Path, out: &Path, settings: &Settings) -> Result<BuildReport> {
    let clock = std::time::Instant::now();
    let lap = |since: &mut f64| {
        let now = clock.elapsed().as_secs_f64();
        let took = now - *since;
        *since = now;
        took
    };
    let mut since = 0.0;
    let template_path = out.join("index.html");
    let template =
        fs::read_to_string(&template_path).with_context(|| template_path.display().to_string())?;
    let template = themed_stylesheet(out, &template, &settings.theme_css)?;
    let template = with_language(&template, settings.site.language.tag());
    let site = content::derive_from(root, &settings.content, settings.site.language.tag())?;
    let paths = &settings.paths;
    let pages = pages(&site, paths)?;
    let content = lap(&mut since);
    // The static API is rewritten whole: a document no page shows any more
    // must not stay behind.
    let api = out.join("api");
    if api.exists() {
        fs::remove_dir_all(&api).with_context(|| api.display().to_string())?;
    }
    // Embeds share their article's document: it is written once.
    let mut documents_written = std::collections::HashSet::new();
    for page in &pages {
        let html = page_html(&template, page, settings)?;
        write(&out.join(&page.file), html.as_bytes())?;
        if let Some(data) = page
            .data
            .as_ref()
            .filter(|d| documents_written.insert(&d.file))
        {
            write(&out.join(&data.file), data.json.as_bytes())?;
        }
    }
    let render = lap(&mut since);
    for (file, xml) in sitemaps(&pages, settings, SITEMAP_URLS)? {
        write(&out.join(file), xml.as_bytes())?;
    }
    write(&out.join("feed.xml"), feed(&site, settings)?.as_bytes())?;
    write(&out.join("robots.txt"), robots(settings).as_bytes())?;
    write(&out.join("_headers"), static_host_headers(paths).as_bytes())?;
    write(
        &out.join("_redirects"),
        static_host_redirects(paths).as_bytes(),
    )?;
    for media in &site.media {
        let to = out.join(&media.site_path);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
        }
        fs::copy(&media.file, &to).with_context(|| to.display().to_string())?;
    }
    let documents = lap(&mut since);
    if settings.compress {
        compress_tree(out, &root.join("target").join("compress-cache"))?;
    }
    Ok(BuildReport {
        pages: pages.len(),
        content,
        render,
        documents,
        compress: lap(&mut since),
    })
}

/// Every page of the site: the front page, each article with its embeds,
/// each tag, and the not-found page.
fn pages(site: &Site, paths: &Paths) -> Result<Vec<SiteFile>> {
    let mut pages = vec![SiteFile::new(
        paths,
        Route::Front,
        Some(json(&site.front)?),
        RouteData::Listing(site.front.clone()),
    )];
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
            let render = RouteData::Article(Box::new(article.clone()));
            pages.push(SiteFile::new(paths, route, Some(data.clone()), render));
        }
    }
    for (slug, listing) in &site.tags {
        pages.push(SiteFile::new(
            paths,
            Route::Tag(slug.clone()),
            Some(json(listing)?),
            RouteData::Listing(listing.clone()),
        ));
    }
    pages.push(SiteFile::new(
        paths,
        Route::NotFound,
        None,
        RouteData::Nothing,
    ));
    Ok(pages)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string(value)?)
}

fn page_html(template: &str, page: &SiteFile, settings: &Settings) -> Result<String> {
    let RenderedRoute { mut head, body } = render_route(
        &settings.site,
        &settings.paths,
        &settings.origin,
        &page.path,
        page.render.clone(),
    );
    head.push_str(&site_element(&settings.site));
    if let Some(RouteJson { url, json, .. }) = &page.data {
        head.push_str(&data_element(url, json));
    }
    // An embed opens every link in a new browsing context (boot.js does the
    // same on pages that are not prerendered).
    let embed = page.route.kind().is_embed();
    let template: Cow<str> = if embed {
        Cow::Owned(template.replacen("<base ", "<base target=_blank ", 1))
    } else {
        Cow::Borrowed(template)
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
    let new_name = format!("main-{}.css", hex(digest.get(..8).unwrap_or_default()));
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
fn static_host_headers(paths: &Paths) -> String {
    let b = paths.base();
    let common = format!(
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Permissions-Policy: {PERMISSIONS_POLICY}\n  Cross-Origin-Opener-Policy: {OPENER_POLICY}\n  Strict-Transport-Security: {HSTS}\n"
    );
    // Embeds: any portal may frame them, so no X-Frame-Options (it cannot
    // say "any"); only Gazette's own embed routes, not any /embed/ path.
    let mut out = format!(
        "# Read by static hosts such as Netlify and Cloudflare Pages; nginx uses deploy/nginx/.\n{b}/*\n  Content-Security-Policy: {CSP}\n  X-Frame-Options: DENY\n{common}  Cache-Control: {REVALIDATE}\n"
    );
    for embeds in ["embed/articles/*", "embed/charts/*"] {
        out.push_str(&format!(
            "{b}/{embeds}\n  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: {CSP_EMBED}\n"
        ));
    }
    for hashed in ["gazette-*", "main-*", "favicon-*"] {
        out.push_str(&format!(
            "{b}/{hashed}\n  ! Cache-Control\n  Cache-Control: {IMMUTABLE}\n"
        ));
    }
    out
}

/// `_redirects`: unknown paths get the 404 page with status 404.
fn static_host_redirects(paths: &Paths) -> String {
    format!("{b}/*  {b}/404.html  404\n", b = paths.base())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    fs::write(path, bytes).with_context(|| path.display().to_string())
}

/// Writes `bytes` under a temporary name and renames it into place: a cache
/// entry is whole or absent, whatever else runs at the same time and
/// wherever the writer is cut short.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    write(&partial, bytes)?;
    fs::rename(&partial, path).with_context(|| path.display().to_string())
}

const COMPRESSIBLE: [&str; 9] = [
    "html", "js", "css", "json", "svg", "xml", "txt", "wasm", "map",
];

/// Writes `x.gz` (gzip -9) and `x.br` (brotli 11) beside every text asset,
/// for servers that send precompressed files (nginx `gzip_static`,
/// `brotli_static`). Compression is most of a build's time, so each file's
/// compressed copies are kept in `cache` under the hash of its content and
/// reused while it does not change (only what changed is compressed again),
/// and files are compressed on every core.
fn compress_tree(dir: &Path, cache: &Path) -> Result<()> {
    let files: Vec<_> = files_under(dir)?
        .into_iter()
        .filter(|f| COMPRESSIBLE.contains(&f.extension().and_then(|e| e.to_str()).unwrap_or("")))
        .collect();
    fs::create_dir_all(cache).with_context(|| cache.display().to_string())?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let jobs: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().try_for_each(|f| compress_file(f, cache))))
            .collect();
        jobs.into_iter().try_for_each(|job| {
            job.join()
                .map_err(|_| anyhow::anyhow!("a compression thread panicked"))?
        })
    })
}

/// Every file below `dir`, at any depth.
pub fn files_under(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| dir.display().to_string())? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// Bytes as lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Brotli's quality for a file: 11, the smallest, for the build's hashed
/// assets (compressed once per release); 10 for pages, documents and
/// feeds, which change with every publish. Measured on the 1,000-article
/// bench site's HTML, JSON and XML: quality 10 is 2.9 % larger than 11 and
/// four times faster (BENCHMARKS.md).
fn brotli_quality(path: &Path) -> u32 {
    let asset = path
        .extension()
        .is_some_and(|e| e == "wasm" || e == "js" || e == "css" || e == "svg");
    if asset {
        11
    } else {
        10
    }
}

fn compress_file(path: &Path, cache: &Path) -> Result<()> {
    use sha2::Digest;
    let bytes = fs::read(path).with_context(|| path.display().to_string())?;
    let key = hex(&sha2::Sha256::digest(&bytes));
    let quality = brotli_quality(path);
    let (cached_gz, cached_br) = (
        cache.join(format!("{key}.gz")),
        cache.join(format!("{key}-q{quality}.br")),
    );
    if !(cached_gz.exists() && cached_br.exists()) {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        let gz = gz.finish()?;
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, quality, 22);
            w.write_all(&bytes)?;
        }
        for (target, data) in [(&cached_gz, &gz), (&cached_br, &br)] {
            write_whole(target, data)?;
        }
    }
    let name = path.to_string_lossy();
    fs::copy(&cached_gz, format!("{name}.gz")).with_context(|| format!("{name}.gz"))?;
    fs::copy(&cached_br, format!("{name}.br")).with_context(|| format!("{name}.br"))?;
    Ok(())
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
        }
    }

    /// One direction: the static API is written from the same validated
    /// model as the pages, so each page embeds exactly the bytes the API
    /// serves for it, and a build leaves no document of an older build.
    #[test]
    fn the_build_writes_the_api_and_the_pages_from_one_model() {
        let out = std::env::temp_dir().join(format!("gazette-site-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let stale = out.join("api/v1/articles/an-article-since-removed.json");
        write(&stale, b"{}").unwrap();
        write(
            &out.join("index.html"),
            b"<!doctype html><html><head><base href=/><title>x</title></head><body></body></html>",
        )
        .unwrap();
        let settings = test_settings("/");
        let site = content::derive(&root()).unwrap();
        build(&root(), &out, &settings).unwrap();
        assert!(!stale.exists(), "a removed article's document is gone");
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
        for page in &pages {
            let html = page_html(template, page, &settings).unwrap();
            let head = html.split("</head>").next().unwrap();
            assert_eq!(head.matches("<title>").count(), 1, "{}", page.file);
            assert_eq!(html.matches("<h1").count(), 1, "{}: {html}", page.file);
            assert!(!html.contains("<noscript>"), "{}", page.file);
            assert!(html.contains("/news/boot.js"), "{}", page.file);
        }
        let article = pages
            .iter()
            .find(|p| p.file == "articles/kfor-troop-levels-since-1999.html")
            .unwrap();
        let html = page_html(template, article, &settings).unwrap();
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
            let html = page_html(template, page, &settings).unwrap();
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
        for value in [CSP, CSP_EMBED, IMMUTABLE, REVALIDATE, HSTS, "DENY"] {
            assert!(
                nginx.contains(value),
                "deploy/nginx/gazette-http.conf lacks {value}"
            );
        }
        let headers = static_host_headers(&Paths::new("/news/"));
        assert!(headers.contains(&format!("/news/*\n  Content-Security-Policy: {CSP}")));
        assert!(headers.contains(&format!(
            "/news/embed/charts/*\n  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: {CSP_EMBED}"
        )));
        assert!(!headers.contains("/news/embed/*"));
        assert_eq!(
            static_host_redirects(&Paths::new("/")),
            "/*  /404.html  404\n"
        );
    }
}
