//! The Rust types and the JSON Schema are two descriptions of one contract.
//! This test makes near-miss values for every field of a document that
//! uses every field, and asserts that the two accept and refuse exactly the
//! same documents: a value one lets through and the other refuses is a gap
//! an attacker (or a CMS) can ride in.

use crate::content::Schemas;
use crate::project_root as root;
use gazette_contract::{Article, Listing};
use serde_json::{json, Value};

/// An article that holds every optional field and every block type.
fn every_field() -> Value {
    let text =
        std::fs::read_to_string(root().join("content/articles/kfor-troop-levels-since-1999.json"))
            .unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let image = json!({
        "src": "/images/kfor-troops-chart.svg", "alt": "A chart", "credit": "Gazette",
        "caption": "Troops", "width": 1200, "height": 675,
        "sources": [{"src": "https://cdn.example/a-480.jpg", "width": 480}]
    });
    doc["updated"] = json!("2023-01-06T08:30:00.25+01:00");
    doc["language"] = json!("en");
    doc["byline"] = json!({"authors": [{"name": "Ana Đurić", "role": "Correspondent"}]});
    doc["lead_image"] = image.clone();
    let mut image_block = image.clone();
    image_block["type"] = json!("image");
    doc["body"] = json!([
        {"type": "paragraph", "content": [
            {"text": "KFOR ", "emphasis": true, "strong": true, "link": "https://jfcnaples.nato.int/kfor", "lang": "sr-Latn"},
            {"text": "troops", "link": "/tags/kfor"}
        ]},
        {"type": "subheading", "text": "Numbers"},
        {"type": "quote", "text": "Refrain from provocations.", "attribution": "KFOR", "lang": "en-GB"},
        {"type": "list", "ordered": true, "items": [[{"text": "one"}], [{"text": "two", "link": "mailto:desk@gazette.example"}]]},
        image_block,
        {"type": "chart", "id": "troops", "title": "Troops", "subtitle": "1999-2023", "unit": "troops",
         "allow_negative": false, "notes": ["Approximate."],
         "source": {"name": "KFOR", "url": "https://jfcnaples.nato.int/kfor"},
         "series": [{"date": "1999", "value": 50000, "approximate": true}, {"date": "2003-06", "value": 26000},
                    {"date": "2023-01-31", "value": 3800.5}]},
        {"type": "table", "caption": "Events", "header": ["Date", "Event"],
         "rows": [["28 December 2022", "Decision to remove barricades"], ["5 January 2023", ""]]},
        {"type": "embed", "url": "https://www.youtube.com/watch?v=abc", "provider": "YouTube", "title": "A video"},
        {"type": "video", "src": "https://x.example/v.mp4"}
    ]);
    doc["related"] = json!([{
        "slug": "kfor-clears-last-barricades", "headline": "KFOR clears", "standfirst": "Roads open.",
        "published": "2023-01-02T10:00:00Z", "image": image
    }]);
    doc
}

/// Near misses for a value, named for the report.
fn mutations(value: &Value) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = [
        ("null", json!(null)),
        ("true", json!(true)),
        ("0", json!(0)),
        ("-1", json!(-1)),
        ("1.5", json!(1.5)),
        ("empty string", json!("")),
        ("[]", json!([])),
        ("{}", json!({})),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v))
    .collect();
    let mut add = |name: &str, v: Value| out.push((name.to_owned(), v));
    match value {
        Value::String(s) => {
            for (name, suffix) in [
                ("space", " "),
                ("NUL", "\u{0}"),
                ("tab", "\t"),
                ("DEL", "\u{7f}"),
                ("NEL", "\u{85}"),
                ("C1", "\u{9b}"),
                ("no-break space", "\u{a0}"),
                ("line separator", "\u{2028}"),
                ("zero-width space", "\u{200b}"),
                ("byte-order mark", "\u{feff}"),
                ("backslash", "\\"),
                ("markup", "<b>x</b>"),
                ("fullwidth digit", "１"),
            ] {
                add(&format!("{name} after"), json!(format!("{s}{suffix}")));
                add(&format!("{name} before"), json!(format!("{suffix}{s}")));
                add(&format!("only {name}"), json!(suffix));
            }
            for (name, v) in [
                ("//host", "//evil.example/x"),
                ("/\\host", "/\\evil.example/x"),
                ("\\\\host", "\\\\evil.example/x"),
                ("/ then \\", "/\\/evil.example"),
                ("scheme in the middle", "javascript:alert(1)//https://x.org"),
                ("data:", "data:text/html,x"),
                ("upper-case https", "HTTPS://x.org/a"),
                ("mailto", "mailto:desk@x.org"),
                ("site path", "/a/b"),
                ("relative", "a/b"),
                ("slug-like", "a-b"),
                ("slug double hyphen", "a--b"),
                ("slug upper", "A-b"),
                ("language", "sr-Latn"),
                ("language bad", "sr_Latn"),
                ("language long subtag", "en-abcdefghi"),
                ("fraction markup", "2023-01-05T10:00:00.<b>Z"),
                ("empty fraction", "2023-01-05T10:00:00.Z"),
                ("fraction", "2023-01-05T10:00:00.123456Z"),
                ("leap second", "2016-12-31T23:59:60Z"),
                ("30 February", "2023-02-30T10:00:00Z"),
                ("29 February leap", "2024-02-29T10:00:00Z"),
                ("29 February", "2023-02-29T10:00:00Z"),
                ("lower-case t and z", "2023-01-05t10:00:00z"),
                ("offset 24", "2023-01-05T10:00:00+24:00"),
                ("no offset", "2023-01-05T10:00:00"),
                ("hour 24", "2023-01-05T24:00:00Z"),
                ("year 0000", "0000"),
                ("month 00", "2003-00"),
                ("31 June", "2003-06-31"),
                ("date 29 February", "2003-02-29"),
                ("date 29 February leap", "2004-02-29"),
                ("date only", "2023-01-05"),
            ] {
                add(name, json!(v));
            }
            let long = |c: &str, n: usize| json!(c.repeat(n));
            add("10,000 characters", long("x", 10_000));
            add("10,001 characters", long("x", 10_001));
            add("10,000 two-byte characters", long("é", 10_000));
            add("10,001 two-byte characters", long("é", 10_001));
            add(
                "2,048-character URL",
                json!(format!("/{}", "a".repeat(2047))),
            );
            add(
                "2,049-character URL",
                json!(format!("/{}", "a".repeat(2048))),
            );
            add(
                "2,048 two-byte URL",
                json!(format!("/{}", "é".repeat(2047))),
            );
        }
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            add("as a float", json!(f));
            add("+ 0.5", json!(f + 0.5));
            add("negated", json!(-f));
            add("string", json!(n.to_string()));
            for v in [
                1.0,
                2.0,
                1e15,
                -1e15,
                1.000_000_1e15,
                1e16,
                -1e16,
                1e300,
                4_294_967_295.0,
                4_294_967_296.0,
            ] {
                add(&format!("{v:e}"), json!(v));
            }
            add("u32 max", json!(4_294_967_295u64));
            add("u32 max + 1", json!(4_294_967_296u64));
            add("u64 max", json!(u64::MAX));
        }
        Value::Bool(b) => {
            add("string", json!(b.to_string()));
            add("1", json!(1));
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                for n in [2, 101, 1_001, 5_001, 10_001] {
                    add(
                        &format!("{n} entries"),
                        Value::Array(vec![first.clone(); n]),
                    );
                }
            }
        }
        Value::Null => {}
        Value::Object(map) => {
            for key in map.keys() {
                let mut less = map.clone();
                less.remove(key);
                add(&format!("without {key}"), Value::Object(less));
            }
            let mut more = map.clone();
            more.insert("html".into(), json!("<p>"));
            add("with an unknown field", Value::Object(more));
        }
    }
    out
}

/// Every path in `doc` (as JSON pointers), the root included.
fn pointers(doc: &Value, at: String, out: &mut Vec<String>) {
    match doc {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(v, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Each mutation of each field, as (field, mutation, accepted by the
/// types, accepted by the schema) where the two differ.
fn disagreements(
    doc: &Value,
    types: impl Fn(&str) -> bool,
    schema: impl Fn(&Value) -> bool,
) -> (usize, Vec<String>) {
    assert!(
        types(&doc.to_string()),
        "the types refuse the base document"
    );
    assert!(schema(doc), "the schema refuses the base document: {doc}");
    let mut paths = Vec::new();
    pointers(doc, String::new(), &mut paths);
    let (mut tried, mut found) = (0, Vec::new());
    for path in paths {
        let Some(original) = doc.pointer(&path) else {
            continue;
        };
        for (name, value) in mutations(original) {
            let mut mutated = doc.clone();
            if let Some(slot) = mutated.pointer_mut(&path) {
                *slot = value;
            }
            tried += 1;
            let (by_types, by_schema) = (types(&mutated.to_string()), schema(&mutated));
            if by_types != by_schema {
                found.push(format!(
                    "{path} {name}: types {}, schema {}",
                    if by_types { "accept" } else { "refuse" },
                    if by_schema { "accepts" } else { "refuses" }
                ));
            }
        }
    }
    (tried, found)
}

#[test]
fn types_and_schema_agree_on_near_misses_of_every_article_field() {
    let schemas = Schemas::load(&root()).unwrap();
    if let Err(e) = schemas.check_article(&every_field()) {
        panic!("{e}");
    }
    let (tried, found) = disagreements(
        &every_field(),
        |text| serde_json::from_str::<Article>(text).is_ok(),
        |doc| schemas.check_article(doc).is_ok(),
    );
    assert!(
        schemas.check_article(&every_field()).is_ok(),
        "{:?}",
        schemas.check_article(&every_field())
    );
    assert!(tried > 5_000, "only {tried} mutations");
    assert!(
        found.is_empty(),
        "{} of {tried}:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn types_and_schema_agree_on_near_misses_of_every_listing_field() {
    let schemas = Schemas::load(&root()).unwrap();
    let article = every_field();
    // A first page and an archived one: their pagination differs.
    for pagination in [
        json!({"archived": 3, "articles": 93}),
        json!({"page": 2, "newest": false}),
    ] {
        let listing = json!({
            "version": 1,
            "tag": {"slug": "kfor", "name": "KFOR"},
            "articles": [article["related"][0].clone()],
            "pagination": pagination
        });
        let (tried, found) = disagreements(
            &listing,
            |text| serde_json::from_str::<Listing>(text).is_ok(),
            |doc| schemas.check_listing(doc).is_ok(),
        );
        assert!(tried > 500, "only {tried} mutations");
        assert!(
            found.is_empty(),
            "{} of {tried}:\n{}",
            found.len(),
            found.join("\n")
        );
    }
}
