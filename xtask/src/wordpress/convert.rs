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

use gazette::model::limits::{Bounded, MAX_TEXT_CHARS};
use gazette::model::{
    Block, CalendarDate, Chart, Embed, Image, ImageSource, NonEmpty, Observation, SafeUrl, Slug,
    Source, Span, Table, Text,
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

/// Block containers whose children are read as blocks (groups, columns).
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "aside", "center", "body", "html",
];

/// How the converter turns an image address into the one to publish (the
/// build copies WordPress's uploads into the site), or refuses it.
pub type Localise<'a> = dyn Fn(&str) -> Result<SafeUrl, String> + 'a;

/// The conversion of one post's body.
pub struct Converter<'a> {
    localise: &'a Localise<'a>,
    pub dropped: Dropped,
    chart_ids: BTreeSet<Slug>,
}

impl<'a> Converter<'a> {
    pub fn new(localise: &'a Localise<'a>) -> Self {
        Converter {
            localise,
            dropped: Dropped::default(),
            chart_ids: BTreeSet::new(),
        }
    }

    /// The blocks of `html` (a post's `content.rendered`).
    pub fn blocks(&mut self, html: &str) -> Vec<Block> {
        let fragment = Html::parse_fragment(html);
        let mut out = Vec::new();
        self.children_as_blocks(fragment.root_element(), &mut out);
        out
    }

    fn children_as_blocks(&mut self, parent: ElementRef, out: &mut Vec<Block>) {
        for child in parent.children() {
            match child.value() {
                Node::Text(text) if !text.trim().is_empty() => {
                    let spans = vec![span(&collapse(text), Style::default())];
                    push_paragraph(spans, out);
                }
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.block(element, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, element: ElementRef, out: &mut Vec<Block>) {
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
                    out.push(Block::Subheading { text });
                }
            }
            "blockquote" => out.extend(self.quote(element)),
            "ul" | "ol" => out.extend(self.list(element, name == "ol")),
            "table" => out.push(self.table(element, None)),
            "figure" => self.figure(element, out),
            "img" => out.extend(self.image(element, None).map(Block::Image)),
            "pre" => {
                self.dropped.add("preformatted text (kept as a paragraph)");
                push_paragraph(vec![span(&self.text(element), Style::default())], out);
            }
            "br" => {}
            "a" | "em" | "i" | "strong" | "b" => {
                // Inline content outside a paragraph (classic editor posts).
                let (mut spans, mut images) = (Vec::new(), Vec::new());
                self.inline_child(*element, &Style::default(), &mut spans, &mut images);
                push_paragraph(spans, out);
                out.extend(images.into_iter().map(Block::Image));
            }
            _ if PLAIN_INLINE.contains(&name) => {
                let mut images = Vec::new();
                let spans = self.inline(element, &mut images);
                push_paragraph(spans, out);
                out.extend(images.into_iter().map(Block::Image));
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
            _ => {}
        }
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
        Some(Block::Quote {
            text,
            attribution,
            lang: None,
        })
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
        if items.len() > gazette::model::limits::MAX_LIST_ITEMS {
            self.dropped.add("list items beyond the first 1,000");
            items.truncate(gazette::model::limits::MAX_LIST_ITEMS);
        }
        let items = Bounded::new(items).ok()?;
        (!items.is_empty()).then_some(Block::List { ordered, items })
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
                self.dropped
                    .add("image from neither this WordPress site's uploads nor HTTPS");
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
        sources.truncate(gazette::model::limits::MAX_FEW);
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
        let mut id = Slug::parse(&super::slugify(title.as_str())).unwrap_or_else(|_| chart_slug());
        let base = id.clone();
        let mut n = 2;
        while self.chart_ids.contains(&id) {
            id = Slug::parse(&format!("{base}-{n}")).unwrap_or_else(|_| chart_slug());
            n += 1;
        }
        self.chart_ids.insert(id.clone());
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
            .or_else(|| host(url.as_str()))
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

fn chart_slug() -> Slug {
    // "chart" is a valid slug; the fallback cannot fail.
    Slug::parse("chart").unwrap_or_else(|_| unreachable!())
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

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().map(str::to_owned)
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
                parts.next().is_some_and(|p| (1..=3).contains(&p.len()))
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
        for chunk in spans.chunks(gazette::model::limits::MAX_SPANS) {
            if let Ok(content) = Bounded::new(chunk.to_vec()) {
                out.push(Block::Paragraph { content });
            }
        }
    }
}
