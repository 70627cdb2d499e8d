//! Open pages learning of news (README, "Run it for a newsroom"): what a
//! newer version of a page's document tells the reader who has the page
//! open. Pure and native-tested; the asking (a conditional request every
//! `[live] poll_seconds` while the tab is visible) is in
//! [`crate::pages::with_document`] and `browser::live`.

use crate::model::{Article, Listing, Timestamp};

/// The longest pause between an open page's checks after failures.
pub const MAX_BACKOFF_SECONDS: u32 = 300;

/// The pause before an open page's next check: `poll_seconds`, doubled
/// for each failure in a row, at most [`MAX_BACKOFF_SECONDS`] (or
/// `poll_seconds`, if a site asks less often than that).
pub fn pause_seconds(poll_seconds: u32, failures: u32) -> u32 {
    poll_seconds
        .saturating_mul(1 << failures.min(9))
        .min(MAX_BACKOFF_SECONDS.max(poll_seconds))
}

/// What a reader is told of a page's newer version.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    /// A listing has this many articles newer than the newest shown.
    NewStories(u64),
    /// An article was updated at this time.
    Updated(Timestamp),
    /// The document is gone (an unpublished article).
    Gone,
}

/// A page's document, as far as news of it goes. Documents that do not
/// implement the two methods are never watched.
pub trait Watched: Sized {
    /// Whether a reader with this document open is told of news: the
    /// first page of a listing (later pages shift as articles arrive, and
    /// say nothing), every article.
    fn watched(&self) -> bool {
        false
    }

    /// What `newer` tells a reader who has `self` open, if anything.
    fn news(&self, _newer: &Self) -> Option<News> {
        None
    }

    /// Whether a reader is told when the document is gone (a 404): an
    /// article's reader is; a listing's page is left as it is.
    fn tells_gone() -> bool {
        false
    }
}

impl Watched for Listing {
    fn watched(&self) -> bool {
        self.page().is_first()
    }

    /// The articles of `newer` not shown here and published after the
    /// newest shown: an article that moves up from the next page when
    /// another is taken down is not news, nor is an edited one.
    fn news(&self, newer: &Self) -> Option<News> {
        // At most a page of teasers each: a scan is enough (a hash set was
        // a kilobyte of the app).
        let shown = |slug: &str| self.articles.iter().any(|t| t.slug.as_str() == slug);
        let newest = self
            .articles
            .iter()
            .map(|t| t.published.epoch_seconds())
            .max();
        let count = newer
            .articles
            .iter()
            .filter(|t| !shown(t.slug.as_str()))
            .filter(|t| newest.is_none_or(|newest| t.published.epoch_seconds() > newest))
            .count();
        (count > 0).then_some(News::NewStories(count as u64))
    }
}

impl Watched for Article {
    fn watched(&self) -> bool {
        true
    }

    /// An edit says so by a later `updated` (WordPress's modified time;
    /// an article file's `updated`); a change to what it links to (its
    /// related lists) is not news to its reader.
    fn news(&self, newer: &Self) -> Option<News> {
        let seconds = |t: &Option<Timestamp>| t.as_ref().map(Timestamp::epoch_seconds);
        let updated = newer.updated.as_ref()?;
        (seconds(&newer.updated) > seconds(&self.updated)).then(|| News::Updated(updated.clone()))
    }

    fn tells_gone() -> bool {
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code
mod tests {
    use super::*;
    use serde_json::json;

    /// A listing's first page (`None` or `Some(0)`: with an archive after
    /// it), or its archived page `n`.
    fn listing(articles: &[(&str, &str)], page: Option<u32>) -> Listing {
        let teasers: Vec<_> = articles
            .iter()
            .map(|(slug, published)| {
                json!({"slug": slug, "headline": "A headline", "standfirst": "A standfirst", "published": published})
            })
            .collect();
        let mut value = json!({"version": 1, "articles": teasers});
        if let Some(page) = page {
            value["pagination"] = match page {
                0 => json!({"archived": 3, "articles": 100}),
                n => json!({"page": n, "newest": false}),
            };
        }
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_listing_counts_only_articles_newer_than_the_newest_shown() {
        let shown = listing(
            &[("b", "2024-02-01T10:00:00Z"), ("a", "2024-01-01T10:00:00Z")],
            None,
        );
        assert_eq!(shown.news(&shown), None);
        for (newer, expected) in [
            // Two new on top.
            (
                vec![
                    ("d", "2024-02-03T10:00:00Z"),
                    ("c", "2024-02-02T10:00:00Z"),
                    ("b", "2024-02-01T10:00:00Z"),
                ],
                Some(News::NewStories(2)),
            ),
            // One taken down: an older one moves up from the next page.
            (
                vec![("b", "2024-02-01T10:00:00Z"), ("z", "2023-12-01T10:00:00Z")],
                None,
            ),
            // Backdated: published before the newest shown.
            (
                vec![
                    ("b", "2024-02-01T10:00:00Z"),
                    ("c", "2024-01-15T10:00:00Z"),
                    ("a", "2024-01-01T10:00:00Z"),
                ],
                None,
            ),
            // The same instant as the newest shown is not newer.
            (
                vec![("c", "2024-02-01T10:00:00Z"), ("b", "2024-02-01T10:00:00Z")],
                None,
            ),
            // Offsets are compared as instants: 11:00+02:00 is before 10:00Z.
            (
                vec![
                    ("c", "2024-02-01T11:00:00+02:00"),
                    ("b", "2024-02-01T10:00:00Z"),
                ],
                None,
            ),
            (
                vec![
                    ("c", "2024-02-01T13:00:00+02:00"),
                    ("b", "2024-02-01T10:00:00Z"),
                ],
                Some(News::NewStories(1)),
            ),
        ] {
            assert_eq!(shown.news(&listing(&newer, None)), expected, "{newer:?}");
        }
        // An empty listing: everything is new.
        let empty = listing(&[], None);
        assert_eq!(
            empty.news(&listing(&[("a", "2024-01-01T10:00:00Z")], None)),
            Some(News::NewStories(1))
        );
    }

    #[test]
    fn checks_back_off_after_failures_up_to_five_minutes() {
        let pauses: Vec<u32> = (0..8).map(|f| pause_seconds(20, f)).collect();
        assert_eq!(pauses, [20, 40, 80, 160, 300, 300, 300, 300]);
        assert_eq!(pause_seconds(5, 0), 5);
        assert_eq!(pause_seconds(5, 3), 40);
        assert_eq!(pause_seconds(5, u32::MAX), 300);
        // A site that asks hourly is never asked more often, nor less.
        assert_eq!(pause_seconds(3600, 0), 3600);
        assert_eq!(pause_seconds(3600, 5), 3600);
    }

    #[test]
    fn only_a_listings_first_page_is_watched() {
        assert!(listing(&[], None).watched());
        assert!(listing(&[], Some(0)).watched());
        assert!(!listing(&[], Some(1)).watched());
        assert!(!listing(&[], Some(3)).watched());
        assert!(!Listing::tells_gone());
        assert!(Article::tells_gone());
    }

    fn article(updated: Option<&str>, related: &[&str]) -> Article {
        let sample = include_str!("../content/articles/kfor-troop-levels-since-1999.json");
        let mut value: serde_json::Value = serde_json::from_str(sample).unwrap();
        value["published"] = json!("2024-01-01T10:00:00Z");
        match updated {
            Some(updated) => value["updated"] = json!(updated),
            None => {
                value.as_object_mut().unwrap().remove("updated");
            }
        }
        let related: Vec<_> = related
            .iter()
            .map(|slug| json!({"slug": slug, "headline": "A headline", "standfirst": "A standfirst", "published": "2023-01-01T10:00:00Z"}))
            .collect();
        value["related"] = json!(related);
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn an_article_is_news_when_its_update_time_moves_on() {
        let never = article(None, &[]);
        let at = |t: &str| Some(News::Updated(Timestamp::parse(t).unwrap()));
        assert!(never.watched());
        assert_eq!(never.news(&never), None);
        assert_eq!(
            never.news(&article(Some("2024-01-02T09:00:00Z"), &[])),
            at("2024-01-02T09:00:00Z")
        );
        let once = article(Some("2024-01-02T09:00:00Z"), &[]);
        assert_eq!(once.news(&once), None);
        assert_eq!(
            once.news(&article(Some("2024-01-02T09:05:00Z"), &[])),
            at("2024-01-02T09:05:00Z")
        );
        // Not back in time, and not for a change of its related articles.
        assert_eq!(once.news(&article(Some("2024-01-02T08:00:00Z"), &[])), None);
        assert_eq!(
            once.news(&article(Some("2024-01-02T09:00:00Z"), &["another"])),
            None
        );
        assert_eq!(once.news(&never), None);
    }
}
