//! The application shell and the routing table.

use crate::pages::{
    article::ArticlePage,
    embed::{ArticleEmbedPage, ChartEmbedPage},
    front::FrontPage,
    not_found::NotFoundPage,
    tag::TagPage,
};
use crate::paths::Paths;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::path;

pub const SITE_NAME: &str = "Gazette";

/// Whether the browser is online; pages refetch what failed when it comes back.
#[derive(Clone, Copy, Debug)]
pub struct Online(pub RwSignal<bool>);

#[component]
pub fn App(paths: Paths) -> impl IntoView {
    provide_meta_context();
    let base = paths.base().to_owned();
    provide_context(paths);
    let online = RwSignal::new(true);
    provide_context(Online(online));
    Effect::new(move |_| crate::browser::watch_connectivity(online));
    view! {
        <Title formatter=|title: String| format!("{title} · {SITE_NAME}") />
        <Router base=base>
            <Routes fallback=|| view! { <Shell><NotFoundPage /></Shell> }>
                <ParentRoute path=path!("") view=|| view! { <Shell><Outlet /></Shell> }>
                    <Route path=path!("") view=FrontPage />
                    <Route path=path!("articles/:slug") view=ArticlePage />
                    <Route path=path!("tags/:tag") view=TagPage />
                </ParentRoute>
                // Embeds live in other sites' iframes: no header or footer.
                <Route path=path!("embed/charts/:slug/:chart") view=|| view! {
                    <main id="main" class="embed-main"><ChartEmbedPage /></main>
                } />
                <Route path=path!("embed/articles/:slug") view=|| view! {
                    <main id="main" class="embed-main"><ArticleEmbedPage /></main>
                } />
            </Routes>
        </Router>
    }
}

/// The site's chrome around a page: skip link, header, main, footer.
#[component]
fn Shell(children: Children) -> impl IntoView {
    let home = crate::components::use_paths().home();
    let online = use_context::<Online>().map(|o| o.0);
    let offline = move || online.is_some_and(|o| !o.get());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <div class="offline-banner" class:active=offline role="status">
            {move || offline().then_some("You are offline. Pages you open will load when the connection is back.")}
        </div>
        <header class="site-header">
            <a class="site-name" href=home>{SITE_NAME}</a>
            <span class="site-tagline">"News and analysis"</span>
        </header>
        <main id="main" class="site-main">{children()}</main>
        <footer class="site-footer">
            <p>"Gazette · sample content drawn from an interview published by European Western Balkans."</p>
        </footer>
    }
}
