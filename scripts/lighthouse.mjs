// Lighthouse budget (part of scripts/test): the front page and an article of
// the release build, the article's static reference, and a portal page with
// three embeds against its static reference, served by nginx with
// deploy/nginx/, audited with
// Lighthouse's defaults (mobile emulation, simulated throttling: slow 4G and a
// 4x slower CPU). Prints the scores and metrics, and fails under the fixed
// thresholds below. Usage: node scripts/lighthouse.mjs   (after trunk build --release)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveDist, serveStatic, origin, chromiumArgs, chromiumPath, writeWithCopies } from './lib/site.mjs';

const ARTICLE = 'kfor-troop-levels-since-1999';
// The static reference (issue 13): the article's own prerendered page with
// every script removed, the limit a reader could get. Written beside the
// article for the run (with the build's compressed copies), then removed.
const REFERENCE = `${ARTICLE}-static-reference`;
// A portal page on another origin with three embeds (tests/e2e/portal/),
// and its static reference: the same page with the same three embeds, each
// with every script removed (the portal's embed.js too).
const PORTAL_PORT = 4175;
const PORTAL_PAGE = 'three-embeds.html';
const PORTAL_REFERENCE = 'three-embeds-static-reference.html';
const article = { name: 'article', url: `${origin}/articles/${ARTICLE}` };
const staticReference = { name: 'article, static reference (no script)', url: `${origin}/articles/${REFERENCE}` };
// The article and its reference take turns, so a slow spell of the machine
// falls on both.
const PAIRED_RUNS = 7;
// The front page is run this many times: the score
// floors below apply to a page's median, since one run's performance score
// moves by a few points with the machine (the script-free static reference
// itself scored 96 in 2 of 7 runs on a busy 2-core machine).
const RUNS = 3;
const front = { name: 'front page', url: `${origin}/` };
const portal = { name: 'portal page with three embeds', url: `http://127.0.0.1:${PORTAL_PORT}/${PORTAL_PAGE}`, portal: true };
const portalReference = { name: 'portal page, static reference (no script)', url: `http://127.0.0.1:${PORTAL_PORT}/${PORTAL_REFERENCE}`, portal: true };
// The portal's score is mostly the browser's: three frames of one line of
// text each cost a portal 62-113 ms of blocking time (TBT) on this machine,
// three script-free copies of the embeds 80-175 ms, three Gazette embeds
// 24-235 ms, and a busy machine's slower tasks are multiplied by the 4x CPU
// (CI's runs on 2026-12-07: 94, 86, 99). So the portal is judged against its
// static reference, in turns, each the median of PORTAL_PAIRED_RUNS runs:
// what the embeds' code costs, not what frames cost (BENCHMARKS.md).
const PORTAL_PAIRED_RUNS = 5;
const maximumPortalPerformanceBelowReference = 5;
const pages = [
  ...Array.from({ length: RUNS }, () => front),
  ...Array.from({ length: PAIRED_RUNS }, () => [article, staticReference]).flat(),
  ...Array.from({ length: PORTAL_PAIRED_RUNS }, () => [portal, portalReference]).flat(),
];
// The article's LCP against its static reference's, each the median of
// PAIRED_RUNS runs. With boot.js as a file the article's LCP moved between
// 0.90 and 1.09 s from run to run (medians 1.09-1.16x): Lighthouse's
// simulation counts a request that ended before the page's LCP as one the
// LCP waited for. The page now carries its loader inline (decision 0017),
// and its LCP is the reference's, run after run (0.99-1.00x). A ratchet
// below issue 13's goal of 1.10x.
const maximumLcpRatio = 1.05;
// Scores are 0-100. Performance is the aim of 100, and this machine's runs
// score 100 since the app loads only when the reader reaches for a link
// (docs/loading.md); the floor leaves a few points for noise.
const minimum = { performance: 97, accessibility: 100, 'best-practices': 100, seo: 100 };
const maximumCls = 0.001;

// A page's HTML with every script removed; throws if it had none.
const withoutScripts = (html, what) => {
  const bytes = Buffer.from(html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ''));
  if (bytes.length >= Buffer.byteLength(html)) throw new Error(`${what} has no script to remove`);
  return bytes;
};
// What the run writes for itself, removed when it ends, however it ends.
const written = [];
// The portal's reference is written into a copy of tests/e2e/portal/ (the
// source tree stays as it is), its embeds beside Gazette's own.
const portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-portal-'));
const removeWritten = () => {
  for (const file of written) fs.rmSync(file, { force: true });
  fs.rmSync(portalDir, { recursive: true, force: true });
};
let stopGazette;
let stopPortal;
try {
  written.push(
    ...writeWithCopies(
      `dist/articles/${REFERENCE}.html`,
      withoutScripts(fs.readFileSync(`dist/articles/${ARTICLE}.html`, 'utf8'), 'the article page'),
    ),
  );
  fs.cpSync('tests/e2e/portal', portalDir, { recursive: true });
  let portalReferenceHtml = withoutScripts(fs.readFileSync(`${portalDir}/${PORTAL_PAGE}`, 'utf8'), 'the portal page').toString();
  const embeds = [...portalReferenceHtml.matchAll(/<iframe src="[^"]*?(\/embed\/[^"]+)"/g)].map((m) => m[1]);
  if (embeds.length !== 3) throw new Error(`the portal page has ${embeds.length} embeds, not 3`);
  for (const embed of embeds) {
    written.push(...writeWithCopies(`dist${embed}-static-reference.html`, withoutScripts(fs.readFileSync(`dist${embed}.html`, 'utf8'), embed)));
    portalReferenceHtml = portalReferenceHtml.replace(`${embed}"`, `${embed}-static-reference"`);
  }
  fs.writeFileSync(`${portalDir}/${PORTAL_REFERENCE}`, portalReferenceHtml);
  stopGazette = await serveDist();
  stopPortal = await serveStatic(portalDir, PORTAL_PORT);
} catch (error) {
  await stopGazette?.();
  removeWritten();
  throw error;
}
const stop = async () => {
  await stopPortal();
  await stopGazette();
  removeWritten();
};
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', ...chromiumArgs] });
const failures = [];
const rows = [];
try {
  for (const page of pages) {
    // A run Lighthouse itself could not measure (runtimeError, e.g. NO_FCP
    // when the machine was starved) is run again, at most twice, and said;
    // a measured run counts as it is.
    let lhr;
    for (let attempt = 1; attempt <= 3; attempt++) {
      ({ lhr } = await lighthouse(page.url, { port: chrome.port, logLevel: 'error', output: 'json' }));
      if (!lhr.runtimeError) break;
      console.log(`${page.name}: Lighthouse could not measure (${lhr.runtimeError.code}: ${lhr.runtimeError.message}); attempt ${attempt} of 3`);
    }
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const metric = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const row = {
      page: page.name,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      si: metric('speed-index'),
    };
    rows.push(row);
    // A portal's frames start at the embed code's height and then fit
    // their content, which shifts the portal's text below them: reported,
    // not budgeted.
    if (!page.portal && !(row.cls <= maximumCls)) failures.push(`${page.name}: CLS ${row.cls} > ${maximumCls}`);
    for (const id of ['accessibility', 'best-practices', 'seo']) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit?.score !== null && audit?.score < 1) failures.push(`${page.name}: ${id}: ${audit.title}`);
      }
    }
  }
} finally {
  await chrome.kill();
  await stop();
}

const s = (ms) => (ms / 1000).toFixed(2);
console.log(`Lighthouse ${lighthouse.version ?? '12'} (mobile, simulated slow 4G, 4x CPU) on ${origin}, the portal on port ${PORTAL_PORT}`);
console.log('| page | performance | accessibility | best practices | SEO | FCP s | LCP s | TBT ms | CLS | speed index s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.page} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} | ${s(r.fcp)} | ${s(r.lcp)} | ${Math.round(r.tbt)} | ${r.cls.toFixed(4)} | ${s(r.si)} |`);
}
// The median of one figure over a page's runs.
const median = (name, figure) => {
  const values = rows.filter((r) => r.page === name).map((r) => r[figure]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
const portalNames = new Set(pages.filter((p) => p.portal).map((p) => p.name));
for (const name of new Set(pages.map((p) => p.name))) {
  const runs = rows.filter((r) => r.page === name).length;
  const medians = Object.keys(minimum).map((category) => [category, median(name, category)]);
  console.log(`${name}, medians of ${runs}: ${medians.map(([c, v]) => `${c} ${v}`).join(', ')}, TBT ${Math.round(median(name, 'tbt'))} ms`);
  for (const [category, value] of medians) {
    // The portal's performance floor is its reference's (below).
    if (portalNames.has(name) && category === 'performance') continue;
    if (!(value >= minimum[category])) failures.push(`${name}: ${category} ${value} < ${minimum[category]} (median of ${runs})`);
  }
}
const [portalPerformance, portalReferencePerformance] = [median(portal.name, 'performance'), median(portalReference.name, 'performance')];
console.log(
  `portal's performance against its static reference, medians of ${PORTAL_PAIRED_RUNS}: ${portalPerformance} against ${portalReferencePerformance} (at most ${maximumPortalPerformanceBelowReference} below)`,
);
if (!(portalPerformance >= portalReferencePerformance - maximumPortalPerformanceBelowReference)) {
  failures.push(`${portal.name}: performance ${portalPerformance}, more than ${maximumPortalPerformanceBelowReference} below its static reference's ${portalReferencePerformance} (medians of ${PORTAL_PAIRED_RUNS})`);
}
const [articleLcp, referenceLcp] = [median(article.name, 'lcp'), median(staticReference.name, 'lcp')];
const ratio = articleLcp / referenceLcp;
console.log(`article LCP against its static reference, medians of ${PAIRED_RUNS}: ${s(articleLcp)} / ${s(referenceLcp)} s = ${ratio.toFixed(2)}x (at most ${maximumLcpRatio}x)`);
if (!(ratio <= maximumLcpRatio)) failures.push(`article LCP ${ratio.toFixed(2)}x its static reference's, over ${maximumLcpRatio}x`);
console.log(`thresholds (each page's median): performance >= ${minimum.performance} (the portal's: at most ${maximumPortalPerformanceBelowReference} below its static reference's), accessibility, best practices and SEO = 100; every run: no failed accessibility, best-practices or SEO audit, CLS <= ${maximumCls} (not on the portal), article LCP <= ${maximumLcpRatio}x the static reference's`);
if (failures.length) {
  console.error(`\nLighthouse budget failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('Lighthouse budget met.');
