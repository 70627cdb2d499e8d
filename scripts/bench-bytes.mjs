// Bytes shipped: every asset of the release build, raw and as served (the
// precompressed .gz and .br copies the build writes), and the totals for a
// first visit to an article (a reader who reads: the prerendered page, which
// carries the loader, boot.js, inline, and its CSS; the app loads only when
// the reader reaches for a link or control, docs/loading.md), for the app
// when it loads, and for a client-side navigation to another article.
// boot.js as a file is what embeds load.
// Usage: node scripts/bench-bytes.mjs [dist] [--ceiling KB]   (after trunk build --release)
// Exits non-zero when the first visit's code is over the performance issue's
// 120 KB gzip budget, and with --ceiling (scripts/test) when the app (JS glue
// + WASM) is over that many KB gzip: a ratchet at today's size.
import fs from 'node:fs';
import path from 'node:path';
import { gzip, brotli } from './lib/site.mjs';

const args = process.argv.slice(2);
const ceilingAt = args.indexOf('--ceiling');
const ceiling = ceilingAt >= 0 ? Number(args.splice(ceilingAt, 2)[1]) * 1024 : null;
const dist = args[0] ?? 'dist';
const size = (file) => (fs.existsSync(file) ? fs.statSync(file).size : NaN);
const row = (file) => ({ file, raw: size(path.join(dist, file)), gz: size(path.join(dist, `${file}.gz`)), br: size(path.join(dist, `${file}.br`)) });
const top = fs.readdirSync(dist);
const find = (re) => top.find((f) => re.test(f));
const assets = {
  wasm: find(/^gazette-[0-9a-f]{12,16}_bg\.wasm$/),
  js: find(/^gazette-[0-9a-f]{12,16}\.js$/),
  css: find(/^main-[0-9a-f]{12,16}\.css$/),
  boot: 'boot.js',
};
const article = 'articles/kfor-troop-levels-since-1999.html';
const other = 'api/v1/articles/kfor-refrain-from-provocations.json';
const page = row(article);
// The loader inline in the page (decision 0017), compressed on its own.
const loader = fs.readFileSync(path.join(dist, article), 'utf8').match(/<script[^>]*\bdata-gazette-wasm=[^>]*>([\s\S]+?)<\/script>/)?.[1];
if (!loader) {
  console.error(`${article}: no inline loader (a <script data-gazette-wasm> with text)`);
  process.exit(1);
}
const inline = { file: 'the loader, inline in the page', raw: Buffer.byteLength(loader), gz: gzip(loader).length, br: brotli(loader).length };
const firstVisit = [inline, row(assets.css)];
const embedLoader = { ...row(assets.boot), file: 'boot.js (the file embeds load)' };
const app = [row(assets.js), row(assets.wasm)];
// Search's engine, a Web Worker started when the reader first uses search
// (decision 0022): its script (glue and start in one file) and its WASM.
const search = ['search-engine.js', 'search-worker_bg.wasm'].map(row);
const kb = (n) => (Number.isNaN(n) ? '-' : (n / 1024).toFixed(1));
const sum = (list, k) => list.reduce((t, r) => t + r[k], 0);
const total = (label, list) => console.log(`| **${label}** | ${kb(sum(list, 'raw'))} | ${kb(sum(list, 'gz'))} | ${kb(sum(list, 'br'))} |`);
console.log('| asset | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|');
for (const r of [page, ...firstVisit, embedLoader, ...app, ...search]) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`);
total('first visit, code (the loader + CSS)', firstVisit);
total('first visit, all (HTML with its data and loader + CSS)', [page, row(assets.css)]);
total('the app, when the reader reaches for a link or control (JS glue + WASM)', app);
total('all code, app included', [...firstVisit, ...app]);
total('search\'s engine, when the reader first uses search (a worker)', search);
const nav = row(other);
total(`client-side navigation to another article (${path.basename(other)})`, [nav]);
const rows = [page, ...firstVisit, embedLoader, ...app, ...search, nav];
const budget = 120 * 1024;
const shipped = sum(firstVisit, 'gz');
console.log(`\nbudget: first visit's code ${kb(shipped)} KB gzip against ${kb(budget)} KB: ${shipped <= budget ? 'within' : 'OVER'}`);
if (rows.some((r) => Number.isNaN(r.gz))) {
  console.error('missing asset or compressed copy (is this a release build?)');
  process.exit(1);
}
if (!(shipped <= budget)) process.exit(1);
if (ceiling !== null) {
  const appCode = sum(app, 'gz');
  console.log(`ceiling: the app's code ${kb(appCode)} KB gzip against ${kb(ceiling)} KB: ${appCode <= ceiling ? 'within' : 'OVER'}`);
  if (!(appCode <= ceiling)) process.exit(1);
}
