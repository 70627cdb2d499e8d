//! Gazette's build tool. The build flows one way (`build.rs`):
//!
//! - source and model, from `ingest/` (a crate without Leptos): where
//!   articles come from (a folder, WordPress), read into one
//!   source-neutral form, then the site model, related posts resolved,
//!   listings paginated, every cross-reference and the published schema
//!   checked;
//! - `plan/`: every file of the site decided from the model (pages,
//!   documents, feeds, sitemaps, the hosts' configuration), each keyed by
//!   what it is made from;
//! - `output.rs`: the files whose keys changed made, and the output folder
//!   brought up to date at once.
//!
//! Commands (each reads the site's configuration first: `gazette.toml`, or
//! the file `GAZETTE_CONFIG` names; see `ingest/src/config.rs`):
//!
//! - `site <dir>`: a full build of Trunk's staging folder (its post-build hook);
//! - `publish [--watch [--every SECONDS]] [dir]`: brings a site built
//!   before (`dist/` by default) up to date with its content, rewriting
//!   only what the changes touch (`scripts/publish`); with `--watch`, keeps
//!   it so until stopped (`watch.rs`);
//! - `preview [--port N] [--listen ADDR] [--dist DIR]`: shows editors
//!   WordPress drafts as readers will see them (`preview/`);
//! - `routes`: prints the route table the build gives the loader;
//! - `bench-site <n> [--cold | --publishes]`: the build at scale
//!   (BENCHMARKS.md).

use std::path::Path;
use std::process::ExitCode;

mod bench;
mod build;
mod output;
mod plan;
mod preview;
#[cfg(test)]
mod publish_test;
mod watch;

// The content side (`ingest/`): the build's first two steps, without Leptos
// (`cargo run -p gazette-ingest -- check` reads and checks content alone).
use gazette_ingest::{config, content, parallel, project_root};

/// mimalloc, not the system's allocator: a build makes and frees millions
/// of small strings, and glibc's malloc was a fifth of its CPU time
/// (BENCHMARKS.md, "The build tool's allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let (label, result) = match args.as_slice() {
        // The loader's route table, for its tests (tests/boot.test.mjs).
        [cmd] if cmd == "routes" => match plan::routes::table() {
            Ok(table) => {
                println!("{table}");
                return ExitCode::SUCCESS;
            }
            Err(e) => ("routes", Err(e)),
        },
        [cmd, dir] if cmd == "site" => (
            "site",
            build_site(&root, Path::new(dir)).inspect_err(|_| discard_stage(Path::new(dir))),
        ),
        [cmd, rest @ ..] if cmd == "publish" => ("publish", publish_command(&root, rest)),
        [cmd, rest @ ..] if cmd == "preview" => ("preview", preview::command(&root, rest)),
        [cmd, n, rest @ ..] if cmd == "bench-site" => (
            "bench-site",
            n.parse()
                .ok()
                .zip(match rest {
                    [] => Some(bench::Run::Warm),
                    [flag] if flag == "--cold" => Some(bench::Run::Cold),
                    [flag] if flag == "--publishes" => Some(bench::Run::Publishes),
                    _ => None,
                })
                .ok_or_else(|| {
                    anyhow::anyhow!("bench-site <number of articles> [--cold | --publishes]")
                })
                .and_then(|(n, run)| bench::run(&root, n, run)),
        ),
        _ => {
            eprintln!("usage: cargo run -p xtask -- site <trunk-staging-dir> | publish [--watch [--every SECONDS]] [<dir>] | preview [--port N] [--listen ADDR] [--dist DIR] | routes | bench-site <articles> [--cold | --publishes]");
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

/// The build's settings: the configuration, for a site served under `base`.
fn settings(root: &Path, base: &str, compress: bool) -> anyhow::Result<build::Settings> {
    let config = config::Config::load(&config::path(root))?;
    Ok(build::Settings {
        paths: config.paths(base)?,
        origin: config.origin.to_string(),
        compress,
        site: config.identity(),
        theme_css: config.theme.css(),
        content: config.content.clone(),
        per_page: config.articles_per_page.0,
        navigation: config.navigation.sections.clone(),
    })
}

fn build_site(root: &Path, dir: &Path) -> anyhow::Result<String> {
    let settings = settings(
        root,
        &std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into()),
        std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release"),
    )?;
    let report = build::build(root, dir, &settings, build::Mode::Full)?;
    Ok(format!(
        "{} prerendered pages of {} under {} for {}{}",
        report.pages,
        settings.site.name,
        dir.display(),
        settings.origin,
        settings.paths.home()
    ))
}

/// `publish [--watch [--every SECONDS]] [dir]`.
fn publish_command(root: &Path, args: &[String]) -> anyhow::Result<String> {
    let (mut dir, mut watch, mut every) = (root.join("dist"), false, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--watch" => watch = true,
            "--every" => {
                let seconds = args
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .filter(|n| (1..=86_400).contains(n))
                    .ok_or_else(|| {
                        anyhow::anyhow!("--every needs a number of seconds, 1 to 86400")
                    })?;
                every = Some(std::time::Duration::from_secs(seconds));
            }
            flag if flag.starts_with("--") => {
                anyhow::bail!("unknown option {flag} (publish [--watch [--every SECONDS]] [dir])")
            }
            folder => dir = std::path::PathBuf::from(folder),
        }
    }
    if every.is_some() && !watch {
        anyhow::bail!("--every is for --watch");
    }
    if !watch {
        return publish(root, &dir);
    }
    let built = output::Manifest::read(&dir)?.ok_or_else(|| {
        anyhow::anyhow!(
            "{}: no site built by Gazette here: build it first (trunk build --release --dist {})",
            dir.display(),
            dir.display()
        )
    })?;
    let settings = settings(root, &built.base, built.compress)?;
    watch::watch(
        root,
        &dir,
        &settings,
        every.unwrap_or(watch::WORDPRESS_EVERY),
    )
}

/// `publish`: the site in `dir` brought up to date with its content source.
fn publish(root: &Path, dir: &Path) -> anyhow::Result<String> {
    let started = std::time::Instant::now();
    let built = output::Manifest::read(dir)?.ok_or_else(|| {
        anyhow::anyhow!(
            "{}: no site built by Gazette here: build it first (trunk build --release --dist {})",
            dir.display(),
            dir.display()
        )
    })?;
    let settings = settings(root, &built.base, built.compress)?;
    let report = build::build(root, dir, &settings, build::Mode::Publish)?;
    let synced = &report.synced;
    let mut lines = vec![format!(
        "{} files written, {} removed, {} unchanged, in {:.2} s (content {:.2} s, planning {:.2} s, making {:.2} s)",
        synced.written.len(),
        synced.removed.len(),
        synced.unchanged,
        started.elapsed().as_secs_f64(),
        report.content,
        report.plan,
        report.making,
    )];
    lines.extend(synced.written.iter().map(|f| format!("  written {f}")));
    lines.extend(synced.removed.iter().map(|f| format!("  removed {f}")));
    Ok(lines.join("\n"))
}
