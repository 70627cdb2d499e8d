//! The search engine a reader's browser runs, off the page's thread (the
//! `search-worker` crate hosts it in a Web Worker, so none of it is in the
//! app's own code). It never fetches: each [`Ask`] brings the files it
//! asked for last, and each [`Reply`] asks for more, or answers. Three
//! rounds at most for a first query (the manifest, the shards its words
//! fall in, the fragments of the results shown); files are kept for the
//! next query. The app does the fetching (`src/search.rs`), with its
//! timeouts, size caps and retries.

use super::index::{matched_words, rank, Cut, Fragment, Held, Hit, Manifest};
use super::json;
use super::snippet::{snippet, Part};
use super::Query;
use crate::paths::Paths;
use crate::{NonEmpty, Slug, Timestamp};
#[cfg(test)]
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// From the app: a query, and the files the last [`Reply::Need`] named.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct Ask {
    /// The API root the app fetches from ([`Paths::api`]).
    pub api: String,
    /// What the reader typed.
    pub query: String,
    /// How many results to show.
    pub count: usize,
    /// Each file asked for: its URL and its text, or `None` when the
    /// server has no such file (404).
    pub files: Vec<(String, Option<String>)>,
}

/// To the app.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub enum Reply {
    /// Fetch these (in parallel) and ask again.
    Need(Vec<String>),
    Done(Results),
    Failed(Failure),
}

/// Why search cannot answer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub enum Failure {
    /// A file is not an index file of this version (the reason says why).
    Malformed(String),
    /// A file stops in the middle.
    Truncated,
    /// A file the index names is gone, even after reading the index again.
    Missing,
}

/// What a query found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct Results {
    /// Articles found.
    pub total: usize,
    /// The first of them, best first.
    pub shown: Vec<Found>,
}

/// One result, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct Found {
    pub slug: Slug,
    pub headline: NonEmpty,
    pub section: NonEmpty,
    pub published: Timestamp,
    pub snippet: Vec<Part>,
}

/// A file the engine asked for.
#[derive(Clone, Debug)]
enum Asked {
    Manifest,
    Shard { first: String, file: Slug },
    Prefix(String),
    Fragment(u32, Cut),
}

/// The files read so far, for the manifest they came with.
#[derive(Default)]
pub struct Engine {
    manifest: Option<Manifest>,
    /// Shards by first word and prefix lists by start (as [`rank`] reads
    /// them), and the shards' files.
    held: Held,
    files: BTreeMap<String, Slug>,
    /// Each article's fragment read, and how much of it.
    fragments: HashMap<u32, (Cut, Fragment)>,
    /// What each URL asked for is: only those files are read.
    asked: HashMap<String, Asked>,
    /// The manifest was read again for a file gone missing (a publish
    /// replaced the index): a second miss is a failure, not a loop.
    reread: bool,
    /// The last query ranked and its hits, until an index file is read:
    /// the step that reads its fragments, and "more", rank it no more.
    ranked: Option<(Query, Vec<Hit>)>,
    /// How many times a query was ranked (the tests' view of the above).
    #[cfg(test)]
    rankings: usize,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// The next step for `ask`.
    pub fn answer(&mut self, ask: Ask) -> Reply {
        let paths = Paths::new("/").with_api(&ask.api);
        match self.read(ask.files) {
            Err(failure) => Reply::Failed(failure),
            Ok(()) => self.step(&paths, &ask.query, ask.count),
        }
    }

    fn read(&mut self, files: Vec<(String, Option<String>)>) -> Result<(), Failure> {
        for (url, text) in files {
            let Some(asked) = self.asked.remove(&url) else {
                continue; // not asked for: not read
            };
            let Some(text) = text else {
                // A file the manifest named is gone: a publish replaced the
                // index. Read the manifest again, once.
                if matches!(asked, Asked::Manifest) || self.reread {
                    return Err(Failure::Missing);
                }
                self.manifest = None;
                self.reread = true;
                continue;
            };
            if !matches!(asked, Asked::Fragment(..)) {
                self.ranked = None;
            }
            match asked {
                Asked::Manifest => {
                    let manifest = json::manifest(&text)?;
                    // Keep the shards it still names; a publish may
                    // renumber articles, so the fragments go, and the
                    // prefix lists (small, and cached by the browser
                    // under their unchanging names if still named).
                    let Self {
                        held,
                        files,
                        fragments,
                        ..
                    } = self;
                    files.retain(|first, file| manifest.shards.get(first) == Some(file));
                    held.shards.retain(|first, _| files.contains_key(first));
                    held.prefixes.clear();
                    fragments.clear();
                    self.manifest = Some(manifest);
                }
                Asked::Shard { first, file } => {
                    self.held.shards.insert(first.clone(), json::shard(&text)?);
                    self.files.insert(first, file);
                }
                Asked::Prefix(start) => {
                    self.held.prefixes.insert(start, json::shard(&text)?);
                }
                Asked::Fragment(n, cut) => {
                    self.fragments.insert(n, (cut, json::fragment(&text)?));
                }
            }
        }
        Ok(())
    }

    /// Asks for `wanted` (URLs and what each is).
    fn need(&mut self, wanted: Vec<(String, Asked)>) -> Reply {
        let urls = wanted.iter().map(|(url, _)| url.clone()).collect();
        self.asked.extend(wanted);
        Reply::Need(urls)
    }

    fn step(&mut self, paths: &Paths, typed: &str, count: usize) -> Reply {
        let Some(manifest) = &self.manifest else {
            return self.need(vec![(paths.search_index(), Asked::Manifest)]);
        };
        let Some(query) = Query::parse(typed) else {
            return Reply::Done(Results {
                total: 0,
                shown: Vec::new(),
            });
        };
        let mut wanted: Vec<(String, Asked)> = query
            .words()
            .iter()
            .flat_map(|word| manifest.shards_for_word(&word.folded))
            .filter(|(first, file)| self.files.get(*first) != Some(*file))
            .map(|(first, file)| {
                let shard = Asked::Shard {
                    first: first.clone(),
                    file: file.clone(),
                };
                (paths.search_shard(file), shard)
            })
            .collect();
        // A start's prefix list, a file in the shards' folder.
        wanted.extend(
            query
                .words()
                .iter()
                .filter_map(|word| manifest.prefixes.get_key_value(&word.folded))
                .filter(|(start, _)| !self.held.prefixes.contains_key(*start))
                .map(|(start, file)| (paths.search_shard(file), Asked::Prefix(start.clone()))),
        );
        wanted.sort_by(|a, b| a.0.cmp(&b.0));
        wanted.dedup_by(|a, b| a.0 == b.0);
        if !wanted.is_empty() {
            return self.need(wanted);
        }
        let hits = match self.ranked.take() {
            Some((ranked, hits)) if ranked == query => hits,
            _ => {
                #[cfg(test)]
                {
                    self.rankings += 1;
                }
                // A number past the manifest's count is not an article of this index.
                let mut hits = rank(&query, &self.held);
                hits.retain(|hit| hit.article < manifest.articles);
                hits
            }
        };
        let (query, hits) = self.ranked.insert((query, hits));
        let shown = hits.iter().take(count);
        // A whole fragment held serves a lead's needs too.
        let held = |n: &u32, cut: Cut| {
            self.fragments
                .get(n)
                .is_some_and(|(has, _)| *has == cut || *has == Cut::Whole)
        };
        let wanted: Vec<(String, Asked)> = shown
            .clone()
            .filter(|hit| !held(&hit.article, hit.cut()))
            .map(|hit| {
                let (n, cut) = (hit.article, hit.cut());
                (paths.search_fragment(n, cut), Asked::Fragment(n, cut))
            })
            .collect();
        if !wanted.is_empty() {
            return self.need(wanted);
        }
        let matched = matched_words(query, &self.held);
        let shown = shown
            .filter_map(|hit| Some((hit, &self.fragments.get(&hit.article)?.1)))
            .map(|(hit, f)| Found {
                slug: f.slug.clone(),
                headline: f.headline.clone(),
                section: f.section.clone(),
                published: f.published.clone(),
                snippet: snippet(&f.text, &matched, hit.window()),
            })
            .collect();
        self.reread = false;
        Reply::Done(Results {
            total: hits.len(),
            shown,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code
mod tests {
    use super::super::build::Builder;
    use super::super::index::field::{BODY, HEADLINE};
    use super::super::index::{prefix_lists_past, PREFIX_LIST_PAST, SHARD_NUMBERS};
    use super::*;
    use crate::Version1;

    const API: &str = "/news/api/v1";

    /// The files of an index of `articles` (headline, body), as the
    /// build names them: URL → text.
    fn site(articles: &[(&str, &str)]) -> HashMap<String, String> {
        site_in(articles, SHARD_NUMBERS, PREFIX_LIST_PAST)
    }

    /// [`site`], shards closed at `numbers`, prefix lists made for starts
    /// filling `past` shards past their own.
    fn site_in(articles: &[(&str, &str)], numbers: usize, past: usize) -> HashMap<String, String> {
        let paths = Paths::new("/news");
        let mut builder = Builder::default();
        let mut files = HashMap::new();
        for (n, (headline, body)) in articles.iter().enumerate() {
            builder.add(n as u32, HEADLINE, headline, &|w, _| crate::fold::fold(w));
            builder.add(n as u32, BODY, body, &|w, _| crate::fold::fold(w));
            let fragment = Fragment {
                version: Version1,
                slug: Slug::parse(&format!("a-{n}")).unwrap(),
                headline: NonEmpty::try_from(headline.to_string()).unwrap(),
                section: NonEmpty::try_from("News".to_string()).unwrap(),
                published: Timestamp::parse("2023-01-20T09:00:00+01:00").unwrap(),
                text: body.to_string(),
            };
            let lead = Fragment {
                text: super::super::snippet::lead(body, 0).to_owned(),
                ..fragment.clone()
            };
            for (cut, fragment) in [(Cut::Whole, fragment), (Cut::Lead, lead)] {
                files.insert(
                    paths.search_fragment(n as u32, cut),
                    serde_json::to_string(&fragment).unwrap(),
                );
            }
        }
        let built = builder.finish_every(numbers);
        let ends = Some(super::super::index::ends(&built));
        let mut prefixes = BTreeMap::new();
        for (start, list) in prefix_lists_past(&built, past) {
            let name = Slug::parse(&format!("p-{start}")).unwrap();
            files.insert(
                paths.search_shard(&name),
                serde_json::to_string(&list).unwrap(),
            );
            prefixes.insert(start, name);
        }
        let mut shards = BTreeMap::new();
        for (i, (first, shard)) in built.into_iter().enumerate() {
            let name = Slug::parse(&format!("s-{i}")).unwrap();
            files.insert(
                paths.search_shard(&name),
                serde_json::to_string(&shard).unwrap(),
            );
            shards.insert(first, name);
        }
        let manifest = Manifest {
            version: Version1,
            articles: articles.len() as u32,
            shards,
            ends,
            prefixes,
        };
        files.insert(
            paths.search_index(),
            serde_json::to_string(&manifest).unwrap(),
        );
        files
    }

    /// Runs `query` to its end as the app does; the reply and the rounds
    /// of files it took.
    fn run(
        engine: &mut Engine,
        files: &HashMap<String, String>,
        query: &str,
    ) -> (Reply, Vec<Vec<String>>) {
        run_serving(engine, query, 5, |_| files)
    }

    /// [`run`] in at most `max_rounds` rounds, each round's files served
    /// from the site `site` picks for that round's URLs (a publish landing
    /// mid-query).
    fn run_serving<'a>(
        engine: &mut Engine,
        query: &str,
        max_rounds: usize,
        mut site: impl FnMut(&[String]) -> &'a HashMap<String, String>,
    ) -> (Reply, Vec<Vec<String>>) {
        let mut rounds = Vec::new();
        let mut given = Vec::new();
        loop {
            let ask = Ask {
                api: API.into(),
                query: query.into(),
                count: 10,
                files: given,
            };
            match engine.answer(ask) {
                Reply::Need(urls) => {
                    assert!(rounds.len() < max_rounds, "{rounds:?}");
                    let files = site(&urls);
                    given = urls
                        .iter()
                        .map(|u| (u.clone(), files.get(u).cloned()))
                        .collect();
                    rounds.push(urls);
                }
                done => return (done, rounds),
            }
        }
    }

    fn headlines(reply: &Reply) -> Vec<String> {
        match reply {
            Reply::Done(r) => r.shown.iter().map(|f| f.headline.to_string()).collect(),
            other => panic!("{other:?}"),
        }
    }

    const ARTICLES: [(&str, &str); 3] = [
        ("Марковић у Бреговцу", "Посета је трајала дан."),
        (
            "Barricades removed",
            "Jelena Marković said the barricades came down.",
        ),
        ("Weather", "Rain in Bregovac."),
    ];

    #[test]
    fn a_first_query_takes_three_rounds_and_the_next_only_what_is_new() {
        let files = site(&ARTICLES);
        let mut engine = Engine::new();
        let (reply, rounds) = run(&mut engine, &files, "markovic");
        // The headline's match first.
        assert_eq!(
            headlines(&reply),
            ["Марковић у Бреговцу", "Barricades removed"]
        );
        assert_eq!(rounds.len(), 3, "{rounds:?}");
        assert_eq!(rounds[0], [format!("{API}/search/index.json")]);
        assert!(rounds[1]
            .iter()
            .all(|u| u.starts_with(&format!("{API}/search/shards/"))));
        assert_eq!(rounds[2].len(), 2);
        // The same words again: nothing to fetch.
        let (again, rounds) = run(&mut engine, &files, "Марковић");
        assert_eq!(headlines(&again), headlines(&reply));
        assert_eq!(rounds, Vec::<Vec<String>>::new());
        if let Reply::Done(results) = again {
            assert_eq!(results.total, 2);
            assert!(results.shown[1]
                .snippet
                .iter()
                .any(|p| p.marked && p.text == "Marković"));
        }
        // Nothing to look for: no results, and no file.
        let (none, rounds) = run(&mut engine, &files, "  —  ");
        assert_eq!(
            none,
            Reply::Done(Results {
                total: 0,
                shown: Vec::new()
            })
        );
        assert!(rounds.is_empty());
        let (long, _) = run(&mut engine, &files, &"bregovac ".repeat(2_000));
        assert_eq!(headlines(&long), ["Weather"]);
    }

    #[test]
    fn three_letters_fetch_their_prefix_list_and_their_own_shard_and_find_the_same() {
        // Many words of "bre", a shard or so each.
        let articles: Vec<(String, String)> = (0..24)
            .map(|n| {
                let word = format!("bre{}", char::from(b'a' + n as u8));
                (format!("Rain {n}"), format!("{word} {word}s and bre"))
            })
            .collect();
        let articles: Vec<(&str, &str)> = articles
            .iter()
            .map(|(h, b)| (h.as_str(), b.as_str()))
            .collect();
        let with_lists = site_in(&articles, 4, 1);
        let without = site_in(&articles, 4, usize::MAX);
        let lists = |files: &HashMap<String, String>| -> Vec<String> {
            let mut names: Vec<String> = files
                .keys()
                .filter_map(|u| u.split("/p-").nth(1).map(str::to_owned))
                .collect();
            names.sort();
            names
        };
        assert_eq!(lists(&with_lists), ["bre.json", "rai.json"]);
        assert_eq!(lists(&without), Vec::<String>::new());
        let mut engine = Engine::new();
        let (reply, rounds) = run(&mut engine, &with_lists, "Bre");
        assert_eq!(rounds.len(), 3, "{rounds:?}");
        assert_eq!(rounds[1].len(), 2, "its shard and its list: {rounds:?}");
        assert!(rounds[1].iter().any(|u| u.ends_with("/p-bre.json")));
        let (every, every_rounds) = run(&mut Engine::new(), &without, "Bre");
        assert!(every_rounds[1].len() > 5, "{every_rounds:?}");
        assert_eq!(reply, every, "the same results, ranked and marked alike");
        // Typed on: its own shards, the list kept.
        let (_, rounds) = run(&mut engine, &with_lists, "Bre bref");
        assert!(
            rounds.iter().flatten().all(|u| !u.contains("/p-")),
            "{rounds:?}"
        );
        // A list gone (a publish): the manifest read again, then found.
        let mut engine = Engine::new();
        let _ = run(&mut engine, &with_lists, "—");
        let renamed: HashMap<String, String> = with_lists
            .iter()
            .map(|(u, t)| (u.replace("/p-", "/q-"), t.replace("\"p-", "\"q-")))
            .collect();
        let (again, rounds) = run(&mut engine, &renamed, "bre");
        assert_eq!(again, every);
        assert!(rounds.iter().flatten().any(|u| u.ends_with("/q-bre.json")));
    }

    #[test]
    fn a_result_reads_its_lead_unless_its_words_are_in_the_body_alone() {
        let rain = "Rain fell all day. ".repeat(30);
        let late = format!("{rain} Zorvan came late.");
        let again = format!("{rain} Kalomi again.");
        let files = site(&[
            ("Zorvan report", &rain),
            ("Weather", &late),
            ("Kalomi note", &again),
        ]);
        // The same site with every lead as long as its whole fragment.
        let whole: HashMap<String, String> = files
            .iter()
            .map(|(url, text)| match url.replace("/leads/", "/articles/") {
                whole if whole != *url => (url.clone(), files[&whole].clone()),
                _ => (url.clone(), text.clone()),
            })
            .collect();
        assert!(files[&format!("{API}/search/leads/0.json")].len() < 600);
        let mut engine = Engine::new();
        let mut fetched = |query: &str| {
            let (reply, rounds) = run(&mut engine, &files, query);
            assert_eq!(reply, run(&mut Engine::new(), &whole, query).0, "{query}");
            let mut urls: Vec<String> = rounds
                .concat()
                .into_iter()
                .filter_map(|u| u.strip_prefix(&format!("{API}/search/")).map(str::to_owned))
                .filter(|u| !u.starts_with("shards/") && u != "index.json")
                .collect();
            urls.sort();
            urls
        };
        // Met in a headline: the lead; in the body alone: the whole.
        assert_eq!(fetched("zorvan"), ["articles/1.json", "leads/0.json"]);
        assert_eq!(fetched("report weather"), Vec::<String>::new());
        // Met in a headline and the body: the lead too.
        assert_eq!(fetched("kalomi"), ["leads/2.json"]);
        assert_eq!(fetched("rain"), ["articles/0.json", "articles/2.json"]);
        // The whole serves what the lead would.
        assert_eq!(fetched("report"), Vec::<String>::new());
    }

    /// A result found by its headline shows its text from the start (the
    /// standfirst), whether its lead or its whole fragment is held; found
    /// by its body alone, the body where a word is met.
    #[test]
    fn a_result_found_by_its_headline_shows_its_standfirst() {
        let rain = "Rain fell all day. ".repeat(30);
        let files = site(&[
            ("Kalomi note", &format!("{rain} Kalomi again.")),
            ("Weather", &format!("{rain} Kalomi late.")),
        ]);
        let snippets = |reply: &Reply| match reply {
            Reply::Done(r) => r
                .shown
                .iter()
                .map(|f| {
                    f.snippet
                        .iter()
                        .map(|p| p.text.as_str())
                        .collect::<String>()
                })
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        let mut engine = Engine::new();
        // "rain" holds both whole; "kalomi" then reads nothing more.
        for query in ["kalomi", "rain", "kalomi"] {
            let (reply, _) = run(&mut engine, &files, query);
            if query == "kalomi" {
                let shown = snippets(&reply);
                assert!(shown[0].starts_with("Rain fell all day."), "{shown:?}");
                assert!(!shown[0].contains("Kalomi"), "{shown:?}");
                assert!(
                    shown[1].starts_with('…') && shown[1].contains("Kalomi late"),
                    "{shown:?}"
                );
            }
        }
        // Two words, one met in the body alone: the body, where it is.
        let files = site(&[("Kalomi news", &format!("{rain} Zorvan came."))]);
        let (reply, rounds) = run(&mut Engine::new(), &files, "kalomi zorvan");
        let shown = snippets(&reply);
        assert!(shown[0].contains("Zorvan came"), "{shown:?}");
        assert!(
            rounds
                .concat()
                .iter()
                .any(|u| u.ends_with("/articles/0.json")),
            "{rounds:?}"
        );
    }

    #[test]
    fn an_article_number_past_the_manifests_count_is_not_shown() {
        let mut files = site(&ARTICLES);
        let index = format!("{API}/search/index.json");
        let counted = files[&index].replace("\"articles\":3", "\"articles\":1");
        assert_ne!(counted, files[&index]);
        files.insert(index, counted);
        let (reply, rounds) = run(&mut Engine::new(), &files, "markovic");
        // Article 1 ("Barricades removed") is number 1 of a count of 1:
        // neither shown nor fetched.
        assert_eq!(headlines(&reply), ["Марковић у Бреговцу"]);
        assert!(
            rounds.concat().iter().all(|u| !u.ends_with("/1.json")),
            "{rounds:?}"
        );
    }

    #[test]
    fn a_file_gone_is_read_as_a_new_index_once_then_as_a_failure() {
        let files = site(&ARTICLES);
        // The manifest read (a query of no words needs nothing more)...
        let mut engine = Engine::new();
        assert_eq!(run(&mut engine, &files, "—").1.len(), 1);
        // ...then a publish: the shards are renamed, the old ones gone.
        let newer = site(&[
            ARTICLES[0],
            ARTICLES[1],
            ARTICLES[2],
            ("Rain again", "More rain."),
        ]);
        let renamed: HashMap<String, String> = newer
            .into_iter()
            .map(|(url, text)| (url.replace("/s-", "/t-"), text.replace("\"s-", "\"t-")))
            .collect();
        let (reply, rounds) = run(&mut engine, &renamed, "barricades rain");
        // Each has one of the words; headlines first, the newer first.
        assert_eq!(
            headlines(&reply),
            ["Rain again", "Barricades removed", "Weather"]
        );
        assert!(
            rounds
                .iter()
                .any(|r| r == &[format!("{API}/search/index.json")]),
            "{rounds:?}"
        );
        // Gone after reading the manifest again: a failure, not a loop.
        let mut engine = Engine::new();
        let mut broken = files.clone();
        broken.retain(|url, _| !url.contains("/shards/"));
        assert_eq!(
            run(&mut engine, &broken, "rain").0,
            Reply::Failed(Failure::Missing)
        );
        let mut no_index = files.clone();
        no_index.retain(|url, _| !url.ends_with("index.json"));
        assert_eq!(
            run(&mut Engine::new(), &no_index, "rain").0,
            Reply::Failed(Failure::Missing)
        );
    }

    /// A query is ranked once for its fragments' step and for "more", and
    /// again once any index file is read: a publish between its steps
    /// (its fragment gone, so the manifest and shards read again) ranks
    /// it in the new index.
    #[test]
    fn a_ranking_is_kept_until_an_index_file_is_read() {
        let old = site(&[
            ("Sun", "Sun."),
            ("Cloud", "Cloud."),
            ("Rain report", "Rain."),
        ]);
        let new: HashMap<String, String> = site(&[("Sun", "Sun."), ("Rain again", "More rain.")])
            .into_iter()
            .map(|(url, text)| (url.replace("/s-", "/t-"), text.replace("\"s-", "\"t-")))
            .collect();
        let mut engine = Engine::new();
        let mut published = false;
        // Six rounds, as the app allows (`src/search.rs`): the manifest,
        // shards and fragments, then the manifest and shards again.
        let (reply, _) = run_serving(&mut engine, "rain", 6, |urls| {
            // The publish lands as the fragments are asked for.
            published |= urls.iter().any(|u| u.contains("/leads/"));
            if published {
                &new
            } else {
                &old
            }
        });
        assert!(published);
        assert_eq!(headlines(&reply), ["Rain again"]);
        // "More" ranks nothing again, and reads nothing.
        let rankings = engine.rankings;
        let (more, rounds) = run(&mut engine, &new, "rain");
        assert_eq!((more, rounds.len()), (reply, 0));
        assert_eq!(engine.rankings, rankings);
        // A query is ranked once from its shards to its results; another
        // query is ranked anew.
        let mut engine = Engine::new();
        for (query, rankings) in [("rain", 1), ("rain", 1), ("sun", 2), ("rain", 3)] {
            run(&mut engine, &new, query);
            assert_eq!(engine.rankings, rankings, "{query}");
        }
    }

    #[test]
    fn a_file_cut_short_or_tampered_with_is_a_failure_and_the_engine_recovers() {
        let files = site(&ARTICLES);
        let index = format!("{API}/search/index.json");
        for (text, failure) in [
            (files[&index][..20].to_owned(), Failure::Truncated),
            (
                "{\"version\":2,\"articles\":1,\"shards\":{}}".to_owned(),
                Failure::Malformed(String::new()),
            ),
            (
                "{\"version\":1,\"articles\":-1,\"shards\":{\"a\":\"../x\"}}".to_owned(),
                Failure::Malformed(String::new()),
            ),
            (
                "<h1>Oops</h1>".to_owned(),
                Failure::Malformed(String::new()),
            ),
        ] {
            let mut tampered = files.clone();
            tampered.insert(index.clone(), text.clone());
            let mut engine = Engine::new();
            let (reply, _) = run(&mut engine, &tampered, "rain");
            match (&reply, &failure) {
                (Reply::Failed(Failure::Malformed(_)), Failure::Malformed(_)) => {}
                _ => assert_eq!(reply, Reply::Failed(failure), "{text}"),
            }
            // The next query asks for the manifest again, and succeeds.
            assert_eq!(headlines(&run(&mut engine, &files, "rain").0), ["Weather"]);
        }
        // A file not asked for is not read.
        let mut engine = Engine::new();
        let ask = Ask {
            api: API.into(),
            query: "rain".into(),
            count: 10,
            files: vec![(index.clone(), Some("garbage".into()))],
        };
        assert_eq!(engine.answer(ask), Reply::Need(vec![index]));
    }
}
