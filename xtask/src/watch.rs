//! `publish --watch`: keeps a built site current with its content source
//! by itself. Each cycle is exactly a publish (`build::build`, atomic and
//! byte-identical to a full build); between cycles the watcher only looks:
//! a folder of articles by its files' names, sizes and modification times
//! (every second), a WordPress site every `--every` seconds. A cycle that
//! fails (a CMS down or answering errors, content that contradicts itself;
//! a single broken article is left out and said, not a failure)
//! leaves the site as it was, is printed, and is tried again after a
//! pause that doubles up to [`MAX_BACKOFF`]. SIGTERM or SIGINT ends it
//! between cycles (a cycle in progress finishes: it is one atomic
//! publish), with status 0.

use crate::build::{self, Mode, Settings};
use crate::config::ContentSource;
use crate::output;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// How often a folder of articles is looked at.
const LOOK_EVERY: Duration = Duration::from_secs(1);
/// How often a WordPress site is asked, unless `--every` says.
pub const WORDPRESS_EVERY: Duration = Duration::from_secs(10);
/// The longest pause after failures in a row.
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// A line now and then while nothing changes, so a log shows it is alive.
const HEARTBEAT: Duration = Duration::from_secs(3600);

/// Watches `out` (a site built before) until a signal; `every` is how
/// often a WordPress site is asked. Prints one line per cycle that changed
/// something or failed.
pub fn watch(root: &Path, out: &Path, settings: &Settings, every: Duration) -> Result<String> {
    let _only_watcher = WatchLock::take(out)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).context("signal handler")?;
    }
    let folder = match &settings.content {
        ContentSource::Articles(dir) => Some(root.join(dir)),
        ContentSource::WordPress(_) => None,
    };
    let announce = || {
        say(&format!(
            "watching {} for {}; SIGTERM or Ctrl-C stops",
            out.display(),
            match &folder {
                Some(dir) => format!("changes in {}", dir.display()),
                None => format!("WordPress every {} s", every.as_secs()),
            }
        ));
    };
    let (mut cycles, mut changes, mut failures_in_a_row) = (0u64, 0u64, 0u32);
    let mut seen = folder.as_deref().map(fingerprint);
    // A first cycle at once: what changed while nobody watched.
    let mut next = Instant::now();
    let mut last_word = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        if Instant::now() < next {
            std::thread::sleep(Duration::from_millis(100));
            continue;
        }
        let now_seen = folder.as_deref().map(fingerprint);
        let due = folder.is_none() || cycles == 0 || failures_in_a_row > 0 || now_seen != seen;
        if !due {
            next = Instant::now() + LOOK_EVERY;
        } else {
            cycles += 1;
            let started = Instant::now();
            let result = build::build(root, out, settings, Mode::Publish);
            // Said once the first cycle (what changed while nobody
            // watched) is done: from then on, changes are watched.
            if cycles == 1 {
                announce();
            }
            match result {
                Ok(report) => {
                    failures_in_a_row = 0;
                    seen = now_seen;
                    let synced = &report.synced;
                    if !(synced.written.is_empty() && synced.removed.is_empty()) {
                        changes += 1;
                        say(&format!(
                            "published in {:.2} s: {} files written, {} removed ({})",
                            started.elapsed().as_secs_f64(),
                            synced.written.len(),
                            synced.removed.len(),
                            articles_named(synced),
                        ));
                        last_word = Instant::now();
                    }
                    next = Instant::now() + folder.as_ref().map_or(every, |_| LOOK_EVERY);
                }
                Err(error) => {
                    failures_in_a_row += 1;
                    let pause = backoff(failures_in_a_row, every);
                    say(&format!(
                        "publish failed ({failures_in_a_row} in a row), the site is as it was; trying again in {} s: {}",
                        pause.as_secs(),
                        format!("{error:#}").replace('\n', "; ")
                    ));
                    last_word = Instant::now();
                    next = Instant::now() + pause;
                }
            }
        }
        if last_word.elapsed() >= HEARTBEAT {
            say(&format!(
                "still watching: {cycles} cycles, {changes} with changes"
            ));
            last_word = Instant::now();
        }
    }
    Ok(format!("stopped: {cycles} cycles, {changes} with changes"))
}

/// The pause after `failures` failed cycles in a row: `base` (at least a
/// second), doubled for each further failure, at most [`MAX_BACKOFF`].
fn backoff(failures: u32, base: Duration) -> Duration {
    let base = base.max(Duration::from_secs(1));
    let doubled = base.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    doubled.min(MAX_BACKOFF)
}

/// The articles a publish wrote or removed, by slug, a few of them.
fn articles_named(synced: &output::Synced) -> String {
    let slugs: Vec<&str> = synced
        .written
        .iter()
        .chain(&synced.removed)
        .filter_map(|f| f.strip_prefix("api/v1/articles/")?.strip_suffix(".json"))
        .collect();
    match slugs.len() {
        0 => "no article's own page".to_owned(),
        n if n <= 5 => format!("articles {}", slugs.join(", ")),
        n => {
            let first: Vec<&str> = slugs.iter().take(5).copied().collect();
            format!("articles {} and {} more", first.join(", "), n - 5)
        }
    }
}

/// What the watcher knows of a folder: each file's name, size and
/// modification time (an unreadable folder is seen as empty, and the
/// publish that follows says why).
fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let meta = entry.metadata().ok()?;
            Some((entry.path(), meta.len(), meta.modified().ok()))
        })
        .collect();
    files.sort();
    files
}

/// One line of the watcher's log, with the time.
fn say(line: &str) {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    println!("{h:02}:{m:02}:{s:02} UTC {line}");
}

/// One watcher per output folder: a second is refused. (Each cycle also
/// takes the build's own lock, so a one-off publish waits its turn.)
struct WatchLock(#[allow(dead_code)] std::fs::File);

impl WatchLock {
    fn take(out: &Path) -> Result<Self> {
        let path = out.join(output::STATE_DIR).join("watch.lock");
        std::fs::create_dir_all(out.join(output::STATE_DIR))
            .with_context(|| out.display().to_string())?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| path.display().to_string())?;
        match file.try_lock() {
            Ok(()) => Ok(Self(file)),
            Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
                "{}: another publish --watch is already keeping this folder current; stop it first",
                out.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| path.display().to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_back_off_doubling_up_to_a_minute() {
        let ten = Duration::from_secs(10);
        let pauses: Vec<u64> = (1..=6).map(|n| backoff(n, ten).as_secs()).collect();
        assert_eq!(pauses, [10, 20, 40, 60, 60, 60]);
        let fast: Vec<u64> = (1..=8)
            .map(|n| backoff(n, Duration::ZERO).as_secs())
            .collect();
        assert_eq!(fast, [1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(backoff(u32::MAX, ten), MAX_BACKOFF);
    }

    #[test]
    fn a_folder_is_seen_changed_when_a_file_comes_goes_or_changes() {
        let dir = std::env::temp_dir().join(format!("gazette-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let empty = fingerprint(&dir);
        std::fs::write(dir.join("a.json"), "{}").unwrap_or_else(|e| panic!("{e}"));
        let one = fingerprint(&dir);
        assert_ne!(empty, one);
        assert_eq!(fingerprint(&dir), one, "nothing changed");
        std::fs::write(dir.join("a.json"), "{ }").unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(fingerprint(&dir), one, "a new size");
        std::fs::remove_file(dir.join("a.json")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fingerprint(&dir), empty);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_second_watcher_on_one_folder_is_refused() {
        let dir = std::env::temp_dir().join(format!("gazette-watch-lock-{}", std::process::id()));
        let first = WatchLock::take(&dir).unwrap_or_else(|e| panic!("{e:#}"));
        let second = WatchLock::take(&dir)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(second.contains("another publish --watch"), "{second}");
        drop(first);
        assert!(
            WatchLock::take(&dir).is_ok(),
            "free again once the first stops"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
