//! Making the index: every article's words into shards. Pure; the build
//! (`xtask/src/plan/search.rs`) names and writes the files, and brings the
//! stemmer, which runs at build time only (decision 0021).

use super::index::{
    delta_coded, field, Cut, Entry, Fragment, Shard, MAX_FORMS, MAX_FRAGMENT_CHARS,
    MAX_PLAIN_ENDING_CHARS, MIN_STEM_CHARS, SHARD_NUMBERS,
};
use super::{each_word, Script, MIN_PREFIX_CHARS};
use crate::fold::fold;
use crate::{Article, Block, Body, Spans, Version1};
use foldhash::HashMap;
use std::collections::BTreeMap;

/// The index as it is being made.
#[derive(Default)]
pub struct Builder {
    /// Each folded word and what is known of it, in the order met.
    words: Vec<(String, Building)>,
    /// A folded word's place in `words`.
    by_folded: HashMap<String, usize>,
    /// An exact form's folded word's place in `words`: an archive repeats
    /// its forms a million times, folded once each.
    by_exact: HashMap<String, usize>,
}

/// A word's stem, from its exact form (lowercase Latin with diacritics) and
/// the script it was written in, in the article's language, [`fold`]ed;
/// the word itself, folded, where the language has no stemmer.
pub type Stem<'a> = &'a dyn Fn(&str, Script) -> String;

/// One distinct word of an article, as [`words_of`] finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Met {
    /// Lowercase Latin with diacritics.
    pub exact: String,
    /// The bits of the fields it is in.
    pub fields: u32,
    /// [`Script::Cyrillic`] if it was written in Cyrillic anywhere in them.
    pub script: Script,
}

/// Where [`Builder::file`] filed a word: its folded word's place, and the
/// number of its exact form there (none past [`MAX_FORMS`]).
#[derive(Clone, Copy, Debug)]
pub struct Filed {
    at: usize,
    form: Option<usize>,
}

/// One folded word, being made.
#[derive(Default)]
struct Building {
    /// The exact forms met (at most [`MAX_FORMS`]), in the order met.
    forms: Vec<String>,
    /// The folded stems its forms were given, in each article's language
    /// (at most [`MAX_FORMS`]).
    stems: Vec<String>,
    /// Article → its fields' bits and, from [`field::FORMS_SHIFT`] on, one
    /// bit per form it has, in the order met; by article (the build adds
    /// them in order, so each is one push).
    postings: Vec<(u32, u32)>,
}

impl Builder {
    /// The words of `text`, found in `field` of article number `article`.
    pub fn add(&mut self, article: u32, field: u32, text: &str, stem: Stem) {
        self.add_words(article, distinct_words(&[(field, text)]), stem);
    }

    /// Article `article`'s distinct words ([`words_of`], made on any
    /// thread), each stemmed by `stem` and filed ([`Builder::add_stemmed`]).
    pub fn add_words(&mut self, article: u32, words: Vec<Met>, stem: Stem) {
        let stems: Vec<String> = words.iter().map(|w| stem(&w.exact, w.script)).collect();
        self.add_stemmed(
            article,
            words
                .iter()
                .zip(&stems)
                .map(|(w, stem)| (w.exact.as_str(), w.fields, stem.as_str())),
        );
    }

    /// Article `article`'s distinct words, each its exact form, the bits
    /// of the fields it is in and its stem, each folded and filed once.
    /// Articles are added in order of their numbers (any order works, that
    /// one fastest).
    pub fn add_stemmed<'w>(
        &mut self,
        article: u32,
        words: impl IntoIterator<Item = (&'w str, u32, &'w str)>,
    ) {
        for (exact, fields, stem) in words {
            let filed = self.file(exact, stem);
            self.post(article, filed, fields);
        }
    }

    /// Files a word's exact form and stem (what [`Builder::add_stemmed`]
    /// does for each word before its posting): the same pair filed again
    /// gives the same [`Filed`], so a caller that knows its pairs files
    /// each once and [`Builder::post`]s it for every article.
    pub fn file(&mut self, exact: &str, stem: &str) -> Filed {
        let at = match self.by_exact.get(exact) {
            Some(&at) => at,
            None => {
                let folded = fold(exact);
                let at = match self.by_folded.get(&folded) {
                    Some(&at) => at,
                    None => {
                        self.by_folded.insert(folded.clone(), self.words.len());
                        self.words.push((folded, Building::default()));
                        self.words.len() - 1
                    }
                };
                self.by_exact.insert(exact.to_owned(), at);
                at
            }
        };
        let Some((_, building)) = self.words.get_mut(at) else {
            return Filed { at, form: None };
        };
        if building.stems.len() < MAX_FORMS && !building.stems.iter().any(|s| s == stem) {
            building.stems.push(stem.to_owned());
        }
        let form = match building.forms.iter().position(|f| f == exact) {
            Some(at) => Some(at),
            None if building.forms.len() < MAX_FORMS => {
                building.forms.push(exact.to_owned());
                Some(building.forms.len() - 1)
            }
            None => None,
        };
        Filed { at, form }
    }

    /// Article `article` has the word `filed` in `fields`.
    pub fn post(&mut self, article: u32, filed: Filed, fields: u32) {
        let Some((_, building)) = self.words.get_mut(filed.at) else {
            return;
        };
        let bits = fields | filed.form.map_or(0, field::form);
        let postings = &mut building.postings;
        // The build's case first: a newer article goes at the end.
        let place = match postings.last() {
            Some(&(last, _)) if last >= article => {
                postings.binary_search_by_key(&article, |&(a, _)| a)
            }
            _ => Err(postings.len()),
        };
        match place {
            Ok(i) => {
                if let Some((_, known)) = postings.get_mut(i) {
                    *known |= bits;
                }
            }
            Err(i) => postings.insert(i, (article, bits)),
        }
    }

    /// The shards, by their first entry's key: runs of entries in order of
    /// their keys ([`filed_under`]), then words, each closed once it holds
    /// [`SHARD_NUMBERS`] numbers of postings and the next entry's key is
    /// another (a key's entries are never split).
    pub fn finish(self) -> BTreeMap<String, Shard> {
        self.finish_every(SHARD_NUMBERS)
    }

    /// [`Builder::finish`], shards closed at `numbers` (small in tests).
    pub(crate) fn finish_every(self, numbers: usize) -> BTreeMap<String, Shard> {
        let mut words: Vec<(String, Entry)> = self
            .words
            .into_iter()
            .map(|(folded, building)| {
                let entry = entry(&folded, building);
                (folded, entry)
            })
            .collect();
        filed_under(&mut words);
        words.sort_by(|(a, ea), (b, eb)| (ea.key(a), a).cmp(&(eb.key(b), b)));
        let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
        let mut current: Option<(String, Shard, usize)> = None;
        let mut words = words.into_iter().peekable();
        while let Some((folded, entry)) = words.next() {
            let key_ends = words
                .peek()
                .is_none_or(|(w, e)| e.key(w) != entry.key(&folded));
            let (_, shard, held) = current.get_or_insert_with(|| {
                let shard = Shard {
                    version: Version1,
                    words: BTreeMap::new(),
                };
                (entry.key(&folded).to_owned(), shard, 0)
            });
            *held += entry.docs.len();
            shard.words.insert(folded, entry);
            if *held >= numbers && key_ends {
                if let Some((first, shard, _)) = current.take() {
                    shards.insert(first, shard);
                }
            }
        }
        if let Some((first, shard, _)) = current {
            shards.insert(first, shard);
        }
        shards
    }
}

/// Sets each entry's key ([`Entry::key`]): the start of its word that every
/// word a query may meet it through shares, so a reader fetches the shards
/// of a query word's starts and not of every word sharing its first three
/// characters. A word met through a stem `s` ([`super::index::Match::of`]:
/// a word of stem `s`, the word `s`, a word without a stem running past `s`
/// by a short ending) is filed under the start `s` shares with every word
/// of that stem, which is a start of each of them and of `s`; any other
/// word under itself. A key is never shorter than three characters (nor
/// than its word): a query word meets only words that share its first
/// three ([`super::index::may_meet`]).
fn filed_under(words: &mut [(String, Entry)]) {
    // Each stem → the start it shares with every word of that stem.
    let mut shared: HashMap<&str, &str> = HashMap::default();
    for (folded, entry) in words.iter() {
        if let Some(stem) = entry.stem.as_deref() {
            let start = shared.entry(stem).or_insert(stem);
            *start = common_start(start, folded);
        }
    }
    let keys: Vec<Option<u32>> = words
        .iter()
        .map(|(folded, entry)| {
            let word_chars = folded.chars().count();
            // The stems it may be met through: its own, itself as a stem,
            // and, without a stem, itself less a short ending.
            let mut stems: Vec<&str> = vec![folded.as_str()];
            stems.extend(entry.stem.as_deref());
            if entry.stem.is_none() {
                stems.extend(
                    (1..=MAX_PLAIN_ENDING_CHARS)
                        .filter_map(|cut| word_chars.checked_sub(cut))
                        .filter(|&chars| chars >= MIN_STEM_CHARS)
                        .filter_map(|chars| folded.char_indices().nth(chars))
                        .filter_map(|(at, _)| folded.get(..at)),
                );
            }
            let chars = stems
                .iter()
                .filter_map(|stem| shared.get(stem))
                // Each such start is a start of this word too.
                .map(|start| start.chars().count())
                .min()
                .unwrap_or(word_chars)
                .max(MIN_PREFIX_CHARS.min(word_chars));
            (chars < word_chars).then(|| u32::try_from(chars).unwrap_or(u32::MAX))
        })
        .collect();
    for ((_, entry), key) in words.iter_mut().zip(keys) {
        entry.key = key;
    }
}

/// The longest start `a` and `b` share, as a slice of `a`.
fn common_start<'a>(a: &'a str, b: &str) -> &'a str {
    let mut end = 0;
    for ((at, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        end = at + x.len_utf8();
    }
    a.get(..end).unwrap_or(a)
}

/// An article's fragment, whole or its lead: what a result shows of it.
pub fn fragment_of<R>(article: &Article<R>, cut: Cut) -> Fragment {
    let mut fragment = fragment(article, &body_text(&article.body));
    if cut == Cut::Lead {
        let standfirst = article.standfirst.as_str().chars().count();
        let lead = super::snippet::lead(&fragment.text, standfirst).len();
        fragment.text.truncate(lead);
    }
    fragment
}

/// What search files of one article: its distinct words, each exact form
/// once, with the bits of the fields it is in. Pure and alone, so the
/// build reads articles on every core.
pub fn words_of<R>(article: &Article<R>) -> Vec<Met> {
    words_in(article, &body_text(&article.body))
}

/// An article's distinct words, its body's text given.
fn words_in<R>(article: &Article<R>, body: &str) -> Vec<Met> {
    let mut fields = vec![
        (field::HEADLINE, article.headline.as_str()),
        (field::STANDFIRST, article.standfirst.as_str()),
        (field::TAGS, article.section.as_str()),
    ];
    fields.extend(article.tags.iter().map(|t| (field::TAGS, t.name.as_str())));
    fields.push((field::BODY, body));
    distinct_words(&fields)
}

/// The distinct words of some fields' texts, in order of first meeting.
fn distinct_words(fields: &[(u32, &str)]) -> Vec<Met> {
    let mut at: HashMap<String, usize> = HashMap::default();
    let mut met: Vec<Met> = Vec::new();
    for (field, text) in fields {
        each_word(text, |exact, script| {
            match at.get(exact).and_then(|&i| met.get_mut(i)) {
                Some(known) => {
                    known.fields |= field;
                    if script == Script::Cyrillic {
                        known.script = script;
                    }
                }
                None => {
                    at.insert(exact.to_owned(), met.len());
                    met.push(Met {
                        exact: exact.to_owned(),
                        fields: *field,
                        script,
                    });
                }
            }
        });
    }
    met
}

/// The entry of `folded`: its shortest stem, its forms in order, its
/// postings with the forms' bits in that order.
fn entry(folded: &str, building: Building) -> Entry {
    let Building {
        forms,
        stems,
        postings,
    } = building;
    let stem = stems
        .iter()
        .min_by_key(|s| (s.chars().count(), s.as_str()))
        .filter(|s| s.as_str() != folded)
        .cloned();
    // Met order → sorted order, so an entry's bytes follow its content.
    let mut sorted: Vec<usize> = (0..forms.len()).collect();
    sorted.sort_by(|&a, &b| forms.get(a).cmp(&forms.get(b)));
    let mut place = vec![0; forms.len()];
    for (new, &old) in sorted.iter().enumerate() {
        if let Some(slot) = place.get_mut(old) {
            *slot = new;
        }
    }
    let only_itself = forms.len() == 1 && forms.iter().all(|f| f == folded);
    let names: Vec<String> = if only_itself {
        Vec::new()
    } else {
        sorted
            .iter()
            .filter_map(|&old| forms.get(old).cloned())
            .collect()
    };
    let docs = delta_coded(postings.into_iter().map(|(article, bits)| {
        let mut out = bits & field::ALL;
        if !only_itself {
            for (old, &new) in place.iter().enumerate() {
                if bits & field::form(old) != 0 {
                    out |= field::form(new);
                }
            }
        }
        (article, out)
    }));
    Entry {
        key: None,
        stem,
        forms: names,
        docs,
    }
}

/// The text of an article's body, block by block, as a reader reads it.
pub fn body_text(body: &Body) -> String {
    let mut text = String::new();
    let mut push = |part: &str| {
        if !part.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(part);
        }
    };
    for block in body.iter() {
        match block {
            // A paragraph's spans are runs of one text, joined as written.
            Block::Paragraph(p) => push(&spans_text(&p.content)),
            Block::Subheading(h) => push(h.text.as_str()),
            Block::Quote(q) => {
                push(q.text.as_str());
                if let Some(by) = &q.attribution {
                    push(by.as_str());
                }
            }
            Block::List(l) => l.items.iter().for_each(|item| push(&spans_text(item))),
            Block::Image(i) => {
                if let Some(caption) = &i.caption {
                    push(caption.as_str());
                }
            }
            Block::Chart(c) => push(c.title.as_str()),
            Block::Table(t) => {
                if let Some(caption) = &t.caption {
                    push(caption.as_str());
                }
                t.header.iter().for_each(|cell| push(cell.as_str()));
                t.rows
                    .iter()
                    .flat_map(|row| row.iter())
                    .for_each(|cell| push(cell.as_str()));
            }
            Block::Embed(_) | Block::Unsupported => {}
        }
    }
    text
}

/// The text of a run of spans, as written.
fn spans_text(spans: &Spans) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// What a result for `article` shows, from its body's text.
fn fragment<R>(article: &Article<R>, body: &str) -> Fragment {
    let text = format!("{} {body}", article.standfirst.as_str());
    Fragment {
        version: Version1,
        slug: article.slug.clone(),
        headline: article.headline.clone(),
        section: article.section.clone(),
        published: article.published.clone(),
        text: text.chars().take(MAX_FRAGMENT_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::field::{BODY, HEADLINE};

    fn folded(word: &str, _: Script) -> String {
        fold(word)
    }

    /// The build adds articles in order; the index must not depend on it:
    /// any order, and an article's fields added apart, file the same.
    #[test]
    fn the_order_articles_are_added_in_does_not_change_the_index() {
        let texts = [
            (0, HEADLINE, "Bregovac most"),
            (1, BODY, "most Bregovca"),
            (2, BODY, "Bregovac"),
            (3, HEADLINE, "Most"),
            (3, BODY, "most most Bregovcu"),
            (4, BODY, "Bregovcu"),
        ];
        let index = |order: &[usize]| {
            let mut builder = Builder::default();
            for &i in order {
                let Some(&(article, field, text)) = texts.get(i) else {
                    panic!("no text {i}");
                };
                builder.add(article, field, text, &folded);
            }
            builder.finish()
        };
        let in_order = index(&[0, 1, 2, 3, 4, 5]);
        for order in [[5, 4, 3, 2, 1, 0], [2, 0, 4, 1, 5, 3], [3, 0, 5, 1, 4, 2]] {
            assert_eq!(index(&order), in_order, "{order:?}");
        }
        let most = in_order.values().find_map(|shard| shard.words.get("most"));
        // Articles 0, 1 and 3, as deltas, each with its fields' bits.
        let docs: Vec<u32> = most.map(|entry| entry.docs.clone()).unwrap_or_default();
        assert_eq!(
            docs.iter().step_by(2).copied().collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }
}
