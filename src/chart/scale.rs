//! Scales and ticks: pure numbers, no drawing.

/// Maps a domain linearly onto a range (pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl LinearScale {
    pub fn new((d0, d1): (f64, f64), (r0, r1): (f64, f64)) -> Self {
        Self { d0, d1, r0, r1 }
    }

    pub fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span.abs() < f64::EPSILON {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }
}

/// The most ticks an axis gets, whatever the data: tick labels must fit.
pub const MAX_TICKS: u8 = 12;

/// A "nice" step (1, 2 or 5 times a power of ten) that cuts `span` into
/// about `count` intervals (Heckbert's nice-number algorithm); `None` when
/// there is no such step in floating point (an empty, infinite or
/// subnormal span).
pub fn nice_step(span: f64, count: usize) -> Option<f64> {
    let raw = span / as_f64(count.clamp(1, usize::from(MAX_TICKS)));
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    let step = nice * magnitude;
    (step.is_normal() && step > 0.0 && fraction.is_finite()).then_some(step)
}

/// Ticks for a value axis: a nice step, covering `[lo, hi]`, with the first
/// tick at or below `lo` and the last at or above `hi`; at most
/// [`MAX_TICKS`] + 1 of them, every one finite. Where no nice step exists
/// (values apart by less than floating point resolves), the two ends.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) {
        return vec![0.0, 1.0];
    }
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, lo + 1.0)
    };
    let ends = || {
        if hi > lo {
            vec![lo, hi]
        } else {
            vec![lo, lo + 1.0]
        }
    };
    let Some(step) = nice_step(hi - lo, count) else {
        return ends();
    };
    let start = (lo / step).floor();
    let end = (hi / step).ceil();
    if !(end - start).is_finite() || end - start > f64::from(MAX_TICKS) {
        return ends();
    }
    // Round away binary noise (0.6000000000000001) at the step's precision;
    // beyond 15 decimals a double has no noise left to round.
    let decimals = to_i64(-step.log10().floor(), 0, 15);
    let unit = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let ticks: Vec<f64> = (0..=to_i64(end - start, 0, i64::from(MAX_TICKS)))
        .map(|i| (start + as_f64_i64(i)) * step)
        .map(|v| {
            let rounded = (v * unit).round() / unit;
            if rounded.is_finite() {
                rounded
            } else {
                v
            }
        })
        .collect();
    if ticks.iter().all(|t| t.is_finite()) && ticks.len() >= 2 {
        ticks
    } else {
        ends()
    }
}

/// Ticks for a time axis in whole years: a nice number of years between
/// ticks, each tick a year that lies inside `[t0, t1]`.
pub fn year_ticks(t0: f64, t1: f64, count: usize) -> Vec<i32> {
    let step = nice_step(t1 - t0, count).map_or(1, |s| to_i64(s.round(), 1, 10_000));
    let first = to_i64((t0 / as_f64_i64(step)).ceil(), -10_000, 10_000) * step;
    let last = to_i64(t1.floor(), -10_000, 20_000);
    (0..=i64::from(MAX_TICKS))
        .map(|i| first + i * step)
        .take_while(|y| *y <= last)
        .filter_map(|y| i32::try_from(y).ok())
        .collect()
}

/// `x` rounded toward zero into `lo..=hi` (NaN gives `lo`): the one place
/// the chart turns a float into an integer. Rust's float-to-integer `as`
/// saturates (never wraps or panics); the clamp does the rest.
#[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
pub fn to_i64(x: f64, lo: i64, hi: i64) -> i64 {
    if x.is_nan() {
        lo
    } else {
        (x as i64).clamp(lo, hi)
    }
}

/// A count as a float (exact below 2^53, which every count here is).
pub fn as_f64(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A small integer as a float (saturating at the range of `i32`).
fn as_f64_i64(n: i64) -> f64 {
    f64::from(i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_scale_maps_ends_and_middle() {
        let s = LinearScale::new((0.0, 50_000.0), (300.0, 20.0));
        assert_eq!(s.map(0.0), 300.0);
        assert_eq!(s.map(50_000.0), 20.0);
        assert_eq!(s.map(25_000.0), 160.0);
        // A single-value domain maps to the middle instead of dividing by zero.
        assert_eq!(LinearScale::new((5.0, 5.0), (0.0, 10.0)).map(5.0), 5.0);
    }

    #[test]
    fn nice_ticks_for_the_troop_figures() {
        assert_eq!(
            nice_ticks(0.0, 50_000.0, 5),
            [0.0, 10_000.0, 20_000.0, 30_000.0, 40_000.0, 50_000.0]
        );
        assert_eq!(
            nice_ticks(0.0, 3_800.0, 4),
            [0.0, 1_000.0, 2_000.0, 3_000.0, 4_000.0]
        );
        assert_eq!(nice_ticks(0.0, 1.0, 5), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(
            nice_ticks(-30.0, 70.0, 5),
            [-40.0, -20.0, 0.0, 20.0, 40.0, 60.0, 80.0]
        );
        // One value: a range around it rather than nothing.
        assert!(nice_ticks(7.0, 7.0, 5).len() >= 2);
    }

    #[test]
    fn year_ticks_fall_inside_the_range_at_nice_steps() {
        assert_eq!(
            year_ticks(1999.5, 2023.04, 5),
            [2000, 2005, 2010, 2015, 2020]
        );
        assert_eq!(year_ticks(1999.5, 2023.04, 2), [2000, 2020]);
        assert_eq!(year_ticks(2003.4, 2003.96, 5), Vec::<i32>::new());
        assert_eq!(year_ticks(2001.2, 2004.9, 5), [2002, 2003, 2004]);
    }
}
