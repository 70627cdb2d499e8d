//! A folder of articles: one JSON file per article, named `<slug>.json`,
//! in the contract's own form (the sample site's `content/articles/`).

use super::unless;
use anyhow::{Context, Result};
use gazette_contract::{Article, Slug};
use std::fs;
use std::path::Path;

/// Every `*.json` in `dir`, each an article named for its slug.
pub fn read(dir: &Path) -> Result<Vec<Article<Slug>>> {
    let entries = fs::read_dir(dir).with_context(|| dir.display().to_string())?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let parsed = fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                serde_json::from_str::<Article<Slug>>(&text).map_err(|e| e.to_string())
            });
        match parsed {
            Ok(article) => {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                if stem != article.slug.as_str() {
                    errors.push(format!("{}: file name must be <slug>.json", path.display()));
                }
                articles.push(article);
            }
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    unless(errors, || Ok(articles))
}
