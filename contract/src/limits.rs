//! How much one document may hold. A document under the byte cap
//! ([`crate::api::MAX_BODY_BYTES`]) can still describe a million empty list
//! items, which would freeze the reader's tab while it renders; these caps
//! refuse such a document while it is parsed, with a message that says
//! which cap it broke. `docs/contract.md` and the JSON Schema state the same
//! numbers (the total, [`MAX_ELEMENTS`], is beyond what JSON Schema can say).

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::Serialize;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

/// Characters in any one text: a headline, a span, a note, alt text.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Blocks in an article's body.
pub const MAX_BLOCKS: usize = 5_000;
/// Items in one list block.
pub const MAX_LIST_ITEMS: usize = 1_000;
/// Spans in one paragraph or list item.
pub const MAX_SPANS: usize = 1_000;
/// Points in one chart.
pub const MAX_CHART_POINTS: usize = 5_000;
/// Rows in one table.
pub const MAX_TABLE_ROWS: usize = 1_000;
/// Cells in one table row.
pub const MAX_TABLE_COLUMNS: usize = 50;
/// Teasers in one listing.
pub const MAX_TEASERS: usize = 10_000;
/// Tags, authors, related posts, notes or image sources on one thing.
pub const MAX_FEW: usize = 100;
/// Entries in all the lists of one list-valued field together (a body's
/// blocks, list items, spans and chart points): what the page renders.
pub const MAX_ELEMENTS: usize = 20_000;
/// The largest magnitude a chart value may have: beyond it, differences
/// between values are lost in floating point and the axis means nothing.
pub const MAX_CHART_MAGNITUDE: f64 = 1e15;

/// What a list holds, for the message when it holds too many.
pub trait Counted {
    const WHAT: &'static str;
}

/// A list of at most `N` entries. Parsing stops at entry `N + 1`, and at
/// the [`MAX_ELEMENTS`] entries that all the lists nested in the outermost
/// one may hold together, so a structure bomb is refused before it is built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Bounded<T, const N: usize>(Vec<T>);

impl<T, const N: usize> Bounded<T, N> {
    pub fn new(items: Vec<T>) -> Result<Self, String> {
        if items.len() > N {
            Err(format!("more than {N} entries"))
        } else {
            Ok(Self(items))
        }
    }

    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T, const N: usize> Default for Bounded<T, N> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T, const N: usize> Deref for Bounded<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// Items may change in place; their number may not.
impl<T, const N: usize> std::ops::DerefMut for Bounded<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<'a, T, const N: usize> IntoIterator for &'a Bounded<T, N> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T, const N: usize> IntoIterator for Bounded<T, N> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

thread_local! {
    /// Entries still allowed in the outermost list being parsed, and how
    /// deep the parse is in nested lists (the outermost resets the count).
    static BUDGET: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Leaves one level of nesting however the parse of a list ends.
struct Level;

impl Level {
    fn enter() -> Self {
        let (left, depth) = BUDGET.get();
        let left = if depth == 0 { MAX_ELEMENTS } else { left };
        BUDGET.set((left, depth + 1));
        Level
    }

    /// Takes one entry from the budget for a list that holds `len` of at
    /// most `max`; why not, when it may not have one more. Not generic, so
    /// the WASM holds it once.
    fn refuse(len: usize, max: usize, what: &str) -> Option<String> {
        if len >= max {
            return Some(format!("more than {max} {what}"));
        }
        let (left, depth) = BUDGET.get();
        BUDGET.set((left.saturating_sub(1), depth));
        (left == 0).then(|| {
            format!("more than {MAX_ELEMENTS} blocks, list items, spans and chart points in all")
        })
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        let (left, depth) = BUDGET.get();
        BUDGET.set((left, depth.saturating_sub(1)));
    }
}

impl<'de, T: Deserialize<'de> + Counted, const N: usize> Deserialize<'de> for Bounded<T, N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<T, const N: usize>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Counted, const N: usize> Visitor<'de> for Entries<T, N> {
            type Value = Bounded<T, N>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a list of at most {N} {}", T::WHAT)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let _level = Level::enter();
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(N).min(64));
                while let Some(item) = seq.next_element()? {
                    if let Some(why) = Level::refuse(items.len(), N, T::WHAT) {
                        return Err(serde::de::Error::custom(why));
                    }
                    items.push(item);
                }
                // Growing by doubling leaves up to half a list unused, and
                // a list of one span four slots: the build tool holds every
                // article of an archive (issue 32). The browser holds one,
                // and would pay about 1 KB of WASM for it.
                #[cfg(not(target_arch = "wasm32"))]
                items.shrink_to_fit();
                Ok(Bounded(items))
            }
        }
        d.deserialize_seq(Entries::<T, N>(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Block, Span};

    type Body = Bounded<Block, MAX_BLOCKS>;

    fn list_of(items: usize) -> String {
        format!(
            r#"{{"type":"list","items":[{}]}}"#,
            vec!["[]"; items].join(",")
        )
    }

    #[test]
    fn a_list_stops_at_its_cap_with_a_message() {
        let ok = format!("[{}]", list_of(MAX_LIST_ITEMS));
        assert!(serde_json::from_str::<Body>(&ok).is_ok());
        let over = format!("[{}]", list_of(MAX_LIST_ITEMS + 1));
        let err = serde_json::from_str::<Body>(&over).unwrap_err().to_string();
        assert!(err.contains("more than 1000 list items"), "{err}");
        let spans = format!(r#"[{}]"#, vec![r#"{"text":""}"#; MAX_SPANS + 1].join(","));
        let err = serde_json::from_str::<Bounded<Span, MAX_SPANS>>(&spans).unwrap_err();
        assert!(err.to_string().contains("more than 1000 spans"), "{err}");
    }

    #[test]
    fn nested_lists_share_one_budget() {
        // Each list is under its own cap; together they are over the total.
        let lists = MAX_ELEMENTS / MAX_LIST_ITEMS + 1;
        let body = format!("[{}]", vec![list_of(MAX_LIST_ITEMS); lists].join(","));
        let err = serde_json::from_str::<Body>(&body).unwrap_err().to_string();
        assert!(err.contains("in all"), "{err}");
        // The budget is per document: the next parse starts afresh.
        let small = format!("[{}]", list_of(10));
        assert!(serde_json::from_str::<Body>(&small).is_ok());
        // And an error half-way leaves no level behind.
        assert_eq!(BUDGET.get().1, 0);
    }

    #[test]
    fn a_list_of_exactly_its_cap_is_kept_and_one_more_refused() {
        fn at_cap<const N: usize>() {
            assert!(Bounded::<u8, N>::new(vec![0; N]).is_ok(), "{N} of {N}");
            assert!(
                Bounded::<u8, N>::new(vec![0; N + 1]).is_err(),
                "{} of {N}",
                N + 1
            );
            if N > 0 {
                assert!(
                    Bounded::<u8, N>::new(vec![0; N - 1]).is_ok(),
                    "{} of {N}",
                    N - 1
                );
            }
        }
        at_cap::<0>();
        at_cap::<1>();
        at_cap::<3>();
        at_cap::<MAX_FEW>();
        at_cap::<MAX_LIST_ITEMS>();
        at_cap::<MAX_BLOCKS>();
        // Parsed, the same boundary: exactly the cap of spans is a document.
        for n in [MAX_SPANS - 1, MAX_SPANS] {
            let spans = format!(r#"[{}]"#, vec![r#"{"text":""}"#; n].join(","));
            let parsed = serde_json::from_str::<Bounded<Span, MAX_SPANS>>(&spans);
            assert_eq!(parsed.map(|b| b.len()).ok(), Some(n));
        }
        let items = format!("[{}]", list_of(MAX_LIST_ITEMS));
        assert!(
            serde_json::from_str::<Body>(&items).is_ok(),
            "exactly 1000 items"
        );
    }
}
