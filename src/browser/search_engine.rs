//! The search engine's Web Worker, started once, on first use, its WASM
//! fetched by the page beside the worker's script and handed over (one
//! round of requests for both, not two). One
//! question at a time: a new one supersedes the last (its answer, if it
//! comes, is dropped by its id). A worker that fails to load or dies makes
//! the question fail, and the next question starts a new one.

use super::timer::deadline;
use crate::api::{ApiError, TIMEOUT_MS};
use crate::model::search::engine::{Ask, Reply};
use crate::model::search::json;
use crate::paths::Paths;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

struct Engine {
    worker: web_sys::Worker,
    /// Resolves when the worker says it listens.
    ready: js_sys::Promise,
    /// The question waiting for its answer.
    waiting: Rc<RefCell<Waiting>>,
    /// Whether it has answered yet (so holds the manifest).
    answered: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Starts the worker, unless it runs.
pub fn start(paths: &Paths) {
    let _ = engine(paths);
}

/// Whether no running engine has answered yet: its first step will be
/// the manifest.
pub fn is_new() -> bool {
    ENGINE.with_borrow(|e| e.as_ref().is_none_or(|e| !e.answered.get()))
}

fn engine(paths: &Paths) -> Result<Rc<Engine>, ApiError> {
    if let Some(engine) = ENGINE.with_borrow(|e| e.clone()) {
        return Ok(engine);
    }
    let worker = web_sys::Worker::new(&paths.search_worker()).map_err(|_| ApiError::Network)?;
    hand_over_wasm(&worker, &paths.search_worker_wasm());
    let waiting: Rc<RefCell<Waiting>> = Rc::default();
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
                let _ = resolve_ready.call1(&JsValue::NULL, &JsValue::TRUE);
                return;
            }
            answered.set(true);
            // The answer's id, read before handing its text over.
            let id = text
                .strip_prefix('[')
                .and_then(|t| t.split(',').next())
                .and_then(|n| n.parse::<u32>().ok());
            if let Some(id) = id {
                waiting.borrow_mut().answer(id, &text.into());
            }
        })
    };
    let on_error = {
        let waiting = waiting.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = reject_ready.call0(&JsValue::NULL);
            waiting.borrow_mut().fail();
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

/// A question sent to the worker: its id, and how to settle its promise.
pub struct Question {
    id: u32,
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

impl Question {
    /// A question and the promise its answer settles.
    pub fn new(id: u32) -> Option<(Question, js_sys::Promise)> {
        let mut settlers = None;
        let promise =
            js_sys::Promise::new(&mut |resolve, reject| settlers = Some((resolve, reject)));
        let (resolve, reject) = settlers?;
        Some((
            Question {
                id,
                resolve,
                reject,
            },
            promise,
        ))
    }

    fn resolve(self, answer: &JsValue) {
        let _ = self.resolve.call1(&JsValue::NULL, answer);
    }

    fn reject(self) {
        let _ = self.reject.call0(&JsValue::NULL);
    }
}

/// The one question waiting for the worker's answer. A question that is
/// replaced, or whose worker fails, is settled (rejected) at once: a
/// promise left pending keeps its `JsFuture`'s callbacks alive for good,
/// since the worker's answer to it is dropped by its id.
#[derive(Default)]
pub struct Waiting(Option<Question>);

impl Waiting {
    /// `question` waits now: the one it replaces is settled. (Settling
    /// only queues the promise's reactions, so it is safe while borrowed.)
    pub fn ask(&mut self, question: Question) {
        if let Some(superseded) = self.0.replace(question) {
            superseded.reject();
        }
    }

    /// The worker failed: the waiting question is settled.
    pub fn fail(&mut self) {
        if let Some(question) = self.0.take() {
            question.reject();
        }
    }

    /// Settles the waiting question with `answer` if the answer is its
    /// (`id`); an answer to a question replaced since is dropped.
    pub fn answer(&mut self, id: u32, answer: &JsValue) {
        if let Some(question) = self.0.take_if(|question| question.id == id) {
            question.resolve(answer);
        }
    }
}

/// Fetches the engine's WASM at `url` while the worker's script loads,
/// and hands its bytes over as the worker's first message; `null` if the
/// fetch failed or took over [`TIMEOUT_MS`], and the worker fetches it
/// itself. (The bytes are copied, not transferred, and the request made
/// as `api`'s are: no new bindings in the app's glue.)
fn hand_over_wasm(worker: &web_sys::Worker, url: &str) {
    let Some((window, controller)) = web_sys::window().zip(web_sys::AbortController::new().ok())
    else {
        let _ = worker.post_message(&JsValue::NULL);
        return;
    };
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let fetched = window.fetch_with_str_and_init(url, &init);
    let worker = worker.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let (late, _timer) = deadline(TIMEOUT_MS);
        let bytes = async {
            let response: web_sys::Response = in_time(&fetched, &late).await?.dyn_into().ok()?;
            let bytes = response
                .ok()
                .then(|| response.array_buffer().ok())
                .flatten()?;
            in_time(&bytes, &late).await
        }
        .await;
        if bytes.is_none() {
            controller.abort();
        }
        let _ = worker.post_message(&bytes.unwrap_or(JsValue::NULL));
    });
}

/// What `promise` gives, if it gives something before `deadline` resolves.
async fn in_time(promise: &js_sys::Promise, deadline: &js_sys::Promise) -> Option<JsValue> {
    let race = js_sys::Promise::race(&js_sys::Array::of2(promise, deadline));
    JsFuture::from(race)
        .await
        .ok()
        .filter(|v| !v.is_undefined())
}

/// How long a new engine may take to say it listens: the page's fetch of
/// its WASM ([`TIMEOUT_MS`]), then the worker's own.
const START_MS: i32 = 2 * TIMEOUT_MS;

/// Asks the engine (started if need be) and waits for its reply.
pub async fn ask(paths: &Paths, ask: Ask) -> Result<Reply, ApiError> {
    let engine = engine(paths)?;
    let (late, _timer) = deadline(START_MS);
    let ready = js_sys::Promise::race(&js_sys::Array::of2(&engine.ready, &late));
    match JsFuture::from(ready).await {
        Ok(said) if said.is_truthy() => {}
        // Its script or WASM stalled, or it failed to start: the next
        // question starts a new one.
        stalled => {
            engine.worker.terminate();
            ENGINE.with_borrow_mut(|e| {
                if e.as_ref().is_some_and(|e| Rc::ptr_eq(e, &engine)) {
                    *e = None;
                }
            });
            return Err(match stalled {
                Ok(_) => ApiError::TimedOut,
                Err(_) => ApiError::Network,
            });
        }
    }
    let id = NEXT_ID.with(|n| n.replace(n.get().wrapping_add(1)));
    let text = json::write_ask(id, &ask);
    let (question, answer) = Question::new(id).ok_or(ApiError::Network)?;
    engine.waiting.borrow_mut().ask(question);
    engine
        .worker
        .post_message(&text.into())
        .map_err(|_| ApiError::Network)?;
    let answer = JsFuture::from(answer)
        .await
        .map_err(|_| ApiError::Network)?;
    let (_, reply) = json::read_reply(&answer.as_string().unwrap_or_default())
        .map_err(|_| ApiError::Malformed("the search engine's reply".to_owned()))?;
    Ok(reply)
}
