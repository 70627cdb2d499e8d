//! Files the tools write: whole or not at all, and named by keys of
//! their bytes. The importer's cache and the build's output share them.

use anyhow::{Context, Result};
use std::fs;
use std::path::Path;

/// The SHA-256 digest of `bytes`.
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

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn create_parent(path: &Path) -> Result<()> {
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
