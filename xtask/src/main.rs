//! `cargo run -p xtask -- site <dir>`: the build's one content step, run
//! by Trunk after it has built the app (see `site.rs`): content is read and
//! validated once (`content::derive`), then written out as the static API
//! and the prerendered pages. `trunk serve` and release builds always ship
//! content that parsed into the app's own types and passed the published
//! JSON Schema.
//!
//! `cargo run -p xtask -- check`: the same validation, writing nothing.

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
        [cmd] if cmd == "check" => match content::derive(&root) {
            Ok(site) => {
                println!(
                    "content: {} articles, {} tags: valid",
                    site.articles.len(),
                    site.tags.len(),
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
            eprintln!("usage: cargo run -p xtask -- check | site <trunk-staging-dir>");
            ExitCode::from(2)
        }
    }
}
