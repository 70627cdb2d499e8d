//! Fetching documents: the only module that speaks HTTP.
//!
//! Every response is parsed into the contract's types; anything else becomes
//! an [`ApiError`] that pages turn into a message. Requests time out, are
//! aborted when their future is dropped (`pages::with_document` drops it
//! when the page no longer wants the answer), and transient failures are
//! retried a bounded number of times with growing delays.

use serde::de::DeserializeOwned;
use std::fmt;

/// How long one request may take, body included, before the reader is told.
pub const TIMEOUT_MS: i32 = 10_000;
/// The largest document the app will read (an article is a few tens of KB).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Automatic retries after the first attempt, for transient failures.
pub const MAX_RETRIES: u32 = 2;
/// A server's `Retry-After` is honoured up to this many seconds.
pub const MAX_RETRY_AFTER_S: u32 = 10;

/// Why a document could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server says there is no such document (404 or 410).
    NotFound,
    /// The browser says it is offline.
    Offline,
    /// The connection failed (refused, reset, DNS, CORS).
    Network,
    /// No complete answer within [`TIMEOUT_MS`].
    TimedOut,
    /// The server answered with another error status; `retry_after` in seconds if it said.
    Server {
        status: u16,
        retry_after: Option<u32>,
    },
    /// The answer is not JSON (for example an HTML error page).
    NotJson,
    /// The answer is larger than [`MAX_BODY_BYTES`].
    TooLarge,
    /// The answer stopped in the middle.
    Truncated,
    /// The answer is JSON but not a document of the contract (the reason says why).
    Malformed(String),
}

impl ApiError {
    /// What the reader is told (in English; [`ApiError::message_in`]).
    pub fn message(&self) -> String {
        self.message_in(&crate::i18n::EN)
    }

    /// What the reader is told, in the site's language.
    pub fn message_in(&self, strings: &crate::i18n::Strings) -> String {
        use crate::i18n::fill;
        match self {
            Self::NotFound => strings.error_not_found.to_owned(),
            Self::Offline => strings.error_offline.to_owned(),
            Self::Network => strings.error_network.to_owned(),
            Self::TimedOut => strings.error_timed_out.to_owned(),
            Self::Server { status, .. } => {
                fill(strings.error_server, &[("status", &status.to_string())])
            }
            Self::NotJson => strings.error_not_json.to_owned(),
            Self::TooLarge => strings.error_too_large.to_owned(),
            Self::Truncated => strings.error_truncated.to_owned(),
            Self::Malformed(why) => fill(strings.error_malformed, &[("why", why)]),
        }
    }

    /// Whether the reader trying again might help.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, Self::NotFound | Self::TooLarge | Self::Malformed(_))
    }

    /// Whether the app retries by itself, and after how long (milliseconds)
    /// for attempt `attempt` (1 for the first retry): transient server and
    /// connection failures only, with a doubling delay or the server's
    /// `Retry-After`. Timeouts are not retried automatically: the reader has
    /// already waited.
    pub fn auto_retry_delay_ms(&self, attempt: u32) -> Option<u32> {
        if attempt > MAX_RETRIES {
            return None;
        }
        let backoff = 500 * 2u32.saturating_pow(attempt.saturating_sub(1));
        match self {
            Self::Network | Self::Truncated => Some(backoff),
            Self::Server {
                status: 500 | 502 | 503 | 504,
                retry_after,
            } => Some(retry_after.map_or(backoff, |s| s.min(MAX_RETRY_AFTER_S) * 1000)),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Classifies an HTTP status; `Ok` for success.
pub fn check_status(status: u16, retry_after: Option<&str>) -> Result<(), ApiError> {
    match status {
        200..=299 => Ok(()),
        404 | 410 => Err(ApiError::NotFound),
        status => Err(ApiError::Server {
            status,
            retry_after: retry_after.and_then(|s| s.trim().parse().ok()),
        }),
    }
}

/// Checks the declared type and size of a successful response.
pub fn check_headers(
    content_type: Option<&str>,
    content_length: Option<&str>,
) -> Result<(), ApiError> {
    let json = content_type.is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("application/json") || (t.starts_with("application/") && t.contains("+json"))
    });
    if !json {
        return Err(ApiError::NotJson);
    }
    if content_length
        .and_then(|l| l.trim().parse::<usize>().ok())
        .is_some_and(|l| l > MAX_BODY_BYTES)
    {
        return Err(ApiError::TooLarge);
    }
    Ok(())
}

/// A response body as it arrives, chunk by chunk: the count stops at
/// [`MAX_BODY_BYTES`] whether or not the server declared a length, so a huge
/// or endless body is refused without being held whole.
#[derive(Default)]
pub struct CappedBody(Vec<u8>);

impl CappedBody {
    /// Adds a chunk; `TooLarge` as soon as the body passes the cap.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
        if chunk.len() > MAX_BODY_BYTES.saturating_sub(self.0.len()) {
            return Err(ApiError::TooLarge);
        }
        self.0.extend_from_slice(chunk);
        Ok(())
    }

    /// The body as text (JSON is UTF-8; a leading byte-order mark is dropped
    /// as browsers drop it).
    pub fn finish(self) -> Result<String, ApiError> {
        let text = String::from_utf8(self.0)
            .map_err(|_| ApiError::Malformed("the document is not UTF-8 text".to_owned()))?;
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        })
    }
}

/// Parses a response body into a contract type.
pub fn parse<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::TooLarge);
    }
    if body.trim_start().starts_with('<') {
        return Err(ApiError::NotJson);
    }
    serde_json::from_str(body).map_err(|e| {
        if e.is_eof() {
            ApiError::Truncated
        } else {
            ApiError::Malformed(e.to_string())
        }
    })
}

/// Fetches `url` and parses it as `T`, retrying transient failures.
#[cfg(target_arch = "wasm32")]
pub async fn get<T: DeserializeOwned>(url: String) -> Result<T, ApiError> {
    get_read(url, |body| parse(&body)).await
}

/// Fetches `url` as text, retrying transient failures; what reads it
/// (search's engine, in its worker) says whether it is well formed.
#[cfg(target_arch = "wasm32")]
pub async fn get_text(url: String) -> Result<String, ApiError> {
    get_read(url, |body| {
        if body.trim_start().starts_with('<') {
            return Err(ApiError::NotJson);
        }
        Ok(body)
    })
    .await
}

#[cfg(target_arch = "wasm32")]
async fn get_read<T>(
    url: String,
    read: impl Fn(String) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut attempt = 0;
    loop {
        let result = browser::get_text(&url).await.and_then(&read);
        match result {
            Err(error) => {
                attempt += 1;
                match error.auto_retry_delay_ms(attempt) {
                    Some(delay) => sleep(delay).await,
                    None => return Err(error),
                }
            }
            ok => return ok,
        }
    }
}

/// What asking again for a document found.
#[derive(Debug, PartialEq)]
pub enum Revalidated {
    /// It is as it was (`304 Not Modified`).
    Unchanged,
    /// It changed: its text now, and the validator to ask with next time.
    Changed { body: String, etag: Option<String> },
}

/// Asks for `url` again with `If-None-Match: etag` (unconditionally the
/// first time: `None`). One try; the caller paces its tries.
#[cfg(target_arch = "wasm32")]
pub async fn revalidate(url: &str, etag: Option<&str>) -> Result<Revalidated, ApiError> {
    browser::revalidate(url, etag).await
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn revalidate(_url: &str, _etag: Option<&str>) -> Result<Revalidated, ApiError> {
    Err(ApiError::Network)
}

#[cfg(target_arch = "wasm32")]
pub use crate::browser::timer::sleep;

/// Native builds (tests, prerendering) read no network.
#[cfg(not(target_arch = "wasm32"))]
pub async fn get<T: DeserializeOwned>(_url: String) -> Result<T, ApiError> {
    Err(ApiError::Network)
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn get_text(_url: String) -> Result<String, ApiError> {
    Err(ApiError::Network)
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{check_headers, check_status, ApiError, CappedBody, Revalidated, TIMEOUT_MS};
    use crate::browser::timer::Timer;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::{closure::Closure, JsCast};
    use wasm_bindgen_futures::JsFuture;

    /// Aborts its request when dropped: a caller that stops waiting (a
    /// superseded request, a page that went away) also stops the download.
    struct AbortOnDrop(web_sys::AbortController);

    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            self.0.abort();
        }
    }

    fn is_offline() -> bool {
        web_sys::window().is_some_and(|w| !w.navigator().on_line())
    }

    /// `window.__gazettePrefetch` (`{url, controller, response}`, set by
    /// boot.js), once, if it is for `url`.
    fn take_prefetch(
        window: &web_sys::Window,
        url: &str,
    ) -> Option<(web_sys::AbortController, js_sys::Promise)> {
        let key = wasm_bindgen::JsValue::from_str("__gazettePrefetch");
        let prefetch = js_sys::Reflect::get(window, &key).ok()?;
        let field = |name: &str| js_sys::Reflect::get(&prefetch, &name.into()).ok();
        if field("url")?.as_string()? != url {
            return None;
        }
        let _ = js_sys::Reflect::delete_property(window, &key);
        Some((
            field("controller")?.dyn_into().ok()?,
            field("response")?.dyn_into().ok()?,
        ))
    }

    pub async fn get_text(url: &str) -> Result<String, ApiError> {
        // The page arrived with this document (prerendered build).
        if let Some(json) = crate::page_data::take(url) {
            return Ok(json);
        }
        if is_offline() {
            return Err(ApiError::Offline);
        }
        let window = web_sys::window().ok_or(ApiError::Network)?;
        // The request boot.js started for this page before the app loaded
        // (docs/loading.md), or a new one.
        let (controller, request) = match take_prefetch(&window, url) {
            Some(prefetched) => prefetched,
            None => start(&window, url, None)?,
        };
        read(controller, request).await.map(|answer| answer.body)
    }

    /// `url` again, if it changed since the answer that had `etag`.
    pub async fn revalidate(url: &str, etag: Option<&str>) -> Result<Revalidated, ApiError> {
        if is_offline() {
            return Err(ApiError::Offline);
        }
        let window = web_sys::window().ok_or(ApiError::Network)?;
        let (controller, request) = start(&window, url, etag)?;
        let answer = read(controller, request).await?;
        Ok(if answer.not_modified {
            Revalidated::Unchanged
        } else {
            Revalidated::Changed {
                body: answer.body,
                etag: answer.etag,
            }
        })
    }

    /// A request for `url`, conditional on `etag` if given (then past the
    /// browser's cache: the 304 itself is the answer).
    fn start(
        window: &web_sys::Window,
        url: &str,
        etag: Option<&str>,
    ) -> Result<(web_sys::AbortController, js_sys::Promise), ApiError> {
        let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&controller.signal()));
        if let Some(etag) = etag {
            let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
            headers
                .set("If-None-Match", etag)
                .map_err(|_| ApiError::Network)?;
            init.set_headers(&headers);
            init.set_cache(web_sys::RequestCache::NoStore);
        }
        Ok((controller, window.fetch_with_str_and_init(url, &init)))
    }

    /// What a response said: its body (empty for a 304) and validator.
    struct Answer {
        not_modified: bool,
        etag: Option<String>,
        body: String,
    }

    /// Waits for `request`'s response and reads it, at most
    /// [`TIMEOUT_MS`] in all and [`super::MAX_BODY_BYTES`] of body.
    async fn read(
        controller: web_sys::AbortController,
        request: js_sys::Promise,
    ) -> Result<Answer, ApiError> {
        // Cancelling is dropping this future (`pages::with_document`).
        let _abort_on_drop = AbortOnDrop(controller.clone());
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let (timed_out, controller) = (timed_out.clone(), controller.clone());
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        // (Declared after its callback, so cleared before that is freed.)
        let _timer = Timer::start(TIMEOUT_MS, on_timeout.as_ref().unchecked_ref());
        // Why a request stopped: the timer fired, or else `otherwise` (what
        // the failure means at that point).
        let interrupted = |otherwise: fn() -> ApiError| {
            if timed_out.get() {
                ApiError::TimedOut
            } else {
                otherwise()
            }
        };
        let failed = |_| {
            interrupted(|| {
                if is_offline() {
                    ApiError::Offline
                } else {
                    ApiError::Network
                }
            })
        };

        let response = JsFuture::from(request).await.map_err(failed)?;
        let response: web_sys::Response = response.dyn_into().map_err(failed)?;
        let headers = response.headers();
        let header = |name: &str| headers.get(name).ok().flatten();
        let etag = header("etag");
        if response.status() == 304 {
            return Ok(Answer {
                not_modified: true,
                etag,
                body: String::new(),
            });
        }
        check_status(response.status(), header("retry-after").as_deref())?;
        check_headers(
            header("content-type").as_deref(),
            header("content-length").as_deref(),
        )?;
        // Read chunk by chunk, counting: a body without Content-Length (or
        // with a false one) is refused at the cap, not read whole first.
        let mut body = CappedBody::default();
        let answer = |body: CappedBody| {
            body.finish().map(|body| Answer {
                not_modified: false,
                etag: etag.clone(),
                body,
            })
        };
        let Some(stream) = response.body() else {
            return answer(body);
        };
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        // A body cut off by a reset connection is incomplete, not absent.
        let cut_off = |_| interrupted(|| ApiError::Truncated);
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(cut_off)?;
            let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(cut_off)?;
            if done.is_truthy() {
                return answer(body);
            }
            let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(cut_off)?;
            let bytes = js_sys::Uint8Array::new(&value).to_vec();
            if let Err(too_large) = body.push(&bytes) {
                // Stop the download here; nobody will read the rest.
                controller.abort();
                return Err(too_large);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Listing};

    #[test]
    fn statuses_map_to_reader_facing_errors() {
        assert_eq!(check_status(200, None), Ok(()));
        assert_eq!(check_status(404, None), Err(ApiError::NotFound));
        assert_eq!(check_status(410, None), Err(ApiError::NotFound));
        assert_eq!(
            check_status(503, Some("3")),
            Err(ApiError::Server {
                status: 503,
                retry_after: Some(3)
            })
        );
        assert_eq!(
            check_status(500, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            Err(ApiError::Server {
                status: 500,
                retry_after: None
            })
        );
        assert!(!ApiError::NotFound.is_retryable());
        assert!(ApiError::Server {
            status: 500,
            retry_after: None
        }
        .is_retryable());
        assert!(ApiError::Server {
            status: 503,
            retry_after: None
        }
        .message()
        .contains("503"));
    }

    #[test]
    fn headers_refuse_html_and_huge_bodies() {
        assert_eq!(
            check_headers(Some("application/json; charset=utf-8"), Some("100")),
            Ok(())
        );
        assert_eq!(check_headers(Some("application/feed+json"), None), Ok(()));
        assert_eq!(check_headers(None, None), Ok(()));
        assert_eq!(
            check_headers(Some("text/html"), None),
            Err(ApiError::NotJson)
        );
        assert_eq!(
            check_headers(Some("application/json"), Some("999999999")),
            Err(ApiError::TooLarge)
        );
    }

    #[test]
    fn retries_back_off_honour_retry_after_and_stop() {
        let net = ApiError::Network;
        assert_eq!(net.auto_retry_delay_ms(1), Some(500));
        assert_eq!(net.auto_retry_delay_ms(2), Some(1000));
        assert_eq!(net.auto_retry_delay_ms(3), None);
        let busy = ApiError::Server {
            status: 503,
            retry_after: Some(2),
        };
        assert_eq!(busy.auto_retry_delay_ms(1), Some(2000));
        let very_busy = ApiError::Server {
            status: 503,
            retry_after: Some(3600),
        };
        assert_eq!(very_busy.auto_retry_delay_ms(1), Some(10_000));
        for no in [
            ApiError::NotFound,
            ApiError::TimedOut,
            ApiError::Offline,
            ApiError::Server {
                status: 501,
                retry_after: None,
            },
            ApiError::Server {
                status: 400,
                retry_after: None,
            },
            ApiError::Malformed("x".into()),
        ] {
            assert_eq!(no.auto_retry_delay_ms(1), None, "{no:?}");
        }
    }

    #[test]
    fn a_body_is_counted_as_it_arrives_and_stops_at_the_cap() {
        let mut body = CappedBody::default();
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..(MAX_BODY_BYTES / chunk.len()) {
            assert_eq!(body.push(&chunk), Ok(()));
        }
        // Exactly at the cap is fine; one byte more is not.
        assert_eq!(body.push(b"x"), Err(ApiError::TooLarge));
        let mut small = CappedBody::default();
        assert_eq!(small.push(b"\xef\xbb\xbf{\"a\""), Ok(()));
        assert_eq!(small.push(b":1}"), Ok(()));
        assert_eq!(small.finish().as_deref(), Ok("{\"a\":1}"));
        let mut latin1 = CappedBody::default();
        assert_eq!(latin1.push(b"{\"a\":\"\xe9\"}"), Ok(()));
        assert!(matches!(latin1.finish(), Err(ApiError::Malformed(_))));
        // A chunk bigger than the whole cap at once.
        assert_eq!(
            CappedBody::default().push(&vec![0; MAX_BODY_BYTES + 1]),
            Err(ApiError::TooLarge)
        );
    }

    /// The loader caps the body it prefetches at the table's `bodyMax`,
    /// which the build writes from [`MAX_BODY_BYTES`]
    /// (`xtask/src/plan/routes.rs`), and at no number of its own.
    #[test]
    fn boot_js_drops_a_prefetched_body_at_the_same_cap() {
        let boot = include_str!("../public/boot.js");
        assert!(
            boot.contains("size > bodyMax") && boot.contains("bodyMax: table.bodyMax"),
            "public/boot.js must cap the body it prefetches at the route table's bodyMax"
        );
        assert!(!boot.contains(&MAX_BODY_BYTES.to_string()));
    }

    #[test]
    fn too_large_is_final_and_a_cut_off_body_is_tried_again() {
        // Asking again for a body that was too large gets the same body.
        assert_eq!(ApiError::TooLarge.auto_retry_delay_ms(1), None);
        assert!(!ApiError::TooLarge.is_retryable());
        assert_eq!(ApiError::NotJson.auto_retry_delay_ms(1), None);
        // A connection that dropped mid-body may well work next time.
        assert_eq!(ApiError::Truncated.auto_retry_delay_ms(1), Some(500));
        assert_eq!(ApiError::Truncated.auto_retry_delay_ms(2), Some(1000));
        assert!(ApiError::Truncated.is_retryable());
    }

    #[test]
    fn bodies_that_are_not_documents_get_a_specific_error() {
        assert_eq!(
            parse::<Listing>("<!doctype html><p>Error</p>"),
            Err(ApiError::NotJson)
        );
        assert_eq!(
            parse::<Listing>(r#"{"version":1,"articles":["#),
            Err(ApiError::Truncated)
        );
        let v2 = parse::<Listing>(r#"{"version":2,"articles":[]}"#);
        match v2 {
            Err(ApiError::Malformed(why)) => assert!(why.contains("version 2"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse::<Article>("{}"),
            Err(ApiError::Malformed(_))
        ));
        let huge = format!("\"{}\"", "x".repeat(MAX_BODY_BYTES));
        assert_eq!(parse::<Listing>(&huge), Err(ApiError::TooLarge));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(
            parse::<Listing>(&deep),
            Err(ApiError::Malformed(_))
        ));
        assert!(parse::<Listing>(r#"{"version":1,"articles":[]}"#).is_ok());
    }
}
