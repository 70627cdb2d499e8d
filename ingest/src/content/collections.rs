//! Sections and authors: the slug of each one's page, and every tag's,
//! section's and author's listing, and each article's "More in <section>".

use gazette_contract::fold::{slugify, to_latin, unique_slug};
use gazette_contract::routes::Collection;
use gazette_contract::{Article, Author, Byline, NonEmpty, Slug, Subject, Tag, Teaser};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many articles "More in <section>" shows.
pub const MORE_IN_SECTION: usize = 4;

/// Gives each article's section and named authors the slug of their page
/// where the source did not: a section's is its name's slug (so `Politika`
/// and `Политика` are one section), none where no slug can be made of it.
/// An author's is the name's slug, shared by every spelling of one name in
/// either script (`Јелена Марковић`, `Jelena Marković`); two names that
/// meet in one slug (`Marković`, `Markovic`) get `-2`, `-3`… in the order
/// they first wrote (oldest article first), so a newer article never
/// renames an author. A slug the source gives (WordPress's user slug) is
/// kept and taken first.
pub fn assign_slugs<R>(sources: &mut [Article<R>]) {
    for article in sources.iter_mut() {
        if article.section_slug.is_none() {
            article.section_slug = Slug::parse(&slugify(article.section.as_str())).ok();
        }
    }
    let mut taken: BTreeSet<Slug> = sources
        .iter()
        .flat_map(|a| people(&a.byline))
        .filter_map(|p| p.slug.clone())
        .collect();
    let mut oldest_first: Vec<usize> = (0..sources.len()).collect();
    oldest_first.sort_by(|&a, &b| {
        let (a, b) = (&sources[a], &sources[b]);
        a.published.cmp(&b.published).then(a.slug.cmp(&b.slug))
    });
    let mut by_name: HashMap<String, Option<Slug>> = HashMap::new();
    for i in oldest_first {
        let Byline::Authors(people) = &mut sources[i].byline else {
            continue;
        };
        for person in people.iter_mut().filter(|p| p.slug.is_none()) {
            let name = person.name.as_str();
            person.slug = by_name
                .entry(same_name(name))
                .or_insert_with(|| {
                    let numbers = (2..).map(|n: u32| n.to_string());
                    unique_slug(&slugify(name), "author", &mut taken, numbers)
                })
                .clone();
        }
    }
}

/// One spelling of a name, whatever its script, case and spacing.
fn same_name(name: &str) -> String {
    to_latin(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn people(byline: &Byline) -> &[gazette_contract::Person] {
    match byline {
        Byline::Authors(people) => people,
        Byline::Organisation(_) => &[],
    }
}

/// Every tag's, section's and author's page (once slugs are assigned).
pub fn pages<R>(
    sources: &[Article<R>],
    tags: &BTreeMap<Slug, Tag>,
) -> BTreeSet<(Collection, Slug)> {
    let mut pages: BTreeSet<(Collection, Slug)> =
        tags.keys().map(|t| (Collection::Tag, t.clone())).collect();
    for article in sources {
        if let Some(slug) = &article.section_slug {
            pages.insert((Collection::Section, slug.clone()));
        }
        for slug in people(&article.byline)
            .iter()
            .filter_map(|p| p.slug.clone())
        {
            pages.insert((Collection::Author, slug));
        }
    }
    pages
}

/// Every tag's, section's and author's articles (by their place in
/// `articles`), newest first, with what its page is about: named as its
/// newest article names it (a tag's name is the same everywhere, `tags`),
/// an author with the biography `about` has for them.
pub fn gathered(
    articles: &[Article],
    tags: &BTreeMap<Slug, Tag>,
    about: &BTreeMap<Slug, NonEmpty>,
) -> BTreeMap<(Collection, Slug), (Subject, Vec<usize>)> {
    let mut found: BTreeMap<(Collection, Slug), (Subject, Vec<usize>)> = BTreeMap::new();
    for (place, article) in articles.iter().enumerate() {
        let mut subjects: Vec<Subject> = article
            .tags
            .iter()
            .filter_map(|t| tags.get(&t.slug).cloned().map(Subject::Tag))
            .collect();
        if let Some(slug) = &article.section_slug {
            subjects.push(Subject::Section(Tag {
                slug: slug.clone(),
                name: article.section.clone(),
            }));
        }
        for person in people(&article.byline) {
            if let Some(slug) = &person.slug {
                subjects.push(Subject::Author(Author {
                    slug: slug.clone(),
                    name: person.name.clone(),
                    about: about.get(slug).cloned(),
                }));
            }
        }
        for subject in subjects {
            let key = (subject.collection(), subject.slug().clone());
            let (_, list) = found.entry(key).or_insert_with(|| (subject, Vec::new()));
            // A tag or author named twice on one article lists it once.
            if list.last() != Some(&place) {
                list.push(place);
            }
        }
    }
    found
}

/// Sets each article's "More in <section>": the newest of its section's
/// articles published before it (`articles` newest first), up to
/// [`MORE_IN_SECTION`], leaving out its related posts. Older articles only,
/// so publishing a new article changes no other article's page.
pub fn more_in_section(articles: &mut [Article]) {
    let mut by_section: HashMap<Slug, Vec<usize>> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        if let Some(slug) = &article.section_slug {
            by_section.entry(slug.clone()).or_default().push(i);
        }
    }
    let chosen: Vec<Vec<Teaser>> = articles
        .iter()
        .enumerate()
        .map(|(i, article)| {
            let Some(section) = article
                .section_slug
                .as_ref()
                .and_then(|s| by_section.get(s))
            else {
                return Vec::new();
            };
            let related: BTreeSet<&Slug> = article.related.iter().map(|t| &t.slug).collect();
            let older = section.partition_point(|&j| j <= i);
            section[older..]
                .iter()
                .map(|&j| &articles[j])
                .filter(|other| other.published < article.published)
                .filter(|other| other.slug != article.slug && !related.contains(&other.slug))
                .take(MORE_IN_SECTION)
                .map(Article::teaser)
                .collect()
        })
        .collect();
    for (article, more) in articles.iter_mut().zip(chosen) {
        article.more_in_section = gazette_contract::limits::Bounded::new(more).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::resolve;
    use serde_json::{json, Value};

    /// An article by `authors` (names, or `{name, slug}` objects) in
    /// `section`, published on day `day` of January 2023.
    fn article(slug: &str, day: u32, section: &str, authors: Value) -> Article<Slug> {
        serde_json::from_value(json!({
            "version": 1, "slug": slug, "headline": format!("Headline {slug}"),
            "standfirst": "Standfirst.", "section": section, "tags": [],
            "byline": {"authors": authors},
            "published": format!("2023-01-{day:02}T10:00:00Z"),
            "body": [{"type": "paragraph", "content": [{"text": "Text."}]}],
        }))
        .unwrap()
    }

    fn people(authors: &[&str]) -> Value {
        authors.iter().map(|name| json!({"name": name})).collect()
    }

    /// Each article's authors' slugs, by article slug.
    fn author_slugs(sources: &[Article<Slug>]) -> BTreeMap<String, Vec<String>> {
        sources
            .iter()
            .map(|a| {
                let slugs = super::people(&a.byline)
                    .iter()
                    .map(|p| p.slug.as_ref().map_or("-".into(), |s| s.to_string()))
                    .collect();
                (a.slug.to_string(), slugs)
            })
            .collect()
    }

    #[test]
    fn one_name_in_either_script_is_one_author_and_names_that_meet_are_told_apart() {
        let mut sources = vec![
            article("a", 1, "Politika", people(&["Jelena Marković"])),
            article(
                "b",
                2,
                "Политика",
                people(&["Јелена Марковић", "Petar Ilić"]),
            ),
            article("c", 3, "Politika", people(&["Jelena Markovic"])),
            article("d", 4, "Politika", people(&["JELENA  MARKOVIĆ"])),
            article("e", 5, "Politika", people(&["Jelena Marković-Ilić"])),
            article("f", 6, "Politika", people(&["Петар Илић"])),
        ];
        assign_slugs(&mut sources);
        let slugs = author_slugs(&sources);
        assert_eq!(slugs["a"], ["jelena-markovic"]);
        assert_eq!(slugs["b"], ["jelena-markovic", "petar-ilic"]);
        // Without its diacritic, another name: the next free slug.
        assert_eq!(slugs["c"], ["jelena-markovic-2"]);
        // Case and spacing are not a name's.
        assert_eq!(slugs["d"], ["jelena-markovic"]);
        assert_eq!(slugs["e"], ["jelena-markovic-ilic"]);
        assert_eq!(slugs["f"], ["petar-ilic"]);
        // Both scripts' spellings of a section are one section.
        assert!(sources.iter().all(|a| a
            .section_slug
            .as_ref()
            .is_some_and(|s| s.as_str() == "politika")));
    }

    #[test]
    fn slugs_are_stable_whatever_the_order_the_source_gives_and_a_newer_article_adds() {
        let older = vec![
            article("a", 1, "News", people(&["Ana Kovač"])),
            article("b", 2, "News", people(&["Ana Kovac"])),
        ];
        let mut once = older.clone();
        assign_slugs(&mut once);
        let mut reversed: Vec<_> = older.iter().rev().cloned().collect();
        reversed.push(article("c", 9, "News", people(&["ANA KOVAC", "Ana Kováč"])));
        assign_slugs(&mut reversed);
        let (once, later) = (author_slugs(&once), author_slugs(&reversed));
        assert_eq!(once["a"], ["ana-kovac"]);
        assert_eq!(once["b"], ["ana-kovac-2"]);
        assert_eq!((&later["a"], &later["b"]), (&once["a"], &once["b"]));
        assert_eq!(later["c"], ["ana-kovac-2", "ana-kovac-3"]);
    }

    #[test]
    fn a_slug_the_source_gives_is_kept_and_taken_first() {
        let mut sources = vec![
            article("a", 1, "News", people(&["Ana Kovač"])),
            article(
                "b",
                2,
                "News",
                json!([{"name": "Ana Kovač (desk)", "slug": "ana-kovac"}]),
            ),
            article("c", 3, "!!!", json!([{"name": "Ana", "slug": "ana-kovac"}])),
        ];
        assign_slugs(&mut sources);
        let slugs = author_slugs(&sources);
        assert_eq!(slugs["a"], ["ana-kovac-2"]);
        assert_eq!(
            (&slugs["b"][0], &slugs["c"][0]),
            (&"ana-kovac".into(), &"ana-kovac".into())
        );
        // A section whose name makes no slug has no page.
        assert_eq!(sources[2].section_slug, None);
    }

    #[test]
    fn listings_gather_sections_and_authors_named_as_their_newest_article_names_them() {
        let sources = vec![
            article("a", 1, "Politika", people(&["Jelena Marković"])),
            article("b", 2, "Политика", people(&["Јелена Марковић"])),
            serde_json::from_value(json!({
                "version": 1, "slug": "c", "headline": "C", "standfirst": "C.",
                "section": "Politika", "tags": [], "byline": {"organisation": "Agency"},
                "published": "2023-01-03T10:00:00Z", "body": [],
            }))
            .unwrap(),
        ];
        let about = BTreeMap::from([(
            Slug::parse("jelena-markovic").unwrap(),
            NonEmpty::try_from("Writes about politics.".to_owned()).unwrap(),
        )]);
        let site = resolve(sources, &about, crate::content::PER_PAGE).unwrap();
        let page = |c: Collection, s: &str| {
            site.listing(&site.collections[&(c, Slug::parse(s).unwrap())][0])
        };
        let section = page(Collection::Section, "politika");
        let listed: Vec<&str> = section.articles.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(listed, ["c", "b", "a"]);
        assert_eq!(section.subject.unwrap().name().as_str(), "Politika");
        let author = page(Collection::Author, "jelena-markovic");
        let listed: Vec<&str> = author.articles.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(listed, ["b", "a"], "an organisation has no page");
        match author.subject {
            Some(Subject::Author(a)) => {
                assert_eq!(a.name.as_str(), "Јелена Марковић");
                assert_eq!(a.about.unwrap().as_str(), "Writes about politics.");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(site.collections.len(), 2);
    }

    #[test]
    fn more_in_section_is_the_newest_older_articles_of_the_section_but_related_ones() {
        let mut sources: Vec<Article<Slug>> = (1..=8)
            .map(|day| article(&format!("s{day}"), day, "Security", people(&["A B"])))
            .collect();
        sources.push(article("other", 5, "Data", people(&["A B"])));
        // Published at the same second as s8: not before it, nor it before.
        sources.push(article("twin", 8, "Security", people(&["A B"])));
        // s7 names s6 as related: its list skips s6.
        sources[6].related =
            gazette_contract::limits::Bounded::new(vec![Slug::parse("s6").unwrap()]).unwrap();
        let site = resolve(sources, &BTreeMap::new(), crate::content::PER_PAGE).unwrap();
        let more = |slug: &str| -> Vec<String> {
            let a = site
                .articles
                .iter()
                .find(|a| a.slug.as_str() == slug)
                .unwrap();
            a.more_in_section
                .iter()
                .map(|t| t.slug.to_string())
                .collect()
        };
        assert_eq!(more("s8"), ["s7", "s6", "s5", "s4"]);
        assert_eq!(more("twin"), ["s7", "s6", "s5", "s4"]);
        assert_eq!(more("s7"), ["s5", "s4", "s3", "s2"]);
        assert_eq!(more("s3"), ["s2", "s1"]);
        assert!(more("s1").is_empty());
        assert!(more("other").is_empty(), "alone in its section");
    }
}
