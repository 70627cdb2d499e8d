//! Where everything goes: from a checked series to positions, segments and
//! ticks. Pure, so it is tested and benchmarked natively.
//!
//! One drawing serves every width, so the chart is legible before (and
//! without) the app: across the plot, positions are fractions of its width
//! (the SVG's percentages), down it they are pixels of a fixed height. Text
//! and markers are never scaled; only the line stretches across
//! ([`LINE_WIDTH`] units wide, drawn with a non-scaling stroke).

use super::scale::{nice_ticks, to_i64, year_ticks, LinearScale};
use super::series::Series;
use crate::i18n::Strings;

/// The SVG's height in pixels: fixed, so the page reserves it before drawing.
pub const HEIGHT: f64 = 300.0;
/// Space above and below the plot for the top tick's label and the time axis.
/// (The side margins, for the value labels, are the frame's padding in CSS.)
const MARGIN_TOP: f64 = 16.0;
const MARGIN_BOTTOM: f64 = 30.0;
/// Where the plot's top and bottom are, in pixels.
pub const PLOT_TOP: f64 = MARGIN_TOP;
pub const PLOT_BOTTOM: f64 = HEIGHT - MARGIN_BOTTOM;
/// The width of the line's own coordinates (its viewBox), stretched to the plot.
pub const LINE_WIDTH: f64 = 1000.0;

/// About how many years are labelled on the time axis; every other one is
/// a minor tick whose label a narrow chart hides (style/main.css).
const TIME_TICKS: usize = 6;

/// Above this many points, markers and keyboard stops are left out (the
/// line and the data table carry the figures) so drawing stays cheap.
pub const MAX_MARKED_POINTS: usize = 400;

/// A gap between observations longer than this many times the median gap
/// is drawn dashed: the line there joins two known points, it is not data.
pub const LONG_GAP_FACTOR: f64 = 3.0;

#[derive(Clone, Debug, PartialEq)]
pub struct PlacedPoint {
    pub index: usize,
    /// Across the plot, from 0 (left) to 1 (right).
    pub x: f64,
    /// Down the SVG, in pixels.
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// SVG path data, in the line's coordinates ([`LINE_WIDTH`] × [`HEIGHT`]).
    pub d: String,
    /// Spans a long gap without observations.
    pub gap: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// A fraction of the plot's width (time) or pixels down (values).
    pub pos: f64,
    pub label: String,
    /// A label a narrow chart leaves out, so labels never overlap.
    pub minor: bool,
}

/// The drawing, for any width.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub points: Vec<PlacedPoint>,
    pub segments: Vec<Segment>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub marked: bool,
}

/// A fraction of the plot's width as an SVG length: "23.41%".
pub fn percent(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

impl Layout {
    pub fn new(series: &Series) -> Self {
        Self::new_in(series, &crate::i18n::EN)
    }

    /// [`Layout::new`] with the value labels in a language.
    pub fn new_in(series: &Series, strings: &Strings) -> Self {
        let pts = series.points();
        let (first, last) = series.ends();
        let (t0, t1) = (first.t, last.t);
        // A little room either side so end markers are not cut by the axis.
        let pad = ((t1 - t0) * 0.02).max(0.25);
        let (t0, t1) = (t0 - pad, t1 + pad);
        let x = LinearScale::new((t0, t1), (0.0, 1.0));

        let (lo, hi) = series.value_range();
        let lo = lo.min(0.0); // Levels are compared against zero.
        let y_count = to_count((PLOT_BOTTOM - PLOT_TOP) / 45.0, 2, 6);
        let y_values = nice_ticks(lo, hi, y_count);
        let y_lo = y_values.first().copied().unwrap_or(lo);
        let y_hi = y_values.last().copied().unwrap_or(hi);
        let y = LinearScale::new((y_lo, y_hi), (PLOT_BOTTOM, PLOT_TOP));

        let points: Vec<PlacedPoint> = pts
            .iter()
            .enumerate()
            .map(|(index, p)| PlacedPoint {
                index,
                x: x.map(p.t),
                y: y.map(p.value),
            })
            .collect();

        let x_ticks = year_ticks(t0, t1, TIME_TICKS)
            .into_iter()
            .enumerate()
            .map(|(i, year)| Tick {
                pos: x.map(f64::from(year)),
                label: year.to_string(),
                minor: i % 2 == 1,
            })
            .collect();
        let y_ticks = y_values
            .into_iter()
            .map(|v| Tick {
                pos: y.map(v),
                label: strings.number(v),
                minor: false,
            })
            .collect();

        Self {
            segments: segments(series, &points),
            points,
            x_ticks,
            y_ticks,
            marked: pts.len() <= MAX_MARKED_POINTS,
        }
    }
}

/// How many ticks fit, between `lo` and `hi`.
fn to_count(fit: f64, lo: u8, hi: u8) -> usize {
    usize::from(u8::try_from(to_i64(fit, i64::from(lo), i64::from(hi))).unwrap_or(lo))
}

/// Indexes `i` where the step from point `i` to `i + 1` is a long gap.
pub fn long_gaps(ts: &[f64]) -> Vec<usize> {
    let mut gaps: Vec<f64> = ts
        .iter()
        .zip(ts.iter().skip(1))
        .map(|(a, b)| b - a)
        .collect();
    if gaps.len() < 2 {
        return Vec::new();
    }
    let steps = gaps.clone();
    gaps.sort_by(f64::total_cmp);
    let mid = gaps.len() / 2;
    let median = if gaps.len().is_multiple_of(2) {
        (gaps.get(mid - 1).copied().unwrap_or(0.0) + gaps.get(mid).copied().unwrap_or(0.0)) / 2.0
    } else {
        gaps.get(mid).copied().unwrap_or(0.0)
    };
    steps
        .iter()
        .enumerate()
        .filter(|(_, g)| **g > median * LONG_GAP_FACTOR && **g > 1.0)
        .map(|(i, _)| i)
        .collect()
}

/// The line as runs of solid segments broken by dashed ones over long gaps.
fn segments(series: &Series, points: &[PlacedPoint]) -> Vec<Segment> {
    use std::fmt::Write;
    let ts: Vec<f64> = series.points().iter().map(|p| p.t).collect();
    let mut gap_after = vec![false; points.len()];
    for i in long_gaps(&ts) {
        if let Some(g) = gap_after.get_mut(i) {
            *g = true;
        }
    }
    let mut out = Vec::new();
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{:.1},{:.1}",
            if d.is_empty() { "M" } else { "L" },
            p.x * LINE_WIDTH,
            p.y
        );
        if gap_after.get(i).copied().unwrap_or(false) {
            if let Some(next) = points.get(i + 1) {
                out.push(Segment {
                    d: std::mem::take(&mut d),
                    gap: false,
                });
                out.push(Segment {
                    d: format!(
                        "M{:.1},{:.1}L{:.1},{:.1}",
                        p.x * LINE_WIDTH,
                        p.y,
                        next.x * LINE_WIDTH,
                        next.y
                    ),
                    gap: true,
                });
            }
        }
    }
    out.push(Segment { d, gap: false });
    // A run of one point draws nothing (its marker shows it).
    out.retain(|s| s.d.contains('L'));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Chart;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    fn kfor() -> Series {
        let c: Chart = serde_json::from_str(
            r#"{"id":"kfor-troops","title":"T","unit":"troops","source":{"name":"S"},"series":[
                {"date":"1999","value":50000,"approximate":true},{"date":"2002-02","value":39000,"approximate":true},
                {"date":"2003-06","value":26000},{"date":"2003-12","value":17500},
                {"date":"2023-01","value":3800,"approximate":true}]}"#,
        )
        .unwrap();
        Series::parse(&c).unwrap()
    }

    #[test]
    fn x_positions_are_proportional_to_dates() {
        let s = kfor();
        let l = Layout::new(&s);
        let (p, t): (Vec<f64>, Vec<f64>) = l
            .points
            .iter()
            .zip(s.points())
            .map(|(pp, p)| (pp.x, p.t))
            .unzip();
        let px_per_year = (p[4] - p[0]) / (t[4] - t[0]);
        for i in 0..5 {
            let expected = p[0] + (t[i] - t[0]) * px_per_year;
            assert!((p[i] - expected).abs() < 1e-6, "point {i}");
        }
        // The 2003–2023 gap takes most of the width: nineteen years of it.
        assert!(p[4] - p[3] > 0.7 * (p[4] - p[0]));
    }

    #[test]
    fn the_long_gap_is_dashed_and_the_rest_solid() {
        let l = Layout::new(&kfor());
        let gaps: Vec<bool> = l.segments.iter().map(|s| s.gap).collect();
        assert_eq!(gaps, [false, true]);
        assert_eq!(long_gaps(&[1999.5, 2002.1, 2003.4, 2003.9, 2023.0]), [3]);
        assert_eq!(
            long_gaps(&[2000.0, 2001.0, 2002.0, 2003.0]),
            Vec::<usize>::new()
        );
        assert_eq!(long_gaps(&[2000.0, 2020.0]), Vec::<usize>::new());
    }

    #[test]
    fn ticks_are_nice_and_labelled() {
        let l = Layout::new(&kfor());
        let y: Vec<&str> = l.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(y.first(), Some(&"0"));
        assert!(y.contains(&"50,000"), "{y:?}");
        let x: Vec<&str> = l.x_ticks.iter().map(|t| t.label.as_str()).collect();
        assert!(x.contains(&"2000") && x.contains(&"2020"), "{x:?}");
        // Every other year is minor (a narrow chart hides its label), the
        // first is not, and at most four are labelled however narrow.
        let minor: Vec<bool> = l.x_ticks.iter().map(|t| t.minor).collect();
        assert_eq!(minor, [false, true, false, true, false], "{x:?}");
        assert!(l.y_ticks.iter().all(|t| !t.minor));
    }

    #[test]
    fn positions_across_are_fractions_of_the_plot_and_the_line_spans_it() {
        let l = Layout::new(&kfor());
        let xs: Vec<f64> = l.points.iter().map(|p| p.x).collect();
        assert!(xs.iter().all(|x| (0.0..=1.0).contains(x)), "{xs:?}");
        // The line's coordinates are the same positions, LINE_WIDTH wide.
        assert!(
            l.segments[0]
                .d
                .starts_with(&format!("M{:.1},", xs[0] * LINE_WIDTH)),
            "{}",
            l.segments[0].d
        );
        assert_eq!(percent(0.234_56), "23.46%");
        assert_eq!(percent(1.0), "100.00%");
    }

    #[test]
    fn large_series_drop_markers() {
        let c: Chart = serde_json::from_value(serde_json::json!({
            "id": "c", "title": "T", "unit": "u", "source": {"name": "S"},
            "series": (0..1000).map(|i| serde_json::json!({
                "date": format!("{:04}-{:02}", 1000 + i / 12, i % 12 + 1), "value": i
            })).collect::<Vec<_>>()
        }))
        .unwrap();
        let l = Layout::new(&Series::parse(&c).unwrap());
        assert!(!l.marked);
        assert_eq!(l.points.len(), 1000);
    }

    /// A series of `values` a month apart from `start_month` (months since
    /// year 0), built in code so that any f64 can be tried, not only JSON's.
    fn series_of(
        start_month: u32,
        values: &[f64],
    ) -> Result<Series, super::super::series::ChartError> {
        let c = Chart {
            id: crate::model::Slug::parse("c").unwrap(),
            title: serde_json::from_str("\"T\"").unwrap(),
            subtitle: None,
            unit: serde_json::from_str("\"u\"").unwrap(),
            series: crate::model::limits::Bounded::new(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, &value)| {
                        let m = start_month + u32::try_from(i).unwrap();
                        crate::model::Observation {
                            date: crate::model::CalendarDate::parse(&format!(
                                "{:04}-{:02}",
                                m / 12,
                                m % 12 + 1
                            ))
                            .unwrap(),
                            value,
                            approximate: false,
                        }
                    })
                    .collect(),
            )
            .unwrap(),
            allow_negative: true,
            notes: Default::default(),
            source: serde_json::from_str(r#"{"name":"S"}"#).unwrap(),
        };
        Series::parse(&c)
    }

    /// Everything a layout hands the SVG is a finite number, and there are
    /// few enough ticks to label.
    fn assert_drawable(l: &Layout) {
        for p in &l.points {
            assert!(p.x.is_finite() && p.y.is_finite(), "{p:?}");
            assert!(
                p.y >= PLOT_TOP - 1e-6 && p.y <= PLOT_BOTTOM + 1e-6,
                "y {} outside",
                p.y
            );
        }
        for t in l.x_ticks.iter().chain(&l.y_ticks) {
            assert!(t.pos.is_finite(), "{t:?}");
            assert!(
                !t.label.contains("NaN") && !t.label.contains("inf"),
                "{t:?}"
            );
        }
        let max = usize::from(super::super::scale::MAX_TICKS) + 1;
        assert!(l.y_ticks.len() <= max);
        assert!(l.x_ticks.len() <= max);
        for s in &l.segments {
            assert!(!s.d.contains("NaN") && !s.d.contains("inf"), "{}", s.d);
        }
    }

    #[test]
    fn extreme_values_are_refused_or_drawn_finite() {
        let tiny = f64::from_bits(1); // the smallest subnormal
        for values in [
            vec![0.0, tiny],
            vec![-tiny, tiny],
            vec![f64::MIN_POSITIVE, 0.0],
            vec![1e15, -1e15],
            vec![1e15, 1e15 - 0.125],
            vec![-1e15, -1e15 + 0.125, -1e15],
            vec![1e15; 3],
            vec![0.0; 3],
            vec![-3.0e-300, -2.9e-300],
            vec![123_456_789.123, 123_456_789.124],
        ] {
            assert_drawable(&Layout::new(&series_of(1999 * 12, &values).unwrap()));
        }
        for values in [
            vec![f64::NAN],
            vec![f64::INFINITY],
            vec![1.000_000_1e15],
            vec![f64::MIN],
        ] {
            assert!(series_of(1999 * 12, &values).is_err(), "{values:?}");
        }
        // The earliest and latest dates a calendar date can name.
        assert_drawable(&Layout::new(&series_of(0, &[1.0, 2.0]).unwrap()));
        let last = 9999 * 12 + 10;
        assert_drawable(&Layout::new(&series_of(last, &[1.0, 2.0]).unwrap()));
        assert_drawable(&Layout::new(&series_of(0, &[1.0]).unwrap()));
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn arb_series() -> impl Strategy<Value = Series> {
        // Increasing dates (as month offsets) and non-negative values.
        prop::collection::vec((1u32..120, 0.0f64..1e9, any::<bool>()), 1..60).prop_map(|steps| {
            let mut month = 1900 * 12;
            let series: Vec<serde_json::Value> = steps
                .into_iter()
                .map(|(step, value, approximate)| {
                    month += step;
                    serde_json::json!({
                        "date": format!("{:04}-{:02}", month / 12, month % 12 + 1),
                        "value": value, "approximate": approximate
                    })
                })
                .collect();
            let c: Chart = serde_json::from_value(serde_json::json!({
                "id": "c", "title": "T", "unit": "u", "source": {"name": "S"}, "series": series
            }))
            .unwrap();
            Series::parse(&c).unwrap()
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn every_point_lies_inside_the_plot_and_x_follows_date_order(s in arb_series()) {
            let l = Layout::new(&s);
            for p in &l.points {
                prop_assert!((0.0..=1.0).contains(&p.x), "x {} outside", p.x);
                prop_assert!(p.y >= PLOT_TOP - 1e-6 && p.y <= PLOT_BOTTOM + 1e-6, "y {} outside", p.y);
            }
            for t in &l.x_ticks {
                prop_assert!((0.0..=1.0).contains(&t.pos), "tick {} outside", t.pos);
            }
            // At most four labels stay on a narrow chart.
            prop_assert!(l.x_ticks.iter().filter(|t| !t.minor).count() <= 4, "{:?}", l.x_ticks);
            for w in l.points.windows(2) {
                prop_assert!(w[0].x < w[1].x);
            }
            for t in l.x_ticks.iter().chain(&l.y_ticks) {
                prop_assert!(t.pos.is_finite());
            }
        }

        #[test]
        fn y_ticks_cover_every_value(s in arb_series()) {
            let l = Layout::new(&s);
            let (lo, hi) = s.value_range();
            let first = l.y_ticks.first().map(|t| t.pos).unwrap();
            let last = l.y_ticks.last().map(|t| t.pos).unwrap();
            prop_assert!(l.points.iter().all(|p| p.y <= first + 1e-6 && p.y >= last - 1e-6));
            prop_assert!(lo >= 0.0 && hi >= lo);
        }

        /// Any f64 at all (NaN, infinities, subnormals, the largest
        /// magnitudes): the series is refused, or its layout
        /// is finite everywhere. Never a panic.
        #[test]
        fn any_f64_is_refused_or_laid_out_finite(
            values in prop::collection::vec(prop_oneof![
                any::<f64>(),
                (-1e15f64..1e15),
                (-1e-300f64..1e-300),
                Just(0.0), Just(-0.0), Just(f64::from_bits(1)), Just(1e15), Just(-1e15),
            ], 1..12),
            start in 0u32..(9990 * 12),
        ) {
            if let Ok(s) = series_of(start, &values) {
                prop_assert!(values.iter().all(|v| v.abs() <= 1e15));
                assert_drawable(&Layout::new(&s));
            } else {
                prop_assert!(values.iter().any(|v| v.is_nan() || v.abs() > 1e15));
            }
        }
    }
}
