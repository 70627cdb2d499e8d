//! Serbian's two scripts as one, and letters folded to ASCII.
//!
//! One table, read by the slugs the importer makes ("Вести" is published
//! as `vesti`) and by search, at index time and at query time alike, so
//! `Марковић`, `Marković` and `markovic` meet in one form. Two layers:
//! [`to_latin`] writes Serbian Cyrillic in Serbian Latin, keeping
//! diacritics (the exact form a ranking prefers, and the input a Serbian
//! stemmer reads); [`fold`] then drops the diacritics (č ć → c, đ → dj).

use crate::Slug;
use std::collections::BTreeSet;

mod lowercase;

/// Serbian Cyrillic (lowercase) in Serbian Latin, letter for letter; `None`
/// for any other character.
fn latin_of(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ђ' => "đ",
        'е' => "e",
        'ж' => "ž",
        'з' => "z",
        'и' => "i",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' => "ć",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "č",
        'џ' => "dž",
        'ш' => "š",
        _ => return None,
    })
}

/// A lowercase Latin letter with a diacritic (of the region's languages and
/// the common Western ones) without it; `None` for any other character.
fn ascii_of(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' => "dj",
        'č' | 'ć' | 'ç' => "c",
        'š' => "s",
        'ž' => "z",
        'ë' | 'é' | 'è' | 'ê' => "e",
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => "o",
        'ú' | 'ù' | 'û' | 'ü' => "u",
        'ñ' => "n",
        'ß' => "ss",
        _ => return None,
    })
}

/// `text` in lowercase, with Serbian Cyrillic written in Serbian Latin
/// (diacritics kept): `Ђорђе Марковић` → `đorđe marković`. Each character
/// is lowercased alone ([`lowercase::lowercase`]), so Greek's word-final
/// sigma ς, which only `str::to_lowercase` makes of Σ, is read as σ: a
/// Greek word and its capitals still meet.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let (one, two) = lowercase::lowercase(c);
        for c in std::iter::once(one).chain(two) {
            match latin_of(c) {
                Some(latin) => out.push_str(latin),
                None if c == 'ς' => out.push('σ'),
                None => out.push(c),
            }
        }
    }
    out
}

/// `text` in lowercase, in one script, without diacritics: `Ђорђе Марковић`,
/// `Đorđe Marković` and `Djordje Markovic` are all `djordje markovic`. Letters the
/// table does not know (Greek, Arabic, ā) are kept as they are, lowercase.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in to_latin(text).chars() {
        match ascii_of(c) {
            Some(ascii) => out.push_str(ascii),
            None => out.push(c),
        }
    }
    out
}

/// A URL slug from any text: Serbian Cyrillic transliterated, Latin
/// diacritics dropped (đ is "dj": [`fold`], as search reads text),
/// everything else but `a-z0-9` a hyphen. WordPress keeps a Cyrillic
/// title's slug percent-encoded; Gazette's slugs are ASCII, so "Вести" is
/// published as "vesti".
pub fn slugify(text: &str) -> String {
    let out: String = fold(text)
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            _ => '-',
        })
        .collect();
    let slug: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    let mut slug = slug.join("-");
    if slug.len() > Slug::MAX_LEN {
        slug.truncate(Slug::MAX_LEN);
        slug = slug.trim_end_matches('-').to_owned();
    }
    slug
}

/// `base` (or `fallback` when it is empty) as a slug that `taken` does not
/// hold yet, trying `base`, then `base-<suffix>` for each suffix in turn,
/// each cut to fit a slug's length; the slug found is added to `taken`.
pub fn unique_slug(
    base: &str,
    fallback: &str,
    taken: &mut BTreeSet<Slug>,
    suffixes: impl IntoIterator<Item = String>,
) -> Option<Slug> {
    let base = if base.is_empty() { fallback } else { base };
    let slug = std::iter::once(String::new())
        .chain(suffixes.into_iter().map(|s| format!("-{s}")))
        .find_map(|suffix| {
            let room = Slug::MAX_LEN.saturating_sub(suffix.len()).min(base.len());
            let stem = base.get(..room).unwrap_or(base).trim_end_matches('-');
            Slug::parse(&format!("{stem}{suffix}"))
                .ok()
                .filter(|slug| !taken.contains(slug))
        })?;
    taken.insert(slug.clone());
    Some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_scripts_and_every_spelling_meet() {
        for same in [
            ["Марковић", "Marković", "Markovic", "markovic"],
            ["Ђорђе", "Đorđe", "Djordje", "DJORDJE"],
            ["Љубовија", "Ljubovija", "LJUBOVIJA", "ljubovija"],
            ["Њива", "Njiva", "NJIVA", "njiva"],
            ["Џеп", "Džep", "Dzep", "DŽEP"],
            ["Шабац", "Šabac", "Sabac", "ŠABAC"],
            ["Жабљак", "Žabljak", "Zabljak", "žabljak"],
            ["Чачак", "Čačak", "Cacak", "ČAČAK"],
        ] {
            let folded: Vec<String> = same.iter().map(|s| fold(s)).collect();
            assert!(
                folded.iter().all(|f| f == &folded[0]),
                "{same:?} → {folded:?}"
            );
            assert!(folded[0].is_ascii(), "{folded:?}");
        }
    }

    #[test]
    fn albanian_and_western_letters_fold_too() {
        assert_eq!(fold("Mitrovicë Çka Ëë"), "mitrovice cka ee");
        assert_eq!(
            fold("Straße Café Señor Ålesund"),
            "strasse cafe senor alesund"
        );
    }

    #[test]
    fn every_latin_letter_with_a_diacritic_folds_as_listed() {
        let table = "đ dj č c ć c ç c š s ž z ë e é e è e ê e á a à a â a ä a ã a å a \
                     í i ì i î i ï i ó o ò o ô o ö o õ o ú u ù u û u ü u ñ n ß ss";
        let pairs: Vec<&str> = table.split_whitespace().collect();
        for pair in pairs.chunks(2) {
            let [letter, ascii] = pair else {
                unreachable!()
            };
            assert_eq!(fold(letter), *ascii, "{letter}");
            assert_eq!(fold(&letter.to_uppercase()), *ascii, "{letter} in capitals");
        }
        assert_eq!(pairs.len(), 2 * 31);
    }

    #[test]
    fn cyrillic_reads_as_serbian_latin_with_its_diacritics() {
        assert_eq!(to_latin("Ђорђе Марковић"), "đorđe marković");
        assert_eq!(to_latin("ЉУБОВИЈА Њива Џеп"), "ljubovija njiva džep");
        assert_eq!(to_latin("Жабљак, Чачак, Шабац"), "žabljak, čačak, šabac");
        // Latin text is only lowercased; diacritics stay for ranking.
        assert_eq!(to_latin("Marković Mitrovicë"), "marković mitrovicë");
    }

    #[test]
    fn every_serbian_cyrillic_letter_has_a_latin_form() {
        let alphabet = "абвгдђежзијклљмнњопрстћуфхцчџш";
        assert_eq!(alphabet.chars().count(), 30);
        for c in alphabet.chars() {
            assert!(latin_of(c).is_some(), "{c}");
            let upper: String = c.to_uppercase().collect();
            assert_eq!(to_latin(&upper), to_latin(&c.to_string()), "{upper}");
            assert!(fold(&c.to_string()).is_ascii(), "{c}");
        }
    }

    /// Lowercased a character at a time, a capital Σ is σ wherever it
    /// stands; the final form ς is read as σ, so words meet in any case.
    #[test]
    fn greek_words_meet_their_capitals() {
        for [small, capitals] in [
            ["οδός", "ΟΔΌΣ"],
            ["σύνορος", "ΣΎΝΟΡΟΣ"],
            ["λόγος και", "ΛΌΓΟΣ ΚΑΙ"],
        ] {
            assert_eq!(fold(small), fold(capitals), "{small}");
            assert!(!fold(small).contains('ς'), "{small}");
        }
        assert_eq!(to_latin("ΟΔΌΣ Σ"), "οδόσ σ");
        assert_eq!(to_latin("İstanbul"), "i\u{307}stanbul");
    }

    #[test]
    fn other_letters_and_punctuation_are_kept() {
        assert_eq!(fold("Αθήνα ā 1999: KFOR!"), "αθήνα ā 1999: kfor!");
        assert_eq!(fold(""), "");
        // Russian letters Serbian does not have are not guessed at.
        assert_eq!(fold("ы э"), "ы э");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Folding is stable: a folded text folds to itself, so the index
        /// and a query folded once more still meet.
        #[test]
        fn folding_is_idempotent(text in "\\PC{0,40}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert_eq!(to_latin(&to_latin(&text)), to_latin(&text));
        }

        /// A text's Cyrillic and Latin spellings fold alike, whatever
        /// the case.
        #[test]
        fn cyrillic_and_latin_fold_alike(word in "[абвгдђежзијклљмнњопрстћуфхцчџш]{1,12}") {
            let latin = to_latin(&word);
            prop_assert_eq!(fold(&word), fold(&latin));
            prop_assert_eq!(fold(&word.to_uppercase()), fold(&latin));
        }
    }
}
