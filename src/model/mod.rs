//! The content contract (version 1) as Rust types.
//!
//! Every document the app fetches is parsed into these types; a value of
//! these types is valid by construction (slugs are URL-safe, links have safe
//! schemes, dates are real dates), so the views never re-check. The same
//! contract is published as JSON Schema in `schema/` and documented in
//! `docs/contract.md`; the `xtask` tests keep the three in step.

mod article;
mod listing;
mod text;
mod time;

pub use article::*;
pub use listing::*;
pub use text::{LanguageTag, NonEmpty, SafeUrl, Slug};
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
        let v = u32::deserialize(d)?;
        if v == CONTRACT_VERSION {
            Ok(Version1)
        } else {
            Err(serde::de::Error::custom(format!(
                "contract version {v} is not supported (this reader understands version {CONTRACT_VERSION})"
            )))
        }
    }
}
