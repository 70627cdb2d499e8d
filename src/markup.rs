//! Text made safe to write into HTML by hand: the few places the build
//! writes markup itself rather than through the views (a page's title, its
//! embedded data, the site's identity element).

/// Escapes text for an HTML attribute value or element content.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// JSON made safe to put inside a `<script>` element: `<` is escaped as
/// `\u003c` (valid JSON, since it can only occur inside strings), so no
/// content can close the element or open a comment.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}
