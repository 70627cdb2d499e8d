//! Fetching documents: the only module that speaks HTTP.
//!
//! Every response is parsed into the contract's types; anything else becomes
//! an [`ApiError`] that pages turn into a message. Requests time out, and are
//! aborted when the page that asked for them goes away.

use serde::de::DeserializeOwned;
use std::fmt;

/// How long a request may take before the reader is told.
pub const TIMEOUT_MS: i32 = 15_000;

/// Why a document could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server says there is no such document (404 or 410).
    NotFound,
    /// The browser is offline or the server could not be reached.
    Offline,
    /// No answer within [`TIMEOUT_MS`].
    TimedOut,
    /// The server answered with another error status.
    Server(u16),
    /// The answer is not a document of the contract (the reason says why).
    Malformed(String),
}

impl ApiError {
    /// What the reader is told.
    pub fn message(&self) -> String {
        match self {
            Self::NotFound => "We could not find that page.".to_owned(),
            Self::Offline => {
                "You seem to be offline, or the server could not be reached. Check your connection and try again.".to_owned()
            }
            Self::TimedOut => "The server took too long to answer. Please try again.".to_owned(),
            Self::Server(status) => {
                format!("The server had a problem (error {status}). Please try again in a moment.")
            }
            Self::Malformed(why) => format!("This content could not be read: {why}"),
        }
    }

    /// Whether trying again might help.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, Self::NotFound)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Classifies an HTTP status; `Ok` for success.
pub fn check_status(status: u16) -> Result<(), ApiError> {
    match status {
        200..=299 => Ok(()),
        404 | 410 => Err(ApiError::NotFound),
        other => Err(ApiError::Server(other)),
    }
}

/// Parses a response body into a contract type.
pub fn parse<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::Malformed(e.to_string()))
}

/// Fetches `url` and parses it as `T`.
#[cfg(target_arch = "wasm32")]
pub async fn get<T: DeserializeOwned>(url: String) -> Result<T, ApiError> {
    browser::get_text(&url).await.and_then(|body| parse(&body))
}

/// Native builds (tests, prerendering) read no network.
#[cfg(not(target_arch = "wasm32"))]
pub async fn get<T: DeserializeOwned>(_url: String) -> Result<T, ApiError> {
    Err(ApiError::Offline)
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{check_status, ApiError, TIMEOUT_MS};
    use send_wrapper::SendWrapper;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::{closure::Closure, JsCast};
    use wasm_bindgen_futures::JsFuture;

    /// Clears its timer when dropped, so an abandoned request leaves nothing behind.
    struct Timer {
        handle: i32,
        _callback: Closure<dyn FnMut()>,
    }

    impl Drop for Timer {
        fn drop(&mut self) {
            if let Some(w) = web_sys::window() {
                w.clear_timeout_with_handle(self.handle);
            }
        }
    }

    pub async fn get_text(url: &str) -> Result<String, ApiError> {
        let window = web_sys::window().ok_or(ApiError::Offline)?;
        let controller = web_sys::AbortController::new().map_err(|_| ApiError::Offline)?;
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&controller.signal()));

        // Abort the request when the reactive owner that asked for it is
        // cleaned up (the reader navigated away).
        let on_leave = SendWrapper::new(controller.clone());
        leptos::prelude::on_cleanup(move || on_leave.abort());

        let timed_out = Rc::new(Cell::new(false));
        let callback = {
            let (timed_out, controller) = (timed_out.clone(), controller.clone());
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            )
            .map_err(|_| ApiError::Offline)?;
        let _timer = Timer {
            handle,
            _callback: callback,
        };

        let failed = |timed_out: &Cell<bool>| {
            if timed_out.get() {
                ApiError::TimedOut
            } else {
                ApiError::Offline
            }
        };
        let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| failed(&timed_out))?;
        let response: web_sys::Response = response.dyn_into().map_err(|_| failed(&timed_out))?;
        check_status(response.status())?;
        let body = response.text().map_err(|_| failed(&timed_out))?;
        let body = JsFuture::from(body).await.map_err(|_| failed(&timed_out))?;
        body.as_string()
            .ok_or_else(|| ApiError::Malformed("the answer is not text".to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Listing};

    #[test]
    fn statuses_map_to_reader_facing_errors() {
        assert_eq!(check_status(200), Ok(()));
        assert_eq!(check_status(404), Err(ApiError::NotFound));
        assert_eq!(check_status(410), Err(ApiError::NotFound));
        assert_eq!(check_status(503), Err(ApiError::Server(503)));
        assert!(!ApiError::NotFound.is_retryable());
        assert!(ApiError::Server(500).is_retryable());
        assert!(ApiError::Server(503).message().contains("503"));
    }

    #[test]
    fn bodies_that_are_not_documents_are_malformed_with_a_reason() {
        let html = parse::<Listing>("<!doctype html><p>Error</p>");
        assert!(matches!(html, Err(ApiError::Malformed(_))));
        let v2 = parse::<Listing>(r#"{"version":2,"articles":[]}"#);
        match v2 {
            Err(ApiError::Malformed(why)) => assert!(why.contains("version 2"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert!(parse::<Article>("{}").is_err());
        assert!(parse::<Listing>(r#"{"version":1,"articles":[]}"#).is_ok());
    }
}
