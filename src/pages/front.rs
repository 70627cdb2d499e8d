use super::fetched;
use crate::api;
use crate::components::teaser::TeaserList;
use crate::components::use_paths;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn FrontPage() -> impl IntoView {
    let url = use_paths().front_data();
    let listing = LocalResource::new(move || api::get::<crate::model::Listing>(url.clone()));
    view! {
        <Title text="Latest news" />
        <Meta name="description" content="The latest articles from Gazette." />
        {fetched(listing, |listing| view! {
            <section class="front">
                <h1 class="page-title" tabindex="-1">"Latest news"</h1>
                <TeaserList teasers=listing.articles.into_vec() with_images=true />
            </section>
        })}
    }
}
