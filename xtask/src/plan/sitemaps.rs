//! What search engines read: the sitemaps and robots.txt.

use super::xml::{xml_document, xml_text};
use super::{absolute, host, site_file, SiteFile};
use crate::build::Settings;
use anyhow::Result;

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

/// robots.txt: every page but the embeds (copies of articles), and the sitemap.
pub fn robots(settings: &Settings) -> String {
    let paths = &settings.paths;
    format!(
        "User-agent: *\nAllow: {home}\nDisallow: {base}/{embeds}\nSitemap: {sitemap}\n",
        home = paths.home(),
        base = paths.base(),
        embeds = host::embeds_folder(),
        sitemap = site_file(settings, "sitemap.xml"),
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
}
