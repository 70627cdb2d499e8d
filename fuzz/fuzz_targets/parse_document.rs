//! Any bytes: parsing as an article (published or source form) or a listing,
//! as a slug or a URL, and as a search index file or a question to the
//! search worker, must never panic.
#![no_main]

use gazette::api::parse;
use gazette::model::search::json;
use gazette::model::{Article, Listing, SafeUrl, Slug};
use gazette::paths::Paths;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = parse::<Article>(text);
    let _ = parse::<Article<Slug>>(text);
    let _ = parse::<Listing>(text);
    let _ = (json::manifest(text), json::shard(text), json::fragment(text));
    let _ = (json::read_ask(text), json::read_reply(text));
    if let Ok(slug) = Slug::parse(text) {
        let url = Paths::new("/").article_data(&slug);
        assert!(url.starts_with("/api/v1/articles/") && !url.contains(".."));
    }
    if let Ok(url) = SafeUrl::parse(text) {
        let _ = Paths::new("/news/").content_url(&url);
    }
});
