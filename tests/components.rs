//! Browser tests for components: each mounts real views into Chromium's DOM
//! and reads the result back. Run with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]
// Test code: a panic is how a check fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gazette::chart::ChartBlock;
use gazette::components::blocks::BodyBlock;
use gazette::components::figure::{Figure, Priority};
use gazette::components::teaser::TeaserList;
use gazette::model::{Article, Block, Chart, Image, Teaser};
use gazette::pages::article::ArticleView;
use gazette::paths::Paths;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh container and returns the container.
fn mount<V: IntoView + 'static>(
    base: &str,
    view: impl FnOnce() -> V + 'static,
) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let paths = Paths::new(base);
    let handle = leptos::mount::mount_to(container.clone(), move || {
        leptos_meta::provide_meta_context();
        provide_context(paths);
        view()
    });
    // Keep the views alive for the rest of the test.
    handle.forget();
    container
}

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn block(json: &str) -> Block {
    serde_json::from_str(json).unwrap()
}

fn sample_article() -> Article {
    // The published form of the main sample article, as the build step writes it.
    let source = include_str!("../content/articles/kfor-refrain-from-provocations.json");
    let article: Article<gazette::model::Slug> = serde_json::from_str(source).unwrap();
    let related = gazette::model::limits::Bounded::new(vec![article.teaser()]).unwrap();
    article.with_related(related)
}

#[wasm_bindgen_test]
fn paragraph_formatting_is_data_and_text_is_never_html() {
    let b = block(
        r#"{"type":"paragraph","content":[
            {"text":"<script>window.__pwned=1</script>"},
            {"text":"em","emphasis":true},
            {"text":"strong","strong":true},
            {"text":"both","emphasis":true,"strong":true},
            {"text":"NATO","link":"https://www.nato.int/"},
            {"text":"inside","link":"/articles/x"},
            {"text":"Aleksandar Vučić","lang":"sr-Latn"}]}"#,
    );
    let root = mount("/news/", move || view! { <BodyBlock block=b /> });
    let p = one(&root, "p");
    assert!(p
        .text_content()
        .unwrap()
        .starts_with("<script>window.__pwned=1</script>"));
    assert!(all(&root, "script").is_empty());
    assert_eq!(one(&root, "em").text_content().unwrap(), "em");
    assert_eq!(one(&root, "strong").text_content().unwrap(), "strong");
    assert_eq!(one(&root, "em strong").text_content().unwrap(), "both");
    let links = all(&root, "a");
    assert_eq!(links.len(), 2);
    assert_eq!(
        links[0].get_attribute("href").unwrap(),
        "https://www.nato.int/"
    );
    assert_eq!(
        links[0].get_attribute("rel").unwrap(),
        "noopener noreferrer"
    );
    // Internal links follow the base path and stay in the app.
    assert_eq!(links[1].get_attribute("href").unwrap(), "/news/articles/x");
    assert!(links[1].get_attribute("rel").is_none());
    // A run in another language carries it, for screen readers.
    let foreign = one(&root, "span[lang]");
    assert_eq!(foreign.get_attribute("lang").unwrap(), "sr-Latn");
    assert_eq!(foreign.text_content().unwrap(), "Aleksandar Vučić");
}

#[wasm_bindgen_test]
fn each_block_type_has_its_element() {
    let cases = [
        (r#"{"type":"subheading","text":"Sub"}"#, "h2.subheading"),
        (
            r#"{"type":"quote","text":"Q","attribution":"KFOR officials"}"#,
            "figure.quote blockquote",
        ),
        (
            r#"{"type":"list","ordered":true,"items":[[{"text":"a"}],[{"text":"b"}]]}"#,
            "ol.list",
        ),
        (r#"{"type":"list","items":[[{"text":"a"}]]}"#, "ul.list"),
        (r#"{"type":"video","src":"https://x.org/v.mp4"}"#, ".notice"),
    ];
    for (json, selector) in cases {
        let b = block(json);
        let root = mount("/", move || view! { <BodyBlock block=b /> });
        assert!(
            root.query_selector(selector).unwrap().is_some(),
            "{json} renders {selector}"
        );
    }
    let root = mount(
        "/",
        || view! { <BodyBlock block=block(r#"{"type":"quote","text":"Q","attribution":"KFOR officials"}"#) /> },
    );
    assert_eq!(
        one(&root, "figcaption").text_content().unwrap(),
        "— KFOR officials"
    );
    let root = mount(
        "/",
        || view! { <BodyBlock block=block(r#"{"type":"list","ordered":true,"items":[[{"text":"a"}],[{"text":"b"}]]}"#) /> },
    );
    assert_eq!(all(&root, "ol > li").len(), 2);
}

#[wasm_bindgen_test]
fn a_table_is_a_real_table_in_a_scrolling_region_named_by_its_caption() {
    let root = mount("/", || {
        view! { <BodyBlock block=block(r#"{"type":"table","caption":"Events","header":["Date","Event"],"rows":[["2022","<b>not bold</b>"],["2023",""]]}"#) /> }
    });
    let region = one(&root, "div.table-scroll[role=region]");
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("Events")
    );
    assert_eq!(region.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(
        one(&root, "table caption").text_content().unwrap(),
        "Events"
    );
    let headers: Vec<_> = all(&root, "thead th[scope=col]")
        .iter()
        .filter_map(|th| th.text_content())
        .collect();
    assert_eq!(headers, ["Date", "Event"]);
    assert_eq!(all(&root, "tbody tr").len(), 2);
    assert_eq!(all(&root, "tbody tr:first-child td").len(), 2);
    // Cell text is text, never markup.
    assert!(root.query_selector("td b").unwrap().is_none());
    assert_eq!(
        one(&root, "tbody td:last-child").text_content().unwrap(),
        "<b>not bold</b>"
    );
    // Without a caption: no caption, no header, and the region is still named.
    let root = mount("/", || {
        view! { <BodyBlock block=block(r#"{"type":"table","rows":[["a","b"]]}"#) /> }
    });
    assert!(root.query_selector("caption, thead").unwrap().is_none());
    assert_eq!(
        one(&root, "[role=region]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Table")
    );
}

#[wasm_bindgen_test]
fn an_embed_is_a_link_card_with_nothing_of_the_third_party_on_the_page() {
    let root = mount("/", || {
        view! { <BodyBlock block=block(r#"{"type":"embed","url":"https://www.youtube.com/watch?v=M7lc1UVf-VE","provider":"YouTube","title":"A video"}"#) /> }
    });
    let link = one(&root, ".embed-card a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://www.youtube.com/watch?v=M7lc1UVf-VE")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        one(&root, ".embed-title").text_content().unwrap(),
        "A video"
    );
    assert_eq!(
        one(&root, ".embed-source").text_content().unwrap(),
        "YouTube · www.youtube.com"
    );
    assert!(root
        .query_selector("iframe, script, object")
        .unwrap()
        .is_none());
    // With no title, the address stands for it.
    let root = mount("/", || {
        view! { <BodyBlock block=block(r#"{"type":"embed","url":"https://x.com/a/status/1","provider":"X"}"#) /> }
    });
    assert_eq!(
        one(&root, ".embed-title").text_content().unwrap(),
        "https://x.com/a/status/1"
    );
}

#[wasm_bindgen_test]
fn an_image_without_caption_or_credit_has_no_empty_caption() {
    let root = mount("/", || {
        view! { <BodyBlock block=block(r#"{"type":"image","src":"/a.png","alt":"A","width":10,"height":10}"#) /> }
    });
    assert!(root.query_selector("figcaption").unwrap().is_none());
    let root = mount("/", || {
        view! { <BodyBlock block=block(r#"{"type":"image","src":"/a.png","alt":"A","width":10,"height":10,"caption":"Cap"}"#) /> }
    });
    assert_eq!(one(&root, "figcaption").text_content().unwrap(), "Cap ");
    assert!(root.query_selector(".credit").unwrap().is_none());
}

#[wasm_bindgen_test]
fn lead_images_load_eagerly_and_others_lazily_with_reserved_size() {
    let image: Image = serde_json::from_str(
        r#"{"src":"/images/a.svg","alt":"A road","credit":"Illustration: Gazette","caption":"Cap","width":1200,"height":675}"#,
    )
    .unwrap();
    let (lead, body) = (image.clone(), image);
    let root = mount("/news", move || {
        view! {
            <Figure image=lead priority=Priority::Lead />
            <Figure image=body priority=Priority::Lazy />
        }
    });
    let imgs = all(&root, "img");
    assert_eq!(imgs[0].get_attribute("loading").unwrap(), "eager");
    assert_eq!(imgs[1].get_attribute("loading").unwrap(), "lazy");
    for img in &imgs {
        assert_eq!(img.get_attribute("width").unwrap(), "1200");
        assert_eq!(img.get_attribute("height").unwrap(), "675");
        assert_eq!(img.get_attribute("src").unwrap(), "/news/images/a.svg");
        assert_eq!(img.get_attribute("alt").unwrap(), "A road");
    }
    assert!(one(&root, "figcaption")
        .text_content()
        .unwrap()
        .contains("Illustration: Gazette"));
}

#[wasm_bindgen_test]
fn an_image_with_other_widths_offers_them_all_in_srcset() {
    let with_sources: Image = serde_json::from_str(
        r#"{"src":"/images/a-1200.jpg","alt":"A road","credit":"Gazette","width":1200,"height":675,
            "sources":[{"src":"/images/a-480.jpg","width":480},{"src":"https://cdn.example/a-800.jpg","width":800}]}"#,
    )
    .unwrap();
    let single: Image = serde_json::from_str(
        r#"{"src":"/images/b.svg","alt":"","credit":"Gazette","width":1200,"height":675}"#,
    )
    .unwrap();
    let root = mount("/news", move || {
        view! {
            <Figure image=with_sources priority=Priority::Lead />
            <Figure image=single priority=Priority::Lazy />
        }
    });
    let imgs = all(&root, "img");
    assert_eq!(
        imgs[0].get_attribute("srcset").unwrap(),
        "/news/images/a-1200.jpg 1200w, /news/images/a-480.jpg 480w, https://cdn.example/a-800.jpg 800w"
    );
    assert_eq!(
        imgs[0].get_attribute("sizes").unwrap(),
        gazette::components::figure::COLUMN_SIZES
    );
    // One file: nothing to choose from, so neither attribute.
    assert_eq!(imgs[1].get_attribute("srcset"), None);
    assert_eq!(imgs[1].get_attribute("sizes"), None);
}

#[wasm_bindgen_test]
fn only_the_first_teaser_image_loads_at_once() {
    let teaser = |slug: &str| {
        format!(
            r#"{{"slug":"{slug}","headline":"H","standfirst":"S","published":"2023-01-21T08:00:00+01:00",
                "image":{{"src":"/images/{slug}.svg","alt":"","credit":"Gazette","width":1200,"height":675}}}}"#
        )
    };
    let json = format!("[{},{},{}]", teaser("one"), teaser("two"), teaser("three"));
    let teasers: Vec<Teaser> = serde_json::from_str(&json).unwrap();
    let root = mount("/", {
        let teasers = teasers.clone();
        move || view! { <TeaserList teasers with_images=true /> }
    });
    let imgs = all(&root, "img.teaser-image");
    assert_eq!(imgs.len(), 3);
    let loading: Vec<_> = imgs
        .iter()
        .map(|i| i.get_attribute("loading").unwrap())
        .collect();
    assert_eq!(loading[0], "eager");
    assert_eq!(imgs[0].get_attribute("fetchpriority").unwrap(), "high");
    assert!(loading[1..].iter().all(|l| l == "lazy"), "{loading:?}");

    // Related posts (no images asked for) show none.
    let root = mount("/", move || view! { <TeaserList teasers /> });
    assert!(all(&root, "img").is_empty());
}

#[wasm_bindgen_test]
fn the_article_view_shows_every_part_of_the_article() {
    let article = sample_article();
    let root = mount("/", move || view! { <ArticleView article /> });
    assert_eq!(all(&root, "h1").len(), 1);
    assert_eq!(
        one(&root, "h1").text_content().unwrap(),
        "KFOR: refrain from provocations and seek solutions through dialogue"
    );
    assert!(one(&root, ".standfirst")
        .text_content()
        .unwrap()
        .contains("Nearly 24 years"));
    // The space after "By" is part of that word's text node
    // (tests/e2e/loading.spec.mjs): it must still be there.
    assert_eq!(
        one(&root, ".byline").text_content().unwrap(),
        "By European Western Balkans"
    );
    let time = one(&root, "time");
    assert_eq!(
        time.get_attribute("datetime").unwrap(),
        "2023-01-20T09:00:00+01:00"
    );
    assert_eq!(time.text_content().unwrap(), "20 January 2023");
    assert!(root.text_content().unwrap().contains("Aleksandar Vučić"));
    assert_eq!(all(&root, ".article-body figure.quote").len(), 4);
    assert_eq!(all(&root, ".article-body h2.subheading").len(), 4);
    assert_eq!(all(&root, ".tags a").len(), 4);
    assert_eq!(
        one(&root, ".tags a").get_attribute("href").unwrap(),
        "/tags/kfor"
    );
    assert_eq!(
        one(&root, ".related a").get_attribute("href").unwrap(),
        "/articles/kfor-refrain-from-provocations"
    );
    assert_eq!(
        one(&root, ".lead-image img")
            .get_attribute("loading")
            .unwrap(),
        "eager"
    );
}

/// Lets effects and the resize observer run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn kfor_chart() -> Chart {
    sample_article().charts().next().cloned().unwrap()
}

/// A number attribute; a percentage (the chart's positions across) as its number.
fn attr(el: &web_sys::Element, name: &str) -> f64 {
    let value = el.get_attribute(name).unwrap();
    value.trim_end_matches('%').parse().unwrap()
}

#[wasm_bindgen_test]
async fn the_kfor_chart_places_five_points_in_proportion_to_their_dates() {
    let chart = kfor_chart();
    let years: Vec<f64> = chart.series.iter().map(|o| o.date.decimal_year()).collect();
    let root = mount("/", move || view! { <ChartBlock chart /> });
    settle().await;
    let points = all(&root, "circle.point");
    assert_eq!(points.len(), 5);
    let xs: Vec<f64> = points.iter().map(|p| attr(p, "cx")).collect();
    let scale = (xs[4] - xs[0]) / (years[4] - years[0]);
    for i in 0..5 {
        let expected = xs[0] + (years[i] - years[0]) * scale;
        assert!(
            (xs[i] - expected).abs() < 0.01,
            "point {i}: {} vs {expected}",
            xs[i]
        );
    }
    // Higher values are higher up.
    let ys: Vec<f64> = points.iter().map(|p| attr(p, "cy")).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]));
    // Estimates are marked as such; the 2003-2023 stretch is dashed.
    assert_eq!(all(&root, "circle.point.estimate").len(), 3);
    assert_eq!(all(&root, "path.line.gap").len(), 1);
    // The SVG is named and described, and drawn at the container's width.
    let svg = one(&root, "svg");
    assert_eq!(
        svg.get_attribute("aria-labelledby").unwrap(),
        "kfor-troops-title"
    );
    let desc = one(&root, "#kfor-troops-desc").text_content().unwrap();
    assert!(desc.contains("from 1999 to January 2023"), "{desc}");
    // Drawn for any width, never scaled: positions across are percentages
    // of the plot, and only the line stretches (its own coordinates).
    assert_eq!(svg.get_attribute("viewBox"), None);
    assert!(points
        .iter()
        .all(|p| p.get_attribute("cx").unwrap().ends_with('%')));
    let line = one(&root, "svg.chart-line");
    assert_eq!(line.get_attribute("viewBox").unwrap(), "0 0 1000 300");
    assert_eq!(line.get_attribute("preserveAspectRatio").unwrap(), "none");
}

#[wasm_bindgen_test]
async fn every_point_takes_focus_and_shows_its_value() {
    let root = mount("/", || view! { <ChartBlock chart=kfor_chart() /> });
    settle().await;
    let expected = [
        ("1999", "about 50,000 troops"),
        ("February 2002", "about 39,000 troops"),
        ("June 2003", "26,000 troops"),
        ("December 2003", "17,500 troops"),
        ("January 2023", "about 3,800 troops"),
    ];
    let document = web_sys::window().unwrap().document().unwrap();
    for (i, (date, value)) in expected.iter().enumerate() {
        let point: web_sys::SvgElement = all(&root, "circle.point")[i].clone().unchecked_into();
        assert_eq!(point.get_attribute("tabindex").unwrap(), "0");
        assert_eq!(
            point.get_attribute("aria-label").unwrap(),
            format!("{date}: {value}")
        );
        point.focus().unwrap();
        settle().await;
        assert!(document
            .active_element()
            .unwrap()
            .is_same_node(Some(&point)));
        let tip = one(&root, ".tooltip").text_content().unwrap();
        assert_eq!(tip, format!("{date}{value}"));
    }
    // Leaving the last point hides the value again.
    let point: web_sys::SvgElement = all(&root, "circle.point")[4].clone().unchecked_into();
    point.blur().unwrap();
    settle().await;
    assert!(root.query_selector(".tooltip").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_data_table_and_csv_hold_the_figures_from_the_json() {
    let chart = kfor_chart();
    let json_rows: Vec<(String, f64, bool)> = chart
        .series
        .iter()
        .map(|o| (String::from(o.date), o.value, o.approximate))
        .collect();
    let root = mount("/", move || view! { <ChartBlock chart /> });
    let table = one(&root, "table.chart-table");
    assert!(table.has_attribute("hidden"));
    let toggle: web_sys::HtmlElement =
        one(&root, "button[aria-controls='kfor-troops-data']").unchecked_into();
    assert_eq!(toggle.get_attribute("aria-expanded").unwrap(), "false");
    toggle.click();
    settle().await;
    assert!(!table.has_attribute("hidden"));
    assert_eq!(toggle.get_attribute("aria-expanded").unwrap(), "true");
    let cells: Vec<String> = all(&root, "tbody td")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert_eq!(
        cells,
        [
            "about 50,000",
            "about 39,000",
            "26,000",
            "17,500",
            "about 3,800"
        ]
    );

    let link = one(&root, "a[download]");
    assert_eq!(link.get_attribute("download").unwrap(), "kfor-troops.csv");
    let href = link.get_attribute("href").unwrap();
    let encoded = href.strip_prefix("data:text/csv;charset=utf-8,").unwrap();
    let csv = js_sys::decode_uri_component(encoded)
        .unwrap()
        .as_string()
        .unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("date,troops,approximate"));
    let csv_rows: Vec<(String, f64, bool)> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[1].parse().unwrap(), f[2] == "true")
        })
        .collect();
    assert_eq!(csv_rows, json_rows);
}

#[wasm_bindgen_test]
fn a_chart_with_bad_data_says_why_instead_of_drawing() {
    let mut chart = kfor_chart();
    let mut series = chart.series.into_vec();
    series.reverse();
    chart.series = gazette::model::limits::Bounded::new(series).unwrap();
    let root = mount("/", move || view! { <ChartBlock chart /> });
    assert!(root.query_selector("svg").unwrap().is_none());
    let notice = one(&root, ".notice").text_content().unwrap();
    assert!(notice.contains("not in date order"), "{notice}");
}

/// A real panic goes through the hook `start` installs: the reader gets the
/// notice. The harness's own hook runs last and only if the notice is there,
/// so `should_panic(expected)` fails when the notice is missing.
#[wasm_bindgen_test]
#[should_panic(expected = "deliberate")]
fn a_panic_shows_the_reader_a_notice() {
    let harness = std::panic::take_hook();
    gazette::browser::install_panic_hook();
    let gazette_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        gazette_hook(info);
        let document = web_sys::window().unwrap().document().unwrap();
        let notice = document.body().unwrap().first_element_child().unwrap();
        let shown = notice.class_name() == "crash"
            && notice.get_attribute("role").as_deref() == Some("alert")
            && notice
                .text_content()
                .unwrap_or_default()
                .contains("Please reload");
        if shown {
            notice.remove();
            harness(info);
        }
    }));
    panic!("deliberate");
}

/// A pause or deadline that is dropped (its page went away) settles at
/// once instead of when its timer would have fired: nothing is left
/// waiting on it (src/browser/timer.rs). One that is kept fires on time.
#[wasm_bindgen_test]
async fn a_dropped_deadline_settles_at_once_and_a_kept_one_on_time() {
    use gazette::browser::timer::{deadline, sleep};
    use wasm_bindgen_futures::JsFuture;
    for ms in [1_000, 60_000, i32::MAX] {
        let started = js_sys::Date::now();
        let (dropped, guard) = deadline(ms);
        drop(guard);
        let (backstop, _kept) = deadline(3_000);
        let first = js_sys::Promise::race(&js_sys::Array::of2(&dropped, &backstop));
        JsFuture::from(first).await.unwrap();
        let waited = js_sys::Date::now() - started;
        assert!(
            waited < 500.0,
            "a dropped {ms} ms deadline took {waited} ms"
        );
    }
    let started = js_sys::Date::now();
    sleep(200).await;
    let slept = js_sys::Date::now() - started;
    assert!(
        (190.0..2_000.0).contains(&slept),
        "slept {slept} ms for 200"
    );
}

/// Search's engine answers one question at a time. A question replaced
/// by a newer one before its answer came is settled at once, so nothing
/// waits on it for good (its answer, when it comes, is dropped by its id);
/// the newer one gets its own answer, and a failed worker settles it.
#[wasm_bindgen_test]
async fn a_superseded_search_question_is_settled_at_once() {
    use gazette::browser::search_engine::{Question, Waiting};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    let settled = |promise: &js_sys::Promise| {
        // Whichever settles first: the promise, or a value already there.
        let now = js_sys::Promise::resolve(&JsValue::from_str("pending"));
        let first = js_sys::Promise::race(&js_sys::Array::of2(promise, &now));
        async move {
            match JsFuture::from(first).await {
                Ok(value) => value.as_string().unwrap_or_default(),
                Err(_) => "rejected".to_owned(),
            }
        }
    };
    let mut waiting = Waiting::default();
    let (first, first_answer) = Question::new(1).unwrap();
    waiting.ask(first);
    assert_eq!(settled(&first_answer).await, "pending");
    let (second, second_answer) = Question::new(2).unwrap();
    waiting.ask(second);
    assert_eq!(
        settled(&first_answer).await,
        "rejected",
        "the replaced question"
    );
    waiting.answer(1, &JsValue::from_str("[1]"));
    assert_eq!(settled(&second_answer).await, "pending", "an old answer");
    waiting.answer(2, &JsValue::from_str("[2]"));
    assert_eq!(settled(&second_answer).await, "[2]");
    let (third, third_answer) = Question::new(3).unwrap();
    waiting.ask(third);
    waiting.fail();
    assert_eq!(settled(&third_answer).await, "rejected", "a failed worker");
}
