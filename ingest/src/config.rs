//! `gazette.toml`: the one file a newsroom edits to make the site its own
//! (name, tagline, footer, origin, base path, language, theme, content).
//! Read and validated at build time; what the app needs reaches it through
//! the build (each page carries the site's identity, see
//! `gazette_contract::site::SiteIdentity`), and the theme becomes CSS custom properties.
//! Every field is documented in the README, "Configure your site".

use anyhow::{anyhow, bail, Context, Result};
use gazette_contract::paths::Paths;
use gazette_contract::site::{Language, SiteIdentity};
use gazette_contract::NonEmpty;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file the build reads: `GAZETTE_CONFIG`, or `gazette.toml` at the
/// project root.
pub fn path(root: &Path) -> PathBuf {
    path_from(root, std::env::var_os("GAZETTE_CONFIG"))
}

/// [`path`], given the variable's value.
fn path_from(root: &Path, named: Option<std::ffi::OsString>) -> PathBuf {
    match named {
        Some(path) => root.join(path),
        None => root.join("gazette.toml"),
    }
}

/// A validated configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub name: NonEmpty,
    pub tagline: NonEmpty,
    pub footer: NonEmpty,
    /// Scheme and host, for canonical URLs, link previews, sitemap and feed.
    pub origin: Origin,
    /// The path the site is served under. When given, the build refuses
    /// to run for another (Trunk's `--public-url` must say the same).
    #[serde(default)]
    pub base: Option<Base>,
    pub language: Language,
    pub theme: Theme,
    #[serde(default)]
    pub content: ContentSource,
    /// Teasers on one page of the front page or a tag's page.
    #[serde(default)]
    pub articles_per_page: PerPage,
    #[serde(default)]
    pub navigation: Navigation,
    #[serde(default)]
    pub live: Live,
}

/// `[live]`: how open pages learn of new and changed articles.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Live {
    /// How often an open front, section, tag, author or article page asks
    /// whether its document changed: 5 to 3600 seconds, or 0 for never
    /// (20 if not given).
    #[serde(default)]
    pub poll_seconds: PollSeconds,
}

/// Seconds between an open page's checks: 0 (never) or 5 to 3600.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct PollSeconds(pub u32);

impl Default for PollSeconds {
    fn default() -> Self {
        PollSeconds(gazette_contract::site::DEFAULT_POLL_SECONDS)
    }
}

impl TryFrom<i64> for PollSeconds {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        u32::try_from(n)
            .ok()
            .filter(|n| *n == 0 || (5..=3600).contains(n))
            .map(PollSeconds)
            .ok_or_else(|| {
                format!("poll_seconds = {n}: it must be 0 (never) or between 5 and 3600")
            })
    }
}

/// `[navigation]`: what the header lists.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Navigation {
    /// The sections the header lists, by slug, in this order; left out,
    /// the biggest sections (the build checks each exists).
    pub sections: Option<Vec<gazette_contract::Slug>>,
}

/// How many teasers one listing page holds: 1 to 100 (20 if not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct PerPage(pub std::num::NonZeroUsize);

impl Default for PerPage {
    fn default() -> Self {
        PerPage(std::num::NonZeroUsize::MIN.saturating_add(19))
    }
}

impl TryFrom<i64> for PerPage {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        usize::try_from(n)
            .ok()
            .filter(|n| (1..=100).contains(n))
            .and_then(std::num::NonZeroUsize::new)
            .map(PerPage)
            .ok_or_else(|| format!("articles_per_page = {n}: it must be between 1 and 100"))
    }
}

impl Config {
    /// Reads and validates `file`. Errors name the file, and the line and
    /// field for anything wrong in it.
    pub fn load(file: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read the site configuration", file.display()))?;
        Self::parse(&text).with_context(|| file.display().to_string())
    }

    pub fn parse(text: &str) -> Result<Config> {
        let config: Config =
            toml::from_str(text).map_err(|e| anyhow!("{}", e.to_string().trim_end()))?;
        config.theme.check_contrast()?;
        Ok(config)
    }

    /// What the views show of the site.
    pub fn identity(&self) -> SiteIdentity {
        SiteIdentity {
            name: self.name.to_string(),
            tagline: self.tagline.to_string(),
            footer: self.footer.to_string(),
            language: self.language,
            logo: self
                .theme
                .logo
                .as_ref()
                .map(|l| gazette_contract::site::Logo {
                    src: l.src.0.clone(),
                    dark_src: l.dark_src.as_ref().map(|d| d.0.clone()),
                    alt: l.alt.to_string(),
                    width: l.width,
                    height: l.height,
                }),
            // The build lists them, from the content.
            sections: Vec::new(),
            preview: false,
            poll_seconds: self.live.poll_seconds.0,
        }
    }

    /// The base path to build for: Trunk's `public_url` (`TRUNK_PUBLIC_URL`),
    /// which must agree with `base` when the file gives one.
    pub fn paths(&self, trunk_public_url: &str) -> Result<Paths> {
        let trunk = Paths::new(trunk_public_url);
        if let Some(Base(base)) = &self.base {
            let wanted = Paths::new(base);
            if wanted.base() != trunk.base() {
                bail!(
                    "base = {base:?}, but Trunk is building for {trunk_public_url:?}: run `trunk build --public-url {base}`, or change `base`"
                );
            }
        }
        Ok(trunk)
    }
}

/// `https://host[:port]` or `http://…`, with no path, query or fragment.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Origin(pub String);

impl TryFrom<String> for Origin {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let explain = || {
            format!("{text:?} is not an origin: write the scheme and host only, like \"https://news.example\"")
        };
        match http_parts(&text) {
            Some((_, "")) => Ok(Origin(text.trim_end_matches('/').to_owned())),
            _ => Err(explain()),
        }
    }
}

/// An `http://` or `https://` address split after its host: the host (a
/// name or address, with a port) and the path after its `/`, if any.
fn http_parts(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    host_ok.then_some((host, path))
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A base path such as `/` or `/news/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Base(pub String);

impl TryFrom<String> for Base {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        // Between the slashes, names: no empty, `.` or `..` segment.
        let inner = text.strip_prefix('/').and_then(|t| t.strip_suffix('/'));
        let valid = text == "/"
            || inner.is_some_and(|inner| {
                inner.split('/').all(|segment| {
                    !segment.is_empty()
                        && segment != "."
                        && segment != ".."
                        && segment
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                })
            });
        if valid {
            Ok(Base(text))
        } else {
            Err(format!(
                "{text:?} is not a base path: it starts and ends with \"/\", like \"/\" or \"/news/\""
            ))
        }
    }
}

/// A path on this site, like `/images/logo.svg` (the contract's rule for
/// site paths: `gazette_contract::is_site_path`).
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct SitePath(pub String);

impl TryFrom<String> for SitePath {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        if gazette_contract::is_site_path(&text) {
            Ok(SitePath(text))
        } else {
            Err(format!(
                "{text:?} is not a path on this site: write it like \"/images/logo.svg\""
            ))
        }
    }
}

/// Where the articles come from: a folder of article JSON files, or a
/// WordPress site (exactly one of `articles` and `wordpress`).
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "ContentTable")]
pub enum ContentSource {
    /// A folder of article JSON files, relative to the project root.
    Articles(PathBuf),
    /// A WordPress site whose REST API is read at build time.
    WordPress(WordPressSite),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContentTable {
    articles: Option<PathBuf>,
    wordpress: Option<WordPressSite>,
}

impl TryFrom<ContentTable> for ContentSource {
    type Error = String;
    fn try_from(table: ContentTable) -> Result<Self, String> {
        match (table.articles, table.wordpress) {
            (Some(folder), None) => Ok(ContentSource::Articles(folder)),
            (None, Some(site)) => Ok(ContentSource::WordPress(site)),
            (None, None) => Ok(ContentSource::default()),
            (Some(_), Some(_)) => Err(
                "[content] takes either articles (a folder) or wordpress (a site), not both".into(),
            ),
        }
    }
}

impl Default for ContentSource {
    fn default() -> Self {
        ContentSource::Articles(PathBuf::from("content/articles"))
    }
}

/// A WordPress site's address: `http(s)://host[:port][/path]`, with no
/// query or fragment, kept without a trailing slash.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct WordPressSite(String);

impl WordPressSite {
    /// Its scheme and host, without the path a site may live under.
    pub fn origin(&self) -> &str {
        match http_parts(&self.0) {
            Some((_, path)) if !path.is_empty() => &self.0[..self.0.len() - path.len() - 1],
            _ => &self.0,
        }
    }
}

impl TryFrom<String> for WordPressSite {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let explain = || {
            format!("{text:?} is not a WordPress site's address: write it like \"https://news.example\"")
        };
        match http_parts(&text) {
            Some((_, path))
                if !path.contains(['?', '#'])
                    && !path.chars().any(gazette_contract::is_unsafe_in_url) =>
            {
                Ok(WordPressSite(text.trim_end_matches('/').to_owned()))
            }
            _ => Err(explain()),
        }
    }
}

impl fmt::Display for WordPressSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A CSS colour written `#rgb` or `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct Colour([u8; 3]);

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let explain = || format!("{text:?} is not a colour: write it as \"#rrggbb\" or \"#rgb\"");
        let hex = text.strip_prefix('#').ok_or_else(explain)?;
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()
            .ok_or_else(explain)?;
        match digits.as_slice() {
            [r, g, b] => Ok(Colour([r * 17, g * 17, b * 17])),
            [r1, r2, g1, g2, b1, b2] => Ok(Colour([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2])),
            _ => Err(explain()),
        }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Colour {
    /// WCAG 2 relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// The colours of one scheme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Kickers, the site name, quote rules and the chart's line.
    pub accent: Colour,
    /// Links, buttons and the focus ring.
    pub link: Colour,
    pub text: Colour,
    pub background: Colour,
}

/// The site's wordmark: shown in the header instead of the name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// A path on the site, e.g. "/images/logo.svg" (files in `public/images`).
    pub src: SitePath,
    /// The wordmark for the dark scheme, if it needs other colours there.
    pub dark_src: Option<SitePath>,
    /// What the logo says, for readers who cannot see it: usually the
    /// site's name.
    pub alt: NonEmpty,
    /// The image's size in pixels (an SVG's `width` and `height`): the page
    /// keeps the logo's room before the file arrives, so the header does not
    /// move when it does. The dark version has the same size.
    pub width: std::num::NonZeroU32,
    pub height: std::num::NonZeroU32,
}

/// The site's look: CSS custom properties over the stylesheet's defaults.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    // The light scheme's colours, at the top of the table (not a flattened
    // `Scheme`: flattening would lose the line of a mistake).
    pub accent: Colour,
    pub link: Colour,
    pub text: Colour,
    pub background: Colour,
    pub dark: Scheme,
    /// CSS font stacks.
    pub heading_font: Option<NonEmpty>,
    pub body_font: Option<NonEmpty>,
    pub logo: Option<Logo>,
}

/// WCAG AA for body text.
pub const MIN_CONTRAST: f64 = 4.5;

impl Theme {
    pub fn light(&self) -> Scheme {
        Scheme {
            accent: self.accent,
            link: self.link,
            text: self.text,
            background: self.background,
        }
    }

    /// Every text/background pair the stylesheet uses, in both schemes,
    /// must meet WCAG AA; the error names each pair that does not.
    fn check_contrast(&self) -> Result<()> {
        let mut failures = Vec::new();
        for (scheme, colours) in [("theme", &self.light()), ("theme.dark", &self.dark)] {
            for (name, colour) in [
                ("text", colours.text),
                ("link", colours.link),
                ("accent", colours.accent),
            ] {
                let ratio = colour.contrast(colours.background);
                if ratio < MIN_CONTRAST {
                    failures.push(format!(
                        "[{scheme}] {name} {colour} on background {} has contrast {ratio:.2}:1; WCAG AA needs at least {MIN_CONTRAST}:1",
                        colours.background
                    ));
                }
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            bail!("{}", failures.join("\n"))
        }
    }

    /// The theme as CSS, appended after the stylesheet so it wins.
    pub fn css(&self) -> String {
        let scheme = |s: &Scheme| {
            format!(
                "--accent:{a};--chart-line:{a};--link:{l};--focus:{l};--text:{t};--bg:{b};",
                a = s.accent,
                l = s.link,
                t = s.text,
                b = s.background
            )
        };
        let mut fonts = String::new();
        if let Some(font) = &self.body_font {
            fonts.push_str(&format!("--serif:{};", css_value(font.as_str())));
        }
        if let Some(font) = &self.heading_font {
            fonts.push_str(&format!("--heading:{};", css_value(font.as_str())));
        }
        // Colours for screens only: print keeps the stylesheet's black on white.
        let fonts = if fonts.is_empty() {
            fonts
        } else {
            format!(":root{{{fonts}}}\n")
        };
        format!(
            "\n/* Theme from the site configuration (gazette.toml). */\n{fonts}@media screen{{:root{{{}}}}}\n@media screen and (prefers-color-scheme: dark){{:root{{{}}}}}\n",
            scheme(&self.light()),
            scheme(&self.dark)
        )
    }
}

/// A font stack as a CSS value: names, spaces, commas and hyphens only
/// (family names need no quotes), so the configuration cannot end the
/// declaration or the rule, or open a string.
fn css_value(stack: &str) -> String {
    stack
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '-'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_root as root;

    const VALID: &str = r##"
name = "Portal"
tagline = "Vesti"
footer = "Portal"
origin = "https://portal.example"
language = "sr-Latn"

[theme]
accent = "#8a1c1c"
link = "#0b5394"
text = "#1b1b1b"
background = "#fbfaf7"

[theme.dark]
accent = "#ff8a80"
link = "#8cc4ff"
text = "#e9e6df"
background = "#16181c"
"##;

    fn error(text: &str) -> String {
        format!(
            "{:#}",
            Config::parse(text).err().map_or(anyhow!("accepted"), |e| e)
        )
    }

    #[test]
    fn navigation_names_sections_by_slug() {
        let chosen = Config::parse(&format!(
            "{VALID}\n[navigation]\nsections = [\"politika\", \"bezbednost\"]\n"
        ))
        .unwrap_or_else(|e| panic!("{e:#}"));
        let slugs: Vec<String> = chosen
            .navigation
            .sections
            .unwrap_or_default()
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(slugs, ["politika", "bezbednost"]);
        assert!(Config::parse(VALID).is_ok_and(|c| c.navigation.sections.is_none()));
        for (bad, says) in [
            ("sections = [\"Politika\"]", "slug"),
            ("sections = \"politika\"", "sequence"),
            ("menu = [\"politika\"]", "unknown field `menu`"),
        ] {
            let message = error(&format!("{VALID}\n[navigation]\n{bad}\n"));
            assert!(message.contains(says), "{bad}: {message}");
            assert!(message.contains("line 21"), "{bad}: {message}");
        }
    }

    #[test]
    fn live_polling_is_never_or_5_to_3600_seconds() {
        let poll = |text: &str| Config::parse(text).map(|c| c.identity().poll_seconds);
        assert_eq!(poll(VALID).ok(), Some(20));
        for (seconds, expected) in [
            (0, Some(0)),
            (5, Some(5)),
            (3600, Some(3600)),
            (60, Some(60)),
        ] {
            let text = format!("{VALID}\n[live]\npoll_seconds = {seconds}\n");
            assert_eq!(poll(&text).ok(), expected, "{seconds}");
        }
        for bad in [
            "poll_seconds = 4",
            "poll_seconds = 3601",
            "poll_seconds = -1",
            "every = 5",
        ] {
            let message = error(&format!("{VALID}\n[live]\n{bad}\n"));
            assert!(
                message.contains("poll_seconds") || message.contains("unknown field `every`"),
                "{bad}: {message}"
            );
            assert!(message.contains("line 21"), "{bad}: {message}");
        }
    }

    #[test]
    fn the_sample_sites_configurations_are_valid() {
        for file in [
            "gazette.toml",
            "sites/sr-latn.toml",
            "sites/sr-cyrl.toml",
            "sites/sq.toml",
        ] {
            let config = Config::load(&root().join(file)).unwrap_or_else(|e| panic!("{e:#}"));
            assert!(!config.name.as_str().is_empty());
        }
        let sample = Config::load(&root().join("gazette.toml")).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            sample.identity(),
            SiteIdentity::default(),
            "the sample reproduces today's site"
        );
        assert!(Config::parse(VALID).is_ok());
        assert_eq!(sample.articles_per_page.0.get(), 20, "the default");
        let small = Config::parse(&format!("articles_per_page = 7\n{VALID}"))
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(small.articles_per_page.0.get(), 7);
    }

    #[test]
    fn mistakes_are_explained_with_the_field_and_line() {
        for (broken, expected) in [
            (
                VALID.replace("name = ", "nme = "),
                vec!["unknown field `nme`", "line 2"],
            ),
            (
                VALID.replace("[theme.dark]", "colour = \"red\"\n[theme.dark]"),
                vec!["unknown field `colour`"],
            ),
            (
                VALID.replace("\"#8a1c1c\"", "\"red\""),
                vec!["\"red\" is not a colour", "line 9"],
            ),
            (
                VALID.replace("\"#0b5394\"", "\"#0b539\""),
                vec!["not a colour"],
            ),
            (
                VALID.replace("https://portal.example", "portal.example"),
                vec!["not an origin", "line 5"],
            ),
            (
                VALID.replace("https://portal.example", "https://portal.example/news"),
                vec!["not an origin"],
            ),
            (
                VALID.replace("\"sr-Latn\"", "\"klingon\""),
                vec!["klingon", "`en`, `sr-Latn`, `sr-Cyrl`, `sq`", "line 6"],
            ),
            (
                VALID.replace("\"Vesti\"", "\"  \""),
                vec!["must not be empty", "line 3"],
            ),
            (
                VALID.replace("language = \"sr-Latn\"\n", ""),
                vec!["missing field `language`"],
            ),
            (
                format!("base = \"news\"\n{VALID}"),
                vec!["not a base path", "line 1"],
            ),
            (
                format!("articles_per_page = 0\n{VALID}"),
                vec![
                    "articles_per_page = 0: it must be between 1 and 100",
                    "line 1",
                ],
            ),
            (
                format!("articles_per_page = 101\n{VALID}"),
                vec!["between 1 and 100"],
            ),
            (
                format!("articles_per_page = -5\n{VALID}"),
                vec!["between 1 and 100"],
            ),
            (
                format!("articles_per_page = \"20\"\n{VALID}"),
                vec!["articles_per_page", "line 1"],
            ),
            (
                format!("{VALID}\n[theme.logo]\nsrc = \"javascript:alert(1)\"\nalt = \"x\"\nwidth = 10\nheight = 10\n"),
                vec!["not a path on this site"],
            ),
            // A logo's size is what keeps its room before it arrives.
            (
                format!("{VALID}\n[theme.logo]\nsrc = \"/images/l.svg\"\nalt = \"x\"\n"),
                vec!["missing field `width`"],
            ),
            (
                format!("{VALID}\n[theme.logo]\nsrc = \"/images/l.svg\"\nalt = \"x\"\nwidth = 236\n"),
                vec!["missing field `height`"],
            ),
            (
                format!("{VALID}\n[theme.logo]\nsrc = \"/images/l.svg\"\nalt = \"x\"\nwidth = 0\nheight = 32\n"),
                vec!["width", "nonzero"],
            ),
            (
                format!("{VALID}\n[theme.logo]\nsrc = \"/images/l.svg\"\nalt = \"x\"\nwidth = 236\nheight = -1\n"),
                vec!["height"],
            ),
            (
                format!("{VALID}\n[theme.logo]\nsrc = \"//evil.example/x.svg\"\nalt = \"x\"\nwidth = 10\nheight = 10\n"),
                vec!["not a path on this site"],
            ),
        ] {
            let message = error(&broken);
            for needle in expected {
                assert!(message.contains(needle), "{needle:?} not in: {message}");
            }
        }
    }

    #[test]
    fn every_colour_of_both_schemes_is_checked_against_its_background() {
        // Each pair in turn made too pale, the others left good: every one
        // must be refused on its own, by name.
        for (scheme, name, good, pale) in [
            ("theme", "text", "#1b1b1b", "#bbbbbb"),
            ("theme", "link", "#0b5394", "#aabbcc"),
            ("theme", "accent", "#8a1c1c", "#e8b0b0"),
            ("theme.dark", "text", "#e9e6df", "#3a3a3a"),
            ("theme.dark", "link", "#8cc4ff", "#203850"),
            ("theme.dark", "accent", "#ff8a80", "#502020"),
        ] {
            let (light, dark) = VALID.split_at(VALID.find("[theme.dark]").unwrap_or(0));
            let text = if scheme == "theme" {
                format!(
                    "{}{dark}",
                    light.replace(
                        &format!("{name} = \"{good}\""),
                        &format!("{name} = \"{pale}\"")
                    )
                )
            } else {
                format!(
                    "{light}{}",
                    dark.replace(
                        &format!("{name} = \"{good}\""),
                        &format!("{name} = \"{pale}\"")
                    )
                )
            };
            assert_ne!(text, VALID, "{scheme} {name}: the test changed nothing");
            let message = error(&text);
            assert!(
                message.contains(&format!("[{scheme}] {name} {pale}")),
                "{scheme} {name}: {message}"
            );
            assert_eq!(message.lines().count(), 1, "only that pair: {message}");
        }
        // A background that fails every colour names all three.
        let message = error(&VALID.replace("background = \"#fbfaf7\"", "background = \"#777777\""));
        for name in ["text", "link", "accent"] {
            assert!(
                message.contains(&format!("[theme] {name} ")),
                "{name}: {message}"
            );
        }
    }

    #[test]
    fn a_theme_that_fails_contrast_is_refused_naming_the_pair_and_ratio() {
        let pale = VALID.replace("link = \"#0b5394\"", "link = \"#9ab\"");
        let message = error(&pale);
        assert!(
            message.contains("[theme] link #99aabb on background #fbfaf7"),
            "{message}"
        );
        assert!(
            message.contains("2.2") && message.contains("4.5:1"),
            "{message}"
        );
        let dark = VALID.replace("text = \"#e9e6df\"", "text = \"#333333\"");
        let message = error(&dark);
        assert!(
            message.contains("[theme.dark] text #333333 on background #16181c"),
            "{message}"
        );
        // WCAG's own reference points.
        let black = Colour([0, 0, 0]);
        let white = Colour([255, 255, 255]);
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((Colour([0x76, 0x76, 0x76]).contrast(white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn the_configuration_is_read_from_the_file_the_variable_names() {
        let root = Path::new("/project");
        assert_eq!(path_from(root, None), Path::new("/project/gazette.toml"));
        assert_eq!(
            path_from(root, Some("sites/sq.toml".into())),
            Path::new("/project/sites/sq.toml")
        );
        assert_eq!(
            path_from(root, Some("/etc/gazette.toml".into())),
            Path::new("/etc/gazette.toml")
        );
    }

    /// The views get the configuration's own name, tagline, footer,
    /// language and logo (the sample's are the defaults, so another site's).
    #[test]
    fn the_site_identity_is_the_configurations() {
        let config = Config::parse(&format!(
            "{VALID}\n[theme.logo]\nsrc = \"/images/logo.svg\"\nalt = \"Portal\"\nwidth = 236\nheight = 32\n"
        ));
        let config = config.unwrap_or_else(|e| panic!("{e:#}"));
        let identity = config.identity();
        assert_eq!(
            (
                identity.name.as_str(),
                identity.tagline.as_str(),
                identity.footer.as_str()
            ),
            ("Portal", "Vesti", "Portal")
        );
        assert_eq!(identity.language.tag(), "sr-Latn");
        let logo = identity.logo.unwrap_or_else(|| panic!("no logo"));
        assert_eq!(
            (logo.src.as_str(), logo.alt.as_str()),
            ("/images/logo.svg", "Portal")
        );
        assert_eq!((logo.width.get(), logo.height.get()), (236, 32));
        assert_eq!(
            Origin::try_from("https://portal.example".to_owned()).map(|o| o.to_string()),
            Ok("https://portal.example".to_owned())
        );
    }

    /// WCAG 2's formula, on both sides of its knee (a channel at or below
    /// 10/255 is divided, above it raised to 2.4).
    #[test]
    fn contrast_follows_wcag_for_dark_and_light_channels() {
        let white = Colour([255, 255, 255]);
        for (grey, expected) in [(0x00, 21.0), (0x0a, 19.80), (0x76, 4.54), (0xff, 1.0)] {
            let ratio = Colour([grey, grey, grey]).contrast(white);
            assert!((ratio - expected).abs() < 0.01, "#{grey:02x}: {ratio}");
        }
        // Channels weigh differently: pure green is lighter than pure blue.
        let (green, blue) = (Colour([0, 0x08, 0]), Colour([0, 0, 0x08]));
        assert!(green.contrast(Colour([0, 0, 0])) > blue.contrast(Colour([0, 0, 0])));
    }

    #[test]
    fn the_theme_css_sets_both_schemes_and_cannot_escape_its_rule() {
        let mut config = Config::parse(VALID).unwrap_or_else(|e| panic!("{e:#}"));
        config.theme.body_font = Some(
            NonEmpty::try_from("Inter}; body{display:none".to_owned())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        config.theme.heading_font = Some(
            NonEmpty::try_from("\"Noto Serif\", Georgia, serif".to_owned())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let css = config.theme.css();
        // The fonts kept, as names, spaces, commas and hyphens.
        assert!(
            css.contains(
                ":root{--serif:Inter bodydisplaynone;--heading:Noto Serif, Georgia, serif;}"
            ),
            "{css}"
        );
        assert!(css.contains("--link:#0b5394;"), "{css}");
        assert!(
            css.contains("@media screen and (prefers-color-scheme: dark){:root{--accent:#ff8a80;"),
            "{css}"
        );
        assert!(
            css.contains("@media screen{:root{--accent:#8a1c1c;"),
            "{css}"
        );
        // One rule for the fonts, two for the colours, and nothing else.
        assert!(
            !css.contains("display:none") && css.matches('}').count() == 5,
            "{css}"
        );
    }

    #[test]
    fn a_base_path_is_names_between_slashes() {
        for good in ["/", "/news/", "/a/b-c_d.e/", "/v1.2/"] {
            assert!(Base::try_from(good.to_owned()).is_ok(), "{good}");
        }
        for bad in [
            "",
            "news",
            "/news",
            "news/",
            "//",
            "///",
            "/news//",
            "//news/",
            "/a//b/",
            "/../",
            "/./",
            "/news/../",
            "/news/./x/",
            "/a b/",
            "/news\n/",
            "/news/*/",
            "/new:s/",
            "/%2e%2e/",
            "/ü/",
        ] {
            assert!(Base::try_from(bad.to_owned()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_base_must_agree_with_trunks() {
        let config = Config::parse(&format!("base = \"/news/\"\n{VALID}"))
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            config.paths("/news/").map(|p| p.home()).ok(),
            Some("/news/".into())
        );
        let message = format!(
            "{:#}",
            config.paths("/").err().map_or(anyhow!("accepted"), |e| e)
        );
        assert!(message.contains("--public-url /news/"), "{message}");
        let any = Config::parse(VALID).unwrap_or_else(|e| panic!("{e:#}"));
        assert!(any.paths("/news/").is_ok() && any.paths("/").is_ok());
    }

    #[test]
    fn content_comes_from_a_folder_or_a_wordpress_site_not_both() {
        let with = |content: &str| format!("{VALID}\n[content]\n{content}\n");
        let source = |content: &str| Config::parse(&with(content)).map(|c| c.content);
        assert!(matches!(
            source("wordpress = \"https://news.example/blog/\""),
            Ok(ContentSource::WordPress(site))
                if site.to_string() == "https://news.example/blog" && site.origin() == "https://news.example"
        ));
        assert!(matches!(
            source("articles = \"content/articles\""),
            Ok(ContentSource::Articles(_))
        ));
        assert!(
            error(&with("articles = \"a\"\nwordpress = \"https://n.example\""))
                .contains("not both")
        );
        for bad in [
            "ftp://news.example",
            "news.example",
            "https://",
            "https://news.example/?p=1",
            "https://news.example/#x",
            "https://news example",
            "javascript:alert(1)",
        ] {
            assert!(
                error(&with(&format!("wordpress = \"{bad}\""))).contains("is not a WordPress site"),
                "{bad}"
            );
        }
    }
}
