// Search in Chromium, beyond the journey every engine runs (journeys.mjs,
// `search`): the form without JavaScript, hostile queries, an index that is
// missing, cut short or tampered with, a shard gone under a reader's open
// page (a publish), text typed before the app arrived, and the count in
// each language's plural forms.
import { test, expect } from '@playwright/test';
import { holdWasm, openLive, watchErrors } from './navigate.mjs';

const results = (page) => page.locator('.search-result');
const status = (page) => page.locator('.search-status');

test('the header form is a plain GET that works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/articles/kfor-refrain-from-provocations');
  const form = page.getByRole('search', { name: 'Search articles' });
  await expect(form).toHaveAttribute('action', '/search');
  await expect(form).toHaveAttribute('method', 'get');
  await form.getByRole('searchbox', { name: 'Search articles' }).fill('Vučić barricades');
  await form.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL('/search?q=Vu%C4%8Di%C4%87+barricades');
  await expect(page.locator('main h1')).toHaveText('Search');
  await expect(status(page)).toHaveText(/needs JavaScript/);
  await expect(page.locator('main a[href="/"]')).toHaveText('Go to the front page');
  await expect(page.locator('meta[name=robots]')).toHaveAttribute('content', 'noindex');
  await context.close();
});

test('hostile queries are text: cut, never run, and the page keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  // (An address of over 8 KB is refused by nginx itself, 414, before any page.)
  for (const q of ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>kfor', `kfor\u0000\u0007\u001b[31m`, 'ђ'.repeat(1_200), 'x'.repeat(7_000), '%00%ZZ%', '‮kfor']) {
    await page.goto(`/search?q=${encodeURIComponent(q)}`);
    await expect(page.locator('html[data-app=live]'), q.slice(0, 30)).toBeAttached();
    await expect(page.locator('main section[aria-busy]')).toHaveCount(0);
    await expect(status(page)).toHaveText(/(No articles match|results? for) “/);
    const shown = await status(page).textContent();
    expect(shown.length, q.slice(0, 20)).toBeLessThan(400);
    expect(await page.locator('main img, main script, main iframe').count()).toBe(0);
    expect((await page.locator('#search-q').inputValue()).length).toBeLessThanOrEqual(200);
  }
  // Ten thousand characters pasted into the box: it keeps 200.
  await page.locator('#search-q').fill('kfor '.repeat(2_000));
  expect(await page.locator('#search-q').inputValue()).toHaveLength(200);
  await expect(status(page)).toHaveText(/^5 results for “kfor kfor/);
  expect(errors).toEqual([]);
});

for (const [name, fault] of [
  ['missing', (route) => route.fulfill({ status: 404, body: 'gone' })],
  ['cut short', async (route) => { const r = await route.fetch(); const body = await r.text(); await route.fulfill({ response: r, body: body.slice(0, body.length / 2) }); }],
  ['tampered with', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version":1,"articles":-1,"shards":{"a":"../../etc"}}' })],
  ['an error page', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Oops</h1>' })],
]) {
  test(`an index ${name} says search is unavailable, and trying again recovers`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.route('**/api/v1/search/index.json', fault);
    await page.goto('/search?q=kfor');
    await expect(status(page)).toHaveText(/^Search is unavailable right now: /);
    await expect(results(page)).toHaveCount(0);
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(status(page)).toHaveText('5 results for “kfor”');
    await expect(results(page)).toHaveCount(5);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });
}

test('a shard gone under an open page (a publish) is read as a new index: the manifest again, and one more try', async ({ page }) => {
  let manifests = 0;
  let refused = 0;
  await page.route('**/api/v1/search/index.json', (route) => { manifests += 1; return route.continue(); });
  await page.route('**/api/v1/search/shards/*.json', (route) => (refused++ === 0 ? route.fulfill({ status: 404, body: '' }) : route.continue()));
  await page.goto('/search?q=kfor');
  await expect(status(page)).toHaveText('5 results for “kfor”');
  expect(manifests).toBe(2);
  // A shard that stays gone is unavailable after one more try, not a loop.
  await page.unrouteAll();
  manifests = 0;
  await page.route('**/api/v1/search/index.json', (route) => { manifests += 1; return route.continue(); });
  await page.route('**/api/v1/search/shards/*.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/search?q=nato');
  await expect(status(page)).toHaveText(/^Search is unavailable right now: /);
  expect(manifests).toBe(2);
});

test("the page hands the engine its WASM; if the page's fetch fails, the worker fetches it itself", async ({ page }) => {
  const errors = watchErrors(page);
  let wasm = 0;
  await page.route('**/search-worker_bg.wasm', (route) => (wasm++ === 0 ? route.abort() : route.continue()));
  await page.goto('/search?q=kfor');
  await expect(status(page)).toHaveText('5 results for “kfor”');
  expect(wasm).toBe(2);
  expect(errors.filter((e) => !/search-worker_bg|ERR_FAILED/.test(e))).toEqual([]);
  // Served whole, once: fetched by the page and never by the worker.
  await page.unrouteAll();
  wasm = 0;
  await page.route('**/search-worker_bg.wasm', (route) => { wasm += 1; return route.continue(); });
  await page.goto('/search?q=nato');
  await expect(status(page)).toHaveText('4 results for “nato”');
  expect(wasm).toBe(1);
});

test('nothing of search loads until the box has focus; then its engine starts, and the index loads with the first query', async ({ page }) => {
  const files = [];
  page.on('request', (r) => { if (/search/.test(new URL(r.url()).pathname)) files.push(new URL(r.url()).pathname); });
  await openLive(page, '/articles/kfor-refrain-from-provocations');
  await page.mouse.move(5, 5);
  expect(files).toEqual([]);
  await page.locator('#search-q').focus();
  await expect.poll(() => [...files].sort()).toEqual(['/search-engine.js', '/search-worker_bg.wasm']);
  await page.keyboard.type('nato');
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('4 results for “nato”');
  expect(files.filter((f) => f.startsWith('/api/'))[0]).toBe('/api/v1/search/index.json');
});

test('results follow typing (debounced), the address too, and each further query costs no new index file', async ({ page }) => {
  await openLive(page, '/search');
  await expect(status(page)).toHaveText('Type a word or a name to search every article, in either script.');
  const files = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/search/')) files.push(new URL(r.url()).pathname); });
  await page.locator('#search-q').pressSequentially('kosovo', { delay: 30 });
  await expect(page).toHaveURL('/search?q=kosovo');
  await expect(status(page)).toHaveText('5 results for “kosovo”');
  await expect(page).toHaveTitle('“kosovo”: search · Gazette');
  // Typing fast searched once, not once a letter.
  expect(files.filter((f) => f.endsWith('index.json'))).toHaveLength(1);
  const before = files.length;
  await page.locator('#search-q').fill('kosova troop');
  await expect(status(page)).toHaveText(/results? for “kosova troop”/);
  // The sample's words fit one shard: a further query fetches only the
  // fragments (whole or leads) of results not shown before (bench-site
  // measures a large index).
  expect(files.slice(before).filter((f) => !/^\/api\/v1\/search\/(articles|leads)\/\d+\.json$/.test(f))).toEqual([]);
  // Cleared: the prompt again, and the address without a query.
  await page.locator('#search-q').fill('');
  await expect(page).toHaveURL('/search');
  await expect(results(page)).toHaveCount(0);
});

test('text typed into the box before the app arrived is kept when it takes over', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/articles/kfor-refrain-from-provocations');
  await page.locator('#search-q').pressSequentially('barric');
  release();
  await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
  await expect(page.locator('#search-q')).toBeFocused();
  await expect(page.locator('#search-q')).toHaveValue('barric');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/search?q=barric');
  await expect(status(page)).toHaveText('2 results for “barric”');
  await expect(page.locator('main h1')).toBeFocused();
});

for (const [port, cases] of [
  [4179, [['timetable', '1 rezultat za „timetable”'], ['eulex', '2 rezultata za „eulex”'], ['kfor', '5 rezultata za „kfor”'], ['zzzq', 'Nijedan članak ne odgovara upitu „zzzq”. Proverite pravopis ili pokušajte sa manje reči ili drugim rečima.']]],
  [4180, [['тиметабле', '1 резултат за „тиметабле”'], ['Вучић', '2 резултата за „Вучић”'], ['kfor', '5 резултата за „kfor”']]],
  [4181, [['timetable', '1 rezultat për „timetable”'], ['vucic', '2 rezultate për „vucic”']]],
]) {
  test(`the count is said in the site's language and its plural forms (${port})`, async ({ page }) => {
    for (const [q, said] of cases) {
      await page.goto(`http://127.0.0.1:${port}/search?q=${encodeURIComponent(q)}`);
      await expect(status(page)).toHaveText(said);
      await expect(status(page)).toHaveAttribute('role', 'status');
    }
  });
}

// The engine's start stalls: the page's fetch of its WASM is given up after
// 10 s and the worker fetches it itself; an engine that never says it
// listens (its WASM or its script never arrives) is given up after 20 s,
// said, and the next try starts a new one.
test("a stalled hand-over of the engine's WASM is given up, and the worker fetches it itself", async ({ page }) => {
  test.setTimeout(60_000);
  let wasm = 0;
  await page.route('**/search-worker_bg.wasm', (route) => (wasm++ === 0 ? undefined : route.continue()));
  const asked = Date.now();
  await page.goto('/search?q=kfor');
  await expect(status(page)).toHaveText('5 results for “kfor”', { timeout: 20_000 });
  expect(wasm).toBe(2);
  expect(Date.now() - asked).toBeGreaterThan(9_000);
});

for (const [stalled, pattern] of [['WASM', '**/search-worker_bg.wasm'], ['script', '**/search-engine.js']]) {
  test(`an engine whose ${stalled} never arrives is given up and said, and trying again recovers`, async ({ page }) => {
    test.setTimeout(60_000);
    const errors = watchErrors(page);
    await page.route(pattern, () => {}); // never answered
    await page.goto('/search?q=kfor');
    await expect(status(page)).toHaveText('Searching…');
    await expect(status(page)).toHaveText(/^Search is unavailable right now: .*too long/, { timeout: 30_000 });
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.locator('.search-page button').click();
    await expect(status(page)).toHaveText('5 results for “kfor”');
    expect(errors.filter((e) => !/search-worker_bg|search-engine|ERR_/.test(e))).toEqual([]);
  });
}
