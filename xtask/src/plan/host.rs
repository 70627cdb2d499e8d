//! What the web server says about each file: the security policy and the
//! caching rules, stated once here and written by the build for each kind of
//! host. Static hosts (Netlify, Cloudflare Pages) read `_headers` and
//! `_redirects`; nginx includes `.gazette/nginx-http.conf` in its `http`
//! block (`deploy/nginx/example.conf`). The policy names the loader by its
//! hash, taken from the loader this build inlines, so a new `boot.js` never
//! needs a hand edit of the server's configuration, only a reload.

use super::template::BootScript;
use crate::output::STATE_DIR;
use anyhow::{bail, Result};
use gazette::model::Slug;
use gazette::paths::Paths;
use gazette::routes::{PageKind, Route};

/// Content-Security-Policy for every page but the embeds: scripts from the
/// site, and the one inline script, the loader, by its hash
/// ([`super::template`]); the chart uses presentation attributes and content
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
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frame_ancestors}",
        scripts.trim_end()
    )
}

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";
/// Browser features no page of Gazette uses, refused for it and its frames.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";
/// A page of ours opened from elsewhere shares no window with its opener.
pub const OPENER_POLICY: &str = "same-origin";
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";
/// Sent only over HTTPS. No includeSubDomains: the domain's other hosts are
/// not Gazette's to decide.
pub const HSTS: &str = "max-age=31536000";
/// Frames of every page but the embeds: none. The older header that says
/// the same as `frame-ancestors`, for browsers and scanners that read only it.
pub const FRAME_OPTIONS: &str = "DENY";

/// The files Trunk names after a hash of their bytes, which never change:
/// as `_headers` globs (static hosts match names, not patterns), and the
/// hash itself as nginx matches it (hex without leading zeros: 16 digits,
/// or now and then fewer).
const HASHED_FILES: [&str; 3] = ["gazette-*", "main-*", "favicon-*"];
const HASHED_NAME: &str = r"-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css|svg)$";

/// The folder of the search index's shards below the base
/// (`/api/v1/search/shards/`, from [`Paths::search_shard`]): each is named
/// after its bytes, so it never changes.
pub fn search_shards_folder() -> String {
    let Ok(x) = Slug::parse("x") else {
        return String::new();
    };
    let shard = Paths::new("/").search_shard(&x);
    shard.strip_suffix("x.json").unwrap_or(&shard).to_owned()
}

/// The folders the embed pages live in below the base (`embed/articles/`,
/// `embed/charts/`), from the route table: each embed route printed with a
/// placeholder slug, cut before its first parameter. Sorted.
pub fn embed_folders() -> Vec<String> {
    let Ok(x) = Slug::parse("x") else {
        return Vec::new();
    };
    let root = Paths::new("/");
    let mut folders: Vec<String> = PageKind::ALL
        .into_iter()
        .filter(|kind| kind.is_embed())
        .map(|kind| Route::with_every_slug(kind, &x))
        .map(|route| {
            let path = root.route(&route);
            let folders: Vec<&str> = path
                .trim_start_matches('/')
                .split('/')
                .take_while(|segment| *segment != "x")
                .collect();
            format!("{}/", folders.join("/"))
        })
        .collect();
    folders.sort();
    folders
}

/// The folder every embed folder is in (`embed/`), for robots.txt.
pub fn embeds_folder() -> String {
    let folders = embed_folders();
    let first = folders.first().map_or("", String::as_str);
    let mut common = first.len();
    for other in &folders {
        common = common.min(
            first
                .bytes()
                .zip(other.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    match first[..common].rfind('/') {
        Some(end) => first[..=end].to_owned(),
        None => String::new(),
    }
}

/// `_headers` for static hosts that read it (Netlify, Cloudflare Pages):
/// the same policy as [`nginx_http`].
pub fn static_host_headers(paths: &Paths, boot: &BootScript) -> String {
    let b = paths.base();
    let common = format!(
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: {REFERRER_POLICY}\n  Permissions-Policy: {PERMISSIONS_POLICY}\n  Cross-Origin-Opener-Policy: {OPENER_POLICY}\n  Strict-Transport-Security: {HSTS}\n"
    );
    // Embeds: any portal may frame them, so no X-Frame-Options (it cannot
    // say "any"); only Gazette's own embed routes, not any /embed/ path.
    let mut out = format!(
        "# Read by static hosts such as Netlify and Cloudflare Pages; nginx uses deploy/nginx/.\n{b}/*\n  Content-Security-Policy: {csp}\n  X-Frame-Options: {FRAME_OPTIONS}\n{common}  Cache-Control: {REVALIDATE}\n",
        csp = page_csp(boot)
    );
    for folder in embed_folders() {
        out.push_str(&format!(
            "{b}/{folder}*\n  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: {csp}\n",
            csp = embed_csp()
        ));
    }
    let shards = format!("{}*", search_shards_folder().trim_start_matches('/'));
    for hashed in HASHED_FILES.iter().chain([&shards.as_str()]) {
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
pub fn static_host_redirects(paths: &Paths) -> String {
    format!(
        "{b}/{STATE_DIR}/*  {b}/404.html  404!\n{b}/*  {b}/404.html  404\n",
        b = paths.base(),
    )
}

/// Where the nginx part is written, relative to the output folder: in the
/// build's state, which no host serves.
pub const NGINX_HTTP: &str = ".gazette/nginx-http.conf";

/// The `http`-block part of the nginx configuration: a variable for each
/// header's value, by URI, which `deploy/nginx/gazette-site.conf` sends
/// (`add_header` in a location would replace the server's, so one set of
/// headers serves every location). Every build of one version of Gazette
/// writes the same file, whatever its base path: the server block says the
/// base (`$gazette_base`).
pub fn nginx_http(boot: &BootScript) -> Result<String> {
    let embeds: Vec<String> = embed_folders()
        .iter()
        .map(|folder| regex_literal(folder))
        .collect();
    let value = nginx_string;
    Ok(format!(
        r#"# Gazette on nginx, part 1 of 2, written by the build (xtask/src/plan/host.rs):
# include it once in the `http` block, and reload nginx after deploying a
# build of a new version (deploy/nginx/example.conf).

# Hashed build assets and search shards never change: cache forever.
# Everything else (HTML, JSON, feeds, the unhashed loader and host scripts,
# images) is revalidated with its ETag on every use.
map $uri $gazette_cache_control {{
    default {revalidate};
    "~{HASHED_NAME}" {immutable};
    "~{shards}[a-z0-9-]+\.json$" {immutable};
}}

# Gazette's own embed pages, and nothing else: `$gazette_base` (set in the
# server block, "" at the root) anchors the match, so a portal that includes
# Gazette in its own server block keeps its own /embed/ paths unframeable.
map "$gazette_base:$uri" $gazette_embed {{
    default 0;
    "~^(?<gazette_b>[^:]*):\k<gazette_b>/(?:{embeds})" 1;
}}

# The JSON documents the app reads are data, not pages: the headers that
# govern a page (what it may load, frame, open or be framed by) are not
# theirs, so an open page's check for news (a 304) stays a few hundred
# bytes (README, "Run it for a newsroom"). nosniff and HSTS still go.
map $uri $gazette_data {{
    default 0;
    "~\.json$" 1;
}}

# Every page may be framed by nothing, except the embed pages, which any
# portal may frame. The one inline script is the loader, by its hash.
# A CMS on another origin (<meta name="gazette-api">) must be added to
# connect-src.
map "$gazette_embed$gazette_data" $gazette_csp {{
    default {page_csp};
    10 {embed_csp};
    "~1$" "";
}}

# X-Frame-Options cannot say "any site", so embeds send none (an empty
# value is not sent).
map "$gazette_embed$gazette_data" $gazette_frame_options {{
    default {frame_options};
    10 "";
    "~1$" "";
}}

# HSTS only over HTTPS (a plain-HTTP test server must not send it).
map $https $gazette_hsts {{
    default "";
    on {hsts};
}}

# The same for every page.
map $gazette_data $gazette_referrer_policy {{
    default {referrer};
    1 "";
}}
map $gazette_data $gazette_permissions_policy {{
    default {permissions};
    1 "";
}}
map $gazette_data $gazette_opener_policy {{
    default {opener};
    1 "";
}}
"#,
        embeds = embeds.join("|"),
        shards = regex_literal(&search_shards_folder()),
        revalidate = value(REVALIDATE)?,
        immutable = value(IMMUTABLE)?,
        page_csp = value(&page_csp(boot))?,
        embed_csp = value(&embed_csp())?,
        frame_options = value(FRAME_OPTIONS)?,
        hsts = value(HSTS)?,
        referrer = value(REFERRER_POLICY)?,
        permissions = value(PERMISSIONS_POLICY)?,
        opener = value(OPENER_POLICY)?,
    ))
}

/// A header's value as an nginx string: quoted (so `;` and braces are
/// text), and refused if it holds what would end the quotes, escape, or be
/// read as a variable.
fn nginx_string(value: &str) -> Result<String> {
    if value
        .chars()
        .any(|c| matches!(c, '"' | '\\' | '$') || c.is_control())
    {
        bail!("a header value nginx would misread: {value}");
    }
    Ok(format!("\"{value}\""))
}

/// A folder name as a regular expression that matches just it.
fn regex_literal(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_') {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_root as root;
    use std::fs;

    fn boot() -> BootScript {
        BootScript::parse(fs::read_to_string(root().join("public/boot.js")).unwrap()).unwrap()
    }

    #[test]
    fn the_embed_folders_come_from_the_route_table() {
        assert_eq!(embed_folders(), ["embed/articles/", "embed/charts/"]);
        assert_eq!(embeds_folder(), "embed/");
        // Each folder holds pages of an embed kind, and nothing else does.
        for folder in embed_folders() {
            for rest in ["a", "a/b"] {
                let route = Route::parse(&format!("/{folder}{rest}"));
                if route != Route::NotFound {
                    assert!(route.kind().is_embed(), "{folder}{rest}: {route:?}");
                }
            }
        }
        for path in ["/articles/a", "/tags/a", "/", "/page/2"] {
            let route = Route::parse(path);
            assert!(!route.kind().is_embed());
            assert!(!embed_folders()
                .iter()
                .any(|f| path.trim_start_matches('/').starts_with(f.as_str())));
        }
    }

    #[test]
    fn static_hosts_and_nginx_are_told_the_same_policy() {
        let boot = boot();
        let nginx = nginx_http(&boot).unwrap();
        let headers = static_host_headers(&Paths::new("/news/"), &boot);
        let (csp, embed) = (page_csp(&boot), embed_csp());
        assert!(csp.contains(&boot.csp_source()) && !embed.contains("sha256"));
        for value in [
            &csp,
            &embed,
            IMMUTABLE,
            REVALIDATE,
            HSTS,
            FRAME_OPTIONS,
            PERMISSIONS_POLICY,
            OPENER_POLICY,
            REFERRER_POLICY,
        ] {
            assert!(
                nginx.contains(&format!("\"{value}\"")),
                "nginx lacks {value}"
            );
            assert!(headers.contains(value), "_headers lacks {value}");
        }
        assert!(nginx.contains(r#"\k<gazette_b>/(?:embed/articles/|embed/charts/)" 1;"#));
        assert!(headers.contains(&format!("/news/*\n  Content-Security-Policy: {csp}")));
        assert!(headers.contains(&format!(
            "/news/embed/charts/*\n  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: {embed}"
        )));
        assert!(!headers.contains("/news/embed/*"));
        assert!(headers.contains(&format!(
            "/news/api/v1/search/shards/*\n  ! Cache-Control\n  Cache-Control: {IMMUTABLE}"
        )));
        assert!(nginx.contains(&format!(
            "\"~/api/v1/search/shards/[a-z0-9-]+\\.json$\" \"{IMMUTABLE}\";"
        )));
        assert_eq!(
            static_host_redirects(&Paths::new("/")),
            "/.gazette/*  /404.html  404!\n/*  /404.html  404\n"
        );
    }

    /// The server block sends every header by a variable the built part
    /// defines, and states no value of its own.
    #[test]
    fn the_server_block_sends_what_the_build_defines() {
        let nginx = nginx_http(&boot()).unwrap();
        let site = fs::read_to_string(root().join("deploy/nginx/gazette-site.conf")).unwrap();
        let headers: Vec<&str> = site
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("add_header"))
            .collect();
        assert_eq!(headers.len(), 8, "{headers:?}");
        for line in headers {
            let words: Vec<&str> = line.split_whitespace().collect();
            let [_, name, value, "always;"] = words.as_slice() else {
                panic!("{line}: add_header NAME $variable always;");
            };
            let variable = value.strip_prefix('$').unwrap_or_else(|| {
                assert!(*name == "X-Content-Type-Options" && *value == "nosniff");
                ""
            });
            if !variable.is_empty() {
                assert!(
                    nginx.contains(&format!(" ${variable} {{")),
                    "{name}: ${variable}"
                );
            }
        }
    }

    #[test]
    fn a_value_nginx_would_misread_is_refused() {
        for bad in ["a\"b", "a$b", "a${b}", "a\\b", "a\nb", "a\rb", "a\u{0}b"] {
            assert!(nginx_string(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            nginx_string("'self' https:; a=()").unwrap(),
            "\"'self' https:; a=()\""
        );
        assert_eq!(regex_literal("embed/a.b+"), r"embed/a\.b\+");
        assert!(NGINX_HTTP.starts_with(STATE_DIR));
    }
}
