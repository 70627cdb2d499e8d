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

/// `value` with `decimals` digits after the point (`{:.1}` by hand: core's
/// exact float formatting is 6 KB of WASM this is not). For the magnitudes
/// a chart has (pixels, and values of at most 1e15 with 2 decimals, which
/// are whole numbers beyond 2^52), the scaled value fits an i64 exactly.
pub fn fixed(value: f64, decimals: u32) -> String {
    let decimals = decimals.min(9);
    let scaled = value * 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    // NaN and infinities never reach here from a layout; 0 if they do.
    let scaled = if scaled.is_finite() {
        scaled.round()
    } else {
        0.0
    };
    let scaled = scale::to_i64(scaled, -(1 << 62), 1 << 62);
    let unit = 10u64.pow(decimals);
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, fraction) = (scaled.unsigned_abs() / unit, scaled.unsigned_abs() % unit);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        let width = usize::try_from(decimals).unwrap_or(0);
        format!("{sign}{whole}.{fraction:0width$}")
    }
}

/// Formats a value with thousands separators: 50000 → "50,000", 0.25 → "0.25".
pub fn format_value(value: f64) -> String {
    let rounded = value.round();
    if (value - rounded).abs() > 1e-9 {
        let text = fixed(value, 2);
        return text.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    // Chart values are at most 1e15 (model::limits), so this is exact.
    let digits = format!("{}", scale::to_i64(rounded.abs(), 0, i64::MAX));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0.0 {
        format!("-{out}")
    } else {
        out
    }
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

    #[test]
    fn fixed_matches_the_standard_formatting() {
        use super::fixed;
        for v in [
            0.0,
            0.04,
            0.05,
            0.15,
            1.25,
            -1.25,
            -0.4,
            12.345,
            199.96,
            640.0,
            19_999.99,
            -3.05,
            1e12 + 0.5,
        ] {
            for d in [1, 2] {
                let std = format!("{v:.d$}", d = usize::try_from(d).unwrap());
                let ours = fixed(v, d);
                // Ties may round either way (std rounds half to even on the
                // decimal expansion); both are within half a unit.
                let (a, b): (f64, f64) = (std.parse().unwrap(), ours.parse().unwrap());
                let unit = 10f64.powi(-i32::try_from(d).unwrap());
                assert!((a - b).abs() <= unit + 1e-9, "{v} {d}: {std} vs {ours}");
                assert_eq!(
                    ours.split('.').nth(1).map(str::len),
                    usize::try_from(d).ok(),
                    "{ours}"
                );
            }
        }
        assert_eq!(fixed(1.25, 1), "1.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(640.0, 1), "640.0");
        assert_eq!(fixed(f64::NAN, 1), "0.0");
    }
}
