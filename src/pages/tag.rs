use super::fetched;
use super::not_found::NotFoundPage;
use crate::api;
use crate::components::teaser::TeaserList;
use crate::components::use_paths;
use crate::model::{Listing, Slug};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let paths = use_paths();
    // A parameter that is not a slug never reaches a URL.
    let tag = Memo::new(move |_| params.read().get("tag").and_then(|t| Slug::parse(&t).ok()));
    move || match tag.get() {
        None => Either::Left(view! { <NotFoundPage /> }),
        Some(tag) => {
            let url = paths.tag_data(&tag);
            let listing = LocalResource::new(move || api::get::<Listing>(url.clone()));
            Either::Right(fetched(listing, move |listing| {
                let name = listing
                    .tag
                    .map(|t| t.name.to_string())
                    .unwrap_or_else(|| tag.to_string());
                view! {
                    <Title text=format!("{name}: articles") />
                    <Meta name="description" content=format!("Articles tagged {name} on Gazette.") />
                    <section class="tag-page">
                        <p class="kicker">"Topic"</p>
                        <h1 class="page-title" tabindex="-1">{name}</h1>
                        <TeaserList teasers=listing.articles with_images=true />
                    </section>
                }
            }))
        }
    }
}
