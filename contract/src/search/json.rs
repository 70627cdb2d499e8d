//! Search's JSON, read and written by hand: the index's files (manifest,
//! shards, fragments), which the worker reads, and the messages between
//! the app and the worker (a question, a reply), which each side writes
//! and the other reads. serde_json and serde's derived readers were most
//! of the worker's WASM (decision 0024); these are a handful of fixed
//! shapes. The rules are serde's for the same types: unknown and repeated
//! members are refused, `null` is read only where serde reads it, a text
//! that stops in the middle is [`Failure::Truncated`]. The build still
//! writes the index with serde, and the messages are the JSON serde would
//! write: the tests hold each side to serde.

use super::engine::{Ask, Failure, Found, Reply, Results};
use super::index::{Entry, Fragment, Manifest, Shard};
use super::snippet::Part;
use crate::{NonEmpty, Slug, Timestamp, Version1, CONTRACT_VERSION};
use std::collections::BTreeMap;

/// Reads JSON text from the start, one value at a time.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

type Read<T> = Result<T, Failure>;

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn malformed<T>(&self, what: &str) -> Read<T> {
        Err(Failure::Malformed(format!("{what} at byte {}", self.at)))
    }

    /// The next byte that is not white space, not taken; `Truncated` at
    /// the end (every caller expects more).
    fn peek(&mut self) -> Read<u8> {
        let rest = self.text.as_bytes().get(self.at..).unwrap_or_default();
        let blank = rest
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        self.at += blank;
        rest.get(blank).copied().ok_or(Failure::Truncated)
    }

    /// Takes `byte` (after white space), or says what was expected.
    fn take(&mut self, byte: u8, what: &str) -> Read<()> {
        if self.peek()? == byte {
            self.at += 1;
            Ok(())
        } else {
            self.malformed(what)
        }
    }

    /// Takes `word` (`null`, `true`, `false`) if it comes next.
    fn word(&mut self, word: &str) -> Read<bool> {
        let rest = self.text.get(self.at..).unwrap_or_default();
        if rest.starts_with(word) {
            self.at += word.len();
            Ok(true)
        } else if word.starts_with(rest) {
            Err(Failure::Truncated)
        } else {
            Ok(false)
        }
    }

    /// Nothing but white space is left.
    fn end(mut self) -> Read<()> {
        match self.peek() {
            Err(Failure::Truncated) => Ok(()),
            Err(other) => Err(other),
            Ok(_) => self.malformed("more after the value"),
        }
    }

    fn null(&mut self) -> Read<bool> {
        self.peek()?;
        self.word("null")
    }

    fn bool(&mut self) -> Read<bool> {
        if self.peek()? == b't' && self.word("true")? {
            Ok(true)
        } else if self.word("false")? {
            Ok(false)
        } else {
            self.malformed("expected true or false")
        }
    }

    /// A whole number in `u32`'s range, written as JSON writes one.
    fn u32(&mut self) -> Read<u32> {
        self.peek()?;
        let bytes = self.text.as_bytes().get(self.at..).unwrap_or_default();
        // A fraction or an exponent after the digits is refused by
        // whatever reads next, as a member's or an item's end.
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || (digits > 1 && bytes.first() == Some(&b'0')) {
            return self.malformed("expected a whole number");
        }
        let number = self
            .text
            .get(self.at..self.at + digits)
            .and_then(|d| d.parse().ok());
        match number {
            Some(n) => {
                self.at += digits;
                Ok(n)
            }
            None => self.malformed("a number out of range"),
        }
    }

    fn string(&mut self) -> Read<String> {
        self.take(b'"', "expected a string")?;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.at..).unwrap_or_default();
            // Plain characters up to the next quote, escape or control.
            let plain = rest
                .bytes()
                .take_while(|b| *b != b'"' && *b != b'\\' && *b >= 0x20)
                .count();
            out.push_str(rest.get(..plain).unwrap_or_default());
            self.at += plain;
            let Some(byte) = rest.as_bytes().get(plain).copied() else {
                return Err(Failure::Truncated);
            };
            self.at += 1;
            match byte {
                b'"' => return Ok(out),
                b'\\' => out.push(self.escape()?),
                _ => return self.malformed("a control character in a string"),
            }
        }
    }

    /// The character an escape (its backslash taken) stands for.
    fn escape(&mut self) -> Read<char> {
        let Some(&byte) = self.text.as_bytes().get(self.at) else {
            return Err(Failure::Truncated);
        };
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xd800..0xdc00).contains(&first) {
                    // A leading surrogate: its trailing one must follow.
                    if !self.word("\\u")? {
                        return self.malformed("a lone surrogate");
                    }
                    let second = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&second) {
                        return self.malformed("a lone surrogate");
                    }
                    0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                } else {
                    first
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return self.malformed("a lone surrogate"),
                }
            }
            _ => return self.malformed("an unknown escape"),
        })
    }

    fn hex4(&mut self) -> Read<u32> {
        let Some(digits) = self.text.get(self.at..self.at + 4) else {
            return if self.text.len() < self.at + 4 {
                Err(Failure::Truncated)
            } else {
                self.malformed("a bad \\u escape")
            };
        };
        match u32::from_str_radix(digits, 16) {
            Ok(n) if digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.at += 4;
                Ok(n)
            }
            _ => self.malformed("a bad \\u escape"),
        }
    }

    /// Reads `[…]`, each item with `item`.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Read<()>) -> Read<()> {
        self.take(b'[', "expected an array")?;
        if self.peek()? == b']' {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return self.malformed("expected , or ]"),
            }
        }
    }

    /// Reads `{…}`, each member's value with `member`, given its name.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &str) -> Read<()>) -> Read<()> {
        self.take(b'{', "expected an object")?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Ok(());
        }
        loop {
            let name = self.string()?;
            self.take(b':', "expected :")?;
            member(self, &name)?;
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return self.malformed("expected , or }"),
            }
        }
    }

    /// An object of file names, by key (a shard's first, a prefix's start).
    fn files(&mut self) -> Read<BTreeMap<String, Slug>> {
        let mut files = BTreeMap::new();
        self.object(|r, key| {
            files.insert(key.to_owned(), r.parsed(slug)?);
            Ok(())
        })?;
        Ok(files)
    }

    /// An array of numbers.
    fn numbers(&mut self) -> Read<Vec<u32>> {
        self.list(Self::u32)
    }

    /// An array of strings.
    fn strings(&mut self) -> Read<Vec<String>> {
        self.list(Self::string)
    }

    /// An array, each item read by `item`.
    fn list<T>(&mut self, item: fn(&mut Self) -> Read<T>) -> Read<Vec<T>> {
        let mut all = Vec::new();
        self.array(|r| {
            all.push(item(r)?);
            Ok(())
        })?;
        Ok(all)
    }

    fn version(&mut self) -> Read<Version1> {
        if self.u32()? == CONTRACT_VERSION {
            Ok(Version1)
        } else {
            self.malformed("a contract version this reader does not know")
        }
    }

    /// A value `read` reads, or `null` for none (serde's `Option`).
    fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        if self.null()? {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    /// A two-item array, as serde writes a tuple: `[first, second]`.
    fn pair<A, B>(
        &mut self,
        first: impl FnOnce(&mut Self) -> Read<A>,
        second: impl FnOnce(&mut Self) -> Read<B>,
    ) -> Read<(A, B)> {
        let (mut first, mut second) = (Some(first), Some(second));
        let (mut a, mut b) = (None, None);
        self.array(|r| {
            if let Some(read) = first.take() {
                a = Some(read(r)?);
            } else if let Some(read) = second.take() {
                b = Some(read(r)?);
            } else {
                return r.malformed("more than two items");
            }
            Ok(())
        })?;
        Ok((needed(a, "first item")?, needed(b, "second item")?))
    }

    /// A string made into `T` by `parse` (a slug, a timestamp).
    fn parsed<T>(&mut self, parse: impl FnOnce(String) -> Result<T, String>) -> Read<T> {
        let text = self.string()?;
        parse(text).map_err(Failure::Malformed)
    }
}

/// Fills a member's slot, refusing a second one of the same name.
fn once<T>(slot: &mut Option<T>, name: &str, value: T) -> Read<()> {
    if slot.is_some() {
        return Err(Failure::Malformed(format!("a second `{name}`")));
    }
    *slot = Some(value);
    Ok(())
}

/// A required member's value.
fn needed<T>(slot: Option<T>, name: &str) -> Read<T> {
    slot.ok_or_else(|| Failure::Malformed(format!("no `{name}`")))
}

fn unknown(name: &str) -> Read<()> {
    Err(Failure::Malformed(format!("an unknown member `{name}`")))
}

/// Reads a whole text as one value.
fn whole<T>(text: &str, read: impl FnOnce(&mut Reader) -> Read<T>) -> Read<T> {
    let mut reader = Reader::new(text);
    let value = read(&mut reader)?;
    reader.end()?;
    Ok(value)
}

/// `search/index.json`.
pub fn manifest(text: &str) -> Read<Manifest> {
    whole(text, |r| {
        let (mut version, mut articles, mut shards, mut ends) = (None, None, None, None);
        let mut prefixes = None;
        r.object(|r, name| match name {
            "version" => once(&mut version, name, r.version()?),
            "articles" => once(&mut articles, name, r.u32()?),
            // Absent or null: none, as serde reads an `Option`.
            "ends" => once(&mut ends, name, r.optional(Reader::numbers)?),
            "shards" => once(&mut shards, name, r.files()?),
            "prefixes" => once(&mut prefixes, name, r.files()?),
            _ => unknown(name),
        })?;
        Ok(Manifest {
            version: needed(version, "version")?,
            articles: needed(articles, "articles")?,
            shards: needed(shards, "shards")?,
            ends: ends.flatten(),
            prefixes: prefixes.unwrap_or_default(),
        })
    })
}

/// A shard: `search/shards/<file>.json`.
pub fn shard(text: &str) -> Read<Shard> {
    whole(text, |r| {
        let (mut version, mut words) = (None, None);
        r.object(|r, name| match name {
            "version" => once(&mut version, name, r.version()?),
            "words" => {
                let mut all = BTreeMap::new();
                r.object(|r, word| {
                    all.insert(word.to_owned(), entry(r)?);
                    Ok(())
                })?;
                once(&mut words, name, all)
            }
            _ => unknown(name),
        })?;
        Ok(Shard {
            version: needed(version, "version")?,
            words: needed(words, "words")?,
        })
    })
}

fn entry(r: &mut Reader) -> Read<Entry> {
    let (mut key, mut stem, mut forms, mut docs) = (None, None, None, None);
    r.object(|r, name| match name {
        // Absent or null: none, as serde reads an `Option`.
        "key" => once(&mut key, name, r.optional(Reader::u32)?),
        "stem" => once(&mut stem, name, r.optional(Reader::string)?),
        "forms" => once(&mut forms, name, r.strings()?),
        "docs" => once(&mut docs, name, r.numbers()?),
        _ => unknown(name),
    })?;
    Ok(Entry {
        key: key.flatten(),
        stem: stem.flatten(),
        forms: forms.unwrap_or_default(),
        docs: needed(docs, "docs")?,
    })
}

/// A result's fragment: `search/articles/<number>.json`.
pub fn fragment(text: &str) -> Read<Fragment> {
    whole(text, |r| {
        let mut version = None;
        let (mut slug_, mut headline, mut section, mut published, mut body) =
            (None, None, None, None, None);
        r.object(|r, name| match name {
            "version" => once(&mut version, name, r.version()?),
            "slug" => once(&mut slug_, name, r.parsed(slug)?),
            "headline" => once(&mut headline, name, r.parsed(NonEmpty::try_from)?),
            "section" => once(&mut section, name, r.parsed(NonEmpty::try_from)?),
            "published" => once(&mut published, name, r.parsed(|t| Timestamp::parse(&t))?),
            "text" => once(&mut body, name, r.string()?),
            _ => unknown(name),
        })?;
        Ok(Fragment {
            version: needed(version, "version")?,
            slug: needed(slug_, "slug")?,
            headline: needed(headline, "headline")?,
            section: needed(section, "section")?,
            published: needed(published, "published")?,
            text: needed(body, "text")?,
        })
    })
}

fn slug(text: String) -> Result<Slug, String> {
    Slug::parse(&text)
}

/// The app's question, `[id, ask]` ([`write_ask`]).
pub fn read_ask(text: &str) -> Read<(u32, Ask)> {
    whole(text, |r| r.pair(Reader::u32, ask_members))
}

fn ask_members(r: &mut Reader) -> Read<Ask> {
    let (mut api, mut query, mut count, mut files) = (None, None, None, None);
    r.object(|r, name| match name {
        "api" => once(&mut api, name, r.string()?),
        "query" => once(&mut query, name, r.string()?),
        "count" => once(&mut count, name, r.u32()? as usize),
        "files" => {
            let mut all = Vec::new();
            r.array(|r| {
                all.push(r.pair(Reader::string, |r| r.optional(Reader::string))?);
                Ok(())
            })?;
            once(&mut files, name, all)
        }
        _ => unknown(name),
    })?;
    Ok(Ask {
        api: needed(api, "api")?,
        query: needed(query, "query")?,
        count: needed(count, "count")?,
        files: needed(files, "files")?,
    })
}

/// The app's question to the worker, `[id, ask]`.
pub fn write_ask(id: u32, ask: &Ask) -> String {
    Writer::message(id, |w| {
        w.0.push_str("{\"api\":");
        w.string(&ask.api);
        w.0.push_str(",\"query\":");
        w.string(&ask.query);
        w.0.push_str(",\"count\":");
        w.number(ask.count);
        w.0.push_str(",\"files\":");
        w.list(&ask.files, |w, (url, text)| {
            w.0.push('[');
            w.string(url);
            w.0.push(',');
            match text {
                Some(text) => w.string(text),
                None => w.0.push_str("null"),
            }
            w.0.push(']');
        });
        w.0.push('}');
    })
}

/// The worker's answer, `[id, reply]` ([`read_reply`]).
pub fn write_reply(id: u32, reply: &Reply) -> String {
    Writer::message(id, |w| match reply {
        Reply::Need(urls) => {
            w.0.push_str("{\"Need\":");
            w.list(urls, |w, url| w.string(url));
            w.0.push('}');
        }
        Reply::Done(Results { total, shown }) => {
            w.0.push_str("{\"Done\":{\"total\":");
            w.number(*total);
            w.0.push_str(",\"shown\":");
            w.list(shown, Writer::found);
            w.0.push_str("}}");
        }
        Reply::Failed(failure) => {
            w.0.push_str("{\"Failed\":");
            match failure {
                Failure::Malformed(why) => {
                    w.0.push_str("{\"Malformed\":");
                    w.string(why);
                    w.0.push('}');
                }
                Failure::Truncated => w.0.push_str("\"Truncated\""),
                Failure::Missing => w.0.push_str("\"Missing\""),
            }
            w.0.push('}');
        }
    })
}

/// The worker's answer, `[id, reply]` ([`write_reply`]).
pub fn read_reply(text: &str) -> Read<(u32, Reply)> {
    whole(text, |r| r.pair(Reader::u32, reply_value))
}

/// An enum as serde writes one: `{"Variant": value}`.
fn variant<T>(r: &mut Reader, mut value: impl FnMut(&mut Reader, &str) -> Read<T>) -> Read<T> {
    let mut found = None;
    r.object(|r, name| {
        let read = value(r, name)?;
        once(&mut found, "variant", read)
    })?;
    needed(found, "variant")
}

fn reply_value(r: &mut Reader) -> Read<Reply> {
    variant(r, |r, name| match name {
        "Need" => Ok(Reply::Need(r.strings()?)),
        "Done" => {
            let (mut total, mut shown) = (None, None);
            r.object(|r, name| match name {
                "total" => once(&mut total, name, r.u32()? as usize),
                "shown" => {
                    let mut all = Vec::new();
                    r.array(|r| {
                        all.push(found(r)?);
                        Ok(())
                    })?;
                    once(&mut shown, name, all)
                }
                _ => unknown(name),
            })?;
            Ok(Reply::Done(Results {
                total: needed(total, "total")?,
                shown: needed(shown, "shown")?,
            }))
        }
        "Failed" => Ok(Reply::Failed(if r.peek()? == b'"' {
            match r.string()?.as_str() {
                "Truncated" => Failure::Truncated,
                "Missing" => Failure::Missing,
                other => return Err(Failure::Malformed(format!("an unknown failure `{other}`"))),
            }
        } else {
            variant(r, |r, name| match name {
                "Malformed" => Ok(Failure::Malformed(r.string()?)),
                _ => Err(Failure::Malformed(format!("an unknown failure `{name}`"))),
            })?
        })),
        _ => Err(Failure::Malformed(format!("an unknown reply `{name}`"))),
    })
}

fn found(r: &mut Reader) -> Read<Found> {
    let (mut slug_, mut headline, mut section, mut published, mut snippet) =
        (None, None, None, None, None);
    r.object(|r, name| match name {
        "slug" => once(&mut slug_, name, r.parsed(slug)?),
        "headline" => once(&mut headline, name, r.parsed(NonEmpty::try_from)?),
        "section" => once(&mut section, name, r.parsed(NonEmpty::try_from)?),
        "published" => once(&mut published, name, r.parsed(|t| Timestamp::parse(&t))?),
        "snippet" => {
            let mut parts = Vec::new();
            r.array(|r| {
                let (mut text, mut marked) = (None, None);
                r.object(|r, name| match name {
                    "text" => once(&mut text, name, r.string()?),
                    "marked" => once(&mut marked, name, r.bool()?),
                    _ => unknown(name),
                })?;
                parts.push(Part {
                    text: needed(text, "text")?,
                    marked: needed(marked, "marked")?,
                });
                Ok(())
            })?;
            once(&mut snippet, name, parts)
        }
        _ => unknown(name),
    })?;
    Ok(Found {
        slug: needed(slug_, "slug")?,
        headline: needed(headline, "headline")?,
        section: needed(section, "section")?,
        published: needed(published, "published")?,
        snippet: needed(snippet, "snippet")?,
    })
}

struct Writer(String);

impl Writer {
    /// A message between the app and the worker: `[id, body]`.
    fn message(id: u32, body: impl FnOnce(&mut Self)) -> String {
        let mut w = Writer(String::from('['));
        w.number(id as usize);
        w.0.push(',');
        body(&mut w);
        w.0.push(']');
        w.0
    }

    fn number(&mut self, n: usize) {
        self.0.push_str(&n.to_string());
    }

    /// A string, escaped as serde_json escapes it.
    fn string(&mut self, text: &str) {
        self.0.push('"');
        for c in text.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                '\n' => self.0.push_str("\\n"),
                '\r' => self.0.push_str("\\r"),
                '\t' => self.0.push_str("\\t"),
                '\u{8}' => self.0.push_str("\\b"),
                '\u{c}' => self.0.push_str("\\f"),
                c if c < ' ' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let hex = |n: u32| HEX.get(n as usize & 15).map_or('0', |&b| b as char);
                    self.0.push_str("\\u00");
                    self.0.push(hex(c as u32 >> 4));
                    self.0.push(hex(c as u32));
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.0.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            each(self, item);
        }
        self.0.push(']');
    }

    fn found(&mut self, found: &Found) {
        self.0.push_str("{\"slug\":");
        self.string(found.slug.as_str());
        self.0.push_str(",\"headline\":");
        self.string(found.headline.as_str());
        self.0.push_str(",\"section\":");
        self.string(found.section.as_str());
        self.0.push_str(",\"published\":");
        self.string(found.published.as_str());
        self.0.push_str(",\"snippet\":");
        self.list(&found.snippet, |w, part: &Part| {
            w.0.push_str("{\"text\":");
            w.string(&part.text);
            w.0.push_str(",\"marked\":");
            w.0.push_str(if part.marked { "true" } else { "false" });
            w.0.push('}');
        });
        self.0.push('}');
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code
mod tests {
    use super::super::build::Builder;
    use super::super::index::field::{BODY, HEADLINE, TAGS};
    use super::*;

    /// An index's shards, as the build makes them.
    fn shards() -> BTreeMap<String, Shard> {
        let mut builder = Builder::default();
        let stem = |w: &str, _| crate::fold::fold(w).trim_end_matches('a').to_owned();
        builder.add(0, HEADLINE, "Марковић \"у\" Бреговцу", &stem);
        builder.add(1, BODY, "Marković, Markovic: barikada\\KFOR", &stem);
        builder.add(7, TAGS, "Ђурђевац 𝔘nicode tab\there", &stem);
        builder.finish()
    }

    fn fragment_value() -> Fragment {
        Fragment {
            version: Version1,
            slug: Slug::parse("kfor-in-2023").unwrap(),
            headline: NonEmpty::try_from("Trupe \"KFOR-a\" \\ 𝔘".to_owned()).unwrap(),
            section: NonEmpty::try_from("Безбедност".to_owned()).unwrap(),
            published: Timestamp::parse("2023-01-20T09:00:00+01:00").unwrap(),
            text: "Line one\nline\ttwo \u{1} \u{7f} é".to_owned(),
        }
    }

    /// Whether a text reads back by hand as serde reads it.
    type ReadsAlike = fn(&str) -> bool;

    /// The files serde writes, each with its check.
    fn written() -> Vec<(String, ReadsAlike)> {
        let mut files: Vec<(String, ReadsAlike)> = Vec::new();
        for value in shards().values() {
            files.push((serde_json::to_string(value).unwrap(), |t| {
                shard(t) == Ok(serde_json::from_str(t).unwrap())
            }));
        }
        // With and without `ends` and `prefixes` (an index made before them).
        let prefixes = [("abc".to_owned(), Slug::parse("p-0").unwrap())];
        for (ends, prefixes) in [
            (Some(vec![1, 5, 3, 1 << 31]), prefixes.into()),
            (None, BTreeMap::new()),
        ] {
            let value = Manifest {
                version: Version1,
                articles: 8,
                shards: [("a".to_owned(), Slug::parse("s-0").unwrap())].into(),
                ends,
                prefixes,
            };
            files.push((serde_json::to_string(&value).unwrap(), |t| {
                manifest(t) == Ok(serde_json::from_str(t).unwrap())
            }));
        }
        files.push((
            serde_json::to_string_pretty(&fragment_value()).unwrap(),
            |t| fragment(t) == Ok(serde_json::from_str(t).unwrap()),
        ));
        files
    }

    #[test]
    fn the_index_files_serde_writes_read_back_alike() {
        for (text, same) in written() {
            assert!(same(&text), "{text}");
        }
        let shards = shards();
        let read: Vec<Shard> = shards
            .values()
            .map(|s| shard(&serde_json::to_string(s).unwrap()).unwrap())
            .collect();
        assert_eq!(read, shards.into_values().collect::<Vec<_>>());
        assert_eq!(
            fragment(&serde_json::to_string(&fragment_value()).unwrap()),
            Ok(fragment_value())
        );
    }

    #[test]
    fn a_file_cut_anywhere_is_truncated() {
        for (text, _) in written() {
            for (at, _) in text.char_indices() {
                let cut = &text[..at];
                let failure = match shard(cut).err() {
                    Some(Failure::Truncated) => continue,
                    other => other,
                };
                // Some cuts are not a shard: read each as what it is.
                let as_other = [manifest(cut).err(), fragment(cut).err()];
                assert!(
                    as_other.contains(&Some(Failure::Truncated)),
                    "{cut:?}: {failure:?}"
                );
            }
        }
    }

    /// Every one-byte change of a written file is read as serde reads
    /// it: refused by both, or read by both as the same value.
    #[test]
    fn a_file_changed_anywhere_is_read_as_serde_reads_it() {
        let bytes = "\"\\,:[]{}01-.e nulltrfax\n\u{0}é".chars();
        let files: Vec<String> = written().into_iter().map(|(t, _)| t).collect();
        let mut refused = 0;
        for text in &files {
            for (at, old) in text.char_indices() {
                for new in bytes.clone() {
                    let mut changed = text.clone();
                    changed.replace_range(at..at + old.len_utf8(), &new.to_string());
                    let ours = (
                        shard(&changed).ok(),
                        manifest(&changed).ok(),
                        fragment(&changed).ok(),
                    );
                    let serde = (
                        serde_json::from_str::<Shard>(&changed).ok(),
                        serde_json::from_str::<Manifest>(&changed).ok(),
                        serde_json::from_str::<Fragment>(&changed).ok(),
                    );
                    assert_eq!(ours, serde, "{changed}");
                    refused += usize::from(ours == (None, None, None));
                }
            }
        }
        assert!(refused > 1_000, "{refused}");
    }

    #[test]
    fn what_serde_refuses_is_refused_with_a_reason() {
        let malformed = [
            r#"{"version":2,"articles":1,"shards":{}}"#,
            r#"{"version":1,"articles":-1,"shards":{}}"#,
            r#"{"version":1,"articles":4294967296,"shards":{}}"#,
            r#"{"version":1,"articles":1.5,"shards":{}}"#,
            r#"{"version":1,"articles":01,"shards":{}}"#,
            r#"{"version":1,"articles":1,"shards":{"a":"../x"}}"#,
            r#"{"version":1,"articles":1,"shards":{},"more":1}"#,
            r#"{"version":1,"version":1,"articles":1,"shards":{}}"#,
            r#"{"version":1,"shards":{}}"#,
            r#"{"version":1,"articles":1,"shards":{}} {}"#,
            r#"{"version":1,"articles":1,"shards":{"a\q":"x"}}"#,
            r#"{"version":1,"articles":1,"shards":{"\ud800":"x"}}"#,
            r#"{"version":1,"articles":1,"shards":{"\ud800\u0041":"x"}}"#,
            r#"{"version":1,"articles":1,"shards":{"\ud800\ue000":"x"}}"#,
            r#"{"version":1,"articles":1,"shards":{"\udc00":"x"}}"#,
            r#"{"version":1,"articles":1,"shards":{"\u+041":"x"}}"#,
            "{\"version\":1,\"articles\":1,\"shards\":{\"\\u00€\":\"x\"}}",
            "{\"version\":1,\"articles\":1,\"shards\":{\"a\u{1}\":\"x\"}}",
            "<h1>Oops</h1>",
            "",
        ];
        for text in malformed {
            assert!(serde_json::from_str::<Manifest>(text).is_err(), "{text}");
            let failure = manifest(text).unwrap_err();
            assert_ne!(failure, Failure::Missing);
            if let Failure::Malformed(why) = &failure {
                assert!(!why.is_empty());
            }
            assert_eq!(
                failure == Failure::Truncated,
                text.is_empty(),
                "{text}: {failure:?}"
            );
        }
        let entry_null = r#"{"version":1,"words":{"a":{"stem":null,"docs":[0,1]}}}"#;
        assert_eq!(shard(entry_null).unwrap().words["a"].stem, None);
        let forms_null = r#"{"version":1,"words":{"a":{"forms":null,"docs":[0,1]}}}"#;
        assert!(serde_json::from_str::<Shard>(forms_null).is_err());
        assert!(shard(forms_null).is_err());
        let escaped = r#"{"version":1,"articles":1,"shards":{"\u0041\/\ud83d\ude00":"x"}}"#;
        let read = manifest(escaped).unwrap();
        assert_eq!(read, serde_json::from_str(escaped).unwrap());
        assert!(read.shards.contains_key("A/😀"));
    }

    fn a_reply() -> Reply {
        Reply::Done(Results {
            total: 12,
            shown: vec![Found {
                slug: Slug::parse("a-1").unwrap(),
                headline: NonEmpty::try_from("\"Q\" \\ 𝔘 \u{1f}".to_owned()).unwrap(),
                section: NonEmpty::try_from("Politika".to_owned()).unwrap(),
                published: Timestamp::parse("2023-01-20T09:00:00Z").unwrap(),
                snippet: vec![
                    Part {
                        text: "a\u{8}\u{c}\n\r\t\u{0}\u{7f}".to_owned(),
                        marked: false,
                    },
                    Part {
                        text: "Марковић".to_owned(),
                        marked: true,
                    },
                ],
            }],
        })
    }

    #[test]
    fn replies_are_written_as_serde_writes_them() {
        let replies = [
            a_reply(),
            Reply::Done(Results {
                total: 0,
                shown: Vec::new(),
            }),
            Reply::Need(vec!["/api/v1/search/index.json".into(), "\"".into()]),
            Reply::Need(Vec::new()),
            Reply::Failed(Failure::Malformed("a \"reason\"\n".into())),
            Reply::Failed(Failure::Truncated),
            Reply::Failed(Failure::Missing),
        ];
        for (id, r) in replies.iter().enumerate() {
            let id = id as u32 * 1_000_003;
            let written = write_reply(id, r);
            assert_eq!(written, serde_json::to_string(&(id, r)).unwrap());
            assert_eq!(read_reply(&written), Ok((id, r.clone())));
            for (at, _) in written.char_indices() {
                assert_eq!(read_reply(&written[..at]), Err(Failure::Truncated));
            }
        }
        // serde's pretty form (white space anywhere) reads alike too.
        let pretty = serde_json::to_string_pretty(&(3, a_reply())).unwrap();
        assert_eq!(read_reply(&pretty), Ok((3, a_reply())));
        for bad in [
            "[1]",
            r#"[1,{"Need":[],"Done":{"total":0,"shown":[]}}]"#,
            r#"[1,{}]"#,
            r#"[1,{"Gone":[]}]"#,
            r#"[1,{"Failed":"Lost"}]"#,
            r#"[1,{"Failed":{"Other":"x"}}]"#,
            r#"[1,{"Done":{"total":1}}]"#,
            r#"[1,{"Done":{"total":1,"shown":[{"slug":"../x"}]}}]"#,
            r#"[1,{"Done":{"total":1,"shown":[],"more":1}}]"#,
            r#"[1,{"Need":["a"]},2]"#,
            "ready",
        ] {
            assert!(
                matches!(read_reply(bad), Err(Failure::Malformed(_))),
                "{bad}: {:?}",
                read_reply(bad)
            );
        }
        let marked = r#"[1,{"Done":{"total":1,"shown":[{"slug":"a","headline":"H","section":"S","published":"2023-01-20T09:00:00Z","snippet":[{"text":"x","marked":yes}]}]}}]"#;
        assert!(read_reply(marked).is_err());
    }

    #[test]
    fn questions_are_read_as_serde_writes_them() {
        let asked = Ask {
            api: "/news/api/v1".into(),
            query: "Марковић \"barric\" \\ 𝔘".into(),
            count: 20,
            files: vec![
                ("/a".into(), Some(serde_json::to_string(&shards()).unwrap())),
                ("/b".into(), None),
                ("/c".into(), Some(String::new())),
            ],
        };
        let text = serde_json::to_string(&(7_u32, &asked)).unwrap();
        assert_eq!(write_ask(7, &asked), text);
        assert_eq!(read_ask(&text), Ok((7, asked.clone())));
        let none = Ask {
            files: Vec::new(),
            ..asked.clone()
        };
        let text = serde_json::to_string(&(0_u32, &none)).unwrap();
        assert_eq!(read_ask(&text), Ok((0, none)));
        // Cut anywhere (in a `null` too), a question is truncated.
        let text = serde_json::to_string(&(7_u32, &asked)).unwrap();
        assert!(text.contains("null"));
        for (at, _) in text.char_indices() {
            assert_eq!(
                read_ask(&text[..at]),
                Err(Failure::Truncated),
                "{}",
                &text[..at]
            );
        }
        for bad in [
            "",
            "[1]",
            "[1,{},3]",
            r#"[1,{"api":"/","query":"q","count":1,"files":[["/a"]]}]"#,
            r#"[1,{"api":"/","query":"q","count":1,"files":[["/a",null,1]]}]"#,
            r#"[1,{"api":"/","query":"q","count":1,"files":[],"x":1}]"#,
            r#"[1,{"api":"/","query":"q","count":1,"files":[]}"#,
            "ready",
        ] {
            assert!(read_ask(bad).is_err(), "{bad}");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)] // test code
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text serde writes in a string, control characters and
        /// characters outside the BMP too, is read back as it was.
        #[test]
        fn any_string_reads_back(text in "\\PC*|[\\x00-\\x1f\"\\\\]{0,8}", id in any::<u32>()) {
            let asked = Ask { api: text.clone(), query: text.clone(), count: 3, files: vec![(text.clone(), Some(text.clone()))] };
            let written = serde_json::to_string(&(id, &asked)).unwrap();
            prop_assert_eq!(&write_ask(id, &asked), &written);
            prop_assert_eq!(read_ask(&written), Ok((id, asked)));
            let failed = Reply::Failed(Failure::Malformed(text.clone()));
            let written = serde_json::to_string(&(id, &failed)).unwrap();
            prop_assert_eq!(&write_reply(id, &failed), &written);
            prop_assert_eq!(read_reply(&written), Ok((id, failed)));
            let need = Reply::Need(vec![text.clone(), text]);
            prop_assert_eq!(read_reply(&write_reply(id, &need)), Ok((id, need)));
        }

        /// Any text at all is read or refused, never a panic, and what
        /// is read is what serde reads.
        #[test]
        fn any_text_is_read_as_serde_reads_it(text in "\\PC*|[\\[\\]{}\",:0-9a-z\\\\ ]{0,40}") {
            prop_assert_eq!(manifest(&text).ok(), serde_json::from_str(&text).ok());
            prop_assert_eq!(shard(&text).ok(), serde_json::from_str(&text).ok());
            prop_assert_eq!(fragment(&text).ok(), serde_json::from_str(&text).ok());
            prop_assert!(read_ask(&text).err() != Some(Failure::Missing));
            prop_assert_eq!(read_reply(&text).ok(), serde_json::from_str(&text).ok());
        }

        /// A shard of any words and postings reads back as serde reads it.
        #[test]
        fn any_shard_reads_back(
            words in proptest::collection::btree_map("\\PC{1,12}", (proptest::option::of(any::<u32>()), proptest::option::of("[a-z]{1,6}"), proptest::collection::vec("\\PC{1,6}", 0..3), proptest::collection::vec(any::<u32>(), 0..8)), 0..6)
        ) {
            let shard_value = Shard {
                version: Version1,
                words: words.into_iter().map(|(w, (key, stem, forms, docs))| (w, Entry { key, stem, forms, docs })).collect(),
            };
            let written = serde_json::to_string(&shard_value).unwrap();
            prop_assert_eq!(shard(&written), Ok(shard_value));
        }
    }
}
