//! The search index's files, and the ranking, shared by the build that
//! writes them and the app that reads them.
//!
//! Three kinds of file, so a first query costs three steps at most
//! (docs/decisions/0021-search-words-and-index.md): the [`Manifest`] names the shards;
//! the [`Shard`]s a query's words fall in list where each word occurs;
//! a [`Fragment`] per result gives what the result shows. Articles are
//! numbered oldest first, so a new article takes the next number, and a
//! higher number is a newer article.

use super::snippet::Window;
use super::{Query, Word, MIN_PREFIX_CHARS};
use crate::{NonEmpty, Slug, Timestamp, Version1};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where in an article a word was found: bits of a posting.
pub mod field {
    pub const HEADLINE: u32 = 1;
    pub const STANDFIRST: u32 = 2;
    /// Its tags and its section.
    pub const TAGS: u32 = 4;
    pub const BODY: u32 = 8;
    /// Bits of the fields; the forms' bits follow ([`super::Entry`]).
    pub const ALL: u32 = HEADLINE | STANDFIRST | TAGS | BODY;
    pub(crate) const FORMS_SHIFT: u32 = ALL.count_ones();

    /// The bit of an entry's form number `i` (below [`super::MAX_FORMS`]).
    pub(crate) fn form(i: usize) -> u32 {
        1 << (FORMS_SHIFT as usize + i)
    }
}

/// Exact forms an entry tells apart (one bit each in a posting).
pub const MAX_FORMS: usize = 8;
/// Numbers of postings a shard holds before the next word starts another
/// (a word's own postings are never split).
pub const SHARD_NUMBERS: usize = 8_000;
/// Characters a query word may run past a stem and still be its
/// inflection (`kosov` + `om`, `troop` + `s`).
pub const MAX_ENDING_CHARS: usize = 3;
/// Characters a stem needs to stand for its inflections.
pub const MIN_STEM_CHARS: usize = 3;
/// Characters a query word may run past an indexed word without a stem.
pub const MAX_PLAIN_ENDING_CHARS: usize = 2;

/// Whether the query word `folded` may meet an entry filed under `key`
/// ([`Entry::key`]): the key is a start of the word, of three characters or
/// more (the word itself, an inflection, a word of its stem), or begins with
/// it (a word it begins). A word shorter than three characters meets only
/// its own key. The one rule for which entries a word looks at, and so for
/// which shards a reader fetches for it ([`shards_for_word`]).
pub fn may_meet(folded: &str, key: &str) -> bool {
    if folded.chars().count() < MIN_PREFIX_CHARS {
        return key == folded;
    }
    (folded.starts_with(key) && key.chars().count() >= MIN_PREFIX_CHARS) || key.starts_with(folded)
}

/// The shards (keyed by their first entry's key, as the [`Manifest`] lists
/// them) that may hold an entry the query word `folded` meets
/// ([`may_meet`]): for each of its starts of three characters or more, the
/// shard that key falls in; and the shards of the keys it begins. In
/// order, each once.
pub fn shards_for_word<'a, V>(
    shards: &'a BTreeMap<String, V>,
    folded: &str,
) -> Vec<(&'a String, &'a V)> {
    shards_for_word_where(shards, folded, &|_, _| true)
}

/// [`shards_for_word`], less the shards `may_hold(start, first)` says
/// cannot hold the word's `start` as a key: a shard that only its starts
/// fall in is kept if one of them may be its key. The word's own shard and
/// the shards of the keys it begins are always kept.
fn shards_for_word_where<'a, V>(
    shards: &'a BTreeMap<String, V>,
    folded: &str,
    may_hold: &dyn Fn(&str, &String) -> bool,
) -> Vec<(&'a String, &'a V)> {
    use std::ops::Bound::{Excluded, Unbounded};
    let mut found: BTreeMap<&String, &V> = BTreeMap::new();
    if folded.chars().count() < MIN_PREFIX_CHARS {
        found.extend(at_or_before(shards, folded));
    } else {
        found.extend(
            starts(folded)
                .filter_map(|start| {
                    at_or_before(shards, start).filter(|(first, _)| may_hold(start, first))
                })
                .chain(at_or_before(shards, folded)),
        );
        found.extend(
            shards
                .range::<str, _>((Excluded(folded), Unbounded))
                .take_while(|(first, _)| first.starts_with(folded)),
        );
    }
    found.into_iter().collect()
}

/// The shard a key falls in: the last whose first key is not after it.
fn at_or_before<'a, V>(shards: &'a BTreeMap<String, V>, key: &str) -> Option<(&'a String, &'a V)> {
    use std::ops::Bound::{Included, Unbounded};
    shards
        .range::<str, _>((Unbounded, Included(key)))
        .next_back()
}

/// A word's starts of three characters or more, shorter than itself,
/// shortest first.
fn starts(word: &str) -> impl Iterator<Item = &str> {
    word.char_indices()
        .skip(MIN_PREFIX_CHARS)
        .filter_map(|(at, _)| word.get(..at))
}

/// Starts of a next shard's first key that [`Manifest::ends`] tells of:
/// 3 to 34 characters, one bit each. A longer start is always fetched.
const END_BITS: usize = 32;

/// [`Manifest::ends`] of `shards`: for each shard, which starts of the
/// next shard's first key are keys of its entries.
pub fn ends(shards: &BTreeMap<String, Shard>) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut before = 0;
    let places = (0_u32..).zip(shards.values().zip(shards.keys().skip(1)));
    for (place, (shard, next)) in places {
        let keys: BTreeSet<&str> = shard.words.iter().map(|(w, e)| e.key(w)).collect();
        let bits = (0..END_BITS)
            .zip(starts(next))
            .filter(|(_, start)| keys.contains(start))
            .fold(0_u32, |bits, (n, _)| bits | 1 << n);
        if bits != 0 {
            numbers.extend([place - before, bits]);
            before = place;
        }
    }
    numbers
}

/// Numbers read two at a time, the first of each pair the difference
/// from the one before (the first absolute): a list ends where it stops
/// making sense (an odd number left, a sum past `u32`).
fn pairs(numbers: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    let mut place: Option<u32> = None;
    numbers.chunks_exact(2).map_while(move |pair| {
        let [delta, bits] = *pair else { return None };
        let next = match place {
            None => delta,
            Some(before) => before.checked_add(delta)?,
        };
        place = Some(next);
        Some((next, bits))
    })
}

/// Postings in article order written as [`pairs`] reads them: each
/// article as its difference from the one before (the first as itself),
/// then its bits.
pub(crate) fn delta_coded(postings: impl IntoIterator<Item = (u32, u32)>) -> Vec<u32> {
    let postings = postings.into_iter();
    let mut numbers = Vec::with_capacity(2 * postings.size_hint().0);
    let mut before = None;
    for (article, bits) in postings {
        numbers.extend([before.map_or(article, |b: u32| article - b), bits]);
        before = Some(article);
    }
    numbers
}

/// `search/index.json`: how many articles, and each shard's file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: Version1,
    /// Articles numbered; a result's number is below it.
    pub articles: u32,
    /// Each shard's first word → its file name (its bytes' hash in it).
    /// A shard holds the words from its first to the next shard's.
    pub shards: BTreeMap<String, Slug>,
    /// The shards whose keys include starts of the next shard's first key,
    /// two numbers each: the shard's place among `shards` (the first
    /// absolute, then each the difference from the one before, ascending)
    /// and bits, bit `n` set when the start of `3 + n` characters is a key
    /// of the shard ([`ends`]). A query word's start that falls in a shard
    /// before the word's own can only be such a key (it sorts between that
    /// shard's first key and the word, so the next shard's first key begins
    /// with it), so a reader fetches that shard only when a bit says so
    /// ([`Manifest::shards_for_word`]). Absent from an index made before
    /// them (every such shard is fetched).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<Vec<u32>>,
    /// Starts of three characters whose words fill many shards → the file
    /// of their prefix list: a shard of one entry, the start, whose
    /// postings are every article with a word it begins and the fields
    /// those words are in ([`prefix_lists`]). A reader who has typed such
    /// a start meets every word it begins, as a prefix at least; it fetches
    /// this list and the shard the start falls in, not every shard of those
    /// words ([`Manifest::shards_for_word`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prefixes: BTreeMap<String, Slug>,
}

impl Manifest {
    /// The shards a reader fetches for the query word `folded`: those
    /// [`shards_for_word`] names, less the shards only its starts fall in
    /// where [`Manifest::ends`] says none of those starts is a key.
    /// A start with a prefix list needs only the shard it falls in:
    /// the words it meets there as more than a prefix (itself, its
    /// inflections: [`Match::of`]) are filed under it, and the list has
    /// every article of the rest.
    pub fn shards_for_word(&self, folded: &str) -> Vec<(&String, &Slug)> {
        if self.prefixes.contains_key(folded) {
            return at_or_before(&self.shards, folded).into_iter().collect();
        }
        let Some(ends) = &self.ends else {
            return shards_for_word(&self.shards, folded);
        };
        // A start in a shard before the word's own begins the next shard's
        // first key, so its length says which bit; in the word's own
        // shard, what this says does not matter. (Looked up by walking:
        // a few thousand shards, and no sorted map's code in the engine.)
        shards_for_word_where(&self.shards, folded, &|start, first| {
            let n = start.chars().count().saturating_sub(MIN_PREFIX_CHARS);
            let place = self.shards.keys().position(|k| k == first);
            let place = place.and_then(|p| u32::try_from(p).ok());
            let bits = pairs(ends).find(|(p, _)| Some(*p) == place);
            n >= END_BITS || bits.is_some_and(|(_, bits)| (bits >> n) & 1 == 1)
        })
    }
}

/// A run of the index's words, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shard {
    pub version: Version1,
    /// Folded word → where it occurs.
    pub words: BTreeMap<String, Entry>,
}

/// One folded word of the index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The characters of the word it is filed under, when fewer than the
    /// word's: the start it shares with every word of its stem, and with
    /// the stem itself ([`Entry::key`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<u32>,
    /// The word's stem, folded, when other than the word (the shortest,
    /// if its forms had several): a query word that begins with it and
    /// runs on by a short ending, or that has the same stem, is an
    /// inflection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stem: Option<String>,
    /// The exact forms it was written in (`marković`, `markovic`), when more
    /// than the folded word itself; a posting's bits say which it has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
    /// Postings, two numbers each: the article's number (the first
    /// absolute, then each the difference from the one before, ascending)
    /// and its bits (fields, then one bit per form).
    pub docs: Vec<u32>,
}

/// Where a word occurs in one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub article: u32,
    pub bits: u32,
}

impl Entry {
    /// The start of its word `folded` this entry is filed under: shards
    /// hold entries in order of their keys, and a query word meets only
    /// entries whose key it begins with or that begin with it
    /// ([`may_meet`]).
    pub fn key<'w>(&self, folded: &'w str) -> &'w str {
        let cut = self
            .key
            .and_then(|chars| folded.char_indices().nth(chars as usize))
            .map(|(at, _)| at);
        cut.and_then(|at| folded.get(..at)).unwrap_or(folded)
    }

    /// The postings, in article order. A malformed list (an odd length, a
    /// number past `u32`) ends where it stops making sense.
    pub fn postings(&self) -> impl Iterator<Item = Posting> + '_ {
        pairs(&self.docs).map(|(article, bits)| Posting { article, bits })
    }

    /// Whether a posting's article has `exact` written as such.
    fn has_form(&self, folded: &str, posting: Posting, exact: &str) -> bool {
        if self.forms.is_empty() {
            return folded == exact;
        }
        self.forms
            .iter()
            .enumerate()
            .any(|(i, form)| form == exact && i < MAX_FORMS && posting.bits & field::form(i) != 0)
    }
}

/// Shards past the one a start falls in that its words must fill for the
/// start to have a prefix list: a three-letter word then fetches at most
/// two shards, or the one it falls in and its list. (Measured against
/// rules by the bytes a list saves: decision 0041.)
pub const PREFIX_LIST_PAST: usize = 2;

/// The prefix lists of `shards` ([`Manifest::prefixes`]), by start: for
/// each start of three characters whose words fill [`PREFIX_LIST_PAST`]
/// shards or more past the one it falls in, a shard of one entry, the
/// start, with every article that has a word filed under a key beginning
/// with it (every word it begins: a key is a start of its word of three
/// characters or more). Its postings' bits are the fields those words are
/// in. (A shard, not a type of its own: the engine reads and holds it as
/// it does the others, which kept 1.3 KB brotli out of its WASM.)
pub fn prefix_lists(shards: &BTreeMap<String, Shard>) -> BTreeMap<String, Shard> {
    prefix_lists_past(shards, PREFIX_LIST_PAST)
}

/// [`prefix_lists`], for starts filling `past` shards past their own.
pub(crate) fn prefix_lists_past(
    shards: &BTreeMap<String, Shard>,
    past: usize,
) -> BTreeMap<String, Shard> {
    // Only a start that begins a shard's first key can reach past its own.
    let starts: BTreeSet<&str> = shards.keys().filter_map(|k| first_three(k)).collect();
    let mut lists = BTreeMap::new();
    for start in starts {
        let own = at_or_before(shards, start).map(|(first, _)| first);
        let reach = shards_for_word(shards, start);
        if reach
            .iter()
            .filter(|(first, _)| Some(*first) != own)
            .count()
            < past
        {
            continue;
        }
        let mut postings: Vec<(u32, u32)> = reach
            .iter()
            .flat_map(|(_, shard)| shard.words.iter())
            .filter(|(word, entry)| entry.key(word).starts_with(start))
            .flat_map(|(_, entry)| entry.postings())
            .map(|p| (p.article, p.bits & field::ALL))
            .collect();
        postings.sort_unstable();
        // An article with several of the words: once, every field's bit.
        postings.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
            }
            same
        });
        let entry = Entry {
            docs: delta_coded(postings),
            ..Entry::default()
        };
        let list = Shard {
            version: Version1,
            words: [(start.to_owned(), entry)].into(),
        };
        lists.insert(start.to_owned(), list);
    }
    lists
}

/// A key's first three characters, if it has three.
fn first_three(key: &str) -> Option<&str> {
    match key.char_indices().nth(MIN_PREFIX_CHARS) {
        Some((at, _)) => key.get(..at),
        None => (key.chars().count() == MIN_PREFIX_CHARS).then_some(key),
    }
}

/// What a result shows: `search/articles/<number>.json`, or its lead
/// (`search/leads/<number>.json`, [`Cut::Lead`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragment {
    pub version: Version1,
    pub slug: Slug,
    pub headline: NonEmpty,
    pub section: NonEmpty,
    pub published: Timestamp,
    /// The standfirst, then the body's text, cut at
    /// [`MAX_FRAGMENT_CHARS`]: where a snippet is taken from.
    pub text: String,
}

/// Characters of an article's text a fragment carries.
pub const MAX_FRAGMENT_CHARS: usize = 3_000;

/// Which of an article's two fragments a result's snippet needs: both say
/// the same but for how much of the text they carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cut {
    /// The standfirst and a snippet's length of the body after it
    /// ([`super::snippet::lead`]): the whole snippet when a word met is
    /// in the standfirst, or the snippet shows the text's start (a word
    /// met in the headline, or none in the text). About a third of the
    /// bytes.
    Lead,
    /// [`MAX_FRAGMENT_CHARS`] of the text: a word met in the body, and not
    /// in the headline or standfirst, may be anywhere in it.
    Whole,
}

/// How a query word met an indexed word, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// A word the query word begins (`barric` → barricades).
    Prefix,
    /// Another inflection of the word's stem (`kosovom` → Kosovo).
    Inflection,
    /// The same word, folded (`markovic` → Marković).
    Folded,
    /// The same word as typed, diacritics and all.
    Exact,
}

impl Match {
    /// How `query` meets the indexed word `folded` (`entry`), if at all;
    /// `Folded` still (the posting decides `Exact`). `query_stem` is the
    /// stem the index gives the query word itself, when it holds that word:
    /// every word of the same stem is an inflection of it, even one the
    /// query does not begin (bregovac and bregovcu are both bregovc), and
    /// so is a word without a stem of its own (its language has no stemmer,
    /// or its stemmer cut nothing) that runs past it by an ending as short
    /// as such a word may take: Serbian kosovu meets English Kosovo.
    pub fn of(query: &Word, query_stem: Option<&str>, folded: &str, entry: &Entry) -> Option<Self> {
        if query.folded == folded {
            return Some(Self::Folded);
        }
        if let Some(s) = query_stem {
            let same_stem = entry.stem.as_deref() == Some(s) || folded == s;
            if same_stem || (entry.stem.is_none() && ends_short(s, folded)) {
                return Some(Self::Inflection);
            }
        }
        // A word without a stem of its own (no stemmer, or nothing to cut)
        // stands for itself plus a shorter ending (troop → troops), and
        // only when long enough (bar is not barri).
        let (stem, min, max_ending) = match entry.stem.as_deref() {
            Some(stem) => (stem, MIN_STEM_CHARS, MAX_ENDING_CHARS),
            None => (folded, MIN_STEM_CHARS + 1, MAX_PLAIN_ENDING_CHARS),
        };
        if stem.chars().count() >= min {
            if let Some(ending) = query.folded.strip_prefix(stem) {
                if ending.chars().count() <= max_ending {
                    return Some(Self::Inflection);
                }
            }
        }
        (query.matches_as_prefix() && folded.starts_with(&query.folded)).then_some(Self::Prefix)
    }

    fn weight(self) -> u32 {
        match self {
            Self::Prefix => 2,
            Self::Inflection => 3,
            Self::Folded => 4,
            Self::Exact => 5,
        }
    }
}

/// Whether `word` is `stem` (of [`MIN_STEM_CHARS`] or more) or runs past
/// it by at most [`MAX_PLAIN_ENDING_CHARS`], as a word without a stem may.
fn ends_short(stem: &str, word: &str) -> bool {
    stem.chars().count() >= MIN_STEM_CHARS
        && word
            .strip_prefix(stem)
            .is_some_and(|ending| ending.chars().count() <= MAX_PLAIN_ENDING_CHARS)
}

/// Bits [`field`] takes, and [`BODY_ALONE`].
const FIELD_BITS: u32 = 5;

/// Beside the fields in `rank`'s numbers, not a field of the index: a
/// word of the query met in the body and neither the headline nor the
/// standfirst ([`Hit::body_alone`]).
const BODY_ALONE: u32 = 1 << 4;

/// The weight of the best field in `bits`: headline above standfirst
/// above tags and section above body.
fn field_weight(bits: u32) -> u32 {
    if bits & field::HEADLINE != 0 {
        16
    } else if bits & field::STANDFIRST != 0 {
        8
    } else if bits & field::TAGS != 0 {
        4
    } else {
        1
    }
}

/// One article a query found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub article: u32,
    /// How many of the query's words it has.
    pub words: usize,
    pub score: u32,
    /// The fields the words met are in ([`field`]'s bits, together).
    pub fields: u32,
    /// Whether one of the words is met in the body and neither the
    /// headline nor the standfirst: only the body shows why it was found.
    pub body_alone: bool,
}

impl Hit {
    /// The fragment its snippet needs: the whole when a word is met in the
    /// body alone and none in the standfirst (where the snippet would
    /// start), else the lead.
    pub fn cut(&self) -> Cut {
        if self.body_alone && self.fields & field::STANDFIRST == 0 {
            Cut::Whole
        } else {
            Cut::Lead
        }
    }

    /// Where its snippet starts: a result found by its headline shows its
    /// standfirst, unless a word is met there, or one in the body alone
    /// (decision 0043).
    pub fn window(&self) -> Window {
        if self.fields & (field::HEADLINE | field::STANDFIRST) == field::HEADLINE
            && !self.body_alone
        {
            Window::AtStart
        } else {
            Window::AtFirstMet
        }
    }
}

/// Every indexed word a query word meets in `shards`, with
/// its entry and how it meets it (the one place a query meets the index:
/// [`rank`] and [`matched_words`] read it).
fn meetings<'a>(
    word: &'a Word,
    shards: &'a BTreeMap<String, Shard>,
) -> impl Iterator<Item = (&'a String, &'a Entry, Match)> + 'a {
    let held = shards_for_word(shards, &word.folded);
    // Every entry filed where this word may meet it, in the shards it may be in.
    let candidates = move || {
        held.clone().into_iter().flat_map(move |(_, shard)| {
            shard
                .words
                .iter()
                .filter(move |(w, e)| may_meet(&word.folded, e.key(w)))
        })
    };
    let query_stem = candidates()
        .find(|(w, _)| **w == word.folded)
        .and_then(|(_, e)| e.stem.as_deref());
    candidates().filter_map(move |(folded, entry)| {
        Match::of(word, query_stem, folded, entry).map(|how| (folded, entry, how))
    })
}

/// What a reader has of the index: shards by their first key, prefix
/// lists by their start ([`Manifest::prefixes`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Held {
    pub shards: BTreeMap<String, Shard>,
    pub prefixes: BTreeMap<String, Shard>,
}

impl From<BTreeMap<String, Shard>> for Held {
    fn from(shards: BTreeMap<String, Shard>) -> Self {
        Self {
            shards,
            prefixes: BTreeMap::new(),
        }
    }
}

/// The words a query met, as a result's snippet marks them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matched {
    /// Indexed words (folded) met in the shards held.
    pub words: BTreeSet<String>,
    /// The query's words that match as prefixes: every indexed word
    /// they begin is met ([`Match::Prefix`]), held or not.
    pub prefixes: Vec<String>,
}

impl Matched {
    /// Whether the query met the word `folded`.
    pub fn has(&self, folded: &str) -> bool {
        self.words.contains(folded) || self.prefixes.iter().any(|p| folded.starts_with(p.as_str()))
    }
}

/// The words the query meets: what a result's snippet marks.
pub fn matched_words(query: &Query, held: &Held) -> Matched {
    let words = query.words();
    Matched {
        words: words
            .iter()
            .flat_map(|word| meetings(word, &held.shards).map(|(folded, _, _)| folded.clone()))
            .collect(),
        prefixes: words
            .iter()
            .filter(|w| w.matches_as_prefix())
            .map(|w| w.folded.clone())
            .collect(),
    }
}

/// The articles `query` finds in what is `held` (for each of its words,
/// the shards [`Manifest::shards_for_word`] names and its prefix list if
/// it has one; a word whose files are missing finds nothing), best first:
/// those with more of the words, then the higher score, then the newer.
pub fn rank(query: &Query, held: &Held) -> Vec<Hit> {
    // Article → (words found, score and fields); each word counts its
    // best match once, and every field it is met in. A score and its
    // fields share a number (the fields' bits low): the maps of numbers
    // the engine has anyway, not a second kind (318 B of its WASM,
    // measured: decision 0042).
    let mut found: BTreeMap<u32, (usize, u32)> = BTreeMap::new();
    for word in query.words() {
        let mut best: BTreeMap<u32, u32> = BTreeMap::new();
        // Its prefix list, if held, is one more meeting: every word it
        // begins, as a prefix, in the fields it is in.
        let prefixed = held
            .prefixes
            .get(&word.folded)
            .and_then(|list| list.words.get_key_value(&word.folded))
            .filter(|_| word.matches_as_prefix())
            .map(|(start, entry)| (start, entry, Match::Prefix));
        for (folded, entry, how) in prefixed.into_iter().chain(meetings(word, &held.shards)) {
            for posting in entry.postings() {
                let how = if how == Match::Folded && entry.has_form(folded, posting, &word.exact) {
                    Match::Exact
                } else {
                    how
                };
                let score = how.weight() * field_weight(posting.bits);
                let slot = best.entry(posting.article).or_insert(0);
                *slot = ((*slot >> FIELD_BITS).max(score) << FIELD_BITS)
                    | (*slot & field::ALL)
                    | (posting.bits & field::ALL);
            }
        }
        for (article, met) in best {
            let slot = found.entry(article).or_insert((0, 0));
            slot.0 += 1;
            let score = (slot.1 >> FIELD_BITS).saturating_add(met >> FIELD_BITS);
            let text = met & (field::HEADLINE | field::STANDFIRST | field::BODY);
            let alone = if text == field::BODY { BODY_ALONE } else { 0 };
            slot.1 = (score << FIELD_BITS) | ((slot.1 | met | alone) & (field::ALL | BODY_ALONE));
        }
    }
    let mut hits: Vec<Hit> = found
        .into_iter()
        .map(|(article, (words, met))| Hit {
            article,
            words,
            score: met >> FIELD_BITS,
            fields: met & field::ALL,
            body_alone: met & BODY_ALONE != 0,
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse((h.words, h.score, h.article)));
    hits
}

#[cfg(test)]
mod tests {
    use super::super::build::Builder;
    use super::*;

    /// A stand-in stemmer: endings of vowels and `m` off (kosovom, kosovo
    /// → kosov). The build's real ones are tested in xtask.
    fn toy_stem(word: &str, _: super::super::Script) -> String {
        word.trim_end_matches(['a', 'e', 'i', 'o', 'u', 'm'])
            .to_owned()
    }

    /// Articles numbered in order, each `(field, text)` pairs.
    fn index(articles: &[&[(u32, &str)]]) -> BTreeMap<String, Shard> {
        let mut builder = Builder::default();
        for (number, fields) in articles.iter().enumerate() {
            for (field, text) in fields.iter() {
                builder.add(number as u32, *field, text, &toy_stem);
            }
        }
        builder.finish()
    }

    /// A word's entry, from the shard that holds it.
    fn entry_of<'a>(shards: &'a BTreeMap<String, Shard>, word: &'a str) -> &'a Entry {
        shards_for_word(shards, word)
            .into_iter()
            .find_map(|(_, shard)| shard.words.get(word))
            .unwrap()
    }

    /// `shards` held whole, no prefix list.
    fn held(shards: &BTreeMap<String, Shard>) -> Held {
        Held::from(shards.clone())
    }

    fn found(shards: &BTreeMap<String, Shard>, query: &str) -> Vec<u32> {
        Query::parse(query)
            .map(|q| rank(&q, &held(shards)).iter().map(|h| h.article).collect())
            .unwrap_or_default()
    }

    use field::{BODY, HEADLINE, STANDFIRST, TAGS};

    #[test]
    fn either_script_with_or_without_diacritics_finds_both() {
        let shards = index(&[
            &[(HEADLINE, "Марковић посетила Ђурђевац")],
            &[(BODY, "Marković je rekla da Đurđevac čeka.")],
            &[(BODY, "Nothing of the kind.")],
        ]);
        for query in ["Марковић", "Marković", "Markovic", "markovic", "MARKOVIC"] {
            assert_eq!(found(&shards, query), [0, 1], "{query}");
        }
        assert_eq!(found(&shards, "Djurdjevac"), [0, 1]);
        assert_eq!(found(&shards, "Ђурђ"), [0, 1], "a prefix in either script");
        assert_eq!(found(&shards, "Маркс"), Vec::<u32>::new(), "not this word");
        assert_eq!(found(&shards, "Марко"), [0, 1], "a prefix");
    }

    #[test]
    fn the_words_a_query_met_are_those_it_ranked_by() {
        let shards = index(&[
            &[(HEADLINE, "Марковић на Косову")],
            &[(BODY, "Markovica, barikade, Kosovo, Marko")],
        ]);
        let met = |q: &str| -> Vec<String> {
            matched_words(&Query::parse(q).unwrap(), &held(&shards))
                .words
                .into_iter()
                .collect()
        };
        assert_eq!(met("Markovic barric"), ["markovic", "markovica"]);
        let prefixes = |q: &str| matched_words(&Query::parse(q).unwrap(), &held(&shards)).prefixes;
        assert_eq!(prefixes("Markovic ba zzz"), ["markovic", "zzz"]);
        assert_eq!(met("косово bari"), ["barikade", "kosovo", "kosovu"]);
        assert_eq!(met("zzz"), Vec::<String>::new());
    }

    #[test]
    fn the_form_as_typed_ranks_above_its_folded_twin() {
        let shards = index(&[&[(HEADLINE, "Marković")], &[(HEADLINE, "Markovic")]]);
        assert_eq!(found(&shards, "Marković"), [0, 1]);
        assert_eq!(found(&shards, "Марковић"), [0, 1]);
        assert_eq!(found(&shards, "markovic"), [1, 0]);
    }

    #[test]
    fn prefixes_match_from_three_characters() {
        let shards = index(&[&[(BODY, "KFOR cleared the barricades")], &[(BODY, "a bar")]]);
        assert_eq!(found(&shards, "barric"), [0]);
        assert_eq!(found(&shards, "bar"), [1, 0], "the whole word first");
        assert_eq!(found(&shards, "ba"), Vec::<u32>::new());
        assert_eq!(found(&shards, "barricadesxyz"), Vec::<u32>::new());
        // A word with no stem of its own takes a short ending, if it has
        // four characters or more.
        let short = index(&[&[(BODY, "bar")]]);
        assert_eq!(found(&short, "bars"), Vec::<u32>::new());
        let troops = index(&[&[(BODY, "troop")]]);
        assert_eq!(found(&troops, "troops"), [0]);
        assert_eq!(found(&troops, "troopers"), Vec::<u32>::new());
    }

    #[test]
    fn inflections_meet_at_their_stem() {
        let shards = index(&[
            &[(BODY, "на Косову")],
            &[(BODY, "in Kosovo")],
            &[(BODY, "Kosovska Mitrovica")],
        ]);
        // kosovu and kosovo stem to kosov; kosovska has its own stem.
        assert_eq!(found(&shards, "Kosovom"), [1, 0]);
        assert_eq!(found(&shards, "Косово"), [1, 0]);
        // A query ending too long past the stem is not an inflection.
        assert_eq!(found(&shards, "kosovijada"), Vec::<u32>::new());
        // A word the index holds meets the other words of its stem, even
        // those it does not begin (a vowel dropped: bregovac, bregovcu).
        let stemmed = |w: &str, _| match w {
            "bregovac" | "bregovcu" => "bregovc".to_owned(),
            w => crate::fold::fold(w),
        };
        let mut builder = Builder::default();
        builder.add(0, BODY, "u Bregovcu", &stemmed);
        builder.add(1, BODY, "Bregovac", &stemmed);
        builder.add(2, BODY, "Bregovčani", &stemmed);
        let shards = builder.finish();
        assert_eq!(found(&shards, "Бреговац"), [1, 0]);
        assert_eq!(found(&shards, "bregovcu"), [0, 1]);
        // A stem shorter than MIN_STEM_CHARS stands for nothing.
        let short = index(&[&[(BODY, "ua")]]);
        assert_eq!(found(&short, "uam"), Vec::<u32>::new());
        // A word stemmed in another language (or in none) that runs past
        // the query's own stem by a short ending is an inflection of it.
        let unstemmed = |w: &str, _| crate::fold::fold(w);
        let mut builder = Builder::default();
        builder.add(0, BODY, "на Косову", &toy_stem);
        builder.add(1, BODY, "in Kosovo", &unstemmed);
        builder.add(2, BODY, "Kosovom", &unstemmed);
        builder.add(3, BODY, "Kosovska", &unstemmed);
        builder.add(4, BODY, "kos", &unstemmed);
        let shards = builder.finish();
        // The word itself first, then newer; Kosovska runs too far past.
        assert_eq!(found(&shards, "Kosovu"), [0, 2, 1]);
        assert_eq!(found(&shards, "Косову"), [0, 2, 1]);
        // Without the query's own word in the index, no stem to go by: only
        // the word whose stem it runs past.
        assert_eq!(found(&shards, "Kosovi"), [0]);
    }

    /// Which fragment a hit reads and where its snippet starts, by the
    /// fields each of its words was met in: the whole only for a word in
    /// the body without the headline or standfirst (and none in the
    /// standfirst); the start for the headline without the standfirst
    /// (decisions 0042, 0043). As `rank` makes them.
    #[test]
    fn a_hit_reads_its_lead_unless_a_word_is_met_in_the_body_alone() {
        use super::super::snippet::Window::{AtFirstMet, AtStart};
        use field::{BODY, HEADLINE, STANDFIRST, TAGS};
        let (lead, whole) = (Cut::Lead, Cut::Whole);
        for (words, cut, window) in [
            (&[HEADLINE][..], lead, AtStart),
            (&[HEADLINE | BODY], lead, AtStart),
            (&[HEADLINE | TAGS | BODY], lead, AtStart),
            (&[STANDFIRST], lead, AtFirstMet),
            (&[STANDFIRST | BODY], lead, AtFirstMet),
            (&[HEADLINE | STANDFIRST | BODY], lead, AtFirstMet),
            (&[TAGS], lead, AtFirstMet),
            (&[BODY], whole, AtFirstMet),
            (&[TAGS | BODY], whole, AtFirstMet),
            // Two words: one in the headline, the other in the body alone.
            (&[HEADLINE, BODY], whole, AtFirstMet),
            (&[HEADLINE, TAGS | BODY], whole, AtFirstMet),
            (&[HEADLINE | BODY, BODY], whole, AtFirstMet),
            // ...or in the headline and body, or the tags.
            (&[HEADLINE, HEADLINE | BODY], lead, AtStart),
            (&[HEADLINE, TAGS], lead, AtStart),
            // A word in the standfirst: the snippet starts there.
            (&[STANDFIRST, BODY], lead, AtFirstMet),
            (&[BODY, STANDFIRST | BODY], lead, AtFirstMet),
        ] {
            // Each word its own text, in the fields given.
            let mut builder = Builder::default();
            let names = ["alpha", "bravo"];
            for (&fields, name) in words.iter().zip(names) {
                for bit in [HEADLINE, STANDFIRST, TAGS, BODY] {
                    if fields & bit != 0 {
                        builder.add(0, bit, name, &toy_stem);
                    }
                }
            }
            let shards = builder.finish();
            let typed = names.get(..words.len()).unwrap().join(" ");
            let hits = rank(&Query::parse(&typed).unwrap(), &held(&shards));
            let hit = hits.first().unwrap();
            assert_eq!((hit.cut(), hit.window()), (cut, window), "{words:?}");
        }
    }

    #[test]
    fn fields_rank_headline_standfirst_tags_body() {
        // Oldest first, so the field and not the date decides.
        let shards = index(&[
            &[(HEADLINE, "kfor")],
            &[(STANDFIRST, "kfor")],
            &[(TAGS, "kfor")],
            &[(BODY, "kfor")],
        ]);
        assert_eq!(found(&shards, "kfor"), [0, 1, 2, 3]);
        // Scores: the match's weight times the best field's.
        let scores = |shards: &BTreeMap<String, Shard>, q: &str| -> Vec<u32> {
            rank(&Query::parse(q).unwrap(), &held(shards))
                .iter()
                .map(|h| h.score)
                .collect()
        };
        assert_eq!(scores(&shards, "kfor"), [5 * 16, 5 * 8, 5 * 4, 5]);
        let forms = index(&[&[(BODY, "Marković")], &[(BODY, "Markovic")]]);
        assert_eq!(scores(&forms, "markovic"), [5, 4], "as typed, then folded");
        let one = index(&[&[(BODY, "Marković")]]);
        assert_eq!(entry_of(&one, "markovic").forms, ["marković"]);
        assert_eq!(scores(&one, "markovic"), [4]);
        assert_eq!(scores(&one, "marković"), [5]);
        // Two words: each word's score added, every field it is met in.
        let two = index(&[&[(HEADLINE, "kfor"), (TAGS, "kfor"), (BODY, "Marković kfor")]]);
        let hits = rank(&Query::parse("kfor marković").unwrap(), &held(&two));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].score, 5 * 16 + 5);
        assert_eq!(hits[0].fields, HEADLINE | TAGS | BODY);
    }

    #[test]
    fn all_words_above_some_then_newer_above_older() {
        let shards = index(&[
            &[(BODY, "kfor barricades")],
            &[(HEADLINE, "kfor")],
            &[(BODY, "barricades kfor")],
            &[(BODY, "something else")],
        ]);
        assert_eq!(found(&shards, "kfor barricades"), [2, 0, 1]);
        assert_eq!(found(&shards, "barricades"), [2, 0]);
    }

    #[test]
    fn postings_are_delta_coded_and_malformed_ones_stop() {
        let shards = index(&[
            &[(BODY, "x")],
            &[],
            &[(HEADLINE, "x"), (BODY, "x")],
            &[(TAGS, "x")],
        ]);
        let entry = entry_of(&shards, "x");
        assert_eq!(entry.docs, [0, BODY, 2, HEADLINE | BODY, 1, TAGS]);
        let postings: Vec<Posting> = entry.postings().collect();
        assert_eq!(
            postings.iter().map(|p| p.article).collect::<Vec<_>>(),
            [0, 2, 3]
        );
        let odd = Entry {
            docs: vec![5, 1, 2],
            ..Entry::default()
        };
        assert_eq!(odd.postings().count(), 1);
        let overflow = Entry {
            docs: vec![u32::MAX, 1, 1, 1, 0, 1],
            ..Entry::default()
        };
        assert_eq!(overflow.postings().count(), 1);
    }

    #[test]
    fn an_entry_keeps_its_forms_and_shortest_stem() {
        let shards = index(&[
            &[(BODY, "Marković")],
            &[(BODY, "Markovic")],
            &[(BODY, "Марковић")],
        ]);
        let entry = entry_of(&shards, "markovic");
        assert_eq!(entry.forms, ["markovic", "marković"]);
        // Forms' bits follow the fields': article 1 wrote it without diacritics.
        let bits: Vec<u32> = entry
            .postings()
            .map(|p| p.bits >> field::FORMS_SHIFT)
            .collect();
        assert_eq!(bits, [0b10, 0b01, 0b10]);
        let plain = index(&[&[(BODY, "kfor")]]);
        assert_eq!(entry_of(&plain, "kfor").forms, Vec::<String>::new());
        assert_eq!(
            entry_of(&plain, "kfor").stem,
            None,
            "a stem no shorter than the word is left out"
        );
        let stemmed = index(&[&[(BODY, "kosovo")]]);
        assert_eq!(entry_of(&stemmed, "kosovo").stem.as_deref(), Some("kosov"));
    }

    #[test]
    fn a_word_keeps_at_most_max_forms_forms_and_stems() {
        // Ten spellings of one folded word, one an article, each its own
        // stem; the last two met are the shortest stems.
        let spellings = [
            "kora", "korá", "korà", "korâ", "korä", "kóra", "kòra", "kôra", "kõra", "köra",
        ];
        let mut builder = Builder::default();
        for (n, word) in spellings.iter().enumerate() {
            let stem = move |_: &str, _| "s".repeat(20 - n);
            builder.add(n as u32, BODY, word, &stem);
        }
        let shards = builder.finish();
        let entry = entry_of(&shards, "kora");
        assert_eq!(entry.forms.len(), MAX_FORMS);
        assert!(spellings.iter().all(|s| s
            .chars()
            .all(|c| c.is_ascii() || ('\u{c0}'..'\u{17f}').contains(&c))));
        assert_eq!(
            entry.stem.as_deref(),
            Some("s".repeat(20 - (MAX_FORMS - 1)).as_str())
        );
        // Every article is listed; those past the cap without a form's bit.
        let postings: Vec<Posting> = entry.postings().collect();
        assert_eq!(postings.len(), spellings.len());
        assert!(postings
            .iter()
            .take(MAX_FORMS)
            .all(|p| p.bits >> field::FORMS_SHIFT != 0));
        assert!(postings
            .iter()
            .skip(MAX_FORMS)
            .all(|p| p.bits >> field::FORMS_SHIFT == 0));
    }

    #[test]
    fn words_are_found_across_shards() {
        // Three words each in 3/8 of a shard's numbers of articles (two
        // numbers a posting: 3/4 of a shard apiece), so the shards close
        // after two of them; one more word sorts before all.
        let each = SHARD_NUMBERS * 3 / 8;
        let mut builder = Builder::default();
        builder.add(0, BODY, "aaa", &toy_stem);
        for (i, word) in ["kosb", "kosc", "kosd"].iter().enumerate() {
            for n in 0..each {
                builder.add((i * each + n) as u32, BODY, word, &toy_stem);
            }
        }
        let shards = builder.finish();
        assert_eq!(shards.keys().collect::<Vec<_>>(), ["aaa", "kosd"]);
        assert_eq!(found(&shards, "kos").len(), 3 * each);
        assert_eq!(found(&shards, "kosc").len(), each);
        assert_eq!(found(&shards, "kosd").first(), Some(&(3 * each as u32 - 1)));
        assert_eq!(found(&shards, "aaa"), [0]);
        // A reader's shards for "kos": the one it falls in, then the next.
        let names = |word: &str| -> Vec<String> {
            shards_for_word(&shards, word)
                .into_iter()
                .map(|(k, _)| k.clone())
                .collect()
        };
        assert_eq!(names("kos"), ["aaa", "kosd"]);
        // "kose": the shard of its start "kos", and of itself.
        assert_eq!(names("kose"), ["aaa", "kosd"]);
        assert_eq!(names("kosdx"), ["aaa", "kosd"]);
        assert_eq!(names("ko"), ["aaa"], "a short word: its own key's shard");
        assert_eq!(names("a"), Vec::<String>::new(), "before every shard");
    }

    #[test]
    fn words_of_one_stem_are_filed_under_the_start_they_share() {
        let stemmed = |w: &str, _| match w {
            "bregovac" | "bregovcu" | "bregovcima" => "bregovc".to_owned(),
            w => toy_stem(w, super::super::Script::Other),
        };
        let mut builder = Builder::default();
        for (n, text) in [
            "Bregovac",
            "u Bregovcu",
            "bregovcima",
            "bregovci",
            "na Kosovu",
            "Kosovom",
            "kfor",
            "ab",
        ]
        .iter()
        .enumerate()
        {
            builder.add(n as u32, BODY, text, &stemmed);
        }
        let shards = builder.finish();
        let key = |word: &str| entry_of(&shards, word).key(word).to_owned();
        // bregovac shares "bregov" with bregovc, its stem; so does every
        // word met through it: bregovci, no stem of its own, runs past it.
        for word in ["bregovac", "bregovcu", "bregovcima", "bregovci"] {
            assert_eq!(key(word), "bregov", "{word}");
        }
        assert_eq!(key("kosovu"), "kosov");
        assert_eq!(key("kosovom"), "kosov");
        assert_eq!(key("kfor"), "kfor", "no stem: itself");
        assert_eq!(key("ab"), "ab", "a short word: itself");
        assert_eq!(entry_of(&shards, "kfor").key, None, "not written");
        assert_eq!(entry_of(&shards, "kosovu").key, Some(5));
        // A key is never shorter than three characters.
        let mut builder = Builder::default();
        builder.add(0, BODY, "kosovo", &|_, _| "k".to_owned());
        builder.add(1, BODY, "kolo", &|_, _| "k".to_owned());
        let shards = builder.finish();
        assert_eq!(entry_of(&shards, "kosovo").key("kosovo"), "kos");
        assert_eq!(entry_of(&shards, "kolo").key("kolo"), "kol");
    }

    /// The manifest of `shards` as the build writes it (names made up).
    fn manifest_of(shards: &BTreeMap<String, Shard>) -> Manifest {
        Manifest {
            version: crate::Version1,
            articles: 0,
            shards: shards
                .keys()
                .enumerate()
                .map(|(i, k)| (k.clone(), Slug::parse(&format!("s-{i}")).unwrap()))
                .collect(),
            ends: Some(ends(shards)),
            prefixes: BTreeMap::new(),
        }
    }

    #[test]
    fn a_start_fetches_the_shard_it_falls_in_only_if_it_is_a_key_there() {
        let itself = |w: &str, _| w.to_owned();
        let build = |words: &[&str], numbers: usize| {
            let mut builder = Builder::default();
            for (n, word) in words.iter().enumerate() {
                builder.add(n as u32, BODY, word, &itself);
            }
            builder.finish_every(numbers)
        };
        let names = |shards: Vec<(&String, &Slug)>| -> Vec<String> {
            shards.into_iter().map(|(k, _)| k.clone()).collect()
        };
        // One word a shard: "kfo", the start of "kfor" that falls in
        // "kfa"'s shard, is no key there, so that shard is spared.
        let shards = build(&["abc", "kfa", "kfor", "kfox"], 2);
        assert_eq!(
            shards.keys().collect::<Vec<_>>(),
            ["abc", "kfa", "kfor", "kfox"]
        );
        let mut manifest = manifest_of(&shards);
        assert_eq!(names(manifest.shards_for_word("kfor")), ["kfor"]);
        assert_eq!(names(manifest.shards_for_word("kforce")), ["kfor"]);
        assert_eq!(
            names(manifest.shards_for_word("kfo")),
            ["kfa", "kfor", "kfox"]
        );
        let without = shards_for_word(&manifest.shards, "kfor");
        assert_eq!(
            names(without.clone()),
            ["kfa", "kfor"],
            "every start's shard"
        );
        // An index made before ends: every start's shard, as before.
        manifest.ends = None;
        assert_eq!(manifest.shards_for_word("kfor"), without);
        // "kfor" a key, the last of "kfaa"'s shard: fetched, and met.
        let shards = build(&["kfaa", "kfor", "kfora", "kfox"], 4);
        assert_eq!(shards.keys().collect::<Vec<_>>(), ["kfaa", "kfora"]);
        let manifest = manifest_of(&shards);
        assert_eq!(manifest.ends, Some(vec![0, 0b10]));
        assert_eq!(names(manifest.shards_for_word("kfora")), ["kfaa", "kfora"]);
        assert_eq!(found(&shards, "kfora"), [2, 1]);
        // Longer starts take the bits after: "kfoxy" and "kfoxyz" are keys
        // of the shard before "kfoxyzw"'s, "kfox" is not.
        let shards = build(&["kfa", "kfoxy", "kfoxyz", "kfoxyzw"], 6);
        assert_eq!(shards.keys().collect::<Vec<_>>(), ["kfa", "kfoxyzw"]);
        let manifest = manifest_of(&shards);
        assert_eq!(manifest.ends, Some(vec![0, 0b1100]));
        assert_eq!(
            names(manifest.shards_for_word("kfoxyzwq")),
            ["kfa", "kfoxyzw"]
        );
        assert_eq!(names(manifest.shards_for_word("kfoxa")), ["kfa"], "its own");
        let shards = build(&["kfa", "kfox", "kfoxyzw"], 4);
        let manifest = manifest_of(&shards);
        assert_eq!(manifest.ends, Some(vec![0, 0b10]));
        // A start longer than the bits tell of: always fetched.
        let long = format!("kf{}", "o".repeat(34));
        let shards = build(&["kfa", &long, &format!("{long}z")], 4);
        let manifest = manifest_of(&shards);
        assert_eq!(manifest.ends, Some(vec![]));
        assert_eq!(
            names(manifest.shards_for_word(&format!("{long}zz"))),
            ["kfa".to_owned(), format!("{long}z")]
        );
        // Places count from the one before: the third shard's bits.
        let shards = build(&["aaa", "bbb", "kfa", "kfo", "kfor"], 2);
        let manifest = manifest_of(&shards);
        assert_eq!(manifest.ends, Some(vec![3, 1]));
        assert_eq!(names(manifest.shards_for_word("kfor")), ["kfo", "kfor"]);
        let shards = build(&["kfa", "kfo", "kfor", "kfx", "kfxa"], 2);
        assert_eq!(manifest_of(&shards).ends, Some(vec![1, 1, 2, 1]));
    }

    #[test]
    fn a_start_filling_two_shards_past_its_own_has_a_list_of_every_article() {
        let build = |words: &[(&str, u32)]| {
            let mut builder = Builder::default();
            for (n, (word, field)) in words.iter().enumerate() {
                builder.add(n as u32, *field, word, &|w, _| w.to_owned());
            }
            builder.add(9, HEADLINE, "brea", &|w, _| w.to_owned());
            builder.finish_every(2)
        };
        // One word a shard: "bre" falls in "aaa"'s, its words fill two more.
        let shards = build(&[("aaa", BODY), ("brea", BODY), ("breb", TAGS)]);
        assert_eq!(shards.keys().collect::<Vec<_>>(), ["aaa", "brea", "breb"]);
        let lists = prefix_lists(&shards);
        assert_eq!(lists.keys().collect::<Vec<_>>(), ["bre"]);
        let postings: Vec<Posting> = lists["bre"].words["bre"].postings().collect();
        let expected = [(1, BODY), (2, TAGS), (9, HEADLINE)];
        assert_eq!(
            postings,
            expected.map(|(article, bits)| Posting { article, bits })
        );
        // Its own shard and one more: no list, two shards fetched at most.
        let shards = build(&[("aaa", BODY), ("brea", BODY)]);
        assert_eq!(prefix_lists(&shards), BTreeMap::new());
        // An article with two of its words: once, with both fields' bits.
        let mut builder = Builder::default();
        builder.add(4, BODY, "brea", &|w, _| w.to_owned());
        builder.add(4, STANDFIRST, "breb", &|w, _| w.to_owned());
        builder.add(5, BODY, "breb", &|w, _| w.to_owned());
        let lists = prefix_lists_past(&builder.finish_every(2), 1);
        let postings: Vec<Posting> = lists["bre"].words["bre"].postings().collect();
        let expected = [(4, BODY | STANDFIRST), (5, BODY)];
        assert_eq!(
            postings,
            expected.map(|(article, bits)| Posting { article, bits })
        );
    }

    #[test]
    fn may_meet_keys_of_its_starts_and_keys_it_begins() {
        assert!(may_meet("kosovom", "kosov"));
        assert!(may_meet("kosovom", "kos"));
        assert!(may_meet("kos", "kosovo"), "a word it begins");
        assert!(may_meet("kosovom", "kosovom"));
        assert!(!may_meet("kosovom", "ko"), "a start under three characters");
        assert!(!may_meet("kosovom", "kosovska"));
        assert!(
            !may_meet("kosovom", "kosova"),
            "not a start, nor begun by it"
        );
        assert!(may_meet("ko", "ko"));
        assert!(
            !may_meet("ko", "kos"),
            "a short word meets only its own key"
        );
        assert!(may_meet("ђа", "ђа"));
        assert!(may_meet("šuma", "šum"));
    }

    /// Several stemmers, as an archive of several languages has: vowels
    /// off, a fleeting a (bregovac → bregovc), an ending replaced (happy →
    /// happi), none.
    fn mixed_stem(word: &str, _: super::super::Script) -> String {
        let w = crate::fold::fold(word);
        match w.len() % 4 {
            0 => toy_stem(&w, super::super::Script::Other),
            1 => match w.char_indices().rev().nth(1) {
                Some((at, 'a')) => format!("{}{}", &w[..at], &w[at + 1..]),
                _ => w,
            },
            2 => match w.char_indices().last() {
                Some((at, _)) => format!("{}i", &w[..at]),
                None => w,
            },
            _ => w,
        }
    }

    /// Words of a small alphabet, so they share starts and stems are words.
    const SMALL_ALPHABET: &str = "[aks]{2,6}|[abkosv]{1,8}";

    /// A start whose prefix list a reader fetches, with the shard it falls
    /// in, finds what the whole index finds, ranked alike, and marks the
    /// same words.
    #[test]
    fn a_start_with_a_prefix_list_finds_what_the_whole_index_finds() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let field = prop_oneof![Just(HEADLINE), Just(STANDFIRST), Just(TAGS), Just(BODY)];
        let vocabulary = proptest::collection::vec((SMALL_ALPHABET, 0u32..40, field), 1..160);
        let mut runner = TestRunner::new(Config::with_cases(200));
        let lists = std::cell::Cell::new(0);
        runner
            .run(&(vocabulary, 1usize..3), |(vocabulary, past)| {
                let mut builder = Builder::default();
                for (word, article, field) in &vocabulary {
                    builder.add(*article, *field, word, &mixed_stem);
                }
                let all = builder.finish_every(6);
                let whole = Held {
                    shards: all.clone(),
                    prefixes: BTreeMap::new(),
                };
                let made = prefix_lists_past(&all, past);
                lists.set(lists.get() + made.len());
                let manifest = Manifest {
                    prefixes: made
                        .keys()
                        .map(|start| (start.clone(), Slug::parse("p").unwrap()))
                        .collect(),
                    ..manifest_of(&all)
                };
                for (start, list) in &made {
                    let fetched = Held {
                        shards: manifest
                            .shards_for_word(start)
                            .into_iter()
                            .filter_map(|(k, _)| all.get_key_value(k))
                            .map(|(k, s)| (k.clone(), s.clone()))
                            .collect(),
                        prefixes: [(start.clone(), list.clone())].into(),
                    };
                    prop_assert!(fetched.shards.len() <= 1, "its own shard only");
                    // As typed, in capitals, and beside another word.
                    for typed in [start.clone(), start.to_uppercase(), format!("{start} ab")] {
                        let query = Query::parse(&typed).unwrap();
                        let other = Query::parse("ab").unwrap();
                        let held = Held {
                            shards: fetched
                                .shards
                                .clone()
                                .into_iter()
                                .chain(other.words().iter().flat_map(|w| {
                                    shards_for_word(&all, &w.folded)
                                        .into_iter()
                                        .map(|(k, s)| (k.clone(), s.clone()))
                                }))
                                .collect(),
                            ..fetched.clone()
                        };
                        prop_assert_eq!(rank(&query, &held), rank(&query, &whole), "{}", typed);
                        let met = matched_words(&query, &held);
                        for word in matched_words(&query, &whole).words {
                            prop_assert!(met.has(&word), "{} marks {}", typed, word);
                        }
                    }
                }
                Ok(())
            })
            .unwrap();
        assert!(lists.get() > 100, "prefix lists made: {}", lists.get());
    }

    /// Before keys, a query word looked at every word sharing its first
    /// three characters: for a word of three or more, the words it meets
    /// in the shards a reader fetches for it are the words it met then,
    /// in the whole index, each the same way.
    #[test]
    fn the_shards_fetched_for_a_word_hold_every_word_it_meets() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let stem = mixed_stem;
        let word = SMALL_ALPHABET;
        let vocabulary = proptest::collection::vec((word, 0u32..40), 1..120);
        let queries = proptest::collection::vec("[abkosv]{3,10}", 0..20);
        let mut runner = TestRunner::new(Config::with_cases(200));
        runner
            .run(&(vocabulary, queries), |(vocabulary, extra)| {
                let mut builder = Builder::default();
                for (word, article) in &vocabulary {
                    builder.add(*article, BODY, word, &stem);
                }
                let all = builder.finish_every(6);
                let manifest = manifest_of(&all);
                let entries: Vec<(&String, &Entry)> =
                    all.values().flat_map(|s| s.words.iter()).collect();
                let mut asked: Vec<String> = extra;
                for (word, _) in &vocabulary {
                    asked.push(word.clone());
                    asked.extend(["a", "om", "ima", "ci"].map(|e| format!("{word}{e}")));
                    asked.extend(
                        word.char_indices()
                            .skip(3)
                            .map(|(at, _)| word[..at].to_owned()),
                    );
                }
                for q in asked {
                    let query = Word::new(&q);
                    if !query.matches_as_prefix() {
                        continue;
                    }
                    // Then: every word of its first three characters.
                    let start: String = query.folded.chars().take(MIN_PREFIX_CHARS).collect();
                    let query_stem = entries
                        .iter()
                        .find(|(w, _)| **w == query.folded)
                        .and_then(|(_, e)| e.stem.as_deref());
                    let then: BTreeSet<(String, Match)> = entries
                        .iter()
                        .filter(|(w, _)| w.starts_with(&start))
                        .filter_map(|(w, e)| {
                            Match::of(&query, query_stem, w, e).map(|how| ((*w).clone(), how))
                        })
                        .collect();
                    // What a reader fetches: the shards its starts fall
                    // in where the manifest's ends allow, never more.
                    let fetched: BTreeMap<String, Shard> = manifest
                        .shards_for_word(&query.folded)
                        .into_iter()
                        .filter_map(|(k, _)| all.get_key_value(k))
                        .map(|(k, s)| (k.clone(), s.clone()))
                        .collect();
                    let without_ends = shards_for_word(&all, &query.folded);
                    prop_assert!(fetched
                        .keys()
                        .all(|k| without_ends.iter().any(|(w, _)| *w == k)));
                    let now: BTreeSet<(String, Match)> = meetings(&query, &fetched)
                        .map(|(w, _, how)| (w.clone(), how))
                        .collect();
                    prop_assert_eq!(&now, &then, "{} in {:?}", q, all.keys().collect::<Vec<_>>());
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn shards_read_back_from_their_json() {
        let shards = index(&[&[(HEADLINE, "Марковић и KFOR")], &[(BODY, "kfor")]]);
        for shard in shards.values() {
            let json = serde_json::to_string(shard).expect("json");
            assert_eq!(&serde_json::from_str::<Shard>(&json).expect("reads"), shard);
        }
        assert!(serde_json::from_str::<Shard>(r#"{"version":1,"words":{},"x":1}"#).is_err());
        assert!(serde_json::from_str::<Shard>(r#"{"version":2,"words":{}}"#).is_err());
    }

    /// A result whose cut is [`Cut::Lead`] gets from its lead the snippet
    /// its whole fragment gives: for any query, any words met, in any
    /// fields, in either script, with punctuation and long standfirsts.
    #[test]
    fn a_lead_gives_the_snippet_the_whole_fragment_gives() {
        use super::super::snippet::{lead, snippet};
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let word = "[aks]{2,6}|[abkosv]{1,8}|[абкос]{2,5}|[—,.]";
        let text = |n| proptest::collection::vec(word, n).prop_map(|w| w.join(" "));
        let article = (text(1..4), text(1..60), text(0..400));
        let articles = proptest::collection::vec(article, 1..8);
        let mut runner = TestRunner::new(Config::with_cases(300));
        let counts = std::cell::Cell::new((0, 0, 0)); // leads, marked, wholes
        runner
            .run(&articles, |articles| {
                let mut builder = Builder::default();
                let mut texts = Vec::new();
                for (n, (headline, standfirst, body)) in articles.iter().enumerate() {
                    for (field, text) in
                        [(HEADLINE, headline), (STANDFIRST, standfirst), (BODY, body)]
                    {
                        builder.add(n as u32, field, text, &mixed_stem);
                    }
                    let text: String = format!("{standfirst} {body}")
                        .chars()
                        .take(MAX_FRAGMENT_CHARS)
                        .collect();
                    texts.push((text, standfirst.chars().count()));
                }
                let whole = Held::from(builder.finish_every(6));
                let asked = articles
                    .iter()
                    .flat_map(|(h, s, b)| [h, s, b])
                    .flat_map(|t| t.split(' '));
                for typed in asked
                    .clone()
                    .chain(asked.filter_map(|w| w.get(..3)))
                    .take(40)
                {
                    let Some(query) = Query::parse(typed) else {
                        continue;
                    };
                    let matched = matched_words(&query, &whole);
                    for hit in rank(&query, &whole) {
                        let (text, standfirst) = &texts[hit.article as usize];
                        let (leads, marked, wholes) = counts.get();
                        let Cut::Lead = hit.cut() else {
                            counts.set((leads, marked, wholes + 1));
                            continue;
                        };
                        let window = hit.window();
                        let from_lead = snippet(lead(text, *standfirst), &matched, window);
                        let mark = usize::from(from_lead.iter().any(|p| p.marked));
                        counts.set((leads + 1, marked + mark, wholes));
                        prop_assert_eq!(
                            from_lead,
                            snippet(text, &matched, window),
                            "{:?} in {:?}",
                            typed,
                            text
                        );
                    }
                }
                Ok(())
            })
            .unwrap();
        // Not vacuous: leads with words marked, and results needing the whole.
        let (leads, marked, wholes) = counts.get();
        assert!(
            leads > 1_000 && marked > 500 && wholes > 500,
            "{leads} {marked} {wholes}"
        );
    }
}
