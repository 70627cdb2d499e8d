//! What the reader sees while content loads, when it fails, and when it does not exist.

use super::head::PageHead;
use super::use_paths;
use crate::api::ApiError;
use leptos::prelude::*;
use leptos_meta::Title;

/// A placeholder with the rough shape of a page, so nothing jumps when
/// content arrives. Announced politely to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <Title text="Loading…" />
        <div class="loading" role="status" aria-live="polite">
            <span class="visually-hidden">"Loading…"</span>
            <div class="skeleton skeleton-title" aria-hidden="true"></div>
            <div class="skeleton skeleton-line" aria-hidden="true"></div>
            <div class="skeleton skeleton-line short" aria-hidden="true"></div>
            <div class="skeleton skeleton-block" aria-hidden="true"></div>
        </div>
    }
}

/// A failure the reader can act on: what went wrong, and a retry.
#[component]
pub fn ErrorState(error: ApiError, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let paths = use_paths();
    view! {
        <Title text="Something went wrong" />
        <section class="error-state" role="alert">
            <h1 tabindex="-1">"Something went wrong"</h1>
            <p>{error.message()}</p>
            <p class="actions">
                {error.is_retryable().then(|| view! {
                    <button type="button" class="button" on:click=move |_| on_retry()>"Try again"</button>
                })}
                <a class="button secondary" href=paths.home()>"Go to the front page"</a>
            </p>
        </section>
    }
}

/// "Not found", with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    let paths = use_paths();
    view! {
        <PageHead
            title="Page not found"
            description="There is no page at this address."
            not_found=true
        />
        <section class="not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"We could not find the page you asked for. It may have moved, or the address may be mistyped."</p>
            <p class="actions"><a class="button" href=paths.home()>"Go to the front page"</a></p>
        </section>
    }
}
