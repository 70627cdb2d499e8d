//! What a result shows of its article's text: a stretch around the first
//! word the query met, with each met word marked. Parts of text, never
//! markup: the app draws a marked part as `<mark>` with text inside.

use super::index::Matched;
use super::words;

/// Characters a snippet shows, about (it ends at a word's end).
pub const SNIPPET_CHARS: usize = 220;

/// A run of a snippet's text, and whether it is a word the query met.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Part {
    pub text: String,
    pub marked: bool,
}

/// Where a snippet starts ([`super::index::Hit::window`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    /// A few words before the first word met, or the text's start if none
    /// is met or it is near the start.
    AtFirstMet,
    /// The text's start, the standfirst: what a result found by its
    /// headline shows, as a news listing does (decision 0043).
    AtStart,
}

/// The snippet of `text` for the words the query `matched`
/// ([`super::index::matched_words`]): from where `window` says, about
/// [`SNIPPET_CHARS`] long, with each met word in it marked and "…" where
/// it cuts the text.
pub fn snippet(text: &str, matched: &Matched, window: Window) -> Vec<Part> {
    // Each word's byte span; whether the query met it is asked only up to
    // the first met word and within the snippet (folding every word of a
    // long text was most of a result's time).
    let spans: Vec<(usize, usize)> = word_spans(text).collect();
    let met = |span: &(usize, usize)| is_met(text, *span, matched);
    let chars_before = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
    // Start a few words before the first met word, unless it is near the start.
    let first_met = match window {
        Window::AtFirstMet => spans.iter().position(met).unwrap_or(0),
        Window::AtStart => 0,
    };
    let start = match spans.get(first_met.saturating_sub(4)) {
        Some(&(at, ..))
            if chars_before(spans.get(first_met).map_or(0, |s| s.0)) > SNIPPET_CHARS / 2 =>
        {
            at
        }
        _ => 0,
    };
    // End at the last word that ends within the length (a byte bound,
    // found once: the text is up to 3,000 characters).
    let limit = text
        .get(start..)
        .and_then(|rest| rest.char_indices().nth(SNIPPET_CHARS))
        .map_or(text.len(), |(at, _)| start + at);
    let end = spans
        .iter()
        .filter(|s| s.0 >= start && s.1 <= limit)
        .map(|s| s.1)
        .next_back()
        .unwrap_or(start);
    let end = if spans.last().is_some_and(|s| s.1 == end) {
        text.len()
    } else {
        end
    };
    let mut parts = Vec::new();
    let mut push = |text: &str, marked: bool| {
        if !text.is_empty() {
            parts.push(Part {
                text: text.to_owned(),
                marked,
            })
        }
    };
    if start > 0 {
        push("…", false);
    }
    let mut at = start;
    let within = spans.iter().filter(|&&(s, e)| s >= start && e <= end);
    for &(s, e) in within.filter(|span| met(span)) {
        push(text.get(at..s).unwrap_or_default(), false);
        push(text.get(s..e).unwrap_or_default(), true);
        at = e;
    }
    push(text.get(at..end).unwrap_or_default().trim_end(), false);
    if end < text.len() {
        push("…", false);
    }
    parts
}

/// The start of a fragment's `text` that gives the snippet the whole text
/// gives, for any words met, when the snippet starts at the text's start
/// ([`Window::AtStart`], or none met) or the first met is within its first
/// `lead_chars` characters (the standfirst): it ends at the end of the
/// first word that ends a snippet's length past them (or past the text's
/// first word, where a snippet from the start starts).
pub fn lead(text: &str, lead_chars: usize) -> &str {
    let chars_before = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
    let first_word = word_spans(text).next().map_or(0, |(s, _)| chars_before(s));
    // A snippet's window ends at most SNIPPET_CHARS past its start, which
    // is at or before the first met word (or the first word).
    let past = lead_chars.max(first_word) + SNIPPET_CHARS;
    let Some((at, _)) = text.char_indices().nth(past) else {
        return text;
    };
    // Past the window, a word more: the whole text has one there too, so
    // both end the snippet alike, "…" and all.
    match word_spans(text).find(|&(_, end)| end > at) {
        Some((_, end)) => text.get(..end).unwrap_or(text),
        None => text,
    }
}

/// Whether the query met the word at `start..end` of `text`.
fn is_met(text: &str, (start, end): (usize, usize), matched: &Matched) -> bool {
    text.get(start..end)
        .and_then(|w| words(w).into_iter().next())
        .is_some_and(|w| matched.has(&w.folded))
}

/// The byte spans of a text's words: runs of letters and digits, as
/// [`words`] cuts them.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(at, c)| match (c.is_alphanumeric(), start) {
            (true, None) => {
                start = Some(at);
                None
            }
            (false, Some(s)) => {
                start = None;
                Some((s, at))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Window::{AtFirstMet, AtStart};

    fn show(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| {
                if p.marked {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    fn met(words: &[&str]) -> Matched {
        Matched {
            words: words.iter().map(|w| w.to_string()).collect(),
            prefixes: Vec::new(),
        }
    }

    #[test]
    fn met_words_are_marked_in_the_script_they_were_written_in() {
        let text = "Марковић је у Бреговцу. Marković: \"barikade\" <b>";
        assert_eq!(
            show(&snippet(text, &met(&["markovic", "bregovcu"]), AtFirstMet)),
            "[Марковић] је у [Бреговцу]. [Marković]: \"barikade\" <b>"
        );
        assert_eq!(show(&snippet(text, &met(&[]), AtFirstMet)), text);
        // A prefix marks every word it begins, in either script.
        let prefixed = Matched {
            prefixes: vec!["bar".into(), "mar".into()],
            ..met(&["u"])
        };
        assert_eq!(
            show(&snippet(text, &prefixed, AtFirstMet)),
            "[Марковић] је [у] Бреговцу. [Marković]: \"[barikade]\" <b>"
        );
        assert_eq!(show(&snippet("", &met(&["a"]), AtFirstMet)), "");
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_met_word() {
        let before = "one two three four five six seven eight nine ten ".repeat(10);
        let after = " eleven twelve".repeat(40);
        let text = format!("{before}Zorvan{after}");
        let shown = show(&snippet(&text, &met(&["zorvan"]), AtFirstMet));
        assert!(
            shown.starts_with("…seven eight nine ten [Zorvan] eleven"),
            "{shown}"
        );
        assert!(
            shown.ends_with("eleven…") || shown.ends_with("twelve…"),
            "{shown}"
        );
        let chars = shown.chars().count();
        assert!(
            (SNIPPET_CHARS - 20..=SNIPPET_CHARS + 10).contains(&chars),
            "{chars}"
        );
        // Near the start, or met nowhere: from the start.
        let early = show(&snippet(
            &format!("Zorvan{after}"),
            &met(&["zorvan"]),
            AtFirstMet,
        ));
        assert!(early.starts_with("[Zorvan] eleven"), "{early}");
        assert!(show(&snippet(&text, &met(&[]), AtFirstMet)).starts_with("one two"));
        // From the start, whatever is met: the words met within it marked.
        let start = show(&snippet(&text, &met(&["zorvan", "two"]), AtStart));
        assert!(start.starts_with("one [two] three"), "{start}");
        assert!(!start.contains("Zorvan"), "{start}");
        assert!(start.ends_with('…'), "{start}");
    }

    #[test]
    fn a_lead_ends_a_snippet_past_its_standfirst_or_its_first_word() {
        let body = " eleven twelve".repeat(60);
        // A standfirst of no words and a body that starts with none: a
        // snippet with none met starts at the first word, 150 characters
        // in, and the lead reaches past it.
        for (standfirst, start) in [
            ("—", "— ".repeat(75)),
            ("Zorvan —", String::new()),
            ("", String::new()),
        ] {
            let text = format!("{standfirst}{start}{body}");
            let chars = standfirst.chars().count();
            for (met, window) in [met(&[]), met(&["zorvan"]), met(&["twelve"])]
                .into_iter()
                .flat_map(|met| [(met.clone(), AtFirstMet), (met, AtStart)])
                // Met past the standfirst: only from the start.
                .filter(|(met, window)| !met.has("twelve") || *window == AtStart)
            {
                assert_eq!(
                    show(&snippet(lead(&text, chars), &met, window)),
                    show(&snippet(&text, &met, window)),
                    "{text}"
                );
            }
            assert!(lead(&text, chars).len() < text.len());
        }
        assert_eq!(lead("short text", 5), "short text");
        // A word that ends just where such a snippet's window does (words
        // of 12 letters from character 151: the 17th ends at 151 + 220):
        // the lead goes a word further, so both end in "…".
        let text = format!("—{}{}", "— ".repeat(75), "abcdefghijkl ".repeat(40));
        let shown = show(&snippet(lead(&text, 1), &met(&[]), AtFirstMet));
        assert_eq!(shown, show(&snippet(&text, &met(&[]), AtFirstMet)));
        assert!(shown.ends_with("abcdefghijkl…"), "{shown}");
    }
}
