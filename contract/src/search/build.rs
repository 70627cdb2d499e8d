//! Making the index: every article's words into shards. Pure; the build
//! (`xtask/src/plan/search.rs`) names and writes the files, and brings the
//! stemmer, which runs at build time only (decision 0021).

use super::index::{field, shard_key, Entry, Fragment, Shard, MAX_FORMS, MAX_FRAGMENT_CHARS};
use super::words;
use crate::fold::fold;
use crate::{Article, Block, Body, Version1};
use std::collections::{BTreeMap, BTreeSet};

/// The index as it is being made.
#[derive(Default)]
pub struct Builder {
    words: BTreeMap<String, Building>,
}

/// A word's stem, from its exact form (lowercase Latin with diacritics),
/// in the article's language; the word itself where the language has no
/// stemmer. The builder folds it.
pub type Stem<'a> = &'a dyn Fn(&str) -> String;

/// One folded word, being made.
#[derive(Default)]
struct Building {
    stems: BTreeSet<String>,
    /// Article → its fields' bits and the exact forms it has.
    postings: BTreeMap<u32, (u32, BTreeSet<String>)>,
}

impl Builder {
    /// The words of `text`, found in `field` of article number `article`.
    pub fn add(&mut self, article: u32, field: u32, text: &str, stem: Stem) {
        for word in words(text) {
            let building = self.words.entry(word.folded).or_default();
            if building.stems.len() < MAX_FORMS {
                building.stems.insert(fold(&stem(&word.exact)));
            }
            let (bits, forms) = building.postings.entry(article).or_default();
            *bits |= field;
            if forms.len() < MAX_FORMS {
                forms.insert(word.exact);
            }
        }
    }

    /// Every field of `article`, numbered `number`.
    pub fn add_article<R>(&mut self, number: u32, article: &Article<R>, stem: Stem) {
        self.add(number, field::HEADLINE, article.headline.as_str(), stem);
        self.add(number, field::STANDFIRST, article.standfirst.as_str(), stem);
        self.add(number, field::TAGS, article.section.as_str(), stem);
        for tag in article.tags.iter() {
            self.add(number, field::TAGS, tag.name.as_str(), stem);
        }
        self.add(number, field::BODY, &body_text(&article.body), stem);
    }

    /// The shards, by key.
    pub fn finish(self) -> BTreeMap<String, Shard> {
        let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
        for (folded, building) in self.words {
            let entry = entry(&folded, building);
            shards
                .entry(shard_key(&folded))
                .or_insert_with(|| Shard {
                    version: Version1,
                    words: BTreeMap::new(),
                })
                .words
                .insert(folded, entry);
        }
        shards
    }
}

/// The entry of `folded`: its shortest stem, its forms, its postings.
fn entry(folded: &str, building: Building) -> Entry {
    let stem = building
        .stems
        .into_iter()
        .min_by_key(|s| (s.chars().count(), s.clone()))
        .filter(|s| s.as_str() != folded);
    let all: BTreeSet<&String> = building.postings.values().flat_map(|(_, f)| f).collect();
    let forms: Vec<String> = if all.len() == 1 && all.iter().all(|f| f.as_str() == folded) {
        Vec::new()
    } else {
        all.into_iter().take(MAX_FORMS).cloned().collect()
    };
    let mut docs = Vec::with_capacity(building.postings.len() * 2);
    let mut before = None;
    for (article, (bits, have)) in &building.postings {
        let mut bits = *bits;
        for (i, form) in forms.iter().enumerate() {
            if have.contains(form) {
                bits |= 1 << (field::FORMS_SHIFT + i as u32);
            }
        }
        docs.push(before.map_or(*article, |b: u32| article - b));
        docs.push(bits);
        before = Some(*article);
    }
    Entry { stem, forms, docs }
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
            Block::Paragraph(p) => p.content.iter().for_each(|s| push(s.text.as_str())),
            Block::Subheading(h) => push(h.text.as_str()),
            Block::Quote(q) => {
                push(q.text.as_str());
                if let Some(by) = &q.attribution {
                    push(by.as_str());
                }
            }
            Block::List(l) => l
                .items
                .iter()
                .flat_map(|item| item.iter())
                .for_each(|s| push(s.text.as_str())),
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

/// What a result for `article` shows.
pub fn fragment<R>(article: &Article<R>) -> Fragment {
    let text = format!(
        "{} {}",
        article.standfirst.as_str(),
        body_text(&article.body)
    );
    Fragment {
        version: Version1,
        slug: article.slug.clone(),
        headline: article.headline.clone(),
        section: article.section.clone(),
        published: article.published.clone(),
        text: text.chars().take(MAX_FRAGMENT_CHARS).collect(),
    }
}
