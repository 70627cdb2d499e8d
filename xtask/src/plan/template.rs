//! The template every page is made from: Trunk's `index.html` (themed, its
//! language set) and the app's loader, `boot.js`; and each page made from it
//! with the route's rendered views and data.
//!
//! A page a reader lands on carries the loader inline (decision 0017): as a
//! file it was one more request, revalidated on every page load, and the one
//! thing between the article's LCP and its static reference's. Embeds keep
//! the file, which the frames on a portal share from its cache. The policy
//! allows the inline loader by its hash ([`BootScript::csp_source`]), so
//! nothing else inline runs.

use super::SiteFile;
use crate::build::Settings;
use crate::output::{self, write};
use anyhow::{bail, Context, Result};
use gazette::prerender::{data_element, render_route, site_element, RenderedRoute};
use std::fs;
use std::path::Path;

/// `boot.js` as Trunk copied it into the build, to be carried inline, its
/// comment lines dropped: they are about a third of the file, and every page
/// now carries it. The comments stay in `public/boot.js`.
pub struct BootScript {
    source: String,
}

impl BootScript {
    /// Reads `boot.js`, refusing a source that would not stay one script
    /// element's text in HTML (an end tag, or a comment opener, which
    /// changes how the parser finds the end tag), or one where a line that
    /// starts with `//` might not be a comment (inside a template literal or
    /// a string continued over lines): this is no JavaScript parser.
    pub fn parse(source: String) -> Result<Self> {
        let lower = source.to_ascii_lowercase();
        if lower.contains("</script") || lower.contains("<!--") {
            bail!(
                "boot.js contains `</script` or `<!--`, so it cannot be carried inline in a page"
            );
        }
        let mut kept = String::with_capacity(source.len());
        for (n, line) in source.lines().enumerate() {
            if line.matches('`').count() % 2 == 1 || line.ends_with('\\') {
                bail!(
                    "boot.js:{}: a template literal or string goes on to the next line, so the build cannot tell comment lines from text there; keep each on one line",
                    n + 1
                );
            }
            if !line.trim_start().starts_with("//") {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        Ok(Self { source: kept })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The script's CSP source expression, `'sha256-…'`: the policy lets
    /// exactly this inline script run.
    pub fn csp_source(&self) -> String {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(self.source.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    }
}

/// The template, made once for the two kinds of page.
pub struct Templates {
    /// Pages a reader lands on: the loader inline.
    pub page: String,
    /// Embeds: every link opens outside the frame, and the loader stays a
    /// file the frames share.
    pub embed: String,
}

impl Templates {
    pub fn new(template: &str, boot: &BootScript) -> Result<Self> {
        Ok(Self {
            page: with_inline_loader(template, boot)?,
            embed: template.replacen("<base ", "<base target=_blank ", 1),
        })
    }
}

/// The template's `<script … src=…boot.js …></script>` as the same element
/// with `boot.js`'s text inside and no `src` (nor `fetchpriority`, which
/// only a fetch has). Its `data-gazette-*` attributes stay: boot.js reads
/// the app's file names from them.
fn with_inline_loader(template: &str, boot: &BootScript) -> Result<String> {
    let loader = Loader::find(template)?;
    let kept: Vec<&str> = loader
        .attributes
        .iter()
        .filter(|a| !matches!(a.name.as_str(), "src" | "fetchpriority"))
        .map(|a| a.whole)
        .collect();
    Ok(format!(
        "{}<script {}>{}</script>{}",
        template.get(..loader.start).unwrap_or_default(),
        kept.join(" "),
        boot.source(),
        template.get(loader.end..).unwrap_or_default()
    ))
}

/// wasm-bindgen's glue for `bin` (`gazette`, `search-worker`) minified by
/// esbuild, when the build runs as Trunk's hook (`TRUNK_PROFILE` set), to
/// stand in for the copy Trunk minified: Trunk's minifier (minify-js)
/// writes the glue's declarations in another order on every build, so two
/// builds of one commit differed in the glue and every name after it;
/// esbuild's output is the same for the same input, and smaller (decision
/// 0026). Read from where Trunk had wasm-bindgen write it
/// (`<target>/wasm-bindgen/<profile>/<bin>.js`), and checked against the
/// staged copy: both must call the same wasm-bindgen imports. `None`
/// outside Trunk's hook (a benchmark's copy of a built site, the tests).
pub fn deterministic_glue(staged: &[u8], bin: &str) -> Result<Option<Vec<u8>>> {
    let Ok(profile) = std::env::var("TRUNK_PROFILE") else {
        return Ok(None);
    };
    let root = crate::project_root();
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    let source = target
        .join("wasm-bindgen")
        .join(profile)
        .join(format!("{bin}.js"));
    let esbuild = root.join("node_modules/.bin/esbuild");
    let run = std::process::Command::new(&esbuild)
        .args(["--minify", "--log-level=warning"])
        .arg(&source)
        .output()
        .with_context(|| format!("{}: run scripts/setup (npm ci) first", esbuild.display()))?;
    anyhow::ensure!(
        run.status.success(),
        "esbuild {}: {}",
        source.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    anyhow::ensure!(
        !wasm_imports(staged).is_empty() && wasm_imports(&run.stdout) == wasm_imports(staged),
        "{} is not the glue Trunk staged (its wasm-bindgen imports differ)",
        source.display()
    );
    Ok(Some(run.stdout))
}

/// The names of the imports a glue gives its WASM (`__wbg_…`), which any
/// minifier keeps: two glues for one WASM have the same.
fn wasm_imports(glue: &[u8]) -> std::collections::BTreeSet<String> {
    let text = String::from_utf8_lossy(glue);
    text.match_indices("__wbg_")
        .map(|(at, _)| {
            text.get(at..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// Trunk names the app's two files, `<bin>-<hash>.js` and
/// `<bin>-<hash>_bg.wasm`, after a hash of the WASM cargo built, so a change
/// that reaches only the JS glue (its wasm-bindgen target, say) keeps their
/// names, and a returning reader's browser, which keeps them as immutable,
/// would pair its old glue with the new page. Each is renamed here after a
/// hash of its own bytes, and the template follows. Each on its own: Trunk's
/// minifier writes the glue's declarations in another order on each build,
/// so the glue gets a new name every build, and the WASM (the same bytes
/// while the Rust code is the same) keeps its name and its place in caches.
pub fn content_named_app(out: &Path, template: &str) -> Result<String> {
    let loader = Loader::find(template)?;
    let mut named = template.to_owned();
    for (attribute, suffix) in [
        ("data-gazette-js", ".js"),
        ("data-gazette-wasm", "_bg.wasm"),
    ] {
        let url = loader
            .value(attribute)
            .with_context(|| format!("index.html: the boot.js <script> has no {attribute}"))?;
        let file = url.rsplit('/').next().unwrap_or_default();
        let (bin, _) = file
            .strip_suffix(suffix)
            .and_then(|stem| stem.rsplit_once('-'))
            .with_context(|| format!("index.html: {url} is not <name>-<hash>{suffix}"))?;
        let mut bytes = fs::read(out.join(file)).with_context(|| file.to_owned())?;
        if suffix == ".js" {
            if let Some(glue) = deterministic_glue(&bytes, bin)? {
                output::write(&out.join(file), &glue)?;
                bytes = glue;
            }
        }
        let renamed = format!("{bin}-{}{suffix}", output::name_hash(&bytes));
        if renamed != file {
            fs::rename(out.join(file), out.join(&renamed))
                .with_context(|| format!("{file} -> {renamed}"))?;
            named = named.replace(file, &renamed);
        }
    }
    Ok(named)
}

/// Search's worker as one file: Trunk writes the engine's wasm-bindgen glue
/// (`search-worker.js`) and copies its start (`public/search-engine.js`);
/// the start is put after the glue, in `search-engine.js`, and the glue's
/// own file goes. A worker that loaded the glue itself would load it a
/// round of requests after its script, and only then start the engine.
pub fn search_engine_in_one_file(out: &Path) -> Result<()> {
    let (glue_path, start_path) = (out.join("search-worker.js"), out.join("search-engine.js"));
    let start =
        fs::read_to_string(&start_path).with_context(|| start_path.display().to_string())?;
    const GLUE: &str = "let wasm_bindgen";
    if start.contains(GLUE) && !glue_path.exists() {
        return Ok(()); // joined by an earlier build of this folder
    }
    let glue = fs::read_to_string(&glue_path).with_context(|| glue_path.display().to_string())?;
    let glue = match deterministic_glue(glue.as_bytes(), "search-worker")? {
        Some(bytes) => String::from_utf8(bytes).context("esbuild's glue is not UTF-8")?,
        None => glue,
    };
    anyhow::ensure!(
        glue.contains(GLUE) && !start.contains(GLUE),
        "{}: not wasm-bindgen's no-modules glue, or {} not the worker's start",
        glue_path.display(),
        start_path.display()
    );
    output::write(&start_path, format!("{glue}\n{start}").as_bytes())?;
    fs::remove_file(&glue_path).with_context(|| glue_path.display().to_string())
}

/// The template's loader element with the route table it reads
/// ([`super::routes`]) as an attribute: single-quoted, so the JSON's
/// double quotes stay as they are.
pub fn with_route_table(template: &str, table: &str) -> Result<String> {
    let loader = Loader::find(template)?;
    let kept: Vec<&str> = loader
        .attributes
        .iter()
        .filter(|a| a.name != super::routes::ATTRIBUTE)
        .map(|a| a.whole)
        .collect();
    // `>` too: the element's end is found by the first `>`.
    let value = table
        .replace('&', "&amp;")
        .replace('\'', "&#39;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Ok(format!(
        "{}<script {} {}='{value}'></script>{}",
        template.get(..loader.start).unwrap_or_default(),
        kept.join(" "),
        super::routes::ATTRIBUTE,
        template.get(loader.end..).unwrap_or_default()
    ))
}

/// The template's loader element: `<script … src=…boot.js …></script>`.
struct Loader<'a> {
    /// Where the element starts and ends in the template.
    start: usize,
    end: usize,
    attributes: Vec<Attribute<'a>>,
}

struct Attribute<'a> {
    /// Lowercase.
    name: String,
    value: Option<&'a str>,
    /// As written, `name=value`.
    whole: &'a str,
}

impl<'a> Loader<'a> {
    fn find(template: &'a str) -> Result<Self> {
        const END: &str = "</script>";
        let mut from = 0;
        while let Some(at) = template.get(from..).and_then(|t| t.find("<script")) {
            let start = from + at;
            let rest = template.get(start..).unwrap_or_default();
            let open_len = rest
                .find('>')
                .context("index.html: a <script> tag never ends")?
                + 1;
            let text = rest.get("<script".len()..open_len - 1).unwrap_or_default();
            let loader = Self {
                start,
                end: start + open_len + END.len(),
                attributes: attributes(text),
            };
            if loader.value("src").is_some_and(|s| s.ends_with("boot.js")) {
                if !rest.get(open_len..).is_some_and(|r| r.starts_with(END)) {
                    bail!("index.html: the boot.js <script> is not empty");
                }
                return Ok(loader);
            }
            from = start + open_len;
        }
        bail!("index.html: no <script> that loads boot.js (Trunk.toml's pattern_script)")
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.value)
    }
}

/// A tag's attributes, as Trunk's minifier writes them (quoted or not).
fn attributes(text: &str) -> Vec<Attribute<'_>> {
    let mut found = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest.get(..name_end).unwrap_or_default();
        let mut end = name_end;
        let mut value = None;
        if rest.get(name_end..).is_some_and(|r| r.starts_with('=')) {
            let v = rest.get(name_end + 1..).unwrap_or_default();
            let (inner, len) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = v
                        .get(1..)
                        .and_then(|r| r.find(q))
                        .map_or(v.len(), |c| c + 2);
                    (v.get(1..close.saturating_sub(1)).unwrap_or_default(), close)
                }
                _ => {
                    let e = v.find(char::is_whitespace).unwrap_or(v.len());
                    (v.get(..e).unwrap_or_default(), e)
                }
            };
            value = Some(inner);
            end = name_end + 1 + len;
        }
        found.push(Attribute {
            name: name.to_ascii_lowercase(),
            value,
            whole: rest.get(..end).unwrap_or_default(),
        });
        rest = rest.get(end..).unwrap_or_default().trim_start();
    }
    found
}

/// The template from what Trunk built: its stylesheet themed, the app's
/// files named after their bytes, the site's language set.
pub fn from_trunk(out: &Path, settings: &Settings) -> Result<String> {
    let path = out.join("index.html");
    let template = fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let template = themed_stylesheet(out, &template, &settings.theme_css)?;
    let template = content_named_app(out, &template)?;
    let template = with_route_table(&template, &super::routes::table()?)?;
    Ok(with_language(&template, settings.site.language.tag()))
}

pub fn page_html(templates: &Templates, page: &SiteFile, settings: &Settings) -> Result<String> {
    let RenderedRoute { mut head, body } = render_route(
        &settings.site,
        &settings.paths,
        &settings.origin,
        &page.path,
        page.shows.route_data(),
    );
    head.push_str(&site_element(&settings.site));
    if let Some(data) = &page.data {
        head.push_str(&data_element(&data.url, &page.shows.json()?));
    }
    // An embed opens every link in a new browsing context (boot.js does the
    // same on pages that are not prerendered).
    let template = if page.route.kind().is_embed() {
        &templates.embed
    } else {
        &templates.page
    };
    // The page's own title replaces the template's.
    let (before_title, rest) = template
        .split_once("<title>")
        .and_then(|(before, rest)| Some((before, rest.split_once("</title>")?.1)))
        .context("index.html: no <title> to replace")?;
    let (head_rest, rest) = rest
        .split_once("</head>")
        .context("index.html: no </head>")?;
    let (_, after_body) = rest
        .split_once("</body>")
        .context("index.html: no </body>")?;
    Ok(format!(
        "{before_title}{head}{head_rest}</head><body>{body}</body>{after_body}"
    ))
}

/// The template with `<html lang>` set to the site's language.
fn with_language(template: &str, tag: &str) -> String {
    match template
        .split_once("<html")
        .and_then(|(before, rest)| Some((before, rest.split_once('>')?.1)))
    {
        Some((before, after)) => format!("{before}<html lang={tag}>{after}"),
        None => template.to_owned(),
    }
}

/// Adds the theme to Trunk's stylesheet (`main-<hash>.css`): the result is
/// written under a hash of its own content, with its own integrity value,
/// and the template points at it. The stylesheet stays one request, and a
/// theme change is a new file name, as immutable caching needs.
fn themed_stylesheet(out: &Path, template: &str, theme_css: &str) -> Result<String> {
    use base64::Engine;
    use sha2::Digest;
    if theme_css.is_empty() {
        return Ok(template.to_owned());
    }
    let name_at = template
        .find("main-")
        .context("index.html: no link to Trunk's stylesheet (main-<hash>.css)")?;
    let name_len = template[name_at..]
        .find(".css")
        .context("index.html: the stylesheet's name does not end in .css")?
        + ".css".len();
    let old_name = &template[name_at..name_at + name_len];
    let old_path = out.join(old_name);
    let mut css = fs::read_to_string(&old_path).with_context(|| old_path.display().to_string())?;
    css.push_str(theme_css);
    let digest = sha2::Sha384::digest(css.as_bytes());
    let new_name = format!("main-{}.css", output::name_hash(css.as_bytes()));
    write(&out.join(&new_name), css.as_bytes())?;
    if new_name != old_name {
        fs::remove_file(&old_path).with_context(|| old_path.display().to_string())?;
    }
    let integrity = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    // The stylesheet's own <link>: its integrity value changes with it.
    let tag_start = template[..name_at].rfind('<').unwrap_or(0);
    let mut themed = template.replacen(old_name, &new_name, 1);
    let tag_end = themed[tag_start..]
        .find('>')
        .map_or(themed.len(), |e| tag_start + e);
    if let Some(at) = themed[tag_start..tag_end]
        .find("integrity=")
        .map(|at| tag_start + at)
    {
        let value_at = at + "integrity=".len();
        let rest = &themed[value_at..];
        let quoted = rest.starts_with('"');
        let end = if quoted {
            rest[1..].find('"').map(|e| e + 2)
        } else {
            // Base64 has '/' in it: the value ends at a space or the tag's end.
            rest.find([' ', '>'])
        }
        .context("index.html: an integrity attribute without an end")?;
        themed.replace_range(value_at..value_at + end, &format!("\"{integrity}\""));
    }
    Ok(themed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boot(source: &str) -> BootScript {
        BootScript::parse(source.to_owned()).unwrap()
    }

    #[test]
    fn the_route_table_rides_on_the_loader_and_stays_when_it_goes_inline() {
        let template = "<html><head><script type=module src=/boot.js data-gazette-js=/a.js></script></head><body></body></html>";
        let attribute = super::super::routes::ATTRIBUTE;
        for table in [
            r#"{"routes":[]}"#,
            r#"{"a":"it's <b> & </script> \"quoted\""}"#,
        ] {
            let with = with_route_table(template, table).unwrap();
            // Written again (a publish's template), it is there once.
            assert_eq!(with_route_table(&with, table).unwrap(), with);
            let loader = Loader::find(&with).unwrap();
            let value = loader.value(attribute).unwrap();
            assert!(!value.contains(['<', '>', '\'']), "{value}");
            let read = value
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            assert_eq!(read, table);
            assert_eq!(loader.value("data-gazette-js"), Some("/a.js"));
            let page = Templates::new(&with, &boot("go()")).unwrap().page;
            assert!(
                page.contains(&format!("{attribute}='{value}'>go()")),
                "{page}"
            );
        }
    }

    #[test]
    fn the_loader_goes_inline_with_its_data_attributes_and_no_src() {
        for (template, inline) in [
            (
                // As Trunk's minifier writes pattern_script.
                "<head><script data-gazette-js=/gazette-1.js data-gazette-wasm=/gazette-1_bg.wasm fetchpriority=low src=/boot.js type=module></script></head>",
                "<head><script data-gazette-js=/gazette-1.js data-gazette-wasm=/gazette-1_bg.wasm type=module>go()\n</script></head>",
            ),
            (
                // As Trunk.toml writes it, under a base path.
                r#"<script type="application/ld+json">{}</script><script type="module" fetchpriority="low" src="/news/boot.js" data-gazette-js="/news/g.js" data-gazette-wasm="/news/g.wasm"></script>"#,
                r#"<script type="application/ld+json">{}</script><script type="module" data-gazette-js="/news/g.js" data-gazette-wasm="/news/g.wasm">go()
</script>"#,
            ),
        ] {
            let templates = Templates::new(template, &boot("// A comment line.\ngo()")).unwrap();
            assert_eq!(templates.page, inline);
            assert_eq!(templates.embed, template, "embeds keep the file");
        }
    }

    #[test]
    fn a_template_without_the_loader_or_a_loader_with_text_is_refused() {
        for template in [
            "<head><title>x</title></head>",
            "<head><script src=/other.js></script></head>",
            "<head><script src=/boot.js>x</script></head>",
            "<head><script src=/boot.js",
        ] {
            assert!(
                Templates::new(template, &boot("go()")).is_err(),
                "{template}"
            );
        }
    }

    #[test]
    fn a_loader_that_would_end_its_element_early_is_refused() {
        for source in [
            "a('</script>')",
            "a('</SCRIPT ')",
            "a('<!--')",
            // A line starting with // that is text, not a comment.
            "a(`x\n// y`)",
            "a('x\\\n// y')",
        ] {
            assert!(BootScript::parse(source.to_owned()).is_err(), "{source}");
        }
        assert!(BootScript::parse("a < b && c > d".to_owned()).is_ok());
    }

    #[test]
    fn comment_lines_are_dropped_and_code_is_kept_as_written() {
        let source =
            "// Starts.\nconst a = 1; // one\n  // indented\nconst u = `${a}//x`;\n/* kept */\n";
        assert_eq!(
            BootScript::parse(source.to_owned()).unwrap().source(),
            "const a = 1; // one\nconst u = `${a}//x`;\n/* kept */\n"
        );
    }

    #[test]
    fn a_glue_is_known_by_the_imports_it_gives_its_wasm() {
        let trunk = "let wasm_bindgen=(()=>{const a={};a.__wbg_fetch_8d1c=function(b){};a.__wbg_now_2f1a=()=>1;return a})();";
        let esbuild = "let wasm_bindgen=(function(){let e={};e.__wbg_now_2f1a=()=>1,e.__wbg_fetch_8d1c=function(t){};return e})();";
        assert_eq!(
            wasm_imports(trunk.as_bytes()),
            wasm_imports(esbuild.as_bytes())
        );
        assert_eq!(wasm_imports(trunk.as_bytes()).len(), 2);
        let other = esbuild.replace("__wbg_now_2f1a", "__wbg_now_9999");
        assert_ne!(
            wasm_imports(trunk.as_bytes()),
            wasm_imports(other.as_bytes())
        );
        let fewer = esbuild.replace(",e.__wbg_fetch_8d1c=function(t){}", "");
        assert_ne!(
            wasm_imports(trunk.as_bytes()),
            wasm_imports(fewer.as_bytes())
        );
        assert!(wasm_imports(b"console.log(1)").is_empty());
    }

    #[test]
    fn the_search_worker_is_its_glue_and_its_start_in_one_file() {
        let out = std::env::temp_dir().join(format!("gazette-worker-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let glue = "let wasm_bindgen=(()=>{})();";
        let start = "self.onmessage = (e) => wasm_bindgen({ module_or_path: e.data });\n";
        output::write(&out.join("search-worker.js"), glue.as_bytes()).unwrap();
        output::write(&out.join("search-engine.js"), start.as_bytes()).unwrap();
        search_engine_in_one_file(&out).unwrap();
        let joined = fs::read_to_string(out.join("search-engine.js")).unwrap();
        assert_eq!(joined, format!("{glue}\n{start}"));
        assert!(!out.join("search-worker.js").exists());
        // A folder built before (a publish, the benchmark's copy): as it was.
        search_engine_in_one_file(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("search-engine.js")).unwrap(),
            joined
        );
        // Not the glue, or no glue at all: a clear failure, nothing written.
        output::write(&out.join("search-engine.js"), start.as_bytes()).unwrap();
        assert!(search_engine_in_one_file(&out).is_err());
        output::write(&out.join("search-worker.js"), b"console.log(1)").unwrap();
        assert!(search_engine_in_one_file(&out).is_err());
        assert_eq!(
            fs::read_to_string(out.join("search-engine.js")).unwrap(),
            start
        );
        let _ = fs::remove_dir_all(&out);
    }

    #[test]
    fn the_app_files_are_named_after_their_own_bytes_and_the_template_follows() {
        let out = std::env::temp_dir().join(format!("gazette-templates-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let template = "<script data-gazette-js=/news/gazette-aaaa.js data-gazette-wasm=/news/gazette-aaaa_bg.wasm src=/news/boot.js></script>";
        // The two names the build gives `glue` and `wasm`.
        let named = |glue: &str, wasm: &str| {
            output::write(&out.join("gazette-aaaa.js"), glue.as_bytes()).unwrap();
            output::write(&out.join("gazette-aaaa_bg.wasm"), wasm.as_bytes()).unwrap();
            let renamed = content_named_app(&out, template).unwrap();
            let loader = Loader::find(&renamed).unwrap();
            let file = |attribute| {
                let url = loader.value(attribute).unwrap();
                assert!(url.starts_with("/news/gazette-"), "{url}");
                url.trim_start_matches("/news/").to_owned()
            };
            let (js, wasm_file) = (file("data-gazette-js"), file("data-gazette-wasm"));
            assert_eq!(
                renamed,
                template
                    .replace("gazette-aaaa.js", &js)
                    .replace("gazette-aaaa_bg.wasm", &wasm_file)
            );
            assert_eq!(fs::read_to_string(out.join(&js)).unwrap(), glue);
            assert_eq!(fs::read_to_string(out.join(&wasm_file)).unwrap(), wasm);
            assert!(!out.join("gazette-aaaa.js").exists());
            assert!(!out.join("gazette-aaaa_bg.wasm").exists());
            (js, wasm_file)
        };
        let (js, wasm) = named("glue", "wasm");
        assert_eq!(js.len(), "gazette-.js".len() + 16, "{js}");
        assert!(wasm.ends_with("_bg.wasm"), "{wasm}");
        // Only the glue changed (Trunk's name would not): a new glue name,
        // the WASM's kept.
        assert_eq!(
            named("other glue", "wasm"),
            (named("other glue", "wasm").0, wasm.clone())
        );
        assert_ne!(named("other glue", "wasm").0, js);
        assert_ne!(named("glue", "other wasm").1, wasm);
        assert_eq!(
            named("glue", "wasm"),
            (js, wasm),
            "the same bytes, the same names"
        );
        let _ = fs::remove_dir_all(&out);
    }

    #[test]
    fn the_hash_is_the_sha256_of_the_text_as_csp_writes_it() {
        // Known value: printf 'go()\n' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            boot("go()").csp_source(),
            "'sha256-uxztVBOu4I1US70toGMPbtpfckNKW9OzJ9C6/M5mIrI='"
        );
    }
}
