// The benchmark command (separate from the tests): what Gazette costs a
// reader, side by side with the limit a reader could get, a plain static HTML
// page with the same content and CSS and no script (Gazette's own rendered
// page, frozen, scripts removed). Prints Markdown tables for BENCHMARKS.md:
//   - bytes per asset and per visit (scripts/bench-bytes.mjs);
//   - navigation start to headline painted, to fully rendered, to interactive,
//     for the front page and an article, with the CPU slowed 4x;
//   - client-side navigation, click to the next article's headline painted;
//   - render time for articles of 10 to 5,000 blocks (the contract's limit), and how it grows;
//   - JS heap (and WASM memory) after rendering the biggest article.
// Every figure is the median of RUNS page loads in headless Chromium.
// Usage: node scripts/bench.mjs   (after trunk build --release)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { chromiumPath, launchChromium, serveStatic } from './lib/site.mjs';
import { reachForLink } from '../tests/e2e/navigate.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4179);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CPU_SLOWDOWN = 4;
const SIZES = [10, 100, 1_000, 5_000]; // 5,000: model::limits::MAX_BLOCKS
const SITE = 'target/bench-site';
const origin = `http://127.0.0.1:${PORT}`;
const ARTICLE = 'kfor-troop-levels-since-1999';

// A synthetic article of n blocks: paragraphs, with a subheading, a quote and
// a list in every ten, like a long live page.
function syntheticArticle(n) {
  const base = JSON.parse(fs.readFileSync(`dist/api/v1/articles/${ARTICLE}.json`, 'utf8'));
  const body = Array.from({ length: n }, (_, i) => {
    const text = `Block ${i + 1} of ${n}. A paragraph of ordinary length, long enough to wrap over two or three lines on a phone, as a news story's paragraphs do.`;
    switch (i % 10) {
      case 4: return { type: 'subheading', text: `Section ${i + 1}` };
      case 7: return { type: 'quote', text, attribution: 'A speaker' };
      case 9: return { type: 'list', ordered: false, items: [[{ text: 'One point' }], [{ text: 'Another point' }]] };
      default: return { type: 'paragraph', content: [{ text }] };
    }
  });
  return { ...base, slug: `bench-blocks-${n}`, headline: `An article of ${n} blocks`, body, related: [] };
}

// The site: the release build, the synthetic articles, and (written below)
// the static reference pages under /reference/.
fs.rmSync(SITE, { recursive: true, force: true });
fs.cpSync('dist', SITE, { recursive: true });
for (const n of SIZES) fs.writeFileSync(`${SITE}/api/v1/articles/bench-blocks-${n}.json`, JSON.stringify(syntheticArticle(n)));
fs.mkdirSync(`${SITE}/reference/articles`, { recursive: true });

const stopServer = await serveStatic(SITE, PORT);
const browser = await launchChromium();

// Records, in the page, the moments the figures are made of.
const probe = () => {
  const m = (window.__bench = { headline: [], longTaskEnd: 0 });
  // Element Timing for the page's headline, whoever rendered it (marked
  // before it paints: mutation records are delivered before the next frame).
  new MutationObserver(() => {
    for (const h1 of document.querySelectorAll('main h1:not([elementtiming])')) h1.setAttribute('elementtiming', 'headline');
  }).observe(document, { childList: true, subtree: true });
  const paintedAfter = (key) => requestAnimationFrame(() => setTimeout(() => { m[key] = performance.now(); }, 0));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === 'headline') m.headline.push({ at: e.renderTime || e.loadTime, text: e.element?.textContent ?? '' });
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longTaskEnd = Math.max(m.longTaskEnd, e.startTime + e.duration);
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('DOMContentLoaded', () => { m.dcl = performance.now(); paintedAfter('dclPainted'); });
  addEventListener('load', () => { m.load = performance.now(); paintedAfter('loadPainted'); });
  new MutationObserver(() => {
    if (m.live === undefined && document.documentElement.dataset.app === 'live') { m.live = performance.now(); paintedAfter('livePainted'); }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
  addEventListener('click', () => { sessionStorage.benchClickAt = String(performance.timeOrigin + performance.now()); }, true);
};

// The reader reaches for a link as soon as the page is parsed, so the app
// loads at once: the most the app can cost a page load (docs/loading.md).
const reachAtOnce = `addEventListener('DOMContentLoaded', ${reachForLink});`;

async function openPage({ reach = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  await page.addInitScript(probe);
  if (reach) await page.addInitScript({ content: reachAtOnce });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { page, cdp, close: () => context.close() };
}

const isReference = (path) => path.startsWith('/reference/');
const settle = async (page, live) => {
  if (live) await page.waitForSelector('html[data-app=live]', { timeout: 60_000 });
  await page.waitForFunction(() => window.__bench.loadPainted !== undefined && (document.documentElement.dataset.app !== 'live' || window.__bench.livePainted !== undefined));
  await page.waitForTimeout(live ? 500 : 1000);
  if (!live && (await page.evaluate(() => document.documentElement.dataset.app === 'live'))) failures.push(`${page.url()}: the app loaded without the reader reaching for anything`);
};

// One page load: headline painted, fully rendered (page loaded and, if the
// reader reached for a link, the app live, then painted), interactive (that
// and the last long task over; links work without the app).
async function load(path, reach = false) {
  const { page, close } = await openPage({ reach });
  await page.goto(`${origin}${path}`);
  await settle(page, reach);
  const m = await page.evaluate(() => window.__bench);
  await close();
  const headline = Math.min(...m.headline.map((h) => h.at));
  const full = Math.max(m.loadPainted, m.livePainted ?? 0);
  const interactive = Math.max(m.live ?? m.dcl, m.longTaskEnd);
  return { headline, full, interactive };
}

// Click the first related article; time to the new headline painted.
async function navigate(path) {
  const live = !isReference(path);
  const { page, close } = await openPage({ reach: live });
  await page.goto(`${origin}${path}`);
  await settle(page, live);
  const before = await page.locator('main h1').textContent();
  await page.locator('.related a').first().click();
  await page.waitForFunction((old) => {
    const h1 = document.querySelector('main h1');
    return h1 && h1.textContent !== old && window.__bench?.headline.some((h) => h.text === h1.textContent);
  }, before, { timeout: 60_000 });
  const ms = await page.evaluate(() => {
    const h1 = document.querySelector('main h1').textContent;
    const entry = window.__bench.headline.find((h) => h.text === h1);
    return performance.timeOrigin + entry.at - Number(sessionStorage.benchClickAt);
  });
  await close();
  return ms;
}

// Render an article of n blocks: Gazette from the later of its JSON arriving
// and the app starting, to the last block painted; the reference from its HTML's first byte to the frame after
// the whole document is parsed (images may still be loading in both). Also
// the memory afterwards.
async function renderBlocks(n, reference) {
  const { page, cdp, close } = await openPage();
  await page.addInitScript(() => {
    // WASM linear memory is not in the JS heap: keep a handle to measure it.
    // (boot.js compiles the module first, so it is instantiated from a
    // Module, which gives an Instance; from bytes or a stream, {instance}.)
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = async (...args) => {
        const result = await original(...args);
        const instance = result instanceof WebAssembly.Instance ? result : result.instance;
        window.__wasmMemory = instance.exports.memory;
        return result;
      };
    }
  });
  await page.addInitScript((count) => {
    // The frame after the last block is in the document.
    new MutationObserver((_, observer) => {
      if (document.querySelectorAll('.article-body > *').length >= count) {
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => { window.__rendered = performance.now(); }, 0));
      }
    }).observe(document, { childList: true, subtree: true });
  }, n);
  const path = reference ? `/reference/articles/bench-blocks-${n}.html` : `/articles/bench-blocks-${n}`;
  await page.goto(`${origin}${path}`, { timeout: 120_000 });
  if (reference) {
    await page.waitForFunction(() => window.__bench.dclPainted !== undefined, null, { timeout: 120_000 });
  } else {
    await page.waitForFunction(() => window.__rendered !== undefined, null, { timeout: 120_000 });
  }
  const ms = await page.evaluate(({ n, reference }) => {
    if (reference) return window.__bench.dclPainted - performance.getEntriesByType('navigation')[0].responseStart;
    // From the moment the app has both its code and the data (boot.js may
    // have fetched the JSON before the WASM).
    const json = performance.getEntriesByType('resource').find((e) => e.name.endsWith(`bench-blocks-${n}.json`));
    return window.__rendered - Math.max(json.responseEnd, window.__bench.live);
  }, { n, reference });
  const blocks = await page.locator('.article-body > *').count();
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  let html = null;
  if (!reference) html = await page.evaluate(() => document.documentElement.outerHTML);
  await close();
  return { ms, blocks, heap: usedSize, wasm, html };
}

// The static reference: a page as Gazette rendered it, without any script.
function freeze(html) {
  return `<!doctype html>\n${html
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<link[^>]*rel="?(modulepreload|preload)"?[^>]*>/g, '')
    .replace(/ data-app="live"/, '')
    .replace(/href="\/articles\/([a-z0-9-]+)"/g, 'href="/reference/articles/$1.html"')}`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const repeat = async (fn) => {
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await fn());
  return results;
};

const failures = [];
const lines = [];
try {
  // Reference pages for the front page and the articles, from the prerendered HTML.
  const articles = fs.readdirSync('dist/articles').filter((f) => f.endsWith('.html'));
  for (const file of articles) fs.writeFileSync(`${SITE}/reference/articles/${file}`, freeze(fs.readFileSync(`dist/articles/${file}`, 'utf8').replace(/^<!doctype html>/i, '')));
  fs.writeFileSync(`${SITE}/reference/index.html`, freeze(fs.readFileSync('dist/index.html', 'utf8').replace(/^<!doctype html>/i, '')));

  lines.push(`### Page loads (CPU slowed ${CPU_SLOWDOWN}x, 412 x 823 viewport, no network throttling; median of ${RUNS}, ms)`, '');
  lines.push('Gazette twice: a reader who reads (the app never loads), and a reader who reaches for a link as soon as the page is parsed (the app loads at once, the most it can cost).', '');
  lines.push('| page | | headline painted | fully rendered | interactive |', '|---|---|---:|---:|---:|');
  for (const [name, path, ref] of [['front page', '/', '/reference/index.html'], ['article', `/articles/${ARTICLE}`, `/reference/articles/${ARTICLE}.html`]]) {
    const reads = await repeat(() => load(path));
    const reaches = await repeat(() => load(path, true));
    const r = await repeat(() => load(ref));
    const cells = (runs) => ['headline', 'full', 'interactive'].map((k) => median(runs.map((x) => x[k])));
    const ref_ = cells(r);
    const row = (label, values) => lines.push(`| | ${label} | ${values.map((v) => v.toFixed(0)).join(' | ')} |`);
    const ratio = (label, values) => lines.push(`| | ${label} | ${values.map((v, i) => `${(v / ref_[i]).toFixed(2)}x`).join(' | ')} |`);
    lines.push(`| **${name}** | | | | |`);
    row('Gazette, reader reads', cells(reads));
    row('Gazette, reader reaches for a link at once', cells(reaches));
    row('static reference', ref_);
    ratio('ratio, reads', cells(reads));
    ratio('ratio, reaches at once', cells(reaches));
  }

  const gNav = median(await repeat(() => navigate(`/articles/${ARTICLE}`)));
  const rNav = median(await repeat(() => navigate(`/reference/articles/${ARTICLE}.html`)));
  lines.push('', `### Navigation to a related article (click to its headline painted, CPU ${CPU_SLOWDOWN}x, median of ${RUNS})`, '');
  lines.push('| | ms |', '|---|---:|', `| Gazette, client-side | ${gNav.toFixed(0)} |`, `| static reference, full page load | ${rNav.toFixed(0)} |`, `| ratio | ${(gNav / rNav).toFixed(2)}x |`);

  lines.push('', `### Render time by article length (CPU ${CPU_SLOWDOWN}x, median of ${RUNS})`, '');
  lines.push('Gazette: from the later of the article JSON arriving and the app starting, to the last block painted. Static reference: from the first byte of its HTML to the frame after it is parsed.', '');
  lines.push('| blocks | Gazette ms | µs per block | reference ms | µs per block | ratio |', '|---:|---:|---:|---:|---:|---:|');
  const growth = [];
  let biggest = null;
  for (const n of SIZES) {
    const g = await repeat(() => renderBlocks(n, false));
    if (g.some((x) => x.blocks !== n)) failures.push(`Gazette rendered ${g.map((x) => x.blocks)} blocks of ${n}`);
    fs.writeFileSync(`${SITE}/reference/articles/bench-blocks-${n}.html`, freeze(g[0].html));
    const r = await repeat(() => renderBlocks(n, true));
    const gm = median(g.map((x) => x.ms));
    const rm = median(r.map((x) => x.ms));
    growth.push({ n, perBlock: gm / n });
    lines.push(`| ${n.toLocaleString('en')} | ${gm.toFixed(0)} | ${((gm * 1000) / n).toFixed(0)} | ${rm.toFixed(0)} | ${((rm * 1000) / n).toFixed(0)} | ${(gm / rm).toFixed(2)}x |`);
    biggest = { n, g: g.at(-1), r: r.at(-1) };
  }
  const mib = (b) => (b / 1048576).toFixed(1);
  const [, , thousand, largest] = growth;
  const ratio = largest.perBlock / thousand.perBlock;
  lines.push('', `Cost per block, 5,000 vs 1,000 blocks: ${ratio.toFixed(2)}x (linear or better: at most 1.5x).`);
  if (ratio > 1.5) failures.push(`render cost per block grows ${ratio.toFixed(2)}x from 1,000 to 5,000 blocks`);

  lines.push('', `### Memory after rendering the ${biggest.n.toLocaleString('en')}-block article`, '');
  lines.push('| | JS heap MiB | WASM memory MiB | total MiB |', '|---|---:|---:|---:|');
  lines.push(`| Gazette | ${mib(biggest.g.heap)} | ${mib(biggest.g.wasm)} | ${mib(biggest.g.heap + biggest.g.wasm)} |`);
  lines.push(`| static reference | ${mib(biggest.r.heap)} | - | ${mib(biggest.r.heap)} |`);
  lines.push('', '(WASM linear memory only grows, so its size is its peak; the JS heap is read before any forced garbage collection.)');
} finally {
  await browser.close();
  await stopServer();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const chromiumVersion = execFileSync(chromiumPath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
console.log(`## Benchmarks: ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${chromiumVersion}, headless\n`);
console.log('### Bytes (release build, as served)\n');
console.log(execFileSync('node', ['scripts/bench-bytes.mjs']).toString().trim());
console.log(`\n${lines.join('\n')}`);
if (failures.length) {
  console.error(`\nFAIL:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
