use super::limits::{Bounded, MAX_TEASERS};
use super::{present, Tag, Teaser, Version1};
use serde::{Deserialize, Serialize};

/// A list of teasers, newest first: the front page (`tag` absent) or one
/// tag's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    pub version: Version1,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub tag: Option<Tag>,
    pub articles: Bounded<Teaser, MAX_TEASERS>,
}
