//! A folder of articles: one JSON file per article, named `<slug>.json`,
//! in the contract's own form (the sample site's `content/articles/`).

use anyhow::{Context, Result};
use gazette_contract::{Article, Slug};
use std::fs;
use std::path::Path;

/// Every `*.json` in `dir`, each an article named for its slug. A file
/// that is not one (it does not read, parse, or match its name) is left out
/// and said on standard error, every time: one broken file never holds back
/// the others, and a publish stays byte-identical to a full build (both
/// leave it out).
pub fn read(dir: &Path) -> Result<Vec<Article<Slug>>> {
    let (articles, left_out) = read_reporting(dir)?;
    for line in left_out {
        eprintln!("{line}");
    }
    Ok(articles)
}

/// The articles of `dir`, and a line for each file left out.
pub fn read_reporting(dir: &Path) -> Result<(Vec<Article<Slug>>, Vec<String>)> {
    let entries = fs::read_dir(dir).with_context(|| dir.display().to_string())?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    // Read and parsed on every core (a publish reads every file).
    let parsed = crate::parallel::each(crate::parallel::cores(), &paths, |path| {
        Ok(fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                serde_json::from_str::<Article<Slug>>(&text).map_err(|e| e.to_string())
            })
            .and_then(|article| {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                if stem == article.slug.as_str() {
                    Ok(article)
                } else {
                    Err("file name must be <slug>.json".to_owned())
                }
            }))
    })?;
    let mut articles = Vec::new();
    let mut left_out = Vec::new();
    for (path, parsed) in paths.iter().zip(parsed) {
        match parsed {
            Ok(article) => articles.push(article),
            Err(e) => left_out.push(format!(
                "{}: LEFT OUT, not published: {}",
                path.display(),
                e.replace(['\n', '\r'], " ")
            )),
        }
    }
    Ok((articles, left_out))
}
