// Where the app's code bytes go, by crate: twiggy on the module Trunk built
// before wasm-opt (it still has function names), shallow bytes summed per
// crate. Prints a Markdown table for BENCHMARKS.md.
//
//   node scripts/bench-crates.mjs [module.wasm]   (ROWS=n for more than 20 rows)
//
// Needs `twiggy` (cargo install twiggy). Sizes are of code before wasm-opt
// and compression: use them to compare crates, and bench-bytes.mjs for what
// is shipped.
import { execFileSync } from 'node:child_process';

const module = process.argv[2] || 'target/wasm-bindgen/release/gazette_bg.wasm';
const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', module], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});

// One CSV row: a quoted or bare name, then numbers.
function parseRow(line) {
  let name;
  let rest;
  if (line.startsWith('"')) {
    let i = 1;
    name = '';
    while (i < line.length) {
      if (line[i] === '"' && line[i + 1] === '"') { name += '"'; i += 2; continue; }
      if (line[i] === '"') break;
      name += line[i++];
    }
    rest = line.slice(i + 2);
  } else {
    const comma = line.indexOf(',');
    name = line.slice(0, comma);
    rest = line.slice(comma + 1);
  }
  return { name, bytes: Number(rest.split(',')[0]) };
}

// The crate a symbol belongs to: the impl's own type for `<T as Trait>::f`
// and `<impl Trait for T>`, the first path segment otherwise.
function crateOf(name) {
  if (/^"?function names"? subsection$/.test(name) || name.includes('subsection')) return '(names, stripped by wasm-opt)';
  if (name.startsWith('data segment')) return '(data: strings, tables)';
  let symbol = name;
  const implFor = symbol.match(/^<impl .*? for (.+?)>::/) || symbol.match(/::_::<impl .*? for ([\w:]+)/);
  if (implFor) symbol = implFor[1];
  else if (symbol.startsWith('<')) {
    // `<T as Trait>::f`: the type's crate, or the trait's for a generic or
    // primitive type (`<T as tachys::…>`, `<u32 as core::fmt::Display>`).
    const as = symbol.match(/^<&?(?:mut )?([^ >]+?)(?:\[[0-9a-f]+\])?(?:<.*?>)? as ([\w]+)/);
    const primitive = /^([A-Z]|[iu](8|16|32|64|128|size)|f32|f64|char|str|bool|\[.*\]|\(.*\))$/;
    if (as && primitive.test(as[1])) symbol = as[2];
    else symbol = symbol.slice(1);
    const bare = symbol.match(/^(char|str|bool|[iu](8|16|32|64|128|size)|f32|f64)>/);
    if (bare) symbol = 'core';
  }
  symbol = symbol.replace(/^&(mut )?/, '').replace(/^dyn /, '');
  const [first, second] = symbol.split('::').map((s) => s.replace(/\[[0-9a-f]+\]$/, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(first)) return '(other: glue, closures, tables)';
  // Gazette's own code by module: the contract's parsing, the chart, …
  if (first === 'gazette' && second && /^[a-z_]+$/.test(second)) return `gazette::${second}`;
  return first;
}

const totals = new Map();
const others = [];
let all = 0;
for (const line of csv.trim().split('\n').slice(1)) {
  const { name, bytes } = parseRow(line);
  if (!Number.isFinite(bytes) || name.startsWith('Σ') || name.startsWith('... and')) continue;
  const crate = crateOf(name);
  if (crate.startsWith('(other') && process.env.SHOW_OTHER) others.push([bytes, name]);
  totals.set(crate, (totals.get(crate) || 0) + bytes);
  all += bytes;
}
if (process.env.SHOW_OTHER) console.log(others.sort((a, b) => b[0] - a[0]).slice(0, 40).map(([b, n]) => `${b} ${n.slice(0, 140)}`).join('\n'));
const rows = [...totals].sort((a, b) => b[1] - a[1]);
const code = rows.filter(([c]) => !c.startsWith('(names')).reduce((s, [, b]) => s + b, 0);
console.log(`module: ${module}, ${(all / 1024).toFixed(1)} KB, of which ${(code / 1024).toFixed(1)} KB code and data\n`);
console.log('| crate | KB | share of code and data |');
console.log('|---|---:|---:|');
const shown = Number(process.env.ROWS ?? 20);
for (const [crate, bytes] of rows.filter(([c]) => !c.startsWith('(names')).slice(0, shown)) {
  console.log(`| ${crate} | ${(bytes / 1024).toFixed(1)} | ${((bytes / code) * 100).toFixed(1)} % |`);
}
const rest = rows.filter(([c]) => !c.startsWith('(names')).slice(shown).reduce((s, [, b]) => s + b, 0);
if (rest) console.log(`| the rest | ${(rest / 1024).toFixed(1)} | ${((rest / code) * 100).toFixed(1)} % |`);
