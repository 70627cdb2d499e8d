//! Text that came from outside (a CMS, a manifest) made safe to print.

use std::fmt::Write;

/// `text` as it may be printed to a terminal or a CI log: control
/// characters (newlines, escapes that move the cursor or forge a CI
/// command), and the invisible characters that reorder or hide text
/// (bidirectional overrides, zero-width characters), are written as
/// `\u{…}`; a backslash is doubled so that no escape can be forged either.
/// Letters of any script are kept as they are.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if c.is_control() || is_invisible_format(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode's format characters that change how text around them shows:
/// zero-width ones, bidirectional marks, embeddings, overrides and
/// isolates, the byte-order mark, and the interlinear annotation marks.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn what_could_forge_a_line_or_move_the_cursor_is_escaped() {
        for (raw, shown) in [
            ("line\n::error::forged", "line\\u{a}::error::forged"),
            ("a\r\nb", "a\\u{d}\\u{a}b"),
            (
                "\u{1b}[2J\u{1b}[1;1Hcleared",
                "\\u{1b}[2J\\u{1b}[1;1Hcleared",
            ),
            ("bell\u{7}", "bell\\u{7}"),
            ("nul\u{0}", "nul\\u{0}"),
            ("c1\u{9b}31m", "c1\\u{9b}31m"),
            ("tab\there", "tab\\u{9}here"),
            ("abc\u{202e}gpj.exe", "abc\\u{202e}gpj.exe"),
            ("zero\u{200b}width", "zero\\u{200b}width"),
            ("isolate\u{2066}x\u{2069}", "isolate\\u{2066}x\\u{2069}"),
            ("\u{feff}bom", "\\u{feff}bom"),
            ("line\u{2028}separator", "line\\u{2028}separator"),
            ("a\\u{a}b", "a\\\\u{a}b"),
        ] {
            assert_eq!(printable(raw), shown, "{raw:?}");
            assert!(!printable(raw).chars().any(char::is_control), "{raw:?}");
        }
    }

    #[test]
    fn letters_of_every_script_and_punctuation_are_kept() {
        for text in [
            "misija-kfor-a-na-kosovu",
            "Мисија КФОР-а на Косову",
            "Ana Đorđević: “KFOR’s” 50,000 → 3,800",
            "Prishtinë dhe Çarshia",
            "مرحبا", // right-to-left letters, with no override
            "😀 emoji",
        ] {
            assert_eq!(printable(text), text);
        }
    }
}
