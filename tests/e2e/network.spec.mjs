// Failing networks and hostile content: the reader always gets a clear answer.
// Article documents come from tests/e2e/fault-server.mjs (port 4178).
import { test, expect } from '@playwright/test';
import { clientNavigate, openLive } from './navigate.mjs';
import { hostileDocuments } from './fixtures.mjs';

const FAULTY = 'http://127.0.0.1:4178';
const attempts = async (request, slug) => Number(await (await request.get(`${FAULTY}/__attempts/${slug}`)).text());

const CASES = [
  // slug, what the reader is told, retry offered, requests made (1 + automatic retries)
  ['fault-500', 'error 500', true, 3],
  ['fault-503', 'error 503', true, 3],
  // Chromium itself retries a GET whose connection was reset (up to three
  // times each), and boot.js's preload of the route's JSON is one more GET
  // that the app cannot reuse once it failed, so the server sees more than
  // the app's three attempts; the app still stops.
  ['fault-reset', 'could not reach the server', true, [3, 12]],
  ['fault-truncated', 'arrived incomplete', true, 3],
  ['fault-type', 'something other than an article', true, 1],
  ['fault-html', 'something other than an article', true, 1],
  ['fault-huge', 'too large', false, 1],
  // No Content-Length: counted while read, stopped at the cap, not retried.
  ['fault-endless', 'too large', false, 1],
  ['fault-hang', 'took too long', true, 1],
  ['fault-drip', 'took too long', true, 1],
];

test.describe('each network fault gives a specific message', () => {
  test.describe.configure({ timeout: 40_000 });
  for (const [slug, message, retryable, requests] of CASES) {
    test(slug, async ({ page, request }) => {
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      // The server counts every request for the slug since it started
      // (the engines' journeys ask for some of the same documents).
      const before = await attempts(request, slug);
      const started = Date.now();
      await openLive(page, `${FAULTY}/articles/${slug}`);
      await expect(page.locator('.error-state')).toContainText(message, { timeout: 20_000 });
      const elapsed = Date.now() - started;
      await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(retryable ? 1 : 0);
      await expect(page.getByRole('link', { name: 'Go to the front page' })).toBeVisible();
      const made = await attempts(request, slug) - before;
      if (Array.isArray(requests)) {
        expect(made).toBeGreaterThanOrEqual(requests[0]);
        expect(made).toBeLessThanOrEqual(requests[1]);
      } else {
        expect(made).toBe(requests);
      }
      if (slug === 'fault-503') expect(elapsed).toBeGreaterThanOrEqual(2000); // Retry-After: 1, twice
      if (slug === 'fault-endless') expect(elapsed).toBeLessThan(8_000); // not the 10 s timeout
      if (slug === 'fault-hang' || slug === 'fault-drip') {
        expect(elapsed).toBeGreaterThanOrEqual(9_500);
        expect(elapsed).toBeLessThan(15_000);
      }
      expect(errors).toEqual([]);
      console.log(`${slug}: "${message}" after ${elapsed} ms, ${made} request(s)`);
    });
  }
});

test('a 404 for a document is a not-found page', async ({ page }) => {
  await openLive(page, `${FAULTY}/articles/fault-404`);
  await expect(page.locator('main h1')).toHaveText('Page not found');
});

test('retries back off, stop, and the reader\'s retry recovers', async ({ page, request }) => {
  await openLive(page, `${FAULTY}/articles/fault-flaky`);
  await expect(page.locator('.error-state')).toContainText('error 503');
  expect(await attempts(request, 'fault-flaky')).toBe(3);
  await page.waitForTimeout(1500);
  expect(await attempts(request, 'fault-flaky')).toBe(3); // it stopped
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');
});

test('going offline is said, and coming back loads what failed without a reload', async ({ page, context }) => {
  await openLive(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await page.evaluate(() => { window.__spa = true; });
  await context.setOffline(true);
  await expect(page.locator('.offline-banner')).toContainText('You are offline');
  await page.getByRole('link', { name: 'KFOR clears the last roadblocks in northern Kosovo' }).click();
  await expect(page.locator('.error-state')).toContainText('You are offline');
  await context.setOffline(false);
  await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');
  await expect(page.locator('.offline-banner')).not.toContainText('offline');
  expect(await page.evaluate(() => window.__spa)).toBe(true);
});

test('rapid navigation ends on the last article clicked and drops the rest', async ({ page }) => {
  const slugs = ['kfor-clears-last-barricades', 'kfor-troop-levels-since-1999', 'nato-reexamines-ksf-engagement',
    'kfor-answers-serbian-request', 'kfor-refrain-from-provocations'];
  // Between page kinds too, so a page (and its signals) goes away while
  // its request is still out.
  const order = [...slugs.map((s) => `/articles/${s}`), '/tags/kfor', '/', '/no/such/page', '/tags/kfor',
    ...slugs.map((s) => `/articles/${s}`)];
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/api/v1/{articles,tags}/*.json', async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue().catch(() => {});
  });
  await openLive(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  // A row of links outside the app's views, clicked faster than answers come.
  await page.evaluate((list) => {
    const nav = document.createElement('nav');
    nav.id = 'rapid';
    for (const [i, path] of list.entries()) {
      const a = document.createElement('a');
      a.href = path;
      a.textContent = `link ${i}`;
      nav.append(a);
    }
    document.body.prepend(nav);
  }, order);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  const headlines = [];
  await page.exposeFunction('__seen', (h) => headlines.push(h));
  await page.evaluate(() => new MutationObserver(() => {
    const h = document.querySelector('main h1');
    if (h) window.__seen(h.textContent);
  }).observe(document.body, { childList: true, subtree: true, characterData: true }));
  for (let i = 0; i < order.length; i++) {
    await page.locator(`#rapid a >> nth=${i}`).click();
    await page.waitForTimeout(50);
  }
  const last = 'KFOR: refrain from provocations and seek solutions through dialogue';
  await expect(page.locator('main h1')).toHaveText(last);
  await page.waitForTimeout(1500);
  await expect(page.locator('main h1')).toHaveText(last);
  expect(page.url()).toContain('/articles/kfor-refrain-from-provocations');
  // No other article's headline was ever shown on the way.
  // (The front page's and the not-found page's own headings need no request.)
  const articleHeadlines = headlines.filter((h) => h !== 'Latest news' && h !== 'Page not found');
  expect(new Set(articleHeadlines)).toEqual(new Set([last]));
  console.log(`rapid navigation: ${order.length} clicks, ${failed.length} superseded requests cancelled`);
  // Superseded requests are aborted, not left to finish.
  expect(failed.length).toBeGreaterThan(0);
  // And nothing went wrong on the way: no panic, no error in the console.
  expect(errors).toEqual([]);
  await expect(page.locator('.crash')).toHaveCount(0);
});

// One mechanism cancels a page's request (pages::fetched): the page
// going away drops it, whatever kind of page it was and wherever the reader goes.
test('a page the reader leaves stops its request, and its answer is never shown', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const failed = [];
  page.on('requestfailed', (r) => failed.push(new URL(r.url()).pathname));
  await openLive(page, '/no/such/page');
  for (const [from, json, to, heading] of [
    ['/articles/kfor-clears-last-barricades', '/api/v1/articles/kfor-clears-last-barricades.json', '/no/such/page', 'Page not found'],
    ['/tags/nato', '/api/v1/tags/nato.json', '/no/such/page', 'Page not found'],
    ['/', '/api/v1/index.json', '/no/such/page', 'Page not found'],
    ['/embed/articles/kfor-troop-levels-since-1999', '/api/v1/articles/kfor-troop-levels-since-1999.json', '/no/such/page', 'Page not found'],
  ]) {
    let answered;
    const released = new Promise((r) => { answered = r; });
    await page.route(`**${json}`, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue().catch(() => {});
      answered();
    });
    await clientNavigate(page, from);
    await expect(page.locator('.loading'), from).toBeVisible();
    await clientNavigate(page, to);
    await expect(page.locator('main h1'), from).toHaveText(heading);
    await released;
    await page.waitForTimeout(200);
    expect(failed, `${from}: its request was aborted`).toContain(json);
    await expect(page.locator('main h1'), `${from}: its answer never replaced ${to}`).toHaveText(heading);
    await page.unroute(`**${json}`);
  }
  expect(errors).toEqual([]);
});

// The same for timers (src/browser/timer.rs): a page's pause before it asks
// for news again, a request's timeout, search's start-up deadline. A timer
// left pending keeps what waits on it alive until it fires: CI's soak saw
// the heap grow 27 % from one 20-second pause per page left behind.
test('a page the reader leaves leaves no timer behind', async ({ page }) => {
  await page.addInitScript(() => {
    // The app's pending timers of a second or more, with where each was set.
    const pending = new Map();
    window.appTimers = () => [...pending.values()];
    const { setTimeout: set, clearTimeout: clear } = window;
    window.setTimeout = function (callback, delay, ...rest) {
      const where = new Error().stack;
      const id = set.call(window, (...a) => {
        pending.delete(id);
        if (typeof callback === 'function') callback(...a);
      }, delay, ...rest);
      if (delay >= 1000 && where.includes('.wasm')) pending.set(id, `${delay} ms`);
      return id;
    };
    window.clearTimeout = (id) => { pending.delete(id); clear.call(window, id); };
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openLive(page, '/articles/kfor-refrain-from-provocations');
  const pages = [
    ['/articles/kfor-clears-last-barricades', 'main article h1'],
    ['/tags/kfor', 'main .teaser'],
    ['/search?q=kfor', 'main .search-results li'],
    ['/', 'main .teaser'],
    ['/articles/kfor-troop-levels-since-1999', 'main article h1'],
    ['/search?q=barricades', 'main .search-results li'],
  ];
  for (let round = 0; round < 3; round++) {
    for (const [to, shown] of pages) {
      await clientNavigate(page, to);
      await expect(page.locator(shown).first(), to).toBeVisible();
    }
  }
  // What is left: the open page's own pause, nothing of the 17 pages before.
  const left = await page.evaluate(() => window.appTimers());
  console.log(`timers pending after 18 pages: ${left.length} (${left.join(', ')})`);
  expect(left.length).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('hostile documents render inert or are refused, and nothing runs', async ({ page }) => {
  test.setTimeout(120_000);
  const base = JSON.parse(await (await page.request.get('/api/v1/articles/kfor-clears-last-barricades.json')).text());
  const bodies = hostileDocuments(base);
  await page.route('**/api/v1/articles/hostile-*.json', (route) => {
    const slug = route.request().url().match(/(hostile-[a-z-]+)\.json/)[1];
    return route.fulfill({ contentType: 'application/json', body: bodies[slug].body });
  });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openLive(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  // The longest task the main thread ran while each document was handled.
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const longest = {};
  const roundTrip = {};
  for (const [slug, c] of Object.entries(bodies)) {
    await clientNavigate(page, `/articles/${slug}`);
    if (c.expect === 'h1') {
      await expect(page.locator('main h1'), slug).toContainText(c.text);
    } else {
      await expect(page.locator('.error-state'), slug).toContainText(c.text);
    }
    // Still responsive: the page's main thread never froze for long while
    // the document was parsed and refused. Measured in the page (long
    // tasks), not by timing a call from here: the harness's own round trip
    // after it handed Chromium a 34 MB body took 1.0-1.6 s on a 2-core
    // machine while the page ran no long task at all (printed below).
    const t0 = Date.now();
    await page.waitForTimeout(50); // long tasks are reported after they end
    longest[slug] = Math.round(await page.evaluate(() => { const l = window.__longest; window.__longest = 0; return l; }));
    roundTrip[slug] = Date.now() - t0 - 50;
    expect(longest[slug], `${slug}: longest task`).toBeLessThan(1500);
  }
  console.log(`longest main-thread task per hostile document (ms): ${JSON.stringify(longest)}`);
  console.log(`the harness's round trip to the page after each (ms, not budgeted): ${JSON.stringify(roundTrip)}`);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  expect(await page.locator('main script, main iframe, main style').count()).toBe(0);
  // The rest of the app still works.
  await page.getByRole('link', { name: 'Gazette' }).click();
  await expect(page.locator('main h1')).toHaveText('Latest news');
});
