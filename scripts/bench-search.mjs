// Search side by side with the anchor: Gazette's engine and Pagefind on the
// same built site, in the same Chromium, measured the same way. A benchmark
// that prints figures, not a test.
//
//   cargo run --release -p xtask -- bench-site 10000   # builds target/bench/site-10000
//   node scripts/bench-search.mjs [target/bench/site-10000]
//
// Pagefind (npx pagefind@PAGEFIND, fetched from npm on first use) indexes
// the site's prerendered article pages into a folder beside it; its build
// time is printed. Then, for each query, a fresh page asks each engine and
// this prints the files it fetched, their bytes as served (the build's
// brotli copy; for Pagefind's own files, which it gzips itself, the smaller
// of the file and its brotli), and the sequential rounds of requests.
// Finally both scripts' words: what Pagefind finds of a Serbian word
// written in the other script, or without its diacritics, on three pages
// in sr-Latn, sr-Cyrl and en (Gazette's answers are tested by the search
// journeys and contract/src/search/).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchChromium, serveStatic, brotli } from './lib/site.mjs';

const PAGEFIND = '1.6.0';
const site = process.argv[2] ?? 'target/bench/site-10000';
const QUERIES = ['kosovo', 'kfor troops', 'barric', 'kalomi', 'drazeko vinje', 'nju'];
const PORT = 4199;
// Every answer 40 ms late, as over a network (a phone's round trip is
// longer): rounds of requests are then what they would be there, not
// what a loopback's timing makes of requests a few milliseconds apart.
const LATENCY_MS = 40;
const origin = `http://127.0.0.1:${PORT}`;

if (!fs.existsSync(path.join(site, 'api/v1/search/index.json'))) {
  throw new Error(`${site}: build it first (cargo run --release -p xtask -- bench-site 10000)`);
}

/** Runs Pagefind over `dir`'s article pages; returns seconds taken. */
function pagefind(dir, glob) {
  const started = performance.now();
  execFileSync('npx', ['--yes', `pagefind@${PAGEFIND}`, '--site', dir, '--glob', glob, '--root-selector', 'main', '--output-subdir', 'pagefind'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1e3;
}

/** A served URL's bytes on the wire, as described above. */
function served(url) {
  const file = path.join(site, decodeURIComponent(new URL(url).pathname));
  if (fs.existsSync(`${file}.br`)) return fs.statSync(`${file}.br`).size;
  if (!fs.existsSync(file)) return 0;
  const bytes = fs.readFileSync(file);
  return Math.min(bytes.length, brotli(bytes).length);
}

/** Sequential rounds: a request starting after another ended is one round later. */
function rounds(unordered) {
  const entries = [...unordered].sort((a, b) => a.startTime - b.startTime);
  const round = [];
  for (const e of entries) {
    const before = entries.map((o, i) => (o.responseEnd <= e.startTime && round[i] ? round[i] : 0));
    round.push(1 + Math.max(0, ...before));
  }
  return Math.max(0, ...round);
}

function summary(entries) {
  const bytes = entries.reduce((sum, e) => sum + served(e.name), 0);
  return `${(bytes / 1e3).toFixed(1)} KB brotli, ${entries.length} requests in ${rounds(entries)} rounds`;
}

/** Records every request `page` makes that `pattern` matches, its own and
 * its workers' (the Performance API sees only the page's own, not the
 * engine's WASM a worker fetches). */
function recorder(page, pattern) {
  const seen = [];
  page.on('requestfinished', (request) => {
    if (!new RegExp(pattern).test(request.url())) return;
    const t = request.timing();
    seen.push({ name: request.url(), startTime: t.startTime, responseEnd: t.startTime + Math.max(0, t.responseEnd) });
  });
  return seen;
}

const GAZETTE_FILES = '/api/v1/search/|search-(engine|worker)';
const PAGEFIND_FILES = '/pagefind/';

/** Pagefind, through its JS API on the page's origin: how many results,
 * and the data of the first `shown` (as its UI loads them). */
async function pagefindQuery(page, query, shown) {
  return page.evaluate(async ([q, n]) => {
    window.pf ??= await import('/pagefind/pagefind.js');
    const search = await window.pf.search(q);
    const data = await Promise.all(search.results.slice(0, n).map((r) => r.data()));
    return { total: search.results.length, data };
  }, [query, shown]);
}

/** Gazette, through its search page: the first query by address, a
 * further one typed; the status line it ends with. */
async function gazetteQuery(page, q, first) {
  if (first) await page.goto(`${origin}/search?q=${encodeURIComponent(q)}`);
  else await page.fill('#search-q', q);
  await page.waitForFunction((text) => (document.querySelector('.search-status')?.textContent ?? '').includes(`“${text}”`) && !document.querySelector('[aria-busy]'), q);
  return page.locator('.search-status').textContent();
}

const indexing = pagefind(site, 'articles/*.html');
const index = path.join(site, 'pagefind');
const files = fs.readdirSync(index, { recursive: true }).filter((f) => fs.statSync(path.join(index, f)).isFile());
const indexBytes = files.reduce((sum, f) => sum + fs.statSync(path.join(index, f)).size, 0);
console.log(`Pagefind ${PAGEFIND}: indexed the article pages in ${indexing.toFixed(1)} s; ${files.length} files, ${(indexBytes / 1e6).toFixed(1)} MB`);

process.env.LATENCY_MS = String(LATENCY_MS);
const stop = await serveStatic(site, PORT);
const browser = await launchChromium();
try {
  for (const [name, pattern, ask] of [
    ['Gazette', GAZETTE_FILES, gazetteQuery],
    ['Pagefind', PAGEFIND_FILES, async (page, q, first) => {
      if (first) await page.goto(`${origin}/404`);
      const { total, data } = await pagefindQuery(page, q, 10);
      return `${total} results; first: ${data[0]?.meta?.title ?? '-'}`;
    }],
  ]) {
    for (const query of QUERIES) {
      const page = await browser.newPage();
      const seen = recorder(page, pattern);
      const answer = await ask(page, query, true);
      const first = seen.splice(0);
      // A further query in the same page: what it adds.
      const next = query === 'kosovo' ? 'kfor' : 'kosovo';
      await ask(page, next, false);
      const further = seen.splice(0);
      console.log(`${name} "${query}": ${answer}; first query ${summary(first)}; then "${next}" ${summary(further)}`);
      await page.close();
    }
  }
  // Drawing: from the end of the last file a query needed to its results
  // on screen (the status line final and no longer busy), at 4x CPU as
  // the 50 ms goal says: the engine reading the fragments and
  // making the snippets, its reply, and the page drawing it. DevTools'
  // throttling slows the page's thread and not the worker's (measured: a
  // loop of 3e7 steps 43 -> 206 ms on the page's thread at 4x, 41 ms in a
  // worker), so the engine's share is unthrottled.
  // Five runs of each, each on a fresh page: one run on this 2-core
  // machine ranged from half to twice the median.
  const runs = new Map();
  for (let run = 0; run < 5; run += 1) for (const query of QUERIES) {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.drawn = [];
      new MutationObserver(() => {
        const text = document.querySelector('.search-status')?.textContent ?? '';
        if (text.includes('“') && !document.querySelector('[aria-busy]')) window.drawn.push({ text, at: performance.timeOrigin + performance.now() });
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const seen = recorder(page, GAZETTE_FILES);
    const next = query === 'kosovo' ? 'kfor' : 'kosovo';
    for (const [q, first] of [[query, true], [next, false]]) {
      await gazetteQuery(page, q, first);
      await page.waitForTimeout(200); // the last requestfinished events
      const drawn = await page.evaluate((text) => window.drawn.find((d) => d.text.includes(`“${text}”`))?.at, q);
      const data = Math.max(...seen.splice(0).map((e) => e.responseEnd));
      const key = first ? `"${q}" first` : `"${query}" then "${q}"`;
      runs.set(key, [...(runs.get(key) ?? []), drawn - data]);
    }
    await page.close();
  }
  const drawing = [...runs].map(([key, times]) => {
    const sorted = times.sort((a, b) => a - b);
    return `${key} ${sorted[2].toFixed(0)} ms (${sorted[0].toFixed(0)}-${sorted[4].toFixed(0)})`;
  });
  console.log(`Gazette, results drawn after the last file arrived, CPU 4x, median of 5 (range): ${drawing.join(', ')}`);
} finally {
  await browser.close();
  await stop();
}

// Both scripts, on three pages of our own (fictional).
const scripts = fs.mkdtempSync('/tmp/gazette-scripts-');
const write = (name, lang, title, text) =>
  fs.writeFileSync(path.join(scripts, name), `<!doctype html><html lang="${lang}"><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`);
write('latin.html', 'sr-Latn', 'Marković u Kosovu', 'Jelena Marković piše o putevima na Kosovu i barikadama.');
write('cyrillic.html', 'sr-Cyrl', 'Марковић о Косову', 'Јелена Марковић пише о путевима на Косову и барикадама.');
write('english.html', 'en', 'Troops in Kosovo', 'The troops removed the barricades on the roads of Kosovo.');
pagefind(scripts, '*.html');
const stopScripts = await serveStatic(scripts, PORT);
const browser2 = await launchChromium();
try {
  // Pagefind searches the index of the page's language (its <html lang>).
  for (const from of ['latin.html', 'cyrillic.html', 'english.html']) {
    const page = await browser2.newPage();
    await page.goto(`${origin}/${from}`);
    for (const query of ['Marković', 'markovic', 'Марковић', 'Kosovo', 'Косово', 'barikade', 'барикаде', 'troop']) {
      const { data } = await pagefindQuery(page, query, Infinity);
      const found = data.map((d) => d.url.replace(/.*\//, '')).sort();
      console.log(`Pagefind, both scripts, from ${from}: "${query}" finds ${found.join(', ') || 'nothing'}`);
    }
    await page.close();
  }
} finally {
  await browser2.close();
  await stopScripts();
  fs.rmSync(scripts, { recursive: true });
}
