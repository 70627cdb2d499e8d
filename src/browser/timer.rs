//! Timers that end with what waits on them. A future that is dropped (a
//! page the reader left, a superseded request) clears its timer: a timer
//! left pending keeps its callback, its promise and what they hold alive
//! until it fires, one per abandoned page (the soak's heap, CI of stop 44:
//! a 20-second live-notice pause per navigation).

use wasm_bindgen_futures::JsFuture;

/// A pending `setTimeout`, cleared when dropped. What it calls must live at
/// least as long (declare it first, so it is dropped after).
pub struct Timer {
    handle: i32,
}

impl Timer {
    /// Calls `callback` after `ms` milliseconds, unless dropped first.
    pub fn start(ms: i32, callback: &js_sys::Function) -> Option<Timer> {
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms)
            .ok()?;
        Some(Timer { handle })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.handle);
        }
    }
}

/// A promise that resolves, with nothing, after `ms` milliseconds, and its
/// guard. Dropping the guard clears the timer and resolves the promise at
/// once: a promise that never settles would keep what awaits it (a
/// `JsFuture`'s callbacks, which hold each other) for good.
pub fn deadline(ms: i32) -> (js_sys::Promise, Option<Deadline>) {
    let mut deadline = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        deadline = Timer::start(ms, &resolve).map(|timer| Deadline {
            _timer: timer,
            resolve,
        });
    });
    (promise, deadline)
}

/// See [`deadline`].
pub struct Deadline {
    _timer: Timer,
    resolve: js_sys::Function,
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let _ = self.resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
}

/// Waits `ms` milliseconds; dropping the future clears the timer.
pub async fn sleep(ms: u32) {
    let (promise, _deadline) = deadline(i32::try_from(ms).unwrap_or(i32::MAX));
    let _ = JsFuture::from(promise).await;
}
