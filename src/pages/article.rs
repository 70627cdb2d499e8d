use super::with_document;
use crate::components::article_meta::{BylineView, Dateline};
use crate::components::blocks::BodyBlock;
use crate::components::figure::{Figure, Priority};
use crate::components::head::PageHead;
use crate::components::teaser::{HeadingLevel, TeaserList};
use crate::components::use_paths;
use crate::i18n::fill;
use crate::i18n::use_strings;
use crate::model::{Article, Tag};
use crate::routes::Collection;
use leptos::prelude::*;

#[component]
pub fn ArticlePage() -> impl IntoView {
    with_document(|article: Article| {
        view! {
            <PageHead
                title=article.headline.to_string()
                description=article.standfirst.to_string()
                article=article.clone()
            />
            <ArticleView article />
        }
    })
}

/// A whole article. Pure: given the same article it renders the same markup.
#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let Article {
        headline,
        standfirst,
        section,
        section_slug,
        language,
        tags,
        byline,
        published,
        updated,
        lead_image,
        body,
        related,
        more_in_section,
        slug,
        ..
    } = article;
    let paths = use_paths();
    let section_page = section_slug.map(|s| paths.collection(Collection::Section, &s));
    let more_heading = fill(use_strings().more_in, &[("section", section.as_str())]);
    view! {
        <article class="article" lang=language.as_str().to_owned()>
            <header class="article-header">
                <p class="kicker">
                    {match section_page.clone() {
                        Some(href) => view! { <a href=href>{section.to_string()}</a> }.into_any(),
                        None => section.to_string().into_any(),
                    }}
                </p>
                <h1 class="headline" tabindex="-1">{headline.to_string()}</h1>
                <p class="standfirst">{standfirst.to_string()}</p>
                <div class="article-meta">
                    <BylineView byline />
                    <Dateline published updated />
                </div>
            </header>
            {lead_image.map(|image| view! {
                <Figure image priority=Priority::Lead class="lead-image" />
            })}
            <div class="article-body">
                {body
                    .into_iter()
                    .map(|block| view! { <BodyBlock block article=Some(slug.clone()) /> })
                    .collect_view()}
            </div>
            <TagList tags=tags.into_vec() />
        </article>
        {(!related.is_empty()).then(|| view! {
            <aside class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">{use_strings().related_posts}</h2>
                <TeaserList teasers=related.into_vec() level=HeadingLevel::H3 />
            </aside>
        })}
        {(!more_in_section.is_empty()).then(|| view! {
            <aside class="related more-in-section" aria-labelledby="more-in-section-heading">
                <h2 id="more-in-section-heading">
                    {match section_page {
                        Some(href) => view! { <a href=href>{more_heading}</a> }.into_any(),
                        None => more_heading.into_any(),
                    }}
                </h2>
                <TeaserList teasers=more_in_section.into_vec() level=HeadingLevel::H3 />
            </aside>
        })}
    }
}

#[component]
fn TagList(tags: Vec<Tag>) -> impl IntoView {
    let paths = use_paths();
    let strings = use_strings();
    (!tags.is_empty()).then(|| {
        view! {
            <nav class="tags" aria-label=strings.topics>
                <h2 class="visually-hidden">{strings.topics}</h2>
                <ul role="list">
                    {tags
                        .into_iter()
                        .map(|t| view! { <li><a class="tag" href=paths.collection(Collection::Tag, &t.slug)>{t.name.to_string()}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}

/// Native rendering needs Leptos's `ssr` feature: `cargo test --features ssr`.
#[cfg(all(test, feature = "ssr"))]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code
mod tests {
    use super::*;
    use crate::model::Slug;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Renders an article to HTML natively, as a prerendering step would.
    pub fn render(article: Article) -> String {
        Owner::new().with(|| {
            leptos_meta::provide_meta_context();
            view! { <ArticleView article /> }.to_html()
        })
    }

    #[test]
    fn the_article_view_renders_natively_with_text_escaped() {
        let source = include_str!("../../content/articles/kfor-refrain-from-provocations.json");
        let mut article: Article<Slug> = serde_json::from_str(source).unwrap();
        article.headline = serde_json::from_str(r#""<script>alert(1)</script> & Vučić""#).unwrap();
        let html = render(article.with_related(Default::default()));
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Vučić"),
            "{html}"
        );
        assert!(!html.contains("<script>"));
        assert_eq!(html.matches("<h1").count(), 1);
    }

    fn sample() -> Value {
        serde_json::from_str(include_str!(
            "../../content/articles/kfor-refrain-from-provocations.json"
        ))
        .unwrap()
    }

    /// Strings a hostile CMS might send.
    fn nasty_string() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<script>window.__pwned=1</script>".to_owned()),
            Just("<img src=x onerror=alert(1)>".to_owned()),
            Just("<svg onload=alert(1)>".to_owned()),
            Just("javascript:alert(1)".to_owned()),
            Just("data:text/html,<script>alert(1)</script>".to_owned()),
            Just("expression(alert(1))".to_owned()),
            Just("\u{202E}evil\u{200B}\u{FEFF}".to_owned()),
            Just("👩‍👩‍👧‍👦🇽🇰".to_owned()),
            Just("../../etc/passwd".to_owned()),
            ".{0,40}",
        ]
    }

    fn nasty_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            nasty_string().prop_map(Value::String),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            Just(Value::Null),
            Just(Value::Bool(true)),
            Just(serde_json::json!([])),
            Just(serde_json::json!({})),
            Just(
                serde_json::json!({"type": "paragraph", "content": [{"text": "<b>x</b>", "link": "/articles/x"}]})
            ),
            Just(serde_json::json!({"type": "iframe", "src": "https://evil.example"})),
        ]
    }

    /// Replaces the value at a random path of `node` with `value`.
    fn mutate(node: &mut Value, choice: usize, value: Value) {
        let descend = !choice.is_multiple_of(4);
        match node {
            Value::Object(map) if descend && !map.is_empty() => {
                let key = map.keys().nth(choice % map.len()).cloned().unwrap();
                mutate(map.get_mut(&key).unwrap(), choice / 3, value);
            }
            Value::Array(items) if descend && !items.is_empty() => {
                let n = items.len();
                mutate(&mut items[choice % n], choice / 3, value);
            }
            _ => *node = value,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Random text never panics the parser.
        #[test]
        fn any_text_parses_or_is_refused_without_panic(text in ".{0,200}") {
            let _ = crate::api::parse::<Article>(&text);
            let _ = crate::api::parse::<crate::model::Listing>(&text);
        }

        /// Mutated sample documents: the parser never panics, and every
        /// document it accepts renders, with nothing from content executable.
        #[test]
        fn mutated_documents_parse_or_are_refused_and_accepted_ones_render(
            mutations in prop::collection::vec((any::<usize>(), nasty_value()), 1..5)
        ) {
            let mut doc = sample();
            for (choice, value) in mutations {
                mutate(&mut doc, choice | 1, value);
            }
            let text = doc.to_string();
            if let Ok(article) = crate::api::parse::<Article<Slug>>(&text) {
                let html = render(article.with_related(Default::default()));
                prop_assert!(!html.contains("<script"), "{html}");
                prop_assert!(!html.contains("<img src=x"), "{html}");
                prop_assert!(!html.contains("<svg onload"), "{html}");
                prop_assert!(!html.contains("href=\"javascript:"), "{html}");
                prop_assert!(!html.contains("src=\"data:"), "{html}");
            }
        }
    }
}
