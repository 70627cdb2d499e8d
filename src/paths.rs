//! Where things live: every URL the app builds, for pages and for data,
//! honours the base path the build is deployed under (e.g. `/news`).

use crate::model::{SafeUrl, Slug};

/// The deployment's URL layout. Provided as context by [`crate::app::App`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// The base path without a trailing slash: `""` at the root, `"/news"` under a sub-path.
    base: String,
}

impl Paths {
    /// `base` as written in `<base href>`: `/`, `/news/`, `/news` or empty.
    pub fn new(base: &str) -> Self {
        let trimmed = base.trim_end_matches('/');
        let base = if trimmed.is_empty() {
            String::new()
        } else if trimmed.starts_with('/') {
            trimmed.to_owned()
        } else {
            format!("/{trimmed}")
        };
        Self { base }
    }

    /// The router's base (`""` or `/news`).
    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn home(&self) -> String {
        format!("{}/", self.base)
    }

    pub fn article(&self, slug: &Slug) -> String {
        format!("{}/articles/{slug}", self.base)
    }

    pub fn tag(&self, slug: &Slug) -> String {
        format!("{}/tags/{slug}", self.base)
    }

    /// The chrome-less page of one chart, for iframes.
    pub fn chart_embed(&self, article: &Slug, chart: &Slug) -> String {
        format!("{}/embed/charts/{article}/{chart}", self.base)
    }

    /// The host script that sizes embed iframes.
    pub fn embed_script(&self) -> String {
        format!("{}/embed.js", self.base)
    }

    pub fn article_data(&self, slug: &Slug) -> String {
        format!("{}/api/v1/articles/{slug}.json", self.base)
    }

    pub fn tag_data(&self, slug: &Slug) -> String {
        format!("{}/api/v1/tags/{slug}.json", self.base)
    }

    pub fn front_data(&self) -> String {
        format!("{}/api/v1/index.json", self.base)
    }

    /// A URL from content: root-relative ones are inside this site and get
    /// the base path; absolute ones are left as they are.
    pub fn content_url(&self, url: &SafeUrl) -> String {
        if url.is_external() {
            url.as_str().to_owned()
        } else {
            format!("{}{}", self.base, url.as_str())
        }
    }
}

impl Default for Paths {
    fn default() -> Self {
        Self::new("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).unwrap()
    }

    #[test]
    fn every_url_follows_the_base_path() {
        for (base, prefix) in [("/", ""), ("", ""), ("/news/", "/news"), ("news", "/news")] {
            let p = Paths::new(base);
            assert_eq!(p.base(), prefix);
            assert_eq!(p.home(), format!("{prefix}/"));
            assert_eq!(p.article(&slug("a-b")), format!("{prefix}/articles/a-b"));
            assert_eq!(p.tag(&slug("kfor")), format!("{prefix}/tags/kfor"));
            assert_eq!(
                p.article_data(&slug("a-b")),
                format!("{prefix}/api/v1/articles/a-b.json")
            );
            assert_eq!(
                p.tag_data(&slug("kfor")),
                format!("{prefix}/api/v1/tags/kfor.json")
            );
            assert_eq!(p.front_data(), format!("{prefix}/api/v1/index.json"));
            assert_eq!(
                p.chart_embed(&slug("a-b"), &slug("c")),
                format!("{prefix}/embed/charts/a-b/c")
            );
            assert_eq!(p.embed_script(), format!("{prefix}/embed.js"));
            let img = SafeUrl::parse("/images/x.svg").unwrap();
            assert_eq!(p.content_url(&img), format!("{prefix}/images/x.svg"));
            let ext = SafeUrl::parse("https://nato.int/").unwrap();
            assert_eq!(p.content_url(&ext), "https://nato.int/");
        }
    }
}
