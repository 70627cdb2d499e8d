//! What search engines read: the sitemaps, Google News's sitemap and
//! robots.txt.

use super::xml::{xml_document, xml_text};
use super::{absolute, host, site_file, SiteFile};
use crate::build::Settings;
use crate::content::Model;
use anyhow::Result;
use gazette::model::Article;

/// The sitemaps.org protocol's namespace.
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// URLs one sitemap file may list (the sitemaps.org protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml`, and when the site has more than `per_file` indexed pages,
/// `sitemap.xml` is an index of `sitemap-1.xml`, `sitemap-2.xml`, … each
/// listing at most `per_file`. The file names, with their XML.
pub fn sitemaps(
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
            .with_attribute(("xmlns", SITEMAP_NS))
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
            .with_attribute(("xmlns", SITEMAP_NS))
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

/// Google News's sitemap, beside the site's own.
pub const NEWS_SITEMAP: &str = "news-sitemap.xml";
/// How far back it reaches: Google News reads the articles of the last two
/// days. Counted back from the newest article, not from the build's clock,
/// so that the same content always makes the same file (a publish is
/// byte-identical to a full build, and two builds to each other).
pub const NEWS_SECONDS: i64 = 2 * 24 * 60 * 60;
/// URLs one news sitemap may list (Google's limit).
pub const NEWS_URLS: usize = 1_000;

/// `news-sitemap.xml`: the articles of the [`NEWS_SECONDS`] up to the
/// newest, newest first, at most [`NEWS_URLS`], each with the publication's
/// name and language, its headline and its publication date.
pub fn news_sitemap(site: &Model, settings: &Settings) -> Result<String> {
    let newest = site
        .articles
        .iter()
        .map(|a| a.published.epoch_seconds())
        .max();
    let mut recent: Vec<&Article> = site
        .articles
        .iter()
        .filter(|a| newest.is_some_and(|n| n - a.published.epoch_seconds() <= NEWS_SECONDS))
        .collect();
    recent.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    recent.truncate(NEWS_URLS);
    // Google News names a language by its ISO 639 code alone: Serbian in
    // either script is `sr`.
    let language = settings.site.language.tag();
    let language = language.split('-').next().unwrap_or(language);
    xml_document(|w| {
        w.create_element("urlset")
            .with_attributes([
                ("xmlns", SITEMAP_NS),
                (
                    "xmlns:news",
                    "http://www.google.com/schemas/sitemap-news/0.9",
                ),
            ])
            .write_inner_content(|w| {
                for a in &recent {
                    let url = absolute(settings, &settings.paths.article(&a.slug));
                    w.create_element("url").write_inner_content(|w| {
                        w.create_element("loc").write_text_content(xml_text(&url))?;
                        w.create_element("news:news").write_inner_content(|w| {
                            w.create_element("news:publication")
                                .write_inner_content(|w| {
                                    w.create_element("news:name")
                                        .write_text_content(xml_text(&settings.site.name))?;
                                    w.create_element("news:language")
                                        .write_text_content(xml_text(language))?;
                                    Ok(())
                                })?;
                            w.create_element("news:publication_date")
                                .write_text_content(xml_text(a.published.as_str()))?;
                            w.create_element("news:title")
                                .write_text_content(xml_text(a.headline.as_str()))?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// robots.txt: every page but the embeds (copies of articles), the sitemap
/// and Google News's.
pub fn robots(settings: &Settings) -> String {
    let paths = &settings.paths;
    format!(
        "User-agent: *\nAllow: {home}\nDisallow: {base}/{embeds}\nSitemap: {sitemap}\nSitemap: {news}\n",
        home = paths.home(),
        base = paths.base(),
        embeds = host::embeds_folder(),
        sitemap = site_file(settings, "sitemap.xml"),
        news = site_file(settings, NEWS_SITEMAP),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use crate::plan::feeds::{feed, FEED_ENTRIES};
    use crate::plan::pages;
    use crate::project_root as root;

    #[test]
    fn a_large_site_gets_a_sitemap_index_and_a_feed_of_the_newest() {
        let mut site = content::sample(&root()).unwrap();
        let settings = Settings::for_tests("/news/");
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

    /// The sample site's articles again, as `(slug, published, headline)`.
    fn dated(site: &mut Model, articles: &[(String, String, String)]) {
        let samples = site.articles.clone();
        site.articles = articles
            .iter()
            .enumerate()
            .map(|(n, (slug, published, headline))| {
                let mut doc = serde_json::to_value(&samples[n % samples.len()]).unwrap();
                doc["slug"] = slug.as_str().into();
                doc["published"] = published.as_str().into();
                doc["headline"] = headline.as_str().into();
                doc.as_object_mut().unwrap().remove("updated");
                serde_json::from_value(doc).unwrap()
            })
            .collect();
    }

    fn news_locs(xml: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .map(|u| u.rsplit('/').next().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn the_news_sitemap_lists_the_two_days_up_to_the_newest_article() {
        let mut site = content::sample(&root()).unwrap();
        let mut settings = Settings::for_tests("/news/");
        settings.site.name = "Gazette & <Co>".into();
        settings.site.language = gazette::site::Language::SrLatn;
        let article = |slug: &str, at: &str, headline: &str| {
            (slug.to_owned(), at.to_owned(), headline.to_owned())
        };
        // Out of order; the newest at 11:00 UTC, written with an offset.
        dated(
            &mut site,
            &[
                article("a-day", "2023-01-19T11:00:00Z", "A day before"),
                article("too-old", "2023-01-18T10:59:59Z", "A second too old"),
                article("newest", "2023-01-20T12:00:00+01:00", "Trupe & <barikade>"),
                article("a-week", "2023-01-13T11:00:00Z", "A week before"),
                article("two-days", "2023-01-18T11:00:00Z", "Two days to the second"),
            ],
        );
        let xml = news_sitemap(&site, &settings).unwrap();
        assert_eq!(news_locs(&xml), ["newest", "a-day", "two-days"]);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let text = |tag: &str| -> Vec<&str> {
            doc.descendants()
                .filter(|n| n.tag_name().name() == tag)
                .filter_map(|n| n.text())
                .collect()
        };
        assert_eq!(text("name"), ["Gazette & <Co>"; 3]);
        assert_eq!(
            text("language"),
            ["sr"; 3],
            "ISO 639: the script is not named"
        );
        assert_eq!(
            text("title"),
            [
                "Trupe & <barikade>",
                "A day before",
                "Two days to the second"
            ]
        );
        assert_eq!(
            text("publication_date"),
            [
                "2023-01-20T12:00:00+01:00",
                "2023-01-19T11:00:00Z",
                "2023-01-18T11:00:00Z"
            ]
        );
        let news = doc.descendants().find(|n| n.has_tag_name("news")).unwrap();
        assert_eq!(
            news.tag_name().namespace(),
            Some("http://www.google.com/schemas/sitemap-news/0.9")
        );
        // English is `en`; the same content, the same bytes.
        settings.site.language = gazette::site::Language::En;
        assert!(news_sitemap(&site, &settings)
            .unwrap()
            .contains("<news:language>en<"));
        assert_eq!(
            news_sitemap(&site, &settings).unwrap(),
            news_sitemap(&site, &settings).unwrap()
        );
        // More than Google reads in one file: the newest 1,000.
        let many: Vec<_> = (0..1_200)
            .map(|n| {
                article(
                    &format!("a-{n}"),
                    &format!("2023-01-20T{:02}:{:02}:00Z", n / 60 % 24, n % 60),
                    "Many",
                )
            })
            .collect();
        dated(&mut site, &many);
        let locs = news_locs(&news_sitemap(&site, &settings).unwrap());
        assert_eq!(locs.len(), NEWS_URLS);
        assert_eq!(locs.first().map(String::as_str), Some("a-1199"));
        // No articles: an empty list, still a sitemap.
        site.articles.clear();
        assert_eq!(news_locs(&news_sitemap(&site, &settings).unwrap()).len(), 0);
        let robots = robots(&settings);
        assert!(robots.contains("Sitemap: https://news.example/news/sitemap.xml\n"));
        assert!(robots.contains("Sitemap: https://news.example/news/news-sitemap.xml\n"));
    }
}
