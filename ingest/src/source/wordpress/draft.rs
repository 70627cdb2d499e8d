//! One post as its editor sees it, for a preview (the preview server,
//! `xtask/src/preview/`): asked for with an editor's application password,
//! whatever its status, with its unsaved changes when they are newer, and
//! converted by the same converter as a published post.
//!
//! Nothing of a draft is written anywhere: no import store, no copy of its
//! images (the preview server passes them on when the page shows them).

use super::{article, brief, named, Client, Failure, Limits, Media, Post, Raw, Rendered};
use crate::config::WordPressSite;
use base64::Engine;
use gazette_contract::{Article, Slug};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::time::Duration;

/// An editor's WordPress account: a login and one of its application
/// passwords (WordPress 5.6+). Its `Debug` shows neither.
#[derive(Clone)]
pub struct Editor {
    authorization: String,
}

impl Editor {
    pub fn new(login: &str, application_password: &str) -> Editor {
        let pair = format!("{login}:{application_password}");
        Editor {
            authorization: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            ),
        }
    }
}

impl fmt::Debug for Editor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Editor(…)")
    }
}

/// Why a draft cannot be shown, in words for the editor. None of them
/// quotes the draft.
#[derive(Debug)]
pub enum DraftError {
    /// No post of this id (or not one the account may edit).
    NotFound,
    /// WordPress refused the account (a wrong or revoked password).
    Refused(String),
    /// WordPress is down, slow or answering errors.
    Unreachable(String),
    /// The post cannot be made into an article (no title, …).
    Unconvertible(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::NotFound => f.write_str("WordPress has no post of this number"),
            DraftError::Refused(why) => write!(f, "WordPress refused the preview's account: {why}"),
            DraftError::Unreachable(why) => write!(f, "{why}"),
            DraftError::Unconvertible(why) => write!(f, "the post cannot be shown: {why}"),
        }
    }
}

/// What one preview may cost: a post, its autosave and one image's
/// credit, within ten seconds (an editor is waiting).
fn limits() -> Limits {
    const MIB: u64 = 1024 * 1024;
    Limits {
        pages: 1,
        answer_bytes: 16 * MIB,
        api_bytes: 64 * MIB,
        media_files: 0,
        media_bytes: 32 * MIB,
        media_total: 32 * MIB,
        time: Duration::from_secs(10),
    }
}

/// An autosave: the post's unsaved title, text and excerpt.
#[derive(Deserialize)]
struct Autosave {
    modified: String,
    modified_gmt: String,
    title: Rendered,
    content: Rendered,
    excerpt: Rendered,
}

/// Post `id` of `site` as `editor` would publish it now: the post, or its
/// newest autosave if that is newer.
pub fn draft(
    site: &WordPressSite,
    language: &str,
    editor: &Editor,
    id: u64,
) -> Result<Article<Slug>, DraftError> {
    let client = Client::connect(site, limits(), Some(editor.authorization.clone()))
        .map_err(|e| DraftError::Unreachable(format!("{e:#}")))?;
    let failed = |failure: Failure| match failure {
        Failure::Status(400 | 404, _) => DraftError::NotFound,
        Failure::Status(status @ (401 | 403), message) => {
            DraftError::Refused(format!("{status} {}", crate::text::printable(&message)))
        }
        failure => DraftError::Unreachable(format!("{:#}", client.explain(failure))),
    };
    let route = format!("/wp/v2/posts/{id}");
    let (raw, _): (Raw, _) = client
        .get(
            &route,
            &[
                ("context", "edit"),
                ("_embed", "author,wp:featuredmedia,wp:term"),
            ],
        )
        .map_err(failed)?;
    let mut post: Post = serde_json::from_str(raw.get())
        .map_err(|e| DraftError::Unreachable(format!("not a WordPress post: {e}")))?;
    if brief(&raw).id != Some(id) {
        return Err(DraftError::NotFound);
    }
    let (autosaves, _): (Vec<Raw>, _) = client
        .get(&format!("{route}/autosaves"), &[("context", "edit")])
        .map_err(failed)?;
    let newest = autosaves
        .iter()
        .filter_map(|a| serde_json::from_str::<Autosave>(a.get()).ok())
        .max_by(|a, b| a.modified_gmt.cmp(&b.modified_gmt));
    if let Some(autosave) = newest.filter(|a| a.modified_gmt > post.modified_gmt) {
        post.title = autosave.title;
        post.content.rendered = autosave.content.rendered;
        post.excerpt = autosave.excerpt;
        post.modified = autosave.modified;
        post.modified_gmt = autosave.modified_gmt;
    }
    // A draft that was never saved with a title has no slug yet; WordPress
    // says which one it would give.
    if post.slug.is_empty() {
        post.slug = std::mem::take(&mut post.generated_slug);
    }
    let credits = client
        .credits(std::slice::from_ref(&post), &BTreeMap::new())
        .unwrap_or_default();
    // Not a folder anything is written to: a preview copies no image.
    let media = Media::new(site, std::path::Path::new(""), credits);
    let name = named(&post, &mut BTreeSet::new()).map_err(DraftError::Unconvertible)?;
    let (article, _dropped) = article(&post, name, language, &media)
        .map_err(|e| DraftError::Unconvertible(format!("{e:#}")))?;
    Ok(article)
}

/// One upload of `site` (`path` below `wp-content/uploads/`), read for a
/// preview and checked as the build checks the copies it publishes: its
/// media type and bytes.
pub fn upload(site: &WordPressSite, path: &str) -> Result<(&'static str, Vec<u8>), DraftError> {
    let kind = super::upload_path(path).map_err(DraftError::Unconvertible)?;
    let client = Client::unprobed(site, limits(), None);
    let url = format!("{}/wp-content/uploads/{path}", site.origin());
    let answer = client.media(&url).map_err(|failure| match failure {
        Failure::Status(404, _) => DraftError::NotFound,
        failure => DraftError::Unreachable(format!("{:#}", client.explain(failure))),
    })?;
    kind.check(&answer.content_type, &answer.body)
        .map_err(DraftError::Unconvertible)?;
    Ok((kind.media_type(), answer.body))
}
