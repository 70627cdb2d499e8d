//! Charts from chart blocks: checked data ([`series`]), pure geometry
//! ([`scale`], [`layout`]) and the SVG view on top ([`view`]).
//!
//! Chart data is untrusted numbers: no silent float-to-integer casts here
//! (`scale::to_i64` is the one, clamped), so no value can wrap or panic.
#![deny(clippy::as_conversions, clippy::cast_possible_truncation)]

pub mod csv;
pub mod layout;
pub mod scale;
pub use gazette_contract::series;
mod view;

pub use view::{ChartBlock, EmbedTarget};
