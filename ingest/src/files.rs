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
/// different lists of parts give the same key): XXH3's 128 bits. A key says
/// whether something changed since the last build, nothing more: no file
/// is named after one and no one is trusted by one (names that follow bytes
/// use [`sha256`]). SHA-256 was a fifth of a publish's time (decision 0031).
pub fn key(parts: &[&[u8]]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.digest128().to_be_bytes())
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    text
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
