//! The application shell and the routing table.

use crate::pages::{article::ArticlePage, front::FrontPage, not_found::NotFoundPage, tag::TagPage};
use crate::paths::Paths;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

pub const SITE_NAME: &str = "Gazette";

#[component]
pub fn App(paths: Paths) -> impl IntoView {
    provide_meta_context();
    let base = paths.base().to_owned();
    let home = paths.home();
    provide_context(paths);
    view! {
        <Title formatter=|title: String| format!("{title} · {SITE_NAME}") />
        <Router base=base>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="site-name" href=home>{SITE_NAME}</a>
                <span class="site-tagline">"News and analysis"</span>
            </header>
            <main id="main" class="site-main">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("") view=FrontPage />
                    <Route path=path!("articles/:slug") view=ArticlePage />
                    <Route path=path!("tags/:tag") view=TagPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Gazette · sample content drawn from an interview published by European Western Balkans."</p>
            </footer>
        </Router>
    }
}
