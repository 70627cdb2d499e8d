// public/boot.js decides, before the app loads, which JSON the page needs
// (to fetch it beside the WASM) and whether the page is an embed. Its
// routing must agree with the app's (contract/src/routes.rs): both are
// tested on the same corpus of addresses, tests/routes.json. Run: node --test tests/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';

const source = fs.readFileSync(new URL('../public/boot.js', import.meta.url), 'utf8');
const routeData = source.match(/^function routeData\(\) \{[\s\S]*?^\}$/m)?.[0];
const corpus = JSON.parse(fs.readFileSync(new URL('./routes.json', import.meta.url), 'utf8'));
// The route table the build writes into the loader's element (xtask/src/plan/routes.rs).
const table = execFileSync('cargo', ['run', '--quiet', '--package', 'xtask', '--', 'routes'], { encoding: 'utf8' }).trim();

/** boot.js's routeData() on a page at `pathname`, under `base`, with `meta` as <meta name="gazette-api">. */
function route(pathname, base, meta = '', routes = table) {
  const elements = {
    'meta[name=gazette-api]': { content: meta },
    'script[data-gazette-routes]': routes === null ? null : { dataset: { gazetteRoutes: routes } },
  };
  const document = {
    baseURI: `https://news.example${base}/`,
    querySelector: (s) => elements[s] ?? null,
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
      // Only the search page waits for a query to ask for the app at once.
      assert.equal(got.query, kind === 'search' ? 'q' : null, `${base}${path}: query`);
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

test('boot.js routes nothing, and throws nothing, without a table or with a broken one', () => {
  for (const routes of [null, '', '{', '{"routes":7}']) {
    const got = route('/articles/a', '', '', routes);
    assert.equal(got.url, null, String(routes));
    assert.equal(got.kind, 'not-found', String(routes));
  }
});

test('boot.js follows the table it is given: a route added to it is routed', () => {
  const more = JSON.parse(table);
  more.routes.push({ kind: 'section', path: '/sections/{slug}', data: '/sections/{slug}.json', pagedPath: '/sections/{slug}/page/{page}', pagedData: '/sections/{slug}/page/{page}.json', embed: false });
  const at = (path) => route(path, '/news', '', JSON.stringify(more));
  assert.deepEqual({ ...at('/news/sections/politics/page/3') }, { url: '/news/api/v1/sections/politics/page/3.json', embed: false, kind: 'section', slug: 'politics', bodyMax: more.bodyMax, query: null });
  assert.equal(at('/news/sections/politics/page/1').url, '/news/api/v1/sections/politics/page/1.json');
  assert.equal(at('/news/sections/politics/page/0').url, null);
  assert.equal(at('/news/sections/Politics').url, null);
});
