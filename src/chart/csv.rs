//! The chart's data as CSV, and as a `data:` URL for a download link.

use super::series::Series;

/// `date,<unit>,approximate` then one row per point, dates as in the JSON.
/// Text cells are neutralised ([`text_cell`]); values stay numbers.
pub fn to_csv(series: &Series, unit: &str) -> String {
    let mut out = format!("date,{},approximate\n", text_cell(unit));
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

/// A text cell a spreadsheet shows as text, never runs: one that starts
/// like a formula (`=`, `+`, `-`, `@`, tab or carriage return) gets a
/// leading `'`, as OWASP recommends; one that holds a comma, quote or line
/// break is quoted, with quotes doubled.
pub fn text_cell(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if formula {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// `data:text/csv` URL with everything but unreserved characters percent-encoded.
pub fn data_url(csv: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in csv.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
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

    #[test]
    fn text_that_looks_like_a_formula_stays_text() {
        for (cell, expected) in [
            (
                "=HYPERLINK(\"https://evil.example\",\"x\")",
                "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"",
            ),
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\tcmd", "'\tcmd"),
            ("\r=1", "\"'\r=1\""),
            ("troops", "troops"),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("a,b", "\"a,b\""),
        ] {
            assert_eq!(text_cell(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn numbers_stay_numbers_and_formula_units_are_neutralised() {
        let chart: Chart = serde_json::from_str(
            r#"{"id":"c","title":"T","unit":"=cmd|' /C calc'!A0","source":{"name":"S"},"allow_negative":true,
                "series":[{"date":"1999","value":-1500},{"date":"2003-06","value":0.25}]}"#,
        )
        .unwrap();
        let csv = to_csv(&Series::parse(&chart).unwrap(), chart.unit.as_str());
        assert_eq!(
            csv,
            "date,'=cmd|' /C calc'!A0,approximate\n1999,-1500,false\n2003-06,0.25,false\n"
        );
    }
}
