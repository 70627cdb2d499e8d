//! Search in the app: a bridge to the engine, which runs in a Web Worker
//! (`search-worker/`, hosting the contract's `search::engine`) started
//! when the reader first uses search, so the engine is none of the app's
//! own bytes. The app fetches the files the engine asks for, with its own
//! timeouts, caps and retries (`api`), and shows what it answers.

use crate::api::{self, ApiError};
use crate::browser::search_engine;
use crate::model::search::engine::{Ask, Failure, Reply};
pub use crate::model::search::engine::{Found, Results};
use crate::paths::Paths;
use futures::future::{join, join_all};

/// Results shown at first, and added by each "more".
pub const RESULTS_PER_PAGE: usize = 10;
/// Rounds of files a query may take: the manifest, shards, fragments, and
/// the manifest and shards again after a publish replaced the index.
const MAX_ROUNDS: usize = 6;

/// Starts the engine ahead of a query (the reader focused the box).
pub fn warm(paths: &Paths) {
    search_engine::start(paths);
}

/// The first `count` results of what the reader typed.
pub async fn search(paths: &Paths, typed: &str, count: usize) -> Result<Results, ApiError> {
    let mut files = Vec::new();
    // A new engine's first step is the manifest: fetch it while the
    // engine loads, a round earlier.
    let mut early = search_engine::is_new().then(|| paths.search_index());
    for _ in 0..MAX_ROUNDS {
        let ask = Ask {
            api: paths.api().to_owned(),
            query: typed.to_owned(),
            count,
            files,
        };
        let asked = search_engine::ask(paths, ask);
        let (reply, prefetched) = match early.take() {
            None => (asked.await?, None),
            Some(manifest) => {
                let (reply, fetched) = join(asked, fetch_all(paths, vec![manifest.clone()])).await;
                (reply?, Some((manifest, fetched)))
            }
        };
        match reply {
            Reply::Need(urls) => {
                files = match prefetched {
                    Some((manifest, fetched)) if urls.iter().eq([&manifest]) => fetched?,
                    _ => fetch_all(paths, urls).await?,
                }
            }
            Reply::Done(results) => return Ok(results),
            Reply::Failed(failure) => return Err(reason(failure)),
        }
    }
    Err(ApiError::Malformed(
        "the index asks for too many files".to_owned(),
    ))
}

/// The files the engine asked for, fetched together: each its text, or
/// `None` if the server has no such file. Only files of this site's API.
async fn fetch_all(
    paths: &Paths,
    urls: Vec<String>,
) -> Result<Vec<(String, Option<String>)>, ApiError> {
    let api = format!("{}/", paths.api());
    let fetched = join_all(
        urls.into_iter()
            .filter(|u| u.starts_with(&api))
            .map(|url| async {
                match api::get_text(url.clone()).await {
                    Ok(text) => Ok((url, Some(text))),
                    Err(ApiError::NotFound) => Ok((url, None)),
                    Err(error) => Err(error),
                }
            }),
    )
    .await;
    fetched.into_iter().collect()
}

fn reason(failure: Failure) -> ApiError {
    match failure {
        Failure::Malformed(why) => ApiError::Malformed(why),
        Failure::Truncated => ApiError::Truncated,
        Failure::Missing => ApiError::NotFound,
    }
}
