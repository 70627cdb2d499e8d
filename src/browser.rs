//! Browser-only behaviour that the router does not give: scroll restoration
//! for back/forward, and moving focus to the new page's heading. Called from
//! effects and event handlers only, never while rendering.

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::{closure::Closure, JsCast};

    #[derive(Default)]
    struct State {
        /// Last scroll position seen on each path.
        positions: HashMap<String, f64>,
        /// Set by a back/forward navigation: restore this path once its content is shown.
        pending_restore: Option<String>,
        /// The first page view is the landing page: focus stays where the browser put it.
        navigated: bool,
    }

    thread_local! {
        static STATE: RefCell<State> = RefCell::new(State::default());
    }

    fn path() -> Option<String> {
        web_sys::window()?.location().pathname().ok()
    }

    /// Installs the listeners; call once at start-up.
    pub fn install() {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            // The app restores positions itself once content has rendered;
            // the browser's own attempt would run against a half-empty page.
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let on_scroll = Closure::<dyn FnMut()>::new(|| {
            let (Some(window), Some(path)) = (web_sys::window(), path()) else {
                return;
            };
            let y = window.scroll_y().unwrap_or(0.0);
            STATE.with_borrow_mut(|s| {
                if s.pending_restore.is_none() {
                    s.positions.insert(path, y);
                }
            });
        });
        let on_popstate = Closure::<dyn FnMut()>::new(|| {
            STATE.with_borrow_mut(|s| s.pending_restore = path());
        });
        let _ =
            window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
        let _ = window
            .add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        on_scroll.forget();
        on_popstate.forget();
    }

    /// A page has rendered its content: restore the scroll position after
    /// back/forward, and after a client-side navigation move focus to the
    /// page's heading so screen readers announce the new page.
    pub fn page_shown() {
        let Some(window) = web_sys::window() else {
            return;
        };
        let current = path();
        let (restore, navigated) = STATE.with_borrow_mut(|s| {
            let restore = match s.pending_restore.take() {
                Some(p) if Some(&p) == current.as_ref() => s.positions.get(&p).copied(),
                other => {
                    s.pending_restore = other;
                    None
                }
            };
            let navigated = s.navigated;
            s.navigated = true;
            (restore, navigated)
        });
        if let Some(y) = restore {
            window.scroll_to_with_x_and_y(0.0, y);
        }
        if navigated {
            let heading = window
                .document()
                .and_then(|d| d.query_selector("main h1").ok().flatten())
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(h) = heading {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = h.focus_with_options(&options);
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use imp::{install, page_shown};

#[cfg(not(target_arch = "wasm32"))]
pub fn install() {}

#[cfg(not(target_arch = "wasm32"))]
pub fn page_shown() {}

/// Runs [`page_shown`] once the component it is placed in has mounted and
/// the router has finished swapping the page (the next animation frame).
#[leptos::component]
pub fn PageShown() -> impl leptos::IntoView {
    leptos::prelude::Effect::new(|_| leptos::prelude::request_animation_frame(page_shown));
}
