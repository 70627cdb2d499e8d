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

use foldhash::{HashMap, HashMapExt};
use gazette::model::search::build::{Builder, Filed};
use std::collections::hash_map::Entry;
use std::collections::BTreeMap;
use std::path::Path;

/// Where a build keeps it.
pub const FILE: &str = ".gazette/search-words";

/// The first line of the file; another means another format.
const MAGIC: &[u8] = b"gazette search words 1\n";

/// One word of an article: its number in the pairs, its fields' bits.
pub type Word = (u32, u32);

/// Each article's words by its document's key, read from a build's state,
/// and the pairs this build reads besides.
#[derive(Default)]
pub struct Remembered {
    /// Distinct (exact form, stem) pairs: those read from the state file
    /// (sorted), then those first met in this build's reading.
    pairs: Vec<(String, String)>,
    /// The numbers of the pairs met in this build's reading. An article
    /// read now keeps numbers, not strings: each article's own copies of
    /// its words, held until the state was written, were most of a build's
    /// memory (issue 32).
    met: HashMap<(String, String), u32>,
    articles: HashMap<String, Vec<Word>>,
    /// Where each pair was filed in this build's index, once it was.
    filed: Vec<Option<Filed>>,
}

/// An article's words, as stemmed: exact form, fields' bits, stem.
pub type Stemmed = (String, u32, String);

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
            ..Self::default()
        })
    }

    /// The words of the article whose document has `key`, if known; each
    /// article's are taken once.
    pub fn take(&mut self, key: &str) -> Option<Vec<Word>> {
        self.articles.remove(key)
    }

    /// An article's words read now, as numbers into the pairs (a pair met
    /// before keeps its number).
    pub fn number(&mut self, read: Vec<Stemmed>) -> anyhow::Result<Vec<Word>> {
        let mut words = Vec::with_capacity(read.len());
        for (exact, fields, stem) in read {
            let next = u32::try_from(self.pairs.len())
                .map_err(|_| anyhow::anyhow!("search: more than 2^32 distinct words"))?;
            let pair = match self.met.entry((exact, stem)) {
                Entry::Occupied(known) => *known.get(),
                Entry::Vacant(new) => {
                    self.pairs.push(new.key().clone());
                    *new.insert(next)
                }
            };
            words.push((pair, fields));
        }
        Ok(words)
    }

    /// Adds article `article`'s `words` to `builder` (one builder a
    /// build); each pair is filed once.
    pub fn add(&mut self, builder: &mut Builder, article: u32, words: &[Word]) {
        self.filed.resize(self.pairs.len(), None);
        for &(pair, fields) in words {
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

    /// The file for the articles of this build: each article's `words` by
    /// its document's key.
    pub fn encode(&self, articles: &[(&str, &[Word])]) -> Vec<u8> {
        // The pairs in use, sorted (a pair read now may be one remembered).
        let mut used = vec![false; self.pairs.len()];
        for (_, words) in articles {
            for &(pair, _) in *words {
                if let Some(slot) = used.get_mut(pair as usize) {
                    *slot = true;
                }
            }
        }
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .zip(&used)
            .filter(|(_, used)| **used)
            .map(|((e, s), _)| (e.as_str(), s.as_str()))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let numbers: HashMap<(&str, &str), u64> = pairs
            .iter()
            .enumerate()
            .map(|(n, &p)| (p, n as u64))
            .collect();
        // Each pair's number in the file, by its number in this build.
        let renumbered: Vec<u64> = self
            .pairs
            .iter()
            .zip(&used)
            .map(|((e, s), used)| match used {
                true => numbers.get(&(e.as_str(), s.as_str())).copied().unwrap_or(0),
                false => 0,
            })
            .collect();
        let mut out = MAGIC.to_vec();
        varint(&mut out, pairs.len() as u64);
        for (exact, stem) in &pairs {
            text(&mut out, exact);
            text(&mut out, stem);
        }
        let sorted: BTreeMap<&str, &[Word]> = articles.iter().copied().collect();
        varint(&mut out, sorted.len() as u64);
        for (key, words) in sorted {
            text(&mut out, key);
            varint(&mut out, words.len() as u64);
            for &(pair, fields) in words {
                varint(
                    &mut out,
                    renumbered.get(pair as usize).copied().unwrap_or(0),
                );
                varint(&mut out, u64::from(fields));
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
