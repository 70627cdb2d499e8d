//! `cargo run --release -p xtask -- bench-site <n>`: the site step at scale.
//! Writes `n` synthetic articles made from the samples' shapes (varied
//! lengths, tags drawn from 300) to `target/bench/content-<n>/`, builds the
//! site from them into `target/bench/site-<n>/` with the release build's
//! template (`dist/`, so run `trunk build --release --offline` first), and
//! prints the time of each phase, pages per second, peak memory and output
//! size. A benchmark, not a test: it prints figures and asserts nothing.

use crate::{config, site};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::fs;
use std::path::Path;
use std::time::Instant;

const TAGS: usize = 300;

pub fn run(root: &Path, n: usize) -> Result<String> {
    let bench = root.join("target").join("bench");
    let articles = bench.join(format!("content-{n}"));
    let out = bench.join(format!("site-{n}"));
    write_articles(root, &articles, n)?;
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out)?;
    // The release build's template and the files it links to.
    let dist = root.join("dist");
    for entry in fs::read_dir(&dist).context("dist/: run trunk build --release first")? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_file() && !name.ends_with(".gz") && !name.ends_with(".br") {
            fs::copy(&path, out.join(name))?;
        }
    }
    let config = config::Config::load(&root.join("gazette.toml"))?;
    let settings = site::Settings {
        paths: config.paths("/")?,
        origin: config.origin.to_string(),
        compress: true,
        site: config.identity(),
        theme_css: config.theme.css(),
        content: crate::config::ContentSource::Articles(articles.clone()),
    };
    let started = Instant::now();
    let report = site::build_timed(root, &out, &settings)?;
    let total = started.elapsed().as_secs_f64();
    let files = site::files_under(&out)?;
    let bytes = files
        .iter()
        .map(|f| fs::metadata(f).map(|m| m.len()))
        .sum::<std::io::Result<u64>>()?;
    let files = files.len();
    Ok(format!(
        "{n} articles: {pages} pages in {total:.1} s ({rate:.0} pages/s end to end); content {c:.1} s, pages {p:.1} s ({prate:.0} pages/s), feed and sitemap {f:.1} s, compression {z:.1} s; peak memory {mem} MB; output {files} files, {mb:.1} MB",
        pages = report.pages,
        rate = report.pages as f64 / total,
        c = report.content,
        p = report.render,
        prate = report.pages as f64 / report.render.max(1e-9),
        f = report.documents,
        z = report.compress,
        mem = peak_memory_mb().unwrap_or(0),
        mb = bytes as f64 / 1e6,
    ))
}

/// Synthetic articles: each sample in turn under a new slug, its body
/// repeated 1 to 4 times (paragraphs only, so chart ids stay unique), three
/// tags of 300, two related articles. The samples themselves are kept, so
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
        doc["tags"] = json!((0..3)
            .map(|k| {
                let t = (i * 7 + k * 101) % TAGS;
                json!({"slug": format!("tag-{t}"), "name": format!("Tag {t}")})
            })
            .collect::<Vec<_>>());
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

/// This process's peak resident memory (Linux), in MB.
fn peak_memory_mb() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
