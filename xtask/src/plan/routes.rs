//! The route table as the loader (`public/boot.js`) reads it before the app
//! starts: which addresses are pages, of what kind, and which document each
//! shows. Derived from the app's own table (`Route`, `Paths`, `PageKind`)
//! and written by the build into the loader's element
//! (`data-gazette-routes`), so the loader states no route of its own.

use anyhow::{Context, Result};
use gazette::api::MAX_BODY_BYTES;
use gazette::model::search::QUERY_PARAMETER;
use gazette::model::{Page, PageNumber, Slug, MAX_PAGES};
use gazette::paths::Paths;
use gazette::routes::{PageKind, Route};
use serde::Serialize;

/// The attribute of the loader's element that carries the table.
pub const ATTRIBUTE: &str = "data-gazette-routes";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Table {
    /// A slug, as a regular expression ([`Slug::PATTERN`]).
    slug: &'static str,
    slug_max: usize,
    /// The last number an archived page may have (the oldest is 1).
    last_page: u32,
    /// The largest document the app reads ([`MAX_BODY_BYTES`]).
    body_max: usize,
    routes: Vec<Entry>,
}

/// One kind of page: its address below the base and its document below the
/// API root (none for search), with `{slug}` for each slug it names, in
/// order, and `{page}` for a later page of a listing. `query`: the
/// address's parameter that asks for the app at once (a search's words).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    kind: &'static str,
    path: String,
    data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paged_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paged_data: Option<String>,
    embed: bool,
}

/// Stand-ins printed into each address and then named: a slug no other
/// part of an address spells, and a page number no address holds otherwise.
const SLUG: &str = "gazette-slug";
const PAGE: u32 = 99_999;
const API: &str = "/gazette-api";

/// The table, as JSON.
pub fn table() -> Result<String> {
    let slug = Slug::parse(SLUG).map_err(anyhow::Error::msg)?;
    let later = Page::Archived(PageNumber::new(PAGE).context("the stand-in page number")?);
    let paths = Paths::new("/").with_api(API);
    let named = |text: String, prefix: &str| -> Result<String> {
        let text = text
            .strip_prefix(prefix)
            .with_context(|| format!("{text} is not below {prefix}"))?;
        Ok(text
            .replace(SLUG, "{slug}")
            .replace(&PAGE.to_string(), "{page}"))
    };
    let mut routes = Vec::new();
    for kind in PageKind::ALL {
        let route = Route::with_every_slug(kind, &slug);
        if route == Route::NotFound {
            continue; // no address of its own to match
        }
        let paged = route.at_page(later);
        routes.push(Entry {
            kind: kind.name(),
            path: named(paths.route(&route), "")?,
            data: paths.data_for(&route).map(|d| named(d, API)).transpose()?,
            query: (route == Route::Search).then_some(QUERY_PARAMETER),
            paged_path: paged
                .as_ref()
                .map(|r| named(paths.route(r), ""))
                .transpose()?,
            paged_data: paged
                .as_ref()
                .and_then(|r| paths.data_for(r))
                .map(|d| named(d, API))
                .transpose()?,
            embed: kind.is_embed(),
        });
    }
    Ok(serde_json::to_string(&Table {
        slug: Slug::PATTERN,
        slug_max: Slug::MAX_LEN,
        last_page: MAX_PAGES,
        body_max: MAX_BODY_BYTES,
        routes,
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_root as root;

    #[test]
    fn the_loader_gets_every_kind_of_page_with_its_document() {
        let table: serde_json::Value = serde_json::from_str(&table().unwrap()).unwrap();
        let routes = table["routes"].as_array().unwrap();
        let row = |kind: &str| routes.iter().find(|r| r["kind"] == kind).unwrap().clone();
        assert_eq!(routes.len(), PageKind::ALL.len() - 1, "all but not-found");
        assert_eq!(
            row("front"),
            serde_json::json!({"kind": "front", "path": "/", "data": "/index.json",
                "pagedPath": "/page/{page}", "pagedData": "/page/{page}.json", "embed": false})
        );
        assert_eq!(
            row("chart-embed"),
            serde_json::json!({"kind": "chart-embed", "path": "/embed/charts/{slug}/{slug}",
                "data": "/articles/{slug}.json", "embed": true})
        );
        assert_eq!(row("tag")["pagedData"], "/tags/{slug}/page/{page}.json");
        assert_eq!(row("article")["embed"], false);
        assert_eq!(
            row("search"),
            serde_json::json!({"kind": "search", "path": "/search", "data": null, "query": "q", "embed": false})
        );
        assert_eq!(table["slugMax"], 96);
        assert_eq!(table["lastPage"], 100_000);
        assert_eq!(table["bodyMax"], 4 * 1024 * 1024);
    }

    /// The slug's rule is written as a pattern twice, for the loader and in
    /// the published schema: the two say the same.
    #[test]
    fn the_slug_pattern_is_the_schemas() {
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root().join("schema/article.v1.schema.json")).unwrap(),
        )
        .unwrap();
        let slug = &schema["$defs"]["slug"];
        assert_eq!(
            slug["pattern"],
            format!("^{}$", Slug::PATTERN.replace("(?:", "("))
        );
        assert_eq!(slug["maxLength"], Slug::MAX_LEN);
    }
}
