//! `cargo run --release -p xtask -- bench-site <n>`: the site step at scale.
//! Writes `n` synthetic articles made from the samples' shapes (varied
//! lengths, tags drawn from 300) to `target/bench/content-<n>/`, builds the
//! site from them into `target/bench/site-<n>/` with the release build's
//! template (`dist/`, so run `trunk build --release --offline` first), and
//! prints the time of each phase, pages per second, peak memory and output
//! size. A benchmark, not a test: it prints figures and asserts nothing.

use crate::{build, config, output};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::fs;
use std::path::Path;
use std::time::Instant;

const TAGS: usize = 300;
/// Sections and writers of the synthetic articles.
const SECTIONS: usize = 12;
const WRITERS: usize = 300;

/// How much of the benchmark runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// Everything, the compression cache as the last run left it.
    Warm,
    /// Everything, the compression cache emptied first.
    Cold,
    /// Only the publishes, on the site and articles the last run left
    /// (to time or profile a publish alone).
    Publishes,
}

pub fn run(root: &Path, n: usize, run: Run) -> Result<String> {
    let bench = root.join("target").join("bench");
    let articles = bench.join(format!("content-{n}"));
    let out = bench.join(format!("site-{n}"));
    let config = config::Config::load(&root.join("gazette.toml"))?;
    let settings = build::Settings {
        paths: config.paths("/")?,
        origin: config.origin.to_string(),
        compress: true,
        site: config.identity(),
        // The configuration's theme, as a real build has it (and as a
        // publish of this site from the command line reads it).
        theme_css: config.theme.css(),
        content: crate::config::ContentSource::Articles(articles.clone()),
        per_page: config.articles_per_page.0,
        navigation: config.navigation.sections.clone(),
    };
    let mut lines = Vec::new();
    if run != Run::Publishes {
        lines.extend(full_build(
            root,
            n,
            run == Run::Cold,
            &articles,
            &out,
            &settings,
        )?);
    }
    lines.extend(publishes(root, &articles, &out, &settings)?);
    lines.push(format!("peak memory {} MB", peak_memory_mb().unwrap_or(0)));
    Ok(lines.join("\n"))
}

/// The articles written, a full build of them, its output checked, and
/// what search costs on it.
fn full_build(
    root: &Path,
    n: usize,
    cold: bool,
    articles: &Path,
    out: &Path,
    settings: &build::Settings,
) -> Result<Vec<String>> {
    write_articles(root, articles, n)?;
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out)?;
    if cold {
        let _ = fs::remove_dir_all(root.join("target").join("compress-cache"));
    }
    // The release build's template and the files it links to.
    let dist = root.join("dist");
    for file in output::site_files(&dist).context("dist/: run trunk build --release first")? {
        let to = out.join(&file);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(dist.join(&file), to)?;
    }
    // Trunk's template, not the front page the build made of it.
    fs::copy(dist.join(".gazette/template.html"), out.join("index.html"))
        .context("dist/: build it again with this version (no .gazette/template.html)")?;
    let mut lines = Vec::new();
    let started = Instant::now();
    let report = build::build(root, out, settings, build::Mode::Full)?;
    let total = started.elapsed().as_secs_f64();
    let files = output::files_under(out)?;
    let bytes = files
        .iter()
        .map(|f| fs::metadata(f).map(|m| m.len()))
        .sum::<std::io::Result<u64>>()?;
    lines.push(format!(
        "{n} articles, full build{cache}: {pages} pages in {total:.1} s ({rate:.0} pages/s end to end); content {c:.1} s, planning {p:.1} s, making and compressing {m:.1} s; peak memory {mem} MB; output {files} files, {mb:.1} MB",
        cache = if cold { ", cold compression cache" } else { "" },
        pages = report.pages,
        rate = report.pages as f64 / total,
        c = report.content,
        p = report.plan,
        m = report.making,
        mem = peak_memory_mb().unwrap_or(0),
        files = files.len(),
        mb = bytes as f64 / 1e6,
    ));
    lines.push(verify(out, n)?);
    lines.extend(search_cost(
        out,
        &["kosovo", "kfor troops", "barric", "kalomi", "drazeko vinje"],
    )?);
    Ok(lines)
}

/// Publishing: an edit, a new article, a deletion, and nothing, each timed.
fn publishes(
    root: &Path,
    articles: &Path,
    out: &Path,
    settings: &build::Settings,
) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    let sample = articles.join("synthetic-0.json");
    let original = fs::read_to_string(&sample)?;
    let mut doc: Value = serde_json::from_str(&original)?;
    doc["headline"] = json!("An edited headline");
    let edited = serde_json::to_string(&doc)?;
    doc["slug"] = json!("a-new-article");
    doc["published"] = json!("2030-01-01T00:00:00Z");
    doc["related"] = json!(["synthetic-1"]);
    let added = serde_json::to_string(&doc)?;
    let new_file = articles.join("a-new-article.json");
    type Step<'a> = Box<dyn Fn() -> std::io::Result<()> + 'a>;
    let steps: [(&str, Step); 4] = [
        ("nothing changed", Box::new(|| Ok(()))),
        (
            "one article edited",
            Box::new(|| fs::write(&sample, &edited)),
        ),
        (
            "one article added (the newest)",
            Box::new(|| fs::write(&new_file, &added)),
        ),
        (
            "that article deleted",
            Box::new(|| fs::remove_file(&new_file)),
        ),
    ];
    for (name, change) in steps {
        change()?;
        let started = Instant::now();
        let report = build::build(root, out, settings, build::Mode::Publish)?;
        lines.push(format!(
            "publish, {name}: {t:.2} s (content {c:.2} s, planning {p:.2} s, making {m:.2} s); {w} files written, {r} removed",
            t = started.elapsed().as_secs_f64(),
            c = report.content,
            p = report.plan,
            m = report.making,
            w = report.synced.written.len(),
            r = report.synced.removed.len(),
        ));
    }
    fs::write(&sample, &original)?;
    Ok(lines)
}

/// Synthetic articles: each sample in turn under a new slug, its body
/// repeated 1 to 4 times (paragraphs only, so chart ids stay unique) and a
/// paragraph of an archive's words ([`archive_words`]), three tags of 300,
/// two related articles. The samples themselves are kept, so
/// the links in their bodies resolve.
fn write_articles(root: &Path, dir: &Path, n: usize) -> Result<()> {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir)?;
    let samples_dir = root.join("content").join("articles");
    let mut samples: Vec<Value> = Vec::new();
    let mut names: Vec<_> = fs::read_dir(&samples_dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let text = fs::read_to_string(&path)?;
        fs::write(dir.join(path.file_name().context("a file name")?), &text)?;
        samples.push(serde_json::from_str(&text)?);
    }
    let slug = |i: usize| format!("synthetic-{i}");
    for i in 0..n.saturating_sub(samples.len()) {
        let Some(mut doc) = samples.get(i % samples.len()).cloned() else {
            break;
        };
        doc["slug"] = json!(slug(i));
        doc["headline"] = json!(format!(
            "{} ({i})",
            doc["headline"].as_str().unwrap_or_default()
        ));
        let paragraphs: Vec<Value> = doc["body"]
            .as_array()
            .map(|b| {
                b.iter()
                    .filter(|block| block["type"] == "paragraph")
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        if let Some(body) = doc["body"].as_array_mut() {
            for _ in 0..(i % 4) {
                body.extend(paragraphs.iter().cloned());
            }
        }
        if let Some(body) = doc["body"].as_array_mut() {
            body.push(json!({"type": "paragraph", "content": [{"text": archive_words(i)}]}));
        }
        doc["tags"] = json!((0..3)
            .map(|k| {
                let t = (i * 7 + k * 101) % TAGS;
                json!({"slug": format!("tag-{t}"), "name": format!("Tag {t}")})
            })
            .collect::<Vec<_>>());
        // Sections and fictional writers, each writer's name in either
        // script by turns: one author page for both.
        doc["section"] = json!(format!("Section {}", i % SECTIONS));
        let (writer, cyrillic) = (i % WRITERS, (i / WRITERS) % 2 == 1);
        let name = if cyrillic { "Писац" } else { "Pisac" };
        doc["byline"] = json!({"authors": [{"name": format!("{name} {writer}")}]});
        let others = n.saturating_sub(samples.len()).max(1);
        doc["related"] = json!([slug((i + 1) % others), slug((i + 2) % others)]);
        // Distinct, ordered publication times: minutes after the samples' era.
        doc["published"] = json!(format!(
            "2024-{:02}-{:02}T{:02}:{:02}:00Z",
            1 + (i / (28 * 24 * 60)) % 12,
            1 + (i / (24 * 60)) % 28,
            (i / 60) % 24,
            i % 60
        ));
        doc.as_object_mut().map(|o| o.remove("updated"));
        fs::write(
            dir.join(format!("{}.json", slug(i))),
            serde_json::to_string(&doc)?,
        )?;
    }
    Ok(())
}

/// What search costs a reader on the built site: the index's files, and
/// each query's bytes as served (brotli) in its three steps: the
/// manifest, the shards of its words, the fragments of the first
/// [`RESULTS_SHOWN`] results.
fn search_cost(out: &Path, queries: &[&str]) -> Result<Vec<String>> {
    use gazette::model::search::index::{
        matched_words, rank, Cut, Fragment, Held, Manifest, Shard,
    };
    use gazette::model::search::snippet::snippet;
    use gazette::model::search::Query;
    use gazette::paths::Paths;
    use std::collections::{BTreeMap, BTreeSet};
    // The built file a URL of the site's root names, and its size as
    // served: its brotli copy's.
    let root = Paths::new("");
    let at = |url: String| out.join(crate::plan::search::file(url));
    let brotli = |url: String| -> Result<u64> {
        let file = at(url);
        let mut br = file.clone().into_os_string();
        br.push(".br");
        Ok(fs::metadata(&br).or_else(|_| fs::metadata(&file))?.len())
    };
    let manifest: Manifest = serde_json::from_slice(&fs::read(at(root.search_index()))?)?;
    let manifest_br = brotli(root.search_index())?;
    // Files in the shards' folder (shards, prefix lists), by the key the
    // manifest names each under: read, and their bytes as served.
    type Read = (BTreeMap<String, Shard>, BTreeMap<String, u64>);
    let read = |names: &BTreeMap<String, gazette::model::Slug>| -> Result<Read> {
        let (mut read, mut br) = (BTreeMap::new(), BTreeMap::new());
        for (key, name) in names {
            let bytes = fs::read(at(root.search_shard(name)))?;
            read.insert(key.clone(), serde_json::from_slice::<Shard>(&bytes)?);
            br.insert(key.clone(), brotli(root.search_shard(name))?);
        }
        Ok((read, br))
    };
    let (shards, shard_br) = read(&manifest.shards)?;
    let (prefixes, prefix_br) = read(&manifest.prefixes)?;
    let whole = Held { shards, prefixes };
    // Each article's fragment and its lead, as served.
    let fragments: Vec<(u64, u64)> = (0..manifest.articles)
        .map(|n| {
            Ok((
                brotli(root.search_fragment(n, Cut::Whole))?,
                brotli(root.search_fragment(n, Cut::Lead))?,
            ))
        })
        .collect::<Result<_>>()?;
    let served = |n: u32, cut: Cut| {
        fragments.get(n as usize).map(|&(whole, lead)| match cut {
            Cut::Whole => whole,
            Cut::Lead => lead,
        })
    };
    let total: u64 = shard_br.values().sum();
    let largest = shard_br.iter().max_by_key(|(_, b)| **b);
    let mut lines = vec![format!(
        "search index: manifest {manifest_br} B brotli; {} shards, {:.0} KB brotli in all, the largest {} ({} KB); {} prefix lists, {:.0} KB brotli in all; {} fragments, {:.0} B brotli on average, their leads {:.0} B",
        whole.shards.len(),
        total as f64 / 1e3,
        largest.map_or("-", |(k, _)| k.as_str()),
        largest.map_or(0, |(_, b)| b / 1000),
        whole.prefixes.len(),
        prefix_br.values().sum::<u64>() as f64 / 1e3,
        fragments.len(),
        fragments.iter().map(|f| f.0).sum::<u64>() as f64 / fragments.len().max(1) as f64,
        fragments.iter().map(|f| f.1).sum::<u64>() as f64 / fragments.len().max(1) as f64,
    )];
    // What a reader fetches for a word: the shards the manifest names and
    // its start's prefix list, if it has one; their bytes as served.
    let fetches = |folded: &str| -> (Vec<&String>, Option<&String>) {
        let shards = manifest.shards_for_word(folded).into_iter().map(|(k, _)| k);
        (
            shards.collect(),
            manifest.prefixes.get_key_value(folded).map(|(k, _)| k),
        )
    };
    for text in queries {
        let Some(query) = Query::parse(text) else {
            continue;
        };
        let started = Instant::now();
        let hits = rank(&query, &whole);
        let ranked = started.elapsed().as_secs_f64() * 1e3;
        // What the app fetches must find what the whole index finds.
        let (keys, starts): (BTreeSet<&String>, BTreeSet<&String>) = query
            .words()
            .iter()
            .map(|w| fetches(&w.folded))
            .fold(Default::default(), |(mut keys, mut starts), (k, s)| {
                keys.extend(k);
                starts.extend(s);
                (keys, starts)
            });
        let only = |all: &BTreeMap<String, Shard>, wanted: &BTreeSet<&String>| {
            all.iter()
                .filter(|(k, _)| wanted.contains(k))
                .map(|(k, s)| (k.clone(), s.clone()))
                .collect()
        };
        let fetched = Held {
            shards: only(&whole.shards, &keys),
            prefixes: only(&whole.prefixes, &starts),
        };
        anyhow::ensure!(
            rank(&query, &fetched) == hits,
            "search \"{text}\": the files a reader fetches find other results than the whole index"
        );
        let words_br: u64 = keys.iter().filter_map(|k| shard_br.get(*k)).sum::<u64>()
            + starts.iter().filter_map(|k| prefix_br.get(*k)).sum::<u64>();
        let shown: u64 = hits
            .iter()
            .take(RESULTS_SHOWN)
            .filter_map(|h| served(h.article, h.cut()))
            .sum();
        let leads = hits
            .iter()
            .take(RESULTS_SHOWN)
            .filter(|h| h.cut() == Cut::Lead)
            .count();
        // How many of the results shown have a met word in their snippet
        // (a word met only past the fragment's text shows the text's start).
        let matched = matched_words(&query, &fetched);
        let mut marked = 0;
        for hit in hits.iter().take(RESULTS_SHOWN) {
            let fragment: Fragment = serde_json::from_slice(&fs::read(at(
                root.search_fragment(hit.article, hit.cut())
            ))?)?;
            marked += usize::from(
                snippet(&fragment.text, &matched, hit.window())
                    .iter()
                    .any(|p| p.marked),
            );
        }
        lines.push(format!(
            "search \"{text}\": {} results; first query {:.1} KB brotli (manifest {:.1}, {} shard(s) and {} prefix list(s) {:.1}, {} fragments {:.1} of which {leads} leads, {marked} with a met word in the snippet) in 3 steps; ranked natively in {ranked:.1} ms",
            hits.len(),
            (manifest_br + words_br + shown) as f64 / 1e3,
            manifest_br as f64 / 1e3,
            keys.len(),
            starts.len(),
            words_br as f64 / 1e3,
            hits.len().min(RESULTS_SHOWN),
            shown as f64 / 1e3,
        ));
    }
    // Every three-letter start of an indexed word, as a reader pausing
    // after three letters asks for it: the index's bytes it fetches
    // (shards and prefix list), and what it would without prefix lists.
    let starts: BTreeSet<String> = whole
        .shards
        .values()
        .flat_map(|s| s.words.keys())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| w.chars().take(3).collect())
        .collect();
    let cost = |shards: &[&String], list: Option<&String>| -> u64 {
        shards.iter().filter_map(|k| shard_br.get(*k)).sum::<u64>()
            + list.and_then(|k| prefix_br.get(k)).copied().unwrap_or(0)
    };
    let mut now: Vec<(u64, &str)> = Vec::new();
    let mut without: Vec<(u64, u64, &str)> = Vec::new();
    for start in &starts {
        let (shards, list) = fetches(start);
        let cost_now = cost(&shards, list);
        now.push((cost_now, start));
        let every = gazette::model::search::index::shards_for_word(&manifest.shards, start);
        let every: Vec<&String> = every.into_iter().map(|(k, _)| k).collect();
        without.push((cost(&every, None), cost_now, start));
    }
    now.sort_unstable();
    without.sort_unstable();
    let worst_before = without.last().copied();
    let without: Vec<u64> = without.into_iter().map(|(b, _, _)| b).collect();
    let quantile = |sorted: &[u64], q: f64| -> f64 {
        let at = ((sorted.len().saturating_sub(1)) as f64 * q).round() as usize;
        sorted.get(at).copied().unwrap_or(0) as f64 / 1e3
    };
    let figures = |sorted: &[u64]| {
        format!(
            "median {:.1} KB, 99th percentile {:.1}, largest {:.1}, {} over 100 KB",
            quantile(sorted, 0.5),
            quantile(sorted, 0.99),
            quantile(sorted, 1.0),
            sorted.iter().filter(|b| **b > 100_000).count(),
        )
    };
    let costs: Vec<u64> = now.iter().map(|(b, _)| *b).collect();
    lines.push(format!(
        "search, each of {} three-letter starts typed alone, the index's part of a first query beyond the manifest: {} (the largest \"{}\"); without prefix lists: {} (the largest \"{}\", {:.1} KB now)",
        starts.len(),
        figures(&costs),
        now.last().map_or("-", |(_, s)| *s),
        figures(&without),
        worst_before.map_or("-", |(_, _, s)| s),
        worst_before.map_or(0.0, |(_, now, _)| now as f64 / 1e3),
    ));
    Ok(lines)
}

/// Results a search page shows at first.
const RESULTS_SHOWN: usize = 10;

/// Words an archive has and the samples lack: 150 per article, drawn
/// from 50,000 made-up words with a long tail (a few common, most rare, as
/// in a newsroom's real vocabulary), so search's index has the postings of
/// an archive rather than the samples' few hundred words in every article.
fn archive_words(article: usize) -> String {
    const VOCABULARY: f64 = 50_000.0;
    const SYLLABLES: [&str; 20] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "za", "bre", "dra", "go", "ji", "ko",
        "pla", "ste", "tri", "vo", "ze", "nju",
    ];
    let mut state = (article as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1);
    let mut words = Vec::with_capacity(150);
    for _ in 0..150 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let uniform = (state >> 11) as f64 / (1u64 << 53) as f64;
        // Log-uniform ranks: rank r about as likely as 1/r (Zipf's law).
        let mut rank = VOCABULARY.powf(uniform) as usize;
        let mut word = String::new();
        loop {
            word.push_str(
                SYLLABLES
                    .get(rank % SYLLABLES.len())
                    .copied()
                    .unwrap_or("a"),
            );
            rank /= SYLLABLES.len();
            if rank == 0 {
                break;
            }
        }
        words.push(word);
    }
    words.join(" ")
}

/// This process's peak resident memory (Linux), in MB.
/// Reads the built site back as a crawler and a reader would: every
/// sitemap and the feed well-formed XML with each URL once, every article
/// in the sitemaps, and every listing (the front page, each tag, section
/// and author) naming each of its articles once over its pages, its first
/// page's count agreeing. A check of the benchmark's own output at any
/// size: a failure ends the run.
fn verify(out: &Path, n: usize) -> Result<String> {
    // Sitemaps (the index and its parts, Google News's) and the feed.
    let mut pages = std::collections::HashSet::new();
    let mut files = 0;
    for entry in fs::read_dir(out)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let sitemap = name.contains("sitemap") && name.ends_with(".xml");
        if !(sitemap || name == "feed.xml") {
            continue;
        }
        files += 1;
        let text = fs::read_to_string(out.join(&name))?;
        let urls = xml_texts(&text, if sitemap { "loc" } else { "id" })
            .with_context(|| format!("{name}: not well-formed"))?;
        let mut seen = std::collections::HashSet::new();
        for url in urls {
            anyhow::ensure!(seen.insert(url.clone()), "{name}: {url} twice");
            if name.starts_with("sitemap") && !url.ends_with(".xml") {
                anyhow::ensure!(pages.insert(url.clone()), "{url} in two sitemaps");
            }
        }
    }
    let articles = pages.iter().filter(|u| u.contains("/articles/")).count();
    anyhow::ensure!(
        articles == n,
        "the sitemaps list {articles} articles of {n}"
    );
    // Listings: each one's pages, read from its documents.
    let mut listings: std::collections::BTreeMap<String, (Vec<String>, Option<u64>)> =
        Default::default();
    let api = out.join("api").join("v1");
    for path in output::files_under(&api)? {
        let file = path
            .strip_prefix(&api)?
            .to_string_lossy()
            .replace('\\', "/");
        let skip = file.starts_with("articles/") || file.starts_with("search/");
        let Some(stem) = file.strip_suffix(".json").filter(|_| !skip) else {
            continue;
        };
        let listing: gazette::model::Listing = serde_json::from_str(&fs::read_to_string(&path)?)
            .with_context(|| format!("{file}: not a listing"))?;
        // `index`, `page/<n>`: the front page's; `tags/<slug>`,
        // `tags/<slug>/page/<n>`: a tag's; and so on.
        let whose = if stem == "index" || stem.starts_with("page/") {
            "front"
        } else {
            stem.rsplit_once("/page/").map_or(stem, |(whose, _)| whose)
        };
        let (slugs, total) = listings.entry(whose.to_owned()).or_default();
        slugs.extend(listing.articles.iter().map(|t| t.slug.to_string()));
        if listing.page().is_first() {
            *total = listing.total();
        }
    }
    let mut teasers = 0;
    for (whose, (slugs, total)) in &listings {
        let distinct: std::collections::HashSet<&String> = slugs.iter().collect();
        anyhow::ensure!(
            distinct.len() == slugs.len(),
            "{whose}: an article listed twice"
        );
        anyhow::ensure!(
            *total == Some(slugs.len() as u64),
            "{whose}: {} articles over its pages, its first page says {total:?}",
            slugs.len()
        );
        teasers += slugs.len();
    }
    let front = listings.get("front").map_or(0, |(slugs, _)| slugs.len());
    anyhow::ensure!(
        front == n,
        "the front page's pages list {front} articles of {n}"
    );
    Ok(format!(
        "checked: {files} files (sitemaps, feed) well-formed, each URL once ({} pages, {articles} articles); {} listings, each article once over its pages ({teasers} teasers)",
        pages.len(),
        listings.len()
    ))
}

/// The text of every `element` in `xml`, or an error if it is not
/// well-formed.
fn xml_texts(xml: &str, element: &str) -> Result<Vec<String>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let (mut texts, mut inside) = (Vec::new(), None::<String>);
    loop {
        match reader.read_event()? {
            Event::Start(e) if e.name().as_ref() == element => inside = Some(String::new()),
            Event::Text(t) => {
                if let Some(text) = &mut inside {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(text) = &mut inside {
                    text.push_str(&format!("&{};", r.into_inner()));
                }
            }
            Event::End(_) => texts.extend(inside.take()),
            Event::Eof => return Ok(texts),
            _ => {}
        }
    }
}

fn peak_memory_mb() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
