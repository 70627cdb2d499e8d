//! What a build keeps of search between builds: each article's distinct
//! words and their stems, by the key of the article's document, so that a
//! publish reads and stems again only the articles whose document changed
//! (every article's words were most of a publish's time; decision 0031).
//!
//! The file is the build's state (`.gazette/`, never served), written in
//! a compact form of its own: the distinct (exact form, stem) pairs once,
//! sorted, then each article's words as numbers into them. Its bytes follow
//! the articles alone (pairs sorted, articles by key), so a publish writes
//! what a full build of the same content writes. Anything unreadable is
//! nothing remembered: every article is read again.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use gazette::model::search::build::{Builder, Filed};
use std::collections::BTreeMap;
use std::path::Path;

/// Where a build keeps it.
pub const FILE: &str = ".gazette/search-words";

/// The first line of the file; another means another format.
const MAGIC: &[u8] = b"gazette search words 1\n";

/// One word of an article: its number in the pairs, its fields' bits.
type Word = (u32, u32);

/// Each article's words by its document's key, read from a build's state.
#[derive(Default)]
pub struct Remembered {
    /// Distinct (exact form, stem) pairs, sorted.
    pairs: Vec<(String, String)>,
    articles: HashMap<String, Vec<Word>>,
    /// Where each pair was filed in this build's index, once it was.
    filed: Vec<Option<Filed>>,
}

/// An article's words, as filed: exact form, fields' bits, stem.
pub type Stemmed = (String, u32, String);

/// Where an article's words come from this time.
pub enum Words {
    /// Remembered from the build before (its document is the same).
    Known(Vec<Word>),
    /// Read and stemmed now.
    Read(Vec<Stemmed>),
}

impl Remembered {
    /// What the site in `out` kept; nothing if it kept nothing readable.
    pub fn read(out: &Path) -> Self {
        let Ok(bytes) = std::fs::read(out.join(FILE)) else {
            return Self::default();
        };
        Self::decode(&bytes).unwrap_or_else(|| {
            eprintln!("{FILE}: not readable; every article's words read again");
            Self::default()
        })
    }

    /// The file's contents, or `None` for anything not as
    /// [`Remembered::encode`] writes it.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut reader = Reader(bytes.strip_prefix(MAGIC)?);
        let count = reader.count()?;
        let mut pairs = Vec::with_capacity(count);
        for _ in 0..count {
            pairs.push((reader.text()?, reader.text()?));
        }
        let count = reader.count()?;
        let mut articles = HashMap::with_capacity(count);
        for _ in 0..count {
            let key = reader.text()?;
            let count = reader.count()?;
            let mut words = Vec::with_capacity(count);
            for _ in 0..count {
                let pair = u32::try_from(reader.varint()?).ok()?;
                let fields = u32::try_from(reader.varint()?).ok()?;
                if pair as usize >= pairs.len() {
                    return None;
                }
                words.push((pair, fields));
            }
            articles.insert(key, words);
        }
        reader.0.is_empty().then_some(Self {
            pairs,
            articles,
            filed: Vec::new(),
        })
    }

    /// The words of the article whose document has `key`, if known; each
    /// article's are taken once.
    pub fn take(&mut self, key: &str) -> Option<Vec<Word>> {
        self.articles.remove(key)
    }

    /// Adds article `article`'s `words` to `builder` (one builder a
    /// build); each remembered pair is filed once.
    pub fn add(&mut self, builder: &mut Builder, article: u32, words: &Words) {
        match words {
            Words::Known(known) => {
                self.filed.resize(self.pairs.len(), None);
                for &(pair, fields) in known {
                    let (Some(slot), Some((exact, stem))) = (
                        self.filed.get_mut(pair as usize),
                        self.pairs.get(pair as usize),
                    ) else {
                        continue;
                    };
                    let place = *slot.get_or_insert_with(|| builder.file(exact, stem));
                    builder.post(article, place, fields);
                }
            }
            Words::Read(read) => builder.add_stemmed(
                article,
                read.iter()
                    .map(|(exact, fields, stem)| (exact.as_str(), *fields, stem.as_str())),
            ),
        }
    }

    /// The file for the articles of this build: each article's `words` by
    /// its document's key.
    pub fn encode(&self, articles: &[(&str, &Words)]) -> Vec<u8> {
        // The pairs in use, sorted: those remembered (already sorted) and
        // those read now.
        let mut used = vec![false; self.pairs.len()];
        let mut new: HashSet<(&str, &str)> = HashSet::with_capacity(1 << 16);
        for (_, words) in articles {
            match words {
                Words::Known(known) => {
                    for &(pair, _) in known {
                        if let Some(slot) = used.get_mut(pair as usize) {
                            *slot = true;
                        }
                    }
                }
                Words::Read(read) => {
                    new.extend(read.iter().map(|(e, _, s)| (e.as_str(), s.as_str())));
                }
            }
        }
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .zip(&used)
            .filter(|(_, used)| **used)
            .map(|((e, s), _)| (e.as_str(), s.as_str()))
            .chain(new)
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let numbers: HashMap<(&str, &str), u64> = pairs
            .iter()
            .enumerate()
            .map(|(n, &p)| (p, n as u64))
            .collect();
        let number = |pair: (&str, &str)| numbers.get(&pair).copied().unwrap_or(0);
        // A remembered pair's new number, by its old one.
        let renumbered: Vec<u64> = self
            .pairs
            .iter()
            .zip(&used)
            .map(|((e, s), used)| if *used { number((e, s)) } else { 0 })
            .collect();
        let mut out = MAGIC.to_vec();
        varint(&mut out, pairs.len() as u64);
        for (exact, stem) in &pairs {
            text(&mut out, exact);
            text(&mut out, stem);
        }
        let sorted: BTreeMap<&str, &Words> = articles.iter().copied().collect();
        varint(&mut out, sorted.len() as u64);
        for (key, words) in sorted {
            text(&mut out, key);
            match words {
                Words::Known(known) => {
                    varint(&mut out, known.len() as u64);
                    for &(pair, fields) in known {
                        varint(
                            &mut out,
                            renumbered.get(pair as usize).copied().unwrap_or(0),
                        );
                        varint(&mut out, u64::from(fields));
                    }
                }
                Words::Read(read) => {
                    varint(&mut out, read.len() as u64);
                    for (exact, fields, stem) in read {
                        varint(&mut out, number((exact, stem)));
                        varint(&mut out, u64::from(*fields));
                    }
                }
            }
        }
        out
    }
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn text(out: &mut Vec<u8>, text: &str) {
    varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            n |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A count of things still to read: never more than bytes are left
    /// (each takes at least one), so a lying count allocates nothing.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.0.len()).then_some(n)
    }

    fn text(&mut self) -> Option<String> {
        let len = self.count()?;
        let (text, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        String::from_utf8(text.to_vec()).ok()
    }
}
