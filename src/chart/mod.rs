//! Charts from chart blocks. For now the figures are shown as a table;
//! the SVG line chart is drawn on top of the same data.

use crate::model::Chart;
use leptos::prelude::*;

/// Formats a value with thousands separators: 50000 → "50,000".
pub fn format_value(value: f64) -> String {
    let rounded = value.round();
    if (value - rounded).abs() > f64::EPSILON {
        return format!("{value}");
    }
    let digits = format!("{}", rounded.abs() as u64);
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

#[component]
pub fn ChartBlock(chart: Chart) -> impl IntoView {
    let rows = chart
        .series
        .iter()
        .map(|o| {
            let value = format!(
                "{}{}",
                if o.approximate { "about " } else { "" },
                format_value(o.value)
            );
            view! { <tr><th scope="row">{o.date.human()}</th><td>{value}</td></tr> }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>
                <span class="chart-title">{chart.title.to_string()}</span>
                {chart.subtitle.map(|s| view! { <span class="chart-subtitle">{s.to_string()}</span> })}
            </figcaption>
            <table class="chart-table">
                <thead><tr><th scope="col">"Date"</th><th scope="col">{format!("Number of {}", chart.unit)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="chart-source">"Source: " {chart.source.name.to_string()}</p>
        </figure>
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
        assert_eq!(format_value(1_234_567.0), "1,234,567");
        assert_eq!(format_value(-1_500.0), "-1,500");
        assert_eq!(format_value(0.5), "0.5");
    }
}
