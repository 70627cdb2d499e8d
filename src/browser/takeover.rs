//! The prerendered page becomes the live app in one paint, and the reader
//! keeps their place: the focused element and the scroll position.

use wasm_bindgen::JsCast;

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
/// position and its tag, and what the reader typed into it, if it is a
/// text field (the search box, typed into before the app arrived).
struct FocusedElement {
    path: Vec<u32>,
    tag: String,
    typed: Option<String>,
}

impl FocusedElement {
    fn of(root: &web_sys::HtmlElement, el: &web_sys::Element) -> Option<Self> {
        Some(Self {
            path: position_in(root, el)?,
            tag: el.tag_name(),
            typed: el
                .dyn_ref::<web_sys::HtmlInputElement>()
                .map(|input| input.value())
                .filter(|v| !v.is_empty()),
        })
    }

    /// Focuses the same element under `root`; false if it is not there
    /// yet (the loading placeholder has nothing that takes focus).
    fn restore(&self, root: &web_sys::HtmlElement) -> bool {
        let Some(el) = element_at(root, &self.path).filter(|el| el.tag_name() == self.tag) else {
            return false;
        };
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        // SVG elements (chart points) take focus too; `focus` is the
        // same method on both.
        let _ = el
            .unchecked_ref::<web_sys::HtmlElement>()
            .focus_with_options(&options);
        // The typed text goes back in as typing: the app's field hears it.
        let input = el.dyn_ref::<web_sys::HtmlInputElement>();
        if let (Some(input), Some(typed)) = (input, &self.typed) {
            if input.value() != *typed {
                input.set_value(typed);
                // Bubbling, as typing's is: Leptos hears events at the document.
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                    let _ = input.dispatch_event(&event);
                }
            }
        }
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
