//! The search engine's Web Worker, started once, on first use. One
//! question at a time: a new one supersedes the last (its answer, if it
//! comes, is dropped by its id). A worker that fails to load or dies makes
//! the question fail, and the next question starts a new one.

use crate::api::ApiError;
use crate::model::search::engine::{Ask, Reply};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

struct Engine {
    worker: web_sys::Worker,
    /// Resolves when the worker says it listens.
    ready: js_sys::Promise,
    /// The question waiting for its answer: its id, and how to settle it.
    waiting: Rc<RefCell<Option<(u32, js_sys::Function, js_sys::Function)>>>,
    /// Whether it has answered yet (so holds the manifest).
    answered: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Starts the worker at `url`, unless it runs.
pub fn start(url: &str) {
    let _ = engine(url);
}

/// Whether no running engine has answered yet: its first step will be
/// the manifest.
pub fn is_new() -> bool {
    ENGINE.with_borrow(|e| e.as_ref().is_none_or(|e| !e.answered.get()))
}

fn engine(url: &str) -> Result<Rc<Engine>, ApiError> {
    if let Some(engine) = ENGINE.with_borrow(|e| e.clone()) {
        return Ok(engine);
    }
    let worker = web_sys::Worker::new(url).map_err(|_| ApiError::Network)?;
    let waiting: Rc<RefCell<Option<(u32, js_sys::Function, js_sys::Function)>>> = Rc::default();
    let mut ready_settlers = None;
    let ready =
        js_sys::Promise::new(&mut |resolve, reject| ready_settlers = Some((resolve, reject)));
    let (resolve_ready, reject_ready) = ready_settlers.ok_or(ApiError::Network)?;
    let answered = Rc::new(Cell::new(false));
    let on_message = {
        let (waiting, answered) = (waiting.clone(), answered.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            if text == "ready" {
                let _ = resolve_ready.call0(&JsValue::NULL);
                return;
            }
            answered.set(true);
            // The answer's id, read before handing its text over.
            let id = text
                .strip_prefix('[')
                .and_then(|t| t.split(',').next())
                .and_then(|n| n.parse::<u32>().ok());
            let mut waiting = waiting.borrow_mut();
            if waiting
                .as_ref()
                .is_some_and(|(wanted, ..)| Some(*wanted) == id)
            {
                if let Some((_, resolve, _)) = waiting.take() {
                    let _ = resolve.call1(&JsValue::NULL, &text.into());
                }
            }
        })
    };
    let on_error = {
        let waiting = waiting.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = reject_ready.call0(&JsValue::NULL);
            if let Some((_, _, reject)) = waiting.borrow_mut().take() {
                let _ = reject.call0(&JsValue::NULL);
            }
            // The next question starts a new worker.
            ENGINE.with_borrow_mut(|e| *e = None);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let engine = Rc::new(Engine {
        worker,
        ready,
        waiting,
        answered,
        _on_message: on_message,
        _on_error: on_error,
    });
    ENGINE.with_borrow_mut(|e| *e = Some(engine.clone()));
    Ok(engine)
}

/// Asks the engine (started at `url` if need be) and waits for its reply.
pub async fn ask(url: &str, ask: Ask) -> Result<Reply, ApiError> {
    let engine = engine(url)?;
    JsFuture::from(engine.ready.clone())
        .await
        .map_err(|_| ApiError::Network)?;
    let id = NEXT_ID.with(|n| n.replace(n.get().wrapping_add(1)));
    let text = serde_json::to_string(&(id, ask)).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let mut settlers = None;
    let answer = js_sys::Promise::new(&mut |resolve, reject| settlers = Some((resolve, reject)));
    let (resolve, reject) = settlers.ok_or(ApiError::Network)?;
    *engine.waiting.borrow_mut() = Some((id, resolve, reject));
    engine
        .worker
        .post_message(&text.into())
        .map_err(|_| ApiError::Network)?;
    let answer = JsFuture::from(answer)
        .await
        .map_err(|_| ApiError::Network)?;
    let (_, reply): (u32, Reply) = serde_json::from_str(&answer.as_string().unwrap_or_default())
        .map_err(|e| ApiError::Malformed(e.to_string()))?;
    Ok(reply)
}
