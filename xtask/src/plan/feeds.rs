//! The Atom feed of the newest articles.

use super::xml::{xml_chars, xml_document, xml_text};
use super::{absolute, site_file};
use crate::build::Settings;
use crate::content::Model;
use anyhow::Result;
use gazette::model::{Article, Byline};
use gazette::routes::Collection;

/// Entries in the feed: the newest articles (a feed reader polls it often,
/// and the whole archive is in the sitemap).
pub const FEED_ENTRIES: usize = 50;

/// The Atom feed: the [`FEED_ENTRIES`] newest articles, newest first.
pub fn feed(site: &Model, settings: &Settings) -> Result<String> {
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
                        // Each author by name, a person with the address of
                        // their page; the section as a category whose term
                        // and scheme make its page's address.
                        let authors: Vec<(&str, Option<String>)> = match &a.byline {
                            Byline::Authors(people) => people
                                .iter()
                                .map(|p| {
                                    let page = p.slug.as_ref().map(|s| {
                                        absolute(settings, &paths.collection(Collection::Author, s))
                                    });
                                    (p.name.as_str(), page)
                                })
                                .collect(),
                            Byline::Organisation(name) => vec![(name.as_str(), None)],
                        };
                        for (name, page) in authors {
                            w.create_element("author").write_inner_content(|w| {
                                w.create_element("name")
                                    .write_text_content(xml_text(name))?;
                                if let Some(page) = &page {
                                    w.create_element("uri").write_text_content(xml_text(page))?;
                                }
                                Ok(())
                            })?;
                        }
                        if let Some(slug) = &a.section_slug {
                            let scheme = absolute(
                                settings,
                                &format!("{}/{}/", paths.base(), Collection::Section.folder()),
                            );
                            w.create_element("category")
                                .with_attributes([
                                    ("term", slug.as_str()),
                                    ("scheme", scheme.as_str()),
                                    ("label", xml_chars(a.section.as_str()).as_str()),
                                ])
                                .write_empty()?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use crate::plan::pages;
    use crate::plan::sitemaps::{sitemaps, SITEMAP_URLS};
    use crate::project_root as root;

    #[test]
    fn feed_and_sitemap_stay_well_formed_xml_whatever_the_headline() {
        let mut site = content::sample(&root()).unwrap();
        let settings = Settings::for_tests("/");
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
            doc["section"] = headline.into();
            doc["byline"] = serde_json::json!({"authors": [{"name": headline, "slug": "a-b"}]});
            *article = serde_json::from_value(doc).unwrap();
        }
        let feed = feed(&site, &settings).unwrap();
        // Authors link their pages, sections are categories whose term and
        // scheme make their page's address.
        assert!(
            feed.contains("<uri>https://news.example/authors/a-b</uri>"),
            "{feed}"
        );
        assert!(
            feed.contains(r#"<category term="security" scheme="https://news.example/sections/" label="Security"/>"#),
            "{feed}"
        );
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
}
