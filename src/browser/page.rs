//! Small facts and services of the page: its origin, the clipboard and the
//! panic hook.

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
            // In the page's language (<html lang>, set by the build).
            let language = document
                .document_element()
                .and_then(|root| root.get_attribute("lang"))
                .and_then(|tag| crate::site::Language::from_tag(&tag))
                .unwrap_or_default();
            note.set_text_content(Some(crate::i18n::Strings::of(language).crashed));
            let _ = body.prepend_with_node_1(&note);
        }
    }));
}
