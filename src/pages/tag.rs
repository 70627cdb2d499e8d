use super::fetched;
use crate::api;
use crate::components::teaser::TeaserList;
use crate::components::use_paths;
use crate::model::{Listing, Slug};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let paths = use_paths();
    // A parameter that is not a slug never reaches a URL.
    let tag = Memo::new(move |_| params.read().get("tag").and_then(|t| Slug::parse(&t).ok()));
    // One resource for the page, following the tag (see ArticlePage).
    let listing = LocalResource::new(move || {
        let url = tag.get().map(|t| paths.tag_data(&t));
        async move {
            match url {
                Some(url) => api::get::<Listing>(url).await,
                None => Err(api::ApiError::NotFound),
            }
        }
    });
    fetched(listing, move |listing| {
        let name = listing
            .tag
            .map(|t| t.name.to_string())
            .or_else(|| tag.get_untracked().map(|t| t.to_string()))
            .unwrap_or_default();
        view! {
            <Title text=format!("{name}: articles") />
            <Meta name="description" content=format!("Articles tagged {name} on Gazette.") />
            <section class="tag-page">
                <p class="kicker">"Topic"</p>
                <h1 class="page-title" tabindex="-1">{name}</h1>
                <TeaserList teasers=listing.articles with_images=true />
            </section>
        }
    })
}
