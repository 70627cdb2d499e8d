//! Presentational components. Each body block type has exactly one
//! component (see [`blocks::BodyBlock`]); none of them touches the browser,
//! so the same views can be rendered to HTML natively.

pub mod article_meta;
pub mod blocks;
pub mod figure;
pub mod head;
pub mod pager;
pub mod search_box;
pub mod section_nav;
pub mod status;
pub mod teaser;
pub mod text;

pub use crate::paths::use_paths;
