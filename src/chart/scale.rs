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

/// A "nice" step (1, 2 or 5 times a power of ten) that cuts `span` into
/// about `count` intervals (Heckbert's nice-number algorithm).
pub fn nice_step(span: f64, count: usize) -> f64 {
    let count = count.max(1) as f64;
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / count;
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
    nice * magnitude
}

/// Ticks for a value axis: a nice step, covering `[lo, hi]`, with the first
/// tick at or below `lo` and the last at or above `hi`.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, lo + 1.0)
    };
    let step = nice_step(hi - lo, count);
    let start = (lo / step).floor();
    let end = (hi / step).ceil();
    let n = (end - start) as usize;
    // Round away binary noise (0.6000000000000001) at the step's precision.
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let unit = 10f64.powi(decimals);
    (0..=n)
        .map(|i| ((start + i as f64) * step * unit).round() / unit)
        .collect()
}

/// Ticks for a time axis in whole years: a nice number of years between
/// ticks, each tick a year that lies inside `[t0, t1]`.
pub fn year_ticks(t0: f64, t1: f64, count: usize) -> Vec<i32> {
    let step = nice_step(t1 - t0, count).max(1.0).round() as i32;
    let first = (t0 / f64::from(step)).ceil() as i32 * step;
    let last = t1.floor() as i32;
    (0..)
        .map(|i| first + i * step)
        .take_while(|y| *y <= last)
        .collect()
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
