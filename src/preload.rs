//! Data that arrives with the page instead of over the network.
//!
//! At build time the prerenderer hands each page its data ([`Prerendered`]),
//! so the views render to complete HTML natively. The same document is
//! embedded in the page as `<script type="application/json" id="gazette-data"
//! data-url="…">` (data, not script: a strict CSP allows it), and in the
//! browser the first request for that URL is answered from it. The app then
//! replaces the prerendered markup with the same markup in one paint, with no
//! loading state in between.

/// The `id` of the element holding the page's JSON.
pub const DATA_ELEMENT_ID: &str = "gazette-data";

/// A page's data, provided as context when rendering natively.
#[derive(Clone, Debug)]
pub struct Prerendered<T>(pub T);

/// The embedded document as it goes into the HTML: `<` is escaped as
/// `\u003c` (valid JSON, since it can only occur inside strings), so no
/// content can close the element or open a comment.
pub fn data_element(url: &str, json: &str) -> String {
    let url = url
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let json = json.replace('<', "\\u003c");
    format!(
        r#"<script type="application/json" id="{DATA_ELEMENT_ID}" data-url="{url}">{json}</script>"#
    )
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    thread_local! {
        static EMBEDDED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    }

    /// Reads the embedded document, if the page has one. Called once at start.
    pub fn capture() {
        let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(super::DATA_ELEMENT_ID))
        else {
            return;
        };
        if let (Some(url), Some(json)) = (element.get_attribute("data-url"), element.text_content())
        {
            EMBEDDED.with(|e| e.replace(Some((url, json))));
        }
        element.remove();
    }

    /// The embedded document for `url`, once: later requests go to the network.
    pub fn take(url: &str) -> Option<String> {
        EMBEDDED.with(|e| {
            let mut e = e.borrow_mut();
            if e.as_ref().is_some_and(|(u, _)| u == url) {
                e.take().map(|(_, json)| json)
            } else {
                None
            }
        })
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{capture, take};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_cannot_close_its_element() {
        let json = r#"{"headline":"</script><script>alert(1)</script><!--"}"#;
        let html = data_element("/api/v1/articles/a.json?x=\"&", json);
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(!html.contains("<!--"));
        assert!(html.contains(r#"data-url="/api/v1/articles/a.json?x=&quot;&amp;""#));
        let inner = html
            .split_once('>')
            .and_then(|(_, rest)| rest.strip_suffix("</script>"))
            .unwrap_or_default();
        let back: serde_json::Value = serde_json::from_str(inner).unwrap_or_default();
        assert_eq!(back["headline"], "</script><script>alert(1)</script><!--");
    }
}
