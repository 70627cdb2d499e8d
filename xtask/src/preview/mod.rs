//! `preview`: shows an editor a WordPress draft as readers will see it,
//! before it is published, and shows nobody else anything (issue 31,
//! decision 0028).
//!
//! WordPress's Preview button, through the must-use plug-in
//! (`deploy/wordpress/gazette-preview.php`), opens
//! `/preview/<post>?expires=…&token=…`, the token an HMAC of the post and
//! the expiry under a secret both sides hold ([`token`]). A valid token
//! reads the draft (and its unsaved changes) with an editor's application
//! password, converts it with the build's converter, renders it with the
//! build's template and views, and redirects to the article's own address,
//! setting a cookie with the same grant: the app, its files and the
//! published site it links to are served from the built site (`dist/`)
//! to that cookie only, and the draft's page and document to a cookie for
//! that post only. Nothing of a draft is written to disk or logged: logs
//! name post numbers and outcomes.

mod token;

use crate::build::Settings;
use crate::plan::host;
use crate::plan::{self, template, BootScript, Shows, SiteFile, Templates};
use anyhow::{anyhow, bail, Context, Result};
use gazette::markup::escape_html;
use gazette::model::Article;
use gazette::routes::Route;
use gazette::site::{SiteIdentity, SITE_META_NAME};
use gazette_ingest::config::{self, ContentSource, WordPressSite};
use gazette_ingest::source::wordpress::draft::{self, DraftError, Editor};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
pub use token::Secret;

/// Answers worked out at once: a preview waits on WordPress most of its time.
const WORKERS: usize = 64;
/// How long a connection may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The health check's address: answered at once, whatever else waits.
const HEALTH: &str = "/health";
/// How long the page made for a redirect waits for the browser to ask.
const FRESH: Duration = Duration::from_secs(10);
/// Drafts remembered by address (which post a page's address shows).
const REMEMBERED: usize = 10_000;
/// The cookie's name before the post's number: one cookie a post.
const COOKIE: &str = "gazette-preview-";

/// `preview [--port N] [--listen ADDR] [--dist DIR]`.
pub fn command(root: &Path, args: &[String]) -> Result<String> {
    let (mut listen, mut port, mut dist) = ("127.0.0.1".to_owned(), 8090_u16, root.join("dist"));
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| anyhow!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--port" => {
                port = value()?
                    .parse()
                    .map_err(|_| anyhow!("--port needs a port number, 1 to 65535"))?
            }
            "--listen" => listen = value()?,
            "--dist" => dist = PathBuf::from(value()?),
            other => {
                bail!("unknown option {other} (preview [--port N] [--listen ADDR] [--dist DIR])")
            }
        }
    }
    let server = Server::new(root, &dist)?;
    serve(Arc::new(server), &format!("{listen}:{port}"))
}

fn env(name: &str) -> Result<String> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| anyhow!("{name} is not set (README, \"Preview for editors\")"))
}

/// The preview server's state: what it was started with, and the drafts
/// it showed lately.
pub struct Server {
    secret: Secret,
    editor: Editor,
    wordpress: WordPressSite,
    settings: Settings,
    templates: Templates,
    csp: String,
    dist: PathBuf,
    shown: Mutex<Shown>,
}

#[derive(Default)]
struct Shown {
    /// A draft's page address and document URL → its post.
    addresses: HashMap<String, u64>,
    /// The draft made for a redirect, for the request that follows it.
    fresh: HashMap<u64, (Instant, Made)>,
}

/// A draft, made into its page and its document.
#[derive(Clone)]
struct Made {
    page: String,
    data_url: String,
    html: String,
    json: String,
}

/// One answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// A request, as far as the server reads it.
pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub cookies: Option<&'a str>,
    /// Whether it reached the server over HTTPS (a proxy's
    /// `X-Forwarded-Proto`): the cookie is then `Secure`.
    pub https: bool,
}

impl Server {
    /// The server for the site built in `dist`, reading drafts from the
    /// WordPress site `gazette.toml` names, with the secret and the
    /// editor's account from the environment.
    pub fn new(root: &Path, dist: &Path) -> Result<Server> {
        let config = config::Config::load(&config::path(root))?;
        let ContentSource::WordPress(wordpress) = config.content.clone() else {
            bail!("a preview shows WordPress drafts: the site's [content] names no wordpress site");
        };
        let secret = Secret::new(&env("GAZETTE_PREVIEW_SECRET")?).map_err(|e| anyhow!(e))?;
        let editor = Editor::new(&env("GAZETTE_WP_USER")?, &env("GAZETTE_WP_APP_PASSWORD")?);
        let built = crate::output::Manifest::read(dist)?.ok_or_else(|| {
            anyhow!(
                "{}: no site built by Gazette here: a preview uses the built site's app and template (trunk build --release --dist {})",
                dist.display(),
                dist.display()
            )
        })?;
        let mut settings = crate::settings(root, &built.base, built.compress)?;
        let template_path = dist.join(plan::TEMPLATE);
        let template = std::fs::read_to_string(&template_path)
            .with_context(|| template_path.display().to_string())?;
        let boot_path = dist.join("boot.js");
        let boot = BootScript::parse(
            std::fs::read_to_string(&boot_path).with_context(|| boot_path.display().to_string())?,
        )?;
        // The header's sections, as the built site lists them. A preview
        // does not check for news (decision 0029): the editor reloads, and
        // a draft's page is made afresh on every request.
        settings.site = SiteIdentity {
            sections: built_identity(dist)?.sections,
            preview: true,
            poll_seconds: 0,
            ..settings.site
        };
        Ok(Server {
            secret,
            editor,
            wordpress,
            templates: Templates::new(&template, &boot)?,
            csp: host::page_csp(&boot),
            settings,
            dist: dist.to_owned(),
            shown: Mutex::default(),
        })
    }

    /// The answer to `request` at `now` (Unix seconds).
    pub fn respond(&self, request: &Request, now: u64) -> Reply {
        if !matches!(request.method, "GET" | "HEAD") {
            return self.reply(405, "text/plain", b"GET only\n".to_vec());
        }
        let (path, query) = request.url.split_once('?').unwrap_or((request.url, ""));
        if path == HEALTH {
            return self.reply(200, "text/plain", b"ok\n".to_vec());
        }
        if let Some(post) = path.strip_prefix("/preview/") {
            return self.open(post, query, request.https, now);
        }
        let grants: Vec<token::Grant> = cookies(request.cookies)
            .filter_map(|value| self.secret.verify_cookie(value, now))
            .collect();
        if grants.is_empty() {
            return self.forbidden();
        }
        let remembered = self.shown().addresses.get(path).copied();
        match remembered {
            Some(post) if grants.iter().any(|g| g.post == post) => self.draft(post, path),
            Some(_) => self.forbidden(),
            None => self.file(path),
        }
    }

    /// `/preview/<post>?expires=…&token=…`: the draft made, remembered and
    /// redirected to, with the grant as a cookie.
    fn open(&self, post: &str, query: &str, https: bool, now: u64) -> Reply {
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        };
        let grant = post.parse::<u64>().ok().and_then(|post| {
            let expires = param("expires")?.parse().ok()?;
            self.secret.verify(post, expires, param("token")?, now)
        });
        let Some(grant) = grant else {
            eprintln!("preview: refused a link (missing, expired or not this server's)");
            return self.forbidden();
        };
        let started = Instant::now();
        match self.make(grant.post) {
            Ok(made) => {
                eprintln!(
                    "preview: post {} made in {:.2} s",
                    grant.post,
                    started.elapsed().as_secs_f64()
                );
                let page = made.page.clone();
                self.remember(grant.post, made);
                let mut reply = self.reply(303, "text/plain", Vec::new());
                reply.headers.push(("Location", page));
                reply.headers.push((
                    "Set-Cookie",
                    format!(
                        "{COOKIE}{post}={post}.{expires}.{token}; Path=/; Max-Age={age}; HttpOnly; SameSite=Strict{secure}",
                        post = grant.post,
                        expires = grant.expires,
                        token = self.secret.sign(grant.post, grant.expires),
                        age = grant.expires.saturating_sub(now),
                        secure = if https { "; Secure" } else { "" },
                    ),
                ));
                reply
            }
            Err(e) => self.failed(grant.post, &e),
        }
    }

    /// A remembered draft's page or document, made again unless it was
    /// made for the redirect a moment ago; a draft whose address changed
    /// (a new title, a new slug) is redirected to.
    fn draft(&self, post: u64, path: &str) -> Reply {
        let fresh = {
            let mut shown = self.shown();
            shown
                .fresh
                .remove(&post)
                .filter(|(at, made)| at.elapsed() < FRESH && made.page == path)
                .map(|(_, made)| made)
        };
        let made = match fresh.map_or_else(|| self.make(post), Ok) {
            Ok(made) => made,
            Err(e) => return self.failed(post, &e),
        };
        let reply = if path == made.data_url {
            self.reply(200, "application/json", made.json.clone().into_bytes())
        } else if path == made.page {
            self.reply(
                200,
                "text/html; charset=utf-8",
                made.html.clone().into_bytes(),
            )
        } else {
            let mut reply = self.reply(303, "text/plain", Vec::new());
            reply.headers.push(("Location", made.page.clone()));
            reply
        };
        self.remember(post, made);
        reply
    }

    fn make(&self, post: u64) -> Result<Made, DraftError> {
        let language = self.settings.site.language.tag();
        let article: Article = draft::draft(&self.wordpress, language, &self.editor, post)?
            .with_related(Default::default());
        let rendered = (|| {
            let shows = Shows::Article(&article);
            let json = shows.json()?;
            let page = SiteFile::new(
                &self.settings.paths,
                Route::Article(article.slug.clone()),
                Some(plan::document(shows)?),
                shows,
            );
            let data_url = page
                .data
                .as_ref()
                .map(|d| d.url.clone())
                .unwrap_or_default();
            let html = template::page_html(&self.templates, &page, &self.settings)?;
            anyhow::Ok(Made {
                page: page.path,
                data_url,
                html,
                json,
            })
        })();
        rendered.map_err(|e| DraftError::Unconvertible(format!("{e:#}")))
    }

    fn remember(&self, post: u64, made: Made) {
        let mut shown = self.shown();
        if shown.addresses.len() >= REMEMBERED {
            shown.addresses.clear();
        }
        shown.fresh.retain(|_, (at, _)| at.elapsed() < FRESH);
        shown.addresses.insert(made.page.clone(), post);
        shown.addresses.insert(made.data_url.clone(), post);
        shown.fresh.insert(post, (Instant::now(), made));
    }

    fn shown(&self) -> std::sync::MutexGuard<'_, Shown> {
        // A worker that panicked left the maps whole (each change is one call).
        self.shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A file of the built site below the base: the app, its styles, the
    /// published pages and documents; `media/` files not published yet are
    /// read from WordPress's uploads, as the build would copy them.
    fn file(&self, path: &str) -> Reply {
        let base = self.settings.paths.home();
        let Some(relative) = path.strip_prefix(base.as_str()) else {
            return self.not_found();
        };
        for candidate in candidates(relative) {
            let file = self.dist.join(&candidate);
            if file.is_file() {
                return match std::fs::read(&file) {
                    Ok(bytes) => self.reply(200, content_type(&candidate), bytes),
                    Err(_) => self.not_found(),
                };
            }
        }
        if let Some(upload) = relative
            .strip_prefix("media/")
            .filter(|_| !candidates(relative).is_empty())
        {
            return match draft::upload(&self.wordpress, upload) {
                Ok((media_type, bytes)) => self.reply(200, media_type, bytes),
                Err(_) => self.not_found(),
            };
        }
        self.not_found()
    }

    /// Every answer's headers: never cached, never indexed, and the site's
    /// own security policy.
    fn reply(&self, status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", content_type.to_owned()),
                ("Cache-Control", "no-store, private".to_owned()),
                ("X-Robots-Tag", "noindex, nofollow".to_owned()),
                ("Content-Security-Policy", self.csp.clone()),
                ("X-Content-Type-Options", "nosniff".to_owned()),
                ("Referrer-Policy", host::REFERRER_POLICY.to_owned()),
                ("Permissions-Policy", host::PERMISSIONS_POLICY.to_owned()),
                ("Cross-Origin-Opener-Policy", host::OPENER_POLICY.to_owned()),
                ("X-Frame-Options", host::FRAME_OPTIONS.to_owned()),
            ],
            body,
        }
    }

    fn forbidden(&self) -> Reply {
        self.message(
            403,
            "Forbidden",
            "This preview link is missing, expired or not valid. Press Preview in WordPress again.",
        )
    }

    fn not_found(&self) -> Reply {
        self.message(404, "Not found", "There is nothing at this address.")
    }

    /// A draft that cannot be shown: why, for its editor (who holds a
    /// valid link); the log says only the post and the kind of failure.
    fn failed(&self, post: u64, error: &DraftError) -> Reply {
        let (status, kind) = match error {
            DraftError::NotFound => (404, "no such post"),
            DraftError::Refused(_) => (502, "WordPress refused the preview's account"),
            DraftError::Unreachable(_) => (502, "WordPress unreachable"),
            DraftError::Unconvertible(_) => (422, "cannot be converted"),
        };
        eprintln!("preview: post {post}: {kind}");
        self.message(status, "The preview cannot be shown", &error.to_string())
    }

    /// A short page in the site's language attribute, with nothing but text.
    fn message(&self, status: u16, title: &str, text: &str) -> Reply {
        let html = format!(
            "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content=\"width=device-width\"><title>{title}</title><h1>{title}</h1><p>{}</p>\n",
            escape_html(text)
        );
        self.reply(status, "text/html; charset=utf-8", html.into_bytes())
    }
}

/// The files of the built site an address below the base may name, as
/// nginx tries them (`deploy/nginx/`): the file, the page's `.html`, a
/// folder's `index.html`. None for hidden files (the build's `.gazette/`
/// state) and anything that could leave the folder.
fn candidates(relative: &str) -> Vec<String> {
    let safe = relative
        .split('/')
        .all(|part| !part.starts_with('.') && !part.contains(['\\', '%', '\0']));
    if !safe {
        Vec::new()
    } else if relative.is_empty() || relative.ends_with('/') {
        vec![format!("{relative}index.html")]
    } else {
        vec![relative.to_owned(), format!("{relative}.html")]
    }
}

/// The values of the preview's cookies in a `Cookie` header.
fn cookies(header: Option<&str>) -> impl Iterator<Item = &str> {
    header
        .unwrap_or_default()
        .split(';')
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.split_once('='))
        .map(|(_, value)| value)
}

/// The site identity in the built site's front page (its sections).
fn built_identity(dist: &Path) -> Result<SiteIdentity> {
    let path = dist.join("index.html");
    let html = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let document = scraper::Html::parse_document(&html);
    let selector = scraper::Selector::parse(&format!("meta[name={SITE_META_NAME}]"))
        .map_err(|e| anyhow!("{e}"))?;
    document
        .select(&selector)
        .next()
        .and_then(|meta| SiteIdentity::from_attributes(|name| meta.attr(name).map(str::to_owned)))
        .with_context(|| format!("{}: no site identity in it", path.display()))
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("gif") => "image/gif",
        Some("ico") => "image/x-icon",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Serves until SIGTERM or SIGINT. Connections are held by an async
/// runtime, so a client that keeps one open idle, or sends half a request,
/// costs a socket and no thread; each request's answer is worked out on a
/// blocking thread (a preview waits on WordPress), at most [`WORKERS`] at
/// once. (On tiny_http, a thread read each open connection and a burst
/// could leave new ones unread behind kept-alive ones: 50 previews took
/// 49 s now and then, `/health` with them; decision 0028.)
fn serve(server: Arc<Server>, address: &str) -> Result<String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(WORKERS)
        .enable_all()
        .build()
        .context("the server's runtime")?;
    let stopped = runtime.block_on(accept(server, address));
    // Answers being worked out get a moment to finish; the process ends anyway.
    runtime.shutdown_timeout(Duration::from_secs(5));
    stopped
}

/// Accepts connections until SIGTERM or SIGINT, each served on a task of its own.
async fn accept(server: Arc<Server>, address: &str) -> Result<String> {
    use tokio::signal::unix::{signal, SignalKind};
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let mut terminate = signal(SignalKind::terminate()).context("signal handler")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("signal handler")?;
    eprintln!(
        "preview: listening on http://{address}/ (drafts of {}, the site built in {})",
        server.wordpress,
        server.dist.display()
    );
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A connection reset as it was accepted, or no descriptor
                // left for it: that connection's end, not the server's.
                Err(error) => {
                    eprintln!("preview: a connection failed: {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = terminate.recv() => break,
            _ = interrupt.recv() => break,
        };
        let server = Arc::clone(&server);
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |request| answer(Arc::clone(&server), request));
            // A client that has not sent its request's head in this time is let go.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
    Ok("stopped".into())
}

type Body = http_body_util::Full<bytes::Bytes>;

/// Reads one request through [`Server::respond`], on a blocking thread
/// unless it is the health check (which must answer while every thread
/// waits on WordPress).
async fn answer(
    server: Arc<Server>,
    request: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Body>, std::convert::Infallible> {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let cookies = header("Cookie");
    let https = header("X-Forwarded-Proto").is_some_and(|p| p.eq_ignore_ascii_case("https"));
    let method = request.method().as_str().to_owned();
    let url = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let respond = move || {
        server.respond(
            &Request {
                method: &method,
                url: &url,
                cookies: cookies.as_deref(),
                https,
            },
            now(),
        )
    };
    let reply = if request.uri().path() == HEALTH {
        respond()
    } else {
        match tokio::task::spawn_blocking(respond).await {
            Ok(reply) => reply,
            // The answer's thread panicked: this request's end, not the server's.
            Err(_) => Reply {
                status: 500,
                headers: Vec::new(),
                body: b"the preview failed\n".to_vec(),
            },
        }
    };
    let mut response = hyper::Response::new(Body::new(reply.body.into()));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_built_site_and_not_hidden_are_candidates() {
        assert_eq!(candidates(""), ["index.html"]);
        assert_eq!(candidates("tags/"), ["tags/index.html"]);
        assert_eq!(candidates("articles/a"), ["articles/a", "articles/a.html"]);
        for bad in [
            ".gazette/manifest.json",
            "a/../../etc/passwd",
            "..",
            "a/.hidden",
            "%2e%2e/x",
            "a\\..\\b",
            "a\0b",
        ] {
            assert!(candidates(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn the_preview_cookies_are_found_among_others() {
        let header = "theme=dark; gazette-preview-12=12.99.abc;gazette-preview-7=7.99.def; gazette-previewx=1";
        assert_eq!(
            cookies(Some(header)).collect::<Vec<_>>(),
            ["12.99.abc", "7.99.def"]
        );
        assert_eq!(cookies(None).count(), 0);
        assert_eq!(cookies(Some("")).count(), 0);
    }
}
