//! The site model: the source's articles in, checked and resolved
//! (related posts as teasers, listings in pages, every cross-reference and
//! the published schema), the documents the plan writes out.

pub mod collections;
pub mod related;

use crate::config::ContentSource;
use crate::source::{self, unless, Related, Sourced};
pub use crate::source::{MediaFile, Reading};
use anyhow::{Context, Result};
use gazette_contract::limits::Bounded;
use gazette_contract::routes::{Collection, Route};
use gazette_contract::{
    Article, Listing, NonEmpty, PageNumber, Pagination, Slug, Subject, Tag, Teaser, Version1,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::num::NonZeroUsize;
use std::path::Path;

/// Everything the build publishes, derived from the source articles.
pub struct Model {
    /// Published articles (related posts resolved to teasers), newest first.
    pub articles: Vec<Article>,
    /// Each tag's, section's and author's listing, in pages.
    pub collections: BTreeMap<(Collection, Slug), Vec<Listed>>,
    /// The front page's listing, in pages (at least one).
    pub front: Vec<Listed>,
    /// Files from the content source the site publishes as they are
    /// (WordPress's uploads); none for a folder of articles.
    pub media: Vec<MediaFile>,
    /// Articles left out because their own content does not hold together,
    /// and what that changed in others: one line each, said by every build.
    pub left_out: Vec<String>,
}

/// A page of a listing as the model holds it: each article by its place
/// in [`Model::articles`]. Its teasers are made when it is written
/// ([`Model::listing`]): held, every listing's were a copy of every
/// article's teaser in each listing it is in (issue 32).
pub type Listed = Listing<usize>;

/// The published contract's schemas, compiled once.
pub struct Schemas {
    article: jsonschema::Validator,
    listing: jsonschema::Validator,
    /// A key of the schemas' texts ([`crate::files::key`]).
    key: String,
}

/// A document the build writes, to check against its schema.
pub struct Document {
    /// Which document, for the problems found.
    pub name: String,
    pub kind: Kind,
    pub json: String,
}

/// The schema a document answers to.
pub enum Kind {
    Article,
    Listing,
}

impl Schemas {
    pub fn load(root: &Path) -> Result<Self> {
        let read = |name: &str| -> Result<(String, Value)> {
            let path = root.join("schema").join(name);
            let text = fs::read_to_string(&path).with_context(|| path.display().to_string())?;
            let value = serde_json::from_str(&text).with_context(|| path.display().to_string())?;
            Ok((text, value))
        };
        let (article_text, article_schema) = read("article.v1.schema.json")?;
        let (listing_text, listing_schema) = read("listing.v1.schema.json")?;
        let key = crate::files::key(&[article_text.as_bytes(), listing_text.as_bytes()]);
        let article_id = article_schema
            .get("$id")
            .and_then(Value::as_str)
            .context("article schema has no $id")?
            .to_owned();
        // Formats are assertions here: a timestamp or a date must be a real one.
        let article = jsonschema::options()
            .should_validate_formats(true)
            .build(&article_schema)
            .map_err(|e| anyhow::anyhow!("schema/article.v1.schema.json: {e}"))?;
        // The listing schema refers to the article schema's definitions by its $id.
        let registry = jsonschema::Registry::new()
            .add(article_id.as_str(), article_schema)
            .and_then(|r| r.prepare())
            .map_err(|e| anyhow::anyhow!("schema registry: {e}"))?;
        let listing = jsonschema::options()
            .should_validate_formats(true)
            .with_registry(&registry)
            .build(&listing_schema)
            .map_err(|e| anyhow::anyhow!("schema/listing.v1.schema.json: {e}"))?;
        Ok(Self {
            article,
            listing,
            key,
        })
    }

    /// A key of the schemas: a document checked under the same key and
    /// with the same bytes needs no second check.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Every item's document against its schema, on every core: every
    /// problem found, one line each (its `name` says which document), in
    /// order. Each document is made (`document`) as it is checked and
    /// dropped after, so no more are held than there are cores (issue 32:
    /// at 100,000 articles all of them were 1.2 GB).
    pub fn check_documents<T: Sync>(
        &self,
        items: &[T],
        document: impl Fn(&T) -> Result<Document> + Sync,
    ) -> Result<()> {
        let items: Vec<&T> = items.iter().collect();
        let problems = on_every_core(&items, |item| {
            let Document { name, kind, json } = document(item).map_err(|e| format!("{e:#}"))?;
            let schema = match kind {
                Kind::Article => &self.article,
                Kind::Listing => &self.listing,
            };
            serde_json::from_str(&json)
                .map_err(anyhow::Error::from)
                .and_then(|v| check(schema, &v))
                .map_err(|e| format!("{name}: schema: {e:#}"))
        })?;
        unless(problems, || Ok(()))
    }

    pub fn check_article(&self, doc: &Value) -> Result<()> {
        check(&self.article, doc)
    }

    pub fn check_listing(&self, doc: &Value) -> Result<()> {
        check(&self.listing, doc)
    }
}

fn check(validator: &jsonschema::Validator, doc: &Value) -> Result<()> {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        anyhow::bail!(errors.join("; "))
    }
}

/// The sample's model: every `content/articles/*.json` with the default
/// settings, resolved and every document checked. The fixture the build's
/// tests render.
pub fn sample(root: &Path) -> Result<Model> {
    let site = resolve_from(
        root,
        &ContentSource::default(),
        "en",
        PER_PAGE,
        Reading::Everything,
    )?;
    check_model(&Schemas::load(root)?, &site)?;
    Ok(site)
}

/// The default page length ([`crate::config::PerPage`]).
pub const PER_PAGE: NonZeroUsize = NonZeroUsize::MIN.saturating_add(19);

/// The site model from the configuration's content source: a folder of
/// articles, or a WordPress site (whose report goes to
/// `target/wordpress-report.json`, or the file `GAZETTE_REPORT` names).
/// Its documents are not yet checked against the schemas: the build checks
/// those it writes ([`Schemas::check_documents`]), `gazette-ingest check`
/// every one ([`check_model`]).
pub fn resolve_from(
    root: &Path,
    source: &ContentSource,
    language: &str,
    per_page: NonZeroUsize,
    reading: Reading,
) -> Result<Model> {
    let Sourced {
        articles,
        about,
        media,
        related,
    } = source::read(root, source, language, reading)?;
    let articles = match related {
        Related::Named => articles,
        Related::FromTags => related::related(articles),
    };
    let mut site = resolve(articles, &about, per_page)?;
    for line in &site.left_out {
        eprintln!("{line}");
    }
    site.media = media;
    Ok(site)
}

/// Every document of `site` against the published schemas, as the build
/// writes them ([`Schemas::check_documents`]).
pub fn check_model(schemas: &Schemas, site: &Model) -> Result<()> {
    enum Of<'a> {
        Article(&'a Article),
        Listing(&'a Listed),
    }
    let articles = site.articles.iter().map(Of::Article);
    let documents: Vec<Of> = articles.chain(site.listings().map(Of::Listing)).collect();
    schemas.check_documents(&documents, |document| {
        Ok(match document {
            Of::Article(article) => Document {
                name: article.slug.to_string(),
                kind: Kind::Article,
                json: serde_json::to_string(article)?,
            },
            Of::Listing(listing) => Document {
                name: "listing".to_owned(),
                kind: Kind::Listing,
                json: serde_json::to_string(&site.listing(listing))?,
            },
        })
    })
}

/// `check` on every item, on every core (10,000 articles took 0.8 s on
/// one), returning what it found, in order.
fn on_every_core<T: Sync>(
    items: &[&T],
    check: impl Fn(&T) -> std::result::Result<(), String> + Sync,
) -> Result<Vec<String>> {
    let found =
        crate::parallel::each(
            crate::parallel::cores(),
            items,
            |item| Ok(check(item).err()),
        )?;
    Ok(found.into_iter().flatten().collect())
}

impl Model {
    /// Every listing's every page: the front page's, then each collection's.
    pub fn listings(&self) -> impl Iterator<Item = &Listed> {
        self.front.iter().chain(self.collections.values().flatten())
    }

    /// A page of a listing as published: its articles' teasers.
    pub fn listing(&self, listed: &Listed) -> Listing {
        let teasers = listed
            .articles
            .iter()
            .filter_map(|&i| self.articles.get(i))
            .map(Article::teaser)
            .collect();
        // As many teasers as the page has articles, which it bounds.
        listed.with_articles(Bounded::new(teasers).unwrap_or_default())
    }

    /// The listings of one collection (every tag's, say), by slug.
    pub fn listings_of(
        &self,
        collection: Collection,
    ) -> impl Iterator<Item = (&Slug, &Vec<Listed>)> {
        self.collections
            .iter()
            .filter(move |((c, _), _)| *c == collection)
            .map(|((_, slug), pages)| (slug, pages))
    }
}

/// Resolves related slugs into teasers, gives sections and authors their
/// slugs, checks every cross-reference and derives the front page's and
/// every tag's, section's and author's listing, `per_page` teasers a page;
/// `about` holds authors' biographies by slug.
pub fn resolve(
    mut sources: Vec<Article<Slug>>,
    about: &BTreeMap<Slug, NonEmpty>,
    per_page: NonZeroUsize,
) -> Result<Model> {
    let mut errors = Vec::new();
    // An article whose own content does not hold together is left out and
    // said; it holds back no other, and what pointed at it is said too.
    let mut left_out = Vec::new();
    let mut gone = BTreeSet::new();
    sources.retain(|article| {
        let problems = own_problems(article);
        if problems.is_empty() {
            return true;
        }
        left_out.push(format!(
            "{}: LEFT OUT, not published: {}",
            article.slug,
            problems.join("; ")
        ));
        gone.insert(article.slug.clone());
        false
    });
    sources.sort_by(|a, b| b.published.cmp(&a.published));
    collections::assign_slugs(&mut sources);
    let teasers: BTreeMap<Slug, Teaser> = sources
        .iter()
        .map(|a| (a.slug.clone(), a.teaser()))
        .collect();
    if teasers.len() != sources.len() {
        errors.push("two articles share a slug".to_owned());
    }
    let tag_names = tags_by_slug(&sources, &mut errors);
    let pages = collections::pages(&sources, &tag_names);
    for article in &sources {
        check_links(article, &teasers, &pages, &gone, &mut errors, &mut left_out);
    }
    let mut articles: Vec<Article> = sources
        .into_iter()
        .map(|source| with_related_teasers(source, &teasers, &gone, &mut errors, &mut left_out))
        .collect();
    collections::more_in_section(&mut articles);
    let mut collections = BTreeMap::new();
    for (key, (subject, listed)) in collections::gathered(&articles, &tag_names, about) {
        match paginate(Some(&subject), listed, per_page) {
            Ok(pages) => {
                collections.insert(key, pages);
            }
            Err(e) => errors.push(e),
        }
    }
    let front = paginate(None, (0..articles.len()).collect(), per_page).unwrap_or_else(|e| {
        errors.push(e);
        Vec::new()
    });
    unless(errors, || {
        Ok(Model {
            articles,
            collections,
            front,
            media: Vec::new(),
            left_out,
        })
    })
}

/// Every tag, by slug; a slug named two ways is a problem.
fn tags_by_slug(sources: &[Article<Slug>], errors: &mut Vec<String>) -> BTreeMap<Slug, Tag> {
    let mut tag_names: BTreeMap<Slug, Tag> = BTreeMap::new();
    for article in sources {
        for tag in &article.tags {
            match tag_names.get(&tag.slug) {
                Some(known) if known.name != tag.name => errors.push(format!(
                    "{}: tag {} is named {:?} here and {:?} elsewhere",
                    article.slug,
                    tag.slug,
                    tag.name.as_str(),
                    known.name.as_str()
                )),
                _ => {
                    tag_names.insert(tag.slug.clone(), tag.clone());
                }
            }
        }
    }
    tag_names
}

/// The site's folders of files a link may point into: the sample's images
/// (`public/images/`) and a CMS's uploads (`media/`).
const FILE_FOLDERS: [&str; 2] = ["/images/", "/media/"];

/// What in one article's own content confuses: charts that do not parse
/// or share an id, itself as related.
fn own_problems(article: &Article<Slug>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut chart_ids = BTreeSet::new();
    for chart in article.charts() {
        if let Err(e) = gazette_contract::series::Series::parse(chart) {
            problems.push(format!("chart {}: {e}", chart.id));
        }
        if !chart_ids.insert(&chart.id) {
            problems.push(format!("two charts share the id {}", chart.id));
        }
    }
    if article.related.contains(&article.slug) {
        problems.push("lists itself as related".to_owned());
    }
    problems
}

/// Links in one article to pages that do not exist: a problem, unless the
/// page is an article left out (`gone`), which is said instead.
fn check_links(
    article: &Article<Slug>,
    teasers: &BTreeMap<Slug, Teaser>,
    collections: &BTreeSet<(Collection, Slug)>,
    gone: &BTreeSet<Slug>,
    errors: &mut Vec<String>,
    said: &mut Vec<String>,
) {
    for link in internal_links(article) {
        // A page of the site, read by the app's own routing, or a file.
        let route = Route::parse(&link);
        let resolves = match &route {
            Route::Front(page) => page.is_first(),
            Route::Collection(c, slug, page) => {
                page.is_first() && collections.contains(&(*c, slug.clone()))
            }
            route => match route.article() {
                Some(slug) => teasers.contains_key(slug),
                None => FILE_FOLDERS.iter().any(|folder| link.starts_with(folder)),
            },
        };
        match route.article().filter(|slug| gone.contains(*slug)) {
            _ if resolves => {}
            Some(_) => said.push(format!(
                "{}: link {link} points at an article left out",
                article.slug
            )),
            None => errors.push(format!("{}: link {link} points at nothing", article.slug)),
        }
    }
}

/// The article with its related slugs as teasers; a missing one is a
/// problem, one left out (`gone`) is dropped and said.
fn with_related_teasers(
    source: Article<Slug>,
    teasers: &BTreeMap<Slug, Teaser>,
    gone: &BTreeSet<Slug>,
    errors: &mut Vec<String>,
    said: &mut Vec<String>,
) -> Article {
    let mut related = Vec::new();
    for slug in &source.related {
        match teasers.get(slug) {
            Some(t) => related.push(t.clone()),
            None if gone.contains(slug) => said.push(format!(
                "{}: related post {slug} is left out, and not shown",
                source.slug
            )),
            None => errors.push(format!(
                "{}: related post {slug} does not exist",
                source.slug
            )),
        }
    }
    // As many teasers as the source has related slugs, which it bounds.
    source.with_related(Bounded::new(related).unwrap_or_default())
}

/// A listing's pages in reading order, newest first (decision 0030): the
/// first holds the newest articles, `per_page` to twice that less one, and
/// the older ones are archived in pages of exactly `per_page`, numbered
/// from the oldest, so that a new article changes the first page alone and
/// an archived page keeps its address and bytes. One empty page for no
/// articles (the front page of an empty site still exists); a listing of
/// one page carries no pagination.
fn paginate<T: Clone>(
    subject: Option<&Subject>,
    articles: Vec<T>,
    per_page: NonZeroUsize,
) -> std::result::Result<Vec<Listing<T>>, String> {
    let total = u32::try_from(articles.len()).unwrap_or(u32::MAX);
    let archived = (articles.len() / per_page.get()).saturating_sub(1);
    // Page numbers stop at the contract's limit: past it, a page would
    // have no number of its own.
    let max = gazette_contract::MAX_PAGES as usize;
    if archived > max {
        return Err(format!(
            "{}: {} articles make {archived} archived pages of {per_page}, past the {max} pages a listing may have: raise articles_per_page",
            subject.map_or("the front page".to_owned(), |s| format!(
                "{} {}",
                s.collection().name(),
                s.slug()
            )),
            total,
        ));
    }
    let listing = |page: &[T], pagination| Listing {
        version: Version1,
        subject: subject.cloned(),
        // At most 199 a page (articles_per_page is at most 100), within the listing's bound.
        articles: Bounded::new(page.to_vec()).unwrap_or_default(),
        pagination,
    };
    let number = |n: usize| PageNumber::new(u32::try_from(n).unwrap_or(u32::MAX));
    let (first, older) = articles.split_at(articles.len() - archived * per_page.get());
    let mut pages = vec![listing(
        first,
        number(archived).map(|archived| Pagination::First {
            archived,
            articles: total,
        }),
    )];
    // Newest archived page first: `older` is newest first too.
    for (i, page) in older.chunks_exact(per_page.get()).enumerate() {
        let pagination = number(archived - i).map(|page| Pagination::Archived {
            page,
            newest: i == 0,
        });
        pages.push(listing(page, pagination));
    }
    Ok(pages)
}

/// Root-relative link targets in the article's text and images.
fn internal_links<R>(article: &Article<R>) -> BTreeSet<String> {
    use gazette_contract::Block;
    let mut links = BTreeSet::new();
    let mut add = |url: &str| {
        if url.starts_with('/') {
            links.insert(url.to_owned());
        }
    };
    if let Some(image) = &article.lead_image {
        add(image.src.as_str());
    }
    for block in &article.body {
        match block {
            Block::Paragraph(paragraph) => paragraph
                .content
                .iter()
                .filter_map(|s| s.link.as_ref())
                .for_each(|l| add(l.as_str())),
            Block::List(list) => list
                .items
                .iter()
                .flatten()
                .filter_map(|s| s.link.as_ref())
                .for_each(|l| add(l.as_str())),
            Block::Image(image) => add(image.src.as_str()),
            Block::Embed(embed) => add(embed.url.as_str()),
            _ => {}
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_root as root;
    use gazette_contract::Page;

    /// Each document is checked against its own kind's schema, every
    /// problem is said with the document's name, in order, and one that
    /// cannot be made is a problem too.
    #[test]
    fn documents_are_checked_against_their_schema_and_every_problem_named() {
        let schemas = Schemas::load(&root()).unwrap();
        let site = sample(&root()).unwrap();
        check_model(&schemas, &site).unwrap_or_else(|e| panic!("{e:#}"));
        let article = serde_json::to_string(&site.articles[0]).unwrap();
        let listing = serde_json::to_string(&site.listing(&site.front[0])).unwrap();
        let refused = r#"{"version":1}"#.to_owned();
        let items = [
            ("an article", true, Some(article.clone())),
            ("an article read as a listing", false, Some(article)),
            ("a listing", false, Some(listing.clone())),
            ("a listing read as an article", true, Some(listing)),
            ("an empty article", true, Some(refused.clone())),
            ("an empty listing", false, Some(refused)),
            ("not made", true, None),
        ];
        let found = schemas
            .check_documents(&items, |(name, article, json)| {
                Ok(Document {
                    name: (*name).to_owned(),
                    kind: if *article {
                        Kind::Article
                    } else {
                        Kind::Listing
                    },
                    json: json.clone().context("could not be made")?,
                })
            })
            .map_err(|e| format!("{e:#}"))
            .unwrap_err();
        let named: Vec<&str> = found
            .lines()
            .filter_map(|line| line.split(": ").next())
            .collect();
        assert_eq!(
            named,
            [
                "an article read as a listing",
                "a listing read as an article",
                "an empty article",
                "an empty listing",
                "could not be made"
            ],
            "{found}"
        );
        // The whole model, under schemas that refuse every document.
        let strict = std::env::temp_dir().join(format!("gazette-schemas-{}", std::process::id()));
        fs::create_dir_all(strict.join("schema")).unwrap();
        for name in ["article.v1.schema.json", "listing.v1.schema.json"] {
            let text = format!(r#"{{"$id": "https://example.org/{name}", "type": "string"}}"#);
            fs::write(strict.join("schema").join(name), text).unwrap();
        }
        let refusing = Schemas::load(&strict).unwrap();
        fs::remove_dir_all(&strict).unwrap();
        let found = format!("{:#}", check_model(&refusing, &site).unwrap_err());
        for article in &site.articles {
            assert!(
                found.contains(&format!("{}: schema", article.slug)),
                "{found}"
            );
        }
        assert_eq!(
            found.matches("listing: schema").count(),
            site.listings().count(),
            "{found}"
        );
    }

    #[test]
    fn sample_content_parses_validates_and_cross_links() {
        let site = sample(&root()).unwrap_or_else(|e| panic!("{e:#}"));
        assert!(site.articles.len() >= 4, "several sample articles");
        // Newest first.
        assert!(site
            .articles
            .windows(2)
            .all(|w| w[0].published >= w[1].published));
        // Every related post and listing entry points at an article that exists.
        let slugs: BTreeSet<_> = site.articles.iter().map(|a| a.slug.clone()).collect();
        for a in &site.articles {
            assert!(!a.related.is_empty(), "{} has related posts", a.slug);
            assert!(a.related.iter().all(|t| slugs.contains(&t.slug)));
        }
        for listing in site.listings() {
            let teasers = site.listing(listing).articles;
            assert_eq!(teasers.len(), listing.articles.len());
            assert!(teasers.iter().all(|t| slugs.contains(&t.slug)));
        }
        assert_eq!(site.front.len(), 1, "the samples fit one page");
        assert_eq!(site.front[0].articles.len(), site.articles.len());
        let kfor = (Collection::Tag, Slug::parse("kfor").unwrap());
        assert!(site.collections[&kfor][0].articles.len() >= 3);
        // Every article is listed in its section's and its authors' pages.
        for a in &site.articles {
            let section = (Collection::Section, a.section_slug.clone().unwrap());
            let listed = |key| {
                site.collections[&key]
                    .iter()
                    .any(|l| site.listing(l).articles.iter().any(|t| t.slug == a.slug))
            };
            assert!(listed(section), "{} in its section", a.slug);
            if let gazette_contract::Byline::Authors(people) = &a.byline {
                for p in people.iter() {
                    assert!(
                        listed((Collection::Author, p.slug.clone().unwrap())),
                        "{} by {}",
                        a.slug,
                        p.name.as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn every_problem_a_check_finds_is_reported_in_the_items_order() {
        // More items than cores, problems at the ends and in the middle.
        for failing in [
            vec![],
            vec![0],
            vec![63],
            vec![0, 1, 30, 63],
            (0..64).collect(),
        ] {
            let items: Vec<usize> = (0..64).collect();
            let refs: Vec<&usize> = items.iter().collect();
            let found = on_every_core(&refs, |n| {
                if failing.contains(n) {
                    Err(format!("item {n}"))
                } else {
                    Ok(())
                }
            })
            .unwrap();
            let expected: Vec<String> = failing.iter().map(|n| format!("item {n}")).collect();
            assert_eq!(found, expected);
        }
    }

    #[test]
    fn long_listings_are_published_in_pages_newest_first() {
        let sources: Vec<Article<Slug>> = (0..7)
            .map(|n| {
                source(&format!("paged-{n}"), |doc| {
                    doc["published"] = format!("2023-02-0{}T10:00:00Z", n + 1).into();
                })
            })
            .collect();
        for (per_page, sizes) in [
            (3, vec![4, 3]),
            (2, vec![3, 2, 2]),
            (7, vec![7]),
            (1, vec![1; 7]),
            (100, vec![7]),
        ] {
            let per = NonZeroUsize::new(per_page).unwrap();
            let site = resolve(sources.clone(), &BTreeMap::new(), per).unwrap();
            let got: Vec<usize> = site.front.iter().map(|l| l.articles.len()).collect();
            assert_eq!(got, sizes, "{per_page} a page");
            let slugs: Vec<&str> = site
                .front
                .iter()
                .flat_map(|l| l.articles.iter().map(|&i| site.articles[i].slug.as_str()))
                .collect();
            let newest_first: Vec<String> = (0..7).rev().map(|n| format!("paged-{n}")).collect();
            assert_eq!(slugs, newest_first, "every article once, newest first");
            // The first page, then the archive from its newest page to page 1,
            // each page's links leading to its neighbours.
            let archived = sizes.len() - 1;
            for (n, listing) in site.front.iter().enumerate() {
                let page = |n: usize| match n {
                    0 => Page::First,
                    n => Page::Archived(PageNumber::new((archived + 1 - n) as u32).unwrap()),
                };
                assert_eq!(listing.page(), page(n));
                assert_eq!(listing.newer(), n.checked_sub(1).map(page));
                assert_eq!(listing.older(), (n < archived).then(|| page(n + 1)));
                assert_eq!(listing.total(), (n == 0).then_some(7));
                assert_eq!(listing.pagination.is_some(), sizes.len() > 1);
            }
            // Tag, section and author pages follow the same rule.
            for pages in site.collections.values() {
                assert!(pages.iter().skip(1).all(|l| l.articles.len() == per_page));
                assert!(pages[0].articles.len() < 2 * per_page);
                assert_eq!(
                    Some(pages.iter().map(|l| l.articles.len()).sum::<usize>() as u64),
                    pages[0].total()
                );
            }
        }
        let empty = resolve(Vec::new(), &BTreeMap::new(), NonZeroUsize::MIN).unwrap();
        assert_eq!(
            empty.front.len(),
            1,
            "an empty site still has its front page"
        );
        assert!(empty.front[0].articles.is_empty() && empty.front[0].pagination.is_none());
    }

    #[test]
    fn a_new_article_changes_the_first_page_and_leaves_the_archive_as_it_was() {
        let teasers: Vec<Teaser> = (0..40)
            .map(|n| source(&format!("paged-{n}"), |_| {}).teaser())
            .collect();
        for per in [1, 2, 3, 5, 20] {
            let per = NonZeroUsize::new(per).unwrap();
            for n in 0..39 {
                // Newest first: the new article goes in front.
                let before =
                    paginate(None, teasers[..n].iter().rev().cloned().collect(), per).unwrap();
                let after =
                    paginate(None, teasers[..=n].iter().rev().cloned().collect(), per).unwrap();
                let grew = after.len() > before.len();
                for page in before.iter().filter(|l| !l.page().is_first()) {
                    let same = after.iter().find(|l| l.page() == page.page()).unwrap();
                    if grew && page.newer() == Some(Page::First) {
                        // The archive's newest page only learns it is no longer the newest.
                        assert_eq!(same.articles, page.articles, "{n} articles, {per} a page");
                        assert_ne!(same.newer(), Some(Page::First));
                    } else {
                        assert_eq!(same, page, "{n} articles, {per} a page");
                    }
                }
                assert_eq!(after.len() - before.len(), usize::from(grew));
            }
        }
    }

    #[test]
    fn a_listing_past_the_last_page_number_is_refused_never_numbered_again() {
        let teaser = source("paged-0", |_| {}).teaser();
        let max = gazette_contract::MAX_PAGES as usize;
        let one = NonZeroUsize::MIN;
        for (n, per, fits) in [
            (max + 1, one, true),
            (max + 2, one, false),
            (max + 7, one, false),
            (2 * max + 3, NonZeroUsize::new(2).unwrap(), true),
            (2 * max + 4, NonZeroUsize::new(2).unwrap(), false),
        ] {
            let pages = paginate(None, vec![teaser.clone(); n], per);
            match (pages, fits) {
                (Ok(pages), true) => {
                    assert_eq!(pages.len(), max + 1);
                    let oldest = pages.last().map(Listing::page);
                    let first = PageNumber::new(1).map(Page::Archived);
                    assert_eq!(oldest, first, "numbered to the oldest");
                }
                (Err(e), false) => {
                    assert!(
                        e.contains("the front page") && e.contains("raise articles_per_page"),
                        "{e}"
                    )
                }
                (got, _) => panic!("{n} articles, {per} a page: {:?}", got.map(|p| p.len())),
            }
        }
    }

    #[test]
    fn the_main_article_carries_the_troop_figures_and_diacritics() {
        let site = sample(&root()).unwrap();
        let main = site
            .articles
            .iter()
            .find(|a| a.slug.as_str() == "kfor-refrain-from-provocations")
            .unwrap();
        let chart = main.charts().next().expect("a chart block");
        let values: Vec<f64> = chart.series.iter().map(|o| o.value).collect();
        assert_eq!(values, [50_000.0, 39_000.0, 26_000.0, 17_500.0, 3_800.0]);
        let text = serde_json::to_string(main).unwrap();
        assert!(text.contains("Vučić"));
    }

    type Mutation = Box<dyn Fn(&mut Value)>;

    /// Documents the types refuse must be refused by the schema too, and the
    /// other way round: this is what keeps the two descriptions in step.
    #[test]
    fn schema_and_types_agree_on_good_and_bad_documents() {
        let schemas = Schemas::load(&root()).unwrap();
        let site = sample(&root()).unwrap();
        let good = serde_json::to_value(&site.articles[0]).unwrap();
        assert!(schemas.check_article(&good).is_ok());
        assert!(serde_json::from_value::<Article>(good.clone()).is_ok());

        let mutations: Vec<(&str, Mutation)> = vec![
            ("version 2", Box::new(|v| v["version"] = 2.into())),
            ("bad slug", Box::new(|v| v["slug"] = "../etc".into())),
            ("blank headline", Box::new(|v| v["headline"] = "  ".into())),
            (
                "missing standfirst",
                Box::new(|v| drop(v.as_object_mut().unwrap().remove("standfirst"))),
            ),
            ("unknown field", Box::new(|v| v["html"] = "<p>".into())),
            (
                "timestamp without offset",
                Box::new(|v| v["published"] = "2023-01-05T10:00:00".into()),
            ),
            (
                "javascript: image",
                Box::new(|v| v["lead_image"]["src"] = "javascript:alert(1)".into()),
            ),
            (
                "data: link",
                Box::new(
                    |v| v["body"] = serde_json::json!([{"type":"paragraph","content":[{"text":"x","link":"data:text/html,hi"}]}]),
                ),
            ),
            (
                "protocol-relative link",
                Box::new(
                    |v| v["body"] = serde_json::json!([{"type":"paragraph","content":[{"text":"x","link":"//evil.example"}]}]),
                ),
            ),
            (
                "quote without text",
                Box::new(|v| v["body"] = serde_json::json!([{"type":"quote"}])),
            ),
            (
                "paragraph with html field",
                Box::new(|v| {
                    v["body"] = serde_json::json!([{"type":"paragraph","content":[],"html":"<b>"}])
                }),
            ),
            (
                "chart date out of range",
                Box::new(|v| {
                    v["body"] = serde_json::json!([{"type":"chart","id":"c","title":"t","unit":"u",
                    "series":[{"date":"2003-13","value":1}],"source":{"name":"s"}}])
                }),
            ),
            (
                "byline with both forms",
                Box::new(|v| v["byline"] = serde_json::json!({"organisation":"A","authors":[]})),
            ),
            (
                "negative image width",
                Box::new(|v| v["lead_image"]["width"] = (-1).into()),
            ),
            (
                "image source of zero width",
                Box::new(|v| {
                    v["lead_image"]["sources"] = serde_json::json!([{"src":"/a.jpg","width":0}])
                }),
            ),
            (
                "image source with javascript: URL",
                Box::new(|v| {
                    v["lead_image"]["sources"] =
                        serde_json::json!([{"src":"javascript:alert(1)","width":480}])
                }),
            ),
        ];
        for (name, mutate) in mutations {
            let mut doc = good.clone();
            mutate(&mut doc);
            assert!(
                schemas.check_article(&doc).is_err(),
                "schema accepts {name}"
            );
            assert!(
                serde_json::from_value::<Article>(doc).is_err(),
                "types accept {name}"
            );
        }

        // An unknown block type is valid for both: readers skip it with a notice.
        let mut doc = good.clone();
        doc["body"] = serde_json::json!([{"type":"video","src":"https://x.org/v.mp4"}]);
        assert!(schemas.check_article(&doc).is_ok());
        assert!(serde_json::from_value::<Article>(doc).is_ok());
    }

    /// A source article (related posts as slugs), changed by `edit`.
    fn source(slug: &str, edit: impl FnOnce(&mut Value)) -> Article<Slug> {
        let text =
            fs::read_to_string(root().join("content/articles/kfor-troop-levels-since-1999.json"))
                .unwrap();
        let mut doc: Value = serde_json::from_str(&text).unwrap();
        doc["slug"] = slug.into();
        doc["related"] = serde_json::json!([]);
        edit(&mut doc);
        serde_json::from_value(doc).unwrap()
    }

    /// The problems a content step reported (none if it succeeded).
    fn problems<T>(result: Result<T>) -> Vec<String> {
        result
            .err()
            .and_then(|e| e.downcast::<crate::source::Problems>().ok())
            .map(|p| p.0)
            .unwrap_or_default()
    }

    fn refused(sources: Vec<Article<Slug>>, message: &str) {
        let errors = problems(resolve(sources, &BTreeMap::new(), PER_PAGE));
        assert!(
            errors.iter().any(|e| e.contains(message)),
            "no error with {message:?}: {errors:?}"
        );
    }

    /// Links are read by the app's own routing: a page that exists (an
    /// article, one of its embeds, a tag, the front page) or a file folder.
    #[test]
    fn a_link_must_name_a_page_or_a_file_of_the_site() {
        let with_link = |link: &str| {
            let paragraph = serde_json::json!([{"type": "paragraph", "content": [{"text": "x", "link": link}]}]);
            let a = source("a", |d| d["body"] = paragraph);
            let b = source("b", |d| d["body"] = serde_json::json!([]));
            problems(resolve(vec![a, b], &BTreeMap::new(), PER_PAGE))
        };
        let tag = source("a", |_| {}).tags[0].slug.clone();
        for good in [
            "/".to_owned(),
            "/articles/b".to_owned(),
            "/embed/articles/b".to_owned(),
            "/embed/charts/b/kfor-troops".to_owned(),
            format!("/tags/{tag}"),
            "/images/kfor.jpg".to_owned(),
            "/media/2024/01/a.png".to_owned(),
        ] {
            assert_eq!(with_link(&good), Vec::<String>::new(), "{good}");
        }
        for bad in [
            "/articles/missing",
            "/embed/articles/missing",
            "/embed/charts/missing/kfor-troops",
            "/tags/no-such-tag",
            "/tags/Not-A-Slug",
            "/page/2",
            "/about",
            "/imagesx/a.png",
        ] {
            let errors = with_link(bad);
            assert!(
                errors
                    .iter()
                    .any(|e| e.contains(&format!("link {bad} points at nothing"))),
                "{bad}: {errors:?}"
            );
        }
    }

    #[test]
    fn broken_cross_references_are_reported() {
        refused(
            vec![source("a", |d| {
                d["related"] = serde_json::json!(["no-such-article"])
            })],
            "related post no-such-article",
        );
        let link = serde_json::json!({"type": "paragraph", "content": [{"text": "x", "link": "/articles/missing"}]});
        refused(
            vec![source("a", |d| {
                d["body"].as_array_mut().unwrap().push(link)
            })],
            "/articles/missing",
        );
    }

    #[test]
    fn the_build_refuses_what_would_confuse_a_reader() {
        // One tag slug with two names.
        refused(
            vec![
                source("a", |d| {
                    d["tags"] = serde_json::json!([{"slug": "kfor", "name": "KFOR"}])
                }),
                source("b", |d| {
                    d["tags"] = serde_json::json!([{"slug": "kfor", "name": "Kfor"}])
                }),
            ],
            "tag kfor is named",
        );
        // Two articles with one slug.
        refused(
            vec![source("a", |_| {}), source("a", |_| {})],
            "two articles share a slug",
        );
    }

    /// An article whose own content does not hold together is left out and
    /// said; the others are published, and what pointed at it is said.
    #[test]
    fn an_article_that_confuses_is_left_out_and_holds_back_no_other() {
        let link = |to: &str| serde_json::json!({"type": "paragraph", "content": [{"text": "x", "link": to}]});
        type Edit = Box<dyn Fn(&mut Value)>;
        let broken: [(&str, Edit); 3] = [
            (
                "lists itself as related",
                Box::new(|d| d["related"] = serde_json::json!(["a"])),
            ),
            // Their embed URLs would collide.
            (
                "two charts share the id kfor-troops",
                Box::new(|d| {
                    let body = d["body"].as_array_mut().unwrap();
                    let chart = body.iter().find(|b| b["type"] == "chart").unwrap().clone();
                    body.push(chart);
                }),
            ),
            // A chart the reader could not draw.
            (
                "chart kfor-troops: the data points are not in date order",
                Box::new(|d| {
                    let body = d["body"].as_array_mut().unwrap();
                    let chart = body.iter_mut().find(|b| b["type"] == "chart").unwrap();
                    chart["series"] = serde_json::json!([{"date": "2003", "value": 1}, {"date": "1999", "value": 2}]);
                }),
            ),
        ];
        for (why, edit) in broken {
            let sources = vec![
                source("a", |d| edit(d)),
                source("b", |d| {
                    d["related"] = serde_json::json!(["a"]);
                    d["body"].as_array_mut().unwrap().push(link("/articles/a"));
                }),
                source("c", |_| {}),
            ];
            let site = resolve(sources, &BTreeMap::new(), PER_PAGE)
                .unwrap_or_else(|e| panic!("{why}: {e:#}"));
            let slugs: Vec<&str> = site.articles.iter().map(|a| a.slug.as_str()).collect();
            assert_eq!(slugs.len(), 2, "{why}: {slugs:?}");
            assert!(!slugs.contains(&"a"), "{why}");
            assert!(
                site.listing(&site.front[0])
                    .articles
                    .iter()
                    .all(|t| t.slug.as_str() != "a"),
                "{why}"
            );
            let b = site
                .articles
                .iter()
                .find(|a| a.slug.as_str() == "b")
                .unwrap();
            assert!(b.related.is_empty(), "{why}");
            for said in [
                format!("a: LEFT OUT, not published: {why}"),
                "b: related post a is left out".to_owned(),
                "b: link /articles/a points at an article left out".to_owned(),
            ] {
                assert!(
                    site.left_out.iter().any(|l| l.contains(&said)),
                    "{why}: {said}: {:?}",
                    site.left_out
                );
            }
        }
        // A link or a related post that never existed is still refused.
        refused(
            vec![source("b", |d| d["related"] = serde_json::json!(["never"]))],
            "related post never does not exist",
        );
    }

    #[test]
    fn a_source_file_that_is_not_an_article_named_for_its_slug_is_left_out_and_said() {
        let dir = std::env::temp_dir().join(format!("gazette-names-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let text = serde_json::to_string(&source("a-b", |_| {})).unwrap();
        fs::write(dir.join("a-b.json"), &text).unwrap();
        assert_eq!(source::folder::read(&dir).map(|a| a.len()).ok(), Some(1));
        // Misnamed, not JSON, not an article: each left out and said; the
        // good one is still read.
        fs::write(dir.join("other-name.json"), &text).unwrap();
        fs::write(dir.join("cut.json"), "{\"version\": 1, \"slug\": ").unwrap();
        fs::write(dir.join("list.json"), "[]").unwrap();
        let (articles, left_out) = source::folder::read_reporting(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].slug.as_str(), "a-b");
        assert_eq!(left_out.len(), 3, "{left_out:?}");
        for (file, why) in [
            ("other-name.json", "file name must be <slug>.json"),
            ("cut.json", "EOF while parsing"),
            ("list.json", "invalid length 0"),
        ] {
            assert!(
                left_out
                    .iter()
                    .any(|l| l.contains(&format!("{file}: LEFT OUT, not published: {why}"))),
                "{file}: {left_out:?}"
            );
        }
    }
}
