//! What the reader sees while content loads, when it fails, and when it does not exist.

use super::head::PageHead;
use super::use_paths;
use crate::api::ApiError;
use crate::i18n::use_strings;
use leptos::prelude::*;
use leptos_meta::Title;

/// A placeholder with the rough shape of a page, so nothing jumps when
/// content arrives. Announced politely to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let strings = use_strings();
    view! {
        <Title text=strings.loading />
        <div class="loading" role="status" aria-live="polite">
            <span class="visually-hidden">{strings.loading}</span>
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
    let strings = use_strings();
    view! {
        <Title text=strings.error_title />
        <section class="error-state" role="alert">
            <h1 tabindex="-1">{strings.error_title}</h1>
            <p>{error.message_in(strings)}</p>
            <p class="actions">
                {error.is_retryable().then(|| view! {
                    <button type="button" class="button" on:click=move |_| on_retry()>{strings.try_again}</button>
                })}
                <a class="button secondary" href=paths.home()>{strings.go_home}</a>
            </p>
        </section>
    }
}

/// "Not found", with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    let paths = use_paths();
    let strings = use_strings();
    view! {
        <PageHead
            title=strings.not_found_title
            description=strings.not_found_description
            not_found=true
        />
        <section class="not-found">
            <h1 tabindex="-1">{strings.not_found_title}</h1>
            <p>{strings.not_found_body}</p>
            <p class="actions"><a class="button" href=paths.home()>{strings.go_home}</a></p>
        </section>
    }
}
