//! A publish is a full build, done in part: after any sequence of writes,
//! edits and deletions of content files, each followed by a publish, the
//! output folder is byte for byte what a full build of the same content
//! writes, compressed copies and the build's manifest included; and a
//! file that is not an article is left out, the rest published.

use crate::build::{build, Mode, Settings};
use crate::config::ContentSource;
use crate::content::collections;
use crate::output::{self, Manifest};
use crate::project_root as root;
use gazette::paths::Paths;
use gazette::site::SiteIdentity;
use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What Trunk leaves for the site step: the template and the app's files.
fn trunk_output(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    let files = [
        ("index.html", "<!doctype html><html><head><base href=/news/><title>Gazette</title><script type=module src=/news/boot.js data-gazette-js=/news/gazette-0123456789abcdef.js data-gazette-wasm=/news/gazette-0123456789abcdef_bg.wasm></script></head><body></body></html>"),
        ("boot.js", "console.log('boot');"),
        ("gazette-0123456789abcdef.js", "wasm_bindgen = 1;"),
        ("gazette-0123456789abcdef_bg.wasm", "\0asm wasm"),
        // Search's worker: its glue and its start, which the build joins.
        ("search-worker.js", "let wasm_bindgen = 1;"),
        ("search-engine.js", "wasm_bindgen({});"),
        ("images/a.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ];
    for (file, text) in files {
        output::write(&dir.join(file), text.as_bytes()).unwrap_or_else(|e| panic!("{e:#}"));
    }
}

fn settings(content: &Path) -> Settings {
    Settings {
        paths: Paths::new("/news/"),
        origin: "https://news.example".into(),
        compress: true,
        site: SiteIdentity::default(),
        theme_css: String::new(),
        content: ContentSource::Articles(content.to_path_buf()),
        // Small pages, so that listings run over several.
        per_page: std::num::NonZeroUsize::MIN.saturating_add(1),
        navigation: None,
    }
}

/// Every file under `dir` (the build's state included), with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    output::files_under(dir)
        .unwrap_or_else(|e| panic!("{e:#}"))
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .display()
                .to_string();
            let bytes = fs::read(&path).unwrap_or_default();
            (name, bytes)
        })
        .collect()
}

/// The first difference between two snapshots, to read in a failure.
fn difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    for (name, bytes) in a {
        match b.get(name) {
            None => return Some(format!("{name}: only after the publishes")),
            Some(other) if other != bytes => {
                return Some(format!(
                    "{name} differs:\npublished: {}\nfull:      {}",
                    String::from_utf8_lossy(bytes),
                    String::from_utf8_lossy(other)
                ))
            }
            _ => {}
        }
    }
    b.keys()
        .find(|name| !a.contains_key(*name))
        .map(|name| format!("{name}: only in the full build"))
}

const TAGS: [(&str, &str); 3] = [("kfor", "KFOR"), ("nato", "NATO"), ("kosovo", "Kosovo")];
/// Two articles that are never deleted: every other one lists them as
/// related, so their edits reach other articles' pages.
const KEPT: [&str; 2] = ["kept-a", "kept-b"];

/// The articles in [`KEPT`], written into a new `content` folder.
fn write_kept(content: &Path) {
    fs::create_dir_all(content).unwrap_or_else(|e| panic!("{e}"));
    for (n, slug) in KEPT.iter().enumerate() {
        fs::write(
            content.join(format!("{slug}.json")),
            article(slug, "Kept", n as u32, 1, "kept"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
}

fn article(slug: &str, headline: &str, day: u32, tags: u8, text: &str) -> String {
    let tags: Vec<_> = TAGS
        .iter()
        .enumerate()
        .filter(|(i, _)| tags & (1 << i) != 0)
        .map(|(_, (slug, name))| json!({"slug": slug, "name": name}))
        .collect();
    let related: Vec<&str> = KEPT.iter().copied().filter(|k| *k != slug).collect();
    json!({
        "version": 1, "slug": slug, "headline": headline, "standfirst": format!("{headline}."),
        "section": "Security", "tags": tags, "byline": {"organisation": "Gazette"},
        "published": format!("2023-01-{:02}T{:02}:00:00Z", 1 + day / 24, day % 24),
        "body": [{"type": "paragraph", "content": [{"text": text}]}],
        "related": related,
    })
    .to_string()
}

#[derive(Clone, Debug)]
enum Change {
    /// Writes (adds or edits) pooled article `slot`.
    Write {
        slot: usize,
        headline: String,
        day: u32,
        tags: u8,
        text: String,
    },
    /// Edits one of the kept articles.
    EditKept {
        which: usize,
        headline: String,
        day: u32,
    },
    Delete {
        slot: usize,
    },
    /// Writes a file that is not an article: it is left out (its article,
    /// if the slot had one, is taken down) and the rest published, the
    /// same bytes as a full build; the file is then put back as it was.
    Break {
        slot: usize,
    },
}

fn change() -> impl Strategy<Value = Change> {
    let headline = "[A-Za-z][A-Za-zČćžš ,]{0,24}";
    prop_oneof![
        4 => (0..6usize, headline, 0..600u32, 0..8u8, "[a-zđ ]{1,40}").prop_map(
            |(slot, headline, day, tags, text)| Change::Write { slot, headline, day, tags, text }
        ),
        1 => (0..2usize, headline, 0..600u32)
            .prop_map(|(which, headline, day)| Change::EditKept { which, headline, day }),
        2 => (0..6usize).prop_map(|slot| Change::Delete { slot }),
        1 => (0..6usize).prop_map(|slot| Change::Break { slot }),
    ]
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn publishing_changes_gives_the_bytes_of_a_full_build(
        changes in prop::collection::vec(change(), 1..7)
    ) {
        static CASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let case = CASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let scratch = Scratch(std::env::temp_dir().join(format!("gazette-publish-{}-{case}", std::process::id())));
        let (content, published, full) = (scratch.0.join("content"), scratch.0.join("published"), scratch.0.join("full"));
        fs::create_dir_all(&content).unwrap_or_else(|e| panic!("{e}"));
        for (n, slug) in KEPT.iter().enumerate() {
            fs::write(content.join(format!("{slug}.json")), article(slug, &format!("Kept {n}"), n as u32, 1, "kept")).unwrap_or_else(|e| panic!("{e}"));
        }
        let settings = settings(&content);
        trunk_output(&published);
        build(&root(), &published, &settings, Mode::Full).unwrap_or_else(|e| panic!("{e:#}"));
        for change in &changes {
            let file = |slot: usize| content.join(format!("pooled-{slot}.json"));
            match change {
                Change::Write { slot, headline, day, tags, text } => {
                    fs::write(file(*slot), article(&format!("pooled-{slot}"), headline, *day, *tags, text)).unwrap_or_else(|e| panic!("{e}"));
                }
                Change::EditKept { which, headline, day } => {
                    let slug = KEPT[*which];
                    fs::write(content.join(format!("{slug}.json")), article(slug, headline, *day, 1, "kept")).unwrap_or_else(|e| panic!("{e}"));
                }
                Change::Delete { slot } => {
                    let _ = fs::remove_file(file(*slot));
                }
                Change::Break { slot } => {
                    let before = fs::read(file(*slot)).ok();
                    fs::write(file(*slot), "{\"version\": 1, \"slug\": ").unwrap_or_else(|e| panic!("{e}"));
                    let left_out = published_as_full_build(&published, &full, &settings);
                    prop_assert!(left_out.is_none(), "with a broken file: {}", left_out.unwrap_or_default());
                    for slug in KEPT {
                        let kept = published.join(format!("api/v1/articles/{slug}.json"));
                        prop_assert!(kept.exists(), "{} held back by a broken file", slug);
                    }
                    let taken_down = published.join(format!("api/v1/articles/pooled-{slot}.json"));
                    prop_assert!(!taken_down.exists(), "a broken file's article stayed published");
                    match before {
                        Some(bytes) => fs::write(file(*slot), bytes).unwrap_or_else(|e| panic!("{e}")),
                        None => fs::remove_file(file(*slot)).unwrap_or_else(|e| panic!("{e}")),
                    }
                }
            }
            let differs = published_as_full_build(&published, &full, &settings);
            prop_assert!(differs.is_none(), "after {change:?}: {}", differs.unwrap_or_default());
        }
    }
}

/// Publishes into `published` and builds `full` from nothing: the first
/// difference between them, if any.
fn published_as_full_build(published: &Path, full: &Path, settings: &Settings) -> Option<String> {
    build(&root(), published, settings, Mode::Publish).unwrap_or_else(|e| panic!("{e:#}"));
    trunk_output(full);
    build(&root(), full, settings, Mode::Full).unwrap_or_else(|e| panic!("{e:#}"));
    difference(&snapshot(published), &snapshot(full))
}

/// A publish with no change writes nothing; one edit rewrites the pages
/// that show the article and leaves the others alone.
#[test]
fn a_publish_rewrites_only_what_the_change_touches() {
    let scratch =
        Scratch(std::env::temp_dir().join(format!("gazette-touch-{}", std::process::id())));
    let (content, out) = (scratch.0.join("content"), scratch.0.join("out"));
    write_kept(&content);
    for n in 0..5u32 {
        let slug = format!("pooled-{n}");
        let tags = if n == 0 { 2 } else { 4 };
        fs::write(
            content.join(format!("{slug}.json")),
            article(&slug, "Pooled", 10 + n, tags, "text"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let settings = settings(&content);
    trunk_output(&out);
    build(&root(), &out, &settings, Mode::Full).unwrap_or_else(|e| panic!("{e:#}"));
    let nothing =
        build(&root(), &out, &settings, Mode::Publish).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(
        nothing.synced.written.is_empty() && nothing.synced.removed.is_empty(),
        "{:?}",
        nothing.synced
    );
    let manifest = Manifest::read(&out)
        .unwrap_or_else(|e| panic!("{e:#}"))
        .unwrap_or_default();
    assert!(manifest.files.get("boot.js").is_some_and(|e| e.asset));

    // pooled-0, the oldest pooled article, alone in tag "nato": a new
    // headline reaches its own pages and documents, the listing pages that
    // show it, the feed and sitemap, and the "More in Security" of the at
    // most four newer articles that show it there; not the other articles
    // or tags.
    let shows_it: Vec<String> = snapshot(&out.join("api/v1/articles"))
        .into_iter()
        .filter(|(_, json)| {
            serde_json::from_slice::<serde_json::Value>(json)
                .ok()
                .and_then(|doc| doc.get("more_in_section").cloned())
                .and_then(|more| more.as_array().cloned())
                .is_some_and(|more| more.iter().any(|t| t["slug"] == "pooled-0"))
        })
        .map(|(file, _)| format!("articles/{}", file.replace(".json", ".html")))
        .collect();
    assert!(
        (1..=collections::MORE_IN_SECTION).contains(&shows_it.len()),
        "{shows_it:?}"
    );
    // The section's pages: the one that lists it changes, the others not.
    let mut lists_it = Vec::new();
    let mut others = Vec::new();
    for (file, json) in snapshot(&out.join("api/v1/sections")) {
        if let Some(stem) = file.strip_suffix(".json") {
            let page = format!("sections/{stem}.html");
            if String::from_utf8_lossy(&json).contains("\"pooled-0\"") {
                lists_it.push(page);
            } else {
                others.push(page);
            }
        }
    }
    assert_eq!(lists_it.len(), 1, "{lists_it:?}");
    assert!(!others.is_empty());
    fs::write(
        content.join("pooled-0.json"),
        article("pooled-0", "Edited", 10, 2, "text"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let edit = build(&root(), &out, &settings, Mode::Publish).unwrap_or_else(|e| panic!("{e:#}"));
    let written: Vec<&str> = edit.synced.written.iter().map(String::as_str).collect();
    for file in [
        "articles/pooled-0.html",
        "embed/articles/pooled-0.html",
        "api/v1/articles/pooled-0.json",
        "tags/nato.html",
        "api/v1/tags/nato.json",
        "feed.xml",
    ]
    .into_iter()
    .chain(shows_it.iter().map(String::as_str))
    .chain(lists_it.iter().map(String::as_str))
    {
        assert!(written.contains(&file), "{file} not in {written:?}");
    }
    for file in written.iter().filter(|f| f.starts_with("articles/")) {
        assert!(
            *file == "articles/pooled-0.html" || shows_it.iter().any(|s| s == file),
            "{file} rewritten: {written:?}"
        );
    }
    for file in [
        "articles/kept-a.html",
        "tags/kosovo.html",
        "boot.js",
        "index.html",
    ]
    .into_iter()
    .chain(others.iter().map(String::as_str))
    {
        assert!(!written.contains(&file), "{file} rewritten: {written:?}");
    }
    let html = fs::read_to_string(out.join("articles/pooled-0.html")).unwrap_or_default();
    assert!(html.contains("Edited"));
    assert!(fs::read(out.join("articles/pooled-0.html.br")).is_ok_and(|b| !b.is_empty()));

    // Deleted: its files go, compressed copies and empty folders too.
    fs::remove_file(content.join("pooled-0.json")).unwrap_or_else(|e| panic!("{e}"));
    let delete = build(&root(), &out, &settings, Mode::Publish).unwrap_or_else(|e| panic!("{e:#}"));
    for gone in [
        "articles/pooled-0.html",
        "articles/pooled-0.html.br",
        "articles/pooled-0.html.gz",
        "api/v1/articles/pooled-0.json",
        "tags/nato.html",
    ] {
        assert!(!out.join(gone).exists(), "{gone} is still there");
    }
    assert!(delete.synced.removed.iter().any(|f| f == "tags/nato.html"));
    let stages = fs::read_dir(out.join(output::STATE_DIR))
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("stage"))
                .count()
        })
        .unwrap_or_default();
    assert_eq!(stages, 0, "no stage left behind");

    // A changed configuration is the build's to apply, not a publish's.
    let mut other = settings;
    other.origin = "https://elsewhere.example".into();
    let refused = build(&root(), &out, &other, Mode::Publish)
        .err()
        .map(|e| format!("{e:#}"))
        .unwrap_or_default();
    assert!(refused.contains("configuration changed"), "{refused}");
}

/// A publish makes again every planned file missing from the output, and
/// every missing compressed copy, whatever removed it; what it makes is
/// what a full build makes.
#[test]
fn a_publish_heals_files_missing_from_the_output() {
    let scratch =
        Scratch(std::env::temp_dir().join(format!("gazette-heal-{}", std::process::id())));
    let (content, out, full) = (
        scratch.0.join("content"),
        scratch.0.join("out"),
        scratch.0.join("full"),
    );
    write_kept(&content);
    let settings = settings(&content);
    for dir in [&out, &full] {
        trunk_output(dir);
        build(&root(), dir, &settings, Mode::Full).unwrap_or_else(|e| panic!("{e:#}"));
    }
    let lost = [
        "index.html",
        "feed.xml",
        "sitemap.xml",
        "api/v1/index.json",
        "404.html.br",
        "robots.txt.gz",
    ];
    let pages: Vec<String> = output::site_files(&out)
        .unwrap_or_else(|e| panic!("{e:#}"))
        .into_iter()
        .filter(|f| f.starts_with("articles/") || f.starts_with("tags/"))
        .take(3)
        .collect();
    assert_eq!(pages.len(), 3);
    for file in lost.iter().copied().chain(pages.iter().map(String::as_str)) {
        fs::remove_file(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let healed = build(&root(), &out, &settings, Mode::Publish).unwrap_or_else(|e| panic!("{e:#}"));
    for file in lost.iter().copied().chain(pages.iter().map(String::as_str)) {
        assert!(out.join(file).exists(), "{file} was not made again");
    }
    assert!(healed.synced.written.len() >= lost.len() + pages.len() - 2);
    let (a, b) = (snapshot(&out), snapshot(&full));
    assert!(
        difference(&a, &b).is_none(),
        "{}",
        difference(&a, &b).unwrap_or_default()
    );
}
