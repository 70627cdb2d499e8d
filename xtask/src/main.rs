//! `cargo run -p xtask -- content <out-dir>`: validates `content/` and
//! writes the static API (contract version 1) under `<out-dir>/api/v1/`.
//! Trunk runs it as a pre-build hook, so `trunk serve` and release builds
//! always ship content that parsed into the app's own types and passed the
//! published JSON Schema.
//!
//! `cargo run -p xtask -- site <dir>`: the post-build step (see `site.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(test)]
mod agreement;
mod content;
mod site;

/// The repository: `content/`, `schema/` and `deploy/` are read from here.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    match args.as_slice() {
        [cmd, out] if cmd == "content" => match content::build(&root, &PathBuf::from(out)) {
            Ok(site) => {
                println!(
                    "content: {} articles, {} tags -> {}/api/v1",
                    site.articles.len(),
                    site.tags.len(),
                    out
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                for line in format!("{error:#}").lines() {
                    eprintln!("content error: {line}");
                }
                ExitCode::FAILURE
            }
        },
        [cmd, dir] if cmd == "site" => {
            let settings = site::Settings {
                paths: gazette::paths::Paths::new(
                    &std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into()),
                ),
                origin: std::env::var("GAZETTE_ORIGIN")
                    .unwrap_or_else(|_| "http://127.0.0.1:8080".into()),
                compress: std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release"),
            };
            match site::build(&root, Path::new(dir), &settings) {
                Ok(pages) => {
                    println!(
                        "site: {pages} prerendered pages under {} for {}{}",
                        dir,
                        settings.origin,
                        settings.paths.home()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    for line in format!("{error:#}").lines() {
                        eprintln!("site error: {line}");
                    }
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: cargo run -p xtask -- content <out-dir> | site <trunk-staging-dir>");
            ExitCode::from(2)
        }
    }
}
