//! The site's identity, as the views show it: its name, tagline, footer,
//! language and logo. A newsroom sets them in `gazette.toml`; the build
//! validates the file (`config.rs`), gives them to the prerenderer and
//! writes them into every page, where the app reads them when it starts
//! (`src/site.rs`). Nothing of it is fetched.

use crate::{NonEmpty, Section, Slug};
use serde::Deserialize;

/// The `<meta name>` of the element that carries the identity in each page,
/// as `data-` attributes (read without a JSON parser: no serde code for it
/// in the WASM).
pub const SITE_META_NAME: &str = "gazette-site";

/// The languages Gazette's interface speaks (BCP 47 tags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    En,
    /// Serbian in the Latin script.
    #[serde(rename = "sr-Latn")]
    SrLatn,
    /// Serbian in the Cyrillic script.
    #[serde(rename = "sr-Cyrl")]
    SrCyrl,
    /// Albanian.
    #[serde(rename = "sq")]
    Sq,
}

impl Language {
    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::SrLatn => "sr-Latn",
            Language::SrCyrl => "sr-Cyrl",
            Language::Sq => "sq",
        }
    }

    /// The language a tag names, if Gazette speaks it.
    pub fn from_tag(tag: &str) -> Option<Language> {
        [
            Language::En,
            Language::SrLatn,
            Language::SrCyrl,
            Language::Sq,
        ]
        .into_iter()
        .find(|l| l.tag() == tag)
    }
}

/// What the views show of the site.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteIdentity {
    pub name: String,
    pub tagline: String,
    pub footer: String,
    pub language: Language,
    /// A wordmark shown instead of the name.
    pub logo: Option<Logo>,
    /// The sections the header lists, in order (`[navigation]` in
    /// gazette.toml, or the biggest sections): derived by the build.
    pub sections: Vec<Section>,
    /// A draft shown to its editor by the preview server, not a published
    /// page: the views say so.
    pub preview: bool,
    /// Seconds between an open page's checks for a newer version of its
    /// document (`[live] poll_seconds`); 0: never.
    pub poll_seconds: u32,
}

/// How often open pages check for news unless `gazette.toml` says.
pub const DEFAULT_POLL_SECONDS: u32 = 20;

/// The site's wordmark: paths on the site, its size, and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Logo {
    pub src: String,
    /// For the dark scheme, if the wordmark needs another colour there
    /// (the same size).
    pub dark_src: Option<String>,
    pub alt: String,
    /// The image's size in pixels: the page keeps its room before the file
    /// arrives, so nothing beside it moves when it does.
    pub width: std::num::NonZeroU32,
    pub height: std::num::NonZeroU32,
}

impl Logo {
    /// The logo from [`SiteIdentity::attributes`]; `None` if a part is
    /// missing, or its size is not a size: the name is shown in its place.
    fn from_attributes(get: &impl Fn(&str) -> Option<String>) -> Option<Logo> {
        let size = get("data-logo-size")?;
        let (width, height) = size.split_once('x')?;
        Some(Logo {
            src: get("data-logo")?,
            alt: get("data-logo-alt")?,
            dark_src: get("data-logo-dark"),
            width: width.parse().ok()?,
            height: height.parse().ok()?,
        })
    }
}

/// The sample site, as `gazette.toml` configures it (a test checks they
/// agree); what the app shows if a page carries no identity.
impl Default for SiteIdentity {
    fn default() -> Self {
        SiteIdentity {
            name: "Gazette".into(),
            tagline: "News and analysis".into(),
            footer: "Gazette · sample content drawn from an interview published by European Western Balkans.".into(),
            language: Language::En,
            logo: None,
            sections: Vec::new(),
            preview: false,
            poll_seconds: DEFAULT_POLL_SECONDS,
        }
    }
}

impl SiteIdentity {
    /// The identity as `(attribute, value)` pairs for the page's
    /// `<meta name="gazette-site">`; [`SiteIdentity::from_attributes`] reads
    /// them back.
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        let mut attributes = vec![
            ("data-name", self.name.clone()),
            ("data-tagline", self.tagline.clone()),
            ("data-footer", self.footer.clone()),
            ("data-language", self.language.tag().to_owned()),
        ];
        if !self.sections.is_empty() {
            // One section a line, its slug then its name: a slug holds no
            // space, and a line break in a name reads as a space.
            let lines: Vec<String> = self
                .sections
                .iter()
                .map(|s| format!("{} {}", s.slug, s.name.as_str().replace(['\r', '\n'], " ")))
                .collect();
            attributes.push(("data-sections", lines.join("\n")));
        }
        if self.preview {
            attributes.push(("data-preview", "draft".to_owned()));
        }
        // Always written: the loader reads it too (public/boot.js).
        attributes.push(("data-poll", self.poll_seconds.to_string()));
        if let Some(logo) = &self.logo {
            attributes.push(("data-logo", logo.src.clone()));
            attributes.push(("data-logo-alt", logo.alt.clone()));
            attributes.push(("data-logo-size", format!("{}x{}", logo.width, logo.height)));
            if let Some(dark) = &logo.dark_src {
                attributes.push(("data-logo-dark", dark.clone()));
            }
        }
        attributes
    }

    /// The identity from its attributes; `None` if one is missing.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Option<SiteIdentity> {
        Some(SiteIdentity {
            name: get("data-name")?,
            tagline: get("data-tagline")?,
            footer: get("data-footer")?,
            language: Language::from_tag(&get("data-language")?)?,
            logo: Logo::from_attributes(&get),
            sections: get("data-sections")
                .map(|lines| {
                    lines
                        .lines()
                        .filter_map(|line| {
                            let (slug, name) = line.split_once(' ')?;
                            Some(Section {
                                slug: Slug::parse(slug).ok()?,
                                name: NonEmpty::try_from(name.to_owned()).ok()?,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default(),
            preview: get("data-preview").is_some_and(|v| v == "draft"),
            poll_seconds: match get("data-poll") {
                Some(seconds) => seconds.parse().ok()?,
                None => DEFAULT_POLL_SECONDS,
            },
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code
mod tests {
    use super::*;

    #[test]
    fn an_identity_reads_back_from_its_attributes() {
        let mut site = SiteIdentity::default();
        for language in [
            Language::En,
            Language::SrLatn,
            Language::SrCyrl,
            Language::Sq,
        ] {
            site.language = language;
            // A preview's pages say so; published pages carry nothing.
            site.preview = matches!(language, Language::SrLatn | Language::Sq);
            site.poll_seconds = match language {
                Language::En => DEFAULT_POLL_SECONDS,
                Language::SrLatn => 0,
                _ => 5,
            };
            site.logo = Some(Logo {
                src: "/images/a.svg".into(),
                dark_src: (language == Language::Sq).then(|| "/images/b.svg".into()),
                alt: "A \"logo\" & more".into(),
                width: std::num::NonZeroU32::new(236).unwrap(),
                height: std::num::NonZeroU32::MIN,
            });
            let section = |slug: &str, name: &str| Section {
                slug: Slug::parse(slug).unwrap(),
                name: NonEmpty::try_from(name.to_owned()).unwrap(),
            };
            site.sections = match language {
                Language::En => vec![],
                Language::Sq => vec![section("a", "Siguria & \"Politika\"")],
                _ => vec![
                    section("politika", "Политика у Србији"),
                    section("b-2", "B  c"),
                ],
            };
            let attributes = site.attributes();
            let get = |name: &str| {
                attributes
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.clone())
            };
            assert_eq!(SiteIdentity::from_attributes(get), Some(site.clone()));
            assert_eq!(get("data-preview").is_some(), site.preview);
            assert_eq!(get("data-poll"), Some(site.poll_seconds.to_string()));
        }
        assert_eq!(Language::from_tag("sr"), None);
        assert_eq!(SiteIdentity::from_attributes(|_| None), None);
        // A line break in a section's name is a space in the header.
        site.sections = vec![Section {
            slug: Slug::parse("a").unwrap(),
            name: NonEmpty::try_from("One\r\ntwo".to_owned()).unwrap(),
        }];
        let attributes = site.attributes();
        let read = SiteIdentity::from_attributes(|name| {
            attributes
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        })
        .unwrap();
        assert_eq!(read.sections[0].name.as_str(), "One  two");
        // A logo whose size is missing or not a size is left out; the rest
        // of the identity stays.
        for size in [
            None,
            Some(""),
            Some("236"),
            Some("0x32"),
            Some("236x-1"),
            Some("x"),
        ] {
            let read = SiteIdentity::from_attributes(|name| match name {
                "data-logo-size" => size.map(str::to_owned),
                _ => attributes
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.clone()),
            })
            .unwrap();
            assert_eq!((read.logo, &read.name), (None, &site.name), "{size:?}");
        }
    }
}
