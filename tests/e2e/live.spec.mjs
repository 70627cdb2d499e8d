// Readers' open pages learn of news (README, "Run it for a newsroom"):
// nginx serves target/nginx/live-site (a copy of target/dist-sr-latn, the
// Serbian sample site, whose sites/sr-latn.toml says `[live] poll_seconds =
// 5`) with the production configuration on 4184, and `scripts/publish
// --watch` keeps it current from a copy of the sample content. Articles are added, edited and deleted as files;
// open pages in Chromium are watched for the notices, their accessibility,
// layout shift, focus, and what their checks cost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { goLive, watchErrors, axeResults, recordShifts } from './navigate.mjs';
import { AXE_TAGS } from './journeys.mjs';

const SITE = 'http://127.0.0.1:4184';
const served = path.resolve('target/nginx/live-site');
const POLL = 5;
const notice = (page) => page.locator('.live-notice');

let scratch; // { dir, articles }
let watcher; // { process, log, exit }

/** How many of the watcher's cycles have named `slug` so far. */
const cyclesNaming = (slug) => watcher.log.split('\n').filter((l) => l.includes('published in') && l.includes(slug)).length;

/** Writes an article file, the sample's figures under another name; the
 * watcher's cycles that named it before. */
function writeArticle(slug, fields) {
  const before = cyclesNaming(slug);
  const sample = JSON.parse(fs.readFileSync('content/articles/kfor-troop-levels-since-1999.json', 'utf8'));
  fs.writeFileSync(path.join(scratch.articles, `${slug}.json`), JSON.stringify({
    ...sample, slug, updated: undefined, related: [], ...fields,
  }));
  return before;
}

/** Waits until the watcher has published a cycle naming `slug` after the `before`th. */
async function published(slug, before) {
  await expect.poll(() => cyclesNaming(slug), { timeout: 20_000 }).toBeGreaterThan(before);
}

/** Requests for `file` (a path) the page makes from now on, with their answers. */
function requestsFor(page, file) {
  const seen = [];
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname !== file) return;
    const sizes = await response.request().sizes().catch(() => null);
    seen.push({ status: response.status(), bytes: sizes ? sizes.responseHeadersSize + sizes.responseBodySize : null, frame: response.frame()?.parentFrame() ? 'frame' : 'top' });
  });
  return seen;
}

test.describe.configure({ mode: 'serial' });
test.use({ timezoneId: 'Europe/Belgrade' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-live-'));
  const articles = path.join(dir, 'articles');
  fs.cpSync('content/articles', articles, { recursive: true });
  const config = path.join(dir, 'gazette.toml');
  fs.writeFileSync(config, fs.readFileSync('sites/sr-latn.toml', 'utf8').replace(/^articles = .*$/m, `articles = "${articles}"`));
  scratch = { dir, articles };
  const child = spawn('scripts/publish', ['--dist', served, '--watch'], { env: { ...process.env, GAZETTE_CONFIG: config } });
  watcher = { process: child, log: '', exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
  child.stdout.on('data', (d) => { watcher.log += d; });
  child.stderr.on('data', (d) => { watcher.log += d; });
  // The first cycle writes every page again with this site's setting.
  await expect.poll(() => watcher.log, { timeout: 170_000 }).toMatch(/watching .* for changes in /);
  expect(fs.readFileSync(path.join(served, 'index.html'), 'utf8')).toContain(`data-poll="${POLL}"`);
});

test.afterAll(async () => {
  if (watcher) {
    watcher.process.kill('SIGTERM');
    expect(await watcher.exit).toEqual({ code: 0, signal: null });
  }
  if (scratch) fs.rmSync(scratch.dir, { recursive: true, force: true });
});

test('the front page announces new stories without moving the list, and shows them on request', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await page.goto(`${SITE}/`);
  await goLive(page);
  await page.evaluate(recordShifts);
  const first = await page.locator('.teaser-headline').first().textContent();
  const count = await page.locator('.teaser').count();
  await expect(notice(page)).toHaveAttribute('role', 'status');
  await expect(notice(page)).toBeEmpty();

  await published('live-first-new', writeArticle('live-first-new', { headline: 'A first new story about troop levels', published: '2031-01-01T09:00:00Z' }));
  const button = notice(page).getByRole('button');
  await expect(button).toHaveText('1 nova vest', { timeout: (POLL + 3) * 1000 });
  // Announced, not inserted.
  await expect(page.locator('.teaser-headline').first()).toHaveText(first);
  await expect(page.locator('.teaser')).toHaveCount(count);

  await published('live-second-new', writeArticle('live-second-new', { headline: 'A second new story about troop levels', published: '2031-01-02T09:00:00Z' }));
  await expect(button).toHaveText('2 nove vesti', { timeout: (POLL + 3) * 1000 });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const axe = await axeResults(page, AXE_TAGS);
    expect(axe.violations.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  fs.mkdirSync('target/screenshots', { recursive: true });
  await page.screenshot({ path: 'target/screenshots/live-front-desktop.png' });

  // Pressed: the new stories on top, focus on the first, the notice gone.
  await button.click();
  await expect(page.locator('.teaser-headline').nth(0)).toHaveText('A second new story about troop levels');
  await expect(page.locator('.teaser-headline').nth(1)).toHaveText('A first new story about troop levels');
  await expect(page.locator('main .teaser a').first()).toBeFocused();
  await expect(notice(page)).toBeEmpty();
  // By keyboard too, at a phone's width and in the dark: the next one.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await published('live-third-new', writeArticle('live-third-new', { headline: 'A third new story about troop levels', published: '2031-01-03T09:00:00Z' }));
  await expect(button).toHaveText('1 nova vest', { timeout: (POLL + 3) * 1000 });
  await page.screenshot({ path: 'target/screenshots/live-front-phone-dark.png' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.teaser-headline').first()).toHaveText('A third new story about troop levels');
  await expect(page.locator('main .teaser a').first()).toBeFocused();
  expect(await page.evaluate(() => window.shifts)).toEqual([]);
  expect(errors).toEqual([]);
});

test('an open article says it was updated, shows the latest version on request, and says when it is unpublished', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  const slug = 'live-article';
  await published(slug, writeArticle(slug, { headline: 'Troop levels, as first published', published: '2030-06-01T09:00:00Z' }));
  await page.goto(`${SITE}/articles/${slug}`);
  await goLive(page);
  const scrolled = await page.evaluate(() => { scrollTo(0, 180); return scrollY; });
  expect(scrolled).toBeGreaterThan(150);

  // Edited: WordPress moves `updated` on; an article file says it itself.
  await published(slug, writeArticle(slug, { headline: 'Troop levels, as corrected', published: '2030-06-01T09:00:00Z', updated: '2031-03-04T13:32:00Z' }));
  const button = notice(page).getByRole('button');
  // 13:32 UTC is 14:32 on the reader's clock in Belgrade.
  await expect(button).toHaveText('Ažurirano u 14:32 — prikaži najnoviju verziju', { timeout: (POLL + 3) * 1000 });
  await expect(page.locator('main h1')).toHaveText('Troop levels, as first published');
  const axe = await axeResults(page, AXE_TAGS);
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await button.click();
  await expect(page.locator('main h1')).toHaveText('Troop levels, as corrected');
  await expect(page.locator('main h1')).toBeFocused();
  await expect(notice(page)).toBeEmpty();
  // Where the reader was: the text changed, not the place.
  expect(Math.abs(await page.evaluate(() => scrollY) - scrolled)).toBeLessThan(2);

  // Unpublished: said, and the text stays until the reader leaves.
  fs.rmSync(path.join(scratch.articles, `${slug}.json`));
  await expect(notice(page)).toHaveText('Ovaj članak više nije dostupan. Tekst ostaje ovde dok ne napustite stranicu.', { timeout: (POLL + 5) * 1000 });
  await expect(page.locator('main h1')).toHaveText('Troop levels, as corrected');
  await page.screenshot({ path: 'target/screenshots/live-article-gone.png' });
  // The 404 of the check is the browser's own line, nothing of the app's.
  expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('checks are conditional and small, pause in a hidden tab, and are never made by embeds', async ({ page }) => {
  test.setTimeout(150_000);
  // A test's switch for the tab's visibility.
  await page.addInitScript(() => {
    window.hideTab = false;
    Object.defineProperty(Document.prototype, 'hidden', { get: () => window.hideTab });
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (window.hideTab ? 'hidden' : 'visible') });
  });
  const front = requestsFor(page, '/api/v1/index.json');
  await page.goto(`${SITE}/`);
  await goLive(page);
  // The first check reads the document (the page came with its data, not
  // its ETag); the next ones are 304s of a few hundred bytes.
  await expect.poll(() => front.length, { timeout: (3 * POLL + 5) * 1000 }).toBeGreaterThanOrEqual(3);
  expect(front[0].status).toBe(200);
  for (const check of front.slice(1)) {
    expect(check.status).toBe(304);
    expect(check.bytes).toBeLessThanOrEqual(500);
  }
  console.log(`live: a check that finds nothing new costs ${front[1].bytes} bytes (headers included)`);
  // Small because JSON documents carry no page-only headers; pages keep them all.
  const headersOf = async (url) => (await page.request.get(`${SITE}${url}`)).headers();
  const [json, html] = [await headersOf('/api/v1/index.json'), await headersOf('/')];
  for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy']) {
    expect(json[name], name).toBeUndefined();
    expect(html[name], name).toBeTruthy();
  }
  expect(json['x-content-type-options']).toBe('nosniff');

  // Hidden: no checks; shown again: checking again within a second or two.
  await page.evaluate(() => { window.hideTab = true; document.dispatchEvent(new Event('visibilitychange')); });
  await page.waitForTimeout(1000);
  const before = front.length;
  await page.waitForTimeout((2 * POLL + 1) * 1000);
  expect(front.length).toBe(before);
  await page.evaluate(() => { window.hideTab = false; document.dispatchEvent(new Event('visibilitychange')); });
  await expect.poll(() => front.length, { timeout: 3000 }).toBeGreaterThan(before);

  // Embeds, on a portal or opened alone, never check.
  const article = requestsFor(page, '/api/v1/articles/kfor-troop-levels-since-1999.json');
  await page.goto('http://127.0.0.1:4175/');
  await page.setContent(`<h1>Portal</h1><iframe title="chart" src="${SITE}/embed/charts/kfor-troop-levels-since-1999/kfor-troops"></iframe><iframe title="article" src="${SITE}/embed/articles/kfor-troop-levels-since-1999"></iframe>`);
  for (const frame of page.frames().slice(1)) await frame.waitForLoadState();
  for (const frame of page.frames().slice(1)) await frame.locator('button, a').first().hover().catch(() => {});
  await page.waitForTimeout((2 * POLL + 2) * 1000);
  expect(article.length, 'an embed\'s document is read once, never checked').toBeLessThanOrEqual(2);
  // Opened alone, at the top of its tab, an embed does not check either.
  const alone = requestsFor(page, '/api/v1/articles/kfor-troop-levels-since-1999.json');
  await page.goto(`${SITE}/embed/articles/kfor-troop-levels-since-1999`);
  // In an embed only its controls bring the app (docs/loading.md).
  await page.locator('button').first().hover();
  await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
  await page.waitForTimeout((2 * POLL + 2) * 1000);
  expect(alone.length, 'an embed alone reads its document once at most').toBeLessThanOrEqual(1);
});

test('a page left untouched for an hour stops checking, and starts again when the reader is back', async ({ page }) => {
  test.setTimeout(60_000);
  // Time flows as usual, but the test can move the clock on.
  await page.clock.install();
  const front = requestsFor(page, '/api/v1/index.json');
  await page.goto(`${SITE}/`);
  await goLive(page);
  await expect.poll(() => front.length, { timeout: (POLL + 5) * 1000 }).toBeGreaterThanOrEqual(1);
  // An hour and a second later, nobody having touched it: no more checks.
  await page.clock.setSystemTime(Date.now() + 3_601_000);
  await page.waitForTimeout((POLL + 1) * 1000);
  const atAnHour = front.length;
  await page.waitForTimeout((2 * POLL + 1) * 1000);
  expect(front.length).toBe(atAnHour);
  // Back: a key pressed, and the page checks again.
  await page.keyboard.press('Shift');
  await expect.poll(() => front.length, { timeout: (POLL + 3) * 1000 }).toBeGreaterThan(atAnHour);
});

test('a front page nobody touches starts checking by itself; a site with poll_seconds = 0 never checks', async ({ page }) => {
  test.setTimeout(60_000);
  const front = requestsFor(page, '/api/v1/index.json');
  await page.goto(`${SITE}/`);
  // No pointer, key or focus: the app starts once the page was in view for a poll.
  await page.locator('html[data-app=live]').waitFor({ state: 'attached', timeout: (POLL + 10) * 1000 });
  await expect.poll(() => front.length, { timeout: (2 * POLL + 5) * 1000 }).toBeGreaterThanOrEqual(1);
  // A page that says 0 neither loads the app by itself nor checks.
  const never = requestsFor(page, '/api/v1/index.json');
  await page.route(`${SITE}/`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: (await response.text()).replace(`data-poll="${POLL}"`, 'data-poll="0"') });
  });
  await page.goto(`${SITE}/`);
  await page.waitForTimeout((2 * POLL + 2) * 1000);
  expect(await page.locator('html[data-app=live]').count()).toBe(0);
  await goLive(page);
  await page.waitForTimeout((2 * POLL + 2) * 1000);
  expect(never.filter((r) => r.status)).toEqual([]);
});
