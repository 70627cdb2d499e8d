//! Browser-only behaviour: following links client-side, scroll restoration
//! for back/forward, and moving focus to the new page's heading. Called from
//! effects and event handlers only, never while rendering.

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::paths::Paths;
    use crate::routes::Route;
    use leptos::prelude::{GetUntracked, RwSignal, Set};
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

    /// This page's origin, e.g. `https://news.example`.
    pub fn origin() -> String {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }

    /// Puts text on the clipboard (where the browser allows it).
    pub fn copy_text(text: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(text);
        }
    }

    /// Calls `on_width` with the element's width now and whenever it changes,
    /// until the returned guard is dropped.
    pub fn watch_width(
        el: &web_sys::Element,
        on_width: impl Fn(f64) + 'static,
    ) -> Option<WidthWatch> {
        let callback = Closure::<dyn FnMut()>::new({
            let el = el.clone();
            move || on_width(f64::from(el.client_width()))
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(el);
        Some(WidthWatch {
            observer,
            _callback: callback,
        })
    }

    pub struct WidthWatch {
        observer: web_sys::ResizeObserver,
        _callback: Closure<dyn FnMut()>,
    }

    impl Drop for WidthWatch {
        fn drop(&mut self) {
            self.observer.disconnect();
        }
    }

    /// Keeps `online` in step with the browser's connection state.
    pub fn watch_connectivity(online: leptos::prelude::RwSignal<bool>) {
        use leptos::prelude::Set;
        let Some(window) = web_sys::window() else {
            return;
        };
        online.try_set(window.navigator().on_line());
        for (event, state) in [("online", true), ("offline", false)] {
            let callback = Closure::<dyn FnMut()>::new(move || {
                online.try_set(state);
            });
            let _ =
                window.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
            // The listeners live as long as the page.
            callback.forget();
        }
    }

    /// Client-side navigation. A click on a link to a page of this app (same
    /// origin, under the base) updates `path` and the history instead of
    /// loading a page, and back/forward update `path`. Everything else is
    /// the browser's: other sites, new tabs and windows, downloads, modified
    /// clicks, and anchors within the page (the skip link).
    pub fn follow_links(paths: Paths, path: RwSignal<String>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let on_click = {
            let paths = paths.clone();
            Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
                let plain = !event.default_prevented()
                    && event.button() == 0
                    && !(event.meta_key()
                        || event.ctrl_key()
                        || event.shift_key()
                        || event.alt_key());
                let link = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten());
                let Some(link) = link.filter(|_| plain) else {
                    return;
                };
                let Some(window) = web_sys::window() else {
                    return;
                };
                // The link's own target, or the page's (`<base target>`:
                // an embed opens every link in a new browsing context).
                let base = window
                    .document()
                    .and_then(|d| d.query_selector("base[target]").ok().flatten());
                let new_context = [Some(&link), base.as_ref()]
                    .into_iter()
                    .flatten()
                    .filter_map(|el| el.get_attribute("target"))
                    .any(|t| !t.is_empty() && t != "_self");
                if new_context || link.has_attribute("download") {
                    return;
                }
                let (Some(href), Ok(here)) = (link.get_attribute("href"), window.location().href())
                else {
                    return;
                };
                let base_uri = window
                    .document()
                    .and_then(|d| d.base_uri().ok().flatten())
                    .unwrap_or_else(|| here.clone());
                let (Ok(to), Ok(from)) = (
                    web_sys::Url::new_with_base(&href, &base_uri),
                    web_sys::Url::new(&here),
                ) else {
                    return;
                };
                if to.origin() != from.origin() {
                    return;
                }
                let pathname = to.pathname();
                let Some(route_path) = paths.route_path(&pathname) else {
                    return;
                };
                // An embed lives in another site's frame: it never becomes
                // a page of ours there (which would also be refused framing).
                let here = path.try_get_untracked().unwrap_or_default();
                let leaves_embed = Route::parse(&here).page().is_embed()
                    && !Route::parse(&route_path).page().is_embed();
                if leaves_embed {
                    return;
                }
                let same_page = pathname == from.pathname() && to.search() == from.search();
                if same_page && !to.hash().is_empty() {
                    return;
                }
                event.prevent_default();
                // The position of the page being left, as it is now: a
                // scroll event may not have reported it yet (WebKit fires
                // it after a click that follows at once).
                let y = window.scroll_y().unwrap_or(0.0);
                STATE.with_borrow_mut(|s| s.positions.insert(from.pathname(), y));
                if to.href() != here {
                    if let Ok(history) = window.history() {
                        let _ = history.push_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&to.href()),
                        );
                    }
                }
                path.try_set(route_path);
                window.scroll_to_with_x_and_y(0.0, 0.0);
            })
        };
        let on_popstate = Closure::<dyn FnMut()>::new(move || {
            let pathname = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default();
            path.try_set(paths.route_path(&pathname).unwrap_or_default());
        });
        if let Some(document) = window.document() {
            let _ = document
                .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        }
        let _ = window
            .add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        on_click.forget();
        on_popstate.forget();
    }

    /// Replaces the prerendered body with the live app (`mount`), keeping
    /// what the reader was doing there: the focused element, found again by
    /// its position in the identical new markup, and the scroll position.
    /// The app may arrive after the reader has tabbed or scrolled.
    pub fn take_over(body: &web_sys::HtmlElement, mount: impl FnOnce()) {
        let document = body.owner_document();
        let focused = document
            .as_ref()
            .and_then(|d| d.active_element())
            .and_then(|el| FocusedElement::of(body, &el));
        let window = web_sys::window();
        let scrolled = window
            .as_ref()
            .map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
        body.replace_children_with_node_0();
        mount();
        // An element the mount has drawn already (the header, the skip
        // link) takes focus back in this task, so a key pressed next still
        // starts from it; page content arrives in the microtasks after the
        // mount, so its element takes focus in the first frame.
        let later = focused.filter(|f| !f.restore(body));
        let body = body.clone();
        leptos::prelude::request_animation_frame(move || {
            if let (Some(window), Some((x, y))) = (window, scrolled) {
                window.scroll_to_with_x_and_y(x, y);
            }
            // Unless the reader has moved focus meanwhile.
            let unfocused = document
                .and_then(|d| d.active_element())
                .is_none_or(|el| el == *body);
            if let Some(f) = later.filter(|_| unfocused) {
                f.restore(&body);
            }
        });
    }

    /// The focused element as the new markup can find it again: its
    /// position and its tag.
    struct FocusedElement {
        path: Vec<u32>,
        tag: String,
    }

    impl FocusedElement {
        fn of(root: &web_sys::HtmlElement, el: &web_sys::Element) -> Option<Self> {
            Some(Self {
                path: position_in(root, el)?,
                tag: el.tag_name(),
            })
        }

        /// Focuses the same element under `root`; false if it is not there
        /// yet (the loading placeholder has nothing that takes focus).
        fn restore(&self, root: &web_sys::HtmlElement) -> bool {
            let Some(el) = element_at(root, &self.path).filter(|el| el.tag_name() == self.tag)
            else {
                return false;
            };
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            // SVG elements (chart points) take focus too; `focus` is the
            // same method on both.
            let _ = el
                .unchecked_ref::<web_sys::HtmlElement>()
                .focus_with_options(&options);
            el.owner_document()
                .and_then(|d| d.active_element())
                .is_some_and(|active| active == el)
        }
    }

    /// The element's path from `root`: its index among its siblings at each
    /// level. None for `root` itself or an element outside it.
    fn position_in(root: &web_sys::HtmlElement, el: &web_sys::Element) -> Option<Vec<u32>> {
        let root: &web_sys::Element = root;
        let mut path = Vec::new();
        let mut node = el.clone();
        while node != *root {
            let mut index = 0;
            let mut sibling = node.previous_element_sibling();
            while let Some(s) = sibling {
                index += 1;
                sibling = s.previous_element_sibling();
            }
            path.push(index);
            node = node.parent_element()?;
        }
        path.reverse();
        (!path.is_empty()).then_some(path)
    }

    fn element_at(root: &web_sys::HtmlElement, path: &[u32]) -> Option<web_sys::Element> {
        let root: &web_sys::Element = root;
        let mut node = root.clone();
        for &index in path {
            let mut child = node.first_element_child()?;
            for _ in 0..index {
                child = child.next_element_sibling()?;
            }
            node = child;
        }
        Some(node)
    }

    /// Replaces the default panic behaviour: the panic is reported in the
    /// console and the reader sees a message instead of a frozen page.
    pub fn install_panic_hook() {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("Gazette stopped: {info}").into());
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let Some(body) = document.body() else { return };
            if let Ok(note) = document.create_element("div") {
                note.set_class_name("crash");
                let _ = note.set_attribute("role", "alert");
                note.set_text_content(Some(
                    "Sorry, something went wrong in this page. Please reload it to continue reading.",
                ));
                let _ = body.prepend_with_node_1(&note);
            }
        }));
    }
}

#[cfg(target_arch = "wasm32")]
pub use imp::{
    copy_text, follow_links, install, install_panic_hook, origin, page_shown, take_over,
    watch_connectivity, watch_width,
};

#[cfg(not(target_arch = "wasm32"))]
pub fn follow_links(_paths: crate::paths::Paths, _path: leptos::prelude::RwSignal<String>) {}

#[cfg(not(target_arch = "wasm32"))]
pub fn watch_connectivity(_online: leptos::prelude::RwSignal<bool>) {}

#[cfg(not(target_arch = "wasm32"))]
pub fn install() {}

#[cfg(not(target_arch = "wasm32"))]
pub fn page_shown() {}

#[cfg(not(target_arch = "wasm32"))]
pub fn origin() -> String {
    String::new()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn copy_text(_text: &str) {}

/// Runs [`page_shown`] once the component it is placed in has mounted and
/// the new page has replaced the old one (the next animation frame).
#[leptos::component]
pub fn PageShown() -> impl leptos::IntoView {
    leptos::prelude::Effect::new(|_| leptos::prelude::request_animation_frame(page_shown));
}
