use super::limits::{Bounded, MAX_TEASERS};
use super::routes::Collection;
use super::{present, whole, NonEmpty, Section, Slug, Tag, Teaser, Version1};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::num::NonZeroU32;

/// A list of teasers, newest first: the front page (no subject) or one
/// tag's, section's or author's page. A long listing is published in pages
/// of the site's `articles_per_page`; `pagination` says which one this is.
///
/// `T` is how its articles are given: the published contract carries
/// [`Teaser`]s; the build's model holds each article's place in its list
/// of articles and makes the teasers when it writes the listing (an
/// archive's listings held whole were a copy of every teaser in each: issue
/// 32).
#[derive(Clone, Debug, PartialEq)]
pub struct Listing<T = Teaser> {
    pub version: Version1,
    /// What the listing gathers; none for the front page.
    pub subject: Option<Subject>,
    pub articles: Bounded<T, MAX_TEASERS>,
    /// Absent on a listing that fits one page.
    pub pagination: Option<Pagination>,
}

/// What one listing gathers.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    Tag(Tag),
    Section(Section),
    Author(Author),
}

impl Subject {
    pub fn collection(&self) -> Collection {
        match self {
            Subject::Tag(_) => Collection::Tag,
            Subject::Section(_) => Collection::Section,
            Subject::Author(_) => Collection::Author,
        }
    }

    pub fn slug(&self) -> &Slug {
        match self {
            Subject::Tag(t) | Subject::Section(t) => &t.slug,
            Subject::Author(a) => &a.slug,
        }
    }

    /// The name readers see.
    pub fn name(&self) -> &NonEmpty {
        match self {
            Subject::Tag(t) | Subject::Section(t) => &t.name,
            Subject::Author(a) => &a.name,
        }
    }
}

/// An author's page's subject: the name, and a short biography where the
/// source has one (WordPress: the user's description).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub slug: Slug,
    pub name: NonEmpty,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub about: Option<NonEmpty>,
}

/// A listing as JSON writes it: the subject is one member named for its
/// kind (`tag`, `section` or `author`, at most one), so version 1's tag
/// pages read as they always did.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListingFields {
    version: Version1,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    tag: Option<Tag>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    section: Option<Section>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    author: Option<Author>,
    articles: Bounded<Teaser, MAX_TEASERS>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pagination: Option<Pagination>,
}

/// Read and written as [`ListingFields`], as `#[serde(try_from, into)]`
/// would, which a listing generic over its entries cannot derive.
impl<'de> Deserialize<'de> for Listing {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ListingFields::deserialize(d)
            .and_then(|fields| Listing::try_from(fields).map_err(serde::de::Error::custom))
    }
}

impl Serialize for Listing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ListingFields::from(self.clone()).serialize(s)
    }
}

impl TryFrom<ListingFields> for Listing {
    type Error = &'static str;
    fn try_from(f: ListingFields) -> Result<Self, Self::Error> {
        let subject = match (f.tag, f.section, f.author) {
            (None, None, None) => None,
            (Some(t), None, None) => Some(Subject::Tag(t)),
            (None, Some(s), None) => Some(Subject::Section(s)),
            (None, None, Some(a)) => Some(Subject::Author(a)),
            _ => return Err("a listing has at most one of tag, section and author"),
        };
        Ok(Listing {
            version: f.version,
            subject,
            articles: f.articles,
            pagination: f.pagination,
        })
    }
}

impl From<Listing> for ListingFields {
    fn from(l: Listing) -> Self {
        let (mut tag, mut section, mut author) = (None, None, None);
        match l.subject {
            Some(Subject::Tag(t)) => tag = Some(t),
            Some(Subject::Section(s)) => section = Some(s),
            Some(Subject::Author(a)) => author = Some(a),
            None => {}
        }
        ListingFields {
            version: l.version,
            tag,
            section,
            author,
            articles: l.articles,
            pagination: l.pagination,
        }
    }
}

impl<T> Listing<T> {
    /// The same listing with its articles given another way.
    pub fn with_articles<U>(&self, articles: Bounded<U, MAX_TEASERS>) -> Listing<U> {
        Listing {
            version: self.version,
            subject: self.subject.clone(),
            articles,
            pagination: self.pagination,
        }
    }

    /// This listing's page (the first when it is not paginated).
    pub fn page(&self) -> Page {
        match self.pagination {
            Some(Pagination::Archived { page, .. }) => Page::Archived(page),
            _ => Page::First,
        }
    }

    /// How many articles the whole listing holds, over all its pages: the
    /// first page says, an archived page does not (it would change with
    /// every new article).
    pub fn total(&self) -> Option<u64> {
        match self.pagination {
            None => Some(self.articles.len() as u64),
            Some(Pagination::First { articles, .. }) => Some(u64::from(articles)),
            Some(Pagination::Archived { .. }) => None,
        }
    }

    /// The page of newer articles before this one.
    pub fn newer(&self) -> Option<Page> {
        match self.pagination? {
            Pagination::First { .. } => None,
            Pagination::Archived { newest: true, .. } => Some(Page::First),
            Pagination::Archived { page, .. } => {
                PageNumber::new(page.get().saturating_add(1)).map(Page::Archived)
            }
        }
    }

    /// The page of older articles after this one.
    pub fn older(&self) -> Option<Page> {
        match self.pagination? {
            Pagination::First { archived, .. } => Some(Page::Archived(archived)),
            Pagination::Archived { page, .. } => {
                PageNumber::new(page.get() - 1).map(Page::Archived)
            }
        }
    }
}

/// Where one page sits in a paginated listing (decision 0030). Archived
/// pages are numbered from the oldest and hold `articles_per_page` each,
/// so a new article changes the first page only: the archive's pages keep
/// their addresses and their bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PaginationFields", into = "PaginationFields")]
pub enum Pagination {
    /// The first page, with the newest articles: `archived` is the number
    /// of the newest archived page (the one after it), `articles` how many
    /// the whole listing holds.
    First { archived: PageNumber, articles: u32 },
    /// An archived page; `newest` when no archived page is newer (the
    /// first page is then the one before it).
    Archived { page: PageNumber, newest: bool },
}

/// Pagination as JSON writes it: `{"archived", "articles"}` on the first
/// page, `{"page", "newest"}` on an archived one.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PaginationFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    archived: Option<PageNumber>,
    #[serde(
        default,
        deserialize_with = "bounded_count_present::<MAX_LISTED, _>",
        skip_serializing_if = "Option::is_none"
    )]
    articles: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<PageNumber>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    newest: Option<bool>,
}

impl TryFrom<PaginationFields> for Pagination {
    type Error = &'static str;
    fn try_from(f: PaginationFields) -> Result<Self, Self::Error> {
        match (f.archived, f.articles, f.page, f.newest) {
            (Some(archived), Some(articles), None, None) => {
                Ok(Pagination::First { archived, articles })
            }
            (None, None, Some(page), Some(newest)) => Ok(Pagination::Archived { page, newest }),
            _ => Err("pagination is {archived, articles} on the first page or {page, newest} on an archived one"),
        }
    }
}

impl From<Pagination> for PaginationFields {
    fn from(p: Pagination) -> Self {
        match p {
            Pagination::First { archived, articles } => PaginationFields {
                archived: Some(archived),
                articles: Some(articles),
                page: None,
                newest: None,
            },
            Pagination::Archived { page, newest } => PaginationFields {
                archived: None,
                articles: None,
                page: Some(page),
                newest: Some(newest),
            },
        }
    }
}

/// Pages one listing may have (contract limit).
pub const MAX_PAGES: u32 = 100_000;
/// Articles one listing may count over all its pages (contract limit).
pub const MAX_LISTED: u32 = 10_000_000;

fn bounded_count_present<'de, const MAX: u32, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    let n: u32 = whole(d)?;
    if n <= MAX {
        Ok(Some(n))
    } else {
        Err(serde::de::Error::custom(format!("{n} is over {MAX}")))
    }
}

/// One page of a listing: the first, at the listing's own address, with
/// its newest articles; or an archived page, at `…/page/<n>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    First,
    Archived(PageNumber),
}

impl Page {
    pub fn is_first(self) -> bool {
        self == Page::First
    }
}

/// An archived page's number, counted from 1 (the oldest articles), at
/// most [`MAX_PAGES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageNumber(NonZeroU32);

impl PageNumber {
    pub fn new(n: u32) -> Option<Self> {
        NonZeroU32::new(n)
            .filter(|n| n.get() <= MAX_PAGES)
            .map(Self)
    }

    /// The number as an address writes it after `/page/`: decimal digits
    /// without a leading zero, so that each page has exactly one address.
    pub fn parse_address(segment: &str) -> Option<Self> {
        let canonical = segment.bytes().all(|b| b.is_ascii_digit()) && !segment.starts_with('0');
        let page = canonical.then(|| segment.parse().ok()).flatten()?;
        Self::new(page)
    }

    pub fn get(self) -> u32 {
        self.0.get()
    }
}

impl std::fmt::Display for PageNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for PageNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.get())
    }
}

impl<'de> Deserialize<'de> for PageNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n: u32 = whole(d)?;
        Self::new(n).ok_or_else(|| {
            serde::de::Error::custom(format!("page {n} is not between 1 and {MAX_PAGES}"))
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code
mod tests {
    use super::*;

    #[test]
    fn a_page_address_has_one_spelling() {
        assert_eq!(PageNumber::parse_address("1").map(PageNumber::get), Some(1));
        assert_eq!(PageNumber::parse_address("2").map(PageNumber::get), Some(2));
        assert_eq!(
            PageNumber::parse_address("100000").map(PageNumber::get),
            Some(100_000)
        );
        for bad in [
            "",
            "0",
            "02",
            "+2",
            "-2",
            "2.0",
            "2 ",
            "١٢",
            "100001",
            "99999999999",
        ] {
            assert_eq!(PageNumber::parse_address(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_listing_names_at_most_one_subject_and_writes_it_back() {
        let named = |kind: &str| {
            let doc =
                format!(r#"{{"version":1,"{kind}":{{"slug":"a","name":"A"}},"articles":[]}}"#);
            let listing: Listing = serde_json::from_str(&doc).unwrap();
            assert_eq!(serde_json::to_string(&listing).unwrap(), doc);
            listing.subject.unwrap().collection()
        };
        assert_eq!(named("tag"), Collection::Tag);
        assert_eq!(named("section"), Collection::Section);
        assert_eq!(named("author"), Collection::Author);
        let about =
            r#"{"version":1,"author":{"slug":"a","name":"A","about":"Writes."},"articles":[]}"#;
        let listing: Listing = serde_json::from_str(about).unwrap();
        assert!(matches!(
            listing.subject,
            Some(Subject::Author(Author { about: Some(_), .. }))
        ));
        for bad in [
            r#"{"version":1,"tag":{"slug":"a","name":"A"},"section":{"slug":"a","name":"A"},"articles":[]}"#,
            r#"{"version":1,"section":{"slug":"a","name":"A"},"author":{"slug":"a","name":"A"},"articles":[]}"#,
            r#"{"version":1,"author":{"slug":"a","name":"A","about":""},"articles":[]}"#,
            r#"{"version":1,"author":null,"articles":[]}"#,
            r#"{"version":1,"editor":{"slug":"a","name":"A"},"articles":[]}"#,
        ] {
            assert!(serde_json::from_str::<Listing>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_listing_reads_its_pagination() {
        let read = |pagination: &str| -> Listing {
            let doc = format!(r#"{{"version":1,"articles":[],"pagination":{pagination}}}"#);
            let listing: Listing = serde_json::from_str(&doc).unwrap();
            assert_eq!(serde_json::to_string(&listing).unwrap(), doc);
            listing
        };
        let page = |n| Page::Archived(PageNumber::new(n).unwrap());
        let one: Listing = serde_json::from_str(r#"{"version":1,"articles":[]}"#).unwrap();
        assert_eq!(
            (one.page(), one.total(), one.newer(), one.older()),
            (Page::First, Some(0), None, None)
        );
        let first = read(r#"{"archived":4,"articles":93}"#);
        assert_eq!(
            (first.page(), first.total(), first.newer(), first.older()),
            (Page::First, Some(93), None, Some(page(4)))
        );
        let newest = read(r#"{"page":4,"newest":true}"#);
        assert_eq!(
            (
                newest.page(),
                newest.total(),
                newest.newer(),
                newest.older()
            ),
            (page(4), None, Some(Page::First), Some(page(3)))
        );
        let middle = read(r#"{"page":2,"newest":false}"#);
        assert_eq!(
            (middle.newer(), middle.older()),
            (Some(page(3)), Some(page(1)))
        );
        let oldest = read(r#"{"page":1,"newest":false}"#);
        assert_eq!((oldest.newer(), oldest.older()), (Some(page(2)), None));
        for bad in [
            r#"{"page":0,"newest":false}"#,
            r#"{"page":100001,"newest":false}"#,
            r#"{"page":1}"#,
            r#"{"page":1,"newest":false,"articles":3}"#,
            r#"{"archived":1}"#,
            r#"{"archived":0,"articles":3}"#,
            r#"{"archived":2,"articles":10000001}"#,
            r#"{"archived":1,"articles":3,"newest":true}"#,
            r#"{"page":1.5,"newest":false}"#,
            r#"{"page":1,"newest":"yes"}"#,
            r#"{"page":1,"older_pages":0,"articles":1}"#,
            r#"{}"#,
            r#"null"#,
        ] {
            let doc = format!(r#"{{"version":1,"articles":[],"pagination":{bad}}}"#);
            assert!(serde_json::from_str::<Listing>(&doc).is_err(), "{bad}");
        }
    }
}
