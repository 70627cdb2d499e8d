//! Search's index made from whole articles, on the contract alone: which
//! field each word is filed under, what of the body is read, and what a
//! result shows (the build's tests add the real stemmers).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code

use gazette_contract::fold::fold;
use gazette_contract::search::build::{body_text, fragment_of, words_of, Builder};
use gazette_contract::search::index::{field, rank, shards_for_word, Cut, MAX_FRAGMENT_CHARS};
use gazette_contract::search::snippet::SNIPPET_CHARS;
use gazette_contract::search::Query;
use gazette_contract::{Article, Slug};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../../content/articles/kfor-troop-levels-since-1999.json");

/// The sample with fictional words in every place search reads, and one
/// block of each type.
fn article() -> Article<Slug> {
    let mut a: Value = serde_json::from_str(SAMPLE).unwrap();
    a["headline"] = json!("Zorvan headline");
    a["standfirst"] = json!("Kelmar standfirst");
    a["section"] = json!("Dravos");
    a["tags"] = json!([{ "slug": "t", "name": "Tilmar" }]);
    a["body"] = json!([
        { "type": "paragraph", "content": [{ "text": "Parvo " }, { "text": "linked", "link": "https://example.org/" }] },
        { "type": "subheading", "text": "Subvan zorvan" },
        { "type": "quote", "text": "Quovan", "attribution": "Attrovan" },
        { "type": "list", "items": [[{ "text": "List" }, { "text": "van" }], [{ "text": "Listmar" }]] },
        { "type": "image", "src": "/images/a.svg", "alt": "Altvan", "caption": "Captvan", "width": 1, "height": 1 },
        { "type": "table", "caption": "Tablecap", "header": ["Headvan"], "rows": [["Cellvan"]] },
        { "type": "embed", "url": "https://example.org/v", "provider": "Provvan", "title": "Embedvan" },
    ]);
    serde_json::from_str(&a.to_string()).unwrap()
}

#[test]
fn every_field_is_filed_under_its_own_bit() {
    let mut builder = Builder::default();
    builder.add_words(0, words_of(&article()), &|word, _| fold(word));
    let shards = builder.finish();
    let bits = |word: &str| {
        let entry = shards_for_word(&shards, word)
            .into_iter()
            .find_map(|(_, shard)| shard.words.get(word))
            .unwrap();
        entry.postings().next().unwrap().bits & field::ALL
    };
    assert_eq!(bits("zorvan"), field::HEADLINE | field::BODY, "in both");
    assert_eq!(bits("headline"), field::HEADLINE);
    assert_eq!(bits("kelmar"), field::STANDFIRST);
    assert_eq!(bits("dravos"), field::TAGS);
    assert_eq!(bits("tilmar"), field::TAGS);
    for word in [
        "parvo", "linked", "subvan", "quovan", "attrovan", "listvan", "listmar", "captvan",
        "tablecap", "headvan", "cellvan",
    ] {
        assert_eq!(bits(word), field::BODY, "{word}");
    }
    // Alt text, an embed's provider and title are not the article's text.
    for word in ["altvan", "provvan", "embedvan"] {
        let key: String = word.chars().take(2).collect();
        assert!(
            shards.get(&key).is_none_or(|s| !s.words.contains_key(word)),
            "{word}"
        );
    }
    let found = rank(&Query::parse("dravos cellvan").unwrap(), &shards.into());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].words, 2);
}

#[test]
fn a_fragment_is_the_articles_card_and_its_text_cut() {
    let a = article();
    let f = fragment_of(&a, Cut::Whole);
    assert_eq!(
        fragment_of(&a, Cut::Lead),
        f,
        "a short text: the lead is all of it"
    );
    assert_eq!(f.slug, a.slug);
    assert_eq!(f.headline.as_str(), "Zorvan headline");
    assert_eq!(f.section.as_str(), "Dravos");
    assert_eq!(f.published, a.published);
    assert_eq!(
        f.text,
        "Kelmar standfirst Parvo linked Subvan zorvan Quovan Attrovan Listvan Listmar Captvan Tablecap Headvan Cellvan"
    );
    assert_eq!(body_text(&a.body).split(' ').next(), Some("Parvo"));
    let mut long: Value = serde_json::from_str(SAMPLE).unwrap();
    long["body"] = json!([{ "type": "paragraph", "content": [{ "text": "ж".repeat(9_000) }] }]);
    let mut long: Article<Slug> = serde_json::from_str(&long.to_string()).unwrap();
    assert_eq!(
        fragment_of(&long, Cut::Whole).text.chars().count(),
        MAX_FRAGMENT_CHARS
    );
    // One word longer than a snippet: the lead is the whole.
    assert_eq!(
        fragment_of(&long, Cut::Lead).text.chars().count(),
        MAX_FRAGMENT_CHARS
    );
    // The lead: the standfirst and a snippet's length after it, ending
    // at a word's end.
    long.body = serde_json::from_value(
        json!([{ "type": "paragraph", "content": [{ "text": "abc ".repeat(2_000) }] }]),
    )
    .unwrap();
    let lead = fragment_of(&long, Cut::Lead).text;
    let standfirst = long.standfirst.as_str().chars().count();
    assert!(lead.ends_with("abc"), "{lead}");
    assert_eq!(lead.chars().count(), standfirst + 1 + SNIPPET_CHARS + 3);
    assert_eq!(fragment_of(&long, Cut::Lead).headline, long.headline);
}
