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
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The build's own state in the output folder: not content, never served
/// (nginx and `_redirects` answer 404 for it).
pub const STATE_DIR: &str = ".gazette";

/// How to make one planned file.
pub enum Make<'a> {
    /// Bytes already made (documents, feeds: cheap to make, keyed by their bytes).
    Bytes(Vec<u8>),
    /// A page: made only if its key changed.
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

    /// The manifest of the site in `out`, if it has one.
    pub fn read(out: &Path) -> Result<Option<Manifest>> {
        let path = Self::path(out);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(
                serde_json::from_slice(&bytes).with_context(|| path.display().to_string())?,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| path.display().to_string()),
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
    manifest: Manifest,
    cache: Option<&Path>,
) -> Result<Synced> {
    let stage = out.join(STATE_DIR).join("stage");
    if stage.exists() {
        fs::remove_dir_all(&stage).with_context(|| stage.display().to_string())?;
    }
    let was = |p: &Planned| previous.and_then(|m| m.files.get(&p.file));
    let (changed, same): (Vec<&Planned>, Vec<&Planned>) = plan
        .iter()
        .partition(|p| was(p).is_none_or(|e| e.key != p.key) || !out.join(&p.file).exists());
    if let Err(error) = make_all(out, &stage, &changed, cache) {
        let _ = fs::remove_dir_all(&stage);
        return Err(error);
    }
    // New files first, so that a page never links to a file not there yet.
    let (new, replaced): (Vec<&Planned>, Vec<&Planned>) =
        changed.iter().partition(|p| was(p).is_none());
    for planned in new.iter().chain(&replaced) {
        for name in variants(&planned.file, cache.is_some()) {
            let from = stage.join(&name);
            if from.exists() {
                let to = out.join(&name);
                create_parent(&to)?;
                fs::rename(&from, &to).with_context(|| to.display().to_string())?;
            }
        }
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
        for name in variants(file, true) {
            remove_if_there(&out.join(name))?;
        }
        remove_empty_parents(out, &out.join(file));
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

/// The file and, if compressed, its `.gz` and `.br` copies.
fn variants(file: &str, compressed: bool) -> Vec<String> {
    let mut names = vec![file.to_owned()];
    if compressed && compressible(file) {
        names.extend([format!("{file}.gz"), format!("{file}.br")]);
    }
    names
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
    let bytes = match &planned.make {
        Make::Bytes(bytes) => Some(bytes.clone()),
        Make::Render(render) => Some(render()?.into_bytes()),
        Make::Copy(from) => Some(fs::read(from).with_context(|| from.display().to_string())?),
        Make::Asset => None,
    };
    let bytes = match bytes {
        Some(bytes) => {
            write(&staged, &bytes)?;
            bytes
        }
        None => {
            let path = out.join(&planned.file);
            fs::read(&path).with_context(|| path.display().to_string())?
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
/// assets (compressed once per release); a faster one for pages, documents
/// and feeds, which change with every publish (BENCHMARKS.md).
fn brotli_quality(file: &str) -> u32 {
    let asset = Path::new(file)
        .extension()
        .is_some_and(|e| e == "wasm" || e == "js" || e == "css" || e == "svg");
    if asset {
        11
    } else {
        PAGE_BROTLI_QUALITY
    }
}

/// See [`brotli_quality`].
pub const PAGE_BROTLI_QUALITY: u32 = 6;

/// Writes `staged.gz` (gzip -9) and `staged.br` beside the staged file.
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
            cache.join(format!("{key}.gz")),
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
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    let gz = gz.finish()?;
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

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// A key made of several parts (each length-prefixed, so that no two
/// different lists of parts give the same key).
pub fn key(parts: &[&[u8]]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// The hash part of a file name that follows the file's bytes (16
/// hexadecimal digits), as immutable caching needs: the themed stylesheet
/// and the app's files are named with it.
pub fn name_hash(bytes: &[u8]) -> String {
    hex(sha256(bytes).get(..8).unwrap_or_default())
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn create_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) => fs::create_dir_all(dir).with_context(|| dir.display().to_string()),
        None => Ok(()),
    }
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    create_parent(path)?;
    fs::write(path, bytes).with_context(|| path.display().to_string())
}

/// Writes `bytes` under a temporary name and renames it into place: a file
/// is whole or absent, whatever else runs at the same time and wherever the
/// writer is cut short.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    write(&partial, bytes)?;
    fs::rename(&partial, path).with_context(|| path.display().to_string())
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
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if fs::remove_dir(d).is_err() {
            break; // not empty
        }
        dir = d.parent();
    }
}

/// Every file below `dir`, at any depth, relative to it, with `/`; the
/// build's state and compressed copies left out.
pub fn site_files(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for path in files_under(dir)? {
        let relative = path
            .strip_prefix(dir)
            .with_context(|| path.display().to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        let copy = relative.ends_with(".gz") || relative.ends_with(".br");
        if !relative.starts_with(STATE_DIR) && !copy {
            files.push(relative);
        }
    }
    files.sort();
    Ok(files)
}

/// Every file below `dir`, at any depth.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| dir.display().to_string())? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}
