use super::limits::{Bounded, MAX_TEASERS};
use super::routes::Collection;
use super::{present, whole, NonEmpty, Section, Slug, Tag, Teaser, Version1};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::num::NonZeroU32;

/// A list of teasers, newest first: the front page (no subject) or one
/// tag's, section's or author's page. A long listing is published in pages
/// of the site's `articles_per_page`; `pagination` says which one this is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ListingFields", into = "ListingFields")]
pub struct Listing {
    pub version: Version1,
    /// What the listing gathers; none for the front page.
    pub subject: Option<Subject>,
    pub articles: Bounded<Teaser, MAX_TEASERS>,
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

impl Listing {
    /// This listing's page (the first when it is not paginated).
    pub fn page(&self) -> PageNumber {
        self.pagination.map_or(PageNumber::FIRST, |p| p.page)
    }

    /// How many pages the listing has.
    pub fn pages(&self) -> u32 {
        self.pagination.map_or(1, |p| p.pages())
    }

    /// How many articles the whole listing holds, over all its pages.
    pub fn total(&self) -> u64 {
        self.pagination
            .map_or(self.articles.len() as u64, |p| u64::from(p.articles))
    }
}

/// Where one page sits in a paginated listing. Counted as the pages after
/// this one, so that no combination of values is contradictory (a page
/// number above the page count cannot be written).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub page: PageNumber,
    /// Pages of older articles after this one.
    #[serde(deserialize_with = "bounded_count::<MAX_PAGES, _>")]
    pub older_pages: u32,
    /// Articles in the whole listing.
    #[serde(deserialize_with = "bounded_count::<MAX_LISTED, _>")]
    pub articles: u32,
}

impl Pagination {
    pub fn pages(self) -> u32 {
        self.page.get().saturating_add(self.older_pages)
    }
}

/// Pages one listing may have (contract limit).
pub const MAX_PAGES: u32 = 100_000;
/// Articles one listing may count over all its pages (contract limit).
pub const MAX_LISTED: u32 = 10_000_000;

fn bounded_count<'de, const MAX: u32, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n: u32 = whole(d)?;
    if n <= MAX {
        Ok(n)
    } else {
        Err(serde::de::Error::custom(format!("{n} is over {MAX}")))
    }
}

/// A page of a listing, counted from 1 (the newest articles), at most
/// [`MAX_PAGES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageNumber(NonZeroU32);

impl PageNumber {
    pub const FIRST: PageNumber = PageNumber(NonZeroU32::MIN);

    pub fn new(n: u32) -> Option<Self> {
        NonZeroU32::new(n)
            .filter(|n| n.get() <= MAX_PAGES)
            .map(Self)
    }

    /// The number as an address writes it after `/page/`: decimal digits
    /// without a leading zero, 2 or more (the first page's address has no
    /// page segment, so that each page has exactly one address).
    pub fn parse_address(segment: &str) -> Option<Self> {
        let canonical = segment.bytes().all(|b| b.is_ascii_digit()) && !segment.starts_with('0');
        let page = canonical.then(|| segment.parse().ok()).flatten()?;
        Self::new(page).filter(|p| !p.is_first())
    }

    pub fn get(self) -> u32 {
        self.0.get()
    }

    pub fn is_first(self) -> bool {
        self == Self::FIRST
    }

    /// The page of newer articles before this one.
    pub fn newer(self) -> Option<Self> {
        Self::new(self.get() - 1)
    }

    /// The page of older articles after this one.
    pub fn older(self) -> Option<Self> {
        Self::new(self.get().saturating_add(1))
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
        assert_eq!(PageNumber::parse_address("2").map(PageNumber::get), Some(2));
        assert_eq!(
            PageNumber::parse_address("100000").map(PageNumber::get),
            Some(100_000)
        );
        for bad in [
            "",
            "1",
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
        let one: Listing = serde_json::from_str(r#"{"version":1,"articles":[]}"#).unwrap();
        assert_eq!(
            (one.page(), one.pages(), one.total()),
            (PageNumber::FIRST, 1, 0)
        );
        let third: Listing = serde_json::from_str(
            r#"{"version":1,"articles":[],"pagination":{"page":3,"older_pages":2,"articles":93}}"#,
        )
        .unwrap();
        assert_eq!(
            (third.page().get(), third.pages(), third.total()),
            (3, 5, 93)
        );
        for bad in [
            r#"{"page":0,"older_pages":0,"articles":1}"#,
            r#"{"page":1,"older_pages":100001,"articles":1}"#,
            r#"{"page":1,"older_pages":0}"#,
            r#"{"page":1.5,"older_pages":0,"articles":1}"#,
            r#"null"#,
        ] {
            let doc = format!(r#"{{"version":1,"articles":[],"pagination":{bad}}}"#);
            assert!(serde_json::from_str::<Listing>(&doc).is_err(), "{bad}");
        }
    }
}
