// Compares two builds of the same site file for file: the test of a change
// that must not change what the build writes (a refactoring). Every file is
// compared byte for byte, and each .gz and .br copy must decompress to its
// file, with two allowances for what differs between any two builds of the
// same source: the JS glue's name (Trunk's minifier orders the glue anew on
// each build, and the build names the file after its bytes; the names are
// made equal before comparing) and the manifest's keys, which are hashes of
// the template that names the glue (its list of files is compared).
//
// Usage: node scripts/same-output.mjs BEFORE AFTER [--except FILE...]
// Prints each difference and exits 1 if there is one.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [before, after, ...rest] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node scripts/same-output.mjs BEFORE AFTER [--except FILE...]');
  process.exit(2);
}
const except = new Set(rest[0] === '--except' ? rest.slice(1) : []);
const MANIFEST = '.gazette/manifest.json';

function files(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && !f.endsWith('.gazette/lock'))
    .sort();
}
const glue = (list) => list.find((f) => /^gazette-[0-9a-f]+\.js$/.test(f));
const [a, b] = [files(before), files(after)];
const [glueA, glueB] = [glue(a), glue(b)];
const same = (name) => (glueB && glueA ? name.replaceAll(glueB, glueA) : name);

const differences = [];
const inB = new Set(b.map(same));
const inA = new Set(a);
for (const f of a) if (!inB.has(f) && !except.has(f)) differences.push(`only in ${before}: ${f}`);
for (const f of b) if (!inA.has(same(f)) && !except.has(same(f))) differences.push(`only in ${after}: ${f}`);

const plain = (file, bytes) =>
  file.endsWith('.gz') ? zlib.gunzipSync(bytes) : file.endsWith('.br') ? zlib.brotliDecompressSync(bytes) : bytes;
for (const f of b) {
  const name = same(f);
  if (!inA.has(name) || except.has(name)) continue;
  const [x, y] = [fs.readFileSync(path.join(before, name)), fs.readFileSync(path.join(after, f))];
  // A compressed copy must hold its file; the file itself is compared below.
  for (const [dir, file, bytes] of [[before, name, x], [after, f, y]]) {
    const original = file.replace(/\.(gz|br)$/, '');
    if (original !== file && !plain(file, bytes).equals(fs.readFileSync(path.join(dir, original)))) {
      differences.push(`${path.join(dir, file)} is not a copy of ${original}`);
    }
  }
  if (/\.(gz|br)$/.test(name) || name === glueA) continue;
  if (name === MANIFEST) {
    const keys = (bytes) => Object.keys(JSON.parse(bytes).files).map(same).filter((f) => !except.has(f)).sort().join('\n');
    if (keys(x) !== keys(y)) differences.push(`${name}: other files listed`);
    continue;
  }
  const text = (bytes) => same(bytes.toString('latin1'));
  if (!x.equals(y) && text(x) !== text(y)) differences.push(`differs: ${name}`);
}
for (const d of differences) console.log(d);
console.log(`${a.length} files before, ${b.length} after: ${differences.length ? `${differences.length} differences` : 'the same'}`);
process.exit(differences.length ? 1 : 0);
