//! The chart as inline SVG. Styling comes from classes in style/main.css
//! (no inline styles, so a strict CSP allows it); geometry from [`Layout`].

use super::csv::{data_url, to_csv};
use super::layout::{percent, Layout, HEIGHT, LINE_WIDTH, PLOT_BOTTOM};
use super::series::{Point, Series};
use crate::i18n::{fill, use_strings, Strings};
use crate::model::{Chart, Slug};
use crate::paths::use_paths;
use leptos::prelude::*;

/// Which chart an embed code should point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedTarget {
    pub article: Slug,
}

/// A chart block: the chart, or a clear message when its data cannot be drawn.
#[component]
pub fn ChartBlock(
    chart: Chart,
    #[prop(default = None)] embed: Option<EmbedTarget>,
) -> impl IntoView {
    match Series::parse(&chart) {
        Ok(series) => view! { <ChartFigure chart series embed /> }.into_any(),
        Err(error) => view! {
            <figure class="chart chart-error">
                <figcaption><span class="chart-title">{chart.title.to_string()}</span></figcaption>
                <p class="notice" role="note">{fill(use_strings().chart_unavailable, &[("error", &error.to_string())])}</p>
            </figure>
        }
        .into_any(),
    }
}

/// "about 50,000 troops".
fn value_label(p: &Point, unit: &str, strings: &Strings) -> String {
    format!("{} {unit}", value_text(p, strings))
}

/// "about 50,000", or "50,000" for a reported figure.
fn value_text(p: &Point, strings: &Strings) -> String {
    let value = strings.number(p.value);
    if p.approximate {
        fill(strings.about, &[("value", &value)])
    } else {
        value
    }
}

/// "1999: about 50,000 troops": a point as a screen reader hears it.
fn point_label(p: &Point, unit: &str, strings: &Strings) -> String {
    format!(
        "{}: {}",
        strings.date(p.date),
        value_label(p, unit, strings)
    )
}

/// What a screen reader hears as the chart's description.
pub fn describe(series: &Series, unit: &str, strings: &Strings) -> String {
    let n = series.points().len();
    let (first, last) = series.ends();
    let (lo, hi) = series.value_range();
    let on = |p: &Point| {
        fill(
            strings.value_on,
            &[
                ("value", &value_label(p, unit, strings)),
                ("date", &strings.date(p.date)),
            ],
        )
    };
    fill(
        strings.chart_summary,
        &[
            (
                "count",
                &strings.count(&strings.data_points, u64::try_from(n).unwrap_or(u64::MAX)),
            ),
            ("first", &strings.date(first.date)),
            ("last", &strings.date(last.date)),
            ("first_value", &on(first)),
            ("last_value", &on(last)),
            ("highest", &strings.number(hi)),
            ("lowest", &strings.number(lo)),
        ],
    )
}

#[component]
fn ChartFigure(chart: Chart, series: Series, embed: Option<EmbedTarget>) -> impl IntoView {
    let id = chart.id.to_string();
    let (title_id, desc_id, table_id) = (
        format!("{id}-title"),
        format!("{id}-desc"),
        format!("{id}-data"),
    );
    let strings = use_strings();
    let unit = chart.unit.to_string();
    let description = describe(&series, &unit, strings);
    let csv_href = data_url(&to_csv(&series, &unit));
    let csv_name = format!("{id}.csv");

    let active = RwSignal::new(None::<usize>);
    let show_table = RwSignal::new(false);
    // One drawing for every width (see layout.rs), so nothing is measured:
    // what the build prerenders is what the app draws.
    let layout = StoredValue::new(Layout::new_in(&series, strings));
    let points = StoredValue::new(series.points().to_vec());

    let svg = layout.with_value(|l| {
        let markers = l.marked.then(|| markers(l, points, active, &unit, strings));
        view! {
            <svg
                class="chart-svg"
                width="100%"
                height=HEIGHT
                role="group"
                aria-labelledby=title_id.clone()
                aria-describedby=desc_id.clone()
            >
                <title>{chart.title.to_string()}</title>
                <g aria-hidden="true">{axes_and_line(l)}</g>
                <g class="points">{markers}</g>
                <Tooltip layout active points unit=unit.clone() strings />
            </svg>
        }
    });

    let table = {
        let unit = unit.clone();
        move || {
            show_table.get().then(|| {
                let rows = points.with_value(|ps| {
                    ps.iter()
                        .map(|p| {
                            let value = value_text(p, strings);
                            view! { <tr><th scope="row">{strings.date(p.date)}</th><td>{value}</td></tr> }
                        })
                        .collect_view()
                });
                view! {
                    <thead><tr><th scope="col">{strings.date}</th><th scope="col">{fill(strings.number_of, &[("unit", &unit)])}</th></tr></thead>
                    <tbody>{rows}</tbody>
                }
            })
        }
    };

    view! {
        <figure class="chart" id=id.clone()>
            <figcaption>
                <span class="chart-title" id=title_id.clone()>{chart.title.to_string()}</span>
                {chart.subtitle.map(|s| view! { <span class="chart-subtitle">{s.to_string()}</span> })}
            </figcaption>
            <p class="visually-hidden" id=desc_id.clone()>{description}</p>
            <div class="chart-frame">{svg}</div>
            <ul class="chart-key" aria-hidden="true">
                <li><span class="key-point"></span>{strings.key_reported}</li>
                <li><span class="key-estimate"></span>{strings.key_estimate}</li>
                <li><span class="key-gap"></span>{strings.key_gap}</li>
            </ul>
            <div class="chart-actions">
                <button
                    type="button"
                    class="button small secondary"
                    aria-expanded=move || show_table.get().to_string()
                    aria-controls=table_id.clone()
                    on:click=move |_| show_table.update(|s| *s = !*s)
                >
                    {move || if show_table.get() { strings.hide_data } else { strings.show_data }}
                </button>
                <a class="button small secondary" href=csv_href download=csv_name>{strings.download_csv}</a>
                {embed.map(|target| view! { <EmbedCode target chart_id=chart.id.clone() title=chart.title.to_string() /> })}
            </div>
            <table class="chart-table" id=table_id hidden=move || !show_table.get()>
                <caption class="visually-hidden">{fill(strings.data_caption, &[("title", chart.title.as_str())])}</caption>
                {table}
            </table>
            <p class="chart-source">
                {strings.source}
                {match chart.source.url {
                    Some(url) => {
                        let href = use_paths().content_url(&url);
                        view! { <a href=href rel="noopener noreferrer">{chart.source.name.to_string()}</a> }.into_any()
                    }
                    None => chart.source.name.to_string().into_any(),
                }}
            </p>
            {(!chart.notes.is_empty()).then(|| view! {
                <ul class="chart-notes">
                    {chart.notes.iter().map(|n| view! { <li>{n.to_string()}</li> }).collect_view()}
                </ul>
            })}
        </figure>
    }
}

/// The drawing's gridlines, axes and ticks, and the line itself: for the
/// eye only (the points and the table are what assistive technology reads).
fn axes_and_line(l: &Layout) -> impl IntoView {
    let grid = l
        .y_ticks
        .iter()
        .map(|t| {
            view! {
                <line class="grid" x1="0" x2="100%" y1=t.pos y2=t.pos />
                <text class="tick-label" x="-8" y=t.pos + 4.0 text-anchor="end">{t.label.clone()}</text>
            }
        })
        .collect_view();
    let x_ticks = l
        .x_ticks
        .iter()
        .map(|t| {
            let x = percent(t.pos);
            view! {
                <line class="axis" x1=x.clone() x2=x.clone() y1=PLOT_BOTTOM y2=PLOT_BOTTOM + 5.0 />
                <text class=if t.minor { "tick-label minor" } else { "tick-label" } x=x y=PLOT_BOTTOM + 20.0 text-anchor="middle">{t.label.clone()}</text>
            }
        })
        .collect_view();
    let segments = l
        .segments
        .iter()
        .map(|s| view! { <path class=if s.gap { "line gap" } else { "line" } d=s.d.clone() /> })
        .collect_view();
    view! {
        {grid}
        <line class="axis" x1="0" x2="100%" y1=PLOT_BOTTOM y2=PLOT_BOTTOM />
        {x_ticks}
        // The line alone stretches with the plot; its stroke does not.
        <svg class="chart-line" viewBox=format!("0 0 {LINE_WIDTH} {HEIGHT}") preserveAspectRatio="none">
            {segments}
        </svg>
    }
}

/// One focusable point per observation, each labelled with its date and
/// value; focus or the pointer shows its tooltip.
fn markers(
    l: &Layout,
    points: StoredValue<Vec<Point>>,
    active: RwSignal<Option<usize>>,
    unit: &str,
    strings: &'static Strings,
) -> impl IntoView {
    l.points
        .iter()
        .filter_map(|pp| {
            let p = points.with_value(|ps| ps.get(pp.index).cloned())?;
            let i = pp.index;
            let label = point_label(&p, unit, strings);
            Some(view! {
                <circle
                    class=if p.approximate { "point estimate" } else { "point" }
                    cx=percent(pp.x)
                    cy=pp.y
                    r="5"
                    tabindex="0"
                    role="img"
                    aria-label=label
                    on:focus=move |_| active.set(Some(i))
                    on:blur=move |_| active.set(None)
                    on:mouseenter=move |_| active.set(Some(i))
                    on:mouseleave=move |_| active.set(None)
                />
            })
        })
        .collect_view()
}

/// The value and date of the point in focus or under the pointer. Hidden from
/// screen readers, which read the point's own label.
#[component]
fn Tooltip(
    layout: StoredValue<Layout>,
    active: RwSignal<Option<usize>>,
    points: StoredValue<Vec<Point>>,
    unit: String,
    strings: &'static Strings,
) -> impl IntoView {
    move || {
        let i = active.get()?;
        let pp = layout.with_value(|l| l.points.get(i).cloned())?;
        let p = points.with_value(|ps| ps.get(i).cloned())?;
        let (line1, line2) = (strings.date(p.date), value_label(&p, &unit, strings));
        let w = super::scale::as_f64(line1.chars().count().max(line2.chars().count())) * 7.6 + 20.0;
        let h = 46.0;
        // The plot's width is not known here (it is the reader's), so the
        // box opens away from the nearer edge instead of being clamped to it.
        let dx = if pp.x < 0.25 {
            -10.0
        } else if pp.x > 0.75 {
            10.0 - w
        } else {
            -w / 2.0
        };
        let y = if pp.y - h - 12.0 < 0.0 {
            pp.y + 12.0
        } else {
            pp.y - h - 12.0
        };
        Some(view! {
            <svg class="tooltip" aria-hidden="true" x=percent(pp.x) y=y>
                <g transform=format!("translate({dx:.1},0)")>
                    <rect width=w height=h rx="4" />
                    <text x="10" y="19">{line1}</text>
                    <text class="tooltip-value" x="10" y="37">{line2}</text>
                </g>
            </svg>
        })
    }
}

/// "Embed" disclosure: the iframe code for this chart, built from the page's
/// own address when opened (so it is right under any host and base path).
#[component]
fn EmbedCode(target: EmbedTarget, chart_id: Slug, title: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let paths = use_paths();
    let embed_path = paths.chart_embed(&target.article, &chart_id);
    let script_path = paths.embed_script();
    let panel_id = format!("{chart_id}-embed");
    let strings = use_strings();
    let toggle = move |_| {
        if !open.get_untracked() {
            let origin = crate::browser::origin();
            code.set(embed_snippet(&origin, &embed_path, &script_path, &title));
        }
        open.update(|o| *o = !*o);
    };
    view! {
        <button type="button" class="button small secondary" aria-expanded=move || open.get().to_string() aria-controls=panel_id.clone() on:click=toggle>
            {strings.embed}
        </button>
        <div class="embed-panel" id=panel_id hidden=move || !open.get()>
            <label for=format!("{chart_id}-embed-code")>{strings.embed_instructions}</label>
            <textarea id=format!("{chart_id}-embed-code") readonly rows="4" prop:value=move || code.get()></textarea>
            <button type="button" class="button small" on:click=move |_| crate::browser::copy_text(&code.get_untracked())>{strings.copy_code}</button>
        </div>
    }
}

/// The HTML a portal pastes: an iframe with a reserved height, and the
/// host script that resizes it to fit.
pub fn embed_snippet(origin: &str, embed_path: &str, script_path: &str, title: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<iframe src=\"{origin}{embed_path}\" title=\"{title}\" width=\"100%\" height=\"560\" loading=\"lazy\" frameborder=\"0\"></iframe>\n<script src=\"{origin}{script_path}\" async></script>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_snippet_escapes_the_title() {
        let s = embed_snippet(
            "https://x.org",
            "/embed/charts/a/b",
            "/embed.js",
            "A \"b\" <c>",
        );
        assert!(s.contains("title=\"A &quot;b&quot; &lt;c>\""));
        assert!(s.contains("src=\"https://x.org/embed/charts/a/b\""));
        assert!(s.contains("<script src=\"https://x.org/embed.js\" async></script>"));
        assert!(s.contains("height=\"560\""));
    }
}
