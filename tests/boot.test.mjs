// public/boot.js decides, before the app loads, which JSON the page needs
// (to fetch it beside the WASM) and whether the page is an embed. Its
// routing must agree with the app's (src/routes.rs): both are tested on the
// same corpus of addresses, tests/routes.json. Run: node --test tests/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';

const source = fs.readFileSync(new URL('../public/boot.js', import.meta.url), 'utf8');
const routeData = source.match(/^function routeData\(\) \{[\s\S]*?^\}$/m)?.[0];
const corpus = JSON.parse(fs.readFileSync(new URL('./routes.json', import.meta.url), 'utf8'));

/** boot.js's routeData() on a page at `pathname`, under `base`, with `meta` as <meta name="gazette-api">. */
function route(pathname, base, meta = '') {
  const document = {
    baseURI: `https://news.example${base}/`,
    querySelector: (s) => (s === 'meta[name=gazette-api]' ? { content: meta } : null),
  };
  return vm.runInNewContext(`${routeData}; routeData()`, { document, location: { pathname }, URL });
}

test('boot.js has a routeData function to test', () => {
  assert.ok(routeData, 'function routeData() { … } not found in public/boot.js');
});

for (const base of ['', '/news']) {
  test(`boot.js routes every address of the corpus as the app does, base "${base}"`, () => {
    for (const { path, route: kind, data } of corpus.addresses) {
      if (!base && !path) continue; // no address is empty at the root
      const got = route(`${base}${path}`, base);
      assert.equal(got.url, data && `${base}/api/v1${data}`, `${base}${path}`);
      assert.equal(got.embed, kind.endsWith('-embed'), `${base}${path}: embed`);
      // The page view's type is the corpus's (and PageKind::name's) name.
      assert.equal(got.kind, kind, `${base}${path}: kind`);
    }
  });
}

test('boot.js takes the API root from the page only when Paths::with_api would', () => {
  const at = (meta) => route('/articles/a', '', meta).url;
  assert.equal(at('https://cms.example/gazette/v1/'), 'https://cms.example/gazette/v1/articles/a.json');
  assert.equal(at('/data/v1'), '/data/v1/articles/a.json');
  for (const bad of ['javascript:alert(1)', '//evil.example', '/\\evil.example', '/\\/evil.example', 'data/v1', '/a b', '/a\u0085b', 'ftp://x', '/a"b']) {
    assert.equal(at(bad), '/api/v1/articles/a.json', bad);
  }
});
