//! The application shell, and which page shows each route.

use crate::components::head::full_title;
use crate::components::search_box::SearchBox;
use crate::components::section_nav::SectionNav;
use crate::i18n::Strings;
use crate::pages::{
    article::ArticlePage,
    collection::CollectionPage,
    embed::{ArticleEmbedPage, ChartEmbedPage},
    front::FrontPage,
    not_found::NotFoundPage,
    search::SearchPage,
    Online,
};
use crate::paths::Paths;
use crate::routes::{Location, PageKind};
use crate::site::{use_site, SiteIdentity};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};

/// The app at `pathname`, the address's full path (with the base), and
/// `query` (`?q=…`, none when prerendering), for the site `site` (from
/// `gazette.toml`, through the build).
#[component]
pub fn App(
    paths: Paths,
    pathname: String,
    #[prop(optional)] query: String,
    site: SiteIdentity,
) -> impl IntoView {
    provide_meta_context();
    let name = site.name.clone();
    provide_context(site);
    let location = Location::new(paths.route_path(&pathname).unwrap_or_default(), query);
    provide_context(location);
    {
        let paths = paths.clone();
        Effect::new(move |_| crate::browser::follow_links(paths.clone(), location));
    }
    provide_context(paths);
    let online = RwSignal::new(true);
    provide_context(Online(online));
    Effect::new(move |_| crate::browser::watch_connectivity(online));
    // Pages are created when the kind of page changes, not when only its
    // slug does: one article to the next keeps the page and its request
    // handling (see pages::with_document).
    let page = Memo::new(move |_| location.route.read().kind());
    let embed = Memo::new(move |_| page.get().is_embed());
    let body = move || match page.get() {
        PageKind::Front => view! { <FrontPage /> }.into_any(),
        PageKind::Article => view! { <ArticlePage /> }.into_any(),
        PageKind::Collection(_) => view! { <CollectionPage /> }.into_any(),
        PageKind::ChartEmbed => view! { <ChartEmbedPage /> }.into_any(),
        PageKind::ArticleEmbed => view! { <ArticleEmbedPage /> }.into_any(),
        PageKind::Search => view! { <SearchPage /> }.into_any(),
        PageKind::NotFound => view! { <NotFoundPage /> }.into_any(),
    };
    view! {
        <Title formatter=move |title| full_title(&name, title) />
        {move || if embed.get() {
            view! { <main id="main" class="embed-main">{body}</main> }.into_any()
        } else {
            view! { <Shell>{body}</Shell> }.into_any()
        }}
    }
}

/// The site's chrome around a page: skip link, header, main, footer.
#[component]
fn Shell(children: Children) -> impl IntoView {
    let paths = crate::paths::use_paths();
    let home = paths.home();
    // The logo is a path on the site (checked by the build), under the base.
    let logo_src = paths.base().to_owned();
    // The page's own address: a bare "#main" would resolve against <base
    // href> (the home page under a base path) and leave the page.
    let location = use_context::<Location>();
    let skip = move || {
        let path = location.map(|l| l.path.get()).unwrap_or_default();
        format!("{}{path}#main", paths.base())
    };
    let online = use_context::<Online>().map(|o| o.0);
    let offline = move || online.is_some_and(|o| !o.get());
    let site = use_site();
    let strings = Strings::of(site.language);
    let header_class = if site.logo.is_some() {
        "site-header with-logo"
    } else {
        "site-header"
    };
    view! {
        <a class="skip-link" href=skip>{strings.skip_to_content}</a>
        <div class="offline-banner" class:active=offline role="status">
            {move || offline().then_some(strings.offline_banner)}
        </div>
        // Whether a logo is the name is said on the header itself, not found
        // from its content (CSS :has), which a page painted before the logo
        // arrives would not match yet.
        <header class=header_class>
            {site.preview.then(|| view! { <p class="preview-banner">{strings.preview_banner}</p> })}
            // A logo is the site's wordmark: it replaces the name, and its
            // alt text says it.
            <a class="site-name" href=home>
                {match site.logo {
                    Some(logo) => view! {
                        <picture>
                            {logo.dark_src.map(|dark| view! {
                                <source media="(prefers-color-scheme: dark)" srcset=format!("{logo_src}{dark}") />
                            })}
                            <img class="site-logo" src=format!("{logo_src}{}", logo.src) alt=logo.alt width=logo.width.get() height=logo.height.get() />
                        </picture>
                    }.into_any(),
                    None => site.name.into_any(),
                }}
            </a>
            <span class="site-tagline">{site.tagline}</span>
            <SearchBox />
            <SectionNav sections=site.sections />
        </header>
        // Focusable, so the skip link moves focus (and the next Tab) into it.
        <main id="main" class="site-main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{site.footer}</p>
        </footer>
    }
}
