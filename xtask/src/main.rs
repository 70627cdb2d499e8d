//! `cargo run -p xtask -- site <dir>`: the build's one content step, run
//! by Trunk after it has built the app (see `site.rs`): content is read and
//! validated once (`content::derive`), then written out as the static API
//! and the prerendered pages. `trunk serve` and release builds always ship
//! content that parsed into the app's own types and passed the published
//! JSON Schema.
//!
//! `cargo run -p xtask -- check`: the same validation, writing nothing.
//!
//! Both read the site's configuration first (`gazette.toml`, or the file
//! `GAZETTE_CONFIG` names; see `config.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(test)]
mod agreement;
mod bench;
mod config;
mod content;
mod site;
mod wordpress;

/// The repository: `content/`, `schema/` and `deploy/` are read from here.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let (label, result) = match args.as_slice() {
        [cmd] if cmd == "check" => ("check", check(&root)),
        [cmd, dir] if cmd == "site" => (
            "site",
            build_site(&root, Path::new(dir)).inspect_err(|_| discard_stage(Path::new(dir))),
        ),
        [cmd, n] if cmd == "bench-site" => (
            "bench-site",
            n.parse()
                .map_err(|_| anyhow::anyhow!("bench-site <number of articles>"))
                .and_then(|n| bench::run(&root, n)),
        ),
        _ => {
            eprintln!("usage: cargo run -p xtask -- check | site <trunk-staging-dir> | bench-site <articles>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(summary) => {
            println!("{label}: {summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            for line in format!("{error:#}").lines() {
                eprintln!("{label} error: {line}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The configuration and the content it names, validated.
fn check(root: &Path) -> anyhow::Result<String> {
    let file = config::path(root);
    let config = config::Config::load(&file)?;
    let site = content::derive_from(root, &config.content, config.language.tag())?;
    Ok(format!(
        "{} and {} articles, {} tags: valid",
        file.display(),
        site.articles.len(),
        site.tags.len()
    ))
}

/// A failed build leaves the previous output as it was: Trunk builds into
/// `<dist>/.stage` and replaces the output only on success, but keeps the
/// stage after a failed hook, so the hook removes it (only Trunk's own
/// stage, named by `TRUNK_STAGING_DIR`).
fn discard_stage(dir: &Path) {
    let trunk_stage = std::env::var_os("TRUNK_STAGING_DIR").is_some_and(|s| Path::new(&s) == dir);
    if trunk_stage && dir.file_name().is_some_and(|n| n == ".stage") {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn build_site(root: &Path, dir: &Path) -> anyhow::Result<String> {
    let config = config::Config::load(&config::path(root))?;
    let settings = site::Settings {
        paths: config.paths(&std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into()))?,
        origin: config.origin.to_string(),
        compress: std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release"),
        site: config.identity(),
        theme_css: config.theme.css(),
        content: config.content.clone(),
    };
    let pages = site::build(root, dir, &settings)?;
    Ok(format!(
        "{pages} prerendered pages of {} under {} for {}{}",
        settings.site.name,
        dir.display(),
        settings.origin,
        settings.paths.home()
    ))
}
