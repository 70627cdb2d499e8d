//! Small validated string types: they can only hold values the app may use.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A URL-safe identifier for an article or a tag: `a-z`, `0-9` and single
/// hyphens, at most 96 characters. Anything that could escape a path
/// (`..`, `/`, `%`, quotes, unicode look-alikes) cannot be a `Slug`, so a
/// `Slug` can be put into a fetch URL as it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 96;
    /// [`Slug::parse`]'s rule as a regular expression, for the loader
    /// (`public/boot.js`, through the build) and the schema (`schema/`).
    pub const PATTERN: &str = "[a-z0-9]+(?:-[a-z0-9]+)*";

    pub fn parse(s: &str) -> Result<Self, String> {
        let well_formed = !s.is_empty()
            && s.len() <= Self::MAX_LEN
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if well_formed {
            Ok(Self(s.to_owned()))
        } else {
            Err(format!("not a valid slug: {}", quoted(s)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A link or image address from content, restricted to schemes that cannot
/// run code: `https://`, `http://`, `mailto:` at the very start, or a path
/// inside this site (see [`is_site_path`]). `javascript:`, `data:`,
/// protocol-relative `//host`, `/\host` and everything else are refused
/// when the document is parsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SafeUrl(String);

impl SafeUrl {
    /// Longest accepted URL, in characters.
    pub const MAX_CHARS: usize = 2048;

    pub fn parse(s: &str) -> Result<Self, String> {
        let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
        let external = ["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme));
        // is_site_path checks the characters itself.
        let allowed = (external && !s.chars().any(is_unsafe_in_url)) || is_site_path(s);
        if allowed && s.chars().count() <= Self::MAX_CHARS {
            Ok(Self(s.to_owned()))
        } else {
            Err(format!("not an allowed URL: {}", quoted(s)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the link leaves the site (and so gets `rel="noopener noreferrer"`).
    pub fn is_external(&self) -> bool {
        !self.0.starts_with('/')
    }

    /// The host (with its port) of an `http(s)://` address; none for a
    /// path on this site or a `mailto:` address.
    pub fn host(&self) -> Option<&str> {
        let rest = self.0.split_once("://")?.1;
        rest.split(['/', '?', '#']).next()
    }
}

/// Whether `s` is a path on this site: one `/`, then anything but a second
/// `/` or a `\` (browsers read `//host` and `/\host` as another host), and
/// nothing a URL must not hold ([`is_unsafe_in_url`]). The one check for
/// every address the app takes from content, configuration or the
/// address bar; `schema/article.v1.schema.json` says the same.
pub fn is_site_path(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !s.chars().any(is_unsafe_in_url)
}

/// Characters no accepted URL holds: white space, control characters (C0,
/// DEL, C1), the byte-order mark and the backslash (which browsers take
/// for `/`).
pub fn is_unsafe_in_url(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\\' || c == '\u{feff}'
}

impl TryFrom<String> for SafeUrl {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<SafeUrl> for String {
    fn from(s: SafeUrl) -> String {
        s.0
    }
}

/// Text that must not be empty once trimmed (headlines, names, alt text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NonEmpty(String);

impl NonEmpty {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NonEmpty {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        // Blank is Unicode white space and the byte-order mark, as the
        // schema's `\s` (ECMAScript's) and U+0085 say together.
        if s.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
            Err("text must not be empty".to_owned())
        } else {
            check_length(&s)?;
            Ok(Self(s))
        }
    }
}

/// Refuses text longer than [`super::limits::MAX_TEXT_CHARS`].
fn check_length(s: &str) -> Result<(), String> {
    let max = super::limits::MAX_TEXT_CHARS;
    // Bytes first: a string of at most `max` bytes has at most `max` characters.
    if s.len() > max && s.chars().count() > max {
        Err(format!("text longer than {max} characters"))
    } else {
        Ok(())
    }
}

/// Any text, even empty, up to [`super::limits::MAX_TEXT_CHARS`] (a span's
/// text, an image's alt text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Text {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        check_length(&s)?;
        Ok(Self(s))
    }
}

impl From<Text> for String {
    fn from(s: Text) -> String {
        s.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<NonEmpty> for String {
    fn from(s: NonEmpty) -> String {
        s.0
    }
}

impl fmt::Display for NonEmpty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A BCP 47 language tag such as `en`, `sr-Latn` or `sq`: letters, then
/// hyphen-separated subtags of letters and digits. Goes into `lang` attributes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = s.split('-');
        let primary_ok = parts.next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())
        });
        let rest_ok = parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok && s.len() <= 35 {
            Ok(Self(s.to_owned()))
        } else {
            Err(format!("not a language tag: {}", quoted(s)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for LanguageTag {
    fn default() -> Self {
        Self("en".to_owned())
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<LanguageTag> for String {
    fn from(s: LanguageTag) -> String {
        s.0
    }
}

/// The first `max` characters of `s`, for error messages.
/// Refused input, shown in an error message: its first 40 characters in
/// double quotes, quotes, backslashes and control characters escaped. As
/// `{:?}` shows a string, but without the Unicode tables `{:?}` brings
/// into the WASM (it escapes every unprintable character; the messages
/// are text nodes, so only control characters need it).
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars().take(40) {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_input_is_quoted_cut_and_its_control_characters_escaped() {
        // As `{:?}` shows plain text, letters of any script included.
        for plain in ["kfor", "Вучић \"said\" a\\b", "ëç đ"] {
            assert_eq!(quoted(plain), format!("{plain:?}"));
        }
        assert_eq!(
            quoted("a\nb\u{0}\u{7f}\u{85}"),
            "\"a\\u{a}b\\u{0}\\u{7f}\\u{85}\""
        );
        assert_eq!(
            quoted(&"x".repeat(1_000)),
            format!("\"{}\"", "x".repeat(40))
        );
        // A huge refused value makes a short message.
        let huge = format!("2023-01-01T{}", "9".repeat(1_000_000));
        assert!(crate::Timestamp::parse(&huge).unwrap_err().len() < 100);
        assert!(Slug::parse(&huge).unwrap_err().len() < 100);
    }

    #[test]
    fn slugs_accept_only_lowercase_words_joined_by_single_hyphens() {
        for ok in ["kfor", "kfor-troops-1999", "a-b-c", "2023"] {
            assert!(Slug::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "-a", "a-", "a--b", "../etc", "a/b", "a%2Fb", "A", "é", "a.b", "a b", "a\"b",
            "ａ", // full-width look-alike
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert!(Slug::parse(&"a".repeat(97)).is_err());
    }

    #[test]
    fn urls_allow_only_inert_schemes() {
        for ok in [
            "https://nato.int/kfor",
            "http://x.org",
            "mailto:a@b.c",
            "/articles/x",
        ] {
            assert!(SafeUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>",
            "//evil.example/x",
            "vbscript:x",
            "https://a b",
            "https://a\nb",
            "relative/path",
            // An allowed scheme later in the string is not the URL's scheme.
            "javascript:alert(1)//https://x.org",
            "javascript://https://x.org/%0Aalert(1)",
            "data:text/html,https://x.org",
            "xhttps://x.org",
            " https://x.org",
            "\u{feff}https://x.org",
            "java\tscript:https://x.org",
            // Paths that browsers resolve to another host.
            "/\\evil.example",
            "/\\/evil.example",
            "\\\\evil.example",
            "https://x.org\\@evil.example",
            "/a\u{85}b",
            "/a\u{feff}",
        ] {
            assert!(SafeUrl::parse(bad).is_err(), "{bad}");
        }
        assert!(SafeUrl::parse(&format!("/{}", "a".repeat(2047))).is_ok());
        assert!(SafeUrl::parse(&format!("/{}", "é".repeat(2047))).is_ok());
        assert!(SafeUrl::parse(&format!("/{}", "a".repeat(2048))).is_err());
        assert!(SafeUrl::parse("https://x.org").is_ok_and(|u| u.is_external()));
        assert!(SafeUrl::parse("/tags/kfor").is_ok_and(|u| !u.is_external()));
        let host = |s: &str| {
            SafeUrl::parse(s)
                .ok()
                .and_then(|u| u.host().map(str::to_owned))
        };
        assert_eq!(
            host("https://www.youtube.com/watch?v=x").as_deref(),
            Some("www.youtube.com")
        );
        assert_eq!(
            host("http://127.0.0.1:4190#a").as_deref(),
            Some("127.0.0.1:4190")
        );
        assert_eq!(host("https://x.com?q=1").as_deref(), Some("x.com"));
        assert_eq!(host("/tags/kfor"), None);
        assert_eq!(host("mailto:desk@gazette.example"), None);
    }

    #[test]
    fn language_tags_are_bcp47_shaped() {
        for ok in ["en", "sr", "sr-Latn", "sq-AL", "de-CH-1996"] {
            assert!(LanguageTag::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "e",
            "english",
            "en_GB",
            "en-",
            "\"en",
            "en-toolongsubtag",
        ] {
            assert!(LanguageTag::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn non_empty_rejects_blank_text() {
        assert!(NonEmpty::try_from("  ".to_owned()).is_err());
        assert!(NonEmpty::try_from("Vučić".to_owned()).is_ok_and(|t| t.as_str() == "Vučić"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn an_accepted_url_has_an_allowed_scheme(s in "\\PC{0,40}|(javascript|data|vbscript|https?|mailto)?:?/{0,3}[a-z<>\"' ]{0,10}|[a-z:/\\\\ ]{0,12}(https?://|mailto:)[a-z./\\\\]{0,10}") {
                if let Ok(url) = SafeUrl::parse(&s) {
                    let lower = url.as_str().to_ascii_lowercase();
                    prop_assert!(
                        lower.starts_with("https://") || lower.starts_with("http://")
                            || lower.starts_with("mailto:")
                            || (lower.starts_with('/') && !lower.starts_with("//") && !lower.starts_with("/\\"))
                    );
                    prop_assert!(!url.as_str().contains(char::is_whitespace));
                    prop_assert!(!url.as_str().contains('\\'));
                }
            }
        }
    }
}
