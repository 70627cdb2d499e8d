// Bytes shipped: every asset of the release build, raw and as served (the
// precompressed .gz and .br copies the build writes), and the totals for a
// first visit to an article and for a client-side navigation to another.
// Usage: node scripts/bench-bytes.mjs [dist] [--ceiling KB]   (after trunk build --release)
// With --ceiling (scripts/test), exits non-zero when the first visit's code
// (WASM + JS + CSS, gzip) is over that many KB: a ratchet at today's size, so
// bytes can only go down until the 120 KB target of the performance issue is met.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const ceilingAt = args.indexOf('--ceiling');
const ceiling = ceilingAt >= 0 ? Number(args.splice(ceilingAt, 2)[1]) * 1024 : null;
const dist = args[0] ?? 'dist';
const size = (file) => (fs.existsSync(file) ? fs.statSync(file).size : NaN);
const row = (file) => ({ file, raw: size(path.join(dist, file)), gz: size(path.join(dist, `${file}.gz`)), br: size(path.join(dist, `${file}.br`)) });
const top = fs.readdirSync(dist);
const find = (re) => top.find((f) => re.test(f));
const assets = {
  wasm: find(/^gazette-[0-9a-f]{16}_bg\.wasm$/),
  js: find(/^gazette-[0-9a-f]{16}\.js$/),
  css: find(/^main-[0-9a-f]{16}\.css$/),
  boot: 'boot.js',
};
const article = 'articles/kfor-troop-levels-since-1999.html';
const other = 'api/v1/articles/kfor-refrain-from-provocations.json';
const rows = [row(article), row(assets.boot), row(assets.js), row(assets.wasm), row(assets.css)];
const kb = (n) => (Number.isNaN(n) ? '-' : (n / 1024).toFixed(1));
console.log('| asset | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`);
const sum = (list, k) => list.reduce((t, r) => t + r[k], 0);
const code = rows.slice(1);
console.log(`| **first visit, code (WASM + JS + CSS)** | ${kb(sum(code, 'raw'))} | ${kb(sum(code, 'gz'))} | ${kb(sum(code, 'br'))} |`);
console.log(`| **first visit, all (HTML with its data + code)** | ${kb(sum(rows, 'raw'))} | ${kb(sum(rows, 'gz'))} | ${kb(sum(rows, 'br'))} |`);
const nav = row(other);
console.log(`| **client-side navigation to another article (${path.basename(other)})** | ${kb(nav.raw)} | ${kb(nav.gz)} | ${kb(nav.br)} |`);
const target = 120 * 1024;
const shipped = sum(code, 'gz');
console.log(`\ntarget: first visit's code ${kb(shipped)} KB gzip against ${kb(target)} KB: ${shipped <= target ? 'within' : 'OVER'}`);
if (rows.some((r) => Number.isNaN(r.gz))) {
  console.error('missing asset or compressed copy (is this a release build?)');
  process.exit(1);
}
if (ceiling !== null) {
  console.log(`ceiling: ${kb(shipped)} KB gzip against ${kb(ceiling)} KB: ${shipped <= ceiling ? 'within' : 'OVER'}`);
  if (!(shipped <= ceiling)) process.exit(1);
}
