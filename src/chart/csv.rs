//! The chart's data as CSV, and as a `data:` URL for a download link.

use super::series::Series;

/// `date,<unit>,approximate` then one row per point, dates as in the JSON.
pub fn to_csv(series: &Series, unit: &str) -> String {
    let mut out = format!("date,{},approximate\n", field(unit));
    for p in series.points() {
        out.push_str(&format!(
            "{},{},{}\n",
            String::from(p.date),
            p.value,
            p.approximate
        ));
    }
    out
}

/// A CSV field, quoted when it needs to be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `data:text/csv` URL with everything but unreserved characters percent-encoded.
pub fn data_url(csv: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in csv.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Chart;

    #[test]
    fn csv_holds_the_figures_and_escapes_the_header() {
        let chart: Chart = serde_json::from_str(
            r#"{"id":"c","title":"T","unit":"troops, \"approx\"","source":{"name":"S"},
                "series":[{"date":"1999","value":50000,"approximate":true},{"date":"2003-06","value":26000}]}"#,
        )
        .unwrap();
        let series = Series::parse(&chart).unwrap();
        assert_eq!(
            to_csv(&series, chart.unit.as_str()),
            "date,\"troops, \"\"approx\"\"\",approximate\n1999,50000,true\n2003-06,26000,false\n"
        );
        assert_eq!(data_url("a,b\n"), "data:text/csv;charset=utf-8,a%2Cb%0A");
    }
}
