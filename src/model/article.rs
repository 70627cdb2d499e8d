use super::limits::{
    Bounded, Counted, MAX_BLOCKS, MAX_CHART_MAGNITUDE, MAX_CHART_POINTS, MAX_FEW, MAX_LIST_ITEMS,
    MAX_SPANS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS,
};
use super::{
    present, whole, CalendarDate, LanguageTag, NonEmpty, SafeUrl, Slug, Text, Timestamp, Version1,
};
use serde::{Deserialize, Deserializer, Serialize};
use std::num::NonZeroU32;

/// An article's body: at most [`MAX_BLOCKS`] blocks.
pub type Body = Bounded<Block, MAX_BLOCKS>;
/// A paragraph's or list item's runs of text.
pub type Spans = Bounded<Span, MAX_SPANS>;
/// Tags, people, notes, related posts, image sources: a few of each.
pub type Few<T> = Bounded<T, MAX_FEW>;

/// One article. `R` is how related posts are given: the published contract
/// carries [`Teaser`]s (so the page can show them without more requests);
/// the source files in `content/` carry only [`Slug`]s, and the build step
/// derives the teasers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(
        deserialize = "R: Deserialize<'de> + super::limits::Counted",
        serialize = "R: Serialize"
    )
)]
pub struct Article<R = Teaser> {
    pub version: Version1,
    pub slug: Slug,
    pub headline: NonEmpty,
    pub standfirst: NonEmpty,
    pub section: NonEmpty,
    /// The article's language, e.g. `en`.
    #[serde(default)]
    pub language: LanguageTag,
    pub tags: Few<Tag>,
    pub byline: Byline,
    pub published: Timestamp,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated: Option<Timestamp>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    /// Absent for a story without one (a CMS post with no featured image).
    pub lead_image: Option<Image>,
    pub body: Body,
    #[serde(default)]
    pub related: Few<R>,
}

impl<R> Article<R> {
    /// When it last changed: updated, or else published.
    pub fn last_modified(&self) -> &Timestamp {
        self.updated.as_ref().unwrap_or(&self.published)
    }

    /// The listing entry for this article.
    pub fn teaser(&self) -> Teaser {
        Teaser {
            slug: self.slug.clone(),
            headline: self.headline.clone(),
            standfirst: self.standfirst.clone(),
            published: self.published.clone(),
            image: self.lead_image.clone(),
        }
    }

    /// The same article with its related posts given another way.
    pub fn with_related<S>(self, related: Few<S>) -> Article<S> {
        Article {
            version: self.version,
            slug: self.slug,
            headline: self.headline,
            standfirst: self.standfirst,
            section: self.section,
            language: self.language,
            tags: self.tags,
            byline: self.byline,
            published: self.published,
            updated: self.updated,
            lead_image: self.lead_image,
            body: self.body,
            related,
        }
    }

    /// Every image: the lead image, then the body's, in order.
    pub fn images(&self) -> impl Iterator<Item = &Image> {
        self.lead_image
            .iter()
            .chain(self.body.iter().filter_map(|b| match b {
                Block::Image(image) => Some(image),
                _ => None,
            }))
    }

    /// Every chart in the body, in order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.body.iter().filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
    }
}

/// A tag: its URL slug and the name readers see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub slug: Slug,
    pub name: NonEmpty,
}

/// Who wrote it: named people, or an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Byline {
    Authors(Few<Person>),
    Organisation(NonEmpty),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: NonEmpty,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub role: Option<NonEmpty>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub src: SafeUrl,
    /// Empty only for a purely decorative image.
    pub alt: Text,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    /// Who made it; absent when the source does not say (WordPress has no field for it).
    pub credit: Option<NonEmpty>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub caption: Option<NonEmpty>,
    #[serde(deserialize_with = "whole")]
    pub width: u32,
    #[serde(deserialize_with = "whole")]
    pub height: u32,
    /// The same picture at other widths, for `srcset`: the browser fetches
    /// the smallest that fills the image's slot on the reader's screen.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub sources: Few<ImageSource>,
}

/// One more width of an image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageSource {
    pub src: SafeUrl,
    /// In pixels; a `srcset` width descriptor cannot be zero.
    #[serde(deserialize_with = "whole")]
    pub width: NonZeroU32,
}

/// A body block. Each type has exactly one component in `components/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    Paragraph {
        content: Spans,
    },
    Subheading {
        text: NonEmpty,
    },
    Quote {
        text: NonEmpty,
        #[serde(
            default,
            deserialize_with = "present",
            skip_serializing_if = "Option::is_none"
        )]
        attribution: Option<NonEmpty>,
        /// The quote's language, when it differs from the article's.
        #[serde(
            default,
            deserialize_with = "present",
            skip_serializing_if = "Option::is_none"
        )]
        lang: Option<LanguageTag>,
    },
    List {
        #[serde(default)]
        ordered: bool,
        items: Bounded<Spans, MAX_LIST_ITEMS>,
    },
    Image(Image),
    Chart(Chart),
    Table(Table),
    Embed(Embed),
    /// A block type this reader does not know (from a newer contract or a
    /// CMS plug-in): shown as a notice, never as a failed page.
    #[serde(other)]
    Unsupported,
}

/// A table of text: an optional header row, then the rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub caption: Option<NonEmpty>,
    /// The column headings; empty when the table has none.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub header: Row,
    pub rows: Bounded<Row, MAX_TABLE_ROWS>,
}

/// One row of a table: its cells' text.
pub type Row = Bounded<Text, MAX_TABLE_COLUMNS>;

/// Third-party content (a video, a post on a social network), shown as a
/// link to it: no third-party script or frame runs on the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Embed {
    pub url: SafeUrl,
    /// Who hosts it, e.g. "YouTube".
    pub provider: NonEmpty,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub title: Option<NonEmpty>,
}

/// A run of text with its formatting as data (never HTML).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub text: Text,
    #[serde(default, skip_serializing_if = "is_false")]
    pub emphasis: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub strong: bool,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub link: Option<SafeUrl>,
    /// The run's language, when it differs from the article's (a name, a phrase).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<LanguageTag>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A chart of dated values, drawn by `chart/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    /// Identifies the chart inside its article (for its embed URL).
    pub id: Slug,
    pub title: NonEmpty,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub subtitle: Option<NonEmpty>,
    /// What the values count, e.g. "troops".
    pub unit: NonEmpty,
    pub series: Bounded<Observation, MAX_CHART_POINTS>,
    /// Whether values below zero make sense for this unit (default: no).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_negative: bool,
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub notes: Few<NonEmpty>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub date: CalendarDate,
    /// At most [`MAX_CHART_MAGNITUDE`] either side of zero.
    #[serde(deserialize_with = "chart_value")]
    pub value: f64,
    /// The figure is an estimate ("about 50,000").
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: NonEmpty,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<SafeUrl>,
}

/// An article as listed on the front page, a tag page or under "Related posts".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Teaser {
    pub slug: Slug,
    pub headline: NonEmpty,
    pub standfirst: NonEmpty,
    pub published: Timestamp,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub image: Option<Image>,
}

/// A chart value: finite and at most [`MAX_CHART_MAGNITUDE`] either side of zero.
fn chart_value<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if v.abs() <= MAX_CHART_MAGNITUDE {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(
            "a chart value is beyond ±1e15 (model::limits::MAX_CHART_MAGNITUDE)",
        ))
    }
}

/// What each list holds, for the message when it holds too many.
macro_rules! counted {
    ($($t:ty => $what:literal),* $(,)?) => {
        $(impl Counted for $t {
            const WHAT: &'static str = $what;
        })*
    };
}

counted! {
    Block => "blocks",
    Span => "spans",
    Spans => "list items",
    Observation => "chart points",
    Tag => "tags",
    Person => "authors",
    NonEmpty => "notes",
    ImageSource => "image sources",
    Teaser => "articles",
    Slug => "related posts",
    Text => "table cells",
    Row => "table rows",
}
