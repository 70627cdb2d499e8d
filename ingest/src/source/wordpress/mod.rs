//! Reads a WordPress site's published posts over its REST API and turns
//! each into a source article (`Article<Slug>`), the same shape as a file
//! in `content/articles/`: the rest of the build cannot tell them apart.
//!
//! - Only what the public may read: the API is asked anonymously, a post
//!   whose status is not `publish` is refused, and a password-protected
//!   post is left out (its title too) and listed in the report.
//! - The body goes through [`convert`], an allow-list; what it drops is
//!   reported per post in `target/wordpress-report.json`.
//! - Images on the WordPress host are copied into the site under
//!   `/media/` (the page's Content-Security-Policy allows only this site
//!   and HTTPS for images, and readers never call the CMS).
//! - Related posts: WordPress has none, so they are derived here (see
//!   [`related`]).

pub mod convert;
pub mod draft;
pub mod html;

use super::{MediaFile, Reading};
use crate::config::WordPressSite;
use crate::text::printable;
use anyhow::{anyhow, bail, Context, Result};
use convert::{Converter, Dropped};
use gazette_contract::limits::Bounded;
use gazette_contract::{
    Article, Block, Byline, Image, ImageSource, LanguageTag, NonEmpty, Person, SafeUrl, Slug, Tag,
    Text, Timestamp, Version1,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Where WordPress's uploads are published in the site: `media/<year>/…`.
const MEDIA: &str = "media/";

/// What an import brought: the articles, the media they show, and what
/// was left out.
pub struct Import {
    pub articles: Vec<Article<Slug>>,
    /// Each author's biography (the user's description), by slug.
    pub about: BTreeMap<Slug, NonEmpty>,
    pub media: Vec<MediaFile>,
    pub report: Report,
}

/// What the import left out, per post, written as JSON for the newsroom.
#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    pub site: String,
    pub posts: usize,
    /// Posts published with parts of their HTML dropped.
    pub dropped: Vec<PostReport>,
    /// Posts not published at all, and why.
    pub left_out: Vec<LeftOut>,
}

impl Report {
    /// Writes the report as JSON to `target/wordpress-report.json` (or the
    /// file `GAZETTE_REPORT` names: a newsroom's CI, the tests) and prints a
    /// line for each post that lost something.
    pub fn write(&self, target: &Path) -> Result<()> {
        let file = std::env::var_os("GAZETTE_REPORT")
            .map_or_else(|| target.join("wordpress-report.json"), PathBuf::from);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
        }
        std::fs::write(&file, serde_json::to_string_pretty(self)?)
            .with_context(|| file.display().to_string())?;
        for line in self.lines() {
            eprintln!("{line}");
        }
        Ok(())
    }

    /// What the report prints, a line per post: every string that came from
    /// the CMS made printable (a slug or a message with a newline or a
    /// terminal escape could forge log lines or CI commands).
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for post in &self.dropped {
            let what: Vec<String> = post
                .dropped
                .iter()
                .map(|(what, n)| format!("{} ×{n}", printable(what)))
                .collect();
            lines.push(format!(
                "{}: post {} ({}): dropped {}",
                self.site,
                post.id,
                printable(&post.slug),
                what.join(", ")
            ));
        }
        for post in &self.left_out {
            lines.push(format!(
                "{}: post {} ({}): LEFT OUT, not published: {}",
                self.site,
                post.id,
                printable(&post.slug),
                printable(&post.reason)
            ));
        }
        lines
    }

    /// Adds the images taken out of a post to what it lost.
    fn lost_images(&mut self, id: u64, slug: &Slug, lost: Vec<String>) {
        if !self.dropped.iter().any(|p| p.id == id) {
            self.dropped.push(PostReport {
                id,
                slug: slug.to_string(),
                dropped: BTreeMap::new(),
            });
        }
        if let Some(post) = self.dropped.iter_mut().find(|p| p.id == id) {
            for what in lost {
                *post.dropped.entry(what).or_default() += 1;
            }
        }
    }
}

#[derive(Debug, serde::Serialize)]
pub struct PostReport {
    pub id: u64,
    pub slug: String,
    pub dropped: BTreeMap<String, usize>,
}

#[derive(Debug, serde::Serialize)]
pub struct LeftOut {
    pub id: u64,
    pub slug: String,
    pub reason: String,
}

/// Reads every published post of `site` (media are cached under `cache`).
/// The posts of the last import, as the REST API gave them, and their
/// featured images' credits: what a publish starts from. Kept in
/// `target/wordpress-posts/`, one file per site.
#[derive(Default, serde::Serialize, Deserialize)]
struct Store {
    site: String,
    posts: BTreeMap<u64, Raw>,
    credits: BTreeMap<u64, String>,
}

impl Store {
    fn path(dir: &Path, site: &WordPressSite) -> PathBuf {
        let name = crate::files::key(&[site.to_string().as_bytes()]);
        dir.join(format!("{}.json", name.get(..16).unwrap_or(&name)))
    }

    /// The store for `site`, if an import left one.
    fn read(dir: &Path, site: &WordPressSite) -> Option<Store> {
        let bytes = std::fs::read(Self::path(dir, site)).ok()?;
        serde_json::from_slice::<Store>(&bytes)
            .ok()
            .filter(|store| store.site == site.to_string())
    }

    fn write(&self, dir: &Path, site: &WordPressSite) -> Result<()> {
        crate::files::write_whole(&Self::path(dir, site), &serde_json::to_vec(self)?)
    }
}

/// Reads `site`'s published posts (all of them, or only what changed since
/// the post store in `store` was written), keeping their uploads under
/// `media_cache`, within the default [`Limits`].
pub fn import(
    site: &WordPressSite,
    language: &str,
    media_cache: &Path,
    store: &Path,
    reading: Reading,
) -> Result<Import> {
    import_within(
        site,
        language,
        media_cache,
        store,
        reading,
        Limits::default(),
    )
}

/// [`import`] within `limits`.
///
/// One post's problem never stops the site: a post that cannot be
/// converted is left out, and an image that cannot be published is left
/// out of its post; each is listed in the report and printed on every
/// build, until it is fixed. What the site as a whole cannot do without
/// (its API, a limit passed) still stops the import.
pub fn import_within(
    site: &WordPressSite,
    language: &str,
    media_cache: &Path,
    store: &Path,
    reading: Reading,
    limits: Limits,
) -> Result<Import> {
    let client = Client::new(site, limits)?;
    let known = match reading {
        Reading::Changes => Store::read(store, site),
        Reading::Everything => None,
    };
    let (now, posts) = match known {
        Some(known) => client.changes(known)?,
        None => {
            let raw = client.posts(&[])?;
            let posts = client.parse_posts(raw.values())?;
            let credits = client.credits(&posts, &BTreeMap::new())?;
            let now = Store {
                site: site.to_string(),
                posts: raw,
                credits,
            };
            (now, posts)
        }
    };
    now.write(store, site)?;
    let credits = now.credits;
    let mut report = Report {
        site: site.to_string(),
        posts: posts.len(),
        ..Report::default()
    };
    let media = Media::new(site, media_cache, credits);
    let mut articles = Vec::new();
    let mut ids = BTreeMap::new();
    let mut slugs = BTreeSet::new();
    let mut about = BTreeMap::new();
    // Slugs are given in the posts' order (the later of two that meet takes
    // a suffix); the posts are then converted on every core.
    type Named = Result<(NonEmpty, Slug), String>;
    let names: Vec<Named> = posts
        .iter()
        .map(|post| match refusal(post) {
            Some(reason) => Err(reason),
            None => named(post, &mut slugs),
        })
        .collect();
    let jobs: Vec<(&Post, &Named)> = posts.iter().zip(&names).collect();
    let converted = crate::parallel::each(crate::parallel::cores(), &jobs, |(post, name)| {
        Ok(match name {
            Ok(name) => article(post, name.clone(), language, &media),
            Err(reason) => Err(anyhow!("{reason}")),
        })
    })?;
    for (post, converted) in posts.iter().zip(converted) {
        match converted {
            Ok((article, dropped)) => {
                if !dropped.is_empty() {
                    report.dropped.push(PostReport {
                        id: post.id,
                        slug: article.slug.to_string(),
                        dropped: dropped.0,
                    });
                }
                ids.insert(article.slug.clone(), post.id);
                if let Some((slug, text)) = author_of(post).and_then(|(p, about)| p.slug.zip(about))
                {
                    about.insert(slug, text);
                }
                articles.push(article);
            }
            Err(e) => report.left_out.push(LeftOut {
                id: post.id,
                slug: post.slug.clone(),
                reason: format!("{e:#}"),
            }),
        }
    }
    let (files, failed) = media.fetch(&client, &articles)?;
    let articles = articles
        .into_iter()
        .map(|article| {
            let (article, lost) = without_images(article, &failed);
            if !lost.is_empty() {
                let id = ids.get(&article.slug).copied().unwrap_or_default();
                report.lost_images(id, &article.slug, lost);
            }
            article
        })
        .collect();
    Ok(Import {
        media: files,
        articles,
        about,
        report,
    })
}

/// Why a post the API listed must not be published, if it must not: the
/// API is asked anonymously, so it should list only published posts
/// without a password; one that is not (a plug-in, a misconfigured cache)
/// is left out, its text never read.
fn refusal(post: &Post) -> Option<String> {
    if post.status != "publish" {
        Some(format!(
            "its status is {:?}, not publish; the API showed it to an anonymous reader",
            post.status
        ))
    } else if post.content.protected {
        Some("password-protected".into())
    } else {
        None
    }
}

/// `article` without the images whose files could not be published
/// (`failed`: site path → why), and what was taken out.
fn without_images(
    mut article: Article<Slug>,
    failed: &BTreeMap<String, String>,
) -> (Article<Slug>, Vec<String>) {
    let mut lost = Vec::new();
    let why = |src: &SafeUrl| {
        src.as_str()
            .strip_prefix('/')
            .and_then(|path| failed.get(path))
    };
    let keep = |image: &mut Image, lost: &mut Vec<String>| -> bool {
        if let Some(reason) = why(&image.src) {
            lost.push(format!("image {}: {reason}", image.src.as_str()));
            return false;
        }
        let sources: Vec<ImageSource> = image
            .sources
            .iter()
            .filter(|s| why(&s.src).is_none())
            .cloned()
            .collect();
        if sources.len() != image.sources.len() {
            lost.push(format!("other sizes of image {}", image.src.as_str()));
            image.sources = Bounded::new(sources).unwrap_or_default();
        }
        true
    };
    if let Some(mut image) = article.lead_image.take() {
        if keep(&mut image, &mut lost) {
            article.lead_image = Some(image);
        }
    }
    let body: Vec<Block> = std::mem::take(&mut article.body)
        .into_iter()
        .filter_map(|block| match block {
            Block::Image(mut image) => keep(&mut image, &mut lost).then_some(Block::Image(image)),
            other => Some(other),
        })
        .collect();
    // Fewer blocks than it had: within the bound it was within.
    article.body = Bounded::new(body).unwrap_or_default();
    (article, lost)
}

// ---- The REST API -------------------------------------------------------

#[derive(Deserialize)]
struct Post {
    id: u64,
    #[serde(default)]
    slug: String,
    /// The slug WordPress would give a draft that has none yet (asked for
    /// with `context=edit` only: a preview, [`draft`]).
    #[serde(default)]
    generated_slug: String,
    status: String,
    date: String,
    date_gmt: String,
    modified: String,
    modified_gmt: String,
    title: Rendered,
    excerpt: Rendered,
    content: Content,
    #[serde(default)]
    categories: Vec<u64>,
    #[serde(rename = "_embedded", default)]
    embedded: Embedded,
}

#[derive(Deserialize)]
struct Rendered {
    rendered: String,
}

#[derive(Deserialize)]
struct Content {
    rendered: String,
    #[serde(default)]
    protected: bool,
}

#[derive(Deserialize, Default)]
struct Embedded {
    #[serde(default)]
    author: Vec<Raw>,
    #[serde(rename = "wp:featuredmedia", default)]
    featured: Vec<Raw>,
    #[serde(rename = "wp:term", default)]
    terms: Vec<Vec<Raw>>,
}

#[derive(Deserialize)]
struct Term {
    id: u64,
    #[serde(default)]
    slug: String,
    name: String,
    taxonomy: String,
}

#[derive(Deserialize)]
struct MediaItem {
    id: Option<u64>,
    #[serde(default)]
    alt_text: String,
    #[serde(default)]
    caption: Option<Rendered>,
    source_url: String,
    #[serde(default)]
    media_details: MediaDetails,
}

#[derive(Deserialize, Default)]
struct MediaDetails {
    width: Option<u32>,
    height: Option<u32>,
    #[serde(default)]
    sizes: BTreeMap<String, Size>,
}

#[derive(Deserialize)]
struct Size {
    width: u32,
    height: u32,
    source_url: String,
}

/// What one import may cost at most. A host that lies about its size or
/// answers without end fails the import promptly, with a message naming
/// the host and the limit, instead of exhausting the machine.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Pages of 100 posts one listing may claim (`X-WP-TotalPages`).
    pub pages: usize,
    /// Bytes of one answer of the API.
    pub answer_bytes: u64,
    /// Bytes of all the API's answers together (they are kept in memory).
    pub api_bytes: u64,
    /// Files of the media library the posts may show.
    pub media_files: usize,
    /// Bytes of one media file.
    pub media_bytes: u64,
    /// Bytes of all media files together (they are written to disk).
    pub media_total: u64,
    /// How long the whole import may take.
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        const MIB: u64 = 1024 * 1024;
        Limits {
            // A million posts: ten times the largest archive Gazette is built for.
            pages: 10_000,
            answer_bytes: 64 * MIB,
            api_bytes: 2048 * MIB,
            media_files: 200_000,
            media_bytes: 32 * MIB,
            media_total: 32 * 1024 * MIB,
            time: Duration::from_secs(3600),
        }
    }
}

/// Redirects followed within the site's origin, one request at most.
const MAX_REDIRECTS: usize = 5;

/// A part of the API's JSON kept as its text, read when needed: a host's
/// JSON of any shape costs about its size in memory (as `Value`s, a page of
/// small objects took ten times its size: 2 GiB of them, 21 GB).
type Raw = Box<RawValue>;

/// What the import reads of any item by itself; other fields are skipped
/// without being kept.
#[derive(Deserialize, Default)]
struct Brief {
    id: Option<u64>,
    slug: Option<String>,
    modified: Option<String>,
}

fn brief(item: &RawValue) -> Brief {
    serde_json::from_str(item.get()).unwrap_or_default()
}

/// An author as the API embeds one: the name shown, the user's slug
/// (`user_nicename`, unique on the site) and the profile's description.
#[derive(Deserialize)]
struct Named {
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    description: String,
}

/// An embedded item WordPress could not give (`{"code": "rest_forbidden", …}`).
#[derive(Deserialize)]
struct Refused {
    code: Option<String>,
}

/// An error answer's message.
#[derive(Deserialize)]
struct Message {
    message: Option<String>,
}

/// A media item's description (which carries its credit).
#[derive(Deserialize)]
struct Described {
    id: Option<u64>,
    description: Option<Rendered>,
}

/// The REST API of one site, asked anonymously (the build) or as an
/// editor (a preview, [`draft`]).
struct Client {
    site: String,
    /// `Authorization` sent with every request, for an editor; never
    /// printed (errors name the site, not the request).
    authorization: Option<String>,
    /// `scheme://host[:port]`: the one origin requests go to.
    origin: String,
    agent: ureq::Agent,
    /// `/wp-json/` (pretty permalinks) or `/?rest_route=` (plain ones).
    pretty: bool,
    limits: Limits,
    /// Bytes read from the API so far, and from the media library.
    api_spent: AtomicU64,
    media_spent: AtomicU64,
    started: Instant,
}

/// One answer, read whole within a limit.
struct Answer {
    status: u16,
    /// `X-WP-TotalPages` and `X-WP-Total`, when the answer says.
    paging: Paging,
    content_type: String,
    body: Vec<u8>,
}

/// What a listing's answer says of the whole listing.
struct Paging {
    /// `X-WP-TotalPages`: how many pages of this size the listing has.
    pages: Option<u64>,
    /// `X-WP-Total`: how many items it has.
    total: Option<u64>,
}

/// Posts asked for per request, the API's maximum.
const PER_PAGE: usize = 100;

/// Known ids counted in one request (`include`, see
/// [`Client::still_published`]): at up to 8 characters an id, the address stays
/// within the 8 KB request line that nginx and Apache take by default.
const COUNTED: usize = 500;

impl Client {
    fn new(site: &WordPressSite, limits: Limits) -> Result<Self> {
        Self::connect(site, limits, None)
    }

    /// A client that sends `authorization` with every request.
    fn connect(
        site: &WordPressSite,
        limits: Limits,
        authorization: Option<String>,
    ) -> Result<Self> {
        let mut client = Self::unprobed(site, limits, authorization);
        // Sites without pretty permalinks answer /wp-json/ with a 404, or
        // with their home page (200, HTML); ?rest_route= works everywhere.
        let probe = [("per_page", "1"), ("_fields", "id")];
        match client.get::<Vec<Raw>>("/wp/v2/posts", &probe) {
            Ok(_) => {}
            Err(Failure::Status(404, _) | Failure::Malformed(_)) => {
                client.pretty = false;
                if let Err(e) = client.get::<Vec<Raw>>("/wp/v2/posts", &probe) {
                    return Err(client.explain(e));
                }
            }
            Err(e) => return Err(client.explain(e)),
        }
        Ok(client)
    }

    /// A client that has not asked the site anything yet (for files of the
    /// media library, which need no API).
    fn unprobed(site: &WordPressSite, limits: Limits, authorization: Option<String>) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed by `call`, and only within the site.
            .max_redirects(0)
            // A request takes at most a minute, or what the whole may take.
            .timeout_global(Some(limits.time.min(Duration::from_secs(60))))
            .user_agent("Gazette (static site build)")
            .build()
            .into();
        Client {
            site: site.to_string(),
            authorization,
            origin: site.origin().to_owned(),
            agent,
            pretty: true,
            limits,
            api_spent: AtomicU64::new(0),
            media_spent: AtomicU64::new(0),
            started: Instant::now(),
        }
    }

    fn url(&self, route: &str, query: &[(&str, &str)]) -> String {
        let query: String = query
            .iter()
            .map(|(k, v)| format!("&{k}={}", encode(v)))
            .collect();
        if self.pretty {
            format!(
                "{}/wp-json{route}?{}",
                self.site,
                query.trim_start_matches('&')
            )
        } else {
            format!("{}/?rest_route={route}{query}", self.site)
        }
    }

    /// GETs `url`, which must be on the site's origin, following redirects
    /// only within it, and reads the body whole, up to `limit` bytes, adding
    /// them to `spent`, which may not pass `total`. Nothing of an answer
    /// from elsewhere is read, kept or printed.
    fn call(
        &self,
        url: &str,
        limit: u64,
        spent: &AtomicU64,
        total: u64,
    ) -> Result<Answer, Failure> {
        let mut url = url.to_owned();
        for _ in 0..=MAX_REDIRECTS {
            if self.started.elapsed() > self.limits.time {
                return Err(Failure::Limit(format!(
                    "the import took longer than {} s",
                    self.limits.time.as_secs()
                )));
            }
            if !same_origin(&url, &self.origin) {
                return Err(Failure::OffSite(url));
            }
            let request = self.agent.get(&url);
            let request = match &self.authorization {
                Some(value) => request.header("Authorization", value),
                None => request,
            };
            let mut response = request
                .call()
                .map_err(|e| Failure::Network(e.to_string()))?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::trim)
                    .map(str::to_owned)
            };
            if (300..400).contains(&status) {
                match header("location").and_then(|to| resolve(&url, &to)) {
                    Some(next) => {
                        url = next;
                        continue;
                    }
                    None => return Err(Failure::Status(status, String::new())),
                }
            }
            let paging = Paging {
                pages: header("x-wp-totalpages").and_then(|v| v.parse().ok()),
                total: header("x-wp-total").and_then(|v| v.parse().ok()),
            };
            let content_type = header("content-type").unwrap_or_default();
            let body = response
                .body_mut()
                .with_config()
                .limit(limit)
                .read_to_vec()
                .map_err(|e| match e {
                    ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge(limit),
                    e => Failure::Network(e.to_string()),
                })?;
            let before = spent.fetch_add(body.len() as u64, Ordering::Relaxed);
            if before + body.len() as u64 > total {
                return Err(Failure::Limit(format!("more than {} in all", size(total))));
            }
            return Ok(Answer {
                status,
                paging,
                content_type,
                body,
            });
        }
        Err(Failure::Limit(format!(
            "more than {MAX_REDIRECTS} redirects"
        )))
    }

    /// An answer of the API read into `T`: only the fields `T` names are
    /// kept (posts are kept as raw text, [`Raw`]), so memory follows the
    /// bytes read, whatever shape a host gives its JSON.
    fn get<T: DeserializeOwned>(
        &self,
        route: &str,
        query: &[(&str, &str)],
    ) -> Result<(T, Paging), Failure> {
        let url = self.url(route, query);
        let answer = self.call(
            &url,
            self.limits.answer_bytes,
            &self.api_spent,
            self.limits.api_bytes,
        )?;
        let body = String::from_utf8_lossy(&answer.body);
        if answer.status != 200 {
            let message = serde_json::from_str::<Message>(&body)
                .ok()
                .and_then(|m| m.message)
                .unwrap_or_default();
            return Err(Failure::Status(answer.status, message));
        }
        let value = serde_json::from_str(&body).map_err(|e| {
            let start: String = body.chars().take(80).collect();
            Failure::Malformed(format!("{e}; it begins {start:?}"))
        })?;
        Ok((value, answer.paging))
    }

    /// [`Client::get`], with a failure explained for the newsroom.
    fn ask<T: DeserializeOwned>(&self, route: &str, query: &[(&str, &str)]) -> Result<(T, Paging)> {
        self.get(route, query).map_err(|e| self.explain(e))
    }

    fn explain(&self, failure: Failure) -> anyhow::Error {
        let site = &self.site;
        match failure {
            Failure::Network(e) => anyhow!(
                "{site}: WordPress could not be reached: {}",
                printable(&e)
            ),
            Failure::OffSite(url) => anyhow!(
                "{site}: an answer redirected to {}, off the site: Gazette reads only from {}, and neither followed nor kept it",
                printable(&url),
                self.origin
            ),
            Failure::TooLarge(limit) => anyhow!(
                "{site}: an answer of more than {}: past what Gazette reads from one site (a host that sends this much is broken or lying); nothing was published",
                size(limit)
            ),
            Failure::Limit(what) => anyhow!(
                "{site}: {what}: past what Gazette reads from one site (a host that sends this much is broken or lying); nothing was published"
            ),
            Failure::Status(status @ (401 | 403), message) => anyhow!(
                "{site}: the REST API refused to answer ({status}{}); is it disabled or limited to logged-in users by a plug-in? Gazette reads /wp-json/wp/v2/posts anonymously",
                colon(&printable(&message))
            ),
            Failure::Status(404, message) => anyhow!(
                "{site}: no REST API found (404{}) at /wp-json/ or ?rest_route=; is this a WordPress site, and is the API enabled?",
                colon(&printable(&message))
            ),
            Failure::Status(status, message) => {
                anyhow!(
                    "{site}: the REST API answered {status}{}",
                    colon(&printable(&message))
                )
            }
            Failure::Malformed(e) => anyhow!(
                "{site}: the REST API's answer is not the JSON WordPress sends ({e}); a plug-in or PHP notice may be printing into it"
            ),
        }
    }

    /// Every published post (or those `filter` selects), with its author,
    /// featured image and terms, as the API gives them, by id.
    fn posts(&self, filter: &[(&str, &str)]) -> Result<BTreeMap<u64, Raw>> {
        let mut query = vec![
            ("_embed", "author,wp:featuredmedia,wp:term"),
            ("orderby", "id"),
            ("order", "asc"),
        ];
        query.extend_from_slice(filter);
        Ok(self
            .every_page("/wp/v2/posts", &query)?
            .into_iter()
            .map(|post| (brief(&post).id.unwrap_or_default(), post))
            .collect())
    }

    /// Every item of a listing route, all its pages: the first, then the
    /// others four at a time, in order (at 0.3 s a page, a 10,000-post site would
    /// otherwise wait half a minute on the network).
    fn every_page(&self, route: &str, query: &[(&str, &str)]) -> Result<Vec<Raw>> {
        let per_page = PER_PAGE.to_string();
        let page = |n: u64| -> Result<(Vec<Raw>, Paging)> {
            let n = n.to_string();
            let mut query = query.to_vec();
            query.extend([("per_page", per_page.as_str()), ("page", n.as_str())]);
            let (items, pages): (Vec<Raw>, _) = self.ask(route, &query)?;
            if items.len() > PER_PAGE {
                return Err(self.explain(Failure::Malformed(format!(
                    "a page of {} items, where {PER_PAGE} were asked for",
                    items.len()
                ))));
            }
            Ok((items, pages))
        };
        let (mut items, paging) = page(1)?;
        let pages = paging.pages.unwrap_or(1);
        if pages > self.limits.pages as u64 {
            return Err(self.explain(Failure::Limit(format!(
                "{route} claims {pages} pages of {PER_PAGE} (X-WP-TotalPages); at most {} are read",
                self.limits.pages
            ))));
        }
        let rest: Vec<u64> = (2..=pages).collect();
        for part in crate::parallel::each(4, &rest, |&n| Ok(page(n)?.0))? {
            items.extend(part);
        }
        Ok(items)
    }

    /// The published posts' ids among those `query` selects, 100 a request.
    fn published_ids(&self, query: &[(&str, &str)]) -> Result<BTreeSet<u64>> {
        let mut query = query.to_vec();
        query.extend([("_fields", "id"), ("orderby", "id"), ("order", "asc")]);
        Ok(self
            .every_page("/wp/v2/posts", &query)?
            .iter()
            .filter_map(|post| brief(post).id)
            .collect())
    }

    /// How many posts `query` selects, by `X-WP-Total`, asking for one.
    fn count(&self, query: &[(&str, &str)]) -> Result<Option<u64>> {
        let mut query = query.to_vec();
        query.extend([("per_page", "1"), ("_fields", "id")]);
        let (_, paging): (Vec<Raw>, _) = self.ask("/wp/v2/posts", &query)?;
        Ok(paging.total)
    }

    /// Which of the `known` posts are still published, with the site's
    /// count of published posts, in as few requests as will do: for each
    /// [`COUNTED`] known ids, how many of them are still published
    /// (`include`, one post asked for: `X-WP-Total` is the count), and only
    /// a group that lost some is listed. 21 requests at 10,000 posts, where
    /// listing every id takes 101. `None` when the site does not count.
    fn still_published(&self, known: &BTreeMap<u64, Raw>) -> Result<Option<(BTreeSet<u64>, u64)>> {
        let Some(total) = self.count(&[])? else {
            return Ok(None);
        };
        let known: Vec<u64> = known.keys().copied().collect();
        let groups: Vec<&[u64]> = known.chunks(COUNTED).collect();
        let still = crate::parallel::each(4, &groups, |group| {
            let include = group
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let include = [("include", include.as_str())];
            if self.count(&include)? == Some(group.len() as u64) {
                return Ok(group.iter().copied().collect());
            }
            self.published_ids(&include)
        })?;
        Ok(Some((still.into_iter().flatten().collect(), total)))
    }

    /// The posts as they are now, from those of the last import: the
    /// posts modified since (`modified_after`), the posts the store lacks
    /// (published since without a change of date, such as a scheduled post
    /// going out), and none of those no longer published (unpublished,
    /// made private or deleted). Which are published is counted
    /// ([`Client::still_published`]): when the known posts still published
    /// and the changed ones make the site's count, nothing else was
    /// published; when they do not (a scheduled post went out, or the site
    /// changed while it was asked), every published id is listed. Terms,
    /// authors and media edited on their own do not change a post's date: a
    /// full build picks those up.
    fn changes(&self, known: Store) -> Result<(Store, Vec<Post>)> {
        // WordPress compares modified_after with the local time of a
        // post's modification, as text: the newest local time we have, less
        // two hours (a clock turned back, edits within the same second).
        let newest = known
            .posts
            .values()
            .filter_map(|post| brief(post).modified)
            .max()
            .map(|local| earlier_local(&local, 2 * 3600));
        // Both asked at once: WordPress's time, not ours.
        let (changed, still) = std::thread::scope(|scope| {
            let changed = scope.spawn(|| match newest {
                Some(Some(since)) => self.posts(&[("modified_after", since.as_str())]),
                _ => Ok(BTreeMap::new()),
            });
            let still = self.still_published(&known.posts);
            let changed = changed
                .join()
                .unwrap_or_else(|_| Err(anyhow!("a request's thread panicked")));
            (changed, still)
        });
        let mut changed = changed?;
        // The counted posts and the changed ones, if they make the site's count.
        let counted = still?
            .map(|(mut still, total)| {
                still.extend(changed.keys());
                (still, total)
            })
            .filter(|(still, total)| still.len() as u64 == *total);
        let published = match counted {
            Some((still, _)) => still,
            None => self.published_ids(&[])?,
        };
        let missing: Vec<String> = published
            .iter()
            .filter(|id| !known.posts.contains_key(id) && !changed.contains_key(id))
            .map(u64::to_string)
            .collect();
        for ids in missing.chunks(PER_PAGE) {
            changed.extend(self.posts(&[("include", ids.join(",").as_str())])?);
        }
        let mut posts: BTreeMap<u64, Raw> = known
            .posts
            .into_iter()
            .filter(|(id, _)| published.contains(id))
            .collect();
        let changed_ids: BTreeSet<u64> = changed.keys().copied().collect();
        posts.extend(changed.into_iter().filter(|(id, _)| published.contains(id)));
        let all = self.parse_posts(posts.values())?;
        // Changed posts' featured images are asked for again (a new image,
        // or a credit edited with the post); the others keep theirs.
        let mut credits = known.credits;
        for id in all
            .iter()
            .filter(|p| changed_ids.contains(&p.id))
            .flat_map(|p| &p.embedded.featured)
            .filter_map(|m| brief(m).id)
        {
            credits.remove(&id);
        }
        let credits = self.credits(&all, &credits)?;
        let now = Store {
            site: known.site,
            posts,
            credits,
        };
        Ok((now, all))
    }

    /// The API's posts read into [`Post`]s, borrowing them (the store keeps
    /// them as they came).
    fn parse_posts<'a>(&self, items: impl IntoIterator<Item = &'a Raw>) -> Result<Vec<Post>> {
        let mut posts = Vec::new();
        for item in items {
            let post = serde_json::from_str::<Post>(item.get()).map_err(|e| {
                let brief = brief(item);
                anyhow!(
                    "{}: post {} ({}): the API's answer is not a WordPress post: {e}",
                    self.site,
                    brief.id.unwrap_or_default(),
                    printable(&brief.slug.unwrap_or_default())
                )
            })?;
            posts.push(post);
        }
        Ok(posts)
    }

    /// The featured images' descriptions, which carry their credits (the
    /// embedded media items leave descriptions out); those in `known` are
    /// not asked for again, and only the posts' images are kept.
    fn credits(
        &self,
        posts: &[Post],
        known: &BTreeMap<u64, String>,
    ) -> Result<BTreeMap<u64, String>> {
        let ids: BTreeSet<u64> = posts
            .iter()
            .flat_map(|p| &p.embedded.featured)
            .filter_map(|m| brief(m).id)
            .collect();
        let mut credits: BTreeMap<u64, String> = known
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .map(|(id, text)| (*id, text.clone()))
            .collect();
        let asked: Vec<String> = ids
            .iter()
            .filter(|id| !credits.contains_key(id))
            .map(u64::to_string)
            .collect();
        for chunk in asked.chunks(PER_PAGE) {
            let include = chunk.join(",");
            let per_page = PER_PAGE.to_string();
            let (items, _): (Vec<Raw>, _) = self.ask(
                "/wp/v2/media",
                &[
                    ("include", include.as_str()),
                    ("per_page", per_page.as_str()),
                    ("_fields", "id,description"),
                ],
            )?;
            for item in items {
                let Ok(Described { id, description }) = serde_json::from_str(item.get()) else {
                    continue;
                };
                if let (Some(id), Some(description)) = (id, description) {
                    credits.insert(id, html_text(&description.rendered));
                }
            }
        }
        Ok(credits)
    }

    /// A media file of the site: its bytes and the type its server gave.
    fn media(&self, url: &str) -> Result<Answer, Failure> {
        let answer = self.call(
            url,
            self.limits.media_bytes,
            &self.media_spent,
            self.limits.media_total,
        )?;
        match answer.status {
            200 => Ok(answer),
            status => Err(Failure::Status(status, String::new())),
        }
    }
}

enum Failure {
    Network(String),
    Status(u16, String),
    Malformed(String),
    /// A redirect off the site's origin (the address it pointed at).
    OffSite(String),
    /// One answer longer than its limit (in bytes).
    TooLarge(u64),
    /// One of the [`Limits`] of the whole import passed.
    Limit(String),
}

/// A number of bytes as a limit is written: `64 MiB`, `4 KiB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Whether `url` is on `origin` (`scheme://host[:port]`, as the
/// configuration gives it): it begins with it, and the next character ends
/// the authority (so `http://site@elsewhere/` and `http://site.evil/` are not).
fn same_origin(url: &str, origin: &str) -> bool {
    let (Some(rest), true) = (
        url.get(origin.len()..),
        url.get(..origin.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(origin)),
    ) else {
        return false;
    };
    rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')
}

/// A redirect's `Location` as an absolute URL, against the address that
/// answered: absolute, scheme-relative (`//host/…`), root-relative or
/// relative to the folder.
fn resolve(from: &str, location: &str) -> Option<String> {
    if location.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let lower = location.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(location.to_owned());
    }
    let (scheme, rest) = from.split_once("://")?;
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end)?;
    if let Some(other) = location.strip_prefix("//") {
        Some(format!("{scheme}://{other}"))
    } else if location.starts_with('/') {
        Some(format!("{scheme}://{authority}{location}"))
    } else {
        let path = rest.get(authority_end..)?;
        let path = path.split('?').next().unwrap_or(path);
        let folder = path.rfind('/').and_then(|i| path.get(..=i)).unwrap_or("/");
        Some(format!("{scheme}://{authority}{folder}{location}"))
    }
}

fn colon(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

/// Percent-encodes a query value.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b':' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// ---- One post to one article ---------------------------------------------
/// The post's excerpt as text, without WordPress's "[…]".
fn excerpt_of(post: &Post) -> String {
    html_text(&post.excerpt.rendered)
        .trim_end_matches("[&hellip;]")
        .trim_end_matches("[…]")
        .trim_end()
        .to_owned()
}

/// The post's tags, each with a name; a slug that cannot be made from the
/// tag's own is `tag-<id>`.
fn tags_of(terms: &[Term]) -> Result<Vec<Tag>> {
    let mut tags = Vec::new();
    for term in terms.iter().filter(|t| t.taxonomy == "post_tag") {
        let name = NonEmpty::try_from(html_text(&term.name))
            .map_err(|_| anyhow!("tag {} has no name", term.id))?;
        let slug = Slug::parse(&slugify(&percent_decode(&term.slug)))
            .or_else(|_| Slug::parse(&format!("tag-{}", term.id)))
            .map_err(|e| anyhow!("{e}"))?;
        tags.push(Tag { slug, name });
    }
    Ok(tags)
}

/// The section is the first category WordPress lists for the post (its
/// order in `categories`), "Uncategorized" only if it is the only one, and
/// "News" for a post without one; with the category's slug (as a slug is
/// made of any text), none for "News".
fn section_of(post: &Post, terms: &[Term]) -> Result<(NonEmpty, Option<Slug>)> {
    let categories: Vec<&Term> = post
        .categories
        .iter()
        .filter_map(|id| {
            terms
                .iter()
                .find(|t| t.id == *id && t.taxonomy == "category")
        })
        .collect();
    let category = categories
        .iter()
        .find(|t| t.slug != "uncategorized")
        .or(categories.first());
    match category.and_then(|t| Some((t, NonEmpty::try_from(html_text(&t.name)).ok()?))) {
        Some((t, name)) => Ok((name, Slug::parse(&slugify(&percent_decode(&t.slug))).ok())),
        None => NonEmpty::try_from("News".to_owned())
            .map(|name| (name, None))
            .map_err(|_| anyhow!("no section")),
    }
}

/// The post's author, by the name WordPress shows, with the user's slug
/// (the author page's), and the profile's description if it has one.
fn author_of(post: &Post) -> Option<(Person, Option<NonEmpty>)> {
    let author = post
        .embedded
        .author
        .first()
        .and_then(|a| serde_json::from_str::<Named>(a.get()).ok())?;
    let name = NonEmpty::try_from(html_text(&author.name)).ok()?;
    let slug = Slug::parse(&slugify(&percent_decode(&author.slug))).ok();
    let about = NonEmpty::try_from(html_text(&author.description)).ok();
    Some((
        Person {
            name,
            role: None,
            slug,
        },
        about,
    ))
}

/// The post's author as its byline.
fn byline_of(post: &Post) -> Result<Byline> {
    author_of(post)
        .map(|(person, _)| Byline::Authors(Bounded::new(vec![person]).unwrap_or_default()))
        .ok_or_else(|| anyhow!("its author cannot be read"))
}

/// A post's headline and its slug, unique among `slugs`, which takes it:
/// given post by post in the posts' order, before they are converted
/// together ([`article`]).
fn named(post: &Post, slugs: &mut BTreeSet<Slug>) -> Result<(NonEmpty, Slug), String> {
    let headline =
        NonEmpty::try_from(html_text(&post.title.rendered)).map_err(|_| "it has no title")?;
    // Two slugs can meet once transliterated ("ђ" and "dj"): the later post
    // takes its id as a suffix, which stays the same from build to build.
    let id = post.id;
    let suffixes = std::iter::once(id.to_string()).chain((2..).map(|n| format!("{id}-{n}")));
    let slug = unique_slug(
        &slugify(&percent_decode(&post.slug)),
        "post",
        slugs,
        suffixes,
    )
    .ok_or("no slug can be made for it")?;
    Ok((headline, slug))
}

/// A post as an article, under the headline and slug [`named`] gave it.
fn article(
    post: &Post,
    (headline, slug): (NonEmpty, Slug),
    language: &str,
    media: &Media,
) -> Result<(Article<Slug>, Dropped)> {
    let excerpt = excerpt_of(post);
    let terms: Vec<Term> = post
        .embedded
        .terms
        .iter()
        .flatten()
        .filter_map(|t| serde_json::from_str(t.get()).ok())
        .collect();
    let tags = tags_of(&terms)?;
    let (section, section_slug) = section_of(post, &terms)?;
    let byline = byline_of(post)?;
    let published = timestamp(&post.date, &post.date_gmt).map_err(|e| anyhow!("its date: {e}"))?;
    let modified = timestamp(&post.modified, &post.modified_gmt)
        .map_err(|e| anyhow!("its modification date: {e}"))?;
    let updated = (modified > published).then_some(modified);
    let localise = |url: &str| media.localise(url);
    let mut converter = Converter::new(&localise);
    let body = converter.blocks(&post.content.rendered);
    let mut dropped = converter.dropped;
    // A featured image that cannot be published is left out, as a body
    // image is: the post is published without it.
    let lead_image = post
        .embedded
        .featured
        .first()
        .and_then(|item| match media.featured(item) {
            Ok(image) => Some(image),
            Err(e) => {
                dropped.add(format!("featured image ({e:#})"));
                None
            }
        });
    let standfirst = match NonEmpty::try_from(excerpt) {
        Ok(excerpt) => excerpt,
        Err(_) => {
            dropped.add("no excerpt: the standfirst made from the post's first words");
            standfirst_from(&body, lead_image.as_ref(), &headline)
        }
    };
    let body = Bounded::new(body).map_err(|e| anyhow!("its body has {e} blocks"))?;
    let article = Article {
        version: Version1,
        slug,
        headline,
        standfirst,
        section,
        section_slug,
        language: LanguageTag::parse(language).unwrap_or_default(),
        tags: Bounded::new(tags).map_err(|e| anyhow!("it has {e} tags"))?,
        byline,
        published,
        updated,
        lead_image,
        body,
        related: Bounded::default(),
        more_in_section: Bounded::default(),
    };
    Ok((article, dropped))
}

/// Words a standfirst may have when made from a post (WordPress's own
/// excerpt length).
const STANDFIRST_WORDS: usize = 55;

/// A standfirst for a post with no excerpt, from what it has: the text of
/// its first block that has any (a paragraph, a heading, a quote, a list, an
/// embed's title, a caption or an image's description, a chart's or
/// table's title), else the featured image's caption or description, else
/// the headline; cut at [`STANDFIRST_WORDS`] words.
fn standfirst_from(body: &[Block], lead: Option<&Image>, headline: &NonEmpty) -> NonEmpty {
    let image_text = |image: &Image| {
        image
            .caption
            .as_ref()
            .map(|c| c.as_str().to_owned())
            .unwrap_or_else(|| image.alt.as_str().to_owned())
    };
    let text_of = |block: &Block| -> String {
        match block {
            Block::Paragraph(p) => p.content.iter().map(|s| s.text.as_str()).collect(),
            Block::Subheading(h) => h.text.as_str().to_owned(),
            Block::Quote(q) => q.text.as_str().to_owned(),
            Block::List(l) => l
                .items
                .iter()
                .map(|item| item.iter().map(|s| s.text.as_str()).collect::<String>())
                .collect::<Vec<_>>()
                .join("; "),
            Block::Image(image) => image_text(image),
            Block::Embed(e) => e
                .title
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            Block::Chart(c) => c.title.as_str().to_owned(),
            Block::Table(t) => t
                .caption
                .as_ref()
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            Block::Unsupported => String::new(),
        }
    };
    let found = body
        .iter()
        .map(text_of)
        .chain(lead.map(image_text))
        .find(|text| !text.trim().is_empty())
        .unwrap_or_else(|| headline.as_str().to_owned());
    let words: Vec<&str> = found.split_whitespace().collect();
    let mut text = words
        .iter()
        .take(STANDFIRST_WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > STANDFIRST_WORDS {
        text.push('…');
    }
    NonEmpty::try_from(text).unwrap_or_else(|_| headline.clone())
}

/// WordPress's local time with the offset its GMT twin implies: a post
/// published at 10:00 in Belgrade reads "+01:00", not "Z".
fn timestamp(local: &str, gmt: &str) -> Result<Timestamp, String> {
    // Both read as if UTC: their difference is the site's offset then.
    let as_utc = |s: &str| Timestamp::parse(&format!("{}Z", s.get(..19).unwrap_or(s)));
    let (l, g) = (as_utc(local)?, as_utc(gmt)?);
    let offset = (l.epoch_seconds() - g.epoch_seconds()) / 60;
    let sign = if offset < 0 { '-' } else { '+' };
    Timestamp::parse(&format!(
        "{}{sign}{:02}:{:02}",
        local.get(..19).unwrap_or(local),
        offset.abs() / 60,
        offset.abs() % 60
    ))
}

/// A WordPress local time (`2023-01-05T10:00:00`), `seconds` earlier, in
/// the same form; None if it is not one.
fn earlier_local(local: &str, seconds: i64) -> Option<String> {
    let at = Timestamp::parse(&format!("{}Z", local.get(..19)?)).ok()?;
    let t = at.epoch_seconds() - seconds;
    let (days, second) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        second / 3600,
        second / 60 % 60,
        second % 60
    ))
}

/// The text of a bit of WordPress HTML (a title, an excerpt, a name):
/// entities decoded, tags gone, white space collapsed.
pub fn html_text(html: &str) -> String {
    // Read by the tokenizer alone: linear however deep the markup nests.
    html::read(html).text()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes.get(i),
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (Some(b'%'), Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (Some(&b), ..) => {
                out.push(b);
                i += 1;
            }
            (None, ..) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub use gazette_contract::fold::{slugify, unique_slug};

// ---- Media ------------------------------------------------------------------

/// The WordPress host's images the articles show, copied into the site.
struct Media {
    /// `scheme://host[:port]` of the WordPress site.
    origin: String,
    /// This site's folder of the build's copies of uploads.
    cache: PathBuf,
    /// Media item id → its description's text (the image's credit).
    credits: BTreeMap<u64, String>,
}

impl Media {
    /// `cache` holds copies of every site's uploads, one folder per host.
    fn new(site: &WordPressSite, cache: &Path, credits: BTreeMap<u64, String>) -> Self {
        let origin = site.origin().to_owned();
        let host = origin
            .split("://")
            .nth(1)
            .unwrap_or_default()
            .replace(':', "_");
        Media {
            cache: cache.join(host),
            origin,
            credits,
        }
    }

    /// The address to publish for an image: a file of the WordPress site's
    /// uploads becomes `/media/<path>` (copied at the end of the import);
    /// any other address is kept if it is a safe HTTPS one.
    fn localise(&self, url: &str) -> Result<SafeUrl, String> {
        let uploads = format!("{}/wp-content/uploads/", self.origin);
        match url.strip_prefix(&uploads) {
            Some(path) => {
                let path = path.split(['?', '#']).next().unwrap_or(path);
                upload_path(path)?;
                SafeUrl::parse(&format!("/{MEDIA}{path}"))
            }
            None if url.starts_with("https://") => SafeUrl::parse(url),
            None => Err(format!(
                "{}: not on this WordPress site nor HTTPS",
                printable(url)
            )),
        }
    }

    /// A featured image from the media library: the `large` size (or the
    /// original), with every size of the same shape as a `srcset` source.
    fn featured(&self, item: &RawValue) -> Result<Image> {
        if let Ok(Refused { code: Some(code) }) = serde_json::from_str(item.get()) {
            bail!("the media library refused it ({})", printable(&code));
        }
        let item: MediaItem =
            serde_json::from_str(item.get()).map_err(|e| anyhow!("not a media item: {e}"))?;
        let details = &item.media_details;
        let (Some(width), Some(height)) = (details.width, details.height) else {
            bail!("{} has no width and height", item.source_url);
        };
        let mut sizes: Vec<(u32, u32, &str)> = details
            .sizes
            .values()
            .map(|s| (s.width, s.height, s.source_url.as_str()))
            .chain([(width, height, item.source_url.as_str())])
            // Same shape (within 1%): a cropped thumbnail is another picture.
            .filter(|(w, h, _)| {
                let a = f64::from(*w) * f64::from(height);
                let b = f64::from(*h) * f64::from(width);
                w > &0 && (a - b).abs() <= 0.01 * b
            })
            .collect();
        sizes.sort();
        sizes.dedup_by_key(|s| s.0);
        let main = details
            .sizes
            .get("large")
            .map(|s| (s.width, s.height, s.source_url.as_str()))
            .unwrap_or((width, height, item.source_url.as_str()));
        let src = self.localise(main.2).map_err(|e| anyhow!(e))?;
        let sources = sizes
            .iter()
            .filter(|s| s.2 != main.2)
            .filter_map(|(w, _, url)| {
                Some(ImageSource {
                    src: self.localise(url).ok()?,
                    width: NonZeroU32::new(*w)?,
                })
            })
            .collect();
        Ok(Image {
            src,
            alt: Text::try_from(item.alt_text.clone()).unwrap_or_default(),
            // WordPress has no credit field: the media item's description
            // carries it, by this project's convention (README).
            credit: item
                .id
                .and_then(|id| self.credits.get(&id))
                .and_then(|c| NonEmpty::try_from(c.clone()).ok()),
            caption: item
                .caption
                .as_ref()
                .and_then(|c| NonEmpty::try_from(html_text(&c.rendered)).ok()),
            width: main.0,
            height: main.1,
            sources: Bounded::new(sources).unwrap_or_default(),
        })
    }

    /// Downloads the uploads the articles show (what is not cached yet);
    /// returns every file to publish, and those that cannot be published
    /// (site path → why). Derived from the finished articles, so an image
    /// the converter dropped is never copied. A file is published only if
    /// its name, its bytes and the type its server gave all say it is the
    /// same raster image type ([`ImageKind`]).
    #[allow(clippy::type_complexity)]
    fn fetch(
        &self,
        client: &Client,
        articles: &[Article<Slug>],
    ) -> Result<(Vec<MediaFile>, BTreeMap<String, String>)> {
        let site_paths: BTreeSet<&str> = articles
            .iter()
            .flat_map(Article::images)
            .flat_map(|image| {
                [&image.src]
                    .into_iter()
                    .chain(image.sources.iter().map(|s| &s.src))
            })
            .filter_map(|src| src.as_str().strip_prefix('/'))
            .filter(|path| path.starts_with(MEDIA))
            .collect();
        if site_paths.len() > client.limits.media_files {
            return Err(client.explain(Failure::Limit(format!(
                "the posts show {} media files; at most {} are copied",
                site_paths.len(),
                client.limits.media_files
            ))));
        }
        let mut files = Vec::new();
        let mut failed = BTreeMap::new();
        for site_path in site_paths {
            match self.fetch_one(client, site_path) {
                Ok(file) => files.push(MediaFile {
                    site_path: site_path.to_owned(),
                    file,
                }),
                // A limit of the whole import stops it; anything else is this file's.
                Err(Failure::Limit(what)) => return Err(client.explain(Failure::Limit(what))),
                Err(failure) => {
                    failed.insert(site_path.to_owned(), media_failure(failure));
                }
            }
        }
        Ok((files, failed))
    }

    /// The cached copy of one upload, downloaded and checked if not cached.
    fn fetch_one(&self, client: &Client, site_path: &str) -> Result<PathBuf, Failure> {
        let upload = site_path.trim_start_matches(MEDIA);
        let kind = upload_path(upload).map_err(Failure::Malformed)?;
        // Cached by site and upload path: WordPress never reuses an
        // upload's name for another file (it appends -1, -2, …).
        let file = self.cache.join(site_path);
        if let Ok(bytes) = std::fs::read(&file) {
            // Checked again: a cache written by an older build is not trusted.
            if kind.is(&bytes) {
                return Ok(file);
            }
        }
        let url = format!("{}/wp-content/uploads/{upload}", self.origin);
        let answer = client.media(&url)?;
        kind.check(&answer.content_type, &answer.body)
            .map_err(Failure::Malformed)?;
        // A cut download is never cached.
        crate::files::write_whole(&file, &answer.body)
            .map_err(|e| Failure::Network(format!("{e:#}")))?;
        Ok(file)
    }
}

/// Why a media file was not published, in a few words for the report.
fn media_failure(failure: Failure) -> String {
    match failure {
        Failure::Network(e) => format!("could not be downloaded: {}", printable(&e)),
        Failure::Status(404, _) => "not in the media library (404): deleted?".into(),
        Failure::Status(status, _) => format!("the site answered {status}"),
        Failure::Malformed(why) => why,
        Failure::OffSite(to) => format!(
            "redirected off the site, to {}: not followed",
            printable(&to)
        ),
        Failure::TooLarge(limit) => format!("larger than {}", size(limit)),
        Failure::Limit(what) => what,
    }
}

/// The raster image types published from a media library. Anything else
/// (HTML, scripts, SVG, which can hold script, server configuration such
/// as `.htaccess`) would be served from the news site's own origin, which
/// its pages' Content-Security-Policy trusts: never published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Avif,
}

impl ImageKind {
    /// The kind a file name's extension says (any case).
    pub fn from_name(name: &str) -> Option<ImageKind> {
        let (_, extension) = name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "png" => Some(ImageKind::Png),
            "jpg" | "jpeg" | "jpe" => Some(ImageKind::Jpeg),
            "gif" => Some(ImageKind::Gif),
            "webp" => Some(ImageKind::Webp),
            "avif" => Some(ImageKind::Avif),
            _ => None,
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
            ImageKind::Avif => "image/avif",
        }
    }

    /// Whether `bytes` begin with this type's signature.
    pub fn is(self, bytes: &[u8]) -> bool {
        match self {
            ImageKind::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            ImageKind::Jpeg => bytes.starts_with(&[0xff, 0xd8, 0xff]),
            ImageKind::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            ImageKind::Webp => {
                bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP".as_slice())
            }
            ImageKind::Avif => matches!(bytes.get(4..12), Some(b"ftypavif" | b"ftypavis")),
        }
    }

    /// The file's name, its bytes and its server's `Content-Type` agree.
    pub fn check(self, content_type: &str, bytes: &[u8]) -> Result<(), String> {
        let given = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if given != self.media_type() {
            return Err(format!(
                "served as {:?}, not {}",
                printable(&given),
                self.media_type()
            ));
        }
        if !self.is(bytes) {
            return Err(format!("its bytes are not a {} image", self.media_type()));
        }
        Ok(())
    }
}

/// Checks a path under WordPress's uploads folder (`2023/01/name.png`):
/// plain names (letters, digits, `-`, `_`, `.`, and the `@` WordPress keeps,
/// as in `logo@2x.png`), no empty, `.` or `..` segment, no hidden file
/// (`.htaccess`), and a raster image's extension; returns its kind.
pub fn upload_path(path: &str) -> Result<ImageKind, String> {
    let shown = printable(path);
    let clean = !path.is_empty()
        && path.split('/').all(|segment| {
            !segment.is_empty()
                && !segment.starts_with('.')
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'@'))
        });
    if !clean {
        return Err(format!("{shown:?}: not a plain upload path"));
    }
    ImageKind::from_name(path)
        .ok_or_else(|| format!("{shown:?}: not a PNG, JPEG, GIF, WebP or AVIF image (by its name)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::related::tests::article;

    fn site(address: &str) -> WordPressSite {
        WordPressSite::try_from(address.to_owned()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn only_plain_raster_uploads_of_this_site_are_published() {
        let media = Media::new(
            &site("http://wp.example:8080"),
            Path::new("/nonexistent"),
            BTreeMap::new(),
        );
        let up = "http://wp.example:8080/wp-content/uploads/";
        for (url, published) in [
            (
                format!("{up}2023/01/troops.png"),
                "/media/2023/01/troops.png",
            ),
            (
                format!("{up}2023/01/logo@2x.png"),
                "/media/2023/01/logo@2x.png",
            ),
            (format!("{up}2023/01/photo.JPG"), "/media/2023/01/photo.JPG"),
            (format!("{up}2023/01/a.jpeg?ver=2"), "/media/2023/01/a.jpeg"),
            (format!("{up}2023/01/a.png?../../x"), "/media/2023/01/a.png"),
            (format!("{up}a.gif#frag"), "/media/a.gif"),
            (format!("{up}a.webp"), "/media/a.webp"),
            (format!("{up}a.avif"), "/media/a.avif"),
            (
                "https://images.example/a.svg".to_owned(),
                "https://images.example/a.svg",
            ),
        ] {
            assert_eq!(
                media.localise(&url).map(|u| u.as_str().to_owned()),
                Ok(published.to_owned()),
                "{url}"
            );
        }
        for name in [
            "../../etc/passwd.png",
            "2023/../x.png",
            "2023/./x.png",
            "%2e%2e/x.png",
            "2023//x.png",
            "./x.png",
            ".htaccess",
            "2023/01/.htaccess",
            "2023/.hidden/x.png",
            ".x.png",
            "x.html",
            "x.htm",
            "x.js",
            "x.mjs",
            "x.svg",
            "x.svgz",
            "x.xml",
            "x.css",
            "x.json",
            "x.php",
            "x.png.php",
            "x.wasm",
            "x.pdf",
            "x",
            "x.",
            "x png",
            "x%20.png",
            "x\\y.png",
            "",
            "x.png/",
            "ü.png",
            "x;.png",
        ] {
            let refused = media.localise(&format!("{up}{name}"));
            assert!(refused.is_err(), "{name:?} was accepted: {refused:?}");
        }
        for url in [
            "http://elsewhere.example/wp-content/uploads/a.png",
            "http://wp.example:8080@evil.example/wp-content/uploads/a.png",
            "http://wp.example/wp-content/uploads/a.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "//evil.example/a.png",
        ] {
            assert!(media.localise(url).is_err(), "{url}");
        }
    }

    #[test]
    fn an_image_is_published_only_when_name_bytes_and_type_agree() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice();
        let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10].as_slice();
        let gif = b"GIF89a\x01\0\x01\0".as_slice();
        let webp = b"RIFF\x24\0\0\0WEBPVP8 ".as_slice();
        let avif = b"\0\0\0\x20ftypavif\0\0\0\0".as_slice();
        let html = b"<!doctype html><script>alert(1)</script>".as_slice();
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".as_slice();
        let kinds = [
            (ImageKind::Png, "image/png", png),
            (ImageKind::Jpeg, "image/jpeg", jpeg),
            (ImageKind::Gif, "image/gif", gif),
            (ImageKind::Webp, "image/webp", webp),
            (ImageKind::Avif, "image/avif", avif),
        ];
        for (kind, media_type, bytes) in kinds {
            assert_eq!(kind.check(media_type, bytes), Ok(()), "{kind:?}");
            assert_eq!(
                kind.check(
                    &format!("{}; charset=binary", media_type.to_uppercase()),
                    bytes
                ),
                Ok(())
            );
            for (other, other_type, other_bytes) in kinds {
                if other != kind {
                    assert!(
                        kind.check(media_type, other_bytes).is_err(),
                        "{kind:?} bytes of {other:?}"
                    );
                    assert!(
                        kind.check(other_type, bytes).is_err(),
                        "{kind:?} served as {other_type}"
                    );
                }
            }
            for (wrong_type, wrong_bytes) in [
                ("text/html", html),
                (media_type, html),
                ("image/svg+xml", svg),
                (media_type, svg),
                ("application/octet-stream", bytes),
                ("", bytes),
                (media_type, b"".as_slice()),
            ] {
                assert!(
                    kind.check(wrong_type, wrong_bytes).is_err(),
                    "{kind:?}: {wrong_type}"
                );
            }
        }
    }

    #[test]
    fn the_origin_is_the_whole_authority() {
        let origin = "http://127.0.0.1:4190";
        for url in [
            "http://127.0.0.1:4190",
            "http://127.0.0.1:4190/wp-json/wp/v2/posts",
            "http://127.0.0.1:4190?rest_route=/",
            "HTTP://127.0.0.1:4190/x",
        ] {
            assert!(same_origin(url, origin), "{url}");
        }
        for url in [
            "http://127.0.0.1:41900/x",
            "http://127.0.0.1:4190@169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:4190.evil.example/",
            "http://127.0.0.1:4190\\@evil/",
            "https://127.0.0.1:4190/x",
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1/x",
            "http://127.0.0.1:419",
            "",
        ] {
            assert!(!same_origin(url, origin), "{url}");
        }
        let from = "http://wp.example/wp-json/wp/v2/posts?page=2";
        for (location, to) in [
            ("https://other.example/x", Some("https://other.example/x")),
            ("//other.example/x", Some("http://other.example/x")),
            (
                "/index.php?rest_route=/wp/v2/posts",
                Some("http://wp.example/index.php?rest_route=/wp/v2/posts"),
            ),
            ("posts2", Some("http://wp.example/wp-json/wp/v2/posts2")),
            ("http://wp.example/\nSet-Cookie: x", None),
            ("/a\\b", None),
        ] {
            assert_eq!(resolve(from, location).as_deref(), to, "{location}");
        }
    }

    fn post(status: &str, protected: bool) -> Post {
        serde_json::from_value(serde_json::json!({
            "id": 7, "slug": "s", "status": status,
            "date": "2023-01-01T10:00:00", "date_gmt": "2023-01-01T09:00:00",
            "modified": "2023-01-01T10:00:00", "modified_gmt": "2023-01-01T09:00:00",
            "title": {"rendered": "T"}, "excerpt": {"rendered": "E"},
            "content": {"rendered": "<p>Body</p>", "protected": protected},
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn only_published_posts_without_a_password_are_published() {
        assert_eq!(refusal(&post("publish", false)), None);
        for status in [
            "draft",
            "private",
            "future",
            "pending",
            "trash",
            "auto-draft",
            "inherit",
            "Publish",
            "",
        ] {
            let why = refusal(&post(status, false)).unwrap_or_default();
            assert!(why.contains("not publish"), "{status}: {why}");
        }
        for status in ["publish", "private"] {
            assert!(
                refusal(&post(status, true)).is_some(),
                "{status}, protected"
            );
        }
        assert_eq!(
            refusal(&post("publish", true)).as_deref(),
            Some("password-protected")
        );
    }

    #[test]
    fn every_serbian_cyrillic_letter_has_its_latin_letters() {
        let cyrillic = "абвгдђежзијклљмнњопрстћуфхцчџш";
        let latin = [
            "a", "b", "v", "g", "d", "dj", "e", "z", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
            "o", "p", "r", "s", "t", "c", "u", "f", "h", "c", "c", "dz", "s",
        ];
        assert_eq!(cyrillic.chars().count(), latin.len());
        for (letter, expected) in cyrillic.chars().zip(latin) {
            assert_eq!(
                slugify(&format!("x{letter}x")),
                format!("x{expected}x"),
                "{letter}"
            );
            let upper: String = letter.to_uppercase().collect();
            assert_eq!(
                slugify(&format!("x{upper}x")),
                format!("x{expected}x"),
                "{upper}"
            );
        }
        for (letter, expected) in [
            ("đ", "dj"),
            ("č", "c"),
            ("ć", "c"),
            ("š", "s"),
            ("ž", "z"),
            ("ë", "e"),
            ("ç", "c"),
            ("Đ", "dj"),
            ("Ž", "z"),
        ] {
            assert_eq!(
                slugify(&format!("x{letter}x")),
                format!("x{expected}x"),
                "{letter}"
            );
        }
    }

    #[test]
    fn offsets_of_every_sign_and_with_minutes_are_kept() {
        for (local, gmt, expected) in [
            (
                "2023-01-20T06:00:00",
                "2023-01-20T09:30:00",
                "2023-01-20T06:00:00-03:30",
            ),
            (
                "2023-01-20T23:30:00",
                "2023-01-21T09:00:00",
                "2023-01-20T23:30:00-09:30",
            ),
            (
                "2023-01-20T08:30:00",
                "2023-01-20T09:00:00",
                "2023-01-20T08:30:00-00:30",
            ),
            (
                "2023-01-20T14:45:00",
                "2023-01-20T09:00:00",
                "2023-01-20T14:45:00+05:45",
            ),
            (
                "2023-01-21T01:00:00",
                "2023-01-20T11:00:00",
                "2023-01-21T01:00:00+14:00",
            ),
            (
                "2023-01-20T09:00:00",
                "2023-01-20T21:00:00",
                "2023-01-20T09:00:00-12:00",
            ),
        ] {
            let t = timestamp(local, gmt).unwrap_or_else(|e| panic!("{local}: {e}"));
            assert_eq!(t.as_str(), expected);
            let utc = timestamp(gmt, gmt).unwrap_or_else(|e| panic!("{gmt}: {e}"));
            assert_eq!(
                t.epoch_seconds(),
                utc.epoch_seconds(),
                "{expected}: the same instant"
            );
        }
    }

    #[test]
    fn an_author_is_text_with_a_slug_of_ours_and_no_picture() {
        let author_in = |author: serde_json::Value| {
            let mut doc: serde_json::Value =
                serde_json::from_str(&api_post(7, "a", "publish", false, "<p>x</p>"))
                    .unwrap_or_default();
            doc["_embedded"]["author"] = serde_json::json!([author]);
            let post: Post = serde_json::from_value(doc).unwrap_or_else(|e| panic!("{e}"));
            author_of(&post)
        };
        let (person, about) = author_in(serde_json::json!({
            "name": "Ana <b>Đorđević</b>", "slug": "%d0%b0%d0%bd%d0%b0-x",
            "description": "<script>alert(1)</script>Writes <em>on</em> security &amp; more.",
            "avatar_urls": {"96": "https://secure.gravatar.com/avatar/x"},
        }))
        .unwrap_or_else(|| panic!("an author"));
        assert_eq!(person.name.as_str(), "Ana Đorđević");
        assert_eq!(person.slug.map(|s| s.to_string()).as_deref(), Some("ana-x"));
        let about = about.map(|a| a.to_string()).unwrap_or_default();
        assert!(about.contains("Writes on security & more."), "{about}");
        assert!(!about.contains('<'), "{about}");
        // No description: no biography. A slug that makes none: the build
        // makes one of the name (content::collections).
        let (person, about) =
            author_in(serde_json::json!({"name": "Petar", "slug": "!!!", "description": " "}))
                .unwrap_or_else(|| panic!("an author"));
        assert_eq!((person.slug, about), (None, None));
        // An author without a name cannot sign a post.
        assert!(author_in(serde_json::json!({"name": " ", "slug": "x"})).is_none());
    }

    #[test]
    fn a_post_without_an_excerpt_gets_one_from_what_it_has() {
        let convert = |html: &str| {
            let localise = |url: &str| SafeUrl::parse(url);
            let mut converter = Converter::new(&localise);
            converter.blocks(html)
        };
        let headline =
            NonEmpty::try_from("The headline".to_owned()).unwrap_or_else(|e| panic!("{e}"));
        let long = "word ".repeat(80);
        for (html, expected) in [
            ("<p>First words.</p><p>Second.</p>", "First words."),
            ("<h2>A heading first</h2><p>then text</p>", "A heading first"),
            ("<figure class=\"wp-block-embed is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\"><iframe title=\"Press conference in Priština\" src=\"https://www.youtube.com/embed/abc\"></iframe></div></figure>", "Press conference in Priština"),
            ("<figure><img src=\"https://img.example/a.png\" width=\"10\" height=\"10\" alt=\"Described\"><figcaption>The caption</figcaption></figure>", "The caption"),
            ("<figure><img src=\"https://img.example/a.png\" width=\"10\" height=\"10\" alt=\"Described\"></figure>", "Described"),
            ("<script>only code</script>", "The headline"),
            ("", "The headline"),
        ] {
            let made = standfirst_from(&convert(html), None, &headline);
            assert_eq!(made.as_str(), expected, "{html}");
        }
        let made = standfirst_from(&convert(&format!("<p>{long}</p>")), None, &headline);
        assert_eq!(made.as_str().split_whitespace().count(), STANDFIRST_WORDS);
        assert!(made.as_str().ends_with('…'));
        // Cut only past the limit: a text of exactly as many words is whole.
        for words in [STANDFIRST_WORDS - 1, STANDFIRST_WORDS, STANDFIRST_WORDS + 1] {
            let text = "word ".repeat(words);
            let made = standfirst_from(&convert(&format!("<p>{text}</p>")), None, &headline);
            let cut = made.as_str().ends_with('…');
            assert_eq!(cut, words > STANDFIRST_WORDS, "{words} words");
            assert_eq!(
                made.as_str()
                    .trim_end_matches('…')
                    .split_whitespace()
                    .count(),
                words.min(STANDFIRST_WORDS)
            );
        }
    }

    #[test]
    fn images_that_could_not_be_published_leave_their_post_and_nothing_else() {
        let mut a = article("a", &["kfor"], "Security", "2023-01-01T00:00:00Z");
        let image = |src: &str, sources: &[&str]| Image {
            src: SafeUrl::parse(src).unwrap_or_else(|e| panic!("{e}")),
            alt: Text::default(),
            credit: None,
            caption: None,
            width: 10,
            height: 10,
            sources: Bounded::new(
                sources
                    .iter()
                    .enumerate()
                    .filter_map(|(n, s)| {
                        Some(ImageSource {
                            src: SafeUrl::parse(s).ok()?,
                            width: NonZeroU32::new(n as u32 + 1)?,
                        })
                    })
                    .collect(),
            )
            .unwrap_or_default(),
        };
        a.lead_image = Some(image("/media/lead.png", &[]));
        let mut body: Vec<Block> = a.body.iter().cloned().collect();
        let before = body.len();
        body.push(Block::Image(image("/media/gone.png", &[])));
        body.push(Block::Image(image(
            "/media/kept.png",
            &["/media/kept-300.png", "/media/gone-300.png"],
        )));
        body.push(Block::Image(image("https://img.example/x.png", &[])));
        a.body = Bounded::new(body).unwrap_or_else(|e| panic!("{e}"));
        let failed: BTreeMap<String, String> = [
            ("media/lead.png", "not in the media library (404): deleted?"),
            ("media/gone.png", "its bytes are not a image/png image"),
            (
                "media/gone-300.png",
                "served as \"text/html\", not image/png",
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let (a, lost) = without_images(a, &failed);
        assert!(a.lead_image.is_none());
        assert_eq!(
            a.body.len(),
            before + 2,
            "the gone image out, the others in"
        );
        let kept: Vec<&Image> = a.images().collect();
        assert_eq!(kept.len(), 2);
        assert!(kept.iter().all(|i| i
            .sources
            .iter()
            .all(|s| s.src.as_str() != "/media/gone-300.png")));
        assert_eq!(lost.len(), 3, "{lost:?}");
        assert!(lost
            .iter()
            .any(|l| l.contains("/media/lead.png") && l.contains("404")));
    }

    #[test]
    fn lost_images_join_their_posts_report_and_the_report_is_written() {
        let mut report = Report {
            site: "https://wp.example".into(),
            posts: 3,
            dropped: vec![PostReport {
                id: 1,
                slug: "a".into(),
                dropped: [("<script>".to_owned(), 1)].into_iter().collect(),
            }],
            left_out: vec![LeftOut {
                id: 9,
                slug: "z".into(),
                reason: "it has no title".into(),
            }],
        };
        let slug = |s: &str| Slug::parse(s).unwrap_or_else(|e| panic!("{e}"));
        report.lost_images(1, &slug("a"), vec!["image /media/a.png: 404".into()]);
        report.lost_images(2, &slug("b"), vec!["image x".into(), "image x".into()]);
        report.lost_images(2, &slug("b"), vec!["image y".into()]);
        let of = |id: u64| {
            report
                .dropped
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.dropped.clone())
                .unwrap_or_default()
        };
        assert_eq!(report.dropped.len(), 2, "one entry a post");
        assert_eq!(of(1).len(), 2, "{:?}", of(1));
        assert_eq!(of(2).get("image x"), Some(&2));
        assert_eq!(of(2).get("image y"), Some(&1));
        let target = std::env::temp_dir().join(format!("gazette-report-{}", std::process::id()));
        report.write(&target).unwrap_or_else(|e| panic!("{e:#}"));
        let written: serde_json::Value = std::fs::read(target.join("wordpress-report.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let _ = std::fs::remove_dir_all(&target);
        assert_eq!(written["left_out"][0]["reason"], "it has no title");
        assert_eq!(written["dropped"][1]["dropped"]["image x"], 2);
    }

    #[test]
    fn the_report_prints_cms_strings_escaped() {
        let report = Report {
            site: "https://wp.example".into(),
            posts: 2,
            dropped: vec![PostReport {
                id: 1,
                slug: "a\n::error::forged".into(),
                dropped: [("<x\u{1b}[2J>".to_owned(), 1)].into_iter().collect(),
            }],
            left_out: vec![LeftOut {
                id: 2,
                slug: "b\u{202e}cod.exe".into(),
                reason: "line\r\nbreak".into(),
            }],
        };
        let lines = report.lines();
        assert_eq!(lines.len(), 2);
        for line in &lines {
            assert!(
                !line.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{line:?}"
            );
        }
        assert!(lines.iter().any(|l| l.contains("LEFT OUT")));
    }

    /// A real HTTP server on a loopback port that answers each request
    /// with what `answer` makes of its path, one request per connection,
    /// and keeps the paths asked for.
    fn server(
        answer: impl Fn(&str) -> Vec<u8> + Send + 'static,
    ) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        let origin = format!(
            "http://{}",
            listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
        );
        let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = asked.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(200).flatten() {
                let mut reader = BufReader::new(&stream);
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let path = first.split(' ').nth(1).unwrap_or_default().to_owned();
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                if let Ok(mut log) = log.lock() {
                    log.push(path.clone());
                }
                let _ = (&stream).write_all(&answer(&path));
            }
        });
        (origin, asked)
    }

    fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(body);
        bytes
    }

    fn json(body: &str, pages: &str) -> Vec<u8> {
        response(
            "200 OK",
            &[
                ("Content-Type", "application/json"),
                ("X-WP-TotalPages", pages),
            ],
            body.as_bytes(),
        )
    }

    fn failure(origin: &str, limits: Limits) -> String {
        let started = Instant::now();
        let result = Client::new(&site(origin), limits).and_then(|c| c.posts(&[]).map(|_| ()));
        assert!(started.elapsed() < Duration::from_secs(20), "prompt");
        result.err().map(|e| format!("{e:#}")).unwrap_or_default()
    }

    #[test]
    fn redirects_are_followed_only_within_the_site() {
        let (secret, secret_asked) = server(|_| response("200 OK", &[], b"[\"SECRET\"]"));
        for location in [
            format!("{secret}/latest/meta-data/"),
            "http://169.254.169.254/latest/meta-data/".to_owned(),
            format!("//{}/x", secret.trim_start_matches("http://")),
            "https://127.0.0.1:1/".to_owned(),
        ] {
            let to = location.clone();
            let (origin, _) = server(move |_| response("302 Found", &[("Location", &to)], b""));
            let error = failure(&origin, Limits::default());
            assert!(
                error.contains("off the site") && error.contains(&origin),
                "{location}: {error}"
            );
            assert!(!error.contains("SECRET"), "{error}");
        }
        assert!(
            secret_asked.lock().map(|a| a.is_empty()).unwrap_or(false),
            "the other host was never asked"
        );
        // Within the site, a redirect is followed (a canonical address, a moved API).
        let (origin, asked) = server(|path| {
            if path.starts_with("/wp-json/") {
                response(
                    "301 Moved Permanently",
                    &[("Location", "/index.php?rest_route=/moved")],
                    b"",
                )
            } else {
                json("[]", "1")
            }
        });
        assert_eq!(failure(&origin, Limits::default()), "");
        assert!(asked
            .lock()
            .is_ok_and(|a| a.iter().any(|p| p.contains("rest_route=/moved"))));
        // A loop of redirects ends.
        let (origin, _) =
            server(|path| response("302 Found", &[("Location", &format!("{path}x"))], b""));
        assert!(failure(&origin, Limits::default()).contains("redirects"));
    }

    /// A post as the REST API gives it, with its author embedded.
    fn api_post(id: u64, slug: &str, status: &str, protected: bool, body: &str) -> String {
        serde_json::json!({
            "id": id, "slug": slug, "status": status,
            "date": "2023-01-05T10:00:00", "date_gmt": "2023-01-05T09:00:00",
            "modified": "2023-01-05T10:00:00", "modified_gmt": "2023-01-05T09:00:00",
            "title": {"rendered": format!("Post {id}")}, "excerpt": {"rendered": "An excerpt."},
            "content": {"rendered": body, "protected": protected},
            "_embedded": {"author": [{"name": "Ana Đorđević"}]},
        })
        .to_string()
    }

    /// Every post of the site at `origin`, imported in English, its media
    /// and post store under `scratch`.
    fn import_everything(origin: &str, scratch: &Path) -> Import {
        import_within(
            &site(origin),
            "en",
            &scratch.join("media"),
            &scratch.join("posts"),
            Reading::Everything,
            Limits::default(),
        )
        .unwrap_or_else(|e| panic!("{e:#}"))
    }

    #[test]
    fn an_import_reads_each_post_by_its_id_and_reports_what_it_left_out() {
        // The body's image is on the server itself, whose address is known
        // once it listens.
        let own = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let known = own.clone();
        let (origin, _) = server(move |path| {
            if path.contains("_embed") {
                let at = known.lock().map(|o| o.clone()).unwrap_or_default();
                let image = format!("<figure><img src=\"{at}/wp-content/uploads/2023/01/gone.png\" width=\"10\" height=\"10\"></figure>");
                // The second was edited a day later; the first never was.
                let edited = api_post(
                    2,
                    "second",
                    "publish",
                    false,
                    &format!("<p>Two.</p>{image}"),
                )
                .replace(
                    "\"modified\":\"2023-01-05T10:00:00\"",
                    "\"modified\":\"2023-01-06T12:00:00\"",
                )
                .replace(
                    "\"modified_gmt\":\"2023-01-05T09:00:00\"",
                    "\"modified_gmt\":\"2023-01-06T11:00:00\"",
                );
                let posts = [
                    api_post(1, "first", "publish", false, "<p>One.</p>"),
                    edited,
                    api_post(3, "draft", "draft", false, "<p>Draft.</p>"),
                    api_post(4, "locked", "publish", true, "<p>Secret.</p>"),
                ];
                json(&format!("[{}]", posts.join(",")), "1")
            } else if path.contains("wp-content") {
                response("404 Not Found", &[], b"")
            } else if path.contains("/media") {
                json("[]", "1")
            } else {
                json("[{\"id\":1}]", "1")
            }
        });
        if let Ok(mut o) = own.lock() {
            *o = origin.clone();
        }
        let scratch = std::env::temp_dir().join(format!("gazette-import-{}", std::process::id()));
        let import = import_everything(&origin, &scratch);
        // What a publish starts from: the posts as the API gave them.
        let store = Store::read(&scratch.join("posts"), &site(&origin));
        let _ = std::fs::remove_dir_all(&scratch);
        let stored: Vec<u64> = store
            .map(|s| s.posts.into_keys().collect())
            .unwrap_or_default();
        assert!(stored.contains(&1) && stored.contains(&2), "{stored:?}");
        let updated = |slug: &str| {
            let article = import.articles.iter().find(|a| a.slug.as_str() == slug);
            article
                .and_then(|a| a.updated.as_ref())
                .map(|t| t.as_str().to_owned())
        };
        // The report names the site and counts every post the API listed.
        assert_eq!(import.report.site, site(&origin).to_string());
        assert_eq!(import.report.posts, 4);
        assert_eq!(updated("first"), None, "never edited");
        assert_eq!(
            updated("second").as_deref(),
            Some("2023-01-06T12:00:00+01:00")
        );
        let slugs: Vec<&str> = import.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs.len(), 2, "{slugs:?}");
        assert!(
            slugs.contains(&"first") && slugs.contains(&"second"),
            "{slugs:?}"
        );
        assert!(import.media.is_empty());
        let left: Vec<(u64, &str)> = import
            .report
            .left_out
            .iter()
            .map(|p| (p.id, p.reason.as_str()))
            .collect();
        assert!(
            left.iter()
                .any(|(id, why)| *id == 3 && why.contains("not publish")),
            "{left:?}"
        );
        assert!(left.contains(&(4, "password-protected")), "{left:?}");
        let second = import.report.dropped.iter().find(|p| p.id == 2);
        assert!(
            second.is_some_and(|p| p
                .dropped
                .keys()
                .any(|k| k.contains("gone.png") && k.contains("404"))),
            "{:?}",
            import.report.dropped
        );
        assert!(
            !import.report.dropped.iter().any(|p| p.id == 1),
            "post 1 lost nothing"
        );
    }

    /// A WordPress that publishes `published` and has modified `modified`
    /// since the store was written, answering the REST API's posts route
    /// as WordPress does: `include`, `modified_after`, `per_page`, `page`,
    /// `_fields=id`, and `X-WP-Total` unless `counts` is false.
    fn fake_wordpress(
        published: BTreeSet<u64>,
        modified: BTreeSet<u64>,
        counts: bool,
    ) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
        server(move |path| {
            let query: BTreeMap<&str, &str> = path
                .split_once('?')
                .map(|(_, q)| q)
                .unwrap_or_default()
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .collect();
            let number = |key: &str, default: usize| {
                query
                    .get(key)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(default)
            };
            let include: Option<BTreeSet<u64>> = query
                .get("include")
                .map(|ids| ids.split(',').filter_map(|id| id.parse().ok()).collect());
            let selected: Vec<u64> = published
                .iter()
                .copied()
                .filter(|id| include.as_ref().is_none_or(|ids| ids.contains(id)))
                .filter(|id| !query.contains_key("modified_after") || modified.contains(id))
                .collect();
            let (per_page, page) = (number("per_page", 10), number("page", 1));
            let items: Vec<String> = selected
                .iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .map(|&id| match query.get("_fields") {
                    Some(_) => format!("{{\"id\":{id}}}"),
                    None => api_post(id, &format!("post-{id}"), "publish", false, "<p>Body.</p>"),
                })
                .collect();
            let (total, pages) = (
                selected.len().to_string(),
                selected.len().div_ceil(per_page).to_string(),
            );
            let mut headers = vec![
                ("Content-Type", "application/json"),
                ("X-WP-TotalPages", pages.as_str()),
            ];
            if counts {
                headers.push(("X-WP-Total", total.as_str()));
            }
            response(
                "200 OK",
                &headers,
                format!("[{}]", items.join(",")).as_bytes(),
            )
        })
    }

    #[test]
    fn a_publish_finds_the_published_posts_by_counting_and_lists_only_what_lost_some() {
        // 1,200 posts known: three groups of COUNTED counted.
        let known: BTreeSet<u64> = (1..=1200).collect();
        let without = |gone: &[u64], new: &[u64]| -> BTreeSet<u64> {
            known
                .iter()
                .filter(|id| !gone.contains(id))
                .chain(new)
                .copied()
                .collect()
        };
        // (what happened, published now, modified since, X-WP-Total sent,
        // every id listed, the known groups listed).
        let cases = [
            ("nothing", known.clone(), Vec::<u64>::new(), true, false, 0),
            (
                "an edit and a new post",
                without(&[], &[1300]),
                vec![10, 1300],
                true,
                false,
                0,
            ),
            (
                "two deleted",
                without(&[5, 700], &[]),
                vec![],
                true,
                false,
                2,
            ),
            (
                "a scheduled post went out",
                without(&[], &[1500]),
                vec![],
                true,
                true,
                0,
            ),
            (
                "one deleted, one scheduled went out: the same count",
                without(&[5], &[1500]),
                vec![],
                true,
                true,
                1,
            ),
            (
                "every post deleted",
                BTreeSet::new(),
                vec![],
                true,
                false,
                3,
            ),
            (
                "no X-WP-Total",
                without(&[5], &[1500]),
                vec![],
                false,
                true,
                0,
            ),
        ];
        for (what, published, modified, counts, listed_whole, groups_listed) in cases {
            let (origin, asked) = fake_wordpress(
                published.clone(),
                modified.iter().copied().collect(),
                counts,
            );
            let client =
                Client::new(&site(&origin), Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
            let store = Store {
                site: site(&origin).to_string(),
                posts: known
                    .iter()
                    .map(|&id| {
                        let post =
                            api_post(id, &format!("post-{id}"), "publish", false, "<p>Body.</p>");
                        (
                            id,
                            RawValue::from_string(post).unwrap_or_else(|e| panic!("{e}")),
                        )
                    })
                    .collect(),
                credits: BTreeMap::new(),
            };
            let (now, posts) = client
                .changes(store)
                .unwrap_or_else(|e| panic!("{what}: {e:#}"));
            let ids: BTreeSet<u64> = now.posts.keys().copied().collect();
            assert_eq!(ids, published, "{what}");
            assert_eq!(posts.len(), published.len(), "{what}");
            let asked = asked.lock().map(|a| a.clone()).unwrap_or_default();
            let listing = |p: &&String| p.contains("_fields=id") && p.contains("per_page=100");
            let whole = asked
                .iter()
                .filter(listing)
                .filter(|p| !p.contains("include"))
                .count();
            let groups = asked
                .iter()
                .filter(listing)
                .filter(|p| p.contains("include") && p.ends_with("&page=1"))
                .count();
            assert_eq!(whole > 0, listed_whole, "{what}: every id listed?");
            assert_eq!(groups, groups_listed, "{what}: groups listed");
        }
    }

    #[test]
    fn posts_converted_together_keep_their_order_and_their_slugs_follow_it() {
        // 60 posts whose slugs all meet, one without a title among them:
        // the first takes "vesti", each later one its id, in the posts'
        // order, however the cores share the work.
        let (origin, _) = server(|path| {
            if path.contains("_embed") {
                let posts: Vec<String> = (1..=60)
                    .map(|id| {
                        let post = api_post(id, "vesti", "publish", false, "<p>Body.</p>");
                        match id {
                            30 => post.replace(&format!("Post {id}"), ""),
                            _ => post,
                        }
                    })
                    .collect();
                json(&format!("[{}]", posts.join(",")), "1")
            } else {
                json("[{\"id\":1}]", "1")
            }
        });
        let scratch = std::env::temp_dir().join(format!("gazette-order-{}", std::process::id()));
        let import = import_everything(&origin, &scratch);
        let _ = std::fs::remove_dir_all(&scratch);
        let slugs: Vec<String> = import.articles.iter().map(|a| a.slug.to_string()).collect();
        let expected: Vec<String> = (1..=60)
            .filter(|&id| id != 30)
            .map(|id| match id {
                1 => "vesti".to_owned(),
                _ => format!("vesti-{id}"),
            })
            .collect();
        assert_eq!(slugs, expected);
        let left: Vec<u64> = import.report.left_out.iter().map(|p| p.id).collect();
        assert_eq!(left, [30]);
    }

    #[test]
    fn a_host_that_lies_about_its_size_fails_promptly_by_name_and_limit() {
        for pages in ["1000000000000", "5000000", "18446744073709551615"] {
            let claim = pages.to_owned();
            let (origin, asked) = server(move |_| json("[{\"id\":1}]", &claim));
            let error = failure(&origin, Limits::default());
            assert!(
                error.contains(&origin) && error.contains(&format!("claims {pages} pages")),
                "{error}"
            );
            assert!(
                asked.lock().map(|a| a.len()).unwrap_or(99) <= 3,
                "no page past the first was asked for"
            );
        }
        let limits = Limits {
            answer_bytes: 4096,
            ..Limits::default()
        };
        let big = format!("[{}{{\"id\":1}}]", "{\"id\":1},".repeat(1000));
        let (origin, _) = server(move |_| json(&big, "1"));
        let error = failure(&origin, limits);
        assert!(
            error.contains(&origin) && error.contains("an answer of more than 4 KiB"),
            "{error}"
        );
        // A page of more posts than asked for is a lie too.
        let long = format!("[{}{{\"id\":1}}]", "{\"id\":1},".repeat(100));
        let (origin, _) = server(move |_| json(&long, "1"));
        let error = failure(&origin, Limits::default());
        assert!(
            error.contains("a page of 101 items, where 100 were asked for"),
            "{error}"
        );
        let limits = Limits {
            api_bytes: 3000,
            ..Limits::default()
        };
        let page = format!("[{}{{\"id\":1}}]", "{\"id\":1},".repeat(99));
        let (origin, _) = server(move |_| json(&page, "4"));
        let error = failure(&origin, limits);
        assert!(error.contains("in all"), "{error}");
        let limits = Limits {
            time: Duration::ZERO,
            ..Limits::default()
        };
        let (origin, _) = server(|_| json("[]", "1"));
        assert!(failure(&origin, limits).contains("took longer than"));
    }

    #[test]
    fn the_answers_in_all_are_counted_from_the_first_byte_to_the_last() {
        // Every answer is one page of 100 posts' ids, as the listing asks for.
        let page = format!("[{}{{\"id\":1}}]", "{\"id\":1},".repeat(99));
        let len = page.len() as u64;
        let run = |pages: &str, api_bytes: u64| {
            let (body, claim) = (page.clone(), pages.to_owned());
            let (origin, asked) = server(move |_| json(&body, &claim));
            let limits = Limits {
                api_bytes,
                ..Limits::default()
            };
            let error = failure(&origin, limits);
            let answers = asked.lock().map(|a| a.len() as u64).unwrap_or_default();
            (error, answers)
        };
        for pages in ["1", "3"] {
            // What a whole import of this site reads, answer by answer.
            let (error, answers) = run(pages, u64::MAX);
            assert_eq!(error, "", "{pages} pages");
            let all = answers * len;
            for (api_bytes, refused) in [
                (all, false), // exactly the limit
                (all + 1, false),
                (all - 1, true), // one byte past it, in the last answer
                (len - 1, true), // the first answer alone is past it
            ] {
                let (error, _) = run(pages, api_bytes);
                assert_eq!(
                    error.contains("in all"),
                    refused,
                    "{answers} answers of {len} bytes, {api_bytes} allowed: {error}"
                );
                assert_eq!(error.is_empty(), !refused, "{error}");
            }
        }
    }

    #[test]
    fn featured_images_credits_are_asked_once_and_kept_for_their_posts() {
        // The ids a request asks for, from `include=7,8`.
        fn included(path: &str) -> Vec<u64> {
            path.split(['?', '&'])
                .find_map(|p| p.strip_prefix("include="))
                .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
                .unwrap_or_default()
        }
        let (origin, asked) = server(|path| {
            let described = |id: u64| {
                format!("{{\"id\":{id},\"description\":{{\"rendered\":\"<p>Photo: Person {id} &amp; Co</p>\"}}}}")
            };
            let items: Vec<String> = included(path).into_iter().map(described).collect();
            json(&format!("[{}]", items.join(",")), "1")
        });
        let client =
            Client::new(&site(&origin), Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
        let post = |id: u64, media: &[u64]| -> Post {
            let mut post: serde_json::Value = serde_json::from_str(&api_post(
                id,
                &format!("p{id}"),
                "publish",
                false,
                "<p>x</p>",
            ))
            .unwrap_or_else(|e| panic!("{e}"));
            post["_embedded"]["wp:featuredmedia"] = media
                .iter()
                .map(|m| serde_json::json!({ "id": m }))
                .collect();
            serde_json::from_value(post).unwrap_or_else(|e| panic!("{e}"))
        };
        let posts = [post(1, &[7]), post(2, &[8]), post(3, &[])];
        let credits = client
            .credits(&posts, &BTreeMap::new())
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            credits,
            BTreeMap::from([
                (7, "Photo: Person 7 & Co".to_owned()),
                (8, "Photo: Person 8 & Co".to_owned())
            ])
        );
        // Known credits are kept without asking; those of images no post
        // shows any more are dropped.
        let known = BTreeMap::from([(7, "Known".to_owned()), (9, "Gone".to_owned())]);
        let before = asked.lock().map(|a| a.len()).unwrap_or_default();
        let credits = client
            .credits(&posts, &known)
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            credits,
            BTreeMap::from([
                (7, "Known".to_owned()),
                (8, "Photo: Person 8 & Co".to_owned())
            ])
        );
        let asked: Vec<u64> = asked
            .lock()
            .map(|a| a.iter().skip(before).flat_map(|p| included(p)).collect())
            .unwrap_or_default();
        assert_eq!(asked, [8], "only the credit not known is asked for");
    }

    #[test]
    fn query_values_are_percent_encoded_but_for_what_wordpress_reads_as_is() {
        for (value, encoded) in [
            ("", ""),
            (
                "author,wp:featuredmedia,wp:term",
                "author,wp:featuredmedia,wp:term",
            ),
            ("2023-01-05T08:00:00", "2023-01-05T08:00:00"),
            ("a-b_c.d~e", "a-b_c.d~e"),
            ("a b&c=d/e?f#g+h", "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh"),
            ("Đorđe", "%C4%90or%C4%91e"),
            ("%41", "%2541"),
        ] {
            assert_eq!(encode(value), encoded, "{value}");
        }
    }

    #[test]
    fn only_post_tags_are_a_posts_tags() {
        let terms: Vec<Term> = serde_json::from_str(
            r#"[
                {"id": 1, "slug": "news", "name": "News", "taxonomy": "category"},
                {"id": 2, "slug": "kfor", "name": "KFOR", "taxonomy": "post_tag"},
                {"id": 3, "slug": "standard", "name": "Standard", "taxonomy": "post_format"},
                {"id": 4, "slug": "", "name": "Mir &amp; bezbednost", "taxonomy": "post_tag"}
            ]"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let tags = tags_of(&terms).unwrap_or_else(|e| panic!("{e:#}"));
        let tags: Vec<(&str, &str)> = tags
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str()))
            .collect();
        assert_eq!(tags, [("kfor", "KFOR"), ("tag-4", "Mir & bezbednost")]);
    }

    #[test]
    fn slugs_are_ascii_whatever_the_script() {
        for (text, slug) in [
            ("Мисија КФОР-а на Косову", "misija-kfor-a-na-kosovu"),
            (
                "Đorđe Čačak Šabac Žabalj Ćuprija",
                "djordje-cacak-sabac-zabalj-cuprija",
            ),
            (
                "Ђорђе Љубовија Њива Џеп Шабац",
                "djordje-ljubovija-njiva-dzep-sabac",
            ),
            ("Prishtinë dhe Çarshia", "prishtine-dhe-carshia"),
            (
                "  KFOR’s troop levels, 1999 – 2023!  ",
                "kfor-s-troop-levels-1999-2023",
            ),
            ("???", ""),
        ] {
            assert_eq!(slugify(text), slug, "{text}");
        }
        let long = slugify(&"word ".repeat(40));
        assert!(
            long.len() <= Slug::MAX_LEN && Slug::parse(&long).is_ok(),
            "{long}"
        );
        assert_eq!(
            slugify(&percent_decode("%d0%bc%d0%b8%d1%81%d0%b8%d1%98%d0%b0")),
            "misija",
            "WordPress keeps a Cyrillic slug percent-encoded"
        );
    }

    #[test]
    fn latin_letters_with_marks_lose_only_their_marks() {
        for (letters, plain) in [
            ("áàâäãå", "a"),
            ("éèêë", "e"),
            ("íìîï", "i"),
            ("óòôöõ", "o"),
            ("úùûü", "u"),
            ("çčć", "c"),
            ("ñ", "n"),
            ("šž", "sz"),
        ] {
            for case in [letters.to_owned(), letters.to_uppercase()] {
                let each: String = case.chars().map(|c| slugify(&c.to_string())).collect();
                let expected: String = if plain.len() == 1 {
                    plain.repeat(case.chars().count())
                } else {
                    plain.to_owned()
                };
                assert_eq!(each, expected, "{case}");
            }
        }
        assert_eq!(slugify("ß"), "ss");
        // A slug of exactly the longest length is kept whole.
        let longest = "a".repeat(Slug::MAX_LEN);
        assert_eq!(slugify(&longest), longest);
        assert_eq!(slugify(&format!("{longest}b")), longest);
    }

    #[test]
    fn a_featured_image_offers_every_size_of_its_shape_and_no_crop() {
        let media = Media::new(
            &site("https://wp.example"),
            Path::new("/nonexistent"),
            BTreeMap::from([(5, "Photo: A. Person".to_owned())]),
        );
        let up = "https://wp.example/wp-content/uploads/2023/01";
        let size = |w: u32, h: u32, name: &str| serde_json::json!({"width": w, "height": h, "source_url": format!("{up}/{name}")});
        let item = serde_json::json!({
            "id": 5,
            "source_url": format!("{up}/lead.png"),
            "alt_text": "Troops on a road",
            "caption": {"rendered": "<p>A caption</p>"},
            "media_details": {"width": 1200, "height": 800, "sizes": {
                "large": size(1024, 683, "lead-1024x683.png"),
                "medium": size(300, 200, "lead-300x200.png"),
                "medium_large": size(768, 512, "lead-768x512.png"),
                "thumbnail": size(150, 150, "lead-150x150.png"),
                "banner": size(1200, 400, "lead-1200x400.png"),
                "broken": size(0, 0, "lead-0x0.png"),
            }},
        });
        let raw = RawValue::from_string(item.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let image = media.featured(&raw).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            image.src.as_str(),
            format!("/{MEDIA}2023/01/lead-1024x683.png")
        );
        assert_eq!((image.width, image.height), (1024, 683));
        let sources: Vec<(u32, &str)> = image
            .sources
            .iter()
            .map(|s| (s.width.get(), s.src.as_str()))
            .collect();
        let local = |name: &str| format!("/{MEDIA}2023/01/{name}");
        assert_eq!(
            sources,
            [
                (300, local("lead-300x200.png").as_str()),
                (768, local("lead-768x512.png").as_str()),
                (1200, local("lead.png").as_str()),
            ],
            "the same shape within 1 %, not the crops"
        );
        assert_eq!(
            image.credit.as_ref().map(|c| c.as_str()),
            Some("Photo: A. Person")
        );
        assert_eq!(
            image.caption.as_ref().map(|c| c.as_str()),
            Some("A caption")
        );
        assert_eq!(image.alt.as_str(), "Troops on a road");
    }

    #[test]
    fn slugs_that_meet_get_the_posts_id_and_always_fit() {
        let mut taken = BTreeSet::new();
        let ids =
            |n: u64| std::iter::once(n.to_string()).chain((2..).map(move |k| format!("{n}-{k}")));
        let mut slug = |base: &str, id: u64| {
            unique_slug(base, "post", &mut taken, ids(id)).map(|s| s.to_string())
        };
        assert_eq!(slug("vesti", 5).as_deref(), Some("vesti"));
        assert_eq!(slug("vesti", 9).as_deref(), Some("vesti-9"));
        assert_eq!(slug("", 12).as_deref(), Some("post"));
        assert_eq!(slug("", 13).as_deref(), Some("post-13"));
        let long = "a".repeat(Slug::MAX_LEN);
        assert_eq!(slug(&long, 1).as_deref(), Some(long.as_str()));
        let second = slug(&long, 123_456).unwrap_or_default();
        assert!(
            second.ends_with("-123456") && second.len() == Slug::MAX_LEN,
            "{second}"
        );
    }

    #[test]
    fn a_local_time_is_moved_back_across_days_months_and_years() {
        for (from, seconds, to) in [
            ("2023-01-05T10:00:00", 7200, "2023-01-05T08:00:00"),
            ("2023-01-05T01:30:00", 7200, "2023-01-04T23:30:00"),
            ("2023-03-01T00:59:59", 3600, "2023-02-28T23:59:59"),
            ("2024-03-01T00:00:00", 1, "2024-02-29T23:59:59"),
            ("2023-01-01T00:00:00", 1, "2022-12-31T23:59:59"),
            ("2023-01-05T10:00:00+01:00", 0, "2023-01-05T10:00:00"),
        ] {
            assert_eq!(earlier_local(from, seconds).as_deref(), Some(to), "{from}");
        }
        assert_eq!(earlier_local("yesterday", 1), None);
        // Every day of three centuries, either way from a leap day, read
        // back by the contract's own calendar (1900 and 2100 are not leap
        // years, 2000 is): the result is always exactly that much earlier.
        let from = "2000-02-29T12:34:56";
        let epoch = |local: &str| {
            Timestamp::parse(&format!("{local}Z"))
                .unwrap_or_else(|e| panic!("{local}: {e}"))
                .epoch_seconds()
        };
        for step in -55_000..55_000_i64 {
            let seconds = step * 86_400 + step % 7 * 3_607;
            let earlier = earlier_local(from, seconds).unwrap_or_else(|| panic!("{seconds}"));
            assert_eq!(
                epoch(&earlier),
                epoch(from) - seconds,
                "{from} less {seconds} s"
            );
        }
    }

    #[test]
    fn dates_keep_the_sites_offset() {
        for (local, gmt, expected) in [
            (
                "2023-01-20T09:00:00",
                "2023-01-20T09:00:00",
                "2023-01-20T09:00:00+00:00",
            ),
            (
                "2023-01-20T10:00:00",
                "2023-01-20T09:00:00",
                "2023-01-20T10:00:00+01:00",
            ),
            (
                "2023-07-01T01:30:00",
                "2023-06-30T23:30:00",
                "2023-07-01T01:30:00+02:00",
            ),
            (
                "2023-12-31T19:00:00",
                "2024-01-01T00:00:00",
                "2023-12-31T19:00:00-05:00",
            ),
            (
                "2024-02-29T12:00:00",
                "2024-02-29T06:30:00",
                "2024-02-29T12:00:00+05:30",
            ),
        ] {
            let t = timestamp(local, gmt).unwrap_or_else(|e| panic!("{local}: {e}"));
            assert_eq!(t.as_str(), expected);
            let utc = timestamp(gmt, gmt).unwrap_or_else(|e| panic!("{gmt}: {e}"));
            assert_eq!(t.epoch_seconds(), utc.epoch_seconds(), "the same instant");
        }
        assert!(timestamp("0000-00-00T00:00:00", "x").is_err());
    }

    #[test]
    fn html_text_decodes_entities_and_drops_tags() {
        assert_eq!(
            html_text("KFOR&#8217;s &amp; <em>NATO</em>"),
            "KFOR’s & NATO"
        );
        assert_eq!(html_text("<p>Kratak\n opis.</p>\n"), "Kratak opis.");
        assert_eq!(html_text("<script>alert(1)</script>Safe"), "Safe");
        let deep = format!(
            "{}Title{}",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        );
        assert_eq!(html_text(&deep), "Title");
    }
}
