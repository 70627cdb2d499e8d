//! A first, linear reading of a post's HTML, before any tree is built.
//!
//! html5ever's tree builder checks the open elements for a `<p>` each time
//! a `<div>` (or another block) opens: a post of n nested blocks costs n²
//! steps (measured: 40,000 nested `<div>`s took 5 s to parse; 200,000, which
//! WordPress keeps for any author in 1.2 MB, about two minutes), and every
//! build and publish would wait on it. Browsers cap the depth (Chromium at
//! 512). So the tokenizer, which is linear, reads the HTML once: it
//! measures how deep elements nest and gathers the text. A post nested
//! deeper than [`MAX_NESTING`] is never given to the tree builder: its text
//! is kept, as paragraphs, and the rest dropped and reported.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// How deep elements may nest before a post is read as plain text
/// (Chromium's parser's own limit).
pub const MAX_NESTING: usize = 512;

/// What the linear reading found.
pub struct Reading {
    /// The deepest the elements nest (an upper bound: elements the parser
    /// would close by itself, such as `<p>`, `<li>` and `<td>`, are not
    /// counted; misnested ones may be counted twice).
    pub depth: usize,
    /// The text, in paragraphs (broken at block elements and `<br>`), with
    /// white space collapsed; the text inside elements that run code or
    /// hold no reading text (`script`, `style`, `template`, …) left out.
    pub paragraphs: Vec<String>,
}

impl Reading {
    /// The text as one line.
    pub fn text(&self) -> String {
        self.paragraphs.join(" ")
    }

    pub fn too_deep(&self) -> bool {
        self.depth > MAX_NESTING
    }
}

/// Reads `html` once, without building a tree: see the module's comment.
pub fn read(html: &str) -> Reading {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to stop for a script, so one feed reads it all.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    let mut paragraphs = state.paragraphs;
    paragraphs.extend(finish(&state.current));
    Reading {
        depth: state.deepest,
        paragraphs,
    }
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    depth: usize,
    deepest: usize,
    /// Inside an element whose text is not read: its name and how many of
    /// the same name are open inside it.
    skipping: Option<(String, usize)>,
    current: String,
    paragraphs: Vec<String>,
}

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements the parser closes by itself when the next of their kind (or
/// their parent's end) comes: they do not deepen the tree.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rtc", "rp",
    "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose text is not the post's (the converter drops them whole).
const UNREAD: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "noembed", "noframes", "xmp", "textarea",
    "title", "select", "svg", "math", "object", "applet", "canvas", "video", "audio", "head",
];

/// Elements that begin or end a paragraph of the text.
const BREAKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "hr",
    "main",
    "center",
    "dl",
    "dt",
    "dd",
];

fn finish(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let start = tag.kind == TagKind::StartTag;
                let counted = !VOID.contains(&name) && !SELF_CLOSING.contains(&name);
                if counted && start && !tag.self_closing {
                    state.depth += 1;
                    state.deepest = state.deepest.max(state.depth);
                } else if counted && !start {
                    state.depth = state.depth.saturating_sub(1);
                }
                match &mut state.skipping {
                    Some((skipped, open)) if skipped == name => {
                        if !start {
                            *open -= 1;
                            if *open == 0 {
                                state.skipping = None;
                            }
                        } else if !tag.self_closing {
                            *open += 1;
                        }
                    }
                    Some(_) => {}
                    None if start && !tag.self_closing && UNREAD.contains(&name) => {
                        state.skipping = Some((name.to_owned(), 1));
                    }
                    None if BREAKS.contains(&name) => {
                        let text = std::mem::take(&mut state.current);
                        state.paragraphs.extend(finish(&text));
                    }
                    None => {}
                }
                // The tokenizer reads these elements' content as text, as
                // the tree builder would tell it to.
                if start && !tag.self_closing {
                    match name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "textarea" | "title" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => return TokenSinkResult::Plaintext,
                        _ => {}
                    }
                }
            }
            Token::CharacterTokens(text) if state.skipping.is_none() => {
                state.current.push_str(&text);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_how_deep_elements_nest() {
        for (html, depth) in [
            ("plain text", 0),
            ("<p>one</p><p>two</p>", 0),
            ("<p>unclosed<p>paragraphs<p>never deepen", 0),
            ("<ul><li>a<li>b<li>c</ul>", 1),
            ("<div><div><span>x</span></div></div>", 3),
            ("<div>a</div><div>b</div><div>c</div>", 1),
            ("<img src=x><br><hr><input>", 0),
            ("<div/><div/><div/>", 0),
            ("</div></div><div>x</div>", 1),
            // What code, styles and form fields hold is text, not elements,
            // however it looks: it deepens nothing.
            ("<script>if (a<b) x = '<div><div><div>';</script>", 1),
            ("<script><!-- '<div><div>' --></script>", 1),
            ("<style>a<b{}<div><div></style>", 1),
            ("<textarea><div><div><div></textarea>", 1),
            ("<title><div><div></title>", 1),
            ("<noscript><div><div></noscript>", 1),
        ] {
            assert_eq!(read(html).depth, depth, "{html}");
        }
        // A post whose script writes many tags is not "too deep" for it.
        let writer = format!("<script>w('{}')</script><p>text</p>", "<div>".repeat(600));
        assert!(!read(&writer).too_deep());
        for (open, n) in [("<div>", 100_000), ("<span>", 1_000), ("<blockquote>", 513)] {
            let reading = read(&format!("{}deep", open.repeat(n)));
            assert_eq!(reading.depth, n, "{open}");
            assert_eq!(reading.too_deep(), n > MAX_NESTING, "{open} × {n}");
        }
    }

    #[test]
    fn the_text_leaves_out_what_runs_code_and_keeps_paragraphs() {
        for (html, paragraphs) in [
            (
                "<p>One</p><p>Two &amp; three</p>",
                vec!["One", "Two & three"],
            ),
            ("Line<br>break", vec!["Line", "break"]),
            ("<script>alert(1)</script>Safe", vec!["Safe"]),
            ("<style>p{}</style><p>Shown</p>", vec!["Shown"]),
            (
                "<script>document.write('</p><p>')</script>after",
                vec!["after"],
            ),
            ("<svg><svg></svg><text>drawn</text></svg>kept", vec!["kept"]),
            ("<template><p>inert</p></template>out", vec!["out"]),
            ("<textarea><p>typed</p></textarea>next", vec!["next"]),
            ("<p>  spaced \n  out  </p>", vec!["spaced out"]),
            ("<em>KFOR</em>&#8217;s <b>troops</b>", vec!["KFOR’s troops"]),
            ("Мисија <span>КФОР-а</span>", vec!["Мисија КФОР-а"]),
        ] {
            assert_eq!(read(html).paragraphs, paragraphs, "{html}");
        }
    }
}
