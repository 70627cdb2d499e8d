//! Words as search reads them, at index time and at query time alike.
//!
//! A text is cut into [`Word`]s, each in two forms: `exact` (lowercase,
//! Serbian Latin with its diacritics: what a ranking prefers and a Serbian
//! stemmer reads) and `folded` (one script, no diacritics: what matches).
//! The index and the query go through these same functions, so a word
//! indexed from a Cyrillic article and typed in Latin without diacritics
//! meet. A reader's [`Query`] is cut to a bounded size before any of it is
//! read: it is text from the address bar, never trusted.

pub mod build;
pub mod engine;
pub mod index;
pub mod json;
pub mod snippet;

use crate::fold::{fold, to_latin};

/// The address's parameter that holds a query (`search?q=…`): the search
/// form's field, the page's reading of its address, and the loader's.
pub const QUERY_PARAMETER: &str = "q";
/// Characters of a query read; the rest is ignored (a search box's
/// `maxlength` says the same, but a `?q=` in an address says anything).
pub const MAX_QUERY_CHARS: usize = 200;
/// Words of a query matched; further words are ignored.
pub const MAX_QUERY_WORDS: usize = 10;
/// Characters of one word kept; a longer "word" is noise (a URL, a hash).
pub const MAX_WORD_CHARS: usize = 40;
/// Characters a word needs before it matches as a prefix, as the reader
/// types (`barric` finds "barricades"; `ba` finds nothing yet).
pub const MIN_PREFIX_CHARS: usize = 3;

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Word {
    /// Lowercase, Serbian Cyrillic written in Latin, diacritics kept.
    pub exact: String,
    /// [`fold`]ed: one script, no diacritics.
    pub folded: String,
}

impl Word {
    /// A word from its exact form (lowercase Latin, cut to length).
    fn new(exact: &str) -> Self {
        Self {
            exact: exact.to_owned(),
            folded: fold(exact),
        }
    }

    /// Whether this word, still being typed, may match words it begins.
    pub fn matches_as_prefix(&self) -> bool {
        self.folded.chars().count() >= MIN_PREFIX_CHARS
    }
}

/// The words of `text`, in order: runs of letters and digits (in any
/// script), everything else a separator.
pub fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    each_word(text, |exact, _| found.push(Word::new(exact)));
    found
}

/// The script a word was written in, as far as stemming cares: a word in
/// Cyrillic is Serbian whatever its article's language says (a WordPress
/// post carries the site's language, not its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Cyrillic,
    Other,
}

/// Each word of `text` as written, in order: its exact form ([`exact_words`]
/// of it in Latin) and the [`Script`] it was written in. The index and a
/// query cut words here alike.
pub(crate) fn each_word(text: &str, mut found: impl FnMut(&str, Script)) {
    for written in text.split(|c: char| !c.is_alphanumeric()) {
        if written.is_empty() {
            continue;
        }
        let script = match written
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
        {
            true => Script::Cyrillic,
            false => Script::Other,
        };
        for exact in exact_words(&to_latin(written)) {
            found(exact, script);
        }
    }
}

/// The exact forms of the words of a text already in Latin ([`to_latin`]),
/// each cut at [`MAX_WORD_CHARS`].
pub(crate) fn exact_words(latin: &str) -> impl Iterator<Item = &str> {
    latin
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|word| match word.char_indices().nth(MAX_WORD_CHARS) {
            Some((at, _)) => word.get(..at).unwrap_or(word),
            None => word,
        })
}

/// What a reader asked for: at most [`MAX_QUERY_WORDS`] distinct words,
/// read from at most [`MAX_QUERY_CHARS`] characters. Control characters
/// and markup are separators like any punctuation; nothing in a query is
/// ever more than text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    words: Vec<Word>,
}

impl Query {
    /// The query in `input`, or `None` when it holds no word to look for.
    pub fn parse(input: &str) -> Option<Self> {
        let head: String = input.chars().take(MAX_QUERY_CHARS).collect();
        let mut found: Vec<Word> = Vec::new();
        // Characters of `text()` so far: a word written in Latin can be
        // longer than typed (љ is lj), and the text must read back whole.
        let mut used = 0;
        for word in words(&head) {
            if found.iter().any(|w| w.folded == word.folded) {
                continue;
            }
            used += word.exact.chars().count() + usize::from(!found.is_empty());
            if found.len() == MAX_QUERY_WORDS || used > MAX_QUERY_CHARS {
                break;
            }
            found.push(word);
        }
        (!found.is_empty()).then_some(Self { words: found })
    }

    /// The words, in the order the reader typed them.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// The query as it goes back in an address (`?q=`) and the box: its
    /// words, exact forms, one space apart.
    pub fn text(&self) -> String {
        let exact: Vec<&str> = self.words.iter().map(|w| w.exact.as_str()).collect();
        exact.join(" ")
    }
}

/// What a reader asked, as it is shown back to them (the box, the
/// page's title and status): at most [`MAX_QUERY_CHARS`] characters,
/// control characters as spaces, trimmed. Text, never markup.
pub fn shown_query(asked: &str) -> String {
    let shown: String = asked
        .chars()
        .take(MAX_QUERY_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    shown.trim().to_owned()
}

/// The value of `name` in an address's query (`?q=a+b&x=1`), decoded as
/// a form sends it (`+` a space, `%XX` a byte; bytes that are not UTF-8
/// become U+FFFD). The first one, if it is there.
pub fn form_value(query: &str, name: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| match pair.split_once('=') {
            Some((key, value)) if form_decode(key) == name => Some(form_decode(value)),
            None if form_decode(pair) == name => Some(String::new()),
            _ => None,
        })
}

fn form_decode(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (first, tail) {
            (b'+', _) => bytes.push(b' '),
            (b'%', [hi, lo, ..]) if hex(*hi).is_some() && hex(*lo).is_some() => {
                let (hi, lo) = (hex(*hi).unwrap_or(0), hex(*lo).unwrap_or(0));
                bytes.push((hi * 16 + lo) as u8);
                rest = tail.get(2..).unwrap_or_default();
                continue;
            }
            (b, _) => bytes.push(b),
        }
        rest = tail;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `text` as a form writes a value into an address: what [`form_value`]
/// reads back.
pub fn form_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b' ' => out.push('+'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_shown_back_cut_and_without_control_characters() {
        assert_eq!(shown_query("  Вучић\u{0}kfor\n "), "Вучић kfor");
        assert_eq!(
            shown_query(&"ђ".repeat(10_000)),
            "ђ".repeat(MAX_QUERY_CHARS)
        );
        assert_eq!(shown_query("<b>x</b>"), "<b>x</b>");
    }

    #[test]
    fn a_query_value_reads_back_as_a_form_wrote_it() {
        for text in [
            "",
            "kfor troops",
            "Вучић",
            "a+b&c=d",
            "100% ",
            "<b>\u{0}",
            "ђ?#/",
        ] {
            let query = format!("?x=1&q={}&q=other", form_encode(text));
            assert_eq!(form_value(&query, "q").as_deref(), Some(text), "{query}");
        }
        assert_eq!(form_value("q=a+b", "q").as_deref(), Some("a b"));
        assert_eq!(form_value("?q", "q").as_deref(), Some(""));
        assert_eq!(form_value("?qq=1&xq=2", "q"), None);
        assert_eq!(form_value("", "q"), None);
        // Broken escapes stay as typed; bytes that are not UTF-8 are replaced.
        assert_eq!(form_value("?q=%zz%4", "q").as_deref(), Some("%zz%4"));
        assert_eq!(form_value("?q=%C3%28", "q").as_deref(), Some("\u{fffd}("));
        assert_eq!(
            form_encode("Марко ђ"),
            "%D0%9C%D0%B0%D1%80%D0%BA%D0%BE+%D1%92"
        );
    }

    fn folded(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.folded).collect()
    }

    #[test]
    fn a_text_is_cut_into_words_in_either_script() {
        assert_eq!(
            folded("Марковић: KFOR-ove barikade, 1999."),
            ["markovic", "kfor", "ove", "barikade", "1999"]
        );
        assert_eq!(folded("  Marković  "), ["markovic"]);
        assert_eq!(folded(""), Vec::<String>::new());
        assert_eq!(folded("—, …!"), Vec::<String>::new());
        let w: Vec<Word> = words("Ђорђе");
        assert_eq!(
            w,
            [Word {
                exact: "đorđe".into(),
                folded: "djordje".into()
            }]
        );
    }

    #[test]
    fn the_same_name_in_both_scripts_is_one_word() {
        let cyrillic: Vec<Word> = words("Јелена Марковић");
        let latin: Vec<Word> = words("Jelena Marković");
        assert_eq!(cyrillic, latin);
        let plain: Vec<String> = folded("jelena markovic");
        assert_eq!(
            cyrillic.iter().map(|w| &w.folded).collect::<Vec<_>>(),
            plain.iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_query_is_bounded_and_deduplicated() {
        let q = Query::parse("Marković markovic МАРКОВИЋ barikade").expect("words");
        assert_eq!(q.words().len(), 2);
        assert_eq!(q.text(), "marković barikade");
        let many = "word ".repeat(10_000);
        let distinct: String = (0..50).map(|i| format!("w{i} ")).collect();
        assert_eq!(Query::parse(&many).map(|q| q.words().len()), Some(1));
        assert_eq!(
            Query::parse(&distinct).map(|q| q.words().len()),
            Some(MAX_QUERY_WORDS)
        );
        // Only the first MAX_QUERY_CHARS characters are read.
        let late = format!("{}kfor", " ".repeat(MAX_QUERY_CHARS));
        assert_eq!(Query::parse(&late), None);
        // Written in Latin, a query may grow (љ is lj): its text still
        // fits the cap, so it reads back whole.
        let grown: String = (0..10).map(|i| format!("{}{i} ", "љ".repeat(19))).collect();
        let q = Query::parse(&grown).expect("words");
        assert_eq!(q.words().len(), 5, "39 characters each in Latin");
        assert!(q.text().chars().count() <= MAX_QUERY_CHARS, "{}", q.text());
        assert_eq!(Query::parse(&q.text()), Some(q));
        // Exactly at the cap: four words of 39 characters and one of 40,
        // one space apart, make 200; a sixth word would pass it.
        let at_cap: String = (0..4)
            .map(|i| format!("{}{i} ", "љ".repeat(19)))
            .chain([format!("{} z", "љ".repeat(20))])
            .collect();
        let q = Query::parse(&at_cap).expect("words");
        assert_eq!(q.text().chars().count(), MAX_QUERY_CHARS);
        assert_eq!(q.words().len(), 5);
        let long = "x".repeat(10_000);
        let q = Query::parse(&long).expect("one word");
        assert_eq!(q.words()[0].exact.chars().count(), MAX_WORD_CHARS);
    }

    #[test]
    fn markup_and_control_characters_are_only_separators() {
        let q = Query::parse("<script>alert(1)</script>\u{0}\u{7}\u{202E}kfor").expect("words");
        assert_eq!(q.text(), "script alert 1 kfor");
        assert!(q.text().chars().all(|c| c.is_alphanumeric() || c == ' '));
        assert_eq!(
            Query::parse("\u{0}\u{1b}[31m <> \"' &amp;"),
            Query::parse("31m amp")
        );
        assert_eq!(Query::parse("<> \u{0} !!"), None);
    }

    #[test]
    fn a_word_matches_as_a_prefix_from_three_characters() {
        let of = |t: &str| words(t).first().map(Word::matches_as_prefix);
        assert_eq!(of("ba"), Some(false));
        assert_eq!(of("bar"), Some(true));
        // Counted once folded: "џе" is "dze", three letters.
        assert_eq!(of("џе"), Some(true));
        assert_eq!(of("že"), Some(false));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any input parses to a bounded query, or to none; never a panic.
        #[test]
        fn any_input_is_a_bounded_query(input in "\\PC{0,400}") {
            if let Some(q) = Query::parse(&input) {
                prop_assert!(!q.words().is_empty());
                prop_assert!(q.words().len() <= MAX_QUERY_WORDS);
                for w in q.words() {
                    prop_assert!(!w.exact.is_empty());
                    prop_assert!(w.exact.chars().count() <= MAX_WORD_CHARS);
                    prop_assert!(w.exact.chars().all(char::is_alphanumeric));
                }
            }
        }

        /// A query read back from its own text is the same query: the
        /// address it writes (`?q=`) reloads to what the reader saw.
        #[test]
        fn a_query_round_trips_through_its_text(input in "\\PC{0,200}") {
            if let Some(q) = Query::parse(&input) {
                prop_assert_eq!(Query::parse(&q.text()), Some(q));
            }
        }
    }
}
