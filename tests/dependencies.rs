//! Every browser binding the app enables is one it calls: each `web-sys`
//! feature in `[dependencies]` must name a type the source uses, or the
//! method that returns it. Unused features only add build time and risk.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

fn read_sources(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// `ScrollRestoration` → `scroll_restoration`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[test]
fn every_web_sys_feature_the_app_enables_is_used() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap();
    let dependencies = dependencies.split("\n[").next().unwrap();
    let list = dependencies.split("web-sys = {").nth(1).unwrap();
    let list = list.split('[').nth(1).unwrap().split(']').next().unwrap();
    let features: Vec<&str> = list
        .split(',')
        .map(|f| f.trim().trim_matches('"'))
        .filter(|f| !f.is_empty())
        .collect();
    assert!(
        features.len() > 5,
        "could not read the features: {features:?}"
    );

    let mut source = String::new();
    read_sources(&root.join("src"), &mut source);
    for feature in features {
        // `AbortController::signal()` returns an `AbortSignal`.
        let indirect = match feature {
            "AbortSignal" => ".signal()".to_owned(),
            other => format!("{}(", snake_case(other)),
        };
        assert!(
            source.contains(feature) || source.contains(&indirect),
            "web-sys feature {feature} is enabled but src/ never uses it"
        );
    }
}
