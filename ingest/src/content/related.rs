//! Related posts for a source that names none (WordPress has no such
//! field): a step of the model, the same for any source that asks for it
//! ([`crate::source::Related::FromTags`]).

use gazette_contract::limits::Bounded;
use gazette_contract::{Article, Slug};
use std::collections::{BTreeSet, HashMap};

/// How many related posts an article shows.
pub const RELATED: usize = 3;

/// Related posts, derived the same way on every build: the posts sharing
/// the most tags, then those in the same section, newest first, then by
/// slug; at most [`RELATED`], and only posts that share a tag or the section.
pub fn related(mut articles: Vec<Article<Slug>>) -> Vec<Article<Slug>> {
    // Every article's place in "newest first, then by slug", and the
    // articles of each tag and section in that order: an article is
    // compared only with those it shares something with (comparing every
    // pair took 30 s for 10,000 posts).
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&articles[a], &articles[b]);
        b.published.cmp(&a.published).then(a.slug.cmp(&b.slug))
    });
    let mut rank = vec![0; articles.len()];
    let mut by_tag: HashMap<&Slug, Vec<usize>> = HashMap::new();
    let mut by_section: HashMap<&str, Vec<usize>> = HashMap::new();
    for (place, &i) in order.iter().enumerate() {
        rank[i] = place;
        let article = &articles[i];
        let tags: BTreeSet<&Slug> = article.tags.iter().map(|t| &t.slug).collect();
        for tag in tags {
            by_tag.entry(tag).or_default().push(i);
        }
        by_section
            .entry(article.section.as_str())
            .or_default()
            .push(i);
    }
    let chosen: Vec<Vec<Slug>> = (0..articles.len())
        .map(|i| {
            let article = &articles[i];
            let section = article.section.as_str();
            let tags: BTreeSet<&Slug> = article.tags.iter().map(|t| &t.slug).collect();
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for tag in tags {
                for &j in by_tag.get(tag).into_iter().flatten() {
                    *shared.entry(j).or_default() += 1;
                }
            }
            shared.remove(&i);
            let mut best: Vec<(usize, bool, usize, usize)> = shared
                .into_iter()
                .map(|(j, n)| (n, articles[j].section.as_str() == section, rank[j], j))
                .collect();
            best.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            let mut picked: Vec<usize> = best.iter().take(RELATED).map(|c| c.3).collect();
            // Then the section's newest, when fewer tags are shared.
            for &j in by_section.get(section).into_iter().flatten() {
                if picked.len() >= RELATED {
                    break;
                }
                if j != i && !picked.contains(&j) {
                    picked.push(j);
                }
            }
            picked
                .into_iter()
                .map(|j| articles[j].slug.clone())
                .collect()
        })
        .collect();
    for (article, related) in articles.iter_mut().zip(chosen) {
        article.related = Bounded::new(related).unwrap_or_default();
    }
    articles
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use gazette_contract::{NonEmpty, Tag, Timestamp};

    /// A sample article under another slug, with these tags, section and
    /// date (also the WordPress importer's tests').
    pub(crate) fn article(
        slug: &str,
        tags: &[&str],
        section: &str,
        published: &str,
    ) -> Article<Slug> {
        let text = std::fs::read_to_string(
            crate::project_root().join("content/articles/kfor-clears-last-barricades.json"),
        )
        .unwrap_or_default();
        let mut a: Article<Slug> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        a.slug = Slug::parse(slug).unwrap_or_else(|e| panic!("{e}"));
        a.section = NonEmpty::try_from(section.to_owned()).unwrap_or_else(|e| panic!("{e}"));
        a.published = Timestamp::parse(published).unwrap_or_else(|e| panic!("{e}"));
        a.tags = Bounded::new(
            tags.iter()
                .map(|t| Tag {
                    slug: Slug::parse(t).unwrap_or_else(|e| panic!("{e}")),
                    name: NonEmpty::try_from(t.to_string()).unwrap_or_else(|e| panic!("{e}")),
                })
                .collect(),
        )
        .unwrap_or_default();
        a
    }

    /// The rule as first written: every pair compared. The oracle for
    /// [`related`].
    fn related_by_every_pair(mut articles: Vec<Article<Slug>>) -> Vec<Article<Slug>> {
        let keys: Vec<(Slug, BTreeSet<Slug>, String, Timestamp)> = articles
            .iter()
            .map(|a| {
                (
                    a.slug.clone(),
                    a.tags.iter().map(|t| t.slug.clone()).collect(),
                    a.section.to_string(),
                    a.published.clone(),
                )
            })
            .collect();
        for article in &mut articles {
            let tags: BTreeSet<Slug> = article.tags.iter().map(|t| t.slug.clone()).collect();
            let mut scored: Vec<(usize, bool, &Timestamp, &Slug)> = keys
                .iter()
                .filter(|(slug, ..)| *slug != article.slug)
                .map(|(slug, other_tags, section, published)| {
                    (
                        tags.intersection(other_tags).count(),
                        *section == article.section.as_str(),
                        published,
                        slug,
                    )
                })
                .filter(|(shared, same_section, ..)| *shared > 0 || *same_section)
                .collect();
            scored.sort_by(|a, b| {
                b.0.cmp(&a.0)
                    .then(b.1.cmp(&a.1))
                    .then(b.2.cmp(a.2))
                    .then(a.3.cmp(b.3))
            });
            let related = scored
                .into_iter()
                .take(RELATED)
                .map(|(.., s)| s.clone())
                .collect();
            article.related = Bounded::new(related).unwrap_or_default();
        }
        articles
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]
        /// Compared only with the articles it shares a tag or section with,
        /// each article gets the related posts comparing every pair gives.
        #[test]
        fn related_posts_from_the_indexes_are_those_of_every_pair(
            posts in proptest::collection::vec(
                (proptest::collection::vec(0..6usize, 0..4), 0..3usize, 0..5u32), 0..40)
        ) {
            let articles: Vec<Article<Slug>> = posts
                .iter()
                .enumerate()
                .map(|(n, (tags, section, day))| {
                    let tags: Vec<String> = tags.iter().map(|t| format!("tag-{t}")).collect();
                    let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
                    article(&format!("post-{n}"), &tags, &format!("Section {section}"),
                            &format!("2023-01-0{}T00:00:00Z", day + 1))
                })
                .collect();
            let fast = related(articles.clone());
            let slow = related_by_every_pair(articles);
            for (a, b) in fast.iter().zip(&slow) {
                proptest::prop_assert_eq!(&a.related, &b.related, "{}", a.slug);
            }
        }
    }

    #[test]
    fn related_posts_are_shared_tags_then_section_then_newest() {
        let articles = vec![
            article("a", &["kfor", "nato"], "Security", "2023-01-01T00:00:00Z"),
            article("b", &["kfor", "nato"], "Politics", "2022-01-01T00:00:00Z"),
            article("c", &["kfor"], "Security", "2021-01-01T00:00:00Z"),
            article("d", &["kfor"], "Politics", "2024-01-01T00:00:00Z"),
            article("e", &[], "Security", "2020-01-01T00:00:00Z"),
            article("f", &["other"], "Culture", "2025-01-01T00:00:00Z"),
        ];
        let shown = |list: &[Article<Slug>], slug: &str| -> Vec<String> {
            list.iter()
                .find(|a| a.slug.as_str() == slug)
                .map(|a| a.related.iter().map(Slug::to_string).collect())
                .unwrap_or_default()
        };
        let once = related(articles.clone());
        // b shares two tags; c shares one and the section; d one tag, newer.
        assert_eq!(shown(&once, "a"), ["b", "c", "d"]);
        assert_eq!(shown(&once, "e"), ["a", "c"], "only the section in common");
        assert!(
            shown(&once, "f").is_empty(),
            "nothing in common, nothing shown"
        );
        // The same whatever order the posts arrive in.
        let mut reversed = articles;
        reversed.reverse();
        let again = related(reversed);
        for a in &once {
            assert_eq!(
                shown(&again, a.slug.as_str()),
                shown(&once, a.slug.as_str())
            );
        }
    }
}
