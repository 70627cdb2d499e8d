//! A page's `<head>`: the one place each route's title, description and
//! indexing, and (at build time) its link previews and structured data, are
//! written. Pages render a [`PageHead`]; `leptos_meta` keeps the live
//! document's head in step as the reader navigates, and the prerenderer
//! collects the same tags into each page's HTML
//! ([`crate::prerender::render_route`]).

use crate::model::{Article, Subject};
use crate::routes::use_route;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The site's name after every page title, e.g. "Latest news · Gazette".
pub fn full_title(site_name: &str, title: String) -> String {
    let title = format!("{title} · {site_name}");
    // leptos_meta writes the title into the HTML unescaped at build time
    // (it escapes attributes, not this): a headline must not close <title>.
    #[cfg(feature = "ssr")]
    let title = crate::markup::escape_html(&title);
    title
}

/// The head of a page. Indexed pages are the front page, articles and tags
/// ([`crate::routes::PageKind::is_indexed`]); `not_found` marks a page that
/// shows "not found" on an address that could have been one of them.
#[component]
pub fn PageHead(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    /// The article the page shows, for its link preview and structured data.
    #[prop(optional)]
    article: Option<Article>,
    /// What a listing page gathers, for its structured data.
    #[prop(default = None)]
    subject: Option<Subject>,
    #[prop(optional)] not_found: bool,
) -> impl IntoView {
    let indexed = !not_found && use_route().get_untracked().kind().is_indexed();
    // Link previews, the canonical address and structured data are read by
    // crawlers from the prerendered HTML; the live app only keeps the title,
    // description and robots current, which keeps them out of the WASM.
    #[cfg(feature = "ssr")]
    let previews =
        indexed.then(|| previews::tags(&title, &description, article.as_ref(), subject.as_ref()));
    #[cfg(not(feature = "ssr"))]
    let _ = (article, subject);
    let head = view! {
        <Title text=title />
        <Meta name="description" content=description />
        {(!indexed).then(|| view! { <Meta name="robots" content="noindex" /> })}
        {
            #[cfg(feature = "ssr")]
            previews
        }
    };
    // Prerendered tags are marked: the app removes them when it starts and
    // manages the head from then on (`crate::start`).
    #[cfg(feature = "ssr")]
    let head = head.add_any_attr(leptos::tachys::html::attribute::custom::custom_attribute(
        PRERENDERED,
        "",
    ));
    head
}

/// The attribute that marks a head tag written at build time.
pub const PRERENDERED: &str = "data-page";

/// Link previews (Open Graph, Twitter cards), the canonical and feed links,
/// and schema.org JSON-LD: build time only.
#[cfg(feature = "ssr")]
mod previews {
    use crate::markup::script_json;
    use crate::model::{Article, Byline, Subject};
    use crate::paths::use_paths;
    use crate::routes::use_route;
    use crate::routes::Collection;
    use crate::site::use_site;
    use crate::site::SiteOrigin;
    use leptos::either::Either;
    use leptos::prelude::*;
    use leptos_meta::{Link, Meta, Script};
    use serde_json::json;

    pub fn tags(
        title: &str,
        description: &str,
        article: Option<&Article>,
        subject: Option<&Subject>,
    ) -> impl IntoView {
        let paths = use_paths();
        let site_name = use_site().name;
        let origin = use_context::<SiteOrigin>().map(|o| o.0).unwrap_or_default();
        let absolute = |path: &str| format!("{}{path}", origin.trim_end_matches('/'));
        let url = absolute(&paths.route(&use_route().get_untracked()));
        let feed = absolute(&format!("{}/feed.xml", paths.base()));
        let kind = if article.is_some() {
            "article"
        } else {
            "website"
        };
        let title = article.map_or(title, |a| a.headline.as_str()).to_owned();
        let common = view! {
            <Link rel="canonical" href=url.clone() />
            <Link rel="alternate" type_="application/atom+xml" title=site_name.clone() href=feed />
            <Meta property="og:site_name" content=site_name.clone() />
            <Meta property="og:type" content=kind />
            <Meta property="og:url" content=url.clone() />
            <Meta property="og:title" content=title.clone() />
            <Meta property="og:description" content=description.to_owned() />
            <Meta name="twitter:title" content=title />
            <Meta name="twitter:description" content=description.to_owned() />
        };
        let Some(article) = article else {
            let ld = subject.map(|subject| collection_data(subject, &url, &site_name, description));
            return Either::Left(view! {
                {common}
                <Meta name="twitter:card" content="summary" />
                {ld.map(|ld| view! { <Script type_="application/ld+json">{script_json(&ld.to_string())}</Script> })}
            });
        };
        let image = article.lead_image.as_ref().map(|image| {
            let url = if image.src.is_external() {
                image.src.as_str().to_owned()
            } else {
                absolute(&paths.content_url(&image.src))
            };
            (
                url,
                image.alt.as_str().to_owned(),
                image.width,
                image.height,
            )
        });
        let authors: Vec<_> = match &article.byline {
            Byline::Authors(people) => people
                .iter()
                .map(|p| {
                    let page = p
                        .slug
                        .as_ref()
                        .map(|s| absolute(&paths.collection(Collection::Author, s)));
                    json!({"@type": "Person", "name": p.name.as_str(), "url": page})
                })
                .collect(),
            Byline::Organisation(name) => {
                vec![json!({"@type": "Organization", "name": name.as_str()})]
            }
        };
        let ld = json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.headline.as_str(),
            "description": article.standfirst.as_str(),
            "mainEntityOfPage": url,
            "url": url,
            "image": image.iter().map(|(url, ..)| url).collect::<Vec<_>>(),
            "datePublished": article.published.as_str(),
            "dateModified": article.last_modified().as_str(),
            "articleSection": article.section.as_str(),
            "keywords": article.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            "inLanguage": article.language.as_str(),
            "author": authors,
            "publisher": {"@type": "Organization", "name": site_name},
        });
        Either::Right(view! {
            {common}
            {image.clone().map(|(url, alt, width, height)| view! {
                <Meta property="og:image" content=url />
                <Meta property="og:image:alt" content=alt />
                <Meta property="og:image:width" content=width.to_string() />
                <Meta property="og:image:height" content=height.to_string() />
            })}
            <Meta property="article:published_time" content=article.published.as_str().to_owned() />
            {article.updated.as_ref().map(|updated| view! {
                <Meta property="article:modified_time" content=updated.as_str().to_owned() />
            })}
            <Meta property="article:section" content=article.section.as_str().to_owned() />
            {match image {
                Some((url, alt, ..)) => Either::Left(view! {
                    <Meta name="twitter:card" content="summary_large_image" />
                    <Meta name="twitter:image" content=url />
                    <Meta name="twitter:image:alt" content=alt />
                }),
                None => Either::Right(view! { <Meta name="twitter:card" content="summary" /> }),
            }}
            // JSON, not HTML: `script_json` escapes every `<`, so no content
            // can end the element (leptos_meta does not escape script text).
            <Script type_="application/ld+json">{script_json(&ld.to_string())}</Script>
        })
    }

    /// A tag's or section's page is a `CollectionPage`; an author's a
    /// `ProfilePage` about a `Person`.
    fn collection_data(
        subject: &Subject,
        url: &str,
        site_name: &str,
        description: &str,
    ) -> serde_json::Value {
        let site = json!({"@type": "WebSite", "name": site_name});
        match subject {
            Subject::Author(author) => json!({
                "@context": "https://schema.org",
                "@type": "ProfilePage",
                "url": url,
                "isPartOf": site,
                "mainEntity": {
                    "@type": "Person",
                    "name": author.name.as_str(),
                    "url": url,
                    "description": author.about.as_ref().map(|a| a.as_str()),
                },
            }),
            Subject::Tag(_) | Subject::Section(_) => json!({
                "@context": "https://schema.org",
                "@type": "CollectionPage",
                "name": subject.name().as_str(),
                "description": description,
                "url": url,
                "isPartOf": site,
            }),
        }
    }
}
