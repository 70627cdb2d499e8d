//! Gazette: a news-article reader.
//!
//! Data flows one way: `model` (the content contract) ← `api` (the only
//! module that fetches) ← `pages` (one per route, in `app`) ← `components`
//! (one per block type) and `chart`.

pub mod model;
