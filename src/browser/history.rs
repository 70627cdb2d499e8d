//! Client-side navigation: the app's own links and back/forward update the
//! route; each page's scroll position is kept for back/forward; after a
//! client-side navigation, focus moves to the new page's heading.

use crate::paths::Paths;
use crate::routes::{Location, Route};
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
    let _ = window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    let _ =
        window.add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    // The listeners live as long as the page. (Leptos's
    // window_event_listener would do the same for 0.4 KB more WASM, gzip,
    // measured; this module is browser-only anyway.)
    on_scroll.forget();
    on_popstate.forget();
}

/// A page has rendered its content: once it has replaced the old page (the
/// next animation frame), restore the scroll position after back/forward,
/// and after a client-side navigation move focus to the page's heading so
/// screen readers announce the new page, and count the view (`view`: taken
/// when the page arrived; `None` for a failure), unless the reader left it
/// before that frame. The page the reader landed on was counted by boot.js,
/// with or without the app.
pub fn page_shown(view: Option<super::PageView>) {
    // The address the page was drawn for: by the next frame the reader may
    // have gone back already, and the position kept for where they went
    // must wait for that page, not be spent on this one (a page far
    // shorter than the position: the scroll stopped at its end).
    let drawn_for = path();
    leptos::prelude::request_animation_frame(move || arrived(drawn_for, view));
}

fn arrived(drawn_for: Option<String>, view: Option<super::PageView>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let current = path();
    // Whether the reader is still on the page drawn (not gone on, or back).
    let still_shown = current == drawn_for;
    let (restore, navigated) = STATE.with_borrow_mut(|s| {
        let restore = match s.pending_restore.take() {
            Some(p) if still_shown && Some(&p) == current.as_ref() => s.positions.get(&p).copied(),
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
    // A page the reader left before it was painted (another link, back)
    // was never seen: no focus, and no view, whose title would by now be
    // the next page's.
    if navigated && still_shown {
        let heading = window
            .document()
            .and_then(|d| d.query_selector("main h1").ok().flatten())
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(h) = heading {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h.focus_with_options(&options);
        }
        if let Some(view) = view {
            pageview(&window, &view);
        }
    }
}

/// One `gazette:pageview` event on `window`, as boot.js sends for the first
/// page (README, "Page views").
fn pageview(window: &web_sys::Window, view: &super::PageView) {
    use wasm_bindgen::JsValue;
    let detail = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&detail, &key.into(), &value);
    };
    set("path", view.path.as_str().into());
    let title = window.document().map(|d| d.title()).unwrap_or_default();
    set("title", title.into());
    set("type", view.kind.into());
    set(
        "slug",
        view.slug.as_deref().map_or(JsValue::NULL, JsValue::from),
    );
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("gazette:pageview", &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// A click the app follows itself: where to, from where, and the route's
/// path below the base.
struct Followed {
    to: web_sys::Url,
    from: web_sys::Url,
    route_path: String,
}

/// The link `event` clicked, if the app should follow it: a plain click
/// (main button, no modifier, not handled already) on a link that opens in
/// this browsing context, is no download, stays on this origin under the
/// base, does not take an embed to a full page, and is not an anchor within
/// the page.
fn link_to_follow(
    window: &web_sys::Window,
    event: &web_sys::MouseEvent,
    paths: &Paths,
    path: RwSignal<String>,
) -> Option<Followed> {
    let plain = !event.default_prevented()
        && event.button() == 0
        && !(event.meta_key() || event.ctrl_key() || event.shift_key() || event.alt_key());
    let link = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .filter(|_| plain)?;
    // The link's own target, or the page's (`<base target>`: an embed
    // opens every link in a new browsing context).
    let base = window
        .document()
        .and_then(|d| d.query_selector("base[target]").ok().flatten());
    let new_context = [Some(&link), base.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|el| el.get_attribute("target"))
        .any(|t| !t.is_empty() && t != "_self");
    if new_context || link.has_attribute("download") {
        return None;
    }
    let href = link.get_attribute("href")?;
    let here = window.location().href().ok()?;
    let base_uri = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| here.clone());
    let to = web_sys::Url::new_with_base(&href, &base_uri).ok()?;
    let from = web_sys::Url::new(&here).ok()?;
    if to.origin() != from.origin() {
        return None;
    }
    let pathname = to.pathname();
    let route_path = paths.route_path(&pathname)?;
    // An embed lives in another site's frame: it never becomes a page of
    // ours there (which would also be refused framing).
    let current = path.try_get_untracked().unwrap_or_default();
    if Route::parse(&current).kind().is_embed() && !Route::parse(&route_path).kind().is_embed() {
        return None;
    }
    let same_page = pathname == from.pathname() && to.search() == from.search();
    if same_page && !to.hash().is_empty() {
        return None;
    }
    Some(Followed {
        to,
        from,
        route_path,
    })
}

/// Client-side navigation. A click on a link to a page of this app (same
/// origin, under the base) updates the location and the history instead of
/// loading a page, and back/forward update the location. Everything else is
/// the browser's: other sites, new tabs and windows, downloads, modified
/// clicks, and anchors within the page (the skip link).
pub fn follow_links(paths: Paths, location: Location) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_click = {
        let paths = paths.clone();
        Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            let Some(window) = web_sys::window() else {
                return;
            };
            if let Some(followed) = link_to_follow(&window, &event, &paths, location.path) {
                event.prevent_default();
                go(&window, followed, location);
            }
        })
    };
    let on_popstate = Closure::<dyn FnMut()>::new(move || {
        let address = web_sys::window().map(|w| w.location());
        let pathname = address.as_ref().and_then(|a| a.pathname().ok());
        let query = address.and_then(|a| a.search().ok()).unwrap_or_default();
        location.query.try_set(query);
        location.path.try_set(
            paths
                .route_path(&pathname.unwrap_or_default())
                .unwrap_or_default(),
        );
    });
    if let Some(document) = window.document() {
        let _ =
            document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    }
    let _ =
        window.add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    on_click.forget();
    on_popstate.forget();
}

/// Goes to `href` (a page of this app) as a followed link does: a new
/// history entry, the page's top. What a form the app drives does on
/// submit (the search box).
pub fn navigate(paths: &Paths, location: Location, href: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Ok(here), Some(base)) = (
        window.location().href(),
        window.document().and_then(|d| d.base_uri().ok().flatten()),
    ) else {
        return;
    };
    let (Ok(to), Ok(from)) = (
        web_sys::Url::new_with_base(href, &base),
        web_sys::Url::new(&here),
    ) else {
        return;
    };
    if let Some(route_path) = paths.route_path(&to.pathname()) {
        go(
            &window,
            Followed {
                to,
                from,
                route_path,
            },
            location,
        );
    }
}

/// Replaces the address's query (`?q=…`) in place, without a new history
/// entry: the search page's address follows what the reader types.
pub fn replace_query(location: Location, query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let _ = history.replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("{path}{query}")),
    );
    location.query.try_set(query.to_owned());
}

/// Moves to a followed address: keeps the old page's position for
/// back/forward, adds the history entry, and sets the location.
fn go(window: &web_sys::Window, followed: Followed, location: Location) {
    let Followed {
        to,
        from,
        route_path,
    } = followed;
    // The position of the page being left, as it is now: a scroll event
    // may not have reported it yet (WebKit fires it after a click that
    // follows at once).
    let y = window.scroll_y().unwrap_or(0.0);
    STATE.with_borrow_mut(|s| s.positions.insert(from.pathname(), y));
    if to.href() != from.href() {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to.href()));
        }
    }
    location.query.try_set(to.search());
    location.path.try_set(route_path);
    window.scroll_to_with_x_and_y(0.0, 0.0);
}
