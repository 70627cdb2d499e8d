//! Where articles come from: a folder of article JSON ([`folder`]) or a
//! WordPress site ([`wordpress`]). Each gives the same source-neutral
//! result, [`Sourced`]; nothing after this step knows which source it was.

pub mod folder;
pub mod wordpress;

use crate::config::ContentSource;
use anyhow::Result;
use gazette_contract::{Article, NonEmpty, Slug};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a source gives the build: the articles, their related posts named
/// by slug, and the files it publishes as they are.
pub struct Sourced {
    pub articles: Vec<Article<Slug>>,
    /// Authors' biographies by author slug, where the source has them
    /// (WordPress: the user's description); none for a folder of articles.
    pub about: BTreeMap<Slug, NonEmpty>,
    /// Files the site publishes as they are (WordPress's uploads); none for
    /// a folder of articles.
    pub media: Vec<MediaFile>,
    pub related: Related,
}

/// Where an article's related posts come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Related {
    /// The source names them (a folder of articles).
    Named,
    /// The source has no such field (WordPress): the model derives them
    /// from shared tags and sections (`content::related`).
    FromTags,
}

/// A file of the source copied into the built site.
#[derive(Debug, Clone)]
pub struct MediaFile {
    /// Where it is published, relative to the site's root (`media/…`).
    pub site_path: String,
    /// Where the build keeps its copy.
    pub file: PathBuf,
}

/// Which articles a build asks its source for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Every published article (a full build).
    Everything,
    /// Only what changed since the last build, where the source can tell
    /// (a publish from WordPress: see `wordpress::Client::changes`).
    Changes,
}

/// The articles of `source` (a WordPress site's report goes to
/// `target/wordpress-report.json`, or the file `GAZETTE_REPORT` names).
pub fn read(
    root: &Path,
    source: &ContentSource,
    language: &str,
    reading: Reading,
) -> Result<Sourced> {
    match source {
        ContentSource::Articles(dir) => Ok(Sourced {
            articles: folder::read(&root.join(dir))?,
            about: BTreeMap::new(),
            media: Vec::new(),
            related: Related::Named,
        }),
        ContentSource::WordPress(site) => {
            let target = root.join("target");
            let import = wordpress::import(
                site,
                language,
                &target.join("wordpress-media"),
                &target.join("wordpress-posts"),
                reading,
            )?;
            import.report.write(&target)?;
            Ok(Sourced {
                articles: import.articles,
                about: import.about,
                media: import.media,
                related: Related::FromTags,
            })
        }
    }
}

/// What is wrong with the content, every problem found (not just the
/// first), one per line: the build's answer to an author.
#[derive(Debug)]
pub struct Problems(pub Vec<String>);

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for Problems {}

/// `Ok(value)`, or the problems found on the way to it.
pub fn unless<T>(problems: Vec<String>, value: impl FnOnce() -> Result<T>) -> Result<T> {
    if problems.is_empty() {
        value()
    } else {
        Err(Problems(problems).into())
    }
}
