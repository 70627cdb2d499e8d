//! Charts from chart blocks: checked data ([`series`]), pure geometry
//! ([`scale`], [`layout`]) and the SVG view on top ([`view`]).
//!
//! Chart data is untrusted numbers: no silent float-to-integer casts here
//! (`scale::to_i64` is the one, clamped), so no value can wrap or panic.
#![deny(clippy::as_conversions, clippy::cast_possible_truncation)]

pub mod csv;
pub mod layout;
pub mod scale;
pub mod series;
mod view;

pub use view::{ChartBlock, EmbedTarget};

/// Formats a value with thousands separators: 50000 → "50,000", 0.25 → "0.25"
/// (English; [`crate::i18n::Strings::number`] for any language).
pub fn format_value(value: f64) -> String {
    crate::i18n::EN.number(value)
}

#[cfg(test)]
mod tests {
    use super::format_value;

    #[test]
    fn values_get_thousands_separators() {
        assert_eq!(format_value(50_000.0), "50,000");
        assert_eq!(format_value(3_800.0), "3,800");
        assert_eq!(format_value(17_500.0), "17,500");
        assert_eq!(format_value(999.0), "999");
        assert_eq!(format_value(0.0), "0");
        assert_eq!(format_value(1_234_567.0), "1,234,567");
        assert_eq!(format_value(-1_500.0), "-1,500");
        assert_eq!(format_value(0.5), "0.5");
        assert_eq!(format_value(0.6000000000000001), "0.6");
        assert_eq!(format_value(-0.25), "-0.25");
        assert_eq!(format_value(2_500_000_000.0), "2,500,000,000");
        assert_eq!(format_value(1e15), "1,000,000,000,000,000");
        assert_eq!(format_value(-1e15), "-1,000,000,000,000,000");
        assert_eq!(format_value(1234.5), "1234.5");
    }
}
