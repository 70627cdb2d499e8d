//! WordPress's rendered HTML to the contract's typed blocks, by allow-list.
//!
//! Only what the contract can say is kept: paragraphs (emphasis, strong and
//! links as spans), headings as subheadings, quotes and pull quotes with
//! their `cite`, lists, image figures, tables (a table with the class
//! `gazette-chart` becomes a chart), and embeds as link cards. Everything
//! else is dropped and counted in [`Dropped`], which the build reports per
//! post: scripts, styles, frames, forms, event and style attributes,
//! unsafe link addresses, unknown elements. Nothing here produces HTML, so
//! nothing a post holds can reach a page as markup.

use gazette_contract::limits::{Bounded, MAX_TEXT_CHARS};
use gazette_contract::{
    Block, CalendarDate, Chart, Embed, Image, ImageSource, List, NonEmpty, Observation, Paragraph,
    Quote, SafeUrl, Slug, Source, Span, Subheading, Table, Text,
};
use scraper::{ElementRef, Html, Node};
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU32;

/// What was left out of one post, by kind, with how often.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dropped(pub BTreeMap<String, usize>);

impl Dropped {
    pub fn add(&mut self, what: impl Into<String>) {
        *self.0.entry(what.into()).or_default() += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Elements dropped with everything inside them: they run code, load
/// third-party content or take input.
const DANGEROUS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "noscript", "template", "link", "meta", "base", "svg", "math",
    "canvas", "video", "audio", "source", "track", "picture", "portal", "dialog",
];

/// Inline elements whose text is kept without their formatting.
const PLAIN_INLINE: &[&str] = &[
    "span", "mark", "small", "abbr", "cite", "code", "kbd", "samp", "var", "dfn", "sup", "sub",
    "s", "del", "ins", "u", "q", "time", "bdi", "bdo", "data", "font", "big", "wbr",
];

/// Whether an element is inline content (read into a paragraph when
/// met between blocks).
fn is_inline(name: &str) -> bool {
    matches!(name, "a" | "em" | "i" | "strong" | "b" | "br" | "img") || PLAIN_INLINE.contains(&name)
}

/// Block containers whose children are read as blocks (groups, columns).
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "aside", "center", "body", "html",
];

/// How the converter turns an image address into the one to publish (the
/// build copies WordPress's uploads into the site), or refuses it.
pub type Localise<'a> = dyn Fn(&str) -> Result<SafeUrl, String> + 'a;

/// How deep the converter follows elements inside elements. Deeper
/// content is kept as plain text, read without recursion: an author can
/// save 200,000 nested `<span>`s (WordPress keeps them), which followed one
/// call per level would overflow the stack and abort the build.
pub const MAX_DEPTH: usize = 64;

/// The conversion of one post's body.
pub struct Converter<'a> {
    localise: &'a Localise<'a>,
    pub dropped: Dropped,
    chart_ids: BTreeSet<Slug>,
    /// Elements entered and not yet left: see [`MAX_DEPTH`].
    depth: usize,
}

impl<'a> Converter<'a> {
    pub fn new(localise: &'a Localise<'a>) -> Self {
        Converter {
            localise,
            dropped: Dropped::default(),
            chart_ids: BTreeSet::new(),
            depth: 0,
        }
    }

    /// The blocks of `html` (a post's `content.rendered`).
    pub fn blocks(&mut self, html: &str) -> Vec<Block> {
        let reading = super::html::read(html);
        if reading.too_deep() {
            self.dropped.add(format!(
                "elements nested more than {} deep: the post kept as plain text",
                super::html::MAX_NESTING
            ));
            let mut out = Vec::new();
            for paragraph in reading.paragraphs {
                push_paragraph(spans_of(&paragraph, &Style::default()), &mut out);
            }
            return out;
        }
        let fragment = Html::parse_fragment(html);
        let mut out = Vec::new();
        self.children_as_blocks(fragment.root_element(), &mut out);
        out
    }

    /// The children of `parent` as blocks. Inline content outside any
    /// paragraph (classic editor posts: text, links and images between
    /// blocks) is gathered into paragraphs.
    fn children_as_blocks(&mut self, parent: ElementRef, out: &mut Vec<Block>) {
        let (mut spans, mut images) = (Vec::new(), Vec::new());
        for child in parent.children() {
            let inline = match child.value() {
                Node::Text(_) => true,
                Node::Element(e) => is_inline(e.name()),
                _ => false,
            };
            if inline {
                self.inline_child(child, &Style::default(), &mut spans, &mut images);
                continue;
            }
            self.flush_paragraph(&mut spans, &mut images, out);
            if let Some(element) = ElementRef::wrap(child) {
                self.block(element, out);
            }
        }
        self.flush_paragraph(&mut spans, &mut images, out);
    }

    fn flush_paragraph(
        &mut self,
        spans: &mut Vec<Span>,
        images: &mut Vec<Image>,
        out: &mut Vec<Block>,
    ) {
        push_paragraph(std::mem::take(spans), out);
        out.extend(images.drain(..).map(Block::Image));
    }

    fn block(&mut self, element: ElementRef, out: &mut Vec<Block>) {
        if self.depth >= MAX_DEPTH {
            self.too_deep();
            push_paragraph(flat_spans(element, &Style::default()), out);
            return;
        }
        self.depth += 1;
        self.block_within_depth(element, out);
        self.depth -= 1;
    }

    fn too_deep(&mut self) {
        self.dropped.add(format!(
            "elements nested more than {MAX_DEPTH} deep (their text kept, formatting dropped)"
        ));
    }

    fn block_within_depth(&mut self, element: ElementRef, out: &mut Vec<Block>) {
        self.check_attributes(element);
        let name = element.value().name();
        match name {
            "p" => {
                let mut images = Vec::new();
                let spans = self.inline(element, &mut images);
                push_paragraph(spans, out);
                out.extend(images.into_iter().map(Block::Image));
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if let Ok(text) = NonEmpty::try_from(self.text(element)) {
                    out.push(Block::Subheading(Subheading { text }));
                }
            }
            "blockquote" => out.extend(self.quote(element)),
            "ul" | "ol" => out.extend(self.list(element, name == "ol")),
            "table" => out.push(self.table(element, None)),
            "figure" => self.figure(element, out),
            "pre" => {
                self.dropped.add("preformatted text (kept as a paragraph)");
                push_paragraph(vec![span(&self.text(element), Style::default())], out);
            }
            "hr" => self.dropped.add("<hr> (separator)"),
            _ if CONTAINERS.contains(&name) => self.children_as_blocks(element, out),
            _ if DANGEROUS.contains(&name) => self.dropped.add(format!("<{name}>")),
            _ => self.dropped.add(format!("<{name}> (unknown element)")),
        }
    }

    /// Event handlers and inline styles are never carried; say so.
    fn check_attributes(&mut self, element: ElementRef) {
        for (name, _) in element.value().attrs() {
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("on") {
                self.dropped.add(format!("event attribute {lower}"));
            } else if lower == "style" {
                self.dropped.add("style attribute");
            }
        }
    }

    /// The text of an element, white space collapsed, dropping what
    /// [`DANGEROUS`] names.
    fn text(&mut self, element: ElementRef) -> String {
        let mut images = Vec::new();
        let spans = self.inline(element, &mut images);
        for _ in images {
            self.dropped.add("image inside a heading, quote or table");
        }
        let text: String = spans.into_iter().map(|s| String::from(s.text)).collect();
        if text.chars().count() > MAX_TEXT_CHARS {
            self.dropped
                .add("text beyond 10,000 characters in one heading, quote or cell");
        }
        clip(text.trim())
    }

    /// An element's inline content as spans; images met on the way (classic
    /// editor posts put them inside paragraphs) are collected as blocks.
    fn inline(&mut self, element: ElementRef, images: &mut Vec<Image>) -> Vec<Span> {
        let mut spans = Vec::new();
        self.inline_into(element, Style::default(), &mut spans, images);
        tidy(spans)
    }

    fn inline_into(
        &mut self,
        element: ElementRef,
        style: Style,
        spans: &mut Vec<Span>,
        images: &mut Vec<Image>,
    ) {
        for child in element.children() {
            self.inline_child(child, &style, spans, images);
        }
    }

    /// One node of inline content: text with the style around it, or an
    /// element whose formatting is kept, unwrapped or dropped.
    fn inline_child(
        &mut self,
        child: ego_tree::NodeRef<'_, Node>,
        style: &Style,
        spans: &mut Vec<Span>,
        images: &mut Vec<Image>,
    ) {
        match child.value() {
            Node::Text(text) => {
                let text = collapse(text);
                if text.chars().count() > MAX_TEXT_CHARS {
                    self.dropped.add("text beyond 10,000 characters in one run");
                }
                spans.push(span(&text, style.clone()));
            }
            Node::Element(_) => {
                let Some(el) = ElementRef::wrap(child) else {
                    return;
                };
                if self.depth >= MAX_DEPTH {
                    self.too_deep();
                    spans.extend(flat_spans(el, style));
                    return;
                }
                self.depth += 1;
                self.inline_element(el, style, spans, images);
                self.depth -= 1;
            }
            _ => {}
        }
    }

    /// An element met in inline content, within [`MAX_DEPTH`].
    fn inline_element(
        &mut self,
        el: ElementRef,
        style: &Style,
        spans: &mut Vec<Span>,
        images: &mut Vec<Image>,
    ) {
        self.check_attributes(el);
        let name = el.value().name();
        let mut inner = style.clone();
        match name {
            "em" | "i" => inner.emphasis = true,
            "strong" | "b" => inner.strong = true,
            "a" => {
                if let Some(href) = el.value().attr("href").map(str::trim) {
                    match SafeUrl::parse(href) {
                        Ok(url) => inner.link = Some(url),
                        Err(_) => self.dropped.add("unsafe link address (text kept)"),
                    }
                }
            }
            "br" => {
                spans.push(span(" ", style.clone()));
                return;
            }
            "img" => {
                images.extend(self.image(el, None));
                return;
            }
            _ if PLAIN_INLINE.contains(&name) => {}
            _ if DANGEROUS.contains(&name) => {
                self.dropped.add(format!("<{name}>"));
                return;
            }
            _ => self
                .dropped
                .add(format!("<{name}> (unknown element, text kept)")),
        }
        self.inline_into(el, inner, spans, images);
    }

    fn quote(&mut self, element: ElementRef) -> Option<Block> {
        let mut parts = Vec::new();
        let mut attribution = None;
        for child in element.children().filter_map(ElementRef::wrap) {
            if child.value().name() == "cite" {
                attribution = NonEmpty::try_from(self.text(child)).ok();
            } else {
                let text = self.text(child);
                if !text.is_empty() {
                    parts.push(text);
                }
            }
        }
        if parts.is_empty() {
            // A quote written as bare text, with no paragraphs.
            let bare: String = element
                .children()
                .filter_map(|n| n.value().as_text().map(|t| collapse(t)))
                .collect();
            parts.push(bare.trim().to_owned());
        }
        let text = NonEmpty::try_from(parts.join(" ")).ok()?;
        Some(Block::Quote(Quote {
            text,
            attribution,
            lang: None,
        }))
    }

    fn list(&mut self, element: ElementRef, ordered: bool) -> Option<Block> {
        let mut items = Vec::new();
        for li in element.children().filter_map(ElementRef::wrap) {
            self.check_attributes(li);
            if li.value().name() != "li" {
                self.dropped
                    .add(format!("<{}> in a list", li.value().name()));
                continue;
            }
            let mut images = Vec::new();
            let spans = self.inline(li, &mut images);
            for _ in images {
                self.dropped.add("image inside a list item");
            }
            if !spans.is_empty() {
                match Bounded::new(spans) {
                    Ok(item) => items.push(item),
                    Err(_) => self
                        .dropped
                        .add("list item of more than 1,000 runs of text"),
                }
            }
        }
        if items.len() > gazette_contract::limits::MAX_LIST_ITEMS {
            self.dropped.add("list items beyond the first 1,000");
            items.truncate(gazette_contract::limits::MAX_LIST_ITEMS);
        }
        let items = Bounded::new(items).ok()?;
        (!items.is_empty()).then_some(Block::List(List { ordered, items }))
    }

    fn figure(&mut self, figure: ElementRef, out: &mut Vec<Block>) {
        let classes: Vec<&str> = figure.value().classes().collect();
        let caption = figure
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| c.value().name() == "figcaption")
            .map(|c| self.text(c))
            .and_then(|t| NonEmpty::try_from(t).ok());
        let find = |name: &str| {
            figure
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == name)
        };
        if classes.contains(&"wp-block-embed") {
            out.extend(self.embed(figure, &classes, caption));
        } else if let Some(table) = find("table") {
            let chart = classes.contains(&"gazette-chart");
            let block = if chart {
                self.chart(table, caption.clone())
            } else {
                Ok(self.table(table, caption.clone()))
            };
            out.push(block.unwrap_or_else(|why| {
                self.dropped
                    .add(format!("chart not drawn ({why}); shown as a table"));
                self.table(table, caption)
            }));
        } else if let Some(quote) = find("blockquote") {
            out.extend(self.quote(quote));
        } else if let Some(img) = find("img") {
            out.extend(self.image(img, caption).map(Block::Image));
        } else {
            self.dropped
                .add("<figure> with nothing the contract can show");
        }
    }

    /// An image with its size, or nothing (reported): the page reserves
    /// an image's space before it loads, so width and height are required.
    fn image(&mut self, img: ElementRef, caption: Option<NonEmpty>) -> Option<Image> {
        self.check_attributes(img);
        let attr = |name: &str| img.value().attr(name).map(str::trim);
        let Some(src) = attr("src") else {
            self.dropped.add("image without an address");
            return None;
        };
        let src = match (self.localise)(src) {
            Ok(src) => src,
            Err(_) => {
                self.dropped.add(
                    "image refused: not a PNG, JPEG, GIF, WebP or AVIF file of this site's uploads, nor an HTTPS address",
                );
                return None;
            }
        };
        let size = |name: &str| {
            attr(name)
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|v| *v > 0)
        };
        let (Some(width), Some(height)) = (size("width"), size("height")) else {
            self.dropped.add("image without width and height");
            return None;
        };
        let sources = attr("srcset")
            .map(|set| self.srcset(set, &src))
            .unwrap_or_default();
        Some(Image {
            src,
            alt: Text::try_from(attr("alt").map(collapse).unwrap_or_default()).unwrap_or_default(),
            credit: None,
            caption,
            width,
            height,
            sources: Bounded::new(sources).unwrap_or_default(),
        })
    }

    /// The other widths of `src` in a `srcset` of width descriptors.
    fn srcset(&mut self, set: &str, src: &SafeUrl) -> Vec<ImageSource> {
        let mut sources: Vec<ImageSource> = set
            .split(',')
            .filter_map(|candidate| {
                let (url, descriptor) = candidate.trim().rsplit_once(' ')?;
                let width = descriptor.strip_suffix('w')?.parse::<u32>().ok()?;
                let src = (self.localise)(url.trim()).ok()?;
                Some(ImageSource {
                    src,
                    width: NonZeroU32::new(width)?,
                })
            })
            .filter(|s| s.src != *src)
            .collect();
        sources.sort_by_key(|s| s.width);
        sources.dedup_by_key(|s| s.width);
        sources.truncate(gazette_contract::limits::MAX_FEW);
        sources
    }

    fn rows(&mut self, table: ElementRef) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for tr in table
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "tr")
        {
            let in_head = tr
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| p.value().name() == "thead");
            let cells: Vec<ElementRef> = tr
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .collect();
            let all_th = cells.iter().all(|c| c.value().name() == "th");
            let texts: Vec<String> = cells.into_iter().map(|c| self.text(c)).collect();
            if header.is_empty() && rows.is_empty() && (in_head || all_th) {
                header = texts;
            } else if !texts.is_empty() {
                rows.push(texts);
            }
        }
        (header, rows)
    }

    fn table(&mut self, table: ElementRef, caption: Option<NonEmpty>) -> Block {
        let caption = caption.or_else(|| {
            table
                .children()
                .filter_map(ElementRef::wrap)
                .find(|c| c.value().name() == "caption")
                .and_then(|c| NonEmpty::try_from(self.text(c)).ok())
        });
        let (header, rows) = self.rows(table);
        let row = |cells: Vec<String>| {
            Bounded::new(
                cells
                    .into_iter()
                    .map(|c| Text::try_from(c).unwrap_or_default())
                    .collect(),
            )
            .unwrap_or_default()
        };
        let total = rows.len();
        let rows: Vec<_> = rows.into_iter().map(row).collect();
        let rows = Bounded::new(rows).unwrap_or_else(|_| {
            self.dropped
                .add(format!("table rows beyond the first 1,000 (of {total})"));
            Bounded::default()
        });
        Block::Table(Table {
            caption,
            header: row(header),
            rows,
        })
    }

    /// A table marked `gazette-chart` as a chart: dates in the first column,
    /// values in the second; the caption is "Title. Source: Name".
    fn chart(&mut self, table: ElementRef, caption: Option<NonEmpty>) -> Result<Block, String> {
        let caption = caption.ok_or("it has no caption to give its title and source")?;
        let (title, source) = caption
            .as_str()
            .rsplit_once("Source:")
            .ok_or("its caption does not end with \"Source: …\"")?;
        let title = NonEmpty::try_from(
            title
                .trim()
                .trim_end_matches(['.', '–', '-'])
                .trim()
                .to_owned(),
        )
        .map_err(|_| "its caption has no title before \"Source:\"")?;
        let source = NonEmpty::try_from(source.trim().trim_end_matches('.').to_owned())
            .map_err(|_| "its caption names no source")?;
        let (header, rows) = self.rows(table);
        let unit = header
            .get(1)
            .map(|h| h.to_lowercase())
            .and_then(|h| NonEmpty::try_from(h).ok())
            .ok_or("its second column has no heading to name the unit")?;
        let mut series = Vec::new();
        for row in &rows {
            let [date, value, ..] = row.as_slice() else {
                return Err("a row has fewer than two cells".into());
            };
            let date = CalendarDate::parse(date.trim())
                .map_err(|_| format!("{date:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))?;
            let (value, approximate) =
                number(value).ok_or_else(|| format!("{value:?} is not a number"))?;
            series.push(Observation {
                date,
                value,
                approximate,
            });
        }
        let id = super::unique_slug(
            &super::slugify(title.as_str()),
            "chart",
            &mut self.chart_ids,
            (2..).map(|n: u32| n.to_string()),
        )
        .ok_or("no id can be made from its title")?;
        Ok(Block::Chart(Chart {
            id,
            title,
            subtitle: None,
            unit,
            series: Bounded::new(series).map_err(|e| format!("it has {e}"))?,
            allow_negative: false,
            notes: Bounded::default(),
            source: Source {
                name: source,
                url: None,
            },
        }))
    }

    fn embed(
        &mut self,
        figure: ElementRef,
        classes: &[&str],
        caption: Option<NonEmpty>,
    ) -> Option<Block> {
        let descendants: Vec<ElementRef> =
            figure.descendants().filter_map(ElementRef::wrap).collect();
        let link = descendants
            .iter()
            .filter(|e| e.value().name() == "a")
            .find_map(|e| e.value().attr("href"));
        let frame = descendants.iter().find(|e| e.value().name() == "iframe");
        let bare = figure
            .text()
            .map(str::trim)
            .find(|t| t.starts_with("https://") || t.starts_with("http://"));
        let address = link
            .map(str::to_owned)
            .or_else(|| {
                frame
                    .and_then(|f| f.value().attr("src"))
                    .map(page_of_player)
            })
            .or_else(|| bare.map(str::to_owned));
        let Some(url) = address.and_then(|a| SafeUrl::parse(a.trim()).ok()) else {
            self.dropped.add("embed without a safe address");
            return None;
        };
        let provider = classes
            .iter()
            .find_map(|c| c.strip_prefix("is-provider-"))
            .map(provider_name)
            .or_else(|| url.host().map(str::to_owned))
            .and_then(|p| NonEmpty::try_from(p).ok())?;
        let title = caption.or_else(|| {
            frame
                .and_then(|f| f.value().attr("title"))
                .and_then(|t| NonEmpty::try_from(collapse(t).trim().to_owned()).ok())
        });
        Some(Block::Embed(Embed {
            url,
            provider,
            title,
        }))
    }
}

/// A player's address as the page it plays on (a YouTube or Vimeo frame).
fn page_of_player(src: &str) -> String {
    let path = src.split('?').next().unwrap_or(src);
    for prefix in [
        "https://www.youtube.com/embed/",
        "https://www.youtube-nocookie.com/embed/",
    ] {
        if let Some(id) = path.strip_prefix(prefix) {
            return format!("https://www.youtube.com/watch?v={id}");
        }
    }
    if let Some(id) = path.strip_prefix("https://player.vimeo.com/video/") {
        return format!("https://vimeo.com/{id}");
    }
    src.to_owned()
}

/// How a provider's name is written, from WordPress's `is-provider-…` class.
fn provider_name(slug: &str) -> String {
    let known = [
        ("youtube", "YouTube"),
        ("twitter", "X"),
        ("x", "X"),
        ("vimeo", "Vimeo"),
        ("facebook", "Facebook"),
        ("instagram", "Instagram"),
        ("tiktok", "TikTok"),
        ("soundcloud", "SoundCloud"),
        ("spotify", "Spotify"),
        ("flickr", "Flickr"),
        ("reddit", "Reddit"),
        ("wordpress", "WordPress"),
        ("wordpress-tv", "WordPress.tv"),
    ];
    known
        .iter()
        .find(|(k, _)| *k == slug)
        .map(|(_, name)| (*name).to_owned())
        .unwrap_or_else(|| {
            let mut name = slug.replace('-', " ");
            if let Some(first) = name.get(..1) {
                name = first.to_uppercase() + name.get(1..).unwrap_or_default();
            }
            name
        })
}

/// A table cell as a number: digits with `,`, `.` or spaces grouping
/// thousands, an optional decimal part, and an estimate marked by a
/// leading `~`, `≈`, "about", "c." or "ca." (returned as `true`).
pub fn number(cell: &str) -> Option<(f64, bool)> {
    let mut text = cell.trim();
    let mut approximate = false;
    for marker in ["~", "≈", "about ", "c. ", "ca. ", "c.", "ca."] {
        if let Some(rest) = text.strip_prefix(marker) {
            text = rest.trim_start();
            approximate = true;
            break;
        }
    }
    let (sign, digits) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let cleaned: String = digits
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    // The last separator is decimal unless exactly three digits follow it
    // and it is the only kind used (then it groups thousands: "3,800",
    // "3.800", "50,000").
    let separators: Vec<(usize, char)> = cleaned
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | '.'))
        .collect();
    let normal = match separators.last() {
        None => cleaned.clone(),
        Some(&(at, mark)) => {
            let after = cleaned.len() - at - 1;
            let one_kind = separators.iter().all(|(_, c)| *c == mark);
            let grouped = |s: &str| {
                let mut parts = s.split(mark);
                // A leading "0" group is a whole part ("0.125"), never thousands.
                parts
                    .next()
                    .is_some_and(|p| (1..=3).contains(&p.len()) && !p.starts_with('0'))
                    && parts.all(|p| p.len() == 3)
            };
            if one_kind && after == 3 && grouped(&cleaned) {
                cleaned.replace(mark, "")
            } else {
                let (whole, fraction) = cleaned.split_at(at);
                let other = if mark == ',' { '.' } else { ',' };
                let whole: String = whole.chars().filter(|c| *c != other).collect();
                if whole.contains(mark) {
                    return None;
                }
                format!("{whole}.{}", fraction.get(1..).unwrap_or_default())
            }
        }
    };
    normal.parse::<f64>().ok().map(|v| (sign * v, approximate))
}

#[derive(Clone, Default)]
struct Style {
    emphasis: bool,
    strong: bool,
    link: Option<SafeUrl>,
}

fn span(text: &str, style: Style) -> Span {
    Span {
        text: Text::try_from(clip(text)).unwrap_or_default(),
        emphasis: style.emphasis,
        strong: style.strong,
        link: style.link,
        lang: None,
    }
}

/// The text inside `element` in `style`, as spans of at most
/// [`MAX_TEXT_CHARS`] each (nothing cut): see [`flat_text`].
fn flat_spans(element: ElementRef, style: &Style) -> Vec<Span> {
    spans_of(&flat_text(element), style)
}

/// `text` in `style`, as spans of at most [`MAX_TEXT_CHARS`] each.
fn spans_of(text: &str, style: &Style) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(MAX_TEXT_CHARS)
        .map(|chunk| span(&chunk.iter().collect::<String>(), style.clone()))
        .collect()
}

/// The text inside `element`, read without recursion (a stack instead),
/// leaving out what [`DANGEROUS`] elements hold; white space collapsed.
fn flat_text(element: ElementRef) -> String {
    let mut text = String::new();
    let mut stack: Vec<ego_tree::NodeRef<'_, Node>> = element.children().rev().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if !DANGEROUS.contains(&e.name()) => {
                if e.name() == "br" {
                    text.push(' ');
                }
                stack.extend(node.children().rev());
            }
            _ => {}
        }
    }
    collapse(&text)
}

/// Text cut to the contract's [`MAX_TEXT_CHARS`] (a paragraph longer than
/// that is split by the tidy step into spans, so only a single run of one
/// style is ever cut).
fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((at, _)) => text[..at].to_owned(),
        None => text.to_owned(),
    }
}

/// HTML's white space rule: runs of white space are one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Joins neighbouring spans of one style, drops empty ones, and trims the
/// paragraph's outer white space.
fn tidy(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if s.text.as_str().is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last)
                if last.emphasis == s.emphasis
                    && last.strong == s.strong
                    && last.link == s.link
                    && last.text.as_str().len() + s.text.as_str().len() <= MAX_TEXT_CHARS =>
            {
                let mut joined = String::from(last.text.clone());
                let next = s.text.as_str();
                if joined.ends_with(' ') && next.starts_with(' ') {
                    joined.push_str(next.trim_start());
                } else {
                    joined.push_str(next);
                }
                last.text = Text::try_from(joined).unwrap_or_default();
            }
            _ => out.push(s),
        }
    }
    if let Some(first) = out.first_mut() {
        first.text =
            Text::try_from(first.text.as_str().trim_start().to_owned()).unwrap_or_default();
    }
    if let Some(last) = out.last_mut() {
        last.text = Text::try_from(last.text.as_str().trim_end().to_owned()).unwrap_or_default();
    }
    out.retain(|s| !s.text.as_str().is_empty());
    out
}

/// A paragraph of the spans, if they hold any text; a paragraph of more
/// spans than the contract allows is split in two.
fn push_paragraph(spans: Vec<Span>, out: &mut Vec<Block>) {
    let spans = tidy(spans);
    if spans.iter().any(|s| !s.text.as_str().trim().is_empty()) {
        for chunk in spans.chunks(gazette_contract::limits::MAX_SPANS) {
            if let Ok(content) = Bounded::new(chunk.to_vec()) {
                out.push(Block::Paragraph(Paragraph { content }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UPLOADS: &str = "https://wp.example/wp-content/uploads/";

    /// As the import does: this site's uploads become `/media/…`, other
    /// HTTPS addresses stay, anything else is refused.
    fn localise(url: &str) -> Result<SafeUrl, String> {
        match url.strip_prefix(UPLOADS) {
            Some(path) => SafeUrl::parse(&format!("/media/{path}")),
            None if url.starts_with("https://") => SafeUrl::parse(url),
            None => Err(format!("{url}: refused")),
        }
    }

    fn convert(html: &str) -> (Vec<Block>, Dropped) {
        let mut converter = Converter::new(&localise);
        let blocks = converter.blocks(html);
        (blocks, converter.dropped)
    }

    fn types(blocks: &[Block]) -> Vec<&'static str> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => "paragraph",
                Block::Subheading(_) => "subheading",
                Block::Quote(_) => "quote",
                Block::List(_) => "list",
                Block::Image(_) => "image",
                Block::Chart(_) => "chart",
                Block::Table(_) => "table",
                Block::Embed(_) => "embed",
                Block::Unsupported => "unsupported",
            })
            .collect()
    }

    fn json(blocks: &[Block]) -> String {
        serde_json::to_string(blocks).unwrap_or_default()
    }

    /// WordPress 6.1.9's exact `content.rendered` for each block type
    /// (../shared/reference/wordpress.md, as Debian ships it).
    const WP_6_1: &str = "\n<p>Plain text with <strong>bold</strong>, <em>italic</em> and <a href=\"https://example.com/page\">a link</a>. Čćšđž.</p>\n\n\n\n<h2>Section heading</h2>\n\n\n\n<blockquote class=\"wp-block-quote\">\n<p>A quoted sentence.</p>\n<cite>Some Author</cite></blockquote>\n\n\n\n<ul>\n<li>First item</li>\n\n\n\n<li>Second <strong>item</strong></li>\n</ul>\n\n\n\n<figure class=\"wp-block-image size-large\"><img decoding=\"async\" loading=\"lazy\" width=\"1024\" height=\"683\" src=\"https://wp.example/wp-content/uploads/2026/11/sunrise-1024x683.png\" alt=\"Žuti pravougaonik na plavom\" class=\"wp-image-4\" srcset=\"https://wp.example/wp-content/uploads/2026/11/sunrise-1024x683.png 1024w, https://wp.example/wp-content/uploads/2026/11/sunrise-300x200.png 300w, https://wp.example/wp-content/uploads/2026/11/sunrise-768x512.png 768w, https://wp.example/wp-content/uploads/2026/11/sunrise.png 1200w\" sizes=\"(max-width: 1024px) 100vw, 1024px\" /><figcaption class=\"wp-element-caption\">Izlazak sunca nad Zemunom</figcaption></figure>\n\n\n\n<figure class=\"wp-block-table\"><table><thead><tr><th>Grad</th><th>Broj</th></tr></thead><tbody><tr><td>Niš</td><td>1</td></tr><tr><td>Čačak</td><td>2</td></tr></tbody></table><figcaption class=\"wp-element-caption\">Table caption</figcaption></figure>\n\n\n\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio\"><div class=\"wp-block-embed__wrapper\">\n<iframe loading=\"lazy\" title=\"YouTube video\" width=\"500\" height=\"281\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed\" frameborder=\"0\" allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share\" allowfullscreen></iframe>\n</div></figure>\n";

    #[test]
    fn wordpress_6_1_markup_becomes_typed_blocks() {
        let (blocks, dropped) = convert(WP_6_1);
        assert_eq!(
            types(&blocks),
            [
                "paragraph",
                "subheading",
                "quote",
                "list",
                "image",
                "table",
                "embed"
            ]
        );
        assert!(dropped.is_empty(), "nothing dropped: {dropped:?}");
        let Block::Paragraph(Paragraph { content }) = &blocks[0] else {
            panic!()
        };
        let runs: Vec<(&str, bool, bool, Option<&str>)> = content
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    s.strong,
                    s.emphasis,
                    s.link.as_ref().map(|l| l.as_str()),
                )
            })
            .collect();
        assert_eq!(
            runs,
            [
                ("Plain text with ", false, false, None),
                ("bold", true, false, None),
                (", ", false, false, None),
                ("italic", false, true, None),
                (" and ", false, false, None),
                ("a link", false, false, Some("https://example.com/page")),
                (". Čćšđž.", false, false, None),
            ]
        );
        assert!(
            matches!(&blocks[2], Block::Quote(Quote { text, attribution: Some(a), .. })
            if text.as_str() == "A quoted sentence." && a.as_str() == "Some Author")
        );
        let Block::Image(image) = &blocks[4] else {
            panic!()
        };
        assert_eq!(image.src.as_str(), "/media/2026/11/sunrise-1024x683.png");
        assert_eq!((image.width, image.height), (1024, 683));
        assert_eq!(image.alt.as_str(), "Žuti pravougaonik na plavom");
        assert_eq!(
            image.caption.as_ref().map(|c| c.as_str()),
            Some("Izlazak sunca nad Zemunom")
        );
        let widths: Vec<u32> = image.sources.iter().map(|s| s.width.get()).collect();
        assert_eq!(
            widths,
            [300, 768, 1200],
            "the other sizes, not the image itself"
        );
        let Block::Table(table) = &blocks[5] else {
            panic!()
        };
        assert_eq!(
            table.header.iter().map(Text::as_str).collect::<Vec<_>>(),
            ["Grad", "Broj"]
        );
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.caption.as_ref().map(|c| c.as_str()),
            Some("Table caption")
        );
        assert!(
            matches!(&blocks[6], Block::Embed(Embed { url, provider, title: Some(t) })
            if url.as_str() == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
                && provider.as_str() == "YouTube" && t.as_str() == "YouTube video")
        );
    }

    /// Markup of current WordPress (6.2 on): class names on headings and
    /// lists, layout classes on quotes, captions as `wp-element-caption`,
    /// a pull quote, fixed-layout tables, aligned paragraphs.
    #[test]
    fn current_wordpress_markup_becomes_the_same_blocks() {
        let html = r#"
<p class="has-text-align-center">Centred <code>text</code>.</p>
<h2 class="wp-block-heading" id="numbers">Numbers</h2>
<h3 class="wp-block-heading">Smaller heading</h3>
<ul class="wp-block-list"><li>One</li><li>Two</li></ul>
<ol class="wp-block-list"><li>First</li></ol>
<blockquote class="wp-block-quote is-layout-flow wp-block-quote-is-layout-flow"><p>Quoted.</p><p>Twice.</p><cite>Author</cite></blockquote>
<figure class="wp-block-pullquote"><blockquote><p>Pulled.</p><cite>Speaker</cite></blockquote></figure>
<figure class="wp-block-image size-full"><img fetchpriority="high" decoding="async" width="1200" height="800" src="https://wp.example/wp-content/uploads/2024/05/a.jpg" alt="" class="wp-image-9"/><figcaption class="wp-element-caption">Caption</figcaption></figure>
<figure class="wp-block-table"><table class="has-fixed-layout"><tbody><tr><td>a</td><td>b</td></tr></tbody></table></figure>
<div class="wp-block-group is-layout-constrained"><div class="wp-block-group__inner-container"><p>Inside a group.</p></div></div>
"#;
        let (blocks, dropped) = convert(html);
        assert_eq!(
            types(&blocks),
            [
                "paragraph",
                "subheading",
                "subheading",
                "list",
                "list",
                "quote",
                "quote",
                "image",
                "table",
                "paragraph"
            ]
        );
        assert!(dropped.is_empty(), "{dropped:?}");
        assert!(
            matches!(&blocks[5], Block::Quote(Quote { text, .. }) if text.as_str() == "Quoted. Twice.")
        );
        assert!(
            matches!(&blocks[6], Block::Quote(Quote { attribution: Some(a), .. }) if a.as_str() == "Speaker")
        );
        assert!(matches!(
            &blocks[4],
            Block::List(List { ordered: true, .. })
        ));
        let Block::Table(table) = &blocks[8] else {
            panic!()
        };
        assert!(
            table.header.is_empty(),
            "a table with no header row has none"
        );
    }

    /// The class of hostile markup: whatever the element, attribute or
    /// address, nothing that runs, loads or styles reaches the blocks, the
    /// text around it is kept, and each thing dropped is reported.
    #[test]
    fn hostile_markup_is_dropped_and_reported() {
        let cases: &[(&str, &str)] = &[
            ("<p>a<script>alert(1)</script>b</p>", "<script>"),
            ("<script>alert(1)</script><p>ab</p>", "<script>"),
            ("<p>a<style>body{display:none}</style>b</p>", "<style>"),
            ("<iframe src=\"https://evil.example/\"></iframe><p>ab</p>", "<iframe>"),
            ("<form action=\"https://evil.example\"><input name=q></form><p>ab</p>", "<form>"),
            ("<object data=\"x.swf\"></object><p>ab</p>", "<object>"),
            ("<p>a<svg onload=\"alert(1)\"><circle r=5 /></svg>b</p>", "<svg>"),
            ("<p onclick=\"alert(1)\">ab</p>", "event attribute onclick"),
            ("<p><em onmouseover=\"alert(1)\">ab</em></p>", "event attribute onmouseover"),
            ("<p style=\"position:fixed\">ab</p>", "style attribute"),
            ("<p><a href=\"javascript:alert(1)\">ab</a></p>", "unsafe link address (text kept)"),
            ("<p><a href=\"JaVaScRiPt:alert(1)\">ab</a></p>", "unsafe link address (text kept)"),
            ("<p><a href=\" javascript:alert(1)\">ab</a></p>", "unsafe link address (text kept)"),
            ("<p><a href=\"java&#x09;script:alert(1)\">ab</a></p>", "unsafe link address (text kept)"),
            ("<p><a href=\"vbscript:msgbox(1)\">ab</a></p>", "unsafe link address (text kept)"),
            ("<p><a href=\"data:text/html,<b>x</b>\">ab</a></p>", "unsafe link address (text kept)"),
            ("<p><a href=\"//evil.example/\">ab</a></p>", "unsafe link address (text kept)"),
            ("<p>ab<img src=\"javascript:alert(1)\" width=1 height=1></p>", "image refused: not a PNG, JPEG, GIF, WebP or AVIF file of this site's uploads, nor an HTTPS address"),
            ("<p>ab<img src=\"data:image/png;base64,AAAA\" width=1 height=1></p>", "image refused: not a PNG, JPEG, GIF, WebP or AVIF file of this site's uploads, nor an HTTPS address"),
            ("<p>ab<img src=\"x\" onerror=\"alert(1)\"></p>", "event attribute onerror"),
            ("<ul><li>ab<script>alert(1)</script></li></ul>", "<script>"),
            ("<h2>ab<iframe src=x></iframe></h2>", "<iframe>"),
            ("<blockquote><p>ab<script>x()</script></p></blockquote>", "<script>"),
            ("<figure class=\"wp-block-table\"><table><tr><td>ab<script>x()</script></td></tr></table></figure>", "<script>"),
            ("<marquee>ab</marquee><p>ab</p>", "<marquee> (unknown element)"),
            ("<p>a<blink>b</blink></p>", "<blink> (unknown element, text kept)"),
            ("<custom-element>x</custom-element><p>ab</p>", "<custom-element> (unknown element)"),
            ("<p>a<noscript><img src=x></noscript>b</p>", "<noscript>"),
            ("<p>a<template><script>x()</script></template>b</p>", "<template>"),
        ];
        for (html, reported) in cases {
            let (blocks, dropped) = convert(html);
            let out = json(&blocks).to_ascii_lowercase();
            for bad in [
                "<script",
                "javascript:",
                "vbscript:",
                "data:",
                "onerror",
                "onclick",
                "alert(",
                "evil.example",
                "<",
            ] {
                assert!(!out.contains(bad), "{html}: {bad:?} survived in {out}");
            }
            assert!(
                out.contains("ab"),
                "{html}: the text around it is kept: {out}"
            );
            assert!(
                dropped.0.contains_key(*reported),
                "{html}: {reported:?} not reported, got {dropped:?}"
            );
        }
    }

    #[test]
    fn a_table_marked_as_a_chart_becomes_a_chart() {
        let html = r#"<figure class="wp-block-table gazette-chart"><table><thead><tr><th>Date</th><th>Troops</th></tr></thead><tbody>
<tr><td>1999</td><td>~50,000</td></tr><tr><td>2002-02</td><td>about 39.000</td></tr><tr><td>2003-06-30</td><td>26 000</td></tr><tr><td>2023</td><td>3,800</td></tr>
</tbody></table><figcaption class="wp-element-caption">KFOR troop levels, 1999–2023. Source: KFOR officials</figcaption></figure>"#;
        let (blocks, dropped) = convert(html);
        assert!(dropped.is_empty(), "{dropped:?}");
        let [Block::Chart(chart)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert_eq!(chart.title.as_str(), "KFOR troop levels, 1999–2023");
        assert_eq!(chart.source.name.as_str(), "KFOR officials");
        assert_eq!(chart.unit.as_str(), "troops");
        assert_eq!(chart.id.as_str(), "kfor-troop-levels-1999-2023");
        let points: Vec<(String, f64, bool)> = chart
            .series
            .iter()
            .map(|o| (String::from(o.date), o.value, o.approximate))
            .collect();
        assert_eq!(
            points,
            [
                ("1999".into(), 50000.0, true),
                ("2002-02".into(), 39000.0, true),
                ("2003-06-30".into(), 26000.0, false),
                ("2023".into(), 3800.0, false),
            ]
        );
        assert!(gazette_contract::series::Series::parse(chart).is_ok());
    }

    #[test]
    fn a_chart_table_that_cannot_be_drawn_stays_a_table_and_says_why() {
        let table = |caption: &str, rows: &str| {
            format!(
                r#"<figure class="wp-block-table gazette-chart"><table><thead><tr><th>Date</th><th>Troops</th></tr></thead><tbody>{rows}</tbody></table><figcaption>{caption}</figcaption></figure>"#
            )
        };
        let good_rows = "<tr><td>1999</td><td>50000</td></tr>";
        for (html, why) in [
            (table("Troops", good_rows), "does not end with"),
            (
                table(
                    "Troops. Source: KFOR",
                    "<tr><td>early 2002</td><td>1</td></tr>",
                ),
                "is not a date",
            ),
            (
                table(
                    "Troops. Source: KFOR",
                    "<tr><td>1999</td><td>many</td></tr>",
                ),
                "is not a number",
            ),
            (
                table("Troops. Source: KFOR", "<tr><td>1999</td></tr>"),
                "fewer than two cells",
            ),
            (table("Source: KFOR", good_rows), "no title"),
        ] {
            let (blocks, dropped) = convert(&html);
            assert_eq!(types(&blocks), ["table"], "{html}");
            assert!(
                dropped
                    .0
                    .keys()
                    .any(|k| k.starts_with("chart not drawn") && k.contains(why)),
                "{html}: {dropped:?}"
            );
        }
    }

    #[test]
    fn charts_with_one_title_get_ids_of_their_own_however_long_the_title() {
        let long = "Troop levels ".repeat(10);
        let chart = format!(
            r#"<figure class="wp-block-table gazette-chart"><table><thead><tr><th>Date</th><th>Troops</th></tr></thead><tbody><tr><td>1999</td><td>1</td></tr></tbody></table><figcaption>{long}. Source: KFOR</figcaption></figure>"#
        );
        let untitled = chart.replace(&long, "???");
        let (blocks, dropped) =
            convert(&[chart.as_str(), &chart, &chart, &untitled, &untitled].concat());
        assert!(dropped.is_empty(), "{dropped:?}");
        let ids: Vec<String> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Chart(c) => Some(c.id.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(ids.len(), 5);
        assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 5, "{ids:?}");
        assert!(
            ids[2].ends_with("-3") && ids[2].len() <= Slug::MAX_LEN,
            "{ids:?}"
        );
        assert_eq!(&ids[3..], ["chart", "chart-2"]);
    }

    #[test]
    fn numbers_read_as_editors_write_them() {
        for (cell, expected) in [
            ("3800", Some((3800.0, false))),
            ("3,800", Some((3800.0, false))),
            ("3.800", Some((3800.0, false))),
            ("3 800", Some((3800.0, false))),
            ("3\u{a0}800", Some((3800.0, false))),
            ("1,234,567", Some((1_234_567.0, false))),
            ("1.234.567,5", Some((1_234_567.5, false))),
            ("1,234,567.5", Some((1_234_567.5, false))),
            ("3.5", Some((3.5, false))),
            ("3,5", Some((3.5, false))),
            ("0.125", Some((0.125, false))),
            ("-12", Some((-12.0, false))),
            ("−12", Some((-12.0, false))),
            ("~50,000", Some((50000.0, true))),
            ("≈ 50,000", Some((50000.0, true))),
            ("about 39,000", Some((39000.0, true))),
            ("c. 26,000", Some((26000.0, true))),
            ("", None),
            ("many", None),
            ("1,2,3", None),
            ("12 troops", None),
            ("1e5", None),
        ] {
            assert_eq!(number(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn embeds_link_to_the_page_not_the_player() {
        let x = r#"<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet"><p>Text</p>&mdash; KFOR (@NATO_KFOR) <a href="https://twitter.com/NATO_KFOR/status/1">January 5, 2023</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script></div></figure>"#;
        let vimeo = r#"<figure class="wp-block-embed is-provider-vimeo"><div class="wp-block-embed__wrapper"><iframe title="A film" src="https://player.vimeo.com/video/123?dnt=1"></iframe></div></figure>"#;
        let bare = "<figure class=\"wp-block-embed is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=M7lc1UVf-VE\n</div></figure>";
        let unsafe_embed = r#"<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"><iframe src="javascript:alert(1)"></iframe></div></figure>"#;
        let card = |html: &str| match convert(html).0.as_slice() {
            [Block::Embed(e)] => Some((e.url.as_str().to_owned(), e.provider.to_string())),
            _ => None,
        };
        assert_eq!(
            card(x),
            Some(("https://twitter.com/NATO_KFOR/status/1".into(), "X".into()))
        );
        assert_eq!(
            card(vimeo),
            Some(("https://vimeo.com/123".into(), "Vimeo".into()))
        );
        assert_eq!(
            card(bare),
            Some((
                "https://www.youtube.com/watch?v=M7lc1UVf-VE".into(),
                "YouTube".into()
            ))
        );
        assert_eq!(card(unsafe_embed), None);
        assert!(convert(unsafe_embed)
            .1
             .0
            .contains_key("embed without a safe address"));
    }

    #[test]
    fn classic_editor_content_keeps_its_images_and_loose_text() {
        let html = "Loose <strong>text</strong> first.\n<p>Intro <img src=\"https://wp.example/wp-content/uploads/a.jpg\" width=\"640\" height=\"480\" alt=\"A\"> outro</p>\n<a href=\"https://example.com/\">A loose link</a>";
        let (blocks, dropped) = convert(html);
        assert_eq!(
            types(&blocks),
            ["paragraph", "paragraph", "image", "paragraph"],
            "{blocks:?}"
        );
        assert!(dropped.is_empty(), "{dropped:?}");
        assert!(json(&blocks).contains("\"link\":\"https://example.com/\""));
    }

    #[test]
    fn runs_of_one_style_are_joined_while_they_fit_one_run() {
        let half = MAX_TEXT_CHARS / 2;
        for (a, b, runs) in [
            (3, 4, 1),
            (3000, 4000, 1),
            (half, half, 1),
            (half, half + 1, 2),
            (MAX_TEXT_CHARS - 1, 2, 2),
        ] {
            let (a, b) = ("a".repeat(a), "b".repeat(b));
            let (blocks, _) = convert(&format!("<p>{a}<span>{b}</span></p>"));
            let [Block::Paragraph(p)] = blocks.as_slice() else {
                panic!("{blocks:?}")
            };
            let texts: Vec<&str> = p.content.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(texts.len(), runs, "{} + {}", a.len(), b.len());
            assert_eq!(texts.concat(), format!("{a}{b}"), "no text lost");
        }
    }

    #[test]
    fn a_table_is_a_table_inside_a_figure_or_not() {
        // The classic editor and pasted HTML leave tables bare; blocks wrap
        // them in a figure; a caption may be the table's own.
        for html in [
            "<table><tr><th>Grad</th><th>Broj</th></tr><tr><td>Niš</td><td>1</td></tr></table>",
            "<div><table><caption>Gradovi</caption><tbody><tr><td>Niš</td><td>1</td></tr></tbody></table></div>",
            "<figure class=\"wp-block-table\"><table><tr><td>Niš</td><td>1</td></tr></table></figure>",
        ] {
            let (blocks, dropped) = convert(html);
            assert_eq!(types(&blocks), ["table"], "{html}: {blocks:?}");
            assert!(dropped.is_empty(), "{html}: {dropped:?}");
            assert!(json(&blocks).contains("Niš"), "{html}");
        }
    }

    #[test]
    fn text_beyond_the_contract_is_cut_and_reported_never_lost_silently() {
        let long = "x".repeat(MAX_TEXT_CHARS + 5);
        let (blocks, dropped) = convert(&format!("<p>{long}</p><h2>{long}</h2>"));
        assert_eq!(types(&blocks), ["paragraph", "subheading"]);
        assert_eq!(dropped.0.values().sum::<usize>(), 2, "{dropped:?}");
        assert!(json(&blocks).len() < 2 * MAX_TEXT_CHARS + 200);
        // Reported only past the limit: text of exactly the limit is whole.
        for chars in [MAX_TEXT_CHARS - 1, MAX_TEXT_CHARS, MAX_TEXT_CHARS + 1] {
            let (blocks, dropped) = convert(&format!("<p>{}</p>", "y".repeat(chars)));
            assert_eq!(types(&blocks), ["paragraph"]);
            assert_eq!(
                !dropped.is_empty(),
                chars > MAX_TEXT_CHARS,
                "{chars}: {dropped:?}"
            );
        }
        // A list keeps its first items up to the contract's cap, and says so
        // when there were more.
        let cap = gazette_contract::limits::MAX_LIST_ITEMS;
        for count in [1, cap - 1, cap, cap + 1, 2 * cap + 7] {
            let items = "<li>item</li>".repeat(count);
            let (blocks, dropped) = convert(&format!("<ul>{items}</ul>"));
            let [Block::List(list)] = blocks.as_slice() else {
                panic!("{count} items: {blocks:?}")
            };
            assert_eq!(list.items.len(), count.min(cap), "{count} items");
            assert_eq!(!dropped.is_empty(), count > cap, "{count}: {dropped:?}");
        }
    }

    #[test]
    fn nesting_of_any_depth_keeps_its_text_and_never_overflows_the_stack() {
        let deep = |open: &str, close: &str, n: usize, inner: &str| {
            format!("{}{inner}{}", open.repeat(n), close.repeat(n))
        };
        for (what, html, text) in [
            (
                "200,000 spans",
                deep("<span>", "</span>", 200_000, "deep text"),
                "deep text",
            ),
            (
                "200,000 divs",
                deep("<div>", "</div>", 200_000, "<p>deep paragraph</p>"),
                "deep paragraph",
            ),
            (
                "spans in a paragraph",
                format!(
                    "<p>before {} after</p>",
                    deep("<em><span>", "</span></em>", 50_000, "middle")
                ),
                "before middle after",
            ),
            (
                "divs in a list item",
                format!("<ul><li>{}</li></ul>", deep("<b>", "</b>", 100_000, "item")),
                "item",
            ),
            (
                "300 divs, read as a tree",
                deep("<div>", "</div>", 300, "<p>tree paragraph</p>"),
                "tree paragraph",
            ),
            (
                "300 spans in a paragraph, read as a tree",
                format!(
                    "<p>start {} end</p>",
                    deep("<span>", "</span>", 300, "inline")
                ),
                "start inline end",
            ),
            (
                "a script deep in a tree is still dropped",
                deep(
                    "<div>",
                    "</div>",
                    200,
                    "kept<script>alert(1)</script><style>x</style>",
                ),
                "kept",
            ),
            (
                "a script deep down is still dropped",
                deep(
                    "<div>",
                    "</div>",
                    1_000,
                    "kept<script>alert(1)</script><style>x</style>",
                ),
                "kept",
            ),
        ] {
            let (blocks, dropped) = convert(&html);
            let json = json(&blocks);
            let all: String = blocks
                .iter()
                .filter_map(|b| serde_json::to_value(b).ok())
                .map(|v| v.to_string())
                .collect();
            for word in text.split(' ') {
                assert!(all.contains(word), "{what}: {word} lost in {json}");
            }
            assert!(
                !all.contains("alert") && !all.contains("x</style"),
                "{what}: {json}"
            );
            assert!(
                dropped.0.keys().any(|k| k.contains("nested more than")),
                "{what}: {dropped:?}"
            );
        }
        // Nesting within the limit loses nothing and says nothing.
        let (blocks, dropped) = convert(&deep(
            "<div>",
            "</div>",
            MAX_DEPTH - 2,
            "<p><em>fine</em></p>",
        ));
        assert!(
            json(&blocks).contains("\"emphasis\":true"),
            "{}",
            json(&blocks)
        );
        assert!(dropped.is_empty(), "{dropped:?}");
    }
}
