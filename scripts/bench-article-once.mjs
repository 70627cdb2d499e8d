// Issue 13, "the article once": what the article page's embedded copy of its
// JSON costs. Serves dist/ with nginx (deploy/nginx/), writes beside the
// sample article a copy of its page without the embedded JSON (with .gz and
// .br copies made as the build makes them: gzip -9, brotli 5; its JSON is
// served beside it, which boot.js then prefetches), prints both
// pages' bytes and runs Lighthouse (mobile, simulated slow 4G, 4x CPU) on
// each, alternating, RUNS times. A benchmark that prints figures, not a test.
// Usage: node scripts/bench-article-once.mjs [RUNS]   (after trunk build --release)
import fs from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveDist, origin, chromiumArgs, chromiumPath, gzip as gz, brotli as br, writeWithCopies } from './lib/site.mjs';

const runs = Number(process.argv[2] ?? 5);
const slug = 'kfor-troop-levels-since-1999';
const page = `dist/articles/${slug}.html`;
const variant = `dist/articles/${slug}-without-data.html`;
const html = fs.readFileSync(page);
const stripped = Buffer.from(html.toString('utf8').replace(/<script type="application\/json" id="gazette-data"[^>]*>[\s\S]*?<\/script>/, ''));
if (stripped.length === html.length) throw new Error(`${page}: no embedded JSON found`);
const json = fs.readFileSync(`dist/api/v1/articles/${slug}.json`);
const sizes = (b) => `${(b.length / 1024).toFixed(1)} / ${(gz(b).length / 1024).toFixed(1)} / ${(br(b).length / 1024).toFixed(1)}`;
console.log('| the article page | raw / gzip / brotli KB |\n|---|---:|');
console.log(`| as built (JSON embedded) | ${sizes(html)} |`);
console.log(`| without the embedded JSON | ${sizes(stripped)} |`);
console.log(`| the article's JSON alone (what the app would fetch instead) | ${sizes(json)} |`);

// The variant's own document, so that boot.js's prefetch of the route's
// JSON (what a page without the embedded copy does) finds it, as it would.
const variantJson = `dist/api/v1/articles/${slug}-without-data.json`;
const written = [...writeWithCopies(variant, stripped), ...writeWithCopies(variantJson, json)];
const stop = await serveDist();
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', ...chromiumArgs] });
const results = { built: [], stripped: [] };
try {
  for (let run = 0; run < runs; run++) {
    for (const [name, path] of [['built', `/articles/${slug}`], ['stripped', `/articles/${slug}-without-data`]]) {
      const { lhr } = await lighthouse(`${origin}${path}`, { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: ['performance'] });
      if (lhr.runtimeError) { console.log(`${name}: not measured (${lhr.runtimeError.code})`); continue; }
      results[name].push({ lcp: lhr.audits['largest-contentful-paint'].numericValue, fcp: lhr.audits['first-contentful-paint'].numericValue });
    }
  }
} finally {
  await chrome.kill();
  await stop();
  for (const f of written) fs.rmSync(f, { force: true });
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const range = (xs) => `${(Math.min(...xs) / 1000).toFixed(2)}-${(Math.max(...xs) / 1000).toFixed(2)}`;
console.log(`\n| Lighthouse, ${runs} runs each | LCP median s | LCP range s | FCP median s |\n|---|---:|---:|---:|`);
for (const [name, label] of [['built', 'as built (JSON embedded)'], ['stripped', 'without the embedded JSON']]) {
  const r = results[name];
  if (!r.length) continue;
  console.log(`| ${label} | ${(median(r.map((x) => x.lcp)) / 1000).toFixed(2)} | ${range(r.map((x) => x.lcp))} | ${(median(r.map((x) => x.fcp)) / 1000).toFixed(2)} |`);
}
