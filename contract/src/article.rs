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
    /// The section's page; absent in a source, where the build derives it
    /// from the name, and where no slug can be made of the name.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub section_slug: Option<Slug>,
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
    /// Up to four more of its section's articles, the newest published
    /// before it, neither it nor its related posts: derived by the build
    /// (a source leaves it out), so a newer article never changes an older
    /// one's page.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub more_in_section: Few<Teaser>,
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
            section_slug: self.section_slug,
            language: self.language,
            tags: self.tags,
            byline: self.byline,
            published: self.published,
            updated: self.updated,
            lead_image: self.lead_image,
            body: self.body,
            related,
            more_in_section: self.more_in_section,
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

/// A tag or a section: its URL slug and the name readers see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub slug: Slug,
    pub name: NonEmpty,
}

/// A section of the site (Politics, Security…): named as a tag is.
pub type Section = Tag;

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
    /// The author's page; absent in a source, where the build derives it
    /// from the name (a WordPress user's own slug, from the importer).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub slug: Option<Slug>,
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
///
/// Written as `{"type": "paragraph", ...}`. Read by hand ([`Block`]'s
/// `Deserialize`, below) rather than by serde's derive for internally tagged
/// enums, which buffers every block and compiles each block type's reader
/// twice: the WASM's largest function (26 KB), and 7 KB gzip in all.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph(Paragraph),
    Subheading(Subheading),
    Quote(Quote),
    List(List),
    Image(Image),
    Chart(Chart),
    Table(Table),
    Embed(Embed),
    /// A block type this reader does not know (from a newer contract or a
    /// CMS plug-in): shown as a notice, never as a failed page.
    Unsupported,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    pub content: Spans,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subheading {
    pub text: NonEmpty,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: NonEmpty,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub attribution: Option<NonEmpty>,
    /// The quote's language, when it differs from the article's.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<LanguageTag>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    #[serde(default)]
    pub ordered: bool,
    pub items: Bounded<Spans, MAX_LIST_ITEMS>,
}

/// The block types this reader knows, as `"type"` names them.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum BlockType {
    Paragraph,
    Subheading,
    Quote,
    List,
    Image,
    Chart,
    Table,
    Embed,
    #[serde(other)]
    Unsupported,
}

impl<'de> Deserialize<'de> for Block {
    /// The block's members are read as raw JSON, its `"type"` picked out,
    /// and the rest read as that type's struct, which refuses unknown and
    /// repeated fields as the derive did. Any other type is `Unsupported`,
    /// whatever it holds.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let members = d.deserialize_map(Members)?;
        let (kind, rest) = split_type(&members).map_err(D::Error::custom)?;
        let read = |why: serde_json::Error| D::Error::custom(without_position(&why));
        Ok(match kind {
            BlockType::Paragraph => Block::Paragraph(serde_json::from_str(&rest).map_err(read)?),
            BlockType::Subheading => Block::Subheading(serde_json::from_str(&rest).map_err(read)?),
            BlockType::Quote => Block::Quote(serde_json::from_str(&rest).map_err(read)?),
            BlockType::List => Block::List(serde_json::from_str(&rest).map_err(read)?),
            BlockType::Image => Block::Image(serde_json::from_str(&rest).map_err(read)?),
            BlockType::Chart => Block::Chart(serde_json::from_str(&rest).map_err(read)?),
            BlockType::Table => Block::Table(serde_json::from_str(&rest).map_err(read)?),
            BlockType::Embed => Block::Embed(serde_json::from_str(&rest).map_err(read)?),
            BlockType::Unsupported => Block::Unsupported,
        })
    }
}

/// A JSON object's members, each value as it was written.
type RawMembers = Vec<(String, Box<serde_json::value::RawValue>)>;

struct Members;

impl<'de> serde::de::Visitor<'de> for Members {
    type Value = RawMembers;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a block (an object with a \"type\")")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawMembers, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
        }
        Ok(members)
    }
}

/// A block's type, and its other members as a JSON object. Not generic, so
/// the WASM holds it once.
fn split_type(members: &RawMembers) -> Result<(BlockType, String), String> {
    let mut kind = None;
    let mut rest = String::from("{");
    for (name, value) in members {
        if name == "type" {
            if kind.is_some() {
                return Err("duplicate field `type`".to_owned());
            }
            // A string first, so that another JSON value is named as such.
            let name: String =
                serde_json::from_str(value.get()).map_err(|e| without_position(&e))?;
            let by_name = serde::de::IntoDeserializer::<serde::de::value::Error>::into_deserializer;
            kind = Some(BlockType::deserialize(by_name(name.as_str())).map_err(|e| e.to_string())?);
        } else {
            if rest.len() > 1 {
                rest.push(',');
            }
            rest.push_str(&serde_json::to_string(name).map_err(|e| e.to_string())?);
            rest.push(':');
            rest.push_str(value.get());
        }
    }
    rest.push('}');
    Ok((kind.ok_or("missing field `type`")?, rest))
}

/// A message from reading one block on its own, without its position in
/// that block (the document's reader adds the block's own).
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) if error.line() > 0 => message.get(..at).unwrap_or(&message).to_owned(),
        _ => message,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn block(json: &str) -> Result<Block, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_block_is_read_wherever_its_type_is_written() {
        let expected = Block::Quote(Quote {
            text: NonEmpty::try_from("Words.".to_owned()).unwrap(),
            attribution: Some(NonEmpty::try_from("KFOR".to_owned()).unwrap()),
            lang: None,
        });
        for json in [
            r#"{"type":"quote","text":"Words.","attribution":"KFOR"}"#,
            r#"{"text":"Words.","type":"quote","attribution":"KFOR"}"#,
            r#"{"text":"Words.","attribution":"KFOR","type":"quote"}"#,
            // A key may be written with escapes; it is the same key.
            r#"{"\u0074ype":"quote","text":"Words.","attrib\u0075tion":"KFOR"}"#,
            " {\n \"type\" : \"quote\" , \"text\" : \"Words.\" , \"attribution\" : \"KFOR\" } ",
        ] {
            assert_eq!(block(json), Ok(expected.clone()), "{json}");
            // The same through a parsed value (the build's tests read them so).
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(
                serde_json::from_value::<Block>(value).ok(),
                Some(expected.clone())
            );
        }
        // Written as it is read.
        let written = serde_json::to_string(&expected).unwrap();
        assert_eq!(
            written,
            r#"{"type":"quote","text":"Words.","attribution":"KFOR"}"#
        );
        assert_eq!(block(&written), Ok(expected));
    }

    #[test]
    fn a_known_block_refuses_what_its_type_does_not_have() {
        for (json, why) in [
            (
                r#"{"type":"subheading","text":"A","html":"<b>"}"#,
                "unknown field `html`",
            ),
            (r#"{"type":"subheading"}"#, "missing field `text`"),
            (
                r#"{"type":"subheading","text":"A","text":"B"}"#,
                "duplicate field `text`",
            ),
            (
                r#"{"type":"subheading","type":"paragraph","text":"A"}"#,
                "duplicate field `type`",
            ),
            (r#"{"text":"A"}"#, "missing field `type`"),
            (r#"{"type":7,"text":"A"}"#, "invalid type: integer `7`"),
            (r#"{"type":null}"#, "invalid type: null"),
            (
                r#"{"type":"quote","text":"A","attribution":null}"#,
                "invalid type: null",
            ),
            (
                r#"{"type":"paragraph","content":[{"text":"A","bold":true}]}"#,
                "unknown field `bold`",
            ),
            (r#"["paragraph"]"#, "expected a block"),
            (r#"{"type":"paragraph","content":[{"text":"A"}]"#, "EOF"),
        ] {
            let error = block(json).unwrap_err();
            assert!(error.contains(why), "{json}: {error}");
            // One position, the document's, not the block's own as well.
            assert!(error.matches(" at line ").count() <= 1, "{json}: {error}");
        }
    }

    #[test]
    fn an_unknown_block_type_is_unsupported_whatever_it_holds() {
        for json in [
            r#"{"type":"video"}"#,
            r#"{"type":"video","src":"https://x.example/v.mp4","autoplay":true}"#,
            r#"{"poll":{"options":[1,2,{"deep":[[]]}]},"type":"poll"}"#,
            r#"{"type":"Paragraph","html":"<p>"}"#,
        ] {
            assert_eq!(block(json), Ok(Block::Unsupported), "{json}");
        }
    }

    /// A block's members are kept as raw text before they are read, so a
    /// deep nest inside one is refused by its type, or skipped with an
    /// unknown type: never a stack overflow.
    #[test]
    fn deep_nesting_inside_a_block_is_refused_or_skipped() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        for n in [200, 100_000] {
            let paragraph = format!(r#"{{"type":"paragraph","content":{}}}"#, deep(n));
            assert!(block(&paragraph).is_err(), "{n}");
            let unknown = format!(r#"{{"type":"poll","options":{}}}"#, deep(n));
            assert!(
                matches!(block(&unknown), Ok(Block::Unsupported) | Err(_)),
                "{n}"
            );
            // Raw members are skipped without recursion (serde_json's
            // `ignore_value` keeps its own stack), so an unknown block holding
            // a deep nest is one notice; the body's size cap bounds it.
            let body = format!(r#"[{{"type":"poll","options":{}}}]"#, deep(n));
            let read = serde_json::from_str::<Body>(&body);
            assert_eq!(
                read.map(|b| b.first().cloned()).ok(),
                Some(Some(Block::Unsupported)),
                "{n}"
            );
        }
    }

    #[test]
    fn blocks_inside_a_body_share_the_structure_budget() {
        let item = r#"{"type":"paragraph","content":[{"text":"A"}]}"#;
        let body = format!("[{}]", vec![item; MAX_BLOCKS].join(","));
        assert_eq!(
            serde_json::from_str::<Body>(&body).map(|b| b.len()).ok(),
            Some(MAX_BLOCKS)
        );
        let over = format!("[{}]", vec![item; MAX_BLOCKS + 1].join(","));
        let error = serde_json::from_str::<Body>(&over).unwrap_err().to_string();
        assert!(error.contains("more than"), "{error}");
    }

    #[test]
    fn chart_values_are_kept_up_to_their_magnitude_and_refused_past_it() {
        let value = |v: &str| {
            serde_json::from_str::<Observation>(&format!(r#"{{"date":"1999","value":{v}}}"#))
                .map(|o| o.value)
        };
        let max = crate::limits::MAX_CHART_MAGNITUDE;
        for (text, kept) in [
            ("0", 0.0),
            ("-0.5", -0.5),
            ("50000", 50_000.0),
            ("1e15", max),
            ("-1e15", -max),
            // Exact in f64, and read exactly with or without serde_json's
            // `float_roundtrip` (which the workspace's other crates turn on).
            ("999999999999999", 999_999_999_999_999.0),
            ("-999999999999999", -999_999_999_999_999.0),
        ] {
            assert_eq!(value(text).ok(), Some(kept), "{text}");
        }
        // Just past the bound, written as integers, which are read exactly
        // whichever float parser serde_json was built with.
        for text in [
            "1000000000000001".to_owned(),
            "-1000000000000001".to_owned(),
            "1000000000000008".to_owned(),
            "2e15".to_owned(),
            "1e308".to_owned(),
            "-1e308".to_owned(),
            "1e400".to_owned(),
        ] {
            let refused = value(&text);
            assert!(refused.is_err(), "{text}: {refused:?}");
        }
    }
}
