//! Search's engine in a Web Worker. The app starts it when a reader first
//! focuses the search box or opens the search page (`src/search.rs`), and
//! talks to it in JSON text: an `(id, Ask)` in, an `(id, Reply)` out, read
//! and written by `contract/src/search/json.rs` (no serde_json here:
//! decision 0024). The engine itself is the contract's
//! (`contract/src/search/engine.rs`), tested natively; this file is only
//! the worker's mailbox.

fn main() {
    #[cfg(target_arch = "wasm32")]
    mailbox::open();
}

#[cfg(target_arch = "wasm32")]
mod mailbox {
    use gazette_contract::search::engine::{Engine, Reply};
    use gazette_contract::search::json;
    use std::cell::RefCell;
    use wasm_bindgen::{closure::Closure, JsCast};

    /// Answers each message, then says it is ready (messages sent before
    /// the module started would have found no listener).
    pub fn open() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let engine = RefCell::new(Engine::new());
        let out = scope.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let asked = event.data().as_string().unwrap_or_default();
                let (id, reply) = match json::read_ask(&asked) {
                    Ok((id, ask)) => (id, engine.borrow_mut().answer(ask)),
                    Err(failure) => (0, Reply::Failed(failure)),
                };
                let _ = out.post_message(&json::write_reply(id, &reply).into());
            },
        );
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&"ready".into());
    }
}
