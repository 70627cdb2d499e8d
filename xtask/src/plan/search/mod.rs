//! The search index (`gazette_contract::search`), made from the model on
//! every build and publish: the manifest, the shards and one fragment per
//! article. Stems are made here, at build time only, by Snowball's
//! stemmers for the languages that have one (decision 0021); the app
//! matches a query's inflections against them without a stemmer of its own.

pub mod remembered;

use crate::content::Model;

use crate::output::{hex, sha256};
use anyhow::{Context, Result};
use gazette::model::fold::fold;
use gazette::model::search::build::{fragment_of, words_of, Builder};
use gazette::model::search::index::{self, Cut, Manifest};
use gazette::model::search::Script;
use gazette::model::{Article, Slug, Version1};
use gazette::paths::Paths;
use gazette_ingest::parallel;
pub use remembered::Remembered;
use remembered::Stemmed;
use snowball_stemmers_rs::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// The articles in search's numbering: oldest first (then by slug), so a
/// new article takes the next number and a higher number is newer.
pub fn numbered(site: &Model) -> Vec<&Article> {
    let mut articles: Vec<&Article> = site.articles.iter().collect();
    articles.sort_by(|a, b| {
        (a.published.epoch_seconds(), a.slug.as_str())
            .cmp(&(b.published.epoch_seconds(), b.slug.as_str()))
    });
    articles
}

/// Snowball's stemmers for the languages that have one: Serbian (either
/// script: it reads Latin, and the index gives it Cyrillic in Latin) and
/// English. Albanian has none: its words stand for themselves. Each word is
/// stemmed once per language (an archive repeats its words a million times).
struct Stemmers {
    serbian: Remembering,
    english: Remembering,
}

/// A stemmer and its answers so far.
struct Remembering {
    stemmer: Stemmer,
    known: RefCell<HashMap<String, String>>,
}

impl Remembering {
    fn new(algorithm: Algorithm) -> Self {
        Self {
            stemmer: Stemmer::create(algorithm),
            known: RefCell::default(),
        }
    }

    fn stem(&self, word: &str) -> String {
        if let Some(stem) = self.known.borrow().get(word) {
            return stem.clone();
        }
        let stem = fold(&self.stemmer.stem(word));
        self.known
            .borrow_mut()
            .insert(word.to_owned(), stem.clone());
        stem
    }
}

impl Stemmers {
    fn new() -> Self {
        Self {
            serbian: Remembering::new(Algorithm::Serbian),
            english: Remembering::new(Algorithm::English),
        }
    }

    /// `word`'s stem in `language` (a tag; its primary subtag decides),
    /// folded; a word written in Cyrillic is Serbian whatever the article
    /// says (decision 0021).
    fn stem(&self, language: &str, word: &str, script: Script) -> String {
        if script == Script::Cyrillic {
            return self.serbian.stem(word);
        }
        match language.split('-').next() {
            Some("sr") => self.serbian.stem(word),
            Some("en") => self.english.stem(word),
            _ => fold(word),
        }
    }
}

/// The shard file's name: the start of its bytes' hash, so a changed shard
/// is a new, immutable file. Nothing else: the manifest, which every first
/// query fetches, lists each name beside its shard's first key, and a
/// prefix of the key in the name cost a first query 1 KB brotli at 10,000
/// articles (BENCHMARKS.md, "The engine and the manifest smaller").
fn shard_name(json: &[u8]) -> Result<Slug> {
    let hash = hex(&sha256(json));
    Slug::parse(hash.get(..12).unwrap_or(&hash))
        .map_err(|e| anyhow::anyhow!("search shard {hash}: {e}"))
}

/// Files in the shards' folder named after their bytes ([`shard_name`]):
/// shards by first key, then prefix lists by start. Two of the same bytes
/// are one file (two starts can have the same articles).
#[derive(Default)]
struct Hashed {
    files: Vec<(String, Vec<u8>)>,
    /// Each name's place in `files`.
    taken: HashMap<Slug, usize>,
}

impl Hashed {
    /// Each of `values`' file, and the manifest's list of them: key → name.
    fn add<T: serde::Serialize + Sync>(
        &mut self,
        root: &Paths,
        values: BTreeMap<String, T>,
    ) -> Result<BTreeMap<String, Slug>> {
        let values: Vec<(String, T)> = values.into_iter().collect();
        // Written and named on every core (about 1 s on one at 100,000
        // articles); taken in order.
        let named = parallel::each(parallel::cores(), &values, |(_, value)| {
            let json = serde_json::to_vec(value)?;
            Ok((shard_name(&json)?, json))
        })?;
        let mut names = BTreeMap::new();
        for ((key, _), (name, json)) in values.into_iter().zip(named) {
            match self.taken.get(&name).and_then(|at| self.files.get(*at)) {
                // Two texts of one name would be one file: never, but not silently.
                Some((_, bytes)) => {
                    anyhow::ensure!(*bytes == json, "two search files named {name}")
                }
                None => {
                    self.taken.insert(name.clone(), self.files.len());
                    self.files.push((file(root.search_shard(&name)), json));
                }
            }
            names.insert(key, name);
        }
        Ok(names)
    }
}

/// The file under the site's root that a URL of [`Paths::new("")`]
/// (`/api/v1/search/…`) names.
pub fn file(url: String) -> String {
    url.trim_start_matches('/').to_owned()
}

thread_local! {
    /// Each thread's stemmers, and the stems they have made.
    static STEMMERS: Stemmers = Stemmers::new();
}

/// The index: its files made now, as `(file, bytes)` under the site's
/// root, with the state file of what it remembers ([`remembered::FILE`]);
/// and each article's fragment, made only when its file is written.
pub struct Index<'a> {
    pub files: Vec<(String, Vec<u8>)>,
    pub fragments: Vec<ArticleFragment<'a>>,
}

/// An article's fragment file, made from the article when it is written:
/// a build no longer holds every article's fragment at once, and a
/// publish makes only the changed ones (issue 32).
pub struct ArticleFragment<'a> {
    pub file: String,
    /// The key of what it is made from: its article's document
    /// ([`fragment_key`]).
    pub key: String,
    article: &'a Article,
    cut: Cut,
}

/// A fragment's key: that of its article's document, which holds all the
/// fragment is made from. The fragment is not made to be keyed, so a
/// publish makes only the changed articles' fragments (every article's,
/// made and serialized to key it, was a fifth of a publish's time). An
/// article whose related posts changed gets its fragment written again,
/// the same bytes: a few files more, for a step less over every article.
fn fragment_key(document_key: &str, cut: Cut) -> String {
    let cut: &[u8] = match cut {
        Cut::Whole => b"search fragment",
        Cut::Lead => b"search fragment's lead",
    };
    crate::output::key(&[cut, document_key.as_bytes()])
}

impl ArticleFragment<'_> {
    pub fn json(&self) -> Result<String> {
        Ok(serde_json::to_string(&fragment_of(self.article, self.cut))?)
    }
}

/// Articles read and stemmed at a time: their words are numbered before
/// the next are read, so the strings of only so many are held at once.
const READ_AT_ONCE: usize = 1_024;

/// The index of `site`. `key` gives an article's document key; an article
/// whose key `remembered` holds is not read again.
pub fn files<'a>(
    site: &'a Model,
    key: &(dyn Fn(&Article) -> Option<String> + Sync),
    mut remembered: Remembered,
) -> Result<Index<'a>> {
    let root = Paths::new("");
    let articles = numbered(site);
    let keys: Vec<String> = articles
        .iter()
        .map(|a| key(a).with_context(|| format!("search: {} has no document", a.slug)))
        .collect::<Result<_>>()?;
    let mut builder = Builder::default();
    let mut words = Vec::with_capacity(articles.len());
    let mut fragments = Vec::with_capacity(2 * articles.len());
    for chunk in articles.chunks(READ_AT_ONCE) {
        let start = words.len();
        let keyed = keys.get(start..).unwrap_or_default();
        let these: Vec<_> = chunk
            .iter()
            .zip(keyed)
            .map(|(article, key)| (*article, remembered.take(key)))
            .collect();
        // The words of those not known, stemmed, on every core; then
        // numbered and filed in order, on one.
        let read = parallel::each(parallel::cores(), &these, |(article, known)| {
            let stemmed: Option<Vec<Stemmed>> = match known {
                Some(_) => None,
                None => Some(STEMMERS.with(|stemmers| {
                    words_of(article)
                        .into_iter()
                        .map(|w| {
                            let stem = stemmers.stem(article.language.as_str(), &w.exact, w.script);
                            (w.exact, w.fields, stem)
                        })
                        .collect()
                })),
            };
            Ok(stemmed)
        })?;
        for (((article, known), read), key) in these.into_iter().zip(read).zip(keyed) {
            let number = u32::try_from(words.len()).context("more than 2^32 articles")?;
            let these = match read {
                Some(read) => remembered.number(read)?,
                None => known.unwrap_or_default(),
            };
            remembered.add(&mut builder, number, &these);
            words.push(these);
            // Its whole fragment, and its lead for results met in its
            // headline or standfirst (a third of the bytes).
            fragments.extend([Cut::Whole, Cut::Lead].map(|cut| ArticleFragment {
                file: file(root.search_fragment(number, cut)),
                key: fragment_key(key, cut),
                article,
                cut,
            }));
        }
    }
    let kept: Vec<(&str, &[(u32, u32)])> = keys
        .iter()
        .zip(&words)
        .map(|(key, words)| (key.as_str(), words.as_slice()))
        .collect();
    let state = remembered.encode(&kept);
    drop(words);
    let shards = builder.finish();
    let ends = index::ends(&shards);
    let prefixes = index::prefix_lists(&shards);
    let mut hashed = Hashed::default();
    let shards = hashed.add(&root, shards)?;
    let prefixes = hashed.add(&root, prefixes)?;
    let mut files = hashed.files;
    let manifest = Manifest {
        version: Version1,
        articles: u32::try_from(articles.len()).context("more than 2^32 articles")?,
        shards,
        ends: Some(ends),
        prefixes,
    };
    files.push((file(root.search_index()), serde_json::to_vec(&manifest)?));
    files.push((remembered::FILE.to_owned(), state));
    Ok(Index { files, fragments })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use crate::project_root as root;
    use gazette::model::search::index::{rank, Fragment, Held, Shard};
    use gazette::model::search::Query;
    use serde_json::json;
    use std::collections::BTreeMap;

    /// A sample article rewritten: fictional people and places only.
    fn article(slug: &str, language: &str, published: &str, headline: &str, body: &str) -> Article {
        let base = content::sample(&root()).unwrap().articles.remove(0);
        let mut value = serde_json::to_value(base).unwrap();
        value["slug"] = json!(slug);
        value["language"] = json!(language);
        value["published"] = json!(published);
        value["headline"] = json!(headline);
        value["standfirst"] = json!("—");
        value["tags"] = json!([]);
        value["section"] = json!("—");
        value["body"] = json!([{ "type": "paragraph", "content": [{ "text": body }] }]);
        value.as_object_mut().unwrap().remove("updated");
        serde_json::from_value(value).unwrap()
    }

    /// The fixture: one newsroom writing in both scripts and English.
    fn site() -> Model {
        let mut site = content::sample(&root()).unwrap();
        site.articles = vec![
            article(
                "most",
                "sr-Cyrl",
                "2026-01-05T10:00:00Z",
                "Јелена Марковић отворила мост у Бреговцу",
                "Нови мост на Косову је отворен.",
            ),
            article(
                "barikade",
                "sr-Latn",
                "2026-01-03T10:00:00Z",
                "Barikade uklonjene kod Bregovca",
                "Jelena Marković je rekla da su barikade na Kosovu uklonjene. Bregovac je miran.",
            ),
            article(
                "troops",
                "en",
                "2026-01-04T10:00:00Z",
                "Troops leave the valley",
                "The last troop left Bregovac in the morning.",
            ),
            article(
                "vesti",
                "sq",
                "2026-01-02T10:00:00Z",
                "Lajme nga Kosova",
                "Mitrovicë dhe Bregovac.",
            ),
        ];
        site
    }

    /// The slugs a query finds, best first, reading the files as the app will.
    fn search(files: &BTreeMap<String, Vec<u8>>, query: &str) -> Vec<String> {
        let root = Paths::new("");
        let manifest: Manifest =
            serde_json::from_slice(&files[&file(root.search_index())]).unwrap();
        // Shards and prefix lists alike: files in the shards' folder.
        let read = |names: &BTreeMap<String, Slug>| -> BTreeMap<String, Shard> {
            names
                .iter()
                .map(|(key, name)| {
                    let shard = &files[&file(root.search_shard(name))];
                    (key.clone(), serde_json::from_slice(shard).unwrap())
                })
                .collect()
        };
        let held = Held {
            shards: read(&manifest.shards),
            prefixes: read(&manifest.prefixes),
        };
        let Some(query) = Query::parse(query) else {
            return Vec::new();
        };
        rank(&query, &held)
            .iter()
            .map(|hit| {
                let fragment = &files[&file(root.search_fragment(hit.article, hit.cut()))];
                let fragment: Fragment = serde_json::from_slice(fragment).unwrap();
                fragment.slug.to_string()
            })
            .collect()
    }

    fn built() -> BTreeMap<String, Vec<u8>> {
        fresh(&site())
    }

    /// Every file of `site`'s index, every article read.
    fn fresh(site: &Model) -> BTreeMap<String, Vec<u8>> {
        every_file(files(site, &document_key, Remembered::default()).unwrap())
    }

    /// The index's files, its fragments made.
    fn every_file(index: Index) -> BTreeMap<String, Vec<u8>> {
        let fragments = index
            .fragments
            .iter()
            .map(|f| (f.file.clone(), f.json().unwrap().into_bytes()));
        index.files.into_iter().chain(fragments).collect()
    }

    /// An article's document key, as the plan gives it.
    fn document_key(article: &Article) -> Option<String> {
        Some(
            crate::plan::document(crate::plan::Shows::Article(article))
                .ok()?
                .key
                .to_string(),
        )
    }

    /// `site`'s index, the words remembered from `before`'s files.
    fn remembering(site: &Model, before: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
        let remembered = Remembered::decode(&before[remembered::FILE]).unwrap();
        every_file(files(site, &document_key, remembered).unwrap())
    }

    #[test]
    fn words_remembered_from_the_build_before_make_what_reading_every_article_makes() {
        let site = site();
        let before = fresh(&site);
        assert_eq!(remembering(&site, &before), before);
        // An article edited (new words, words gone), one added (the
        // newest, and one in the middle of the numbering), one deleted:
        // each alone and all at once, the same files as a full read.
        let edit = |site: &mut Model| {
            let mut value = serde_json::to_value(&site.articles[1]).unwrap();
            value["headline"] = json!("Barikade vraćene kod Bregovca");
            value["body"] =
                json!([{ "type": "paragraph", "content": [{ "text": "Nova reč: skela." }] }]);
            site.articles[1] = serde_json::from_value(value).unwrap();
        };
        let add = |site: &mut Model| {
            site.articles.push(article(
                "skela",
                "sr-Latn",
                "2026-01-09T10:00:00Z",
                "Skela na reci kod Bregovca",
                "Skela vozi od jutra. Most je zatvoren.",
            ));
            site.articles.push(article(
                "stara",
                "en",
                "2025-12-01T10:00:00Z",
                "An older ferry story",
                "The ferry crossed the river.",
            ));
        };
        let delete = |site: &mut Model| drop(site.articles.remove(0));
        let changes: [&dyn Fn(&mut Model); 3] = [&edit, &add, &delete];
        for (n, change) in changes.iter().enumerate() {
            let mut changed = self::site();
            change(&mut changed);
            assert_eq!(
                remembering(&changed, &before),
                fresh(&changed),
                "change {n}"
            );
        }
        let mut changed = self::site();
        for change in changes {
            change(&mut changed);
        }
        let after = remembering(&changed, &before);
        assert_eq!(after, fresh(&changed));
        // And the state it leaves serves the next publish as well.
        assert_eq!(remembering(&changed, &after), after);
        assert_eq!(search(&after, "skela"), ["skela", "barikade"]);
    }

    /// A publish writes a fragment when its key changed: the key follows
    /// the fragment's bytes, without the fragment being made to key it.
    #[test]
    fn a_fragments_key_changes_whenever_its_bytes_do() {
        let keyed = |site: &Model| -> BTreeMap<String, (String, Vec<u8>)> {
            let index = files(site, &document_key, Remembered::default()).unwrap();
            let made = |f: &ArticleFragment| (f.key.clone(), f.json().unwrap().into_bytes());
            index
                .fragments
                .iter()
                .map(|f| (f.file.clone(), made(f)))
                .collect()
        };
        let before = keyed(&site());
        let edits = [
            ("headline", json!("Barikade vraćene kod Bregovca")),
            ("standfirst", json!("Kratko.")),
            ("section", json!("Drugo")),
            ("tags", json!([{ "slug": "skela", "name": "Skela" }])),
            (
                "body",
                json!([{ "type": "paragraph", "content": [{ "text": "Skela." }] }]),
            ),
        ];
        for (field, value) in edits {
            let mut site = site();
            let mut edited = serde_json::to_value(&site.articles[1]).unwrap();
            edited[field] = value;
            site.articles[1] = serde_json::from_value(edited).unwrap();
            let after = keyed(&site);
            assert_eq!(after.len(), before.len());
            for (file, (key, bytes)) in &after {
                let (was_key, was_bytes) = &before[file];
                if bytes != was_bytes {
                    assert_ne!(key, was_key, "{field}: {file}");
                }
            }
            // The edited article's fragment and lead alone are written
            // again (with the same bytes if its tags were all that changed).
            let rewritten: Vec<&String> = after
                .iter()
                .filter(|(file, (key, _))| before[*file].0 != *key)
                .map(|(file, _)| file)
                .collect();
            assert_eq!(
                rewritten,
                [
                    "api/v1/search/articles/1.json",
                    "api/v1/search/leads/1.json"
                ],
                "{field}"
            );
        }
    }

    #[test]
    fn a_remembered_file_that_does_not_read_is_nothing_remembered() {
        let before = built();
        let good = &before[remembered::FILE];
        assert!(Remembered::decode(good).is_some());
        // Cut anywhere, or any byte changed to one that breaks it: never a
        // panic; a cut file never reads.
        for cut in 0..good.len() {
            assert!(Remembered::decode(&good[..cut]).is_none(), "cut at {cut}");
        }
        for at in 0..good.len() {
            for byte in [0x00, 0x7f, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[at] = byte;
                let _ = Remembered::decode(&bad);
            }
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(Remembered::decode(&longer).is_none());
        assert!(Remembered::decode(b"gazette search words 2\n").is_none());
        // A count far past the file's end allocates nothing.
        let mut lying = b"gazette search words 1\n".to_vec();
        lying.extend([0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(Remembered::decode(&lying).is_none());
    }

    #[test]
    fn one_name_in_either_script_finds_both_articles() {
        let files = built();
        for query in ["Марковић", "Marković", "Markovic", "markovic", "MARKOVIĆ"] {
            assert_eq!(search(&files, query), ["most", "barikade"], "{query}");
        }
        for query in ["Бреговац", "Bregovac", "bregovac"] {
            let mut found = search(&files, query);
            found.sort();
            assert_eq!(found, ["barikade", "most", "troops", "vesti"], "{query}");
        }
    }

    #[test]
    fn inflected_forms_meet_through_the_build_time_stemmers() {
        let files = built();
        // Serbian: Kosovo, Kosova, Kosovu, Kosovom, in either script.
        for query in ["Kosovo", "Kosova", "Kosovu", "Kosovom", "Косовом"] {
            let found = search(&files, query);
            assert!(
                found.contains(&"most".to_owned()) && found.contains(&"barikade".to_owned()),
                "{query}: {found:?}"
            );
        }
        // English: troop and troops.
        assert_eq!(search(&files, "troops"), ["troops"]);
        assert_eq!(search(&files, "troop"), ["troops"]);
        // Serbian plural and singular: barikade, barikada.
        assert_eq!(search(&files, "barikada"), ["barikade"]);
        // Albanian has no stemmer: its words stand for themselves, folded.
        assert_eq!(search(&files, "mitrovice"), ["vesti"]);
    }

    #[test]
    fn a_word_written_in_cyrillic_is_stemmed_as_serbian_whatever_the_article_says() {
        // WordPress gives every post the site's language: here a Cyrillic
        // post labelled English, and an English one quoting Cyrillic.
        let mut site = site();
        site.articles = vec![
            article(
                "sabor",
                "en",
                "2026-01-06T10:00:00Z",
                "Скупштина у Бреговцу",
                "Говорили су о мостовима и барикадама.",
            ),
            article(
                "quote",
                "en",
                "2026-01-07T10:00:00Z",
                "A word from the valley",
                "Residents call the crossings „прелазима“ in their letters.",
            ),
            site.articles.remove(2),
        ];
        let files = fresh(&site);
        for (query, slug) in [
            ("mostova", "sabor"),
            ("мостова", "sabor"),
            ("barikade", "sabor"),
            ("Барикада", "sabor"),
            ("prelazi", "quote"),
        ] {
            assert_eq!(search(&files, query), [slug], "{query}");
        }
        // A word in Latin in an English article is still English.
        assert_eq!(search(&files, "troop"), ["troops"]);
    }

    #[test]
    fn articles_are_numbered_oldest_first_and_fragments_say_what_to_show() {
        let site = site();
        let order: Vec<&str> = numbered(&site).iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(order, ["vesti", "barikade", "troops", "most"]);
        let files = built();
        let fragment: Fragment =
            serde_json::from_slice(&files["api/v1/search/articles/3.json"]).unwrap();
        assert_eq!(fragment.slug.as_str(), "most");
        assert_eq!(fragment.text, "— Нови мост на Косову је отворен.");
        // A short text: its lead is all of it.
        assert_eq!(
            files["api/v1/search/leads/3.json"],
            files["api/v1/search/articles/3.json"]
        );
        // Same content, same bytes; every shard named by its bytes.
        assert_eq!(built(), files);
        let manifest: Manifest =
            serde_json::from_slice(&files["api/v1/search/index.json"]).unwrap();
        assert_eq!(manifest.articles, 4);
        for name in manifest.shards.values() {
            let bytes = &files[&format!("api/v1/search/shards/{name}.json")];
            assert_eq!(shard_name(bytes).unwrap(), *name);
        }
        assert_eq!(files.len(), 2 * 4 + manifest.shards.len() + 2);
    }

    #[test]
    fn files_of_one_name_are_one_file_unless_their_bytes_differ() {
        let shard = Shard {
            version: Version1,
            words: BTreeMap::new(),
        };
        let root = Paths::new("");
        let one: BTreeMap<String, Shard> = [("ko".to_owned(), shard.clone())].into();
        let mut hashed = Hashed::default();
        let names = hashed.add(&root, one.clone()).unwrap();
        assert_eq!(hashed.files.len(), 1);
        assert_eq!(names.len(), 1);
        // The same bytes twice: one file, named twice.
        let twins = [("ko".to_owned(), shard.clone()), ("vi".to_owned(), shard)].into();
        let mut both = Hashed::default();
        let names = both.add(&root, twins).unwrap();
        assert_eq!(both.files.len(), 1);
        assert_eq!(names["ko"], names["vi"]);
        assert_eq!(hashed.add(&root, one).unwrap()["ko"], names["ko"]);
        assert_eq!(hashed.files.len(), 1);
        // Other bytes under a name taken (a hash's collision): the build fails.
        let (file, _) = hashed.files[0].clone();
        hashed.files[0] = (file, b"other".to_vec());
        let again: BTreeMap<String, Shard> = [("ko".to_owned(), Shard::default())].into();
        let failed = hashed.add(&root, again).unwrap_err().to_string();
        assert!(failed.contains("two search files named"), "{failed}");
    }

    #[test]
    fn shard_names_follow_their_bytes_alone() {
        let name = shard_name(b"{}").unwrap();
        assert_eq!(name.as_str().len(), 12, "{name}");
        assert!(name.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(shard_name(b"{}").unwrap(), name);
        assert_ne!(shard_name(b"1").unwrap(), shard_name(b"2").unwrap());
    }
}
