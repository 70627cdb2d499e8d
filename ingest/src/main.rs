//! `cargo run -p gazette-ingest -- check`: reads the configuration and the
//! content it names (a folder, or a WordPress site, imported as a build
//! imports it), checks them against the contract, and writes nothing. No
//! Leptos is compiled for it: the renderer is the build tool's (`xtask`).

use gazette_ingest::{config, content, project_root, source};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args != ["check"] {
        eprintln!("usage: cargo run -p gazette-ingest -- check");
        return ExitCode::from(2);
    }
    match check(&project_root()) {
        Ok(summary) => {
            println!("check: {summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            for line in format!("{error:#}").lines() {
                eprintln!("check error: {line}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The configuration and the content it names, validated.
fn check(root: &Path) -> anyhow::Result<String> {
    let file = config::path(root);
    let config = config::Config::load(&file)?;
    let site = content::resolve_from(
        root,
        &config.content,
        config.language.tag(),
        config.articles_per_page.0,
        source::Reading::Everything,
    )?;
    content::check_model(&content::Schemas::load(root)?, &site)?;
    Ok(format!(
        "{} and {} articles, {} tag, section and author pages: valid",
        file.display(),
        site.articles.len(),
        site.collections.len()
    ))
}
