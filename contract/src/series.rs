//! A chart block's data, checked: what the drawing code may rely on.

use crate::limits::MAX_CHART_MAGNITUDE;
use crate::{CalendarDate, Chart};
use std::fmt;

/// One observation, ready to plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub date: CalendarDate,
    /// The date as a fractional year (the x value).
    pub t: f64,
    pub value: f64,
    pub approximate: bool,
}

/// At least one point, dates strictly increasing, values finite (and not
/// negative unless the chart allows it). Only [`Series::parse`] makes one.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    points: Vec<Point>,
    /// The first and last points (the same one for a single point).
    ends: (Point, Point),
}

/// Why a chart block cannot be drawn; shown in place of the chart, and to
/// the author by the build. Dates as the author wrote them (`2003-06`).
#[derive(Clone, Debug, PartialEq)]
pub enum ChartError {
    NoPoints,
    NotInDateOrder {
        earlier: CalendarDate,
        later: CalendarDate,
    },
    DuplicateDate(CalendarDate),
    NotFinite(CalendarDate),
    Negative(CalendarDate),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoPoints => write!(f, "the chart has no data points"),
            Self::NotInDateOrder { earlier, later } => {
                write!(
                    f,
                    "the data points are not in date order ({later} comes before {earlier})"
                )
            }
            Self::DuplicateDate(d) => write!(f, "two data points share the date {d}"),
            Self::NotFinite(d) => write!(
                f,
                "the value for {d} is not a number a chart can draw (at most 1e15 either side of zero)"
            ),
            Self::Negative(d) => write!(
                f,
                "the value for {d} is negative, which this chart does not allow"
            ),
        }
    }
}

impl Series {
    pub fn parse(chart: &Chart) -> Result<Self, ChartError> {
        if chart.series.is_empty() {
            return Err(ChartError::NoPoints);
        }
        let mut points: Vec<Point> = Vec::with_capacity(chart.series.len());
        for o in &chart.series {
            let date = o.date;
            if o.value.is_nan() || o.value.abs() > MAX_CHART_MAGNITUDE {
                return Err(ChartError::NotFinite(date));
            }
            if o.value < 0.0 && !chart.allow_negative {
                return Err(ChartError::Negative(date));
            }
            let t = o.date.decimal_year();
            if let Some(prev) = points.last() {
                if prev.date == o.date || (t - prev.t).abs() < 1e-9 {
                    return Err(ChartError::DuplicateDate(date));
                }
                if t < prev.t {
                    return Err(ChartError::NotInDateOrder {
                        earlier: prev.date,
                        later: date,
                    });
                }
            }
            points.push(Point {
                date: o.date,
                t,
                value: o.value,
                approximate: o.approximate,
            });
        }
        match (points.first(), points.last()) {
            (Some(first), Some(last)) => Ok(Self {
                ends: (first.clone(), last.clone()),
                points,
            }),
            _ => Err(ChartError::NoPoints),
        }
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// (first, last) point: a series is never empty.
    pub fn ends(&self) -> (&Point, &Point) {
        (&self.ends.0, &self.ends.1)
    }

    /// (min, max) of the values.
    pub fn value_range(&self) -> (f64, f64) {
        self.points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p.value), hi.max(p.value))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(series: &str, allow_negative: bool) -> Chart {
        serde_json::from_str(&format!(
            r#"{{"id":"c","title":"T","unit":"troops","source":{{"name":"S"}},"allow_negative":{allow_negative},"series":{series}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn the_kfor_series_parses_in_date_order() {
        let c = chart(
            r#"[{"date":"1999","value":50000,"approximate":true},{"date":"2002-02","value":39000},
                {"date":"2003-06","value":26000},{"date":"2003-12","value":17500},{"date":"2023-01","value":3800}]"#,
            false,
        );
        let s = Series::parse(&c).unwrap();
        assert_eq!(s.points().len(), 5);
        assert!(s.points().windows(2).all(|w| w[0].t < w[1].t));
        assert_eq!(s.value_range(), (3800.0, 50000.0));
        assert!(s.points()[0].approximate);
    }

    #[test]
    fn bad_series_get_a_specific_message() {
        let cases = [
            ("[]", false, "no data points"),
            (
                r#"[{"date":"2003","value":1},{"date":"1999","value":2}]"#,
                false,
                "not in date order",
            ),
            (
                r#"[{"date":"2003-06","value":1},{"date":"2003-06","value":2}]"#,
                false,
                "share the date 2003-06",
            ),
            (r#"[{"date":"2003","value":-1}]"#, false, "negative"),
        ];
        for (series, neg, message) in cases {
            let err = Series::parse(&chart(series, neg)).unwrap_err();
            assert!(err.to_string().contains(message), "{series}: {err}");
        }
        assert!(Series::parse(&chart(r#"[{"date":"2003","value":-1}]"#, true)).is_ok());
        // Non-finite and huge values cannot come from JSON but can from code.
        for bad in [f64::NAN, f64::INFINITY, -f64::INFINITY, 1.0e16, f64::MAX] {
            let mut c = chart(r#"[{"date":"2003","value":1}]"#, true);
            let mut series = c.series.into_vec();
            series[0].value = bad;
            c.series = crate::limits::Bounded::new(series).unwrap();
            assert_eq!(
                Series::parse(&c),
                Err(ChartError::NotFinite(CalendarDate::parse("2003").unwrap()))
            );
        }
    }
}
