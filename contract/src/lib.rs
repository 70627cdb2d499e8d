//! The content contract (version 1) as Rust types.
//!
//! Every document the app fetches is parsed into these types; a value of
//! these types is valid by construction (slugs are URL-safe, links have safe
//! schemes, dates are real dates), so the views never re-check. The same
//! contract is published as JSON Schema in `schema/` and documented in
//! `docs/contract.md`; the `xtask` tests keep the three in step.
//!
//! Beside the documents, the addresses they and the pages live at (the
//! route table, [`routes`], and the URL layout under a base path,
//! [`paths`]) and what every page says about its site ([`site`]), and the
//! one way a text is folded for slugs and search ([`fold`]).
//!
//! A crate of its own, with no Leptos and nothing of the browser: the app
//! re-exports it as `gazette::model`, and the build, the importer and the
//! preview read the same types.

mod article;
pub mod fold;
pub mod limits;
mod listing;
pub mod paths;
pub mod routes;
pub mod search;
pub mod series;
pub mod site;
mod text;
mod time;

pub use article::*;
pub use listing::*;
pub use text::{is_site_path, is_unsafe_in_url, LanguageTag, NonEmpty, SafeUrl, Slug, Text};
pub use time::{CalendarDate, Timestamp};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The contract version this build reads. A document declaring another
/// version is refused with a message, not misread.
pub const CONTRACT_VERSION: u32 = 1;

/// The `"version": 1` field every document carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Version1;

impl Serialize for Version1 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(CONTRACT_VERSION)
    }
}

impl<'de> Deserialize<'de> for Version1 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v: u32 = whole(d)?;
        if v == CONTRACT_VERSION {
            Ok(Version1)
        } else {
            Err(serde::de::Error::custom(format!(
                "contract version {v} is not supported (this reader understands version {CONTRACT_VERSION})"
            )))
        }
    }
}

/// An optional field that, when present, must hold a value: `null` is
/// refused as the JSON Schema refuses it (serde would read it as absent).
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// A whole number written either way JSON allows (`640`, `640.0`, `6.4e2`),
/// as JSON Schema's `integer` reads it, in the range of `T`.
pub(crate) fn whole<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u32>,
{
    let v = f64::deserialize(d)?;
    let fits = v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v);
    fits.then_some(v as u32)
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| serde::de::Error::custom(format!("{v} is not a whole number in range")))
}
