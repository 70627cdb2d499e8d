//! One component per body block type, and the single match that picks it.

use super::figure::{Figure, Priority};
use super::text::Spans;
use crate::chart::{ChartBlock, EmbedTarget};
use crate::model::{Block, Embed, Slug, Span, Table};
use leptos::prelude::*;

/// A body block, by its type. `article` is the article it belongs to, when
/// there is one (charts then offer an embed code).
#[component]
pub fn BodyBlock(block: Block, #[prop(default = None)] article: Option<Slug>) -> impl IntoView {
    match block {
        Block::Paragraph(paragraph) => {
            view! { <Paragraph content=paragraph.content.into_vec() /> }.into_any()
        }
        Block::Subheading(heading) => {
            view! { <Subheading text=heading.text.to_string() /> }.into_any()
        }
        Block::Quote(quote) => view! {
            <Quote
                text=quote.text.to_string()
                attribution=quote.attribution.map(|a| a.to_string())
                lang=quote.lang.map(|l| l.as_str().to_owned())
            />
        }
        .into_any(),
        Block::List(list) => {
            let items = list.items.into_iter().map(|item| item.into_vec()).collect();
            view! { <List ordered=list.ordered items /> }.into_any()
        }
        Block::Image(image) => view! { <Figure image priority=Priority::Lazy /> }.into_any(),
        Block::Chart(chart) => {
            let embed = article.map(|article| EmbedTarget { article });
            view! { <ChartBlock chart embed /> }.into_any()
        }
        Block::Table(table) => view! { <TableBlock table /> }.into_any(),
        Block::Embed(embed) => view! { <EmbedCard embed /> }.into_any(),
        Block::Unsupported => view! { <Unsupported /> }.into_any(),
    }
}

#[component]
pub fn Paragraph(content: Vec<Span>) -> impl IntoView {
    view! { <p><Spans spans=content /></p> }
}

#[component]
pub fn Subheading(text: String) -> impl IntoView {
    view! { <h2 class="subheading">{text}</h2> }
}

#[component]
pub fn Quote(text: String, attribution: Option<String>, lang: Option<String>) -> impl IntoView {
    view! {
        <figure class="quote">
            <blockquote lang=lang><p>{text}</p></blockquote>
            {attribution.map(|a| view! { <figcaption>"— " {a}</figcaption> })}
        </figure>
    }
}

#[component]
pub fn List(ordered: bool, items: Vec<Vec<Span>>) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|spans| view! { <li><Spans spans /></li> })
        .collect_view();
    if ordered {
        view! { <ol class="list">{items}</ol> }.into_any()
    } else {
        view! { <ul class="list">{items}</ul> }.into_any()
    }
}

/// A table that scrolls sideways on its own when wider than the column (a
/// keyboard reaches the scrolling box; its name is the caption).
#[component]
pub fn TableBlock(table: Table) -> impl IntoView {
    let Table {
        caption,
        header,
        rows,
    } = table;
    let caption = caption.map(|c| c.to_string());
    let label = caption
        .clone()
        .unwrap_or_else(|| crate::i18n::use_strings().table.to_owned());
    let header = (!header.is_empty()).then(|| {
        view! {
            <thead><tr>
                {header.into_iter().map(|cell| view! { <th scope="col">{String::from(cell)}</th> }).collect_view()}
            </tr></thead>
        }
    });
    let rows = rows
        .into_iter()
        .map(|row| {
            view! { <tr>{row.into_iter().map(|cell| view! { <td>{String::from(cell)}</td> }).collect_view()}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table class="table">
                {caption.map(|c| view! { <caption>{c}</caption> })}
                {header}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Third-party content as a card linking to it: its title, who hosts it and
/// where. Nothing of the third party's loads on the page.
#[component]
pub fn EmbedCard(embed: Embed) -> impl IntoView {
    let Embed {
        url,
        provider,
        title,
    } = embed;
    let host = url.host().map(str::to_owned);
    let title = title.map_or_else(|| url.as_str().to_owned(), |t| t.to_string());
    view! {
        <p class="embed-card">
            <a href=url.as_str().to_owned() rel="noopener noreferrer">
                <span class="embed-title">{title}</span>
                <span class="embed-source">{provider.to_string()}{host.map(|h| format!(" · {h}"))}</span>
            </a>
        </p>
    }
}

/// A block of a type this reader does not know: said, not hidden.
#[component]
pub fn Unsupported() -> impl IntoView {
    view! {
        <p class="notice" role="note">
            {crate::i18n::use_strings().unsupported_block}
        </p>
    }
}
