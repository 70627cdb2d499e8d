//! The contract's rules at their edges, tested on the contract alone: the
//! app, the build and the importer test them again through their own work,
//! but a crate that a preview or a watcher uses on its own answers for its
//! rules itself (the mutation baseline, TESTING.md, found these untested
//! here).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code

use gazette_contract::limits::{Bounded, MAX_TEXT_CHARS};
use gazette_contract::routes::{Collection, PageKind, Route};
use gazette_contract::series::{ChartError, Series};
use gazette_contract::{
    Article, Block, CalendarDate, Chart, LanguageTag, Page, PageNumber, Slug, Span, Text, Timestamp,
};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../../content/articles/kfor-troop-levels-since-1999.json");

fn sample() -> Value {
    serde_json::from_str(SAMPLE).unwrap()
}

/// Read from text, as the app and the build read documents (positions in
/// messages come from the text).
fn article(value: Value) -> Result<Article<Slug>, String> {
    serde_json::from_str(&value.to_string()).map_err(|e| e.to_string())
}

fn image(src: &str) -> Value {
    json!({"src": src, "alt": "", "width": 10, "height": 10})
}

#[test]
fn an_articles_images_are_its_lead_then_its_bodys_in_order() {
    let paragraph = json!({"type": "paragraph", "content": [{"text": "Text."}]});
    let body_image = |src: &str| {
        let mut block = image(src);
        block["type"] = "image".into();
        block
    };
    for (lead, body, expected) in [
        (Some("/a.png"), vec![paragraph.clone()], vec!["/a.png"]),
        (
            Some("/a.png"),
            vec![
                body_image("/b.png"),
                paragraph.clone(),
                body_image("/c.png"),
            ],
            vec!["/a.png", "/b.png", "/c.png"],
        ),
        (None, vec![body_image("/b.png")], vec!["/b.png"]),
        (None, vec![paragraph.clone()], vec![]),
    ] {
        let mut doc = sample();
        match lead {
            Some(src) => doc["lead_image"] = image(src),
            None => drop(doc.as_object_mut().unwrap().remove("lead_image")),
        }
        doc["body"] = body.into();
        let a = article(doc).unwrap();
        let srcs: Vec<&str> = a.images().map(|i| i.src.as_str()).collect();
        assert_eq!(srcs, expected);
    }
}

#[test]
fn a_bad_block_is_named_by_its_place_in_the_document() {
    for block in [
        json!({"type": "paragraph", "content": "not a list"}),
        json!({"type": "paragraph", "content": [{"text": 7}]}),
        json!({"type": "subheading"}),
    ] {
        let mut doc = sample();
        doc["body"] = json!([block]);
        // Written over many lines, the block is far below the first.
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let message = serde_json::from_str::<Article<Slug>>(&text)
            .unwrap_err()
            .to_string();
        let line = text.lines().position(|l| l.contains("\"body\"")).unwrap();
        let at: Vec<usize> = message
            .split(" at line ")
            .skip(1)
            .filter_map(|rest| rest.split(' ').next()?.parse().ok())
            .collect();
        // One position, the document's (the body's line or below), not the
        // block's own position inside itself (line 1).
        assert_eq!(at.len(), 1, "{message}");
        assert!(
            at[0] > line,
            "{message}: the body starts on line {}",
            line + 1
        );
    }
}

#[test]
fn false_flags_are_left_out_and_true_ones_written() {
    for (emphasis, strong) in [(false, false), (true, false), (false, true), (true, true)] {
        let span = Span {
            text: Text::try_from("x".to_owned()).unwrap(),
            emphasis,
            strong,
            link: None,
            lang: None,
        };
        let written = serde_json::to_value(&span).unwrap();
        assert_eq!(written.get("emphasis").is_some(), emphasis, "{written}");
        assert_eq!(written.get("strong").is_some(), strong, "{written}");
        let read: Span = serde_json::from_value(written).unwrap();
        assert_eq!(read, span);
    }
}

#[test]
fn a_bounded_list_gives_back_its_items_and_says_what_it_expected() {
    for items in [vec![], vec![1], vec![1, 2, 3]] {
        let list: Bounded<u32, 3> = Bounded::new(items.clone()).unwrap();
        assert_eq!(list.into_iter().collect::<Vec<_>>(), items);
    }
    // A document whose list is not a list says what was expected.
    let mut doc = sample();
    doc["tags"] = json!("kfor");
    let message = article(doc).unwrap_err();
    assert!(message.contains("a list of at most"), "{message}");
}

#[test]
fn every_kind_of_route_is_an_embed_indexed_or_neither() {
    let slug = Slug::parse("a").unwrap();
    for (kind, embed, indexed) in [
        (PageKind::Front, false, true),
        (PageKind::Article, false, true),
        (PageKind::Collection(Collection::Tag), false, true),
        (PageKind::Collection(Collection::Section), false, true),
        (PageKind::Collection(Collection::Author), false, true),
        (PageKind::Search, false, false),
        (PageKind::ChartEmbed, true, false),
        (PageKind::ArticleEmbed, true, false),
        (PageKind::NotFound, false, false),
    ] {
        assert_eq!(kind.is_embed(), embed, "{kind:?}");
        assert_eq!(kind.is_indexed(), indexed, "{kind:?}");
        assert_eq!(Route::with_every_slug(kind, &slug).kind(), kind);
    }
    // Listings have pages; nothing else does.
    let third = Page::Archived(PageNumber::new(3).unwrap());
    for (route, paged) in [
        (Route::Front(Page::First), Some(Route::Front(third))),
        (
            Route::Collection(Collection::Author, slug.clone(), Page::First),
            Some(Route::Collection(Collection::Author, slug.clone(), third)),
        ),
        (Route::Article(slug.clone()), None),
        (Route::ArticleEmbed(slug.clone()), None),
        (Route::NotFound, None),
    ] {
        assert_eq!(route.at_page(third), paged, "{route:?}");
    }
}

fn chart(dates: &[&str]) -> Chart {
    let mut doc = sample();
    let block = doc["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "chart")
        .cloned()
        .unwrap();
    let mut block = block;
    block["series"] = dates
        .iter()
        .map(|d| json!({"date": d, "value": 1}))
        .collect();
    doc["body"] = json!([block]);
    let a = article(doc).unwrap();
    match a.body.iter().next() {
        Some(Block::Chart(c)) => c.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn two_dates_at_one_place_on_the_time_axis_are_one_date_twice() {
    // A year is drawn at its middle; 2 July is the middle of 2003 (and of
    // no leap year's): a year and that day would be one point.
    for (dates, duplicate) in [
        (&["2003", "2003-07-02"][..], Some("2003-07-02")),
        (&["2003-06", "2003-06"][..], Some("2003-06")),
        (&["2003", "2003-07-03"][..], None),
        (&["2004", "2004-07-02"][..], None),
        (&["2003", "2004"][..], None),
    ] {
        let found = Series::parse(&chart(dates)).err();
        let expected =
            duplicate.map(|d| ChartError::DuplicateDate(CalendarDate::parse(d).unwrap()));
        assert_eq!(found, expected, "{dates:?}");
    }
}

#[test]
fn text_may_be_exactly_its_longest_in_characters_not_bytes() {
    for (text, kept) in [
        ("x".repeat(MAX_TEXT_CHARS), true),
        ("x".repeat(MAX_TEXT_CHARS + 1), false),
        // Two bytes a character: past the limit in bytes, not in characters.
        ("ђ".repeat(MAX_TEXT_CHARS), true),
        ("ђ".repeat(MAX_TEXT_CHARS + 1), false),
        (String::new(), true),
    ] {
        let made = Text::try_from(text.clone());
        assert_eq!(made.is_ok(), kept, "{} characters", text.chars().count());
        if let Ok(made) = made {
            assert_eq!(String::from(made), text);
        }
    }
}

#[test]
fn slugs_and_language_tags_read_back_as_written() {
    for s in ["a", "kfor", "kfor-troop-levels-since-1999"] {
        assert_eq!(Slug::parse(s).unwrap().as_str(), s);
    }
    for tag in ["en", "sr-Latn", "sr-Cyrl", "sq"] {
        let parsed = LanguageTag::parse(tag).unwrap();
        assert_eq!(parsed.as_str(), tag);
        assert_eq!(String::from(parsed), tag);
    }
}

#[test]
fn timestamps_take_every_offset_and_the_last_minute_of_a_day() {
    let epoch = |s: &str| Timestamp::parse(s).map(|t| t.epoch_seconds());
    let utc = epoch("2023-01-05T12:00:00Z").unwrap();
    for (offset, minutes) in [
        ("+00:00", 0),
        ("-00:30", -30),
        ("-03:30", -210),
        ("+05:45", 345),
        ("-12:00", -720),
        ("+14:00", 840),
        ("+23:59", 1439),
        ("-23:59", -1439),
    ] {
        let local = epoch(&format!("2023-01-05T12:00:00{offset}")).unwrap();
        assert_eq!(utc - local, minutes * 60, "{offset}");
    }
    assert!(epoch("2023-01-05T23:59:59Z").is_ok());
    assert!(epoch("2023-01-05T23:59:59+23:59").is_ok());
    for refused in [
        "2023-01-05T24:00:00Z",
        "2023-01-05T12:60:00Z",
        "2023-01-05T12:00:60Z",
        "2023-01-05T12:00:00+24:00",
        "2023-01-05T12:00:00-00:60",
    ] {
        assert!(epoch(refused).is_err(), "{refused}");
    }
}

#[test]
fn the_calendar_has_the_gregorian_leap_years() {
    // Seconds since 1970 as Python's datetime gives them.
    for (date, seconds) in [
        ("1970-01-01", 0),
        ("1999-12-31", 946_598_400),
        ("2000-02-29", 951_782_400),
        ("2000-03-01", 951_868_800),
        ("2023-02-15", 1_676_419_200),
        ("2023-02-28", 1_677_542_400),
        ("2024-02-29", 1_709_164_800),
        ("2100-02-28", 4_107_456_000),
        ("2100-03-01", 4_107_542_400),
        ("1900-03-01", -2_203_891_200),
    ] {
        let t = Timestamp::parse(&format!("{date}T00:00:00Z")).unwrap();
        assert_eq!(t.epoch_seconds(), seconds, "{date}");
    }
    // Divisible by 4, but not by 100 unless by 400.
    for (year, leap) in [
        (1600, true),
        (1900, false),
        (2000, true),
        (2023, false),
        (2024, true),
        (2100, false),
        (2400, true),
    ] {
        let day = format!("{year}-02-29");
        assert_eq!(CalendarDate::parse(&day).is_ok(), leap, "{day}");
        assert_eq!(
            Timestamp::parse(&format!("{day}T12:00:00Z")).is_ok(),
            leap,
            "{day}"
        );
    }
}
