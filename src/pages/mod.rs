//! One module per route. Routes are parsed in [`crate::routes`]; the page
//! for each is chosen in [`crate::app`].

pub mod article;
pub mod collection;
pub mod embed;
pub mod front;
pub mod not_found;
pub mod search;

use crate::api::{self, ApiError, Revalidated};
use crate::browser::PageView;
use crate::components::status::{ErrorState, Loading, NotFound};
use crate::i18n::{fill, use_strings};
use crate::live::{News, Watched};
#[cfg(not(target_arch = "wasm32"))]
use crate::page_data::Prerendered;
use crate::paths::use_paths;
use crate::routes::{use_route, Location, PageKind};
use futures::future::{abortable, AbortHandle};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// The one task a page has in flight (a request, a search, its checks for
/// news): starting the next aborts it, and so does the page going away
/// (`on_cleanup(move || slot.cancel())`). Aborting drops the future and the HTTP
/// request with it (`api`'s `AbortOnDrop`).
#[derive(Clone, Copy)]
pub struct InFlight(StoredValue<Option<AbortHandle>, LocalStorage>);

impl Default for InFlight {
    fn default() -> Self {
        InFlight(StoredValue::new_local(None))
    }
}

impl InFlight {
    /// Aborts the task in flight, if any.
    pub fn cancel(self) {
        self.0.update_value(|task| {
            if let Some(handle) = task.take() {
                handle.abort();
            }
        })
    }

    /// Aborts the task in flight and keeps `next` as the one.
    pub fn replace(self, next: AbortHandle) {
        self.cancel();
        self.0.set_value(Some(next));
    }
}

/// Whether the browser is online (provided by the app, kept by
/// `browser::watch_connectivity`); pages fetch again what failed when it
/// comes back.
#[derive(Clone, Copy, Debug)]
pub struct Online(pub RwSignal<bool>);

/// The one way a page shows its document: the current route's
/// ([`crate::paths::Paths::data_for`]), following the route. A loading
/// placeholder, then the content, a not-found state, or an error with a
/// retry; a route without a document is "not found" without a request.
///
/// A signal and a task, not a resource under `Suspense`: the page needs
/// one document and no streaming, and Leptos's async machinery for it was
/// 17 KB gzip of the app (decision 0016).
///
/// Cancelling is one mechanism: a request is cancelled by aborting its
/// future, which drops it and the HTTP request with it (`api`'s
/// `AbortOnDrop`). That happens when the route's document changes (one
/// article to the next), when the reader retries, and when the page goes
/// away. An answer that arrives for a document the page no longer shows is
/// never shown.
///
/// While a watched document is shown ([`Watched`]), the page asks for it
/// again every `[live] poll_seconds` (`browser::live` says when) with its
/// ETag, and tells the reader of news in a polite live region above it: a
/// button that shows the newer version, or that the article is gone (its
/// text stays). Nothing changes under the reader's eyes unasked.
pub fn with_document<T, V>(render: impl Fn(T) -> V + Clone + Send + Sync + 'static) -> impl IntoView
where
    T: DeserializeOwned + Watched + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Prerendering at build time (native): the data is given, not fetched,
    // and the page is rendered by the same view as in the browser, so the
    // app's markup is the prerendered markup (`browser::take_over`).
    #[cfg(not(target_arch = "wasm32"))]
    let given = use_context::<Prerendered<T>>().map(|Prerendered(data)| Ok(data));
    #[cfg(target_arch = "wasm32")]
    let given = None;
    let paths = use_paths();
    let route = use_route();
    let url = Memo::new(move |_| paths.data_for(&route.read()));
    // Whether a document is on its way, and the last answer, kept while the
    // next one is (see the view below).
    let pending = RwSignal::new(given.is_none());
    let shown = RwSignal::new(given);
    // Asking again (a retry, the connection back) bumps this.
    let asked = RwSignal::new(0_u32);
    let in_flight = InFlight::default();
    Effect::new(move |_| {
        let wanted = url.get();
        asked.track();
        in_flight.cancel();
        pending.set(true);
        let (request, handle) = abortable({
            let url = wanted.clone();
            async move {
                match url {
                    Some(url) => api::get::<T>(url).await,
                    None => Err(ApiError::NotFound),
                }
            }
        });
        in_flight.replace(handle);
        leptos::task::spawn_local(async move {
            // After the await the page may have gone, and its signals with
            // it: `try_` reads and writes without panicking.
            if let Ok(result) = request.await {
                if url.try_get_untracked() == Some(wanted) {
                    shown.try_set(Some(result));
                    pending.try_set(false);
                }
            }
        });
    });
    // Cleanups run before the page's values are disposed.
    on_cleanup(move || in_flight.cancel());
    // News of the shown document, and the showing of the newer version
    // it came with, offered to the reader (see the view).
    let news = RwSignal::new(None::<News>);
    let offer = StoredValue::new_local(None::<Offer>);
    // Whether the reader took it: the page shown next is not a new arrival.
    let taken = StoredValue::new(false);
    watch_document(url, pending, shown, news, offer, taken);
    // Back online: fetch again what failed while the connection was down.
    let online = use_context::<Online>().map(|o| o.0);
    Effect::new(move |was_online: Option<bool>| {
        let now = online.is_none_or(|o| o.get());
        let failed = !pending.get_untracked()
            && shown.with_untracked(|s| matches!(s, Some(Err(e)) if e.is_retryable()));
        if now && was_online == Some(false) && failed {
            asked.update(|n| *n += 1);
        }
        now
    });
    // The placeholder shows while a document is on its way; the page's view
    // stays mounted under it, hidden, and is rebuilt in place when the answer
    // comes. Dropping it for the placeholder instead left each replaced
    // page's DOM alive in Chromium (+255 nodes a navigation in the soak),
    // and rebuilding it while unmounted leaves leptos_meta's title stale.
    view! {
        <LiveNotice news offer />
        {move || pending.get().then(|| view! { <Loading /> })}
        <div class="page-content" hidden=pending>
            {move || shown.get().map(|shown| match shown {
                // `PageShown` marks a page as arrived (focus, scroll); a
                // newer version the reader took has not arrived anew.
                Ok(data) => {
                    let again = taken.try_update_value(std::mem::take).unwrap_or(false);
                    EitherOf3::A(view! { {render(data)} <PageShown again /> })
                }
                Err(ApiError::NotFound) => {
                    EitherOf3::B(view! { <NotFound /> <PageShown not_found=true /> })
                }
                Err(error) => EitherOf3::C(view! {
                    <ErrorState error on_retry=move || asked.update(|n| *n += 1) />
                    <PageShown failed=true />
                }),
            })}
        </div>
    }
}

/// Keeps `news` (and `offer`, the showing of the version it came with)
/// for the shown document: while a watched document is shown and not loading, and the
/// page may watch (not in a frame, not an embed, `poll_seconds` not 0).
/// Only the reading of an answer is per document type; the asking is
/// [`ask_again`], once for all (the app's bytes).
fn watch_document<T>(
    url: Memo<Option<String>>,
    pending: RwSignal<bool>,
    shown: RwSignal<Option<Result<T, ApiError>>>,
    news: RwSignal<Option<News>>,
    offer: StoredValue<Option<Offer>, LocalStorage>,
    taken: StoredValue<bool>,
) where
    T: DeserializeOwned + Watched + Clone + Send + Sync + 'static,
{
    let poll_seconds = crate::site::use_site().poll_seconds;
    let route = use_route();
    let watching = InFlight::default();
    Effect::new(move |_| {
        watching.cancel();
        news.set(None);
        offer.set_value(None);
        let embed = matches!(
            route.read_untracked().kind(),
            PageKind::ChartEmbed | PageKind::ArticleEmbed
        );
        let (Some(Ok(doc)), false, Some(url)) = (shown.get(), pending.get(), url.get_untracked())
        else {
            return;
        };
        if poll_seconds == 0 || embed || !doc.watched() || !crate::browser::live::may_watch() {
            return;
        }
        let read: ReadNews = Box::new(move |body| {
            let now = api::parse::<T>(body)?;
            let said = doc.news(&now);
            // Shown in place when taken, not as a new page arriving.
            let show: Offer = Box::new(move || {
                taken.set_value(true);
                shown.set(Some(Ok(now)));
            });
            offer.try_set_value(said.is_some().then_some(show));
            Ok(said)
        });
        let gone = T::tells_gone().then_some(News::Gone);
        watching.replace(ask_again(url, poll_seconds, read, gone, news));
    });
    on_cleanup(move || watching.cancel());
}

/// Asks for `url` again after each pause (`browser::live::pause`), with
/// the ETag of the last answer, until aborted: a changed document is read
/// by `read` into `news`; a 404 ends it, saying `gone`.
fn ask_again(
    url: String,
    poll_seconds: u32,
    read: ReadNews,
    gone: Option<News>,
    news: RwSignal<Option<News>>,
) -> AbortHandle {
    let (task, handle) = abortable(async move {
        let (mut etag, mut failures) = (None::<String>, 0);
        loop {
            crate::browser::live::pause(poll_seconds, failures).await;
            match api::revalidate(&url, etag.as_deref()).await {
                Ok(Revalidated::Unchanged) => failures = 0,
                Ok(Revalidated::Changed { body, etag: now }) => {
                    etag = now;
                    match read(&body) {
                        Ok(said) => {
                            failures = 0;
                            news.try_set(said);
                        }
                        // A document that does not read is not offered.
                        Err(_) => failures += 1,
                    }
                }
                Err(ApiError::NotFound) => {
                    news.try_set(gone);
                    break;
                }
                Err(_) => failures += 1,
            }
        }
    });
    leptos::task::spawn_local(async move {
        let _ = task.await;
    });
    handle
}

/// Reads a newer version of a page's document: what it tells the reader.
type ReadNews = Box<dyn Fn(&str) -> Result<Option<News>, ApiError>>;

/// Shows a page's newer version in its place (one type for every kind of
/// document: the app's bytes).
type Offer = Box<dyn FnOnce()>;

/// The news of an open page, in a polite live region above it: a button
/// that takes the offered newer version, or that the article is gone.
/// Focus then goes to what is new.
#[component]
fn LiveNotice(
    news: RwSignal<Option<News>>,
    offer: StoredValue<Option<Offer>, LocalStorage>,
) -> impl IntoView {
    let strings = use_strings();
    let take = move |listing: bool| {
        let scrolled = crate::browser::live::scrolled();
        if let Some(show) = offer.try_update_value(Option::take).flatten() {
            show();
        }
        news.set(None);
        crate::browser::live::focus_news(listing, scrolled);
    };
    view! {
        <div class="live-notice" role="status">
            {move || news.get().map(|news| match news {
                News::NewStories(count) => EitherOf3::A(view! {
                    <button type="button" on:click=move |_| take(true)>
                        {strings.count(&strings.new_stories, count)}
                    </button>
                }),
                News::Updated(at) => {
                    let time = crate::browser::live::local_time(at.epoch_seconds());
                    EitherOf3::B(view! {
                        <button type="button" on:click=move |_| take(false)>
                            {fill(strings.article_updated, &[("time", &time)])}
                        </button>
                    })
                }
                News::Gone => EitherOf3::C(view! { <p>{strings.article_gone}</p> }),
            })}
        </div>
    }
}

/// Marks a page as arrived: once it has mounted and replaced the old page
/// (the next animation frame), scroll is restored after back/forward, focus
/// moves to its heading, and a page view is counted for the portal's
/// analytics ([`crate::browser::page_shown`]). A loading placeholder has not
/// arrived; a failure is shown but not counted as a view.
#[component]
pub fn PageShown(
    /// The page says "not found" (whatever its route).
    #[prop(optional)]
    not_found: bool,
    /// The page says its content could not be loaded.
    #[prop(optional)]
    failed: bool,
    /// The newer version of the page the reader was on, which they took:
    /// not a new arrival.
    #[prop(optional)]
    again: bool,
) -> impl IntoView {
    // What the page is, taken now: by the next frame the reader may have
    // moved on, and the view must not mix this page's route with the next
    // one's address.
    let location = use_context::<Location>();
    let base = use_paths().base().to_owned();
    Effect::new(move |_| {
        if again {
            return;
        }
        let view = location.filter(|_| !failed).map(|location| {
            let route = location.route.get_untracked();
            let kind = if not_found {
                PageKind::NotFound
            } else {
                route.kind()
            };
            PageView {
                path: format!("{base}{}", location.path.get_untracked()),
                kind: kind.name(),
                slug: route
                    .article()
                    .or(route.collection().map(|(_, slug)| slug))
                    .map(|s| s.to_string()),
            }
        });
        crate::browser::page_shown(view)
    });
}
