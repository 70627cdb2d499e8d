//! Writing a site into its output folder, whole or in part, so that the
//! result is the same either way and a reader never sees half of it.
//!
//! The site step plans every file the site has ([`Planned`]): where it goes,
//! a key that changes whenever anything it is made from changes, and how to
//! make it. [`sync`] compares the plan with the manifest the last run left
//! (`.gazette/manifest.json`), makes only the files whose key changed,
//! compresses only those, and removes the files no longer planned. A full
//! build is a sync against no manifest, so a publish and a full build of
//! the same content write the same bytes (a property test checks it).
//!
//! Atomic: everything that changes is made in `.gazette/stage/` first; only
//! when all of it is made are the files renamed into place (each rename is
//! atomic), new files before the files that link to them, and the files the
//! site no longer has are removed last. A failure before that leaves the
//! output as it was.

use anyhow::{Context, Result};
use gazette::paths::Paths;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

// Written whole, keyed by their bytes: the same helpers as the importer's cache.
pub use gazette_ingest::files::{create_parent, hex, key, sha256, write, write_whole};

/// The build's own state in the output folder: not content, never served
/// (nginx and `_redirects` answer 404 for it).
pub const STATE_DIR: &str = ".gazette";

/// How the name of a stage, a folder in [`STATE_DIR`], begins: one run's
/// (`stage-<pid>`) or one a killed run left.
const STAGE: &str = "stage";

/// How to make one planned file.
pub enum Make<'a> {
    /// Bytes already made (feeds, sitemaps, search's index: keyed by their
    /// bytes).
    Bytes(std::sync::Arc<[u8]>),
    /// A page or a document: made only if its key changed.
    Render(Box<dyn Fn() -> Result<String> + Send + Sync + 'a>),
    /// A copy of a file (media).
    Copy(PathBuf),
    /// A file the app's build (Trunk) put there: kept, only compressed.
    Asset,
}

/// One file of the site.
pub struct Planned<'a> {
    /// Relative to the output folder, with `/`.
    pub file: String,
    /// Changes whenever anything the file is made from changes.
    pub key: String,
    pub make: Make<'a>,
}

/// What the last run wrote: enough to tell what a new plan changes.
#[derive(Serialize, Deserialize, Default, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The base path the site was built for (`/`, `/news/`).
    pub base: String,
    /// Whether `.gz` and `.br` copies are written (release builds).
    pub compress: bool,
    /// A key of the template and of the configuration the pages were made
    /// with: a publish made with another is refused.
    pub settings: String,
    pub files: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub key: String,
    /// Made by Trunk, not by the site step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asset: bool,
}

impl Manifest {
    pub fn path(out: &Path) -> PathBuf {
        out.join(STATE_DIR).join("manifest.json")
    }

    /// The manifest of the site in `out`, if it has one. It is read as
    /// untrusted input (anyone who can write the output folder can write
    /// it): every file it names must be a plain relative path inside the
    /// output, since a publish deletes the files it no longer plans, and its
    /// base must be one the configuration would accept, since it reaches
    /// `_headers`, `_redirects` and `robots.txt`.
    pub fn read(out: &Path) -> Result<Option<Manifest>> {
        let path = Self::path(out);
        let manifest: Manifest = match fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).with_context(|| path.display().to_string())?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| path.display().to_string()),
        };
        manifest
            .check()
            .map_err(|why| anyhow::anyhow!("{}: refused: {why}", path.display()))?;
        Ok(Some(manifest))
    }

    fn check(&self) -> std::result::Result<(), String> {
        crate::config::Base::try_from(self.base.clone())?;
        match self.files.keys().find(|file| !is_output_path(file)) {
            Some(file) => Err(format!(
                "{} is not a file inside the output folder",
                gazette_ingest::text::printable(file)
            )),
            None => Ok(()),
        }
    }
}

/// Whether `file` names a file inside the output folder the way the plan
/// names them: relative, with `/`, no empty, `.` or `..` segment, and none
/// of the characters a path can hide another meaning in (`\`, `:`,
/// control characters).
pub fn is_output_path(file: &str) -> bool {
    !file.is_empty()
        && file.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && !segment
                    .chars()
                    .any(|c| c == '\\' || c == ':' || c.is_control())
        })
}

/// One build or publish at a time in an output folder: an exclusive lock
/// on `.gazette/lock`, held while the value lives and released by the
/// operating system if the process dies.
pub struct Lock(#[allow(dead_code)] fs::File);

impl Lock {
    pub fn take(out: &Path) -> Result<Lock> {
        let path = out.join(STATE_DIR).join("lock");
        create_parent(&path)?;
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| path.display().to_string())?;
        match file.try_lock() {
            Ok(()) => Ok(Lock(file)),
            Err(fs::TryLockError::WouldBlock) => anyhow::bail!(
                "{}: another publish or build is running on this folder; try again when it has finished",
                out.display()
            ),
            Err(fs::TryLockError::Error(e)) => Err(e).with_context(|| path.display().to_string()),
        }
    }
}

/// What a sync did.
#[derive(Default, Debug)]
pub struct Synced {
    /// Files made (new or changed), not counting compressed copies.
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

/// Brings `out` to `plan`: see the module's comment. `cache` keeps
/// compressed copies by content (`None`: no compression).
pub fn sync(
    out: &Path,
    plan: Vec<Planned>,
    previous: Option<&Manifest>,
    present: Present,
    manifest: Manifest,
    cache: Option<&Path>,
) -> Result<Synced> {
    // A stage of this run's own: a stage another run left (killed half
    // way) is removed, as nothing but the holder of the lock writes here.
    let state = out.join(STATE_DIR);
    remove_stages(&state)?;
    let stage = state.join(format!("{STAGE}-{}", std::process::id()));
    let was = |p: &Planned| previous.and_then(|m| m.files.get(&p.file));
    // A file is made again when its key changed, or when it or one of its
    // compressed copies is missing from the output (removed by hand, lost
    // in a copy): a publish heals the output.
    let present = present.files()?;
    let missing = |p: &Planned| {
        copies(&p.file, cache.is_some())
            .iter()
            .any(|copy| !present.contains(&path_hash(&[p.file.as_bytes(), copy.as_bytes()])))
    };
    let (changed, same): (Vec<&Planned>, Vec<&Planned>) = plan
        .iter()
        .partition(|p| was(p).is_none_or(|e| e.key != p.key) || missing(p));
    if let Err(error) = make_all(out, &stage, &changed, cache) {
        let _ = fs::remove_dir_all(&stage);
        return Err(error);
    }
    // New files first, so that a page never links to a file not there yet.
    let (new, replaced): (Vec<&Planned>, Vec<&Planned>) =
        changed.iter().partition(|p| was(p).is_none());
    for planned in new.iter().chain(&replaced) {
        move_into_place(out, &stage, planned, cache.is_some())?;
    }
    let planned: std::collections::BTreeSet<&str> = plan.iter().map(|p| p.file.as_str()).collect();
    let gone: Vec<String> = previous
        .map(|m| {
            m.files
                .keys()
                .filter(|f| !planned.contains(f.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    write_whole(
        &Manifest::path(out),
        serde_json::to_string(&manifest)?.as_bytes(),
    )?;
    for file in &gone {
        let path = out.join(file);
        // Never through a link someone put in the output folder (a file and
        // its copies share their folders: one look for all three).
        if !linked_below(out, &path) {
            for name in variants(file, true) {
                remove_if_there(&out.join(name))?;
            }
        }
        remove_empty_parents(out, &path);
    }
    let _ = fs::remove_dir_all(&stage);
    Ok(Synced {
        written: changed
            .iter()
            .filter(|p| !matches!(p.make, Make::Asset))
            .map(|p| p.file.clone())
            .collect(),
        removed: gone,
        unchanged: same.len(),
    })
}

/// The files already in the output, for a publish to make again those
/// missing: listed on a thread of their own while the content is read and
/// planned, which leaves a core idle part of its time (the listing was 0.7
/// s of a publish at 100,000 articles, 1.5 million files).
pub struct Present(Option<std::thread::JoinHandle<Result<foldhash::HashSet<u64>>>>);

impl Present {
    /// Starts listing `out`'s files. Nothing but the holder of the lock
    /// writes there, and a stage it removes meanwhile is not looked into.
    pub fn list(out: &Path) -> Self {
        let out = out.to_owned();
        Self(Some(std::thread::spawn(move || present(&out))))
    }

    /// Nothing listed: a full build makes every file, whatever is there.
    pub fn not_listed() -> Self {
        Self(None)
    }

    fn files(self) -> Result<foldhash::HashSet<u64>> {
        match self.0 {
            Some(listing) => listing
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("listing the output's files failed"))),
            None => Ok(Default::default()),
        }
    }
}

/// Every file in `out`, by the [`path_hash`] of its path under it (`/`
/// between folders), from its folders' listings: one look per folder, not
/// one per file (a publish at 10,000 articles asked about 150,000 files
/// one by one). Hashes, not names: 1.5 million names at 100,000 articles
/// were about 150 MB of a publish (issue 32); two names meeting in 64 bits
/// would let a missing file go unhealed, about once in 10^7 publishes of
/// that size. A folder reached through a link is not looked into: its
/// files count as missing and are made again.
fn present(out: &Path) -> Result<foldhash::HashSet<u64>> {
    let mut found = foldhash::HashSet::default();
    let stages = format!("{STATE_DIR}/{STAGE}");
    let stage = |folder: &str| folder.starts_with(&stages);
    each_file(out, Links::AreFiles, &stage, &mut |folder, name| {
        found.insert(path_hash(&[folder.as_bytes(), name.as_bytes()]));
    })?;
    Ok(found)
}

/// The hash of a file's path, given in parts (a folder and a name, or a
/// file and its copy's ending): XXH3 over the parts one after the other,
/// so however a path is cut its hash is the same.
fn path_hash(parts: &[&[u8]]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.digest()
}

/// Renames a made file (and its copies) from the stage into the output.
/// A staged file that is gone is an error, never a file skipped while the
/// manifest says it was written.
fn move_into_place(out: &Path, stage: &Path, planned: &Planned, compressed: bool) -> Result<()> {
    for name in variants(&planned.file, compressed) {
        // Trunk's files stay where they are; only their copies are staged.
        if matches!(planned.make, Make::Asset) && name == planned.file {
            continue;
        }
        let from = stage.join(&name);
        let to = out.join(&name);
        create_parent(&to)?;
        fs::rename(&from, &to)
            .with_context(|| format!("{}: the staged copy of {name} is gone", from.display()))?;
    }
    Ok(())
}

/// The file and, if compressed, its `.gz` and `.br` copies.
fn variants(file: &str, compressed: bool) -> Vec<String> {
    copies(file, compressed)
        .iter()
        .map(|copy| format!("{file}{copy}"))
        .collect()
}

/// What [`variants`] adds to a file's name: nothing for the file itself,
/// then each compressed copy's ending.
fn copies(file: &str, compressed: bool) -> &'static [&'static str] {
    if compressed && compressible(file) {
        &["", ".gz", ".br"]
    } else {
        &[""]
    }
}

/// Makes every changed file (and its compressed copies) in `stage`, on
/// every core.
fn make_all(out: &Path, stage: &Path, changed: &[&Planned], cache: Option<&Path>) -> Result<()> {
    if let Some(cache) = cache {
        fs::create_dir_all(cache).with_context(|| cache.display().to_string())?;
    }
    // Pages cost far more than documents: each thread takes the next file.
    crate::parallel::each(crate::parallel::cores(), changed, |planned| {
        make_one(out, stage, planned, cache)
    })
    .map(drop)
}

fn make_one(out: &Path, stage: &Path, planned: &Planned, cache: Option<&Path>) -> Result<()> {
    let staged = stage.join(&planned.file);
    use std::borrow::Cow;
    let made: Option<Cow<[u8]>> = match &planned.make {
        Make::Bytes(bytes) => Some(Cow::Borrowed(bytes)),
        Make::Render(render) => Some(Cow::Owned(render()?.into_bytes())),
        Make::Copy(from) => Some(Cow::Owned(
            fs::read(from).with_context(|| from.display().to_string())?,
        )),
        Make::Asset => None,
    };
    let bytes = match made {
        Some(bytes) => {
            write(&staged, &bytes)?;
            bytes
        }
        None => {
            let path = out.join(&planned.file);
            Cow::Owned(fs::read(&path).with_context(|| path.display().to_string())?)
        }
    };
    match cache {
        Some(cache) if compressible(&planned.file) => {
            compress(&bytes, &staged, &planned.file, cache)
        }
        _ => Ok(()),
    }
}

const COMPRESSIBLE: [&str; 9] = [
    "html", "js", "css", "json", "svg", "xml", "txt", "wasm", "map",
];

/// Text assets get `.gz` and `.br` copies, for servers that send
/// precompressed files (nginx `gzip_static`, `brotli_static`); the build's
/// own state does not.
fn compressible(file: &str) -> bool {
    !file.starts_with(STATE_DIR)
        && Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// Brotli's quality for a file: 11, the smallest, for the build's hashed
/// assets (compressed once per release) and search's manifest (one file of
/// 14 KB at 10,000 articles that every first query fetches: 0.9 KB
/// smaller for a few milliseconds a publish); a faster one for pages,
/// documents and feeds, which change with every publish (BENCHMARKS.md).
fn brotli_quality(file: &str) -> u32 {
    let asset = Path::new(file)
        .extension()
        .is_some_and(|e| e == "wasm" || e == "js" || e == "css" || e == "svg");
    if asset || file == SEARCH_MANIFEST.as_str() {
        11
    } else {
        PAGE_BROTLI_QUALITY
    }
}

/// See [`brotli_quality`].
pub const PAGE_BROTLI_QUALITY: u32 = 5;

/// Search's manifest under the site's root, made once rather than for
/// every file compressed.
static SEARCH_MANIFEST: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| crate::plan::search::file(Paths::new("").search_index()));

/// Writes `staged.gz` (gzip, [`GZIP`]) and `staged.br` beside the staged file.
/// Compression is most of a cold build's time, so each file's copies are
/// kept in `cache` under the hash of its content and reused while it does
/// not change. Cache and stage share the copies as hard links (the output
/// only ever renames files, never writes into one): file operations are
/// slow enough here that copying them cost more than compressing.
fn compress(bytes: &[u8], staged: &Path, file: &str, cache: &Path) -> Result<()> {
    let key = hex(&sha256(bytes));
    let quality = brotli_quality(file);
    let name = staged.to_string_lossy();
    let copies = [
        (
            cache.join(format!("{key}-{GZIP}.gz")),
            PathBuf::from(format!("{name}.gz")),
        ),
        (
            cache.join(format!("{key}-q{quality}.br")),
            PathBuf::from(format!("{name}.br")),
        ),
    ];
    create_parent(staged)?;
    if copies.iter().all(|(cached, to)| share(cached, to).is_ok()) {
        return Ok(());
    }
    let gz = gzip(bytes)?;
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, quality, 22);
        w.write_all(bytes)?;
    }
    for ((cached, to), data) in copies.iter().zip([&gz, &br]) {
        remove_if_there(to)?;
        write(to, data)?;
        // Another build may have cached the same bytes meanwhile: either
        // copy is right.
        let _ = fs::hard_link(to, cached);
    }
    Ok(())
}

/// How gzip copies are made, part of their key in the cache: other
/// settings make other bytes, and a cache made with them must not serve.
const GZIP: &str = "libdeflate9";

/// `bytes` as gzip, by libdeflate at level 9 (see [`GZIP`]).
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let level =
        libdeflater::CompressionLvl::new(9).map_err(|e| anyhow::anyhow!("gzip level: {e:?}"))?;
    let mut compressor = libdeflater::Compressor::new(level);
    let mut gz = vec![0; compressor.gzip_compress_bound(bytes.len())];
    let written = compressor
        .gzip_compress(bytes, &mut gz)
        .map_err(|e| anyhow::anyhow!("gzip: {e:?}"))?;
    gz.truncate(written);
    Ok(gz)
}

/// `to` becomes the cached file: a hard link, or a copy across file systems.
fn share(cached: &Path, to: &Path) -> std::io::Result<()> {
    fs::hard_link(cached, to).or_else(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Err(e)
        } else {
            fs::copy(cached, to).map(|_| ())
        }
    })
}

/// The hash part of a file name that follows the file's bytes (16
/// hexadecimal digits), as immutable caching needs: the themed stylesheet
/// and the app's files are named with it.
pub fn name_hash(bytes: &[u8]) -> String {
    hex(sha256(bytes).get(..8).unwrap_or_default())
}

/// Removes every stage under the build's state folder (`stage`, `stage-<pid>`).
fn remove_stages(state: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(state) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let stage = entry.file_name().to_string_lossy().starts_with(STAGE);
        if stage && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let path = entry.path();
            fs::remove_dir_all(&path).with_context(|| path.display().to_string())?;
        }
    }
    Ok(())
}

/// Whether a folder between `out` and `path` is a symbolic link (a file
/// removed through it could be anywhere).
fn linked_below(out: &Path, path: &Path) -> bool {
    folders_between(out, path)
        .any(|d| fs::symlink_metadata(d).is_ok_and(|m| m.file_type().is_symlink()))
}

/// The folders that hold `path` inside `out`, innermost first, `out` itself
/// not included.
fn folders_between<'a>(out: &'a Path, path: &'a Path) -> impl Iterator<Item = &'a Path> {
    path.ancestors()
        .skip(1)
        .take_while(move |d| *d != out && d.starts_with(out))
}

fn remove_if_there(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| path.display().to_string())
        }
        _ => Ok(()),
    }
}

/// Removes the folders above `file` that it left empty, up to `out`.
fn remove_empty_parents(out: &Path, file: &Path) {
    // Stops at the first folder that is not empty.
    for dir in folders_between(out, file) {
        if fs::remove_dir(dir).is_err() {
            break;
        }
    }
}

/// Every file below `dir`, at any depth, relative to it, with `/`; the
/// build's state and compressed copies left out. Walked folder by folder
/// and kept as it goes: the whole tree's paths first, copies included,
/// were 25 MB of a 10,000-article build's peak (issue 32).
pub fn site_files(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    each_file(
        dir,
        Links::Followed,
        &|folder| folder == STATE_DIR,
        &mut |folder, name| {
            if !name.ends_with(".gz") && !name.ends_with(".br") {
                files.push(format!("{folder}{name}"));
            }
        },
    )?;
    files.sort();
    Ok(files)
}

/// Every file below `dir`, at any depth.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    each_file(dir, Links::Followed, &|_| false, &mut |folder, name| {
        files.push(dir.join(folder).join(name));
    })?;
    Ok(files)
}

/// What a walk of the output makes of a link to a folder.
#[derive(Clone, Copy)]
enum Links {
    /// Looked into, as `Path::is_dir` says it is a folder.
    Followed,
    /// Taken for a file, never looked into.
    AreFiles,
}

/// Calls `file` with each file below `dir`, at any depth: the path of its
/// folder under `dir` (empty, or ending in `/`) and its name, one listing
/// per folder, in the listings' order. A folder whose path under `dir`
/// `skip` names is not looked into. The one walk of the output folder,
/// its paths made as it goes, never the whole tree's at once (issue 32).
fn each_file(
    dir: &Path,
    links: Links,
    skip: &dyn Fn(&str) -> bool,
    file: &mut dyn FnMut(&str, &str),
) -> Result<()> {
    fn walk(
        dir: &Path,
        folder: &str,
        links: Links,
        skip: &dyn Fn(&str) -> bool,
        file: &mut dyn FnMut(&str, &str),
    ) -> Result<()> {
        for entry in fs::read_dir(dir).with_context(|| dir.display().to_string())? {
            let entry = entry.with_context(|| dir.display().to_string())?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let kind = entry.file_type();
            let is_folder = match links {
                Links::Followed => {
                    let kind = kind.with_context(|| entry.path().display().to_string())?;
                    kind.is_dir() || (kind.is_symlink() && entry.path().is_dir())
                }
                // What cannot be told is a file: missing, so made again.
                Links::AreFiles => kind.is_ok_and(|kind| kind.is_dir()),
            };
            if !is_folder {
                file(folder, &name);
            } else if !skip(&format!("{folder}{name}")) {
                walk(
                    &entry.path(),
                    &format!("{folder}{name}/"),
                    links,
                    skip,
                    file,
                )?;
            }
        }
        Ok(())
    }
    walk(dir, "", links, skip, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_files_are_every_file_but_the_state_and_the_copies_sorted() {
        let dir = std::env::temp_dir().join(format!("gazette-site-files-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for file in [
            "index.html",
            "index.html.gz",
            "index.html.br",
            "b/c/deep.json",
            "b/c/deep.json.br",
            "a.js",
            ".gazette/manifest.json",
            ".gazette/stage-1/x.html",
            "b/.gazette/kept.txt",
            ".gazettes",
        ] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, file).unwrap();
        }
        fs::create_dir_all(dir.join("empty")).unwrap();
        // Links: to a folder, followed; to a file, a file.
        let elsewhere = dir.with_extension("elsewhere");
        let _ = fs::remove_dir_all(&elsewhere);
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("x.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("linked")).unwrap();
        std::os::unix::fs::symlink(dir.join("a.js"), dir.join("alias.js")).unwrap();
        let files = site_files(&dir);
        fs::remove_dir_all(&dir).unwrap();
        fs::remove_dir_all(&elsewhere).unwrap();
        assert_eq!(
            files.unwrap(),
            [
                ".gazettes",
                "a.js",
                "alias.js",
                "b/.gazette/kept.txt",
                "b/c/deep.json",
                "index.html",
                "linked/x.txt"
            ]
        );
    }

    #[test]
    fn a_gzip_copy_gives_back_its_file() {
        let page = "<p>Вучић, Vučić: KFOR</p>".repeat(2_000);
        let noise: Vec<u8> = (0..70_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for bytes in [&b""[..], b"x", page.as_bytes(), &noise] {
            let gz = gzip(bytes).unwrap();
            assert_eq!(gz.get(..2), Some(&[0x1f, 0x8b][..]), "a gzip member");
            let mut back = vec![0; bytes.len()];
            let n = libdeflater::Decompressor::new()
                .gzip_decompress(&gz, &mut back)
                .unwrap();
            assert_eq!(&back[..n], bytes);
        }
        assert!(gzip(page.as_bytes()).unwrap().len() < page.len() / 20);
    }

    #[test]
    fn text_files_get_compressed_copies_and_assets_the_smallest() {
        for (file, compressed, quality) in [
            ("index.html", true, PAGE_BROTLI_QUALITY),
            ("articles/a/index.html", true, PAGE_BROTLI_QUALITY),
            ("api/v1/articles/a.json", true, PAGE_BROTLI_QUALITY),
            ("sitemap.xml", true, PAGE_BROTLI_QUALITY),
            ("robots.txt", true, PAGE_BROTLI_QUALITY),
            ("api/v1/search/index.json", true, 11),
            (
                "api/v1/search/shards/0123456789ab.json",
                true,
                PAGE_BROTLI_QUALITY,
            ),
            ("api/v1/search/articles/1.json", true, PAGE_BROTLI_QUALITY),
            ("gazette-0123_bg.wasm", true, 11),
            ("gazette-0123.js", true, 11),
            ("main-0123.css", true, 11),
            ("images/logo.svg", true, 11),
            ("media/2023/01/a.png", false, PAGE_BROTLI_QUALITY),
            ("media/2023/01/a.jpg", false, PAGE_BROTLI_QUALITY),
            ("fonts/a.woff2", false, PAGE_BROTLI_QUALITY),
            ("_headers", false, PAGE_BROTLI_QUALITY),
            (".gazette/manifest.json", false, PAGE_BROTLI_QUALITY),
            (".gazette/nginx-http.conf", false, PAGE_BROTLI_QUALITY),
        ] {
            assert_eq!(compressible(file), compressed, "{file}");
            assert_eq!(brotli_quality(file), quality, "{file}");
        }
    }

    struct Scratch(PathBuf);
    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
    fn scratch(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("gazette-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        Scratch(dir)
    }

    #[test]
    fn only_plain_relative_paths_name_files_of_the_output() {
        for file in [
            "index.html",
            "articles/kfor-troop-levels-since-1999.html",
            "media/2023/01/logo@2x.png",
            ".gazette/template.html",
            "api/v1/tags/kfor/page/2.json",
        ] {
            assert!(is_output_path(file), "{file}");
        }
        for file in [
            "",
            "../../home/x/.ssh/authorized_keys",
            "media/../../x",
            "/etc/passwd",
            "//etc/passwd",
            "./index.html",
            "articles/./a.html",
            "a//b",
            "articles/",
            "..",
            "C:\\Windows\\x",
            "c:/x",
            "a\\..\\..\\x",
            "media/x.png\0",
            "media/x\n.png",
        ] {
            assert!(!is_output_path(file), "{file:?}");
        }
    }

    fn manifest_with(out: &Path, base: &str, files: &[&str]) {
        let manifest = Manifest {
            base: base.into(),
            compress: false,
            settings: String::new(),
            files: files
                .iter()
                .map(|f| {
                    let entry = Entry {
                        key: "k".into(),
                        asset: false,
                    };
                    ((*f).to_owned(), entry)
                })
                .collect(),
        };
        let text = serde_json::to_string(&manifest).unwrap_or_default();
        write(&Manifest::path(out), text.as_bytes()).unwrap_or_else(|e| panic!("{e:#}"));
    }

    #[test]
    fn a_manifest_naming_files_outside_the_output_or_a_strange_base_is_refused() {
        let dir = scratch("manifest");
        manifest_with(&dir.0, "/news/", &["index.html", "media/a.png"]);
        assert!(Manifest::read(&dir.0).is_ok_and(|m| m.is_some()));
        for key in ["../../outside.txt", "/tmp/x", "media/../../x", "a//b"] {
            manifest_with(&dir.0, "/", &["index.html", key]);
            let refused = Manifest::read(&dir.0).err().map(|e| format!("{e:#}"));
            assert!(
                refused
                    .as_deref()
                    .is_some_and(|e| e.contains("not a file inside the output")),
                "{key}: {refused:?}"
            );
        }
        for base in [
            "/../",
            "/news/../../",
            "news",
            "/news\n/* https://evil.example 200",
            "//evil.example/",
            "/./",
        ] {
            manifest_with(&dir.0, base, &["index.html"]);
            assert!(Manifest::read(&dir.0).is_err(), "{base:?}");
        }
    }

    #[test]
    fn no_manifest_is_no_site_and_an_unreadable_one_is_an_error() {
        let dir = scratch("no-manifest");
        assert!(
            matches!(Manifest::read(&dir.0), Ok(None)),
            "an empty folder has no site"
        );
        // A manifest that cannot be read (here a folder) is not "no site":
        // a publish must not start over as if nothing were built.
        fs::create_dir_all(Manifest::path(&dir.0)).unwrap_or_else(|e| panic!("{e}"));
        let error = Manifest::read(&dir.0).err().map(|e| format!("{e:#}"));
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("manifest.json")),
            "{error:?}"
        );
    }

    #[test]
    fn no_file_is_removed_through_a_linked_folder() {
        let dir = scratch("linked");
        let (out, outside) = (dir.0.join("out"), dir.0.join("outside"));
        write(&outside.join("precious.png"), b"keep me").unwrap_or_else(|e| panic!("{e:#}"));
        fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&outside, out.join("media")).unwrap_or_else(|e| panic!("{e}"));
        write(&out.join("old.html"), b"old").unwrap_or_else(|e| panic!("{e:#}"));
        manifest_with(&out, "/", &["media/precious.png", "old.html"]);
        let previous = Manifest::read(&out).unwrap_or_else(|e| panic!("{e:#}"));
        let synced = sync(
            &out,
            Vec::new(),
            previous.as_ref(),
            Present::list(&out),
            Manifest::default(),
            None,
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(synced.removed.len(), 2);
        assert!(
            outside.join("precious.png").exists(),
            "removed through the link"
        );
        // An output folder reached through a link is still the output:
        // the files it no longer plans are removed.
        let (real, link) = (dir.0.join("real"), dir.0.join("link"));
        write(&real.join("articles/old.html"), b"old").unwrap_or_else(|e| panic!("{e:#}"));
        std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
        manifest_with(&link, "/", &["articles/old.html"]);
        let previous = Manifest::read(&link).unwrap_or_else(|e| panic!("{e:#}"));
        sync(
            &link,
            Vec::new(),
            previous.as_ref(),
            Present::list(&link),
            Manifest::default(),
            None,
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert!(
            !real.join("articles/old.html").exists(),
            "kept through the output's own link"
        );
        assert!(
            !out.join("old.html").exists(),
            "a file no longer planned is removed"
        );
    }

    #[test]
    fn a_staged_file_that_is_gone_is_an_error() {
        let dir = scratch("gone");
        let (out, stage) = (dir.0.join("out"), dir.0.join("stage"));
        for (file, make, compressed, staged) in [
            ("a.html", Make::Bytes(Vec::new().into()), false, vec![]),
            (
                "a.html",
                Make::Bytes(Vec::new().into()),
                true,
                vec!["a.html", "a.html.gz"],
            ),
            ("app.wasm", Make::Asset, true, vec!["app.wasm.gz"]),
            ("media/x.png", Make::Copy(PathBuf::new()), false, vec![]),
        ] {
            for name in &staged {
                write(&stage.join(name), b"x").unwrap_or_else(|e| panic!("{e:#}"));
            }
            let planned = Planned {
                file: file.into(),
                key: String::new(),
                make,
            };
            let moved = move_into_place(&out, &stage, &planned, compressed);
            assert!(
                moved
                    .as_ref()
                    .is_err_and(|e| format!("{e:#}").contains("is gone")),
                "{file} ({staged:?} staged): {moved:?}"
            );
        }
        // Everything staged: moved, and nothing asked of Trunk's own file.
        for name in ["app.wasm.gz", "app.wasm.br"] {
            write(&stage.join(name), b"x").unwrap_or_else(|e| panic!("{e:#}"));
        }
        let planned = Planned {
            file: "app.wasm".into(),
            key: String::new(),
            make: Make::Asset,
        };
        move_into_place(&out, &stage, &planned, true).unwrap_or_else(|e| panic!("{e:#}"));
        assert!(out.join("app.wasm.br").exists() && !out.join("app.wasm").exists());
    }

    #[test]
    fn one_publisher_at_a_time_and_the_lock_goes_with_it() {
        let dir = scratch("lock");
        let first = Lock::take(&dir.0).unwrap_or_else(|e| panic!("{e:#}"));
        for _ in 0..3 {
            let second = Lock::take(&dir.0).err().map(|e| format!("{e:#}"));
            assert!(
                second
                    .as_deref()
                    .is_some_and(|e| e.contains("another publish or build is running")),
                "{second:?}"
            );
        }
        drop(first);
        assert!(Lock::take(&dir.0).is_ok(), "free once the first is done");
    }

    /// A publish lists the output while it reads its content: a stage,
    /// which the sync may be removing meanwhile, is not looked into; the
    /// rest of the build's state is listed.
    #[test]
    fn the_files_present_are_listed_without_looking_into_a_stage() {
        let dir = scratch("present");
        let listed = ["index.html", "articles/a.html", ".gazette/search-words"];
        let staged = [".gazette/stage-1/x.html", ".gazette/stage/y.html"];
        for file in listed.iter().chain(&staged) {
            write(&dir.0.join(file), b"x").unwrap_or_else(|e| panic!("{e:#}"));
        }
        let present = Present::list(&dir.0)
            .files()
            .unwrap_or_else(|e| panic!("{e:#}"));
        let hash = |file: &str| path_hash(&[file.as_bytes()]);
        for file in listed {
            assert!(present.contains(&hash(file)), "{file}");
        }
        assert_eq!(present.len(), listed.len());
        let nothing = Present::not_listed().files();
        assert!(nothing.is_ok_and(|files| files.is_empty()));
    }

    #[test]
    fn a_stage_left_by_a_killed_run_is_cleared_and_each_run_stages_apart() {
        let dir = scratch("stages");
        let state = dir.0.join(STATE_DIR);
        for left in ["stage", "stage-4242", "stage-1"] {
            write(&state.join(left).join("half.html"), b"half").unwrap_or_else(|e| panic!("{e:#}"));
        }
        let plan = vec![Planned {
            file: "index.html".into(),
            key: "1".into(),
            make: Make::Bytes(b"whole".as_slice().into()),
        }];
        // What else the state folder holds is not a stage: kept.
        write(&state.join("stage-notes.txt"), b"a file").unwrap_or_else(|e| panic!("{e:#}"));
        write(&state.join("other").join("kept"), b"kept").unwrap_or_else(|e| panic!("{e:#}"));
        sync(
            &dir.0,
            plan,
            None,
            Present::not_listed(),
            Manifest::default(),
            None,
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert!(state.join("stage-notes.txt").is_file() && state.join("other/kept").is_file());
        let left: Vec<String> = fs::read_dir(&state)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let stages = left
            .iter()
            .filter(|n| n.starts_with("stage") && state.join(n).is_dir());
        assert_eq!(stages.count(), 0, "{left:?}");
        assert_eq!(
            fs::read(dir.0.join("index.html")).unwrap_or_default(),
            b"whole"
        );
    }
}
