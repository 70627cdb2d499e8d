//! The build, one way: source → model → plan → output. The content is read
//! and checked once into the site model ([`crate::content`]); the plan
//! decides every file of the site from it ([`crate::plan`]); the output makes
//! the files whose keys changed and brings the folder up to date at once
//! ([`crate::output`]). A full build is Trunk's post-build hook on its
//! staging folder (`xtask site <dir>`); a publish brings a site built before
//! up to date with its content (`xtask publish [dir]`).

use crate::content;
use crate::output::{self, write};
use crate::plan::{self, template, BootScript, Templates};
use anyhow::{Context, Result};
use gazette::paths::Paths;
use gazette::site::SiteIdentity;
use std::fs;
use std::path::Path;

/// Build settings, from Trunk's hook environment and our own.
#[derive(Clone)]
pub struct Settings {
    /// From `TRUNK_PUBLIC_URL`: the base path, e.g. `/` or `/news/`.
    pub paths: Paths,
    /// The scheme and host the site is served from (`origin` in
    /// gazette.toml), for canonical URLs, link previews, sitemap and feed.
    pub origin: String,
    /// Release builds get precompressed copies.
    pub compress: bool,
    /// The site's name, tagline, footer, language and logo.
    pub site: SiteIdentity,
    /// The theme's custom properties, added to the stylesheet.
    pub theme_css: String,
    /// Where the articles come from.
    pub content: crate::config::ContentSource,
    /// Teasers on one listing page.
    pub per_page: std::num::NonZeroUsize,
    /// The sections the header lists (`[navigation] sections`); none given,
    /// the biggest ([`crate::plan::navigation`]).
    pub navigation: Option<Vec<gazette::model::Slug>>,
}

/// What a build did, and how long each phase took (seconds).
pub struct BuildReport {
    pub pages: usize,
    /// Reading and checking the content.
    pub content: f64,
    /// Planning every file (documents, feeds, keys).
    pub plan: f64,
    /// Making and compressing the files that changed.
    pub making: f64,
    pub synced: output::Synced,
}

/// A full build (Trunk's hook: `out` holds what Trunk built, and
/// `index.html` is the template every page is made from) or a publish
/// (`out` is a site built before: only what the content's changes touch is
/// made again).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Full,
    Publish,
}

pub fn build(root: &Path, out: &Path, settings: &Settings, mode: Mode) -> Result<BuildReport> {
    let _one_at_a_time = output::Lock::take(out)?;
    // What a publish finds in the output, listed meanwhile.
    let present = match mode {
        Mode::Full => output::Present::not_listed(),
        Mode::Publish => output::Present::list(out),
    };
    let mut clock = Laps::start();
    let (template, previous) = match mode {
        Mode::Full => (template::from_trunk(out, settings)?, None),
        Mode::Publish => {
            let (template, previous) = built_before(out)?;
            (template, Some(previous))
        }
    };
    let boot_path = out.join("boot.js");
    let boot = BootScript::parse(
        fs::read_to_string(&boot_path).with_context(|| boot_path.display().to_string())?,
    )?;
    // The file the embeds load is the text the pages carry: one loader.
    if mode == Mode::Full {
        write(&boot_path, boot.source().as_bytes())?;
        template::search_engine_in_one_file(out)?;
    }
    let schemas = content::Schemas::load(root)?;
    let settings_key = settings_key(&template, &boot, settings, &schemas);
    if previous
        .as_ref()
        .is_some_and(|p| p.settings != settings_key)
    {
        anyhow::bail!(
            "the site's configuration changed since {} was built: build it again (trunk build) to apply it; a publish only brings in content",
            out.display()
        );
    }
    let site = content::resolve_from(
        root,
        &settings.content,
        settings.site.language.tag(),
        settings.per_page,
        // A publish asks WordPress only for what changed.
        match mode {
            Mode::Full => content::Reading::Everything,
            Mode::Publish => content::Reading::Changes,
        },
    )?;
    // The header's sections come from the content: every page carries
    // them, so they key every page (pages_and_documents).
    let settings = &Settings {
        site: SiteIdentity {
            sections: plan::navigation(&site, settings.navigation.as_deref())?,
            ..settings.site.clone()
        },
        ..settings.clone()
    };
    let pages = plan::pages(&site, &settings.paths)?;
    check_documents(&schemas, &pages, previous.as_ref(), |page| {
        page.shows.json()
    })?;
    let content = clock.lap();

    let templates = Templates::new(&template, &boot)?;
    let inputs = plan::Inputs {
        site: &site,
        settings,
        template: &template,
        boot: &boot,
        templates: &templates,
        settings_key: &settings_key,
        out,
        previous: previous.as_ref(),
    };
    let plan = plan::plan(&inputs, &pages)?;
    let plan_time = clock.lap();
    let cache = root.join("target").join("compress-cache");
    let synced = output::sync(
        out,
        plan.files,
        previous.as_ref(),
        present,
        plan.manifest,
        settings.compress.then_some(cache.as_path()),
    )?;
    Ok(BuildReport {
        pages: pages.len(),
        content,
        plan: plan_time,
        making: clock.lap(),
        synced,
    })
}

/// Every document the build writes against the published schemas, but
/// those the site built before has with the same key: it checked them,
/// under the same schemas (their key is in the settings' key). `json` makes
/// a page's document again, as its file will be made.
fn check_documents(
    schemas: &content::Schemas,
    pages: &[plan::SiteFile],
    previous: Option<&output::Manifest>,
    json: impl Fn(&plan::SiteFile) -> Result<String> + Sync,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let unchecked: Vec<(&plan::SiteFile, &str)> = pages
        .iter()
        .filter_map(|page| {
            let data = page.data.as_ref()?;
            let known = previous
                .and_then(|p| p.files.get(&data.file))
                .is_some_and(|e| *e.key == *data.document.key);
            (!known && seen.insert(data.file.as_str())).then_some((page, data.file.as_str()))
        })
        .collect();
    schemas.check_documents(&unchecked, |(page, file)| {
        Ok(content::Document {
            name: (*file).to_owned(),
            kind: match page.shows {
                plan::Shows::Article(_) => content::Kind::Article,
                _ => content::Kind::Listing,
            },
            json: json(page)?,
        })
    })
}

/// The template and manifest of the site a publish brings up to date.
fn built_before(out: &Path) -> Result<(String, output::Manifest)> {
    let previous = output::Manifest::read(out)?.with_context(|| {
        format!(
            "{}: no site built by Gazette's build here (no {}): run the build first",
            out.display(),
            output::Manifest::path(out).display()
        )
    })?;
    let path = out.join(plan::TEMPLATE);
    let template = fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    Ok((template, previous))
}

/// Seconds since the last lap, for the report's phases.
struct Laps {
    clock: std::time::Instant,
    since: f64,
}

impl Laps {
    fn start() -> Self {
        Self {
            clock: std::time::Instant::now(),
            since: 0.0,
        }
    }

    fn lap(&mut self) -> f64 {
        let now = self.clock.elapsed().as_secs_f64();
        let took = now - self.since;
        self.since = now;
        took
    }
}

/// A key of everything a page is made from besides its route and data.
fn settings_key(
    template: &str,
    boot: &BootScript,
    settings: &Settings,
    schemas: &content::Schemas,
) -> String {
    output::key(&[
        schemas.key().as_bytes(),
        template.as_bytes(),
        boot.source().as_bytes(),
        settings.paths.home().as_bytes(),
        settings.origin.as_bytes(),
        format!("{:?}", settings.site).as_bytes(),
        format!("{:?}", settings.navigation).as_bytes(),
        settings.theme_css.as_bytes(),
        &settings.per_page.get().to_le_bytes(),
        &[u8::from(settings.compress)],
    ])
}

#[cfg(test)]
impl Settings {
    /// The sample site's settings under `base`, served from `https://news.example`.
    pub fn for_tests(base: &str) -> Self {
        Settings {
            paths: Paths::new(base),
            origin: "https://news.example".into(),
            compress: false,
            site: SiteIdentity::default(),
            theme_css: String::new(),
            content: crate::config::ContentSource::default(),
            per_page: content::PER_PAGE,
            navigation: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_root as root;
    use gazette::prerender::data_element;

    /// A publish checks the documents it writes, and only those: a
    /// document the site built before has with the same key was checked
    /// when it was written.
    #[test]
    fn a_document_is_checked_against_the_schema_when_its_bytes_change() {
        let site = content::sample(&root()).unwrap();
        let schemas = content::Schemas::load(&root()).unwrap();
        let paths = Paths::new("/");
        let mut pages = plan::pages(&site, &paths).unwrap();
        let made = |page: &plan::SiteFile| page.shows.json();
        // Every real document passes, built before or not.
        check_documents(&schemas, &pages, None, made).unwrap();
        // Two documents the schema refuses, an article's and a listing's.
        let refused_json = r#"{"version":1}"#;
        let refused = plan::Document {
            key: output::key(&[refused_json.as_bytes()]).into(),
        };
        let (article, listing) = {
            let mut datas = pages.iter_mut().filter_map(|p| {
                let is_article = matches!(p.shows, plan::Shows::Article(_));
                Some((is_article, p.data.as_mut()?))
            });
            let article = datas.find(|(a, _)| *a).unwrap().1;
            article.document = refused.clone();
            let article = article.file.clone();
            let listing = datas.find(|(a, _)| !*a).unwrap().1;
            listing.document = refused.clone();
            (article, listing.file.clone())
        };
        // A planted document's text is the one its key was made from.
        let json = |page: &plan::SiteFile| {
            if page.data.as_ref().map(|d| &d.document.key) == Some(&refused.key) {
                Ok(refused_json.to_owned())
            } else {
                made(page)
            }
        };
        let problems = |previous: Option<&output::Manifest>| {
            check_documents(&schemas, &pages, previous, json)
                .err()
                .map(|e| format!("{e:#}"))
                .unwrap_or_default()
        };
        let all = problems(None);
        assert!(all.contains(&format!("{article}: schema")), "{all}");
        assert!(all.contains(&format!("{listing}: schema")), "{all}");
        // Built before with these very bytes: checked then, not again.
        let built = |files: &[&str], key: &str| output::Manifest {
            base: "/".into(),
            compress: false,
            settings: String::new(),
            files: files
                .iter()
                .map(|f| {
                    let entry = output::Entry {
                        key: key.into(),
                        asset: false,
                    };
                    (f.to_string(), entry)
                })
                .collect(),
        };
        let same = built(&[&article, &listing], &refused.key);
        assert_eq!(problems(Some(&same)), "");
        // Built before with other bytes: checked.
        let other = built(&[&article, &listing], "another key");
        assert_eq!(problems(Some(&other)), all);
        let one = built(&[&article], &refused.key);
        let found = problems(Some(&one));
        assert!(
            !found.contains(&article) && found.contains(&listing),
            "{found}"
        );
    }

    /// One direction: the static API is written from the same validated
    /// model as the pages, so each page embeds exactly the bytes the API
    /// serves for it.
    #[test]
    fn the_build_writes_the_api_and_the_pages_from_one_model() {
        let out = std::env::temp_dir().join(format!("gazette-site-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        write(
            &out.join("index.html"),
            b"<!doctype html><html><head><base href=/><title>x</title><script type=module src=/boot.js data-gazette-js=/gazette-1.js data-gazette-wasm=/gazette-1_bg.wasm></script></head><body></body></html>",
        )
        .unwrap();
        write(&out.join("boot.js"), b"// A comment.\ngo()").unwrap();
        write(&out.join("gazette-1.js"), b"glue").unwrap();
        write(&out.join("gazette-1_bg.wasm"), b"wasm").unwrap();
        write(&out.join("search-worker.js"), b"let wasm_bindgen = 1;").unwrap();
        write(&out.join("search-engine.js"), b"wasm_bindgen({});").unwrap();
        let settings = Settings::for_tests("/");
        let site = content::sample(&root()).unwrap();
        build(&root(), &out, &settings, Mode::Full).unwrap();
        // One loader: the file the embeds load is the text the pages carry.
        assert_eq!(fs::read_to_string(out.join("boot.js")).unwrap(), "go()\n");
        let front = fs::read_to_string(out.join("index.html")).unwrap();
        assert!(front.contains(">go()\n</script>"), "{front}");
        let mut documents = 0;
        for page in plan::pages(&site, &settings.paths).unwrap() {
            let html = fs::read_to_string(out.join(&page.file)).unwrap();
            let Some(data) = page.data else {
                assert!(!html.contains("gazette-data"), "{}", page.file);
                continue;
            };
            let served = fs::read_to_string(out.join(&data.file)).unwrap();
            assert!(
                html.contains(&data_element(&data.url, &served)),
                "{} embeds {}",
                page.file,
                data.file
            );
            documents += 1;
        }
        let listed = |dir: &str| fs::read_dir(out.join(dir)).map_or(0, |d| d.count());
        assert_eq!(listed("api/v1/articles"), site.articles.len());
        for collection in gazette::routes::Collection::ALL {
            let folder = format!("api/v1/{}", collection.folder());
            assert_eq!(
                listed(&folder),
                site.listings_of(collection).count(),
                "{folder}"
            );
        }
        assert!(out.join("api/v1/index.json").exists());
        assert!(documents > site.articles.len() + site.collections.len());
        let _ = fs::remove_dir_all(&out);
    }
}
